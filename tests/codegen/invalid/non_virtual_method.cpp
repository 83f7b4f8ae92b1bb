// meshwa gen must reject: a non-virtual method in an interface defined
// outside its class body (a call through Ref<Counter> would run it in the
// caller, past the stub, compiled wherever the definition is), and one
// marked MESHWA_UNSAFE. A public one defined in the class body is a
// caller-side helper over the virtual methods and stays accepted
// (tests/codegen/shapes: Shelf::both). A `final` virtual method is the
// same: no service (nor the stub) can override it, so a call runs the
// interface's own code in the caller; defined outside the class body it is
// rejected, defined in it accepted (shapes: Shelf::twice_size).
#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Counter {
 public:
  virtual ~Counter() = default;
  virtual int next() = 0;
  int twice();
  MESHWA_UNSAFE("pokes at memory") int thrice() { return next() + next() + next(); }
  int sum() { return next() + twice(); }  // accepted: defined here, public
  virtual int later() final;
  virtual int total() final { return next() + sum(); }  // accepted: defined here, public
};

inline int Counter::twice() { return next() + next(); }
inline int Counter::later() { return next(); }

}  // namespace bad
