// meshwa-escaping-reference: references, views and by-reference lambda
// captures that escape the function that made them.
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <barrier>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <list>
#include <future>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <meshwa/meshwa.hpp>
#include <gmock/gmock.h>
#include <CLI/CLI.hpp>

void register_callback(std::function<void()> cb);
void each(const std::vector<int>& v, const std::function<void(int)>& f);
template <class F>
void retry(F&& f) { f(); }

std::function<int()> make_counter() {
  int count = 0;
  return [&] { return ++count; };  // expected-error {{a lambda that captures 'count' by reference escapes this function (returned), so the reference can outlive 'count'; capture by value ([count] or [count = std::move(count)]) or keep the data in a member [meshwa-escaping-reference]}} expected-note {{'count' is captured by reference here}}
}

// A local thread that is only joined here finishes (or std::terminate()s)
// before the locals it refers to die: accepted. Anything else done with the
// thread (detach, move, return, hand it to a function) lets the lambda run on.
void start_worker(std::vector<int>& jobs) {
  int done = 0;
  std::thread worker([&done, &jobs] { done = static_cast<int>(jobs.size()); });
  worker.join();
}

void detached_worker(std::vector<int>& jobs) {
  int done = 0;
  std::thread worker([&done, &jobs] { done = static_cast<int>(jobs.size()); });  // expected-error {{a lambda that captures 'done' by reference escapes this function (passed to std::thread, which may run it after this function returns; keep the thread in a local that this function only joins)}} expected-note {{'done' is captured by reference here}}
  worker.detach();
}

std::thread moved_worker(int& shared) {
  int local = shared;
  std::thread worker([&local] { ++local; });  // expected-error {{(passed to std::thread, which may run it after this function returns; keep the thread in a local that this function only joins)}} expected-note {{'local' is captured by reference here}}
  return worker;
}

int run_async(int x) {
  auto f = std::async(std::launch::async, [&] { return x * 2; });  // a local future only waited on
  int sum = f.get() + std::async(std::launch::async, [&] { return x; }).get();
  std::vector<std::future<int>> futures;
  for (int i = 0; i < 3; ++i) futures.push_back(std::async(std::launch::async, [&x, i] { return x + i; }));
  for (auto& g : futures) sum += g.get();
  return sum;
}

std::future<int> leaked_async(int x) {
  auto f = std::async(std::launch::async, [&] { return x * 2; });  // expected-error {{a lambda that captures 'x' by reference escapes this function (passed to std::async, which may run it after this function returns; keep the std::future in a local that this function only waits on)}} expected-note {{'x' is captured by reference here}}
  return f;
}

int threads_in_loop() {
  int total = 0;
  std::vector<std::thread> early;
  for (int i = 0; i < 4; ++i) {
    int item = i * 2;
    std::vector<std::thread> late;
    late.emplace_back([&total, &item] { total += item; });  // declared after 'item', joined here: fine
    for (auto& t : late) t.join();
    early.emplace_back([&item] { (void)item; });  // expected-error {{a lambda that captures 'item' by reference runs on a thread kept in 'early', which outlives 'item': 'item' is destroyed at the end of its block while the thread may still use it; join the thread before that block ends, or capture 'item' by value ([item]) [meshwa-escaping-reference]}} expected-note {{'item' is captured by reference here}}
  }
  for (auto& t : early) t.join();  // expected-note@-8 {{'early' is declared here}}
  return total;
}

// Threads kept in a container declared before what they capture, joined in
// the same block. On the normal path they are joined first. If the function
// leaves early (an exception, a return before the joins), the captured
// variable's lifetime ends first, then ~thread of a joinable thread calls
// std::terminate: harmless for a variable whose destructor does nothing
// (an atomic, an int), accepted; a variable with a real destructor would be
// freed under the running thread, and a jthread or future waits instead of
// terminating: rejected, naming the order to fix.
int count_in_threads() {
  std::vector<std::thread> workers;
  std::atomic<int> done{0};
  int rounds = 0;
  for (int i = 0; i < 4; ++i) workers.emplace_back([&done, &rounds] { done.fetch_add(1); (void)rounds; });
  for (auto& w : workers) w.join();
  return done.load();
}

std::size_t collect_in_threads() {
  std::vector<std::thread> workers;  // expected-note {{'workers' is declared here}}
  std::vector<int> results;
  workers.emplace_back([&results] { results.push_back(1); });  // expected-error {{a lambda that captures 'results' by reference runs on a thread kept in 'workers', which is declared before 'results': if this function leaves before joining (an exception, an early return), 'results' is destroyed first, while the thread may still use it; declare 'workers' after 'results' [meshwa-escaping-reference]}} expected-note {{'results' is captured by reference here}}
  for (auto& w : workers) w.join();
  return results.size();
}

// A per-thread result slot bound by a reference init-capture, `[&slot =
// results[i]]`, is the same reference as `int& slot = results[i]; [&slot]`
// and is judged like it: followed to `results`, fine when `results` is
// declared before the threads that are joined; declared after them, the
// order is named. An initialiser that is not followed (a call returning a
// reference) stays rejected.
int sum_slots_in_threads(const std::vector<int>& input) {
  std::vector<int> results(4);
  std::vector<std::thread> workers;
  for (std::size_t i = 0; i < results.size(); ++i) {
    workers.emplace_back([&input, &slot = results[i]] { slot = static_cast<int>(input.size()); });
  }
  for (auto& w : workers) w.join();
  return std::accumulate(results.begin(), results.end(), 0);
}

int sum_slots_declared_late(const std::vector<int>& input) {
  std::vector<std::thread> workers;  // expected-note {{'workers' is declared here}}
  std::vector<int> results(4);
  for (std::size_t i = 0; i < results.size(); ++i) {
    workers.emplace_back([&input, &slot = results[i]] { slot = static_cast<int>(input.size()); });  // expected-error {{a lambda that captures 'slot' by reference runs on a thread kept in 'workers', which is declared before 'results': if this function leaves before joining (an exception, an early return), 'results' is destroyed first, while the thread may still use it; declare 'workers' after 'results' [meshwa-escaping-reference]}} expected-note {{'slot' is captured by reference here}}
  }
  for (auto& w : workers) w.join();
  return std::accumulate(results.begin(), results.end(), 0);
}

int& first_slot(std::vector<int>& results) { return results.front(); }

int sum_slot_from_call() {
  std::vector<int> results(4);
  std::vector<std::thread> workers;
  workers.emplace_back([&slot = first_slot(results)] { slot = 1; });  // expected-error {{a lambda that captures 'slot' by reference escapes this function}} expected-note {{'slot' is captured by reference here}}
  for (auto& w : workers) w.join();
  return results.front();
}

// A C array of threads is a holder like a std::array of them: its elements
// are destroyed at the end of its block. Filled by assignment (`ts[i] =
// std::thread(...)`, a range-for) and only joined: accepted. An element
// detached or moved out, the array handed to a function, or the array
// declared before what the threads capture with a real destructor: rejected.
int count_in_thread_array() {
  std::atomic<int> done{0};
  std::thread workers[2];
  for (int i = 0; i < 2; ++i) workers[i] = std::thread([&done] { done.fetch_add(1); });
  for (int i = 0; i < 2; ++i) workers[i].join();
  return done.load();
}

int count_in_thread_array_by_range() {
  std::atomic<int> done{0};
  std::thread workers[2];
  for (auto& w : workers) w = std::thread([&done] { done.fetch_add(1); });
  for (auto& w : workers) w.join();
  return done.load();
}

int count_in_thread_array_detached() {
  std::atomic<int> done{0};
  std::thread workers[2];
  for (auto& w : workers) w = std::thread([&done] { done.fetch_add(1); });  // expected-error {{a lambda that captures 'done' by reference escapes this function (passed to std::thread, which may run it after this function returns; keep the thread in a local that this function only joins)}} expected-note {{'done' is captured by reference here}}
  for (auto& w : workers) w.detach();
  return done.load();
}

void keep_workers(std::thread (&workers)[2]);

int count_in_thread_array_handed_on() {
  std::atomic<int> done{0};
  std::thread workers[2];
  workers[0] = std::thread([&done] { done.fetch_add(1); });  // expected-error {{a lambda that captures 'done' by reference escapes this function (passed to std::thread}} expected-note {{'done' is captured by reference here}}
  keep_workers(workers);
  return done.load();
}

std::size_t collect_in_thread_array() {
  std::thread workers[1];  // expected-note {{'workers' is declared here}}
  std::vector<int> results;
  workers[0] = std::thread([&results] { results.push_back(1); });  // expected-error {{a lambda that captures 'results' by reference runs on a thread kept in 'workers', which is declared before 'results'}} expected-note {{'results' is captured by reference here}}
  workers[0].join();
  return results.size();
}

int count_in_jthreads() {
  std::vector<std::jthread> workers;  // expected-note {{'workers' is declared here}}
  std::atomic<int> done{0};
  workers.emplace_back([&done] { done.fetch_add(1); });  // expected-error {{a lambda that captures 'done' by reference runs on a thread kept in 'workers', which is declared before 'done': if this function leaves before joining (an exception, an early return), 'done' is destroyed first, while the thread may still use it; declare 'workers' after 'done'}} expected-note {{'done' is captured by reference here}}
  for (auto& w : workers) w.join();
  return done.load();
}

int sum_in_tasks() {
  std::vector<std::future<int>> futures;  // expected-note {{'futures' is declared here}}
  int base = 1;
  futures.push_back(std::async(std::launch::async, [&base] { return base; }));  // expected-error {{a lambda that captures 'base' by reference runs in a std::async task whose future is kept in 'futures', which is declared before 'base': if this function leaves before waiting (an exception, an early return), 'base' is destroyed first, while the task may still use it; declare 'futures' after 'base'}} expected-note {{'base' is captured by reference here}}
  int sum = 0;
  for (auto& f : futures) sum += f.get();
  return sum;
}

// Holders joined in other ways than `t.join()`: emptying a container of
// std::jthread (clear(), pop_back(), erase() join each one), a std::array
// or std::optional of std::jthread filled by assignment or emplace() and
// joined by ~jthread at the end of its block, std::ranges::for_each or
// std::for_each with a joining callable. Declared after what the threads
// use: accepted.
int barrier_cleared() {
  std::barrier sync(2);
  std::vector<std::jthread> ts;
  for (int i = 0; i < 2; ++i) ts.emplace_back([&sync] { sync.arrive_and_wait(); });
  ts.clear();
  return 0;
}
int jthreads_in_array() {
  std::atomic<int> n{0};
  {
    std::array<std::jthread, 2> ts;
    for (auto& t : ts) t = std::jthread([&n] { ++n; });
  }
  std::array<std::jthread, 2> more{std::jthread([&n] { ++n; }), std::jthread([&n] { ++n; })};
  for (std::size_t i = 0; i < more.size(); ++i) more[i] = std::jthread([&n] { ++n; });
  return n.load();
}
int jthread_in_optional(bool spawn) {
  std::atomic<int> n{0};
  {
    std::optional<std::jthread> t;
    if (spawn) t.emplace([&n] { ++n; });
    if (t) t->join();
    t.reset();
    t = std::jthread([&n] { ++n; });
  }
  return n.load();
}
// A lambda capturing a local thread by reference, run on another local
// thread declared after it that the function only joins: stopping or
// joining the first thread from there. What the lambda does with the
// captured thread is judged like the rest of the function: a detach() in
// it is an escape, of both lambdas.
int stopped_from_other_threads() {
  std::atomic<int> n{0};
  std::jthread worker([&n](std::stop_token stop) { while (!stop.stop_requested()) ++n; });
  auto stopper = [&worker] { worker.request_stop(); };
  std::jthread first(stopper);
  std::jthread second([&worker] { worker.request_stop(); });
  first.join();
  return n.load();
}
int detached_from_other_thread() {
  std::atomic<int> n{0};
  std::thread worker([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to std::thread}} expected-note {{'n' is captured by reference here}}
  std::thread other([&worker] { worker.detach(); });  // expected-error {{a lambda that captures 'worker' by reference escapes this function (passed to std::thread}} expected-note {{'worker' is captured by reference here}}
  other.join();
  return n.load();
}
int jthreads_emptied() {
  std::mutex m;
  int v = 0;
  std::vector<std::jthread> ts;
  ts.push_back(std::jthread([&m, &v] { std::lock_guard g(m); ++v; }));
  ts.insert(ts.end(), std::jthread([&m, &v] { std::lock_guard g(m); ++v; }));
  ts.emplace(ts.begin(), [&m, &v] { std::lock_guard g(m); ++v; });
  ts.pop_back();
  ts.erase(ts.begin());
  return v;
}
int joined_by_algorithm() {
  std::atomic<int> n{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 2; ++i) ts.emplace_back([&n] { ++n; });
  std::ranges::for_each(ts, [](std::thread& t) { t.join(); });
  std::vector<std::thread> more;
  more.emplace_back([&n] { ++n; });
  std::ranges::for_each(more, &std::thread::join);
  std::vector<std::thread> last;
  last.emplace_back([&n] { ++n; });
  std::for_each(last.begin(), last.end(), std::mem_fn(&std::thread::join));
  return n.load();
}

// Still rejected: a thread detached through the algorithm or the loop,
// moved out of the holder, kept in a member, a parameter's object or a
// holder declared first. The remedy does not offer to copy what cannot be
// copied (std::atomic, std::barrier, std::mutex).
int detached_by_algorithm() {
  std::atomic<int> n{0};
  std::vector<std::thread> ts;
  ts.emplace_back([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to a std::thread in a container, which may run it after this function returns; keep the threads in a local that this function only joins), so the reference can outlive 'n'; 'n' cannot be copied or moved, so make the task finish before 'n' dies (a local thread or future declared after 'n' and joined or waited on here), or hold 'n' in a std::shared_ptr that the lambda captures by value (a meshwa::Shared<T> for data it only reads) [meshwa-escaping-reference]}} expected-note {{'n' is captured by reference here}}
  std::ranges::for_each(ts, [](auto& t) { t.detach(); });
  std::vector<std::thread> more;
  more.emplace_back([&n] { ++n; });  // expected-error {{passed to a std::thread in a container}} expected-note {{'n' is captured by reference here}}
  std::ranges::for_each(more, &std::thread::detach);
  return n.load();
}
int detached_in_loop() {
  std::barrier sync(2);
  std::vector<std::thread> ts;
  ts.emplace_back([&sync] { sync.arrive_and_wait(); });  // expected-error {{'sync' cannot be copied or moved}} expected-note {{'sync' is captured by reference here}}
  for (auto& t : ts) t.detach();
  return 0;
}
void arrive(std::barrier<>& b) { b.arrive_and_wait(); }
void barrier_by_ref_detached() {
  std::barrier sync(1);
  std::thread(arrive, std::ref(sync)).detach();  // expected-error {{std::ref/std::cref hands 'sync' by reference to a task that escapes this function (passed to std::thread, which may run it after this function returns; keep the thread in a local that this function only joins), so the reference can outlive 'sync'; 'sync' cannot be copied or moved, so make the task finish}}
}
int moved_out_of_holder() {
  std::atomic<int> n{0};
  std::vector<std::jthread> ts;
  ts.emplace_back([&n] { ++n; });  // expected-error {{(passed to a std::jthread in a container, which may run it after this function returns}} expected-note {{'n' is captured by reference here}}
  std::jthread keep = std::move(ts[0]);
  keep.detach();
  return n.load();
}
int detached_through_pointer() {
  std::atomic<int> n{0};
  auto t = std::make_unique<std::jthread>();
  *t = std::jthread([&n] { ++n; });  // expected-error {{(passed to std::jthread, which may run it after this function returns}} expected-note {{'n' is captured by reference here}}
  t.get()->detach();
  return n.load();
}
int joined_through_pointer() {
  std::atomic<int> n{0};
  auto t = std::make_unique<std::jthread>();
  *t = std::jthread([&n] { ++n; });
  t->join();
  t.reset();
  return n.load();
}
void into_parameter(std::jthread& out) {
  std::atomic<int> n{0};
  out = std::jthread([&n] { ++n; });  // expected-error {{(passed to std::jthread, which may run it after this function returns; keep the thread in a local that this function only joins)}} expected-note {{'n' is captured by reference here}}
}
class Spawner {
 public:
  void spawn() {
    int n = 0;
    slots_[0] = std::jthread([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to std::jthread}} expected-note {{'n' is captured by reference here}}
    maybe_.emplace([&n] { ++n; });  // expected-error {{(passed to a std::jthread in a std::optional, which may run it after this function returns; keep the threads in a local that this function only joins), so the reference can outlive 'n'; capture by value ([n] or [n = std::move(n)])}} expected-note {{'n' is captured by reference here}}
  }

 private:
  std::array<std::jthread, 2> slots_;
  std::optional<std::jthread> maybe_;
};
int array_declared_first() {
  std::array<std::jthread, 2> ts;  // expected-note {{'ts' is declared here}}
  std::atomic<int> n{0};
  for (auto& t : ts) t = std::jthread([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference runs on a thread kept in 'ts', which is declared before 'n'}} expected-note {{'n' is captured by reference here}}
  return n.load();
}
int optional_declared_first() {
  std::optional<std::jthread> t;  // expected-note {{'t' is declared here}}
  std::atomic<int> n{0};
  t.emplace([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference runs on a thread kept in 't', which is declared before 'n'}} expected-note {{'n' is captured by reference here}}
  return n.load();
}
std::unique_ptr<int> g_token;
void move_only_escapes() {
  auto token = std::make_unique<int>(1);
  std::thread([&token] { (void)*token; }).detach();  // expected-error {{so the reference can outlive 'token'; capture by move ([token = std::move(token)]) or keep the data in a member}} expected-note {{'token' is captured by reference here}}
}

void to_std_function(const std::string& name) {
  register_callback([&name] { (void)name.size(); });  // expected-error {{a lambda that captures 'name' by reference escapes this function (converted to std::function for 'register_callback', which may keep it)}} expected-note {{'name' is captured by reference here}}
}

class Button {
 public:
  explicit Button(int& clicks) : on_click_([&clicks] { ++clicks; }) {}  // expected-error {{(stored in a member)}} expected-note {{'clicks' is captured by reference here}}

  void bind(std::string label) {
    on_click_ = [&label] { (void)label.size(); };  // expected-error {{a lambda that captures 'label' by reference escapes this function (stored in member 'on_click_')}} expected-note {{'label' is captured by reference here}}
  }
  void bind_slot(int id) {
    slots_[id] = [&id] { (void)id; };  // expected-error {{(stored in member 'slots_')}} expected-note {{'id' is captured by reference here}}
  }
  void bind_later(int id) {
    auto handler = [&] { (void)id; };  // expected-note {{'id' is captured by reference here}}
    handler();                        // fine: called here
    on_click_ = handler;              // expected-error {{a lambda that captures 'id' by reference escapes this function (stored in member 'on_click_')}}
  }

 private:
  std::function<void()> on_click_;
  std::map<int, std::function<void()>> slots_;
};

class Parser {
 public:
  explicit Parser(std::string_view input) : input_(input) {}  // expected-error {{member 'input_' keeps a reference into parameter 'input' beyond this call, which dangles once the caller's object is gone; store a copy instead (std::string, std::vector, a value member), or share it as meshwa::Shared<T> or a meshwa::Ref<I> [meshwa-escaping-reference]}}
  void reset(const std::string& text) {
    input_ = text;  // expected-error {{member 'input_' keeps a reference into parameter 'text' beyond this call}}
  }
  void remember(std::string_view word) {
    words_.push_back(word);  // expected-error {{member 'words_' keeps a reference into parameter 'word' beyond this call}}
  }

 private:
  std::string_view input_;  // expected-note 2 {{'input_' is declared here with a reference or view type}}
  std::vector<std::string_view> words_;  // expected-note {{'words_' is declared here with a reference or view type}}
};

// Juliet's flow variant 83: the store replaced by the very next statement
// (a plain assignment of the whole member not naming it) keeps nothing.
class Rebound {
 public:
  explicit Rebound(std::string_view copy) {
    name_ = copy;
    name_ = "home";
  }
  Rebound(std::string_view copy, int) {
    name_ = copy;  // expected-error {{member 'name_' keeps a reference into parameter 'copy' beyond this call}}
    name_ = name_.substr(1);
  }
  Rebound(std::string_view copy, long) {
    name_ = copy;  // expected-error {{member 'name_' keeps a reference into parameter 'copy' beyond this call}}
    reset();
    name_ = "home";
  }
  void reset();

 private:
  std::string_view name_;  // expected-note 2 {{'name_' is declared here with a reference or view type}}
};

class Config {
 public:
  explicit Config(const std::map<std::string, std::string>& values) : values_(values) {}  // expected-error {{member 'values_' keeps a reference into parameter 'values' beyond this call}}
 private:
  const std::map<std::string, std::string>& values_;  // expected-note {{'values_' is declared here with a reference or view type}}
};

// Still accepted.
int sum_with_algorithms(const std::vector<int>& v, int bias) {
  int total = 0;
  std::for_each(v.begin(), v.end(), [&](int x) { total += x + bias; });
  std::vector<int> copy = v;
  std::sort(copy.begin(), copy.end(), [&](int a, int b) { return a + bias < b + bias; });
  auto square = [&](int x) { return x * x + bias; };
  total += square(3);
  total += [&] { return bias * 2; }();
  retry([&] { total += 1; });
  std::function<int(int)> local = [&](int x) { return x + total; };
  total += local(1);
  return std::accumulate(v.begin(), v.end(), total, [&](int acc, int x) { return acc + x * bias; });
}

struct ScopeGuard {
  explicit ScopeGuard(std::function<void()> f) : f_(std::move(f)) {}
  ~ScopeGuard() { f_(); }
  std::function<void()> f_;
};

int local_holders(int x) {
  ScopeGuard guard([&] { x = 0; });  // the object keeping the callback is a local
  std::vector<std::function<void()>> tasks;
  tasks.push_back([&] { ++x; });     // a local container of callbacks
  for (auto& task : tasks) task();
  std::map<int, std::function<void()>> handlers;
  handlers[1] = [&] { ++x; };        // a local map of callbacks
  handlers[1]();
  return x;
}

void temporary_holder(int x) {
  (void)ScopeGuard([&] { ++x; });  // expected-error {{(converted to std::function for a constructor, which may keep it)}} expected-note {{'x' is captured by reference here}}
}

std::function<int()> by_value(int start) {
  return [start]() mutable { return ++start; };
}

class Service {
 public:
  explicit Service(meshwa::Context& ctx) : ctx_(ctx), name_("svc"), worker_([this] { run(); }) {}
  ~Service() { worker_.join(); }
  void set_name(std::string_view name) { owned_name_ = std::string(name); }
  void on_event() { handler_ = [this] { run(); }; }
  std::string_view label() const { return kLabel; }

 private:
  void run() {}
  static constexpr std::string_view kLabel = "service";
  meshwa::Context& ctx_;
  std::string_view name_;
  std::string owned_name_;
  std::function<void()> handler_;
  std::thread worker_;
};

// Holders that outlive what the lambda refers to, and members filled in
// place (emplace_back builds the std::function inside the container).
class Queue {
 public:
  void enqueue(int job) {
    tasks_.emplace_back([&job] { (void)job; });  // expected-error {{a lambda that captures 'job' by reference escapes this function (stored in member 'tasks_')}} expected-note {{'job' is captured by reference here}}
    tasks_.emplace_back([job] { (void)job; });
  }
  void remember(int64_t key) {
    positions_[key] = order_.begin();  // an int64_t key is copied: nothing of 'key' is kept
  }

 private:
  std::vector<std::function<void()>> tasks_;
  std::vector<int64_t> order_;
  std::map<int64_t, std::vector<int64_t>::iterator> positions_;
};

int outer_holders() {
  int total = 0;
  std::vector<std::function<void()>> tasks;
  std::function<void()> last;
  for (int i = 0; i < 3; ++i) {
    int item = i;
    tasks.push_back([&item, &total] { total += item; });  // expected-error {{(stored in 'tasks', which outlives 'item')}} expected-note {{'item' is captured by reference here}}
    auto step = [&item] { ++item; };  // expected-note {{'item' is captured by reference here}}
    last = step;                      // expected-error {{(stored in 'last', which outlives 'item')}}
  }
  for (auto& task : tasks) task();
  last();
  std::function<void(int)> add = [&total](int v) { total += v; };
  std::vector<int> values = {1, 2, 3};
  std::for_each(values.begin(), values.end(), add);  // a template taking the callable: like a lambda
  return total;
}

// A holder declared before the captured variable matters only when it is
// used after that variable's block ends (or in a later loop iteration):
// filled and run within the block, it is accepted (cppcheck's
// invalidLifetime draws the same line).
int holders_run_in_scope(int a) {
  std::vector<std::function<int()>> steps;
  int base = a;
  steps.push_back([&base] { return base + 1; });
  std::function<int()> last;
  int total = 0;
  if (a > 0) {
    int b = a + 1;
    last = [&b] { return b; };
    total += last();
  }
  for (auto& step : steps) total += step();
  return total;
}
int holder_used_after_block(int a) {
  std::function<int()> f;
  if (a > 0) {
    int b = a + 1;
    f = [&b] { return b; };  // expected-error {{(stored in 'f', which outlives 'b')}} expected-note {{'b' is captured by reference here}}
  }
  return f ? f() : 0;
}
// Given a new value after the block before anything reads it (Infer's
// ref_capture_read_lambda_ok): the dangling lambda is dropped, not called.
int holder_reset_after_block(int a) {
  std::function<int()> f;
  int total = 0;
  {
    int b = a + 1;
    f = [&b] { return b; };
    total += f();
  }
  f = nullptr;
  int c = a;
  f = [&c] { return c; };
  return total + f();
}
int holder_called_then_reset(int a) {
  std::function<int()> f;
  {
    int b = a + 1;
    f = [&b] { return b; };  // expected-error {{(stored in 'f', which outlives 'b')}} expected-note {{'b' is captured by reference here}}
  }
  int r = f();
  f = nullptr;
  return r;
}
std::function<int()> assigned_local_returned() {
  int b = 1;
  std::function<int()> f;
  f = [&b] { return b; };  // expected-note {{'b' is captured by reference here}}
  return f;  // expected-error {{a lambda that captures 'b' by reference escapes this function (returned)}}
}

// A lambda returned inside a value that holds it: a std::pair, std::optional
// or std::tuple made from it, or an aggregate's braces.
struct NamedStep {
  std::string name;
  std::function<int()> run;
};
std::pair<int, std::function<int()>> returned_in_pair() {
  int x = 1;
  return {1, [&x] { return x; }};  // expected-error {{a lambda that captures 'x' by reference escapes this function (returned)}} expected-note {{'x' is captured by reference here}}
}
std::optional<std::function<int()>> returned_in_optional() {
  int x = 1;
  return [&x] { return x; };  // expected-error {{a lambda that captures 'x' by reference escapes this function (returned)}} expected-note {{'x' is captured by reference here}}
}
NamedStep returned_in_aggregate() {
  int x = 1;
  return {"step", [&x] { return x; }};  // expected-error {{a lambda that captures 'x' by reference escapes this function (returned)}} expected-note {{'x' is captured by reference here}}
}
int held_values_used_here() {
  int x = 1;
  NamedStep step{"step", [&x] { return x; }};
  std::optional<std::function<int()>> maybe = [&x] { return x + 1; };
  std::pair<int, std::function<int()>> pair{2, [x] { return x; }};
  return step.run() + (*maybe)() + pair.second();
}
std::pair<int, std::function<int()>> returned_by_copy() {
  int x = 1;
  return {1, [x] { return x; }};
}

// A view captured by value still refers to the caller's data.
class ViewCallbacks {
 public:
  void watch(std::string_view user) {
    on_change_ = [user] { (void)user.size(); };  // expected-error {{a lambda that holds the view 'user' escapes this function (stored in member 'on_change_'), so it can outlive the data 'user' refers to; capture an owning copy ([user = std::string(user)] or [user = std::vector(user.begin(), user.end())]) or keep the data in a member [meshwa-escaping-reference]}} expected-note {{'user' is a view captured by value here; the copy refers to the same data}}
  }
  void watch_all(const std::vector<std::string>& users) {
    for (std::string_view user : users) {
      callbacks_.push_back([user] { (void)user; });  // expected-error {{a lambda that holds the view 'user' escapes this function (stored in member 'callbacks_')}} expected-note {{'user' is a view captured by value here}}
    }
  }
  void watch_span(std::span<const int> values) {
    on_change_ = [=] { (void)values.size(); };  // expected-error {{a lambda that holds the view 'values' escapes this function}} expected-note {{'values' is a view captured by value here}}
  }
  void watch_local(const std::string& name) {
    const std::string_view head = std::string_view(name).substr(0, 3);
    on_change_ = [head] { (void)head; };  // expected-error {{a lambda that holds the view 'head' escapes this function}} expected-note {{'head' is a view captured by value here}}
  }
  std::function<std::size_t()> measure(std::string_view text) {
    return [n = text] { return n.size(); };  // expected-error {{a lambda that holds the view 'n' escapes this function (returned)}} expected-note {{'n' is a view captured by value here}}
  }

  // Accepted: owning copies, views of literals and of members, and views
  // used only while the call runs.
  void watch_copy(std::string_view user) {
    on_change_ = [user = std::string(user)] { (void)user; };
  }
  void watch_literal() {
    const std::string_view kind = "audit";
    on_change_ = [kind] { (void)kind; };
  }
  void watch_member() {
    const std::string_view mine = name_;
    on_change_ = [mine] { (void)mine; };
  }
  std::size_t count_now(std::string_view text, const std::vector<std::string>& words) {
    std::vector<std::function<bool()>> checks;
    for (const std::string& w : words) checks.push_back([text, w] { return text == w; });
    std::size_t n = 0;
    for (auto& check : checks) n += check() ? 1 : 0;
    auto size = [text] { return text.size(); };
    return n + size();
  }

 private:
  std::string name_ = "views";
  std::function<void()> on_change_;
  std::vector<std::function<void()>> callbacks_;
};

// An LRU cache: the index keeps iterators into a member list, and its keys
// are copies. Accepted however the index is filled.
class LruIndex {
 public:
  void touch(const std::string& key) {
    items_.push_front(key);
    index_[key] = items_.begin();
    index_.insert_or_assign(key, items_.begin());
    auto it = items_.begin();
    index_.emplace(key, it);
  }
  void touch_moved(std::string key) {
    items_.push_front(key);
    auto it = items_.begin();
    index_.try_emplace(std::move(key), it);
  }
  // Rejected: an iterator into a local list, and a view key into the caller's string.
  void remember(const std::string& key) {
    std::list<std::string> scratch{key};
    auto it = scratch.begin();
    index_.emplace(key, it);  // expected-error {{member 'index_' keeps a reference into local variable 'scratch'}} expected-note@+6 {{'index_' is declared here}}
    by_name_.emplace(key, 1);  // expected-error {{member 'by_name_' keeps a reference into parameter 'key'}} expected-note@+6 {{'by_name_' is declared here}}
  }

 private:
  std::list<std::string> items_;
  std::unordered_map<std::string, std::list<std::string>::iterator> index_;
  std::map<std::string_view, int> by_name_;
};

// Accepted: a reference init-capture of a member lives as long as [this].
class MemberCapture {
 public:
  void arm() {
    on_tick_ = [&count = count_] { ++count; };
  }
  void arm_local(int start) {
    int local = start;
    on_tick_ = [&c = local] { ++c; };  // expected-error {{a lambda that captures 'c' by reference escapes this function (stored in member 'on_tick_')}} expected-note {{'c' is captured by reference here}}
  }

 private:
  int count_ = 0;
  std::function<void()> on_tick_;
};

// Accepted: threads put into a local container by a loop or branch without
// braces, then joined.
int braceless_workers(int n, bool extra) {
  int sum = 0;
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i) workers.emplace_back([&sum] { ++sum; });
  while (n-- > 5) workers.emplace_back([&sum] { ++sum; });
  if (extra) workers.emplace_back([&sum] { ++sum; });
  for (auto& w : workers) w.join();
  return sum;
}

// Iterators are views of what they walk, except std::filesystem's directory
// iterators, which copy the path and own the open directory.
class Listing {
 public:
  explicit Listing(const std::filesystem::path& dir, const std::vector<int>& numbers)
      : entries_(dir), cursor_(numbers.begin()) {}  // expected-error {{member 'cursor_' keeps a reference into parameter 'numbers' beyond this call}}
  void reopen(const std::string& dir) { entries_ = std::filesystem::directory_iterator(dir); }
  std::function<bool()> has_entries(const std::filesystem::path& dir) {
    std::filesystem::directory_iterator first(dir);
    return [first] { return first != std::filesystem::directory_iterator(); };
  }

 private:
  std::filesystem::directory_iterator entries_;
  std::vector<int>::const_iterator cursor_;  // expected-note {{'cursor_' is declared here with a reference or view type}}
};

// std::ref / std::cref handed to a thread or std::async: the task holds a
// reference, as a [&n] capture would.
void bump(int& x) { ++x; }
void bump_copy(int x) { (void)x; }
std::size_t length_of(const int& x) { return static_cast<std::size_t>(x); }
void ref_to_detached_thread() {
  int n = 0;
  std::thread(bump, std::ref(n)).detach();  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (passed to std::thread, which may run it after this function returns; keep the thread in a local that this function only joins), so the reference can outlive 'n'; pass 'n' by value (without std::ref) or keep the data in a member [meshwa-escaping-reference]}}
}
// ... also inside a std::bind (bind_front, bind_back) of the task, which
// holds a copy of each argument: of std::ref(n) a reference to n, of a
// by-reference lambda the lambda (probe left14). Joined, or bound by value,
// stays accepted.
void ref_bound_to_detached_thread() {
  int n = 0;
  std::thread(std::bind(bump, std::ref(n))).detach();  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (passed to std::thread}}
  std::thread(std::bind_front(bump, std::ref(n))).detach();  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (passed to std::thread}}
  std::thread(std::bind_front([&n] { ++n; })).detach();  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to std::thread}} expected-note {{'n' is captured by reference here}}
  std::thread joined(std::bind(bump, std::ref(n)));
  joined.join();
  std::thread(std::bind(length_of, n)).detach();
}
// ... also when the std::ref is kept in a local first: a
// std::reference_wrapper, a std::function holding a bind of it, or the
// bind itself, followed to the thread it is handed to (probe left15: they
// were accepted). Joined there, or used in other ways, stays accepted.
void ref_in_a_local_to_detached_thread() {
  int n = 0;
  auto r = std::ref(n);  // expected-note {{'n' is passed by reference here}}
  std::thread(bump, r).detach();  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (passed to std::thread, which may run it after this function returns; keep the thread in a local that this function only joins), so the reference can outlive 'n'}}
  int m = 0;
  std::function<void()> task = std::bind(bump, std::ref(m));  // expected-note {{'m' is passed by reference here}}
  std::thread(task).detach();  // expected-error {{std::ref/std::cref hands 'm' by reference to a task that escapes this function (passed to std::thread}}
  int k = 0;
  auto bound = std::bind_front(bump, std::ref(k));  // expected-note {{'k' is passed by reference here}}
  auto copy = bound;
  std::thread(copy).detach();  // expected-error {{std::ref/std::cref hands 'k' by reference to a task that escapes this function (passed to std::thread}}
}
std::future<std::size_t> ref_in_a_local_to_returned_async() {
  int n = 3;
  const auto r = std::cref(n);  // expected-note {{'n' is passed by reference here}}
  return std::async(std::launch::async, length_of, r);  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (passed to std::async}}
}
int ref_in_a_local_kept_here(std::vector<int>& v) {
  int n = 0;
  auto r = std::ref(n);
  std::thread joined(bump, r);
  joined.join();
  std::function<void()> task = std::bind(bump, std::ref(n));
  task();
  std::thread t(task);
  t.join();
  auto f = std::async(std::launch::async, length_of, r);
  std::function<void(int&)> inc = bump;
  auto by_ref = std::ref(inc);
  std::for_each(v.begin(), v.end(), by_ref);
  int& plain = std::ref(n);  // a plain reference: the thread copies the int
  std::thread(bump_copy, plain).detach();
  return n + static_cast<int>(f.get());
}
// ... and when it is assigned to a local that exists already (the
// local then holds that reference: probe left16, it was accepted).
void ref_assigned_to_a_local_to_detached_thread(int& other) {
  auto r = std::ref(other);
  int n = 0;
  r = std::ref(n);  // expected-note {{'n' is passed by reference here}}
  std::thread(bump, r).detach();  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (passed to std::thread}}
  int m = 0;
  std::function<void()> task;
  task = std::bind(bump, std::ref(m));  // expected-note {{'m' is passed by reference here}}
  std::thread(task).detach();  // expected-error {{std::ref/std::cref hands 'm' by reference to a task that escapes this function (passed to std::thread}}
}
int ref_assigned_to_a_local_kept_here() {
  int n = 0;
  int m = 0;
  auto r = std::ref(n);
  r = std::ref(m);
  std::thread joined(bump, r);
  joined.join();
  std::function<void()> task;
  task = std::bind(bump, std::ref(n));
  task();
  return n + m;
}
// A std::function holding a bind of std::ref(x) stored in a member keeps
// the reference as long as the object (probe left16: accepted). A
// std::reference_wrapper member is judged as a reference member.
class RefTasks {
 public:
  explicit RefTasks(int n) : first_(std::bind(bump, std::ref(n))) {}  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (stored in a member)}}
  void set(int n) {
    task_ = std::bind(bump, std::ref(n));  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (stored in member 'task_')}}
  }
  void add(int n) {
    tasks_.push_back(std::bind_front(bump, std::ref(n)));  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (stored in member 'tasks_')}}
  }
  void keep(int n) {
    std::function<void()> local = std::bind(bump, std::ref(n));  // expected-note {{'n' is passed by reference here}}
    task_ = local;  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (stored in member 'task_')}}
  }
  void on_member() {
    task_ = std::bind(bump, std::ref(count_));  // a member: lives as long as the object
    std::function<void()> local = std::bind(bump, std::ref(count_));
    task_ = local;
  }
  void run_here(int n) {
    std::function<void()> local = std::bind(bump, std::ref(n));
    local();
    auto r = std::ref(n);
    count_ = r;  // a copy of the int
  }

 private:
  int count_ = 0;
  std::function<void()> first_;
  std::function<void()> task_;
  std::vector<std::function<void()>> tasks_;
};
// A std::jthread joins in its destructor: a temporary one discarded at the
// end of its statement has finished its task there, as a named one only
// joined by its destructor has (the temporaries were reported). detach()
// stays reported.
int discarded_jthreads() {
  int n = 0;
  std::jthread(bump, std::ref(n));
  std::jthread([&n] { ++n; });
  (void)std::jthread(bump, std::ref(n));
  static_cast<void>(std::jthread([&n] { ++n; }));
  std::jthread named(bump, std::ref(n));
  std::jthread by_lambda([&n] { ++n; });
  return n;
}
void detached_jthreads() {
  int n = 0;
  std::jthread(bump, std::ref(n)).detach();  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (passed to std::jthread}}
  std::jthread([&n] { ++n; }).detach();  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to std::jthread}} expected-note {{'n' is captured by reference here}}
  std::jthread named(bump, std::ref(n));  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (passed to std::jthread}}
  named.detach();
}
// A temporary thread joined in the same statement, and a std::async whose
// future is a temporary (discarded, `(void)`, or only asked), finish the
// task before the statement ends: accepted (they were reported).
int joined_or_waited_temporaries() {
  int n = 0;
  std::thread(bump, std::ref(n)).join();
  std::thread([&n] { ++n; }).join();
  (void)std::async(std::launch::async, bump, std::ref(n));
  (void)std::async(std::launch::async, [&n] { ++n; });
  std::async(std::launch::async, bump, std::ref(n)).wait();
  (void)std::async(std::launch::async, bump, std::ref(n)).wait_for(std::chrono::seconds(1));
  return n;
}
std::shared_future<void> shared_temporary() {
  int n = 0;
  return std::async(std::launch::async, bump, std::ref(n)).share();  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (passed to std::async}}
}
void detached_temporary() {
  int n = 0;
  std::thread([&n] { ++n; }).detach();  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to std::thread}} expected-note {{'n' is captured by reference here}}
}
std::future<std::size_t> cref_to_returned_async() {
  int n = 3;
  return std::async(std::launch::async, length_of, std::cref(n));  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function (passed to std::async}}
}
class AsyncHolder {
 public:
  void start(int n) {
    pending_ = std::async(std::launch::async, length_of, std::cref(n));  // expected-error {{std::ref/std::cref hands 'n' by reference to a task that escapes this function}}
  }
  void start_on_member() {
    pending_ = std::async(std::launch::async, length_of, std::cref(count_));  // a member: lives as long as [this]
  }

 private:
  int count_ = 0;
  std::future<std::size_t> pending_;
};
// A lambda handed straight to std::async whose future a member keeps, or
// to a std::thread constructor (as the task, or as an argument of the
// task) detached or kept in a member: reported, in a class template and in
// a class nested in one as well (left17: the nested class's methods were
// never judged, the pattern leaving `f_ = std::async(...)` undecided).
void run_task(std::function<void()> task);
class LambdaHolder {
 public:
  void start() {
    int n = 0;
    pending_ = std::async(std::launch::async, [&] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to std::async}} expected-note {{'n' is captured by reference here}}
    std::thread(run_task, [&n] { ++n; }).detach();  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to std::thread}} expected-note {{'n' is captured by reference here}}
  }
  int waited() {
    int n = 0;
    return std::async(std::launch::async, [&] { return ++n; }).get();
  }

 private:
  std::future<void> pending_;
};
template <class T>
class LambdaHolderOf {
 public:
  void start() {
    T n{};
    pending_ = std::async(std::launch::async, [&] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to std::async}} expected-note {{'n' is captured by reference here}}
  }
  struct Lane {
    void start() {
      T n{};
      pending_ = std::async(std::launch::async, [&] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to std::async}} expected-note {{'n' is captured by reference here}}
    }
    void start_plain() {
      int n = 0;
      pending_ = std::async(std::launch::async, [&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to std::async}} expected-note {{'n' is captured by reference here}}
    }
    T waited() {
      T n{};
      return std::async(std::launch::async, [&] { return ++n; }).get();
    }
    std::future<void> pending_;
  };

 private:
  std::future<void> pending_;
};
void use_lambda_holders(LambdaHolderOf<int>& h, LambdaHolderOf<long>::Lane& lane) {
  h.start();
  lane.start();
  lane.start_plain();
  (void)lane.waited();
}
// Still accepted: a thread joined here, a future only waited on here, a
// std::ref not given to a thread.
int ref_to_joined_thread() {
  int n = 0;
  std::thread t(bump, std::ref(n));
  t.join();
  auto f = std::async(std::launch::async, length_of, std::cref(n));
  std::vector<int> v{3, 1, 2};
  std::function<void(int&)> inc = bump;
  std::for_each(v.begin(), v.end(), std::ref(inc));
  return n + static_cast<int>(f.get());
}

// Swapped into a member: the member holds the lambda, as with `cb_ = f;`.
class Watcher {
 public:
  void watch(const std::string& user) {
    std::function<void()> f = [&user] { (void)user.size(); };  // expected-note {{'user' is captured by reference here}}
    cb_.swap(f);  // expected-error {{a lambda that captures 'user' by reference escapes this function (stored in member 'cb_')}}
  }
  void watch_swapped(const std::string& user) {
    std::function<void()> f = [&user] { (void)user.size(); };  // expected-note {{'user' is captured by reference here}}
    std::swap(cb_, f);  // expected-error {{a lambda that captures 'user' by reference escapes this function (stored in member 'cb_')}}
  }
  void watch_locally(const std::string& user) {
    std::function<void()> f = [&user] { (void)user.size(); };
    std::function<void()> g;
    g.swap(f);  // both locals: stays here
    std::function<void()> by_value = [user] { (void)user.size(); };
    cb_.swap(by_value);  // captured by value: fine
  }

 private:
  std::function<void()> cb_;
};

// --- structured bindings: a binding is a part of its (local) variable ------
std::function<int()> binding_captured_returned() {
  auto [a, b] = std::pair{1, 2};
  return [&a] { return a; };  // expected-error {{a lambda that captures 'a' by reference escapes this function (returned), so the reference can outlive 'a'; capture by value ([a] or [a = std::move(a)]) or keep the data in a member [meshwa-escaping-reference]}} expected-note {{'a' is captured by reference here}}
}
void binding_captured_detached() {
  auto [a, b] = std::pair{1, 2};
  std::thread([&a] { (void)a; }).detach();  // expected-error {{a lambda that captures 'a' by reference escapes this function (passed to std::thread}} expected-note {{'a' is captured by reference here}}
}
void count_into(int& n);
void binding_by_std_ref_detached() {
  auto [a, b] = std::pair{1, 2};
  std::thread(count_into, std::ref(a)).detach();  // expected-error {{std::ref/std::cref hands 'a' by reference to a task that escapes this function}}
}
void binding_captured_joined() {
  auto [a, b] = std::pair{1, 2};
  std::thread worker([&a] { (void)a; });
  worker.join();
}
class BindingCallbacks {
 public:
  void arm(const std::map<std::string, int>& m) {
    for (const auto& [k, v] : m) cbs_.push_back([&k] { return k.size(); });  // expected-error {{a lambda that captures 'k' by reference escapes this function (stored in member 'cbs_')}} expected-note {{'k' is captured by reference here}}
  }
  void arm_local(std::pair<int, int> p) {
    auto [x, y] = p;
    cb_ = [&x] { return x; };  // expected-error {{a lambda that captures 'x' by reference escapes this function (stored in member 'cb_')}} expected-note {{'x' is captured by reference here}}
  }
  void keep(const std::pair<std::string, int>& p) {
    const auto& [s, n] = p;
    view_ = s;  // expected-error {{member 'view_' keeps a reference into parameter 'p' beyond this call, which dangles once the caller's object is gone; store a copy instead}}
  }
  void keep_copy(const std::pair<std::string, int>& p) {
    auto [s, n] = p;  // a copy: the binding is local storage
    view_ = s;  // expected-error {{member 'view_' keeps a reference into structured binding '[s, n]' beyond this call, which dangles once the caller's object is gone; store a copy instead}}
  }
  // Still accepted: bindings captured by value, used right here, copied
  // into members.
  void arm_by_value(const std::map<std::string, int>& m) {
    for (const auto& [k, v] : m) cbs_.push_back([k] { return k.size(); });
    for (auto [k, v] : m) cbs_.push_back([k, v] { return k.size() + static_cast<std::size_t>(v); });
  }
  int count_here(const std::map<std::string, int>& m) {
    int total = 0;
    for (const auto& [k, v] : m) std::for_each(k.begin(), k.end(), [&v, &total](char) { total += v; });
    return total;
  }
  void copy(const std::pair<std::string, int>& p) {
    const auto& [s, n] = p;
    name_ = s;
    count_ = n;
  }

 private:
  std::vector<std::function<std::size_t()>> cbs_;
  std::function<int()> cb_;
  std::string_view view_;  // expected-note 2 {{'view_' is declared here with a reference or view type}}
  std::string name_;
  int count_ = 0;
};

// --- local views, iterators and references copied into members ------------
// A copy of a local view or iterator refers to what the local refers to: its
// initialiser and every value assigned to it. A reference (a range-for
// variable, a structured binding of one) is what it is bound to.
std::vector<std::string> make_names();
class Cursors {
 public:
  void mark_first() {
    auto it = items_.begin();
    cursor_ = it;
  }
  void mark_second() {
    auto it = items_.begin();
    it = std::next(it);
    cursor_ = it;
  }
  void head_of_text() {
    std::string_view v = text_;
    head_ = v.substr(0, 3);
    std::span<const int> s = data_;
    window_ = s.first(2);
  }
  void label(bool ok) {
    std::string_view text = ok ? "ok" : "failed";
    head_ = text;
  }
  void index_names() {
    std::size_t i = 0;
    for (const auto& n : names_) ids_[n] = i++;
    for (const auto& [k, v] : by_key_) keys_.push_back(k);
    for (std::string_view n : kTable) keys_.push_back(n);
  }
  void pick() {
    for (auto& c : values_) {
      if (c > 0) {
        chosen_ = c;
        return;
      }
    }
  }
  void add_front(const std::string& s) {
    auto pos = items_.emplace(items_.begin(), s);
    cursor_ = pos;
    positions_.insert_or_assign(s, pos);
  }

  // Rejected: what the local refers to is itself local, or a parameter.
  void head_of_local() {
    std::string local = text_;
    std::string_view v = local;
    head_ = v.substr(0, 3);  // expected-error {{member 'head_' keeps a reference into local variable 'local' beyond this call}}
  }
  void mark_scratch() {
    std::list<std::string> scratch{"x"};
    auto it = items_.begin();
    it = scratch.begin();
    cursor_ = it;  // expected-error {{member 'cursor_' keeps a reference into local variable 'scratch' beyond this call}}
  }
  void mark_swapped(std::list<std::string>::iterator other) {
    auto it = items_.begin();
    std::swap(it, other);
    cursor_ = it;  // expected-error {{member 'cursor_' keeps a reference into local variable 'it' beyond this call}}
  }
  void index_param(const std::vector<std::string>& names) {
    for (const auto& n : names) ids_[n] = 0;  // expected-error {{member 'ids_' keeps a reference into parameter 'names' beyond this call}}
  }
  void index_temporary() {
    for (const auto& n : make_names()) ids_[n] = 0;  // expected-error {{member 'ids_' keeps a reference into the temporary range of a for loop beyond this call}}
  }
  void keep_view_object() {
    std::string_view v = text_;
    view_ref_ = std::ref(v);  // expected-error {{member 'view_ref_' keeps a reference into local variable 'v' beyond this call}}
  }

 private:
  static constexpr std::string_view kTable[] = {"a", "b"};
  std::string text_ = "hello";
  std::vector<int> data_{1, 2, 3};
  std::list<std::string> items_;
  std::vector<std::string> names_;
  std::map<std::string, int> by_key_;
  std::vector<int> values_{1};
  std::list<std::string>::iterator cursor_;  // expected-note 2 {{'cursor_' is declared here}}
  std::string_view head_;  // expected-note {{'head_' is declared here}}
  std::span<const int> window_;
  std::unordered_map<std::string_view, std::size_t> ids_;  // expected-note 2 {{'ids_' is declared here}}
  std::vector<std::string_view> keys_;
  std::reference_wrapper<int> chosen_ = values_.front();
  std::map<std::string, std::list<std::string>::iterator> positions_;
  std::reference_wrapper<std::string_view> view_ref_ = head_;  // expected-note {{'view_ref_' is declared here}}
};

// --- handles set from calls: only arguments the result can refer to count --
// An index or count passed by value, the key looked up in a std container,
// the value copied into it, the value std::find compares with: none of them
// is what the result refers to.
std::string_view first_word(const std::string& s);
const std::string& longer(const std::string& a, const std::string& b);
int& pick_one(int& a);
class Handles {
 public:
  explicit Handles(std::string text, std::size_t skip) : text_(std::move(text)), rest_(std::string_view(text_).substr(skip)) {}
  void skip(std::size_t n) { rest_ = rest_.substr(n); }
  void seek(int x) { pos_ = std::find(items_.begin(), items_.end(), x); }
  void seek_name(const std::string& name) { name_pos_ = std::find(names_.begin(), names_.end(), name); }
  void select(std::size_t i) { sel_ = std::ref(vec_.at(i)); }
  void remember(const std::string& key) { last_ = by_name_.find(key); }
  void from(int k) { low_ = by_id_.lower_bound(k); }
  void push(const std::string& s) { name_pos_ = names_.insert(names_.end(), s); }
  void push_moved(std::string s) { name_pos_ = names_.insert(names_.end(), std::move(s)); }
  void put(const std::string& key) {
    auto pos = names_.emplace(names_.begin(), key);
    index_.insert_or_assign(key, pos);
    index_.try_emplace(key, pos);
  }
  void tokens(std::size_t start, std::size_t end) {
    tokens_.push_back(std::string_view(text_).substr(start, end - start));
    interned_[names_.front()] = start;
  }
  void arm(std::size_t n) {
    cb_ = [w = std::string_view(text_).substr(0, n)] { return w.size(); };
  }

  // Rejected: the result may be (a part of) an argument.
  void first_of(const std::string& s) {
    rest_ = first_word(s);  // expected-error {{member 'rest_' keeps a reference into parameter 's' beyond this call}}
  }
  void min_of(const int& a, const int& b) {
    min_ = std::cref(std::min(a, b));  // expected-error {{member 'min_' keeps a reference into parameter 'a' beyond this call}}
  }
  void longer_of(const std::string& a) {
    longest_ = std::cref(longer(a, text_));  // expected-error {{member 'longest_' keeps a reference into parameter 'a' beyond this call}}
  }
  void picked(int& n) {
    sel_ = std::ref(pick_one(n));  // expected-error {{member 'sel_' keeps a reference into parameter 'n' beyond this call}}
  }
  void from_local(std::size_t i) {
    std::vector<int> scratch{1, 2};
    sel_ = std::ref(scratch.at(i));  // expected-error {{member 'sel_' keeps a reference into local variable 'scratch' beyond this call}}
  }
  void into_local(const std::string& s) {
    std::list<std::string> scratch;
    name_pos_ = scratch.insert(scratch.end(), s);  // expected-error {{member 'name_pos_' keeps a reference into local variable 'scratch' beyond this call}}
  }

 private:
  std::string text_;
  std::string_view rest_;  // expected-note {{'rest_' is declared here}}
  std::list<int> items_;
  std::list<int>::iterator pos_ = items_.end();
  std::list<std::string> names_;
  std::list<std::string>::iterator name_pos_ = names_.end();  // expected-note {{'name_pos_' is declared here}}
  std::vector<int> vec_{1, 2};
  std::reference_wrapper<int> sel_ = vec_.front();  // expected-note 2 {{'sel_' is declared here}}
  std::map<std::string, int> by_name_;
  std::map<std::string, int>::iterator last_ = by_name_.end();
  std::map<int, int> by_id_;
  std::map<int, int>::iterator low_ = by_id_.end();
  std::map<std::string, std::list<std::string>::iterator> index_;
  std::vector<std::string_view> tokens_;
  std::map<std::string_view, std::size_t> interned_;
  std::function<std::size_t()> cb_;
  int zero_ = 0;
  std::reference_wrapper<const int> min_ = zero_;  // expected-note {{'min_' is declared here}}
  std::reference_wrapper<const std::string> longest_ = text_;  // expected-note {{'longest_' is declared here}}
};

// --- remedies ---------------------------------------------------------------
// A by-reference lambda for a std::function parameter: making the callee a
// template on the callable is the fix that keeps an accumulator working. A
// copy would not: the lambda writes into 's', which is read afterwards.
int total(const std::vector<int>& v) {
  int s = 0;
  each(v, [&s](int x) { s += x; });  // expected-error {{a lambda that captures 's' by reference escapes this function (converted to std::function for 'each', which may keep it), so the reference can outlive 's'; if 'each' only calls it, make 'each' a template on the callable (template <class F> ... F&& f); otherwise the lambda writes into 's', so a copy would lose what it writes: return the results from the task (a std::future<T> this function waits on) and store them here, or hold the data in a std::shared_ptr that the lambda captures by value (auto s = std::make_shared<int>(...); [s] ... *s) [meshwa-escaping-reference]}} expected-note {{'s' is captured by reference here}}
  return s;
}
// A virtual callee cannot be a template: the message does not offer that,
// but a final class whose override is visible, or a std::shared_ptr the
// lambda captures by value (which keeps an accumulator working).
struct Person {
  std::string name;
  int age = 0;
};
class PersonRepo {
 public:
  virtual ~PersonRepo() = default;
  virtual void for_each(const std::function<void(const Person&)>& f) const = 0;
  virtual void on_change(std::function<void()> f) = 0;
};
class MemoryPersonRepo final : public PersonRepo {
 public:
  void for_each(const std::function<void(const Person&)>& f) const override {
    for (const auto& p : people_) f(p);
  }
  void on_change(std::function<void()> f) override { f(); }

 private:
  std::vector<Person> people_;
};
int total_age(const PersonRepo& repo) {
  int total = 0;
  repo.for_each([&total](const Person& p) { total += p.age; });  // expected-error {{a lambda that captures 'total' by reference escapes this function (converted to std::function for 'PersonRepo::for_each', which may keep it), so the reference can outlive 'total'; 'PersonRepo::for_each' is virtual, so it cannot be made a template on the callable; if what you call it on is a final class whose override is defined in this file, call it through that class (the override is then read); otherwise the lambda writes into 'total', so a copy would lose what it writes: return the results from the task (a std::future<T> this function waits on) and store them here, or hold the data in a std::shared_ptr that the lambda captures by value (auto total = std::make_shared<int>(...); [total] ... *total) [meshwa-escaping-reference]}} expected-note {{'total' is captured by reference here}}
  return total;
}
int total_age_final(const MemoryPersonRepo& repo) {
  int total = 0;
  repo.for_each([&total](const Person& p) { total += p.age; });
  return total;
}
int total_age_shared(const PersonRepo& repo) {
  auto total = std::make_shared<int>(0);
  repo.for_each([total](const Person& p) { *total += p.age; });
  return *total;
}
class PersonView {
 public:
  explicit PersonView(PersonRepo& repo) : repo_(&repo) {}
  void watch() {
    repo_->on_change([this] { ++changes_; });  // expected-error {{a lambda that captures 'this' escapes the object (converted to std::function for 'PersonRepo::on_change', which may keep it), so it can outlive the object; 'PersonRepo::on_change' is virtual, so it cannot be made a template on the callable; if what you call it on is a final class whose override is defined in this file, call it through that class (the override is then read); otherwise capture what it needs by value}} expected-note {{'this' is captured here}}
  }

 private:
  PersonRepo* repo_;
  int changes_ = 0;
};
// A reference member bound to a constructor parameter is a collaborator: a
// copy would change what it does.
class Logger {
 public:
  void log(const std::string& m) { lines_.push_back(m); }

 private:
  std::vector<std::string> lines_;
};
class Handler {
 public:
  explicit Handler(Logger& log) : log_(log) {}  // expected-error {{member 'log_' keeps a reference into parameter 'log' beyond this call, which dangles once the caller's object is gone; hold it through a std::shared_ptr<T> that the caller shares with this object (a meshwa::Ref<I> for another service), or pass it to each call that uses it instead of keeping it; if a copy will do, store a copy [meshwa-escaping-reference]}}
  void handle(const std::string& m) { log_.log(m); }

 private:
  Logger& log_;  // expected-note {{'log_' is declared here with a reference or view type}}
};

// Still rejected: a local iterator or view that may hold a value of a local
// (assigned in a lambda, through an alias, by an out-parameter), or that
// walks a parameter.
void next_of(std::list<std::string>::iterator& out);
class Reassigned {
 public:
  void in_lambda() {
    std::string local = "x";
    std::string_view v = text_;
    auto set = [&] { v = local; };
    set();
    head_ = v;  // expected-error {{member 'head_' keeps a reference into local variable 'local' beyond this call}}
  }
  void through_alias() {
    std::list<std::string> scratch{"x"};
    auto it = items_.begin();
    auto& alias = it;
    alias = scratch.begin();
    cursor_ = it;  // expected-error {{member 'cursor_' keeps a reference into local variable 'it' beyond this call}}
  }
  void out_parameter() {
    auto it = items_.begin();
    next_of(it);
    cursor_ = it;  // expected-error {{member 'cursor_' keeps a reference into local variable 'it' beyond this call}}
  }
  void walk(std::list<std::string>& l) {
    for (auto it = l.begin(); it != l.end(); ++it) {
      cursor_ = it;  // expected-error {{member 'cursor_' keeps a reference into parameter 'l' beyond this call}}
      break;
    }
  }
  void walk_member() {
    for (auto it = items_.begin(); it != items_.end(); ++it) {
      cursor_ = it;
      break;
    }
  }

 private:
  std::string text_ = "abc";
  std::list<std::string> items_;
  std::list<std::string>::iterator cursor_;  // expected-note 3 {{'cursor_' is declared here}}
  std::string_view head_;  // expected-note {{'head_' is declared here}}
};

// A template that keeps the callable it is given keeps the references of a
// by-reference lambda: the instantiated body is looked at (and the bodies of
// further templates it forwards the callable to). One that only calls it,
// or returns it to a caller that only calls it, is fine.
std::vector<std::function<void()>> g_queue;
std::function<void()> g_last;
template <class F>
void later(F f) { g_queue.push_back(std::move(f)); }
template <class F>
void relay(F&& f) { later(std::forward<F>(f)); }
template <class F>
void spawn(F f) { std::thread(std::move(f)).detach(); }
template <class F>
auto wrapped(F f) { return [f] { f(); }; }
template <class F>
void call_twice(F&& f) { f(); std::invoke(f); }
template <class F>
void call_via(F&& f) { call_twice(f); }
template <class F>
void call_in_thread(F f) { std::thread t(std::move(f)); t.join(); }
template <class F>
struct Deferred {
  explicit Deferred(F f) : f_(std::move(f)) {}
  ~Deferred() { f_(); }
  F f_;
};
template <class F>
Deferred<F> defer(F f) { return Deferred<F>(std::move(f)); }
// Visible bodies of functions taking std::function: one that only calls it
// is like a template that does; one that stores it is named.
void run_now(const std::function<void()>& f) { if (f) f(); }
// A parallel loop filling the caller's vector through a pool that keeps the
// task: a copy of 'out' would lose the results, so the remedy returns them
// or shares the data. Read-only captures keep the copy remedy.
struct TaskPool {
  void submit(std::function<void()> task) { tasks_.push_back(std::move(task)); }
  std::vector<std::function<void()>> tasks_;
};
template <class F>
void parallel_for(TaskPool& pool, std::size_t n, F f) {
  for (std::size_t i = 0; i < n; ++i) pool.submit([f, i] { f(i); });
}
void fill_squares(TaskPool& pool, std::vector<int>& out, const std::vector<int>& in) {
  parallel_for(pool, out.size(), [&out](std::size_t i) { out.at(i) = static_cast<int>(i * i); });  // expected-error {{the lambda writes into 'out', so a copy would lose what it writes: return the results from the task (a std::future<T> this function waits on) and store them here, or hold the data in a std::shared_ptr that the lambda captures by value (auto out = std::make_shared<std::vector<int>>(...); [out] ... *out)}} expected-note {{'out' is captured by reference here}}
  parallel_for(pool, in.size(), [&in](std::size_t i) { (void)in.at(i); });  // expected-error {{so the reference can outlive 'in'; capture by value ([in] or [in = std::move(in)]) or keep the data in a member}} expected-note {{'in' is captured by reference here}}
}
void keep_last(std::function<void()> f) { g_last = std::move(f); }

void queue_later() {
  int x = 0;
  later([&] { ++x; });  // expected-error {{a lambda that captures 'x' by reference escapes this function (passed to 'later', which stores it in global 'g_queue'), so the reference can outlive 'x'; capture by value ([x] or [x = std::move(x)]) or keep the data in a member [meshwa-escaping-reference]}} expected-note {{'x' is captured by reference here}}
  relay([&x] { ++x; });  // expected-error {{(passed to 'relay', which passes it to 'later', which stores it in global 'g_queue')}} expected-note {{'x' is captured by reference here}}
  spawn([&] { ++x; });  // expected-error {{(passed to 'spawn', which hands it to a std::thread that may outlive the call)}} expected-note {{'x' is captured by reference here}}
  keep_last([&x] { ++x; });  // expected-error {{(passed to 'keep_last', which stores it in global 'g_last')}} expected-note {{'x' is captured by reference here}}
  g_last = wrapped([&x] { ++x; });  // expected-error {{(passed to 'wrapped', which returns it: stored outside this function)}} expected-note {{'x' is captured by reference here}}
}

int only_called() {
  int x = 0;
  call_via([&] { ++x; });
  call_in_thread([&x] { ++x; });
  run_now([&] { ++x; });
  auto w = wrapped([&x] { ++x; });
  w();
  auto guard = defer([&x] { ++x; });
  return x;
}

// A lambda capturing `this` ([this], or [&] in a member function, which
// captures it implicitly) must not outlive the object: kept anywhere but in
// the object's own members, it can run after the object is destroyed.
void register_handler(std::function<void()> cb);
struct EventBus {
  void subscribe(std::function<void()> f);
  void subscribe(const void* owner, std::function<void()> f);
  std::vector<std::function<void()>> handlers;
};
std::function<void()> g_on_exit;

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(EventBus* bus) : bus_(bus), on_close_([this] { close(); }), worker_([this] { close(); }) {}
  ~Session() { if (worker_.joinable()) worker_.join(); }

  void escapes(EventBus& other) {
    g_on_exit = [this] { close(); };  // expected-error {{a lambda that captures 'this' escapes the object (stored in global 'g_on_exit'), so it can outlive the object; capture what it needs by value, or a std::weak_ptr (weak_from_this()) or std::shared_ptr (shared_from_this()) instead of 'this', or keep the lambda in a member of this object [meshwa-escaping-reference]}} expected-note {{'this' is captured here}}
    static std::function<void()> last = [this] { close(); };  // expected-error {{a lambda that captures 'this' escapes the object (kept in static variable 'last')}} expected-note {{'this' is captured here}}
    other.handlers.push_back([this] { close(); });  // expected-error {{a lambda that captures 'this' escapes the object (stored in another object)}} expected-note {{'this' is captured here}}
    auto& alias = other;
    alias.handlers.push_back([this] { close(); });  // expected-error {{a lambda that captures 'this' escapes the object (stored in another object)}} expected-note {{'this' is captured here}}
    for (auto& bus : others_) bus->handlers.push_back([this] { close(); });  // expected-error {{a lambda that captures 'this' escapes the object (stored in another object)}} expected-note {{'this' is captured here}}
  }
  // A local std::function assigned over (a middleware chain wrapping itself)
  // destroys what it held; where it goes afterwards still counts.
  void chains(std::vector<std::function<void()>>& out) {
    std::function<void()> chain = [this] { close(); };
    for (int i = 0; i < 2; ++i) chain = [next = std::move(chain)] { next(); };
    chain();
    std::function<void()> again = [this] { close(); };
    again = [] {};
    again();
    std::function<void()> leaked = [this] { close(); };  // expected-note {{'this' is captured here}}
    leaked = [next = std::move(leaked)] { next(); };
    out.push_back(leaked);  // expected-error {{a lambda that captures 'this' escapes the object (stored in another object)}}
  }
  // Parts of another object, reached the same ways, are not this object's.
  void escapes_through_parts(std::map<int, EventBus>& elsewhere) {
    for (auto& [id, bus] : elsewhere) bus.handlers.push_back([this] { close(); });  // expected-error {{a lambda that captures 'this' escapes the object (stored in another object)}} expected-note {{'this' is captured here}}
    for (auto& [id, bus] : *shared_buses_) bus.handlers.push_back([this] { close(); });  // expected-error {{a lambda that captures 'this' escapes the object (stored in another object)}} expected-note {{'this' is captured here}}
    if (auto it = elsewhere.find(1); it != elsewhere.end()) it->second.handlers.push_back([this] { close(); });  // expected-error {{a lambda that captures 'this' escapes the object (stored in another object)}} expected-note {{'this' is captured here}}
    auto [slot, inserted] = elsewhere.try_emplace(2);
    if (inserted) slot->second.handlers.push_back([this] { close(); });  // expected-error {{a lambda that captures 'this' escapes the object (stored in another object)}} expected-note {{'this' is captured here}}
    bus_->subscribe([this] { close(); });  // expected-error {{a lambda that captures 'this' escapes the object (converted to std::function for 'EventBus::subscribe', which may keep it), so it can outlive the object; if 'EventBus::subscribe' only calls it, make 'EventBus::subscribe' a template on the callable (template <class F> ... F&& f); otherwise capture what it needs by value}} expected-note {{'this' is captured here}}
    register_handler([&] { close(); });  // expected-error {{a lambda that captures 'this' escapes the object (converted to std::function for 'register_handler', which may keep it)}} expected-note {{'this' is captured implicitly here}}
    later([this] { close(); });  // expected-error {{a lambda that captures 'this' escapes the object (passed to 'later', which stores it in global 'g_queue')}} expected-note {{'this' is captured here}}
    keep_last([this] { close(); });  // expected-error {{a lambda that captures 'this' escapes the object (passed to 'keep_last', which stores it in global 'g_last')}} expected-note {{'this' is captured here}}
    std::thread([this] { close(); }).detach();  // expected-error {{a lambda that captures 'this' escapes the object (passed to std::thread, which may run it after the object is gone; join the thread in this function or keep it in a member that the destructor joins)}} expected-note {{'this' is captured here}}
    auto cb = [this] { close(); };  // expected-note {{'this' is captured here}}
    cb();
    g_on_exit = cb;  // expected-error {{a lambda that captures 'this' escapes the object (stored in global 'g_on_exit')}}
  }
  std::function<void()> make_closer() {
    return [this] { close(); };  // expected-error {{a lambda that captures 'this' escapes the object (returned)}} expected-note {{'this' is captured here}}
  }

  // Kept by the object itself, or used while the object is certainly alive.
  void keeps() {
    handlers_.push_back([this] { close(); });
    timer_ = [this] { close(); };
    worker_ = std::thread([this] { close(); });
    pending_ = std::async(std::launch::async, [this] { close(); });
    owned_.subscribe([this] { close(); });   // a member object dies with this one
    child_->subscribe([this] { close(); });  // so does what a std::unique_ptr member owns
    owned_.handlers.push_back([&] { close(); });
    // An element of a member container, through a local reference or the
    // variable of a range-for loop over the member: a part of this object.
    for (auto& bus : group_) bus.handlers.push_back([this] { close(); });
    auto& added = group_.emplace_back();
    added.handlers.push_back([this] { close(); });
    const auto& first = group_.front();
    (void)first;
    for (auto& [id, bus] : named_) bus.handlers.push_back([this] { close(); });
    for (const auto& bus : buses_) bus->subscribe([this] { close(); });
    if (auto it = named_.find(1); it != named_.end()) it->second.handlers.push_back([this] { close(); });
    auto [slot, inserted] = named_.try_emplace(2);
    if (inserted) slot->second.handlers.push_back([this] { close(); });
    bus_->subscribe(this, [this] { close(); });  // the owner is named: the bus can drop it
    bus_->subscribe([self = shared_from_this()] { self->close(); });
    bus_->subscribe([this, self = shared_from_this()] { close(); });
    bus_->subscribe([this, weak = weak_from_this()] {
      if (auto alive = weak.lock()) close();
    });
    std::vector<int> v{3, 1, 2};
    std::sort(v.begin(), v.end(), [this](int a, int b) { return a * weight_ < b * weight_; });
    std::for_each(v.begin(), v.end(), [&](int x) { weight_ += x; });
    retry([this] { close(); });
    call_via([this] { close(); });
    run_now([this] { close(); });
    [this] { close(); }();
    std::thread t([this] { close(); });
    t.join();
    auto f = std::async(std::launch::async, [this] { close(); });
    f.wait();
    std::function<void()> local = [this] { close(); };
    local();
    on_close_ = local;
    auto guard = defer([this] { close(); });
  }

 private:
  void close() {}
  EventBus* bus_;
  EventBus owned_;
  std::unique_ptr<EventBus> child_;
  std::vector<EventBus> group_;
  std::vector<EventBus*> others_;
  std::map<int, EventBus> named_;
  std::vector<std::unique_ptr<EventBus>> buses_;
  std::shared_ptr<std::map<int, EventBus>> shared_buses_;
  int weight_ = 1;
  std::function<void()> on_close_;
  std::function<void()> timer_;
  std::vector<std::function<void()>> handlers_;
  std::thread worker_;
  std::future<void> pending_;
};

// Unsubscribing in the destructor: the registration's token is kept in a
// member and the destructor hands it back to the same object, so the
// callback is gone before the object is.
struct TokenBus {
  int subscribe(std::function<void()> f);
  void unsubscribe(int token);
  void clear();
};

class Subscriber {
 public:
  explicit Subscriber(std::shared_ptr<TokenBus> bus)
      : bus_(std::move(bus)), first_(bus_->subscribe([this] { ++hits_; })) {
    second_ = bus_->subscribe([this] { ++hits_; });
    other_->subscribe([this] { ++hits_; });  // expected-error {{a lambda that captures 'this' escapes the object}} expected-note {{'this' is captured here}}
    kept_ = bus_->subscribe([this] { ++hits_; });  // expected-error {{a lambda that captures 'this' escapes the object}} expected-note {{'this' is captured here}}
    bus_->subscribe([this] { ++hits_; });  // expected-error {{a lambda that captures 'this' escapes the object}} expected-note {{'this' is captured here}}
    moved_ = other_->subscribe([this] { ++hits_; });  // expected-error {{a lambda that captures 'this' escapes the object}} expected-note {{'this' is captured here}}
  }
  ~Subscriber() {
    bus_->unsubscribe(first_);
    bus_->unsubscribe(second_);
    bus_->unsubscribe(moved_);  // handed back to bus_, but moved_ came from other_
    bus_->clear();              // not a token: says nothing about kept_
  }
  Subscriber(const Subscriber&) = delete;
  Subscriber& operator=(const Subscriber&) = delete;

 private:
  std::shared_ptr<TokenBus> bus_;
  std::shared_ptr<TokenBus> other_;
  int first_;
  int second_ = 0;
  int kept_ = 0;
  int moved_ = 0;
  int hits_ = 0;
};

// A gMock mock method keeps none of its arguments: a test hands it a
// by-reference lambda to see what the code under test would do with it.
class Feed {
 public:
  virtual ~Feed() = default;
  virtual void on_message(std::function<void(int)> cb) = 0;
};
class MockFeed : public Feed {
 public:
  MOCK_METHOD(void, on_message, (std::function<void(int)> cb), (override));
};
void feed_callbacks(MockFeed& mock, Feed& real) {
  int total = 0;
  std::function<void(int)> saved;
  EXPECT_CALL(mock, on_message(testing::_)).WillOnce(testing::SaveArg<0>(&saved));
  mock.on_message([&total](int v) { total += v; });
  saved(3);
  real.on_message([&total](int v) { total += v; });  // expected-error {{a lambda that captures 'total' by reference escapes this function (converted to std::function for 'Feed::on_message', which may keep it)}} expected-note {{'total' is captured by reference here}}
}

// A method template that keeps the callable in its own object: judged as
// stored in the object it is called on.
struct Registry {
  template <class F>
  void add(F f) { items_.push_back(std::move(f)); }
  std::vector<std::function<void()>> items_;
};

class Plugin {
 public:
  void wire(Registry& shared) {
    int x = 0;
    reg_.add([&] { ++x; });  // expected-error {{a lambda that captures 'x' by reference escapes this function (passed to 'Registry::add', which keeps it in its object: stored in member 'reg_')}} expected-note {{'x' is captured by reference here}}
    Registry local;
    local.add([&] { ++x; });
    reg_.add([this] { ++n_; });
    shared.add([this] { ++n_; });  // expected-error {{a lambda that captures 'this' escapes the object (passed to 'Registry::add', which keeps it in its object: stored in another object)}} expected-note {{'this' is captured here}}
  }

 private:
  Registry reg_;
  int n_ = 0;
};

// A local pointer names no local object: a call through it is a call on
// whatever it points to (here a global bus), like a call through a
// reference. The local object itself (`local`) still dies with the function.
Registry* g_registry;
EventBus* g_events;
class Wiring {
 public:
  void wire() {
    int x = 0;
    Registry* reg = g_registry;
    reg->add([&] { ++x; });  // expected-error {{a lambda that captures 'x' by reference escapes this function (passed to 'Registry::add', which keeps it in its object: stored outside this function)}} expected-note {{'x' is captured by reference here}}
    reg->add([this] { ++n_; });  // expected-error {{a lambda that captures 'this' escapes the object (passed to 'Registry::add', which keeps it in its object: stored outside this function)}} expected-note {{'this' is captured here}}
    EventBus* bus = g_events;
    bus->subscribe([this] { ++n_; });  // expected-error {{a lambda that captures 'this' escapes the object (converted to std::function for 'EventBus::subscribe', which may keep it)}} expected-note {{'this' is captured here}}
    bus->subscribe([&x] { ++x; });  // expected-error {{a lambda that captures 'x' by reference escapes this function (converted to std::function for 'EventBus::subscribe', which may keep it)}} expected-note {{'x' is captured by reference here}}
    Registry local;
    local.add([&] { ++x; });
    local.add([this] { ++n_; });
  }

 private:
  int n_ = 0;
};

// CLI11: a subcommand made by a local CLI::App (add_subcommand with a name)
// is owned by that App alone, so its callback is kept by the local App, as
// long as the function hands no App of the tree to anything else (no
// get_subcommand_ptr, get_parent, App* passed, stored or returned). A local
// pointer to one is judged by what it points to.
namespace cli_subcommands {
CLI::App* g_app;
CLI::App_p g_kept;
void configure(CLI::App& app);
void adopt(CLI::App* sub);
int kept_by_local_app(int argc, char** argv) {
  CLI::App app;
  int n = 0;
  app.add_subcommand("run")->callback([&n] { ++n; });
  app.add_subcommand("stop")->immediate_callback()->callback([&] { --n; });
  CLI::App* nested = app.add_subcommand("a")->add_subcommand("b");
  nested->callback([&n] { n = 2; });
  double radius = 0.0;
  auto circle = app.add_subcommand("circle")->immediate_callback();
  circle->add_option("radius", radius)->required();
  circle->callback([&radius, &n] { n = static_cast<int>(radius); });
  CLI11_PARSE(app, argc, argv);
  return n;
}
// The subcommand bound as a reference (docs/rules/raw-pointer.md: a
// library's never-null pointer kept as a reference) is judged like the
// pointer it is bound through.
int kept_through_a_reference(int argc, char** argv) {
  CLI::App app;
  int n = 0;
  CLI::App& run = *app.add_subcommand("run");
  run.callback([&n] { ++n; });
  CLI::App& nested = *run.add_subcommand("inner")->immediate_callback();
  nested.callback([&] { n = 3; });
  CLI11_PARSE(app, argc, argv);
  return n;
}
int reference_to_an_app_elsewhere() {
  int n = 0;
  CLI::App& run = *g_app->add_subcommand("run");
  run.callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function}} expected-note {{'n' is captured by reference here}}
  return n;
}
int reference_handed_out() {
  CLI::App app;
  int n = 0;
  CLI::App& run = *app.add_subcommand("run");
  run.callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function}} expected-note {{'n' is captured by reference here}}
  configure(run);
  return n;
}
int reference_to_the_app_itself() {
  CLI::App app;
  int n = 0;
  CLI::App& same = app;
  app.add_subcommand("run")->callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function}} expected-note {{'n' is captured by reference here}}
  configure(same);
  return n;
}
int shared_owner_made(int argc, char** argv) {
  CLI::App app;
  int n = 0;
  CLI::App* run = app.add_subcommand("run");
  run->callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to 'CLI::App::callback', which keeps it in its object: stored outside this function)}} expected-note {{'n' is captured by reference here}}
  g_kept = app.get_subcommand_ptr("run");
  return n;
}
int app_handed_out() {
  CLI::App app;
  int n = 0;
  app.add_subcommand("run")->callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function}} expected-note {{'n' is captured by reference here}}
  configure(app);
  return n;
}
int subcommand_handed_out() {
  CLI::App app;
  int n = 0;
  CLI::App* run = app.add_subcommand("run");
  run->callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function}} expected-note {{'n' is captured by reference here}}
  adopt(run);
  return n;
}
int subcommand_stored() {
  CLI::App app;
  int n = 0;
  app.add_subcommand("run")->callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function}} expected-note {{'n' is captured by reference here}}
  g_app = app.add_subcommand("x");
  return n;
}
int adopted_shared_app() {
  CLI::App app;
  int n = 0;
  auto mine = std::make_shared<CLI::App>("mine");
  app.add_subcommand(mine)->callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function}} expected-note {{'n' is captured by reference here}}
  g_kept = mine;
  return n;
}
int app_elsewhere() {
  int n = 0;
  g_app->add_subcommand("run")->callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function}} expected-note {{'n' is captured by reference here}}
  CLI::App* run = g_app;
  run->callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function}} expected-note {{'n' is captured by reference here}}
  return n;
}
// A local App used after the block of a variable its callbacks capture
// outlives it, like any local holder below.
int outlived_by_the_app(int argc, char** argv) {
  CLI::App app;
  {
    int n = 0;
    app.callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to 'CLI::App::callback', which keeps it in its object: stored in 'app', which outlives 'n')}} expected-note {{'n' is captured by reference here}}
    app.add_subcommand("x")->callback([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to 'CLI::App::callback', which keeps it in its object: stored in 'app', which outlives 'n')}} expected-note {{'n' is captured by reference here}}
  }
  CLI11_PARSE(app, argc, argv);
  return 0;
}
}  // namespace cli_subcommands

// A local object that keeps the lambda (a method storing it, or one taking
// a std::function) is judged like a local assigned it: declared before a
// variable the lambda captures and used after that variable's block, it
// outlives the variable; used only within the block, it does not.
void outlived_local_holders() {
  Registry reg;
  EventBus bus;
  {
    int x = 0;
    reg.add([&x] { ++x; });  // expected-error {{a lambda that captures 'x' by reference escapes this function (passed to 'Registry::add', which keeps it in its object: stored in 'reg', which outlives 'x')}} expected-note {{'x' is captured by reference here}}
    bus.subscribe([&x] { ++x; });  // expected-error {{a lambda that captures 'x' by reference escapes this function (stored in 'bus', which outlives 'x')}} expected-note {{'x' is captured by reference here}}
  }
  reg.items_.front()();
  bus.handlers.front()();
}
void local_holders_used_within_the_block() {
  Registry reg;
  EventBus bus;
  {
    int x = 0;
    reg.add([&x] { ++x; });
    bus.subscribe([&x] { ++x; });
    reg.items_.front()();
  }
}

// A method whose body is visible says for itself what it does with the
// callable, whatever the local object's scope: a visitor that only calls
// it (toml::array::for_each) keeps nothing in the object; one that stores
// it in its object is the holder above; one that stores it elsewhere (a
// global) lets it escape even from an object used only in the block.
struct Visited {
  template <class F>
  void for_each(F&& visit) {
    for (int v : values) visit(v);
  }
  template <class F>
  void keep(F&& f) { kept.push_back(std::forward<F>(f)); }
  template <class F>
  void publish(F&& f);
  std::vector<int> values;
  std::vector<std::function<void(int)>> kept;
};
std::function<void(int)> g_published;
template <class F>
void Visited::publish(F&& f) { g_published = std::forward<F>(f); }
int visitor_only_called() {
  Visited items;
  {
    Visited copy;
    items.for_each([&](int v) { copy.values.push_back(v); });
  }
  return static_cast<int>(items.values.size());
}
int visitor_kept_by_the_outliving_object() {
  Visited items;
  {
    Visited copy;
    items.keep([&](int v) { copy.values.push_back(v); });  // expected-error {{a lambda that captures 'copy' by reference escapes this function (passed to 'Visited::keep', which keeps it in its object: stored in 'items', which outlives 'copy')}} expected-note {{'copy' is captured by reference here}}
  }
  return static_cast<int>(items.values.size());
}
int visitor_published_by_a_local_object() {
  Visited items;
  int n = 0;
  items.publish([&](int v) { n += v; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (passed to 'Visited::publish', which stores it in global 'g_published')}} expected-note {{'n' is captured by reference here}}
  return n;
}

// --- insertions: each argument judged by the element part it initialises ---
// A number or a std::string copied into a map's mapped value keeps nothing;
// only the view key (or a view part of a pair element) can refer into a
// local.
class ViewKeyedIndex {
 public:
  void add(std::uint32_t n) {
    const std::uint32_t id = n + 1;
    ids_.emplace(name_, id);
    ids_.emplace("literal", id);
    ids_[name_] = id;
    ids_.try_emplace(name_, id);
    ids_.insert({name_, id});
    ids_.insert(std::pair<std::string_view, std::uint32_t>(name_, id));
    ids_.insert_or_assign(name_, id);
    ordered_.emplace(name_, id);
    ordered_.emplace_hint(ordered_.end(), name_, id);
    ordered_.try_emplace(ordered_.end(), name_, id);
    entries_.emplace_back(name_, id);
    entries_.push_back({name_, id});
    std::string label = "x";
    labels_.emplace(name_, label);
    labels_.try_emplace(name_, label);
  }

  // Rejected: the view part built from a local or a parameter.
  void key_of_local(std::uint32_t id) {
    std::string local = "y";
    ids_.emplace(local, id);  // expected-error {{member 'ids_' keeps a reference into local variable 'local' beyond this call}}
  }
  void pair_of_local(std::uint32_t id) {
    std::string local = "y";
    ids_.insert({local, id});  // expected-error {{member 'ids_' keeps a reference into local variable 'local' beyond this call}}
  }
  void built_pair_of_local(std::uint32_t id) {
    std::string local = "y";
    ids_.insert(std::pair<std::string_view, std::uint32_t>(local, id));  // expected-error {{member 'ids_' keeps a reference into local variable 'local' beyond this call}}
  }
  void assigned_key_of_local(std::uint32_t id) {
    std::string local = "y";
    ids_.insert_or_assign(local, id);  // expected-error {{member 'ids_' keeps a reference into local variable 'local' beyond this call}}
  }
  void hinted_key_of_local(std::uint32_t id) {
    std::string local = "y";
    ordered_.try_emplace(ordered_.end(), local, id);  // expected-error {{member 'ordered_' keeps a reference into local variable 'local' beyond this call}}
  }
  void key_of_param(const std::string& key, std::uint32_t id) {
    ids_.emplace(key, id);  // expected-error {{member 'ids_' keeps a reference into parameter 'key' beyond this call}}
  }
  void entry_of_local(std::uint32_t id) {
    std::string local = "y";
    entries_.emplace_back(local, id);  // expected-error {{member 'entries_' keeps a reference into local variable 'local' beyond this call}}
  }
  void braced_entry_of_local(std::uint32_t id) {
    std::string local = "y";
    entries_.push_back({local, id});  // expected-error {{member 'entries_' keeps a reference into local variable 'local' beyond this call}}
  }
  // A number is kept by a std::reference_wrapper element.
  void ref_to_local(int n) {
    int local = n;
    refs_.push_back(local);  // expected-error {{member 'refs_' keeps a reference into local variable 'local' beyond this call}}
  }

 private:
  std::string name_ = "x";
  std::unordered_map<std::string_view, std::uint32_t> ids_;  // expected-note 5 {{'ids_' is declared here}}
  std::map<std::string_view, std::uint32_t> ordered_;  // expected-note {{'ordered_' is declared here}}
  std::map<std::string_view, std::string> labels_;
  std::vector<std::pair<std::string_view, std::uint32_t>> entries_;  // expected-note 2 {{'entries_' is declared here}}
  std::vector<std::reference_wrapper<int>> refs_;  // expected-note {{'refs_' is declared here}}
};

// --- a string interner: handles returned by a member container ------------
// The iterator in the pair emplace/insert returns refers into the member
// set, not into the local pair or structured binding holding it.
class StringInterner {
 public:
  void bound(std::string_view s) {
    auto [pos, inserted] = storage_.emplace(s);
    views_.push_back(*pos);
  }
  void paired(std::string_view s) {
    auto r = storage_.emplace(s);
    views_.push_back(*r.first);
  }
  void stable(std::string_view s) {
    auto [pos, inserted] = storage_.insert(std::string(s));
    std::string_view view = *pos;
    views_.push_back(view);
    cursor_ = pos;
  }
  void if_inserted(std::string_view s) {
    const auto [pos, inserted] = storage_.emplace(s);
    if (inserted) views_.push_back(*pos);
  }

  // Rejected: the set is local, the local pair is re-pointed at a local
  // set, or what is kept is the local pair's own bool.
  void local_set(std::string_view s) {
    std::unordered_set<std::string> local;
    auto [pos, inserted] = local.emplace(s);
    views_.push_back(*pos);  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }
  void local_set_pair(std::string_view s) {
    std::unordered_set<std::string> local;
    auto r = local.emplace(s);
    views_.push_back(*r.first);  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }
  void repointed_part(std::string_view s) {
    std::unordered_set<std::string> local;
    auto r = storage_.emplace(s);
    r.first = local.begin();
    views_.push_back(*r.first);  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }
  void repointed_binding(std::string_view s) {
    std::unordered_set<std::string> local;
    auto [pos, inserted] = storage_.emplace(s);
    pos = local.begin();
    views_.push_back(*pos);  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }
  void flag_binding(std::string_view s) {
    auto [pos, inserted] = storage_.emplace(s);
    flag_ = std::ref(inserted);  // expected-error {{member 'flag_' keeps a reference into structured binding '[pos, inserted]' beyond this call}}
  }
  void flag_part(std::string_view s) {
    auto r = storage_.emplace(s);
    flag_ = std::ref(r.second);  // expected-error {{member 'flag_' keeps a reference into local variable 'r' beyond this call}}
  }
  void pair_of_local(std::string_view s) {
    std::string local(s);
    std::pair<std::string_view, int> p{local, 1};
    views_.push_back(p.first);  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }
  void owning_pair(std::string_view s) {
    auto r = std::pair<std::string, int>{std::string(s), 1};
    views_.push_back(r.first);  // expected-error {{member 'views_' keeps a reference into local variable 'r' beyond this call}}
  }
  void optional_of_local(std::string_view s) {
    std::string local(s);
    std::optional<std::string_view> o = local;
    views_.push_back(*o);  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }

 private:
  std::unordered_set<std::string> storage_;
  std::vector<std::string_view> views_;  // expected-note 7 {{'views_' is declared here}}
  std::unordered_set<std::string>::iterator cursor_;
  bool b_ = false;
  std::reference_wrapper<bool> flag_ = b_;  // expected-note 2 {{'flag_' is declared here}}
};

// --- emplace(std::piecewise_construct, ...): each tuple builds one part ---
// The key tuple is judged by the key, the value tuple by the mapped value:
// a local std::string copied into a std::string, or a number, keeps
// nothing; a view key built from a parameter or a local does.
class PiecewiseIndex {
 public:
  void add(int n) {
    std::string label = "x";
    index_.emplace(std::piecewise_construct, std::forward_as_tuple(name_), std::forward_as_tuple(n));
    index_.emplace(std::piecewise_construct, std::forward_as_tuple(name_), std::forward_as_tuple(42));
    index_.emplace(std::piecewise_construct, std::make_tuple(std::string_view(name_)), std::make_tuple(n));
    labels_.emplace(std::piecewise_construct, std::forward_as_tuple(name_), std::forward_as_tuple(label));
    labels_.emplace(std::piecewise_construct, std::forward_as_tuple("k"), std::forward_as_tuple(3, 'c'));
    labels_.emplace_hint(labels_.end(), std::piecewise_construct, std::forward_as_tuple(name_),
                         std::forward_as_tuple(label));
    entries_.emplace_back(std::piecewise_construct, std::forward_as_tuple(name_), std::forward_as_tuple(n));
  }

  // Rejected: the key is a view of a parameter or a local.
  void key_of_param(const std::string& key) {
    std::string_view key_view = key;
    index_.emplace(std::piecewise_construct, std::forward_as_tuple(key_view), std::forward_as_tuple(42));  // expected-error {{member 'index_' keeps a reference into parameter 'key' beyond this call}}
  }
  void key_of_local() {
    std::string local = "y";
    labels_.emplace(std::piecewise_construct, std::forward_as_tuple(local), std::forward_as_tuple("v"));  // expected-error {{member 'labels_' keeps a reference into local variable 'local' beyond this call}}
  }
  void key_from_pointer(const std::string& key) {
    index_.emplace(std::piecewise_construct, std::forward_as_tuple(key.data(), 2), std::forward_as_tuple(1));  // expected-error {{member 'index_' keeps a reference into parameter 'key' beyond this call}}
  }
  void entry_of_local(int n) {
    std::string local = "y";
    entries_.emplace_back(std::piecewise_construct, std::forward_as_tuple(local), std::forward_as_tuple(n));  // expected-error {{member 'entries_' keeps a reference into local variable 'local' beyond this call}}
  }

 private:
  std::string name_ = "x";
  std::unordered_map<std::string_view, int> index_;  // expected-note 2 {{'index_' is declared here}}
  std::map<std::string_view, std::string> labels_;  // expected-note {{'labels_' is declared here}}
  std::vector<std::pair<std::string_view, int>> entries_;  // expected-note {{'entries_' is declared here}}
};

// --- copying a local container of views into a member -------------------
// A range insert, assign, copy assignment or copy algorithm keeps copies
// of the local's elements: what they view counts, not the local container.
// Filled only with views of members, statics or literals (and only read,
// sorted or trimmed otherwise): accepted. Filled with views of a parameter,
// a local or a temporary, or used in a way not followed (handed out by
// non-const reference, written through a reference or an iterator):
// rejected.
std::vector<std::string_view> split_words(std::string_view text);
void fill_views(std::vector<std::string_view>& out);
void show_views(const std::vector<std::string_view>& views);

class ViewCopies {
 public:
  void insert_member_views() {
    std::vector<std::string_view> local;
    local.push_back(name_);
    for (const auto& n : names_) local.push_back(n);
    std::sort(local.begin(), local.end());
    local.erase(std::unique(local.begin(), local.end()), local.end());
    for (auto v : local) show_views({v});
    show_views(local);
    if (!local.empty() && local.front() == "x") return;
    views_.insert(views_.end(), local.begin(), local.end());
  }
  void assign_member_views() {
    std::vector<std::string_view> local{name_, "literal"};
    local[0] = other_;
    views_ = local;
    views_.assign(local.begin(), local.end());
    views_ = std::move(local);
  }
  void copy_member_views() {
    std::vector<std::string_view> local;
    std::copy(names_.begin(), names_.end(), std::back_inserter(local));
    std::ranges::copy(local, std::back_inserter(views_));
    std::copy(local.begin(), local.end(), std::back_inserter(views_));
  }
  void split_member() {
    auto words = split_words(name_);
    views_.assign(words.begin(), words.end());
  }
  void map_of_member_views() {
    std::map<std::string_view, int> local;
    local[name_] = 1;
    index_.insert(local.begin(), local.end());
  }
  void built_from_members() {
    std::vector<std::string_view> local(names_.begin(), names_.end());
    views_ = local;
  }

  // Rejected.
  void insert_param_views(const std::string& s) {
    std::vector<std::string_view> local;
    local.push_back(s);
    views_.insert(views_.end(), local.begin(), local.end());  // expected-error {{member 'views_' keeps a reference into parameter 's' beyond this call}}
  }
  void insert_local_views() {
    std::string tmp = "x";
    std::vector<std::string_view> local{tmp};
    views_.insert(views_.end(), local.begin(), local.end());  // expected-error {{member 'views_' keeps a reference into local variable 'tmp' beyond this call}}
  }
  void insert_owning_local() {
    std::vector<std::string> local{"a"};
    views_.insert(views_.end(), local.begin(), local.end());  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }
  void assign_param_views(const std::string& s) {
    std::vector<std::string_view> local;
    local.push_back(s);
    views_ = local;  // expected-error {{member 'views_' keeps a reference into parameter 's' beyond this call}}
  }
  void assign_range_of_param_views(const std::string& s) {
    std::vector<std::string_view> local{name_};
    local[0] = s;
    views_.assign(local.begin(), local.end());  // expected-error {{member 'views_' keeps a reference into parameter 's' beyond this call}}
  }
  void copy_param_views(const std::string& s) {
    std::vector<std::string_view> local;
    local.push_back(s);
    std::ranges::copy(local, std::back_inserter(views_));  // expected-error {{member 'views_' keeps a reference into parameter 's' beyond this call}}
  }
  void copy_param_strings(const std::vector<std::string>& in) {
    std::vector<std::string_view> local;
    std::copy(in.begin(), in.end(), std::back_inserter(local));
    views_ = local;  // expected-error {{member 'views_' keeps a reference into parameter 'in' beyond this call}}
  }
  void views_of_temporary() {
    std::vector<std::string_view> local;
    local.push_back(std::string("tmp"));
    views_ = local;  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }
  void split_param(const std::string& line) {
    auto words = split_words(line);
    views_.assign(words.begin(), words.end());  // expected-error {{member 'views_' keeps a reference into parameter 'line' beyond this call}}
  }
  void map_of_param_views(const std::string& s) {
    std::map<std::string_view, int> local;
    local[s] = 1;
    index_.insert(local.begin(), local.end());  // expected-error {{member 'index_' keeps a reference into parameter 's' beyond this call}}
  }
  void built_here(const std::string& s) {
    views_ = std::vector<std::string_view>{s};  // expected-error {{member 'views_' keeps a reference into parameter 's' beyond this call}}
  }
  // Under more std::move calls than a walk's usual step limit (80 here):
  // the local is still found, and nothing crashes.
#define MESHWA_MOVE4(x) std::move(std::move(std::move(std::move(x))))
#define MESHWA_MOVE16(x) MESHWA_MOVE4(MESHWA_MOVE4(MESHWA_MOVE4(MESHWA_MOVE4(x))))
  void assign_deeply_moved(const std::string& s) {
    std::vector<std::string_view> local;
    local.push_back(s);
    views_ = MESHWA_MOVE16(MESHWA_MOVE16(MESHWA_MOVE16(MESHWA_MOVE16(MESHWA_MOVE16(local)))));  // expected-error {{member 'views_' keeps a reference into parameter 's' beyond this call}}
  }
#undef MESHWA_MOVE16
#undef MESHWA_MOVE4
  void copied_local(const std::string& s) {
    std::vector<std::string_view> local{name_};
    std::vector<std::string_view> other = local;
    other.push_back(s);
    views_.insert(views_.end(), other.begin(), other.end());  // expected-error {{member 'views_' keeps a reference into parameter 's' beyond this call}}
  }
  // Not followed: the local counts as itself.
  void filled_elsewhere() {
    std::vector<std::string_view> local;
    fill_views(local);
    views_ = local;  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }
  void written_through_loop(const std::string& s) {
    std::vector<std::string_view> local(2);
    for (auto& v : local) v = s;
    views_ = local;  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }
  void written_through_iterators(const std::string& s) {
    std::vector<std::string_view> local(3);
    std::fill(local.begin(), local.end(), std::string_view(s));
    views_ = local;  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }
  void written_through_reference(const std::string& s) {
    std::vector<std::string_view> local;
    auto& slot = local.emplace_back();
    slot = s;
    views_ = local;  // expected-error {{member 'views_' keeps a reference into local variable 'local' beyond this call}}
  }

 private:
  std::string name_ = "n";
  std::string other_ = "o";
  std::vector<std::string> names_;
  std::vector<std::string_view> views_;  // expected-note 16 {{'views_' is declared here}}
  std::map<std::string_view, int> index_;  // expected-note {{'index_' is declared here}}
};

// --- containers of containers of views, and elements of a member ---------
// An inner container of views (the element of a
// std::vector<std::vector<std::string_view>>, the mapped value of a
// std::map<std::string, std::vector<std::string_view>>) is judged by what
// its own elements view, as is an element of a member assigned or filled
// in place (views_[i] = v, by_name_[key].push_back(v)).
class NestedViews {
 public:
  void of_members(int n) {
    std::vector<std::string_view> inner{name_};
    groups_.push_back(inner);
    groups_.push_back(std::move(inner));
    groups_.emplace_back(names_.begin(), names_.end());
    groups_.push_back({name_, "literal"});
    groups_.emplace_back(3, name_);
    groups_.back().push_back(name_);
    by_name_[name_].push_back(name_);
    by_name_.try_emplace(name_, names_.begin(), names_.end());
    by_name_[name_] = inner;
    views_[0] = name_;
    views_.at(0) = "literal";
    groups_[0] = inner;
    counts_[name_] = n;
  }

  // Rejected.
  void inner_of_param(const std::string& s) {
    std::vector<std::string_view> inner{s};
    groups_.push_back(inner);  // expected-error {{member 'groups_' keeps a reference into parameter 's' beyond this call}}
  }
  void braced_inner_of_param(const std::string& s) {
    groups_.push_back({s});  // expected-error {{member 'groups_' keeps a reference into parameter 's' beyond this call}}
  }
  void counted_inner_of_param(const std::string& s) {
    groups_.emplace_back(2, s);  // expected-error {{member 'groups_' keeps a reference into parameter 's' beyond this call}}
  }
  void into_mapped_inner(const std::string& s) {
    by_name_[name_].push_back(s);  // expected-error {{member 'by_name_' keeps a reference into parameter 's' beyond this call}}
  }
  void into_last_inner(const std::string& s) {
    groups_.back().push_back(s);  // expected-error {{member 'groups_' keeps a reference into parameter 's' beyond this call}}
  }
  void mapped_range_of_param(const std::vector<std::string>& v) {
    by_name_.try_emplace(name_, v.begin(), v.end());  // expected-error {{member 'by_name_' keeps a reference into parameter 'v' beyond this call}}
  }
  void mapped_assigned_local(const std::string& s) {
    std::vector<std::string_view> inner;
    inner.push_back(s);
    by_name_[name_] = inner;  // expected-error {{member 'by_name_' keeps a reference into parameter 's' beyond this call}}
  }
  void mapped_built_here(const std::string& s) {
    by_name_.emplace(name_, std::vector<std::string_view>{s});  // expected-error {{member 'by_name_' keeps a reference into parameter 's' beyond this call}}
  }
  void element_assigned(const std::string& s) {
    views_[0] = s;  // expected-error {{member 'views_' keeps a reference into parameter 's' beyond this call}}
  }
  // A local container of containers of views copied in: what the inner
  // containers' elements view.
  void local_groups_of_members() {
    std::vector<std::vector<std::string_view>> local;
    std::vector<std::string_view> inner{name_};
    local.push_back(inner);
    local.push_back({name_});
    groups_.insert(groups_.end(), local.begin(), local.end());
    groups_ = local;
    std::ranges::copy(local, std::back_inserter(groups_));
  }
  void local_groups_of_param(const std::string& s) {
    std::vector<std::vector<std::string_view>> local;
    std::vector<std::string_view> inner{s};
    local.push_back(inner);
    groups_ = local;  // expected-error {{member 'groups_' keeps a reference into parameter 's' beyond this call}}
  }
  void braced_groups_of_param(const std::string& s) {
    std::vector<std::vector<std::string_view>> local{{name_}, {s}};
    groups_.insert(groups_.end(), local.begin(), local.end());  // expected-error {{member 'groups_' keeps a reference into parameter 's' beyond this call}}
  }
  void inner_filled_in_place(const std::string& s) {
    std::vector<std::vector<std::string_view>> local;
    local.emplace_back();
    local.back().push_back(s);
    groups_ = local;  // expected-error {{member 'groups_' keeps a reference into local variable 'local' beyond this call}}
  }

 private:
  std::string name_ = "n";
  std::vector<std::string> names_;
  std::vector<std::string_view> views_ = {"a"};  // expected-note {{'views_' is declared here}}
  std::vector<std::vector<std::string_view>> groups_;  // expected-note 7 {{'groups_' is declared here}}
  std::map<std::string, std::vector<std::string_view>> by_name_;  // expected-note 4 {{'by_name_' is declared here}}
  std::map<std::string, int> counts_;
};

// Templates. A lambda written in a template has a dependent closure type,
// so a call it is passed to stays unresolved in the pattern even when
// nothing else in it depends on the template parameters; such a call is
// judged in the instantiations and reported once, where it is written. A
// member initialiser that does not depend on them is judged in the pattern.
namespace in_templates {
std::vector<std::function<void()>> sinks;
template <class T>
class ViewHolder {
 public:
  explicit ViewHolder(std::string_view s) : s_(s) {}  // expected-error {{member 's_' keeps a reference into parameter 's' beyond this call, which dangles once the caller's object is gone; store a copy instead}}
  explicit ViewHolder(const T& t) : s_(t) {}  // depends on T: the instantiation's business
 private:
  std::string_view s_;  // expected-note {{'s_' is declared here with a reference or view type}}
};
template class ViewHolder<std::string>;

template <class Sink>
class Registrar {
 public:
  void into_out(std::vector<std::function<void()>>& out) {
    out.push_back([this] { ++n_; });  // expected-error {{a lambda that captures 'this' escapes the object (stored in another object), so it can outlive the object}} expected-note {{'this' is captured here}}
  }
  void into_global() {
    sinks.push_back([this] { ++n_; });  // expected-error {{a lambda that captures 'this' escapes the object (stored in global 'sinks')}} expected-note {{'this' is captured here}}
  }
  void detached() {
    std::thread([this] { ++n_; }).detach();  // expected-error {{a lambda that captures 'this' escapes the object (passed to std::thread, which may run it after the object is gone}} expected-note {{'this' is captured here}}
  }
  void through_std_function() {
    register_callback([this] { ++n_; });  // expected-error {{a lambda that captures 'this' escapes the object (converted to std::function for 'register_callback', which may keep it)}} expected-note {{'this' is captured here}}
  }
  void held_first(std::vector<std::function<void()>>& out) {
    auto f = [this] { ++n_; };  // expected-note {{'this' is captured here}}
    out.push_back(f);  // expected-error {{a lambda that captures 'this' escapes the object (stored in another object)}}
  }
  void local_by_reference(std::vector<std::function<void()>>& out) {
    int n = 0;
    out.push_back([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (stored outside this function)}} expected-note {{'n' is captured by reference here}}
  }
  // Accepted: the storing call depends on Sink (generic code), the
  // object's own member, a local thread joined here, a callable that is
  // only called, a local container.
  void generic(Sink& sink) { sink.add([this] { ++n_; }); }
  void own() { mine_.push_back([this] { ++n_; }); }
  void joined() { std::jthread t([this] { ++n_; }); }
  void called() { retry([this] { ++n_; }); }
  void local_tasks() {
    int n = 0;
    std::vector<std::function<void()>> tasks;
    tasks.push_back([&n] { ++n; });
    for (auto& task : tasks) task();
  }

 private:
  int n_ = 0;
  std::vector<std::function<void()>> mine_;
};
struct Bus {
  std::vector<std::function<void()>> handlers;
  void add(std::function<void()> f) { handlers.push_back(std::move(f)); }
};
template class Registrar<Bus>;

template <class T>
void function_template(std::vector<std::function<void()>>& out) {
  T value{};
  out.push_back([&value] { (void)value; });  // expected-error {{a lambda that captures 'value' by reference escapes this function (stored outside this function)}} expected-note {{'value' is captured by reference here}}
}
template void function_template<int>(std::vector<std::function<void()>>&);

// `[&]` captures a local of dependent type only in the instantiation
// (clang defers the capture of a local used in a dependent expression):
// judged there, like the explicit `[&value]` above.
template <class T>
std::function<T()> counter_template() {
  T count{};
  return [&] { return ++count; };  // expected-error {{a lambda that captures 'count' by reference escapes this function (returned)}} expected-note {{'count' is captured by reference here}}
}
template <class T>
void default_capture_stored(std::vector<std::function<void()>>& out) {
  T value{};
  out.push_back([&] { (void)value; });  // expected-error {{a lambda that captures 'value' by reference escapes this function (stored outside this function)}} expected-note {{'value' is captured by reference here}}
}
// Accepted: the same `[&]` used here (an algorithm, a local callable, a
// thread joined here), or capturing by value.
template <class T>
T default_capture_local(const std::vector<T>& v) {
  T sum{};
  std::for_each(v.begin(), v.end(), [&](const T& x) { sum += x; });
  std::function<void(T)> add = [&](T x) { sum += x; };
  add(T{});
  {
    std::jthread worker([&] { sum += T{}; });
  }
  return sum;
}
template <class T>
std::function<T()> by_value_template() {
  T count{};
  return [=]() mutable { return ++count; };
}
int use_default_captures(std::vector<std::function<void()>>& out) {
  default_capture_stored<int>(out);
  return counter_template<int>()() + default_capture_local(std::vector<int>{1}) + by_value_template<int>()();
}

void generic_lambda(std::vector<std::function<void()>>& out) {
  auto add = [&out](auto start) {
    int n = start;
    out.push_back([&n] { ++n; });  // expected-error {{a lambda that captures 'n' by reference escapes this function (stored outside this function)}} expected-note {{'n' is captured by reference here}}
  };
  add(1);
}
}  // namespace in_templates

// A thread member started before the members its thread uses: members are
// constructed in declaration order and destroyed in reverse, so the thread
// runs before the later members exist, and a std::jthread (joined by its own
// destructor) still runs after they are gone.
namespace thread_member_order {
class Pump {
 public:
  Pump() : worker_([this] { feed(); }) {}  // expected-error {{the thread of member 'worker_' uses 'm_' and 'queue_', declared after 'worker_': they are constructed only after the thread has started and destroyed before the std::jthread's destructor joins it; declare 'worker_' after the members its thread uses (last) [meshwa-escaping-reference]}}

 private:
  void feed() {
    for (int i = 0; i < 100; ++i) {
      std::lock_guard<std::mutex> g(m_);  // expected-note {{the thread uses it here}}
      queue_.push_back(i);
    }
  }
  std::jthread worker_;
  std::mutex m_;  // expected-note {{'m_' is declared here, after 'worker_'}}
  std::vector<int> queue_;
};

class Ticker {
 public:
  Ticker() = default;
  ~Ticker() { worker_.join(); }

 private:
  void run() { ++ticks_; }  // expected-note {{the thread uses it here}}
  std::thread worker_{&Ticker::run, this};  // expected-error {{the thread of member 'worker_' uses 'ticks_', declared after 'worker_': it is constructed only after the thread has started; declare 'worker_' after the members its thread uses (last)}}
  int ticks_ = 0;  // expected-note {{'ticks_' is declared here, after 'worker_'}}
};

// Started in the constructor body: every member is built by then, but a
// std::jthread is joined only after the later members are destroyed.
class Late {
 public:
  Late() { worker_ = std::jthread([this] { items_.push_back(1); }); }  // expected-error {{the thread of member 'worker_' uses 'items_', declared after 'worker_': it is destroyed before the std::jthread's destructor joins the thread; declare 'worker_' after the members its thread uses (last), or join it in the destructor}} expected-note {{the thread uses it here}}

 private:
  std::jthread worker_;
  std::vector<int> items_;  // expected-note {{'items_' is declared here, after 'worker_'}}
};

template <class T>
class Box {
 public:
  Box() : worker_([this] { value_ = T{}; }) {}  // expected-error {{the thread of member 'worker_' uses 'value_', declared after 'worker_'}} expected-note {{the thread uses it here}}

 private:
  std::jthread worker_;
  T value_;  // expected-note {{'value_' is declared here, after 'worker_'}}
};
template class Box<int>;

// Accepted: the thread member declared last; a std::thread started in the
// constructor body (the destructor must join it before any member goes); a
// std::jthread joined by the class's destructor; a thread that uses only
// members declared before it, or none.
class Last {
 public:
  Last() : worker_([this] { std::lock_guard<std::mutex> g(m_); queue_.push_back(1); }) {}

 private:
  std::mutex m_;
  std::vector<int> queue_;
  std::jthread worker_;
};
class BodyStarted {
 public:
  BodyStarted() { worker_ = std::thread([this] { ++n_; }); }
  ~BodyStarted() { worker_.join(); }

 private:
  std::thread worker_;
  int n_ = 0;
};
class JoinedByDestructor {
 public:
  JoinedByDestructor() { worker_ = std::jthread([this] { ++n_; }); }
  ~JoinedByDestructor() { worker_.join(); }

 private:
  std::jthread worker_;
  int n_ = 0;
};
class Earlier {
 public:
  Earlier() : worker_([this] { ++n_; }), other_([] {}) {}

 private:
  int n_ = 0;
  std::jthread worker_;
  std::jthread other_;
  int unused_ = 0;
};
}  // namespace thread_member_order

// A [this] lambda kept in a member of the object is fine while the object
// stays where it is. The implicit (or defaulted) copy and move operations
// copy the lambda as is, so a copy, or an element moved when a vector
// grows, calls back into the original object. Reported when this file
// copies or moves the class through them.
namespace this_lambda_in_copied_object {
class Widget {
 public:
  int n_ = 1;
  std::function<int()> cb_ = [this] { return n_; };  // expected-error {{a lambda that captures 'this' is kept in member 'cb_', but 'Widget' is copied or moved in this file by its implicit (or defaulted) move operations, which copy the lambda as is: a moved-to object calls back into the original object, which may be gone (a std::vector<Widget> moves its elements when it grows); delete the copy and move operations of 'Widget' ('Widget(const Widget&) = delete;' and 'operator='), or write them to rebuild 'cb_' for the new object [meshwa-escaping-reference]}} expected-note {{'this' is captured here}}
};
int grow() {
  std::vector<Widget> ws;
  ws.emplace_back();
  ws.emplace_back();
  return ws[0].cb_();
}

class Button {
 public:
  Button() : on_press_([this] { ++presses_; }) {  // expected-error {{a lambda that captures 'this' is kept in member 'on_press_', but 'Button' is copied or moved in this file by its implicit (or defaulted) copy and move operations, which copy the lambda as is: a copy (or moved-to object) calls back}} expected-note {{'this' is captured here}}
    on_release_ = [&] { --presses_; };  // expected-error {{a lambda that captures 'this' is kept in member 'on_release_'}} expected-note {{'this' is captured implicitly here}}
  }
  void on(int key) { handlers_[key] = [this] { ++presses_; }; }  // expected-error {{a lambda that captures 'this' is kept in member 'handlers_'}} expected-note {{'this' is captured here}}

 private:
  int presses_ = 0;
  std::function<void()> on_press_;
  std::function<void()> on_release_;
  std::map<int, std::function<void()>> handlers_;
};
Button copy_of(const Button& b) {
  Button other = b;
  return other;
}

// Accepted: copy and move deleted, or written to rebuild the callback; a
// class that is never copied or moved.
class Pinned {
 public:
  Pinned() = default;
  Pinned(const Pinned&) = delete;
  Pinned& operator=(const Pinned&) = delete;
  int call() { return cb_(); }

 private:
  int n_ = 1;
  std::function<int()> cb_ = [this] { return n_; };
};
int pinned() {
  std::vector<std::unique_ptr<Pinned>> ps;
  ps.push_back(std::make_unique<Pinned>());
  return ps[0]->call();
}
class Rebuilt {
 public:
  Rebuilt() { bind(); }
  Rebuilt(const Rebuilt& other) : n_(other.n_) { bind(); }
  Rebuilt& operator=(const Rebuilt& other) {
    n_ = other.n_;
    return *this;
  }
  int call() { return cb_(); }

 private:
  void bind() { cb_ = [this] { return n_; }; }
  int n_ = 1;
  std::function<int()> cb_;
};
int rebuilt() {
  std::vector<Rebuilt> rs(2);
  rs.push_back(rs[0]);
  return rs[1].call();
}
class InPlace {
 public:
  int call() { return cb_(); }

 private:
  int n_ = 1;
  std::function<int()> cb_ = [this] { return n_; };
};
int in_place() {
  InPlace local;
  return local.call();
}
}  // namespace this_lambda_in_copied_object

// --- a method of a local cursor that holds only views (realworld4 A) ------
namespace view_holder_method {
struct Cur {  // an aggregate cursor: views what it is made from
  std::string_view buf;  // expected-note {{'buf' is declared here with a reference or view type}}
  std::size_t pos = 0;
  std::string_view take(std::size_t n) {
    auto r = buf.substr(pos, n);
    pos += n;
    return r;
  }
  std::string_view rest() const { return pos < buf.size() ? buf.substr(pos) : std::string_view(); }
  void skip(std::size_t n) { pos += n; }
  void drop(std::size_t n) { buf.remove_prefix(n); }
  std::span<const std::size_t> where() const { return {&pos, 1}; }  // into the cursor itself
  void reset(std::string_view b) { buf = b; }  // expected-error {{member 'buf' keeps a reference into parameter 'b' beyond this call}}
};
struct Reader {
  std::span<const int> in;
  std::span<const int> take(std::size_t n) {
    auto s = in.first(n);
    in = in.subspan(n);
    return s;
  }
};
struct Own {  // owns its data: a view from it views the local
  std::string s;
  std::string_view get() const { return s; }
};
class Lexer {
 public:
  void member_source() {
    Cur c{src_};
    last_ = c.take(3);
    auto v = c.take(1);
    last_ = v;
    last_ = c.buf;
    c.skip(1);
    c.drop(1);
    last_ = c.rest();
    Reader r{data_};
    window_ = r.take(2);
  }
  void parameter_source(std::string_view in) {
    Cur c{in};
    last_ = c.take(3);  // expected-error {{member 'last_' keeps a reference into parameter 'in' beyond this call}}
  }
  void local_source() {
    std::string text = "x";
    Cur c{text};
    last_ = c.take(1);  // expected-error {{member 'last_' keeps a reference into local variable 'text' beyond this call}}
    Cur d{src_};
    d.buf = text;
    last_ = d.rest();  // expected-error {{member 'last_' keeps a reference into local variable 'text' beyond this call}}
  }
  void repointed_by_method() {
    std::string text = "x";
    Cur c{src_};
    c.reset(text);
    last_ = c.rest();  // expected-error {{member 'last_' keeps a reference into local variable 'c' beyond this call}}
  }
  void into_the_cursor() {
    Cur c{src_};
    where_ = c.where();  // expected-error {{member 'where_' keeps a reference into local variable 'c' beyond this call}}
  }
  void owning_local() {
    Own o{"abc"};
    last_ = o.get();  // expected-error {{member 'last_' keeps a reference into local variable 'o' beyond this call}}
  }

 private:
  std::string src_ = "select 1";
  std::vector<int> data_{1, 2, 3};
  std::string_view last_;  // expected-note 5 {{'last_' is declared here with a reference or view type}}
  std::span<const int> window_;
  std::span<const std::size_t> where_;  // expected-note {{'where_' is declared here with a reference or view type}}
};
}  // namespace view_holder_method

// --- a member helper judged by its returns (realworld4 B) -----------------
namespace interner_helper {
class Interner {
 public:
  std::string_view Intern(std::string_view s) {  // always a view of pool_
    auto it = pool_.find(s);
    if (it == pool_.end()) it = pool_.emplace(s).first;
    return *it;
  }
  std::string_view InternRef(const std::string& s) { return *pool_.insert(s).first; }
  std::string_view Pick(std::string_view s) {  // may return its argument
    if (s.empty()) return *pool_.begin();
    return s;
  }
  virtual std::string_view Base(std::string_view s) { return *pool_.emplace(s).first; }  // an override may differ
  virtual ~Interner() = default;

 private:
  std::set<std::string, std::less<>> pool_;
};
struct Hit {
  std::string user;
};
class Svc {
 public:
  void a(const Hit& h) { users_.push_back(names_.Intern(h.user)); }
  void b(const Hit& h) {
    std::string_view u = names_.Intern(h.user);
    users_.push_back(u);
  }
  void c(const Hit& h) { users_.push_back(names_.InternRef(h.user)); }
  void d(std::string local) { users_.push_back(names_.Intern(local)); }
  void e(const Hit& h) { users_.push_back(names_.Pick(h.user)); }  // expected-error {{member 'users_' keeps a reference into parameter 'h' beyond this call}}
  void f(const Hit& h) { users_.push_back(names_.Base(h.user)); }  // expected-error {{member 'users_' keeps a reference into parameter 'h' beyond this call}}

 private:
  Interner names_;
  std::vector<std::string_view> users_;  // expected-note 2 {{'users_' is declared here with a reference or view type}}
};
}  // namespace interner_helper

// A member whose type is a class of the program holding only views and
// numbers (a cursor) views what it was made from, like a std::string_view
// member: made or assigned from a parameter, it is rejected the same way.
// A meshwa::Ref<I> member is the framework's handle on another service, no
// view of the caller's data: accepted from a parameter.
namespace cursor_members {
struct Cursor {
  std::string_view buf;
  std::size_t pos = 0;
};
class Tokenizer {
 public:
  explicit Tokenizer(const std::string& text) : at_{text} {}  // expected-error {{member 'at_' keeps a reference into parameter 'text' beyond this call}}
  explicit Tokenizer(Cursor start) : at_(start) {}  // expected-error {{member 'at_' keeps a reference into parameter 'start' beyond this call}}
  void reset(std::string_view text) { at_ = Cursor{text}; }  // expected-error {{member 'at_' keeps a reference into parameter 'text' beyond this call}}
  void rewind() { at_ = Cursor{kEmpty, 0}; }  // a literal's view: accepted
 private:
  static constexpr std::string_view kEmpty = "";
  Cursor at_;  // expected-note 3 {{'at_' is declared here with a reference or view type}}
};
struct MESHWA_INTERFACE Clock {
  virtual ~Clock() = default;
  virtual meshwa::Result<long> now() = 0;
};
class Stamper {
 public:
  explicit Stamper(meshwa::Ref<Clock> clock) : clock_(std::move(clock)) {}
 private:
  meshwa::Ref<Clock> clock_;
};
}  // namespace cursor_members

// A pool that owns its objects through std::unique_ptr and indexes them by
// reference: the object is handed on to `conns_` before the index refers to
// it. Kept as the local, it would die with the call.
struct PooledConn { int id = 0; };
class ConnPool {
 public:
  PooledConn& open(int id) {
    auto c = std::make_unique<PooledConn>();
    c->id = id;
    PooledConn& conn = *c;
    conns_.push_back(std::move(c));
    by_id_.emplace(id, conn);
    return conn;
  }
  void open_dropped(int id) {
    auto c = std::make_unique<PooledConn>();
    PooledConn& conn = *c;
    by_id_.emplace(id, conn);  // expected-error {{member 'by_id_' keeps a reference into local variable 'c' beyond this call}}
  }
  void open_moved_to_local(int id) {
    auto c = std::make_unique<PooledConn>();
    PooledConn& conn = *c;
    auto kept_here = std::move(c);  // another local: the object dies with it
    by_id_.emplace(id, conn);  // expected-error {{member 'by_id_' keeps a reference into local variable 'c' beyond this call}}
  }

 private:
  std::vector<std::unique_ptr<PooledConn>> conns_;
  std::map<int, std::reference_wrapper<PooledConn>> by_id_;  // expected-note 2 {{'by_id_' is declared here}}
};

// C++ Core Guidelines F.43: a lambda that returns a reference, pointer or
// view into what it captures by reference, handed to a function that keeps
// what calling it returns (in its object, a static, or as its own result
// returned on), lets that reference outlive the local.
class Lender {
 public:
  template <class F> void keep_ref(F get) { ref_ = get(); }
  template <class F> void keep_in_list(F get) { refs_.push_back(get()); }
  template <class F> void keep_view(F get) { view_ = get(); }
  template <class F> void keep_count(F get) { count_ = get(); }  // copies the int
  template <class F> void keep_by_key(int key, F get) { by_key_.emplace(key, get()); }
  template <class F> void fill(F target) { target().push_back(view_); }  // inserts into what it lends
  template <class F> void keep_name_by_key(int key, F get) { names_.emplace(key, get()); }  // copies
  template <class F> int peek(F get) { return get() + 1; }  // uses it during the call
  template <class F> std::string_view peek_view(F get) { return get(); }

  void lends_a_reference() {
    int i = 99;
    keep_ref([&]() -> int& { return i; });  // expected-note {{'i' is captured by reference here}} expected-error {{a lambda that captures 'i' by reference escapes this function (passed to 'Lender::keep_ref', which keeps what calling it returns in its object: stored outside this function), so the reference can outlive 'i'}}
  }
  void lends_into_a_list() {
    int i = 99;
    keep_in_list([&]() -> int& { return i; });  // expected-note {{'i' is captured by reference here}} expected-error {{a lambda that captures 'i' by reference escapes this function (passed to 'Lender::keep_in_list', which keeps what calling it returns in its object}}
  }
  void lends_a_view() {
    std::string s = "local";
    keep_view([&]() -> std::string_view { return s; });  // expected-note {{'s' is captured by reference here}} expected-error {{a lambda that captures 's' by reference escapes this function (passed to 'Lender::keep_view', which keeps what calling it returns in its object}}
  }
  void lends_into_a_map() {
    std::string s = "local";
    keep_by_key(1, [&]() -> std::string_view { return s; });  // expected-note {{'s' is captured by reference here}} expected-error {{a lambda that captures 's' by reference escapes this function (passed to 'Lender::keep_by_key', which keeps what calling it returns in its object}}
    keep_name_by_key(1, [&]() -> std::string_view { return s; });  // a std::string copy is kept
  }
  // Accepted: the callee copies the value or only uses it during the call,
  // the lambda lends a member (this outlives the call), or returns a value.
  int lends_for_the_call() {
    int i = 99;
    keep_count([&]() -> int& { return i; });
    std::string s = "local";
    const std::size_t n = peek_view([&]() -> std::string_view { return s; }).size();
    return peek([&]() -> int& { return i; }) + static_cast<int>(n);
  }
  void lends_a_member() {
    keep_ref([&]() -> int& { return count_; });
    keep_view([this]() -> std::string_view { return name_; });
  }
  void returns_a_value() {
    int i = 99;
    keep_count([&] { return i; });
  }
  void lends_a_container_to_fill() {
    std::vector<std::string_view> local_views;
    fill([&]() -> std::vector<std::string_view>& { return local_views; });
  }
  void returns_a_copy_of_a_view(const std::string& outside) {
    std::string_view local_view = outside;
    keep_view([&]() -> std::string_view { return local_view; });  // views the caller's string
  }

 private:
  int count_ = 0;
  std::string name_ = "lender";
  std::reference_wrapper<int> ref_ = count_;
  std::vector<std::reference_wrapper<int>> refs_;
  std::string_view view_;
  std::map<int, std::string_view> by_key_;
  std::map<int, std::string> names_;
};
template <class F> const int& pass_on(F get) { return get(); }
const int& lent_and_returned() {
  int i = 1;
  return pass_on([&]() -> const int& { return i; });  // expected-note {{'i' is captured by reference here}} expected-error {{a lambda that captures 'i' by reference escapes this function (passed to 'pass_on', which returns what calling it returns: returned), so the reference can outlive 'i'}}
}
int lent_and_copied() {
  int i = 1;
  return pass_on([&]() -> const int& { return i; });  // a copy is returned
}
const int& lent_from_a_parameter(const int& outside) {
  return pass_on([&]() -> const int& { return outside; });  // refers to the caller's object
}

// A method that hands out a part of its own object (CLI11's App::add_option
// returning options_.back().get(), through another add_option): a [this]
// lambda kept there by a member of this object dies with this object.
struct CliOption {
  std::function<void(const std::string&)> each_;
  CliOption* each(std::function<void(const std::string&)> f) {
    each_ = std::move(f);
    return this;
  }
};
CliOption g_shared_option;
struct CliApp {
  std::vector<std::unique_ptr<CliOption>> options_;
  CliOption fixed_;
  CliOption* add_option(const std::string&) {
    options_.emplace_back();
    std::unique_ptr<CliOption>& option = options_.back();
    option = std::make_unique<CliOption>();
    return option.get();
  }
  CliOption* add_option(const std::string& name, std::string& bound) {
    CliOption* opt = add_option(name);
    (void)bound;
    return opt;
  }
  CliOption* fixed() { return &fixed_; }
  CliOption* find(bool b) { return b ? options_.front().get() : nullptr; }
  CliOption* shared() { return &g_shared_option; }
  CliOption* either(bool b) { return b ? &fixed_ : &g_shared_option; }
  CliOption* moved(const std::string& name) {
    CliOption* opt = add_option(name);
    opt = &g_shared_option;
    return opt;
  }
};
class CliFront {
 public:
  CliFront() {
    app_.add_option("--env", env_)->each([this](const std::string& v) { seen_ = v; });
    app_.add_option("--raw")->each([this](const std::string& v) { seen_ = v; });
    app_.fixed()->each([this](const std::string& v) { seen_ = v; });
    app_.find(true)->each([this](const std::string& v) { seen_ = v; });
    app_.shared()->each([this](const std::string& v) { seen_ = v; });  // expected-error {{a lambda that captures 'this' escapes the object}} expected-note {{'this' is captured here}}
    app_.either(true)->each([this](const std::string& v) { seen_ = v; });  // expected-error {{a lambda that captures 'this' escapes the object}} expected-note {{'this' is captured here}}
    app_.moved("--m")->each([this](const std::string& v) { seen_ = v; });  // expected-error {{a lambda that captures 'this' escapes the object}} expected-note {{'this' is captured here}}
  }

 private:
  CliApp app_;
  std::string env_;
  std::string seen_;
};

// A class that writes its own copy constructor and destructor takes part in
// the lifetime of what it points to (boost::signals2::connection through
// boost::weak_ptr, boost::shared_ptr, an intrusive count): no view, like
// std::shared_ptr. A class with pointers and only a destructor still views.
namespace counted_handles {
struct Body {
  int uses = 1;
};
class Handle {
 public:
  explicit Handle(Body& b) : body_(&b) {}
  Handle(const Handle& o) : body_(o.body_) { ++body_->uses; }
  Handle& operator=(const Handle&) = delete;
  ~Handle() { --body_->uses; }

 private:
  Body* body_;
};
struct Guard {
  Body* body;
  ~Guard() { body = nullptr; }
};
struct Signal {
  Body body;
  Handle connect() { return Handle(body); }
  Guard guard() { return Guard{&body}; }
};
class Listener {
 public:
  explicit Listener(Signal& s) : conn_(s.connect()), guard_(s.guard()) {}  // expected-error {{member 'guard_' keeps a reference into parameter 's' beyond this call}}

 private:
  Handle conn_;
  Guard guard_;  // expected-note {{'guard_' is declared here with a reference or view type}}
};
// One that cannot be copied and writes its destructor owns what its
// pointer points to (PEGTL's file_mapper: a size and the mapping it
// unmaps, made from a path it does not keep): no view either.
class Mapping {
 public:
  explicit Mapping(const std::string& path) : size_(path.size()), data_(nullptr) {}
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() { data_ = nullptr; }
  std::size_t size() const { return size_; }

 private:
  std::size_t size_;
  const char* data_;
};
class MappedInput {
 public:
  explicit MappedInput(const std::string& path) : data_(path) {}

 private:
  const Mapping data_;
};
}  // namespace counted_handles

// A lambda made, or a reference stored, in a part of the function that
// never runs (a plain `if`, `?:`, `&&` on a constant that rules it out)
// goes nowhere: not judged. Where the constant lets it run, it is.
namespace never_run {
constexpr bool kTrace = false;
std::function<int()> g_trace;
std::function<int()> traced() {
  int count = 0;
  if (kTrace) g_trace = [&count] { return count; };
  if (kTrace) return [&] { return ++count; };
  return [] { return 0; };
}
std::function<int()> traced_when_on() {
  int count = 0;
  if (!kTrace) g_trace = [&count] { return count; };  // expected-error {{a lambda that captures 'count' by reference escapes this function (stored outside this function)}} expected-note {{'count' is captured by reference here}}
  if (!kTrace) return [&] { return ++count; };  // expected-error {{a lambda that captures 'count' by reference escapes this function (returned)}} expected-note {{'count' is captured by reference here}}
  return [] { return 0; };
}
// The value of `c ? a : b` is either arm's, that of `a, b` is b's: a lambda
// in an arm that can run escapes with it; in the arm the constant rules out,
// it goes nowhere.
bool choose();
void either_arm(bool wide) {
  int count = 0;
  g_trace = wide ? std::function<int()>([&count] { return count; }) : std::function<int()>([] { return 0; });  // expected-error {{a lambda that captures 'count' by reference escapes this function (stored outside this function)}} expected-note {{'count' is captured by reference here}}
}
void arm_that_runs() {
  int count = 0;
  g_trace = !kTrace ? std::function<int()>([&count] { return count; }) : std::function<int()>([] { return 0; });  // expected-error {{a lambda that captures 'count' by reference escapes this function (stored outside this function)}} expected-note {{'count' is captured by reference here}}
}
void arm_that_never_runs() {
  int count = 0;
  g_trace = kTrace ? std::function<int()>([&count] { return count; }) : std::function<int()>([] { return 0; });
}
std::function<int()> returned_arm(bool wide) {
  int count = 0;
  return wide ? std::function<int()>([] { return 0; }) : std::function<int()>([&count] { return count; });  // expected-error {{a lambda that captures 'count' by reference escapes this function (returned)}} expected-note {{'count' is captured by reference here}}
}
void arm_into_local(bool wide) {
  int count = 0;
  auto f = wide ? std::function<int()>([&count] { return count; }) : std::function<int()>([] { return 0; });
  g_trace = f;  // expected-error {{a lambda that captures 'count' by reference escapes this function (stored outside this function)}} expected-note@-1 {{'count' is captured by reference here}}
}
void after_comma() {
  int count = 0;
  g_trace = (choose(), std::function<int()>([&count] { return count; }));  // expected-error {{a lambda that captures 'count' by reference escapes this function (stored outside this function)}} expected-note {{'count' is captured by reference here}}
}
void before_comma() {
  int count = 0;
  g_trace = (std::function<int()>([&count] { return count; })(), std::function<int()>([] { return 0; }));
}
int condition_only() {
  int count = 0;
  return [&count] { return count; }() ? 1 : 0;
}
}  // namespace never_run

// A std member template that only calls the callable it takes keeps nothing
// in its object, though the object outlives what the lambda captures: the
// predicate of a condition variable's wait. One that keeps it (a deleter
// handed to shared_ptr::reset, an element emplaced) stays rejected.
namespace std_member_templates {
int waits(std::size_t rounds) {
  std::mutex mutex;
  std::condition_variable turn;
  std::condition_variable_any any_turn;
  std::size_t next = 0;
  for (std::size_t k = 0; k < rounds; ++k) {
    std::unique_lock lock(mutex);
    turn.wait(lock, [&] { return next == k; });
    any_turn.wait(lock, [&] { return next == k; });
    next = k + 1;
  }
  turn.notify_all();
  return static_cast<int>(next);
}
int keeps(std::shared_ptr<int>& seen) {
  std::shared_ptr<int> held;
  std::vector<std::function<int()>> tasks;
  for (int k = 0; k < 2; ++k) {
    held.reset(seen.get(), [&k](const int*) { ++k; });  // expected-error {{a lambda that captures 'k' by reference escapes this function (stored in 'held', which outlives 'k')}} expected-note {{'k' is captured by reference here}}
    tasks.emplace_back([&k] { return k; });  // expected-error {{a lambda that captures 'k' by reference escapes this function (stored in 'tasks', which outlives 'k')}} expected-note {{'k' is captured by reference here}}
  }
  return tasks.back()();
}
}  // namespace std_member_templates

// A pointer parameter taken by value and copied out (a function pointer, a
// `void* user_data`, into a holder of pointers and numbers, as msgpack's
// unpacker context does) keeps no reference to the parameter itself: the
// copy points where the caller's pointer pointed (a raw pointer member is
// meshwa-raw-pointer's to report). The address of the parameter, or a
// reference (member, constructor parameter, std::ref) bound to it, still
// keeps the parameter and stays rejected.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdangling-field"  // clang's own note on the same near misses
namespace copied_pointer_parameters {
using visit_fn = bool (*)(int type, std::size_t size, void* user_data);
struct Limits { std::size_t depth = 8; };
class UnpackUser {
 public:
  UnpackUser(visit_fn f = nullptr, void* user_data = nullptr) : func_(f), user_data_(user_data) {}
 private:
  bool referenced_ = false;
  visit_fn func_;
  void* user_data_;
};
class UnpackContext {
 public:
  UnpackContext(visit_fn f, void* user_data) : trail_(0), user_(f, user_data) {}
 private:
  unsigned trail_;
  UnpackUser user_;
};
struct Callback { visit_fn fn; int tag; };
class Dispatcher {
 public:
  explicit Dispatcher(visit_fn f) : cb_{f, 1} {}
  void reset(visit_fn f) { cb_ = Callback{f, 2}; }
 private:
  Callback cb_;
};
struct Cursor { const int* at; std::size_t left; };
class Reader {
 public:
  Reader(const int* data, std::size_t n) : cur_{data, n} {}
 private:
  Cursor cur_;
};
struct PointerSlot { int*& slot; };
struct SlotRef {
  explicit SlotRef(int*& p) : slot(p) {}  // expected-error {{member 'slot' keeps a reference into parameter 'p' beyond this call}}
  int*& slot;  // expected-note {{'slot' is declared here}}
};
struct AddressOf { int** where; };
class Near {
 public:
  Near(int* p, int* q, int* r) : slot_{p}, ref_(q), addr_{&r} {}  // expected-error {{member 'slot_' keeps a reference into parameter 'p' beyond this call}} expected-error {{member 'ref_' keeps a reference into parameter 'q' beyond this call}} expected-error {{member 'addr_' keeps a reference into parameter 'r' beyond this call}}
 private:
  PointerSlot slot_;  // expected-note {{'slot_' is declared here}}
  SlotRef ref_;  // expected-note {{'ref_' is declared here}}
  AddressOf addr_;  // expected-note {{'addr_' is declared here}}
};
struct Source { virtual ~Source() = default; virtual int next() = 0; };
class Buffered {
 public:
  explicit Buffered(Source& reader) : reader_{reader} {}  // expected-error {{member 'reader_' keeps a reference into parameter 'reader' beyond this call}}
 private:
  Source& reader_;  // expected-note {{'reader_' is declared here}}
};
class BoundMembers {
 public:
  BoundMembers(int* p, int* q) : slot_(p), wrapped_(std::ref(q)) {}  // expected-error {{member 'slot_' keeps a reference into parameter 'p' beyond this call}} expected-error {{member 'wrapped_' keeps a reference into parameter 'q' beyond this call}}
 private:
  int*& slot_;  // expected-note {{'slot_' is declared here}}
  std::reference_wrapper<int*> wrapped_;  // expected-note {{'wrapped_' is declared here}}
};
}  // namespace copied_pointer_parameters
#pragma clang diagnostic pop
