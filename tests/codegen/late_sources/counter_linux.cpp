#include "late_service.hpp"

namespace late {

CounterService::CounterService(meshwa::Context&) {}

std::string CounterService::platform() { return "linux"; }

}  // namespace late
