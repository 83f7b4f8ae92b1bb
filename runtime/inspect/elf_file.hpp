// Internal: a bounds-checked view of an ELF64 little-endian x86-64 image —
// its executable byte ranges and its symbols. Every offset read from the
// file is checked against the file's size, so a truncated or hostile file
// gives an error, never a crash.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace meshwa::inspect::elf {

struct CodeRange {
  std::string section;   // "" for a segment found through program headers
  std::uint64_t address; // virtual address of the first byte
  std::uint64_t offset;  // file offset of the first byte
  std::uint64_t size;
  bool executable = true;  // a section: SHF_EXECINSTR
};

struct Symbol {
  std::string name;
  std::uint64_t address;
  std::uint64_t size;
};

struct File {
  /// The bytes that can run: executable load segments (or, in an object
  /// file without segments, its executable sections).
  std::vector<CodeRange> code;
  /// Every loaded section, for naming where a finding is.
  std::vector<CodeRange> sections;
  std::vector<Symbol> symbols;  // functions and objects with an address, sorted by address
};

/// The loaded sections named `name` (a name can repeat: `ld -r` output, or
/// an object file with one per section group).
std::vector<const CodeRange*> sections_named(const File& f, const std::string& name);

/// Parses `image`; on failure returns false with `error` set.
bool parse(std::span<const std::uint8_t> image, File& out, std::string& error);

/// The loaded section holding file offset `offset`, or nullptr.
const CodeRange* section_at(const File& f, std::uint64_t offset);

/// The symbol containing `address` (or the nearest one before it when sizes
/// are unknown); nullptr if none.
const Symbol* symbol_at(const File& f, std::uint64_t address);

}  // namespace meshwa::inspect::elf
