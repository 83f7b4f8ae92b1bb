// Clang's own -Wreturn-type made an error by the plugin (docs/plugin.md,
// "clang's own checks that meshwa makes errors"): flowing off the end of a
// non-void function is undefined behaviour, and at -O2 execution runs on
// into whatever code the linker put next. Clang's analysis decides what can
// fall off (it knows noreturn calls, throws and endless loops); the plugin
// only makes it an error, and keeps it one under diagnostic pragmas.
// Compiled with all rules on, the system/ directory as -isystem.
#include <exception>
#include <stdexcept>
#include <string>

#include "falls_off.h"  // falls off too, but a system header: suppressed

int sign(int x) {
  if (x > 0) return 1;
  if (x < 0) return -1;
}  // expected-error {{non-void function does not return a value in all control paths}}

int nothing() {}  // expected-error {{non-void function does not return a value}}

int lambdas(int y) {
  auto pick = [](int x) -> int {
    if (x > 0) return x;
  };  // expected-error {{non-void lambda does not return a value in all control paths}}
  return pick(y) + system_sign(y);
}

// A diagnostic pragma does not silence it, not even -Weverything.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wreturn-type"
int silenced(bool ok) {
  if (ok) return 1;
}  // expected-error {{non-void function does not return a value in all control paths}}
#pragma clang diagnostic ignored "-Weverything"
#pragma GCC diagnostic warning "-Wreturn-type"
int still_silenced(bool ok) {
  if (ok) return 1;
}  // expected-error {{non-void function does not return a value in all control paths}}
#pragma clang diagnostic pop
int after_pop(bool ok) {
  if (ok) return 1;
}  // expected-error {{non-void function does not return a value in all control paths}}

// Still accepted: every path returns, throws, or never comes back.
[[noreturn]] void fail(const std::string& why) { throw std::runtime_error(why); }
enum class Mode { fast, slow };
int checked(int x) {
  if (x > 0) return 1;
  throw std::invalid_argument("x <= 0");
}
int terminates(int x) {
  if (x > 0) return 1;
  std::terminate();  // expected-error {{'std::terminate' ends the whole process}}
}
int through_noreturn(int x) {
  if (x > 0) return 1;
  fail("x <= 0");
}
int forever(int x) {
  for (;;) {
    if (x > 10) return x;
    ++x;
  }
}
int by_mode(Mode m) {
  switch (m) {  // every enumerator covered: clang does not warn
    case Mode::fast: return 1;
    case Mode::slow: return 2;
  }
}
