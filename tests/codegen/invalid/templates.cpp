// meshwa gen must reject: annotated class templates. The generator adapts,
// stubs and registers classes; a template has no one class to write for.
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace bad {

template <class T>
struct MESHWA_MESSAGE Box {
  T value{};
};

template <class T>
class MESHWA_INTERFACE Store {
 public:
  virtual ~Store() = default;
  virtual T get(std::int32_t key) = 0;
};

// Accepted: an ordinary template next to them, and a message of one.
template <class T>
struct Pair {
  T first{};
};
struct MESHWA_MESSAGE IntBox {
  std::int32_t value = 0;
};

}  // namespace bad
