#include "meshwa/registry.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <iostream>
#include <limits>

#include "meshwa/error.hpp"
#include "meshwa/closest_name.hpp"
#include "meshwa/start_text.hpp"
#include "json_quoted.hpp"

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
    owner_.note_config_read(def_.name, key, fallback);
    const std::string* value = owner_.config_.find(def_.name, key);
    return value ? *value : std::string(fallback);
  }

  // A value ctx.config_as<T>() refused, as its key is written in the file.
  std::string setting_problem(const SettingError& e) const {
    // "of deploy.json:7:5": the value's key in the file, or the file alone.
    const std::string origin = owner_.config_.place(def_.name, e.key());
    return "its setting services." + def_.name + "." + e.key() + " = " + shown(e.value()) +
           (origin.empty() ? "" : " of " + origin) + " is not " + e.expected() + "; correct the value";
  }

  // The settings this service has read (the deployment's record of them),
  // for the error of a constructor that throws: a value its code failed to
  // parse (std::stoll's "stoll") is the usual cause, and the exception names
  // neither the key nor the file. Empty when it read none. Not
  // "mpk_group": the generated start of an unsafe service reads it to open
  // the service's domain, before and apart from the constructor, and a
  // group it cannot open is an error of its own.
  // Each setting that is set is named with its place in the file ("of
  // deploy.json:7:5", Config::place), as config_as's error names the one it
  // refuses: the file alone sent the user searching it for each key.
  std::string settings_read() const {
    std::vector<std::string> shown_reads;
    const std::string& origin = owner_.config_.origin();
    {
      std::lock_guard<std::mutex> lock(owner_.config_reads_mutex_);
      const auto reads = owner_.config_reads_.find(def_.name);
      if (reads == owner_.config_reads_.end()) return "";
      for (const ConfigRead& read : reads->second) {
        if (read.key == "mpk_group") continue;
        const std::string* value = owner_.config_.find(def_.name, read.key);
        const std::string setting = "services." + def_.name + "." + read.key;
        if (value == nullptr) {
          shown_reads.push_back(setting + " (not set: its fallback " + shown(read.fallback) + ")");
        } else {
          shown_reads.push_back(setting + " = " + shown(*value) +
                                (origin.empty() ? "" : " of " + owner_.config_.place(def_.name, read.key)));
        }
      }
    }
    if (shown_reads.empty()) return "";
    std::string text = shown_reads.size() == 1 ? "it read the setting " : "it read the settings ";
    for (std::size_t i = 0; i < shown_reads.size(); ++i) text += (i > 0 ? ", " : "") + shown_reads[i];
    if (origin.empty()) text += " of the configuration";
    return text + (shown_reads.size() == 1 ? "; if it failed on this value, correct it"
                                           : "; if it failed on one of these values, correct the value");
  }

 protected:
  void* resolve(std::type_index iface, std::string_view iface_name) override {
    return owner_.start_provider(iface, iface_name, def_.name);
  }

 private:
  // A value as a JSON string (runtime_detail::json_quoted), cut after 60
  // bytes: a PEM certificate is a setting too.
  static std::string shown(const std::string& value) {
    constexpr std::size_t kShown = 60;
    std::string text = runtime_detail::json_quoted(value.size() > kShown ? value.substr(0, kShown) : value);
    if (value.size() > kShown) text += "... (" + std::to_string(value.size()) + " bytes)";
    return text;
  }

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
}

void Deployment::note_config_read(const std::string& service, std::string_view key, std::string_view fallback) {
  std::lock_guard<std::mutex> lock(config_reads_mutex_);
  std::vector<ConfigRead>& reads = config_reads_[service];
  const auto same_key = [&](const ConfigRead& read) { return read.key == key; };
  if (std::none_of(reads.begin(), reads.end(), same_key)) reads.push_back({std::string(key), std::string(fallback)});
}

std::vector<std::pair<std::string, std::string>> Deployment::unread_config() const {
  std::vector<std::pair<std::string, std::string>> unread;
  const std::vector<std::string> started = start_order();
  std::lock_guard<std::mutex> lock(config_reads_mutex_);
  for (const std::string& service : started) {
    auto settings = config_.all().find(service);
    if (settings == config_.all().end()) continue;
    auto reads = config_reads_.find(service);
    for (const auto& [key, value] : settings->second) {
      const bool read = reads != config_reads_.end() &&
                        std::any_of(reads->second.begin(), reads->second.end(),
                                    [&](const ConfigRead& r) { return r.key == key; });
      if (!read) unread.emplace_back(service, key);
    }
  }
  return unread;
}

std::vector<std::string> Deployment::config_keys_read(std::string_view service) const {
  std::vector<std::string> keys;
  std::lock_guard<std::mutex> lock(config_reads_mutex_);
  auto reads = config_reads_.find(service);
  if (reads == config_reads_.end()) return keys;
  for (const ConfigRead& r : reads->second) keys.push_back(r.key);
  return keys;
}

namespace {

// Where the entry of `service` is in its file; after every placed one when
// unknown.
Config::Position position_of(const Config& config, const std::string& service) {
  return config.position(service).value_or(Config::Position{std::numeric_limits<long>::max(), 0});
}

}  // namespace

void check_config_services(const Config& config, const Registry& registry) {
  // A configuration entry for a service that is not here is a typo in its
  // name, or a file meant for another deployment: its values would silently
  // never reach anyone. The error names the file and the key, as the file's
  // other errors do: a deployment's contract tests read the CONFIG of
  // meshwa_add_deployment, a file the user never passed themselves (probe api5 #2).
  // Every such entry, one line each, in the order of the file (api22: one
  // file for two deployments of the same libraries named only the first
  // entry in alphabetical order, compose-post-service at line 12, not
  // url-shorten-service at line 3, so it took a run per entry).
  const auto& defs = registry.services();
  std::vector<std::string> names;
  std::string known;
  for (const ServiceDef& d : defs) {
    known += (known.empty() ? "" : ", ") + d.name;
    names.push_back(d.name);
  }
  std::vector<std::pair<Config::Position, std::string>> stray;  // place in the file, service
  for (const auto& [service, values] : config.all()) {
    if (std::any_of(defs.begin(), defs.end(), [&](const ServiceDef& d) { return d.name == service; })) continue;
    stray.emplace_back(position_of(config, service), service);
  }
  if (stray.empty()) return;
  std::sort(stray.begin(), stray.end());  // by place; unplaced ones last, by name
  std::string problems;
  for (const auto& [at, service] : stray) {
    // Named outright when it is a typo of one (as meshwa_add_deployment
    // names a misspelt target): in a list of many services the one meant
    // is not obvious ("recomender" among eight names).
    const std::string meant = detail::closest_name(names, service);
    const std::string where = config.origin().empty() ? "" : config.place(service) + ": ";
    problems += (problems.empty() ? "" : "\n") + where + "the configuration has an entry for service '" + service +
                "' (key services." + service + "), which is not in this deployment (its services: " + known + ")" +
                (meant.empty() ? "; " : "; did you mean '" + meant + "'? ") + "correct the name or remove the entry";
  }
  throw StartError(problems);
}

// Every service (only == nullptr), or those named in *only, in the registry's order.
void Deployment::start_all(const std::vector<std::string>* only) {
  try {
    std::unique_lock lock(state_mutex_);
    for (const ServiceDef& def : registry_.services()) {
      if (only != nullptr && std::find(only->begin(), only->end(), def.name) == only->end()) continue;
      ensure_running(def, lock);
    }
  } catch (...) {
    stop();
    throw;
  }
}

Deployment::~Deployment() { stop(); }

// "a -> b -> name": the services this thread is starting, from `name` on.
std::string Deployment::cycle_through(const std::string& name) const {
  const std::thread::id me = std::this_thread::get_id();
  std::string cycle;
  bool in_cycle = false;
  for (const Starting& s : starting_) {
    if (s.thread != me) continue;
    in_cycle = in_cycle || s.name == name;
    if (in_cycle) cycle += s.name + " -> ";
  }
  return cycle + name;
}

// Returns with `def` running, started here if no thread has started it.
void Deployment::ensure_running(const ServiceDef& def, std::unique_lock<std::mutex>& lock) {
  bool warned = false;
  for (;;) {
    if (by_name_.contains(def.name)) return;
    if (stopping_) {
      throw StartError("service " + describe(def) + " is not running (the deployment was stopped)");
    }
    auto being_started = std::find_if(starting_.begin(), starting_.end(), [&](const Starting& s) { return s.name == def.name; });
    if (being_started == starting_.end()) {
      // Nobody starts it (or a start on another thread failed: this thread
      // tries again, and gets its own error).
      start_service(def, lock);
      return;
    }
    if (being_started->thread == std::this_thread::get_id()) {
      throw StartError("dependency cycle between services: " + cycle_through(def.name) + "; " +
                       std::string(detail::kCycleRemedy));
    }
    if (const std::string cycle = wait_cycle_from(def.name); !cycle.empty()) {
      throw StartError("dependency cycle between services whose constructors run on different threads: " + cycle +
                       "; each waits for the other to finish starting; " + std::string(detail::kCycleRemedy));
    }
    waiting_.push_back(Waiting{std::this_thread::get_id(), def.name});
    struct EndWait {
      std::vector<Waiting>& waiting;
      ~EndWait() {
        std::erase_if(waiting, [](const Waiting& w) { return w.thread == std::this_thread::get_id(); });
      }
    } end_wait{waiting_};
    wait_for_start_of(def.name, lock, warned);
  }
}

// The service whose constructor runs innermost on `thread` ("" if none).
std::string Deployment::innermost_start_on(std::thread::id thread) const {
  auto it = std::find_if(starting_.rbegin(), starting_.rend(), [&](const Starting& s) { return s.thread == thread; });
  return it != starting_.rend() ? it->name : std::string();
}

// Would this thread's wait for `name` close a cycle of waits: the thread
// starting `name` waits for a service whose starting thread waits ... for
// one this thread is starting? Then no wait would ever end. Returns the
// cycle as "a -> b (this thread), b -> a (another thread)", or "".
std::string Deployment::wait_cycle_from(const std::string& name) const {
  const std::thread::id me = std::this_thread::get_id();
  std::string cycle = innermost_start_on(me) + " -> " + name + " (this thread)";
  std::string awaited = name;
  // Each hop moves to another waiting thread; more hops than waits repeat.
  for (std::size_t hop = 0; hop <= waiting_.size(); ++hop) {
    auto builder = std::find_if(starting_.begin(), starting_.end(), [&](const Starting& s) { return s.name == awaited; });
    if (builder == starting_.end()) return {};
    if (builder->thread == me) return cycle;
    auto waits = std::find_if(waiting_.begin(), waiting_.end(), [&](const Waiting& w) { return w.thread == builder->thread; });
    if (waits == waiting_.end()) return {};
    cycle += ", " + innermost_start_on(builder->thread) + " -> " + waits->name + " (another thread)";
    awaited = waits->name;
  }
  return {};
}

// Waits until some start ends. A constructor that waits for a thread of its
// own which asks for the service being constructed never ends: say so once,
// rather than hang in silence.
void Deployment::wait_for_start_of(const std::string& name, std::unique_lock<std::mutex>& lock, bool& warned) {
  constexpr auto kPatience = std::chrono::seconds(10);
  if (started_.wait_for(lock, kPatience) == std::cv_status::timeout && !warned) {
    warned = true;
    std::cerr << "meshwa: a thread has waited " << kPatience.count() << " s for service '" << name
              << "', whose constructor runs on another thread; if that constructor waits for this thread, "
                 "neither ends: ask for the service after the constructor returns\n";
  }
}

void Deployment::start_service(const ServiceDef& def, std::unique_lock<std::mutex>& lock) {
  starting_.push_back(Starting{def.name, std::this_thread::get_id()});
  auto context = std::make_unique<ServiceContext>(*this, def);
  // Its own entry (deeper starts of this thread have removed theirs).
  auto done = [&] {
    auto it = std::find_if(starting_.rbegin(), starting_.rend(), [&](const Starting& s) {
      return s.name == def.name && s.thread == std::this_thread::get_id();
    });
    if (it != starting_.rend()) starting_.erase(std::next(it).base());
    started_.notify_all();
  };
  std::unique_ptr<ServiceInstance> instance;
  lock.unlock();
  try {
    instance = def.start(*context);
  } catch (const StartError&) {
    lock.lock();
    done();
    throw;  // already names the services involved
  } catch (const SettingError& e) {
    lock.lock();
    done();
    throw StartError("service " + describe(def) + " failed to start: " + context->setting_problem(e));
  } catch (...) {
    lock.lock();
    done();
    const std::string settings = context->settings_read();
    throw StartError("service " + describe(def) + " failed to start: " + detail::current_exception_text() +
                     (settings.empty() ? "" : "; " + settings));
  }
  lock.lock();
  if (!instance) {
    done();
    throw StartError("service " + describe(def) + " failed to start: its start function returned nothing");
  }
  by_name_[def.name] = instance.get();
  contexts_.push_back(std::move(context));
  instances_.emplace_back(&def, std::move(instance));
  start_order_.push_back(def.name);
  done();
}

void* Deployment::start_provider(std::type_index iface, std::string_view iface_name, const std::string& requester) {
  std::unique_lock lock(state_mutex_);
  const ServiceDef* provider = registry_.provider(iface);
  if (!provider) {
    throw StartError("service '" + requester + "' needs interface " + std::string(iface_name) +
                     ", but no service in the deployment implements it; add its implementation to the deployment");
  }
  if (!by_name_.contains(provider->name)) {
    const bool own_constructor_runs_here = std::any_of(starting_.begin(), starting_.end(), [&](const Starting& s) {
      return s.name == requester && s.thread == std::this_thread::get_id();
    });
    if (provider->name == requester && own_constructor_runs_here) {
      // Its own interface, from its constructor (through a helper meshwa gen
      // could not follow, or a hand-written registration): no other side
      // of a cycle to change.
      throw StartError("service " + describe(*provider) + " asks for its own interface " + std::string(iface_name) +
                       " with ctx.ref<" + std::string(iface_name) + ">() while its constructor runs (" +
                       provider->name + " -> " + provider->name + "), " +
                       detail::self_ref_reason_and_remedy(iface_name));
    }
    if (stopping_) {
      throw StartError("interface " + std::string(iface_name) + " is provided by '" + provider->name +
                       "', which is not running (the deployment was stopped)");
    }
    // While the deployment starts (from a constructor, or a thread one
    // started), or any time in a partial deployment.
    ensure_running(*provider, lock);
  }
  const bool seen = std::any_of(deps_.begin(), deps_.end(), [&](const Dependency& d) {
    return d.from == requester && d.to == provider->name && d.iface == iface_name;
  });
  if (!seen) deps_.push_back(Dependency{requester, std::string(iface_name), provider->name});
  void* exit = by_name_.at(provider->name)->exit(iface);
  if (!exit) {
    throw StartError("service '" + provider->name + "' declares interface " + std::string(iface_name) +
                     " but its instance has no exit for it");
  }
  return exit;
}

void* Deployment::exit_of(std::type_index iface, std::string_view iface_name) {
  std::unique_lock lock(state_mutex_);
  const ServiceDef* provider = registry_.provider(iface);
  if (!provider) {
    throw StartError("no service in the deployment implements interface " + std::string(iface_name));
  }
  if (on_demand_ && !stopping_) ensure_running(*provider, lock);
  auto it = by_name_.find(provider->name);
  if (it == by_name_.end()) {
    throw StartError("service '" + provider->name + "' (interface " + std::string(iface_name) + ") is not running");
  }
  void* exit = it->second->exit(iface);
  if (!exit) throw StartError("service '" + provider->name + "' has no exit for interface " + std::string(iface_name));
  return exit;
}

void Deployment::stop() noexcept {
  std::vector<std::pair<const ServiceDef*, ServiceInstance*>> running;
  {
    std::unique_lock lock(state_mutex_);
    stopping_ = true;
    // A constructor still running on another thread (started by a thread a
    // constructor began) adds its service when it ends: stop that one too.
    bool warned = false;
    while (!starting_.empty()) wait_for_start_of(starting_.front().name, lock, warned);
    for (auto& [def, instance] : instances_) running.emplace_back(def, instance.get());
  }
  // First every service, last started first, with no lock held: a service
  // may call others while it stops. A service may keep a Ref it was handed
  // in a call (not asked for in its constructor, so the start order does
  // not know it) and use it in its destructor: the exit that Ref points at
  // must still be there, answering that its service has stopped, when the
  // provider stopped before the caller (docs/api.md, "Stopping").
  for (auto it = running.rbegin(); it != running.rend(); ++it) {
    auto [def, instance] = *it;
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
  for (;;) {
    std::unique_lock lock(state_mutex_);
    if (instances_.empty()) break;
    auto [def, instance] = std::move(instances_.back());
    lock.unlock();
    try {
      instance.reset();
    } catch (...) {
      std::cerr << "meshwa: service '" << def->name << "' threw while stopping: "
                << detail::current_exception_text() << "\n";
    }
    lock.lock();
    by_name_.erase(def->name);
    instances_.pop_back();
  }
  std::lock_guard lock(state_mutex_);
  contexts_.clear();
}

std::vector<std::string> Deployment::start_order() const {
  std::lock_guard lock(state_mutex_);
  return start_order_;
}

bool Deployment::running() const {
  std::lock_guard lock(state_mutex_);
  return !instances_.empty();
}

std::vector<Dependency> Deployment::dependencies() const {
  std::lock_guard lock(state_mutex_);
  return deps_;
}

}  // namespace meshwa
