#pragma once

#include <string>

#include <meshwa/meshwa.hpp>

#include "shop/interfaces.hpp"

namespace shop {

/// Sums a basket in one currency: a consumer of Currency.
class MESHWA_SERVICE("checkout") CheckoutService final : public Checkout {
 public:
  explicit CheckoutService(meshwa::Context& ctx);
  meshwa::Result<Money> total(const Basket& basket, std::string currency) override;
  meshwa::Result<void> ping() override;

 private:
  meshwa::Ref<Currency> currency_;
};

}  // namespace shop
