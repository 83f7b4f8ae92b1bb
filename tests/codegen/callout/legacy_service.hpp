#pragma once

#include "api.hpp"

namespace callout {

/// A helper with its own mark, declared before the service: the service's
/// own reason still comes first in its ServiceDef (--list, --graph).
MESHWA_UNSAFE("copies from a raw address") std::int64_t read_word(std::int64_t address);

class MESHWA_SERVICE("legacy") MESHWA_UNSAFE("reads raw addresses (peek)") LegacyService final
    : public Legacy {
 public:
  explicit LegacyService(meshwa::Context& ctx);
  std::int32_t callout() override;
  meshwa::Result<std::string> spice(std::string name) override;
  meshwa::Result<std::int64_t> peek(std::int64_t address) override;

 private:
  meshwa::Ref<Salt> salt_;
};

}  // namespace callout
