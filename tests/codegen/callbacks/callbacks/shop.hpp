#pragma once

#include <cstdint>
#include <string>

#include "callbacks/api.hpp"

namespace cb {

// Pays through Payments, handing it a Ref to itself to be told of the
// charge; keeps a ledger, which Notices audits through a Ref<const Ledger>.
class MESHWA_SERVICE("shop") ShopService final : public Shop, public PaymentListener, public Ledger {
 public:
  explicit ShopService(meshwa::Context& ctx);
  std::string buy(std::int64_t id, std::int64_t amount) override;
  meshwa::Result<std::string> on_charged(std::int64_t order_id) override;
  std::int64_t balance() const override;

 private:
  meshwa::Context& ctx_;
};

}  // namespace cb
