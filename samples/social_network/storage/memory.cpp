#include "memory.hpp"

#include <algorithm>
#include <mutex>
#include <utility>

#include "../errors.hpp"

namespace social {

// ------------------------------------------------------------- users

MemoryUserStore::MemoryUserStore(meshwa::Context& /*ctx*/) {}

meshwa::Result<void> MemoryUserStore::insert(User user) {
  std::unique_lock lock(mutex_);
  if (by_username_.contains(user.username)) {
    return errors::handler(meshwa::Code::already_exists, "User " + user.username + " already existed");
  }
  if (username_by_id_.contains(user.user_id)) {
    return errors::handler(meshwa::Code::already_exists,
                           "User id " + std::to_string(user.user_id) + " already existed");
  }
  username_by_id_.emplace(user.user_id, user.username);
  std::string key = user.username;
  by_username_.emplace(std::move(key), std::move(user));
  return meshwa::ok();
}

meshwa::Result<User> MemoryUserStore::find_by_username(std::string username) {
  std::shared_lock lock(mutex_);
  const auto found = by_username_.find(username);
  if (found == by_username_.end()) {
    return errors::handler(meshwa::Code::not_found, "User: " + username + " doesn't exist");
  }
  return found->second;
}

meshwa::Result<User> MemoryUserStore::find_by_id(std::int64_t user_id) {
  std::shared_lock lock(mutex_);
  const auto name = username_by_id_.find(user_id);
  if (name == username_by_id_.end()) {
    return errors::handler(meshwa::Code::not_found, "User id " + std::to_string(user_id) + " doesn't exist");
  }
  return by_username_.at(name->second);
}

// ------------------------------------------------------------- social graph

MemoryGraphStore::MemoryGraphStore(meshwa::Context& /*ctx*/) {}

meshwa::Result<void> MemoryGraphStore::insert_user(std::int64_t user_id) {
  std::unique_lock lock(mutex_);
  nodes_.try_emplace(user_id);
  return meshwa::ok();
}

meshwa::Result<void> MemoryGraphStore::add_follow(std::int64_t follower, std::int64_t followee,
                                                  std::int64_t timestamp) {
  std::unique_lock lock(mutex_);
  const auto from = nodes_.find(follower);
  const auto to = nodes_.find(followee);
  if (from == nodes_.end() || to == nodes_.end()) {
    return errors::handler(meshwa::Code::not_found,
                           "user " + std::to_string(from == nodes_.end() ? follower : followee) +
                               " is not in the social graph");
  }
  from->second.followees.try_emplace(followee, timestamp);
  to->second.followers.try_emplace(follower, timestamp);
  return meshwa::ok();
}

meshwa::Result<void> MemoryGraphStore::remove_follow(std::int64_t follower, std::int64_t followee) {
  std::unique_lock lock(mutex_);
  const auto from = nodes_.find(follower);
  const auto to = nodes_.find(followee);
  if (from == nodes_.end() || to == nodes_.end()) {
    return errors::handler(meshwa::Code::not_found,
                           "user " + std::to_string(from == nodes_.end() ? follower : followee) +
                               " is not in the social graph");
  }
  from->second.followees.erase(followee);
  to->second.followers.erase(follower);
  return meshwa::ok();
}

meshwa::Result<std::vector<std::int64_t>> MemoryGraphStore::followers(std::int64_t user_id) {
  std::shared_lock lock(mutex_);
  const auto node = nodes_.find(user_id);
  if (node == nodes_.end()) {
    return errors::handler(meshwa::Code::not_found, "user " + std::to_string(user_id) + " is not in the social graph");
  }
  std::vector<std::int64_t> ids;
  ids.reserve(node->second.followers.size());
  for (const auto& [id, since] : node->second.followers) ids.push_back(id);
  return ids;
}

meshwa::Result<std::vector<std::int64_t>> MemoryGraphStore::followees(std::int64_t user_id) {
  std::shared_lock lock(mutex_);
  const auto node = nodes_.find(user_id);
  if (node == nodes_.end()) {
    return errors::handler(meshwa::Code::not_found, "user " + std::to_string(user_id) + " is not in the social graph");
  }
  std::vector<std::int64_t> ids;
  ids.reserve(node->second.followees.size());
  for (const auto& [id, since] : node->second.followees) ids.push_back(id);
  return ids;
}

// ------------------------------------------------------------- posts

MemoryPostStore::MemoryPostStore(meshwa::Context& /*ctx*/) {}

meshwa::Result<void> MemoryPostStore::put(Post post) {
  std::unique_lock lock(mutex_);
  const std::int64_t id = post.post_id;
  const bool inserted = posts_.try_emplace(id, std::move(post)).second;
  if (!inserted) {
    return errors::handler(meshwa::Code::already_exists, "post " + std::to_string(id) + " is already stored");
  }
  return meshwa::ok();
}

meshwa::Result<Post> MemoryPostStore::get(std::int64_t post_id) {
  std::shared_lock lock(mutex_);
  const auto found = posts_.find(post_id);
  if (found == posts_.end()) {
    return errors::handler(meshwa::Code::not_found, "post_id: " + std::to_string(post_id) + " doesn't exist");
  }
  return found->second;
}

meshwa::Result<std::vector<Post>> MemoryPostStore::get_many(std::vector<std::int64_t> post_ids) {
  std::vector<Post> posts;
  posts.reserve(post_ids.size());
  std::shared_lock lock(mutex_);
  for (const std::int64_t id : post_ids) {
    const auto found = posts_.find(id);
    if (found == posts_.end()) {
      return errors::handler(meshwa::Code::not_found, "post_id: " + std::to_string(id) + " doesn't exist");
    }
    posts.push_back(found->second);
  }
  return posts;
}

// ------------------------------------------------------------- URLs

MemoryUrlStore::MemoryUrlStore(meshwa::Context& /*ctx*/) {}

meshwa::Result<void> MemoryUrlStore::put(std::vector<Url> urls) {
  std::unique_lock lock(mutex_);
  for (Url& url : urls) {
    expanded_by_short_.insert_or_assign(std::move(url.shortened_url), std::move(url.expanded_url));
  }
  return meshwa::ok();
}

meshwa::Result<std::vector<std::string>> MemoryUrlStore::expand(std::vector<std::string> shortened_urls) {
  std::vector<std::string> expanded;
  expanded.reserve(shortened_urls.size());
  std::shared_lock lock(mutex_);
  for (const std::string& url : shortened_urls) {
    const auto found = expanded_by_short_.find(url);
    if (found == expanded_by_short_.end()) {
      return errors::handler(meshwa::Code::not_found, "short URL " + url + " is unknown");
    }
    expanded.push_back(found->second);
  }
  return expanded;
}

// ------------------------------------------------------------- timelines

MemoryTimelineStore::MemoryTimelineStore(meshwa::Context& /*ctx*/) {}

meshwa::Result<void> MemoryTimelineStore::add(std::string timeline, std::vector<std::int64_t> owners,
                                              std::int64_t post_id, std::int64_t timestamp) {
  const Entry entry{timestamp, post_id};
  std::unique_lock lock(mutex_);
  auto& by_owner = timelines_[timeline];
  for (const std::int64_t owner : owners) {
    Entries& entries = by_owner[owner];
    if (entries.empty() || entries.back() < entry) {
      entries.push_back(entry);
      continue;
    }
    const auto at = static_cast<std::size_t>(std::lower_bound(entries.begin(), entries.end(), entry) - entries.begin());
    if (at < entries.size() && !(entry < entries[at])) continue;  // already there
    entries.insert(entries.begin() + static_cast<std::ptrdiff_t>(at), entry);
  }
  return meshwa::ok();
}

meshwa::Result<std::vector<std::int64_t>> MemoryTimelineStore::range(std::string timeline, std::int64_t owner,
                                                                     std::int32_t start, std::int32_t stop) {
  std::vector<std::int64_t> ids;
  if (start < 0 || stop <= start) return ids;
  std::shared_lock lock(mutex_);
  const auto by_owner = timelines_.find(timeline);
  if (by_owner == timelines_.end()) return ids;
  const auto entries = by_owner->second.find(owner);
  if (entries == by_owner->second.end()) return ids;
  const auto size = static_cast<std::int64_t>(entries->second.size());
  for (std::int64_t i = start; i < stop && i < size; ++i) {
    ids.push_back(entries->second[static_cast<std::size_t>(size - 1 - i)].post_id);
  }
  return ids;
}

}  // namespace social
