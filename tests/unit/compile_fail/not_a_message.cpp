// Must NOT compile: Plain is a class that is not a message, checked itself
// (as a parameter or result type would be), not as a member of a message.
// The test checks that the remedy does not call it a member.
#include <string>

#include <meshwa/meshwa.hpp>

struct Plain {
  std::string name;
};

MESHWA_ASSERT_CROSSABLE(Plain);
