// A clock on each step of a contract or property test (starting its
// deployment, one property case, one replayed interaction, stopping): a step
// that has not ended after the limit is a loop that does not end on its
// inputs, or a deadlock (a constructor waiting for a thread that calls
// ctx.ref<I>()). Without it the test waits for ctest's timeout and dies
// unnamed; with it one line names the test and the step, and the process
// aborts (a core to look at). MESHWA_TEST_TIMEOUT=<seconds> sets the limit,
// 0 turns the clock off (docs/contracts.md, "A test that does not end").
#pragma once

#include <string>

namespace meshwa::gen::watchdog {

/// The limit of one step, in seconds (0: none): MESHWA_TEST_TIMEOUT, else 60.
[[nodiscard]] int limit_seconds();

/// Watches the steps of one test, on the thread that runs them. One at a
/// time: the test runner runs one test at a time.
class Watch {
 public:
  explicit Watch(std::string test);  // "Property.store.signals__Store.size (store: signals::Store::size)"
  ~Watch();                          // no step runs any more
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

  /// `what` starts now ("starting its deployment", "case 3"); the clock restarts.
  void step(const std::string& what);

 private:
  std::string test_;
};

}  // namespace meshwa::gen::watchdog
