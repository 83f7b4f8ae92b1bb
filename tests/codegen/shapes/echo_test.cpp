// A consumer of shapes::Echo records a contract through the generated mock
// (its values read back exactly), and the mock of methods with top-level
// const parameters compiles and answers.
#include <string>
#include <utility>
#include <vector>

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

TEST(Utf8NamesTest, InterfacesNamedInUtf8GetAMockEach) {
  shapes::MockGrüßer grüßer;
  EXPECT_CALL(grüßer, grüß(::testing::_)).WillOnce(Return(shapes::Grüße{3}));
  shapes::Grüßer& as_grüßer = grüßer;
  EXPECT_EQ(as_grüßer.grüß(shapes::Grüße{1}).wert, 3);
  shapes::MockGrößer größer;
  EXPECT_CALL(größer, größe()).WillOnce(Return(4));
  shapes::Größer& as_größer = größer;
  EXPECT_EQ(as_größer.größe(), 4);
}

TEST(GroupClockTest, TheMockOfAnInterfaceNestedInAClassIsInItsNamespace) {
  shapes::MockGroupClock clock;
  EXPECT_CALL(clock, now()).WillOnce(Return(5));
  shapes::Group::Clock& as_interface = clock;
  EXPECT_EQ(as_interface.now(), 5);
}

// Shelf::get(std::string) hides Reader::get(std::int32_t), and size() has a
// const twin: the recorder calls each on the mock and records it under a key
// of its own; the deployment's contract tests replay them against the real
// ShelfService (contracts/shelf-consumer--ShelfTest.*.json).
TEST(ShelfTest, HiddenAndConstOverloadsAreCalledAndRecordedApart) {
  shapes::MockShelf shelf;
  EXPECT_CALL(shelf, get(::testing::Matcher<std::int32_t>(7))).WillOnce(Return(14));
  EXPECT_CALL(shelf, get(::testing::Matcher<std::string>("ab"))).WillOnce(Return(2));
  EXPECT_CALL(shelf, size()).WillOnce(Return(1));
  EXPECT_CALL(::testing::Const(shelf), size()).WillOnce(Return(2));
  meshwa::gen::TestContext ctx("shelf-consumer");
  ctx.provide<shapes::Shelf>(shelf);
  meshwa::Ref<shapes::Shelf> ref = ctx.ref<shapes::Shelf>();
  EXPECT_EQ(static_cast<shapes::Reader&>(*ref).get(7), 14);
  EXPECT_EQ(ref->get("ab"), 2);
  EXPECT_EQ(ref->size(), 1);
  EXPECT_EQ(std::as_const(*ref).size(), 2);
  std::vector<std::string> methods;
  for (const auto& i : ctx.log().interactions()) methods.push_back(i.at("method").get<std::string>());
  EXPECT_EQ(methods, (std::vector<std::string>{"get(int32_t)", "get(std::string)", "size()", "size() const"}));
}

TEST(ShelfTest, AHelperDefinedInTheInterfaceCallsThroughTheStub) {
  shapes::MockShelf shelf;
  EXPECT_CALL(shelf, get(::testing::Matcher<std::string>("abc"))).WillOnce(Return(3));
  EXPECT_CALL(shelf, size()).WillOnce(Return(1));  // what ShelfService answers: the contract replays
  meshwa::gen::TestContext ctx("shelf-helper-consumer");
  ctx.provide<shapes::Shelf>(shelf);
  meshwa::Ref<shapes::Shelf> ref = ctx.ref<shapes::Shelf>();
  EXPECT_EQ(ref->both("abc"), 4);
  std::vector<std::string> methods;
  for (const auto& i : ctx.log().interactions()) methods.push_back(i.at("method").get<std::string>());
  EXPECT_EQ(methods, (std::vector<std::string>{"get(std::string)", "size()"}));
}

TEST(ShelfTest, AFinalHelperInTheInterfaceCallsThroughTheStub) {
  shapes::MockShelf shelf;
  EXPECT_CALL(shelf, size()).WillOnce(Return(1));  // what ShelfService answers: the contract replays
  meshwa::gen::TestContext ctx("shelf-final-consumer");
  ctx.provide<shapes::Shelf>(shelf);
  EXPECT_EQ(ctx.ref<shapes::Shelf>()->twice_size(), 2);
  ASSERT_EQ(ctx.log().interactions().size(), 1u);
  EXPECT_EQ(ctx.log().interactions()[0].at("method").get<std::string>(), "size()");
}

}  // namespace
