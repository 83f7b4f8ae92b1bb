// Types the boundary accepts and generated code must carry end to end:
// std::chrono durations and time points, std::shared_ptr<const T> (null
// too), as parameters, results and message fields, through a safe stub and
// through an MPK gate.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <variant>

#include <meshwa/meshwa.hpp>

// A top-level namespace named like one inside boost::hana (hana::common,
// hana::detail): generated code must spell the message fully qualified.
namespace common {
struct MESHWA_MESSAGE Tag {
  std::string label;
};
}  // namespace common

namespace crossing {

struct MESHWA_MESSAGE Deadline {
  std::string id;
  std::chrono::system_clock::time_point due;
  std::chrono::milliseconds grace{0};
  std::shared_ptr<const std::string> note;
};

/// More members than BOOST_HANA_ADAPT_STRUCT takes (39): the generator
/// writes the adaptation out itself.
struct MESHWA_MESSAGE Wide {
  std::int32_t f0 = 0;
  std::int32_t f1 = 0;
  std::int32_t f2 = 0;
  std::int32_t f3 = 0;
  std::int32_t f4 = 0;
  std::int32_t f5 = 0;
  std::int32_t f6 = 0;
  std::int32_t f7 = 0;
  std::int32_t f8 = 0;
  std::int32_t f9 = 0;
  std::int32_t f10 = 0;
  std::int32_t f11 = 0;
  std::int32_t f12 = 0;
  std::int32_t f13 = 0;
  std::int32_t f14 = 0;
  std::int32_t f15 = 0;
  std::int32_t f16 = 0;
  std::int32_t f17 = 0;
  std::int32_t f18 = 0;
  std::int32_t f19 = 0;
  std::int32_t f20 = 0;
  std::int32_t f21 = 0;
  std::int32_t f22 = 0;
  std::int32_t f23 = 0;
  std::int32_t f24 = 0;
  std::int32_t f25 = 0;
  std::int32_t f26 = 0;
  std::int32_t f27 = 0;
  std::int32_t f28 = 0;
  std::int32_t f29 = 0;
  std::int32_t f30 = 0;
  std::int32_t f31 = 0;
  std::int32_t f32 = 0;
  std::int32_t f33 = 0;
  std::int32_t f34 = 0;
  std::int32_t f35 = 0;
  std::int32_t f36 = 0;
  std::int32_t f37 = 0;
  std::int32_t f38 = 0;
  std::int32_t f39 = 0;
  std::string last;
};

/// A Result of a variant or tuple of messages: the generator reads T from
/// the Result's specialization, where the alternatives are a template
/// argument pack, and must still spell each one with its namespace.
using Either = std::variant<common::Tag, Deadline>;

/// Provided by 'timer' (safe).
class MESHWA_INTERFACE Timer {
 public:
  virtual ~Timer() = default;
  virtual std::chrono::milliseconds remaining(std::string id) = 0;
  virtual Deadline postpone(Deadline deadline, std::chrono::milliseconds grace) = 0;
  virtual std::chrono::steady_clock::time_point later(std::chrono::steady_clock::time_point a,
                                                      std::chrono::steady_clock::time_point b) = 0;
  virtual meshwa::Result<Either> either(std::int32_t which) = 0;
  /// Named like members generated stubs used to have.
  virtual std::int32_t impl_() = 0;
  /// The sum of a 41-member message's numbers.
  virtual std::int32_t widest(Wide wide) = 0;
};

/// Provided by 'notes' (unsafe: its arguments and results cross a gate).
class MESHWA_INTERFACE Notes {
 public:
  virtual ~Notes() = default;
  virtual std::int32_t size(std::shared_ptr<const std::string> text) = 0;
  virtual std::shared_ptr<const std::string> upper(std::shared_ptr<const std::string> text) = 0;
  virtual meshwa::Result<std::chrono::microseconds> since_epoch(std::chrono::system_clock::time_point at) = 0;
  /// Shared<std::string>: ADL on std::string finds std::make_shared too.
  virtual std::int32_t tagged(common::Tag tag, meshwa::Shared<std::string> suffix) = 0;
  virtual meshwa::Result<std::tuple<common::Tag, std::int32_t>> counted(common::Tag tag) = 0;
  virtual std::int32_t publish() = 0;
  virtual std::int32_t domain_() = 0;
  /// Named like members the contract recorder used to have.
  virtual std::int32_t log_(std::int32_t target_) = 0;
};

/// Provided by 'planner' (safe), a consumer of both: its unit test records
/// the contracts in contracts/.
class MESHWA_INTERFACE Planner {
 public:
  virtual ~Planner() = default;
  virtual meshwa::Result<std::string> plan(std::string id) = 0;
};

/// Methods that cannot return an Error and throw when CROSSING_ESCAPE is set:
/// 'lever' is safe, 'breaker' unsafe (behind the MPK gate).
class MESHWA_INTERFACE Lever {
 public:
  virtual ~Lever() = default;
  virtual void pull() = 0;
};

class MESHWA_INTERFACE Breaker {
 public:
  virtual ~Breaker() = default;
  virtual void trip() = 0;
  virtual std::int32_t level() = 0;
  /// Faults inside the breaker's domain when CROSSING_FAULT is set.
  virtual meshwa::Result<std::int32_t> probe() = 0;
};

}  // namespace crossing
