#include "adder.hpp"

namespace mpkbench {

AdderService::AdderService(meshwa::Context&) {}

meshwa::Result<std::int64_t> AdderService::add(std::int64_t x) {
  ++calls_;
  return x + step_;
}

}  // namespace mpkbench
