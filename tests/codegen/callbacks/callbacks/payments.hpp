#pragma once

#include "callbacks/api.hpp"

namespace cb {

// CALLBACKS_PAYMENTS chooses a broken provider for the contract tests:
// "ignore" calls the listener and ignores its answer, "skip" never calls
// it, "other" calls it about another order. Unset: the right one.
class MESHWA_SERVICE("payments") PaymentsService final : public Payments {
 public:
  explicit PaymentsService(meshwa::Context& ctx);
  Receipt charge(Order order, meshwa::Ref<PaymentListener> listener) override;
};

}  // namespace cb
