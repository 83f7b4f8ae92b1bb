// Consumer tests of 'feed' against a mock Posts, recording contracts whose
// responses hold values nobody can predict (matching rules) and errors the
// provider gives only in a state the test names (provider states);
// docs/contracts.md, "Matchers" and "Provider states".
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

blog::Post post(std::string id, std::string text) {
  return blog::Post{std::move(id), text, "1765000000000000", {"#" + text}};
}

}  // namespace

// The provider's ids are random and its time stamps the clock's: replayed,
// the id must look like one (a regex) and the time stamp be a string; the
// text and tags are compared exactly.
TEST(FeedTest, PublishesWithUnpredictableIds) {
  blog::MockPosts posts;
  EXPECT_CALL(posts, create("hello")).WillOnce(Return(post("p-00000000000000aa", "hello")));
  meshwa::gen::TestContext ctx("feed");
  ctx.provide<blog::Posts>(posts);
  ctx.on<blog::Posts>("create")
      .match(member(&blog::Post::id), by_regex("p-[0-9a-f]{16}"))
      .match(member(&blog::Post::created), by_type());
  blog::FeedService feed(ctx);
  EXPECT_EQ(feed.publish("hello").value(), "p-00000000000000aa");
}

// Members of the elements of a container, by a chain of pointers to
// members and by a string path.
TEST(FeedTest, CountsRecentPosts) {
  blog::MockPosts posts;
  EXPECT_CALL(posts, create("a")).WillOnce(Return(post("p-000000000000000a", "a")));
  EXPECT_CALL(posts, create("b")).WillOnce(Return(post("p-000000000000000b", "b")));
  EXPECT_CALL(posts, recent())
      .WillOnce(Return(blog::Timeline{{post("p-000000000000000a", "a"), post("p-000000000000000b", "b")}, 2}));
  meshwa::gen::TestContext ctx("feed");
  ctx.provide<blog::Posts>(posts);
  ctx.on<blog::Posts>("create").match(member(&blog::Post::id), by_type()).match("created", by_type());
  ctx.on<blog::Posts>("recent")
      .match(member(&blog::Timeline::posts, &blog::Post::id), by_regex("p-[0-9a-f]{16}"))
      .match("posts.created", by_type());
  blog::FeedService feed(ctx);
  ASSERT_TRUE(feed.publish("a").has_value());
  ASSERT_TRUE(feed.publish("b").has_value());
  EXPECT_EQ(feed.size(), 2);
}

// An error the provider gives only in a state: the test's state, set up by
// the provider's handler before the first interaction.
TEST(FeedTest, SaysWhenTheIdServiceIsDown) {
  blog::MockPosts posts;
  EXPECT_CALL(posts, create("x")).WillOnce(Return(meshwa::Error(meshwa::Code::internal, "no id: ids down")));
  meshwa::gen::TestContext ctx("feed");
  ctx.provide<blog::Posts>(posts);
  ctx.given("the id service is down");
  blog::FeedService feed(ctx);
  EXPECT_EQ(feed.publish("x").error().code(), meshwa::Code::internal);
}

// A state for one interaction only: the first call succeeds, the second
// needs the id service down.
TEST(FeedTest, PublishFailsOnceTheIdServiceIsDown) {
  blog::MockPosts posts;
  EXPECT_CALL(posts, create("up")).WillOnce(Return(post("p-0000000000000001", "up")));
  EXPECT_CALL(posts, create("down")).WillOnce(Return(meshwa::Error(meshwa::Code::internal, "no id: ids down")));
  meshwa::gen::TestContext ctx("feed");
  ctx.provide<blog::Posts>(posts);
  ctx.on<blog::Posts>("create").match(member(&blog::Post::id), by_type()).match(member(&blog::Post::created), by_type());
  blog::FeedService feed(ctx);
  EXPECT_TRUE(feed.publish("up").has_value());
  ctx.next<blog::Posts>("create").given("the id service is down");
  EXPECT_FALSE(feed.publish("down").has_value());
}

// Mistakes a consumer test can make, each failing the test that makes it,
// naming the mistake. Each publishes "hello", answered with a post of `id`,
// after `say` gave the context its rules; nothing is written. The failures
// are intercepted and checked here: exactly one, non-fatal, placed at this
// test (not at meshwa's sources), with `message` in it.
namespace {

void expect_one_failure(std::string id, const std::function<void(meshwa::gen::TestContext&)>& say,
                        const std::string& message) {
  ::testing::TestPartResultArray failures;
  {
    ::testing::ScopedFakeTestPartResultReporter intercept(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
    blog::MockPosts posts;
    EXPECT_CALL(posts, create("hello")).WillOnce(Return(post(std::move(id), "hello")));
    meshwa::gen::TestContext ctx("feed", "", "");
    ctx.provide<blog::Posts>(posts);
    say(ctx);
    blog::FeedService feed(ctx);
    EXPECT_TRUE(feed.publish("hello").has_value());
  }
  ASSERT_EQ(failures.size(), 1);
  const ::testing::TestPartResult& failure = failures.GetTestPartResult(0);
  EXPECT_TRUE(failure.nonfatally_failed());
  EXPECT_THAT(failure.file_name(), ::testing::EndsWith("feed_test.cpp"));
  EXPECT_THAT(failure.message(), ::testing::HasSubstr(message));
}

}  // namespace

TEST(FeedMistakes, RegexTheRecordingBreaks) {
  expect_one_failure(
      "q-1",
      [](meshwa::gen::TestContext& ctx) {
        ctx.on<blog::Posts>("create").match(member(&blog::Post::id), by_regex("p-[0-9a-f]{16}"));
      },
      "meshwa: the matching rule by_regex(\"p-[0-9a-f]{16}\") of member \"id\" given with "
      "ctx.on<blog::Posts>(\"create\") does not fit the response recorded for blog::Posts::create: at value.id: "
      "the value \"q-1\" does not match the regex");
}

TEST(FeedMistakes, MisspeltMember) {
  expect_one_failure(
      "p-00000000000000aa",
      [](meshwa::gen::TestContext& ctx) { ctx.on<blog::Posts>("create").match("idd", by_type()); },
      "meshwa: the matching rule by_type() of member \"idd\" given with ctx.on<blog::Posts>(\"create\") does "
      "not fit the response recorded for blog::Posts::create: there is no member \"idd\" at value (its members: "
      "created, id, tags, text)");
}

TEST(FeedMistakes, MisspeltMethod) {
  expect_one_failure(
      "p-00000000000000aa",
      [](meshwa::gen::TestContext& ctx) {
        ctx.on<blog::Posts>("craete").match(member(&blog::Post::id), by_type());
      },
      "meshwa: ctx.on<blog::Posts>(\"craete\") applied to no interaction: no call of blog::Posts::craete was "
      "recorded by this TestContext (the methods of blog::Posts recorded: \"create\")");
}
