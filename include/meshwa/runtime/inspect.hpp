// meshwa inspect: finds every WRPKRU and XRSTOR byte sequence in the
// executable segments of a linked ELF64 x86-64 binary — at every byte offset,
// so sequences hidden inside other instructions or at unaligned addresses
// count too — and reports those outside meshwa's gate.
//
// Either instruction can change PKRU (XRSTOR loads it from memory when the
// PKRU state component is requested), so any copy outside the gate is a way
// for code in a protection domain to give itself every key.
#pragma once

#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace meshwa::inspect {

struct Finding {
  enum class Kind : std::uint8_t { wrpkru, xrstor, xrstor64 };
  Kind kind = Kind::wrpkru;
  std::uint64_t address = 0;      // virtual address of the first opcode byte (0F)
  std::uint64_t file_offset = 0;
  std::string section;            // e.g. ".text"; "" when found through program headers
  std::string symbol;             // containing symbol, "" if none
  std::uint64_t symbol_offset = 0;
  bool allowed = false;           // a WRPKRU of meshwa's gates (meshwa/runtime/pkru.hpp)
  // Inside a sanitizer's runtime (ASan's allocator, UBSan's handlers), in a
  // binary that links one (-fsanitize=...): such a build is for testing, and
  // the runtime's code is not the user's to change, so it is listed but not
  // counted. Every other finding in that binary still is.
  bool sanitizer_runtime = false;
};

struct Report {
  std::string path;
  std::string error;              // non-empty when the file could not be read as ELF64 x86-64
  std::vector<Finding> findings;  // allowed ones included, in address order
  bool sanitizer_build = false;   // links a sanitizer runtime (defines __sanitizer_set_report_path)

  [[nodiscard]] bool ok() const noexcept { return error.empty(); }
  [[nodiscard]] std::vector<Finding> violations() const;
};

/// The name of the instruction ("wrpkru", "xrstor", "xrstor64").
const char* to_string(Finding::Kind kind) noexcept;

/// Scans the file at `path`. Never throws on bad input: see Report::error.
Report scan(const std::string& path);

/// Scans an ELF image held in memory (`name` is used in messages).
Report scan_image(std::span<const std::uint8_t> image, const std::string& name);

/// `meshwa inspect BINARY`: prints the report and returns the exit status:
/// 0 no finding outside the gate (and outside a linked sanitizer runtime), 1 findings, 2 the file is not a readable
/// ELF64 x86-64 binary. The gate's own WRPKRUs are counted, and listed one
/// by one with `list_allowed` (`meshwa inspect --verbose`).
int run_cli(const std::string& path, std::ostream& out, bool list_allowed = false);

}  // namespace meshwa::inspect
