// meshwa-escaping-reference, C++23: a lambda capturing a local by reference
// stored in a std::move_only_function (a member, a container of them, a
// function that keeps it) or returned in one escapes as it does through a
// std::function (tests/plugin/escaping-reference.cpp).
#include <functional>
#include <map>
#include <utility>
#include <vector>

class Scheduler {
  std::move_only_function<int()> next_;
  std::vector<std::move_only_function<int() const>> queue_;
  std::map<int, std::move_only_function<void()>> handlers_;
  int ticks_ = 0;

 public:
  void on(int key, std::move_only_function<void()> handler) { handlers_[key] = std::move(handler); }
  void arm() {
    int local = 3;
    next_ = [&] { return local; };  // expected-note {{'local' is captured by reference here}} expected-error {{a lambda that captures 'local' by reference escapes this function (stored in member 'next_')}}
  }
  void enqueue() {
    int local = 3;
    queue_.emplace_back([&] { return local; });  // expected-note {{'local' is captured by reference here}} expected-error {{a lambda that captures 'local' by reference escapes this function (stored in member 'queue_')}}
  }
  void count() {
    int counter = 0;
    on(1, [&] { ++counter; });  // expected-note {{'counter' is captured by reference here}} expected-error {{a lambda that captures 'counter' by reference escapes this function (passed to 'Scheduler::on', which keeps it in its object}}
  }
  std::move_only_function<int()> snapshot() {
    int local = ticks_;
    return [&] { return local; };  // expected-note {{'local' is captured by reference here}} expected-error {{a lambda that captures 'local' by reference escapes this function (returned)}}
  }
  // Accepted: captures `this` (the object outlives its members) or copies.
  void arm_safely() {
    int local = 3;
    next_ = [this] { return ticks_; };
    queue_.emplace_back([local] { return local; });
    on(2, [this] { ++ticks_; });
  }
  int run_here() {
    int local = 3;
    std::move_only_function<int()> now = [&] { return local; };  // called before `local` ends
    return now();
  }
};
