// The out-of-line parts of the gate (meshwa/runtime/gate.hpp): turning a
// fault or an exception into the caller's error.
#include "meshwa/runtime/gate.hpp"

#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "regions.hpp"
#include "state.hpp"

namespace meshwa::mpk {

namespace {
std::atomic<PlainFailureHook> g_plain_failure_hook{nullptr};
}  // namespace

PlainFailureHook set_plain_failure_hook(PlainFailureHook hook) noexcept {
  return g_plain_failure_hook.exchange(hook, std::memory_order_acq_rel);
}

}  // namespace meshwa::mpk

namespace meshwa::mpk::detail {

__thread Frame* tl_top [[gnu::tls_model("initial-exec")]] = nullptr;

void describe_owner(const void* addr, char* out, std::size_t size) noexcept {
  const heap::Owner o = heap::owner_of(addr);
  switch (o.kind) {
    case heap::Owner::none:
      std::snprintf(out, size, "memory outside meshwa's heaps");
      return;
    case heap::Owner::safe:
      std::snprintf(out, size, "the safe services' heap, key %d", keys().safe);
      return;
    case heap::Owner::exchange:
      std::snprintf(out, size, "the exchange heap, key %d", keys().exchange);
      return;
    case heap::Owner::domain: {
      const Domain* d = nullptr;
      for (Domain* each : domains()) {
        if (each->index() == o.domain_index) d = each;
      }
      std::snprintf(out, size, "the heap of MPK domain '%s'%s, key %d", d ? d->name() : "?",
                    o.retired ? " (an instance retired by a restart)" : "", d ? d->key() : -1);
      return;
    }
  }
}

Error recover(Frame& fr) noexcept {
  // The handler ran with the kernel's default PKRU and jumped here: put the
  // caller's rights, heap and frame back before anything else.
  if (g_hardware) meshwa_mpk_wrpkru(fr.caller_pkru);
  heap::tl_current = fr.caller_heap;
  tl_top = fr.prev;

  char owner[192];
  describe_owner(fr.fault_addr, owner, sizeof owner);
  const char* access = (fr.fault_err & 2) != 0 ? "write to" : "read of";
  char what[96];
  switch (fr.fault_code) {
    case SEGV_PKUERR: std::snprintf(what, sizeof what, "denied by protection key %d", fr.fault_pkey); break;
    case SEGV_MAPERR: std::snprintf(what, sizeof what, "unmapped address"); break;
    case SEGV_ACCERR: std::snprintf(what, sizeof what, "denied by page protection"); break;
    default: std::snprintf(what, sizeof what, "segmentation fault (si_code %d)", fr.fault_code); break;
  }
  char message[512];
  std::snprintf(message, sizeof message, "%s.%s: MPK domain '%s' faulted: %s %p (%s) %s", fr.site->service,
                fr.site->method, fr.domain->name(), access, fr.fault_addr, owner, what);
  const char* note = note_fault(*fr.domain, message);
  return Error(Code::domain_fault, std::string(message) + "; " + note);
}

Error exception_error() noexcept {
  // The same Error a safe service's stub makes: a recorded contract replays
  // the same whether its provider runs in a domain or not.
  return Error(Code::internal, ::meshwa::detail::current_exception_text());
}

void terminate_plain(const CallSite& site, const Error& e) noexcept {
  std::fprintf(stderr,
               "meshwa: %s.%s failed (%s: %s), and its result type cannot carry an error; exceptions never cross "
               "a service boundary, so the process stops. Declare the method's result meshwa::Result<T>.\n",
               site.service, site.method, std::string(to_string(e.code())).c_str(), e.message().c_str());
  // abort, not std::terminate: this may run inside the gate's catch block,
  // and terminate would print the exception a second time.
  std::abort();
}

void fail_plain(const CallSite& site, const Error& e) {
  // Not noexcept: a test harness's hook throws to fail the test, not the process.
  if (PlainFailureHook hook = g_plain_failure_hook.load(std::memory_order_acquire)) hook(site, e);
  terminate_plain(site, e);
}

}  // namespace meshwa::mpk::detail
