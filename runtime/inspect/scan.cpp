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
// Allowed: a WRPKRU at an address listed in section meshwa_wrpkru_sites with
// exactly the bytes of meshwa's write_pkru() (meshwa/runtime/pkru.hpp):
// every inlined copy of it lists itself there, and nothing else does. Each
// entry is a 32-bit offset from the entry to its instruction, resolved by
// the linker; so an object file that is not linked yet has unresolved
// entries, and its gate sites are reported too.
// Not counted: a sequence inside a sanitizer's runtime (its functions are
// named __asan_*, __sanitizer::..., and so on) in a binary that links one.
// A -fsanitize build is a test build, and its runtime holds such bytes by
// chance (ASan's __asan_stack_malloc_always_8 did), which would otherwise
// fail every sanitizer build of a deployment that happens to link them.
#include <cxxabi.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "elf_file.hpp"
#include "meshwa/runtime/inspect.hpp"
#include "meshwa/runtime/pkru.hpp"

namespace meshwa::inspect {

namespace {

using mpk::detail::kWrpkruSiteCode;
constexpr std::uint64_t kSiteWrpkruOffset = sizeof kWrpkruSiteCode - 3;

// The addresses the meshwa_wrpkru_sites sections list.
std::set<std::uint64_t> listed_sites(std::span<const std::uint8_t> image, const elf::File& file) {
  std::set<std::uint64_t> sites;
  for (const elf::CodeRange* table : elf::sections_named(file, mpk::detail::kWrpkruSiteSection)) {
    for (std::uint64_t at = 0; at + 4 <= table->size; at += 4) {
      std::int32_t delta;
      std::memcpy(&delta, image.data() + table->offset + at, sizeof delta);
      sites.insert(table->address + at + static_cast<std::uint64_t>(static_cast<std::int64_t>(delta)));
    }
  }
  return sites;
}

// compiler-rt's sanitizers define this in every runtime (sanitizer_common's
// interface); no meshwa or libc code does.
constexpr const char* kSanitizerRuntimeMarker = "__sanitizer_set_report_path";

bool links_sanitizer_runtime(const elf::File& file) {
  return std::any_of(file.symbols.begin(), file.symbols.end(),
                     [](const elf::Symbol& s) { return s.name == kSanitizerRuntimeMarker; });
}

// The C++ symbol as the user wrote it; anything else as it is.
std::string demangled(const std::string& symbol);

// A function of a sanitizer runtime: its C interface (__asan_report_load4,
// __ubsan_handle_add_overflow, the __interceptor_ wrappers) or its C++
// namespaces (__sanitizer::, __asan::, ...). Names with two leading
// underscores are the implementation's, so user code has none of them.
bool in_sanitizer_runtime(const std::string& symbol) {
  static constexpr const char* kPrefixes[] = {"__asan", "__ubsan", "__lsan", "__sanitizer", "__interception",
                                              "__interceptor_", "___interceptor_"};
  const std::string name = demangled(symbol);
  // A template's demangled name starts with its return type: look at each word before the parameters.
  const std::string head = name.substr(0, name.find('('));
  for (const char* prefix : kPrefixes) {
    const std::size_t at = head.find(prefix);
    if (at != std::string::npos && (at == 0 || head[at - 1] == ' ')) return true;
  }
  return false;
}

// The WRPKRU at `at` (an offset into `code`) ends the bytes of write_pkru().
bool is_site_code(const std::uint8_t* code, std::uint64_t at) {
  return at >= kSiteWrpkruOffset &&
         std::equal(std::begin(kWrpkruSiteCode), std::end(kWrpkruSiteCode), code + (at - kSiteWrpkruOffset));
}

void scan_range(std::span<const std::uint8_t> image, const elf::File& file, const elf::CodeRange& range,
                const std::set<std::uint64_t>& sites, bool sanitizer_build, std::vector<Finding>& out) {
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
    f.allowed = kind == Finding::Kind::wrpkru && sites.count(f.address) != 0 && is_site_code(code, i);
    f.sanitizer_runtime = !f.allowed && sanitizer_build && !f.symbol.empty() && in_sanitizer_runtime(f.symbol);
    out.push_back(std::move(f));
  }
}

std::string demangled(const std::string& symbol) {
  int status = 0;
  char* text = abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status);
  std::string out = status == 0 && text != nullptr ? text : symbol;
  std::free(text);  // NOLINT: __cxa_demangle's buffer is malloc'ed
  return out;
}

void print(std::ostream& out, const Finding& f) {
  out << "0x" << std::hex << f.address << std::dec << " " << to_string(f.kind);
  if (!f.section.empty()) out << " in " << f.section;
  if (!f.symbol.empty()) out << " at " << demangled(f.symbol) << "+0x" << std::hex << f.symbol_offset << std::dec;
  out << "\n";
}

// Listed one by one (there are few): they are not counted, but not hidden.
void print_sanitizer_runtime(std::ostream& out, const Report& report) {
  const auto count = std::count_if(report.findings.begin(), report.findings.end(),
                                   [](const Finding& f) { return f.sanitizer_runtime; });
  if (count == 0) return;
  out << "  not counted: " << count << " in the sanitizer runtime this binary links (a -fsanitize build is "
      << "for testing; the build you ship, without sanitizers, is inspected in full):\n";
  for (const Finding& f : report.findings) {
    if (!f.sanitizer_runtime) continue;
    out << "    ";
    print(out, f);
  }
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
    if (!f.allowed && !f.sanitizer_runtime) out.push_back(f);
  }
  return out;
}

Report scan_image(std::span<const std::uint8_t> image, const std::string& name) {
  Report report;
  report.path = name;
  elf::File file;
  if (!elf::parse(image, file, report.error)) return report;
  const std::set<std::uint64_t> sites = listed_sites(image, file);
  report.sanitizer_build = links_sanitizer_runtime(file);
  for (const elf::CodeRange& range : file.code) {
    scan_range(image, file, range, sites, report.sanitizer_build, report.findings);
  }
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

int run_cli(const std::string& path, std::ostream& out, bool list_allowed) {
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
  const auto allowed = std::count_if(report.findings.begin(), report.findings.end(),
                                     [](const Finding& f) { return f.allowed; });
  if (allowed != 0) {
    out << "  allowed: " << allowed << " WRPKRU of meshwa's gates (listed in "
        << mpk::detail::kWrpkruSiteSection << ")" << (list_allowed ? ":" : "") << "\n";
  }
  for (const Finding& f : report.findings) {
    if (!f.allowed || !list_allowed) continue;
    out << "    ";
    print(out, f);
  }
  print_sanitizer_runtime(out, report);
  return bad.empty() ? 0 : 1;
}

}  // namespace meshwa::inspect
