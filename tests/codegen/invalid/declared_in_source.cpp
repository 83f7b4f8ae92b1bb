// meshwa gen must reject: an interface and a message in a source file
// (generated code includes the file that declares them).
#include <meshwa/meshwa.hpp>

struct MESHWA_MESSAGE Secret {
  int code = 0;
};

class MESHWA_INTERFACE Hidden {
 public:
  virtual ~Hidden() = default;
  virtual Secret reveal() = 0;
};
