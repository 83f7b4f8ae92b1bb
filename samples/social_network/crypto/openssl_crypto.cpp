#include "openssl_crypto.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <string>

namespace social {
std::string OpenSslCrypto::openssl_error(const char* what) {
  const unsigned long code = ERR_get_error();
  std::array<char, 256> text{};
  ERR_error_string_n(code, text.data(), text.size());
  return std::string(what) + " failed: " + text.data();
}

OpenSslCrypto::OpenSslCrypto(meshwa::Context& ctx) {
  const std::string seed = ctx.config("seed", "");
  if (!seed.empty()) seeded_.emplace(std::stoull(seed));  // throws on garbage: the service does not start
}

bool OpenSslCrypto::random_bytes(unsigned char* buffer, std::size_t size) {
  if (!seeded_) return RAND_bytes(buffer, static_cast<int>(size)) == 1;
  std::lock_guard lock(seeded_mutex_);
  for (std::size_t i = 0; i < size; ++i) buffer[i] = static_cast<unsigned char>((*seeded_)() & 0xff);
  return true;
}

std::string OpenSslCrypto::hex(const unsigned char* bytes, unsigned int size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(2 * size, '0');
  for (unsigned int i = 0; i < size; ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 15];
  }
  return out;
}

meshwa::Result<std::string> OpenSslCrypto::sha256_hex(std::string data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    return meshwa::Error(meshwa::Code::internal, openssl_error("EVP_Digest(SHA-256)"));
  }
  return hex(digest.data(), size);
}

meshwa::Result<std::string> OpenSslCrypto::hmac_sha256_hex(std::string key, std::string message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  const unsigned char* done =
      HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &size);
  if (done == nullptr) return meshwa::Error(meshwa::Code::internal, openssl_error("HMAC(SHA-256)"));
  return hex(mac.data(), size);
}

meshwa::Result<std::string> OpenSslCrypto::random_alphanumeric(std::int32_t length) {
  static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static constexpr unsigned kAlphabetSize = sizeof(kAlphabet) - 1;  // 62
  if (length < 0 || length > 4096) {
    return meshwa::Error(meshwa::Code::invalid_argument, "random_alphanumeric: length must be in 0..4096");
  }
  std::string out;
  out.reserve(static_cast<std::size_t>(length));
  std::array<unsigned char, 64> buffer{};
  while (out.size() < static_cast<std::size_t>(length)) {
    if (!random_bytes(buffer.data(), buffer.size())) {
      return meshwa::Error(meshwa::Code::unavailable, openssl_error("RAND_bytes"));
    }
    for (unsigned char byte : buffer) {
      // Rejection sampling: 248 = 4 * 62 keeps every character equally likely.
      if (byte < 4 * kAlphabetSize && out.size() < static_cast<std::size_t>(length)) {
        out += kAlphabet[byte % kAlphabetSize];
      }
    }
  }
  return out;
}

}  // namespace social
