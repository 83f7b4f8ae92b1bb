// A container library of absl::InlinedVector's and fmt's parse context's
// shape: its iterators are plain pointers, declared as member typedefs, and
// a namespace-scope pointer typedef beside them. `#pragma clang
// system_header` makes it a system header like the installed libraries'.
#pragma once
#pragma clang system_header

#include <cstddef>

namespace lib {

template <class T, std::size_t N>
class SmallVector {
 public:
  using iterator = T*;
  using const_iterator = const T*;
  iterator begin() { return items_; }
  iterator end() { return items_ + size_; }
  const_iterator begin() const { return items_; }
  const_iterator end() const { return items_ + size_; }
  T* data() { return items_; }
  std::size_t size() const { return size_; }

 private:
  T items_[N] = {};
  std::size_t size_ = 0;
};

class ParseContext {
 public:
  using iterator = const char*;
  constexpr iterator begin() const { return text_; }
  constexpr iterator end() const { return text_; }

 private:
  const char* text_ = "";
};

using raw_iterator = int*;  // a pointer by another name, no container's

}  // namespace lib
