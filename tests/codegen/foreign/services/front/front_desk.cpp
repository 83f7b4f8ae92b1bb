#include "front/front_desk.hpp"

namespace acme::front {

FrontDesk::FrontDesk(Context& ctx) : pricing_(ctx.ref<billing::Pricing>()), ledger_(ctx.ref<billing::Ledger>()) {}

meshwa::Result<Receipt> FrontDesk::checkout(std::map<std::string, std::int32_t> basket) {
  Receipt receipt;
  for (const auto& [sku, count] : basket) {
    if (count <= 0) return meshwa::Error(meshwa::Code::invalid_argument, "count of " + sku + " is not positive");
    meshwa::Result<billing::Quote> q = pricing_->quote(sku, static_cast<std::uint32_t>(count));
    if (!q.has_value()) return q.error();
    meshwa::Result<void> booked = ledger_->book(*q);
    if (!booked.has_value()) return booked.error();
    receipt.total_cents += q->cents;
    receipt.counts[sku] = count;
    receipt.quotes.push_back(*q);
  }
  return receipt;
}

meshwa::Result<void> FrontDesk::ping() noexcept { return meshwa::ok(); }

void FrontDesk::notify(const events::Event& event) {
  if (event.seq != 0) seen_.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t FrontDesk::seen() const { return seen_.load(std::memory_order_relaxed); }

}  // namespace acme::front
