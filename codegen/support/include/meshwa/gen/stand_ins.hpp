// Stand-ins (docs/contracts.md §2, §3): objects of generated classes that
// implement an interface no service of the deployment provides, for property
// tests, and that take the place of a recorded Ref argument in a contract's
// replay, answering the callbacks the consumer recorded.
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

/// Stand-in providers for property tests (docs/contracts.md §3). A method
/// that takes a Ref<I> where no service of the deployment provides I is
/// still called: with a Ref to an object of a generated class that
/// implements I and answers every call with a generated value of its result
/// type (errors too, for a meshwa::Result), as an unknown provider might.
/// Each unit's generated contract code registers a stand-in factory for
/// every interface it has seen (ContractSuite::stand_in); one stand-in per
/// interface and property test, made when an input first needs it and kept
/// until the deployment is gone, since the service may keep the Ref.
class StandIns {
 public:
  /// Makes the stand-in of one interface; the pointer held is the I*.
  using Factory = std::function<std::shared_ptr<void>(StandIns&)>;

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

  /// The stand-in of I, made on first use; null when no unit registered one.
  /// `provider_failure`: why the deployment's provider of I did not start
  /// (a partial deployment starts it when an input first needs it), empty
  /// when it has none; the test's output says which.
  template <class I>
  I* find(const std::string& provider_failure = {}) {
    return static_cast<I*>(find(std::type_index(typeid(I)), type_name<I>(), provider_failure));
  }
  /// The same, by the interface's type: the I* as void*, or null.
  void* find(std::type_index iface, std::string_view name, const std::string& provider_failure = {}) {
    std::lock_guard lock(mutex_);
    auto made = made_.find(iface);
    if (made == made_.end()) {
      auto factory = factories_.find(iface);
      if (factory == factories_.end()) return nullptr;
      made = made_.emplace(iface, Made{factory->second(*this), std::string(name), 0, provider_failure}).first;
    }
    return made->second.object.get();
  }

  /// A stand-in's answer to a call of `method` (its contract key) of I: the
  /// answer the consumer recorded for this call of the replayed interaction
  /// (expect_callbacks), or else a generated value of the result type.
  /// `request` makes the call's arguments as JSON, asked for only while
  /// callbacks are expected. Stand-ins may be called from any thread of a
  /// service.
  template <class I, class R, class Request>
  R answer(const char* method, Request&& request) {
    std::lock_guard lock(mutex_);
    const std::string_view name = type_name<I>();
    if (auto made = made_.find(std::type_index(typeid(I))); made != made_.end()) ++made->second.calls;
    if (!expected_.empty()) {
      std::optional<nlohmann::json> recorded;
      try {
        recorded = recorded_answer(name, method, request());
      } catch (const std::exception& e) {
        problems_.push_back(std::string(name) + "::" + method + ": its arguments cannot be compared: " + e.what());
      }
      if (recorded) {
        try {
          if constexpr (std::is_void_v<R>) {
            return;
          } else {
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
  /// "response"}, ...]): the provider's calls of these methods with these
  /// requests get these answers, and are made in this order, across
  /// methods and Refs (docs/contracts.md §2).
  void expect_callbacks(const nlohmann::json& callbacks);
  /// After the interaction: what did not go as recorded ("callback 2,
  /// I::m(...): never made (...)", "... expected the request ..., got ..."),
  /// and how many recorded answers were given. Clears the expectations.
  struct CallbackCheck {
    std::vector<std::string> problems;
    std::uint64_t answered = 0;
  };
  CallbackCheck end_callbacks();
  /// How many calls were answered with generated values so far (a call
  /// answered as the consumer recorded is none).
  [[nodiscard]] std::uint64_t generated() const {
    std::lock_guard lock(mutex_);
    return generated_;
  }

  /// "I (n calls)" of every stand-in made for an interface without a
  /// provider, for the test's output.
  [[nodiscard]] std::vector<std::string> summary() const { return lines(/*provider_failed=*/false); }
  /// "I (n calls): <why its provider did not start>" of every stand-in made
  /// in place of a provider that failed to start.
  [[nodiscard]] std::vector<std::string> failed_providers() const { return lines(/*provider_failed=*/true); }

 private:
  struct Made {
    std::shared_ptr<void> object;
    std::string interface;
    std::uint64_t calls;
    std::string provider_failure;  // empty: no provider in the deployment
  };

  std::vector<std::string> lines(bool provider_failed) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [type, made] : made_) {
      if (made.provider_failure.empty() == provider_failed) continue;
      std::string line = made.interface + " (" + std::to_string(made.calls) + (made.calls == 1 ? " call)" : " calls)");
      if (provider_failed) line += ": " + made.provider_failure;
      out.push_back(std::move(line));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // The recorded answer of the first expected callback not made yet of
  // `method` of `interface`, when `request` is its request; a different
  // request is a problem (and no answer). nullopt: not recorded.
  std::optional<nlohmann::json> recorded_answer(std::string_view interface, const std::string& method,
                                                const nlohmann::json& request);

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
  std::vector<Expected> expected_;     // the replayed interaction's recorded callbacks
  std::vector<std::string> problems_;  // calls that went otherwise than recorded
  std::uint64_t answered_ = 0;         // calls answered as recorded
  std::size_t latest_made_ = 0;        // the index of the latest-recorded callback made so far
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
