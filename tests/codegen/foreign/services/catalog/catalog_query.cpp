// The catalog's reads.
#include <algorithm>

#include "catalog/catalog_service.hpp"

namespace acme::inventory::inline v2 {

meshwa::Result<Item> CatalogService::find(const std::string& sku) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = items_.find(sku);
  if (it == items_.end()) return meshwa::Error(meshwa::Code::not_found, "no item " + sku);
  return it->second;
}

meshwa::Result<std::vector<Item>> CatalogService::list(const Filter& filter) {
  if (filter.limit > 1000) return meshwa::Error(meshwa::Code::invalid_argument, "limit above 1000");
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Item> out;
  for (const auto& [sku, item] : items_) {
    if (out.size() >= filter.limit) break;
    if (filter.grade && *filter.grade != item.grade) continue;
    if (!filter.shelves.empty() &&
        std::find(filter.shelves.begin(), filter.shelves.end(), item.shelf) == filter.shelves.end()) {
      continue;
    }
    out.push_back(item);
  }
  return out;
}

Snapshot CatalogService::snapshot() const noexcept {
  std::lock_guard<std::mutex> lock(mutex_);
  Snapshot s;
  s.items = items_;
  s.version = version_;
  return s;
}

bool CatalogService::contains(const std::string& sku) const noexcept {
  std::lock_guard<std::mutex> lock(mutex_);
  return items_.count(sku) != 0;
}

std::size_t CatalogService::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return items_.size();
}

Tally CatalogService::tally(Tally in) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [sku, item] : items_) {
    in.names.insert(sku);
    in.by_grade[item.grade] += 1;
  }
  return in;
}

meshwa::Result<Category> CatalogService::categories(Category root, std::uint32_t depth) {
  if (depth > 8) return meshwa::Error(meshwa::Code::invalid_argument, "deeper than 8");
  if (depth > 0 && root.children.empty()) {
    Category leaf;
    leaf.name = root.name + "/leaf";
    root.children.push_back(leaf);
  }
  return root;
}

}  // namespace acme::inventory::v2
