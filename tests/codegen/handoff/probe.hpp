// An interface whose methods take their arguments in every way a stub must
// hand them on: by address, in registers, by const reference, as an Owned
// handle, to a const method, to a method implemented in a base class or in
// the class body, and to methods that throw.
#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

#include "tracked.hpp"

namespace handoff {

class MESHWA_INTERFACE Probe {
 public:
  virtual ~Probe() = default;
  virtual meshwa::Result<std::int64_t> take(Tracked t, std::string label) = 0;
  virtual meshwa::Result<std::int64_t> peek(Tracked t) const = 0;
  virtual meshwa::Result<std::int64_t> inherited(Tracked t) = 0;
  virtual meshwa::Result<std::int64_t> in_class(Tracked t, std::int64_t k) = 0;
  virtual meshwa::Result<std::int64_t> borrow(const Tracked& t) = 0;
  virtual meshwa::Result<std::int64_t> add(Plain p, std::int64_t k) = 0;
  virtual meshwa::Result<std::int64_t> boxed(Box b) = 0;
  virtual meshwa::Result<std::int64_t> consume(meshwa::Owned<Tracked> t) = 0;
  virtual meshwa::Result<std::int64_t> fail(Tracked t) = 0;
  virtual std::int64_t count(Tracked t, std::string label) = 0;
};

}  // namespace handoff
