#include "billing/billing_service.hpp"

namespace acme::billing {

BillingService::BillingService(meshwa::Context& ctx)
    : catalog_(ctx.ref<acme::inventory::v2::Catalog>()),
      auditor_(ctx.ref<Auditor>()),
      currency_(ctx.config("currency", "EUR")) {}

}  // namespace acme::billing
