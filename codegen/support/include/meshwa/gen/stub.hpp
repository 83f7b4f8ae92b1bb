// What the generated stubs use besides the source API and the MPK gate
// (meshwa/runtime/gate.hpp, docs/gate-protocol.md): the policy for exceptions
// escaping a method that cannot return an Error, and the metrics recorded at
// every stub.
#pragma once

#include <exception>
#include <string>
#include <utility>

#include "meshwa/error.hpp"
#include "meshwa/runtime/metrics.hpp"

namespace meshwa::gen {

/// Called by a stub when a method whose result is not meshwa::Result throws:
/// exceptions never cross a boundary, and there is no Error to return. The
/// default prints "<service>: <interface>::<method> threw ..." and aborts
/// (as a noexcept function would). Tests install a handler that throws to
/// report the escape instead; a handler must not return.
using EscapeHandler = void (*)(const char* service, const char* interface, const char* method, const char* what);

[[noreturn]] void exception_escaped(const char* service, const char* interface, const char* method, const char* what);
/// Installs `handler` (nullptr restores the default) and returns the previous one.
EscapeHandler set_escape_handler(EscapeHandler handler) noexcept;

/// Called when stopping an unsafe service failed inside its domain (its
/// destructor faulted): prints "meshwa: <service>: stopping faulted: <error>" to
/// stderr. The deployment goes on stopping the other services.
void destructor_failed(const char* service, const Error& error) noexcept;

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
