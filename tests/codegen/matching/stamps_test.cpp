// Consumer tests against a mock Stamps, whose real answers end in random hex
// digits: matching rules on a plain message whose only member is `value`, on
// a meshwa::Result of it, on an error's message (match_error), on a plain
// message shaped like an error, and on every value of a map
// (docs/contracts.md, "Matchers"). The test itself is the consumer: it
// calls the provider through ctx.ref<Stamps>(), as a front end would.
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>

#include <functional>

#include "feed.hpp"
#include "blog_feed.mocks.hpp"

using ::testing::Return;
using meshwa::gen::by_regex;
using meshwa::gen::by_type;
using meshwa::gen::member;

namespace {

// The matching rules the contract holds for its only interaction.
nlohmann::json recorded_rules(const meshwa::gen::TestContext& ctx) {
  const nlohmann::json interactions = ctx.contract().at("interactions");
  EXPECT_EQ(interactions.size(), 1u);
  return interactions.empty() ? nlohmann::json() : interactions[0].value("matching_rules", nlohmann::json());
}

}  // namespace

// The recorder knows from the interface that stamp() returns a message, not a
// meshwa::Result: the rule's path is "value", the message's own member,
// where it once became "value.value" and failed as recorded.
TEST(StampsTest, APlainMessageWhoseOnlyMemberIsValue) {
  blog::MockStamps stamps;
  EXPECT_CALL(stamps, stamp("hello")).WillOnce(Return(blog::Wrapped{"hello@0000abcd"}));
  meshwa::gen::TestContext ctx("feed");
  ctx.provide<blog::Stamps>(stamps);
  ctx.on<blog::Stamps>("stamp").match(member(&blog::Wrapped::value), by_regex("hello@[0-9a-f]{8}"));
  EXPECT_EQ(ctx.ref<blog::Stamps>()->stamp("hello").value, "hello@0000abcd");
  EXPECT_EQ(recorded_rules(ctx), nlohmann::json::parse(R"([{"path": "value", "match": "regex", "regex": "hello@[0-9a-f]{8}"}])"));
}

// The same message in a meshwa::Result: its value is under "value".
TEST(StampsTest, AResultOfIt) {
  blog::MockStamps stamps;
  EXPECT_CALL(stamps, checked_stamp("hi")).WillOnce(Return(blog::Wrapped{"hi@00001234"}));
  meshwa::gen::TestContext ctx("feed");
  ctx.provide<blog::Stamps>(stamps);
  ctx.on<blog::Stamps>("checked_stamp").match(member(&blog::Wrapped::value), by_regex("hi@[0-9a-f]{8}"));
  EXPECT_EQ(ctx.ref<blog::Stamps>()->checked_stamp("hi")->value, "hi@00001234");
  EXPECT_EQ(recorded_rules(ctx),
            nlohmann::json::parse(R"([{"path": "value.value", "match": "regex", "regex": "hi@[0-9a-f]{8}"}])"));
}

// An error whose message holds a part nobody can predict: a rule on the
// message; its code is compared exactly.
TEST(StampsTest, AnErrorsMessageByRegex) {
  blog::MockStamps stamps;
  EXPECT_CALL(stamps, checked_stamp(""))
      .WillOnce(Return(meshwa::Error(meshwa::Code::invalid_argument, "empty text (trace 0000abcd)")));
  meshwa::gen::TestContext ctx("feed");
  ctx.provide<blog::Stamps>(stamps);
  ctx.on<blog::Stamps>("checked_stamp").match_error(by_regex(R"(empty text \(trace [0-9a-f]{8}\))"));
  EXPECT_EQ(ctx.ref<blog::Stamps>()->checked_stamp("").error().code(), meshwa::Code::invalid_argument);
  const nlohmann::json rule{{"path", "error.message"}, {"match", "regex"}, {"regex", R"(empty text \(trace [0-9a-f]{8}\))"}};
  EXPECT_EQ(recorded_rules(ctx), nlohmann::json::array({rule}));
}

// by_type(): any message, with the recorded code.
TEST(StampsTest, AnErrorsMessageByType) {
  blog::MockStamps stamps;
  EXPECT_CALL(stamps, checked_stamp(""))
      .WillOnce(Return(meshwa::Error(meshwa::Code::invalid_argument, "no text given")));
  meshwa::gen::TestContext ctx("feed");
  ctx.provide<blog::Stamps>(stamps);
  ctx.next<blog::Stamps>("checked_stamp").match_error(by_type());
  EXPECT_FALSE(ctx.ref<blog::Stamps>()->checked_stamp("").has_value());
  EXPECT_EQ(recorded_rules(ctx), nlohmann::json::parse(R"([{"path": "error.message", "match": "type"}])"));
}

// review() returns a plain message whose only member `error` holds a code
// "domain_fault" and a message: recorded as the answer it is (it was once
// taken for the gate's domain_fault error and left out), and its rule's
// path is the message's own.
TEST(StampsTest, AMessageShapedLikeAnError) {
  blog::MockStamps stamps;
  EXPECT_CALL(stamps, review("x")).WillOnce(Return(blog::Verdict{{"domain_fault", "x reviewed as 0000abcd"}}));
  meshwa::gen::TestContext ctx("feed");
  ctx.provide<blog::Stamps>(stamps);
  ctx.on<blog::Stamps>("review").match(member(&blog::Verdict::error, &blog::Problem::message),
                                       by_regex("x reviewed as [0-9a-f]{8}"));
  EXPECT_EQ(ctx.ref<blog::Stamps>()->review("x").error.code, "domain_fault");
  EXPECT_EQ(recorded_rules(ctx),
            nlohmann::json::parse(R"([{"path": "error.message", "match": "regex", "regex": "x reviewed as [0-9a-f]{8}"}])"));
}

// Every value of a map: member(&Board::scores, &Score::id) is "scores.*.id";
// the players (the map's keys) and points are compared exactly.
TEST(StampsTest, EveryValueOfAMap) {
  blog::MockStamps stamps;
  blog::Board board;
  board.scores["ann"] = blog::Score{"s-00000001", 3};
  board.scores["bob"] = blog::Score{"s-00000002", 5};
  EXPECT_CALL(stamps, board()).WillOnce(Return(board));
  meshwa::gen::TestContext ctx("feed");
  ctx.provide<blog::Stamps>(stamps);
  ctx.on<blog::Stamps>("board").match(member(&blog::Board::scores, &blog::Score::id), by_regex("s-[0-9a-f]{8}"));
  EXPECT_EQ(ctx.ref<blog::Stamps>()->board().scores.size(), 2u);
  EXPECT_EQ(recorded_rules(ctx),
            nlohmann::json::parse(R"([{"path": "scores.*.id", "match": "regex", "regex": "s-[0-9a-f]{8}"}])"));
}

// Mistakes, each failing the test that makes it, naming the mistake (as
// FeedMistakes in feed_test.cpp): exactly one failure, non-fatal, placed at
// this test, with `message` in it. `call` makes one call through the
// recorder; nothing is written.
namespace {

void expect_one_failure(const std::function<void(blog::MockStamps&)>& answer,
                        const std::function<void(meshwa::gen::TestContext&)>& say,
                        const std::function<void(blog::Stamps&)>& call, const std::string& message) {
  ::testing::TestPartResultArray failures;
  {
    ::testing::ScopedFakeTestPartResultReporter intercept(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
    blog::MockStamps stamps;
    answer(stamps);
    meshwa::gen::TestContext ctx("feed", "", "");
    ctx.provide<blog::Stamps>(stamps);
    say(ctx);
    call(*ctx.ref<blog::Stamps>());
  }
  ASSERT_EQ(failures.size(), 1);
  const ::testing::TestPartResult& failure = failures.GetTestPartResult(0);
  EXPECT_TRUE(failure.nonfatally_failed());
  EXPECT_THAT(failure.file_name(), ::testing::EndsWith("stamps_test.cpp"));
  EXPECT_THAT(failure.message(), ::testing::HasSubstr(message));
}

void empty_text_error(blog::MockStamps& stamps) {
  EXPECT_CALL(stamps, checked_stamp(""))
      .WillOnce(Return(meshwa::Error(meshwa::Code::invalid_argument, "empty text (trace 0000abcd)")));
}

}  // namespace

TEST(StampsMistakes, ARegexTheRecordedErrorBreaks) {
  expect_one_failure(
      empty_text_error,
      [](meshwa::gen::TestContext& ctx) {
        ctx.on<blog::Stamps>("checked_stamp").match_error(by_regex("no text .*"));
      },
      [](blog::Stamps& s) { EXPECT_FALSE(s.checked_stamp("").has_value()); },
      "meshwa: the match_error(by_regex(\"no text .*\")) given with ctx.on<blog::Stamps>(\"checked_stamp\") does "
      "not fit the error recorded for blog::Stamps::checked_stamp: at error.message: the value \"empty text "
      "(trace 0000abcd)\" does not match the regex \"no text .*\"");
}

TEST(StampsMistakes, AnErrorRuleOnAMethodWithoutResult) {
  expect_one_failure(
      [](blog::MockStamps& stamps) { EXPECT_CALL(stamps, stamp("a")).WillOnce(Return(blog::Wrapped{"a@1"})); },
      [](meshwa::gen::TestContext& ctx) { ctx.on<blog::Stamps>("stamp").match_error(by_type()); },
      [](blog::Stamps& s) { EXPECT_EQ(s.stamp("a").value, "a@1"); },
      "meshwa: ctx.on<blog::Stamps>(\"stamp\").match_error(...): blog::Stamps::stamp does not return a "
      "meshwa::Result, so it answers no error whose message a rule could match");
}

TEST(StampsMistakes, AMisspeltMemberBehindAMap) {
  expect_one_failure(
      [](blog::MockStamps& stamps) {
        blog::Board board;
        board.scores["ann"] = blog::Score{"s-00000001", 3};
        EXPECT_CALL(stamps, board()).WillOnce(Return(board));
      },
      [](meshwa::gen::TestContext& ctx) { ctx.on<blog::Stamps>("board").match("scores.*.idd", by_type()); },
      [](blog::Stamps& s) { EXPECT_EQ(s.board().scores.size(), 1u); },
      "meshwa: the matching rule by_type() of member \"scores.*.idd\" given with ctx.on<blog::Stamps>(\"board\") "
      "does not fit the response recorded for blog::Stamps::board: there is no member \"idd\" at scores.ann (its "
      "members: id, points)");
}

// An empty map (or container, or an absent optional) records nothing to
// check a path against: the path is checked against the response's type.
TEST(StampsMistakes, AMisspeltMemberBehindAnEmptyMap) {
  expect_one_failure(
      [](blog::MockStamps& stamps) { EXPECT_CALL(stamps, board()).WillOnce(Return(blog::Board{})); },
      [](meshwa::gen::TestContext& ctx) {
        ctx.on<blog::Stamps>("board").match("scores.*.idd", by_type()).match("scores.*.id", by_type());
      },
      [](blog::Stamps& s) { EXPECT_TRUE(s.board().scores.empty()); },
      "meshwa: the matching rule by_type() of member \"scores.*.idd\" given with ctx.on<blog::Stamps>(\"board\") "
      "does not fit the response recorded for blog::Stamps::board: there is no member \"idd\" at scores.* (its "
      "members: id, points) (the response: {\"scores\":{}})");
}
