// The service the stub benchmark calls: a small but real method (a message
// in, a string moved, a message out), like most interface methods.
#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace stubbench {

struct MESHWA_MESSAGE Money {
  std::string currency_code;
  int64_t units = 0;
  int32_t nanos = 0;
};

class MESHWA_INTERFACE Pricing {
 public:
  virtual ~Pricing() = default;
  virtual meshwa::Result<Money> convert(Money from, std::string to_code) = 0;
};

class MESHWA_SERVICE("pricing") PricingService final : public Pricing {
 public:
  explicit PricingService(meshwa::Context& ctx);
  meshwa::Result<Money> convert(Money from, std::string to_code) override;

 private:
  int64_t usd_per_eur_milli_ = 1100;
};

}  // namespace stubbench
