// A service class defined in a .cpp file, as a team writes a small service
// (probe api23 had nine): the generated stub, registration and tests are
// other files, which must include the class to call and construct it.
#include "service_in_source.hpp"

namespace bad {
class MESHWA_SERVICE("user") UserService final : public Users {
 public:
  std::string name(int) override { return "ada"; }
};
}  // namespace bad
