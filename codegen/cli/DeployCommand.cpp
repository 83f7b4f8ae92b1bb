// meshwa deploy and meshwa graph: a deployment from its units' model files
// (every dependency provided once, no start cycle), and its call graph.
#include <algorithm>
#include <functional>
#include <iostream>
#include <map>

#include "cli/Commands.h"
#include "cli/PathProblems.h"
#include "emit/Emit.h"
#include "meshwa/gen/deployment.hpp"
#include "meshwa/start_text.hpp"
#include "model/ModelJson.h"
#include "model/Validate.h"

namespace meshwa::cli {

using namespace meshwa::gen;
using gen::Dependency;  // not meshwa::Dependency, the registry's

namespace {

std::vector<Model> read_models(const std::vector<std::string>& paths) {
  std::vector<Model> out;
  for (const std::string& p : paths) out.push_back(read_model_file(p));
  return out;
}

DeploymentInfo info_of(const std::string& name, const Model& merged) {
  DeploymentInfo info{name, {}};
  for (const Service& s : merged.services) {
    ServiceInfo si{s.name, s.qualified_name, s.interfaces, {}, s.unsafe_description(), merged.refs_received(s),
                   merged.refs_returned(s)};
    for (const Dependency& d : s.dependencies) si.dependencies.push_back(d.interface);
    info.services.push_back(std::move(si));
  }
  return info;
}

// One step of a start cycle: `from` asks for the next service of the cycle
// with `dependency` (its ctx.ref<I>() in the constructor).
struct CycleStep {
  const Service* from;
  const Dependency* dependency;
};

// A cycle of services that ask for each other in their constructors
// (ctx.ref<I>()), which no start order can satisfy: its steps, the last one
// asking for the first; empty when there is none. A Ref<I> member alone is
// no start dependency: it may be handed over later.
std::vector<CycleStep> start_cycle(const Model& merged, const std::map<std::string, std::string>& provider) {
  std::map<std::string, const Service*> by_name;
  for (const Service& s : merged.services) by_name[s.name] = &s;
  std::map<std::string, int> state;  // 0 new, 1 on the path, 2 done
  std::vector<CycleStep> path;
  std::vector<CycleStep> found;
  std::function<bool(const Service*)> visit = [&](const Service* s) {
    state[s->name] = 1;
    for (const Dependency& d : s->dependencies) {
      if (d.via != "constructor") continue;
      auto p = provider.find(d.interface);
      if (p == provider.end()) continue;
      const Service* next = by_name.at(p->second);
      path.push_back(CycleStep{s, &d});
      if (state[next->name] == 1) {
        auto from = std::find_if(path.begin(), path.end(), [&](const CycleStep& step) { return step.from == next; });
        found.assign(from, path.end());
        return true;
      }
      if (state[next->name] == 0 && visit(next)) return true;
      path.pop_back();
    }
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

}  // namespace

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
      // The error is at the second service; the first one may be in another
      // unit's header, which the message names only by class.
      if (other->qualified_name != s.qualified_name && !other->location.file.empty()) {
        std::cerr << other->location.str() << ": note: '" << other->qualified_name << "' is named '" << other->name
                  << "' here\n";
      }
      ++errors;
    }
  }
  if (errors) return 1;
  for (const Model& m : models) {
    spec.units.push_back(m.unit);
    spec.merged.merge(m);
  }
  // A binary that would start nothing: most likely the model of a unit of
  // interfaces only, or of a unit whose services went to another unit.
  if (spec.merged.services.empty()) {
    std::string units;
    for (const std::string& u : spec.units) units += (units.empty() ? "'" : ", '") + u + "'";
    std::cerr << "meshwa deploy: warning: deployment '" << name << "' has no service: its unit"
              << (spec.units.size() == 1 ? " " : "s ") << units
              << (spec.units.size() == 1 ? " defines" : " define")
              << " none, so its binary would start nothing; pass the model files of the units whose services it "
                 "runs [meshwa-deploy]\n";
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
      // At the ctx.ref<I>() call or the Ref<I> member, where the model has it.
      const gen::Location& at = d.location.file.empty() ? s.location : d.location;
      std::cerr << at.str() << ": error: service '" << s.name << "' uses " << d.interface << " (" << d.via
                << ") but no service of deployment '" << name
                << "' provides it; add its provider to SERVICES of meshwa_add_deployment (a provider of another "
                   "project too: add that project with add_subdirectory; a service is tested without its "
                   "providers by meshwa_add_service_test, with no deployment) [meshwa-deploy]\n";
      ++errors;
    }
  }
  if (errors) return 1;
  if (const std::vector<CycleStep> cycle = start_cycle(spec.merged, provider); !cycle.empty()) {
    std::string path;
    for (const CycleStep& step : cycle) path += step.from->name + " -> ";
    path += cycle.front().from->name;
    // At the ctx.ref<I>() call, or the class where the model has no location.
    const auto where = [](const CycleStep& step) {
      return step.dependency->location.file.empty() ? step.from->location : step.dependency->location;
    };
    if (cycle.size() == 1) {
      // One service whose constructor asks for an interface it provides
      // itself (subscribing itself to a hub): no "other side" to change.
      const Service& self = *cycle.front().from;
      const std::string& iface = cycle.front().dependency->interface;
      std::cerr << where(cycle.front()).str() << ": error: service '" << self.name << "' of deployment '" << name
                << "' asks for its own interface " << iface << " with ctx.ref<" << iface
                << ">() in its constructor (" << path << "), " << meshwa::detail::self_ref_reason_and_remedy(iface)
                << " [meshwa-deploy]\n";
      return 1;
    }
    // At the first step, then a note at each other one: where to break it.
    std::cerr << where(cycle.front()).str() << ": error: dependency cycle between services of deployment '" << name
              << "': " << path
              << " (each asks for the next with ctx.ref<I>() in its constructor, so none can start first); "
              << meshwa::detail::kCycleRemedy << " [meshwa-deploy]\n";
    for (std::size_t k = 1; k < cycle.size(); ++k) {
      const std::string& next = cycle[(k + 1) % cycle.size()].from->name;
      std::cerr << where(cycle[k]).str() << ": note: '" << cycle[k].from->name << "' asks for '" << next << "' here\n";
    }
    return 1;
  }
  Outputs outputs;
  outputs.stage(out_file(out_dir, name + ".main.cpp"), emit_deployment_main(spec));
  outputs.stage(out_file(out_dir, name + ".contract_main.cpp"), emit_contract_main(spec));
  return outputs.commit() ? 0 : 1;
}

int run_graph(const std::string& name, const std::vector<std::string>& model_paths) {
  Model merged;
  for (const Model& m : read_models(model_paths)) merged.merge(m);
  std::cout << graph_dot(info_of(name, merged));
  return stdout_status("graph", 0);
}

}  // namespace meshwa::cli
