// Storage behind interfaces. The original keeps its data in MongoDB, Redis and
// memcached; here each kind of data has a store interface, and the default
// deployment binds embedded in-memory implementations (storage/memory.hpp).
// A deployment that wants a real database binds another service providing
// the same interface: no service changes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "messages.hpp"

namespace social {

class MESHWA_INTERFACE UserStore {
 public:
  virtual ~UserStore() = default;
  /// already_exists when the username or the id is taken.
  virtual meshwa::Result<void> insert(User user) = 0;
  virtual meshwa::Result<User> find_by_username(std::string username) = 0;
  virtual meshwa::Result<User> find_by_id(std::int64_t user_id) = 0;
};

class MESHWA_INTERFACE GraphStore {
 public:
  virtual ~GraphStore() = default;
  virtual meshwa::Result<void> insert_user(std::int64_t user_id) = 0;
  /// not_found when either user is unknown; following twice is a no-op.
  virtual meshwa::Result<void> add_follow(std::int64_t follower, std::int64_t followee, std::int64_t timestamp) = 0;
  virtual meshwa::Result<void> remove_follow(std::int64_t follower, std::int64_t followee) = 0;
  virtual meshwa::Result<std::vector<std::int64_t>> followers(std::int64_t user_id) = 0;
  virtual meshwa::Result<std::vector<std::int64_t>> followees(std::int64_t user_id) = 0;
};

class MESHWA_INTERFACE PostStore {
 public:
  virtual ~PostStore() = default;
  virtual meshwa::Result<void> put(Post post) = 0;
  virtual meshwa::Result<Post> get(std::int64_t post_id) = 0;
  /// In the order asked; not_found names the first missing id.
  virtual meshwa::Result<std::vector<Post>> get_many(std::vector<std::int64_t> post_ids) = 0;
};

class MESHWA_INTERFACE UrlStore {
 public:
  virtual ~UrlStore() = default;
  virtual meshwa::Result<void> put(std::vector<Url> urls) = 0;
  /// The expanded form of each short URL; not_found names the first unknown one.
  virtual meshwa::Result<std::vector<std::string>> expand(std::vector<std::string> shortened_urls) = 0;
};

/// Sorted sets of post ids by timestamp, one per (timeline, owner), like the
/// original's Redis sorted sets; `timeline` names the keyspace ("user", "home").
class MESHWA_INTERFACE TimelineStore {
 public:
  virtual ~TimelineStore() = default;
  /// Adds the post to the timeline of every owner in `owners`.
  virtual meshwa::Result<void> add(std::string timeline, std::vector<std::int64_t> owners, std::int64_t post_id,
                                   std::int64_t timestamp) = 0;
  /// Post ids [start, stop) of one owner's timeline, newest first.
  virtual meshwa::Result<std::vector<std::int64_t>> range(std::string timeline, std::int64_t owner,
                                                          std::int32_t start, std::int32_t stop) = 0;
};

}  // namespace social
