// The gate: values in and out, exceptions, PKRU on every path, nested and
// re-entrant calls, callbacks into the caller, many threads.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store_service.hpp"
#include "test_support.hpp"

namespace {

using meshwa::Code;
using mpktest::StoreInstance;

StoreInstance& alpha() {
  static StoreInstance* s = mpktest::make_store("alpha");
  return *s;
}
StoreInstance& beta() {
  static StoreInstance* s = mpktest::make_store("beta");
  return *s;
}

TEST(Gate, ValuesCrossInBothDirections) {
  mpktest::Store& store = alpha().stub();
  ASSERT_TRUE(store.put("k", std::string(200, 'v')).has_value());
  auto got = store.get("k");
  ASSERT_TRUE(got.has_value()) << got.error();
  EXPECT_EQ(*got, std::string(200, 'v'));
  auto missing = store.get("nope");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), Code::not_found);
  EXPECT_EQ(missing.error().message(), "alpha: no nope");
}

TEST(Gate, ResultsAreCopiedIntoTheCallersHeap) {
  MESHWA_REQUIRE_MPK();
  mpktest::Store& store = alpha().stub();
  ASSERT_TRUE(store.put("long", std::string(500, 'q')).has_value());
  auto got = store.get("long");
  ASSERT_TRUE(got.has_value());
  // The string the caller holds is in the safe heap, not in alpha's.
  EXPECT_EQ(meshwa::mpk::heap::owner_of(got->data()).kind, meshwa::mpk::heap::Owner::safe);
  auto inside = store.address_of("long");
  ASSERT_TRUE(inside.has_value());
  const auto owner = meshwa::mpk::heap::owner_of(reinterpret_cast<const void*>(*inside));
  EXPECT_EQ(owner.kind, meshwa::mpk::heap::Owner::domain);
  EXPECT_EQ(owner.domain_index, alpha().domain().index());
}

TEST(Gate, ExceptionsBecomeErrorsAndPkruIsRestored) {
  mpktest::Store& store = alpha().stub();
  const std::int64_t before = mpktest::read_pkru_now();
  auto r = store.fail("boom");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Code::internal);
  EXPECT_EQ(r.error().message(), "boom");  // what(), as a safe stub gives it
  EXPECT_EQ(mpktest::read_pkru_now(), before);
  EXPECT_EQ(alpha().domain().state(), meshwa::mpk::Domain::State::ready);  // an exception is no fault
}

TEST(Gate, CalleeRunsWithOnlyItsKeyTheExchangeKeyAndKeyZero) {
  MESHWA_REQUIRE_MPK();
  const std::int64_t before = mpktest::read_pkru_now();
  auto inside = alpha().stub().pkru();
  ASSERT_TRUE(inside.has_value());
  EXPECT_EQ(static_cast<std::uint32_t>(*inside), alpha().domain().pkru());
  const std::uint32_t p = alpha().domain().pkru();
  for (int key = 1; key < 16; ++key) {
    const bool open = ((p >> (2 * key)) & 3u) == 0;
    EXPECT_EQ(open, key == alpha().domain().key() || key == meshwa::mpk::exchange_key()) << "key " << key;
  }
  EXPECT_EQ(p & 3u, 0u) << "key 0 (code, stacks, globals) stays open";
  EXPECT_EQ(mpktest::read_pkru_now(), before);
}

TEST(Gate, NestedCallsSwitchDomainsAndBack) {
  MESHWA_REQUIRE_MPK();
  meshwa::Ref<mpktest::Store> b(beta().stub());
  auto r = alpha().stub().nested(b);
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(*r, std::to_string(beta().domain().pkru()) + "/" + std::to_string(alpha().domain().pkru()));
  EXPECT_EQ(mpktest::read_pkru_now(), 0);
}

TEST(Gate, CallbacksIntoTheCallerLeaveTheDomain) {
  mpktest::Recorder recorder;
  mpktest::CallbackStub stub(recorder);
  meshwa::Ref<mpktest::Callback> cb(stub);
  auto r = alpha().stub().call_back(cb);
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(*r, "alpha got pong #1 for alpha");
  ASSERT_EQ(recorder.seen_.size(), 1u);
  EXPECT_FALSE(meshwa::mpk::in_domain());
}

// The callback calls back into the domain that called it (re-entry).
class ReenteringRecorder final : public mpktest::Callback {
 public:
  meshwa::Result<std::string> ping(std::string from) override {
    auto v = alpha().stub().get("reentry");
    if (!v.has_value()) return v.error();
    return from + "->" + *v;
  }
};

TEST(Gate, ReentrantCallsIntoTheSameDomain) {
  ASSERT_TRUE(alpha().stub().put("reentry", "inner value").has_value());
  ReenteringRecorder recorder;
  mpktest::CallbackStub stub(recorder);
  auto r = alpha().stub().call_back(meshwa::Ref<mpktest::Callback>(stub));
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(*r, "alpha got alpha->inner value");
}

TEST(Gate, OwnedValuesCrossAndComeBack) {
  auto r = alpha().stub().upper(meshwa::make_owned<std::string>(std::string(100, 'a') + "bc"));
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(**r, std::string(100, 'A') + "BC");
  if (meshwa::mpk::hardware()) {
    EXPECT_EQ(meshwa::mpk::heap::owner_of((*r).operator->()).kind, meshwa::mpk::heap::Owner::exchange);
  }
}

TEST(Gate, PlainResultsWork) {
  EXPECT_GE(beta().stub().size(), 0);
}

TEST(GateDeathTest, PlainResultThatFailsTerminatesNamingTheMethod) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        (void)beta().stub().put("throw-in-size", "1");
        (void)beta().stub().size();
      },
               "store.size failed \\(internal: size is broken\\), and its result "
               "type cannot carry an error");
}

// What the hook saw when the gate called it.
struct HookSaw {
  std::string service, method, message;
  meshwa::Code code = Code::ok;
  std::int64_t pkru = -1;
  meshwa::mpk::heap::Region* heap = nullptr;
  bool in_domain = true;
};
HookSaw g_hook_saw;

struct PlainFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

TEST(Gate, APlainFailureHookIsCalledWithTheCallersStateBackAndMayThrow) {
  StoreInstance* gamma = mpktest::make_store("gamma");
  ASSERT_TRUE(gamma->stub().put("throw-in-size", "1").has_value());
  const std::int64_t pkru = mpktest::read_pkru_now();
  meshwa::mpk::heap::Region* const heap = meshwa::mpk::heap::tl_current;
  const auto previous = meshwa::mpk::set_plain_failure_hook(
      [](const meshwa::mpk::CallSite& site, const meshwa::Error& e) {
        g_hook_saw = {site.service, site.method, e.message(), e.code(), mpktest::read_pkru_now(),
                      meshwa::mpk::heap::tl_current, meshwa::mpk::in_domain()};
        throw PlainFailed(e.message());
      });
  EXPECT_EQ(previous, nullptr) << "none is set unless a harness sets one";
  EXPECT_THROW((void)gamma->stub().size(), PlainFailed);
  meshwa::mpk::set_plain_failure_hook(previous);
  EXPECT_EQ(g_hook_saw.service, "store");
  EXPECT_EQ(g_hook_saw.method, "size");
  EXPECT_EQ(g_hook_saw.code, Code::internal);
  EXPECT_EQ(g_hook_saw.message, "size is broken");
  // Restored before the hook ran, and still after the exception left the gate.
  EXPECT_EQ(g_hook_saw.pkru, pkru);
  EXPECT_EQ(g_hook_saw.heap, heap);
  EXPECT_FALSE(g_hook_saw.in_domain);
  EXPECT_EQ(mpktest::read_pkru_now(), pkru);
  EXPECT_EQ(meshwa::mpk::heap::tl_current, heap);
  EXPECT_FALSE(meshwa::mpk::in_domain());
  // The domain is not harmed: the next call works.
  ASSERT_TRUE(gamma->stub().put("k", "v").has_value());
  EXPECT_EQ(*gamma->stub().get("k"), "v");
}

TEST(Gate, ManyThreadsKeepTheirOwnPkru) {
  constexpr int kThreads = 4;
  constexpr int kCalls = 400;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      const std::int64_t mine = mpktest::read_pkru_now();
      mpktest::Store& s = (t % 2 == 0 ? alpha() : beta()).stub();
      for (int i = 0; i < kCalls; ++i) {
        const std::string key = "t" + std::to_string(t) + "-" + std::to_string(i % 7);
        const std::string value = std::string(static_cast<std::size_t>(10 + i % 50), static_cast<char>('a' + t));
        if (!s.put(key, value).has_value()) ++failures[t];
        auto got = s.get(key);
        if (!got.has_value() || *got != value) ++failures[t];
        if (mpktest::read_pkru_now() != mine) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

}  // namespace
