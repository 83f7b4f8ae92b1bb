// meshwa gen must reject: a message in an anonymous namespace. The generated
// files are other translation units, which cannot name it.
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace {
struct MESHWA_MESSAGE Hidden {
  std::int32_t value = 0;
};
}  // namespace

namespace bad {
class MESHWA_INTERFACE Keeper {
 public:
  virtual ~Keeper() = default;
  virtual std::int32_t keep(std::int32_t value) = 0;
};
}  // namespace bad
