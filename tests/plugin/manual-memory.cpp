// meshwa-manual-memory: new/delete, malloc/free, placement new, allocators,
// the construct/destroy/uninitialized_* functions (std:: and std::ranges::),
// unique_ptr::release, coroutine_handle::destroy, smart pointers adopting a
// raw pointer, std::default_delete called.
#include <gtest/gtest.h>
#include <algorithm>
#include <coroutine>
#include <array>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <tuple>
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

// An operator new / delete of the program's own (class-specific, or a
// placement form taking an arena) is a hand-made allocator. Deleted, it
// forbids the heap and is accepted.
struct Arena {
  std::vector<unsigned char> bytes;
};
struct Pooled {
  static void* operator new(std::size_t n);              // expected-error {{an operator new of the program's own manages its objects' memory by hand (a pool or arena that nothing bounds-checks and that frees whatever it is handed); let the default allocator do it, and keep many objects in a container (std::vector, std::deque) or a std::pmr container; = delete it to forbid the heap [meshwa-manual-memory]}}
  static void operator delete(void* p) noexcept;         // expected-error {{an operator delete of the program's own}}
  static void* operator new[](std::size_t n, Arena& a);  // expected-error {{an operator new[] of the program's own}}
  int x = 0;
};
void* operator new(std::size_t n, Arena& a);             // expected-error {{an operator new of the program's own}}
struct StackOnly {
  static void* operator new(std::size_t) = delete;
  static void* operator new[](std::size_t) = delete;
  static void operator delete(void*) = delete;
  int x = 0;
};
template <typename T>
struct PooledBox {
  static void* operator new(std::size_t n);              // expected-error {{an operator new of the program's own}}
  T value{};
};
int boxes() {
  StackOnly s;
  PooledBox<int> b;
  PooledBox<long> c;
  return s.x + b.value + static_cast<int>(c.value);
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
  auto u = std::unique_ptr<Widget>(new Widget(2, "b")); // expected-error {{new hands a raw allocation to a std::unique_ptr, which is manual memory all the same (a second owner of the same pointer frees it twice); use std::make_unique<T>(...), which allocates and owns in one step [meshwa-manual-memory]}}
  std::unique_ptr<Widget> v(new Widget);                // expected-error {{new hands a raw allocation to a std::unique_ptr}}
  std::shared_ptr<Widget> s(new Widget(3, "c"));        // expected-error {{new hands a raw allocation to a std::shared_ptr, which is manual memory all the same (a second owner of the same pointer frees it twice); use std::make_shared<T>(...)}}
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

// A std::unique_ptr / std::shared_ptr adopting a raw pointer: the object's
// real owner (another smart pointer, a container, the stack) frees it too.
// Whatever the pointer comes from, and in every form: constructor (array
// forms, with a deleter), reset(p), a temporary, an emplace-style call that
// constructs the smart pointer inside the standard library.
struct Node {
  int x = 1;
  std::unique_ptr<Node> own() {
    return std::unique_ptr<Node>(this);  // expected-error {{constructing a std::unique_ptr from a raw pointer makes it the owner of an object that something else may own already (another smart pointer, a container, the stack): both free it, a double free or a free of memory not from new; create the object with std::make_unique<T>(...), or move the owner (std::unique_ptr<T> b = std::move(a)) [meshwa-manual-memory]}} expected-note {{'this' may be an object on the stack, in a container, in a std::optional or owned already}}
  }
};
struct Registry {
  std::vector<std::shared_ptr<struct Member>> all;
};
struct Member {
  explicit Member(Registry& r) {
    r.all.push_back(std::shared_ptr<Member>(this));  // expected-error {{constructing a std::shared_ptr from a raw pointer makes it the owner of an object that something else may own already (another smart pointer, a container, the stack): both free it, a double free or a free of memory not from new; create the object with std::make_shared<T>(...), or share the owner: copy the std::shared_ptr (std::enable_shared_from_this and shared_from_this() for 'this') [meshwa-manual-memory]}} expected-note {{'this' may be}}
  }
};
class Backup {
 public:
  void backup() {
    copy_.reset(main_.get());  // expected-error {{reset() of a std::unique_ptr to a raw pointer makes it the owner of an object that something else may own already}} expected-note {{get() gives a pointer that its smart pointer still owns and frees}}
  }

 private:
  std::unique_ptr<std::string> main_ = std::make_unique<std::string>(40, 'm');
  std::unique_ptr<std::string> copy_;
};
int* lookup(std::vector<int>& v) { return &v[0]; }
void adopted(std::vector<int>& v, std::array<int, 4>& a, const std::string& s, int n) {
  auto u = std::make_unique<Widget>();
  auto sh = std::make_shared<Widget>();
  std::unique_ptr<Widget> b(u.get());                          // expected-error {{constructing a std::unique_ptr from a raw pointer}} expected-note {{get() gives a pointer}}
  std::unique_ptr<Widget> braced{u.get()};                     // expected-error {{constructing a std::unique_ptr from a raw pointer}} expected-note {{get() gives a pointer}}
  std::shared_ptr<Widget> c(sh.get());                         // expected-error {{constructing a std::shared_ptr from a raw pointer}} expected-note {{get() gives a pointer}}
  std::shared_ptr<Widget>(u.get());                            // expected-error {{constructing a std::shared_ptr from a raw pointer}} expected-note {{get() gives a pointer}}
  std::unique_ptr<int[]> d(v.data());                          // expected-error {{constructing a std::unique_ptr from a raw pointer}} expected-note {{data() gives a pointer into storage that its container or string owns and frees}}
  std::unique_ptr<int[], std::default_delete<int[]>> e(a.data(), std::default_delete<int[]>{});  // expected-error {{constructing a std::unique_ptr from a raw pointer}} expected-note {{data() gives a pointer}}
  std::shared_ptr<const char> f(s.c_str());                    // expected-error {{constructing a std::shared_ptr from a raw pointer}} expected-note {{c_str() gives a pointer}}
  std::shared_ptr<int> g(v.data(), [](int*) {});               // expected-error {{constructing a std::shared_ptr from a raw pointer}} expected-note {{data() gives a pointer}}
  std::unique_ptr<int> h(std::to_address(v.begin() + 2));      // expected-error {{constructing a std::unique_ptr from a raw pointer}} expected-note {{this pointer is not known to be a new object that no one else owns}}
  std::unique_ptr<int> i(lookup(v));                           // expected-error {{constructing a std::unique_ptr from a raw pointer}} expected-note {{this pointer is not known}}
  b.reset(u.get());                                            // expected-error {{reset() of a std::unique_ptr to a raw pointer}} expected-note {{get() gives a pointer}}
  c.reset(sh.get(), [](Widget*) {});                           // expected-error {{reset() of a std::shared_ptr to a raw pointer}} expected-note {{get() gives a pointer}}
  d.reset(v.data() + 1);                                       // expected-error {{reset() of a std::unique_ptr to a raw pointer}} expected-note {{this pointer is not known}}
  switch (n) {
    case 1: c = std::shared_ptr<Widget>(sh.get()); break;      // expected-error {{constructing a std::shared_ptr from a raw pointer}} expected-note {{get() gives a pointer}}
    default: break;
  }
  auto dup = [&u] { return std::unique_ptr<Widget>(u.get()); };  // expected-error {{constructing a std::unique_ptr from a raw pointer}} expected-note {{get() gives a pointer}}
  std::vector<std::unique_ptr<Widget>> owners;
  for (int k = 0; k < n; ++k) owners.emplace_back(u.get());    // expected-error {{emplace_back() constructing a std::unique_ptr from a raw pointer makes it the owner}} expected-note {{get() gives a pointer}}
  std::map<int, std::unique_ptr<Widget>> by_id;
  by_id.try_emplace(1, u.get());                               // expected-error {{try_emplace() constructing a std::unique_ptr from a raw pointer}} expected-note {{get() gives a pointer}}
  by_id.emplace(2, u.get());                                   // expected-error {{emplace() constructing a std::unique_ptr from a raw pointer}} expected-note {{get() gives a pointer}}
  std::optional<std::unique_ptr<Widget>> maybe;
  maybe.emplace(u.get());                                      // expected-error {{emplace() constructing a std::unique_ptr from a raw pointer}} expected-note {{get() gives a pointer}}
  auto boxed = std::make_unique<std::unique_ptr<Widget>>(u.get());  // expected-error {{make_unique() constructing a std::unique_ptr from a raw pointer}} expected-note {{get() gives a pointer}}
  (void)dup; (void)boxed;
}
// In a template pattern: the construction and the reset are not resolved yet.
template <class T>
std::unique_ptr<T> own(T* p) {
  return std::unique_ptr<T>(p);  // expected-error {{constructing a std::unique_ptr from a raw pointer}} expected-note {{this pointer is not known}}
}
template <class T>
struct Keeper {
  std::shared_ptr<T> kept;
  void keep(T* p) {
    std::unique_ptr<T> local(p);  // expected-error {{constructing a std::unique_ptr from a raw pointer}} expected-note {{this pointer is not known}}
    kept.reset(p);                // expected-error {{reset() of a std::shared_ptr to a raw pointer}} expected-note {{this pointer is not known}}
  }
  std::shared_ptr<Keeper> self() {
    return std::shared_ptr<Keeper>(this);  // expected-error {{constructing a std::shared_ptr from a raw pointer}} expected-note {{'this' may be}}
  }
};
// release() of a std::unique_ptr<T> in a template pattern: as without the
// template. release() of anything else dependent (a std::unique_lock<M>, a
// T) and an emptying reset() stay accepted.
template <class T, class M>
struct Releaser {
  std::unique_ptr<T> held;
  std::unique_ptr<T[]> block;
  void leak(std::unique_ptr<T>& p) {
    (void)p.release();  // expected-error {{release() hands the object to a raw pointer that someone must delete by hand; keep it in the std::unique_ptr (std::move it to transfer ownership) [meshwa-manual-memory]}}
  }
  T* give() { return held.release(); }            // expected-error {{release() hands the object to a raw pointer}}
  T* give_block() { return block.release(); }     // expected-error {{release() hands the object to a raw pointer}}
  T* through(std::unique_ptr<T>* p) { return p->release(); }  // expected-error {{release() hands the object to a raw pointer}}
  void fine(std::unique_lock<M>& lock, T& other) {
    (void)lock.release();
    other.release();
    held.reset();
    (void)held.get();
  }
};


// Still accepted: making, moving and copying owners, emptying them, the
// aliasing constructor (it shares the owner's control block and keeps the
// owner alive), shared_from_this, containers of owners filled by moves.
struct Shared : std::enable_shared_from_this<Shared> {
  std::vector<int> items = std::vector<int>(4);
  std::shared_ptr<Shared> share() { return shared_from_this(); }
};
std::shared_ptr<int> owners_ok(std::vector<std::unique_ptr<Widget>>& owners) {
  auto u = std::make_unique<Widget>();
  std::unique_ptr<Widget> moved = std::move(u);
  u = std::make_unique<Widget>(*moved);
  std::unique_ptr<Widget> empty(nullptr);
  std::unique_ptr<int[]> no_array(nullptr);
  std::shared_ptr<Widget> no_shared(nullptr);
  auto sh = std::make_shared<Shared>();
  std::shared_ptr<Shared> copy = sh;
  std::shared_ptr<Shared> from_unique(std::make_unique<Shared>());
  moved.reset();
  u.reset(nullptr);
  copy = nullptr;
  no_array.reset();
  owners.emplace_back(std::move(u));
  owners.emplace_back(std::make_unique<Widget>());
  owners.emplace_back(nullptr);
  owners.emplace_back();
  std::optional<std::unique_ptr<Widget>> maybe;
  maybe.emplace(std::make_unique<Widget>());
  std::vector<int*> borrowed;
  borrowed.emplace_back(sh->items.data());
  std::shared_ptr<Shared> again = sh->share();
  return std::shared_ptr<int>(sh, sh->items.data());  // aliasing: shares sh's ownership
}

// std::default_delete called is delete by another name.
void deleted_by_hand(std::unique_ptr<Widget>& owner) {
  std::default_delete<Widget>{}(owner.get());  // expected-error {{calling a std::default_delete is delete under another name: it frees the object by hand while its owner still holds it (a double free, use after free); let the owner free it (reset() or destroy the std::unique_ptr, erase it from its container) [meshwa-manual-memory]}}
  owner.get_deleter()(owner.get());            // expected-error {{calling a std::default_delete is delete under another name}}
  std::default_delete<Widget> d;
  d(owner.get());                              // expected-error {{calling a std::default_delete is delete under another name}}
  std::vector<Widget*> many;
  std::ranges::for_each(many, std::default_delete<Widget>());  // expected-error {{a std::default_delete passed on is called on pointers: delete under another name}}
}

// The smart pointer element of a std::optional / std::pair / std::tuple
// constructed from a raw pointer inside the standard library.
void wrapped(std::unique_ptr<Widget>& owner, int* loose) {
  std::optional<std::unique_ptr<Widget>> o(std::in_place, owner.get());  // expected-error {{constructing a std::optional whose std::unique_ptr is made from a raw pointer makes it the owner}} expected-note {{get() gives a pointer}}
  std::pair<int, std::unique_ptr<Widget>> entry(1, owner.get());         // expected-error {{constructing a std::pair whose std::unique_ptr is made from a raw pointer}} expected-note {{get() gives a pointer}}
  std::tuple<std::shared_ptr<Widget>> t(owner.get());                    // expected-error {{constructing a std::tuple whose std::shared_ptr is made from a raw pointer}} expected-note {{get() gives a pointer}}
  std::pair<int*, std::unique_ptr<Widget>> borrowed(loose, std::make_unique<Widget>());  // the pointer makes the int*
  std::optional<std::unique_ptr<Widget>> moved(std::in_place, std::move(owner));
  (void)o; (void)entry; (void)t; (void)borrowed; (void)moved;
}

// std::pmr's raw-memory calls and the temporary-buffer API: the pmr twins of
// std::allocator::deallocate (a double free of a vector's buffer here).
#include <memory_resource>
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"  // get/return_temporary_buffer are deprecated in C++17
void pmr_by_hand(std::vector<int>& v, std::vector<std::string>& s, std::pmr::monotonic_buffer_resource& mono) {
  std::pmr::new_delete_resource()->deallocate(v.data(), 4 * sizeof(int), alignof(int));  // expected-error {{std::pmr::memory_resource::deallocate manages raw memory by hand; use a container instead (std::vector<T>, or a std::pmr container on the default resource, std::pmr::vector<T> v;, which allocates and frees through the resource itself; handing it &resource is what meshwa-raw-pointer rejects, since the container may outlive the resource) [meshwa-manual-memory]}}
  (void)std::pmr::get_default_resource()->allocate(64);                                   // expected-error {{std::pmr::memory_resource::allocate manages raw memory by hand}}
  (void)mono.allocate(64);                                                                 // expected-error {{std::pmr::memory_resource::allocate manages raw memory by hand}}
  std::pmr::polymorphic_allocator<int>{}.deallocate(v.data(), 4);                          // expected-error {{std::pmr::polymorphic_allocator::deallocate manages raw memory by hand}}
  std::pmr::polymorphic_allocator<std::string>{}.destroy(s.data());                        // expected-error {{std::pmr::polymorphic_allocator::destroy manages raw memory by hand}}
  std::pmr::polymorphic_allocator<> a;
  a.delete_object(a.new_object<int>(3));         // expected-error {{std::pmr::polymorphic_allocator::delete_object manages raw memory by hand}} expected-error {{std::pmr::polymorphic_allocator::new_object manages raw memory by hand}}
  a.deallocate_bytes(a.allocate_bytes(16), 16);  // expected-error {{std::pmr::polymorphic_allocator::deallocate_bytes manages}} expected-error {{std::pmr::polymorphic_allocator::allocate_bytes manages}}
  std::return_temporary_buffer(v.data());        // expected-error {{std::return_temporary_buffer manages raw memory by hand (return_temporary_buffer frees whatever pointer it is given); use a container instead [meshwa-manual-memory]}}
  (void)std::get_temporary_buffer<int>(8);       // expected-error {{std::get_temporary_buffer manages raw memory by hand}}
}
#pragma clang diagnostic pop

// Still accepted: pmr containers allocate and free through their resource.
std::size_t pmr_containers() {
  std::pmr::monotonic_buffer_resource mono;
  std::pmr::vector<int> v{&mono};
  v.push_back(1);
  std::pmr::unsynchronized_pool_resource pool;
  std::pmr::string text("a long enough string to leave the small buffer", &pool);
  std::pmr::vector<std::pmr::string> names{std::pmr::polymorphic_allocator<std::pmr::string>(&pool)};
  names.emplace_back("x");
  return v.size() + text.size() + names.size();
}

// std::unique_ptr<Base> owning a Derived, Base without a virtual destructor:
// default_delete<Base> deletes the Derived through a Base*.
struct FirstPart {
  int a = 0;
};
struct NonVirtualBase {  // expected-note 8 {{'NonVirtualBase' declared here, without a virtual destructor}}
  int b = 0;
  ~NonVirtualBase() {}
};
struct TwoBases : FirstPart, NonVirtualBase {
  std::string s = "not destroyed through the base";
};
struct VirtualBase {
  virtual ~VirtualBase() = default;
};
struct ViaVirtual : VirtualBase {
  int c = 0;
};
struct StillVirtual : ViaVirtual {  // inherits the virtual destructor
  int d = 0;
};
void take_base(std::unique_ptr<NonVirtualBase> p);
std::unique_ptr<NonVirtualBase> made_here() {
  return std::make_unique<TwoBases>();                 // expected-error {{std::unique_ptr<NonVirtualBase> takes ownership of a 'TwoBases', but 'NonVirtualBase' has no virtual destructor: its std::default_delete deletes the 'TwoBases' through a 'NonVirtualBase*' (undefined behaviour: ~TwoBases does not run, and operator delete may get a pointer into the middle of the object); give 'NonVirtualBase' a virtual destructor, or keep a std::unique_ptr<TwoBases> [meshwa-manual-memory]}}
}
std::unique_ptr<NonVirtualBase> named_local() {
  auto d = std::make_unique<TwoBases>();
  return d;                                            // expected-error {{std::unique_ptr<NonVirtualBase> takes ownership of a 'TwoBases'}}
}
void upcasts(std::vector<std::unique_ptr<NonVirtualBase>>& v, std::map<int, std::unique_ptr<NonVirtualBase>>& m) {
  std::unique_ptr<NonVirtualBase> p = std::make_unique<TwoBases>();  // expected-error {{std::unique_ptr<NonVirtualBase> takes ownership of a 'TwoBases'}}
  p = std::make_unique<TwoBases>();                    // expected-error {{std::unique_ptr<NonVirtualBase> takes ownership of a 'TwoBases'}}
  take_base(std::make_unique<TwoBases>());             // expected-error {{std::unique_ptr<NonVirtualBase> takes ownership of a 'TwoBases'}}
  v.push_back(std::make_unique<TwoBases>());           // expected-error {{std::unique_ptr<NonVirtualBase> takes ownership of a 'TwoBases'}}
  v.emplace_back(std::make_unique<TwoBases>());        // expected-error {{std::unique_ptr<NonVirtualBase> takes ownership of a 'TwoBases'}}
  m.try_emplace(1, std::make_unique<TwoBases>());      // expected-error {{std::unique_ptr<NonVirtualBase> takes ownership of a 'TwoBases'}}
}

// Still accepted: a virtual destructor (declared or inherited), the same
// type, and std::shared_ptr, which keeps the deleter of what it was made from.
std::unique_ptr<VirtualBase> virtual_ok() {
  std::unique_ptr<VirtualBase> p = std::make_unique<ViaVirtual>();
  p = std::make_unique<StillVirtual>();
  return std::make_unique<StillVirtual>();
}
void same_type_and_shared(std::vector<std::unique_ptr<TwoBases>>& v) {
  std::unique_ptr<NonVirtualBase> same = std::make_unique<NonVirtualBase>();
  v.push_back(std::make_unique<TwoBases>());
  std::shared_ptr<NonVirtualBase> s1 = std::make_shared<TwoBases>();
  std::shared_ptr<NonVirtualBase> s2 = std::shared_ptr<TwoBases>(std::make_shared<TwoBases>());
  std::shared_ptr<NonVirtualBase> s3 = std::make_unique<TwoBases>();
  same = std::move(same);
  (void)s1; (void)s2; (void)s3;
}

// The factory idiom with a private (or protected) constructor: std::make_unique
// cannot call it, so the remedy is the passkey idiom, and there is no fix-it.
class Factory {
 public:
  static std::unique_ptr<Factory> create(int n) {
    return std::unique_ptr<Factory>(new Factory(n));  // expected-error {{new allocates memory that must be deleted by hand, and std::make_unique cannot call the protected constructor of 'Factory'; make that constructor public but callable only with a private passkey (struct Key { explicit Key() = default; }; Factory(Key, ...)), and create the object with std::make_unique<Factory>(Key{}, ...) [meshwa-manual-memory]}}
  }

 protected:
  explicit Factory(int n) : n_(n) {}
  Factory() = default;

 private:
  int n_ = 0;
};
class SharedFactory {
 public:
  static std::shared_ptr<SharedFactory> create() { return std::shared_ptr<SharedFactory>(new SharedFactory()); }  // expected-error {{std::make_unique cannot call the private constructor of 'SharedFactory'}}

 private:
  SharedFactory() = default;
};
// A public constructor keeps the usual remedy.
struct Open {
  explicit Open(int) {}
};
std::unique_ptr<Open> make_open() { return std::unique_ptr<Open>(new Open(1)); }  // expected-error {{new hands a raw allocation to a std::unique_ptr}}
// In a template the same forms get the same remedy: the smart pointer is
// only spelled there (std::unique_ptr<T>), not yet a class.
template <class T>
std::unique_ptr<T> make_in_template(int n) {
  return std::unique_ptr<T>(new T(n));  // expected-error {{new hands a raw allocation to a std::unique_ptr, which is manual memory all the same (a second owner of the same pointer frees it twice); use std::make_unique<T>(...), which allocates and owns in one step [meshwa-manual-memory]}}
}
template <class T>
void hold_in_template(int n) {
  std::unique_ptr<T> p(new T(n));  // expected-error {{new hands a raw allocation to a std::unique_ptr}}
  std::shared_ptr<T> s(new T(n));  // expected-error {{new hands a raw allocation to a std::shared_ptr, which is manual memory all the same (a second owner of the same pointer frees it twice); use std::make_shared<T>(...)}}
  std::unique_ptr<T> q;
  q.reset(new T(n));  // expected-error {{new hands a raw allocation to a std::unique_ptr}}
  T* kept = new T(n);  // expected-error {{new allocates memory that must be deleted by hand}}
  (void)kept;
}
void use_templates() {
  make_in_template<Open>(1);
  hold_in_template<Open>(1);
}

// GoogleTest's registration functions take ownership of what new made and
// take only a raw pointer: a new-expression handed straight to them is
// accepted. Anything else done with new stays rejected.
class GlobalEnv : public ::testing::Environment {};
class QuietListener : public ::testing::EmptyTestEventListener {};
void register_test_helpers() {
  ::testing::AddGlobalTestEnvironment(new GlobalEnv);
  ::testing::UnitTest::GetInstance()->listeners().Append(new QuietListener);
  GlobalEnv* kept = new GlobalEnv;  // expected-error {{new allocates memory that must be deleted by hand}}
  ::testing::AddGlobalTestEnvironment(kept);
}
