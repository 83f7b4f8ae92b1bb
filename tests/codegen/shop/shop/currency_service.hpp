#pragma once

#include <map>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "shop/interfaces.hpp"

namespace shop {

class MESHWA_SERVICE("currency") CurrencyService final : public Currency {
 public:
  explicit CurrencyService(meshwa::Context& ctx);
  meshwa::Result<Money> convert(Money from, std::string to_code) override;
  std::vector<std::string> supported_currencies() override;

 private:
  std::map<std::string, int64_t> per_eur_milli_;  // units of the currency per 1000 EUR
};

}  // namespace shop
