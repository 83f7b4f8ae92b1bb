// One service, two interfaces (Pricing and Ledger both have total()), its
// definitions spread over three .cpp files, added in its own CMakeLists.txt.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "acme/billing/billing.hpp"
#include "acme/inventory/catalog.hpp"
#include "audit.hpp"

namespace acme::billing {

class MESHWA_SERVICE("billing") BillingService final : public Pricing, public Ledger {
 public:
  explicit BillingService(meshwa::Context& ctx);

  // Pricing (pricing.cpp)
  meshwa::Result<Quote> quote(const std::string& sku, std::uint32_t quantity) override;
  meshwa::Result<std::int64_t> total(const std::vector<std::string>& skus) override;

  // Ledger (ledger.cpp)
  meshwa::Result<void> book(const Quote& quote) override;
  std::int64_t total() const override;
  meshwa::Result<std::vector<LedgerLine>> lines(std::string sku, bool refunded, std::int8_t sign, double min_amount,
                                                 float weight, char marker, std::uint64_t since,
                                                 acme::inventory::v2::Grade grade) override;

 private:
  meshwa::Ref<acme::inventory::v2::Catalog> catalog_;
  meshwa::Ref<Auditor> auditor_;
  std::string currency_;
  mutable std::mutex mutex_;
  std::vector<LedgerLine> lines_;
};

}  // namespace acme::billing
