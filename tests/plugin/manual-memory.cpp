// meshwa-manual-memory: new/delete, malloc/free, placement new, allocators,
// the construct/destroy/uninitialized_* functions (std:: and std::ranges::),
// unique_ptr::release, coroutine_handle::destroy.
#include <algorithm>
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

// Object lifetimes ended or started by hand: destroying a live element of a
// container (which destroys it again: a double free), constructing into
// memory that already holds one, under std:: and std::ranges:: names, and
// operator new/delete under their builtin names.
void lifetimes(std::vector<std::string>& live, const std::vector<std::string>& from, std::optional<std::string>& o) {
  std::destroy_at(&live[0]);                                  // expected-error {{std::destroy_at constructs or destroys objects in raw memory by hand; use a container, std::optional or std::variant instead [meshwa-manual-memory]}}
  std::destroy(live.begin(), live.end());                     // expected-error {{std::destroy constructs or destroys objects in raw memory}}
  std::destroy_n(live.begin(), 1);                            // expected-error {{std::destroy_n constructs or destroys objects}}
  std::uninitialized_copy(from.begin(), from.end(), live.begin());  // expected-error {{std::uninitialized_copy constructs or destroys objects}}
  std::construct_at(&*o, "x");                                // expected-error {{std::construct_at constructs or destroys objects}}
  std::ranges::destroy(live);                                 // expected-error {{std::ranges::destroy constructs or destroys objects in raw memory by hand; use a container, std::optional or std::variant instead [meshwa-manual-memory]}}
  std::ranges::destroy_at(&*o);                               // expected-error {{std::ranges::destroy_at constructs or destroys objects}}
  std::ranges::destroy_n(live.begin(), 1);                    // expected-error {{std::ranges::destroy_n constructs or destroys objects}}
  std::ranges::construct_at(&*o, "y");                        // expected-error {{std::ranges::construct_at constructs or destroys objects}}
  std::ranges::uninitialized_copy(from, live);                // expected-error {{std::ranges::uninitialized_copy constructs or destroys objects}}
  std::ranges::uninitialized_fill(live, std::string("z"));    // expected-error {{std::ranges::uninitialized_fill constructs or destroys objects}}
  std::vector<std::string*> many;
  std::ranges::for_each(many, std::ranges::destroy_at);       // expected-error {{std::ranges::destroy_at constructs or destroys objects}}
  __builtin_operator_delete(__builtin_operator_new(16));      // expected-error {{__builtin_operator_delete is operator delete under a builtin's name: it manages raw memory by hand; use a container or std::make_unique instead [meshwa-manual-memory]}} expected-error {{__builtin_operator_new is operator new under a builtin's name}}
  std::allocator<std::string> alloc;
  using Traits = std::allocator_traits<std::allocator<std::string>>;
  std::string* slot = Traits::allocate(alloc, 1);             // expected-error {{std::allocator_traits::allocate manages raw memory by hand}}
  Traits::construct(alloc, slot, "w");                        // expected-error {{std::allocator_traits::construct manages raw memory by hand}}
  Traits::destroy(alloc, slot);                               // expected-error {{std::allocator_traits::destroy manages raw memory by hand}}
  Traits::deallocate(alloc, slot, 1);                         // expected-error {{std::allocator_traits::deallocate manages raw memory by hand}}
}

// Still accepted: the algorithms that assign to live objects, and the
// containers' own construction and destruction.
void assigns(std::vector<std::string>& live, const std::vector<std::string>& from, std::optional<std::string>& o) {
  std::copy(from.begin(), from.end(), live.begin());
  std::fill(live.begin(), live.end(), std::string("x"));
  std::ranges::copy(from, live.begin());
  std::ranges::fill(live, std::string("y"));
  live.clear();
  live.emplace_back("z");
  o.reset();
  o.emplace("w");
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
    if (handle) handle.destroy();  // expected-error {{std::coroutine_handle::destroy() frees the coroutine frame by hand (a double free when its owner destroys it too, a use after free through any other copy of the handle); let a coroutine type defined outside service code (in a library built without the plugin) own the frame and destroy it in its destructor, or mark this coroutine type MESHWA_UNSAFE("reason") [meshwa-manual-memory]}}
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

// A destructor called by hand: the owner destroys the object again.
std::size_t destroyed_twice(std::vector<std::string>& v) {
  if (!v.empty()) v.front().~basic_string();  // expected-error {{calling a destructor by hand ends the object's life while its owner (the scope, the container, the smart pointer) still holds it and destroys it again (a double free); give it a new value instead (x = T{}, v.clear(), opt.reset(), v.erase(it)) [meshwa-manual-memory]}}
  std::string s(100, 'x');
  s.~basic_string();  // expected-error {{calling a destructor by hand}}
  return s.size();
}
template <class T>
void end_life(T& t) {
  t.~T();  // expected-error {{calling a destructor by hand}}
}
// Still accepted: a new value instead of an ended life; a class's own
// destructor declared, defaulted and run by its owner.
struct Holder {
  ~Holder() = default;
  std::string text;
};
void renew(std::vector<std::string>& v, Holder& h) {
  if (!v.empty()) v.front() = std::string{};
  h.text.clear();
  v.clear();
}
