#include "shop/codec_service.hpp"

#include <cstring>
#include <string>

namespace shop {

CodecService::CodecService(meshwa::Context&) {}

meshwa::Result<Blob> CodecService::compress(meshwa::Owned<Blob> input) {
  const std::string& in = input->bytes;
  std::string out(in.size() * 2, '\0');
  char* dst = out.data();
  const char* src = in.data();
  std::size_t n = 0;
  for (std::size_t i = 0; i < in.size();) {
    std::size_t run = 1;
    while (i + run < in.size() && src[i + run] == src[i] && run < 255) ++run;
    dst[n++] = static_cast<char>(run);
    dst[n++] = src[i];
    i += run;
  }
  out.resize(n);
  Blob b;
  b.bytes = std::move(out);
  return b;
}

}  // namespace shop
