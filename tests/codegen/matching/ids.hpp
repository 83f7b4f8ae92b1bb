#pragma once

#include <cstdint>
#include <mutex>
#include <random>

#include "api.hpp"

namespace blog {

class MESHWA_SERVICE("ids") IdsService final : public Ids {
 public:
  explicit IdsService(meshwa::Context& ctx);
  meshwa::Result<std::string> next() override;
  void set_down(bool down) override;

 private:
  std::mutex mutex_;
  std::mt19937_64 random_;
  bool down_ = false;
};

}  // namespace blog
