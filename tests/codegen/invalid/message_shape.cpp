// meshwa gen must reject: messages the generated code cannot build or read,
// with a private member, without a default constructor, with a bit-field.
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

// Accepted: public members and a default constructor (implicit or declared).
struct MESHWA_MESSAGE Fine {
  Fine() = default;
  explicit Fine(std::int64_t v) : value(v) {}
  std::int64_t value = 0;
};

class MESHWA_INTERFACE Vault {
 public:
  virtual ~Vault() = default;
  virtual Secret keep(Money price, Fine fine, Flags flags) = 0;
};

}  // namespace bad
