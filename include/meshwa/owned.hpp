// meshwa::Owned<T>: unique ownership of a value in the exchange heap.
// Move-only; there is deliberately no get() and no release(), so the address
// never leaks out of the handle. A moved-from Owned is empty; the plugin
// rejects its use at compile time (meshwa-use-after-move), and at run time
// dereferencing an empty handle throws meshwa::EmptyHandle.
#pragma once

#include "meshwa/requirements.hpp"

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "meshwa/exchange.hpp"

namespace meshwa {

class EmptyHandle : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

namespace detail {
/// Throws EmptyHandle. Out of line and cold: every dereference of an Owned,
/// a Shared or a Ref checks, and that check must stay one compare and a
/// not-taken branch (it is on every call through a stub).
[[noreturn, gnu::noinline, gnu::cold]] inline void throw_empty(const std::string& what) { throw EmptyHandle(what); }
}  // namespace detail

template <class T>
class Owned;

template <class T, class... Args>
Owned<T> make_owned(Args&&... args);

template <class T>
class Owned {
  static_assert(std::is_object_v<T> && !std::is_array_v<T>, "meshwa::Owned<T> holds one object");

  // One block: the value and the allocator that made it.
  struct Block {
    template <class... Args>
    explicit Block(const ExchangeAllocator* a, Args&&... args) : alloc(a), value(std::forward<Args>(args)...) {}
    const ExchangeAllocator* alloc;
    T value;
  };

 public:
  using element_type = T;
  using value_type = T;  // as for Shared<T>

  /// An empty handle (what a moved-from Owned also is).
  Owned() noexcept = default;
  // A copy is the commonest mistake with a move-only handle: the error says
  // what to write instead (clang 19 takes `= delete("why")` as a C++26
  // extension; the warning about that is the header's, not the user's).
#if defined(__clang__) && __clang_major__ >= 19
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc++26-extensions"
  Owned(const Owned&) = delete(
      "meshwa::Owned is move-only (one owner): hand it on with std::move(h), or make a second value with "
      "meshwa::make_owned<T>(*h)");
  Owned& operator=(const Owned&) = delete(
      "meshwa::Owned is move-only (one owner): assign std::move(h), or make a second value with "
      "meshwa::make_owned<T>(*h)");
#pragma clang diagnostic pop
#else
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
#endif
  Owned(Owned&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  Owned& operator=(Owned&& other) noexcept {
    if (this != &other) {
      reset();
      block_ = std::exchange(other.block_, nullptr);
    }
    return *this;
  }
  ~Owned() { reset(); }

  // Const all the way down: through a const handle the value is const too.
  // An Owned inside a message shared as meshwa::Shared<M> is reached through
  // `const M&`; were the value mutable there, every holder of the Shared
  // could write it at once (a data race on the exchange heap).
  T& operator*() { return checked()->value; }
  const T& operator*() const { return checked()->value; }
  T* operator->() { return &checked()->value; }
  const T* operator->() const { return &checked()->value; }

  /// False after a move: the value went with it.
  [[nodiscard]] bool has_value() const noexcept { return block_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }

  friend bool operator==(const Owned& a, const Owned& b)
    requires requires(const T& x) { x == x; }
  {
    if (!a.block_ || !b.block_) return a.block_ == b.block_;
    return a.block_->value == b.block_->value;
  }

 private:
  template <class U, class... Args>
  friend Owned<U> make_owned(Args&&... args);

  explicit Owned(Block* b) noexcept : block_(b) {}

  Block* checked() const {
    if (!block_) [[unlikely]] detail::throw_empty("use of an empty meshwa::Owned (moved from, or never set)");
    return block_;
  }
  void reset() noexcept {
    if (block_) detail::exchange_delete(block_->alloc, block_);
    block_ = nullptr;
  }

  Block* block_ = nullptr;
};

/// Makes a T in the exchange heap and returns the only handle on it.
template <class T, class... Args>
Owned<T> make_owned(Args&&... args) {
  const ExchangeAllocator* alloc = exchange_allocator();
  using Block = typename Owned<T>::Block;
  return Owned<T>(detail::exchange_new<Block>(alloc, alloc, std::forward<Args>(args)...));
}

}  // namespace meshwa
