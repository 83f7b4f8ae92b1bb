// Messages of the shop fixture: what crosses between its services.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace shop {

struct MESHWA_MESSAGE Money {
  std::string currency_code;
  int64_t units = 0;
  int32_t nanos = 0;
};

struct MESHWA_MESSAGE Basket {
  std::vector<Money> items;
  std::optional<std::string> coupon;
  std::map<std::string, int32_t> counts;
};

struct MESHWA_MESSAGE Blob {
  std::string bytes;
};

}  // namespace shop
