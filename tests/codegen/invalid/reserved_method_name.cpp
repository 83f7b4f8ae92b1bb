// meshwa gen must reject: an interface method named with the prefix that
// generated stubs reserve for their own members (the stub derives from the
// interface, so the names would clash).
#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Stats {
 public:
  virtual ~Stats() = default;
  virtual int meshwa_ids_() = 0;
};

}  // namespace bad
