// The socialNetwork services called directly, through the registry (Ref<I>),
// with the embedded stores: each service's behaviour and errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <meshwa/registry.hpp>

#include "deployment.hpp"
#include "interfaces.hpp"
#include "loader.hpp"
#include "snowflake.hpp"
#include "storage.hpp"

namespace social {
namespace {

class Services : public ::testing::Test {
 protected:
  Services() : deployment_(registry()) {}

  template <class I>
  meshwa::Ref<I> ref() {
    return deployment_.ref<I>();
  }

  /// Registers user `id` as username_<id>/password_<id>.
  void add_user(std::int64_t id) {
    const std::string n = std::to_string(id);
    auto done = ref<UserService>()->register_user_with_id(1, "first_" + n, "last_" + n, "username_" + n,
                                                          "password_" + n, id);
    ASSERT_TRUE(done.has_value()) << done.error();
  }

  meshwa::Deployment deployment_;
};

std::vector<std::int64_t> ids_of(const std::vector<Post>& posts) {
  std::vector<std::int64_t> ids;
  for (const Post& p : posts) ids.push_back(p.post_id);
  return ids;
}

// ------------------------------------------------------------- deployment

TEST_F(Services, StartsEveryServiceStoresFirst) {
  const auto& order = deployment_.start_order();
  EXPECT_EQ(order.size(), 17u);
  auto position = [&](const std::string& name) {
    return std::find(order.begin(), order.end(), name) - order.begin();
  };
  EXPECT_LT(position("user-store"), position("user-service"));
  EXPECT_LT(position("crypto"), position("user-service"));
  EXPECT_LT(position("social-graph-service"), position("user-service"));
  EXPECT_LT(position("home-timeline-service"), position("compose-post-service"));
  EXPECT_LT(position("timeline-store"), position("home-timeline-service"));
}

TEST(Registry, CryptoIsTheOnlyUnsafeService) {
  const meshwa::Registry reg = registry();
  std::vector<std::string> unsafe;
  for (const auto& def : reg.services()) {
    if (!def.safe()) unsafe.push_back(def.name);
  }
  EXPECT_EQ(unsafe, std::vector<std::string>{"crypto"});
}

// ------------------------------------------------------------- UniqueId

TEST_F(Services, UniqueIdsAreUniqueIncreasingAndCarryTheTime) {
  auto ids = ref<UniqueIdService>();
  std::vector<std::int64_t> seen;
  for (int i = 0; i < 20000; ++i) {
    auto id = ids->compose_unique_id(i, PostType::post);
    ASSERT_TRUE(id.has_value());
    seen.push_back(*id);
  }
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()).size(), seen.size());
  const std::int64_t ms = (seen.back() >> (Snowflake::kMachineBits + Snowflake::kCounterBits)) + Snowflake::kEpochMs;
  EXPECT_NEAR(static_cast<double>(ms), static_cast<double>(now_ms()), 60000.0);
}

TEST(UniqueIdConfig, MachineIdIsInTheId) {
  meshwa::Config config;
  config.set("unique-id-service", "machine_id", "1000");
  meshwa::Deployment deployment(registry(), config);
  auto id = deployment.ref<UniqueIdService>()->compose_unique_id(1, PostType::dm);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ((*id >> Snowflake::kCounterBits) & 1023, 1000);
}

TEST(UniqueIdConfig, BadMachineIdStopsTheStart) {
  meshwa::Config config;
  config.set("unique-id-service", "machine_id", "4096");
  EXPECT_THROW(meshwa::Deployment(registry(), config), meshwa::StartError);
}

TEST(FixedTimeConfig, IdsPostsAndTokensTakeTheFixedTime) {
  // The settings the contract tests' deployment runs with (tests/contract_deployment.json).
  meshwa::Config config = meshwa::Config::from_json_text(R"({"services": {
      "unique-id-service": {"fixed_time_ms": "1700000000000"},
      "compose-post-service": {"fixed_time_ms": "1700000000000", "branches": "sequential"},
      "user-service": {"fixed_time_ms": "1700000000000"}}})",
                                                         "test");
  meshwa::Deployment deployment(registry(), config);
  constexpr std::int64_t first = (std::int64_t{1700000000000} - Snowflake::kEpochMs)
                                 << (Snowflake::kMachineBits + Snowflake::kCounterBits);
  auto ids = deployment.ref<UniqueIdService>();
  EXPECT_EQ(ids->compose_unique_id(1, PostType::post).value(), first);
  EXPECT_EQ(ids->compose_unique_id(2, PostType::post).value(), first + 1);  // the counter still advances

  auto users = deployment.ref<UserService>();
  ASSERT_TRUE(users->register_user_with_id(3, "f", "l", "u", "p", 1).has_value());
  ASSERT_TRUE(users->register_user(4, "f", "l", "v", "p").has_value());
  EXPECT_EQ(users->get_user_id(5, "v").value(), first);  // user-service's own generator, same time
  const std::string token = users->login(6, "u", "p").value();
  // payload {"user_id":"1","username":"u","timestamp":"1700000000","ttl":"3600"}
  EXPECT_NE(token.find(".eyJ1c2VyX2lkIjoiMSIsInVzZXJuYW1lIjoidSIsInRpbWVzdGFtcCI6IjE3MDAwMDAwMDAiLCJ0dGwiOiIzNjAwIn0."),
            std::string::npos)
      << token;

  ASSERT_TRUE(deployment.ref<ComposePostService>()->compose_post(7, "u", 1, "hello", {}, {}, PostType::post).has_value());
  auto posts = deployment.ref<UserTimelineService>()->read_user_timeline(8, 1, 0, 10);
  ASSERT_TRUE(posts.has_value()) << posts.error();
  ASSERT_EQ(posts->size(), 1u);
  EXPECT_EQ((*posts)[0].timestamp, 1700000000000);
  EXPECT_EQ((*posts)[0].post_id, first + 2);
}

TEST(FixedTimeConfig, ATimeBefore2018StopsTheStart) {
  for (const char* service : {"unique-id-service", "compose-post-service", "user-service"}) {
    meshwa::Config config;
    config.set(service, "fixed_time_ms", "1000");
    EXPECT_THROW(meshwa::Deployment(registry(), config), meshwa::StartError) << service;
  }
}

// ------------------------------------------------------------- Crypto (OpenSSL)

TEST_F(Services, CryptoMatchesKnownVectors) {
  auto crypto = ref<Crypto>();
  EXPECT_EQ(crypto->sha256_hex("abc").value(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231, test case 2.
  EXPECT_EQ(crypto->hmac_sha256_hex("Jefe", "what do ya want for nothing?").value(),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  auto salt = crypto->random_alphanumeric(32);
  ASSERT_TRUE(salt.has_value());
  EXPECT_TRUE(std::regex_match(*salt, std::regex("[a-zA-Z0-9]{32}")));
  EXPECT_NE(*salt, crypto->random_alphanumeric(32).value());
  EXPECT_EQ(crypto->random_alphanumeric(-1).error().code(), meshwa::Code::invalid_argument);
}

TEST(CryptoConfig, ASeedRepeatsTheRandomStrings) {
  meshwa::Config config;
  config.set("crypto", "seed", "11");
  std::vector<std::string> runs[2];
  for (auto& strings : runs) {
    meshwa::Deployment deployment(registry(), config);  // a fresh crypto service
    auto crypto = deployment.ref<Crypto>();
    for (int i = 0; i < 3; ++i) strings.push_back(crypto->random_alphanumeric(32).value());
  }
  EXPECT_EQ(runs[0], runs[1]);
  EXPECT_EQ(runs[0][0], "VRTuCEFnjYoROkrfLfGaicyEyvCXctdn");  // std::mt19937_64(11), computed independently
  EXPECT_NE(runs[0][0], runs[0][1]);
  EXPECT_TRUE(std::regex_match(runs[0][2], std::regex("[a-zA-Z0-9]{32}")));
}

// ------------------------------------------------------------- UrlShorten

TEST_F(Services, UrlsAreShortenedAndExpandedBack) {
  auto shorten = ref<UrlShortenService>();
  auto urls = shorten->compose_urls(1, {"http://a.example/x", "https://b.example/y?z=1"});
  ASSERT_TRUE(urls.has_value()) << urls.error();
  ASSERT_EQ(urls->size(), 2u);
  for (const Url& url : *urls) EXPECT_TRUE(std::regex_match(url.shortened_url, std::regex("http://short-url/[a-zA-Z0-9]{10}")));
  EXPECT_EQ((*urls)[1].expanded_url, "https://b.example/y?z=1");
  auto expanded = shorten->get_extended_urls(2, {(*urls)[1].shortened_url, (*urls)[0].shortened_url});
  ASSERT_TRUE(expanded.has_value());
  EXPECT_EQ(*expanded, (std::vector<std::string>{"https://b.example/y?z=1", "http://a.example/x"}));
  auto unknown = shorten->get_extended_urls(3, {"http://short-url/nope"});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code(), meshwa::Code::not_found);
  EXPECT_EQ(shorten->compose_urls(4, {""}).error().code(), meshwa::Code::invalid_argument);
}

// ------------------------------------------------------------- UserMention, Media

TEST_F(Services, MentionsResolveKnownUsersOnly) {
  add_user(7);
  add_user(8);
  auto mentions = ref<UserMentionService>()->compose_user_mentions(1, {"username_8", "username_7"});
  ASSERT_TRUE(mentions.has_value()) << mentions.error();
  ASSERT_EQ(mentions->size(), 2u);
  EXPECT_EQ((*mentions)[0].user_id, 8);
  EXPECT_EQ((*mentions)[1].username, "username_7");
  auto unknown = ref<UserMentionService>()->compose_user_mentions(2, {"username_7", "nobody"});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code(), meshwa::Code::not_found);
  EXPECT_NE(unknown.error().message().find("@nobody"), std::string::npos);
}

TEST_F(Services, MediaPairsIdsWithTypes) {
  auto media = ref<MediaService>()->compose_media(1, {"png", "jpg"}, {11, 12});
  ASSERT_TRUE(media.has_value());
  ASSERT_EQ(media->size(), 2u);
  EXPECT_EQ((*media)[1].media_id, 12);
  EXPECT_EQ((*media)[1].media_type, "jpg");
  auto mismatch = ref<MediaService>()->compose_media(2, {"png"}, {11, 12});
  ASSERT_FALSE(mismatch.has_value());
  EXPECT_EQ(mismatch.error().code(), meshwa::Code::invalid_argument);
}

// ------------------------------------------------------------- Text

TEST_F(Services, TextFindsMentionsAndRewritesUrls) {
  add_user(1);
  add_user(2);
  auto text = ref<TextService>()->compose_text(
      1, "hi @username_1 and @username_2, see http://x.example/a and https://y.example/b?c=d then http://x.example/a");
  ASSERT_TRUE(text.has_value()) << text.error();
  ASSERT_EQ(text->user_mentions.size(), 2u);
  EXPECT_EQ(text->user_mentions[0].user_id, 1);
  EXPECT_EQ(text->user_mentions[1].user_id, 2);
  ASSERT_EQ(text->urls.size(), 3u);
  EXPECT_EQ(text->urls[1].expanded_url, "https://y.example/b?c=d");
  const std::string expected = "hi @username_1 and @username_2, see " + text->urls[0].shortened_url + " and " +
                               text->urls[1].shortened_url + " then " + text->urls[2].shortened_url;
  EXPECT_EQ(text->text, expected);
  EXPECT_EQ(text->text.find("example"), std::string::npos);
}

TEST_F(Services, TextWithAnUnknownMentionFails) {
  auto text = ref<TextService>()->compose_text(1, "hello @ghost");
  ASSERT_FALSE(text.has_value());
  EXPECT_EQ(text.error().code(), meshwa::Code::not_found);
}

TEST_F(Services, PlainTextPassesThrough) {
  auto text = ref<TextService>()->compose_text(1, "nothing to see");
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->text, "nothing to see");
  EXPECT_TRUE(text->urls.empty());
  EXPECT_TRUE(text->user_mentions.empty());
}

// ------------------------------------------------------------- User

TEST_F(Services, RegisterLoginAndLookUp) {
  auto users = ref<UserService>();
  ASSERT_TRUE(users->register_user_with_id(1, "Ada", "Lovelace", "ada", "secret-1", 42).has_value());
  EXPECT_EQ(users->get_user_id(2, "ada").value(), 42);
  auto creator = users->compose_creator_with_username(3, "ada");
  ASSERT_TRUE(creator.has_value());
  EXPECT_EQ(creator->user_id, 42);
  EXPECT_EQ(users->compose_creator_with_user_id(4, 5, "x").value().user_id, 5);

  auto stored = ref<UserStore>()->find_by_username("ada");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->salt.size(), 32u);
  EXPECT_EQ(stored->password_hashed, ref<Crypto>()->sha256_hex("secret-1" + stored->salt).value());
  EXPECT_EQ(stored->first_name, "Ada");

  auto token = users->login(5, "ada", "secret-1");
  ASSERT_TRUE(token.has_value()) << token.error();
  EXPECT_TRUE(std::regex_match(*token, std::regex("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}")));
  auto wrong = users->login(6, "ada", "secret-2");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code(), meshwa::Code::unauthenticated);
  EXPECT_EQ(users->login(7, "bob", "x").error().code(), meshwa::Code::not_found);
}

TEST_F(Services, DuplicateUsersAndBadInputAreRefused) {
  auto users = ref<UserService>();
  ASSERT_TRUE(users->register_user_with_id(1, "a", "b", "ada", "pw", 1).has_value());
  EXPECT_EQ(users->register_user_with_id(2, "a", "b", "ada", "pw", 2).error().code(), meshwa::Code::already_exists);
  EXPECT_EQ(users->register_user_with_id(3, "a", "b", "other", "pw", 1).error().code(),
            meshwa::Code::already_exists);
  EXPECT_EQ(users->register_user_with_id(4, "a", "b", "", "pw", 3).error().code(), meshwa::Code::invalid_argument);
  EXPECT_EQ(users->register_user_with_id(5, "a", "b", "c", "", 3).error().code(), meshwa::Code::invalid_argument);
  EXPECT_EQ(users->get_user_id(6, "nobody").error().code(), meshwa::Code::not_found);
}

TEST_F(Services, RegisterWithoutIdMakesOne) {
  auto users = ref<UserService>();
  ASSERT_TRUE(users->register_user(1, "a", "b", "first", "pw").has_value());
  ASSERT_TRUE(users->register_user(2, "a", "b", "second", "pw").has_value());
  const auto first = users->get_user_id(3, "first").value();
  const auto second = users->get_user_id(4, "second").value();
  EXPECT_GT(first, 0);
  EXPECT_NE(first, second);
  // registered users are in the social graph
  EXPECT_TRUE(ref<SocialGraphService>()->follow(5, first, second).has_value());
}

// ------------------------------------------------------------- SocialGraph

TEST_F(Services, FollowAndUnfollow) {
  for (int id = 1; id <= 3; ++id) add_user(id);
  auto graph = ref<SocialGraphService>();
  ASSERT_TRUE(graph->follow(1, 1, 2).has_value());
  ASSERT_TRUE(graph->follow(2, 3, 2).has_value());
  ASSERT_TRUE(graph->follow(3, 3, 2).has_value());  // twice is once
  ASSERT_TRUE(graph->follow_with_username(4, "username_2", "username_1").has_value());
  EXPECT_EQ(graph->get_followers(5, 2).value(), (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(graph->get_followees(6, 2).value(), (std::vector<std::int64_t>{1}));
  ASSERT_TRUE(graph->unfollow_with_username(7, "username_1", "username_2").has_value());
  EXPECT_EQ(graph->get_followers(8, 2).value(), (std::vector<std::int64_t>{3}));
  EXPECT_TRUE(graph->get_followees(9, 1).value().empty());
  ASSERT_TRUE(graph->unfollow(10, 3, 2).has_value());
  EXPECT_TRUE(graph->get_followers(11, 2).value().empty());

  EXPECT_EQ(graph->follow(12, 1, 1).error().code(), meshwa::Code::invalid_argument);
  EXPECT_EQ(graph->follow(13, 1, 999).error().code(), meshwa::Code::not_found);
  EXPECT_EQ(graph->follow_with_username(14, "username_1", "ghost").error().code(), meshwa::Code::not_found);
  EXPECT_EQ(graph->get_followers(15, 999).error().code(), meshwa::Code::not_found);
}

// ------------------------------------------------------------- PostStorage

TEST_F(Services, PostsAreStoredAndReadInTheOrderAsked) {
  auto storage = ref<PostStorageService>();
  for (std::int64_t id : {10, 20, 30}) {
    Post post;
    post.post_id = id;
    post.text = "post " + std::to_string(id);
    post.creator = Creator{1, "username_1"};
    post.media = {Media{5, "png"}};
    ASSERT_TRUE(storage->store_post(1, post).has_value());
  }
  auto one = storage->read_post(2, 20);
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->text, "post 20");
  EXPECT_EQ(one->media.at(0).media_type, "png");
  EXPECT_EQ(ids_of(storage->read_posts(3, {30, 10}).value()), (std::vector<std::int64_t>{30, 10}));
  EXPECT_EQ(storage->read_post(4, 99).error().code(), meshwa::Code::not_found);
  EXPECT_EQ(storage->read_posts(5, {10, 99}).error().code(), meshwa::Code::not_found);
  Post again;
  again.post_id = 10;
  EXPECT_EQ(storage->store_post(6, again).error().code(), meshwa::Code::already_exists);
}

// ------------------------------------------------------------- timelines and compose

TEST_F(Services, ComposeFansOutToFollowersAndMentionsNewestFirst) {
  for (int id = 1; id <= 4; ++id) add_user(id);
  auto graph = ref<SocialGraphService>();
  ASSERT_TRUE(graph->follow(1, 2, 1).has_value());  // 2 follows 1
  auto compose = ref<ComposePostService>();
  auto first = compose->compose_post(7, "username_1", 1, "first @username_3 http://a.example", {100, 101},
                                     {"png", "gif"}, PostType::post);
  ASSERT_TRUE(first.has_value()) << first.error();
  ASSERT_TRUE(compose->compose_post(8, "username_1", 1, "second", {}, {}, PostType::reply).has_value());

  auto own = ref<UserTimelineService>()->read_user_timeline(9, 1, 0, 10);
  ASSERT_TRUE(own.has_value()) << own.error();
  ASSERT_EQ(own->size(), 2u);
  EXPECT_EQ((*own)[0].text, "second");
  EXPECT_EQ((*own)[0].post_type, PostType::reply);
  EXPECT_EQ((*own)[0].req_id, 8);
  const Post& post = (*own)[1];
  EXPECT_EQ(post.creator.username, "username_1");
  EXPECT_EQ(post.creator.user_id, 1);
  ASSERT_EQ(post.media.size(), 2u);
  EXPECT_EQ(post.media[1].media_id, 101);
  EXPECT_EQ(post.media[1].media_type, "gif");
  ASSERT_EQ(post.urls.size(), 1u);
  EXPECT_EQ(post.text, "first @username_3 " + post.urls[0].shortened_url);
  ASSERT_EQ(post.user_mentions.size(), 1u);
  EXPECT_EQ(post.user_mentions[0].user_id, 3);
  EXPECT_GT((*own)[0].post_id, post.post_id);

  auto home = ref<HomeTimelineService>();
  EXPECT_EQ(ids_of(home->read_home_timeline(10, 2, 0, 10).value()), ids_of(*own));  // follower: both
  EXPECT_EQ(ids_of(home->read_home_timeline(11, 3, 0, 10).value()),
            std::vector<std::int64_t>{post.post_id});                             // mentioned: the first
  EXPECT_TRUE(home->read_home_timeline(12, 4, 0, 10).value().empty());             // neither
  EXPECT_TRUE(home->read_home_timeline(13, 1, 0, 10).value().empty());             // not its own home

  // windows
  EXPECT_EQ(ids_of(home->read_home_timeline(14, 2, 1, 2).value()), std::vector<std::int64_t>{post.post_id});
  EXPECT_TRUE(home->read_home_timeline(15, 2, 2, 1).value().empty());
  EXPECT_TRUE(home->read_home_timeline(16, 2, 5, 10).value().empty());
  EXPECT_EQ(home->read_home_timeline(17, 2, -1, 10).error().code(), meshwa::Code::invalid_argument);
}

TEST_F(Services, ComposeFailsCleanlyAndStoresNothing) {
  add_user(1);
  auto compose = ref<ComposePostService>();
  auto bad_media = compose->compose_post(1, "username_1", 1, "x", {1, 2}, {"png"}, PostType::post);
  ASSERT_FALSE(bad_media.has_value());
  EXPECT_EQ(bad_media.error().code(), meshwa::Code::invalid_argument);
  auto bad_mention = compose->compose_post(2, "username_1", 1, "hi @ghost", {}, {}, PostType::post);
  ASSERT_FALSE(bad_mention.has_value());
  EXPECT_EQ(bad_mention.error().code(), meshwa::Code::not_found);
  EXPECT_TRUE(ref<UserTimelineService>()->read_user_timeline(3, 1, 0, 10).value().empty());
}

TEST_F(Services, ConcurrentComposesAllLand) {
  add_user(1);
  add_user(2);
  ASSERT_TRUE(ref<SocialGraphService>()->follow(1, 2, 1).has_value());
  std::vector<std::thread> threads;
  constexpr int kThreads = 4;
  constexpr int kPosts = 50;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      auto compose = ref<ComposePostService>();
      for (int i = 0; i < kPosts; ++i) {
        auto done = compose->compose_post(t * 1000 + i, "username_1", 1, "post @username_2 http://x.example", {},
                                          {}, PostType::post);
        EXPECT_TRUE(done.has_value());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const auto home = ref<HomeTimelineService>()->read_home_timeline(1, 2, 0, 1000).value();
  EXPECT_EQ(home.size(), static_cast<std::size_t>(kThreads * kPosts));
  const auto ids = ids_of(home);
  EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.end()).size(), ids.size());
}

TEST(Branches, SequentialComposesTheSamePost) {
  meshwa::Config config;
  config.set("text-service", "branches", "sequential");
  config.set("compose-post-service", "branches", "sequential");
  meshwa::Deployment deployment(registry(), config);
  auto users = deployment.ref<UserService>();
  ASSERT_TRUE(users->register_user_with_id(1, "a", "b", "username_1", "pw", 1).has_value());
  ASSERT_TRUE(users->register_user_with_id(2, "a", "b", "username_2", "pw", 2).has_value());
  auto done = deployment.ref<ComposePostService>()->compose_post(3, "username_1", 1, "hi @username_2 http://a.example",
                                                                 {4}, {"png"}, PostType::post);
  ASSERT_TRUE(done.has_value()) << done.error();
  const auto home = deployment.ref<HomeTimelineService>()->read_home_timeline(4, 2, 0, 10).value();
  ASSERT_EQ(home.size(), 1u);
  EXPECT_EQ(home[0].text, "hi @username_2 " + home[0].urls.at(0).shortened_url);
  EXPECT_EQ(home[0].media.at(0).media_id, 4);
}

TEST(Branches, AnUnknownModeStopsTheStart) {
  meshwa::Config config;
  config.set("text-service", "branches", "sometimes");
  try {
    meshwa::Deployment deployment(registry(), config);
    FAIL() << "started with branches=sometimes";
  } catch (const meshwa::StartError& e) {
    EXPECT_NE(std::string(e.what()).find("\"parallel\" or \"sequential\""), std::string::npos) << e.what();
  }
}

// ------------------------------------------------------------- loader

TEST(Loader, GraphIsDeterministicAndReed98Sized) {
  const LoadOptions options;
  const auto edges = generate_edges(options);
  EXPECT_EQ(edges.size(), 18812u);
  EXPECT_EQ(edges, generate_edges(options));
  std::set<std::pair<std::int32_t, std::int32_t>> unique(edges.begin(), edges.end());
  EXPECT_EQ(unique.size(), edges.size());
  for (const auto& [a, b] : edges) {
    EXPECT_LT(a, b);
    EXPECT_GE(a, 0);
    EXPECT_LT(b, 962);
  }
  LoadOptions other = options;
  other.seed = 7;
  EXPECT_NE(generate_edges(other), edges);
}

TEST_F(Services, LoaderRegistersUsersAndFollowsBothWays) {
  LoadOptions options;
  options.users = 100;
  options.edges = 300;
  auto report = load(ref<UserService>(), ref<SocialGraphService>(), options);
  ASSERT_TRUE(report.has_value()) << report.error();
  EXPECT_EQ(report->users, 100);
  EXPECT_EQ(report->follows, 600);
  EXPECT_EQ(ref<UserService>()->get_user_id(1, "username_99").value(), 99);
  ASSERT_TRUE(ref<UserService>()->login(2, "username_5", "password_5").has_value());
  std::int64_t followers = 0;
  for (const auto& [a, b] : generate_edges(options)) {
    const auto of_a = ref<SocialGraphService>()->get_followers(3, a).value();
    const auto of_b = ref<SocialGraphService>()->get_followees(4, b).value();
    EXPECT_TRUE(std::binary_search(of_a.begin(), of_a.end(), b));
    EXPECT_TRUE(std::binary_search(of_b.begin(), of_b.end(), a));
  }
  for (int user = 0; user < 100; ++user) {
    followers += static_cast<std::int64_t>(ref<SocialGraphService>()->get_followers(5, user).value().size());
  }
  EXPECT_EQ(followers, 600);
}

}  // namespace
}  // namespace social
