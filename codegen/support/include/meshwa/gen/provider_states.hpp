// Provider states (docs/contracts.md, "Provider states"): what a consumer's
// test said the provider must be in for an interaction ("user 42 exists",
// ctx.given(...)), set up on the provider's side by a handler the
// provider's contract tests register. The deployment names the file that
// registers them:
//
//   meshwa_add_deployment(blog SERVICES posts ids PROVIDER_STATES states.cpp)
//
//   // states.cpp: compiled into blog_contract_tests only
//   #include <meshwa/gen/provider_states.hpp>
//   void meshwa_provider_states(meshwa::gen::ProviderStates& states) {
//     states.add("the id service is down", [](meshwa::Deployment& d) { d.ref<blog::Ids>()->set_down(true); });
//   }
//
// A handler runs on a deployment that started for the contract alone (the
// providers it calls and their dependencies), right before the interaction
// that needs the state, or before the first interaction for a state of the
// whole test. A contract naming a state no handler knows fails.
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "meshwa/registry.hpp"

namespace meshwa::gen {

class ProviderStates {
 public:
  using Handler = std::function<void(Deployment&)>;

  /// Registers the handler of `state`. A state registered twice is an error
  /// (std::invalid_argument): which of the two would run is no choice to leave open.
  void add(std::string state, Handler handler) {
    if (handlers_.count(state) != 0) {
      throw std::invalid_argument("meshwa: provider state \"" + state + "\" has two handlers");
    }
    handlers_.emplace(std::move(state), std::move(handler));
  }
  /// The handler of `state`, or null.
  [[nodiscard]] const Handler* find(const std::string& state) const {
    const auto it = handlers_.find(state);
    return it == handlers_.end() ? nullptr : &it->second;
  }
  /// The states there are handlers of, in name order.
  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, handler] : handlers_) out.push_back(name);
    return out;
  }

 private:
  std::map<std::string, Handler> handlers_;
};

}  // namespace meshwa::gen
