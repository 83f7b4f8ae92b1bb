// MESHWA_SERVICE() without a name does not compile; meshwa gen reports
// clang's error at its location and generates nothing.
#pragma once

#include "ping.hpp"

class MESHWA_SERVICE() Nameless final : public Ping {
 public:
  explicit Nameless(meshwa::Context&) {}
  int ping() override { return 1; }
};
