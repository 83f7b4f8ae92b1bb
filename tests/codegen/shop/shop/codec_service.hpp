#pragma once

#include <meshwa/meshwa.hpp>

#include "shop/interfaces.hpp"

namespace shop {

/// Run-length "compression" in C style: not provably safe, so it runs in an MPK domain.
class MESHWA_SERVICE("codec") MESHWA_UNSAFE("hand-written C buffer code") CodecService final : public Codec {
 public:
  explicit CodecService(meshwa::Context& ctx);
  meshwa::Result<Blob> compress(meshwa::Owned<Blob> input) override;
};

}  // namespace shop
