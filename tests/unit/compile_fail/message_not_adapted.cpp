// Must NOT compile: Sock is marked MESHWA_MESSAGE, but the adaptation meshwa
// gen writes for it (<unit>.messages.hpp) is not included, so crossable.hpp,
// which cannot see the marker, does not know its members. The error must
// say so instead of only "mark it MESHWA_MESSAGE", which it already is
// (probe api21: a consumer test asserting MESHWA_ASSERT_CROSSABLE(Order)).
#include <string>

#include <meshwa/meshwa.hpp>

struct MESHWA_MESSAGE Sock {
  std::string id;
};

MESHWA_ASSERT_CROSSABLE(Sock);
