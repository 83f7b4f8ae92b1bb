// MPK costs, measured in one run so the ratios compare like with like:
//   * a gated call into an MPK domain, through the stub `meshwa gen` made
//     for an unsafe service (bench_svc/adder.hpp), vs a bare pair of WRPKRU
//     around a direct call of the same implementation function — the
//     hardware floor (target: <= 1.3x);
//   * the per-domain allocator vs glibc malloc/free for small objects
//     (target: <= 1.5x).
// The ratios are printed after the table. docs/mpk.md shows a run.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "default_flags.hpp"
#include "ratio_reporter.hpp"

#include "adder.hpp"
#include "mpk_bench_adder.services.hpp"
#include "meshwa/registry.hpp"
#include "meshwa/runtime/gate.hpp"
#include "meshwa/runtime/heap.hpp"
#include "meshwa/runtime/mpk.hpp"

namespace {

using mpkbench::Adder;
using mpkbench::AdderService;

// A Context for the implementation object the floor calls (the service
// ignores it).
class PlainContext final : public meshwa::Context {
 public:
  const std::string& service_name() const noexcept override { return name_; }
  std::string config(std::string_view, std::string_view fallback) const override { return std::string(fallback); }

 protected:
  void* resolve(std::type_index, std::string_view) override { return nullptr; }

 private:
  std::string name_ = "adder";
};

meshwa::mpk::Domain* g_domain = nullptr;  // the adder's domain, made by the deployment
AdderService* g_impl = nullptr;           // a second AdderService in that domain, for the floor
Adder* g_stub = nullptr;                  // the generated stub behind Ref<Adder>

// The floor: a bare WRPKRU inline (the gate's own, write_pkru(), is inline
// too, and also lists itself for `meshwa inspect`; the list costs nothing at
// run time).
inline void wrpkru(std::uint32_t v) { asm volatile("wrpkru" ::"a"(v), "c"(0), "d"(0) : "memory"); }
using meshwa::mpk::detail::read_pkru;

// The direct call: AdderService::add is defined in another translation
// unit, and the qualified name makes the call non-virtual, as a generated
// stub's call into its implementation is.
meshwa::Result<std::int64_t> add_directly(AdderService* impl, std::int64_t x) {
  return impl->AdderService::add(x);
}

void BM_DirectCall(benchmark::State& state) {
  AdderService* impl = g_impl;
  std::int64_t x = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(impl);
    x = *add_directly(impl, x);
  }
  benchmark::DoNotOptimize(x);
}
MESHWA_RATIO_BENCHMARK(BM_DirectCall);

void BM_BareWrpkruPair(benchmark::State& state) {
  if (!meshwa::mpk::hardware()) return state.SkipWithError("needs MPK");
  AdderService* impl = g_impl;
  const std::uint32_t inside = g_domain->pkru();
  std::int64_t x = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(impl);
    const std::uint32_t saved = read_pkru();
    wrpkru(inside);
    x = *add_directly(impl, x);
    wrpkru(saved);
  }
  benchmark::DoNotOptimize(x);
}
MESHWA_RATIO_BENCHMARK(BM_BareWrpkruPair);

// Calls target->add in a loop; the pointer is opaque to the compiler, so the
// call stays a virtual call into a stub, as a call through Ref<Adder> is.
void add_in_loop(benchmark::State& state, Adder* target) {
  std::int64_t x = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(target);
    x = *target->add(x);
  }
  benchmark::DoNotOptimize(x);
}

// The bare pair moved into a stub reached by a virtual call, as a gated call
// is: what the call layering alone costs, without the gate's bookkeeping
// (frame for fault recovery, heap switch, domain state check, metrics). For
// reading the gated call's figure; no target.
class BareStub final : public Adder {
 public:
  BareStub(std::uint32_t inside, AdderService* impl) : inside_(inside), impl_(impl) {}
  meshwa::Result<std::int64_t> add(std::int64_t x) override {
    const std::uint32_t saved = read_pkru();
    wrpkru(inside_);
    auto r = add_directly(impl_, x);
    wrpkru(saved);
    return r;
  }
  std::uint32_t inside_;
  AdderService* impl_;
};
Adder* g_bare = nullptr;
void BM_WrpkruPairInStub(benchmark::State& state) {
  if (!meshwa::mpk::hardware()) return state.SkipWithError("needs MPK");
  add_in_loop(state, g_bare);
}
MESHWA_RATIO_BENCHMARK(BM_WrpkruPairInStub);

void BM_GatedCall(benchmark::State& state) { add_in_loop(state, g_stub); }
MESHWA_RATIO_BENCHMARK(BM_GatedCall);

// Small objects: a batch of 64 allocations of 16..256 bytes, then their frees.
constexpr int kBatch = 64;
std::size_t size_of(int i) { return 16 + static_cast<std::size_t>((i * 37) % 241); }

void BM_MallocFree(benchmark::State& state) {
  void* blocks[kBatch];
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) blocks[i] = std::malloc(size_of(i));
    benchmark::DoNotOptimize(blocks);
    for (int i = 0; i < kBatch; ++i) std::free(blocks[i]);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
MESHWA_RATIO_BENCHMARK(BM_MallocFree);

void BM_DomainHeap(benchmark::State& state) {
  meshwa::mpk::heap::Region* r = g_domain->heap();
  void* blocks[kBatch];
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) blocks[i] = meshwa::mpk::heap::allocate(r, size_of(i), 16);
    benchmark::DoNotOptimize(blocks);
    for (int i = 0; i < kBatch; ++i) meshwa::mpk::heap::deallocate(blocks[i]);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
MESHWA_RATIO_BENCHMARK(BM_DomainHeap);

// operator new/delete as service code inside the domain sees them.
void BM_DomainOperatorNew(benchmark::State& state) {
  meshwa::mpk::heap::Region* saved = meshwa::mpk::heap::tl_current;
  meshwa::mpk::heap::tl_current = g_domain->heap();
  void* blocks[kBatch];
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) blocks[i] = ::operator new(size_of(i));
    benchmark::DoNotOptimize(blocks);
    for (int i = 0; i < kBatch; ++i) ::operator delete(blocks[i]);
  }
  meshwa::mpk::heap::tl_current = saved;
  state.SetItemsProcessed(state.iterations() * kBatch);
}
MESHWA_RATIO_BENCHMARK(BM_DomainOperatorNew);

// Keeps each benchmark's time per iteration for the ratios.

}  // namespace

int main(int argc, char** argv) {
  meshwa::mpk::start();
  meshwa::Registry registry;
  registry.add(meshwa_generated::service_adder());
  meshwa::Deployment deployment(registry);
  meshwa::Ref<Adder> adder = deployment.ref<Adder>();
  g_stub = &*adder;
  g_domain = meshwa::mpk::find_domain("adder");
  if (g_domain == nullptr) {
    std::fprintf(stderr, "mpk_bench: the deployment made no domain for 'adder'\n");
    return 1;
  }
  PlainContext context;
  {
    meshwa::mpk::UntaggedScope untagged;
    static constexpr meshwa::mpk::CallSite ctor{"adder", "AdderService"};
    g_impl = *meshwa::mpk::construct<AdderService>(*g_domain, ctor, context);
    g_bare = new BareStub(g_domain->pkru(), g_impl);
  }
  meshwa::bench::DefaultFlags flags(argc, argv);
  benchmark::Initialize(flags.argc(), flags.argv());
  meshwa::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::printf("%s\n", meshwa::mpk::describe().c_str());
  reporter.ratio("WRPKRU pair in a stub vs bare pair", "BM_WrpkruPairInStub", "BM_BareWrpkruPair", 0);
  reporter.ratio("gated call vs bare WRPKRU pair", "BM_GatedCall", "BM_BareWrpkruPair", 1.3);
  reporter.ratio("domain heap vs malloc/free", "BM_DomainHeap", "BM_MallocFree", 1.5);
  reporter.ratio("operator new in a domain vs malloc/free", "BM_DomainOperatorNew", "BM_MallocFree", 1.5);
  benchmark::Shutdown();
  return 0;
}
