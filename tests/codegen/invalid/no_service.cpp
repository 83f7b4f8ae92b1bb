// A unit whose source sees no MESHWA_SERVICE at all (meshwa gen warns, and
// does not tell it to list a header: none would help).
#include <meshwa/meshwa.hpp>

int32_t nothing_here = 0;
