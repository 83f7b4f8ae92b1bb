#include "shop/currency_service.hpp"

namespace shop {

CurrencyService::CurrencyService(meshwa::Context&) : per_eur_milli_{{"EUR", 1000}, {"USD", 1100}, {"JPY", 160000}} {}

meshwa::Result<Money> CurrencyService::convert(Money from, std::string to_code) {
  const auto src = per_eur_milli_.find(from.currency_code);
  const auto dst = per_eur_milli_.find(to_code);
  if (src == per_eur_milli_.end()) return meshwa::Error(meshwa::Code::invalid_argument, "unknown currency " + from.currency_code);
  if (dst == per_eur_milli_.end()) return meshwa::Error(meshwa::Code::invalid_argument, "unknown currency " + to_code);
  if (from.units > 1000000000 || from.units < -1000000000) return meshwa::Error(meshwa::Code::out_of_range, "amount too large");
  const int64_t nanos_total = from.units * 1000000000 + from.nanos;
  const int64_t converted = nanos_total / src->second * dst->second;
  Money out;
  out.currency_code = to_code;
  out.units = converted / 1000000000;
  out.nanos = static_cast<int32_t>(converted % 1000000000);
  return out;
}

std::vector<std::string> CurrencyService::supported_currencies() {
  std::vector<std::string> out;
  for (const auto& [code, rate] : per_eur_milli_) out.push_back(code);
  return out;
}

}  // namespace shop
