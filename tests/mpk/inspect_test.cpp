// meshwa inspect: planted WRPKRU/XRSTOR sequences are found with address and
// symbol, the gate's own WRPKRUs are allowed, only the given file is scanned,
// and no input crashes the scanner.
#include <cstddef>
#include <elf.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

#include "meshwa/runtime/inspect.hpp"

namespace {

using meshwa::inspect::Finding;

const Finding* find(const meshwa::inspect::Report& r, const std::string& symbol, Finding::Kind kind) {
  for (const Finding& f : r.findings) {
    if (f.symbol == symbol && f.kind == kind) return &f;
  }
  return nullptr;
}

std::vector<std::uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(Inspect, FindsPlantedSequencesWithAddressAndSymbol) {
  const auto report = meshwa::inspect::scan(PLANTED_BINARY);
  ASSERT_TRUE(report.ok()) << report.error;
  const auto bytes = read_file(PLANTED_BINARY);

  const Finding* plain = find(report, "planted_wrpkru", Finding::Kind::wrpkru);
  ASSERT_NE(plain, nullptr);
  EXPECT_FALSE(plain->allowed);
  EXPECT_EQ(plain->section, ".text");
  ASSERT_LT(plain->file_offset + 2, bytes.size());
  EXPECT_EQ(bytes[plain->file_offset], 0x0f);
  EXPECT_EQ(bytes[plain->file_offset + 1], 0x01);
  EXPECT_EQ(bytes[plain->file_offset + 2], 0xef);

  const Finding* hidden = find(report, "planted_immediate", Finding::Kind::wrpkru);
  ASSERT_NE(hidden, nullptr) << "the sequence inside a mov immediate";
  EXPECT_FALSE(hidden->allowed);
  EXPECT_EQ(bytes[hidden->file_offset - 1], 0xb8) << "found one byte into the mov instruction";

  const Finding* xr = find(report, "planted_xrstor", Finding::Kind::xrstor);
  ASSERT_NE(xr, nullptr);
  EXPECT_FALSE(xr->allowed);
  const Finding* xr64 = find(report, "planted_xrstor64", Finding::Kind::xrstor64);
  ASSERT_NE(xr64, nullptr);
  EXPECT_EQ(bytes[xr64->file_offset - 1], 0x48);

  EXPECT_EQ(find(report, "not_xrstor", Finding::Kind::xrstor), nullptr) << "lfence is 0F AE /5 with mod 3";
}

// Allowed: exactly the WRPKRUs that write_pkru() inlined and listed in
// meshwa_wrpkru_sites (the out-of-line meshwa_mpk_wrpkru and the gate in
// main), not the same bytes unlisted, nor a listed WRPKRU with other bytes.
TEST(Inspect, TheGatesOwnWrpkrusAreAllowed) {
  const auto report = meshwa::inspect::scan(PLANTED_BINARY);
  ASSERT_TRUE(report.ok()) << report.error;
  const auto bytes = read_file(PLANTED_BINARY);
  const Finding* gate = find(report, "meshwa_mpk_wrpkru", Finding::Kind::wrpkru);
  ASSERT_NE(gate, nullptr);
  EXPECT_TRUE(gate->allowed);
  const Finding* inlined = find(report, "main", Finding::Kind::wrpkru);
  ASSERT_NE(inlined, nullptr) << "the gate inlined into main";
  EXPECT_TRUE(inlined->allowed);
  for (const Finding& f : report.findings) {
    if (!f.allowed) continue;
    EXPECT_EQ(f.kind, Finding::Kind::wrpkru);
    ASSERT_GE(f.file_offset, 4u);
    const std::vector<std::uint8_t> code(bytes.begin() + static_cast<std::ptrdiff_t>(f.file_offset - 4),
                                         bytes.begin() + static_cast<std::ptrdiff_t>(f.file_offset + 3));
    EXPECT_EQ(code, (std::vector<std::uint8_t>{0x31, 0xc9, 0x31, 0xd2, 0x0f, 0x01, 0xef})) << f.symbol;
  }
  const Finding* copy = find(report, "planted_unlisted_gate_code", Finding::Kind::wrpkru);
  ASSERT_NE(copy, nullptr);
  EXPECT_FALSE(copy->allowed) << "the gate's bytes, not listed";
  const Finding* listed = find(report, "planted_listed_bare", Finding::Kind::wrpkru);
  ASSERT_NE(listed, nullptr);
  EXPECT_FALSE(listed->allowed) << "listed, but not the gate's bytes";
}

TEST(Inspect, CliFailsOnPlantedAndPassesOnAGatedDeployment) {
  std::ostringstream bad;
  EXPECT_EQ(meshwa::inspect::run_cli(PLANTED_BINARY, bad), 1);
  EXPECT_NE(bad.str().find(" wrpkru in .text at planted_wrpkru+0x"), std::string::npos) << bad.str();
  EXPECT_NE(bad.str().find(" WRPKRU of meshwa's gates (listed in meshwa_wrpkru_sites)\n"), std::string::npos)
      << bad.str();
  EXPECT_EQ(bad.str().find("at meshwa_mpk_wrpkru+"), std::string::npos) << "allowed sites are counted, not listed";
  std::ostringstream verbose;
  EXPECT_EQ(meshwa::inspect::run_cli(PLANTED_BINARY, verbose, /*list_allowed=*/true), 1);
  EXPECT_NE(verbose.str().find("    0x"), std::string::npos) << verbose.str();
  EXPECT_NE(verbose.str().find(" wrpkru in .text at meshwa_mpk_wrpkru+0x"), std::string::npos) << verbose.str();
  std::ostringstream good;
  EXPECT_EQ(meshwa::inspect::run_cli(CLEAN_BINARY, good), 0) << good.str();
  EXPECT_NE(good.str().find("no WRPKRU or XRSTOR outside meshwa's gate"), std::string::npos) << good.str();
}

TEST(Inspect, OnlyTheGivenFileIsScanned) {
  // glibc's dynamic loader and libc use XRSTOR; they are shared libraries,
  // not part of the scanned file, so a dynamically linked binary without
  // planted code has no finding beyond the gate.
  const auto report = meshwa::inspect::scan(CLEAN_BINARY);
  ASSERT_TRUE(report.ok()) << report.error;
  EXPECT_TRUE(report.violations().empty());
  const auto libc = meshwa::inspect::scan("/lib64/ld-linux-x86-64.so.2");
  ASSERT_TRUE(libc.ok()) << libc.error;
  EXPECT_FALSE(libc.violations().empty()) << "ld.so saves and restores state with XSAVE/XRSTOR";
}

TEST(Inspect, AStrippedDeploymentStillPasses) {
  const std::string stripped = std::string(CLEAN_BINARY) + ".stripped";
  const auto report = meshwa::inspect::scan(stripped);
  ASSERT_TRUE(report.ok()) << report.error;
  EXPECT_TRUE(report.violations().empty()) << "strip keeps meshwa_wrpkru_sites, a loaded section";
  ASSERT_FALSE(report.findings.empty());
  for (const Finding& f : report.findings) EXPECT_TRUE(f.allowed) << f.address;
}

TEST(Inspect, ScansExecutableSegmentsNotOnlyCodeSections) {
  const auto report = meshwa::inspect::scan(RODATA_BINARY);
  ASSERT_TRUE(report.ok()) << report.error;
  const auto bad = report.violations();
  ASSERT_EQ(bad.size(), 1u) << "the gadget in .rodata, mapped executable by -z noseparate-code";
  EXPECT_EQ(bad[0].kind, meshwa::inspect::Finding::Kind::wrpkru);
  EXPECT_EQ(bad[0].section, ".rodata");
  EXPECT_EQ(bad[0].symbol, "meshwa_test_gadget");
}

// A -fsanitize build links a runtime whose code may hold such bytes by chance:
// those are listed but do not fail the deployment; the program's own still do,
// and a binary without the runtime gets nothing for naming a function __asan_*.
TEST(Inspect, SequencesInALinkedSanitizerRuntimeAreNotCounted) {
  const auto report = meshwa::inspect::scan(SANITIZER_BINARY);
  ASSERT_TRUE(report.ok()) << report.error;
  EXPECT_TRUE(report.sanitizer_build);
  const Finding* asan = find(report, "__asan_stack_malloc_planted", Finding::Kind::xrstor);
  const Finding* ns = find(report, "_ZN11__sanitizer14planted_wrpkruEv", Finding::Kind::wrpkru);
  const Finding* own = find(report, "program_xrstor", Finding::Kind::xrstor);
  ASSERT_NE(asan, nullptr);
  ASSERT_NE(ns, nullptr);
  ASSERT_NE(own, nullptr);
  EXPECT_TRUE(asan->sanitizer_runtime);
  EXPECT_TRUE(ns->sanitizer_runtime);
  EXPECT_FALSE(own->sanitizer_runtime);
  ASSERT_EQ(report.violations().size(), 1u);
  EXPECT_EQ(report.violations()[0].symbol, "program_xrstor");

  std::ostringstream out;
  EXPECT_EQ(meshwa::inspect::run_cli(SANITIZER_BINARY, out), 1) << out.str();
  EXPECT_NE(out.str().find("1 WRPKRU/XRSTOR byte sequence outside"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("at program_xrstor+0x"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("not counted: 2 in the sanitizer runtime"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("at __sanitizer::planted_wrpkru()+0x"), std::string::npos) << out.str();
}

TEST(Inspect, SanitizerNamesAloneExcuseNothing) {
  const auto report = meshwa::inspect::scan(SANITIZER_NAMES_BINARY);
  ASSERT_TRUE(report.ok()) << report.error;
  EXPECT_FALSE(report.sanitizer_build);
  EXPECT_EQ(report.violations().size(), 3u);
  for (const Finding& f : report.findings) EXPECT_FALSE(f.sanitizer_runtime) << f.symbol;
}

TEST(Inspect, BadInputIsAnErrorNeverACrash) {
  std::ostringstream out;
  EXPECT_EQ(meshwa::inspect::run_cli("/nonexistent/binary", out), 2);
  std::ostringstream dir;
  EXPECT_EQ(meshwa::inspect::run_cli("/tmp", dir), 2);
  EXPECT_NE(dir.str().find("not a regular file"), std::string::npos) << dir.str();
  EXPECT_EQ(meshwa::inspect::scan_image({}, "empty").error, "not an ELF file");
  const std::vector<std::uint8_t> text{'#', '!', '/', 'b', 'i', 'n'};
  EXPECT_FALSE(meshwa::inspect::scan_image(text, "script").ok());

  const auto bytes = read_file(PLANTED_BINARY);
  ASSERT_GT(bytes.size(), 4096u);
  for (std::size_t cut : {std::size_t{16}, std::size_t{64}, std::size_t{100}, std::size_t{4096}, bytes.size() / 2,
                          bytes.size() - 1}) {
    (void)meshwa::inspect::scan_image(std::span(bytes.data(), cut), "truncated");
  }
  // A corrupt section name index: the gate's section could not be named,
  // and its WRPKRUs must not be reported as stray ones.
  auto bad_names = bytes;
  bad_names[offsetof(Elf64_Ehdr, e_shstrndx)] = 0xfe;
  bad_names[offsetof(Elf64_Ehdr, e_shstrndx) + 1] = 0xff;
  EXPECT_EQ(meshwa::inspect::scan_image(bad_names, "bad names").error,
            "the section name table index is out of range (a corrupt ELF header?)");

  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    auto mutated = bytes;
    for (int i = 0; i < 16; ++i) {
      // Mostly the headers, where offsets and sizes live.
      const std::size_t at = (i % 2 == 0 ? rng() % 512 : rng() % mutated.size());
      mutated[at] = static_cast<std::uint8_t>(rng());
    }
    (void)meshwa::inspect::scan_image(mutated, "mutated");
  }
  SUCCEED();
}

}  // namespace
