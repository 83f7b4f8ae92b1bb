// The catalog interface; its messages come from another header (types.hpp),
// its callback interface from a third (events/listener.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "acme/events/listener.hpp"
#include "acme/inventory/types.hpp"

namespace acme::inventory::inline v2 {

class MESHWA_INTERFACE Catalog {
 public:
  virtual ~Catalog() = default;
  virtual meshwa::Result<Item> find(const std::string& sku) const = 0;
  virtual meshwa::Result<std::vector<Item>> list(const Filter& filter) = 0;
  virtual meshwa::Result<void> put(Item item) = 0;
  virtual Snapshot snapshot() const noexcept = 0;
  virtual bool contains(const std::string& sku) const noexcept = 0;
  virtual void subscribe(meshwa::Ref<acme::events::Listener> listener) = 0;
  // A Ref handed out as a result: whoever calls it may call the listener.
  virtual meshwa::Result<meshwa::Ref<acme::events::Listener>> first_subscriber() = 0;
  virtual meshwa::Owned<Item> sample(Grade grade) = 0;
  virtual std::size_t size() = 0;
  virtual Tally tally(Tally in) const = 0;
  virtual meshwa::Result<Category> categories(Category root, std::uint32_t depth) = 0;
};

}  // namespace acme::inventory::v2
