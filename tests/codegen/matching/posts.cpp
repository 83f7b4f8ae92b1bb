#include "posts.hpp"

#include <chrono>

namespace blog {

PostsService::PostsService(meshwa::Context& ctx) : ids_(ctx.ref<Ids>()) {}

meshwa::Result<Post> PostsService::create(std::string text) {
  meshwa::Result<std::string> id = ids_->next();
  if (!id.has_value()) return meshwa::Error(meshwa::Code::internal, "no id: " + id.error().message());
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  Post post{*id, text, std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count()),
            {"#" + text}};
  std::lock_guard lock(mutex_);
  posts_.push_back(post);
  return post;
}

meshwa::Result<Post> PostsService::get(std::string id) {
  std::lock_guard lock(mutex_);
  for (const Post& post : posts_) {
    if (post.id == id) return post;
  }
  return meshwa::Error(meshwa::Code::not_found, "no post " + id);
}

meshwa::Result<Timeline> PostsService::recent() {
  std::lock_guard lock(mutex_);
  return Timeline{posts_, static_cast<std::int32_t>(posts_.size())};
}

}  // namespace blog
