// Consumers' unit tests against generated mocks. The interactions each test
// sets up are recorded as a contract in samples/social_network/contracts/
// (meshwa::gen::TestContext), which the providers' generated contract tests
// replay against the real services on a fresh deployment
// (ctest -L contract). A contract therefore starts with the provider state it
// needs (users inserted, posts stored) through the same recorded Refs, and
// every mocked answer is the one the real provider gives: a contract that
// drifts from the provider fails there.
//
// Answers that would not repeat (unique ids and times from the clock, random
// short URLs and salts) are fixed by settings: the consumer's TestContext
// sets them for the consumer, and the replaying deployment runs with the same
// settings for the providers (tests/contract_deployment.json, the CONFIG of
// social_network_deployment). The constants below are those settings and the
// answers they imply.
//
// Each consumer is the service that really makes the calls; the HTTP front
// end (frontend/http.cpp), which is no service, records as "http-frontend"
// the calls it makes into the deployment.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/openssl_crypto.hpp"
#include "services/compose.hpp"
#include "services/timelines.hpp"
#include "services/users.hpp"
#include "snowflake.hpp"
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
meshwa::Error invalid(std::string message) { return meshwa::Error(meshwa::Code::invalid_argument, std::move(message)); }

// ------------------------------------------------------------- the settings of tests/contract_deployment.json

// "fixed_time_ms" of unique-id-service, compose-post-service and user-service.
constexpr std::int64_t kFixedTimeMs = 1700000000000;  // 2023-11-14T22:13:20Z
const std::string kFixedTime = std::to_string(kFixedTimeMs);
// The first snowflake a fresh service makes at that time (machine 0, counter 0);
// the next ones count up from it.
constexpr std::int64_t kFirstId = (kFixedTimeMs - Snowflake::kEpochMs) << (Snowflake::kMachineBits + Snowflake::kCounterBits);
static_assert(kFirstId == 776932740300800000);
// "seed" of url-shorten-service: the first two short URLs of a fresh service.
const std::string kUrlSeed = "7";
const std::string kFirstShortUrl = "http://short-url/KW7T83PTfI";
// "seed" of crypto: the first two random_alphanumeric(32) of a fresh service
// (std::mt19937_64(11), low bytes, rejection-sampled into [0-9a-zA-Z]).
const std::string kCryptoSeed = "11";
const std::string kFirstSalt = "VRTuCEFnjYoROkrfLfGaicyEyvCXctdn";
const std::string kSecondSalt = "j9bxkt1Ne5MhwQr31Q8YXcxA9q7lCWav";

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
  ctx.set_config("seed", kUrlSeed);  // the same short URLs every run: a stable contract
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

TEST(SocialGraphConsumer, FollowsAndUnfollowsByUsernameAndListsFollowers) {
  MockUserStore users;
  MockGraphStore graph;
  EXPECT_CALL(users, insert(_)).Times(2).WillRepeatedly(Return(meshwa::ok()));
  EXPECT_CALL(graph, insert_user(_)).Times(2).WillRepeatedly(Return(meshwa::ok()));
  EXPECT_CALL(users, find_by_username("alice")).Times(2).WillRepeatedly(Return(user(1, "alice")));
  EXPECT_CALL(users, find_by_username("bob")).Times(2).WillRepeatedly(Return(user(2, "bob")));
  EXPECT_CALL(users, find_by_username("ghost")).WillOnce(Return(not_found("User: ghost doesn't exist")));
  EXPECT_CALL(graph, add_follow(1, 2, 1514764800000)).WillOnce(Return(meshwa::ok()));
  EXPECT_CALL(graph, add_follow(1, 3, 1514764800000)).WillOnce(Return(not_found("user 3 is not in the social graph")));
  EXPECT_CALL(graph, followers(2))
      .WillOnce(Return(std::vector<std::int64_t>{1}))
      .WillOnce(Return(std::vector<std::int64_t>{}));
  EXPECT_CALL(graph, followees(1)).WillOnce(Return(std::vector<std::int64_t>{2}));
  EXPECT_CALL(graph, remove_follow(1, 2)).WillOnce(Return(meshwa::ok()));
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
  ASSERT_TRUE(social_graph.unfollow_with_username(5, "alice", "bob").has_value());
  EXPECT_TRUE(social_graph.get_followers(6, 2).value().empty());
  EXPECT_EQ(social_graph.unfollow_with_username(7, "ghost", "bob").error().message(), "User: ghost doesn't exist");
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

// The tokens login signs under user-service's fixed time (timestamp
// 1700000000, ttl 3600, secret "secret"): the signing input, its HMAC-SHA-256
// and the token, computed independently (Python's hmac and base64).
const std::string kJwtHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
// {"user_id":"7","username":"ada",...}
const std::string kAda7Input =
    kJwtHeader + ".eyJ1c2VyX2lkIjoiNyIsInVzZXJuYW1lIjoiYWRhIiwidGltZXN0YW1wIjoiMTcwMDAwMDAwMCIsInR0bCI6IjM2MDAifQ";
const std::string kAda7Mac = "1ea48f0ef85868ee7f53ad7e2085ec7ffa752c48ff65b0802671b7a0a1c7dc00";
const std::string kAda7Token = kAda7Input + ".HqSPDvhYaO5_U61-IIXsf_p1LEj_ZbCAJnG3oKHH3AA";
// {"user_id":"776932740300800000","username":"ada",...} (kFirstId)
const std::string kAdaNewInput =
    kJwtHeader +
    ".eyJ1c2VyX2lkIjoiNzc2OTMyNzQwMzAwODAwMDAwIiwidXNlcm5hbWUiOiJhZGEiLCJ0aW1lc3RhbXAiOiIxNzAwMDAwMDAwIiwidHRsIjoiMzYwMCJ9";
const std::string kAdaNewMac = "9ffa8d8a3cc73589fdc08b271e032176a744292094735698a3d88a47145240cd";
const std::string kAdaNewToken = kAdaNewInput + ".n_qNijzHNYn9wIsnHgMhdqdEKSCUc1aYo9iKRxRSQM0";
// {"user_id":"1","username":"username_1",...}
const std::string kUser1Token =
    kJwtHeader +
    ".eyJ1c2VyX2lkIjoiMSIsInVzZXJuYW1lIjoidXNlcm5hbWVfMSIsInRpbWVzdGFtcCI6IjE3MDAwMDAwMDAiLCJ0dGwiOiIzNjAwIn0"
    ".w02dDFTAJgYIHMPkqOVsE9SKku9r4yw0iJysWPRETUI";

TEST(UserConsumer, SignsATokenForTheRightPassword) {
  MockUserStore users;
  MockSocialGraphService graph;
  MockCrypto crypto;
  EXPECT_CALL(users, insert(user(7, "ada", kRightHash, "salt1"))).WillOnce(Return(meshwa::ok()));
  EXPECT_CALL(users, find_by_username("ada")).WillOnce(Return(user(7, "ada", kRightHash, "salt1")));
  EXPECT_CALL(crypto, sha256_hex("pwsalt1")).WillOnce(Return(kRightHash));
  EXPECT_CALL(crypto, hmac_sha256_hex("secret", kAda7Input)).WillOnce(Return(kAda7Mac));
  meshwa::gen::TestContext ctx("user-service");
  ctx.set_config("fixed_time_ms", kFixedTime);  // the token's timestamp: a stable contract
  ctx.provide<UserStore>(users);
  ctx.provide<SocialGraphService>(graph);
  ctx.provide<Crypto>(crypto);
  ASSERT_TRUE(ctx.ref<UserStore>()->insert(user(7, "ada", kRightHash, "salt1")).has_value());  // provider state

  UserHandler users_service(ctx);
  auto token = users_service.login(1, "ada", "pw");
  ASSERT_TRUE(token.has_value()) << token.error();
  EXPECT_EQ(*token, kAda7Token);  // header.payload, then the MAC in base64url
}

// sha256("pw" + kFirstSalt), sha256("pw2" + kSecondSalt)
const std::string kFirstSaltHash = "cef2480faf0988be5131363b5d3e3453cee2301907aafcd211dab19b01024bf4";
const std::string kSecondSaltHash = "7d80887b8eba8182a024fb95b74608d4a5dca7352c2fcbfbb4b51163501656e9";

TEST(UserConsumer, RegistersWithASaltedHashRefusesATakenNameAndLogsIn) {
  MockUserStore users;
  MockSocialGraphService graph;
  MockCrypto crypto;
  User ada;
  ada.user_id = kFirstId;  // generated at the fixed time
  ada.first_name = "Ada";
  ada.last_name = "Lovelace";
  ada.username = "ada";
  ada.password_hashed = kFirstSaltHash;
  ada.salt = kFirstSalt;
  User again = ada;
  again.user_id = 7;
  again.last_name = "L";
  again.password_hashed = kSecondSaltHash;
  again.salt = kSecondSalt;
  EXPECT_CALL(crypto, random_alphanumeric(32)).WillOnce(Return(kFirstSalt)).WillOnce(Return(kSecondSalt));
  EXPECT_CALL(crypto, sha256_hex("pw" + kFirstSalt)).Times(2).WillRepeatedly(Return(kFirstSaltHash));
  EXPECT_CALL(crypto, sha256_hex("pw2" + kSecondSalt)).WillOnce(Return(kSecondSaltHash));
  EXPECT_CALL(users, insert(ada)).WillOnce(Return(meshwa::ok()));
  EXPECT_CALL(graph, insert_user(1, kFirstId)).WillOnce(Return(meshwa::ok()));
  EXPECT_CALL(users, insert(again))
      .WillOnce(Return(meshwa::Error(meshwa::Code::already_exists, "User ada already existed")));
  EXPECT_CALL(users, find_by_username("ada")).WillOnce(Return(ada));
  EXPECT_CALL(crypto, hmac_sha256_hex("secret", kAdaNewInput)).WillOnce(Return(kAdaNewMac));
  meshwa::gen::TestContext ctx("user-service");
  ctx.set_config("fixed_time_ms", kFixedTime);  // the generated id and the token's timestamp
  ctx.provide<UserStore>(users);
  ctx.provide<SocialGraphService>(graph);
  ctx.provide<Crypto>(crypto);

  UserHandler users_service(ctx);
  auto registered = users_service.register_user(1, "Ada", "Lovelace", "ada", "pw");
  ASSERT_TRUE(registered.has_value()) << registered.error();
  auto taken = users_service.register_user_with_id(2, "Ada", "L", "ada", "pw2", 7);
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().code(), meshwa::Code::already_exists);
  EXPECT_EQ(users_service.register_user_with_id(3, "x", "y", "z", "", 8).error().code(),
            meshwa::Code::invalid_argument);  // refused before any call
  auto token = users_service.login(4, "ada", "pw");
  ASSERT_TRUE(token.has_value()) << token.error();
  EXPECT_EQ(*token, kAdaNewToken);
}

// ------------------------------------------------------------- compose-post-service -> Text, UniqueId, Media, User, PostStorage, timelines

TEST(ComposePostConsumer, BuildsThePostFromItsPartsThenStoresAndFansOut) {
  MockTextService text;
  MockUniqueIdService ids;
  MockMediaService media;
  MockUserService users;
  MockPostStorageService storage;
  MockUserTimelineService user_timeline;
  MockHomeTimelineService home_timeline;
  // Provider state: the author and the mentioned user are registered.
  EXPECT_CALL(users, register_user_with_id(1, "first_1", "last_1", "username_1", "password_1", 1))
      .WillOnce(Return(meshwa::ok()));
  EXPECT_CALL(users, register_user_with_id(2, "first_3", "last_3", "username_3", "password_3", 3))
      .WillOnce(Return(meshwa::ok()));
  TextServiceReturn composed;
  composed.text = "hi @username_3 " + kFirstShortUrl;
  composed.user_mentions = {UserMention{3, "username_3"}};
  composed.urls = {Url{kFirstShortUrl, "http://a.example"}};
  Post expected;
  expected.post_id = kFirstId;
  expected.creator = Creator{1, "username_1"};
  expected.req_id = 9;
  expected.text = composed.text;
  expected.user_mentions = composed.user_mentions;
  expected.media = {Media{5, "png"}};
  expected.urls = composed.urls;
  expected.timestamp = kFixedTimeMs;
  expected.post_type = PostType::reply;
  {
    ::testing::InSequence order;  // sequential branches: text is composed when its result is needed
    EXPECT_CALL(ids, compose_unique_id(9, PostType::reply)).WillOnce(Return(kFirstId));
    EXPECT_CALL(media, compose_media(9, std::vector<std::string>{"png"}, std::vector<std::int64_t>{5}))
        .WillOnce(Return(std::vector<Media>{Media{5, "png"}}));
    EXPECT_CALL(users, compose_creator_with_user_id(9, 1, "username_1")).WillOnce(Return(Creator{1, "username_1"}));
    EXPECT_CALL(text, compose_text(9, "hi @username_3 http://a.example")).WillOnce(Return(composed));
    // The post is stored before any timeline names it.
    EXPECT_CALL(storage, store_post(9, expected)).WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(user_timeline, write_user_timeline(9, kFirstId, 1, kFixedTimeMs)).WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(home_timeline, write_home_timeline(9, kFirstId, 1, kFixedTimeMs, std::vector<std::int64_t>{3}))
        .WillOnce(Return(meshwa::ok()));
  }
  meshwa::gen::TestContext ctx("compose-post-service");
  ctx.set_config("branches", "sequential");     // one thread records the calls in a fixed order
  ctx.set_config("fixed_time_ms", kFixedTime);  // the post's timestamp
  ctx.provide<TextService>(text);
  ctx.provide<UniqueIdService>(ids);
  ctx.provide<MediaService>(media);
  ctx.provide<UserService>(users);
  ctx.provide<PostStorageService>(storage);
  ctx.provide<UserTimelineService>(user_timeline);
  ctx.provide<HomeTimelineService>(home_timeline);
  ASSERT_TRUE(ctx.ref<UserService>()->register_user_with_id(1, "first_1", "last_1", "username_1", "password_1", 1));
  ASSERT_TRUE(ctx.ref<UserService>()->register_user_with_id(2, "first_3", "last_3", "username_3", "password_3", 3));

  ComposePostHandler compose(ctx);
  auto done = compose.compose_post(9, "username_1", 1, "hi @username_3 http://a.example", {5}, {"png"}, PostType::reply);
  ASSERT_TRUE(done.has_value()) << done.error();
}

TEST(ComposePostConsumer, AFailingPartStopsBeforeAnythingIsStored) {
  MockTextService text;
  MockUniqueIdService ids;
  MockMediaService media;
  MockUserService users;
  MockPostStorageService storage;
  MockUserTimelineService user_timeline;
  MockHomeTimelineService home_timeline;
  EXPECT_CALL(ids, compose_unique_id(1, PostType::post)).WillOnce(Return(kFirstId));
  EXPECT_CALL(media, compose_media(1, std::vector<std::string>{"png"}, std::vector<std::int64_t>{1, 2}))
      .WillOnce(Return(invalid("The lengths of media_id list and media_type list are not equal (2 ids, 1 types)")));
  EXPECT_CALL(users, compose_creator_with_user_id(1, 1, "u")).WillOnce(Return(Creator{1, "u"}));
  EXPECT_CALL(text, compose_text(1, "t")).WillOnce(Return(TextServiceReturn{"t", {}, {}}));
  EXPECT_CALL(storage, store_post(_, _)).Times(0);
  EXPECT_CALL(user_timeline, write_user_timeline(_, _, _, _)).Times(0);
  EXPECT_CALL(home_timeline, write_home_timeline(_, _, _, _, _)).Times(0);
  meshwa::gen::TestContext ctx("compose-post-service");
  ctx.set_config("branches", "sequential");
  ctx.set_config("fixed_time_ms", kFixedTime);
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

// ------------------------------------------------------------- the HTTP front end -> ComposePost, User, SocialGraph, timelines

// frontend/http.cpp is no service: it takes its Refs from the deployment and
// calls them per request. This test makes the calls a session of requests
// makes (the route each stands for in the comments), against mocks answering
// what the real deployment answers; the front end's own work (parsing forms,
// rendering JSON) is tested over HTTP in tests/e2e/social_network_test.cpp.
Post timeline_post(std::int64_t id, std::int64_t req_id, std::string text, PostType type) {
  Post p;
  p.post_id = id;
  p.creator = Creator{1, "username_1"};
  p.req_id = req_id;
  p.text = std::move(text);
  p.timestamp = kFixedTimeMs;
  p.post_type = type;
  return p;
}

TEST(HttpFrontendConsumer, RegistersFollowsLogsInComposesAndReadsTimelines) {
  MockComposePostService compose;
  MockUserService users;
  MockSocialGraphService graph;
  MockHomeTimelineService home;
  MockUserTimelineService user_timeline;

  // The posts as the deployment stores them: ids from unique-id-service at
  // the fixed time (the failed compose-post took kFirstId + 1), the short URL
  // from url-shorten-service's seed, timestamps from compose-post-service's
  // fixed time (equal, so newest first is by id).
  Post first = timeline_post(kFirstId, 10, "hello @username_2 " + kFirstShortUrl, PostType::post);
  first.user_mentions = {UserMention{2, "username_2"}};
  first.media = {Media{42, "png"}};
  first.urls = {Url{kFirstShortUrl, "http://example.com/a"}};
  const Post second = timeline_post(kFirstId + 2, 12, "second", PostType::repost);
  const Post third = timeline_post(kFirstId + 3, 16, "third", PostType::post);
  const auto posts = [](std::vector<Post> p) { return meshwa::Result<std::vector<Post>>(std::move(p)); };
  {
    ::testing::InSequence session;
    // POST /wrk2-api/user/register (with and without user_id)
    EXPECT_CALL(users, register_user_with_id(1, "first_1", "last_1", "username_1", "password_1", 1))
        .WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(users, register_user_with_id(2, "first_2", "last_2", "username_2", "password_2", 2))
        .WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(users, register_user(3, "Ada", "Lovelace", "ada", "pw")).WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(users, register_user_with_id(4, "first_1", "last_1", "username_1", "other", 5))
        .WillOnce(Return(meshwa::Error(meshwa::Code::already_exists, "User username_1 already existed")));
    // POST /wrk2-api/user/follow (by name, by id)
    EXPECT_CALL(graph, follow_with_username(5, "username_2", "username_1")).WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(graph, follow(6, 1, 1)).WillOnce(Return(invalid("user 1 cannot follow itself")));
    // POST /api/user/login
    EXPECT_CALL(users, login(7, "username_1", "password_1")).WillOnce(Return(kUser1Token));
    EXPECT_CALL(users, login(8, "username_1", "wrong"))
        .WillOnce(Return(meshwa::Error(meshwa::Code::unauthenticated, "Incorrect username or password")));
    EXPECT_CALL(users, login(9, "nobody", "pw")).WillOnce(Return(not_found("User: nobody doesn't exist")));
    // POST /wrk2-api/post/compose
    EXPECT_CALL(compose, compose_post(10, "username_1", 1, "hello @username_2 http://example.com/a",
                                      std::vector<std::int64_t>{42}, std::vector<std::string>{"png"}, PostType::post))
        .WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(compose, compose_post(11, "username_1", 1, "hi @ghost", std::vector<std::int64_t>{},
                                      std::vector<std::string>{}, PostType::post))
        .WillOnce(Return(not_found("cannot mention @ghost: User: ghost doesn't exist")));
    EXPECT_CALL(compose, compose_post(12, "username_1", 1, "second", std::vector<std::int64_t>{},
                                      std::vector<std::string>{}, PostType::repost))
        .WillOnce(Return(meshwa::ok()));
    // GET /wrk2-api/user-timeline/read, /wrk2-api/home-timeline/read
    EXPECT_CALL(user_timeline, read_user_timeline(13, 1, 0, 10)).WillOnce(Return(posts({second, first})));
    EXPECT_CALL(home, read_home_timeline(14, 2, 0, 10)).WillOnce(Return(posts({second, first})));
    // POST /wrk2-api/user/unfollow, then a post user 2 no longer sees
    EXPECT_CALL(graph, unfollow_with_username(15, "username_2", "username_1")).WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(compose, compose_post(16, "username_1", 1, "third", std::vector<std::int64_t>{},
                                      std::vector<std::string>{}, PostType::post))
        .WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(home, read_home_timeline(17, 2, 0, 10)).WillOnce(Return(posts({second, first})));
    EXPECT_CALL(user_timeline, read_user_timeline(18, 1, 0, 1)).WillOnce(Return(posts({third})));
    EXPECT_CALL(home, read_home_timeline(19, 1, 0, 10)).WillOnce(Return(posts({})));
    // POST /wrk2-api/user/follow, /wrk2-api/user/unfollow by id
    EXPECT_CALL(graph, follow(20, 1, 2)).WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(graph, unfollow(21, 1, 2)).WillOnce(Return(meshwa::ok()));
    EXPECT_CALL(graph, unfollow(22, 1, 99)).WillOnce(Return(not_found("user 99 is not in the social graph")));
  }
  meshwa::gen::TestContext ctx("http-frontend");
  ctx.provide<ComposePostService>(compose);
  ctx.provide<UserService>(users);
  ctx.provide<SocialGraphService>(graph);
  ctx.provide<HomeTimelineService>(home);
  ctx.provide<UserTimelineService>(user_timeline);
  auto user_service = ctx.ref<UserService>();
  auto social_graph = ctx.ref<SocialGraphService>();
  auto compose_post = ctx.ref<ComposePostService>();
  auto home_timeline = ctx.ref<HomeTimelineService>();
  auto user_timeline_ref = ctx.ref<UserTimelineService>();

  EXPECT_TRUE(user_service->register_user_with_id(1, "first_1", "last_1", "username_1", "password_1", 1));
  EXPECT_TRUE(user_service->register_user_with_id(2, "first_2", "last_2", "username_2", "password_2", 2));
  EXPECT_TRUE(user_service->register_user(3, "Ada", "Lovelace", "ada", "pw"));
  EXPECT_EQ(user_service->register_user_with_id(4, "first_1", "last_1", "username_1", "other", 5).error().code(),
            meshwa::Code::already_exists);  // 409
  EXPECT_TRUE(social_graph->follow_with_username(5, "username_2", "username_1"));
  EXPECT_EQ(social_graph->follow(6, 1, 1).error().code(), meshwa::Code::invalid_argument);  // 400
  auto token = user_service->login(7, "username_1", "password_1");
  ASSERT_TRUE(token.has_value()) << token.error();
  EXPECT_EQ(std::count(token->begin(), token->end(), '.'), 2);  // the cookie login_token
  EXPECT_EQ(user_service->login(8, "username_1", "wrong").error().code(), meshwa::Code::unauthenticated);  // 401
  EXPECT_EQ(user_service->login(9, "nobody", "pw").error().code(), meshwa::Code::not_found);  // 401 as well
  EXPECT_TRUE(compose_post->compose_post(10, "username_1", 1, "hello @username_2 http://example.com/a", {42}, {"png"},
                                         PostType::post));
  EXPECT_EQ(compose_post->compose_post(11, "username_1", 1, "hi @ghost", {}, {}, PostType::post).error().code(),
            meshwa::Code::not_found);  // 404
  EXPECT_TRUE(compose_post->compose_post(12, "username_1", 1, "second", {}, {}, PostType::repost));
  auto own = user_timeline_ref->read_user_timeline(13, 1, 0, 10);
  ASSERT_TRUE(own.has_value()) << own.error();
  ASSERT_EQ(own->size(), 2u);
  EXPECT_EQ((*own)[1].urls.at(0).expanded_url, "http://example.com/a");
  auto followed = home_timeline->read_home_timeline(14, 2, 0, 10);
  ASSERT_TRUE(followed.has_value()) << followed.error();
  EXPECT_EQ(*followed, *own);
  EXPECT_TRUE(social_graph->unfollow_with_username(15, "username_2", "username_1"));
  EXPECT_TRUE(compose_post->compose_post(16, "username_1", 1, "third", {}, {}, PostType::post));
  EXPECT_EQ(home_timeline->read_home_timeline(17, 2, 0, 10).value().size(), 2u);
  EXPECT_EQ(user_timeline_ref->read_user_timeline(18, 1, 0, 1).value().at(0).text, "third");
  EXPECT_TRUE(home_timeline->read_home_timeline(19, 1, 0, 10).value().empty());
  EXPECT_TRUE(social_graph->follow(20, 1, 2));
  EXPECT_TRUE(social_graph->unfollow(21, 1, 2));
  EXPECT_EQ(social_graph->unfollow(22, 1, 99).error().code(), meshwa::Code::not_found);  // 404
}

}  // namespace
}  // namespace social
