// --list and --graph: what the generator knows about a deployment, as text.
#include "meshwa/gen/deployment.hpp"

#include <map>
#include <sstream>

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

}  // namespace

std::string list_text(const DeploymentInfo& info, const std::string& isolation, bool hardware) {
  std::ostringstream os;
  os << "deployment " << info.name << ": " << info.services.size() << (info.services.size() == 1 ? " service\n" : " services\n");
  if (!isolation.empty()) os << isolation << "\n";
  for (const ServiceInfo& s : info.services) {
    os << "service " << s.name << " (" << s.type << ")\n";
    os << "  domain: ";
    if (s.unsafe_reason.empty()) {
      os << "safe (proven by the compiler; direct calls)\n";
    } else {
      // Without protection keys the runtime runs the same binary with
      // software-only isolation (the header line says why): the service's
      // line must not claim hardware isolation.
      os << "MPK domain of its own " << (hardware ? "" : "(software-only here: no MPK) ") << "(unsafe: "
         << s.unsafe_reason << ")\n";
    }
    for (const std::string& i : s.interfaces) os << "  provides: " << i << "\n";
    for (const std::string& d : s.dependencies) os << "  uses: " << d << "\n";
  }
  return os.str();
}

std::string graph_dot(const DeploymentInfo& info) {
  std::map<std::string, std::string> provider;  // interface -> service
  for (const ServiceInfo& s : info.services) {
    for (const std::string& i : s.interfaces) provider[i] = s.name;
  }
  std::ostringstream os;
  os << "digraph " << dot_id(info.name) << " {\n  rankdir=LR;\n  node [shape=box];\n";
  os << "  subgraph cluster_safe {\n    label=\"safe (one address space, direct calls)\";\n";
  for (const ServiceInfo& s : info.services) {
    if (s.unsafe_reason.empty()) os << "    " << dot_id(s.name) << ";\n";
  }
  os << "  }\n";
  int n = 0;
  for (const ServiceInfo& s : info.services) {
    if (s.unsafe_reason.empty()) continue;
    os << "  subgraph cluster_domain" << n++ << " {\n    label=" << dot_id("MPK domain: " + s.unsafe_reason)
       << ";\n    style=filled;\n    color=mistyrose;\n    " << dot_id(s.name) << ";\n  }\n";
  }
  for (const ServiceInfo& s : info.services) {
    for (const std::string& d : s.dependencies) {
      auto it = provider.find(d);
      const std::string to = it == provider.end() ? d + " (not in this deployment)" : it->second;
      os << "  " << dot_id(s.name) << " -> " << dot_id(to) << " [label=" << dot_id(d) << "];\n";
    }
  }
  os << "}\n";
  return os.str();
}

}  // namespace meshwa::gen
