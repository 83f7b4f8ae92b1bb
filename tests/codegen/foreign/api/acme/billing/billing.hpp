// Two interfaces one service provides; both have a method called total.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "acme/inventory/types.hpp"

namespace acme::billing {

struct MESHWA_MESSAGE Quote {
  std::string sku;
  std::int64_t cents = 0;
  std::string currency = "EUR";
  std::optional<double> discount;
};

struct MESHWA_MESSAGE LedgerLine {
  std::string sku;
  std::int64_t cents = 0;
  bool refunded = false;
};

class MESHWA_INTERFACE Pricing {
 public:
  virtual ~Pricing() = default;
  virtual meshwa::Result<Quote> quote(const std::string& sku, std::uint32_t quantity) = 0;
  virtual meshwa::Result<std::int64_t> total(const std::vector<std::string>& skus) = 0;
};

class MESHWA_INTERFACE Ledger {
 public:
  virtual ~Ledger() = default;
  virtual meshwa::Result<void> book(const Quote& quote) = 0;
  virtual std::int64_t total() const = 0;
  virtual meshwa::Result<std::vector<LedgerLine>> lines(std::string sku, bool refunded, std::int8_t sign,
                                                         double min_amount, float weight, char marker,
                                                         std::uint64_t since,
                                                         acme::inventory::v2::Grade grade) = 0;
};

}  // namespace acme::billing
