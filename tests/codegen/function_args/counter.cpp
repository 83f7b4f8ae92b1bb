#include "counter.hpp"

namespace fargs {

std::int32_t CounterService::next() { return ++n_; }

}  // namespace fargs
