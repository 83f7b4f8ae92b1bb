// A timeline cache shared by request threads: std::mutex, std::shared_mutex,
// lock_guard / unique_lock / shared_lock / scoped_lock, a condition variable
// with a predicate lambda, atomics, std::unordered_map and std::deque
// members, std::chrono, LRU eviction with list iterators kept in a map.
// All rules on: not one diagnostic.
// expected-no-diagnostics
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <list>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace social {

struct MESHWA_MESSAGE Post {
  int64_t post_id = 0;
  int64_t author_id = 0;
  std::string text;
  int64_t timestamp_ms = 0;
};

class MESHWA_INTERFACE Timeline {
 public:
  virtual ~Timeline() = default;
  virtual meshwa::Result<std::vector<Post>> read(int64_t user_id, int32_t start, int32_t stop) = 0;
  virtual meshwa::Result<void> write(int64_t user_id, Post post) = 0;
  virtual int64_t hits() = 0;
};

class MESHWA_SERVICE("timeline-cache") TimelineCache final : public Timeline {
 public:
  static constexpr std::size_t kCapacity = 1024;
  static constexpr std::size_t kMaxPostsPerUser = 200;
  static constexpr auto kTtl = std::chrono::minutes(5);

  explicit TimelineCache(meshwa::Context& ctx) : capacity_(std::stoul(ctx.config("capacity", "1024"))) {}

  meshwa::Result<std::vector<Post>> read(int64_t user_id, int32_t start, int32_t stop) override {
    if (start < 0 || stop < start) return meshwa::Error(meshwa::Code::invalid_argument, "bad range");
    {
      std::shared_lock lock(mutex_);
      auto it = entries_.find(user_id);
      if (it != entries_.end() && !expired(it->second)) {
        hits_.fetch_add(1, std::memory_order_relaxed);
        const auto& posts = it->second.posts;
        const auto first = std::min<std::size_t>(static_cast<std::size_t>(start), posts.size());
        const auto last = std::min<std::size_t>(static_cast<std::size_t>(stop), posts.size());
        return std::vector<Post>(posts.begin() + static_cast<std::ptrdiff_t>(first),
                                 posts.begin() + static_cast<std::ptrdiff_t>(last));
      }
    }
    misses_++;
    return meshwa::Error(meshwa::Code::not_found, "timeline of " + std::to_string(user_id) + " not cached");
  }

  meshwa::Result<void> write(int64_t user_id, Post post) override {
    std::unique_lock lock(mutex_);
    auto& entry = entries_[user_id];
    entry.posts.push_front(std::move(post));
    if (entry.posts.size() > kMaxPostsPerUser) entry.posts.pop_back();
    entry.stored_at = std::chrono::steady_clock::now();
    touch(user_id);
    while (entries_.size() > capacity_) evict_one();
    lock.unlock();
    changed_.notify_all();
    return {};
  }

  int64_t hits() override { return hits_.load(); }

  // Waits until some timeline was written or the deadline passes.
  bool wait_for_write(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(wait_mutex_);
    const uint64_t seen = generation_;
    return changed_.wait_for(lock, timeout, [&] { return generation_ != seen || stopping_.load(); });
  }

  void stop() {
    {
      std::lock_guard<std::mutex> guard(wait_mutex_);
      stopping_ = true;
      ++generation_;
    }
    changed_.notify_all();
  }

  std::vector<int64_t> cached_users() const {
    std::shared_lock lock(mutex_);
    std::vector<int64_t> users;
    users.reserve(entries_.size());
    for (const auto& [user, entry] : entries_) users.push_back(user);
    std::ranges::sort(users);
    return users;
  }

  std::size_t purge_expired() {
    std::scoped_lock lock(mutex_);
    const std::size_t before = entries_.size();
    std::erase_if(entries_, [this](const auto& kv) { return expired(kv.second); });
    for (auto it = lru_.begin(); it != lru_.end();) {
      if (!entries_.contains(*it)) {
        positions_.erase(*it);
        it = lru_.erase(it);
      } else {
        ++it;
      }
    }
    return before - entries_.size();
  }

  double hit_ratio() const {
    const auto h = hits_.load();
    const auto m = misses_.load();
    return h + m == 0 ? 0.0 : static_cast<double>(h) / static_cast<double>(h + m);
  }

 private:
  struct Entry {
    std::deque<Post> posts;
    std::chrono::steady_clock::time_point stored_at{};
  };

  bool expired(const Entry& e) const { return std::chrono::steady_clock::now() - e.stored_at > kTtl; }

  void touch(int64_t user_id) {
    if (auto pos = positions_.find(user_id); pos != positions_.end()) lru_.erase(pos->second);
    lru_.push_front(user_id);
    positions_[user_id] = lru_.begin();
  }

  void evict_one() {
    if (lru_.empty()) return;
    const int64_t victim = lru_.back();
    lru_.pop_back();
    positions_.erase(victim);
    entries_.erase(victim);
  }

  const std::size_t capacity_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<int64_t, Entry> entries_;
  std::list<int64_t> lru_;
  std::unordered_map<int64_t, std::list<int64_t>::iterator> positions_;
  std::atomic<int64_t> hits_{0};
  std::atomic<int64_t> misses_{0};
  std::atomic<bool> stopping_{false};
  std::mutex wait_mutex_;
  std::condition_variable changed_;
  uint64_t generation_ = 0;
};

}  // namespace social
