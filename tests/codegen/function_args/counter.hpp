#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace fargs {

class MESHWA_INTERFACE Counter {
 public:
  virtual ~Counter() = default;
  virtual std::int32_t next() = 0;
};

// Named "counter" in the deployment; its target is counter_svc.
class MESHWA_SERVICE("counter") CounterService final : public Counter {
 public:
  std::int32_t next() override;

 private:
  std::int32_t n_ = 0;
};

}  // namespace fargs
