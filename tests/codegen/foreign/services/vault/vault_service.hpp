// The vault runs in an MPK domain: its byte shuffling is C-style code the
// compiler cannot prove safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "acme/vault/vault.hpp"

namespace acme::vault {

class MESHWA_SERVICE("vault") MESHWA_UNSAFE("C-style byte shuffling with memcpy") VaultService final
    : public Vault {
 public:
  explicit VaultService(meshwa::Context& ctx);
  meshwa::Result<meshwa::Owned<Blob>> seal(meshwa::Owned<Blob> plain, std::uint64_t key) override;
  meshwa::Shared<const Blob> fingerprint(meshwa::Shared<const Blob> data) override;
  meshwa::Result<meshwa::Shared<Blob>> stash(meshwa::Shared<Blob> blob) override;

 private:
  // Overrides kept private: callers reach them through the Vault interface
  // only (the stub calls them by symbol, so access does not stop it).
  std::int32_t stored() const override;
  std::string impl() const override;

  // In a separate file (vault_codec.cpp): the unsafe part.
  static void xor_bytes(char* data, std::size_t size, std::uint64_t key);

  std::vector<meshwa::Shared<Blob>> stash_;
};

}  // namespace acme::vault
