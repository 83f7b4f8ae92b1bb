// A consumer test of checkout kept in another directory than the deployment.
// It records no contract (an empty contracts folder argument): it is here for
// the order CTest runs it in, before the shop's replays.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checkout.mocks.hpp"
#include "shop/checkout_service.hpp"

namespace {

TEST(CheckoutEdgeTest, AnEmptyBasketAsksForNoConversion) {
  ::testing::StrictMock<shop::MockCurrency> currency;  // any call fails the test
  meshwa::gen::TestContext ctx("checkout", "Edge", /*contracts_dir=*/"");
  ctx.provide<shop::Currency>(currency);
  shop::CheckoutService checkout(ctx);

  auto total = checkout.total(shop::Basket{}, "EUR");
  ASSERT_TRUE(total.has_value()) << total.error();
  EXPECT_EQ(total->currency_code, "EUR");
  EXPECT_EQ(total->units, 0);
  EXPECT_EQ(total->nanos, 0);
}

}  // namespace
