// The billing service's unit test against mocks of its dependencies (the
// catalog and the global-namespace auditor). The interactions are recorded
// as contracts in ../contracts/, replayed by foreign_contract_tests against
// the real catalog and auditor (configured by deploy.json).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "billing/billing_service.hpp"
#include "foreign_billing.mocks.hpp"

namespace {

using ::testing::_;
using ::testing::ByMove;
using ::testing::Return;
// acme::inventory::v2 is inline: the generator names its types, and puts the
// mocks, in acme::inventory (docs/generator.md, "Names").
namespace inv = acme::inventory;

// What the real catalog holds for a seeded sku (catalog_service.cpp).
inv::Item seeded(const std::string& sku) {
  inv::Item item;
  item.sku = sku;
  item.grade = inv::Grade::gold;
  item.shelf = inv::shelf_top;
  item.lot.number = 7;
  item.lot.origin = "north";
  item.code = std::int64_t{42};
  item.layout = {{1, 2}, {3}};
  return item;
}

AuditEntry entry(std::string actor, std::string action, std::int32_t level) {
  AuditEntry e;
  e.actor = std::move(actor);
  e.action = std::move(action);
  e.level = level;
  return e;
}

TEST(BillingTest, QuotesASeededItem) {
  inv::MockCatalog catalog;
  MockAuditor auditor;
  EXPECT_CALL(catalog, find("sku-1")).WillOnce(Return(seeded("sku-1")));
  EXPECT_CALL(auditor, prefix()).WillOnce(Return("acme-audit"));
  EXPECT_CALL(auditor, record(entry("acme-audit/billing", "quote sku-1", 2)));
  meshwa::gen::TestContext ctx("billing");
  ctx.provide<inv::Catalog>(catalog);
  ctx.provide<Auditor>(auditor);
  ctx.set_config("currency", "CHF");
  acme::billing::BillingService billing(ctx);

  meshwa::Result<acme::billing::Quote> q = billing.quote("sku-1", 3);
  ASSERT_TRUE(q.has_value()) << q.error();
  EXPECT_EQ(q->cents, 2700);
  EXPECT_EQ(q->currency, "CHF");
  EXPECT_EQ(ctx.log().interactions().size(), 3u);
}

// An overloaded method's interaction also records its key with the
// parameter types' aliases resolved ("resolved_method"), which the replay
// falls back on once an alias is spelled otherwise (respelled_contracts/);
// a method whose key has no alias in it records none.
TEST(BillingTest, RecordsTheResolvedKeyOfAnOverload) {
  MockAuditor auditor;
  EXPECT_CALL(auditor, record("billing", "refund"));
  EXPECT_CALL(auditor, record(entry("billing", "refund", 3)));
  meshwa::gen::TestContext ctx("billing");
  ctx.provide<Auditor>(auditor);
  meshwa::Ref<Auditor> audit = ctx.ref<Auditor>();
  audit->record("billing", "refund");
  audit->record(entry("billing", "refund", 3));

  const nlohmann::json& recorded = ctx.log().interactions();
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded[0].value("method", ""), "record(std::string, std::string)");
  EXPECT_THAT(recorded[0].value("resolved_method", ""),
              ::testing::MatchesRegex("record\\(std::(__[a-z0-9_]+::)?basic_string<char.*>, std::(__[a-z0-9_]+::)?basic_string<char.*>\\)"));
  EXPECT_EQ(recorded[1].value("method", ""), "record(const AuditEntry &)");
  EXPECT_FALSE(recorded[1].contains("resolved_method"));
}

TEST(BillingTest, PassesNotFoundOn) {
  inv::MockCatalog catalog;
  MockAuditor auditor;
  EXPECT_CALL(catalog, find("nope")).WillOnce(Return(meshwa::Error(meshwa::Code::not_found, "no item nope")));
  meshwa::gen::TestContext ctx("billing");
  ctx.provide<inv::Catalog>(catalog);
  ctx.provide<Auditor>(auditor);
  acme::billing::BillingService billing(ctx);

  meshwa::Result<std::int64_t> sum = billing.total(std::vector<std::string>{"nope"});
  ASSERT_FALSE(sum.has_value());
  EXPECT_EQ(sum.error().code(), meshwa::Code::not_found);
}

// The mocks of const, noexcept and move-only methods compile and work.
TEST(BillingTest, MocksOfConstNoexceptAndOwnedMethods) {
  inv::MockCatalog catalog;
  EXPECT_CALL(catalog, contains("sku-1")).WillOnce(Return(true));
  inv::Snapshot snap;
  snap.items.emplace("a", seeded("a"));
  EXPECT_CALL(catalog, snapshot()).WillOnce(Return(snap));
  EXPECT_CALL(catalog, sample(inv::Grade::bronze)).WillOnce(Return(ByMove(meshwa::make_owned<inv::Item>(seeded("s")))));
  EXPECT_CALL(catalog, subscribe(_));
  const inv::Catalog& reader = catalog;
  EXPECT_TRUE(reader.contains("sku-1"));
  EXPECT_EQ(reader.snapshot(), snap);
  inv::Catalog& writer = catalog;
  meshwa::Owned<inv::Item> s = writer.sample(inv::Grade::bronze);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->sku, "s");
  writer.subscribe(meshwa::Ref<acme::events::Listener>());
}

}  // namespace
