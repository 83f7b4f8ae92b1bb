// meshwa gen: the path checks, the frontend (clang) that builds the model,
// the lock, and the unit's files.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/Commands.h"
#include "cli/LockCheck.h"
#include "cli/PathProblems.h"
#include "model/ModelJson.h"
#include "model/Validate.h"

namespace meshwa::cli {

using namespace meshwa::gen;

namespace {

std::string escape_make(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#') out += '\\';
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

std::vector<std::string> gen_path_problems(const BuildOptions& options, const std::string& out_dir,
                                           const std::string& depfile, const std::string& lock) {
  std::vector<std::string> problems;
  auto add = [&problems](std::string problem) {
    if (!problem.empty()) problems.push_back(std::move(problem));
  };
  add(in_dir_problem("-p", options.build_dir, "the build directory that holds compile_commands.json"));
  if (!options.include_root.empty()) {
    add(in_dir_problem("--include-root", options.include_root,
                       "the directory the generated files' #includes are spelled relative to (usually the "
                       "sources' include directory)"));
  }
  if (!out_dir.empty()) add(out_dir_problem("--out", out_dir));
  if (!depfile.empty()) add(out_file_problem("--depfile", depfile));
  if (!lock.empty()) add(lock_path_problem(lock, options.unit));
  return problems;
}

}  // namespace

int run_gen(const BuildOptions& options, const std::string& out_dir, bool dump, const std::string& depfile,
            const std::string& lock, bool update_lock) {
  // The unit names the generated files: one file-name component.
  if (const std::string problem = file_name_problem("unit name", options.unit); !problem.empty()) {
    std::cerr << "meshwa gen: error: --unit: " << problem << "\n";
    return 1;
  }
  if (const std::vector<std::string> problems = gen_path_problems(options, out_dir, depfile, lock); !problems.empty()) {
    for (const std::string& p : problems) std::cerr << "meshwa gen: error: " << p << "\n";
    return 1;
  }
  BuildOutcome outcome = build_model(options);
  for (const Diagnostic& d : outcome.diagnostics) std::cerr << d.str() << "\n";
  if (!outcome.ok()) {
    const auto errors = std::count_if(outcome.diagnostics.begin(), outcome.diagnostics.end(),
                                      [](const Diagnostic& d) { return d.severity == "error"; });
    std::cerr << "meshwa gen: " << (outcome.compile_failed ? "the sources do not compile" : "")
              << (outcome.compile_failed && errors ? "; " : "") << (errors ? std::to_string(errors) + " error(s)" : "")
              << ", nothing generated\n";
    return 1;
  }
  // What meshwa emit and deploy check in a model file holds for the model
  // gen built, or nothing is written (a model gen writes, emit accepts).
  if (const std::vector<std::string> problems = model_problems(outcome.model); !problems.empty()) {
    for (const std::string& p : problems) std::cerr << "meshwa gen: error: model: " << p << "\n";
    std::cerr << "meshwa gen: " << problems.size() << " error(s) in the model built from the sources, nothing generated\n";
    return 1;
  }
  if (dump) {
    std::cout << to_json(outcome.model).dump(2) << "\n";
    if (stdout_status("gen", 0) != 0) return 1;
  }
  // The lock, the generated files and the depfile are written together or
  // not at all (Outputs).
  Outputs outputs;
  if (!lock.empty() && check_lock(outcome.model, options, lock, update_lock, outputs) != 0) return 1;
  if (!out_dir.empty()) {
    stage_unit(outcome.model, out_dir, outputs);
    if (!depfile.empty()) {
      std::string text = escape_make(out_file(out_dir, options.unit + ".meshwa.cpp").string()) + ":";
      for (const std::string& in : outcome.inputs) text += " \\\n  " + escape_make(in);
      text += "\n";
      outputs.stage(depfile, text);
    }
  }
  return outputs.commit() ? 0 : 1;
}

}  // namespace meshwa::cli
