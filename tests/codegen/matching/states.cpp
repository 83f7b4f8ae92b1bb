// The provider states of the 'matching' deployment's contract tests
// (meshwa_add_deployment(... PROVIDER_STATES states.cpp)).
#include <meshwa/gen/provider_states.hpp>

#include "api.hpp"

void meshwa_provider_states(meshwa::gen::ProviderStates& states) {
  // Posts answers internal when it gets no id.
  states.add("the id service is down", [](meshwa::Deployment& d) { d.ref<blog::Ids>()->set_down(true); });
}
