// A pricing/recommendation service with the rest of everyday C++: class
// hierarchies inside the service owned through std::unique_ptr made with
// std::make_unique, std::variant + std::visit, templates and generic
// lambdas, operator overloads, aggregate initialisation, default member
// initialisers, std::mt19937 members, std::chrono, static constexpr
// members, std::array with [] and at(), dynamic_cast on references and in
// the if-scoped idiom, enums and switch, exceptions thrown and caught inside
// the service. All rules on: not one diagnostic.
// expected-no-diagnostics
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <compare>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace pricing {

struct MESHWA_MESSAGE Price {
  int64_t cents = 0;
  std::string currency = "EUR";
};

struct MESHWA_MESSAGE Quote {
  std::string sku;
  Price price;
  std::optional<std::string> promotion;
  std::variant<int64_t, std::string> reference;
};

class MESHWA_INTERFACE Pricing {
 public:
  virtual ~Pricing() = default;
  virtual meshwa::Result<Quote> quote(std::string sku, int32_t quantity) = 0;
  virtual std::vector<std::string> recommend(std::string sku, int32_t count) = 0;
  virtual meshwa::Result<void> set_rule(std::string sku, std::variant<int64_t, double> rule) = 0;
};

// A value type with operators, used inside the service.
struct Amount {
  int64_t cents{0};

  Amount& operator+=(const Amount& other) {
    cents += other.cents;
    return *this;
  }
  friend Amount operator+(Amount a, const Amount& b) { return a += b; }
  friend Amount operator*(Amount a, int32_t n) { return Amount{a.cents * n}; }
  friend auto operator<=>(const Amount&, const Amount&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Amount& a) { return os << a.cents / 100 << '.' << a.cents % 100; }
};

template <class T>
T clamp_to(T value, T low, T high) {
  return std::max(low, std::min(value, high));
}

template <class Container, class Pred>
std::size_t count_matching(const Container& c, Pred pred) {
  std::size_t n = 0;
  for (const auto& x : c) {
    if (pred(x)) ++n;
  }
  return n;
}

// Discount strategies: a small hierarchy owned by the service.
class Discount {
 public:
  virtual ~Discount() = default;
  virtual Amount apply(Amount base, int32_t quantity) const = 0;
  virtual std::string name() const = 0;
};

class NoDiscount final : public Discount {
 public:
  Amount apply(Amount base, int32_t quantity) const override { return base * quantity; }
  std::string name() const override { return "none"; }
};

class BulkDiscount final : public Discount {
 public:
  BulkDiscount(int32_t threshold, int32_t percent) : threshold_(threshold), percent_(percent) {}
  Amount apply(Amount base, int32_t quantity) const override {
    Amount total = base * quantity;
    if (quantity >= threshold_) total.cents -= total.cents * percent_ / 100;
    return total;
  }
  std::string name() const override { return "bulk " + std::to_string(percent_) + "%"; }
  int32_t threshold() const { return threshold_; }

 private:
  int32_t threshold_;
  int32_t percent_;
};

enum Weekday { monday, tuesday, wednesday, thursday, friday, saturday, sunday };

class MESHWA_SERVICE("pricing") PricingService final : public Pricing {
 public:
  static constexpr int32_t kMaxQuantity = 1000;
  static constexpr std::array<int32_t, 7> kWeekdayBonus = {0, 0, 0, 0, 5, 10, 10};

  explicit PricingService(meshwa::Context& ctx) : rng_(std::random_device{}()), started_(Clock::now()) {
    discounts_.push_back(std::make_unique<NoDiscount>());
    discounts_.push_back(std::make_unique<BulkDiscount>(10, 5));
    default_discount_ = std::make_unique<NoDiscount>();
    catalog_ = {{"A1", Amount{1999}}, {"B2", Amount{4500}}, {"C3", Amount{250}}};
    (void)ctx;
  }

  meshwa::Result<Quote> quote(std::string sku, int32_t quantity) override {
    try {
      const Amount base = lookup(sku);
      const int32_t q = clamp_to(quantity, 1, kMaxQuantity);
      const Discount& discount = best_discount(base, q);
      Amount total = discount.apply(base, q);
      if (const auto* bulk = dynamic_cast<const BulkDiscount*>(&discount)) {
        std::clog << "bulk threshold " << bulk->threshold() << '\n';
      }
      Quote out{sku, Price{total.cents, "EUR"}, std::nullopt, int64_t{next_reference()}};
      if (discount.name() != "none") out.promotion = discount.name();
      return out;
    } catch (const std::out_of_range& e) {
      return meshwa::Error(meshwa::Code::not_found, e.what());
    }
  }

  std::vector<std::string> recommend(std::string sku, int32_t count) override {
    std::vector<std::string> others;
    for (const auto& [name, amount] : catalog_) {
      if (name != sku) others.push_back(name);
    }
    std::shuffle(others.begin(), others.end(), rng_);
    std::uniform_int_distribution<int32_t> dist(0, static_cast<int32_t>(others.size()));
    const auto n = std::min<std::size_t>(static_cast<std::size_t>(std::max(count, 0)), others.size());
    others.resize(n);
    (void)dist(rng_);
    return others;
  }

  meshwa::Result<void> set_rule(std::string sku, std::variant<int64_t, double> rule) override {
    auto it = catalog_.find(sku);
    if (it == catalog_.end()) return meshwa::Error(meshwa::Code::not_found, sku);
    std::visit(
        [&it](auto&& value) {
          using V = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<V, int64_t>) {
            it->second.cents = value;
          } else {
            it->second.cents = static_cast<int64_t>(std::llround(static_cast<double>(it->second.cents) * value));
          }
        },
        rule);
    return {};
  }

  std::string describe(const std::variant<int64_t, std::string>& ref) const {
    struct Visitor {
      std::string operator()(int64_t id) const { return "#" + std::to_string(id); }
      std::string operator()(const std::string& s) const { return s; }
    };
    return std::visit(Visitor{}, ref);
  }

  int32_t weekday_bonus(Weekday day) const {
    switch (day) {
      case saturday:
      case sunday:
        return kWeekdayBonus[static_cast<std::size_t>(day)];
      default:
        return kWeekdayBonus.at(static_cast<std::size_t>(day));
    }
  }

  std::chrono::milliseconds uptime() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_);
  }

  std::size_t cheap_items(int64_t limit) const {
    return count_matching(catalog_, [limit](const auto& kv) { return kv.second.cents < limit; });
  }

  std::tuple<Amount, Amount> range() const {
    auto [lo, hi] = std::minmax_element(catalog_.begin(), catalog_.end(),
                                        [](const auto& a, const auto& b) { return a.second < b.second; });
    return {lo->second, hi->second};
  }

 private:
  using Clock = std::chrono::steady_clock;

  Amount lookup(const std::string& sku) const { return catalog_.at(sku); }

  const Discount& best_discount(Amount base, int32_t quantity) const {
    std::size_t best_index = 0;
    for (std::size_t i = 0; i < discounts_.size(); ++i) {
      if (discounts_[i]->apply(base, quantity) < discounts_[best_index]->apply(base, quantity)) best_index = i;
    }
    if (discounts_.empty()) return *default_discount_;
    return *discounts_[best_index];
  }

  int64_t next_reference() { return ++reference_; }

  std::mt19937 rng_;
  std::vector<std::unique_ptr<Discount>> discounts_;
  std::unique_ptr<Discount> default_discount_;
  std::map<std::string, Amount> catalog_;
  Clock::time_point started_;
  int64_t reference_ = 0;
};

}  // namespace pricing
