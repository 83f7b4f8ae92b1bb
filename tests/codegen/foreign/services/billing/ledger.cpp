// BillingService as Ledger.
#include "billing/billing_service.hpp"

namespace acme::billing {

meshwa::Result<void> BillingService::book(const Quote& quote) {
  if (quote.cents < 0) return meshwa::Error(meshwa::Code::invalid_argument, "negative amount");
  std::lock_guard<std::mutex> lock(mutex_);
  LedgerLine line;
  line.sku = quote.sku;
  line.cents = quote.cents;
  lines_.push_back(line);
  return meshwa::ok();
}

std::int64_t BillingService::total() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::int64_t sum = 0;
  for (const LedgerLine& line : lines_) sum += line.cents;
  return sum;
}

meshwa::Result<std::vector<LedgerLine>> BillingService::lines(std::string sku, bool refunded, std::int8_t sign,
                                                               double min_amount, float weight, char marker,
                                                               std::uint64_t since,
                                                               acme::inventory::v2::Grade grade) {
  if (marker == '\0') return meshwa::Error(meshwa::Code::invalid_argument, "marker must not be NUL");
  (void)weight;
  (void)grade;
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<LedgerLine> out;
  for (std::size_t i = since < lines_.size() ? static_cast<std::size_t>(since) : lines_.size(); i < lines_.size(); ++i) {
    const LedgerLine& line = lines_[i];
    if (!sku.empty() && line.sku != sku) continue;
    if (line.refunded != refunded) continue;
    if (static_cast<double>(line.cents * (sign < 0 ? -1 : 1)) < min_amount) continue;
    out.push_back(line);
  }
  return out;
}

}  // namespace acme::billing
