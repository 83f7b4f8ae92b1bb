// Interfaces of the shop fixture.
#pragma once

#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "shop/money.hpp"

namespace shop {

class MESHWA_INTERFACE Currency {
 public:
  virtual ~Currency() = default;
  virtual meshwa::Result<Money> convert(Money from, std::string to_code) = 0;
  virtual std::vector<std::string> supported_currencies() = 0;
};

class MESHWA_INTERFACE Codec {
 public:
  virtual ~Codec() = default;
  virtual meshwa::Result<Blob> compress(meshwa::Owned<Blob> input) = 0;
};

class MESHWA_INTERFACE Checkout {
 public:
  virtual ~Checkout() = default;
  virtual meshwa::Result<Money> total(const Basket& basket, std::string currency) = 0;
  virtual meshwa::Result<void> ping() = 0;
};

}  // namespace shop
