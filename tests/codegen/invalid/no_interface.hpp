// meshwa gen must reject: services that implement no interface; where the
// service derives from a class with virtual methods that only lacks the
// marker, a note says so at that class.
#pragma once

#include <meshwa/meshwa.hpp>

class MESHWA_SERVICE("lonely") Lonely final {
 public:
  explicit Lonely(meshwa::Context&) {}
  int ping();
};

class Frontend {
 public:
  virtual ~Frontend() = default;
  virtual int home() = 0;
};

class MESHWA_SERVICE("frontend") FrontendService final : public Frontend {
 public:
  explicit FrontendService(meshwa::Context&) {}
  int home() override { return 0; }
};
