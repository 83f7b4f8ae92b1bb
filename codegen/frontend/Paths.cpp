#include "frontend/Paths.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace meshwa::gen::frontend {

std::string normalize_path(llvm::StringRef path) {
  llvm::SmallString<256> p(path);
  llvm::sys::fs::make_absolute(p);
  llvm::sys::path::remove_dots(p, /*remove_dot_dot=*/true);
  return std::string(p.str());
}

std::string canonical_path(llvm::StringRef path) {
  const std::string normal = normalize_path(path);
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(normal, real)) return normal;
  return std::string(real.str());
}

}  // namespace meshwa::gen::frontend
