// A service that fans work out to threads inside one call: std::thread and
// std::jthread joined in the same function, std::async whose futures are
// waited for before returning (also kept in a local vector), lambdas
// capturing by value or by reference, std::function locals and members
// holding value-capturing lambdas, std::call_once, std::promise.
// All rules on: not one diagnostic.
// expected-no-diagnostics
#include <atomic>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <numeric>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace batch {

struct MESHWA_MESSAGE Job {
  std::string name;
  std::vector<int64_t> values;
};

struct MESHWA_MESSAGE Summary {
  int64_t sum = 0;
  int64_t max = 0;
  int32_t jobs = 0;
};

class MESHWA_INTERFACE Worker {
 public:
  virtual ~Worker() = default;
  virtual meshwa::Result<Summary> run(std::vector<Job> jobs) = 0;
  virtual int64_t parallel_sum(std::vector<int64_t> values) = 0;
};

class MESHWA_SERVICE("worker") WorkerService final : public Worker {
 public:
  explicit WorkerService(meshwa::Context& ctx) : ctx_(ctx) {
    handlers_["sum"] = [](const Job& j) { return std::accumulate(j.values.begin(), j.values.end(), int64_t{0}); };
    const int64_t bias = 7;
    handlers_["biased"] = [bias](const Job& j) { return static_cast<int64_t>(j.values.size()) + bias; };
    on_done_ = [this](int32_t n) { completed_ += n; };
  }

  meshwa::Result<Summary> run(std::vector<Job> jobs) override {
    Summary summary;
    std::mutex m;
    std::vector<std::thread> threads;
    threads.reserve(jobs.size());
    for (const Job& job : jobs) {
      threads.emplace_back([&summary, &m, job] {
        const int64_t s = std::accumulate(job.values.begin(), job.values.end(), int64_t{0});
        std::lock_guard<std::mutex> lock(m);
        summary.sum += s;
        summary.max = std::max(summary.max, s);
        ++summary.jobs;
      });
    }
    for (auto& t : threads) t.join();
    on_done_(summary.jobs);
    return summary;
  }

  int64_t parallel_sum(std::vector<int64_t> values) override {
    const std::size_t half = values.size() / 2;
    int64_t left = 0;
    std::thread t([&] { left = std::accumulate(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(half), int64_t{0}); });
    const int64_t right =
        std::accumulate(values.begin() + static_cast<std::ptrdiff_t>(half), values.end(), int64_t{0});
    t.join();
    return left + right;
  }

  int64_t async_sum(const std::vector<int64_t>& values) {
    auto first = std::async(std::launch::async, [&values] { return std::accumulate(values.begin(), values.end(), int64_t{0}); });
    auto count = std::async(std::launch::async, [&] { return static_cast<int64_t>(values.size()); });
    return first.get() + count.get();
  }

  int64_t async_many(const std::vector<Job>& jobs) {
    std::vector<std::future<int64_t>> futures;
    for (const auto& job : jobs) {
      futures.push_back(std::async(std::launch::async, [&job, this] { return apply("sum", job); }));
    }
    int64_t total = 0;
    for (auto& f : futures) total += f.get();
    return total;
  }

  int64_t with_jthread(const Job& job) {
    std::atomic<int64_t> result{0};
    {
      std::jthread worker([&result, &job] { result = static_cast<int64_t>(job.values.size()); });
    }
    return result.load();
  }

  int64_t with_promise(int64_t x) {
    std::promise<int64_t> promise;
    std::future<int64_t> future = promise.get_future();
    std::thread producer([&promise, x] { promise.set_value(x * 2); });
    const int64_t value = future.get();
    producer.join();
    return value;
  }

  int64_t apply(const std::string& name, const Job& job) const {
    auto it = handlers_.find(name);
    if (it == handlers_.end()) return 0;
    return it->second(job);
  }

  void init_once() {
    std::call_once(once_, [this] { ready_ = true; });
  }

  std::vector<int64_t> scaled(const std::vector<int64_t>& in, int64_t factor) const {
    std::function<int64_t(int64_t)> scale = [factor](int64_t v) { return v * factor; };
    std::vector<int64_t> out;
    out.reserve(in.size());
    for (int64_t v : in) out.push_back(scale(v));
    return out;
  }

  std::function<int64_t(int64_t)> make_scaler(int64_t factor) const {
    return [factor](int64_t v) { return v * factor; };
  }

 private:
  meshwa::Context& ctx_;
  std::map<std::string, std::function<int64_t(const Job&)>> handlers_;
  std::function<void(int32_t)> on_done_;
  std::atomic<int32_t> completed_{0};
  std::once_flag once_;
  bool ready_ = false;
};

}  // namespace batch
