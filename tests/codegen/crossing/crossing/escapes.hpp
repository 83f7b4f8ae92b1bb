#pragma once

#include "crossing/api.hpp"

namespace crossing {

class MESHWA_SERVICE("lever") LeverService final : public Lever {
 public:
  explicit LeverService(meshwa::Context& ctx);
  void pull() override;
};

class MESHWA_SERVICE("breaker") MESHWA_UNSAFE("stands for legacy code: throws through the gate") BreakerService final
    : public Breaker {
 public:
  explicit BreakerService(meshwa::Context& ctx);
  void trip() override;
  std::int32_t level() override;
  meshwa::Result<std::int32_t> probe() override;
};

}  // namespace crossing
