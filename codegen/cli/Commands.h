// The subcommands of meshwa (docs/generator.md), one function each, called
// by main.cpp once the options are parsed: each reports on stderr and
// returns the exit status.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/Outputs.h"
#include "frontend/ModelBuilder.h"
#include "model/Model.h"

namespace meshwa::cli {

/// meshwa gen: parse the sources, check the lock, write the unit's files.
int run_gen(const gen::BuildOptions& options, const std::string& out_dir, bool dump, const std::string& depfile,
            const std::string& lock, bool update_lock);

/// meshwa emit: the unit's files from a model file, without parsing.
int run_emit(const std::string& model_path, const std::string& out_dir);

/// Stages a unit's generated files and its model file (gen and emit).
void stage_unit(const gen::Model& model, const std::filesystem::path& out_dir, Outputs& outputs);

/// meshwa deploy: a deployment's main and contract-test main.
int run_deploy(const std::string& name, const std::string& out_dir, const std::vector<std::string>& model_paths);

/// meshwa graph: who calls whom, as Graphviz DOT on stdout.
int run_graph(const std::string& name, const std::vector<std::string>& model_paths);

/// meshwa cxxflags: the flags that compile a file as service code.
int cxxflags(const char* argv0, std::ostream& out, std::ostream& err);

/// meshwa inspect: WRPKRU/XRSTOR sequences outside meshwa's gates.
int run_inspect(const std::string& binary, bool remove_failing, bool list_allowed);

}  // namespace meshwa::cli
