// meshwa: the generator's command line (CLI11 subcommands). See docs/generator.md.
//   meshwa gen -p BUILD_DIR [--unit U] [--out DIR [--depfile F]] [--dump-model] [--include-root DIR]
//              [--extra-arg ARG]... [--lock FILE [--update-lock]] SOURCES...
//   meshwa emit --model U.model.json --out DIR          (emitters only, from a model file)
//   meshwa deploy --name N --out DIR --model A.model.json...
//   meshwa graph [--name N] --model A.model.json...      (DOT, no build needed)
//   meshwa cxxflags
//   meshwa inspect [--remove-on-findings] [--verbose] BINARY
// This file parses the options; each subcommand is in cli/<Name>Command.cpp.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/Commands.h"

using namespace meshwa::cli;
using meshwa::gen::BuildOptions;

namespace {

// Options given in a way that would silently do less than asked: an empty
// path (`--lock "$LOCK"` with LOCK unset would skip the lock check),
// --depfile without --out (the depfile names the generated files; nothing
// would be written) and --update-lock without --lock.
std::string gen_option_problem(const CLI::App& gen, const std::string& out_dir, const std::string& depfile) {
  for (const char* name : {"--out", "--lock", "--depfile", "--include-root", "-p"}) {
    const CLI::Option* option = gen.get_option(name);
    if (option->count() > 0 && option->as<std::string>().empty()) {
      return std::string(name) + " was given an empty path; pass the path" +
             (std::string_view(name) == "-p" ? "" : ", or leave the option out");
    }
  }
  if (!depfile.empty() && out_dir.empty()) {
    return "--depfile needs --out: the depfile names the generated files, and without --out none is written";
  }
  // (MESHWA_UPDATE_LOCK=1 in a build's environment applies to every unit,
  // locked or not: only the flag, written for this run, is checked.)
  if (gen.get_option("--update-lock")->count() > 0 && gen.get_option("--lock")->count() == 0) {
    return "--update-lock needs --lock <file>: it rewrites that lock file, and without one there is none to update";
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"meshwa: typed stubs, one deployment binary, contract tests (docs/generator.md)", "meshwa"};
  app.require_subcommand(1);

  BuildOptions options;
  std::string out_dir, depfile, lock;
  bool dump = false, update_lock = false;
  CLI::App* gen = app.add_subcommand("gen", "read annotated sources (via compile_commands.json) and generate");
  gen->add_option("-p,--build-dir", options.build_dir, "directory holding compile_commands.json")->required();
  gen->add_option("--unit", options.unit, "name of the generated files (the CMake target)")->default_val("meshwa");
  gen->add_option("--out", out_dir, "write the generated files into this directory");
  gen->add_flag("--dump-model", dump, "print the model as JSON");
  gen->add_option("--depfile", depfile, "write a Makefile-style depfile of the inputs read (needs --out)");
  gen->add_option("--include-root", options.include_root, "spell headers under this directory relative to it");
  gen->add_option("--config", options.config,
                  "of a multi-config build (several compile commands per file): read the sources with this "
                  "configuration's commands (default: the first of each file's)");
  // One value per --extra-arg (repeat it for more): taking all that follow
  // would swallow the sources after it.
  gen->add_option("--extra-arg", options.extra_args,
                  "append this argument to every compile command (one per --extra-arg; write "
                  "--extra-arg=-DX for a value that starts with -)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  gen->add_option("--lock", lock, "check (or create) the interface lock file");
  gen->add_flag("--update-lock", update_lock,
                "accept breaking changes: rewrite the lock file (needs --lock; MESHWA_UPDATE_LOCK=1 in the "
                "environment does the same)");
  gen->add_option("sources", options.sources, "the target's C and C++ sources and headers (.cpp, .cc, .c, .hpp, .h, ...)")
      ->required();

  std::string model_path;
  CLI::App* emit = app.add_subcommand("emit", "generate a unit's files from a model file (no parsing)");
  emit->add_option("--model", model_path, "model JSON (from gen --dump-model or gen --out)")->required();
  emit->add_option("--out", out_dir, "output directory")->required();

  std::string name;
  std::vector<std::string> models;
  CLI::App* deploy = app.add_subcommand("deploy", "generate a deployment's main and contract tests from unit models");
  deploy->add_option("--name", name, "deployment name")->required();
  deploy->add_option("--out", out_dir, "output directory")->required();
  deploy->add_option("--model", models, "the model file of every unit of the deployment")->required();

  CLI::App* graph = app.add_subcommand("graph", "print who calls whom (Graphviz DOT) from unit models");
  graph->add_option("--name", name, "deployment name")->default_val("deployment");
  graph->add_option("--model", models, "unit model files")->required();

  CLI::App* flags = app.add_subcommand("cxxflags", "print the flags that compile a file as service code");

  std::string binary;
  CLI::App* inspect = app.add_subcommand("inspect", "find WRPKRU/XRSTOR sequences outside meshwa's gates");
  inspect->add_option("binary", binary, "a linked binary")->required();
  bool remove_failing = false;
  inspect->add_flag("--remove-on-findings", remove_failing,
                    "delete the binary when it has findings, so a failed build leaves nothing to run");
  bool list_allowed = false;
  inspect->add_flag("--verbose", list_allowed, "also list each allowed WRPKRU of meshwa's gates");

  // A usage error exits 2, as the deployment binaries and `meshwa inspect`'s
  // "unreadable" do, not with CLI11's own codes (106 for a missing argument),
  // which a script testing inspect's 0/1/2 would read as something else.
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    (void)app.exit(e);  // prints the message and the --help hint
    return 2;
  }
  try {
    // MESHWA_UPDATE_LOCK=1 in the environment of a build: accept the
    // change without editing the build's commands.
    if (const char* env = std::getenv("MESHWA_UPDATE_LOCK"); env != nullptr && std::string(env) == "1") {
      update_lock = true;
    }
    if (*gen) {
      if (const std::string problem = gen_option_problem(*gen, out_dir, depfile); !problem.empty()) {
        std::cerr << "meshwa gen: error: " << problem << "\n";
        return 1;
      }
      return run_gen(options, out_dir, dump, depfile, lock, update_lock);
    }
    if (*emit) return run_emit(model_path, out_dir);
    if (*deploy) return run_deploy(name, out_dir, models);
    if (*graph) return run_graph(name, models);
    if (*flags) return stdout_status("cxxflags", cxxflags(argv[0], std::cout, std::cerr));
    if (*inspect) return run_inspect(binary, remove_failing, list_allowed);
  } catch (const std::exception& e) {
    std::cerr << "meshwa: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
