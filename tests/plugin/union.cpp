// meshwa-union: unions of any kind.
#include <cstdint>
#include <string>
#include <variant>

union Bits {                                     // expected-error {{union 'Bits' lets code read a member other than the one last written, reinterpreting memory; use std::variant, which knows its active alternative [meshwa-union]}}
  float f;
  std::uint32_t u;
};

struct Tagged {
  int tag = 0;
  union {                                        // expected-error {{anonymous union lets code read a member other than the one last written}}
    int i;
    float f;
  };
};

union Forward;                                   // expected-error {{union 'Forward' lets code read}}

// Still accepted: std::variant, and structs.
struct Plain {
  int i = 0;
  float f = 0;
};
int accepted(const std::variant<int, float, std::string>& v) {
  if (const int* i = std::get_if<int>(&v)) return *i;
  return std::visit([](const auto& x) { return static_cast<int>(sizeof(x)); }, v);
}
