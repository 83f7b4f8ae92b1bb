// An interface without methods, in a header of its own target (listed among
// its sources): gen warns of it there, and in a unit whose service
// implements it, not in every unit that includes the header.
#pragma once

#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Blank {
 public:
  virtual ~Blank() = default;
};

class MESHWA_INTERFACE Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now() = 0;
};

}  // namespace bad
