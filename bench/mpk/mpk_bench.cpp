// MPK costs, measured in one run so the ratios compare like with like:
//   * a gated call into an MPK domain vs a bare pair of WRPKRU around a
//     direct (virtual) call — the hardware floor (target: <= 1.3x);
//   * the per-domain allocator vs glibc malloc/free for small objects
//     (target: <= 1.5x).
// The ratios are printed after the table. docs/mpk.md shows a run.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "default_flags.hpp"
#include "ratio_reporter.hpp"

#include "meshwa/runtime/gate.hpp"
#include "meshwa/runtime/heap.hpp"
#include "meshwa/runtime/mpk.hpp"

namespace {

class Adder {
 public:
  virtual ~Adder() = default;
  virtual meshwa::Result<std::int64_t> add(std::int64_t x) = 0;
};

class AdderImpl final : public Adder {
 public:
  meshwa::Result<std::int64_t> add(std::int64_t x) override { return x + 1; }
};

// The stub shape of docs/gate-protocol.md.
class AdderStub final : public Adder {
 public:
  AdderStub(meshwa::mpk::Domain& d, Adder* impl) : domain_(d), impl_(impl) {}
  meshwa::Result<std::int64_t> add(std::int64_t x) override {
    static constexpr meshwa::mpk::CallSite site{"adder", "add"};
    return meshwa::mpk::call<meshwa::Result<std::int64_t>>(
        domain_, site, [this](std::int64_t v) { return impl_->add(v); }, x);
  }

 private:
  meshwa::mpk::Domain& domain_;
  Adder* impl_;
};

meshwa::mpk::Domain* g_domain = nullptr;
Adder* g_impl = nullptr;
Adder* g_stub = nullptr;

// The floor: WRPKRU inline, as no gate can have it (meshwa's own is one
// out-of-line function, so `meshwa inspect` can tell it from a stray one).
inline void wrpkru(std::uint32_t v) { asm volatile("wrpkru" ::"a"(v), "c"(0), "d"(0) : "memory"); }
using meshwa::mpk::detail::read_pkru;

// Calls target->add in a loop; the pointer is opaque to the compiler, so the
// call stays a virtual call (into the implementation or into a stub).
void add_in_loop(benchmark::State& state, Adder* target) {
  std::int64_t x = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(target);
    x = *target->add(x);
  }
  benchmark::DoNotOptimize(x);
}

void BM_DirectCall(benchmark::State& state) { add_in_loop(state, g_impl); }
MESHWA_RATIO_BENCHMARK(BM_DirectCall);

void BM_BareWrpkruPair(benchmark::State& state) {
  if (!meshwa::mpk::hardware()) return state.SkipWithError("needs MPK");
  Adder* impl = g_impl;
  const std::uint32_t inside = g_domain->pkru();
  std::int64_t x = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(impl);
    const std::uint32_t saved = read_pkru();
    wrpkru(inside);
    x = *impl->add(x);
    wrpkru(saved);
  }
  benchmark::DoNotOptimize(x);
}
MESHWA_RATIO_BENCHMARK(BM_BareWrpkruPair);

// The bare pair moved into a stub reached by a virtual call, as a gated call
// is: what the call layering alone costs, without the gate's bookkeeping
// (frame for fault recovery, heap switch, domain state check). For reading
// the gated call's figure; no target.
class BareStub final : public Adder {
 public:
  BareStub(std::uint32_t inside, Adder* impl) : inside_(inside), impl_(impl) {}
  meshwa::Result<std::int64_t> add(std::int64_t x) override {
    const std::uint32_t saved = read_pkru();
    wrpkru(inside_);
    auto r = impl_->add(x);
    wrpkru(saved);
    return r;
  }
  std::uint32_t inside_;
  Adder* impl_;
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
  {
    meshwa::mpk::UntaggedScope untagged;
    g_domain = &meshwa::mpk::create_domain("adder");
    static constexpr meshwa::mpk::CallSite ctor{"adder", "AdderImpl"};
    g_impl = *meshwa::mpk::construct<AdderImpl>(*g_domain, ctor);
    g_stub = new AdderStub(*g_domain, g_impl);
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
