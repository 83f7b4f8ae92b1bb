// Types behind aliases (alias.lock.json records them as they were: `Cash`
// named lockalias::Euro, and last() returned `Latest`, an alias of
// lockalias::Money). `Cash` names lockalias::Money now: what crosses
// changed under the same spelling, a break, said with the types the alias
// resolves to (it passed unnoticed). last() returns the type `Latest`
// named, spelled out: no break (there was one). And lockalias::Money,
// reached only through an alias, is recorded in the lock.
#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace lockalias {

struct MESHWA_MESSAGE Euro {
  double amount = 0;
};

struct MESHWA_MESSAGE Money {
  std::int64_t units = 0;
};

using Cash = Money;

class MESHWA_INTERFACE Till {
 public:
  virtual ~Till() = default;
  virtual std::int64_t count(Cash cash) = 0;
  virtual Money last() = 0;
};

class MESHWA_SERVICE("till") TillService final : public Till {
 public:
  explicit TillService(meshwa::Context&) {}
  std::int64_t count(Cash cash) override { return cash.units; }
  Money last() override { return Money{}; }
};

}  // namespace lockalias
