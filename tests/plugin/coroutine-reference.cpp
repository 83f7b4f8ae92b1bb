// meshwa-coroutine-reference: references a coroutine keeps past its first
// suspension (reference and view parameters, a coroutine lambda's captures).
#include <coroutine>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "meshwa/context.hpp"

// A minimal lazy task: suspends at once, runs on resume().
struct Task {
  struct promise_type {
    Task get_return_object() { return Task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> handle;
};

void consume(std::string_view text);

// Rejected: the frame keeps the reference; `count_later(std::string("x"))`
// resumes after the temporary is gone.
Task count_later(const std::string& text) {     // expected-error {{coroutine parameter 'text' of type 'const std::string &' refers to the caller's data, and the coroutine keeps it in its frame past the first suspension, when that data may be gone (a temporary argument dies at the end of the call's full expression); take it by value (std::string), so that the frame holds its own copy [meshwa-coroutine-reference]}} expected-note@+1 {{this makes 'count_later' a coroutine}}
  co_await std::suspend_always{};
  consume(text);
}
Task take_moved(std::string&& text) {           // expected-error {{coroutine parameter 'text' of type 'std::string &&' refers to the caller's data}} expected-note@+2 {{this makes 'take_moved' a coroutine}}
  consume(text);
  co_return;
}
Task scan(std::string_view text) {              // expected-error {{coroutine parameter 'text' of type 'std::string_view' refers to the caller's data, and the coroutine keeps it in its frame past the first suspension, when that data may be gone (a temporary argument dies at the end of the call's full expression); take an owning value (std::string for a std::string_view, std::vector for a std::span), so that the frame holds its own copy [meshwa-coroutine-reference]}} expected-note@+1 {{this makes 'scan' a coroutine}}
  co_await std::suspend_always{};
  consume(text);
}
Task sum(std::span<const int> values) {         // expected-error {{coroutine parameter 'values' of type 'std::span<const int>' refers to the caller's data}} expected-note@+1 {{this makes 'sum' a coroutine}}
  co_await std::suspend_always{};
  int total = 0;
  for (int v : values) total += v;
  (void)total;
}
template <class T>
Task show(const T& value) {                     // expected-error {{coroutine parameter 'value' of type 'const T &' refers to the caller's data}} expected-note@+1 {{this makes 'show' a coroutine}}
  co_await std::suspend_always{};
  (void)value;
}

// A parameter taken by value as a template parameter is judged in each
// instantiation: a view there is kept in the frame as any view is. Reported
// once, at the parameter, with a note naming the instantiation.
template <class Range>
Task each(Range values) {                       // expected-error {{coroutine parameter 'values' of type 'std::span<const int>' refers to the caller's data}} expected-note@+1 {{this makes 'each' a coroutine}}
  co_await std::suspend_always{};
  for (int v : values) (void)v;
}
template <class... Parts>
Task join(int sep, Parts... parts) {            // expected-error {{coroutine parameter 'parts' of type 'std::basic_string_view<char>' refers to the caller's data}} expected-note@+1 {{this makes 'join' a coroutine}}
  co_await std::suspend_always{};
  std::string out;
  ((out += parts, out += static_cast<char>(sep)), ...);
}
template <class T>
struct Pipe {
  Task push(T item) {                           // expected-error {{coroutine parameter 'item' of type 'std::basic_string_view<char>' refers to the caller's data}} expected-note@+1 {{this makes 'push' a coroutine}}
    co_await std::suspend_always{};
    (void)item;
  }
};
void start_pipes() {
  Pipe<std::string> owned;
  owned.push("copied");
  Pipe<std::string_view> viewed;
  viewed.push("kept");                          // expected-note {{in the instantiation with T = std::basic_string_view<char>}}
}
void start_generic(const std::vector<int>& values) {
  each(std::span<const int>(values));           // expected-note {{in the instantiation with Range = std::span<const int>}}
  each(std::vector<int>{1, 2});                 // a copy: accepted
  each(values);                                 // Range = std::vector<int>, a copy too
  join(',', std::string("a"), std::string("b"));
  join(',', std::string("a"), std::string_view("b"));  // expected-note {{in the instantiation with Parts = <std::basic_string<char>, std::basic_string_view<char>>}}
  auto generic = [](auto text) -> Task {        // expected-error {{coroutine parameter 'text' of type 'std::basic_string_view<char>' refers to the caller's data}} expected-note@+1 {{this makes 'operator()' a coroutine}}
    co_await std::suspend_always{};
    consume(text);
  };
  generic(std::string("owned"));
  generic(std::string_view("view"));            // expected-note {{in the instantiation with}}
}
// A member of a class nested in a class template, and a lambda in a
// function template, are judged in each instance of the template around
// them too.
template <class T>
struct Stages {
  struct Stage {
    Task push(T item) {                         // expected-error {{coroutine parameter 'item' of type 'std::basic_string_view<char>' refers to the caller's data}} expected-note@+1 {{this makes 'push' a coroutine}}
      co_await std::suspend_always{};
      (void)item;
    }
  };
};
template <class T>
void spawn(T value) {
  auto run = [](T v) -> Task {                  // expected-error {{coroutine parameter 'v' of type 'std::basic_string_view<char>' refers to the caller's data}} expected-note@+1 {{this makes 'operator()' a coroutine}}
    co_await std::suspend_always{};
    (void)v;
  };
  run(value);
}
void start_nested() {
  Stages<std::string>::Stage{}.push("copied");
  Stages<std::string_view>::Stage{}.push("kept");  // expected-note {{in the instantiation with T = std::basic_string_view<char>}}
  spawn(std::string("owned"));
  spawn(std::string_view("view"));              // expected-note {{in the instantiation with T = std::basic_string_view<char>}}
}

struct Worker {
  int jobs = 0;
  Task run(int n) {                             // a member coroutine: its parameters by value are fine
    co_await std::suspend_always{};
    jobs += n;
  }
};

// A coroutine lambda's captures live in the lambda object, not the frame.
void start() {
  int limit = 3;
  std::string name = "job";
  Task a = [limit]() -> Task {                  // expected-error {{a coroutine lambda's capture 'limit' lives in the lambda object, not in the coroutine frame, and is gone once the lambda is (a temporary lambda dies at the end of the full expression that calls it) while the coroutine may still run; pass the value as a parameter instead (by value), or make the coroutine a named function [meshwa-coroutine-reference]}}
    co_await std::suspend_always{};
    (void)limit;
  }();
  Task b = [&]() -> Task {
    co_await std::suspend_always{};
    consume(name);                              // expected-error {{a coroutine lambda's capture 'name' lives in the lambda object}}
  }();
  // Accepted: the value passed as a parameter, by value.
  Task c = [](std::string owned) -> Task {
    co_await std::suspend_always{};
    consume(owned);
  }(name);
  (void)a;
  (void)b;
  (void)c;
}

struct Owner {
  int state = 0;
  Task tick() {
    return [this]() -> Task {                   // expected-error {{a coroutine lambda's capture 'this' lives in the lambda object}}
      co_await std::suspend_always{};
      ++state;
    }();
  }
};

// Accepted: parameters the frame owns, and references in functions that are
// no coroutines (and lambdas that are none).
Task owns(std::string text, std::vector<int> values, int n) {
  co_await std::suspend_always{};
  consume(text);
  (void)values;
  (void)n;
}
Task with_context(meshwa::Context& ctx, int n) {  // the runtime's, not the caller's
  co_await std::suspend_always{};
  (void)ctx;
  (void)n;
}
int length(const std::string& text) { return static_cast<int>(text.size()); }
int not_a_coroutine(const std::vector<int>& v) {
  auto count = [&v] { return static_cast<int>(v.size()); };
  return count();
}
Task forwards(std::string text) { return owns(std::move(text), {}, 1); }  // returns a task, is none itself
