// The heavy standard and Boost headers, used the way ordinary service code
// uses them. The plugin must get through all of it quickly, without a crash,
// and without a single diagnostic: none of this is unsafe.
// expected-no-diagnostics
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iomanip>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <random>
#include <ranges>
#include <regex>
#include <set>
#include <shared_mutex>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include <boost/hana.hpp>
#include <meshwa/meshwa.hpp>

namespace shop {

struct MESHWA_MESSAGE Item {
  std::string sku;
  int64_t quantity = 0;
};

struct Order {
  std::string id;
  std::vector<Item> items;
  std::map<std::string, int64_t> totals;
};

constexpr int kMaxItems = 64;
const std::array<std::string_view, 3> kCurrencies = {"EUR", "USD", "JPY"};

class Inventory {
 public:
  void add(const Item& item) {
    std::lock_guard<std::mutex> lock(mutex_);
    stock_[item.sku] += item.quantity;
    ++version_;
  }

  std::optional<int64_t> count(const std::string& sku) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = stock_.find(sku);
    if (it == stock_.end()) return std::nullopt;
    return it->second;
  }

  std::vector<std::string> skus_sorted() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out;
    out.reserve(stock_.size());
    for (const auto& [sku, n] : stock_) out.push_back(sku);
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, int64_t> stock_;
  std::atomic<uint64_t> version_{0};
};

int64_t total_quantity(const Order& order) {
  return std::accumulate(order.items.begin(), order.items.end(), int64_t{0},
                         [](int64_t sum, const Item& item) { return sum + item.quantity; });
}

std::vector<int> evens(const std::vector<int>& v) {
  std::vector<int> out;
  for (int x : v | std::views::filter([](int x) { return x % 2 == 0; })) out.push_back(x);
  return out;
}

std::string describe(const Order& order) {
  std::ostringstream os;
  os << order.id << ": " << order.items.size() << " items";
  for (std::size_t i = 0; i < order.items.size(); ++i) {
    os << (i == 0 ? " " : ", ") << order.items[i].sku << " x" << std::setw(3) << order.items[i].quantity;
  }
  return os.str();
}

bool valid_sku(const std::string& sku) {
  static_assert(kMaxItems > 0);
  const std::regex pattern("[A-Z]{3}-[0-9]+");
  return std::regex_match(sku, pattern);
}

std::variant<int, std::string> parse(const std::string& text) {
  try {
    return std::stoi(text);
  } catch (const std::exception& e) {
    return std::string(e.what());
  }
}

int sum_async(std::vector<int> values) {
  const auto half = static_cast<std::ptrdiff_t>(values.size() / 2);
  std::vector<int> first(values.begin(), values.begin() + half);
  std::future<int> left = std::async(std::launch::async, [first = std::move(first)] {
    return std::accumulate(first.begin(), first.end(), 0);
  });
  const int right = std::accumulate(values.begin() + half, values.end(), 0);
  return left.get() + right;
}

double elapsed_ms(std::chrono::steady_clock::time_point start) {
  const auto d = std::chrono::steady_clock::now() - start;
  return std::chrono::duration<double, std::milli>(d).count();
}

std::uintmax_t file_size_or_zero(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

std::string hana_names() {
  auto names = boost::hana::make_tuple(std::string("a"), std::string("b"));
  std::string out;
  boost::hana::for_each(names, [&out](const std::string& s) { out += s; });
  return out;
}

std::unique_ptr<Order> make_order(std::string id) {
  auto order = std::make_unique<Order>();
  order->id = std::move(id);
  order->items.push_back(Item{"ABC-1", 2});
  order->totals["EUR"] = 10;
  return order;
}

int sum_array() {
  std::array<int, 4> a = {1, 2, 3, 4};
  int total = 0;
  for (std::size_t i = 0; i < a.size(); ++i) total += a[i];
  std::thread worker([] {});
  worker.join();
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> dist(0, 9);
  total += dist(rng);
  std::deque<int> dq = {1, 2};
  std::list<int> li = {3};
  std::set<int> st = {4};
  std::unordered_set<int> us = {5};
  total += dq[0] + li.front() + *st.begin() + static_cast<int>(us.size());
  std::cout << "total " << total << '\n';
  return total;
}

}  // namespace shop
