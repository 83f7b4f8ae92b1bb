// meshwa-manual-memory: new/delete, malloc/free, placement new, allocators,
// unique_ptr::release.
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
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

// A service's own function named like a C allocator is not the C one.
struct Pool {
  int used = 0;
};
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
