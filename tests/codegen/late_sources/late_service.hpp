#pragma once
#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace late {

class MESHWA_INTERFACE Counter {
 public:
  virtual ~Counter() = default;
  virtual int32_t next() = 0;
  virtual std::string platform() = 0;
};

// Its members are defined in a source given as a generator expression and in
// one added with target_sources after meshwa_add_service: the unit owns the
// service only if gen reads both.
class MESHWA_SERVICE("late-counter") CounterService final : public Counter {
 public:
  explicit CounterService(meshwa::Context& ctx);
  int32_t next() override;
  std::string platform() override;

 private:
  int32_t n_ = 0;
};

}  // namespace late
