// social_network: DeathStarBench's socialNetwork as one meshwa binary. Starts
// the deployment (embedded stores), loads the users and the social graph,
// and serves the original's HTTP API on 127.0.0.1.
#include <chrono>
#include <csignal>
#include <cstdio>
#include <algorithm>
#include <exception>
#include <iostream>
#include <thread>
#include <vector>

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <meshwa/registry.hpp>
#include <meshwa/runtime/mpk.hpp>
#include <meshwa/runtime/mpk_policy.hpp>

#include "deployment.hpp"
#include "frontend/http.hpp"
#include "interfaces.hpp"
#include "loader.hpp"

namespace {

void list_services(const meshwa::Registry& registry) {
  // How the MPK domains are isolated on this machine (hardware keys, or
  // software-only where the CPU or kernel lacks PKU), as the generated
  // deployment main's --list says it.
  meshwa::mpk::start({.announce = false});
  std::cout << meshwa::mpk::describe() << "\n";
  for (const meshwa::ServiceDef& def : registry.services()) {
    std::cout << def.name << " (" << def.type << ") provides";
    for (const meshwa::InterfaceId& iface : def.provides) std::cout << ' ' << iface.name;
    if (def.safe()) {
      std::cout << " [safe]\n";
    } else {
      std::cout << " [MPK domain" << (meshwa::mpk::hardware() ? "" : ", software-only here: no MPK") << ": "
                << def.unsafe_reason << "]\n";
    }
  }
}

/// Follower counts of the generated graph (each edge is followed both ways,
/// so a user's followers are its degree).
void print_graph_stats(const social::LoadOptions& load) {
  const auto edges = social::generate_edges(load);
  std::vector<int> degree(static_cast<std::size_t>(std::max(load.users, 0)), 0);
  for (const auto& [a, b] : edges) {
    ++degree.at(static_cast<std::size_t>(a));
    ++degree.at(static_cast<std::size_t>(b));
  }
  if (degree.empty()) return;
  std::sort(degree.begin(), degree.end());
  const auto at = [&](double q) { return degree.at(static_cast<std::size_t>(q * static_cast<double>(degree.size() - 1))); };
  std::printf("users %d, edges %zu, follows %zu; followers per user: min %d, median %d, mean %.1f, p99 %d, max %d\n",
              load.users, edges.size(), 2 * edges.size(), degree.front(), at(0.5),
              2.0 * static_cast<double>(edges.size()) / static_cast<double>(degree.size()), at(0.99), degree.back());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"socialNetwork (DeathStarBench) as one meshwa binary"};
  social::http::Options options;
  social::LoadOptions load;
  bool no_load = false;
  bool list = false;
  std::string config_path;
  app.add_option("--port", options.port, "TCP port on --host (0: any free port)")->capture_default_str();
  app.add_option("--host", options.host, "address to listen on")->capture_default_str();
  app.add_option("--threads", options.threads, "HTTP worker threads (one per keep-alive connection)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  app.add_flag("--no-load", no_load, "start empty: no users, no social graph");
  app.add_option("--users", load.users, "users the loader registers")->capture_default_str()->check(CLI::Range(0, 1000000));
  app.add_option("--edges", load.edges, "undirected follow edges the loader adds")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000000));
  app.add_option("--config", config_path,
                 R"(deployment configuration (JSON: {"services": {"user-service": {"secret": "..."}}}))")
      ->check(CLI::ExistingFile);
  app.add_flag("--list", list, "list the services and exit");
  bool graph_stats = false;
  app.add_flag("--graph-stats", graph_stats, "print the loader's graph statistics and exit");
  CLI11_PARSE(app, argc, argv);

  try {
    const meshwa::Registry registry = social::registry();
    if (list) {
      list_services(registry);
      return 0;
    }
    if (graph_stats) {
      print_graph_stats(load);
      return 0;
    }
    // Signals are taken by one thread with sigwait; every thread started from
    // here on inherits the blocked mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    meshwa::Config config = config_path.empty() ? meshwa::Config{} : meshwa::Config::from_file(config_path);
    // Before the first service starts: the MPK domains' restart policy is
    // the configuration's "mpk" section (docs/mpk.md, "Faults and restarts").
    meshwa::mpk::start(meshwa::mpk::with_policy({}, config));
    meshwa::Deployment deployment(registry, config);
    std::cout << "social_network: started " << deployment.start_order().size() << " services:";
    for (const auto& name : deployment.start_order()) std::cout << ' ' << name;
    std::cout << "\n";

    if (!no_load) {
      const auto begin = std::chrono::steady_clock::now();
      auto loaded = social::load(deployment.ref<social::UserService>(), deployment.ref<social::SocialGraphService>(),
                                 load);
      if (!loaded) {
        std::cerr << "social_network: loading failed: " << loaded.error() << "\n";
        return 1;
      }
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
      std::printf("social_network: loaded %d users and %lld follows (%d edges) in %.2f s\n", loaded->users,
                  static_cast<long long>(loaded->follows), load.edges, seconds);
    }

    social::http::FrontEnd front(deployment, options);
    const int port = front.bind();
    const std::string base = "http://" + options.host + ":" + std::to_string(port);
    std::cout << "social_network: listening on " << base << " (" << options.threads << " threads); Ctrl-C stops\n"
              << "try:\n"
              << "  curl -d 'username=username_1&user_id=1&text=hello @username_2 http://example.com/a"
              << "&media_ids=[\"7\"]&media_types=[\"png\"]' " << base << "/wrk2-api/post/compose\n"
              << "  curl '" << base << "/wrk2-api/home-timeline/read?user_id=2&start=0&stop=10'\n"
              << "  curl -d 'username=username_1&password=password_1' " << base << "/api/user/login\n"
              << std::flush;

    std::thread waiter([&front, signals] {
      int received = 0;
      sigwait(&signals, &received);
      front.stop();
    });
    front.serve();
    front.stop();
    kill(getpid(), SIGTERM);  // blocked everywhere: wakes the waiter if serve() ended on its own
    waiter.join();
    std::cout << "social_network: stopped\n";
  } catch (const std::exception& e) {
    std::cerr << "social_network: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
