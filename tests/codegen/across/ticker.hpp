// The provider team's project: one service, whose consumers live in other
// projects (tests/codegen/across/CMakeLists.txt).
#pragma once

#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace across {

class MESHWA_INTERFACE Ticker {
 public:
  virtual ~Ticker() = default;
  // Adds step to the count and returns the new count; a negative step is refused.
  virtual meshwa::Result<int64_t> next(int64_t step) = 0;
};

class MESHWA_SERVICE("ticker") TickerService final : public Ticker {
 public:
  meshwa::Result<int64_t> next(int64_t step) override {
    if (step < 0) return meshwa::Error(meshwa::Code::invalid_argument, "negative step");
    count_ += step;
    return count_;
  }

 private:
  int64_t count_ = 0;
};

}  // namespace across
