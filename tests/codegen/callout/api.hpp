// An unsafe service that calls a safe one from inside its MPK domain, through
// the Ref<Salt> its constructor asked for (docs/gate-protocol.md, section 4).
#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace callout {

class MESHWA_INTERFACE Salt {
 public:
  virtual ~Salt() = default;
  virtual std::int32_t rounds() = 0;
  virtual meshwa::Result<std::string> pepper(std::string name) = 0;
};

class MESHWA_INTERFACE Legacy {
 public:
  virtual ~Legacy() = default;
  /// Salt::rounds, called from inside the legacy domain.
  virtual std::int32_t callout() = 0;
  /// Salt::pepper, called from inside: a string out and a string back.
  virtual meshwa::Result<std::string> spice(std::string name) = 0;
  /// Reads 8 bytes at any address: the test hands it the safe heap's memory.
  virtual meshwa::Result<std::int64_t> peek(std::int64_t address) = 0;
};

}  // namespace callout
