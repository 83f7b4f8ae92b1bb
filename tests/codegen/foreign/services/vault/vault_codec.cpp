// Pointer arithmetic and memcpy: why the vault is MESHWA_UNSAFE.
#include <cstring>

#include "vault/vault_service.hpp"

namespace acme::vault {

void VaultService::xor_bytes(char* data, std::size_t size, std::uint64_t key) {
  unsigned char k[8];
  std::memcpy(k, &key, sizeof k);
  // ASCII bytes only, with a 7-bit key: the sealed text stays UTF-8, which a
  // contract can record (a property test fails a result that is not).
  for (std::size_t i = 0; i < size; ++i) {
    if (static_cast<unsigned char>(*(data + i)) < 0x80) *(data + i) = static_cast<char>(*(data + i) ^ (k[i % 8] & 0x7f));
  }
}

}  // namespace acme::vault
