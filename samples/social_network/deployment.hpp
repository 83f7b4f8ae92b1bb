// The socialNetwork deployment, wired by hand through the registry until
// meshwa gen writes the registration: the eleven services of the original,
// the legacy crypto service (MPK domain) and the five embedded stores.
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
