#include "services.hpp"

namespace shared {

meshwa::Result<std::string> AppService::run(std::string input) {
  auto sum = codec_->checksum(input);
  if (!sum.has_value()) return sum.error();
  return input + ":" + std::to_string(*sum);
}

}  // namespace shared
