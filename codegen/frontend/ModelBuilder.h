// Builds the generator's model from annotated sources, with clang
// (LibTooling). The only part of meshwa gen that includes clang's headers:
// this interface is plain C++ so the rest of the generator compiles fast.
#pragma once

#include <string>
#include <vector>

#include "model/Model.h"

namespace meshwa::gen {

struct BuildOptions {
  std::string build_dir;                // holds compile_commands.json (-p)
  std::vector<std::string> sources;     // the target's sources; files without a compile command count as its headers
  std::string unit;                     // Model::unit
  std::string include_root;             // when set, headers under it are spelled relative to it
  std::vector<std::string> extra_args;  // appended to every compile command (--extra-arg)
  std::string config;                   // of a multi-config build: whose compile commands to read (--config)
};

/// A problem found while building the model ("file:line:col: error: ...").
struct Diagnostic {
  Location location;
  std::string severity;  // "error", "warning" or "note"
  std::string message;

  [[nodiscard]] std::string str() const;
};

struct BuildOutcome {
  Model model;
  std::vector<Diagnostic> diagnostics;   // boundary errors and the like, in source order
  bool compile_failed = false;           // clang reported errors (already printed to stderr)
  std::vector<std::string> inputs;       // every non-system file read, for a depfile
  [[nodiscard]] bool ok() const;
};

/// Parses every source with a compile command and collects interfaces,
/// messages and the services defined by this target. Never throws on bad
/// input: problems end up in the outcome.
BuildOutcome build_model(const BuildOptions& options);

/// The directory of clang's own headers (stddef.h ...) that the tool uses.
const char* clang_resource_dir();

}  // namespace meshwa::gen
