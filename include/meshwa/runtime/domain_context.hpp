// meshwa::mpk::DomainContext: the Context an unsafe service's constructor
// gets. The constructor runs inside the service's domain, where the
// registry's memory is out of reach, so every question it asks the real
// Context (ref<I>(), config()) goes out through a gate into trusted(), and
// answers are copied into the domain's heap.
//
// Make it in an UntaggedScope (the service's code must be able to read it)
// and keep it alive as long as the domain may restart.
#pragma once

#include "meshwa/requirements.hpp"

#include <string>
#include <string_view>
#include <typeindex>

#include "meshwa/context.hpp"
#include "meshwa/runtime/domain.hpp"

namespace meshwa::mpk {

class DomainContext final : public Context {
 public:
  DomainContext(Context& outer, Domain& domain);

  [[nodiscard]] const std::string& service_name() const noexcept override { return name_; }
  [[nodiscard]] std::string config(std::string_view key, std::string_view fallback = {}) const override;

  /// The start error of a service this one asked for (ref<I>()) whose start
  /// failed, once; "" if none. The constructor's own failure reaches the
  /// generated code only as the gate's error, which cannot say whose it is.
  [[nodiscard]] std::string take_start_error();

 protected:
  void* resolve(std::type_index iface, std::string_view iface_name) override;

 private:
  Context& outer_;
  Domain& domain_;
  std::string name_;
  std::string start_error_;  // written and read on the safe side only
};

}  // namespace meshwa::mpk
