#include "callbacks/payments.hpp"

#include <cstdlib>
#include <utility>
#include <vector>
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

std::string PaymentsService::broadcast(Notice notice, std::vector<meshwa::Ref<PaymentListener>> listeners,
                                       std::map<std::string, meshwa::Ref<PaymentListener>> by_name,
                                       std::optional<meshwa::Ref<PaymentListener>> extra) {
  std::vector<std::pair<meshwa::Ref<PaymentListener>, std::int64_t>> calls;
  calls.emplace_back(notice.notify, 1);
  for (std::size_t k = 0; k < listeners.size(); ++k) calls.emplace_back(listeners[k], 10 + static_cast<std::int64_t>(k));
  std::int64_t n = 100;
  for (const auto& [name, listener] : by_name) calls.emplace_back(listener, n++);
  if (extra) calls.emplace_back(*extra, 1000);
  std::string out = notice.text;
  for (const auto& [listener, id] : calls) {
    const meshwa::Result<std::string> ack = listener->on_charged(id);
    out += " " + (ack.has_value() ? *ack : std::string("?"));
  }
  return out;
}

std::string PaymentsService::relay(const Notice& notice) {
  const meshwa::Result<std::string> ack = notice.notify->on_charged(2);
  return notice.text + " " + (ack.has_value() ? *ack : std::string("?"));
}

std::string PaymentsService::audit(meshwa::Ref<const Ledger> ledger, meshwa::Ref<PaymentListener> listener) {
  if (variant() == "reorder") {
    const meshwa::Result<std::string> ack = listener->on_charged(7);
    return std::to_string(ledger->balance() + 1) + " " + (ack.has_value() ? *ack : std::string("?"));
  }
  const std::int64_t balance = ledger->balance();
  const meshwa::Result<std::string> ack = listener->on_charged(7);
  return std::to_string(balance + 1) + " " + (ack.has_value() ? *ack : std::string("?"));
}

}  // namespace cb
