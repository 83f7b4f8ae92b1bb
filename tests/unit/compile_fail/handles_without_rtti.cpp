// The handles and messages need no RTTI (only Context and the registry do,
// which look an interface up by typeid): with -fno-rtti this compiles.
#include <meshwa/crossable.hpp>
#include <meshwa/owned.hpp>
#include <meshwa/ref.hpp>
#include <meshwa/result.hpp>
#include <meshwa/shared.hpp>

struct Money {
  int units = 0;
};

meshwa::Result<Money> doubled(meshwa::Owned<Money> money) {
  if (money->units < 0) return meshwa::Error(meshwa::Code::invalid_argument, "negative");
  return Money{money->units * 2};
}
