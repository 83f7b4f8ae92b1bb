#include "meshwa/registry.hpp"

#include <algorithm>
#include <exception>
#include <iostream>

#include "meshwa/error.hpp"
#include "meshwa/start_text.hpp"

namespace meshwa {

namespace {

std::string describe(const ServiceDef& def) { return "'" + def.name + "' (" + def.type + ")"; }

}  // namespace

// ---------------------------------------------------------------- Registry

void Registry::add(ServiceDef def) {
  if (def.name.empty()) throw StartError("a service of type " + def.type + " has an empty name");
  if (def.provides.empty()) {
    throw StartError("service " + describe(def) + " provides no interface; a service implements at least one");
  }
  if (!def.start) throw StartError("service " + describe(def) + " has no start function");
  for (const ServiceDef& other : services_) {
    if (other.name == def.name) {
      throw StartError("two services are named '" + def.name + "': " + other.type + " and " + def.type +
                       "; service names are unique within a deployment");
    }
    for (const InterfaceId& mine : def.provides) {
      for (const InterfaceId& theirs : other.provides) {
        if (mine.type == theirs.type) {
          throw StartError("interface " + mine.name + " is implemented by two services, " + describe(other) +
                           " and " + describe(def) + "; a deployment holds exactly one implementation per interface");
        }
      }
    }
  }
  services_.push_back(std::move(def));
}

const ServiceDef* Registry::provider(std::type_index iface) const noexcept {
  for (const ServiceDef& def : services_) {
    for (const InterfaceId& id : def.provides) {
      if (id.type == iface) return &def;
    }
  }
  return nullptr;
}

// ---------------------------------------------------------------- Context

class Deployment::ServiceContext final : public Context {
 public:
  ServiceContext(Deployment& owner, const ServiceDef& def) : owner_(owner), def_(def) {}

  const std::string& service_name() const noexcept override { return def_.name; }

  std::string config(std::string_view key, std::string_view fallback) const override {
    owner_.note_config_read(def_.name, key);
    const std::string* value = owner_.config_.find(def_.name, key);
    return value ? *value : std::string(fallback);
  }

 protected:
  void* resolve(std::type_index iface, std::string_view iface_name) override {
    return owner_.start_provider(iface, iface_name, def_.name);
  }

 private:
  Deployment& owner_;
  const ServiceDef& def_;
};

// ---------------------------------------------------------------- Deployment

Deployment::Deployment(const Registry& registry, Config config) : registry_(registry), config_(std::move(config)) {
  check_config_services(config_, registry_);
  start_all(nullptr);
}

Deployment::Deployment(const Registry& registry, Config config, OnDemand on_demand)
    : registry_(registry), config_(std::move(config)), on_demand_(true) {
  check_config_services(config_, registry_);
  for (const std::string& name : on_demand.first) {
    const auto& defs = registry_.services();
    if (std::none_of(defs.begin(), defs.end(), [&](const ServiceDef& d) { return d.name == name; })) {
      throw StartError("no service named '" + name + "' in this deployment");
    }
  }
  start_all(&on_demand.first);
  first_started_.store(true, std::memory_order_release);
}

void Deployment::note_config_read(const std::string& service, std::string_view key) {
  std::lock_guard<std::mutex> lock(config_reads_mutex_);
  std::vector<std::string>& keys = config_reads_[service];
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.emplace_back(key);
}

std::vector<std::pair<std::string, std::string>> Deployment::unread_config() const {
  std::vector<std::pair<std::string, std::string>> unread;
  std::lock_guard<std::mutex> lock(config_reads_mutex_);
  for (const std::string& service : start_order_) {
    auto settings = config_.all().find(service);
    if (settings == config_.all().end()) continue;
    auto reads = config_reads_.find(service);
    for (const auto& [key, value] : settings->second) {
      const bool read = reads != config_reads_.end() &&
                        std::find(reads->second.begin(), reads->second.end(), key) != reads->second.end();
      if (!read) unread.emplace_back(service, key);
    }
  }
  return unread;
}

void check_config_services(const Config& config, const Registry& registry) {
  // A configuration entry for a service that is not here is a typo in its
  // name, or a file meant for another deployment: its values would silently
  // never reach anyone. The error names the file and the key, as the file's
  // other errors do: a deployment's contract tests read the CONFIG of
  // meshwa_add_deployment, a file the user never passed themselves (probe api5 #2).
  const auto& defs = registry.services();
  for (const auto& [service, values] : config.all()) {
    if (std::any_of(defs.begin(), defs.end(), [&](const ServiceDef& d) { return d.name == service; })) continue;
    std::string known;
    for (const ServiceDef& d : defs) known += (known.empty() ? "" : ", ") + d.name;
    const std::string where = config.origin().empty() ? "" : config.origin() + ": ";
    throw StartError(where + "the configuration has an entry for service '" + service + "' (key services." + service +
                     "), which is not in this deployment (its services: " + known +
                     "); correct the name or remove the entry");
  }
}

// Every service (only == nullptr), or those named in *only, in the registry's order.
void Deployment::start_all(const std::vector<std::string>* only) {
  try {
    for (const ServiceDef& def : registry_.services()) {
      if (only != nullptr && std::find(only->begin(), only->end(), def.name) == only->end()) continue;
      if (!by_name_.contains(def.name)) start_service(def);
    }
  } catch (...) {
    stop();
    throw;
  }
}

Deployment::~Deployment() { stop(); }

void Deployment::start_service(const ServiceDef& def) {
  if (std::find(starting_.begin(), starting_.end(), def.name) != starting_.end()) {
    std::string cycle;
    auto first = std::find(starting_.begin(), starting_.end(), def.name);
    for (auto it = first; it != starting_.end(); ++it) cycle += *it + " -> ";
    cycle += def.name;
    throw StartError("dependency cycle between services: " + cycle + "; " + std::string(detail::kCycleRemedy));
  }
  starting_.push_back(def.name);
  auto context = std::make_unique<ServiceContext>(*this, def);
  std::unique_ptr<ServiceInstance> instance;
  try {
    instance = def.start(*context);
  } catch (const StartError&) {
    starting_.pop_back();
    throw;  // already names the services involved
  } catch (...) {
    starting_.pop_back();
    throw StartError("service " + describe(def) + " failed to start: " + detail::current_exception_text());
  }
  starting_.pop_back();
  if (!instance) throw StartError("service " + describe(def) + " failed to start: its start function returned nothing");
  by_name_[def.name] = instance.get();
  contexts_.push_back(std::move(context));
  instances_.emplace_back(&def, std::move(instance));
  start_order_.push_back(def.name);
}

void* Deployment::start_provider(std::type_index iface, std::string_view iface_name, const std::string& requester) {
  // A partial deployment may start a service here at any time, from any
  // thread: a lock (a full one's services are all running after start,
  // and this stays lock-free but for the dependency list).
  std::unique_lock<std::recursive_mutex> on_demand;
  if (on_demand_ && first_started_.load(std::memory_order_acquire)) on_demand = std::unique_lock(on_demand_mutex_);
  const ServiceDef* provider = registry_.provider(iface);
  if (!provider) {
    throw StartError("service '" + requester + "' needs interface " + std::string(iface_name) +
                     ", but no service in the deployment implements it; add its implementation to the deployment");
  }
  if (!by_name_.contains(provider->name)) {
    if (provider->name == requester && !starting_.empty()) {
      // Its own interface, from its constructor (through a helper meshwa gen
      // could not follow, or a hand-written registration): no other side
      // of a cycle to change.
      throw StartError("service " + describe(*provider) + " asks for its own interface " + std::string(iface_name) +
                       " with ctx.ref<" + std::string(iface_name) + ">() while its constructor runs (" +
                       provider->name + " -> " + provider->name + "), " +
                       detail::self_ref_reason_and_remedy(iface_name));
    }
    if (stopping_ || (starting_.empty() && !on_demand_)) {
      // After start every provider is running; this is only reached while starting.
      throw StartError("interface " + std::string(iface_name) + " is provided by '" + provider->name +
                       "', which is not running (the deployment was stopped)");
    }
    start_service(*provider);
  }
  {
    std::lock_guard lock(deps_mutex_);
    const bool seen = std::any_of(deps_.begin(), deps_.end(), [&](const Dependency& d) {
      return d.from == requester && d.to == provider->name && d.iface == iface_name;
    });
    if (!seen) deps_.push_back(Dependency{requester, std::string(iface_name), provider->name});
  }
  void* exit = by_name_.at(provider->name)->exit(iface);
  if (!exit) {
    throw StartError("service '" + provider->name + "' declares interface " + std::string(iface_name) +
                     " but its instance has no exit for it");
  }
  return exit;
}

void* Deployment::exit_of(std::type_index iface, std::string_view iface_name) {
  std::unique_lock<std::recursive_mutex> on_demand;
  if (on_demand_ && first_started_.load(std::memory_order_acquire)) on_demand = std::unique_lock(on_demand_mutex_);
  const ServiceDef* provider = registry_.provider(iface);
  if (!provider) {
    throw StartError("no service in the deployment implements interface " + std::string(iface_name));
  }
  if (on_demand_ && !stopping_ && !by_name_.contains(provider->name)) {
    start_service(*provider);
  }
  auto it = by_name_.find(provider->name);
  if (it == by_name_.end()) {
    throw StartError("service '" + provider->name + "' (interface " + std::string(iface_name) + ") is not running");
  }
  void* exit = it->second->exit(iface);
  if (!exit) throw StartError("service '" + provider->name + "' has no exit for interface " + std::string(iface_name));
  return exit;
}

void Deployment::stop() noexcept {
  stopping_ = true;
  // First every service, last started first. A service may keep a Ref it
  // was handed in a call (not asked for in its constructor, so the start
  // order does not know it) and use it in its destructor: the exit that
  // Ref points at must still be there, answering that its service has
  // stopped, when the provider stopped before the caller (docs/api.md,
  // "Stopping").
  for (auto it = instances_.rbegin(); it != instances_.rend(); ++it) {
    auto& [def, instance] = *it;
    if (!instance) continue;
    try {
      instance->stop();
    } catch (...) {
      std::cerr << "meshwa: service '" << def->name << "' threw while stopping: "
                << detail::current_exception_text() << "\n";
    }
    // It stays in by_name_: ctx.ref<I>() in a later service's destructor
    // gets the stopped exit too, rather than an exception.
  }
  // Then the instances and their exits, once no service is left to call.
  while (!instances_.empty()) {
    auto& [def, instance] = instances_.back();
    try {
      instance.reset();
    } catch (...) {
      std::cerr << "meshwa: service '" << def->name << "' threw while stopping: "
                << detail::current_exception_text() << "\n";
    }
    by_name_.erase(def->name);
    instances_.pop_back();
  }
  contexts_.clear();
}

std::vector<Dependency> Deployment::dependencies() const {
  std::lock_guard lock(deps_mutex_);
  return deps_;
}

}  // namespace meshwa
