#include "cli/PathProblems.h"

#include <fstream>
#include <system_error>

namespace meshwa::cli {

namespace fs = std::filesystem;

namespace {

// The parents of `path` are created as needed: the nearest one that exists
// must be a directory. Returns that parent when it is not, else empty.
fs::path parent_in_the_way(const fs::path& path) {
  std::error_code ec;
  for (fs::path parent = fs::absolute(path, ec).parent_path(); !parent.empty(); parent = parent.parent_path()) {
    if (!fs::exists(parent, ec)) {
      if (parent == parent.parent_path()) break;  // the root: nothing above it
      continue;
    }
    return fs::is_directory(parent, ec) ? fs::path() : parent;
  }
  return {};
}

}  // namespace

// A file that is read, and written when missing or outdated (--lock): the
// file itself, in a directory that exists (a misspelt directory would
// otherwise silently start a new lock, away from the one in version
// control).
std::string lock_path_problem(const fs::path& path, const std::string& unit) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (fs::is_directory(status)) {
    return "--lock " + path.string() + " is a directory; pass the lock file itself, e.g. --lock " +
           (path / (unit + ".lock.json")).string() + " (created on the first run if missing)";
  }
  if (fs::exists(status)) {
    if (!fs::is_regular_file(status)) return "--lock " + path.string() + " is not a regular file; pass the lock file";
    if (!std::ifstream(path)) return "--lock " + path.string() + " cannot be read; check its permissions";
    return "";
  }
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec)) {
    return "--lock " + path.string() + ": its directory " + parent.string() +
           (fs::exists(parent, ec) ? " is not a directory" : " does not exist") +
           "; the lock file is created on the first run, but only in a directory that exists (it belongs in "
           "version control, next to the sources); fix the path or create the directory";
  }
  return "";
}

// A directory that is written into (--out): missing is fine (created), a
// file in its place is not.

std::string out_dir_problem(const std::string& option, const fs::path& path) {
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_directory(path, ec)) {
    return option + " " + path.string() + " is not a directory; pass the directory to write the generated files into";
  }
  if (const fs::path parent = parent_in_the_way(path); !parent.empty()) {
    return option + " " + path.string() + " cannot be created: " + parent.string() +
           " is not a directory; pass the directory to write the generated files into";
  }
  return "";
}

// A file that is written (--depfile): not a directory, nor under a file
// (found only after the generated files were written, it failed the run
// with them in place).
std::string out_file_problem(const std::string& option, const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return option + " " + path.string() + " is a directory; pass a file name";
  if (const fs::path parent = parent_in_the_way(path); !parent.empty()) {
    return option + " " + path.string() + " cannot be created: " + parent.string() + " is not a directory; pass a "
           "file name in a directory";
  }
  return "";
}

// A directory that is read (-p, --include-root): it must exist.
std::string in_dir_problem(const std::string& option, const fs::path& path, const char* wanted) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return "";
  return option + " " + path.string() + (fs::exists(path, ec) ? " is not a directory" : " does not exist") +
         "; pass " + wanted;
}

}  // namespace meshwa::cli
