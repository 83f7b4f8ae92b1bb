#include "ids.hpp"

namespace blog {

IdsService::IdsService(meshwa::Context&) : random_(std::random_device{}()) {}

meshwa::Result<std::string> IdsService::next() {
  const std::string digits = "0123456789abcdef";
  std::lock_guard lock(mutex_);
  if (down_) return meshwa::Error(meshwa::Code::unavailable, "ids down");
  std::uint64_t bits = random_();
  std::string id = "p-";
  for (int i = 0; i < 16; ++i, bits >>= 4) id += digits.at(bits & 15u);
  return id;
}

void IdsService::set_down(bool down) {
  std::lock_guard lock(mutex_);
  down_ = down;
}

}  // namespace blog
