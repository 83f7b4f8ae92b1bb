#include "crossing/escapes.hpp"

#include <stdexcept>

#include "crossing/escape_switch.hpp"

namespace crossing {

LeverService::LeverService(meshwa::Context&) {}

void LeverService::pull() {
  if (escape_requested()) throw std::runtime_error("lever jammed");
}

BreakerService::BreakerService(meshwa::Context&) {}

void BreakerService::trip() {
  if (escape_requested()) throw std::runtime_error("breaker jammed");
}

std::int32_t BreakerService::level() {
  if (escape_requested()) throw std::runtime_error("no level");
  return 3;
}

meshwa::Result<std::int32_t> BreakerService::probe() {
  if (fault_requested()) return read_unmapped();
  return 1;
}

}  // namespace crossing
