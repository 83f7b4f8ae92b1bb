// Replaces the global operator new/delete of a binary that links meshwa_mpk,
// so that C++ allocations go to the heap of whoever runs: the callee's domain
// heap inside a gate, the safe services' heap outside (once mpk::start() ran),
// malloc before that and inside an UntaggedScope. Deletion finds the heap
// from the address, so a block may be freed by any thread in any mode that
// may write its region. C malloc/free are not replaced (docs/mpk.md, Limits).
#include <cstddef>
#include <new>

#include "regions.hpp"

namespace {

using meshwa::mpk::heap::route_allocate;
using meshwa::mpk::heap::route_deallocate;

void* allocate_or_throw(std::size_t size, std::size_t align) {
  for (;;) {
    if (void* p = route_allocate(size, align)) return p;
    std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

void* allocate_or_null(std::size_t size, std::size_t align) noexcept {
  try {
    return allocate_or_throw(size, align);
  } catch (...) {
    return nullptr;
  }
}

constexpr std::size_t kDefault = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

}  // namespace

void* operator new(std::size_t n) { return allocate_or_throw(n, kDefault); }
void* operator new[](std::size_t n) { return allocate_or_throw(n, kDefault); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return allocate_or_null(n, kDefault); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return allocate_or_null(n, kDefault); }
void* operator new(std::size_t n, std::align_val_t a) { return allocate_or_throw(n, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate_or_throw(n, static_cast<std::size_t>(a)); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocate_or_null(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocate_or_null(n, static_cast<std::size_t>(a));
}

void operator delete(void* p) noexcept { route_deallocate(p); }
void operator delete[](void* p) noexcept { route_deallocate(p); }
void operator delete(void* p, std::size_t) noexcept { route_deallocate(p); }
void operator delete[](void* p, std::size_t) noexcept { route_deallocate(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { route_deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { route_deallocate(p); }
void operator delete(void* p, std::align_val_t) noexcept { route_deallocate(p); }
void operator delete[](void* p, std::align_val_t) noexcept { route_deallocate(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { route_deallocate(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { route_deallocate(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { route_deallocate(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { route_deallocate(p); }
