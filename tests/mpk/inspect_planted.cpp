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

// LFENCE is 0F AE E8 (/5 with mod == 3): not an XRSTOR.
__attribute__((used, noinline)) void not_xrstor() { asm volatile("lfence"); }
}

int main() {
  meshwa::mpk::start({.announce = false});
  static constexpr meshwa::mpk::CallSite site{"planted", "main"};
  auto r = meshwa::mpk::call<meshwa::Result<int>>(meshwa::mpk::trusted(), site, [] { return 1; });
  return r.has_value() ? 0 : 1;
}
