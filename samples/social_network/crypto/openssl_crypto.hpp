// The legacy part of socialNetwork: password hashing, token MACs and salts
// through OpenSSL's C API. It passes raw buffers and pointer/length pairs to
// C functions, which the safe subset cannot prove correct, so the service is
// marked MESHWA_UNSAFE and runs in its own MPK protection domain.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include <meshwa/meshwa.hpp>

#include "../interfaces.hpp"

namespace social {

/// Config: "seed" (random_alphanumeric draws from std::mt19937_64 with this
/// seed instead of OpenSSL's CSPRNG, so a fresh service answers the same
/// strings in the same order: for repeatable contracts only, never in
/// production, where salts must be unpredictable; default: unset, RAND_bytes).
class MESHWA_SERVICE("crypto")
    MESHWA_UNSAFE("calls OpenSSL's C API (EVP_Digest, HMAC, RAND_bytes) with raw buffers and pointer/length pairs")
        OpenSslCrypto final : public Crypto {
 public:
  explicit OpenSslCrypto(meshwa::Context& ctx);
  meshwa::Result<std::string> sha256_hex(std::string data) override;
  meshwa::Result<std::string> hmac_sha256_hex(std::string key, std::string message) override;
  meshwa::Result<std::string> random_alphanumeric(std::int32_t length) override;

 private:
  /// "<what> failed: <OpenSSL's reason>" (a member, so the marker covers it).
  static std::string openssl_error(const char* what);
  static std::string hex(const unsigned char* bytes, unsigned int size);
  /// Fills `buffer` with random bytes (RAND_bytes, or the seeded generator).
  bool random_bytes(unsigned char* buffer, std::size_t size);

  std::mutex seeded_mutex_;
  std::optional<std::mt19937_64> seeded_;  // set by the "seed" setting
};

}  // namespace social
