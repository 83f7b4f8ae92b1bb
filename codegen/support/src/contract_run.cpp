// The entry point of a generated contract test main (contract_run.hpp): the
// suite is built here, so the main needs only the light header.
#include "meshwa/gen/contract_run.hpp"

#include "meshwa/gen/contract_suite.hpp"

namespace meshwa::gen {

int run_contract_tests(int argc, char** argv, const ContractRun& run) {
  ContractSuite suite;
  for (const ContractUnit unit : run.units) unit(suite);
  return run_contract_tests(argc, argv, suite, run);
}

}  // namespace meshwa::gen
