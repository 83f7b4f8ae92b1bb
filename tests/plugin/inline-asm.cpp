// meshwa-inline-asm: asm statements and file-scope asm.

asm(".globl meshwa_test_symbol");                // expected-error {{inline assembly is invisible to the compiler's checks and can change memory or the protection keys; write it in C++, or move it into a service marked MESHWA_UNSAFE("why"), which runs in its own MPK domain [meshwa-inline-asm]}}

unsigned rejected(unsigned x) {
  unsigned y = 0;
  asm("movl %1, %0" : "=r"(y) : "r"(x));         // expected-error {{inline assembly is invisible to the compiler's checks}}
  __asm__ volatile("" ::: "memory");             // expected-error {{inline assembly is invisible}}
  return y;
}

// Still accepted: plain C++ (and compiler builtins that are not assembly).
unsigned accepted(unsigned x) { return __builtin_popcount(x) + (x << 1U); }
