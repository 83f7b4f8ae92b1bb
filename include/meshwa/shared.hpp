// meshwa::Shared<T>: an immutable value in the exchange heap, shared by
// reference counting (thread-safe). Only const access is offered, so sharing
// it between services cannot create a data race.
#pragma once

#include "meshwa/requirements.hpp"

#include <atomic>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "meshwa/exchange.hpp"
#include "meshwa/owned.hpp"

namespace meshwa {

template <class T>
class Shared;

template <class T, class... Args>
Shared<T> make_shared(Args&&... args);

namespace detail {

/// The one allocation behind Shared<M> and Shared<const M> alike (the value
/// is const in both), so that a handle of one converts to the other.
template <class V>
struct SharedBlock {
  template <class... Args>
  explicit SharedBlock(const ExchangeAllocator* a, Args&&... args) : alloc(a), value(std::forward<Args>(args)...) {}
  const ExchangeAllocator* alloc;
  std::atomic<std::size_t> count{1};
  const V value;
};

}  // namespace detail

template <class T>
class Shared {
  static_assert(std::is_object_v<T> && !std::is_array_v<T>, "meshwa::Shared<T> holds one object");

  using Block = detail::SharedBlock<std::remove_const_t<T>>;
  template <class U>
  friend class Shared;

 public:
  using element_type = const T;
  /// T as written: Shared<M> and Shared<const M> share an element_type, and
  /// code that makes a handle of the same type (make_shared<value_type>) needs this.
  using value_type = T;

  Shared() noexcept = default;
  Shared(const Shared& other) noexcept : block_(other.block_) { retain(); }
  Shared(Shared&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  Shared& operator=(const Shared& other) noexcept {
    Shared copy(other);
    std::swap(block_, copy.block_);
    return *this;
  }
  Shared& operator=(Shared&& other) noexcept {
    Shared moved(std::move(other));
    std::swap(block_, moved.block_);
    return *this;
  }
  ~Shared() { release(); }

  /// A Shared<M> is handed on as a Shared<const M> (make_shared<M>(...)
  /// returned where an interface says Shared<const M>), sharing the value:
  /// both handles give const access only, so nothing can be written that
  /// the other did not allow.
  template <class U>
    requires(std::is_const_v<T> && std::is_same_v<U, std::remove_const_t<T>>)
  Shared(const Shared<U>& other) noexcept : block_(other.block_) {
    retain();
  }
  template <class U>
    requires(std::is_const_v<T> && std::is_same_v<U, std::remove_const_t<T>>)
  Shared(Shared<U>&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}

  const T& operator*() const { return checked()->value; }
  const T* operator->() const { return &checked()->value; }

  [[nodiscard]] bool has_value() const noexcept { return block_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }

  /// Number of handles sharing the value (0 for an empty handle).
  [[nodiscard]] std::size_t use_count() const noexcept {
    return block_ ? block_->count.load(std::memory_order_relaxed) : 0;
  }

  friend bool operator==(const Shared& a, const Shared& b)
    requires requires(const T& x) { x == x; }
  {
    if (a.block_ == b.block_) return true;
    if (!a.block_ || !b.block_) return false;
    return a.block_->value == b.block_->value;
  }

 private:
  template <class U, class... Args>
  friend Shared<U> make_shared(Args&&... args);

  explicit Shared(Block* b) noexcept : block_(b) {}

  Block* checked() const {
    if (!block_) [[unlikely]] detail::throw_empty("use of an empty meshwa::Shared (moved from, or never set)");
    return block_;
  }
  void retain() noexcept {
    if (block_) block_->count.fetch_add(1, std::memory_order_relaxed);
  }
  void release() noexcept {
    if (block_ && block_->count.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      detail::exchange_delete(block_->alloc, block_);
    }
    block_ = nullptr;
  }

  Block* block_ = nullptr;
};

/// Makes an immutable T in the exchange heap, shared from now on.
template <class T, class... Args>
Shared<T> make_shared(Args&&... args) {
  const ExchangeAllocator* alloc = exchange_allocator();
  using Block = typename Shared<T>::Block;
  return Shared<T>(detail::exchange_new<Block>(alloc, alloc, std::forward<Args>(args)...));
}

}  // namespace meshwa
