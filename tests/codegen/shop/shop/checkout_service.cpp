#include "shop/checkout_service.hpp"

#include <utility>

namespace shop {

CheckoutService::CheckoutService(meshwa::Context& ctx) : currency_(ctx.ref<Currency>()) {}

meshwa::Result<Money> CheckoutService::total(const Basket& basket, std::string currency) {
  Money sum;
  sum.currency_code = currency;
  for (const Money& item : basket.items) {
    meshwa::Result<Money> converted = currency_->convert(item, currency);
    if (!converted.has_value()) return converted.error();
    sum.units += converted->units;
    sum.nanos += converted->nanos;
    sum.units += sum.nanos / 1000000000;
    sum.nanos = sum.nanos % 1000000000;
  }
  return sum;
}

meshwa::Result<void> CheckoutService::ping() { return meshwa::ok(); }

}  // namespace shop
