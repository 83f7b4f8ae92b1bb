#pragma once

#include "api.hpp"

namespace callout {

class MESHWA_SERVICE("salt") SaltService final : public Salt {
 public:
  explicit SaltService(meshwa::Context& ctx);
  std::int32_t rounds() override;
  meshwa::Result<std::string> pepper(std::string name) override;

 private:
  std::int32_t rounds_ = 3;
};

}  // namespace callout
