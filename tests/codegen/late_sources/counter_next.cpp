#include "late_service.hpp"

namespace late {

int32_t CounterService::next() { return ++n_; }

}  // namespace late
