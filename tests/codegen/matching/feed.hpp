#pragma once

#include "api.hpp"

namespace blog {

/// The consumer: publishes through Posts.
class MESHWA_SERVICE("feed") FeedService final : public Feed {
 public:
  explicit FeedService(meshwa::Context& ctx);
  meshwa::Result<std::string> publish(std::string text) override;
  std::int32_t size() override;

 private:
  meshwa::Ref<Posts> posts_;
};

}  // namespace blog
