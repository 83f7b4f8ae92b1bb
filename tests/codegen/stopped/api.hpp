#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace stopped {

class MESHWA_INTERFACE Sink {
 public:
  virtual ~Sink() = default;
  virtual meshwa::Result<std::int32_t> ping(std::string what) = 0;
  virtual std::int32_t count() = 0;  // no meshwa::Result: cannot answer "stopped"
};

class MESHWA_INTERFACE Hub {
 public:
  virtual ~Hub() = default;
  virtual void add(meshwa::Ref<Sink> sink) = 0;
};

class MESHWA_INTERFACE Boot {
 public:
  virtual ~Boot() = default;
  virtual std::int32_t n() = 0;
};

}  // namespace stopped
