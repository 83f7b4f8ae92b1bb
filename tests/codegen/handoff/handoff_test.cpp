// A safe service's stub hands each argument on to the implementation the
// way a plain call would: the object the caller made where the ABI passes it
// by address (no copy, no move), moved where it travels in registers, the
// reference where it is one. Counted with messages that record every copy,
// move and destruction (tracked.hpp).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include <meshwa/gen/stub.hpp>
#include <meshwa/registry.hpp>

#include "handoff_probe.services.hpp"
#include "probe_service.hpp"

namespace {

using handoff::Box;
using handoff::Plain;
using handoff::Tracked;
using meshwa::gen::passed_by_address;

// What the ABI passes by address is the compiler's decision, seen here.
static_assert(passed_by_address<std::string>);
static_assert(passed_by_address<Tracked>);
static_assert(passed_by_address<const Tracked>);
static_assert(passed_by_address<meshwa::Owned<Tracked>>);
static_assert(!passed_by_address<Plain>);
static_assert(!passed_by_address<Box>, "[[clang::trivial_abi]] travels in registers");
static_assert(!passed_by_address<std::int64_t>);
static_assert(!passed_by_address<std::string_view>);
static_assert(!passed_by_address<const Tracked&>);
static_assert(!passed_by_address<Tracked&&>);

class Handoff : public ::testing::Test {
 protected:
  Handoff() {
    registry_.add(meshwa_generated::service_probe());
    deployment_ = std::make_unique<meshwa::Deployment>(registry_);
    probe_ = deployment_->ref<handoff::Probe>();
    handoff::reset();
  }

  static void expect_counts(std::int64_t made, std::int64_t copied, std::int64_t moved, std::int64_t destroyed) {
    const handoff::Counts c = handoff::counts();
    EXPECT_EQ(c.made, made) << "constructed";
    EXPECT_EQ(c.copied, copied) << "copied";
    EXPECT_EQ(c.moved, moved) << "moved";
    EXPECT_EQ(c.destroyed, destroyed) << "destroyed";
  }

  meshwa::Registry registry_;
  std::unique_ptr<meshwa::Deployment> deployment_;
  meshwa::Ref<handoff::Probe> probe_;
};

TEST_F(Handoff, TheCountersSeeAMove) {
  Tracked a(1);
  Tracked b = std::move(a);
  Tracked c = b;
  expect_counts(1, 1, 1, 0);
}

TEST_F(Handoff, ByAddressArgumentsReachTheImplementationUncopiedAndUnmoved) {
  const meshwa::Result<std::int64_t> r = probe_->take(Tracked(41), "abc");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 44);
  expect_counts(1, 0, 0, 1);
}

TEST_F(Handoff, AConstMethodGetsTheCallersObject) {
  EXPECT_EQ(probe_->peek(Tracked(41)).value(), 1041);
  expect_counts(1, 0, 0, 1);
}

TEST_F(Handoff, AMethodImplementedInABaseClassGetsTheCallersObject) {
  EXPECT_EQ(probe_->inherited(Tracked(21)).value(), 42);
  expect_counts(1, 0, 0, 1);
}

TEST_F(Handoff, AMethodDefinedInTheClassBodyGetsTheCallersObject) {
  EXPECT_EQ(probe_->in_class(Tracked(2), 3).value(), 5);
  expect_counts(1, 0, 0, 1);
}

TEST_F(Handoff, AConstReferenceIsPassedAsItCame) {
  const Tracked t(7);
  EXPECT_EQ(probe_->borrow(t).value(), 7);
  expect_counts(1, 0, 0, 0);
}

TEST_F(Handoff, RegisterArgumentsArrive) {
  Plain p;
  p.x = 1;
  p.y = 2;
  EXPECT_EQ(probe_->add(p, 3).value(), 6);
}

TEST_F(Handoff, ATrivialAbiArgumentIsMovedAndDestroyedOnce) {
  EXPECT_EQ(probe_->boxed(Box(9)).value(), 9);
  const handoff::Counts c = handoff::counts();
  EXPECT_EQ(c.copied, 0);
  EXPECT_EQ(c.made + c.moved, c.destroyed) << "every Box made is destroyed exactly once";
}

TEST_F(Handoff, AnOwnedArgumentIsConsumedByTheImplementation) {
  meshwa::Owned<Tracked> owned = meshwa::make_owned<Tracked>(5);
  EXPECT_EQ(probe_->consume(std::move(owned)).value(), 5);
  EXPECT_FALSE(owned);
  expect_counts(1, 0, 0, 1);  // the handle moved; the Tracked it owns did not
}

TEST_F(Handoff, AThrowingImplementationGivesAnErrorAndItsArgumentIsDestroyedOnce) {
  const meshwa::Result<std::int64_t> r = probe_->fail(Tracked(3));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), meshwa::Code::internal);
  EXPECT_NE(r.error().message().find("refused 3"), std::string::npos) << r.error().message();
  expect_counts(1, 0, 0, 1);
}

struct Escaped : std::runtime_error {
  using std::runtime_error::runtime_error;
};

TEST_F(Handoff, AMethodWithoutResultHandsOnToo) {
  EXPECT_EQ(probe_->count(Tracked(4), "x"), 4);
  expect_counts(1, 0, 0, 1);
  handoff::reset();
  const auto previous = meshwa::gen::set_escape_handler(
      [](const char*, const char*, const char* method, const char* what) {
        throw Escaped(std::string(method) + ": " + what);
      });
  EXPECT_THROW(probe_->count(Tracked(4), ""), Escaped);
  meshwa::gen::set_escape_handler(previous);
  expect_counts(1, 0, 0, 1);  // unwinding through the stub destroys it once
}

}  // namespace
