// A binary with WRPKRU and XRSTOR byte sequences planted outside the gate,
// scanned by inspect_test. It also links meshwa_mpk and calls a gate, so the
// gate's own WRPKRU is in it too. Nothing here is ever executed except main.
#include "meshwa/runtime/gate.hpp"

extern "C" {

// A plain WRPKRU instruction.
__attribute__((used, noinline)) void planted_wrpkru() { asm volatile(".byte 0x0f, 0x01, 0xef" ::: "memory"); }

// The bytes 0F 01 EF hidden in an immediate: unaligned, inside another
// instruction (mov $0x00ef010f, %eax = B8 0F 01 EF 00).
__attribute__((used, noinline)) int planted_immediate() {
  int v;
  asm volatile("movl $0x00ef010f, %0" : "=r"(v));
  return v;
}

// XRSTOR (%rdi) = 0F AE 2F, and XRSTOR64 (%rdi) = 48 0F AE 2F.
__attribute__((used, noinline)) void planted_xrstor(void* area) {
  asm volatile("xrstor (%0)" ::"r"(area), "a"(0), "d"(0) : "memory");
}
__attribute__((used, noinline)) void planted_xrstor64(void* area) {
  asm volatile("xrstor64 (%0)" ::"r"(area), "a"(0), "d"(0) : "memory");
}

// The exact bytes of meshwa's write_pkru() but not listed in
// meshwa_wrpkru_sites: a copy of the gate's code is not the gate.
__attribute__((used, noinline)) void planted_unlisted_gate_code(unsigned v) {
  asm volatile("xorl %%ecx, %%ecx\n\txorl %%edx, %%edx\n\twrpkru" ::"a"(v) : "ecx", "edx", "memory");
}

// Listed in meshwa_wrpkru_sites, but not write_pkru()'s bytes: a listing
// alone does not make a WRPKRU the gate's.
__attribute__((used, noinline)) void planted_listed_bare(unsigned v) {
  asm volatile(
      "movl $0, %%ecx\n\tmovl $0, %%edx\n"
      "0: wrpkru\n\t"
      ".pushsection meshwa_wrpkru_sites, \"aR\", @progbits\n\t.balign 4\n\t.long 0b - .\n\t.popsection" ::"a"(v)
      : "ecx", "edx", "memory");
}

// LFENCE is 0F AE E8 (/5 with mod == 3): not an XRSTOR.
__attribute__((used, noinline)) void not_xrstor() { asm volatile("lfence"); }
}

int main() {
  meshwa::mpk::start({.announce = false});
  static constexpr meshwa::mpk::CallSite site{"planted", "main"};
  auto r = meshwa::mpk::call<meshwa::Result<int>>(meshwa::mpk::trusted(), site, [] { return 1; });
  return r.has_value() ? 0 : 1;
}
