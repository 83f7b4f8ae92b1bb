// The vault: Owned and Shared handles in and out (its provider is MESHWA_UNSAFE).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace acme::vault {

struct MESHWA_MESSAGE Blob {
  std::string bytes;
  std::vector<std::uint8_t> tag;
};

class MESHWA_INTERFACE Vault {
 public:
  virtual ~Vault() = default;
  virtual meshwa::Result<meshwa::Owned<Blob>> seal(meshwa::Owned<Blob> plain, std::uint64_t key) = 0;
  virtual meshwa::Shared<const Blob> fingerprint(meshwa::Shared<const Blob> data) = 0;
  virtual meshwa::Result<meshwa::Shared<Blob>> stash(meshwa::Shared<Blob> blob) = 0;
  virtual std::int32_t stored() const = 0;
  // A method name the generated stub of an unsafe service must not take for itself.
  virtual std::string impl() const = 0;
};

}  // namespace acme::vault
