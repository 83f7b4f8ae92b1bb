// The generated deployment main's command line.
#include "meshwa/gen/deployment.hpp"

#include <csignal>
#include <iostream>
#include <map>
#include <sstream>

#include <pthread.h>

#include "meshwa/runtime/metrics.hpp"
#include "meshwa/runtime/mpk.hpp"

namespace meshwa::gen {

int deployment_main(int argc, char** argv, const DeploymentInfo& info, void (*register_services)(Registry&)) {
  bool check = false;
  bool metrics = false;
  std::string config_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--list" || arg == "--graph") && argc != 2) {
      // They describe the deployment as built: a configuration file or
      // another mode next to them would be silently ignored.
      std::cerr << argv[0] << ": " << arg << " takes no other argument (usage: " << argv[0]
                << " [--check] [--metrics] [CONFIG.json] | --list | --graph)\n";
      return 2;
    }
    if (arg == "--list") {
      meshwa::mpk::start({.announce = false});
      std::cout << list_text(info, meshwa::mpk::describe());
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
    meshwa::mpk::start();  // before any service (and its threads) starts: docs/gate-protocol.md
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
