// Compiled by CompileModes.cmake in each compiler mode meshwa does not
// support (-std=c++17, -fno-exceptions, -fno-rtti, -fno-aligned-allocation):
// the only diagnostics must be requirements.hpp's #error for that mode and
// the stop after it, never errors from inside the other headers. It must
// compile with -fno-sized-deallocation (clang's default before 19).
#include <meshwa/meshwa.hpp>

struct MESHWA_MESSAGE Money {
  int units = 0;
};

class MESHWA_INTERFACE Bank {
 public:
  virtual ~Bank() = default;
  virtual meshwa::Result<Money> balance(meshwa::Owned<Money> account) = 0;
};
