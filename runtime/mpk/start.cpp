// mpk::start(): keys, the safe and exchange heaps, the exchange allocator,
// the fault handler, and the once-only notice when MPK is missing.
#include <sys/mman.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>

#include "meshwa/exchange.hpp"
#include "meshwa/runtime/gate.hpp"
#include "meshwa/runtime/mpk.hpp"
#include "pkru.hpp"
#include "regions.hpp"
#include "state.hpp"

namespace meshwa::mpk {

namespace detail {
bool g_hardware = false;
}

namespace {

std::once_flag g_once;
bool g_started = false;
Options g_options;
detail::Keys g_keys;
heap::Region* g_exchange = nullptr;
// operator new is not meshwa's in this binary (a sanitizer's, or the
// program's own): the domains' C++ objects are then not in their heaps.
bool g_foreign_new = false;

void* exchange_allocate(std::size_t size, std::size_t align) {
  void* p = heap::allocate(g_exchange, size, align);
  if (!p) throw std::bad_alloc();
  return p;
}
void exchange_deallocate(void* p, std::size_t, std::size_t) noexcept { heap::route_deallocate(p); }
constexpr ExchangeAllocator kExchange{&exchange_allocate, &exchange_deallocate};

/// Whether this binary's operator new is meshwa's (runtime/mpk/new_delete.cpp):
/// with the safe heap current, a block it returns lies in the safe heap. A
/// sanitizer build links the sanitizer's operator new first (docs/mpk.md,
/// "Limits"), and a program may define its own.
bool new_is_meshwas() {
  void* block = ::operator new(16);
  asm volatile("" : : "r"(block) : "memory");  // the call stays, and its result is looked at
  const bool ours = heap::owner_of(block).kind == heap::Owner::safe;
  ::operator delete(block);
  return ours;
}

constexpr const char* kForeignNew =
    "C++ objects are not separated by domain: this binary's operator new is not meshwa's (a sanitizer build?), "
    "docs/mpk.md, Limits";

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("meshwa: cannot start the MPK runtime: " + what);
}

void start_once(const Options& options) {
  if (options.max_faults < 1 || options.max_faults > kMaxFaultsLimit) {
    throw std::invalid_argument("meshwa: mpk::Options::max_faults is " + std::to_string(options.max_faults) +
                                "; it must be between 1 and " + std::to_string(kMaxFaultsLimit) +
                                " (a domain remembers its last " + std::to_string(kMaxFaultsLimit) + " faults)");
  }
  g_options = options;
  const Status& st = status();
  const bool hw = st.available && !options.force_software;
  if (!hw && options.announce) {
    const std::string reason = st.available ? std::string("disabled by mpk::Options::force_software") : st.reason;
    std::fprintf(stderr, "meshwa: MPK unavailable (%s); running with software-only isolation\n", reason.c_str());
  }
  if (!heap::reserve(options.region_bytes, 64)) fail(std::string("reserving heap regions: ") + std::strerror(errno));
  if (hw) {
    g_keys.safe = ::pkey_alloc(0, 0);
    g_keys.exchange = ::pkey_alloc(0, 0);
    if (g_keys.safe < 0 || g_keys.exchange < 0) fail(std::string("pkey_alloc: ") + std::strerror(errno));
    // Everything open for the safe side; threads made from now on inherit it.
    meshwa_mpk_wrpkru(0);
    detail::g_hardware = true;
  }
  g_exchange = heap::create_region(heap::Owner::exchange, -1, g_keys.exchange);
  if (!g_exchange) fail("no region for the exchange heap");
  if (hw) {
    heap::Region* safe = heap::create_region(heap::Owner::safe, -1, g_keys.safe);
    if (!safe) fail("no region for the safe services' heap");
    heap::set_default(safe);  // from here on, operator new outside domains is tagged
    g_foreign_new = !new_is_meshwas();
    if (g_foreign_new && options.announce) std::fprintf(stderr, "meshwa: warning: %s\n", kForeignNew);
  }
  // Without keys nothing stops a wild access, but a fault that does happen
  // inside a domain (an unmapped address) is still the domain's: the same
  // error and restart as with MPK, not the end of the process.
  detail::install_fault_handler();
  set_exchange_allocator(&kExchange);
  g_started = true;
}

}  // namespace

void start(const Options& options) {
  std::call_once(g_once, [&] { start_once(options); });
}

bool started() noexcept { return g_started; }
bool hardware() noexcept { return detail::g_hardware; }
const Options& options() noexcept { return g_options; }

int safe_key() noexcept { return g_keys.safe; }
int exchange_key() noexcept { return g_keys.exchange; }

void adopt_thread() noexcept {
  if (detail::g_hardware) meshwa_mpk_wrpkru(0);
}

namespace {

// "60 s", "1.5 s", "0.001 s": the window as the configuration writes it.
std::string seconds_text(std::chrono::milliseconds window) {
  std::string text = std::to_string(window.count() / 1000);
  if (const auto ms = window.count() % 1000; ms != 0) {
    std::string fraction = std::to_string(1000 + ms).substr(1);  // three digits, leading zeros kept
    while (fraction.back() == '0') fraction.pop_back();
    text += "." + fraction;
  }
  return text + " s";
}

}  // namespace

std::string describe_policy() {
  const Options& o = g_options;
  std::string out = "mpk restart policy: a domain that faults restarts with a fresh heap; after " +
                    std::to_string(o.max_faults) + (o.max_faults == 1 ? " fault" : " faults") + " within " +
                    seconds_text(o.fault_window) + " it stays stopped";
  if (g_started && !detail::g_hardware) out += " (where MPK isolates the domains; here faults are not contained)";
  return out;
}

std::string describe() {
  if (!g_started) return "mpk: not started";
  std::string out;
  if (detail::g_hardware) {
    out = "mpk: hardware isolation (safe heap key " + std::to_string(g_keys.safe) + ", exchange heap key " +
          std::to_string(g_keys.exchange) + ")";
    if (g_foreign_new) out += std::string("; ") + kForeignNew;
  } else {
    const Status& st = status();
    out = "mpk: software-only isolation (" +
          (st.available ? std::string("disabled by mpk::Options::force_software") : st.reason) + ")";
  }
  for (Domain* d : domains()) {
    out += "\n  domain ";
    out += d->name();
    out += " [";
    out += d->services();
    out += "]";
    if (d->key() >= 0) out += " key " + std::to_string(d->key());
    switch (d->state()) {
      case Domain::State::ready: out += " ready"; break;
      case Domain::State::restart_pending: out += " restart pending"; break;
      case Domain::State::restarting: out += " restarting"; break;
      case Domain::State::failed: out += " failed"; break;
    }
    out += ", " + std::to_string(d->faults()) + " faults, " + std::to_string(d->restarts()) + " restarts";
    // Why a domain stays stopped, where an operator looks (--list, logs).
    if (d->state() == Domain::State::failed) out += "\n    stopped after: " + d->last_fault();
  }
  return out;
}

namespace detail {

const Keys& keys() noexcept { return g_keys; }
heap::Region* exchange_heap() noexcept { return g_exchange; }

std::uint32_t pkru_allowing(int key_a, int key_b) noexcept {
  std::uint32_t v = 0xfffffffcu;  // keys 1..15 denied, key 0 open
  if (key_a > 0) v &= ~deny_bits(key_a);
  if (key_b > 0) v &= ~deny_bits(key_b);
  return v;
}

}  // namespace detail

}  // namespace meshwa::mpk
