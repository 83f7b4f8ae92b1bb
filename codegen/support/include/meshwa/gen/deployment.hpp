// The generated deployment main's runtime half: what the generator knows
// about the deployment (services, interfaces, dependencies, domains), and
// the command line (--list, --graph, --metrics, --check, a config file).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "meshwa/registry.hpp"

namespace meshwa::gen {

struct ServiceInfo {
  std::string name;
  std::string type;
  std::vector<std::string> interfaces;    // provided
  std::vector<std::string> dependencies;  // interfaces it asks for (ctx.ref<I>() and Ref<I> members)
  std::string unsafe_reason;              // "" for a safe service; Service::unsafe_description(): reasons, and
                                          // ", via <declaration> at <file>:<line>" for marks outside the class
  std::vector<std::string> callbacks;     // interfaces of the Ref<I> its methods receive as arguments (a hub's
                                          // subscribers, Model::refs_received): it may call their providers back
  std::vector<std::string> returned_refs;  // interfaces of the Ref<I> the calls it makes may return (a directory's
                                          // Ref<Listener>, Model::refs_returned): it may call their providers too
};

struct DeploymentInfo {
  std::string name;
  std::vector<ServiceInfo> services;
};

/// --list: services, the interfaces they provide and their domain;
/// `isolation` is the MPK runtime's one-line state (mpk::describe()) and
/// `hardware` whether protection keys really isolate the domains here
/// (mpk::hardware()): without them an unsafe service's line says so too.
/// `mpk_groups` maps a service to its "mpk_group" setting in the
/// configuration the binary would start with: unsafe services of one group
/// share that domain (mpk::open_domain).
using MpkGroups = std::map<std::string, std::string>;
std::string list_text(const DeploymentInfo& info, const std::string& isolation, bool hardware,
                      const MpkGroups& mpk_groups = {});
/// --graph: Graphviz DOT of who calls whom; each MPK domain is a cluster
/// (the services of one mpk group share theirs), the safe services share one.
/// A call back through a Ref<I> a service received as an argument is a
/// dashed edge to the deployment's provider of I (none when it has none),
/// and so is a call through a Ref<I> one of its calls returned to it.
std::string graph_dot(const DeploymentInfo& info, const MpkGroups& mpk_groups = {});

/// The deployment binary's main:
///   NAME [CONFIG.json]            start all services, serve until SIGINT/SIGTERM, stop
///                                 (a second signal while starting or stopping exits at once;
///                                 settings no service read are warned of at the end)
///   NAME --check [CONFIG.json]    start all services and stop again (exit 0 when they started)
///   NAME --list | --graph [CONFIG.json]
///                                 print and exit, starting nothing (the configuration's
///                                 "mpk_group" settings shape the domains shown)
///   --metrics                     print the Prometheus metrics when stopping
int deployment_main(int argc, char** argv, const DeploymentInfo& info, void (*register_services)(Registry&));

}  // namespace meshwa::gen
