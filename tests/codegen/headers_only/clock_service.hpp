// A service defined entirely in its header, the unit's only source.
#pragma once
#include <atomic>

#include "api/clock.hpp"

namespace hdronly {

class MESHWA_SERVICE("headers-only-clock") TickingClock final : public Clock {
 public:
  explicit TickingClock(meshwa::Context&) {}
  meshwa::Result<Stamp> now(Zone zone) override {
    if (zone == Zone::west) return meshwa::Error(meshwa::Code::unavailable, "no western clock");
    return Stamp{ticks_.fetch_add(1), zone, "tick"};
  }

 private:
  std::atomic<std::int64_t> ticks_{0};
};

}  // namespace hdronly
