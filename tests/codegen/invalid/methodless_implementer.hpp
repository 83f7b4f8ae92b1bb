// Includes methodless.hpp, which its unit does not list; implements Blank (and Clock).
#pragma once

#include "methodless.hpp"

namespace bad {

class MESHWA_SERVICE("blank") BlankService final : public Blank, public Clock {
 public:
  std::int64_t now() override;
};

}  // namespace bad
