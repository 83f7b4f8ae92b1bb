#include "salt_service.hpp"

namespace callout {

SaltService::SaltService(meshwa::Context&) {}

std::int32_t SaltService::rounds() { return rounds_; }

meshwa::Result<std::string> SaltService::pepper(std::string name) {
  if (name.empty()) return meshwa::Error(meshwa::Code::invalid_argument, "pepper needs a name");
  return name + " with pepper";
}

}  // namespace callout
