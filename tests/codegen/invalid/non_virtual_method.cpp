// meshwa gen must reject: a non-virtual method in an interface (a call
// through Ref<Counter> would run it in the caller, past the stub).
#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Counter {
 public:
  virtual ~Counter() = default;
  virtual int next() = 0;
  int twice() { return next() + next(); }
};

}  // namespace bad
