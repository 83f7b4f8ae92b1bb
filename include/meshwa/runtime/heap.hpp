// Per-domain heaps on key-tagged memory (the allocator behind docs/mpk.md).
//
// One reservation of virtual memory is cut into equal, aligned regions. Each
// region is one heap: the safe services' heap, the exchange heap, or one
// instance of a domain's heap (a restart gets a fresh region). A region is
// tagged with its owner's protection key (pkey_mprotect) and all allocator
// metadata of a region lives inside the region, so code that may touch a
// heap's blocks may touch its metadata and no other heap's.
//
// Which heap `operator new` uses is a per-thread setting: the gate sets it to
// the callee's heap for the duration of a call; outside any domain it is the
// safe services' heap (once mpk::start() ran, plain malloc before).
// C `malloc` is not redirected (see docs/mpk.md, "Limits").
#pragma once

#include <cstddef>
#include <cstdint>

namespace meshwa::mpk::heap {

/// The header at the start of a region; opaque outside runtime/mpk.
struct Region;

/// The heap operator new uses in this thread: nullptr means "the default"
/// (the safe heap, or malloc before start()), untagged() means malloc.
// initial-exec: one %fs-relative access, also in position-independent code.
extern __thread Region* tl_current [[gnu::tls_model("initial-exec")]];

/// A marker heap: plain malloc, untagged memory (key 0) every domain can read.
inline Region* untagged() noexcept { return reinterpret_cast<Region*>(std::uintptr_t{1}); }

/// Allocates from `r` (not nullptr, not untagged()); nullptr when the region
/// is full or the alignment is above 64 KiB.
void* allocate(Region* r, std::size_t size, std::size_t align) noexcept;

/// Returns `p` to the heap it came from; false when `p` is not in any
/// meshwa heap (then the caller frees it with free()).
bool deallocate(void* p) noexcept;

/// True when `p` points into a meshwa heap region.
bool owns(const void* p) noexcept;

/// Who owns the region that contains `p`.
struct Owner {
  enum Kind : std::uint8_t { none, safe, exchange, domain } kind = none;
  int domain_index = -1;   // for kind == domain: Domain::index()
  bool retired = false;    // a region left behind by a restart
};
Owner owner_of(const void* p) noexcept;

/// Bytes handed out and not yet returned in region `r` (statistics, tests).
std::size_t bytes_in_use(const Region* r) noexcept;

/// The protection key region `r` is tagged with, read back from the kernel
/// (/proc/self/smaps "ProtectionKey"); -1 if unknown. For tests.
int kernel_pkey_of(const Region* r);

/// The first byte of the region (for tests and fault attribution).
const void* base_of(const Region* r) noexcept;

}  // namespace meshwa::mpk::heap

namespace meshwa::mpk {

/// While alive, operator new in this thread allocates untagged memory
/// (malloc, key 0), which every domain can read. Objects that code inside a
/// domain must be able to reach through a pointer it was given — the exits
/// (stubs) behind a meshwa::Ref, the Context a domain's constructor gets —
/// are made inside such a scope (docs/gate-protocol.md).
class UntaggedScope {
 public:
  UntaggedScope() noexcept : saved_(heap::tl_current) { heap::tl_current = heap::untagged(); }
  ~UntaggedScope() { heap::tl_current = saved_; }
  UntaggedScope(const UntaggedScope&) = delete;
  UntaggedScope& operator=(const UntaggedScope&) = delete;

 private:
  heap::Region* saved_;
};

}  // namespace meshwa::mpk
