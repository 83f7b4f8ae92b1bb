// The golden mocks and messages of all three units in one translation unit
// (their guards must let them coexist), used the way a consumer test does.
#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

// The messages and interfaces first; then namespaces nested in shop that are named like
// top-level ones (a consumer's code may declare such): the mocks, declared
// inside namespace shop, must spell their types from the global namespace.
#include "checkout.messages.hpp"
#include "codec.messages.hpp"
#include "currency.messages.hpp"
#include "shop/interfaces.hpp"
namespace shop::shop {}
namespace shop::meshwa {}

#include "checkout.mocks.hpp"
#include "codec.mocks.hpp"
#include "currency.mocks.hpp"

namespace {

TEST(GoldenMocks, RecorderRecordsRequestAndResponse) {
  shop::MockCurrency currency;
  shop::Money eur;
  eur.currency_code = "EUR";
  eur.units = 2;
  EXPECT_CALL(currency, convert(::testing::_, "EUR")).WillOnce(::testing::Return(eur));
  meshwa::gen::TestContext ctx("golden", "recorder", /*contracts_dir=*/"");
  ctx.provide<shop::Currency>(currency);
  shop::Money usd;
  usd.currency_code = "USD";
  usd.units = 3;
  auto r = ctx.ref<shop::Currency>()->convert(usd, "EUR");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, eur);
  const nlohmann::json& i = ctx.log().interactions();
  ASSERT_EQ(i.size(), 1u);
  EXPECT_EQ(i[0]["interface"], "shop::Currency");
  EXPECT_EQ(i[0]["method"], "convert");
  EXPECT_EQ(i[0]["request"]["from"]["units"], 3);
  EXPECT_EQ(i[0]["request"]["to_code"], "EUR");
  EXPECT_EQ(i[0]["response"]["value"]["units"], 2);
}

// A mock action that throws reaches the consumer as the real stub would hand
// it over (Error(internal, what())), and is recorded so.
TEST(GoldenMocks, AnExceptionFromTheMockOfAResultMethodIsAnInternalError) {
  shop::MockCurrency currency;
  EXPECT_CALL(currency, convert(::testing::_, "EUR")).WillOnce(::testing::Throw(std::runtime_error("db down")));
  meshwa::gen::TestContext ctx("golden", "thrower", /*contracts_dir=*/"");
  ctx.provide<shop::Currency>(currency);
  auto r = ctx.ref<shop::Currency>()->convert(shop::Money{}, "EUR");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error(), meshwa::Error(meshwa::Code::internal, "db down"));
  const nlohmann::json& i = ctx.log().interactions();
  ASSERT_EQ(i.size(), 1u);
  EXPECT_EQ(i[0]["response"], (nlohmann::json{{"error", {{"code", "internal"}, {"message", "db down"}}}}));
}

// From a method without meshwa::Result the real stub never hands an
// exception to the caller (the deployment stops), so a mock that throws
// there sets up no interaction a provider could owe: the exception goes on
// to the consumer, the call is left out with a warning (probe api4 s6_gmock:
// it was left out silently).
TEST(GoldenMocks, AnExceptionFromTheMockOfAPlainMethodIsNotRecorded) {
  shop::MockCurrency currency;
  EXPECT_CALL(currency, supported_currencies())
      .WillOnce(::testing::Throw(std::runtime_error("db down")))
      .WillOnce(::testing::Throw(std::runtime_error("db down again")))
      .WillOnce(::testing::Return(std::vector<std::string>{"EUR"}));
  meshwa::gen::TestContext ctx("golden", "plain_thrower", /*contracts_dir=*/"");
  ctx.provide<shop::Currency>(currency);
  ::testing::internal::CaptureStderr();
  EXPECT_THROW((void)ctx.ref<shop::Currency>()->supported_currencies(), std::runtime_error);
  EXPECT_THROW((void)ctx.ref<shop::Currency>()->supported_currencies(), std::runtime_error);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(ctx.ref<shop::Currency>()->supported_currencies(), std::vector<std::string>{"EUR"});
  EXPECT_NE(err.find("meshwa: the mock of shop::Currency::supported_currencies threw (db down); it is not recorded "
                     "in the contract: a method without meshwa::Result cannot hand an exception to its caller"),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find("db down again"), std::string::npos) << "warned twice: " << err;
  const nlohmann::json& i = ctx.log().interactions();
  ASSERT_EQ(i.size(), 1u) << i.dump();
  EXPECT_EQ(i[0]["response"], (nlohmann::json{"EUR"}));
}

// A domain_fault error is what the gate answers when the provider's MPK
// domain faults, never a provider's own answer: a mock answering with one
// (a consumer testing how it copes with a fault) is left out of the
// contract with a warning, once per method, and the consumer still gets
// the error; another error code is recorded (probe api16: the fault was
// recorded and its replay always failed).
TEST(GoldenMocks, ADomainFaultFromTheMockIsNotRecorded) {
  shop::MockCurrency currency;
  EXPECT_CALL(currency, convert(::testing::_, "EUR"))
      .WillOnce(::testing::Return(meshwa::Error(meshwa::Code::domain_fault, "codec faulted")))
      .WillOnce(::testing::Return(meshwa::Error(meshwa::Code::domain_fault, "faulted again")))
      .WillOnce(::testing::Return(meshwa::Error(meshwa::Code::unavailable, "rates not loaded")));
  meshwa::gen::TestContext ctx("golden", "faulter", /*contracts_dir=*/"");
  ctx.provide<shop::Currency>(currency);
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(ctx.ref<shop::Currency>()->convert(shop::Money{}, "EUR").error().code(), meshwa::Code::domain_fault);
  EXPECT_EQ(ctx.ref<shop::Currency>()->convert(shop::Money{}, "EUR").error().code(), meshwa::Code::domain_fault);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(ctx.ref<shop::Currency>()->convert(shop::Money{}, "EUR").error().code(), meshwa::Code::unavailable);
  EXPECT_NE(err.find("meshwa: the mock of shop::Currency::convert answered with a domain_fault error (codec faulted); "
                     "it is not recorded in the contract: only the gate makes that error"),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find("faulted again"), std::string::npos) << "warned twice: " << err;
  const nlohmann::json& i = ctx.log().interactions();
  ASSERT_EQ(i.size(), 1u) << i.dump();
  EXPECT_EQ(i[0]["response"], (nlohmann::json{{"error", {{"code", "unavailable"}, {"message", "rates not loaded"}}}}));
}

// A Result<void> method has no response to choose but success or an error:
// a test that only expects the call (no action) chose success, and the call
// is recorded, as a void method's is; a Result<T> default is still left out.
TEST(GoldenMocks, AResultVoidCallNobodySetUpIsRecordedAsSuccess) {
  shop::MockCheckout checkout;
  EXPECT_CALL(checkout, ping());
  EXPECT_CALL(checkout, total(::testing::_, "EUR"));
  meshwa::gen::TestContext ctx("golden", "pinger", /*contracts_dir=*/"");
  ctx.provide<shop::Checkout>(checkout);
  EXPECT_TRUE(ctx.ref<shop::Checkout>()->ping().has_value());
  (void)ctx.ref<shop::Checkout>()->total(shop::Basket{}, "EUR");
  const nlohmann::json& i = ctx.log().interactions();
  ASSERT_EQ(i.size(), 1u) << i.dump();
  EXPECT_EQ(i[0]["method"], "ping");
  EXPECT_EQ(i[0]["response"], (nlohmann::json{{"value", nullptr}}));
}

TEST(GoldenMessages, EqualityPrintingAndJsonRoundTrip) {
  shop::Basket b;
  shop::Money m;
  m.currency_code = "EUR";
  m.units = 1;
  b.items = {m};
  b.coupon = "X";
  b.counts = {{"a", 2}};
  EXPECT_EQ(meshwa::gen::printed(b),
            "Basket{items: [Money{currency_code: \"EUR\", units: 1, nanos: 0}], coupon: \"X\", counts: [(\"a\", 2)]}");
  const nlohmann::json j = b;
  EXPECT_EQ(j.get<shop::Basket>(), b);
  shop::Basket other = b;
  other.items[0].nanos = 1;
  EXPECT_FALSE(other == b);
  static_assert(meshwa::crossable<shop::Basket>);
}

}  // namespace
