// Stand-ins (docs/contracts.md §2, §3): objects of generated classes that
// implement an interface no service of the deployment provides, for property
// tests, and that take the place of each recorded Ref argument in a
// contract's replay, answering the callbacks the consumer recorded through it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "meshwa/gen/arbitrary.hpp"
#include "meshwa/gen/json.hpp"
#include "meshwa/registry.hpp"

namespace meshwa::gen {

/// Thrown while a replay reads a recorded Ref<I> argument and no unit
/// registered a stand-in of I to pass in its place (every unit writes one
/// for every interface it sees: a meshwa bug); the interaction fails.
struct RefNotReplayed {};

/// Stand-in providers for property tests (docs/contracts.md §3). A method
/// that takes a Ref<I> where no service of the deployment provides I is
/// still called: with a Ref to an object of a generated class that
/// implements I and answers every call with a generated value of its result
/// type (errors too, for a meshwa::Result), as an unknown provider might.
/// Each unit's generated contract code registers a stand-in factory for
/// every interface it has seen (ContractSuite::stand_in); one stand-in per
/// interface and property test, made when an input first needs it and kept
/// until the deployment is gone, since the service may keep the Ref.
///
/// In a contract's replay (§2) each Ref of an interaction's request is a
/// stand-in of its own (at()), which answers the callbacks the consumer
/// recorded through the Ref at that path. Stand-ins may be called from any
/// thread of a service.
class StandIns final : public detail::RecordedRefs {
 public:
  /// Which Ref a stand-in stands for: the path of a recorded Ref argument
  /// ("listeners[1]") in the interaction with that number (the
  /// expect_callbacks round), or, with an empty path, any Ref of its
  /// interface (a property test's, or one read where no path is known).
  struct Place {
    std::string through;
    std::uint64_t interaction = 0;
  };
  /// Makes a stand-in of one interface for `place`; the pointer held is the I*.
  using Factory = std::function<std::shared_ptr<void>(StandIns&, Place)>;

  StandIns(const std::map<std::type_index, Factory>& factories, std::uint64_t seed)
      : factories_(factories), answers_(seed, nullptr, this) {}
  StandIns(const StandIns&) = delete;
  StandIns& operator=(const StandIns&) = delete;

  /// While a deployment is attached, the stand-ins' answers that need a
  /// Ref<J> get its provider of J.
  void attach(Deployment* deployment) {
    std::lock_guard lock(mutex_);
    answers_.set_deployment(deployment);
  }

  /// The stand-in of I for any Ref of it, made on first use; null when no
  /// unit registered one. `provider_failure`: why the deployment's provider
  /// of I did not start (a partial deployment starts it when an input first
  /// needs it), empty when it has none; the test's output says which.
  template <class I>
  I* find(const std::string& provider_failure = {}) {
    return static_cast<I*>(find(std::type_index(typeid(I)), type_name<I>(), provider_failure));
  }
  /// The same, by the interface's type: the I* as void*, or null.
  void* find(std::type_index iface, std::string_view name, const std::string& provider_failure = {});
  /// The stand-in of the Ref at `path` of the request of the interaction
  /// being replayed (the one expect_callbacks was last given): made on first
  /// use, kept as long as this object (the provider may keep the Ref). Null
  /// when no unit registered one.
  void* at(std::type_index iface, std::string_view name, const std::string& path);

  /// A recorded Ref read back on this thread while it lives (a request's
  /// argument, a recorded answer that holds one) is a stand-in of `stand_ins`:
  /// of the Ref at its path when the reader knows it (request_arg), of any
  /// Ref of its interface otherwise.
  class Reading {
   public:
    explicit Reading(StandIns& stand_ins) : previous_(detail::recorded_refs) { detail::recorded_refs = &stand_ins; }
    ~Reading() { detail::recorded_refs = previous_; }
    Reading(const Reading&) = delete;
    Reading& operator=(const Reading&) = delete;

   private:
    detail::RecordedRefs* previous_;
  };

  /// A stand-in's answer to a call of `method` (its contract key) of I made
  /// through the Ref at `place`: the answer the consumer recorded for this
  /// call through that Ref in the replayed interaction (expect_callbacks),
  /// or else a generated value of the result type. `request` makes the
  /// call's arguments as JSON, asked for only while callbacks are expected.
  template <class I, class R, class Request>
  R answer(const Place& place, const char* method, Request&& request) {
    std::lock_guard lock(mutex_);
    const std::string_view name = type_name<I>();
    if (auto made = made_.find(std::type_index(typeid(I))); made != made_.end()) ++made->second.calls;
    if (expecting(place)) {
      std::optional<nlohmann::json> recorded;
      try {
        recorded = recorded_answer(name, method, place.through, request());
      } catch (const std::exception& e) {
        problems_.push_back(std::string(name) + "::" + method + ": its arguments cannot be compared: " + e.what());
      }
      if (recorded) {
        try {
          if constexpr (std::is_void_v<R>) {
            return;
          } else {
            // On whichever thread the provider called from: a Ref in the
            // answer is a stand-in there too (not an empty Ref).
            const Reading refs(*this);
            return get_checked<R>(*recorded, "the recorded answer of callback " + std::string(name) + "::" + method);
          }
        } catch (const std::exception& e) {
          problems_.push_back(std::string(name) + "::" + method + ": the recorded answer does not read back: " +
                              e.what() + "; record the contract again");
        }
      }
    }
    ++generated_;
    if constexpr (!std::is_void_v<R>) return answers_.template make<R>();
  }

  /// The callbacks the consumer recorded with the interaction about to be
  /// replayed (its "callbacks": [{"interface", "method", "request",
  /// "response", "through"}, ...]): the provider's calls of these methods
  /// with these requests through the Refs at these paths get these
  /// answers; the calls each thread of the provider makes come in the
  /// recorded order, across methods and Refs (docs/contracts.md §2). Starts
  /// the interaction that at() makes stand-ins for.
  void expect_callbacks(const nlohmann::json& callbacks);
  /// After the interaction: what did not go as recorded ("callback 2,
  /// I::m(...): never made (...)", "... expected the request ..., got ...",
  /// "... made through listeners[0]"), and how many recorded answers were
  /// given. Clears the expectations.
  struct CallbackCheck {
    std::vector<std::string> problems;
    std::uint64_t answered = 0;
  };
  CallbackCheck end_callbacks();
  /// How many calls were answered with generated values so far (a call
  /// answered as the consumer recorded it is none).
  [[nodiscard]] std::uint64_t generated() const {
    std::lock_guard lock(mutex_);
    return generated_;
  }

  /// "I (n calls)" of every interface a stand-in was made for without a
  /// provider, for the test's output (the calls of all its stand-ins).
  [[nodiscard]] std::vector<std::string> summary() const { return lines(/*provider_failed=*/false); }
  /// "I (n calls): <why its provider did not start>" of every stand-in made
  /// in place of a provider that failed to start.
  [[nodiscard]] std::vector<std::string> failed_providers() const { return lines(/*provider_failed=*/true); }

 private:
  // detail::RecordedRefs: a recorded Ref read back while a Reading lives.
  void* capability(std::type_index iface, std::string_view name, const std::string& path) override;

  // The stand-ins of one interface, and the calls they were made.
  struct Made {
    std::shared_ptr<void> any;  // for any Ref of it (find); null until asked for
    std::map<std::pair<std::uint64_t, std::string>, std::shared_ptr<void>> at;  // (interaction, path) -> at()'s
    std::string interface;
    std::uint64_t calls = 0;
    std::string provider_failure;  // empty: no provider in the deployment
  };
  // The entry of `iface`, or null when no unit registered a factory of it.
  Made* entry(std::type_index iface, std::string_view name, const std::string& provider_failure);

  std::vector<std::string> lines(bool provider_failed) const;

  // Whether a call through the stand-in at `place` may get a recorded
  // answer: callbacks are expected, and its Ref is one of the replayed
  // interaction's (a Ref kept from an earlier one made no recorded
  // callback: the consumer's mock could not call it then).
  bool expecting(const Place& place) const {
    return !expected_.empty() && (place.interaction == 0 || place.interaction == interaction_);
  }

  // The recorded answer of the expected callback this call is, when
  // `request` is its request and `through` its Ref's path; otherwise a
  // problem (another request, another Ref, another order) and no answer.
  // nullopt: not recorded.
  std::optional<nlohmann::json> recorded_answer(std::string_view interface, const std::string& method,
                                                const std::string& through, const nlohmann::json& request);

  struct Expected {
    nlohmann::json callback;  // as recorded
    bool made = false;
  };

  const std::map<std::type_index, Factory>& factories_;
  // Recursive: an answer that holds a Ref<J> makes J's stand-in.
  mutable std::recursive_mutex mutex_;
  Arbitrary answers_;
  std::map<std::type_index, Made> made_;
  std::uint64_t generated_ = 0;
  std::uint64_t interaction_ = 0;      // expect_callbacks's count: the interaction at() makes stand-ins for
  std::vector<Expected> expected_;     // the replayed interaction's recorded callbacks
  std::vector<std::string> problems_;  // calls that went otherwise than recorded
  std::uint64_t answered_ = 0;         // calls answered as recorded
  // Per thread of the provider (a number of its own: std::thread::id may
  // be reused), the index of the latest-recorded callback it made so far.
  std::map<std::uint64_t, std::size_t> latest_made_;
};

template <class I>
Ref<I> Arbitrary::capability() {
  // The deployment's provider: the capability a caller here can hold. With
  // none, the stand-in its units generated. With neither, no caller can
  // pass one (an empty Ref is no argument anyone passes): NoProvider,
  // unless an enclosing optional, container, pointer or variant can do
  // without it.
  //
  // A partial deployment (a property test's) starts the provider here; one
  // whose constructor throws is no dependency of the service under test (a
  // Ref parameter is none), so the stand-in takes its place, and the test's
  // output says why.
  std::string why = "no deployment to ask";
  std::string provider_failure;
  if (deployment_ != nullptr) {
    try {
      return deployment_->ref<I>();
    } catch (const StartError& e) {
      why = e.what();
      if (deployment_->provides(std::type_index(typeid(I)))) provider_failure = why;
    }
  }
  if (stand_ins_ != nullptr) {
    if (I* stand_in = stand_ins_->find<I>(provider_failure)) return Ref<I>(*stand_in);
  }
  throw NoProvider{std::string(type_name<I>()), why, {}};
}
}  // namespace meshwa::gen
