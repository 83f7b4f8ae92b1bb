#include "recording/careless.hpp"

#include <cstdlib>

namespace recording {

bool careless() { return std::getenv("RECORDING_CARELESS") != nullptr; }

bool endless() { return std::getenv("RECORDING_ENDLESS") != nullptr; }

}  // namespace recording
