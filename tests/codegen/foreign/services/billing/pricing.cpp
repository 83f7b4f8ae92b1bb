// BillingService as Pricing.
#include "billing/billing_service.hpp"

namespace acme::billing {

namespace {

std::int64_t cents_of(acme::inventory::v2::Grade grade) {
  switch (grade) {
    case acme::inventory::v2::Grade::bronze: return 100;
    case acme::inventory::v2::Grade::silver: return 250;
    case acme::inventory::v2::Grade::gold: return 900;
  }
  return 0;
}

}  // namespace

meshwa::Result<Quote> BillingService::quote(const std::string& sku, std::uint32_t quantity) {
  if (quantity == 0) return meshwa::Error(meshwa::Code::invalid_argument, "quantity 0");
  meshwa::Result<acme::inventory::v2::Item> item = catalog_->find(sku);
  if (!item.has_value()) return item.error();
  AuditEntry entry;
  entry.actor = auditor_->prefix() + "/billing";
  entry.action = "quote " + sku;
  entry.level = 2;
  auditor_->record(entry);
  Quote q;
  q.sku = sku;
  q.cents = cents_of(item->grade) * quantity;
  q.currency = currency_;
  if (item->note) q.discount = 0.1;
  return q;
}

meshwa::Result<std::int64_t> BillingService::total(const std::vector<std::string>& skus) {
  std::int64_t sum = 0;
  for (const std::string& sku : skus) {
    meshwa::Result<Quote> q = quote(sku, 1);
    if (!q.has_value()) return q.error();
    sum += q->cents;
  }
  return sum;
}

}  // namespace acme::billing
