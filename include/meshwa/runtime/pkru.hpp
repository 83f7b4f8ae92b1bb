// Reading and writing PKRU, the per-thread register of protection-key rights.
//
// Every WRPKRU of meshwa is write_pkru() below, inlined where it runs: in a
// gated stub the gate's two WRPKRUs sit between the stub's own instructions,
// as the bare pair of the benchmark's floor does. (Calling one out-of-line
// function instead cost about 0.1 of the gated call's ratio to that floor:
// docs/mpk.md, "Cost".)
//
// Each inlined copy records its own address in section meshwa_wrpkru_sites
// (a 32-bit offset from the entry to the instruction, so a position-
// independent binary needs no relocation for it). `meshwa inspect` allows a
// WRPKRU exactly there and nowhere else, and only with the bytes this code
// has (xor %ecx,%ecx; xor %edx,%edx; wrpkru): docs/threat-model.md.
//
// The entry's section flags: "a" it is loaded, so `strip` keeps it; "R"
// retained by --gc-sections, which would otherwise drop a section nothing
// refers to; "?" in the section group of the code around it, so when the
// linker drops a duplicate of an inline function or template (COMDAT), the
// entries of that copy go with it.
#pragma once

#include <cstdint>

/// An out-of-line write_pkru(), for the runtime's cold paths (start-up,
/// restarts, fault recovery) and for tests.
extern "C" void meshwa_mpk_wrpkru(std::uint32_t value) noexcept;

namespace meshwa::mpk::detail {

inline std::uint32_t read_pkru() noexcept {
  std::uint32_t eax, edx;
  asm volatile("rdpkru" : "=a"(eax), "=d"(edx) : "c"(0));
  return eax;
}

/// The bytes of every allowed WRPKRU site, the instruction last.
inline constexpr std::uint8_t kWrpkruSiteCode[] = {0x31, 0xc9, 0x31, 0xd2, 0x0f, 0x01, 0xef};
/// The section that lists the sites.
inline constexpr const char* kWrpkruSiteSection = "meshwa_wrpkru_sites";

[[gnu::always_inline]] inline void write_pkru(std::uint32_t value) noexcept {
  // "memory": no load or store of the callee's data moves across the switch.
  asm volatile(
      "xorl %%ecx, %%ecx\n\t"
      "xorl %%edx, %%edx\n"
      "0:\n\t"
      "wrpkru\n\t"
      ".pushsection meshwa_wrpkru_sites, \"aR?\", @progbits\n\t"
      ".balign 4\n\t"
      ".long 0b - .\n\t"
      ".popsection"
      :
      : "a"(value)
      : "ecx", "edx", "memory");
}

}  // namespace meshwa::mpk::detail
