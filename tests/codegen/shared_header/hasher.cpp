#include "services.hpp"

namespace shared {

std::uint32_t HasherService::hash(const std::string& data) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : data) h = (h ^ c) * 16777619u;
  return h;
}

}  // namespace shared
