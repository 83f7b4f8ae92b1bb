#include <gtest/gtest.h>

#include <meshwa/meshwa.hpp>

namespace {

meshwa::Result<int> parse_positive(int x) {
  if (x <= 0) return meshwa::Error(meshwa::Code::invalid_argument, "not positive: " + std::to_string(x));
  return x;
}

TEST(Result, HoldsAValue) {
  auto r = parse_positive(5);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(*r, 5);
  EXPECT_EQ(r.value(), 5);
  EXPECT_THROW((void)r.error(), meshwa::BadResultAccess);
}

TEST(Result, HoldsAnError) {
  auto r = parse_positive(-2);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), meshwa::Code::invalid_argument);
  EXPECT_EQ(r.error().message(), "not positive: -2");
  try {
    (void)r.value();
    FAIL() << "value() of an error must throw";
  } catch (const meshwa::BadResultAccess& e) {
    EXPECT_NE(std::string(e.what()).find("invalid_argument: not positive: -2"), std::string::npos) << e.what();
  }
  EXPECT_EQ(r.value_or(7), 7);
}

TEST(Result, VoidResult) {
  meshwa::Result<void> ok = meshwa::ok();
  EXPECT_TRUE(ok.has_value());
  EXPECT_NO_THROW(ok.value());
  meshwa::Result<void> bad = meshwa::Error(meshwa::Code::unavailable, "down");
  EXPECT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), meshwa::Code::unavailable);
  EXPECT_THROW(bad.value(), meshwa::BadResultAccess);
  EXPECT_NE(ok, bad);
  EXPECT_EQ(bad, meshwa::Result<void>(meshwa::Error(meshwa::Code::unavailable, "down")));
}

TEST(Result, MoveOnlyValuesAndStrings) {
  meshwa::Result<std::string> s = "literal";
  EXPECT_EQ(*s, "literal");
  meshwa::Result<meshwa::Owned<int>> owned = meshwa::make_owned<int>(3);
  meshwa::Owned<int> taken = std::move(owned).value();
  EXPECT_EQ(*taken, 3);
}

TEST(Result, CodesRoundTripThroughTheirNames) {
  for (int i = 0; i <= static_cast<int>(meshwa::Code::internal); ++i) {
    auto code = static_cast<meshwa::Code>(i);
    meshwa::Code parsed{};
    ASSERT_TRUE(meshwa::code_from_string(meshwa::to_string(code), parsed)) << meshwa::to_string(code);
    EXPECT_EQ(parsed, code);
  }
  meshwa::Code unused{};
  EXPECT_FALSE(meshwa::code_from_string("no_such_code", unused));
  EXPECT_EQ(meshwa::to_string(meshwa::Code::domain_fault), "domain_fault");
}

}  // namespace
