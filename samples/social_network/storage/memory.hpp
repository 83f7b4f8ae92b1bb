// The embedded default storage: one in-memory service per store interface,
// each guarding its maps with a reader/writer lock. What the original keeps
// in MongoDB (durable) and Redis/memcached (caches) lives here once; nothing
// survives a restart, which is what a demo and a benchmark want.
#pragma once

#include <cstdint>
#include <map>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "../storage.hpp"

namespace social {

class MESHWA_SERVICE("user-store") MemoryUserStore final : public UserStore {
 public:
  explicit MemoryUserStore(meshwa::Context& ctx);
  meshwa::Result<void> insert(User user) override;
  meshwa::Result<User> find_by_username(std::string username) override;
  meshwa::Result<User> find_by_id(std::int64_t user_id) override;

 private:
  std::shared_mutex mutex_;
  std::unordered_map<std::string, User> by_username_;
  std::unordered_map<std::int64_t, std::string> username_by_id_;
};

class MESHWA_SERVICE("graph-store") MemoryGraphStore final : public GraphStore {
 public:
  explicit MemoryGraphStore(meshwa::Context& ctx);
  meshwa::Result<void> insert_user(std::int64_t user_id) override;
  meshwa::Result<void> add_follow(std::int64_t follower, std::int64_t followee, std::int64_t timestamp) override;
  meshwa::Result<void> remove_follow(std::int64_t follower, std::int64_t followee) override;
  meshwa::Result<std::vector<std::int64_t>> followers(std::int64_t user_id) override;
  meshwa::Result<std::vector<std::int64_t>> followees(std::int64_t user_id) override;

 private:
  /// Both directions of every edge, keyed by the other user's id; the value
  /// is when the follow happened (the original stores it too).
  struct Node {
    std::map<std::int64_t, std::int64_t> followers;
    std::map<std::int64_t, std::int64_t> followees;
  };

  std::shared_mutex mutex_;
  std::unordered_map<std::int64_t, Node> nodes_;
};

class MESHWA_SERVICE("post-store") MemoryPostStore final : public PostStore {
 public:
  explicit MemoryPostStore(meshwa::Context& ctx);
  meshwa::Result<void> put(Post post) override;
  meshwa::Result<Post> get(std::int64_t post_id) override;
  meshwa::Result<std::vector<Post>> get_many(std::vector<std::int64_t> post_ids) override;

 private:
  std::shared_mutex mutex_;
  std::unordered_map<std::int64_t, Post> posts_;
};

class MESHWA_SERVICE("url-store") MemoryUrlStore final : public UrlStore {
 public:
  explicit MemoryUrlStore(meshwa::Context& ctx);
  meshwa::Result<void> put(std::vector<Url> urls) override;
  meshwa::Result<std::vector<std::string>> expand(std::vector<std::string> shortened_urls) override;

 private:
  std::shared_mutex mutex_;
  std::unordered_map<std::string, std::string> expanded_by_short_;
};

class MESHWA_SERVICE("timeline-store") MemoryTimelineStore final : public TimelineStore {
 public:
  explicit MemoryTimelineStore(meshwa::Context& ctx);
  meshwa::Result<void> add(std::string timeline, std::vector<std::int64_t> owners, std::int64_t post_id,
                           std::int64_t timestamp) override;
  meshwa::Result<std::vector<std::int64_t>> range(std::string timeline, std::int64_t owner, std::int32_t start,
                                                  std::int32_t stop) override;

 private:
  struct Entry {
    std::int64_t timestamp = 0;
    std::int64_t post_id = 0;
    friend bool operator<(const Entry& a, const Entry& b) {
      return a.timestamp != b.timestamp ? a.timestamp < b.timestamp : a.post_id < b.post_id;
    }
  };
  /// Oldest first; posts mostly arrive in time order, so adding is an append.
  using Entries = std::vector<Entry>;

  std::shared_mutex mutex_;
  std::map<std::string, std::unordered_map<std::int64_t, Entries>, std::less<>> timelines_;
};

}  // namespace social
