// meshwa-manual-memory: new/delete, malloc/free, placement new, allocators,
// unique_ptr::release, coroutine_handle::destroy.
#include <coroutine>
#include <cstdlib>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct Widget {
  Widget() = default;
  Widget(int w, std::string n) : weight(w), name(std::move(n)) {}
  int weight = 0;
  std::string name;
};

void rejected(int n) {
  Widget* w = new Widget(1, "a");                 // expected-error {{new allocates memory that must be deleted by hand; use std::make_unique<T>(...) (or std::make_shared, meshwa::make_owned) instead [meshwa-manual-memory]}}
  delete w;                                       // expected-error {{delete frees memory by hand}}
  int* a = new int[n];                            // expected-error {{new[] allocates an array that must be delete[]d by hand; use std::vector<T>(n) instead}}
  delete[] a;                                     // expected-error {{delete frees memory by hand}}
  void* raw = std::malloc(16);                    // expected-error {{malloc manages memory by hand}}
  raw = realloc(raw, 32);                         // expected-error {{realloc manages memory by hand}}
  free(raw);                                      // expected-error {{free manages memory by hand}}
  alignas(Widget) unsigned char storage[sizeof(Widget)];
  Widget* placed = new (storage) Widget();        // expected-error {{placement new constructs an object in raw memory}}
  (void)placed;
  void* block = ::operator new(64);               // expected-error {{calling operator new/delete directly}}
  ::operator delete(block);                       // expected-error {{calling operator new/delete directly}}
  std::allocator<int> alloc;
  int* p = alloc.allocate(4);                     // expected-error {{std::allocator::allocate manages raw memory by hand}}
  alloc.deallocate(p, 4);                         // expected-error {{std::allocator::deallocate manages raw memory by hand}}
  auto owner = std::make_unique<Widget>();
  Widget* leaked = owner.release();               // expected-error {{release() hands the object to a raw pointer}}
  (void)leaked;
}

// Fix-its (applied and recompiled by plugin.fixits.manual-memory): the
// new-expression becomes a std::make_unique / std::make_shared call.
void fixable() {
  auto u = std::unique_ptr<Widget>(new Widget(2, "b")); // expected-error {{new allocates memory}}
  std::unique_ptr<Widget> v(new Widget);                // expected-error {{new allocates memory}}
  std::shared_ptr<Widget> s(new Widget(3, "c"));        // expected-error {{new allocates memory}}
  (void)u; (void)v; (void)s;
}

// An owner written in service code frees by hand as well: a destructor is no
// exemption (the rule cannot check that the class owns correctly: copies,
// moves, handles given out).
class Buffer {
 public:
  explicit Buffer(int n) : data_(new int[n]) {}  // expected-error {{new[] allocates an array}}
  ~Buffer() { delete[] data_; }                   // expected-error {{delete frees memory by hand}}

 private:
  int* data_;
};

// std::coroutine_handle::destroy() frees the coroutine frame by hand: a
// double free when the frame's owner destroys it as well, a use after free
// through any other copy of the handle. Likewise in a hand-written
// generator's destructor, concrete or template.
struct Ticker {
  struct promise_type {
    int current = 0;
    Ticker get_return_object() { return Ticker{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) { current = v; return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  explicit Ticker(std::coroutine_handle<promise_type> h) : handle(h) {}
  Ticker(Ticker&& other) noexcept : handle(std::exchange(other.handle, {})) {}
  ~Ticker() {
    if (handle) handle.destroy();  // expected-error {{std::coroutine_handle::destroy() frees the coroutine frame by hand (a double free when its owner destroys it too, a use after free through any other copy of the handle); let a coroutine type from outside service code own the frame and destroy it in its destructor (a coroutine library's generator or task type; std::generator in C++23) [meshwa-manual-memory]}}
  }
  bool next() {
    handle.resume();
    return !handle.done();
  }
  std::coroutine_handle<promise_type> handle;  // expected-note 2 {{'handle' is declared here: a std::coroutine_handle is a copyable raw pointer to the coroutine frame, and every copy can destroy it}}
};

template <class T>
struct Gen {
  struct promise_type {
    std::optional<T> current;
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T v) { current = std::move(v); return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  explicit Gen(std::coroutine_handle<promise_type> h) : h_(h) {}
  ~Gen() {
    if (h_) h_.destroy();  // expected-error {{std::coroutine_handle::destroy() frees the coroutine frame by hand}}
  }
  std::coroutine_handle<promise_type> h_;  // expected-note {{'h_' is declared here}}
};

Ticker count_to(int n) {
  for (int i = 0; i < n; ++i) co_yield i;
}

void destroy_a_copy(std::coroutine_handle<> erased) {  // expected-note {{'erased' is declared here}}
  Ticker t = count_to(3);
  auto copy = t.handle;  // expected-note {{'copy' is declared here}}
  copy.destroy();        // expected-error {{std::coroutine_handle::destroy() frees the coroutine frame by hand}}
  t.handle.destroy();    // expected-error {{std::coroutine_handle::destroy() frees the coroutine frame by hand}}
  erased.destroy();      // expected-error {{std::coroutine_handle::destroy() frees the coroutine frame by hand}}
}

// Driving a coroutine is not freeing it; the no-op coroutine has nothing to
// free; a service's own destroy() is not the coroutine one.
struct Pool {
  int used = 0;
  void destroy() { used = 0; }
};
int drive(Pool& pool) {
  Ticker t = count_to(3);
  int sum = 0;
  while (t.next()) sum += t.handle.promise().current;
  std::noop_coroutine().destroy();
  pool.destroy();
  return sum;
}

// A service's own function named like a C allocator is not the C one.
void free(Pool& pool) { pool.used = 0; }
void reset(Pool& pool) { free(pool); }

// Still accepted: owners and containers.
std::unique_ptr<Widget> accepted(int n) {
  auto w = std::make_unique<Widget>(1, "a");
  auto s = std::make_shared<Widget>();
  std::vector<Widget> many(static_cast<std::size_t>(n));
  many.emplace_back(2, "b");
  std::string text(10, 'x');
  w->weight = s->weight + static_cast<int>(many.size() + text.size());
  return w;
}
