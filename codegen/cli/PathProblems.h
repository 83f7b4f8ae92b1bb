// The path options of the meshwa CLI, checked before any work (gen parses
// the sources first, which takes seconds): each problem says what the
// option wants, "" when the path is fine.
#pragma once

#include <filesystem>
#include <string>

namespace meshwa::cli {

/// --lock: the file itself, read, and written when missing, in a directory
/// that exists.
std::string lock_path_problem(const std::filesystem::path& path, const std::string& unit);

/// A directory that is written into (--out): missing is fine (created with
/// its parents), a file in its place or in the way of its parents is not.
std::string out_dir_problem(const std::string& option, const std::filesystem::path& path);

/// A file that is written (--depfile): not a directory, nor under a file.
std::string out_file_problem(const std::string& option, const std::filesystem::path& path);

/// A directory that is read (-p, --include-root): it must exist.
std::string in_dir_problem(const std::string& option, const std::filesystem::path& path, const char* wanted);

}  // namespace meshwa::cli
