// Control characters in names and texts meshwa prints on one line. One
// definition, whoever asks: the generator refuses them in a service's name
// and in the model it reads, the emitters keep them out of generated
// comments and string literals, --list and --graph show a MESHWA_UNSAFE
// reason on one line, and the runtime rejects them in the names a
// deployment's configuration gives.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace meshwa::detail {

/// A C0 control character or DEL: ends a line, moves the cursor or starts a
/// terminal escape when printed. Bytes of UTF-8 sequences (0x80 and up) are
/// text, not control characters.
constexpr bool is_control_character(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

inline bool has_control_character(std::string_view text) noexcept {
  return std::any_of(text.begin(), text.end(), is_control_character);
}

/// `text` with each control character shown as a space: for texts that are
/// only read (a reason, a comment), never for names, where "a\tb" and "a b"
/// would look alike and be two names.
inline std::string control_characters_as_spaces(std::string text) {
  std::replace_if(text.begin(), text.end(), is_control_character, ' ');
  return text;
}

}  // namespace meshwa::detail
