#include "callbacks/payments.hpp"

#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

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
  for (std::size_t k = 0; k < listeners.size(); ++k) {
    calls.emplace_back(variant() == "first_listener" ? listeners.front() : listeners[k], 10 + static_cast<std::int64_t>(k));
  }
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

// All threads run at once; each waits for the one after it, so the last
// listener is told first: the calls come in the reverse of the order a
// consumer that tells them one by one records, each from another thread.
std::string PaymentsService::fan_out(std::vector<meshwa::Ref<PaymentListener>> listeners) {
  std::vector<std::string> acks(listeners.size());
  std::mutex mutex;
  std::condition_variable turn;
  std::size_t next = listeners.size();  // the listener told next, plus one
  {
    std::vector<std::jthread> threads;
    for (std::size_t k = 0; k < listeners.size(); ++k) {
      threads.emplace_back([&, k] {
        std::unique_lock lock(mutex);
        while (next != k + 1) turn.wait(lock);
        lock.unlock();
        const meshwa::Result<std::string> ack = listeners[k]->on_charged(20 + static_cast<std::int64_t>(k));
        lock.lock();
        acks[k] = ack.has_value() ? *ack : std::string("?");
        next = k;
        turn.notify_all();
      });
    }
  }  // joined here
  std::string out;
  for (const std::string& ack : acks) out += (out.empty() ? "" : " ") + ack;
  return out;
}

}  // namespace cb
