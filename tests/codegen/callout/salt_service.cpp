#include "salt_service.hpp"

#include <stdexcept>

namespace callout {

SaltService::SaltService(meshwa::Context& ctx) {
  if (ctx.config("refuse") == "yes") throw std::runtime_error("salt refuses to start");
}

std::int32_t SaltService::rounds() { return rounds_; }

meshwa::Result<std::string> SaltService::pepper(std::string name) {
  if (name.empty()) return meshwa::Error(meshwa::Code::invalid_argument, "pepper needs a name");
  return name + " with pepper";
}

}  // namespace callout
