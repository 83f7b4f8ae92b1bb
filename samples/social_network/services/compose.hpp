// The services on the compose-post path: UniqueId, Text, UrlShorten,
// UserMention, Media and ComposePost (handlers named as in the original).
#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "../interfaces.hpp"
#include "../parallel.hpp"
#include "../snowflake.hpp"
#include "../storage.hpp"

namespace social {

/// Config: "machine_id" (0..1023, default 0), "fixed_time_ms" (ids take this
/// time instead of the clock, for repeatable contracts; default -1: the clock).
class MESHWA_SERVICE("unique-id-service") UniqueIdHandler final : public UniqueIdService {
 public:
  explicit UniqueIdHandler(meshwa::Context& ctx);
  meshwa::Result<std::int64_t> compose_unique_id(std::int64_t req_id, PostType post_type) override;

 private:
  Snowflake ids_;
};

/// Config: "seed" (fixes the random short URLs; default: a new seed per start).
class MESHWA_SERVICE("url-shorten-service") UrlShortenHandler final : public UrlShortenService {
 public:
  explicit UrlShortenHandler(meshwa::Context& ctx);
  meshwa::Result<std::vector<Url>> compose_urls(std::int64_t req_id, std::vector<std::string> urls) override;
  meshwa::Result<std::vector<std::string>> get_extended_urls(std::int64_t req_id,
                                                             std::vector<std::string> shortened_urls) override;

 private:
  std::string random_suffix();

  meshwa::Ref<UrlStore> store_;
  std::mutex random_mutex_;
  std::mt19937_64 random_;
};

class MESHWA_SERVICE("user-mention-service") UserMentionHandler final : public UserMentionService {
 public:
  explicit UserMentionHandler(meshwa::Context& ctx);
  meshwa::Result<std::vector<UserMention>> compose_user_mentions(std::int64_t req_id,
                                                                 std::vector<std::string> usernames) override;

 private:
  meshwa::Ref<UserStore> users_;
};

class MESHWA_SERVICE("media-service") MediaHandler final : public MediaService {
 public:
  explicit MediaHandler(meshwa::Context& ctx);
  meshwa::Result<std::vector<Media>> compose_media(std::int64_t req_id, std::vector<std::string> media_types,
                                                   std::vector<std::int64_t> media_ids) override;
};

/// Config: "branches" ("parallel", default: shortens URLs on another thread
/// while resolving mentions; "sequential").
class MESHWA_SERVICE("text-service") TextHandler final : public TextService {
 public:
  explicit TextHandler(meshwa::Context& ctx);
  meshwa::Result<TextServiceReturn> compose_text(std::int64_t req_id, std::string text) override;

 private:
  meshwa::Ref<UrlShortenService> url_shorten_;
  meshwa::Ref<UserMentionService> user_mention_;
  const Branches branches_;
  const std::regex mention_pattern_;
  const std::regex url_pattern_;
};

/// Config: "branches" ("parallel", default: composes the text on another
/// thread meanwhile; "sequential"), "fixed_time_ms" (stamps posts with this
/// time instead of the clock, for repeatable contracts; default -1: the clock).
class MESHWA_SERVICE("compose-post-service") ComposePostHandler final : public ComposePostService {
 public:
  explicit ComposePostHandler(meshwa::Context& ctx);
  meshwa::Result<void> compose_post(std::int64_t req_id, std::string username, std::int64_t user_id,
                                    std::string text, std::vector<std::int64_t> media_ids,
                                    std::vector<std::string> media_types, PostType post_type) override;

 private:
  meshwa::Ref<TextService> text_;
  meshwa::Ref<UniqueIdService> unique_id_;
  meshwa::Ref<MediaService> media_;
  meshwa::Ref<UserService> user_;
  meshwa::Ref<PostStorageService> post_storage_;
  meshwa::Ref<UserTimelineService> user_timeline_;
  meshwa::Ref<HomeTimelineService> home_timeline_;
  const Branches branches_;
  const std::int64_t fixed_time_ms_;  // -1: the clock
};

}  // namespace social
