// The exchange heap: where Owned<T> and Shared<T> values live, so that they
// can be handed into an MPK protection domain without a copy. Every
// allocation of both goes through this one hook; the MPK runtime installs its
// key-tagged heap here before the first service starts. Without the runtime
// it is plain operator new/delete.
#pragma once

#include "meshwa/requirements.hpp"

#include <atomic>
#include <cstddef>
#include <new>

namespace meshwa {

struct ExchangeAllocator {
  void* (*allocate)(std::size_t size, std::size_t align);
  void (*deallocate)(void* p, std::size_t size, std::size_t align) noexcept;
};

namespace detail {

inline void* default_exchange_allocate(std::size_t size, std::size_t align) {
  return ::operator new(size, std::align_val_t{align});
}
inline void default_exchange_deallocate(void* p, std::size_t size, std::size_t align) noexcept {
  // The sized form exists only with sized deallocation, which clang turned on
  // by default in version 19 (before: -fsized-deallocation), and which
  // -fno-sized-deallocation turns off; the size is a hint, never needed.
#if defined(__cpp_sized_deallocation)
  ::operator delete(p, size, std::align_val_t{align});
#else
  (void)size;
  ::operator delete(p, std::align_val_t{align});
#endif
}
inline constexpr ExchangeAllocator kDefaultExchangeAllocator{&default_exchange_allocate,
                                                            &default_exchange_deallocate};

inline std::atomic<const ExchangeAllocator*>& exchange_allocator_slot() noexcept {
  static std::atomic<const ExchangeAllocator*> slot{&kDefaultExchangeAllocator};
  return slot;
}

/// Allocates and constructs a T in the exchange heap; on a throwing
/// constructor the memory is returned and the exception propagates.
template <class T, class... Args>
T* exchange_new(const ExchangeAllocator* alloc, Args&&... args) {
  void* mem = alloc->allocate(sizeof(T), alignof(T));
  try {
    return ::new (mem) T(static_cast<Args&&>(args)...);
  } catch (...) {
    alloc->deallocate(mem, sizeof(T), alignof(T));
    throw;
  }
}

template <class T>
void exchange_delete(const ExchangeAllocator* alloc, T* p) noexcept {
  p->~T();
  alloc->deallocate(p, sizeof(T), alignof(T));
}

}  // namespace detail

/// The allocator Owned and Shared use for new values. Each value remembers
/// the allocator that made it, so swapping the hook later is safe.
inline const ExchangeAllocator* exchange_allocator() noexcept {
  return detail::exchange_allocator_slot().load(std::memory_order_acquire);
}

/// Installs `alloc` (which must outlive every value it allocates) and returns
/// the previous one. Pass nullptr to restore the default.
inline const ExchangeAllocator* set_exchange_allocator(const ExchangeAllocator* alloc) noexcept {
  return detail::exchange_allocator_slot().exchange(alloc ? alloc : &detail::kDefaultExchangeAllocator,
                                                    std::memory_order_acq_rel);
}

}  // namespace meshwa
