// The one WRPKRU of meshwa. Written in assembly so that the instruction, and
// nothing else, sits in the `meshwa_gate` section: `meshwa inspect` accepts a
// WRPKRU there and reports any other (runtime/inspect/, docs/threat-model.md).
// Every PKRU change of the runtime (gate entry and exit, fault recovery,
// restarts, adopt_thread) calls this function.
#include "pkru.hpp"

asm(R"(
  .pushsection meshwa_gate, "ax", @progbits
  .globl meshwa_mpk_wrpkru
  .type meshwa_mpk_wrpkru, @function
  .p2align 4
meshwa_mpk_wrpkru:
  .cfi_startproc
  movl %edi, %eax
  xorl %ecx, %ecx
  xorl %edx, %edx
  wrpkru
  ret
  .cfi_endproc
  .size meshwa_mpk_wrpkru, .-meshwa_mpk_wrpkru
  .popsection
)");
