// The clock of test_watchdog.hpp: one thread for the process, started by the
// first Watch, waiting on a condition variable until the step's deadline.
#include "test_watchdog.hpp"

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <thread>

namespace meshwa::gen::watchdog {

namespace {

constexpr int kDefaultSeconds = 60;

struct Clock {
  std::mutex mutex;
  std::condition_variable changed;
  bool armed = false;
  std::string running;  // "<test>: <step>"
  std::chrono::steady_clock::time_point deadline;
};

// Never destroyed: the thread is detached and may still wait on it while the
// process exits.
Clock& the_clock() {
  static Clock* const c = new Clock;
  return *c;
}

[[noreturn]] void fire(const std::string& running, int seconds) {
  const std::string line = "meshwa: " + running + ": has not ended after " + std::to_string(seconds) +
                           " s: a loop that does not end (on a property case's inputs, say), or a deadlock (a constructor waiting for "
                           "a thread that calls ctx.ref<I>(), two services waiting for each other); aborting so "
                           "that the test fails here (MESHWA_TEST_TIMEOUT=<seconds> sets the limit, 0 turns it off)\n";
  [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
  std::abort();
}

void watch_forever(int seconds) {
  Clock& c = the_clock();
  std::unique_lock lock(c.mutex);
  for (;;) {
    if (!c.armed) {
      c.changed.wait(lock);
      continue;
    }
    const auto deadline = c.deadline;
    if (c.changed.wait_until(lock, deadline) == std::cv_status::timeout && c.armed && c.deadline == deadline) {
      fire(c.running, seconds);
    }
  }
}

}  // namespace

int limit_seconds() {
  static const int seconds = [] {
    const char* env = std::getenv("MESHWA_TEST_TIMEOUT");
    if (env == nullptr || *env == '\0') return kDefaultSeconds;
    char* end = nullptr;
    const long value = std::strtol(env, &end, 10);
    if (*end != '\0' || value < 0 || value > 24L * 3600) {
      std::cerr << "meshwa: MESHWA_TEST_TIMEOUT=" << env << " is not a number of seconds (0 to 86400); using "
                << kDefaultSeconds << "\n";
      return kDefaultSeconds;
    }
    return static_cast<int>(value);
  }();
  return seconds;
}

Watch::Watch(std::string test) : test_(std::move(test)) {
  const int seconds = limit_seconds();
  if (seconds == 0) return;
  static const bool started = [seconds] {
    std::thread(watch_forever, seconds).detach();
    return true;
  }();
  (void)started;
}

Watch::~Watch() {
  Clock& c = the_clock();
  std::lock_guard lock(c.mutex);
  c.armed = false;
  c.changed.notify_one();
}

void Watch::step(const std::string& what) {
  const int seconds = limit_seconds();
  if (seconds == 0) return;
  Clock& c = the_clock();
  std::lock_guard lock(c.mutex);
  c.armed = true;
  c.running = test_ + ": " + what;
  c.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  c.changed.notify_one();
}

}  // namespace meshwa::gen::watchdog
