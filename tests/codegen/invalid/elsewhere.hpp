// A service of another unit: its members are defined in that unit's
// sources, none of which sees_elsewhere.cpp is.
#pragma once
#include <meshwa/meshwa.hpp>

namespace other {

class MESHWA_INTERFACE Ping {
 public:
  virtual ~Ping() = default;
  virtual meshwa::Result<int32_t> ping() = 0;
};

class MESHWA_SERVICE("pinger") Pinger : public Ping {
 public:
  explicit Pinger(meshwa::Context& ctx);
  meshwa::Result<int32_t> ping() override;
};

}  // namespace other
