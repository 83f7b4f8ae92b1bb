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

// A call nobody set up is answered with GoogleMock's default value (for a
// Result<Money>, an empty Money): no interaction of the contract. A response
// the test set up, here with its own ON_CALL, is recorded.
TEST(CheckoutTest, AnswersNobodySetUpAreNotRecorded) {
  ::testing::NiceMock<shop::MockCurrency> currency;
  ON_CALL(currency, convert(money("USD", 11), "EUR")).WillByDefault(Return(money("EUR", 10)));
  meshwa::gen::TestContext ctx("checkout", "Unset", /*contracts_dir=*/"");
  ctx.provide<shop::Currency>(currency);
  shop::CheckoutService checkout(ctx);

  shop::Basket basket;
  basket.items = {money("USD", 11), money("EUR", 5)};
  (void)checkout.total(basket, "EUR");
  ASSERT_EQ(ctx.log().interactions().size(), 1u) << ctx.log().interactions().dump();
  EXPECT_EQ(ctx.log().interactions()[0]["request"]["from"]["currency_code"], "USD");
}

}  // namespace
