// The socialNetwork deployment: the eleven services of the original, the
// legacy crypto service (MPK domain) and the five embedded stores, registered
// from the ServiceDefs meshwa gen writes. The generated main
// (social_network_deployment) registers the same set; social_network's own
// main adds the loader and the HTTP front end.
#pragma once

#include <meshwa/registry.hpp>

namespace social {

/// Adds every service of the deployment, stores included.
void add_services(meshwa::Registry& registry);

/// Adds the embedded in-memory stores only (a deployment with a real database
/// would add its own store services instead).
void add_memory_stores(meshwa::Registry& registry);

/// A registry holding add_services().
meshwa::Registry registry();

}  // namespace social
