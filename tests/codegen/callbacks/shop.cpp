#include "callbacks/shop.hpp"

namespace cb {

ShopService::ShopService(meshwa::Context& ctx) : ctx_(ctx) {}

std::string ShopService::buy(std::int64_t id, std::int64_t amount) {
  return ctx_.ref<Payments>()->charge(Order{id, amount}, ctx_.ref<PaymentListener>()).status;
}

meshwa::Result<std::string> ShopService::on_charged(std::int64_t order_id) {
  return "ack-" + std::to_string(order_id);
}

std::int64_t ShopService::balance() const { return 42; }

}  // namespace cb
