// An unsafe service calls a safe service from inside its MPK domain. The
// safe service's stub (and the metrics it records into) must be readable
// with the domain's rights; the safe heap must stay closed to the domain.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <meshwa/registry.hpp>
#include <meshwa/runtime/domain.hpp>
#include <meshwa/runtime/heap.hpp>
#include <meshwa/runtime/metrics.hpp>
#include <meshwa/runtime/mpk.hpp>

#include "api.hpp"
#include "callout_services.services.hpp"
#include "test_support.hpp"  // tests/mpk: MESHWA_REQUIRE_MPK

namespace {

using meshwa::mpk::heap::Owner;

// Key 0, like every global: any domain may read it.
std::int64_t g_visible = 77;

class Callout : public ::testing::Test {
 protected:
  Callout() {
    registry_.add(meshwa_generated::service_salt());
    registry_.add(meshwa_generated::service_legacy());
    deployment_.emplace(registry_);
    legacy_ = deployment_->ref<callout::Legacy>();
  }

  meshwa::Registry registry_;
  std::optional<meshwa::Deployment> deployment_;
  meshwa::Ref<callout::Legacy> legacy_;
};

TEST_F(Callout, AnUnsafeServiceCallsASafeOneFromInsideItsDomain) {
  // More calls than metrics::kSampleEvery: sampled calls record their
  // latency from inside the domain too.
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(legacy_->callout(), 3) << "call " << i;
}

TEST_F(Callout, StringsGoOutOfTheDomainAndComeBack) {
  meshwa::Result<std::string> spiced = legacy_->spice("salmon");
  ASSERT_TRUE(spiced.has_value()) << spiced.error().message();
  EXPECT_EQ(*spiced, "(salmon with pepper)");

  meshwa::Result<std::string> refused = legacy_->spice("");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), meshwa::Code::invalid_argument);
  EXPECT_EQ(refused.error().message(), "pepper needs a name");
}

// The Error that Salt::pepper returned into the domain counts in
// meshwa_errors_total, as one returned on the direct path does.
TEST_F(Callout, AnErrorReturnedIntoTheDomainIsCounted) {
  const auto pepper = [] {
    for (const meshwa::metrics::MethodStats& m : meshwa::metrics::snapshot()) {
      if (m.service == "salt" && m.method == "pepper") return m;
    }
    return meshwa::metrics::MethodStats{};
  };
  const meshwa::metrics::MethodStats before = pepper();
  ASSERT_FALSE(legacy_->spice("").has_value());
  ASSERT_TRUE(legacy_->spice("cod").has_value());
  const meshwa::metrics::MethodStats after = pepper();
  EXPECT_EQ(after.calls - before.calls, 2u);
  EXPECT_EQ(after.errors - before.errors, 1u);
}

TEST_F(Callout, TheSafeServicesStubIsUntaggedMemory) {
  MESHWA_REQUIRE_MPK();
  meshwa::Ref<callout::Salt> salt = deployment_->ref<callout::Salt>();
  EXPECT_EQ(meshwa::mpk::heap::owner_of(&*salt).kind, Owner::none);
}

TEST_F(Callout, TheDomainStillCannotReadTheSafeHeap) {
  MESHWA_REQUIRE_MPK();
  // peek itself works: untagged memory is readable from the domain.
  meshwa::Result<std::int64_t> visible = legacy_->peek(reinterpret_cast<std::int64_t>(&g_visible));
  ASSERT_TRUE(visible.has_value()) << visible.error().message();
  EXPECT_EQ(*visible, 77);

  auto secret = std::make_unique<std::int64_t>(0x5eed);
  ASSERT_EQ(meshwa::mpk::heap::owner_of(secret.get()).kind, Owner::safe);
  meshwa::Result<std::int64_t> stolen = legacy_->peek(reinterpret_cast<std::int64_t>(secret.get()));
  ASSERT_FALSE(stolen.has_value()) << "the domain read the safe heap: " << *stolen;
  EXPECT_EQ(stolen.error().code(), meshwa::Code::domain_fault);
  EXPECT_NE(stolen.error().message().find("the safe services' heap"), std::string::npos)
      << stolen.error().message();
  EXPECT_EQ(*secret, 0x5eed);

  // Restarted with a fresh object, which asks for its Ref<Salt> again.
  EXPECT_EQ(legacy_->callout(), 3);
}

}  // namespace

int main(int argc, char** argv) {
  meshwa::mpk::start({.announce = false});
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}

// Each test makes its own Deployment in one process, as the generated
// property tests do: a domain that gave up in an earlier deployment must not
// stay failed for the next one.
TEST(CalloutRedeploy, ANewDeploymentStartsAFailedDomainAfresh) {
  MESHWA_REQUIRE_MPK();
  auto secret = std::make_unique<std::int64_t>(0x5eed);
  const auto address = reinterpret_cast<std::int64_t>(secret.get());
  meshwa::mpk::Domain* domain = nullptr;
  {
    meshwa::Registry registry;
    registry.add(meshwa_generated::service_salt());
    registry.add(meshwa_generated::service_legacy());
    meshwa::Deployment first(registry);
    auto legacy = first.ref<callout::Legacy>();
    domain = meshwa::mpk::find_domain("legacy");
    ASSERT_NE(domain, nullptr);
    // Fault until the restart policy gives up (mpk::Options::max_faults).
    for (int i = 0; i < 32 && domain->state() != meshwa::mpk::Domain::State::failed; ++i) {
      ASSERT_FALSE(legacy->peek(address).has_value());
    }
    ASSERT_EQ(domain->state(), meshwa::mpk::Domain::State::failed);
    const std::string listed = meshwa::mpk::describe();
    EXPECT_NE(listed.find("key " + std::to_string(domain->key()) + " failed"), std::string::npos) << listed;
    EXPECT_NE(listed.find("stopped after: legacy.peek: MPK domain 'legacy' faulted"), std::string::npos) << listed;
    meshwa::Result<std::int64_t> refused = legacy->peek(reinterpret_cast<std::int64_t>(&g_visible));
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code(), meshwa::Code::unavailable);
  }
  meshwa::Registry registry;
  registry.add(meshwa_generated::service_salt());
  registry.add(meshwa_generated::service_legacy());
  meshwa::Deployment second(registry);
  auto legacy = second.ref<callout::Legacy>();
  EXPECT_EQ(meshwa::mpk::find_domain("legacy"), domain) << "the same domain and key, started again";
  EXPECT_EQ(domain->state(), meshwa::mpk::Domain::State::ready);
  EXPECT_EQ(domain->faults(), 0);
  EXPECT_EQ(domain->last_fault(), "");
  meshwa::Result<std::int64_t> visible = legacy->peek(reinterpret_cast<std::int64_t>(&g_visible));
  ASSERT_TRUE(visible.has_value()) << visible.error().message();
  EXPECT_EQ(*visible, 77);
  EXPECT_EQ(legacy->callout(), 3);
  // And it is still a domain: the safe heap stays closed.
  meshwa::Result<std::int64_t> stolen = legacy->peek(address);
  ASSERT_FALSE(stolen.has_value());
  EXPECT_EQ(stolen.error().code(), meshwa::Code::domain_fault);
  EXPECT_EQ(*secret, 0x5eed);
}

// With or without MPK (callout_test_software runs this with MESHWA_MPK=off):
// a fault inside a domain is the domain's, not the end of the process.
TEST_F(Callout, ANullReadInsideTheDomainIsContained) {
  meshwa::Result<std::int64_t> wild = legacy_->peek(16);
  ASSERT_FALSE(wild.has_value()) << "read " << *wild << " at address 16";
  EXPECT_EQ(wild.error().code(), meshwa::Code::domain_fault);
  EXPECT_NE(wild.error().message().find("legacy.peek: MPK domain 'legacy' faulted: read of 0x10"), std::string::npos)
      << wild.error().message();
  EXPECT_EQ(legacy_->callout(), 3);  // restarted
}

// Start errors read the same for an unsafe service as for a safe one, and
// name the service that failed, not the one that asked for it.
std::string start_error(const char* config) {
  meshwa::Registry registry;
  // legacy first: it starts first and asks for salt from inside its domain.
  registry.add(meshwa_generated::service_legacy());
  registry.add(meshwa_generated::service_salt());
  try {
    meshwa::Deployment deployment(registry, meshwa::Config::from_json_text(config));
  } catch (const meshwa::StartError& e) {
    return e.what();
  }
  return "(started)";
}

TEST(CalloutVerdict, TheServicesOwnReasonComesBeforeItsHelpers) {
  EXPECT_EQ(meshwa_generated::service_legacy().unsafe_reason, "reads raw addresses (peek); copies from a raw address");
}

TEST(CalloutStart, AnUnsafeServiceThatThrowsFailsToStartByName) {
  EXPECT_EQ(start_error(R"({"services": {"legacy": {"refuse": "yes"}}})"),
            "service 'legacy' (callout::LegacyService) failed to start: legacy refuses to start; it read the setting "
            "services.legacy.refuse = \"yes\" of <config>:1:26; if it failed on this value, correct it");
}

TEST(CalloutStart, ASafeServiceAskedForFromADomainIsBlamedItself) {
  EXPECT_EQ(start_error(R"({"services": {"salt": {"refuse": "yes"}}})"),
            "service 'salt' (callout::SaltService) failed to start: salt refuses to start; it read the setting "
            "services.salt.refuse = \"yes\" of <config>:1:24; if it failed on this value, correct it");
}
