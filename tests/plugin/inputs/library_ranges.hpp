// A range library of llvm::seq's shape (llvm/ADT/Sequence.h): a range of
// integers holds two iterators, each an integer by value, and its rbegin()
// makes a reverse iterator from one of them (`PastEnd - 1`). `#pragma clang
// system_header` makes it a system header like the installed libraries'.
// PointingRange's iterator holds a pointer to the range's own integers.
#pragma once
#pragma clang system_header

#include <cstddef>
#include <cstdint>
#include <iterator>

namespace lib {

struct CheckedInt {
  CheckedInt operator+(std::intmax_t offset) const { return CheckedInt{value + offset}; }
  std::intmax_t value = 0;
};

template <class T, bool Reverse>
struct IntIterator {
  using iterator_category = std::random_access_iterator_tag;
  using value_type = T;
  using difference_type = std::intmax_t;
  using pointer = T*;
  using reference = T;
  explicit IntIterator(T v) : at{CheckedInt{static_cast<std::intmax_t>(v)}} {}
  template <bool Other>
  explicit IntIterator(const IntIterator<T, Other>& other) : at(other.at) {}
  T operator*() const { return static_cast<T>(at.value); }
  T operator[](std::intmax_t offset) const { return static_cast<T>((at + (Reverse ? -offset : offset)).value); }
  IntIterator operator-(std::intmax_t offset) const {
    IntIterator copy = *this;
    copy.at = at + (Reverse ? offset : -offset);
    return copy;
  }
  CheckedInt at;
};

template <class T>
struct IotaRange {
  using iterator = IntIterator<T, false>;
  using reverse_iterator = IntIterator<T, true>;
  IotaRange(T begin, T end) : begin_(begin), past_end_(end) {}
  auto begin() const { return iterator(begin_); }
  auto end() const { return iterator(past_end_); }
  auto rbegin() const { return reverse_iterator(past_end_ - 1); }
  auto rend() const { return reverse_iterator(begin_ - 1); }

 private:
  iterator begin_;
  iterator past_end_;
};

template <class T>
auto seq(T begin, T end) {
  return IotaRange<T>(begin, end);
}

struct PointingIterator {
  using iterator_category = std::random_access_iterator_tag;
  using value_type = int;
  using difference_type = std::ptrdiff_t;
  using pointer = const int*;
  using reference = const int&;
  const int& operator*() const { return *at; }
  const int* at = nullptr;
};

struct PointingRange {
  PointingIterator rbegin() const { return PointingIterator{&last_}; }
  int first_ = 0;
  int last_ = 0;
};

}  // namespace lib
