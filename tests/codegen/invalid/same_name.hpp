// meshwa gen must reject: two services with one name.
#pragma once

#include "ping.hpp"

class MESHWA_SERVICE("same") First final : public Ping {
 public:
  explicit First(meshwa::Context&) {}
  int ping() override { return 1; }
};

class MESHWA_SERVICE("same") Second final : public Ping {
 public:
  explicit Second(meshwa::Context&) {}
  int ping() override { return 2; }
};
