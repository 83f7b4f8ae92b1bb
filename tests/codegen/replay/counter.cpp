#include "counter.hpp"

namespace rp {

CounterService::CounterService(meshwa::Context&) {}

std::int32_t CounterService::add() { return ++n_; }

std::int32_t CounterService::total() { return n_.load(); }

}  // namespace rp
