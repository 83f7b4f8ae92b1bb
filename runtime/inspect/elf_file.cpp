// ELF64 parsing for meshwa inspect (see elf_file.hpp).
#include "elf_file.hpp"

#include <elf.h>

#include <algorithm>
#include <cstring>

namespace meshwa::inspect::elf {

namespace {

template <class T>
bool read_at(std::span<const std::uint8_t> image, std::uint64_t offset, T& out) {
  if (offset > image.size() || image.size() - offset < sizeof(T)) return false;
  std::memcpy(&out, image.data() + offset, sizeof(T));
  return true;
}

bool in_bounds(std::span<const std::uint8_t> image, std::uint64_t offset, std::uint64_t size) {
  return offset <= image.size() && size <= image.size() - offset;
}

std::string string_at(std::span<const std::uint8_t> image, const Elf64_Shdr& strtab, std::uint32_t index) {
  if (strtab.sh_type != SHT_STRTAB || index >= strtab.sh_size) return {};
  if (!in_bounds(image, strtab.sh_offset, strtab.sh_size)) return {};
  const auto* begin = reinterpret_cast<const char*>(image.data() + strtab.sh_offset);
  const std::uint64_t max = strtab.sh_size - index;
  const char* s = begin + index;
  const std::size_t n = strnlen(s, max);
  return std::string(s, n);
}

void read_symbols(std::span<const std::uint8_t> image, const std::vector<Elf64_Shdr>& sections,
                  const Elf64_Shdr& table, File& out) {
  if (table.sh_entsize != sizeof(Elf64_Sym) || table.sh_link >= sections.size()) return;
  if (!in_bounds(image, table.sh_offset, table.sh_size)) return;
  const Elf64_Shdr& strtab = sections[table.sh_link];
  const std::uint64_t count = table.sh_size / sizeof(Elf64_Sym);
  for (std::uint64_t i = 0; i < count; ++i) {
    Elf64_Sym sym;
    if (!read_at(image, table.sh_offset + i * sizeof(Elf64_Sym), sym)) return;
    const unsigned type = ELF64_ST_TYPE(sym.st_info);
    if (sym.st_value == 0 || sym.st_shndx == SHN_UNDEF) continue;
    if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE && type != STT_GNU_IFUNC) continue;
    std::string name = string_at(image, strtab, sym.st_name);
    if (name.empty() || name[0] == '$') continue;
    out.symbols.push_back(Symbol{std::move(name), sym.st_value, sym.st_size});
  }
}

}  // namespace

bool parse(std::span<const std::uint8_t> image, File& out, std::string& error) {
  Elf64_Ehdr eh;
  if (!read_at(image, 0, eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
    error = "not an ELF file";
    return false;
  }
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_X86_64) {
    error = "not an ELF64 little-endian x86-64 file (MPK exists on x86-64 only)";
    return false;
  }
  std::vector<Elf64_Shdr> sections;
  if (eh.e_shoff != 0 && eh.e_shnum != 0) {
    if (eh.e_shentsize != sizeof(Elf64_Shdr)) {
      error = "unexpected section header size";
      return false;
    }
    for (unsigned i = 0; i < eh.e_shnum; ++i) {
      Elf64_Shdr sh;
      if (!read_at(image, eh.e_shoff + std::uint64_t{i} * sizeof(Elf64_Shdr), sh)) {
        error = "truncated section header table";
        return false;
      }
      sections.push_back(sh);
    }
  }
  // Without the section names the gate's own section is not recognised and
  // its WRPKRUs would be reported as stray: a corrupt index is an error.
  // (SHN_XINDEX: the index is in section 0's sh_link, for many sections.)
  const std::uint64_t name_index = eh.e_shstrndx == SHN_XINDEX && !sections.empty() ? sections[0].sh_link
                                                                                     : eh.e_shstrndx;
  if (!sections.empty() && (name_index == SHN_UNDEF || name_index >= sections.size())) {
    error = "the section name table index is out of range (a corrupt ELF header?)";
    return false;
  }
  const Elf64_Shdr* names = name_index < sections.size() ? &sections[name_index] : nullptr;
  for (const Elf64_Shdr& sh : sections) {
    if (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM) read_symbols(image, sections, sh, out);
    if ((sh.sh_flags & SHF_ALLOC) == 0 || sh.sh_type == SHT_NOBITS || sh.sh_size == 0) continue;
    if (!in_bounds(image, sh.sh_offset, sh.sh_size)) {
      error = "a loaded section lies outside the file (truncated?)";
      return false;
    }
    out.sections.push_back(CodeRange{names ? string_at(image, *names, sh.sh_name) : std::string(), sh.sh_addr,
                                     sh.sh_offset, sh.sh_size, (sh.sh_flags & SHF_EXECINSTR) != 0});
  }
  // What runs is what the loader maps executable: every PT_LOAD segment with
  // PF_X, whatever its sections say (with -z noseparate-code, .rodata shares
  // the code's segment, and bytes there execute just as well).
  bool segments = false;
  if (eh.e_phoff != 0 && eh.e_phnum != 0) {
    if (eh.e_phentsize != sizeof(Elf64_Phdr)) {
      error = "unexpected program header size";
      return false;
    }
    for (unsigned i = 0; i < eh.e_phnum; ++i) {
      Elf64_Phdr ph;
      if (!read_at(image, eh.e_phoff + std::uint64_t{i} * sizeof(Elf64_Phdr), ph)) {
        error = "truncated program header table";
        return false;
      }
      if (ph.p_type != PT_LOAD) continue;
      segments = true;
      if ((ph.p_flags & PF_X) == 0 || ph.p_filesz == 0) continue;
      if (!in_bounds(image, ph.p_offset, ph.p_filesz)) {
        error = "an executable segment lies outside the file (truncated?)";
        return false;
      }
      out.code.push_back(CodeRange{"", ph.p_vaddr, ph.p_offset, ph.p_filesz, true});
    }
  }
  if (!segments) {
    // A relocatable object: no segments yet, its executable sections are the code.
    for (const CodeRange& section : out.sections) {
      if (section.executable) out.code.push_back(section);
    }
  }
  std::sort(out.symbols.begin(), out.symbols.end(), [](const Symbol& a, const Symbol& b) {
    return a.address != b.address ? a.address < b.address : a.size > b.size;
  });
  return true;
}

std::vector<const CodeRange*> sections_named(const File& f, const std::string& name) {
  std::vector<const CodeRange*> out;
  for (const CodeRange& s : f.sections) {
    if (s.section == name) out.push_back(&s);
  }
  return out;
}

const CodeRange* section_at(const File& f, std::uint64_t offset) {
  for (const CodeRange& s : f.sections) {
    if (offset >= s.offset && offset - s.offset < s.size) return &s;
  }
  return nullptr;
}

const Symbol* symbol_at(const File& f, std::uint64_t address) {
  auto it = std::upper_bound(f.symbols.begin(), f.symbols.end(), address,
                             [](std::uint64_t a, const Symbol& s) { return a < s.address; });
  // Walk back over symbols starting at or before the address: the first one
  // whose extent covers it wins; a sized symbol that ends before it does not.
  const Symbol* unsized = nullptr;
  while (it != f.symbols.begin()) {
    --it;
    if (it->size != 0 && address < it->address + it->size) return &*it;
    if (it->size == 0 && unsized == nullptr) unsized = &*it;
    if (f.symbols.end() - it > 64) break;  // a bounded look-back
  }
  return unsized;
}

}  // namespace meshwa::inspect::elf
