// Pointer arithmetic and memcpy: why the vault is MESHWA_UNSAFE.
#include <cstring>

#include "vault/vault_service.hpp"

namespace acme::vault {

void VaultService::xor_bytes(char* data, std::size_t size, std::uint64_t key) {
  unsigned char k[8];
  std::memcpy(k, &key, sizeof k);
  for (std::size_t i = 0; i < size; ++i) *(data + i) = static_cast<char>(*(data + i) ^ k[i % 8]);
}

}  // namespace acme::vault
