// The generated deployment main's command line.
#include "meshwa/gen/deployment.hpp"

#include <csignal>
#include <iostream>
#include <map>
#include <sstream>

#include <pthread.h>

#include "meshwa/gen/stub.hpp"
#include "meshwa/runtime/metrics.hpp"

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

const char* isolation() {
  return Domain::hardware_isolated() ? "MPK domain" : "MPK domain pending: software-only isolation";
}

}  // namespace

std::string list_text(const DeploymentInfo& info) {
  std::ostringstream os;
  os << "deployment " << info.name << ": " << info.services.size() << " services\n";
  for (const ServiceInfo& s : info.services) {
    os << "service " << s.name << " (" << s.type << ")\n";
    os << "  domain: ";
    if (s.unsafe_reason.empty()) {
      os << "safe (proven by the compiler; direct calls)\n";
    } else {
      os << s.name << " (" << isolation() << "; unsafe: " << s.unsafe_reason << ")\n";
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

int deployment_main(int argc, char** argv, const DeploymentInfo& info, void (*register_services)(Registry&)) {
  bool check = false;
  bool metrics = false;
  std::string config_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--list") {
      std::cout << list_text(info);
      return 0;
    } else if (arg == "--graph") {
      std::cout << graph_dot(info);
      return 0;
    } else if (arg == "--check") {
      check = true;
    } else if (arg == "--metrics") {
      metrics = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << "usage: " << argv[0] << " [--check] [--metrics] [CONFIG.json] | --list | --graph\n";
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << argv[0] << ": unknown option " << arg << "; see --help\n";
      return 2;
    } else if (config_path.empty()) {
      config_path = arg;
    } else {
      std::cerr << argv[0] << ": more than one configuration file (" << config_path << ", " << arg << ")\n";
      return 2;
    }
  }
  // Services may start threads; they inherit this mask, so the signals come
  // to sigwait below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  if (!check) pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  try {
    Registry registry;
    register_services(registry);
    Config config = config_path.empty() ? Config{} : Config::from_file(config_path);
    Deployment deployment(registry, config);
    std::cout << info.name << ": started";
    for (const std::string& name : deployment.start_order()) std::cout << ' ' << name;
    std::cout << std::endl;
    if (!check) {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      std::cout << info.name << ": stopping (signal " << sig << ")" << std::endl;
    }
    deployment.stop();
    if (metrics) std::cout << metrics::prometheus_text();
  } catch (const std::exception& e) {
    std::cerr << info.name << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace meshwa::gen
