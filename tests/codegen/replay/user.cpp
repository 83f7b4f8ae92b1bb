#include "user.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace rp {

UserService::UserService(meshwa::Context& ctx) : counter_(ctx.ref<Counter>()), first_(counter_->add()) {}

std::int32_t UserService::seen() { return first_; }

std::int64_t UserService::fan(std::int32_t threads, std::int32_t calls) {
  threads = std::clamp(threads, 0, 8);  // property tests pass any int32_t
  calls = std::clamp(calls, 0, 2000);
  std::atomic<std::int64_t> sum{0};
  std::vector<std::thread> workers;
  for (std::int32_t t = 0; t < threads; ++t) {
    workers.emplace_back([this, calls, &sum] {
      for (std::int32_t i = 0; i < calls; ++i) sum += counter_->total();
    });
  }
  for (std::thread& w : workers) w.join();
  return sum.load();
}

}  // namespace rp
