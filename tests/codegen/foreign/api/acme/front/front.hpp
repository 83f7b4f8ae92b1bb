// The front desk: the top of the dependency chain front -> billing -> catalog -> audit.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "acme/billing/billing.hpp"

namespace acme::front {

struct MESHWA_MESSAGE Receipt {
  std::vector<billing::Quote> quotes;
  std::int64_t total_cents = 0;
  std::map<std::string, std::int32_t> counts;
};

class MESHWA_INTERFACE Front {
 public:
  virtual ~Front() = default;
  virtual meshwa::Result<Receipt> checkout(std::map<std::string, std::int32_t> basket) = 0;
  virtual meshwa::Result<void> ping() noexcept = 0;
};

}  // namespace acme::front
