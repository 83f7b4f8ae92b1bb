#include "vault/vault_service.hpp"

#include <utility>

namespace acme::vault {

VaultService::VaultService(meshwa::Context&) {}

meshwa::Result<meshwa::Owned<Blob>> VaultService::seal(meshwa::Owned<Blob> plain, std::uint64_t key) {
  if (!plain.has_value()) return meshwa::Error(meshwa::Code::invalid_argument, "nothing to seal");
  Blob out = *plain;
  xor_bytes(out.bytes.data(), out.bytes.size(), key);
  out.tag.push_back(static_cast<std::uint8_t>(key & 0xff));
  return meshwa::make_owned<Blob>(std::move(out));
}

meshwa::Shared<const Blob> VaultService::fingerprint(meshwa::Shared<const Blob> data) {
  Blob print;
  if (data.has_value()) {
    std::uint8_t sum = 0;
    for (char c : data->bytes) sum = static_cast<std::uint8_t>(sum * 31 + static_cast<unsigned char>(c));
    print.tag.push_back(sum);
  }
  return meshwa::make_shared<const Blob>(std::move(print));
}

meshwa::Result<meshwa::Shared<Blob>> VaultService::stash(meshwa::Shared<Blob> blob) {
  if (!blob.has_value()) return meshwa::Error(meshwa::Code::invalid_argument, "empty blob");
  stash_.push_back(blob);
  return blob;
}

std::int32_t VaultService::stored() const { return static_cast<std::int32_t>(stash_.size()); }

std::string VaultService::impl() const { return "xor"; }

}  // namespace acme::vault
