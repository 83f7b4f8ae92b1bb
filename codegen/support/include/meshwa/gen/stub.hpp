// What the generated stubs use besides the source API: the call gate of an
// MPK domain, the policy for exceptions escaping a method that cannot return
// an Error, and the metrics recorded at every stub.
#pragma once

#include <exception>
#include <string>
#include <utility>

#include "meshwa/runtime/metrics.hpp"

namespace meshwa::gen {

/// The protection domain of an unsafe service, as the generated stub sees it.
///
/// Every entry into an unsafe service goes through Domain::enter: the
/// service's construction and each of its calls. The MPK runtime's gate
/// protocol (docs/gate-protocol.md) will be emitted here and nowhere else.
/// Until it lands, enter() is a plain call: the service runs with
/// software-only isolation (its code is not checked by the plugin, and
/// nothing stops it from touching other services' memory). --list says so.
class Domain {
 public:
  explicit Domain(std::string service) : service_(std::move(service)) {}

  template <class F>
  decltype(auto) enter(F&& call) {
    return std::forward<F>(call)();
  }

  [[nodiscard]] const std::string& service() const noexcept { return service_; }
  /// Is the domain isolated by hardware? (false: software-only, see above)
  [[nodiscard]] static constexpr bool hardware_isolated() noexcept { return false; }

 private:
  std::string service_;
};

/// Called by a stub when a method whose result is not meshwa::Result throws:
/// exceptions never cross a boundary, and there is no Error to return. The
/// default prints "<service>: <interface>::<method> threw ..." and aborts
/// (as a noexcept function would). Tests install a handler that throws to
/// report the escape instead; a handler must not return.
using EscapeHandler = void (*)(const char* service, const char* interface, const char* method, const char* what);

[[noreturn]] void exception_escaped(const char* service, const char* interface, const char* method, const char* what);
/// Installs `handler` (nullptr restores the default) and returns the previous one.
EscapeHandler set_escape_handler(EscapeHandler handler) noexcept;

/// what() of the exception being handled, for Error messages.
inline std::string current_exception_text() {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

}  // namespace meshwa::gen
