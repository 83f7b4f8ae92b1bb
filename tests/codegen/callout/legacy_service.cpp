#include "legacy_service.hpp"

#include <cstring>
#include <stdexcept>

namespace callout {

LegacyService::LegacyService(meshwa::Context& ctx) : salt_(ctx.ref<Salt>()) {
  if (ctx.config("refuse") == "yes") throw std::runtime_error("legacy refuses to start");
}

std::int32_t LegacyService::callout() { return salt_->rounds(); }

meshwa::Result<std::string> LegacyService::spice(std::string name) {
  meshwa::Result<std::string> spiced = salt_->pepper(std::move(name));
  if (!spiced.has_value()) return spiced.error();
  return "(" + *spiced + ")";
}

MESHWA_UNSAFE("copies from a raw address") std::int64_t read_word(std::int64_t address) {
  std::int64_t value = 0;
  std::memcpy(&value, reinterpret_cast<const void*>(address), sizeof value);
  return value;
}

meshwa::Result<std::int64_t> LegacyService::peek(std::int64_t address) { return read_word(address); }

}  // namespace callout
