// The service registry: which service implements which interface, how to
// start it, and a running Deployment that hands out Ref<I>s.
//
// Registration is explicit (the generated deployment main calls add() for
// every service; tests call it by hand). Starting resolves dependencies
// lazily: when a service's constructor asks ctx.ref<I>(), the provider of I is
// started first. So services start in dependency order, a cycle is detected
// the moment it closes (and reported as "a -> b -> a"), and stopping runs in
// exactly the reverse order of starting.
#pragma once

#define MESHWA_REQUIRE_RTTI
#include "meshwa/requirements.hpp"
#undef MESHWA_REQUIRE_RTTI

#include <chrono>
#include <compare>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <typeindex>
#include <utility>
#include <vector>

#include "meshwa/context.hpp"
#include "meshwa/type_name.hpp"

namespace meshwa {

/// Any failure to assemble or start a deployment. The message names the
/// services and interfaces involved.
class StartError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A started service: owns the implementation object and, per interface it
/// provides, the exit callers reach through Ref<I> (the generated stub, or
/// the implementation itself for a plain binding).
class ServiceInstance {
 public:
  virtual ~ServiceInstance() = default;
  /// The exit for `iface` as a pointer to that interface type, or nullptr.
  virtual void* exit(std::type_index iface) noexcept = 0;
  /// Stops the service: destroys the implementation object. The instance
  /// itself, and with it every exit a Ref<I> points at, stays until the
  /// whole deployment has stopped (Deployment::stop), so that a service
  /// stopped later can still call through a Ref it kept. A generated
  /// instance first replaces each stub by its stopped twin, which answers
  /// Error(unavailable, "service '<name>' has stopped") (docs/api.md,
  /// "Stopping"). The default does nothing: a bind<>() instance's exits are
  /// the implementation itself, destroyed with the instance.
  virtual void stop() {}
};

/// One interface a service provides.
struct InterfaceId {
  std::type_index type;
  std::string name;

  template <class I>
  static InterfaceId of() {
    return InterfaceId{typeid(I), std::string(type_name<I>())};
  }
};

/// Everything the registry knows about a service before it starts.
struct ServiceDef {
  std::string name;                     // MESHWA_SERVICE("name")
  std::string type;                     // implementation class, for messages
  std::vector<InterfaceId> provides;    // at least one
  std::string unsafe_reason;            // MESHWA_UNSAFE reason; empty for a safe service
  std::function<std::unique_ptr<ServiceInstance>(Context&)> start;

  [[nodiscard]] bool safe() const noexcept { return unsafe_reason.empty(); }
};

namespace detail {

template <class Impl, class... Interfaces>
class DirectInstance final : public ServiceInstance {
 public:
  explicit DirectInstance(Context& ctx) : impl_(make(ctx)) {}
  void* exit(std::type_index iface) noexcept override {
    void* found = nullptr;
    ((iface == std::type_index(typeid(Interfaces)) ? (found = static_cast<Interfaces*>(&impl_)) : nullptr), ...);
    return found;
  }

 private:
  // From the Context, or by default for a service that needs none (one
  // with no dependency and no setting: `Impl() = default`).
  static Impl make(Context& ctx) {
    if constexpr (std::is_constructible_v<Impl, Context&>) {
      return Impl(ctx);
    } else {
      return Impl();
    }
  }
  Impl impl_;
};

}  // namespace detail

/// A ServiceDef whose exits are the implementation object itself (virtual
/// calls, no stub). The generator emits definitions with stubs instead; this
/// binding serves hand-written deployments and tests.
template <class Impl, class... Interfaces>
ServiceDef bind(std::string name, std::string unsafe_reason = {}) {
  static_assert(sizeof...(Interfaces) > 0, "meshwa::bind<Impl, Interfaces...>: name at least one interface");
  static_assert((std::is_base_of_v<Interfaces, Impl> && ...),
                "meshwa::bind<Impl, Interfaces...>: Impl must derive from every interface it provides");
  static_assert(std::is_constructible_v<Impl, Context&> || std::is_default_constructible_v<Impl>,
                "meshwa::bind: a service is constructed from meshwa::Context& (explicit Impl(meshwa::Context&)), "
                "or by default when it needs no Context");
  return ServiceDef{
      std::move(name),
      std::string(type_name<Impl>()),
      {InterfaceId::of<Interfaces>()...},
      std::move(unsafe_reason),
      [](Context& ctx) -> std::unique_ptr<ServiceInstance> {
        return std::make_unique<detail::DirectInstance<Impl, Interfaces...>>(ctx);
      },
  };
}

/// Settings per service, from the deployment's configuration file.
/// File format (JSON): {"services": {"<service>": {"<key>": "<value>", ...}},
///                      "mpk": {"max_faults": 3, "fault_window_seconds": 60}}
class Config {
 public:
  /// The "mpk" section: the restart policy of the MPK domains (a domain
  /// that faults max_faults times within fault_window stays stopped). An
  /// unset field keeps mpk::Options' default. The deployment main passes it
  /// to mpk::start().
  struct MpkPolicy {
    std::optional<int> max_faults;  // 1..mpk::kMaxFaultsLimit, checked when read
    std::optional<std::chrono::milliseconds> fault_window;  // positive
  };

  Config() = default;
  static Config from_json_text(std::string_view text, std::string_view origin = "<config>");
  static Config from_file(const std::string& path);

  void set(const std::string& service, const std::string& key, std::string value);
  /// Records an entry for `service` without values (`"name": {}` in a file),
  /// so that a deployment can still tell that the name is not one of its own.
  void add_service(const std::string& service);
  [[nodiscard]] const std::string* find(const std::string& service, std::string_view key) const;
  [[nodiscard]] const std::map<std::string, std::map<std::string, std::string, std::less<>>>& all() const {
    return values_;
  }
  [[nodiscard]] const MpkPolicy& mpk_policy() const { return mpk_policy_; }
  void set_mpk_policy(const MpkPolicy& policy) { mpk_policy_ = policy; }
  /// Where it was read from (the file's path, or from_json_text's origin);
  /// empty for one built with set(). Errors about its content name it.
  [[nodiscard]] const std::string& origin() const { return origin_; }
  /// Where the file gives the setting `key` of `service` (the entry of
  /// `service` itself when `key` is empty): "<origin>:<line>:<column>" of
  /// its key, the form compilers use, which editors jump to; origin() alone
  /// where the place is not known (an entry added with set()).
  [[nodiscard]] std::string place(const std::string& service, std::string_view key = {}) const;
  /// A place in the file: 1-based line and column (the column counts bytes).
  struct Position {
    long line = 0;
    long column = 0;
    friend auto operator<=>(const Position&, const Position&) = default;
  };
  /// The same place as place() as numbers, to order or compare entries by
  /// where they stand; nullopt where it is not known.
  [[nodiscard]] std::optional<Position> position(const std::string& service, std::string_view key = {}) const;

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>> values_;
  // Where each entry's key is in the file, by (service, key); key "" for
  // the service's own entry.
  std::map<std::pair<std::string, std::string>, Position, std::less<>> places_;
  MpkPolicy mpk_policy_;
  std::string origin_;
};

/// The set of services of a deployment, before it starts.
class Registry {
 public:
  /// Adds a service. Throws StartError on a duplicate service name or when
  /// another service already provides one of its interfaces.
  void add(ServiceDef def);

  [[nodiscard]] const std::vector<ServiceDef>& services() const noexcept { return services_; }
  /// The service providing `iface`, or nullptr.
  [[nodiscard]] const ServiceDef* provider(std::type_index iface) const noexcept;

 private:
  std::vector<ServiceDef> services_;
};

/// A dependency edge seen at run time: `from` asked for `iface`, provided by `to`.
struct Dependency {
  std::string from;
  std::string iface;
  std::string to;
};

/// Throws StartError when `config` has an entry for a service that is not
/// in `registry` (a typo in its name, or a file meant for another
/// deployment), naming the file, the key and the deployment's services.
/// Deployment's constructor checks this; `--list CONFIG` too.
void check_config_services(const Config& config, const Registry& registry);

/// Running services. Starting happens in the constructor; stop() (or the
/// destructor) stops them in reverse start order, and frees the exits
/// (stubs) only once every service has stopped.
class Deployment {
 public:
  /// Starts every service of `registry`. Throws StartError; services
  /// already started are stopped again before it propagates.
  explicit Deployment(const Registry& registry, Config config = {});

  /// Which services a partial deployment starts up front.
  struct OnDemand {
    std::vector<std::string> first;  // service names, started in the registry's order
  };
  /// A partial deployment (contract replays, docs/contracts.md §2): starts
  /// the services named in `on_demand.first` and what their constructors
  /// ask for; any other service starts only when it is first asked for
  /// (ctx.ref<I>() from a method, or ref<I>()), on the thread that asks.
  Deployment(const Registry& registry, Config config, OnDemand on_demand);
  ~Deployment();
  Deployment(const Deployment&) = delete;
  Deployment& operator=(const Deployment&) = delete;

  /// A capability on the provider of I (for a deployment's front end and
  /// for tests). Throws StartError when no service provides I.
  template <class I>
  Ref<I> ref() {
    return Ref<I>(*static_cast<I*>(exit_of(typeid(I), type_name<I>())));
  }

  /// Stops all services, last started first (ServiceInstance::stop), then
  /// frees their instances. Idempotent.
  void stop() noexcept;

  /// Does a service of the deployment provide `iface` (running or not)?
  [[nodiscard]] bool provides(std::type_index iface) const noexcept { return registry_.provider(iface) != nullptr; }

  /// The services started so far, in the order their constructors ended.
  [[nodiscard]] std::vector<std::string> start_order() const;
  [[nodiscard]] std::vector<Dependency> dependencies() const;
  [[nodiscard]] bool running() const;

  /// The configuration's settings of services that started which their
  /// service has not asked for (ctx.config) so far, as (service, key):
  /// most likely misspelt, leaving the service on its fallback. The
  /// generated main warns of them when the deployment stops.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> unread_config() const;

  /// The keys `service` has asked for (ctx.config, ctx.config_as) so far,
  /// in the order first asked: what a setting it never read is compared
  /// with, to name the key that setting most likely misspells.
  [[nodiscard]] std::vector<std::string> config_keys_read(std::string_view service) const;

 private:
  class ServiceContext;
  struct Running;

  void note_config_read(const std::string& service, std::string_view key, std::string_view fallback);
  void start_all(const std::vector<std::string>* only);
  void* exit_of(std::type_index iface, std::string_view iface_name);
  void* start_provider(std::type_index iface, std::string_view iface_name, const std::string& requester);
  void ensure_running(const ServiceDef& def, std::unique_lock<std::mutex>& lock);
  void start_service(const ServiceDef& def, std::unique_lock<std::mutex>& lock);
  void wait_for_start_of(const std::string& name, std::unique_lock<std::mutex>& lock, bool& warned);
  [[nodiscard]] std::string cycle_through(const std::string& name) const;
  [[nodiscard]] std::string wait_cycle_from(const std::string& name) const;
  [[nodiscard]] std::string innermost_start_on(std::thread::id thread) const;

  struct Starting {
    std::string name;
    std::thread::id thread;  // whose constructor call this is: a chain per thread
  };
  struct Waiting {
    std::thread::id thread;
    std::string name;  // the service whose constructor, running on another thread, it waits for
  };

  Registry registry_;  // a copy: the deployment outlives the caller's registry
  Config config_;
  bool on_demand_ = false;  // a partial deployment: services start when first asked for
  // The running state below is guarded by state_mutex_, which is never held
  // while a service's constructor, stop() or destructor runs: a constructor
  // may start a thread that asks for a service (ctx.ref<I>()) and wait for
  // it, in a full deployment and in a partial one alike. A service whose
  // constructor runs on one thread is waited for by the others
  // (started_); the thread running it finds a cycle through it, and a
  // thread whose wait would close a cycle of waits across threads
  // (waiting_) is told so instead of waiting.
  mutable std::mutex state_mutex_;
  std::condition_variable started_;  // a service finished starting (or failed to)
  std::vector<Starting> starting_;  // constructors running now, outermost first
  std::vector<Waiting> waiting_;    // threads waiting for a constructor on another thread
  std::vector<std::string> start_order_;
  std::vector<std::unique_ptr<ServiceContext>> contexts_;
  std::vector<std::pair<const ServiceDef*, std::unique_ptr<ServiceInstance>>> instances_;  // start order
  std::map<std::string, ServiceInstance*> by_name_;
  bool stopping_ = false;
  std::vector<Dependency> deps_;
  mutable std::mutex config_reads_mutex_;  // ctx.config() may run on many threads after start
  /// A setting a service asked for, first ask: its key, and the fallback it
  /// gave (what a start error shows when the file does not set it).
  struct ConfigRead {
    std::string key;
    std::string fallback;
  };
  std::map<std::string, std::vector<ConfigRead>, std::less<>> config_reads_;  // service -> settings asked for
};

}  // namespace meshwa
