// Per-method call metrics: registration, per-thread counter blocks, the
// sampled latency histograms and the Prometheus exposition. The hot path is
// inline in metrics.hpp.
#include "meshwa/runtime/metrics.hpp"

#include "meshwa/runtime/heap.hpp"

#include <algorithm>
#include <locale>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <sstream>
#include <tuple>

namespace meshwa::metrics {
namespace detail {

thread_local constinit ThreadCounters* tls_counters [[gnu::tls_model("initial-exec")]] = nullptr;

namespace {
// Where a thread counts when its own block could not be made: shared and
// never read (such a thread's tls_counters stays null, so it retries).
ThreadCounters unreported;
}  // namespace

namespace {

struct Histogram {
  std::atomic<std::uint64_t> buckets[kBuckets] = {};
  std::atomic<std::uint64_t> sum_ns{0};
  std::atomic<std::uint64_t> count{0};
};

struct MethodInfo {
  std::string service;
  std::string interface;
  std::string method;
};

// Everything shared, behind one mutex (taken on registration, thread start and
// exit, and by readers; never on the hot path).
struct Tables {
  std::mutex mutex;
  std::vector<MethodInfo> methods;
  std::map<std::tuple<std::string, std::string, std::string>, MethodId, std::less<>> ids;
  std::vector<ThreadCounters*> live;  // blocks of running threads
  std::unique_ptr<std::uint64_t[]> retired_calls = std::make_unique<std::uint64_t[]>(kMaxMethods);
  std::unique_ptr<std::uint64_t[]> retired_errors = std::make_unique<std::uint64_t[]>(kMaxMethods);
  std::unique_ptr<Histogram[]> histograms = std::make_unique<Histogram[]>(kMaxMethods);
};

Tables& tables() {
  static Tables* t = [] {
    mpk::UntaggedScope untagged;  // see attach_thread
    return new Tables();
  }();  // never destroyed: threads may exit after main returns
  return *t;
}

// Folds the block of an exiting thread into the retired totals.
struct ThreadExit {
  ~ThreadExit() {
    ThreadCounters* block = tls_counters;
    if (block == nullptr) return;
    Tables& t = tables();
    {
      std::lock_guard lock(t.mutex);
      for (std::uint32_t i = 0; i < kMaxMethods; ++i) {
        t.retired_calls[i] += block->calls[i].load(std::memory_order_relaxed);
        t.retired_errors[i] += block->errors[i].load(std::memory_order_relaxed);
      }
      t.live.erase(std::remove(t.live.begin(), t.live.end(), block), t.live.end());
    }
    tls_counters = nullptr;
    delete block;
  }
};

}  // namespace

ThreadCounters* attach_thread() noexcept {
  static thread_local ThreadExit exit_guard;  // its destructor runs at thread exit
  (void)&exit_guard;
  // Untagged memory (key 0), like everything of the metrics: a stub records
  // calls made from inside MPK domains too, with the domain's rights.
  mpk::UntaggedScope untagged;
  auto* block = new (std::nothrow) ThreadCounters();
  if (block == nullptr) return &unreported;
  for (std::uint32_t i = 0; i < kMaxMethods; ++i) {
    block->calls[i].store(0, std::memory_order_relaxed);
    block->errors[i].store(0, std::memory_order_relaxed);
  }
  Tables& t = tables();
  try {
    std::lock_guard lock(t.mutex);
    t.live.push_back(block);
  } catch (...) {
    delete block;
    return &unreported;
  }
  tls_counters = block;
  return block;
}

void record_latency(MethodId id, std::uint64_t ns) noexcept {
  Histogram& h = tables().histograms[id];
  std::size_t bucket = 0;
  while (bucket + 1 < kBuckets && ns > kBucketBoundsNs[bucket]) ++bucket;
  h.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  h.sum_ns.fetch_add(ns, std::memory_order_relaxed);
  h.count.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace detail

MethodId register_method(std::string_view service, std::string_view interface, std::string_view method) {
  mpk::UntaggedScope untagged;  // see attach_thread
  detail::Tables& t = detail::tables();
  std::lock_guard lock(t.mutex);
  auto key = std::make_tuple(std::string(service), std::string(interface), std::string(method));
  if (auto it = t.ids.find(key); it != t.ids.end()) return it->second;
  if (t.methods.empty()) t.methods.push_back({"(overflow)", "(overflow)", "(overflow)"});  // slot 0
  if (t.methods.size() >= kMaxMethods) return 0;
  const auto id = static_cast<MethodId>(t.methods.size());
  t.methods.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key)});
  t.ids.emplace(std::move(key), id);
  return id;
}

std::vector<MethodStats> snapshot() {
  detail::Tables& t = detail::tables();
  std::lock_guard lock(t.mutex);
  std::vector<MethodStats> out;
  for (std::size_t i = 0; i < t.methods.size(); ++i) {
    MethodStats s;
    s.service = t.methods[i].service;
    s.interface = t.methods[i].interface;
    s.method = t.methods[i].method;
    s.calls = t.retired_calls[i];
    s.errors = t.retired_errors[i];
    for (const detail::ThreadCounters* block : t.live) {
      s.calls += block->calls[i].load(std::memory_order_relaxed);
      s.errors += block->errors[i].load(std::memory_order_relaxed);
    }
    const detail::Histogram& h = t.histograms[i];
    s.sampled = h.count.load(std::memory_order_relaxed);
    s.sampled_sum_ns = h.sum_ns.load(std::memory_order_relaxed);
    for (std::size_t b = 0; b < kBuckets; ++b) s.buckets[b] = h.buckets[b].load(std::memory_order_relaxed);
    if (i == 0 && s.calls == 0) continue;  // the overflow slot, unused
    out.push_back(std::move(s));
  }
  return out;
}

namespace {

std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// A stream that writes numbers as the exposition format wants them, C's
// way: a stream takes the global locale, which a service may have replaced
// with one that groups digits ("1.600") or has a decimal comma.
std::ostringstream c_stream() {
  std::ostringstream os;
  os.imbue(std::locale::classic());
  return os;
}

std::string seconds(std::uint64_t ns) {
  std::ostringstream os = c_stream();
  os.precision(9);
  os << static_cast<double>(ns) / 1e9;
  return os.str();
}

}  // namespace

std::string prometheus_text() {
  const std::vector<MethodStats> stats = snapshot();
  std::ostringstream os = c_stream();
  auto labels = [](const MethodStats& s) {
    return "service=\"" + escape_label(s.service) + "\",interface=\"" + escape_label(s.interface) + "\",method=\"" +
           escape_label(s.method) + "\"";
  };
  os << "# HELP meshwa_calls_total Calls through the stub of a service method.\n"
     << "# TYPE meshwa_calls_total counter\n";
  for (const MethodStats& s : stats) os << "meshwa_calls_total{" << labels(s) << "} " << s.calls << "\n";
  os << "# HELP meshwa_errors_total Calls that returned a meshwa::Error.\n"
     << "# TYPE meshwa_errors_total counter\n";
  for (const MethodStats& s : stats) os << "meshwa_errors_total{" << labels(s) << "} " << s.errors << "\n";
  os << "# HELP meshwa_call_latency_seconds Latency of sampled calls (1 in " << kSampleEvery
     << " per thread) through the stub.\n"
     << "# TYPE meshwa_call_latency_seconds histogram\n";
  for (const MethodStats& s : stats) {
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) {
      cumulative += s.buckets[b];
      const std::string le = b + 1 < kBuckets ? seconds(kBucketBoundsNs[b]) : "+Inf";
      os << "meshwa_call_latency_seconds_bucket{" << labels(s) << ",le=\"" << le << "\"} " << cumulative << "\n";
    }
    os << "meshwa_call_latency_seconds_sum{" << labels(s) << "} " << seconds(s.sampled_sum_ns) << "\n";
    os << "meshwa_call_latency_seconds_count{" << labels(s) << "} " << s.sampled << "\n";
  }
  return os.str();
}

void reset_for_testing() {
  detail::Tables& t = detail::tables();
  std::lock_guard lock(t.mutex);
  for (std::uint32_t i = 0; i < kMaxMethods; ++i) {
    t.retired_calls[i] = 0;
    t.retired_errors[i] = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) t.histograms[i].buckets[b].store(0, std::memory_order_relaxed);
    t.histograms[i].sum_ns.store(0, std::memory_order_relaxed);
    t.histograms[i].count.store(0, std::memory_order_relaxed);
    for (detail::ThreadCounters* block : t.live) {
      block->calls[i].store(0, std::memory_order_relaxed);
      block->errors[i].store(0, std::memory_order_relaxed);
    }
  }
}

}  // namespace meshwa::metrics
