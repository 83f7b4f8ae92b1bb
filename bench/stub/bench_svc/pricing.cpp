#include "pricing.hpp"

#include <utility>

namespace stubbench {

PricingService::PricingService(meshwa::Context&) {}

meshwa::Result<Money> PricingService::convert(Money from, std::string to_code) {
  if (from.currency_code != "EUR" || to_code != "USD") {
    return meshwa::Error(meshwa::Code::invalid_argument, "only EUR to USD");
  }
  const int64_t nanos = from.units * 1000000000 + from.nanos;
  const int64_t converted = nanos / 1000 * usd_per_eur_milli_;
  Money out;
  out.currency_code = std::move(to_code);
  out.units = converted / 1000000000;
  out.nanos = static_cast<int32_t>(converted % 1000000000);
  return out;
}

}  // namespace stubbench
