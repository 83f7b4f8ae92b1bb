// What a deployment's generated contract test main needs, and nothing more:
// the run's settings and its entry point. The suite (contract_suite.hpp:
// GoogleTest, GoogleMock, nlohmann-json, Hana) is only declared here; the
// units' generated contracts files, which fill it, include it whole. A
// ten-line main that included the whole suite took about 7 s of CPU to
// compile, one per deployment (docs/ci.md).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace meshwa {
class Registry;
}

namespace meshwa::gen {

class ContractSuite;
class ProviderStates;  // provider_states.hpp

/// The provider's registration of its state handlers (a function
/// `meshwa_provider_states` in the file meshwa_add_deployment's
/// PROVIDER_STATES names; docs/contracts.md, "Provider states").
using ProviderStateSetup = void (*)(ProviderStates&);

/// A unit's generated registration of its replays, properties and stand-ins
/// (`contracts_<unit>` in <unit>.contracts.cpp).
using ContractUnit = void (*)(ContractSuite&);

struct ContractRun {
  std::function<void(Registry&)> register_services;
  std::string config_path;                 // "" for none
  std::vector<std::string> contract_dirs;  // every consumer's contracts/ folder
  int property_cases = 50;
  std::vector<ContractUnit> units;  // filled into the suite by the overload below
  ProviderStateSetup provider_states = nullptr;  // none: a contract naming a state fails
};

/// Fills a suite from run.units, then runs it as the overload in
/// contract_suite.hpp does.
int run_contract_tests(int argc, char** argv, const ContractRun& run);

}  // namespace meshwa::gen
