#include "catalog/catalog_service.hpp"

#include <sstream>
#include <utility>

namespace acme::inventory::inline v2 {

namespace {

Item seeded(const std::string& sku) {
  Item item;
  item.sku = sku;
  item.grade = Grade::gold;
  item.shelf = shelf_top;
  item.lot.number = 7;
  item.lot.origin = "north";
  item.code = std::int64_t{42};
  item.layout = {{1, 2}, {3}};
  return item;
}

}  // namespace

CatalogService::CatalogService(meshwa::Context& ctx)
    : auditor_(ctx.ref<Auditor>()), vault_(ctx.ref<acme::vault::Vault>()) {
  std::istringstream seed(ctx.config("seed", "sku-1"));
  std::string sku;
  while (std::getline(seed, sku, ',')) {
    if (!sku.empty()) items_.emplace(sku, seeded(sku));
  }
}

meshwa::Result<void> CatalogService::put(Item item) {
  if (item.sku.empty()) return meshwa::Error(meshwa::Code::invalid_argument, "an item needs a sku");
  // The sku crosses into the vault's MPK domain as an Owned blob, and back.
  acme::vault::Blob blob;
  blob.bytes = item.sku;
  meshwa::Result<meshwa::Owned<acme::vault::Blob>> sealed = vault_->seal(meshwa::make_owned<acme::vault::Blob>(blob), 7);
  if (!sealed.has_value()) return sealed.error();
  meshwa::Shared<const acme::vault::Blob> print = vault_->fingerprint(meshwa::make_shared<const acme::vault::Blob>(blob));
  AuditEntry entry;
  entry.actor = "catalog";
  entry.action = "put " + item.sku;
  entry.level = print->tag.empty() ? 0 : 1;
  auditor_->record(entry);
  std::vector<meshwa::Ref<acme::events::Listener>> listeners;
  acme::events::Event event;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    event.seq = ++version_;
    event.topic = "put";
    event.payload = item.sku;
    items_[item.sku] = std::move(item);
    listeners = listeners_;
  }
  for (const auto& listener : listeners) listener->notify(event);
  return meshwa::ok();
}

void CatalogService::subscribe(meshwa::Ref<acme::events::Listener> listener) {
  if (!listener.has_value()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  listeners_.push_back(std::move(listener));
}

meshwa::Result<meshwa::Ref<acme::events::Listener>> CatalogService::first_subscriber() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (listeners_.empty()) return meshwa::Error(meshwa::Code::not_found, "no subscriber");
  return listeners_.front();
}

meshwa::Owned<Item> CatalogService::sample(Grade grade) {
  Item item = seeded("sample");
  item.grade = grade;
  return meshwa::make_owned<Item>(std::move(item));
}

}  // namespace acme::inventory::v2
