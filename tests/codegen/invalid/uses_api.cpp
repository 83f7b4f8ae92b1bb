// A unit that only includes another unit's interface header (not listed
// among its sources): it declares nothing of its own, and defines no
// service; meshwa gen warns.
#include "api_unit.hpp"

int32_t uses_nothing = 0;
