// meshwa gen must reject: a raw pointer parameter.
#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Sink {
 public:
  virtual ~Sink() = default;
  virtual meshwa::Result<int> put(int* value) = 0;
};

}  // namespace bad
