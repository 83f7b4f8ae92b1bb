// Call metrics recorded at the stubs: per-thread counters summed by readers,
// errors, sampled latencies, and the Prometheus exposition.
#include <gtest/gtest.h>

#include <locale>
#include <string>
#include <thread>
#include <vector>

#include <meshwa/runtime/metrics.hpp>

namespace {

using namespace meshwa::metrics;

const MethodStats* find(const std::vector<MethodStats>& all, const std::string& method) {
  for (const MethodStats& s : all) {
    if (s.method == method) return &s;
  }
  return nullptr;
}

TEST(Metrics, RegistrationIsIdempotent) {
  EXPECT_EQ(register_method("svc", "ns::I", "m1"), register_method("svc", "ns::I", "m1"));
  EXPECT_NE(register_method("svc", "ns::I", "m1"), register_method("svc", "ns::I", "m2"));
}

TEST(Metrics, CallsOfAllThreadsAreSummedAlsoAfterTheyExit) {
  reset_for_testing();
  const MethodId id = register_method("svc", "ns::I", "threads");
  constexpr int kThreads = 4;
  constexpr int kCalls = 1000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([id] {
      for (int i = 0; i < kCalls; ++i) {
        CallScope scope(id);
        if (i % 10 == 0) scope.failed();
      }
    });
  }
  for (std::thread& t : threads) t.join();  // their blocks are folded into the totals
  { CallScope scope(id); }                  // and one call from a live thread
  const auto all = snapshot();
  const MethodStats* s = find(all, "threads");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->calls, kThreads * kCalls + 1u);
  EXPECT_EQ(s->errors, kThreads * kCalls / 10u);
  EXPECT_EQ(s->sampled, kThreads * (kCalls / kSampleEvery));  // one call in kSampleEvery per thread
  std::uint64_t bucketed = 0;
  for (std::uint64_t b : s->buckets) bucketed += b;
  EXPECT_EQ(bucketed, s->sampled);
}

TEST(Metrics, PrometheusText) {
  reset_for_testing();
  const MethodId id = register_method("currency", "shop::Currency", "convert");
  for (int i = 0; i < 3; ++i) {
    CallScope scope(id);
  }
  const std::string text = prometheus_text();
  EXPECT_NE(text.find("# TYPE meshwa_calls_total counter"), std::string::npos);
  EXPECT_NE(text.find("meshwa_calls_total{service=\"currency\",interface=\"shop::Currency\",method=\"convert\"} 3\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# TYPE meshwa_call_latency_seconds histogram"), std::string::npos);
  EXPECT_NE(text.find("meshwa_call_latency_seconds_bucket{service=\"currency\",interface=\"shop::Currency\",method="
                      "\"convert\",le=\"+Inf\"} 0\n"),
            std::string::npos)
      << text;
}

// A number format with a decimal comma and digit groups, as de_DE has.
struct GroupingPunct : std::numpunct<char> {
  char do_decimal_point() const override { return ','; }
  char do_thousands_sep() const override { return '.'; }
  std::string do_grouping() const override { return "\3"; }
};

// The exposition format is C's whatever the process's global locale: a
// service that puts its users' locale in place (std::locale::global, which
// only an unsafe one may) made counts "1.600" and bounds "2,5e-07", which
// Prometheus rejects.
TEST(Metrics, PrometheusTextIgnoresTheGlobalLocale) {
  reset_for_testing();
  const MethodId id = register_method("currency", "shop::Currency", "grouped");
  for (int i = 0; i < 1600; ++i) {
    CallScope scope(id);
  }
  const std::locale old = std::locale::global(std::locale(std::locale::classic(), new GroupingPunct));
  const std::string text = prometheus_text();
  std::locale::global(old);
  EXPECT_NE(text.find("method=\"grouped\"} 1600\n"), std::string::npos) << text;
  EXPECT_NE(text.find("le=\"2.5e-07\"}"), std::string::npos) << text;
}

}  // namespace
