#include "deployment.hpp"

// The ServiceDefs meshwa gen writes for this unit: each service behind its
// generated stubs (a direct call for a safe service, a gated call into the
// MPK domain for crypto) with call metrics.
#include "social_network_services.services.hpp"

namespace social {

void add_memory_stores(meshwa::Registry& registry) {
  registry.add(meshwa_generated::service_user_store());
  registry.add(meshwa_generated::service_graph_store());
  registry.add(meshwa_generated::service_post_store());
  registry.add(meshwa_generated::service_url_store());
  registry.add(meshwa_generated::service_timeline_store());
}

void add_services(meshwa::Registry& registry) {
  registry.add(meshwa_generated::service_compose_post_service());
  registry.add(meshwa_generated::service_text_service());
  registry.add(meshwa_generated::service_url_shorten_service());
  registry.add(meshwa_generated::service_user_mention_service());
  registry.add(meshwa_generated::service_media_service());
  registry.add(meshwa_generated::service_unique_id_service());
  registry.add(meshwa_generated::service_user_service());
  registry.add(meshwa_generated::service_social_graph_service());
  registry.add(meshwa_generated::service_post_storage_service());
  registry.add(meshwa_generated::service_user_timeline_service());
  registry.add(meshwa_generated::service_home_timeline_service());
  registry.add(meshwa_generated::service_crypto());
  add_memory_stores(registry);
}

meshwa::Registry registry() {
  meshwa::Registry result;
  add_services(result);
  return result;
}

}  // namespace social
