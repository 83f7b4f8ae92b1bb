#include "deployment.hpp"

#include "crypto/openssl_crypto.hpp"
#include "services/compose.hpp"
#include "services/timelines.hpp"
#include "services/users.hpp"
#include "storage/memory.hpp"

namespace social {

void add_memory_stores(meshwa::Registry& registry) {
  registry.add(meshwa::bind<MemoryUserStore, UserStore>("user-store"));
  registry.add(meshwa::bind<MemoryGraphStore, GraphStore>("graph-store"));
  registry.add(meshwa::bind<MemoryPostStore, PostStore>("post-store"));
  registry.add(meshwa::bind<MemoryUrlStore, UrlStore>("url-store"));
  registry.add(meshwa::bind<MemoryTimelineStore, TimelineStore>("timeline-store"));
}

void add_services(meshwa::Registry& registry) {
  registry.add(meshwa::bind<ComposePostHandler, ComposePostService>("compose-post-service"));
  registry.add(meshwa::bind<TextHandler, TextService>("text-service"));
  registry.add(meshwa::bind<UrlShortenHandler, UrlShortenService>("url-shorten-service"));
  registry.add(meshwa::bind<UserMentionHandler, UserMentionService>("user-mention-service"));
  registry.add(meshwa::bind<MediaHandler, MediaService>("media-service"));
  registry.add(meshwa::bind<UniqueIdHandler, UniqueIdService>("unique-id-service"));
  registry.add(meshwa::bind<UserHandler, UserService>("user-service"));
  registry.add(meshwa::bind<SocialGraphHandler, SocialGraphService>("social-graph-service"));
  registry.add(meshwa::bind<PostStorageHandler, PostStorageService>("post-storage-service"));
  registry.add(meshwa::bind<UserTimelineHandler, UserTimelineService>("user-timeline-service"));
  registry.add(meshwa::bind<HomeTimelineHandler, HomeTimelineService>("home-timeline-service"));
  // The same reason as the MESHWA_UNSAFE marker on OpenSslCrypto (the
  // generated registration reads it from there).
  registry.add(meshwa::bind<OpenSslCrypto, Crypto>(
      "crypto", "calls OpenSSL's C API (EVP_Digest, HMAC, RAND_bytes) with raw buffers and pointer/length pairs"));
  add_memory_stores(registry);
}

meshwa::Registry registry() {
  meshwa::Registry result;
  add_services(result);
  return result;
}

}  // namespace social
