// Lambdas capturing `this` that stay with the object: kept in its own
// members (callbacks, a worker thread joined by the destructor, a pending
// future), handed to a member object or to what a std::unique_ptr member
// owns, passed to algorithms and to templates that only call them (also a
// scope guard the template returns), run on threads joined in the same
// function. Also by-reference lambdas handed to visible helpers that only
// call them.
// All rules on: not one diagnostic.
// expected-no-diagnostics
#include <algorithm>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace idioms_this {

template <class F>
int64_t with_retry(int attempts, F&& f) {
  int64_t last = 0;
  for (int i = 0; i < attempts; ++i) last = f();
  return last;
}

template <class F>
class OnExit {
 public:
  explicit OnExit(F f) : f_(std::move(f)) {}
  OnExit(const OnExit&) = delete;
  OnExit& operator=(const OnExit&) = delete;
  ~OnExit() { f_(); }

 private:
  F f_;
};

template <class F>
OnExit<F> on_exit(F f) {
  return OnExit<F>(std::move(f));
}

void for_each_value(const std::vector<int64_t>& values, const std::function<void(int64_t)>& f) {
  for (int64_t v : values) f(v);
}

class Ticker {
 public:
  void on_tick(std::function<void()> f) { ticks_.push_back(std::move(f)); }
  void fire() {
    for (auto& f : ticks_) f();
  }

 private:
  std::vector<std::function<void()>> ticks_;
};

class MESHWA_INTERFACE Stats {
 public:
  virtual ~Stats() = default;
  virtual int64_t total(std::vector<int64_t> values) = 0;
};

class MESHWA_SERVICE("stats_this") StatsService final : public Stats {
 public:
  explicit StatsService(meshwa::Context& ctx)
      : ctx_(ctx), child_(std::make_unique<Ticker>()), worker_([this] { warm_up(); }) {
    handlers_["double"] = [this](int64_t v) { return v * 2 + bias_; };
    ticker_.on_tick([this] { ++ticks_; });
    child_->on_tick([this] { ++ticks_; });
  }
  ~StatsService() override {
    if (worker_.joinable()) worker_.join();
    if (pending_.valid()) pending_.wait();
  }

  int64_t total(std::vector<int64_t> values) override {
    std::sort(values.begin(), values.end(), [this](int64_t a, int64_t b) { return a + bias_ < b + bias_; });
    int64_t sum = 0;
    for_each_value(values, [&sum, this](int64_t v) { sum += handlers_["double"](v); });
    const auto done = on_exit([this] { ++calls_; });
    sum += with_retry(2, [this, &values] { return static_cast<int64_t>(values.size()) + bias_; });
    std::thread t([this] { ticker_.fire(); });
    t.join();
    auto f = std::async(std::launch::async, [this] { return bias_; });
    sum += f.get();
    pending_ = std::async(std::launch::async, [this] { warm_up(); });
    return sum;
  }

 private:
  void warm_up() { bias_ = 1; }

  meshwa::Context& ctx_;
  int64_t bias_ = 0;
  int64_t ticks_ = 0;
  int64_t calls_ = 0;
  Ticker ticker_;
  std::unique_ptr<Ticker> child_;
  std::map<std::string, std::function<int64_t(int64_t)>> handlers_;
  std::thread worker_;
  std::future<void> pending_;
};

}  // namespace idioms_this
