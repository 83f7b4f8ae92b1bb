// A consumer of shapes::Echo records a contract through the generated mock
// (its values read back exactly), and the mock of methods with top-level
// const parameters compiles and answers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shapes.mocks.hpp"
#include "shapes/echo.hpp"

namespace {

using ::testing::Return;

// A method nobody set up answers GoogleMock's default value, also for a
// message nested in the interface or in another message (gmock asks
// std::is_default_constructible of it, as nlohmann's JSON does).
TEST(EchoTest, AMethodNobodySetUpAnswersTheDefaultOfANestedMessage) {
  ::testing::NiceMock<shapes::MockEcho> echo;
  EXPECT_EQ(echo.pair(std::nullopt), shapes::Echo::Pair{});
  EXPECT_EQ(echo.tree(shapes::Tree{}), shapes::Tree{});
}

TEST(EchoTest, RecordsValuesThatReadBackExactly) {
  shapes::MockEcho echo;
  shapes::Odd odd;
  odd.huge = shapes::Huge::top;
  odd.flag = shapes::Flag::yes;
  odd.maybe = std::optional<std::int32_t>{};  // engaged, holding an empty one
  EXPECT_CALL(echo, odd(::testing::_)).WillOnce(Return(odd));
  EXPECT_CALL(echo, add(2, "abc")).WillOnce(Return(5));
  EXPECT_CALL(echo, sub(7, 3)).WillOnce(Return(4));
  shapes::Tree tree;
  tree.all = {shapes::Tree::Leaf{3}, shapes::Tree::Leaf{4}};
  shapes::Tree grown = tree;
  grown.best = shapes::Tree::Leaf{3};
  EXPECT_CALL(echo, tree(tree)).WillOnce(Return(grown));
  const shapes::Echo::Pair pair{shapes::Echo::Half{"left"}, shapes::Tree::Leaf{5}};
  EXPECT_CALL(echo, pair(std::optional<shapes::Echo::Pair>(pair))).WillOnce(Return(pair));
  meshwa::gen::TestContext ctx("shapes-consumer");
  ctx.provide<shapes::Echo>(echo);
  meshwa::Ref<shapes::Echo> ref = ctx.ref<shapes::Echo>();
  const shapes::Odd back = ref->odd(odd);
  EXPECT_EQ(back.huge, shapes::Huge::top);
  EXPECT_EQ(back.flag, shapes::Flag::yes);
  ASSERT_TRUE(back.maybe.has_value());
  EXPECT_FALSE(back.maybe->has_value());
  EXPECT_EQ(ref->add(2, "abc"), 5);
  EXPECT_EQ(ref->sub(7, 3), 4);
  EXPECT_EQ(ref->tree(tree), grown);
  const shapes::Echo::Pair pair_back = ref->pair(pair);
  ASSERT_TRUE(pair_back.left.has_value());
  EXPECT_EQ(pair_back.left->s, "left");
  ASSERT_TRUE(pair_back.leaf.has_value());
  EXPECT_EQ(pair_back.leaf->q, 5);
  EXPECT_EQ(ctx.log().interactions().size(), 5u);
}

}  // namespace
