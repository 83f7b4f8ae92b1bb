// The byte scan of meshwa inspect, and its command-line report.
//
// Patterns, matched at every offset of every executable range:
//   WRPKRU    0F 01 EF
//   XRSTOR    0F AE /5 with ModRM.mod != 3   (mod == 3 is LFENCE)
//   XRSTOR64  the same preceded by a REX prefix with W set (48..4F)
// Legacy prefixes and REX bytes before the opcode need no pattern of their
// own: the 0F byte is found wherever it is.
//
// Scanned: every executable load segment (what the loader maps executable),
// not only the sections marked as code.
// Allowed: a WRPKRU inside the `meshwa_gate` section that is exactly the code
// of meshwa_mpk_wrpkru (runtime/mpk/pkru.cpp), the gate's only one.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "elf_file.hpp"
#include "meshwa/runtime/inspect.hpp"

namespace meshwa::inspect {

namespace {

constexpr const char* kGateSection = "meshwa_gate";

// meshwa_mpk_wrpkru's bytes (runtime/mpk/pkru.cpp): movl %edi,%eax;
// xorl %ecx,%ecx; xorl %edx,%edx; wrpkru; ret. Recognised by its code, not
// its symbol: a stripped binary has none left.
constexpr std::uint8_t kGateCode[] = {0x89, 0xf8, 0x31, 0xc9, 0x31, 0xd2, 0x0f, 0x01, 0xef, 0xc3};
constexpr std::uint64_t kGateWrpkruOffset = 6;

bool is_gate_code(const std::uint8_t* code, std::uint64_t at, std::uint64_t size) {
  if (at < kGateWrpkruOffset || size - (at - kGateWrpkruOffset) < sizeof kGateCode) return false;
  return std::equal(std::begin(kGateCode), std::end(kGateCode), code + (at - kGateWrpkruOffset));
}

void scan_range(std::span<const std::uint8_t> image, const elf::File& file, const elf::CodeRange& range,
                std::vector<Finding>& out) {
  const std::uint8_t* code = image.data() + range.offset;
  for (std::uint64_t i = 0; i + 2 < range.size; ++i) {
    if (code[i] != 0x0f) continue;
    Finding::Kind kind;
    if (code[i + 1] == 0x01 && code[i + 2] == 0xef) {
      kind = Finding::Kind::wrpkru;
    } else if (code[i + 1] == 0xae && ((code[i + 2] >> 3) & 7) == 5 && (code[i + 2] >> 6) != 3) {
      kind = (i > 0 && (code[i - 1] & 0xf8) == 0x48) ? Finding::Kind::xrstor64 : Finding::Kind::xrstor;
    } else {
      continue;
    }
    Finding f;
    f.kind = kind;
    f.address = range.address + i;
    f.file_offset = range.offset + i;
    const elf::CodeRange* section = elf::section_at(file, f.file_offset);
    f.section = section != nullptr ? section->section : range.section;
    if (const elf::Symbol* s = elf::symbol_at(file, f.address)) {
      f.symbol = s->name;
      f.symbol_offset = f.address - s->address;
    }
    f.allowed = kind == Finding::Kind::wrpkru && f.section == kGateSection && is_gate_code(code, i, range.size);
    out.push_back(std::move(f));
  }
}

void print(std::ostream& out, const Finding& f) {
  out << "0x" << std::hex << f.address << std::dec << " " << to_string(f.kind);
  if (!f.section.empty()) out << " in " << f.section;
  if (!f.symbol.empty()) out << " at " << f.symbol << "+0x" << std::hex << f.symbol_offset << std::dec;
  out << "\n";
}

}  // namespace

const char* to_string(Finding::Kind kind) noexcept {
  switch (kind) {
    case Finding::Kind::wrpkru: return "wrpkru";
    case Finding::Kind::xrstor: return "xrstor";
    case Finding::Kind::xrstor64: return "xrstor64";
  }
  return "?";
}

std::vector<Finding> Report::violations() const {
  std::vector<Finding> out;
  for (const Finding& f : findings) {
    if (!f.allowed) out.push_back(f);
  }
  return out;
}

Report scan_image(std::span<const std::uint8_t> image, const std::string& name) {
  Report report;
  report.path = name;
  elf::File file;
  if (!elf::parse(image, file, report.error)) return report;
  for (const elf::CodeRange& range : file.code) scan_range(image, file, range, report.findings);
  return report;
}

Report scan(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    Report r;
    r.path = path;
    r.error = "not a regular file";
    return r;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Report r;
    r.path = path;
    r.error = "cannot open the file";
    return r;
  }
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return scan_image(bytes, path);
}

int run_cli(const std::string& path, std::ostream& out) {
  const Report report = scan(path);
  if (!report.ok()) {
    out << "meshwa inspect: " << path << ": " << report.error << "\n";
    return 2;
  }
  const std::vector<Finding> bad = report.violations();
  if (bad.empty()) {
    out << "meshwa inspect: " << path << ": no WRPKRU or XRSTOR outside meshwa's gate\n";
  } else {
    out << "meshwa inspect: " << path << ": " << bad.size() << " WRPKRU/XRSTOR byte sequence"
        << (bad.size() == 1 ? "" : "s")
        << " outside meshwa's gate (each can give code in an MPK domain every key; remove it, or move the "
           "code out of this binary)\n";
    for (const Finding& f : bad) {
      out << "  ";
      print(out, f);
    }
  }
  for (const Finding& f : report.findings) {
    if (!f.allowed) continue;
    out << "  allowed (the MPK gate): ";
    print(out, f);
  }
  return bad.empty() ? 0 : 1;
}

}  // namespace meshwa::inspect
