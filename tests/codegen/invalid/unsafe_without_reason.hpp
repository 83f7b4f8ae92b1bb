// meshwa gen must reject, even run on its own (the plugin does in every
// build): MESHWA_UNSAFE without a reason.
#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Codec {
 public:
  virtual ~Codec() = default;
  virtual std::int32_t size() = 0;
};

class MESHWA_SERVICE("codec") MESHWA_UNSAFE("") CodecService final : public Codec {
 public:
  explicit CodecService(meshwa::Context&) {}
  std::int32_t size() override { return 0; }
};

}  // namespace bad
