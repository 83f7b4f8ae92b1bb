#include "cli/Outputs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "model/Validate.h"

namespace meshwa::cli {

namespace fs = std::filesystem;

namespace {

void report(const fs::path& path, const std::string& reason) {
  std::cerr << path.string() << ": error: cannot write the generated file: " << reason << "\n";
}

bool holds(const fs::path& path, const std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream old;
  old << in.rdbuf();
  return old.str() == text;
}

// Where the text must end up: a symlinked output is written through the
// link, as a plain write would, rather than replaced by a file.
fs::path resolved(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_symlink(path, ec)) return path;
  const fs::path target = fs::canonical(path, ec);
  return ec ? path : target;
}

// A name next to `target` that no other run picks (pid, and a count within
// this run), hidden, and plainly meshwa's if a crash leaves it behind.
fs::path temporary_for(const fs::path& target) {
  static unsigned count = 0;
  return target.parent_path() /
         ("." + target.filename().string() + ".meshwa-" + std::to_string(::getpid()) + "-" + std::to_string(++count) +
          ".tmp");
}

// Writes all of `text` to a new file `path` with `mode` (before the umask);
// "" or the reason it could not.
std::string write_new_file(const fs::path& path, const std::string& text, mode_t mode, bool keep_mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return std::strerror(errno);
  std::string problem;
  // The file replaced keeps its permissions (an executable script, a
  // group-writable file); a new one gets the umask's.
  if (keep_mode && ::fchmod(fd, mode) != 0) problem = std::strerror(errno);
  for (std::size_t done = 0; problem.empty() && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) problem = std::strerror(errno);
    else done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0 && problem.empty()) problem = std::strerror(errno);
  return problem;
}

}  // namespace

fs::path out_file(const fs::path& out_dir, const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
      name.find('\0') != std::string::npos) {
    throw std::runtime_error("refusing to write " + gen::json_quoted(name) + ": not a file name inside " +
                             out_dir.string());
  }
  return out_dir / name;
}

// Standard output that could not be written (a full disk, a closed pipe
// with SIGPIPE ignored) fails the command: a redirected `--dump-model` or
// `graph` would otherwise leave a truncated file behind a success.
int stdout_status(const char* command, int status) {
  std::cout.flush();
  if (std::cout) return status;
  std::cerr << "meshwa " << command << ": error: cannot write to standard output: "
            << (errno != 0 ? std::strerror(errno) : "write failed") << "\n";
  return 1;
}

Outputs::~Outputs() { roll_back(); }

bool Outputs::stage(const fs::path& path, const std::string& text) {
  const std::string problem = prepare(path, text);
  if (problem.empty()) return true;
  report(path, problem);
  failed_ = true;
  return false;
}

std::string Outputs::stage_if_writable(const fs::path& path, const std::string& text) { return prepare(path, text); }

std::string Outputs::prepare(const fs::path& path, const std::string& text) {
  const fs::path target = resolved(path);
  std::error_code ec;
  if (fs::is_directory(target, ec)) return "a directory is in its place";
  if (holds(target, text)) return "";
  const bool exists = fs::exists(target, ec);
  // A file made read-only stays unwritten, as a plain write would leave it
  // (renaming over it would only need the directory to be writable).
  if (exists && ::access(target.c_str(), W_OK) != 0) return std::strerror(errno);
  if (target.has_parent_path()) {
    if (std::string problem = make_parent_directories(target.parent_path()); !problem.empty()) return problem;
  }
  struct stat old {};
  const bool keep_mode = exists && ::stat(target.c_str(), &old) == 0;
  const fs::path temporary = temporary_for(target);
  if (std::string problem = write_new_file(temporary, text, old.st_mode & 07777, keep_mode); !problem.empty()) {
    fs::remove(temporary, ec);
    return problem;
  }
  staged_.push_back({temporary, target});
  return "";
}

std::string Outputs::make_parent_directories(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> missing;  // innermost first
  for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  if (missing.empty()) return "";
  fs::create_directories(dir, ec);
  // Made, or partly made: rolled back either way.
  made_directories_.insert(made_directories_.end(), missing.rbegin(), missing.rend());
  if (!ec) return "";
  return "cannot create the directory " + dir.string() + ": " + ec.message();
}

bool Outputs::commit() {
  if (failed_) {
    roll_back();
    return false;
  }
  std::error_code ec;
  for (std::size_t k = 0; k < staged_.size(); ++k) {
    fs::rename(staged_[k].temporary, staged_[k].target, ec);
    if (!ec) continue;
    // Rare (the directory changed under us): those already renamed stay,
    // the rest are left as they were.
    report(staged_[k].target, ec.message());
    staged_.erase(staged_.begin(), staged_.begin() + static_cast<std::ptrdiff_t>(k));
    made_directories_.clear();  // they hold outputs now
    roll_back();
    return false;
  }
  staged_.clear();
  made_directories_.clear();
  return true;
}

void Outputs::roll_back() {
  std::error_code ec;
  for (const Staged& s : staged_) fs::remove(s.temporary, ec);
  staged_.clear();
  // Innermost first; fs::remove leaves a directory that is not empty.
  for (auto it = made_directories_.rbegin(); it != made_directories_.rend(); ++it) fs::remove(*it, ec);
  made_directories_.clear();
}

}  // namespace meshwa::cli
