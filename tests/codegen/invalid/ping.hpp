// An interface the invalid services below implement.
#pragma once

#include <meshwa/meshwa.hpp>

class MESHWA_INTERFACE Ping {
 public:
  virtual ~Ping() = default;
  virtual int ping() = 0;
};
