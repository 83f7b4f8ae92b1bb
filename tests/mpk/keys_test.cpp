// More unsafe services than protection keys: grouping by configuration, and
// a start-up error that names the service and the fix.
#include <gtest/gtest.h>

#include <string>

#include "meshwa/runtime/domain.hpp"
#include "store_service.hpp"
#include "test_support.hpp"

namespace {

using meshwa::mpk::Domain;

TEST(Keys, ServicesOfOneGroupShareADomain) {
  Domain& first = meshwa::mpk::create_domain("codec-a", "legacy");
  for (int i = 0; i < 20; ++i) {
    Domain& d = meshwa::mpk::create_domain("codec-" + std::to_string(i), "legacy");
    EXPECT_EQ(&d, &first);
  }
  EXPECT_EQ(std::string(first.name()), "legacy");
  EXPECT_EQ(std::string(first.services()).rfind("codec-a, codec-0, codec-1, ", 0), 0u) << first.services();
  EXPECT_EQ(meshwa::mpk::find_domain("legacy"), &first);
}

// Per process: a second deployment of the process running the same unsafe
// service (social_compose_bench ran two) is refused with the remedy, a
// domain of another name. Two binaries each have their own domains
// (shop.two_deployments_share_an_unsafe_domain_name).
TEST(Keys, ADomainPerServiceOnlyOnce) {
  meshwa::mpk::create_domain("only-once");
  try {
    meshwa::mpk::create_domain("only-once");
    FAIL() << "a second domain named only-once was made";
  } catch (const std::logic_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("unsafe service 'only-once' already has an MPK domain in this process (another deployment "
                        "of the process runs it"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("meshwa::Config::set(\"only-once\", \"mpk_group\", ...)"), std::string::npos) << what;
  }
  // A group of that name is the domain, joined: no second one.
  EXPECT_EQ(&meshwa::mpk::create_domain("other", "only-once"), meshwa::mpk::find_domain("only-once"));
}

TEST(Keys, RunningOutOfKeysIsAStartUpErrorNamingTheService) {
  MESHWA_REQUIRE_MPK();
  Domain& grouped = meshwa::mpk::create_domain("codec-z", "legacy");  // a group made before the keys ran out
  std::string message;
  int made = 0;
  for (int i = 0; i < 16 && message.empty(); ++i) {
    try {
      meshwa::mpk::create_domain("unsafe-" + std::to_string(i));
      ++made;
    } catch (const meshwa::mpk::KeyExhausted& e) {
      message = e.what();
    }
  }
  ASSERT_FALSE(message.empty()) << "16 more domains were created; the hardware has 16 keys";
  EXPECT_LE(made, 13);
  const std::string failed = "unsafe-" + std::to_string(made);
  EXPECT_NE(message.find("no protection key left for unsafe service '" + failed + "'"), std::string::npos) << message;
  EXPECT_NE(message.find("'unsafe-0' (key "), std::string::npos) << message;
  EXPECT_NE(message.find("\"mpk_group\": \"<name>\" [meshwa-mpk-keys]"), std::string::npos) << message;
  // Grouping still works: it needs no new key.
  EXPECT_EQ(&meshwa::mpk::create_domain("codec-late", "legacy"), &grouped);
  // And the domains made before serve: a grouped domain hosts a service.
  auto* s = mpktest::make_store("codec-store", "legacy");
  ASSERT_TRUE(s->stub().put("k", "v").has_value());
  EXPECT_EQ(s->stub().get("k").value_or(""), "v");
}

TEST(Status, ReportsWhyMpkIsMissingOrNothing) {
  const meshwa::mpk::Status& st = meshwa::mpk::status();
  EXPECT_EQ(st.available, st.reason.empty());
  const std::string line = meshwa::mpk::describe();
  if (meshwa::mpk::hardware()) {
    EXPECT_EQ(line.rfind("mpk: hardware isolation (safe heap key ", 0), 0u) << line;
    EXPECT_EQ(line.find("not separated"), std::string::npos) << line;  // meshwa's operator new is linked
  } else {
    EXPECT_EQ(line.rfind("mpk: software-only isolation (" + st.reason + ")", 0), 0u) << line;
  }
}

}  // namespace
