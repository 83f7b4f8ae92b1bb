#include "misspellings.hpp"

#include <vector>

#include "meshwa/closest_name.hpp"

namespace meshwa::gen::suite {

// The rule is meshwa::detail::closest_name (meshwa/closest_name.hpp), the
// one the configuration's check and the CMake functions use: it counted a
// transposition ("stroe") as two edits here, so a five-letter service name
// misspelt so was not suggested.
using ::meshwa::detail::closest_name;

// The interface of this deployment `name` most likely misspells, or "".
std::string misspelt_interface(const ContractSuite& suite, const std::string& name) {
  const auto& provided = suite.replayable_interfaces();
  return closest_name(std::vector<std::string>(provided.begin(), provided.end()), name);
}

// The service of this deployment that a contract's consumer name most likely
// misspells, or "". A consumer is named by its test (TestContext("checkout")):
// the service under test's MESHWA_SERVICE name, or any name for a consumer
// that is no service (a front end) or a service of another deployment, so a
// name that is no service here is no error; one this close to a service
// here is probably that service misspelt, whose test then handed its
// service a misspelt ctx.service_name() too.
std::string misspelt_consumer(const Registry& registry, const std::string& consumer) {
  std::vector<std::string> services;
  for (const ServiceDef& def : registry.services()) {
    if (def.name == consumer) return "";
    services.push_back(def.name);
  }
  return closest_name(services, consumer);
}

}  // namespace meshwa::gen::suite
