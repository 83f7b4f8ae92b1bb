#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "callbacks/api.hpp"

namespace cb {

// CALLBACKS_PAYMENTS chooses a broken provider for the contract tests:
// "ignore" calls the listener and ignores its answer, "skip" never calls
// it, "other" calls it about another order, "reorder" makes audit's
// callbacks in the other order, "first_listener" has broadcast tell
// listeners[0] what it should tell listeners[1]. Unset: the right one.
class MESHWA_SERVICE("payments") PaymentsService final : public Payments, public Notices {
 public:
  explicit PaymentsService(meshwa::Context& ctx);
  Receipt charge(Order order, meshwa::Ref<PaymentListener> listener) override;
  std::string broadcast(Notice notice, std::vector<meshwa::Ref<PaymentListener>> listeners,
                        std::map<std::string, meshwa::Ref<PaymentListener>> by_name,
                        std::optional<meshwa::Ref<PaymentListener>> extra) override;
  std::string relay(const Notice& notice) override;
  std::string audit(meshwa::Ref<const Ledger> ledger, meshwa::Ref<PaymentListener> listener) override;
  std::string fan_out(std::vector<meshwa::Ref<PaymentListener>> listeners) override;
};

}  // namespace cb
