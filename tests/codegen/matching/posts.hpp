#pragma once

#include <mutex>
#include <vector>

#include "api.hpp"

namespace blog {

class MESHWA_SERVICE("posts") PostsService final : public Posts {
 public:
  explicit PostsService(meshwa::Context& ctx);
  meshwa::Result<Post> create(std::string text) override;
  meshwa::Result<Post> get(std::string id) override;
  meshwa::Result<Timeline> recent() override;

 private:
  meshwa::Ref<Ids> ids_;
  std::mutex mutex_;
  std::vector<Post> posts_;
};

}  // namespace blog
