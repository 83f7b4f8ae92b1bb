// The messages of socialNetwork (DeathStarBench's social_network.thrift),
// rewritten as meshwa messages: plain structs of crossable members. meshwa gen
// adds their Boost.Hana adaptation, equality, printing and JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace social {

/// What kind of post a post is (thrift enum PostType).
enum class PostType : std::int32_t { post = 0, repost = 1, reply = 2, dm = 3 };

/// A registered user as the user store keeps it (thrift struct User).
struct MESHWA_MESSAGE User {
  std::int64_t user_id = 0;
  std::string first_name;
  std::string last_name;
  std::string username;
  std::string password_hashed;  // hex SHA-256 of password + salt
  std::string salt;
};

/// Who wrote a post.
struct MESHWA_MESSAGE Creator {
  std::int64_t user_id = 0;
  std::string username;
};

struct MESHWA_MESSAGE Media {
  std::int64_t media_id = 0;
  std::string media_type;
};

struct MESHWA_MESSAGE Url {
  std::string shortened_url;
  std::string expanded_url;
};

struct MESHWA_MESSAGE UserMention {
  std::int64_t user_id = 0;
  std::string username;
};

/// What TextService::compose_text returns (thrift TextServiceReturn).
struct MESHWA_MESSAGE TextServiceReturn {
  std::string text;
  std::vector<UserMention> user_mentions;
  std::vector<Url> urls;
};

struct MESHWA_MESSAGE Post {
  std::int64_t post_id = 0;
  Creator creator;
  std::int64_t req_id = 0;
  std::string text;
  std::vector<UserMention> user_mentions;
  std::vector<Media> media;
  std::vector<Url> urls;
  std::int64_t timestamp = 0;  // milliseconds since the Unix epoch
  PostType post_type = PostType::post;
};

}  // namespace social
