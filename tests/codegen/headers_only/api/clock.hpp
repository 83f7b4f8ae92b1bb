// An API unit of headers only: an interface, a message and an enum.
#pragma once
#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace hdronly {

enum class Zone : std::int8_t { west = -1, utc = 0, east = 1 };

struct MESHWA_MESSAGE Stamp {
  std::int64_t seconds = 0;
  Zone zone = Zone::utc;
  std::string label;
};

class MESHWA_INTERFACE Clock {
 public:
  virtual ~Clock() = default;
  virtual meshwa::Result<Stamp> now(Zone zone) = 0;
};

}  // namespace hdronly
