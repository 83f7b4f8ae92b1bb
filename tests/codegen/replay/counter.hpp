#pragma once

#include <atomic>

#include "api.hpp"

namespace rp {

class MESHWA_SERVICE("counter") CounterService final : public Counter {
 public:
  explicit CounterService(meshwa::Context& ctx);
  std::int32_t add() override;
  std::int32_t total() override;

 private:
  std::atomic<std::int32_t> n_{0};
};

}  // namespace rp
