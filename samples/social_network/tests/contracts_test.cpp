// Consumers' unit tests against generated mocks. The interactions each test
// sets up are recorded as a contract in samples/social_network/contracts/
// (meshwa::gen::TestContext), which the providers' generated contract tests
// replay against the real services on a fresh deployment
// (ctest -L contract). A contract therefore starts with the provider state it
// needs (users inserted, posts stored) through the same recorded Refs, and
// every mocked answer is the one the real provider gives: a contract that
// drifts from the provider fails there.
//
// Answers that cannot repeat (unique ids, random short URLs and salts) are
// not recorded: those tests run with an empty contracts directory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "crypto/openssl_crypto.hpp"
#include "services/compose.hpp"
#include "services/timelines.hpp"
#include "services/users.hpp"
#include "social_network_services.mocks.hpp"

namespace social {
namespace {

using ::testing::_;
using ::testing::Invoke;
using ::testing::Return;

User user(std::int64_t id, std::string name, std::string hash = "h", std::string salt = "s") {
  User u;
  u.user_id = id;
  u.first_name = "first";
  u.last_name = "last";
  u.username = std::move(name);
  u.password_hashed = std::move(hash);
  u.salt = std::move(salt);
  return u;
}

Post post(std::int64_t id, std::int64_t author, std::string text) {
  Post p;
  p.post_id = id;
  p.creator = Creator{author, "username_" + std::to_string(author)};
  p.req_id = 1;
  p.text = std::move(text);
  p.timestamp = 1000 + id;
  return p;
}

meshwa::Error not_found(std::string message) { return meshwa::Error(meshwa::Code::not_found, std::move(message)); }

// ------------------------------------------------------------- user-mention-service -> UserStore

TEST(UserMentionConsumer, ResolvesRegisteredUsersAndRefusesOthers) {
  MockUserStore store;
  EXPECT_CALL(store, insert(_)).WillOnce(Return(meshwa::ok()));
  EXPECT_CALL(store, find_by_username("alice")).WillOnce(Return(user(1, "alice")));
  EXPECT_CALL(store, find_by_username("ghost")).WillOnce(Return(not_found("User: ghost doesn't exist")));
  meshwa::gen::TestContext ctx("user-mention-service");
  ctx.provide<UserStore>(store);
  ASSERT_TRUE(ctx.ref<UserStore>()->insert(user(1, "alice")).has_value());  // provider state

  UserMentionHandler mentions(ctx);
  auto found = mentions.compose_user_mentions(1, {"alice"});
  ASSERT_TRUE(found.has_value()) << found.error();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].user_id, 1);
  auto missing = mentions.compose_user_mentions(2, {"ghost"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), meshwa::Code::not_found);
  EXPECT_EQ(missing.error().message(), "cannot mention @ghost: User: ghost doesn't exist");
}

// ------------------------------------------------------------- text-service -> UrlShorten, UserMention

TEST(TextConsumer, AnUnknownMentionFailsTheText) {
  MockUrlShortenService shorten;
  MockUserMentionService mentions;
  EXPECT_CALL(shorten, compose_urls(1, std::vector<std::string>{})).WillOnce(Return(std::vector<Url>{}));
  EXPECT_CALL(mentions, compose_user_mentions(1, std::vector<std::string>{"ghost"}))
      .WillOnce(Return(not_found("cannot mention @ghost: User: ghost doesn't exist")));
  meshwa::gen::TestContext ctx("text-service");
  ctx.set_config("branches", "sequential");  // one thread records the calls
  ctx.provide<UrlShortenService>(shorten);
  ctx.provide<UserMentionService>(mentions);

  TextHandler text(ctx);
  auto composed = text.compose_text(1, "hello @ghost");
  ASSERT_FALSE(composed.has_value());
  EXPECT_EQ(composed.error().code(), meshwa::Code::not_found);
}

// ------------------------------------------------------------- url-shorten-service -> UrlStore

TEST(UrlShortenConsumer, StoresAndExpandsShortUrls) {
  MockUrlStore store;
  std::vector<Url> stored;
  EXPECT_CALL(store, put(_)).WillOnce(Invoke([&](std::vector<Url> urls) {
    stored = urls;
    return meshwa::ok();
  }));
  EXPECT_CALL(store, expand(_)).WillOnce(Invoke([&](std::vector<std::string> shorts) {
    std::vector<std::string> expanded;
    for (const auto& s : shorts) {
      for (const Url& u : stored) {
        if (u.shortened_url == s) expanded.push_back(u.expanded_url);
      }
    }
    return meshwa::Result<std::vector<std::string>>(expanded);
  }));
  EXPECT_CALL(store, expand(std::vector<std::string>{"http://short-url/unknown000"}))
      .WillOnce(Return(not_found("short URL http://short-url/unknown000 is unknown")));
  meshwa::gen::TestContext ctx("url-shorten-service");
  ctx.set_config("seed", "7");  // the same short URLs every run: a stable contract
  ctx.provide<UrlStore>(store);

  UrlShortenHandler shorten(ctx);
  auto urls = shorten.compose_urls(1, {"http://a.example/x", "https://b.example"});
  ASSERT_TRUE(urls.has_value()) << urls.error();
  auto expanded = shorten.get_extended_urls(2, {(*urls)[1].shortened_url, (*urls)[0].shortened_url});
  ASSERT_TRUE(expanded.has_value());
  EXPECT_EQ(*expanded, (std::vector<std::string>{"https://b.example", "http://a.example/x"}));
  EXPECT_FALSE(shorten.get_extended_urls(3, {"http://short-url/unknown000"}).has_value());
}

// ------------------------------------------------------------- social-graph-service -> UserStore, GraphStore

TEST(SocialGraphConsumer, FollowsByUsernameAndListsFollowers) {
  MockUserStore users;
  MockGraphStore graph;
  EXPECT_CALL(users, insert(_)).Times(2).WillRepeatedly(Return(meshwa::ok()));
  EXPECT_CALL(graph, insert_user(_)).Times(2).WillRepeatedly(Return(meshwa::ok()));
  EXPECT_CALL(users, find_by_username("alice")).WillOnce(Return(user(1, "alice")));
  EXPECT_CALL(users, find_by_username("bob")).WillOnce(Return(user(2, "bob")));
  EXPECT_CALL(graph, add_follow(1, 2, 1514764800000)).WillOnce(Return(meshwa::ok()));
  EXPECT_CALL(graph, add_follow(1, 3, 1514764800000)).WillOnce(Return(not_found("user 3 is not in the social graph")));
  EXPECT_CALL(graph, followers(2)).WillOnce(Return(std::vector<std::int64_t>{1}));
  EXPECT_CALL(graph, followees(1)).WillOnce(Return(std::vector<std::int64_t>{2}));
  meshwa::gen::TestContext ctx("social-graph-service");
  ctx.set_config("fixed_time_ms", "1514764800000");  // a stable contract
  ctx.provide<UserStore>(users);
  ctx.provide<GraphStore>(graph);
  for (const User& u : {user(1, "alice"), user(2, "bob")}) {  // provider state
    ASSERT_TRUE(ctx.ref<UserStore>()->insert(u).has_value());
    ASSERT_TRUE(ctx.ref<GraphStore>()->insert_user(u.user_id).has_value());
  }

  SocialGraphHandler social_graph(ctx);
  ASSERT_TRUE(social_graph.follow_with_username(1, "alice", "bob").has_value());
  EXPECT_EQ(social_graph.follow(2, 1, 3).error().code(), meshwa::Code::not_found);
  EXPECT_EQ(social_graph.get_followers(3, 2).value(), std::vector<std::int64_t>{1});
  EXPECT_EQ(social_graph.get_followees(4, 1).value(), std::vector<std::int64_t>{2});
}

// ------------------------------------------------------------- post-storage-service -> PostStore

TEST(PostStorageConsumer, StoresAndReadsPosts) {
  MockPostStore store;
  EXPECT_CALL(store, put(_)).Times(2).WillRepeatedly(Return(meshwa::ok()));
  EXPECT_CALL(store, get(10)).WillOnce(Return(post(10, 1, "ten")));
  EXPECT_CALL(store, get_many(std::vector<std::int64_t>{11, 10}))
      .WillOnce(Return(std::vector<Post>{post(11, 1, "eleven"), post(10, 1, "ten")}));
  EXPECT_CALL(store, get_many(std::vector<std::int64_t>{10, 99})).WillOnce(Return(not_found("post_id: 99 doesn't exist")));
  meshwa::gen::TestContext ctx("post-storage-service");
  ctx.provide<PostStore>(store);

  PostStorageHandler storage(ctx);
  ASSERT_TRUE(storage.store_post(1, post(10, 1, "ten")).has_value());
  ASSERT_TRUE(storage.store_post(2, post(11, 1, "eleven")).has_value());
  EXPECT_EQ(storage.read_post(3, 10).value().text, "ten");
  EXPECT_EQ(storage.read_posts(4, {11, 10}).value().size(), 2u);
  EXPECT_EQ(storage.read_posts(5, {10, 99}).error().code(), meshwa::Code::not_found);
}

// ------------------------------------------------------------- timelines -> TimelineStore, SocialGraph, PostStorage

TEST(HomeTimelineConsumer, FansOutToFollowersAndMentionsAndReadsBack) {
  MockTimelineStore timelines;
  MockSocialGraphService graph;
  MockPostStorageService storage;
  EXPECT_CALL(graph, insert_user(_, _)).Times(3).WillRepeatedly(Return(meshwa::ok()));
  EXPECT_CALL(graph, follow(_, 2, 1)).WillOnce(Return(meshwa::ok()));
  EXPECT_CALL(storage, store_post(_, _)).WillOnce(Return(meshwa::ok()));
  EXPECT_CALL(graph, get_followers(5, 1)).WillOnce(Return(std::vector<std::int64_t>{2}));
  EXPECT_CALL(timelines, add("home", std::vector<std::int64_t>{2, 3}, 100, 1100)).WillOnce(Return(meshwa::ok()));
  EXPECT_CALL(timelines, range("home", 2, 0, 10)).WillOnce(Return(std::vector<std::int64_t>{100}));
  EXPECT_CALL(timelines, range("home", 1, 0, 10)).WillOnce(Return(std::vector<std::int64_t>{}));
  EXPECT_CALL(storage, read_posts(6, std::vector<std::int64_t>{100}))
      .WillOnce(Return(std::vector<Post>{post(100, 1, "hello @username_3")}));
  meshwa::gen::TestContext ctx("home-timeline-service");
  ctx.provide<TimelineStore>(timelines);
  ctx.provide<SocialGraphService>(graph);
  ctx.provide<PostStorageService>(storage);
  for (std::int64_t id : {1, 2, 3}) ASSERT_TRUE(ctx.ref<SocialGraphService>()->insert_user(1, id).has_value());
  ASSERT_TRUE(ctx.ref<SocialGraphService>()->follow(2, 2, 1).has_value());               // 2 follows 1
  ASSERT_TRUE(ctx.ref<PostStorageService>()->store_post(3, post(100, 1, "hello @username_3")).has_value());

  HomeTimelineHandler home(ctx);
  ASSERT_TRUE(home.write_home_timeline(5, 100, 1, 1100, {3}).has_value());
  auto read = home.read_home_timeline(6, 2, 0, 10);
  ASSERT_TRUE(read.has_value()) << read.error();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].post_id, 100);
  EXPECT_TRUE(home.read_home_timeline(7, 1, 0, 10).value().empty());
}

TEST(UserTimelineConsumer, WritesAndReadsNewestFirst) {
  MockTimelineStore timelines;
  MockPostStorageService storage;
  EXPECT_CALL(storage, store_post(_, _)).Times(2).WillRepeatedly(Return(meshwa::ok()));
  EXPECT_CALL(timelines, add("user", std::vector<std::int64_t>{1}, _, _)).Times(2).WillRepeatedly(Return(meshwa::ok()));
  EXPECT_CALL(timelines, range("user", 1, 0, 10)).WillOnce(Return(std::vector<std::int64_t>{101, 100}));
  EXPECT_CALL(storage, read_posts(_, std::vector<std::int64_t>{101, 100}))
      .WillOnce(Return(std::vector<Post>{post(101, 1, "second"), post(100, 1, "first")}));
  meshwa::gen::TestContext ctx("user-timeline-service");
  ctx.provide<TimelineStore>(timelines);
  ctx.provide<PostStorageService>(storage);
  ASSERT_TRUE(ctx.ref<PostStorageService>()->store_post(1, post(100, 1, "first")).has_value());
  ASSERT_TRUE(ctx.ref<PostStorageService>()->store_post(2, post(101, 1, "second")).has_value());

  UserTimelineHandler user_timeline(ctx);
  ASSERT_TRUE(user_timeline.write_user_timeline(3, 100, 1, 1100).has_value());
  ASSERT_TRUE(user_timeline.write_user_timeline(4, 101, 1, 1101).has_value());
  auto read = user_timeline.read_user_timeline(5, 1, 0, 10);
  ASSERT_TRUE(read.has_value()) << read.error();
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].text, "second");
}

// ------------------------------------------------------------- user-service -> UserStore, Crypto

// sha256("pw" + "salt1") and sha256("wrong" + "salt1")
const std::string kRightHash = "6aa633156f9fbb5daad48b682263b354cb8dddbb14e6810a91b20ea9ef351dc4";
const std::string kWrongHash = "901339f30c50b5c71cd8e476c1ddcb76854e442ef9123d0869dca5a913ebb56a";

TEST(UserConsumer, RefusesAWrongPasswordAndAnUnknownUser) {
  MockUserStore users;
  MockSocialGraphService graph;
  MockCrypto crypto;
  EXPECT_CALL(users, insert(_)).WillOnce(Return(meshwa::ok()));
  EXPECT_CALL(users, find_by_username("ada")).WillOnce(Return(user(7, "ada", kRightHash, "salt1")));
  EXPECT_CALL(users, find_by_username("bob")).WillOnce(Return(not_found("User: bob doesn't exist")));
  EXPECT_CALL(crypto, sha256_hex("wrongsalt1")).WillOnce(Return(kWrongHash));
  EXPECT_CALL(crypto, hmac_sha256_hex(_, _)).Times(0);
  meshwa::gen::TestContext ctx("user-service");
  ctx.provide<UserStore>(users);
  ctx.provide<SocialGraphService>(graph);
  ctx.provide<Crypto>(crypto);
  ASSERT_TRUE(ctx.ref<UserStore>()->insert(user(7, "ada", kRightHash, "salt1")).has_value());

  UserHandler users_service(ctx);
  auto refused = users_service.login(2, "ada", "wrong");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), meshwa::Code::unauthenticated);
  EXPECT_EQ(users_service.login(3, "bob", "pw").error().code(), meshwa::Code::not_found);
}

TEST(UserConsumer, SignsATokenForTheRightPassword) {
  MockUserStore users;
  MockSocialGraphService graph;
  MockCrypto crypto;
  meshwa::gen::TestContext real_ctx("crypto", "", "");
  OpenSslCrypto real_crypto(real_ctx);
  EXPECT_CALL(users, find_by_username("ada")).WillOnce(Return(user(7, "ada", kRightHash, "salt1")));
  EXPECT_CALL(crypto, sha256_hex("pwsalt1")).WillOnce(Return(kRightHash));
  std::string signed_input;
  EXPECT_CALL(crypto, hmac_sha256_hex("secret", _)).WillOnce(Invoke([&](std::string key, std::string message) {
    signed_input = message;
    return real_crypto.hmac_sha256_hex(std::move(key), std::move(message));
  }));
  // The signed input holds the time, so it would differ on every run: no contract.
  meshwa::gen::TestContext ctx("user-service", "", "");
  ctx.provide<UserStore>(users);
  ctx.provide<SocialGraphService>(graph);
  ctx.provide<Crypto>(crypto);

  UserHandler users_service(ctx);
  auto token = users_service.login(1, "ada", "pw");
  ASSERT_TRUE(token.has_value()) << token.error();
  EXPECT_EQ(std::count(token->begin(), token->end(), '.'), 2);
  EXPECT_EQ(token->rfind(signed_input + ".", 0), 0u);  // header.payload is what was signed
}

// ------------------------------------------------------------- compose-post-service (not recorded)

TEST(ComposePostConsumer, BuildsThePostFromItsPartsThenStoresAndFansOut) {
  MockTextService text;
  MockUniqueIdService ids;
  MockMediaService media;
  MockUserService users;
  MockPostStorageService storage;
  MockUserTimelineService user_timeline;
  MockHomeTimelineService home_timeline;
  TextServiceReturn composed;
  composed.text = "hi @username_3 http://short-url/abcdefghij";
  composed.user_mentions = {UserMention{3, "username_3"}};
  composed.urls = {Url{"http://short-url/abcdefghij", "http://a.example"}};
  EXPECT_CALL(text, compose_text(9, "hi @username_3 http://a.example")).WillOnce(Return(composed));
  EXPECT_CALL(ids, compose_unique_id(9, PostType::reply)).WillOnce(Return(std::int64_t{4242}));
  EXPECT_CALL(media, compose_media(9, std::vector<std::string>{"png"}, std::vector<std::int64_t>{5}))
      .WillOnce(Return(std::vector<Media>{Media{5, "png"}}));
  EXPECT_CALL(users, compose_creator_with_user_id(9, 1, "username_1")).WillOnce(Return(Creator{1, "username_1"}));
  Post stored;
  {
    ::testing::InSequence order;  // the post is stored before any timeline names it
    EXPECT_CALL(storage, store_post(9, _)).WillOnce(Invoke([&](std::int64_t, Post p) {
      stored = std::move(p);
      return meshwa::ok();
    }));
    EXPECT_CALL(user_timeline, write_user_timeline(9, 4242, 1, _)).WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(home_timeline, write_home_timeline(9, 4242, 1, _, std::vector<std::int64_t>{3}))
        .WillOnce(Return(meshwa::ok()));
  }
  meshwa::gen::TestContext ctx("compose-post-service", "", "");  // unique ids do not repeat: no contract
  ctx.set_config("branches", "sequential");
  ctx.provide<TextService>(text);
  ctx.provide<UniqueIdService>(ids);
  ctx.provide<MediaService>(media);
  ctx.provide<UserService>(users);
  ctx.provide<PostStorageService>(storage);
  ctx.provide<UserTimelineService>(user_timeline);
  ctx.provide<HomeTimelineService>(home_timeline);

  ComposePostHandler compose(ctx);
  auto done = compose.compose_post(9, "username_1", 1, "hi @username_3 http://a.example", {5}, {"png"}, PostType::reply);
  ASSERT_TRUE(done.has_value()) << done.error();
  EXPECT_EQ(stored.post_id, 4242);
  EXPECT_EQ(stored.text, composed.text);
  EXPECT_EQ(stored.urls.at(0).expanded_url, "http://a.example");
  EXPECT_EQ(stored.media.at(0).media_id, 5);
  EXPECT_EQ(stored.post_type, PostType::reply);
  EXPECT_EQ(stored.req_id, 9);
}

TEST(ComposePostConsumer, AFailingPartStopsBeforeAnythingIsStored) {
  MockTextService text;
  MockUniqueIdService ids;
  MockMediaService media;
  MockUserService users;
  MockPostStorageService storage;
  MockUserTimelineService user_timeline;
  MockHomeTimelineService home_timeline;
  EXPECT_CALL(text, compose_text(_, _)).WillOnce(Return(TextServiceReturn{"t", {}, {}}));
  EXPECT_CALL(ids, compose_unique_id(_, _)).WillOnce(Return(std::int64_t{1}));
  EXPECT_CALL(media, compose_media(_, _, _))
      .WillOnce(Return(meshwa::Error(meshwa::Code::invalid_argument, "The lengths differ")));
  EXPECT_CALL(users, compose_creator_with_user_id(_, _, _)).WillOnce(Return(Creator{1, "u"}));
  EXPECT_CALL(storage, store_post(_, _)).Times(0);
  EXPECT_CALL(user_timeline, write_user_timeline(_, _, _, _)).Times(0);
  EXPECT_CALL(home_timeline, write_home_timeline(_, _, _, _, _)).Times(0);
  meshwa::gen::TestContext ctx("compose-post-service", "", "");
  ctx.set_config("branches", "sequential");
  ctx.provide<TextService>(text);
  ctx.provide<UniqueIdService>(ids);
  ctx.provide<MediaService>(media);
  ctx.provide<UserService>(users);
  ctx.provide<PostStorageService>(storage);
  ctx.provide<UserTimelineService>(user_timeline);
  ctx.provide<HomeTimelineService>(home_timeline);

  ComposePostHandler compose(ctx);
  auto done = compose.compose_post(1, "u", 1, "t", {1, 2}, {"png"}, PostType::post);
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().code(), meshwa::Code::invalid_argument);
}

}  // namespace
}  // namespace social
