#include "users.hpp"

#include <string>
#include <utility>

#include "../errors.hpp"

namespace social {
namespace {

constexpr std::int32_t kSaltLength = 32;  // the original's GenRandomString(32)
const std::string kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 7515 section 2), as JWTs use it.
std::string base64url(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                            (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                            std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    out += kBase64Url[(n >> 18) & 63];
    out += kBase64Url[(n >> 12) & 63];
    out += kBase64Url[(n >> 6) & 63];
    out += kBase64Url[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t n = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
    out += kBase64Url[(n >> 18) & 63];
    out += kBase64Url[(n >> 12) & 63];
  } else if (rest == 2) {
    const std::uint32_t n = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                            (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8);
    out += kBase64Url[(n >> 18) & 63];
    out += kBase64Url[(n >> 12) & 63];
    out += kBase64Url[(n >> 6) & 63];
  }
  return out;
}

/// A JSON string literal (quotes included).
std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      const std::string hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[byte >> 4];
      out += hex[byte & 15];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

/// The bytes of a lower-case hex string ("" when it is not one).
std::string from_hex(const std::string& hex) {
  const std::string digits = "0123456789abcdef";
  std::string bytes;
  if (hex.size() % 2 != 0) return bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const std::size_t high = digits.find(hex[i]);
    const std::size_t low = digits.find(hex[i + 1]);
    if (high == std::string::npos || low == std::string::npos) return {};
    bytes += static_cast<char>((high << 4) | low);
  }
  return bytes;
}

bool constant_time_equal(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

// ------------------------------------------------------------- User

UserHandler::UserHandler(meshwa::Context& ctx)
    : users_(ctx.ref<UserStore>()),
      social_graph_(ctx.ref<SocialGraphService>()),
      crypto_(ctx.ref<Crypto>()),
      secret_(ctx.config("secret", "secret")),
      ttl_(ctx.config("ttl", "3600")),
      fixed_time_ms_(fixed_time_from_setting(ctx.config("fixed_time_ms", "-1"))),
      ids_(std::stoll(ctx.config("machine_id", "0")), fixed_time_ms_) {}

meshwa::Result<void> UserHandler::register_user(std::int64_t req_id, std::string first_name, std::string last_name,
                                                std::string username, std::string password) {
  return register_user_with_id(req_id, std::move(first_name), std::move(last_name), std::move(username),
                               std::move(password), ids_.next());
}

meshwa::Result<void> UserHandler::register_user_with_id(std::int64_t req_id, std::string first_name,
                                                        std::string last_name, std::string username,
                                                        std::string password, std::int64_t user_id) {
  if (username.empty()) return errors::handler(meshwa::Code::invalid_argument, "username is empty");
  if (password.empty()) return errors::handler(meshwa::Code::invalid_argument, "password is empty");
  if (user_id < 0) return errors::handler(meshwa::Code::invalid_argument, "user_id is negative");
  auto salt = crypto_->random_alphanumeric(kSaltLength);
  if (!salt) return salt.error();
  auto hashed = crypto_->sha256_hex(password + *salt);
  if (!hashed) return hashed.error();

  User user;
  user.user_id = user_id;
  user.first_name = std::move(first_name);
  user.last_name = std::move(last_name);
  user.username = std::move(username);
  user.password_hashed = std::move(*hashed);
  user.salt = std::move(*salt);
  auto inserted = users_->insert(std::move(user));
  if (!inserted) return inserted.error();
  return social_graph_->insert_user(req_id, user_id);
}

meshwa::Result<std::string> UserHandler::login(std::int64_t /*req_id*/, std::string username, std::string password) {
  auto user = users_->find_by_username(username);
  if (!user) return user.error();
  auto hashed = crypto_->sha256_hex(password + user->salt);
  if (!hashed) return hashed.error();
  if (!constant_time_equal(*hashed, user->password_hashed)) {
    return errors::unauthorized("Incorrect username or password");
  }
  return sign_token(*user);
}

meshwa::Result<std::string> UserHandler::sign_token(const User& user) {
  const std::string header = base64url(R"({"alg":"HS256","typ":"JWT"})");
  const std::string payload = base64url("{\"user_id\":" + json_string(std::to_string(user.user_id)) +
                                        ",\"username\":" + json_string(user.username) + ",\"timestamp\":" +
                                        json_string(std::to_string(time_ms(fixed_time_ms_) / 1000)) +
                                        ",\"ttl\":" + json_string(ttl_) + "}");
  const std::string signing_input = header + "." + payload;
  auto mac = crypto_->hmac_sha256_hex(secret_, signing_input);
  if (!mac) return mac.error();
  const std::string signature = from_hex(*mac);
  if (signature.size() != 32) {
    return errors::handler(meshwa::Code::internal, "crypto returned a malformed HMAC: " + *mac);
  }
  return signing_input + "." + base64url(signature);
}

meshwa::Result<Creator> UserHandler::compose_creator_with_user_id(std::int64_t /*req_id*/, std::int64_t user_id,
                                                                  std::string username) {
  return Creator{user_id, std::move(username)};
}

meshwa::Result<Creator> UserHandler::compose_creator_with_username(std::int64_t /*req_id*/, std::string username) {
  auto user = users_->find_by_username(username);
  if (!user) return user.error();
  return Creator{user->user_id, std::move(username)};
}

meshwa::Result<std::int64_t> UserHandler::get_user_id(std::int64_t /*req_id*/, std::string username) {
  auto user = users_->find_by_username(std::move(username));
  if (!user) return user.error();
  return user->user_id;
}

// ------------------------------------------------------------- SocialGraph

SocialGraphHandler::SocialGraphHandler(meshwa::Context& ctx)
    : graph_(ctx.ref<GraphStore>()),
      users_(ctx.ref<UserStore>()),
      fixed_time_ms_(std::stoll(ctx.config("fixed_time_ms", "-1"))) {}

std::int64_t SocialGraphHandler::now() const { return fixed_time_ms_ >= 0 ? fixed_time_ms_ : now_ms(); }

meshwa::Result<std::vector<std::int64_t>> SocialGraphHandler::get_followers(std::int64_t /*req_id*/,
                                                                            std::int64_t user_id) {
  return graph_->followers(user_id);
}

meshwa::Result<std::vector<std::int64_t>> SocialGraphHandler::get_followees(std::int64_t /*req_id*/,
                                                                            std::int64_t user_id) {
  return graph_->followees(user_id);
}

meshwa::Result<void> SocialGraphHandler::follow(std::int64_t /*req_id*/, std::int64_t user_id,
                                                std::int64_t followee_id) {
  if (user_id == followee_id) {
    return errors::handler(meshwa::Code::invalid_argument, "user " + std::to_string(user_id) + " cannot follow itself");
  }
  return graph_->add_follow(user_id, followee_id, now());
}

meshwa::Result<void> SocialGraphHandler::unfollow(std::int64_t /*req_id*/, std::int64_t user_id,
                                                  std::int64_t followee_id) {
  return graph_->remove_follow(user_id, followee_id);
}

meshwa::Result<std::int64_t> SocialGraphHandler::id_of(const std::string& username) {
  auto user = users_->find_by_username(username);
  if (!user) return user.error();
  return user->user_id;
}

meshwa::Result<void> SocialGraphHandler::follow_with_username(std::int64_t req_id, std::string user_name,
                                                              std::string followee_name) {
  auto user_id = id_of(user_name);
  if (!user_id) return user_id.error();
  auto followee_id = id_of(followee_name);
  if (!followee_id) return followee_id.error();
  return follow(req_id, *user_id, *followee_id);
}

meshwa::Result<void> SocialGraphHandler::unfollow_with_username(std::int64_t req_id, std::string user_name,
                                                                std::string followee_name) {
  auto user_id = id_of(user_name);
  if (!user_id) return user_id.error();
  auto followee_id = id_of(followee_name);
  if (!followee_id) return followee_id.error();
  return unfollow(req_id, *user_id, *followee_id);
}

meshwa::Result<void> SocialGraphHandler::insert_user(std::int64_t /*req_id*/, std::int64_t user_id) {
  return graph_->insert_user(user_id);
}

}  // namespace social
