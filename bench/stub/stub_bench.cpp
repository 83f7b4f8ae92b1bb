// The cost of a call through the generated stub between two safe services,
// against the same implementation function called directly (not inlined),
// virtually, through std::function, and over a Unix-domain socket to another
// process (JSON, as an RPC would marshal it). docs/bench-stub.md has the table.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <meshwa/registry.hpp>
#include <meshwa/runtime/mpk.hpp>

#include "pricing.hpp"
#include "default_flags.hpp"
#include "ratio_reporter.hpp"
#include "stub_bench_pricing.messages.hpp"
#include "stub_bench_pricing.services.hpp"

namespace {

using stubbench::Money;

// A Context for constructing the implementation by hand (direct, virtual,
// std::function and the socket server).
class PlainContext final : public meshwa::Context {
 public:
  const std::string& service_name() const noexcept override { return name_; }
  std::string config(std::string_view, std::string_view fallback) const override { return std::string(fallback); }

 protected:
  void* resolve(std::type_index, std::string_view) override { return nullptr; }

 private:
  std::string name_ = "pricing";
};

Money eur() {
  Money m;
  m.currency_code = "EUR";
  m.units = 42;
  m.nanos = 500000000;
  return m;
}

PlainContext g_context;
stubbench::PricingService g_impl(g_context);

void BM_Direct(benchmark::State& state) {
  for (auto _ : state) {
    auto r = g_impl.stubbench::PricingService::convert(eur(), "USD");  // defined in another TU: not inlined
    benchmark::DoNotOptimize(r);
  }
}

void BM_Virtual(benchmark::State& state) {
  stubbench::Pricing* p = &g_impl;
  benchmark::DoNotOptimize(p);  // the compiler must not devirtualise
  for (auto _ : state) {
    auto r = p->convert(eur(), "USD");
    benchmark::DoNotOptimize(r);
  }
}

void BM_StdFunction(benchmark::State& state) {
  std::function<meshwa::Result<Money>(Money, std::string)> f = [](Money m, std::string to) {
    return g_impl.convert(std::move(m), std::move(to));
  };
  benchmark::DoNotOptimize(f);
  for (auto _ : state) {
    auto r = f(eur(), "USD");
    benchmark::DoNotOptimize(r);
  }
}

void BM_GeneratedStub(benchmark::State& state) {
  meshwa::Registry registry;
  registry.add(meshwa_generated::service_pricing());
  meshwa::Deployment deployment(registry);
  meshwa::Ref<stubbench::Pricing> pricing = deployment.ref<stubbench::Pricing>();
  for (auto _ : state) {
    auto r = pricing->convert(eur(), "USD");
    benchmark::DoNotOptimize(r);
  }
}

// ---- the same call over a Unix-domain socket to another process
int g_socket = -1;
pid_t g_child = -1;

bool write_all(int fd, const std::string& s) {
  const uint32_t n = static_cast<uint32_t>(s.size());
  if (write(fd, &n, sizeof n) != sizeof n) return false;
  return write(fd, s.data(), s.size()) == static_cast<ssize_t>(s.size());
}
bool read_all(int fd, std::string& s) {
  uint32_t n = 0;
  if (read(fd, &n, sizeof n) != sizeof n) return false;
  s.resize(n);
  std::size_t got = 0;
  while (got < n) {
    const ssize_t k = read(fd, s.data() + got, n - got);
    if (k <= 0) return false;
    got += static_cast<std::size_t>(k);
  }
  return true;
}

void serve(int fd) {
  std::string request;
  while (read_all(fd, request)) {
    const nlohmann::json j = nlohmann::json::parse(request);
    auto r = g_impl.convert(j.at("from").get<Money>(), j.at("to_code").get<std::string>());
    if (!write_all(fd, nlohmann::json(r).dump())) break;
  }
  _exit(0);
}

void BM_UnixSocketRoundTrip(benchmark::State& state) {
  std::string response;
  for (auto _ : state) {
    const nlohmann::json request{{"from", eur()}, {"to_code", "USD"}};
    if (!write_all(g_socket, request.dump()) || !read_all(g_socket, response)) {
      state.SkipWithError("the socket server is gone");
      break;
    }
    auto r = nlohmann::json::parse(response).get<meshwa::Result<Money>>();
    benchmark::DoNotOptimize(r);
  }
}

MESHWA_RATIO_BENCHMARK(BM_Direct);
MESHWA_RATIO_BENCHMARK(BM_Virtual);
MESHWA_RATIO_BENCHMARK(BM_StdFunction);
MESHWA_RATIO_BENCHMARK(BM_GeneratedStub);
MESHWA_RATIO_BENCHMARK(BM_UnixSocketRoundTrip);

}  // namespace

int main(int argc, char** argv) {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) return 1;
  g_child = fork();
  if (g_child == 0) {
    close(fds[0]);
    serve(fds[1]);
  }
  close(fds[1]);
  g_socket = fds[0];
  meshwa::mpk::start({.announce = false});
  meshwa::bench::DefaultFlags flags(argc, argv);
  benchmark::Initialize(flags.argc(), flags.argv());
  meshwa::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.ratio("generated stub vs direct call", "BM_GeneratedStub", "BM_Direct", 1.2);
  reporter.ratio("generated stub vs virtual call", "BM_GeneratedStub", "BM_Virtual", 1.0);
  reporter.ratio("socket round trip vs generated stub", "BM_UnixSocketRoundTrip", "BM_GeneratedStub", 0);
  benchmark::Shutdown();
  close(g_socket);  // the server sees EOF and exits
  waitpid(g_child, nullptr, 0);
  return 0;
}
