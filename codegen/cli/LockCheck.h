// meshwa gen --lock: the unit's interfaces against its lock file
// (docs/generator.md, "Interface lock"), reported at the declarations that
// changed.
#pragma once

#include <string>

#include "cli/Outputs.h"
#include "frontend/ModelBuilder.h"
#include "model/Model.h"

namespace meshwa::cli {

/// Compares the model with the lock file, or records it when asked to
/// (`update`) or when there is none yet: the lock to write is staged in
/// `outputs`. 0, or 1 after reporting breaking changes or a malformed lock.
int check_lock(const gen::Model& model, const gen::BuildOptions& options, const std::string& lock_path, bool update,
               Outputs& outputs);

}  // namespace meshwa::cli
