// A consumer's unit test: CheckoutService against a mock of Currency. The
// interactions set up here are recorded as a contract in contracts/, which
// the currency service's generated contract test replays (ctest -L contract).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checkout.mocks.hpp"
#include "shop/checkout_service.hpp"

namespace {

using ::testing::Return;

shop::Money money(std::string code, int64_t units, int32_t nanos = 0) {
  shop::Money m;
  m.currency_code = std::move(code);
  m.units = units;
  m.nanos = nanos;
  return m;
}

TEST(CheckoutTest, SumsConvertedItems) {
  shop::MockCurrency currency;
  EXPECT_CALL(currency, convert(money("USD", 11), "EUR")).WillOnce(Return(money("EUR", 10)));
  EXPECT_CALL(currency, convert(money("EUR", 5), "EUR")).WillOnce(Return(money("EUR", 5)));
  meshwa::gen::TestContext ctx("checkout");
  ctx.provide<shop::Currency>(currency);
  shop::CheckoutService checkout(ctx);

  shop::Basket basket;
  basket.items = {money("USD", 11), money("EUR", 5)};
  auto total = checkout.total(basket, "EUR");
  ASSERT_TRUE(total.has_value()) << total.error();
  EXPECT_EQ(*total, money("EUR", 15));
  EXPECT_EQ(ctx.log().interactions().size(), 2u);
}

TEST(CheckoutTest, PassesConversionErrorsOn) {
  shop::MockCurrency currency;
  EXPECT_CALL(currency, convert(money("XXX", 1), "EUR"))
      .WillOnce(Return(meshwa::Error(meshwa::Code::invalid_argument, "unknown currency XXX")));
  meshwa::gen::TestContext ctx("checkout");
  ctx.provide<shop::Currency>(currency);
  shop::CheckoutService checkout(ctx);

  shop::Basket basket;
  basket.items = {money("XXX", 1)};
  auto total = checkout.total(basket, "EUR");
  ASSERT_FALSE(total.has_value());
  EXPECT_EQ(total.error().code(), meshwa::Code::invalid_argument);
}

}  // namespace
