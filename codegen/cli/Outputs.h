// The files a command writes (generated files, the model, the depfile, the
// lock), all or nothing: a build never sees half of a regeneration (new
// stubs next to an old header), and a failed run leaves the previous
// outputs as they were.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace meshwa::cli {

/// A generated file inside the output directory: its name is one file-name
/// component (the unit and deployment names are checked before; this is the
/// last guard that nothing is written outside --out). Throws otherwise.
std::filesystem::path out_file(const std::filesystem::path& out_dir, const std::string& name);

/// `status`, or 1 when standard output could not be written (said on
/// stderr as `meshwa <command>: error: cannot write to standard output`).
int stdout_status(const char* command, int status);

class Outputs {
 public:
  Outputs() = default;
  Outputs(const Outputs&) = delete;
  Outputs& operator=(const Outputs&) = delete;
  /// Whatever was staged and not committed is removed.
  ~Outputs();

  /// Stages `text` as the content of `path`. A file that already holds it is
  /// left alone (its mtime too: make and ninja rebuild nothing); otherwise
  /// the text goes into a temporary file next to it, so that the rename into
  /// place cannot cross file systems. False, with the error on stderr
  /// (`<path>: error: cannot write the generated file: <reason>`), when it
  /// cannot be written: later stages go on, to report every such file.
  bool stage(const std::filesystem::path& path, const std::string& text);

  /// The same for a file the command can do without (a lock whose only
  /// change is re-keyed methods): "" when staged, else why it cannot be
  /// written, which the caller says; the other outputs are still committed.
  std::string stage_if_writable(const std::filesystem::path& path, const std::string& text);

  /// When every stage succeeded, renames the temporaries into place; else
  /// removes them, and the directories made for them, leaving every output
  /// as it was. True when all outputs are in place.
  bool commit();

 private:
  struct Staged {
    std::filesystem::path temporary;
    std::filesystem::path target;
  };
  void roll_back();
  // Stages as stage() does: "" when staged, else why not.
  std::string prepare(const std::filesystem::path& path, const std::string& text);
  std::string make_parent_directories(const std::filesystem::path& dir);

  std::vector<Staged> staged_;
  std::vector<std::filesystem::path> made_directories_;  // outermost first
  bool failed_ = false;
};

}  // namespace meshwa::cli
