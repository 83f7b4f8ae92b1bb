// meshwa gen must reject: interface methods a stub cannot forward as a call
// between services: a conversion operator, a reference qualifier, C variadic
// arguments, an operator (its mock could not be declared).
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Odd {
 public:
  virtual ~Odd() = default;
  virtual explicit operator std::int32_t() = 0;
  virtual std::int32_t lvalue_only() & = 0;
  virtual std::int32_t sum(std::int32_t count, ...) = 0;
  virtual std::int32_t operator()(std::int32_t x) = 0;
  // Accepted: const methods.
  virtual std::int32_t size() const = 0;
};

}  // namespace bad
