// The services of socialNetwork: one meshwa interface per thrift service of
// DeathStarBench's social_network.thrift, same methods (snake_case), same
// parameters, the request id first as in the original. The tracing carrier
// parameter is dropped: a call in one binary needs no propagated context.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "messages.hpp"

namespace social {

class MESHWA_INTERFACE UniqueIdService {
 public:
  virtual ~UniqueIdService() = default;
  /// A snowflake id: machine id, milliseconds since 2018-01-01, counter.
  virtual meshwa::Result<std::int64_t> compose_unique_id(std::int64_t req_id, PostType post_type) = 0;
};

class MESHWA_INTERFACE TextService {
 public:
  virtual ~TextService() = default;
  /// Finds @mentions and http(s) URLs, resolves both (in parallel) and
  /// returns the text with every URL replaced by its short form.
  virtual meshwa::Result<TextServiceReturn> compose_text(std::int64_t req_id, std::string text) = 0;
};

class MESHWA_INTERFACE UrlShortenService {
 public:
  virtual ~UrlShortenService() = default;
  virtual meshwa::Result<std::vector<Url>> compose_urls(std::int64_t req_id, std::vector<std::string> urls) = 0;
  virtual meshwa::Result<std::vector<std::string>> get_extended_urls(std::int64_t req_id,
                                                                     std::vector<std::string> shortened_urls) = 0;
};

class MESHWA_INTERFACE UserMentionService {
 public:
  virtual ~UserMentionService() = default;
  virtual meshwa::Result<std::vector<UserMention>> compose_user_mentions(std::int64_t req_id,
                                                                         std::vector<std::string> usernames) = 0;
};

class MESHWA_INTERFACE MediaService {
 public:
  virtual ~MediaService() = default;
  virtual meshwa::Result<std::vector<Media>> compose_media(std::int64_t req_id, std::vector<std::string> media_types,
                                                           std::vector<std::int64_t> media_ids) = 0;
};

class MESHWA_INTERFACE UserService {
 public:
  virtual ~UserService() = default;
  virtual meshwa::Result<void> register_user(std::int64_t req_id, std::string first_name, std::string last_name,
                                             std::string username, std::string password) = 0;
  virtual meshwa::Result<void> register_user_with_id(std::int64_t req_id, std::string first_name,
                                                     std::string last_name, std::string username,
                                                     std::string password, std::int64_t user_id) = 0;
  /// A signed HS256 JSON Web Token for the user.
  virtual meshwa::Result<std::string> login(std::int64_t req_id, std::string username, std::string password) = 0;
  virtual meshwa::Result<Creator> compose_creator_with_user_id(std::int64_t req_id, std::int64_t user_id,
                                                               std::string username) = 0;
  virtual meshwa::Result<Creator> compose_creator_with_username(std::int64_t req_id, std::string username) = 0;
  virtual meshwa::Result<std::int64_t> get_user_id(std::int64_t req_id, std::string username) = 0;
};

class MESHWA_INTERFACE SocialGraphService {
 public:
  virtual ~SocialGraphService() = default;
  virtual meshwa::Result<std::vector<std::int64_t>> get_followers(std::int64_t req_id, std::int64_t user_id) = 0;
  virtual meshwa::Result<std::vector<std::int64_t>> get_followees(std::int64_t req_id, std::int64_t user_id) = 0;
  virtual meshwa::Result<void> follow(std::int64_t req_id, std::int64_t user_id, std::int64_t followee_id) = 0;
  virtual meshwa::Result<void> unfollow(std::int64_t req_id, std::int64_t user_id, std::int64_t followee_id) = 0;
  virtual meshwa::Result<void> follow_with_username(std::int64_t req_id, std::string user_name,
                                                    std::string followee_name) = 0;
  virtual meshwa::Result<void> unfollow_with_username(std::int64_t req_id, std::string user_name,
                                                      std::string followee_name) = 0;
  virtual meshwa::Result<void> insert_user(std::int64_t req_id, std::int64_t user_id) = 0;
};

class MESHWA_INTERFACE PostStorageService {
 public:
  virtual ~PostStorageService() = default;
  virtual meshwa::Result<void> store_post(std::int64_t req_id, Post post) = 0;
  virtual meshwa::Result<Post> read_post(std::int64_t req_id, std::int64_t post_id) = 0;
  /// The posts in the order of `post_ids`; not_found when one is missing.
  virtual meshwa::Result<std::vector<Post>> read_posts(std::int64_t req_id, std::vector<std::int64_t> post_ids) = 0;
};

class MESHWA_INTERFACE UserTimelineService {
 public:
  virtual ~UserTimelineService() = default;
  virtual meshwa::Result<void> write_user_timeline(std::int64_t req_id, std::int64_t post_id, std::int64_t user_id,
                                                   std::int64_t timestamp) = 0;
  /// Posts [start, stop) of the user's own posts, newest first.
  virtual meshwa::Result<std::vector<Post>> read_user_timeline(std::int64_t req_id, std::int64_t user_id,
                                                               std::int32_t start, std::int32_t stop) = 0;
};

class MESHWA_INTERFACE HomeTimelineService {
 public:
  virtual ~HomeTimelineService() = default;
  /// Fans the post out to the home timelines of the author's followers and
  /// of the users it mentions.
  virtual meshwa::Result<void> write_home_timeline(std::int64_t req_id, std::int64_t post_id, std::int64_t user_id,
                                                   std::int64_t timestamp,
                                                   std::vector<std::int64_t> user_mentions_id) = 0;
  /// Posts [start, stop) of the user's home timeline, newest first.
  virtual meshwa::Result<std::vector<Post>> read_home_timeline(std::int64_t req_id, std::int64_t user_id,
                                                               std::int32_t start, std::int32_t stop) = 0;
};

class MESHWA_INTERFACE ComposePostService {
 public:
  virtual ~ComposePostService() = default;
  virtual meshwa::Result<void> compose_post(std::int64_t req_id, std::string username, std::int64_t user_id,
                                            std::string text, std::vector<std::int64_t> media_ids,
                                            std::vector<std::string> media_types, PostType post_type) = 0;
};

/// The legacy part: hashing, MAC and randomness from OpenSSL's C API. Kept
/// apart from UserService so that only this small service runs in an MPK
/// domain and the user logic stays in the proven-safe subset.
class MESHWA_INTERFACE Crypto {
 public:
  virtual ~Crypto() = default;
  /// Lower-case hex SHA-256 of `data`.
  virtual meshwa::Result<std::string> sha256_hex(std::string data) = 0;
  /// Lower-case hex HMAC-SHA-256 of `message` under `key` (text, not raw
  /// bytes: whatever crosses a boundary may be recorded in a JSON contract).
  virtual meshwa::Result<std::string> hmac_sha256_hex(std::string key, std::string message) = 0;
  /// `length` characters from [a-zA-Z0-9], from OpenSSL's CSPRNG.
  virtual meshwa::Result<std::string> random_alphanumeric(std::int32_t length) = 0;
};

}  // namespace social
