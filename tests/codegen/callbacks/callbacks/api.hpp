// A provider that calls back into a capability its caller passes
// (docs/contracts.md §1, §2): Payments::charge tells the caller's
// PaymentListener, and its receipt carries the listener's answer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

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

/// A notice carries the Ref of the listener to tell (a Ref nested in an
/// argument: its callbacks are recorded through "notice.notify").
struct MESHWA_MESSAGE Notice {
  std::string text;
  meshwa::Ref<PaymentListener> notify;
};

class MESHWA_INTERFACE Ledger {
 public:
  virtual ~Ledger() = default;
  virtual std::int64_t balance() const = 0;
};

/// Callbacks through Refs at any depth of the arguments, and through a
/// Ref<const I>: each answer joins what the Refs answered.
class MESHWA_INTERFACE Notices {
 public:
  virtual ~Notices() = default;
  /// Tells notice.notify, then listeners in order, then by_name in key
  /// order, then extra, each of its own number.
  virtual std::string broadcast(Notice notice, std::vector<meshwa::Ref<PaymentListener>> listeners,
                                std::map<std::string, meshwa::Ref<PaymentListener>> by_name,
                                std::optional<meshwa::Ref<PaymentListener>> extra) = 0;
  /// The same for a notice lent by const&.
  virtual std::string relay(const Notice& notice) = 0;
  /// Reads the ledger's balance, then tells the listener of order 7: the
  /// balance plus one and the listener's answer.
  virtual std::string audit(meshwa::Ref<const Ledger> ledger, meshwa::Ref<PaymentListener> listener) = 0;
  /// Tells each listener k of order 20 + k, each from a thread of its own,
  /// and joins their answers in listener order.
  virtual std::string fan_out(std::vector<meshwa::Ref<PaymentListener>> listeners) = 0;
};

class MESHWA_INTERFACE Shop {
 public:
  virtual ~Shop() = default;
  virtual std::string buy(std::int64_t id, std::int64_t amount) = 0;
};

}  // namespace cb
