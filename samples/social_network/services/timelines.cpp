#include "timelines.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "../errors.hpp"

namespace social {
namespace {

const std::string kUserTimeline = "user";
const std::string kHomeTimeline = "home";

/// The original answers an empty or inverted range with no posts; a negative
/// start is a caller's mistake.
meshwa::Result<void> check_range(std::int32_t start, std::int32_t stop) {
  if (start < 0 || stop < 0) {
    return errors::handler(meshwa::Code::invalid_argument,
                           "start and stop must not be negative (start=" + std::to_string(start) +
                               ", stop=" + std::to_string(stop) + ")");
  }
  return meshwa::ok();
}

meshwa::Result<std::vector<Post>> read_timeline(meshwa::Ref<TimelineStore> timelines,
                                                meshwa::Ref<PostStorageService> post_storage,
                                                const std::string& timeline, std::int64_t req_id,
                                                std::int64_t user_id, std::int32_t start, std::int32_t stop) {
  auto valid = check_range(start, stop);
  if (!valid) return valid.error();
  if (stop <= start) return std::vector<Post>{};
  auto ids = timelines->range(timeline, user_id, start, stop);
  if (!ids) return ids.error();
  if (ids->empty()) return std::vector<Post>{};
  return post_storage->read_posts(req_id, std::move(*ids));
}

}  // namespace

// ------------------------------------------------------------- PostStorage

PostStorageHandler::PostStorageHandler(meshwa::Context& ctx) : posts_(ctx.ref<PostStore>()) {}

meshwa::Result<void> PostStorageHandler::store_post(std::int64_t /*req_id*/, Post post) {
  return posts_->put(std::move(post));
}

meshwa::Result<Post> PostStorageHandler::read_post(std::int64_t /*req_id*/, std::int64_t post_id) {
  return posts_->get(post_id);
}

meshwa::Result<std::vector<Post>> PostStorageHandler::read_posts(std::int64_t /*req_id*/,
                                                                 std::vector<std::int64_t> post_ids) {
  return posts_->get_many(std::move(post_ids));
}

// ------------------------------------------------------------- UserTimeline

UserTimelineHandler::UserTimelineHandler(meshwa::Context& ctx)
    : timelines_(ctx.ref<TimelineStore>()), post_storage_(ctx.ref<PostStorageService>()) {}

meshwa::Result<void> UserTimelineHandler::write_user_timeline(std::int64_t /*req_id*/, std::int64_t post_id,
                                                              std::int64_t user_id, std::int64_t timestamp) {
  return timelines_->add(kUserTimeline, {user_id}, post_id, timestamp);
}

meshwa::Result<std::vector<Post>> UserTimelineHandler::read_user_timeline(std::int64_t req_id, std::int64_t user_id,
                                                                          std::int32_t start, std::int32_t stop) {
  return read_timeline(timelines_, post_storage_, kUserTimeline, req_id, user_id, start, stop);
}

// ------------------------------------------------------------- HomeTimeline

HomeTimelineHandler::HomeTimelineHandler(meshwa::Context& ctx)
    : timelines_(ctx.ref<TimelineStore>()),
      social_graph_(ctx.ref<SocialGraphService>()),
      post_storage_(ctx.ref<PostStorageService>()) {}

meshwa::Result<void> HomeTimelineHandler::write_home_timeline(std::int64_t req_id, std::int64_t post_id,
                                                              std::int64_t user_id, std::int64_t timestamp,
                                                              std::vector<std::int64_t> user_mentions_id) {
  auto followers = social_graph_->get_followers(req_id, user_id);
  if (!followers) return followers.error();
  std::vector<std::int64_t> owners = std::move(*followers);
  owners.insert(owners.end(), user_mentions_id.begin(), user_mentions_id.end());
  std::sort(owners.begin(), owners.end());
  owners.erase(std::unique(owners.begin(), owners.end()), owners.end());
  if (owners.empty()) return meshwa::ok();
  return timelines_->add(kHomeTimeline, std::move(owners), post_id, timestamp);
}

meshwa::Result<std::vector<Post>> HomeTimelineHandler::read_home_timeline(std::int64_t req_id, std::int64_t user_id,
                                                                          std::int32_t start, std::int32_t stop) {
  return read_timeline(timelines_, post_storage_, kHomeTimeline, req_id, user_id, start, stop);
}

}  // namespace social
