// The keyed heap allocator (see meshwa/runtime/heap.hpp for the layout).
//
// Why not mimalloc arenas: Debian's libmimalloc.so exports malloc/free, so
// linking it replaces the process allocator, and mimalloc 2.0.9 moves the
// pages of a thread's non-backing heaps into that thread's backing heap when
// the thread exits (mi_heap_delete -> mi_heap_absorb), which would hand pages
// tagged with a domain's key to ordinary allocations. This allocator keeps
// every block of a region inside that region, for the region's whole life.
//
// Small blocks (<= 32 KiB, 84 size classes) come from 64 KiB spans through
// per-thread caches; a thread cache of region R is itself allocated inside R.
// Caches above a limit give their blocks back to the region's central store
// as one batch; a refill takes one batch back. Every list knows its tail, so
// moving a batch, and a thread's exit, cost a few pointer writes, not a walk
// over the blocks (services that start a thread per request do both all the
// time). Large blocks take whole spans (exact-size free lists, no splitting).
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <string>

#include "meshwa/runtime/mpk.hpp"
#include "pkru.hpp"
#include "regions.hpp"

namespace meshwa::mpk::heap {

__thread Region* tl_current [[gnu::tls_model("initial-exec")]] = nullptr;

namespace {

constexpr std::size_t kSpanShift = 16;  // 64 KiB
constexpr std::size_t kSpan = std::size_t{1} << kSpanShift;
constexpr std::size_t kMaxSmall = 32768;
constexpr unsigned kClasses = 84;
constexpr std::size_t kMaxRegions = 64;
constexpr unsigned kLargeLists = 64;  // exact lists for 1..64 spans, one list for more
constexpr std::uint32_t kLargeFlag = 0x80000000u;
constexpr std::uint32_t kMagic = 0x6d70686bu;  // "mphk"

constexpr unsigned class_of(std::size_t s) noexcept {
  if (s <= 1024) return static_cast<unsigned>((s + 15) / 16 - 1);
  const unsigned lg = 63u - static_cast<unsigned>(__builtin_clzll(s - 1));
  const unsigned step = static_cast<unsigned>(((s - 1) >> (lg - 2)) & 3u);
  return 64u + (lg - 10u) * 4u + step;
}
constexpr std::size_t size_of_class(unsigned c) noexcept {
  if (c < 64) return (std::size_t{c} + 1) * 16;
  const unsigned lg = 10 + (c - 64) / 4;
  const unsigned step = (c - 64) % 4;
  return (std::size_t{1} << lg) + (std::size_t{step} + 1) * (std::size_t{1} << (lg - 2));
}
static_assert(class_of(1) == 0 && class_of(16) == 0 && class_of(17) == 1 && class_of(1024) == 63);
static_assert(class_of(1025) == 64 && size_of_class(64) == 1280 && size_of_class(class_of(2048)) == 2048);
static_assert(class_of(kMaxSmall) == kClasses - 1 && size_of_class(kClasses - 1) == kMaxSmall);

struct FreeBlock {
  FreeBlock* next;
};

// `tail` is meaningful only while `head` is not null (so pop, the hot path,
// never touches it).
struct FreeList {
  FreeBlock* head = nullptr;
  FreeBlock* tail = nullptr;
  std::uint32_t count = 0;
};

void push(FreeList& l, FreeBlock* b) noexcept {
  if (l.head == nullptr) l.tail = b;
  b->next = l.head;
  l.head = b;
  ++l.count;
}

FreeBlock* pop(FreeList& l) noexcept {
  FreeBlock* b = l.head;
  l.head = b->next;
  --l.count;
  return b;
}

/// Moves all of `from` in front of `to`.
void splice(FreeList& to, FreeList& from) noexcept {
  if (from.head == nullptr) return;
  from.tail->next = to.head;
  if (to.head == nullptr) to.tail = from.tail;
  to.head = from.head;
  to.count += from.count;
  from = FreeList{};
}

// Batches a region keeps per size class before further blocks go to one
// overflow list (which a refill then takes from in bounded steps).
constexpr unsigned kBatchSlots = 32;
constexpr std::uint32_t kOverflowTake = 64;

struct Central {
  FreeList batches[kBatchSlots];
  unsigned batch_count = 0;
  FreeList overflow;
};

struct ThreadCache {
  FreeList lists[kClasses];
  std::int64_t net_bytes = 0;  // allocated minus freed through this cache
  ThreadCache* next = nullptr;  // all caches of the region
  bool in_use = false;
};

class SpinLock {
 public:
  void lock() noexcept {
    while (flag_.test_and_set(std::memory_order_acquire)) {
      while (flag_.test(std::memory_order_relaxed)) __builtin_ia32_pause();
    }
  }
  void unlock() noexcept { flag_.clear(std::memory_order_release); }

 private:
  std::atomic_flag flag_;
};

struct Guard {
  explicit Guard(SpinLock& l) noexcept : lock(l) { lock.lock(); }
  ~Guard() { lock.unlock(); }
  SpinLock& lock;
};

// Region states in the (untagged) slot table.
enum SlotState : std::uint8_t { kFree, kActive, kRetired };

struct SlotInfo {
  std::atomic<std::uint8_t> state{kFree};
  Owner::Kind kind = Owner::none;
  int domain_index = -1;
};

std::uintptr_t g_base = 0;
std::size_t g_region_bytes = 0;
unsigned g_region_shift = 0;
std::size_t g_total = 0;
std::size_t g_max_regions = 0;
std::atomic<std::size_t> g_next_slot{0};
SlotInfo g_slots[kMaxRegions];
std::atomic<Region*> g_default{nullptr};

__thread ThreadCache* tl_cache[kMaxRegions];
__thread bool tl_exiting = false;
__thread signed char tl_default_ok = 0;  // 0 unknown, 1 safe heap usable here, -1 not (legacy thread)

}  // namespace

struct Region {
  std::uint32_t magic = kMagic;
  unsigned index = 0;
  SpinLock lock;
  std::uintptr_t bump = 0;  // next unused span
  std::uintptr_t end = 0;
  std::uintptr_t cache_bump = 0;  // thread caches are carved from here
  std::uintptr_t cache_end = 0;
  Central central[kClasses];
  FreeBlock* large[kLargeLists + 1] = {};
  std::int64_t large_bytes = 0;
  ThreadCache* caches = nullptr;
  std::uint32_t spans[1];  // really region_bytes / kSpan entries

  [[nodiscard]] std::size_t span_index(const void* p) const noexcept {
    return (reinterpret_cast<std::uintptr_t>(p) - reinterpret_cast<std::uintptr_t>(this)) >> kSpanShift;
  }
};

namespace {

Region* region_at(unsigned slot) noexcept { return reinterpret_cast<Region*>(g_base + (std::size_t{slot} << g_region_shift)); }

// Takes `n` spans from the region's unused tail. Caller holds the lock.
void* take_spans(Region* r, std::size_t n) noexcept {
  const std::size_t bytes = n << kSpanShift;
  if (r->end - r->bump < bytes) return nullptr;
  void* p = reinterpret_cast<void*>(r->bump);
  r->bump += bytes;
  return p;
}

// Gives list `l` (all of it) to the central store of class k. Caller holds the lock.
void give_back(Region* r, unsigned k, FreeList& l) noexcept {
  if (l.head == nullptr) return;
  Central& c = r->central[k];
  if (c.batch_count < kBatchSlots) {
    c.batches[c.batch_count++] = l;
    l = FreeList{};
  } else {
    splice(c.overflow, l);
  }
}

// Moves a batch of class k from the central store into `l`; false when the
// store is empty. Caller holds the lock.
bool take(Region* r, unsigned k, FreeList& l) noexcept {
  Central& c = r->central[k];
  if (c.batch_count > 0) {
    splice(l, c.batches[--c.batch_count]);
    return true;
  }
  if (c.overflow.head == nullptr) return false;
  FreeList part;
  while (part.count < kOverflowTake && c.overflow.head != nullptr) {
    FreeBlock* b = pop(c.overflow);
    b->next = nullptr;
    if (part.head == nullptr) {
      part.head = part.tail = b;
    } else {
      part.tail->next = b;
      part.tail = b;
    }
    ++part.count;
  }
  splice(l, part);
  return true;
}

ThreadCache* new_cache(Region* r) noexcept {
  Guard g(r->lock);
  for (ThreadCache* c = r->caches; c; c = c->next) {
    if (!c->in_use) {  // left by a thread that exited (flushed)
      c->in_use = true;
      return c;
    }
  }
  if (r->cache_end - r->cache_bump < sizeof(ThreadCache)) {
    void* span = take_spans(r, 1);
    if (!span) return nullptr;
    r->spans[r->span_index(span)] = kLargeFlag;  // never a block of its own
    r->cache_bump = reinterpret_cast<std::uintptr_t>(span);
    r->cache_end = r->cache_bump + kSpan;
  }
  auto* c = ::new (reinterpret_cast<void*>(r->cache_bump)) ThreadCache();
  r->cache_bump += (sizeof(ThreadCache) + 63) & ~std::size_t{63};
  c->in_use = true;
  c->next = r->caches;
  r->caches = c;
  return c;
}

// Gives every block of `c` back to the region's central store.
void flush_all(Region* r, ThreadCache* c) noexcept {
  Guard g(r->lock);
  for (unsigned k = 0; k < kClasses; ++k) give_back(r, k, c->lists[k]);
  c->in_use = false;
}

// At thread exit: hand every cache back, with all of meshwa's keys open
// (an exiting thread may have a PKRU that was never adopted).
struct ThreadExit {
  ~ThreadExit() {
    tl_exiting = true;
    const bool hw = g_base != 0 && mpk::hardware();
    const std::uint32_t saved = hw ? detail::read_pkru() : 0;
    if (hw && saved != 0) meshwa_mpk_wrpkru(0);
    for (std::size_t i = 0; i < kMaxRegions; ++i) {
      if (tl_cache[i]) flush_all(region_at(static_cast<unsigned>(i)), tl_cache[i]);
      tl_cache[i] = nullptr;
    }
    if (hw && saved != 0) meshwa_mpk_wrpkru(saved);
  }
};

ThreadCache* cache_for(Region* r) noexcept {
  ThreadCache* c = tl_cache[r->index];
  if (c) [[likely]] return c;
  if (tl_exiting) return nullptr;
  static thread_local ThreadExit at_exit;  // registers the flush once per thread
  (void)&at_exit;
  c = new_cache(r);
  tl_cache[r->index] = c;
  return c;
}

std::uint32_t cache_limit(unsigned k) noexcept {
  return static_cast<std::uint32_t>(std::clamp<std::size_t>(2 * kSpan / size_of_class(k), 32, 4096));
}

// Refills list k of a cache: a batch from the central store, else a new span.
bool refill(Region* r, FreeList& l, unsigned k) noexcept {
  Guard g(r->lock);
  if (take(r, k, l)) return true;
  void* span = take_spans(r, 1);
  if (!span) return false;
  r->spans[r->span_index(span)] = k + 1;
  const std::size_t size = size_of_class(k);
  const std::size_t n = kSpan / size;
  auto* base = static_cast<char*>(span);
  // Thread the blocks in address order, so the first allocations are adjacent.
  for (std::size_t i = n; i-- > 0;) push(l, reinterpret_cast<FreeBlock*>(base + i * size));
  return true;
}

void* allocate_large(Region* r, std::size_t size) noexcept {
  const std::size_t n = (size + kSpan - 1) >> kSpanShift;
  Guard g(r->lock);
  void* p = nullptr;
  if (n <= kLargeLists) {
    if (FreeBlock* b = r->large[n - 1]) {
      r->large[n - 1] = b->next;
      p = b;
    }
  } else {
    for (FreeBlock** link = &r->large[kLargeLists]; *link; link = &(*link)->next) {
      if ((r->spans[r->span_index(*link)] & ~kLargeFlag) == n) {
        p = *link;
        *link = (*link)->next;
        break;
      }
    }
  }
  if (!p) p = take_spans(r, n);
  if (!p) return nullptr;
  r->spans[r->span_index(p)] = kLargeFlag | static_cast<std::uint32_t>(n);
  r->large_bytes += static_cast<std::int64_t>(n << kSpanShift);
  return p;
}

void free_large(Region* r, void* p, std::uint32_t entry) noexcept {
  const std::size_t n = entry & ~kLargeFlag;
  Guard g(r->lock);
  auto* b = static_cast<FreeBlock*>(p);
  FreeBlock*& head = n <= kLargeLists ? r->large[n - 1] : r->large[kLargeLists];
  b->next = head;
  head = b;
  r->large_bytes -= static_cast<std::int64_t>(n << kSpanShift);
}

std::size_t round_up_pow2(std::size_t v) noexcept { return v <= 1 ? 1 : std::size_t{1} << (64 - __builtin_clzll(v - 1)); }

}  // namespace

// ------------------------------------------------------------------ public

void* allocate(Region* r, std::size_t size, std::size_t align) noexcept {
  if (size == 0) size = 1;
  if (align > 16) [[unlikely]] {
    if (align > kSpan) return nullptr;
    size = std::max(size, align);
    if (size <= kMaxSmall) size = round_up_pow2(size);  // power-of-two blocks are aligned to their size
  }
  if (size > kMaxSmall) [[unlikely]] return allocate_large(r, size);
  const unsigned k = class_of(size);
  ThreadCache* c = cache_for(r);
  if (!c) [[unlikely]] {  // thread exiting: straight from the central store
    FreeList tmp;
    if (!refill(r, tmp, k)) return nullptr;
    void* p = pop(tmp);
    Guard g(r->lock);
    give_back(r, k, tmp);
    return p;
  }
  FreeList& l = c->lists[k];
  if (!l.head) [[unlikely]] {
    if (!refill(r, l, k)) return nullptr;
  }
  FreeBlock* b = pop(l);
  c->net_bytes += static_cast<std::int64_t>(size_of_class(k));
  return b;
}

bool owns(const void* p) noexcept {
  return reinterpret_cast<std::uintptr_t>(p) - g_base < g_total;
}

bool deallocate(void* p) noexcept {
  const std::uintptr_t off = reinterpret_cast<std::uintptr_t>(p) - g_base;
  if (off >= g_total) return false;
  Region* r = region_at(static_cast<unsigned>(off >> g_region_shift));
  const std::uint32_t entry = r->spans[r->span_index(p)];
  if (entry & kLargeFlag) {
    free_large(r, p, entry);
    return true;
  }
  const unsigned k = entry - 1;
  auto* b = static_cast<FreeBlock*>(p);
  ThreadCache* c = cache_for(r);
  if (!c) [[unlikely]] {
    Guard g(r->lock);
    push(r->central[k].overflow, b);
    return true;
  }
  FreeList& l = c->lists[k];
  push(l, b);
  c->net_bytes -= static_cast<std::int64_t>(size_of_class(k));
  if (l.count > cache_limit(k)) [[unlikely]] {
    // A thread that only frees must not hoard blocks: all but the newest go
    // back as one batch (constant time, thanks to the tail).
    FreeList rest{b->next, l.tail, l.count - 1};
    b->next = nullptr;
    l = FreeList{b, b, 1};
    Guard g(r->lock);
    give_back(r, k, rest);
  }
  return true;
}

Owner owner_of(const void* p) noexcept {
  const std::uintptr_t off = reinterpret_cast<std::uintptr_t>(p) - g_base;
  if (off >= g_total) return {};
  const SlotInfo& s = g_slots[off >> g_region_shift];
  const std::uint8_t st = s.state.load(std::memory_order_acquire);
  if (st == kFree) return {};
  return Owner{s.kind, s.domain_index, st == kRetired};
}

std::size_t bytes_in_use(const Region* r) noexcept {
  auto* m = const_cast<Region*>(r);
  Guard g(m->lock);
  std::int64_t total = m->large_bytes;
  for (ThreadCache* c = m->caches; c; c = c->next) total += c->net_bytes;
  return total < 0 ? 0 : static_cast<std::size_t>(total);
}

const void* base_of(const Region* r) noexcept { return r; }

int kernel_pkey_of(const Region* r) {
  std::ifstream smaps("/proc/self/smaps");
  const auto want = reinterpret_cast<std::uintptr_t>(r);
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long lo = 0, hi = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &lo, &hi) == 2 && line.find('-') < 17) {
      inside = want >= lo && want < hi;
      continue;
    }
    if (inside && line.rfind("ProtectionKey:", 0) == 0) return std::atoi(line.c_str() + 14);
  }
  return -1;
}

// ------------------------------------------------------------------ regions

bool reserve(std::size_t region_bytes, std::size_t max_regions) {
  if (g_base) return true;
  if (region_bytes < (std::size_t{16} << 20) || (region_bytes & (region_bytes - 1))) {
    errno = EINVAL;
    return false;
  }
  max_regions = std::min(max_regions, kMaxRegions);
  const std::size_t total = region_bytes * max_regions;
  void* raw = ::mmap(nullptr, total + region_bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (raw == MAP_FAILED) return false;
  // Regions are aligned to their size, so region and span lookups are shifts.
  const std::uintptr_t aligned = (reinterpret_cast<std::uintptr_t>(raw) + region_bytes - 1) & ~(region_bytes - 1);
  g_region_bytes = region_bytes;
  g_region_shift = static_cast<unsigned>(__builtin_ctzll(region_bytes));
  g_total = total;
  g_max_regions = max_regions;
  g_base = aligned;
  return true;
}

Region* create_region(Owner::Kind kind, int domain_index, int pkey) noexcept {
  if (!g_base) return nullptr;
  const std::size_t slot = g_next_slot.fetch_add(1, std::memory_order_relaxed);
  if (slot >= g_max_regions) return nullptr;
  void* at = reinterpret_cast<void*>(g_base + (slot << g_region_shift));
  const int rc = pkey >= 0 ? ::pkey_mprotect(at, g_region_bytes, PROT_READ | PROT_WRITE, pkey)
                           : ::mprotect(at, g_region_bytes, PROT_READ | PROT_WRITE);
  if (rc != 0) return nullptr;
  auto* r = ::new (at) Region();
  r->index = static_cast<unsigned>(slot);
  const std::size_t header = offsetof(Region, spans) + sizeof(std::uint32_t) * (g_region_bytes >> kSpanShift);
  r->bump = reinterpret_cast<std::uintptr_t>(at) + ((header + kSpan - 1) & ~(kSpan - 1));
  r->end = reinterpret_cast<std::uintptr_t>(at) + g_region_bytes;
  SlotInfo& s = g_slots[slot];
  s.kind = kind;
  s.domain_index = domain_index;
  s.state.store(kActive, std::memory_order_release);
  return r;
}

void retire(Region* r) noexcept { g_slots[r->index].state.store(kRetired, std::memory_order_release); }

std::size_t free_slots() noexcept {
  const std::size_t used = std::min(g_next_slot.load(std::memory_order_relaxed), g_max_regions);
  return g_max_regions - used;
}

void set_default(Region* r) noexcept { g_default.store(r, std::memory_order_release); }
Region* default_region() noexcept { return g_default.load(std::memory_order_acquire); }

// ------------------------------------------------------------ operator new

namespace {

// Outside any domain: the safe heap, if this thread may touch it.
Region* outside_heap() noexcept {
  Region* d = g_default.load(std::memory_order_relaxed);
  if (!d) return nullptr;
  if (tl_default_ok == 0) {
    // A thread that existed before start() and was never adopted has the
    // safe key closed; it keeps using malloc rather than fault.
    const bool open = !mpk::hardware() || (detail::read_pkru() & 0xfffffffcu) == 0;
    tl_default_ok = open ? 1 : -1;
  }
  return tl_default_ok > 0 ? d : nullptr;
}

void* malloc_aligned(std::size_t size, std::size_t align) noexcept {
  if (align <= alignof(std::max_align_t)) return std::malloc(size ? size : 1);
  void* p = nullptr;
  return ::posix_memalign(&p, align, size ? size : 1) == 0 ? p : nullptr;
}

}  // namespace

void* route_allocate(std::size_t size, std::size_t align) noexcept {
  Region* r = tl_current;
  if (!r) r = outside_heap();
  if (!r || r == untagged()) return malloc_aligned(size, align);
  return allocate(r, size, align);
}

void route_deallocate(void* p) noexcept {
  if (!p) return;
  if (!deallocate(p)) std::free(p);
}

}  // namespace meshwa::mpk::heap
