#include "feed.hpp"

namespace blog {

FeedService::FeedService(meshwa::Context& ctx) : posts_(ctx.ref<Posts>()) {}

meshwa::Result<std::string> FeedService::publish(std::string text) {
  meshwa::Result<Post> post = posts_->create(text);
  if (!post.has_value()) return post.error();
  return post->id;
}

std::int32_t FeedService::size() {
  meshwa::Result<Timeline> recent = posts_->recent();
  return recent.has_value() ? recent->count : -1;
}

}  // namespace blog
