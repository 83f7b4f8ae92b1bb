// socialNetwork end to end: the deployment with its loaded data behind the
// HTTP front end on 127.0.0.1 (an ephemeral port), driven over real HTTP with
// the original's paths and form parameters.
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include <meshwa/registry.hpp>

#include "deployment.hpp"
#include "frontend/http.hpp"
#include "interfaces.hpp"
#include "loader.hpp"

namespace {

using nlohmann::json;
using social::http::Client;
using social::http::Reply;

class SocialNetwork : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    deployment_ = std::make_unique<meshwa::Deployment>(social::registry());
    auto loaded = social::load(deployment_->ref<social::UserService>(),
                               deployment_->ref<social::SocialGraphService>(), social::LoadOptions{});
    ASSERT_TRUE(loaded.has_value()) << loaded.error();
    social::http::Options options;
    options.port = 0;
    options.threads = 8;
    front_ = std::make_unique<social::http::FrontEnd>(*deployment_, options);
    port_ = front_->bind();
    server_ = std::thread([] { front_->serve(); });
  }

  static void TearDownTestSuite() {
    front_->stop();
    server_.join();
    front_.reset();
    deployment_.reset();
  }

  Client client() const { return Client("127.0.0.1", port_); }

  /// Registers a fresh user with a given id; name "<prefix>_<id>".
  static std::string register_user(Client& c, const std::string& name, std::int64_t id, const std::string& password) {
    const Reply r = c.post_form("/wrk2-api/user/register", {{"first_name", "First"},
                                                            {"last_name", "Last"},
                                                            {"username", name},
                                                            {"password", password},
                                                            {"user_id", std::to_string(id)}});
    EXPECT_EQ(r.status, 200) << r.body;
    return name;
  }

  static json read(Client& c, const std::string& which, std::int64_t user, int start, int stop) {
    const Reply r = c.get("/wrk2-api/" + which + "/read",
                          {{"user_id", std::to_string(user)}, {"start", std::to_string(start)}, {"stop", std::to_string(stop)}});
    EXPECT_EQ(r.status, 200) << r.body;
    const json parsed = json::parse(r.body, nullptr, false);
    EXPECT_TRUE(parsed.is_array()) << r.body;
    return parsed;
  }

  static inline std::unique_ptr<meshwa::Deployment> deployment_;
  static inline std::unique_ptr<social::http::FrontEnd> front_;
  static inline std::thread server_;
  static inline int port_ = 0;
};

std::string base64url_decode(const std::string& text) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (const char c : text) {
    const auto index = alphabet.find(c);
    if (index == std::string::npos) return "<invalid>";
    bits = (bits << 6) | static_cast<unsigned>(index);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

std::string hmac_sha256_base64url(const std::string& key, const std::string& message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), mac.data(), &size);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (unsigned i = 0; i < size; ++i) {
    bits = (bits << 8) | mac[i];
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += alphabet[(bits >> count) & 63];
    }
  }
  if (count > 0) out += alphabet[(bits << (6 - count)) & 63];
  return out;
}

TEST_F(SocialNetwork, LoadedUsersCanLogIn) {
  Client c = client();
  const Reply ok = c.post_form("/api/user/login", {{"username", "username_961"}, {"password", "password_961"}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  const Reply beyond = c.post_form("/api/user/login", {{"username", "username_962"}, {"password", "password_962"}});
  EXPECT_EQ(beyond.status, 401) << beyond.body;
}

TEST_F(SocialNetwork, LoginGivesASignedTokenOnlyForTheRightPassword) {
  Client c = client();
  register_user(c, "e2e_login", 900001, "correct horse");
  const Reply ok = c.post_form("/api/user/login", {{"username", "e2e_login"}, {"password", "correct horse"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  const std::string token = ok.body.substr(0, ok.body.find('\n'));
  EXPECT_EQ(ok.set_cookie.rfind("login_token=" + token, 0), 0u) << ok.set_cookie;
  std::smatch parts;
  ASSERT_TRUE(std::regex_match(token, parts, std::regex("([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)")));
  const json header = json::parse(base64url_decode(parts[1]));
  EXPECT_EQ(header["alg"], "HS256");
  const json payload = json::parse(base64url_decode(parts[2]));
  EXPECT_EQ(payload["username"], "e2e_login");
  EXPECT_EQ(payload["user_id"], "900001");
  EXPECT_EQ(payload["ttl"], "3600");
  // The signature is HMAC-SHA-256 under the default secret.
  EXPECT_EQ(parts[3].str(), hmac_sha256_base64url("secret", parts[1].str() + "." + parts[2].str()));

  const Reply wrong = c.post_form("/api/user/login", {{"username", "e2e_login"}, {"password", "correct horsf"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("Login Failed"), std::string::npos) << wrong.body;
  EXPECT_TRUE(wrong.set_cookie.empty());
  const Reply unknown = c.post_form("/api/user/login", {{"username", "e2e_nobody"}, {"password", "x"}});
  EXPECT_EQ(unknown.status, 401);
}

TEST_F(SocialNetwork, RegisterTwiceConflicts) {
  Client c = client();
  register_user(c, "e2e_twice", 900010, "pw");
  const Reply again = c.post_form("/wrk2-api/user/register", {{"first_name", "a"},
                                                              {"last_name", "b"},
                                                              {"username", "e2e_twice"},
                                                              {"password", "pw"},
                                                              {"user_id", "900011"}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find("already existed"), std::string::npos) << again.body;
  // Without user_id the service makes one.
  const Reply generated = c.post_form("/wrk2-api/user/register", {{"first_name", "a"},
                                                                  {"last_name", "b"},
                                                                  {"username", "e2e_generated_id"},
                                                                  {"password", "pw"}});
  EXPECT_EQ(generated.status, 200) << generated.body;
  EXPECT_EQ(c.post_form("/api/user/login", {{"username", "e2e_generated_id"}, {"password", "pw"}}).status, 200);
}

TEST_F(SocialNetwork, ComposedPostsReachTimelinesWithMentionsUrlsAndMedia) {
  Client c = client();
  register_user(c, "e2e_author", 900100, "pw");
  register_user(c, "e2e_reader", 900101, "pw");
  register_user(c, "e2e_mentioned", 900102, "pw");
  register_user(c, "e2e_stranger", 900103, "pw");
  ASSERT_EQ(c.post_form("/wrk2-api/user/follow", {{"user_name", "e2e_reader"}, {"followee_name", "e2e_author"}}).status,
            200);

  const std::string text = "Hello @e2e_mentioned, read http://example.com/some/page?x=1 and https://meshwa.test now";
  const Reply composed = c.post_form("/wrk2-api/post/compose", {{"username", "e2e_author"},
                                                                {"user_id", "900100"},
                                                                {"text", text},
                                                                {"media_ids", R"(["123456789012345678", 42])"},
                                                                {"media_types", R"(["png","jpg"])"},
                                                                {"post_type", "0"}});
  ASSERT_EQ(composed.status, 200) << composed.body;
  EXPECT_EQ(composed.body, "Successfully upload post\n");
  ASSERT_EQ(c.post_form("/wrk2-api/post/compose",
                        {{"username", "e2e_author"}, {"user_id", "900100"}, {"text", "second post"}})
                .status,
            200);

  const json own = read(c, "user-timeline", 900100, 0, 10);
  ASSERT_EQ(own.size(), 2u) << own.dump();
  EXPECT_EQ(own[0]["text"], "second post");  // newest first
  const json& post = own[1];
  EXPECT_EQ(post["creator"]["username"], "e2e_author");
  EXPECT_EQ(post["creator"]["user_id"], 900100);
  EXPECT_EQ(post["post_type"], 0);
  ASSERT_EQ(post["media"].size(), 2u);
  EXPECT_EQ(post["media"][0]["media_id"], 123456789012345678);
  EXPECT_EQ(post["media"][0]["media_type"], "png");
  EXPECT_EQ(post["media"][1]["media_id"], 42);
  ASSERT_EQ(post["user_mentions"].size(), 1u);
  EXPECT_EQ(post["user_mentions"][0]["username"], "e2e_mentioned");
  EXPECT_EQ(post["user_mentions"][0]["user_id"], 900102);
  ASSERT_EQ(post["urls"].size(), 2u);
  EXPECT_EQ(post["urls"][0]["expanded_url"], "http://example.com/some/page?x=1");
  EXPECT_EQ(post["urls"][1]["expanded_url"], "https://meshwa.test");
  const std::string short0 = post["urls"][0]["shortened_url"], short1 = post["urls"][1]["shortened_url"];
  EXPECT_TRUE(std::regex_match(short0, std::regex("http://short-url/[A-Za-z0-9]{10}")));
  EXPECT_EQ(post["text"], "Hello @e2e_mentioned, read " + short0 + " and " + short1 + " now");

  const json follower_home = read(c, "home-timeline", 900101, 0, 10);
  ASSERT_EQ(follower_home.size(), 2u);
  EXPECT_EQ(follower_home[0]["post_id"], own[0]["post_id"]);
  EXPECT_EQ(follower_home[1]["post_id"], own[1]["post_id"]);
  const json mentioned_home = read(c, "home-timeline", 900102, 0, 10);
  ASSERT_EQ(mentioned_home.size(), 1u);
  EXPECT_EQ(mentioned_home[0]["post_id"], post["post_id"]);
  EXPECT_TRUE(read(c, "home-timeline", 900103, 0, 10).empty());
  // windows: [1, 2) is the older post only
  const json window = read(c, "user-timeline", 900100, 1, 2);
  ASSERT_EQ(window.size(), 1u);
  EXPECT_EQ(window[0]["post_id"], post["post_id"]);
}

TEST_F(SocialNetwork, UnfollowStopsTheFanOut) {
  Client c = client();
  register_user(c, "e2e_u_author", 900200, "pw");
  register_user(c, "e2e_u_reader", 900201, "pw");
  ASSERT_EQ(c.post_form("/wrk2-api/user/follow", {{"user_id", "900201"}, {"followee_id", "900200"}}).status, 200);
  ASSERT_EQ(c.post_form("/wrk2-api/post/compose", {{"username", "e2e_u_author"}, {"user_id", "900200"}, {"text", "one"}})
                .status,
            200);
  ASSERT_EQ(c.post_form("/wrk2-api/user/unfollow", {{"user_id", "900201"}, {"followee_id", "900200"}}).status, 200);
  ASSERT_EQ(c.post_form("/wrk2-api/post/compose", {{"username", "e2e_u_author"}, {"user_id", "900200"}, {"text", "two"}})
                .status,
            200);
  const json home = read(c, "home-timeline", 900201, 0, 10);
  ASSERT_EQ(home.size(), 1u);
  EXPECT_EQ(home[0]["text"], "one");
  // follow by name again, then the next post arrives
  ASSERT_EQ(
      c.post_form("/wrk2-api/user/follow", {{"user_name", "e2e_u_reader"}, {"followee_name", "e2e_u_author"}}).status,
      200);
  ASSERT_EQ(c.post_form("/wrk2-api/post/compose", {{"username", "e2e_u_author"}, {"user_id", "900200"}, {"text", "three"}})
                .status,
            200);
  EXPECT_EQ(read(c, "home-timeline", 900201, 0, 10)[0]["text"], "three");
}

TEST_F(SocialNetwork, LoadedGraphFansOutToFollowers) {
  // user 0 has followers in the generated graph; a post by user 0 reaches
  // every one of them.
  Client c = client();
  const auto followers = deployment_->ref<social::SocialGraphService>()->get_followers(1, 0);
  ASSERT_TRUE(followers.has_value());
  ASSERT_GT(followers->size(), 10u);
  ASSERT_EQ(c.post_form("/wrk2-api/post/compose",
                        {{"username", "username_0"}, {"user_id", "0"}, {"text", "hello followers @username_1"}})
                .status,
            200);
  const std::int64_t post_id = read(c, "user-timeline", 0, 0, 1)[0]["post_id"];
  for (const std::int64_t follower : *followers) {
    const json home = read(c, "home-timeline", follower, 0, 1);
    ASSERT_EQ(home.size(), 1u) << "follower " << follower;
    EXPECT_EQ(home[0]["post_id"], post_id);
  }
}

TEST_F(SocialNetwork, ConcurrentClientsAllSucceed) {
  constexpr int kClients = 4;
  constexpr int kPosts = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kClients; ++t) {
    threads.emplace_back([this, t] {
      Client c = client();
      for (int i = 0; i < kPosts; ++i) {
        const Reply r = c.post_form("/wrk2-api/post/compose", {{"username", "username_500"},
                                                               {"user_id", "500"},
                                                               {"text", "load " + std::to_string(t) + "/" + std::to_string(i) + " @username_501"}});
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(c.get("/wrk2-api/home-timeline/read", {{"user_id", "501"}, {"start", "0"}, {"stop", "10"}}).status, 200);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  Client c = client();
  const json mine = read(c, "user-timeline", 500, 0, 1000);
  std::set<std::string> texts;
  for (const json& post : mine) texts.insert(post["text"].get<std::string>());
  EXPECT_EQ(texts.size(), static_cast<std::size_t>(kClients * kPosts));
}

TEST_F(SocialNetwork, BadRequestsGet4xxWithAMessage) {
  Client c = client();
  struct Case {
    std::string name;
    Reply reply;
    int status;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"register without password",
       c.post_form("/wrk2-api/user/register", {{"first_name", "a"}, {"last_name", "b"}, {"username", "x"}}), 400,
       "password"},
      {"register with a non-numeric id",
       c.post_form("/wrk2-api/user/register",
                   {{"first_name", "a"}, {"last_name", "b"}, {"username", "x"}, {"password", "p"}, {"user_id", "12ab"}}),
       400, "user_id"},
      {"follow without followee", c.post_form("/wrk2-api/user/follow", {{"user_name", "username_1"}}), 400,
       "Incomplete"},
      {"follow an unknown user", c.post_form("/wrk2-api/user/follow", {{"user_name", "username_1"}, {"followee_name", "ghost"}}),
       404, "ghost"},
      {"follow oneself", c.post_form("/wrk2-api/user/follow", {{"user_id", "3"}, {"followee_id", "3"}}), 400, "itself"},
      {"compose without text", c.post_form("/wrk2-api/post/compose", {{"username", "username_1"}, {"user_id", "1"}}),
       400, "text"},
      {"compose with media_ids not JSON",
       c.post_form("/wrk2-api/post/compose",
                   {{"username", "username_1"}, {"user_id", "1"}, {"text", "t"}, {"media_ids", "[1,"}, {"media_types", "[]"}}),
       400, "media_ids"},
      {"compose with fewer types than ids",
       c.post_form("/wrk2-api/post/compose", {{"username", "username_1"},
                                              {"user_id", "1"},
                                              {"text", "t"},
                                              {"media_ids", "[1,2]"},
                                              {"media_types", R"(["png"])"}}),
       400, "not equal"},
      {"compose mentioning nobody",
       c.post_form("/wrk2-api/post/compose", {{"username", "username_1"}, {"user_id", "1"}, {"text", "hi @ghost"}}), 404,
       "@ghost"},
      {"compose with post_type 9",
       c.post_form("/wrk2-api/post/compose",
                   {{"username", "username_1"}, {"user_id", "1"}, {"text", "t"}, {"post_type", "9"}}),
       400, "post_type"},
      {"timeline without stop", c.get("/wrk2-api/home-timeline/read", {{"user_id", "1"}, {"start", "0"}}), 400, "stop"},
      {"timeline with a negative start",
       c.get("/wrk2-api/user-timeline/read", {{"user_id", "1"}, {"start", "-5"}, {"stop", "3"}}), 400, "negative"},
      {"timeline with a huge number",
       c.get("/wrk2-api/user-timeline/read", {{"user_id", "99999999999999999999999"}, {"start", "0"}, {"stop", "3"}}),
       400, "user_id"},
      {"login without form", c.post("/api/user/login", "{\"username\":\"a\"}", "application/json"), 400, "username"},
      {"unknown route", c.get("/wrk2-api/nothing"), 404, "no such route"},
      {"GET on a POST route", c.get("/wrk2-api/post/compose"), 404, "no such route"},
  };
  for (const Case& k : cases) {
    EXPECT_EQ(k.reply.status, k.status) << k.name << ": " << k.reply.body;
    EXPECT_NE(k.reply.body.find(k.says), std::string::npos) << k.name << ": " << k.reply.body;
  }
  // and the server is still there
  EXPECT_EQ(c.get("/wrk2-api/user-timeline/read", {{"user_id", "1"}, {"start", "0"}, {"stop", "1"}}).status, 200);
}

TEST_F(SocialNetwork, MetricsCountRequests) {
  Client c = client();
  c.get("/wrk2-api/user-timeline/read", {{"user_id", "1"}, {"start", "0"}, {"stop", "1"}});
  const Reply metrics = c.get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  std::smatch count;
  ASSERT_TRUE(std::regex_search(metrics.body, count,
                                std::regex(R"(social_http_requests_total\{route="/wrk2-api/user-timeline/read"\} (\d+))")))
      << metrics.body;
  EXPECT_GE(std::stoi(count[1]), 1);
}

}  // namespace
