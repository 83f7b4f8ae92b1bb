// A number-parsing library of fast_float's shape: `from_chars(first, last,
// value)` returns a class with a std::errc `ec` and writes `value` only
// where it succeeds, as std::from_chars does; its body is visible (a
// header-only library), and returns the result on its error path without
// writing. `#pragma clang system_header` makes it a system header, as an
// installed library's.
#pragma once
#pragma clang system_header

#include <system_error>

namespace fastnum {

struct from_chars_result {
  const char* ptr;
  std::errc ec;
};

template <class T>
from_chars_result from_chars(const char* first, const char* last, T& value) {
  if (first == last || *first < '0' || *first > '9') return {first, std::errc::invalid_argument};
  T parsed = 0;
  for (; first != last && *first >= '0' && *first <= '9'; ++first) parsed = parsed * 10 + (*first - '0');
  value = parsed;
  return {first, std::errc()};
}

// The same name without the protocol: a flag for success, nothing that says
// the value is written only then. Judged by its body.
template <class T>
bool from_chars(const char* first, const char* last, T& value, int base) {
  if (first == last || base != 10) return false;
  value = static_cast<T>(*first - '0');
  return true;
}

}  // namespace fastnum
