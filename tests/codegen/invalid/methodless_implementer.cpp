#include "methodless_implementer.hpp"

namespace bad {

std::int64_t BlankService::now() { return 0; }

}  // namespace bad
