// meshwa: the generator's command line (CLI11 subcommands). See docs/generator.md.
//   meshwa gen -p BUILD_DIR [--unit U] [--out DIR] [--dump-model] [--lock FILE [--update-lock]] SOURCES...
//   meshwa emit --model U.model.json --out DIR          (emitters only, from a model file)
//   meshwa deploy --name N --out DIR --model A.model.json...
//   meshwa graph --model A.model.json...                 (DOT, no build needed)
//   meshwa cxxflags
//   meshwa inspect [--remove-on-findings] [--verbose] BINARY
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "frontend/ModelBuilder.h"
#include "emit/Emit.h"
#include "lock/Lock.h"
#include "meshwa/gen/deployment.hpp"
#include "meshwa/start_text.hpp"
#include "meshwa_plugin_path.h"
#include "model/ModelJson.h"
#include "model/Validate.h"
#include "cli/Outputs.h"
#include "cli/PathProblems.h"

#if __has_include("meshwa/runtime/inspect.hpp") && defined(MESHWA_HAVE_INSPECT)
#include "meshwa/runtime/inspect.hpp"
#define MESHWA_INSPECT_AVAILABLE 1
#endif

namespace fs = std::filesystem;
using meshwa::cli::in_dir_problem;
using meshwa::cli::lock_path_problem;
using meshwa::cli::out_dir_problem;
using meshwa::cli::out_file_problem;
using meshwa::cli::Outputs;
using namespace meshwa::gen;

namespace {

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

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string escape_make(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#') out += '\\';
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

// A generated file inside the output directory: its name is one file-name
// component (the unit and deployment names are checked before, this is the
// last guard that nothing is written outside --out).
fs::path out_file(const fs::path& out_dir, const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
      name.find('\0') != std::string::npos) {
    throw std::runtime_error("refusing to write " + json_quoted(name) + ": not a file name inside " + out_dir.string());
  }
  return out_dir / name;
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

void stage_unit(const Model& model, const fs::path& out_dir, Outputs& outputs) {
  for (const GeneratedFile& f : emit_unit(model)) outputs.stage(out_file(out_dir, f.name), f.text);
  outputs.stage(out_file(out_dir, model.unit + ".model.json"), to_json(model).dump(2) + "\n");
}

// Where the subject of a breaking change is declared now: the method, the
// interface, the message's field, the message, the enum or the service;
// empty when it is gone.
Location declaration_of(const Model& model, const Break& b) {
  if (b.kind == "interface") {
    for (const Interface& i : model.interfaces) {
      if (i.qualified_name != b.name) continue;
      const std::string base = b.member.substr(0, b.member.find('('));
      for (const Method& m : i.methods) {
        if (!b.member.empty() && (i.method_key(m) == b.member || m.name == base)) return m.location;
      }
      return i.location;
    }
  } else if (b.kind == "message") {
    for (const Message& m : model.messages) {
      if (m.qualified_name != b.name) continue;
      // A field that is still there (its type changed): at the field.
      for (const Field& f : m.fields) {
        if (!b.member.empty() && f.name == b.member && f.location.line != 0) return f.location;
      }
      return m.location;
    }
  } else if (b.kind == "service") {
    for (const Service& s : model.services) {
      if (s.qualified_name == b.name) return s.location;
    }
  } else if (b.kind == "enum") {
    for (const Enum& e : model.enums) {
      if (e.qualified_name == b.name) return e.location;
    }
  }
  return {};
}

// How to accept a change on purpose: the whole command (it must find the
// compile commands and the sources again), and the build's way for CMake users.
std::string accept_hint(const BuildOptions& options, const std::string& lock_path) {
  std::string command = "meshwa gen -p " + options.build_dir + " --unit " + options.unit;
  if (!options.include_root.empty()) command += " --include-root " + options.include_root;
  for (const std::string& a : options.extra_args) command += " --extra-arg=" + a;
  command += " --lock " + lock_path + " --update-lock";
  for (const std::string& source : options.sources) command += " " + source;
  return "`MESHWA_UPDATE_LOCK=1 cmake --build " + options.build_dir + "` rebuilds with the change accepted, or run `" +
         command + "`";
}

// Methods of the lock now keyed otherwise (an overload of the name added or
// removed): no break, and the lock written next records the new key, but
// contracts recorded under the old key name a method that no longer exists:
// say so once, while the lock still has the old key.
void report_rekeys(const Model& model, const std::vector<Rekey>& rekeys, const std::string& lock_path, bool written) {
  for (const Rekey& r : rekeys) {
    Location at;
    std::string others;
    if (const Interface* i = model.find_interface(r.interface)) {
      at = i->location;
      for (const Method& m : i->methods) {
        const std::string key = i->method_key(m);
        if (key == r.new_key) at = m.location;
        else if (m.name == r.new_key.substr(0, r.new_key.find('('))) others += (others.empty() ? "" : ", ") + key;
      }
    }
    const bool added = r.new_key.find('(') != std::string::npos && r.old_key.find('(') == std::string::npos;
    const bool removed = r.old_key.find('(') != std::string::npos && r.new_key.find('(') == std::string::npos;
    const std::string why = added     ? "another overload of the name was added (" + others + ")"
                            : removed ? "its other overloads were removed"
                                      : "its overloads changed";
    std::cerr << (at.file.empty() ? lock_path + ":1:1" : at.str()) << ": warning: method " << r.interface
              << "::" << r.old_key << " of the lock is keyed \"" << r.new_key << "\" now, since " << why
              << "; it is the same method, so callers are not affected and the lock "
              << (written ? "now records" : "records it under") << " the new key"
              << (written ? "" : " when it is next written") << ", but contracts that recorded its calls as \""
              << r.old_key << "\" no longer replay: record them again (run their consumer tests) [meshwa-lock]\n";
  }
}

// A lock file not as meshwa writes it is never read leniently (a "methods"
// that is null would read as no methods, and the lock would be rewritten
// without them): each problem at the file, naming the entry, with the way
// to rewrite the file from the sources.
void report_lock_problems(const std::vector<LockProblem>& problems, const BuildOptions& options,
                          const std::string& lock_path) {
  constexpr std::size_t kShown = 20;  // a file of another format would have hundreds
  for (std::size_t k = 0; k < problems.size() && k < kShown; ++k) {
    std::cerr << lock_path << ":1:1: error: " << problems[k].str()
              << "; fix it, or rewrite the lock file from the current sources (which accepts every change since it "
              << "was written): " << accept_hint(options, lock_path) << " [meshwa-lock]\n";
  }
  if (problems.size() > kShown) {
    std::cerr << lock_path << ":1:1: note: " << problems.size() - kShown << " more problem(s) not shown\n";
  }
}

// The lock: compare, or record when asked to (or when there is none yet).
// A lock file belongs to one unit (service target): it records that unit's
// services, and another unit's would look removed.
int check_lock(const Model& model, const BuildOptions& options, const std::string& lock_path, bool update,
               Outputs& outputs) {
  const nlohmann::json now = lock_of(model);
  if (!update && fs::exists(lock_path)) {
    std::vector<LockProblem> problems;
    const nlohmann::json parsed = parse_lock(read_text(lock_path), problems);
    if (problems.empty()) problems = lock_problems(parsed);
    if (!problems.empty()) {
      report_lock_problems(problems, options, lock_path);
      return 1;
    }
    const nlohmann::json locked = recorded_part(parsed, model);
    if (locked.contains("unit") && locked.at("unit") != now.at("unit")) {
      std::cerr << lock_path << ":1:1: error: this lock file belongs to unit " << locked.at("unit").dump()
                << ", not to \"" << model.unit << "\"; a lock records one service target's interfaces, give this "
                << "one its own file (meshwa_add_service(" << model.unit << " ... LOCK " << model.unit
                << ".lock.json)) [meshwa-lock]\n";
      return 1;
    }
    std::vector<Break> breaks;
    try {
      breaks = breaks_between(locked, now);
    } catch (const nlohmann::json::exception& e) {
      std::cerr << lock_path << ":1:1: error: an entry of the lock file is not as meshwa writes it (" << e.what()
                << "); fix it, or record the current interfaces: " << accept_hint(options, lock_path)
                << " [meshwa-lock]\n";
      return 1;
    }
    for (const Break& b : breaks) {
      // At the declaration that changed where it still exists (an IDE jumps
      // there), with a note at the lock; else at the lock.
      const Location at = declaration_of(model, b);
      std::cerr << (at.file.empty() ? lock_path + ":1:1" : at.str()) << ": error: breaking change: " << b.text
                << "; " << b.consequence << " (" << b.remedy << ", or accept the change: "
                << accept_hint(options, lock_path) << ") [meshwa-lock]\n";
      if (!at.file.empty()) std::cerr << lock_path << ":1:1: note: the lock file that records it\n";
    }
    report_rekeys(model, rekeys_between(locked, now), lock_path, breaks.empty());
    if (!breaks.empty()) return 1;
    if (locked == now) return 0;
    // Additions only: record them so that they are protected from now on.
  }
  return outputs.stage(lock_path, now.dump(2) + "\n") ? 0 : 1;
}

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

std::vector<Model> read_models(const std::vector<std::string>& paths) {
  std::vector<Model> out;
  for (const std::string& p : paths) out.push_back(read_model_file(p));
  return out;
}

DeploymentInfo info_of(const std::string& name, const Model& merged) {
  DeploymentInfo info{name, {}};
  for (const Service& s : merged.services) {
    ServiceInfo si{s.name, s.qualified_name, s.interfaces, {}, s.unsafe_description()};
    for (const Dependency& d : s.dependencies) si.dependencies.push_back(d.interface);
    info.services.push_back(std::move(si));
  }
  return info;
}

// A cycle of services that ask for each other in their constructors
// (ctx.ref<I>()), which no start order can satisfy: the services of the
// cycle, the first repeated at the end; empty when there is none. A Ref<I>
// member alone is no start dependency: it may be handed over later.
std::vector<const Service*> start_cycle(const Model& merged, const std::map<std::string, std::string>& provider) {
  std::map<std::string, const Service*> by_name;
  for (const Service& s : merged.services) by_name[s.name] = &s;
  std::map<std::string, int> state;  // 0 new, 1 on the path, 2 done
  std::vector<const Service*> path;
  std::vector<const Service*> found;
  std::function<bool(const Service*)> visit = [&](const Service* s) {
    state[s->name] = 1;
    path.push_back(s);
    for (const Dependency& d : s->dependencies) {
      if (d.via != "constructor") continue;
      auto p = provider.find(d.interface);
      if (p == provider.end()) continue;
      const Service* next = by_name.at(p->second);
      if (state[next->name] == 1) {
        auto from = std::find(path.begin(), path.end(), next);
        found.assign(from, path.end());
        found.push_back(next);
        return true;
      }
      if (state[next->name] == 0 && visit(next)) return true;
    }
    path.pop_back();
    state[s->name] = 2;
    return false;
  };
  for (const Service& s : merged.services) {
    if (state[s.name] == 0 && visit(&s)) return found;
  }
  return {};
}

// The interface among those `s` provides that extends `base` (one of its
// methods is declared in `base`), or null when `s` provides `base` itself.
// A service provides every interface its class derives from, the bases of
// its interfaces too (`Store : Reader` provides Reader).
const Interface* derived_from(const Model& model, const Service& s, const std::string& base) {
  for (const std::string& name : s.interfaces) {
    if (name == base) continue;
    const Interface* i = model.find_interface(name);
    if (i == nullptr) continue;
    for (const Method& m : i->methods) {
      if (m.declared_in == base) return i;
    }
  }
  return nullptr;
}

// Two services of one deployment provide `iface`: callers of
// ctx.ref<iface>() would not know which one they get. When one provides it
// only as the base of an interface it extends (a store `Store : Reader` next
// to a read-through cache providing `Reader`), say so, and how to keep both.
void report_provided_twice(const Model& model, const std::string& deployment, const std::string& iface,
                           const Service& first, const Service& second) {
  const Interface* first_via = derived_from(model, first, iface);
  const Interface* second_via = derived_from(model, second, iface);
  std::cerr << second.location.str() << ": error: services '" << first.name << "' and '" << second.name
            << "' both provide " << iface << " in deployment '" << deployment << "'";
  if (first_via == nullptr && second_via == nullptr) {
    std::cerr << "; callers must know which one they get, deploy one of them [meshwa-deploy]\n";
  } else {
    const auto role = [&](const Service& s, const Interface* via) {
      return "'" + s.name + "' provides " + iface +
             (via ? " as the base of " + via->qualified_name + " (a service provides the bases of its interfaces too)"
                  : " itself");
    };
    std::cerr << ": " << role(second, second_via) << ", " << role(first, first_via)
              << "; callers of ctx.ref<" << iface << ">() must know which one they get: deploy one of them, or, to "
              << "keep both (a cache in front of a store), give one an interface of its own that does not derive "
              << "from " << iface << " and have its callers ask for that [meshwa-deploy]\n";
  }
  if (!first.location.file.empty()) std::cerr << first.location.str() << ": note: '" << first.name << "' is declared here\n";
  for (const Interface* via : {second_via, first_via}) {
    if (via != nullptr && !via->location.file.empty()) {
      std::cerr << via->location.str() << ": note: " << via->qualified_name << " derives from " << iface << " here\n";
    }
  }
}

int run_deploy(const std::string& name, const std::string& out_dir, const std::vector<std::string>& model_paths) {
  // The deployment names its generated files (and its target): one
  // file-name component, so that nothing is written outside --out.
  if (const std::string problem = file_name_problem("deployment name", name); !problem.empty()) {
    std::cerr << "meshwa deploy: error: --name: " << problem << "\n";
    return 1;
  }
  if (const std::string problem = out_dir_problem("--out", out_dir); !problem.empty()) {
    std::cerr << "meshwa deploy: error: " << problem << "\n";
    return 1;
  }
  DeploymentSpec spec;
  spec.name = name;
  int errors = 0;
  // Service names are unique in a deployment, and so are the generated
  // functions named after them (merging would silently keep only one).
  std::map<std::string, std::pair<const Service*, std::string>> by_function;  // service_<id> -> service, unit
  const std::vector<Model> models = read_models(model_paths);
  // One unit given twice (the same model file, or two of one unit): its
  // services would look generated twice.
  std::map<std::string, std::string> unit_file;
  for (std::size_t k = 0; k < models.size(); ++k) {
    auto [it, fresh] = unit_file.emplace(models[k].unit, model_paths[k]);
    if (fresh) continue;
    std::cerr << model_paths[k] << ": error: unit '" << models[k].unit << "' is given twice to deployment '" << name
              << "' (also by " << it->second << "); pass each unit's model file once [meshwa-deploy]\n";
    ++errors;
  }
  if (errors) return 1;
  for (const Model& m : models) {
    for (const Service& s : m.services) {
      auto [it, fresh] = by_function.emplace(service_function(s.name), std::make_pair(&s, m.unit));
      if (fresh) continue;
      const auto& [other, other_unit] = it->second;
      std::cerr << s.location.str() << ": error: ";
      if (other->qualified_name == s.qualified_name && other->name == s.name) {
        std::cerr << "service '" << s.name << "' (" << s.qualified_name << ") is generated by both units '"
                  << other_unit << "' and '" << m.unit
                  << "'; list its sources (or its header) in one meshwa_add_service only [meshwa-deploy]\n";
      } else if (other->name == s.name) {
        std::cerr << "service name '" << s.name << "' is used by both " << other->qualified_name << " (unit '"
                  << other_unit << "') and " << s.qualified_name << " (unit '" << m.unit
                  << "') in deployment '" << name << "'; give each service its own MESHWA_SERVICE name [meshwa-deploy]\n";
      } else {
        std::cerr << "service names '" << other->name << "' (unit '" << other_unit << "') and '" << s.name
                  << "' (unit '" << m.unit << "') differ only in punctuation; both would be registered as "
                  << service_function(s.name) << "(); rename one [meshwa-deploy]\n";
      }
      ++errors;
    }
  }
  if (errors) return 1;
  for (const Model& m : models) {
    spec.units.push_back(m.unit);
    spec.merged.merge(m);
  }
  // Every dependency must have a provider in the deployment: otherwise the
  // binary would fail at start; say so now, naming both ends.
  std::map<std::string, std::string> provider;
  std::map<std::string, const Service*> provider_of;
  for (const Service& s : spec.merged.services) {
    for (const std::string& i : s.interfaces) {
      auto [it, fresh] = provider.emplace(i, s.name);
      if (fresh) {
        provider_of.emplace(i, &s);
        continue;
      }
      report_provided_twice(spec.merged, name, i, *provider_of.at(i), s);
      ++errors;
    }
  }
  for (const Service& s : spec.merged.services) {
    for (const Dependency& d : s.dependencies) {
      if (provider.count(d.interface)) continue;
      std::cerr << s.location.str() << ": error: service '" << s.name << "' uses " << d.interface << " (" << d.via
                << ") but no service of deployment '" << name
                << "' provides it; add its provider to SERVICES of meshwa_add_deployment [meshwa-deploy]\n";
      ++errors;
    }
  }
  if (errors) return 1;
  if (const std::vector<const Service*> cycle = start_cycle(spec.merged, provider); !cycle.empty()) {
    std::string path;
    for (const Service* s : cycle) path += (path.empty() ? "" : " -> ") + s->name;
    if (cycle.size() == 2) {
      // One service whose constructor asks for an interface it provides
      // itself (subscribing itself to a hub): no "other side" to change.
      const Service& self = *cycle.front();
      std::string iface = "I";
      for (const Dependency& d : self.dependencies) {
        auto p = provider.find(d.interface);
        if (d.via == "constructor" && p != provider.end() && p->second == self.name) iface = d.interface;
      }
      std::cerr << self.location.str() << ": error: service '" << self.name << "' of deployment '" << name
                << "' asks for its own interface " << iface << " with ctx.ref<" << iface
                << ">() in its constructor (" << path << "), " << meshwa::detail::self_ref_reason_and_remedy(iface)
                << " [meshwa-deploy]\n";
      return 1;
    }
    std::cerr << cycle.front()->location.str() << ": error: dependency cycle between services of deployment '" << name
              << "': " << path
              << " (each asks for the next with ctx.ref<I>() in its constructor, so none can start first); "
              << meshwa::detail::kCycleRemedy << " [meshwa-deploy]\n";
    return 1;
  }
  Outputs outputs;
  outputs.stage(out_file(out_dir, name + ".main.cpp"), emit_deployment_main(spec));
  outputs.stage(out_file(out_dir, name + ".contract_main.cpp"), emit_contract_main(spec));
  return outputs.commit() ? 0 : 1;
}

// One word for a POSIX shell: as it is when it needs no quoting, else in
// single quotes (a ' inside as '\'').
std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::strchr("_@%+=:,./-", c) != nullptr;
  });
  if (plain) return word;
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// The flags of service code (the same as meshwa_enable_plugin in
// cmake/MeshwaPlugin.cmake): the plugin, the headers, libstdc++'s bounds
// checks, and stack-clash protection (a frame larger than a page probes each
// page, so a huge local faults at the guard page instead of overwriting
// another thread's stack). Where the plugin and the headers are: the build
// tree's when this executable is the one built there (<build>/bin/meshwa);
// else next to this executable (<prefix>/bin/meshwa, <prefix>/lib,
// <prefix>/include), as installed. A copy without them is an error on
// stderr (exit status 1), never another build's or installation's paths
// printed silently. Paths that a shell would split are quoted for it.
int cxxflags(const char* argv0, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  const fs::path prefix = exe.parent_path().parent_path();
  std::string plugin;
  std::string include;
  const fs::path build_plugin = MESHWA_PLUGIN_BUILD_PATH;
  const fs::path build_dir = build_plugin.parent_path().parent_path();
  if (fs::equivalent(prefix, build_dir, ec) && fs::exists(build_plugin, ec)) {
    plugin = build_plugin.string();
    include = MESHWA_INCLUDE_BUILD_DIR;
  } else {
    const fs::path lib = prefix / "lib" / "libmeshwa_plugin.so";
    const fs::path inc = prefix / "include";
    std::vector<std::string> missing;
    if (!fs::exists(lib, ec)) missing.push_back(lib.string());
    if (!fs::exists(inc / "meshwa" / "meshwa.hpp", ec)) missing.push_back((inc / "meshwa" / "meshwa.hpp").string());
    if (!missing.empty()) {
      err << "meshwa cxxflags: error: this meshwa (" << exe.string() << ") is neither the one of its build tree ("
          << build_dir.string() << ") nor installed with the plugin and the headers next to it: no ";
      for (std::size_t i = 0; i < missing.size(); ++i) err << (i == 0 ? "" : " and no ") << missing[i];
      err << "; run the meshwa of an installation (<prefix>/bin/meshwa, with <prefix>/lib and <prefix>/include, "
             "as `cmake --install` lays them out) or of a build tree\n";
      return 1;
    }
    plugin = lib.string();
    include = inc.string();
  }
  out << shell_word("-fplugin=" + plugin) << " " << shell_word("-I" + include)
      << " -std=c++20 -D_GLIBCXX_ASSERTIONS -fstack-clash-protection\n";
  return 0;
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
  gen->add_option("--depfile", depfile, "write a Makefile-style depfile of the inputs read");
  gen->add_option("--include-root", options.include_root, "spell headers under this directory relative to it");
  // One value per --extra-arg (repeat it for more): taking all that follow
  // would swallow the sources after it.
  gen->add_option("--extra-arg", options.extra_args,
                  "append this argument to every compile command (one per --extra-arg; write "
                  "--extra-arg=-DX for a value that starts with -)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  gen->add_option("--lock", lock, "check (or create) the interface lock file");
  gen->add_flag("--update-lock", update_lock, "accept breaking changes: rewrite the lock file");
  gen->add_option("sources", options.sources, "the target's sources (.cpp; headers name where services live)")
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

  CLI11_PARSE(app, argc, argv);
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
    if (*emit) {
      if (const std::string problem = out_dir_problem("--out", out_dir); !problem.empty()) {
        std::cerr << "meshwa emit: error: " << problem << "\n";
        return 1;
      }
      const Model model = read_model_file(model_path);
      Outputs outputs;
      stage_unit(model, out_dir, outputs);
      return outputs.commit() ? 0 : 1;
    }
    if (*deploy) return run_deploy(name, out_dir, models);
    if (*graph) {
      Model merged;
      for (const Model& m : read_models(models)) merged.merge(m);
      std::cout << graph_dot(info_of(name, merged));
      return stdout_status("graph", 0);
    }
    if (*flags) return stdout_status("cxxflags", cxxflags(argv[0], std::cout, std::cerr));
    if (*inspect) {
#ifdef MESHWA_INSPECT_AVAILABLE
      const int status = meshwa::inspect::run_cli(binary, std::cout, list_allowed);
      if (status == 1 && remove_failing) {
        std::error_code ec;
        fs::remove(binary, ec);
        std::cout << "meshwa inspect: removed " << binary
                  << (ec ? " failed: " + ec.message() : std::string(", so that it cannot be run")) << "\n";
      }
      return status;
#else
      std::cerr << "meshwa inspect: this build has no binary inspection (library meshwa_inspect was not built)\n";
      return 2;
#endif
    }
  } catch (const std::exception& e) {
    std::cerr << "meshwa: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
