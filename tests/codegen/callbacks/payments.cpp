#include "callbacks/payments.hpp"

#include <cstdlib>
#include <string>

namespace cb {

namespace {

std::string variant() {
  if (const char* v = std::getenv("CALLBACKS_PAYMENTS")) return std::string(v);
  return "";
}

}  // namespace

PaymentsService::PaymentsService(meshwa::Context&) {}

Receipt PaymentsService::charge(Order order, meshwa::Ref<PaymentListener> listener) {
  const std::string broken = variant();
  if (broken == "skip") return Receipt{order.id, "charged"};
  const meshwa::Result<std::string> ack = listener->on_charged(broken == "other" ? order.id + 1 : order.id);
  if (broken == "ignore") return Receipt{order.id, "charged"};
  return Receipt{order.id, ack.has_value() ? "charged:" + *ack : "charged, unacknowledged"};
}

}  // namespace cb
