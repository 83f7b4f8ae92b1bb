// meshwa gen must reject: a service that implements no interface.
#pragma once

#include <meshwa/meshwa.hpp>

class MESHWA_SERVICE("lonely") Lonely final {
 public:
  explicit Lonely(meshwa::Context&) {}
  int ping();
};
