// "Did you mean": the provided interface or the service of this deployment
// that a name in a contract file is most likely a typo of.
#pragma once

#include <string>

#include "meshwa/gen/contract_suite.hpp"
#include "meshwa/registry.hpp"

namespace meshwa::gen::suite {

/// The interface this deployment replays that `name` most likely misspells, or "".
std::string misspelt_interface(const ContractSuite& suite, const std::string& name);

/// The service of this deployment a contract's consumer name most likely
/// misspells, or "" (also when it names a service here exactly).
std::string misspelt_consumer(const Registry& registry, const std::string& consumer);

}  // namespace meshwa::gen::suite
