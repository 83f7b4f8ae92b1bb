// meshwa-inline-asm: asm statements and file-scope asm.

asm(".globl meshwa_test_symbol");                // expected-error {{inline assembly is invisible to the compiler's checks and can change memory or the protection keys; write it in C++, or move it into a service marked MESHWA_UNSAFE("why"), which runs in its own MPK domain [meshwa-inline-asm]}}

unsigned rejected(unsigned x) {
  unsigned y = 0;
  asm("movl %1, %0" : "=r"(y) : "r"(x));         // expected-error {{inline assembly is invisible to the compiler's checks}}
  __asm__ volatile("" ::: "memory");             // expected-error {{inline assembly is invisible}}
  return y;
}

// An asm label renames a declaration into any symbol, e.g. a banned one.
extern "C" void* fill_bytes(void* to, int value, unsigned long n) __asm__("memset");  // expected-error {{an asm label binds 'fill_bytes' to the symbol 'memset', whatever that is, past the compiler's checks; call the function by its own declared name, or move the code into a service marked MESHWA_UNSAFE("why") [meshwa-inline-asm]}}
int answer_symbol __asm__("meshwa_answer") = 42;  // expected-error {{an asm label binds 'answer_symbol' to the symbol 'meshwa_answer'}}

// A local register variable is pinned to a machine register, for assembly.
unsigned pinned(unsigned x) {
  register unsigned r __asm__("ebx") = x;       // expected-error {{an asm register variable pins 'r' to the register 'ebx', which only inline assembly reads and the compiler may use for itself; use an ordinary variable, or move the code into a service marked MESHWA_UNSAFE("why") [meshwa-inline-asm]}}
  unsigned plain = x;
  return r + plain;
}

// Still accepted: plain C++ (and compiler builtins that are not assembly).
unsigned accepted(unsigned x) { return __builtin_popcount(x) + (x << 1U); }

// An asm statement written whole by a library macro is the library's code,
// like asm in the library's inline functions: doctest's CHECK traps into the
// debugger with `__asm__("int $3\n" : :)`.
#include "inputs/library_macros.hpp"
bool checked(int x) {
  LIB_CHECK(x > 0);
  LIB_BREAK_INTO_DEBUGGER();
  return x > 1;
}

// Near misses: a library macro whose template or operands come from its
// user runs the service's assembly, or asm on the service's variables; the
// service's own macro is its own code.
#define OWN_BREAK_INTO_DEBUGGER() __asm__("int $3\n" : :)
unsigned through_macros(unsigned x) {
  unsigned lo = 0;
  unsigned hi = 0;
  LIB_ASM("wrpkru");                            // expected-error {{inline assembly is invisible to the compiler's checks}}
  LIB_READ_TSC(lo, hi);                         // expected-error {{inline assembly is invisible to the compiler's checks}}
  OWN_BREAK_INTO_DEBUGGER();                    // expected-error {{inline assembly is invisible to the compiler's checks}}
  return x + lo + hi;
}
