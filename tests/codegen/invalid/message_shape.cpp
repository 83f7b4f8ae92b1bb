// meshwa gen must reject: messages the generated code cannot build or read,
// with a private member, without a default constructor, with a bit-field,
// with a const member (JSON reading and property tests set every member),
// with a member that hides a type nested in the message, with a base class.
#include <cstdint>
#include <string>
#include <utility>

#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_MESSAGE Secret {
 public:
  std::string label;

 private:
  std::string value_;
};

struct MESHWA_MESSAGE Money {
  Money(std::string code, std::int64_t units) : currency_code(std::move(code)), units(units) {}
  std::string currency_code;
  std::int64_t units;
};

struct MESHWA_MESSAGE Flags {
  std::uint8_t urgent : 1 = 0;
};

struct MESHWA_MESSAGE Fixed {
  const std::int32_t version = 1;
  static constexpr std::int32_t kLatest = 2;  // accepted: not a member of the value
};

struct MESHWA_MESSAGE Outer {
  struct MESHWA_MESSAGE Inner {
    std::int32_t i = 0;
  };
  Inner Inner;
};

struct MESHWA_MESSAGE Header {
  std::int32_t id = 0;
};

struct MESHWA_MESSAGE Framed : Header {
  std::string body;
};

// Accepted: public members and a default constructor (implicit or declared).
struct MESHWA_MESSAGE Fine {
  Fine() = default;
  explicit Fine(std::int64_t v) : value(v) {}
  std::int64_t value = 0;
};

class MESHWA_INTERFACE Vault {
 public:
  virtual ~Vault() = default;
  virtual Secret keep(Money price, Fine fine, Flags flags, Fixed fixed, Framed framed) = 0;
};

}  // namespace bad
