// Elements of containers of meshwa::Owned / meshwa::Shared read through the
// handle: *items[0], items[0]->field, (*items[i]).field, in functions, a
// service-like class and a class template. All rules on: not one
// diagnostic. Also terminated character buffers handed to C-string readers
// (a '\0' pushed back, a const std::array from a literal).
// expected-no-diagnostics
#include <cstring>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <meshwa/owned.hpp>
#include <meshwa/shared.hpp>

namespace {

struct Item {
  int field = 0;
  std::string name;
  std::vector<int> parts;
  void bump() { ++field; }
};

int read_owned(const std::vector<meshwa::Owned<Item>>& items) {
  if (items.empty()) return 0;
  const Item& first = *items[0];
  int total = first.field + items[0]->field + (*items[0]).field;
  for (int part : items[0]->parts) total += part;
  const std::string_view name = items[0]->name;
  return total + static_cast<int>(name.size());
}

int read_shared(const std::vector<meshwa::Shared<Item>>& items, std::size_t i) {
  if (i >= items.size()) return 0;
  const Item copy = *items[i];
  return copy.field + items[i]->field + items.at(i)->field + items.front()->field;
}

void write_owned(std::vector<meshwa::Owned<Item>>& items) {
  if (items.empty()) return;
  items[0]->bump();
  (*items[0]).field = 3;
  items[0]->parts.push_back(1);
  Item& first = *items[0];
  first.field += 1;
  items[0] = meshwa::make_owned<Item>();
}

template <class T>
class Pool {
 public:
  int first() const { return items_.empty() ? 0 : items_[0]->field + (*items_[0]).field; }
  void add() { items_.push_back(meshwa::make_owned<T>()); }

 private:
  std::vector<meshwa::Owned<T>> items_;
};

std::size_t terminated_buffers(const std::string& text, int value) {
  std::vector<char> copy(text.begin(), text.end());
  copy.push_back('\0');
  std::size_t n = std::strlen(copy.data());
  n += static_cast<std::size_t>(value);
  const std::array<char, 6> greeting{"hello"};
  return n + std::strlen(greeting.data());
}

}  // namespace

int use_all() {
  std::vector<meshwa::Owned<Item>> owned;
  owned.push_back(meshwa::make_owned<Item>());
  write_owned(owned);
  std::vector<meshwa::Shared<Item>> shared;
  shared.push_back(meshwa::make_shared<Item>());
  Pool<Item> pool;
  pool.add();
  return read_owned(owned) + read_shared(shared, 0) + pool.first() + static_cast<int>(terminated_buffers("x", 1));
}
