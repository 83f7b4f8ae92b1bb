// The domain table: creating domains (keys, grouping, the key-exhaustion
// error), the restart policy and restarts.
//
// Domain objects live in a static table, in untagged memory, because every
// gate reads the callee's Domain while the caller's rights are in force, and
// the caller may itself be a domain.
#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include "meshwa/runtime/domain.hpp"
#include "meshwa/runtime/gate.hpp"
#include "meshwa/runtime/mpk.hpp"
#include "pkru.hpp"
#include "regions.hpp"
#include "state.hpp"

namespace meshwa::mpk {

namespace {

constexpr int kMaxDomains = 32;

void copy_text(char* dst, std::size_t size, std::string_view src) noexcept {
  const std::size_t n = std::min(size - 1, src.size());
  std::memcpy(dst, src.data(), n);
  dst[n] = '\0';
}

}  // namespace

// Friend of Domain: the table sets the private fields.
class DomainTable {
 public:
  static DomainTable& get() noexcept {
    static DomainTable table;
    return table;
  }

  Domain& create(std::string_view service, std::string_view group) {
    start();
    std::lock_guard lock(mutex_);
    const std::string_view name = group.empty() ? service : group;
    if (Domain* existing = named(name)) {
      if (group.empty()) {
        // The table is the process's: a second deployment in one process
        // (a benchmark comparing two) that runs the same unsafe service,
        // while the first still runs it. Deployments in binaries of their
        // own each have their own table.
        throw std::logic_error("meshwa: unsafe service '" + std::string(service) +
                               "' already has an MPK domain in this process (another deployment of the process "
                               "runs it; MPK domains are named per process, by the service or its \"mpk_group\"): "
                               "give this deployment's service a domain of another name with the setting "
                               "\"mpk_group\": \"<name>\" (meshwa::Config::set(\"" + std::string(service) +
                               "\", \"mpk_group\", ...)), or stop the other deployment first");
      }
      std::string members = existing->services_;
      members += ", ";
      members += service;
      copy_text(existing->services_, sizeof existing->services_, members);
      return *existing;
    }
    if (count_ == kMaxDomains) {
      throw KeyExhausted("meshwa: cannot create an MPK domain for unsafe service '" + std::string(service) +
                         "': the runtime supports " + std::to_string(kMaxDomains) +
                         " domains; group unsafe services with the \"mpk_group\" setting [meshwa-mpk-keys]");
    }
    Domain& d = domains_[count_];
    int key = -1;
    if (hardware()) {
      key = ::pkey_alloc(0, 0);
      if (key < 0) {
        const int err = errno;
        throw KeyExhausted(exhausted_message(service, err));
      }
    }
    heap::Region* region = heap::create_region(heap::Owner::domain, count_, key);
    if (!region) {
      if (key >= 0) ::pkey_free(key);
      throw KeyExhausted("meshwa: no heap region left for unsafe service '" + std::string(service) + "' (" +
                         std::to_string(heap::free_slots()) + " free); restarts use regions too");
    }
    copy_text(d.name_, sizeof d.name_, name);
    copy_text(d.services_, sizeof d.services_, service);
    d.index_ = count_;
    d.key_ = key;
    d.unsafe_ = true;
    d.pkru_ = hardware() ? detail::pkru_allowing(key, detail::keys().exchange) : 0;
    d.heap_.store(region, std::memory_order_release);
    ++count_;
    return d;
  }

  Domain& reopen(std::string_view service, std::string_view group) {
    start();
    {
      std::lock_guard lock(mutex_);
      const std::string_view name = group.empty() ? service : group;
      if (Domain* found = named(name); found != nullptr && idle(*found)) {
        // Every service of the domain is gone: this deployment starts it
        // afresh, as a new process would, instead of inheriting the last
        // one's faults (a failed domain would refuse every call).
        Domain& d = *found;
        std::lock_guard domain_lock(d.mutex_);
        if (d.state() != Domain::State::ready) {
          heap::Region* fresh = heap::create_region(heap::Owner::domain, d.index_, d.key_);
          if (!fresh) {
            throw KeyExhausted("meshwa: no heap region left to start MPK domain '" + std::string(name) +
                               "' again (" + std::to_string(heap::free_slots()) +
                               " free); restarts use regions too [meshwa-mpk-keys]");
          }
          heap::Region* old = d.heap_.exchange(fresh, std::memory_order_acq_rel);
          if (old) heap::retire(old);
        }
        copy_text(d.services_, sizeof d.services_, service);
        d.last_fault_[0] = '\0';
        d.faults_.store(0, std::memory_order_relaxed);
        d.restarts_.store(0, std::memory_order_relaxed);
        d.fault_times_ = {};
        d.fault_count_ = 0;
        d.state_.store(Domain::State::ready, std::memory_order_release);
        return d;
      }
    }
    return create(service, group);  // new, or in use: joined (a group) or refused
  }

  Domain* find(std::string_view name) noexcept {
    std::lock_guard lock(mutex_);
    return named(name);
  }

  std::vector<Domain*> all() {
    std::lock_guard lock(mutex_);
    std::vector<Domain*> out;
    for (int i = 0; i < count_; ++i) out.push_back(&domains_[i]);
    return out;
  }

  Domain& at(int index) noexcept { return domains_[index]; }
  int count() const noexcept { return count_; }

  Domain& trusted() noexcept {
    static bool init = [this] {
      copy_text(trusted_.name_, sizeof trusted_.name_, "safe services");
      copy_text(trusted_.services_, sizeof trusted_.services_, "(every safe service)");
      trusted_.unsafe_ = false;
      trusted_.pkru_ = 0;
      return true;
    }();
    (void)init;
    return trusted_;
  }

  // The restart policy: restart, unless this is the max_faults-th fault
  // within fault_window; then the domain stays failed.
  static const char* record_fault(Domain& d, const char* message) noexcept {
    std::lock_guard lock(d.mutex_);
    copy_text(d.last_fault_, sizeof d.last_fault_, message);
    d.faults_.fetch_add(1, std::memory_order_relaxed);
    const auto now = std::chrono::steady_clock::now();
    d.fault_times_[d.fault_count_++ % d.fault_times_.size()] = now;
    const Options& o = options();
    const unsigned limit = static_cast<unsigned>(o.max_faults);  // 1..kMaxFaultsLimit, checked by start()
    unsigned recent = 0;
    const unsigned n = std::min<unsigned>(d.fault_count_, static_cast<unsigned>(d.fault_times_.size()));
    for (unsigned i = 0; i < n; ++i) {
      if (now - d.fault_times_[i] <= o.fault_window) ++recent;
    }
    if (d.state() == Domain::State::failed) return "the domain stays stopped";
    if (recent >= limit) {
      d.state_.store(Domain::State::failed, std::memory_order_release);
      return "the domain gave up after too many faults (its restart policy: max_faults within fault_window, the "
             "\"mpk\" section of the deployment's configuration) and stays stopped";
    }
    d.state_.store(Domain::State::restart_pending, std::memory_order_release);
    return "the domain restarts with a fresh heap before its next call";
  }

  // Runs the restart of `d`; the caller holds d.mutex_.
  static bool restart(Domain& d, Error& why, const CallSite& site) noexcept;

 private:
  std::string exhausted_message(std::string_view service, int err) {
    std::string held;
    for (int i = 0; i < count_; ++i) {
      held += held.empty() ? "" : ", ";
      held += std::string("'") + domains_[i].name_ + "' (key " + std::to_string(domains_[i].key_) + ": " +
              domains_[i].services_ + ")";
    }
    return "meshwa: no protection key left for unsafe service '" + std::string(service) + "' (pkey_alloc: " +
           std::strerror(err) + "); keys in use: safe heap " + std::to_string(detail::keys().safe) +
           ", exchange heap " + std::to_string(detail::keys().exchange) + (held.empty() ? "" : ", domains ") +
           held + "; put unsafe services into a shared domain with the configuration setting " +
           "\"mpk_group\": \"<name>\" [meshwa-mpk-keys]";
  }

  /// The domain called `name`, or nullptr; the caller holds mutex_.
  Domain* named(std::string_view name) noexcept {
    for (int i = 0; i < count_; ++i) {
      if (name == domains_[i].name_) return &domains_[i];
    }
    return nullptr;
  }

  /// No service instance uses the domain any more (each adds a restart hook).
  static bool idle(Domain& d) {
    std::lock_guard lock(d.mutex_);
    return d.restart_.empty();
  }

  std::mutex mutex_;
  Domain domains_[kMaxDomains];
  int count_ = 0;
  Domain trusted_;
};

struct DomainAccess {
  static std::mutex& mutex(Domain& d) noexcept { return d.mutex_; }
  static char* last_fault(Domain& d) noexcept { return d.last_fault_; }
};

Domain& create_domain(std::string_view service, std::string_view group) {
  return DomainTable::get().create(service, group);
}
Domain& open_domain(std::string_view service, std::string_view group) {
  return DomainTable::get().reopen(service, group);
}
Domain* find_domain(std::string_view name) noexcept { return DomainTable::get().find(name); }
std::vector<Domain*> domains() { return DomainTable::get().all(); }
Domain& trusted() noexcept { return DomainTable::get().trusted(); }

std::string Domain::last_fault() const {
  std::lock_guard lock(mutex_);
  return last_fault_;
}

void Domain::add_restart(const void* owner, std::function<void()> hook) {
  std::lock_guard lock(mutex_);
  restart_.emplace_back(owner, std::move(hook));
}

void Domain::remove_restart(const void* owner) {
  std::lock_guard lock(mutex_);
  std::erase_if(restart_, [owner](const auto& entry) { return entry.first == owner; });
}

void Domain::request_restart(std::string_view why) {
  std::lock_guard lock(mutex_);
  copy_text(last_fault_, sizeof last_fault_, why);
  State expected = State::ready;
  state_.compare_exchange_strong(expected, State::restart_pending);
}

bool DomainTable::restart(Domain& d, Error& why, const CallSite& site) noexcept {
  const std::string where = std::string(site.service) + "." + site.method;
  if (d.restart_.empty()) {
    d.state_.store(Domain::State::failed, std::memory_order_release);
    why = Error(Code::unavailable, where + ": MPK domain '" + d.name_ +
                                       "' faulted and has no restart hook (Domain::add_restart); it stays stopped");
    return false;
  }
  d.state_.store(Domain::State::restarting, std::memory_order_release);
  heap::Region* fresh = heap::create_region(heap::Owner::domain, d.index_, d.key_);
  if (!fresh) {
    d.state_.store(Domain::State::failed, std::memory_order_release);
    why = Error(Code::unavailable, where + ": MPK domain '" + d.name_ +
                                       "' cannot restart: no heap region left; it stays stopped");
    // Kept as the domain's last word: later calls and describe() say why it
    // stays stopped, not only the fault before.
    const std::string last = std::string(d.last_fault_) + "; then it could not restart: no heap region left (" +
                             std::to_string(heap::free_slots()) + " free; every restart takes one)";
    copy_text(d.last_fault_, sizeof d.last_fault_, last);
    return false;
  }
  heap::Region* old = d.heap_.exchange(fresh, std::memory_order_acq_rel);
  if (old) heap::retire(old);
  try {
    for (auto& [owner, hook] : d.restart_) hook();
  } catch (const std::exception& e) {
    d.state_.store(Domain::State::failed, std::memory_order_release);
    why = Error(Code::unavailable, where + ": MPK domain '" + d.name_ + "' failed to restart (" + e.what() +
                                       "); it stays stopped");
    return false;
  } catch (...) {
    d.state_.store(Domain::State::failed, std::memory_order_release);
    why = Error(Code::unavailable, where + ": MPK domain '" + d.name_ + "' failed to restart; it stays stopped");
    return false;
  }
  d.restarts_.fetch_add(1, std::memory_order_relaxed);
  d.state_.store(Domain::State::ready, std::memory_order_release);
  return true;
}

namespace detail {

bool prepare(Domain& d, const CallSite& site, Error& why) {
  // A restart runs trusted code (the hook, the service's constructor through
  // its own gate) from wherever the call came from: leave the caller's
  // domain for its duration.
  const bool hw = g_hardware;
  const std::uint32_t saved_pkru = hw ? read_pkru() : 0;
  heap::Region* saved_heap = heap::tl_current;
  Frame* saved_top = tl_top;
  if (hw && saved_pkru != 0) meshwa_mpk_wrpkru(0);
  heap::tl_current = nullptr;
  tl_top = nullptr;
  bool ok = false;
  {
    std::lock_guard lock(DomainAccess::mutex(d));
    switch (d.state()) {
      case Domain::State::ready: ok = true; break;
      case Domain::State::restart_pending:
      case Domain::State::restarting: ok = DomainTable::restart(d, why, site); break;
      case Domain::State::failed:
        why = Error(Code::unavailable, std::string(site.service) + "." + site.method + ": MPK domain '" + d.name() +
                                           "' has failed and stays stopped (last fault: " +
                                           DomainAccess::last_fault(d) + ")");
        break;
    }
  }
  tl_top = saved_top;
  heap::tl_current = saved_heap;
  if (!ok) {
    // The message was built in the safe side's heap; copy it into the
    // caller's while every key is still open.
    why = Error(why.code(), std::string(why.message()));
  }
  if (hw && saved_pkru != 0) meshwa_mpk_wrpkru(saved_pkru);
  return ok;
}

const char* note_fault(Domain& d, const char* message) noexcept { return DomainTable::record_fault(d, message); }

}  // namespace detail

}  // namespace meshwa::mpk
