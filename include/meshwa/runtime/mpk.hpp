// meshwa's MPK runtime: process-wide set-up of Intel Memory Protection Keys.
//
// An unsafe service (MESHWA_UNSAFE) runs in a protection domain: its own key,
// its own heap on memory tagged with that key, entered only through the gate
// (meshwa/runtime/gate.hpp). Safe services' heap allocations are tagged with
// one more key and the exchange heap (Owned/Shared) with another, so code in a
// domain sees its own heap, the exchange heap and untagged memory (key 0:
// code, globals, stacks, TLS) and nothing else. docs/mpk.md explains the
// design, docs/threat-model.md what it does and does not protect.
//
// Without PKU in the CPU or the kernel the same binary runs with
// software-only isolation: gates are plain calls with the same error
// semantics, heaps are still per domain, faults are not contained.
#pragma once

#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>

namespace meshwa::mpk {

/// Is hardware isolation available on this machine, and if not, why not.
struct Status {
  bool available = false;
  std::string reason;  // "" when available, else e.g. "the CPU has no PKU (cpuid.7.0:ecx bit 3)"
};

/// Detects PKU in the CPU (cpuid OSPKE/PKU) and the kernel (pkey_alloc).
/// Detection runs once; later calls return the same answer. Setting the
/// environment variable MESHWA_MPK=off reports "disabled by MESHWA_MPK=off".
[[nodiscard]] const Status& status();

/// The largest Options::max_faults: a domain keeps the times of its last
/// this many faults. start() rejects a value outside 1..kMaxFaultsLimit.
inline constexpr int kMaxFaultsLimit = 16;

struct Options {
  /// Run with software-only isolation even where MPK exists (tests, debugging).
  bool force_software = false;
  /// Size of each heap region (one per domain instance, one for the safe
  /// services, one for the exchange heap). Virtual only: pages are
  /// committed when first touched. A power of two, at least 16 MiB.
  std::size_t region_bytes = std::size_t{1} << 30;
  /// Restart policy: a domain that faults `max_faults` times within
  /// `fault_window` stays failed; its calls return Error(Code::unavailable).
  /// 1..kMaxFaultsLimit.
  int max_faults = 3;
  std::chrono::milliseconds fault_window{std::chrono::seconds(60)};
  /// Print the one-line "no MPK" notice on stderr when falling back.
  bool announce = true;
};

/// Sets the MPK runtime up: allocates the safe and exchange keys and heaps,
/// installs the exchange allocator (meshwa::set_exchange_allocator) and the
/// SIGSEGV handler. Without MPK it prints once to stderr
///   meshwa: MPK unavailable (<reason>); running with software-only isolation
/// Idempotent: the first call's options win. Call it from the main thread
/// before starting other threads (threads inherit the PKRU set up here;
/// older threads call adopt_thread()).
void start(const Options& options = {});

/// True once start() ran.
[[nodiscard]] bool started() noexcept;

/// True when start() ran and domains are isolated by hardware.
[[nodiscard]] bool hardware() noexcept;

/// The protection keys of the safe services' heap and of the exchange heap
/// (-1 with software-only isolation).
[[nodiscard]] int safe_key() noexcept;
[[nodiscard]] int exchange_key() noexcept;

/// The options start() ran with.
[[nodiscard]] const Options& options() noexcept;

/// One line for `--list`: "mpk: hardware (15 keys, 3 in use)" or
/// "mpk: software-only isolation (<reason>)".
[[nodiscard]] std::string describe();

/// One line for `--list` of a deployment with unsafe services: the restart
/// policy start() runs with, "mpk restart policy: a domain that faults
/// restarts with a fresh heap; after 3 faults within 60 s it stays stopped"
/// (with software-only isolation faults are not contained, and it says so).
[[nodiscard]] std::string describe_policy();

/// Opens meshwa's keys in the calling thread's PKRU. Needed only for threads
/// that existed before start() (threads created later inherit it), and at
/// the top of a signal handler that reads objects made with new: the kernel
/// runs every handler with key 0 alone open (docs/mpk.md, "Limits"). One
/// WRPKRU, async-signal-safe; sigreturn restores the interrupted rights.
void adopt_thread() noexcept;

/// Thrown when an unsafe service cannot get a protection key. The message
/// names the service, the domains holding keys and the fix.
class KeyExhausted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace meshwa::mpk
