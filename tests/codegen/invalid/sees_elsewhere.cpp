// A unit whose only source sees another unit's service (meshwa gen warns,
// naming it, with a note at the class).
#include "elsewhere.hpp"

int32_t pings_sent = 0;
