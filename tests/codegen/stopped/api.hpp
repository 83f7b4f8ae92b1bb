#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace stopped {

class MESHWA_INTERFACE Counter {
 public:
  virtual ~Counter() = default;
  virtual std::int32_t count() = 0;  // no meshwa::Result: cannot answer "stopped"
};

class MESHWA_INTERFACE Pinger {
 public:
  virtual ~Pinger() = default;
  virtual meshwa::Result<std::int32_t> ping(std::string what) = 0;
};

// Pinger is Sink's second base, so a Ref<Pinger> made from a Ref<Sink>
// points past the start of the stub: the stopped twin built in its place
// must have Pinger at the same offset (ref.hpp).
class MESHWA_INTERFACE Sink : public Counter, public Pinger {};

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
