// The catalog: split over catalog_service.cpp (state, changes) and
// catalog_query.cpp (reads). Uses the auditor and the (unsafe) vault.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "acme/inventory/catalog.hpp"
#include "acme/vault/vault.hpp"
#include "audit.hpp"

namespace acme::inventory::inline v2 {

class MESHWA_SERVICE("catalog") CatalogService final : public Catalog {
 public:
  explicit CatalogService(meshwa::Context& ctx);

  meshwa::Result<Item> find(const std::string& sku) const override;
  meshwa::Result<std::vector<Item>> list(const Filter& filter) override;
  meshwa::Result<void> put(Item item) override;
  Snapshot snapshot() const noexcept override;
  bool contains(const std::string& sku) const noexcept override;
  void subscribe(meshwa::Ref<acme::events::Listener> listener) override;
  meshwa::Result<meshwa::Ref<acme::events::Listener>> first_subscriber() override;
  meshwa::Owned<Item> sample(Grade grade) override;
  std::size_t size() override;
  Tally tally(Tally in) const override;
  meshwa::Result<Category> categories(Category root, std::uint32_t depth) override;

 private:
  meshwa::Ref<Auditor> auditor_;
  meshwa::Ref<acme::vault::Vault> vault_;
  mutable std::mutex mutex_;
  std::map<std::string, Item> items_;
  std::vector<meshwa::Ref<acme::events::Listener>> listeners_;
  std::uint64_t version_ = 1;
};

}  // namespace acme::inventory::v2
