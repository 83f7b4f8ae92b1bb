// meshwa gen must reject: MESHWA_SERVICE("") names nothing.
#pragma once

#include "ping.hpp"

class MESHWA_SERVICE("") Anonymous final : public Ping {
 public:
  explicit Anonymous(meshwa::Context&) {}
  int ping() override;
};
