// The generated deployment main's command line.
#include "meshwa/gen/deployment.hpp"

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include <pthread.h>

#include "meshwa/closest_name.hpp"
#include "meshwa/runtime/metrics.hpp"
#include "meshwa/runtime/mpk.hpp"
#include "meshwa/runtime/mpk_policy.hpp"

namespace meshwa::gen {

namespace {

// SIGINT and SIGTERM, blocked in every thread and taken by a thread of their
// own. The first asks for an orderly stop (once the services have started,
// if they are still starting). A second one while the services still start
// or stop (a constructor waiting on the network, a destructor joining a
// stuck thread) ends the process at once, by that signal's default action:
// pressing Ctrl-C again must always get the user out, and a supervisor's
// second SIGTERM must not be ignored.
class StopSignals {
 public:
  explicit StopSignals(std::string name) : state_(std::make_shared<State>()) {
    state_->name = std::move(name);
    sigemptyset(&state_->set);
    sigaddset(&state_->set, SIGINT);
    sigaddset(&state_->set, SIGTERM);
  }

  // Before any other thread starts (they inherit the mask).
  void block() const { pthread_sigmask(SIG_BLOCK, &state_->set, nullptr); }

  // The watcher is detached: it waits in sigwait for as long as the process
  // lives, and the state it shares outlives main's frame.
  void watch() const { std::thread(watch_signals, state_).detach(); }

  void started() const {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->started = true;
  }

  // The first signal's number, once it has come.
  int wait() const {
    std::unique_lock<std::mutex> lock(state_->mu);
    state_->cv.wait(lock, [&] { return state_->signal != 0; });
    return state_->signal;
  }

 private:
  struct State {
    std::string name;
    sigset_t set;
    std::mutex mu;
    std::condition_variable cv;
    bool started = false;
    int signal = 0;
  };

  static void watch_signals(std::shared_ptr<State> state) {
    int sig = 0;
    sigwait(&state->set, &sig);
    {
      std::lock_guard<std::mutex> lock(state->mu);
      state->signal = sig;
      if (state->started) {
        std::cout << state->name << ": stopping (signal " << sig << "); send it again to exit without waiting"
                  << std::endl;
      } else {
        std::cout << state->name << ": signal " << sig
                  << " while starting: stopping once the services have started; send it again to exit now"
                  << std::endl;
      }
    }
    state->cv.notify_all();
    sigwait(&state->set, &sig);
    std::cerr << state->name << ": signal " << sig << " again: exiting without waiting for the services" << std::endl;
    die_of(sig);
  }

  static void die_of(int sig) {
    std::signal(sig, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, sig);
    pthread_sigmask(SIG_UNBLOCK, &only, nullptr);
    raise(sig);
    std::_Exit(128 + sig);  // a handler installed since did not end the process
  }

  std::shared_ptr<State> state_;
};

// A setting no service asked for is most likely misspelt ("prot" for
// "port"), and its service ran on the fallback: said once the services have
// stopped, since a service may read its settings from any method. A key the
// service did read that the setting is close to (meshwa/closest_name.hpp,
// the rule of every "did you mean" of meshwa) is named: the deployment knows
// it, and the user had to find it in the service's sources (probe api18:
// "recnet" beside the "recent" the front end read).
void warn_of_unread_settings(const std::string& name, const Config& config, const Deployment& deployment) {
  for (const auto& [service, key] : deployment.unread_config()) {
    // "deploy.json:7:5: warning: ...", at the key, as compilers put it.
    const std::string place = config.place(service, key);
    std::cerr << name << ": " << (place.empty() ? "" : place + ": ") << "warning: services." << service << "." << key
              << " was never read: service '" << service << "' did not call ctx.config(\"" << key
              << "\") while the deployment ran; ";
    const std::string meant = ::meshwa::detail::closest_name(deployment.config_keys_read(service), key);
    if (!meant.empty()) {
      std::cerr << "did you mean \"" << meant << "\", which it read? correct the key";
    } else {
      std::cerr << "check the key's spelling against the ones the service reads";
    }
    std::cerr << std::endl;
  }
}

std::string usage_line(const char* self) {
  return std::string(self) + " [--check] [--metrics] [CONFIG.json] | --list [CONFIG.json] | --graph [CONFIG.json]";
}

// --help: what an operator needs to run the binary without the docs at hand
// (the usage line alone named the modes but not what they do).
void print_help(const char* self, const DeploymentInfo& info) {
  std::cout << "usage: " << usage_line(self) << "\n"
            << "Starts deployment " << info.name << " (" << info.services.size()
            << (info.services.size() == 1 ? " service" : " services")
            << ") and serves until SIGINT or SIGTERM, then stops the services in reverse start order\n"
            << "(a second signal exits without waiting for them).\n"
            << "  CONFIG.json  settings of the services: {\"services\": {\"<service>\": {\"<key>\": <value>}}},\n"
            << "               a value a string, number or boolean; an unknown service is an error;\n"
            << "               and the MPK domains' restart policy: \"mpk\": {\"max_faults\": 3, \"fault_window_seconds\": 60}\n"
            << "  --check      start the services, stop them and exit: 0 if all started\n"
            << "  --metrics    print each service method's calls, errors and latencies (Prometheus text) at the stop\n"
            << "  --list       print the services, their isolation domains, what they provide and use; start nothing\n"
            << "  --graph      print the services and their dependencies as a Graphviz DOT graph; start nothing\n"
            << "  --help, -h   print this text\n";
}

// --list / --graph [CONFIG.json]: they describe the deployment as built,
// shaped by the configuration it would start with (the "mpk_group"
// settings decide which unsafe services share a domain); another mode next
// to them would be silently ignored.
int describe_deployment(const char* self, const std::string& what, bool other_mode, const std::string& config_path,
                        const DeploymentInfo& info, void (*register_services)(Registry&)) {
  if (other_mode) {
    std::cerr << self << ": " << what << " takes no other option (usage: " << usage_line(self) << ")\n";
    return 2;
  }
  MpkGroups groups;
  Config config;
  try {
    if (!config_path.empty()) {
      config = Config::from_file(config_path);
      Registry registry;
      register_services(registry);
      check_config_services(config, registry);
      for (const ServiceInfo& s : info.services) {
        if (const std::string* group = config.find(s.name, "mpk_group")) groups[s.name] = *group;
      }
    }
  } catch (const std::exception& e) {
    std::cerr << info.name << ": " << e.what() << "\n";
    return 1;
  }
  if (what == "--graph") {
    std::cout << graph_dot(info, groups);
  } else {
    meshwa::mpk::start(meshwa::mpk::with_policy({.announce = false}, config));
    std::string isolation = meshwa::mpk::describe();
    const bool any_unsafe = std::any_of(info.services.begin(), info.services.end(),
                                        [](const ServiceInfo& s) { return !s.unsafe_reason.empty(); });
    if (any_unsafe) isolation += "\n" + meshwa::mpk::describe_policy();
    std::cout << list_text(info, isolation, meshwa::mpk::hardware(), groups);
  }
  return 0;
}

}  // namespace

int deployment_main(int argc, char** argv, const DeploymentInfo& info, void (*register_services)(Registry&)) {
  bool check = false;
  bool metrics = false;
  std::string describe;  // "--list" or "--graph"
  bool other_mode = false;
  std::string config_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--list" || arg == "--graph") {
      if (!describe.empty()) other_mode = true;  // both, or one twice
      describe = arg;
    } else if (arg == "--check") {
      check = true;
    } else if (arg == "--metrics") {
      metrics = true;
    } else if (arg == "--help" || arg == "-h") {
      print_help(argv[0], info);
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
  if (!describe.empty()) return describe_deployment(argv[0], describe, other_mode || check || metrics, config_path, info, register_services);
  // Services may start threads; they inherit this mask, so the signals come
  // to the watcher. --check keeps the default actions: it stops by itself.
  StopSignals stop_signals(info.name);
  if (!check) stop_signals.block();
  try {
    // The configuration first: its "mpk" section is the domains' restart
    // policy, which mpk::start() takes before any service (and its threads)
    // starts (docs/gate-protocol.md).
    Config config = config_path.empty() ? Config{} : Config::from_file(config_path);
    meshwa::mpk::start(meshwa::mpk::with_policy({}, config));
    if (!check) stop_signals.watch();
    Registry registry;
    register_services(registry);
    Deployment deployment(registry, config);
    std::cout << info.name << ": started";
    for (const std::string& name : deployment.start_order()) std::cout << ' ' << name;
    std::cout << std::endl;
    if (!check) {
      stop_signals.started();
      stop_signals.wait();
    }
    deployment.stop();
    warn_of_unread_settings(info.name, config, deployment);
    if (metrics) std::cout << metrics::prometheus_text();
  } catch (const std::exception& e) {
    std::cerr << info.name << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace meshwa::gen
