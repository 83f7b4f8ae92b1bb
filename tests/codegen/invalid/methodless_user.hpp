// Includes methodless.hpp, which its unit does not list; implements Clock.
#pragma once

#include "methodless.hpp"

namespace bad {

class MESHWA_SERVICE("clock") ClockService final : public Clock {
 public:
  std::int64_t now() override;
};

}  // namespace bad
