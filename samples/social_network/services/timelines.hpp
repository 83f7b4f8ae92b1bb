// PostStorage, UserTimeline and HomeTimeline: the read path.
#pragma once

#include <cstdint>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "../interfaces.hpp"
#include "../storage.hpp"

namespace social {

class MESHWA_SERVICE("post-storage-service") PostStorageHandler final : public PostStorageService {
 public:
  explicit PostStorageHandler(meshwa::Context& ctx);
  meshwa::Result<void> store_post(std::int64_t req_id, Post post) override;
  meshwa::Result<Post> read_post(std::int64_t req_id, std::int64_t post_id) override;
  meshwa::Result<std::vector<Post>> read_posts(std::int64_t req_id, std::vector<std::int64_t> post_ids) override;

 private:
  meshwa::Ref<PostStore> posts_;
};

class MESHWA_SERVICE("user-timeline-service") UserTimelineHandler final : public UserTimelineService {
 public:
  explicit UserTimelineHandler(meshwa::Context& ctx);
  meshwa::Result<void> write_user_timeline(std::int64_t req_id, std::int64_t post_id, std::int64_t user_id,
                                           std::int64_t timestamp) override;
  meshwa::Result<std::vector<Post>> read_user_timeline(std::int64_t req_id, std::int64_t user_id, std::int32_t start,
                                                       std::int32_t stop) override;

 private:
  meshwa::Ref<TimelineStore> timelines_;
  meshwa::Ref<PostStorageService> post_storage_;
};

class MESHWA_SERVICE("home-timeline-service") HomeTimelineHandler final : public HomeTimelineService {
 public:
  explicit HomeTimelineHandler(meshwa::Context& ctx);
  meshwa::Result<void> write_home_timeline(std::int64_t req_id, std::int64_t post_id, std::int64_t user_id,
                                           std::int64_t timestamp,
                                           std::vector<std::int64_t> user_mentions_id) override;
  meshwa::Result<std::vector<Post>> read_home_timeline(std::int64_t req_id, std::int64_t user_id, std::int32_t start,
                                                       std::int32_t stop) override;

 private:
  meshwa::Ref<TimelineStore> timelines_;
  meshwa::Ref<SocialGraphService> social_graph_;
  meshwa::Ref<PostStorageService> post_storage_;
};

}  // namespace social
