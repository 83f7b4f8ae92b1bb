// A shopping-cart service written the ordinary way against DESIGN.md's API:
// messages, an interface, a service holding its state in members, a
// dependency through ctx.ref<I>(), Result/Error, Owned/Shared, structured
// bindings, algorithms, std::optional, enums and switch, exceptions caught
// inside the service. All rules on: not one diagnostic.
// expected-no-diagnostics
#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace shop {

struct MESHWA_MESSAGE Money {
  std::string currency_code;
  int64_t units = 0;
  int32_t nanos = 0;
};

struct MESHWA_MESSAGE CartItem {
  std::string product_id;
  int32_t quantity = 0;
};

struct MESHWA_MESSAGE Cart {
  std::string user_id;
  std::vector<CartItem> items;
};

enum class Tier { standard, silver, gold };

class MESHWA_INTERFACE Currency {
 public:
  virtual ~Currency() = default;
  virtual meshwa::Result<Money> convert(Money from, std::string to_code) = 0;
  virtual std::vector<std::string> supported_currencies() = 0;
};

class MESHWA_INTERFACE CartStore {
 public:
  virtual ~CartStore() = default;
  virtual meshwa::Result<void> add_item(const std::string& user_id, CartItem item) = 0;
  virtual meshwa::Result<Cart> get_cart(std::string user_id) = 0;
  virtual meshwa::Result<void> empty_cart(std::string user_id) = 0;
  virtual meshwa::Result<Money> total(std::string user_id, std::string currency) = 0;
  virtual meshwa::Result<int64_t> import(meshwa::Owned<Cart> cart) = 0;
  virtual std::optional<Tier> tier_of(std::string user_id) = 0;
  virtual std::map<std::string, int32_t> counts() = 0;
};

constexpr int32_t kMaxQuantity = 99;
const std::string kDefaultCurrency = "USD";
constexpr std::array<const char*, 3> kTierNames = {"standard", "silver", "gold"};

class MESHWA_SERVICE("cart") CartService final : public CartStore {
 public:
  explicit CartService(meshwa::Context& ctx) : currency_(ctx.ref<Currency>()) {
    prices_["OLJCESPC7Z"] = Money{"USD", 19, 990000000};
    prices_["66VCHSJNUP"] = Money{"USD", 349, 0};
  }

  meshwa::Result<void> add_item(const std::string& user_id, CartItem item) override {
    if (user_id.empty()) return meshwa::Error(meshwa::Code::invalid_argument, "empty user id");
    if (item.quantity <= 0 || item.quantity > kMaxQuantity) {
      return meshwa::Error(meshwa::Code::invalid_argument, "quantity out of range: " + std::to_string(item.quantity));
    }
    auto& cart = carts_[user_id];
    cart.user_id = user_id;
    auto it = std::find_if(cart.items.begin(), cart.items.end(),
                           [&item](const CartItem& existing) { return existing.product_id == item.product_id; });
    if (it != cart.items.end()) {
      it->quantity += item.quantity;
    } else {
      cart.items.push_back(std::move(item));
    }
    return meshwa::ok();
  }

  meshwa::Result<Cart> get_cart(std::string user_id) override {
    auto it = carts_.find(user_id);
    if (it == carts_.end()) return Cart{user_id, {}};
    return it->second;
  }

  meshwa::Result<void> empty_cart(std::string user_id) override {
    if (carts_.erase(user_id) == 0) return meshwa::Error(meshwa::Code::not_found, "no cart for " + user_id);
    return {};
  }

  meshwa::Result<Money> total(std::string user_id, std::string currency) override {
    const auto cart = get_cart(user_id);
    if (!cart.has_value()) return cart.error();
    int64_t units = 0;
    for (const auto& item : cart->items) {
      const std::optional<Money> price = price_of(item.product_id);
      if (!price) return meshwa::Error(meshwa::Code::not_found, "unknown product " + item.product_id);
      units += price->units * item.quantity;
    }
    Money sum{kDefaultCurrency, units, 0};
    if (currency == kDefaultCurrency) return sum;
    meshwa::Result<Money> converted = currency_->convert(sum, currency);
    if (!converted) {
      return meshwa::Error(meshwa::Code::unavailable, "conversion failed: " + converted.error().message());
    }
    return *converted;
  }

  meshwa::Result<int64_t> import(meshwa::Owned<Cart> cart) override {
    if (!cart) return meshwa::Error(meshwa::Code::invalid_argument, "empty cart handle");
    const std::string user = cart->user_id;
    int64_t added = 0;
    for (const CartItem& item : cart->items) {
      if (auto r = add_item(user, item); r.has_value()) ++added;
    }
    archive_.push_back(std::move(cart));
    return added;
  }

  std::optional<Tier> tier_of(std::string user_id) override {
    const auto it = carts_.find(user_id);
    if (it == carts_.end()) return std::nullopt;
    const auto items = it->second.items.size();
    if (items > 10) return Tier::gold;
    if (items > 3) return Tier::silver;
    return Tier::standard;
  }

  std::map<std::string, int32_t> counts() override {
    std::map<std::string, int32_t> out;
    for (const auto& [user, cart] : carts_) {
      out[user] = std::accumulate(cart.items.begin(), cart.items.end(), int32_t{0},
                                  [](int32_t acc, const CartItem& i) { return acc + i.quantity; });
    }
    return out;
  }

  // Not part of the interface: helpers the service uses itself.
  static std::string tier_name(Tier t) {
    switch (t) {
      case Tier::standard: return kTierNames[0];
      case Tier::silver: return kTierNames[1];
      case Tier::gold: return kTierNames.at(2);
    }
    return "unknown";
  }

  std::vector<std::string> top_products(std::size_t n) const {
    std::map<std::string, int64_t> totals;
    for (const auto& entry : carts_) {
      for (const auto& item : entry.second.items) totals[item.product_id] += item.quantity;
    }
    std::vector<std::pair<std::string, int64_t>> ranked(totals.begin(), totals.end());
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (ranked.size() > n) ranked.resize(n);
    std::vector<std::string> ids;
    ids.reserve(ranked.size());
    std::transform(ranked.begin(), ranked.end(), std::back_inserter(ids), [](const auto& p) { return p.first; });
    return ids;
  }

  int32_t parse_quantity(const std::string& text) const {
    try {
      const int value = std::stoi(text);
      if (value < 0) throw std::invalid_argument("negative quantity");
      return static_cast<int32_t>(value);
    } catch (const std::invalid_argument&) {
      return 0;
    } catch (const std::out_of_range& e) {
      return kMaxQuantity;
    }
  }

  meshwa::Shared<Cart> snapshot(const std::string& user) const {
    auto it = carts_.find(user);
    return meshwa::make_shared<Cart>(it == carts_.end() ? Cart{user, {}} : it->second);
  }

  meshwa::Owned<Cart> detach_cart(const std::string& user) {
    auto handle = meshwa::make_owned<Cart>();
    handle->user_id = user;
    if (auto it = carts_.find(user); it != carts_.end()) {
      (*handle).items = std::move(it->second.items);
      carts_.erase(it);
    }
    return handle;
  }

 private:
  std::optional<Money> price_of(const std::string& product_id) const {
    if (auto it = prices_.find(product_id); it != prices_.end()) return it->second;
    return std::nullopt;
  }

  meshwa::Ref<Currency> currency_;
  std::map<std::string, Cart> carts_;
  std::map<std::string, Money> prices_;
  std::vector<meshwa::Owned<Cart>> archive_;
};

}  // namespace shop
