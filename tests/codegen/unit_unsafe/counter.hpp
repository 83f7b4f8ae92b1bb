#pragma once
#include <meshwa/meshwa.hpp>

namespace unitunsafe {

class MESHWA_INTERFACE Counter {
 public:
  virtual ~Counter() = default;
  virtual int next(int n) = 0;
};

class MESHWA_SERVICE("counter") CounterService final : public Counter {
 public:
  explicit CounterService(meshwa::Context&) {}
  int next(int n) override;
};

}  // namespace unitunsafe
