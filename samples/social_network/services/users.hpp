// UserService and SocialGraphService.
//
// The original has a cycle: UserService calls SocialGraph.InsertUser when a
// user registers, and SocialGraph calls UserService.GetUserId for the
// *WithUsername methods. A meshwa deployment refuses cycles, so SocialGraph
// reads usernames from the user store directly, as the original's
// UserMentionService does.
#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

#include "../interfaces.hpp"
#include "../snowflake.hpp"
#include "../storage.hpp"

namespace social {

/// Config: "secret" (JWT signing key, default "secret" as in the original's
/// service-config.json), "ttl" (token lifetime in seconds, default 3600),
/// "machine_id" (for generated user ids, default 0), "fixed_time_ms" (token
/// timestamps and generated user ids take this time instead of the clock, for
/// repeatable contracts; default -1: the clock).
class MESHWA_SERVICE("user-service") UserHandler final : public UserService {
 public:
  explicit UserHandler(meshwa::Context& ctx);
  meshwa::Result<void> register_user(std::int64_t req_id, std::string first_name, std::string last_name,
                                     std::string username, std::string password) override;
  meshwa::Result<void> register_user_with_id(std::int64_t req_id, std::string first_name, std::string last_name,
                                             std::string username, std::string password,
                                             std::int64_t user_id) override;
  meshwa::Result<std::string> login(std::int64_t req_id, std::string username, std::string password) override;
  meshwa::Result<Creator> compose_creator_with_user_id(std::int64_t req_id, std::int64_t user_id,
                                                       std::string username) override;
  meshwa::Result<Creator> compose_creator_with_username(std::int64_t req_id, std::string username) override;
  meshwa::Result<std::int64_t> get_user_id(std::int64_t req_id, std::string username) override;

 private:
  meshwa::Result<std::string> sign_token(const User& user);

  meshwa::Ref<UserStore> users_;
  meshwa::Ref<SocialGraphService> social_graph_;
  meshwa::Ref<Crypto> crypto_;
  const std::string secret_;
  const std::string ttl_;
  const std::int64_t fixed_time_ms_;  // -1: the clock
  Snowflake ids_;
};

/// Config: "fixed_time_ms" (stamps follows with this time instead of the
/// clock, for repeatable contracts; default: the clock).
class MESHWA_SERVICE("social-graph-service") SocialGraphHandler final : public SocialGraphService {
 public:
  explicit SocialGraphHandler(meshwa::Context& ctx);
  meshwa::Result<std::vector<std::int64_t>> get_followers(std::int64_t req_id, std::int64_t user_id) override;
  meshwa::Result<std::vector<std::int64_t>> get_followees(std::int64_t req_id, std::int64_t user_id) override;
  meshwa::Result<void> follow(std::int64_t req_id, std::int64_t user_id, std::int64_t followee_id) override;
  meshwa::Result<void> unfollow(std::int64_t req_id, std::int64_t user_id, std::int64_t followee_id) override;
  meshwa::Result<void> follow_with_username(std::int64_t req_id, std::string user_name,
                                            std::string followee_name) override;
  meshwa::Result<void> unfollow_with_username(std::int64_t req_id, std::string user_name,
                                              std::string followee_name) override;
  meshwa::Result<void> insert_user(std::int64_t req_id, std::int64_t user_id) override;

 private:
  meshwa::Result<std::int64_t> id_of(const std::string& username);
  std::int64_t now() const;

  meshwa::Ref<GraphStore> graph_;
  meshwa::Ref<UserStore> users_;
  const std::int64_t fixed_time_ms_;  // -1: the clock
};

}  // namespace social
