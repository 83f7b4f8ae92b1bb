// Per-method call metrics, recorded at the generated stubs (the single exit
// every cross-service call goes through) and exposed in Prometheus text
// format.
//
// The hot path must stay a few instructions: a call bumps a counter in a
// block owned by the calling thread (relaxed load + store, no lock prefix, no
// sharing between cores); one call in kSampleEvery per thread is timed and
// goes into the method's latency histogram. Readers sum the thread blocks.
// Methods are registered explicitly, when a generated service instance is
// constructed (no static initialisers).
#pragma once

#include "meshwa/requirements.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meshwa::metrics {

/// Index of one (service, interface, method) in the metrics tables.
using MethodId = std::uint32_t;

/// How many distinct methods a process can record; later registrations share
/// the overflow slot (reported as method "(overflow)").
inline constexpr std::uint32_t kMaxMethods = 2048;
/// One call in this many (per thread) is timed. A timed call costs two clock
/// reads and three shared atomic adds, about 70 ns as measured through the
/// stub benchmark: at 1 in 64 it was 5 % of a stub call, at 1 in 256 it is
/// about 0.3 ns a call (docs/bench-stub.md).
inline constexpr std::uint64_t kSampleEvery = 256;
/// Upper bounds of the latency histogram buckets, in nanoseconds (+Inf last).
inline constexpr std::uint64_t kBucketBoundsNs[] = {100,     250,     500,      1'000,    2'500,     5'000,
                                                    10'000,  25'000,  50'000,   100'000,  250'000,   500'000,
                                                    1'000'000, 2'500'000, 10'000'000, 100'000'000};
inline constexpr std::size_t kBuckets = sizeof(kBucketBoundsNs) / sizeof(kBucketBoundsNs[0]) + 1;

/// Registers a method (idempotent: the same triple gives the same id).
MethodId register_method(std::string_view service, std::string_view interface, std::string_view method);

/// What one method recorded so far, summed over all threads.
struct MethodStats {
  std::string service;
  std::string interface;
  std::string method;
  std::uint64_t calls = 0;
  std::uint64_t errors = 0;                 // calls that returned an Error (Result methods only)
  std::uint64_t sampled = 0;                // timed calls
  std::uint64_t sampled_sum_ns = 0;
  std::uint64_t buckets[kBuckets] = {};     // non-cumulative counts per bucket
};

/// Every registered method, in registration order.
std::vector<MethodStats> snapshot();

/// The Prometheus text exposition (version 0.0.4) of snapshot():
/// meshwa_calls_total, meshwa_errors_total and the histogram
/// meshwa_call_latency_seconds (over sampled calls).
std::string prometheus_text();

/// Forgets every recorded value (not the registrations). For tests.
void reset_for_testing();

namespace detail {

struct ThreadCounters {
  std::atomic<std::uint64_t> calls[kMaxMethods];
  std::atomic<std::uint64_t> errors[kMaxMethods];
};

// The calling thread's block; null until its first recorded call.
// initial-exec: a plain %fs-relative load, also in position-independent code.
extern thread_local constinit ThreadCounters* tls_counters [[gnu::tls_model("initial-exec")]];

/// Makes the calling thread's block. Never throws (a stub may be noexcept):
/// without memory for one, the thread's calls go to a shared block that is
/// not reported.
ThreadCounters* attach_thread() noexcept;
void record_latency(MethodId id, std::uint64_t ns) noexcept;

inline std::uint64_t now_ns() noexcept {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

// Only the owning thread writes its block, so load + store is an exact
// increment without a locked instruction; readers see a recent value.
inline void bump(std::atomic<std::uint64_t>& counter) noexcept {
  counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

}  // namespace detail

/// Records one call: constructed by the stub before the call, destroyed after it.
class CallScope {
 public:
  explicit CallScope(MethodId id) noexcept : id_(id) {
    detail::ThreadCounters* t = detail::tls_counters;
    if (t == nullptr) [[unlikely]] t = detail::attach_thread();
    std::atomic<std::uint64_t>& c = t->calls[id];
    const std::uint64_t n = c.load(std::memory_order_relaxed) + 1;
    c.store(n, std::memory_order_relaxed);
    if (n % kSampleEvery == 0) [[unlikely]] start_ = detail::now_ns();
  }
  ~CallScope() {
    if (start_ != 0) [[unlikely]] detail::record_latency(id_, detail::now_ns() - start_);
  }
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;

  /// The call returned an Error. (The constructor attached the thread; the
  /// block is read again here rather than kept: errors are the rare path.)
  void failed() noexcept { detail::bump(detail::tls_counters->errors[id_]); }

 private:
  MethodId id_;
  std::uint64_t start_ = 0;
};

}  // namespace meshwa::metrics
