#include "services.hpp"

namespace dctor {

int64_t ClockService::now() { return ++ticks_; }

TallyService::TallyService() { total_[0] = 0; }

int64_t TallyService::add(int64_t n) {
  int64_t* total = total_;
  *total += n;
  return *total;
}

BoardService::BoardService(meshwa::Context& ctx) : clock_(ctx.ref<Clock>()), tally_(ctx.ref<Tally>()) {}

std::string BoardService::show() {
  return std::to_string(clock_->now()) + "/" + std::to_string(tally_->add(2));
}

}  // namespace dctor
