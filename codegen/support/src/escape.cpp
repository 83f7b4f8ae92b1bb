// The policy for an exception escaping a method that cannot return an Error.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "meshwa/gen/stub.hpp"
#include "meshwa/runtime/gate.hpp"

namespace meshwa::gen {

namespace {

[[noreturn]] void abort_with_message(const char* service, const char* interface, const char* method, const char* what) {
  std::fprintf(stderr,
               "meshwa: %s: %s::%s threw \"%s\"; exceptions never cross a service boundary and this method cannot "
               "return a meshwa::Error (make its result meshwa::Result<T>, or catch inside the service)\n",
               service, interface, method, what);
  std::abort();
}

std::atomic<EscapeHandler> g_handler{&abort_with_message};

// An unsafe service's stub does not catch: its gate reports the failure of a
// plain result through the MPK runtime's hook (the runtime does not know this
// library). The gate's CallSite names no interface; its error is the
// exception's what(), as a safe stub's is.
void escaped_in_domain(const mpk::CallSite& site, const Error& error) {
  const std::string what = error.code() == Code::internal
                               ? std::string(error.message())
                               : std::string(to_string(error.code())) + ": " + std::string(error.message());
  g_handler.load(std::memory_order_acquire)(site.service, "", site.method, what.c_str());
}

}  // namespace

void exception_escaped(const char* service, const char* interface, const char* method, const char* what) {
  g_handler.load(std::memory_order_acquire)(service, interface, method, what);
  std::abort();  // a handler must not return
}

void called_after_stop(const char* service, const char* interface, const char* method) {
  const EscapeHandler handler = g_handler.load(std::memory_order_acquire);
  if (handler == &abort_with_message) {
    std::fprintf(stderr,
                 "meshwa: %s::%s was called after service '%s' stopped (through a meshwa::Ref kept past its "
                 "provider's stop, e.g. used in a destructor); this method cannot return a meshwa::Error (make its "
                 "result meshwa::Result<T> to receive Error(unavailable), or stop calling it before the deployment "
                 "stops)\n",
                 interface, method, service);
    std::abort();
  }
  const std::string what = "unavailable: service '" + std::string(service) + "' has stopped";
  handler(service, interface, method, what.c_str());
  std::abort();  // a handler must not return
}

void destructor_failed(const char* service, const Error& error) noexcept {
  std::fprintf(stderr, "meshwa: %s: stopping faulted: %s: %s\n", service, to_string(error.code()).data(),
               std::string(error.message()).c_str());
}

EscapeHandler set_escape_handler(EscapeHandler handler) noexcept {
  const EscapeHandler now = handler ? handler : &abort_with_message;
  // The default leaves the gate its own message (and std::abort); any
  // other handler hears of the gate's failures too.
  mpk::set_plain_failure_hook(now == &abort_with_message ? nullptr : &escaped_in_domain);
  return g_handler.exchange(now, std::memory_order_acq_rel);
}

}  // namespace meshwa::gen
