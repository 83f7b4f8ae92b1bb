// meshwa gen must reject: a class marked as two of message, interface and
// service (the plugin says the same, plugin.robustness.markers). gen would
// write a message's code and a mock for one class, or a stand-in deriving
// from a final service class, which do not compile.
#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Greeter {
 public:
  virtual ~Greeter() = default;
  virtual std::int32_t greet() = 0;
};

struct MESHWA_MESSAGE MESHWA_INTERFACE Money {
  std::int32_t cents = 0;
};

class MESHWA_SERVICE("greeter") MESHWA_INTERFACE GreeterService final : public Greeter {
 public:
  explicit GreeterService(meshwa::Context&) {}
  std::int32_t greet() override { return 1; }
};

}  // namespace bad
