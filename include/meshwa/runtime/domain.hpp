// meshwa::mpk::Domain: an MPK protection domain, home of one unsafe service
// (or of a configured group of them). It has a protection key, a heap
// (a region tagged with the key; a restart gets a fresh one), a state, and a
// restart hook the generated code sets to rebuild the service object.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "meshwa/runtime/heap.hpp"
#include "meshwa/runtime/mpk.hpp"

namespace meshwa::mpk {

class Domain {
 public:
  enum class State : std::uint8_t {
    ready,            // calls enter
    restart_pending,  // faulted; the next call restarts it first
    restarting,       // a thread is restarting it; others wait
    failed,           // gave up (restart policy); calls return Error(unavailable)
  };

  Domain() = default;
  Domain(const Domain&) = delete;
  Domain& operator=(const Domain&) = delete;

  /// The domain's name: the service's name, or the group's.
  [[nodiscard]] const char* name() const noexcept { return name_; }
  /// Services living in this domain, comma-separated.
  [[nodiscard]] const char* services() const noexcept { return services_; }
  /// Position in the domain table (what heap::Owner::domain_index names).
  [[nodiscard]] int index() const noexcept { return index_; }
  /// Its protection key; -1 with software-only isolation.
  [[nodiscard]] int key() const noexcept { return key_; }
  /// False only for trusted(): the side of the safe services.
  [[nodiscard]] bool unsafe() const noexcept { return unsafe_; }
  /// The PKRU value code in this domain runs with.
  [[nodiscard]] std::uint32_t pkru() const noexcept { return pkru_; }
  /// The heap allocations inside the domain come from (nullptr for trusted()).
  [[nodiscard]] heap::Region* heap() const noexcept { return heap_.load(std::memory_order_acquire); }
  [[nodiscard]] State state() const noexcept { return state_.load(std::memory_order_acquire); }
  [[nodiscard]] int faults() const noexcept { return faults_.load(std::memory_order_relaxed); }
  [[nodiscard]] int restarts() const noexcept { return restarts_.load(std::memory_order_relaxed); }
  /// The message of the last fault ("" if none).
  [[nodiscard]] std::string last_fault() const;

  /// What rebuilds a service object after a fault: generated code adds one
  /// hook per service instance (`owner`); it constructs the implementation
  /// again with mpk::construct (which runs inside the domain's fresh heap)
  /// and publishes the new object to its stub. A domain shared by a group of
  /// services has one hook per service, run in the order they were added.
  /// Hooks run before the first call after a fault, on the calling thread,
  /// with the safe side's rights. A hook that throws leaves the domain failed.
  void add_restart(const void* owner, std::function<void()> hook);
  /// Removes `owner`'s hook (its service instance is being destroyed).
  void remove_restart(const void* owner);

  /// Marks the domain for restart as if it had faulted (operators, tests).
  void request_restart(std::string_view why);

 private:
  friend class DomainTable;
  friend struct DomainAccess;

  char name_[64] = {};
  char services_[256] = {};
  char last_fault_[512] = {};
  int index_ = -1;
  int key_ = -1;
  bool unsafe_ = false;
  std::uint32_t pkru_ = 0;
  std::atomic<heap::Region*> heap_{nullptr};
  std::atomic<State> state_{State::ready};
  std::atomic<int> faults_{0};
  std::atomic<int> restarts_{0};
  mutable std::mutex mutex_;  // restart, fault bookkeeping
  std::vector<std::pair<const void*, std::function<void()>>> restart_;
  std::array<std::chrono::steady_clock::time_point, kMaxFaultsLimit> fault_times_{};
  unsigned fault_count_ = 0;
};

/// Creates the domain of unsafe service `service`. With a non-empty `group`
/// the services naming the same group share one domain (one key, one heap):
/// the policy for more unsafe services than protection keys. Throws
/// KeyExhausted (naming the services) when no key is left, std::logic_error
/// when the service already has a domain. Calls mpk::start() if needed.
Domain& create_domain(std::string_view service, std::string_view group = {});

/// The domain a service instance being started runs in: create_domain(),
/// except that a domain of that name whose services are all gone (an earlier
/// deployment in this process, e.g. the previous test) is started afresh:
/// no faults, not failed, a fresh heap if it had faulted. Generated code
/// calls it; a live domain of that name is joined (a group) or refused.
Domain& open_domain(std::string_view service, std::string_view group = {});

/// The domain named `name` (a service or a group), or nullptr.
Domain* find_domain(std::string_view name) noexcept;

/// All domains made so far, in creation order.
std::vector<Domain*> domains();

/// The safe side: calls from inside a domain to a safe service go through a
/// gate into this pseudo-domain (all keys open, the safe services' heap).
Domain& trusted() noexcept;

}  // namespace meshwa::mpk
