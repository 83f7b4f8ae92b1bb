// What the generated stubs use besides the source API and the MPK gate
// (meshwa/runtime/gate.hpp, docs/gate-protocol.md): the policy for exceptions
// escaping a method that cannot return an Error, and the metrics recorded at
// every stub.
#pragma once

#include <cstdlib>
#include <exception>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

#include "meshwa/error.hpp"
#include "meshwa/runtime/metrics.hpp"

namespace meshwa::gen {

/// Called by a stub when a method whose result is not meshwa::Result throws:
/// exceptions never cross a boundary, and there is no Error to return. The
/// default prints "<service>: <interface>::<method> threw ..." and aborts
/// (as a noexcept function would). Tests install a handler that throws to
/// report the escape instead; a handler must not return.
///
/// An unsafe service's gate reports the same failures (an exception, also a
/// fault in its domain) through meshwa::mpk's plain-failure hook, which
/// set_escape_handler points at the handler while one other than the default
/// is installed: then `interface` is "" and `what` is the gate's error, which
/// names service and method ("kv.reset threw an exception: ...").
using EscapeHandler = void (*)(const char* service, const char* interface, const char* method, const char* what);

[[noreturn]] void exception_escaped(const char* service, const char* interface, const char* method, const char* what);
/// Installs `handler` (nullptr restores the default) and returns the previous one.
EscapeHandler set_escape_handler(EscapeHandler handler) noexcept;

/// Called by a stopped stub (ExitSlot below) when a method whose result is
/// not meshwa::Result is called after its service stopped: there is no
/// Error to return, so this is the same policy as an escaping exception. An
/// installed handler (tests) hears of it with `what` = "unavailable: service
/// '<service>' has stopped"; the default prints "meshwa: <interface>::<method>
/// was called after service '<service>' stopped ..." and aborts.
[[noreturn]] void called_after_stop(const char* service, const char* interface, const char* method);

/// One exit of a generated service instance (what a Ref<I> points at):
/// the live stub `Live` while the service runs; stop() destroys it and
/// constructs `Stopped`, the generated twin that answers every call with
/// Error(unavailable, "service '<name>' has stopped") (or called_after_stop
/// for a method without meshwa::Result), in the same bytes. A Ref calls
/// through I's vtable, so it reaches the twin from then on, and the stub's
/// own call path has no check for it. The Deployment frees the slots only
/// after every service has stopped (docs/api.md, "Stopping").
template <class I, class Live, class Stopped>
class ExitSlot {
  static_assert(std::is_base_of_v<I, Live> && std::is_base_of_v<I, Stopped>);
  static_assert(std::is_polymorphic_v<I>);

 public:
  template <class... A>
  explicit ExitSlot(A&&... args) {
    ::new (static_cast<void*>(bytes_)) Live(std::forward<A>(args)...);
  }
  ~ExitSlot() {
    if (stopped_) {
      std::launder(reinterpret_cast<Stopped*>(bytes_))->~Stopped();
    } else {
      live().~Live();
    }
  }
  ExitSlot(const ExitSlot&) = delete;
  ExitSlot& operator=(const ExitSlot&) = delete;

  /// The live stub (before stop()).
  Live& live() noexcept { return *std::launder(reinterpret_cast<Live*>(bytes_)); }
  /// The exit as the interface: the live stub, or its stopped twin.
  I* exit() noexcept {
    if (stopped_) return std::launder(reinterpret_cast<Stopped*>(bytes_));
    return &live();
  }
  /// From now on every call answers that the service has stopped. Call it
  /// before the implementation is destroyed, when no call is in flight.
  void stop() noexcept {
    if (stopped_) return;
    I* before = &live();
    live().~Live();
    Stopped* twin = ::new (static_cast<void*>(bytes_)) Stopped();
    stopped_ = true;
    // Both derive from I alone, so I is at the start of both; the Refs
    // handed out hold that address.
    if (static_cast<I*>(twin) != before) std::abort();
  }

 private:
  alignas(Live) alignas(Stopped) unsigned char bytes_[sizeof(Live) > sizeof(Stopped) ? sizeof(Live) : sizeof(Stopped)];
  bool stopped_ = false;
};

/// Called when stopping an unsafe service failed inside its domain (its
/// destructor faulted): prints "meshwa: <service>: stopping faulted: <error>" to
/// stderr. The deployment goes on stopping the other services.
void destructor_failed(const char* service, const Error& error) noexcept;

/// Whether the Itanium C++ ABI passes a by-value parameter of type P as the
/// address of a temporary that the caller owns and destroys (a class that is
/// not trivial for the purposes of calls: std::string, Owned, most messages).
/// clang 19's __is_trivially_relocatable of a class is exactly that decision
/// (RecordDecl::canPassInRegisters), made by the compiler compiling the stub.
template <class P>
inline constexpr bool passed_by_address = std::is_object_v<P> && !__is_trivially_relocatable(P);

/// How a stub declares parameter P of an implementation function it calls
/// by symbol (DirectCall, docs/generator.md "Stubs"): a pointer where the ABI
/// passes the argument by address, P itself otherwise.
template <class P>
using direct_param_t = std::conditional_t<passed_by_address<P>, std::add_pointer_t<P>, P>;

/// Hands the stub's parameter `arg` (declared P) on to that function: the
/// caller's object itself where it is passed by address, so the
/// implementation sees what a plain call would give it and nothing is moved
/// or copied; otherwise moved (a value in registers) or passed as the
/// reference it is.
template <class P, class A>
constexpr decltype(auto) hand_on(A& arg) noexcept {
  if constexpr (passed_by_address<P>) {
    return &arg;
  } else if constexpr (std::is_lvalue_reference_v<P>) {
    return static_cast<A&>(arg);
  } else {
    return static_cast<A&&>(arg);
  }
}

/// what() of the exception being handled, for Error messages (shared with
/// the MPK gate, meshwa/error.hpp).
using ::meshwa::detail::current_exception_text;

}  // namespace meshwa::gen
