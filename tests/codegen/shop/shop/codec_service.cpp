#include "shop/codec_service.hpp"

#include <cstring>
#include <string>

namespace shop {

CodecService::CodecService(meshwa::Context&) {}

// Run-length encoding, written as text: two hex digits of the run's length
// and two of the byte, so that the result is ASCII whatever the input (a
// message's std::string must be UTF-8 to be recorded in a contract, and the
// property tests check it). The raw-pointer code is why this service is
// MESHWA_UNSAFE and runs in its MPK domain.
meshwa::Result<Blob> CodecService::compress(meshwa::Owned<Blob> input) {
  static constexpr char kHex[] = "0123456789abcdef";
  const std::string& in = input->bytes;
  std::string out(in.size() * 4, '\0');
  char* dst = out.data();
  const unsigned char* src = reinterpret_cast<const unsigned char*>(in.data());
  std::size_t n = 0;
  for (std::size_t i = 0; i < in.size();) {
    std::size_t run = 1;
    while (i + run < in.size() && src[i + run] == src[i] && run < 255) ++run;
    dst[n++] = kHex[run >> 4];
    dst[n++] = kHex[run & 0xf];
    dst[n++] = kHex[src[i] >> 4];
    dst[n++] = kHex[src[i] & 0xf];
    i += run;
  }
  out.resize(n);
  Blob b;
  b.bytes = std::move(out);
  return b;
}

}  // namespace shop
