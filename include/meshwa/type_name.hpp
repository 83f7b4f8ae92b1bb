// Compile-time names of types, for messages in the user's terms (errors of
// the registry, of meshwa::crossable). Parsed from clang's __PRETTY_FUNCTION__.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

namespace meshwa {

template <class T>
constexpr std::string_view type_name() noexcept {
  // As users write it (clang spells it std::basic_string<char>).
  if constexpr (std::is_same_v<T, std::string>) return "std::string";
  std::string_view f = __PRETTY_FUNCTION__;  // "... type_name() [T = Foo]"
  const std::string_view key = "T = ";
  const auto start = f.find(key);
  if (start == std::string_view::npos) return f;
  f.remove_prefix(start + key.size());
  // The name ends at the closing bracket, or at "; " when clang lists more.
  std::size_t depth = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const char c = f[i];
    if (c == '<' || c == '(' || c == '[') ++depth;
    if (c == '>' || c == ')') --depth;
    if (c == ']' ) {
      if (depth == 0) return f.substr(0, i);
      --depth;
    }
    if (c == ';' && depth == 0) return f.substr(0, i);
  }
  return f;
}

}  // namespace meshwa
