// --list and --graph: what the generator knows about a deployment, as text.
#include "meshwa/gen/deployment.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>
#include <sstream>

#include "meshwa/control_characters.hpp"

namespace meshwa::gen {

namespace {

std::string dot_id(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A MESHWA_UNSAFE reason on one line: a control character (a line break
// in the literal, a tab) would end --list's line and put a raw line break
// into a DOT label, so it is shown as a space, as the generated comments
// show it; other reasons are unchanged.
std::string one_line(const std::string& reason) { return ::meshwa::detail::control_characters_as_spaces(reason); }

// The MPK domain an unsafe service runs in, named as the runtime names it
// (mpk::open_domain): its "mpk_group" setting, or else its own name.
std::string domain_of(const ServiceInfo& s, const MpkGroups& groups) {
  auto group = groups.find(s.name);
  return group != groups.end() && !group->second.empty() ? group->second : s.name;
}

// The unsafe services of each domain, domains in the order their first
// service is listed.
std::vector<std::pair<std::string, std::vector<const ServiceInfo*>>> domains_of(const DeploymentInfo& info,
                                                                                const MpkGroups& groups) {
  std::vector<std::pair<std::string, std::vector<const ServiceInfo*>>> domains;
  for (const ServiceInfo& s : info.services) {
    if (s.unsafe_reason.empty()) continue;
    const std::string name = domain_of(s, groups);
    auto it = std::find_if(domains.begin(), domains.end(), [&](const auto& d) { return d.first == name; });
    if (it == domains.end()) it = domains.insert(domains.end(), {name, {}});
    it->second.push_back(&s);
  }
  return domains;
}

bool provides(const ServiceInfo& s, const std::string& iface) {
  return std::find(s.interfaces.begin(), s.interfaces.end(), iface) != s.interfaces.end();
}

}  // namespace

std::string list_text(const DeploymentInfo& info, const std::string& isolation, bool hardware, const MpkGroups& groups) {
  const auto domains = domains_of(info, groups);
  std::ostringstream os;
  os << "deployment " << info.name << ": " << info.services.size() << (info.services.size() == 1 ? " service\n" : " services\n");
  if (!isolation.empty()) os << isolation << "\n";
  for (const ServiceInfo& s : info.services) {
    os << "service " << s.name << " (" << s.type << ")\n";
    os << "  domain: ";
    if (s.unsafe_reason.empty()) {
      os << "safe (proven by the compiler; direct calls)\n";
    } else {
      const std::string name = domain_of(s, groups);
      std::string others;
      for (const auto& [domain, members] : domains) {
        if (domain != name) continue;
        for (const ServiceInfo* m : members) {
          if (m != &s) others += (others.empty() ? "" : ", ") + m->name;
        }
      }
      if (name == s.name && others.empty()) {
        os << "MPK domain of its own ";
      } else {
        os << "MPK domain '" << name << "' (mpk_group) " << (others.empty() ? "" : "shared with " + others + " ");
      }
      // Without protection keys the runtime runs the same binary with
      // software-only isolation (the header line says why): the service's
      // line must not claim hardware isolation.
      os << (hardware ? "" : "(software-only here: no MPK) ") << "(unsafe: " << one_line(s.unsafe_reason) << ")\n";
    }
    for (const std::string& i : s.interfaces) os << "  provides: " << i << "\n";
    for (const std::string& d : s.dependencies) {
      // Its own interface: only from a method (a constructor's ask is an
      // error of meshwa gen, meshwa deploy and the start), where
      // ctx.ref<I>() is the service itself, called through its own stub.
      os << "  uses: " << d << (provides(s, d) ? " (its own interface: it calls itself, from a method)" : "") << "\n";
    }
    for (const std::string& c : s.callbacks) os << "  calls back: " << c << " (through Ref arguments it receives)\n";
    for (const std::string& r : s.returned_refs) os << "  calls: " << r << " (through Refs its calls return)\n";
  }
  return os.str();
}

std::string graph_dot(const DeploymentInfo& info, const MpkGroups& groups) {
  std::map<std::string, std::string> provider;  // interface -> service
  for (const ServiceInfo& s : info.services) {
    for (const std::string& i : s.interfaces) provider[i] = s.name;
  }
  std::ostringstream os;
  os << "digraph " << dot_id(info.name) << " {\n  rankdir=LR;\n  node [shape=box];\n";
  // The safe services share one cluster; a deployment without one has no
  // such cluster (an empty one is drawn as an empty box).
  const bool any_safe = std::any_of(info.services.begin(), info.services.end(),
                                    [](const ServiceInfo& s) { return s.unsafe_reason.empty(); });
  if (any_safe) {
    os << "  subgraph cluster_safe {\n    label=\"safe (one address space, direct calls)\";\n";
    for (const ServiceInfo& s : info.services) {
      if (s.unsafe_reason.empty()) os << "    " << dot_id(s.name) << ";\n";
    }
    os << "  }\n";
  }
  int n = 0;
  for (const auto& [domain, members] : domains_of(info, groups)) {
    const bool own = members.size() == 1 && domain == members.front()->name;
    const std::string label =
        own ? "MPK domain: " + one_line(members.front()->unsafe_reason) : "MPK domain '" + domain + "' (mpk_group)";
    os << "  subgraph cluster_domain" << n++ << " {\n    label=" << dot_id(label)
       << ";\n    style=filled;\n    color=mistyrose;\n";
    for (const ServiceInfo* m : members) os << "    " << dot_id(m->name) << ";\n";
    os << "  }\n";
  }
  for (const ServiceInfo& s : info.services) {
    for (const std::string& d : s.dependencies) {
      auto it = provider.find(d);
      const std::string to = it == provider.end() ? d + " (not in this deployment)" : it->second;
      // A service that asks for its own interface from a method calls
      // itself: a loop, labelled so (DOT draws an edge to its own node as one).
      os << "  " << dot_id(s.name) << " -> " << dot_id(to) << " [label=" << dot_id(provides(s, d) ? d + " (itself)" : d)
         << "];\n";
    }
    // Calls back through a Ref<I> received as an argument: in a deployment
    // every Ref<I> is one of its provider of I (ctx.ref<I>() finds the one
    // service implementing I), so that provider is who gets called. None
    // when the deployment has no provider (nobody can pass such a Ref), and
    // not twice when the service asks for I itself too.
    for (const std::string& c : s.callbacks) {
      auto it = provider.find(c);
      if (it == provider.end()) continue;
      if (std::find(s.dependencies.begin(), s.dependencies.end(), c) != s.dependencies.end()) continue;
      os << "  " << dot_id(s.name) << " -> " << dot_id(it->second) << " [label=" << dot_id(c + " (callback)")
         << ", style=dashed];\n";
    }
    // Calls through a Ref<I> a call of its own returned (a directory's
    // Ref<Listener>): a capability that reaches it from outside as well,
    // drawn the same way, once for each interface.
    for (const std::string& r : s.returned_refs) {
      auto it = provider.find(r);
      if (it == provider.end()) continue;
      if (std::find(s.dependencies.begin(), s.dependencies.end(), r) != s.dependencies.end() ||
          std::find(s.callbacks.begin(), s.callbacks.end(), r) != s.callbacks.end()) {
        continue;
      }
      os << "  " << dot_id(s.name) << " -> " << dot_id(it->second) << " [label=" << dot_id(r + " (returned Ref)")
         << ", style=dashed];\n";
    }
  }
  os << "}\n";
  return os.str();
}

}  // namespace meshwa::gen
