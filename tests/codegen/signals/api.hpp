#pragma once

#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace signals {

class MESHWA_INTERFACE Store {
 public:
  virtual ~Store() = default;
  virtual std::int32_t size() = 0;
};

class MESHWA_INTERFACE Front {
 public:
  virtual ~Front() = default;
  virtual std::int32_t hits() = 0;
};

}  // namespace signals
