// meshwa::Context: what a service's constructor receives. Dependencies are
// asked for by interface (ctx.ref<I>()); the runtime starts the provider
// first if it has not started yet, which is how a deployment starts in
// dependency order without anyone listing the order by hand.
#pragma once

#define MESHWA_REQUIRE_RTTI
#include "meshwa/requirements.hpp"
#undef MESHWA_REQUIRE_RTTI

#include <string>
#include <string_view>
#include <typeindex>

#include "meshwa/ref.hpp"
#include "meshwa/type_name.hpp"

namespace meshwa {

class Context {
 public:
  Context() = default;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  /// A capability on the service that implements interface I in this
  /// deployment. Throws meshwa::StartError (naming the services involved) when
  /// none does, or when asking would close a dependency cycle.
  template <class I>
  Ref<I> ref() {
    return Ref<I>(*static_cast<I*>(resolve(typeid(I), type_name<I>())));
  }

  /// The name the service is registered under (MESHWA_SERVICE("name")).
  [[nodiscard]] virtual const std::string& service_name() const noexcept = 0;

  /// A setting of this service from the deployment's configuration file,
  /// or `fallback` when it is not set.
  [[nodiscard]] virtual std::string config(std::string_view key, std::string_view fallback = {}) const = 0;

 protected:
  ~Context() = default;
  /// Returns the exit of the provider of `iface`, as a pointer to the interface.
  virtual void* resolve(std::type_index iface, std::string_view iface_name) = 0;
};

}  // namespace meshwa
