#include "crossing/escape_switch.hpp"

#include <cstdlib>

namespace crossing {

bool escape_requested() { return std::getenv("CROSSING_ESCAPE") != nullptr; }

}  // namespace crossing
