// Consumer tests of 'shop' against a mock Payments whose action calls back
// into the Ref<PaymentListener> it is given, as the real provider does: the
// call and the shop's own answer are recorded with the interaction
// (contracts/shop--ShopTest.BuysAndIsToldOfTheCharge.json), and the
// payments provider's replay answers its call with it (docs/contracts.md §1).
#include <gmock/gmock.h>

#include "callbacks/shop.hpp"
#include "callbacks_shop.mocks.hpp"

using ::testing::_;

TEST(ShopTest, BuysAndIsToldOfTheCharge) {
  cb::MockPayments payments;
  EXPECT_CALL(payments, charge(_, _)).WillOnce([](cb::Order order, meshwa::Ref<cb::PaymentListener> listener) {
    const meshwa::Result<std::string> ack = listener->on_charged(order.id);
    return cb::Receipt{order.id, "charged:" + ack.value()};
  });
  meshwa::gen::TestContext ctx("shop");
  ctx.provide<cb::Payments>(payments);
  cb::ShopService shop(ctx);
  ctx.provide<cb::PaymentListener>(shop);
  EXPECT_EQ(shop.buy(7, 100), "charged:ack-7");
  const nlohmann::json& interactions = ctx.log().interactions();
  ASSERT_EQ(interactions.size(), 1u);  // the callback is no interaction of its own
  EXPECT_EQ(interactions[0].at("callbacks"),
            nlohmann::json::parse(R"([{"interface": "cb::PaymentListener", "method": "on_charged",
                                      "request": {"order_id": 7}, "response": {"value": "ack-7"}}])"));
}

// A mock that keeps the Ref and calls it after its interaction ended: that
// call reaches the shop, and is recorded nowhere (no interaction the replay
// makes was running). Recorded nowhere either.
TEST(ShopTest, ACallThroughAKeptRefAfterItsInteractionIsNotRecorded) {
  cb::MockPayments payments;
  meshwa::Ref<cb::PaymentListener> kept;
  EXPECT_CALL(payments, charge(_, _)).WillOnce([&](cb::Order order, meshwa::Ref<cb::PaymentListener> listener) {
    kept = listener;
    return cb::Receipt{order.id, "charged"};
  });
  meshwa::gen::TestContext ctx("shop", "", "");
  ctx.provide<cb::Payments>(payments);
  cb::ShopService shop(ctx);
  ctx.provide<cb::PaymentListener>(shop);
  EXPECT_EQ(shop.buy(8, 1), "charged");
  EXPECT_EQ(kept->on_charged(8).value(), "ack-8");
  ASSERT_EQ(ctx.log().interactions().size(), 1u);
  EXPECT_FALSE(ctx.log().interactions()[0].contains("callbacks"));
}
