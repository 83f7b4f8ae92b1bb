#include "services.hpp"

namespace shared {

CodecService::CodecService(meshwa::Context& ctx) : hasher_(ctx.ref<Hasher>()) {}

meshwa::Result<std::uint32_t> CodecService::checksum(std::string s) { return hasher_->hash(s); }

}  // namespace shared
