// The service mpk_bench calls through its generated gate: an unsafe service
// (so it runs in an MPK domain) whose one method reads and writes its own
// memory, which lives in the domain's heap.
#pragma once

#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace mpkbench {

class MESHWA_INTERFACE Adder {
 public:
  virtual ~Adder() = default;
  virtual meshwa::Result<std::int64_t> add(std::int64_t x) = 0;
};

class MESHWA_SERVICE("adder") MESHWA_UNSAFE("the MPK gate benchmark's callee: it must run in a domain")
    AdderService final : public Adder {
 public:
  explicit AdderService(meshwa::Context& ctx);
  meshwa::Result<std::int64_t> add(std::int64_t x) override;  // defined in adder.cpp: never inlined

 private:
  std::int64_t step_ = 1;
  std::int64_t calls_ = 0;
};

}  // namespace mpkbench
