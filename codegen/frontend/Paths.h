// File paths as the generator compares and prints them. Plain LLVM, no clang.
#pragma once

#include <string>

#include "llvm/ADT/StringRef.h"

namespace meshwa::gen::frontend {

/// Absolute, with "." and ".." removed; symlinks kept.
std::string normalize_path(llvm::StringRef path);

/// A path as clang reports the files it read (FileEntry's real path: symlinks
/// resolved), so that a source spelled through a symlinked directory is found
/// again: normalize_path() alone kept "lnk/svc.hpp" while the declarations
/// said "real/svc.hpp", and the unit lost its service. A path that does not
/// exist stays normalized.
std::string canonical_path(llvm::StringRef path);

}  // namespace meshwa::gen::frontend
