// A provider that calls back into a capability its caller passes
// (docs/contracts.md §1, §2): Payments::charge tells the caller's
// PaymentListener, and its receipt carries the listener's answer.
#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace cb {

struct MESHWA_MESSAGE Order {
  std::int64_t id = 0;
  std::int64_t amount = 0;
};

struct MESHWA_MESSAGE Receipt {
  std::int64_t id = 0;
  std::string status;
};

class MESHWA_INTERFACE PaymentListener {
 public:
  virtual ~PaymentListener() = default;
  /// The caller's acknowledgement of a charge, which the receipt carries.
  virtual meshwa::Result<std::string> on_charged(std::int64_t order_id) = 0;
};

class MESHWA_INTERFACE Payments {
 public:
  virtual ~Payments() = default;
  virtual Receipt charge(Order order, meshwa::Ref<PaymentListener> listener) = 0;
};

class MESHWA_INTERFACE Shop {
 public:
  virtual ~Shop() = default;
  virtual std::string buy(std::int64_t id, std::int64_t amount) = 0;
};

}  // namespace cb
