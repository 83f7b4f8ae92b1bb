#include "misspellings.hpp"

#include <algorithm>
#include <vector>

namespace meshwa::gen::suite {

namespace {

// Edit distance of two names, for "did you mean": a contract edited by hand
// that misspells an interface would otherwise be skipped as one whose
// provider is in another deployment.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The name of `known` that `name` most likely misspells (at most two edits,
// and fewer than a third of its length), or "".
template <class Names>
std::string closest_name(const Names& known, const std::string& name) {
  std::string best;
  std::size_t best_distance = 3;
  for (const std::string& k : known) {
    const std::size_t d = edit_distance(name, k);
    if (d > 0 && d < best_distance && d * 3 < k.size()) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace

// The interface of this deployment `name` most likely misspells, or "".
std::string misspelt_interface(const ContractSuite& suite, const std::string& name) {
  return closest_name(suite.replayable_interfaces(), name);
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
