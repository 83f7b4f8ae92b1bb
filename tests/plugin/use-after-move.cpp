// meshwa-use-after-move: a moved-from meshwa::Owned is empty; using it again
// is rejected at compile time.
#include <concepts>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <meshwa/meshwa.hpp>

struct MESHWA_MESSAGE Doc {
  std::string text;
};

void consume(meshwa::Owned<Doc> d);
void consume_two(meshwa::Owned<Doc> a, int n);
int peek(const meshwa::Owned<Doc>& d);
bool ready();

void straight_line() {
  auto doc = meshwa::make_owned<Doc>();
  consume(std::move(doc));  // expected-note {{'doc' was moved from here}}
  doc->text = "again";      // expected-error {{'doc' is used after it was moved from; a moved-from meshwa::Owned is empty (using it throws meshwa::EmptyHandle): give it a new value first (doc = meshwa::make_owned<T>(...)), or move it only at its last use [meshwa-use-after-move]}}
}

void moved_twice(meshwa::Owned<Doc> doc) {
  consume(std::move(doc));  // expected-note {{'doc' was moved from here}}
  consume(std::move(doc));  // expected-error {{'doc' is moved again after it was already moved from}}
}

void into_a_local(meshwa::Owned<Doc> doc) {
  meshwa::Owned<Doc> other = std::move(doc);  // expected-note {{'doc' was moved from here}}
  (void)peek(doc);  // expected-error {{'doc' is used after it was moved from}}
}

void on_one_branch(meshwa::Owned<Doc> doc) {
  if (ready()) {
    consume(std::move(doc));  // expected-note {{'doc' was moved from here}}
  }
  doc->text.clear();  // expected-error {{'doc' is used after it was moved from}}
}

void in_a_loop(meshwa::Owned<Doc> doc) {
  for (int i = 0; i < 3; ++i) {
    consume(std::move(doc));  // expected-error {{'doc' is moved again}} expected-note {{'doc' was moved from here}}
  }
}

void while_loop(meshwa::Owned<Doc> doc, std::vector<meshwa::Owned<Doc>>& out) {
  while (ready()) {
    doc->text += "x";           // expected-error {{'doc' is used after it was moved from}}
    out.push_back(std::move(doc));  // expected-note {{'doc' was moved from here, in an earlier iteration of the loop}}
  }
}

void same_call(meshwa::Owned<Doc> doc) {
  consume_two(std::move(doc), peek(doc));  // expected-error {{'doc' is used in the same call that moves it}} expected-note {{'doc' was moved from here}}
}

// A move into a by-value parameter of a constructor, or into a call nested in
// another argument, empties the handle before the other arguments may be read;
// a move into a reference parameter empties it when the call runs.
void same_construction(meshwa::Owned<Doc> doc) {
  struct Pair {
    Pair(int, meshwa::Owned<Doc>) {}
  };
  Pair pair(peek(doc), std::move(doc));  // expected-error {{'doc' is used in the same call that moves it}} expected-note {{'doc' was moved from here}}
}

void take_later(meshwa::Owned<Doc>&& d, int n);
int size_of(meshwa::Owned<Doc>&& d);
int both(int a, int b);
int length(meshwa::Owned<Doc> d);
void into_a_nested_call(meshwa::Owned<Doc> doc) {
  (void)both(peek(doc), size_of(std::move(doc)));  // expected-error {{'doc' is used in the same call that moves it}} expected-note {{'doc' was moved from here}}
}
void into_a_nested_call_by_value(meshwa::Owned<Doc> doc) {
  (void)both(length(std::move(doc)), peek(doc));  // expected-error {{'doc' is used in the same call that moves it}} expected-note {{'doc' was moved from here}}
}

void reference_parameter_then_use(meshwa::Owned<Doc> doc) {
  take_later(std::move(doc), peek(doc));
  (void)peek(doc);  // expected-error {{'doc' is used after it was moved from}} expected-note@-1 {{'doc' was moved from here}}
}

// Still accepted: the other arguments of a call whose reference parameter
// receives the move are all evaluated before the callee can empty it; a
// self-move leaves the handle as it was.
void reference_parameter(meshwa::Owned<Doc> doc) { take_later(std::move(doc), peek(doc)); }
void reference_parameter_first(meshwa::Owned<Doc> doc) { take_later(std::move(doc), static_cast<int>(doc->text.size())); }
void emplaced_under_its_size(meshwa::Owned<Doc> doc, std::map<std::size_t, meshwa::Owned<Doc>>& out) {
  out.emplace(doc->text.size(), std::move(doc));
}
void stored_at_its_size(meshwa::Owned<Doc> doc, std::vector<meshwa::Owned<Doc>>& out) {
  out.at(doc->text.size() % out.size()) = std::move(doc);
}
struct Named {
  int size;
  meshwa::Owned<Doc> doc;
};
Named braced_left_to_right(meshwa::Owned<Doc> doc) { return Named{peek(doc), std::move(doc)}; }
void streamed_left_to_right(meshwa::Owned<Doc> doc, std::ostream& out) { out << peek(doc) << length(std::move(doc)); }
void summed_in_any_order(meshwa::Owned<Doc> doc, std::vector<int>& sizes) {
  (void)((sizes.push_back(peek(doc)), 0) + length(std::move(doc)));  // expected-error {{'doc' is used in the same call that moves it}} expected-note {{'doc' was moved from here}}
}
void self_move(meshwa::Owned<Doc> doc) {
  doc = std::move(doc);
  doc->text = "kept";
}

struct Holder {
  explicit Holder(meshwa::Owned<Doc> d) : doc_(std::move(d)), size_(d->text.size()) {}  // expected-error {{'d' is used after it was moved from}} expected-note {{'d' was moved from here}}
  meshwa::Owned<Doc> doc_;
  std::size_t size_;
};

// Still accepted.
void reassigned(meshwa::Owned<Doc> doc) {
  consume(std::move(doc));
  doc = meshwa::make_owned<Doc>();  // a new value: fine again
  doc->text = "fresh";
  consume(std::move(doc));
}

void emptiness_is_testable(meshwa::Owned<Doc> doc) {
  consume(std::move(doc));
  if (!doc.has_value()) doc = meshwa::make_owned<Doc>();
  if (doc) doc->text = "ok";
}

void fresh_each_iteration() {
  for (int i = 0; i < 3; ++i) {
    auto doc = meshwa::make_owned<Doc>();
    doc->text = "n";
    consume(std::move(doc));
  }
}

void moved_on_other_branch(meshwa::Owned<Doc> doc) {
  if (ready()) {
    consume(std::move(doc));
  } else {
    doc->text = "kept";
  }
}

void loop_with_break(meshwa::Owned<Doc> doc) {
  while (ready()) {
    if (doc->text.empty()) {
      consume(std::move(doc));
      break;
    }
  }
}

void member_call_on_moved_argument(meshwa::Owned<Doc> doc, std::vector<meshwa::Owned<Doc>>& out) {
  out.push_back(std::move(doc));
  return;
}

// std::unique_ptr's moved-from state is specified (null): using it is fine,
// testing it and giving it a value too.
void unique_ptr_is_fine(std::unique_ptr<Doc> p) {
  std::unique_ptr<Doc> q = std::move(p);
  if (p == nullptr) p = std::make_unique<Doc>();
}
// But a local std::unique_ptr / std::shared_ptr dereferenced while it is empty
// on every path (moved into another smart pointer, reset(), = nullptr,
// release(), declared empty) is a null pointer dereference (CWE-476).
void take_unique(std::unique_ptr<Doc> d);
std::size_t smart_pointer_dereferenced_empty() {
  auto a = std::make_unique<Doc>();
  auto b = std::move(a);  // expected-note {{'a' was moved from here}}
  std::size_t n = a->text.size() + b->text.size();  // expected-error {{'a' is dereferenced while it is empty on every path that reaches here, a null pointer dereference; give it a value first (a = std::make_unique<T>(...)), or test it (if (a)) before using it [meshwa-use-after-move]}}
  std::unique_ptr<Doc> none;  // expected-note {{'none' is declared empty here}}
  if (ready()) {
    n += none->text.size();  // expected-error {{'none' is dereferenced while it is empty}}
  }
  std::shared_ptr<Doc> shared = std::make_shared<Doc>();
  shared.reset();  // expected-note {{'shared' was left empty here}}
  n += (*shared).text.size();  // expected-error {{'shared' is dereferenced while it is empty}}
  auto c = std::make_unique<Doc>();
  take_unique(std::move(c));  // expected-note {{'c' was moved from here}}
  n += c->text.size();  // expected-error {{'c' is dereferenced while it is empty}}
  auto e = std::make_unique<Doc>();
  std::vector<std::unique_ptr<Doc>> kept;
  kept.push_back(std::move(e));  // expected-note {{'e' was moved from here}}
  n += e->text.size();  // expected-error {{'e' is dereferenced while it is empty}}
  std::shared_ptr<Doc> d = nullptr;  // expected-note {{'d' is declared empty here}}
  return n + d->text.size();  // expected-error {{'d' is dereferenced while it is empty}}
}
// Accepted: a value on some path (the branches may be correlated), a test, a
// new value, a pointer handed to a function that may fill it, a move into an
// rvalue-reference parameter (it may not be taken), reset(new value).
void fill(std::unique_ptr<Doc>& d);
void maybe_take(std::unique_ptr<Doc>&& d);
Doc* adopt();
std::size_t smart_pointer_with_value(bool c) {
  std::unique_ptr<Doc> p;
  if (c) p = std::make_unique<Doc>();
  std::size_t n = 0;
  if (c) n += p->text.size();
  std::unique_ptr<Doc> q;
  if (q) n += q->text.size();
  std::unique_ptr<Doc> r;
  fill(r);
  n += r->text.size();
  auto s = std::make_unique<Doc>();
  maybe_take(std::move(s));
  n += s->text.size();
  std::shared_ptr<Doc> t;
  t.reset(adopt());
  n += t->text.size();
  std::unique_ptr<Doc> u;
  for (int i = 0; i < 3; ++i) u = std::make_unique<Doc>();
  return n + u->text.size();
}

// A local reference to such a pointer is the pointer (Juliet's data-flow
// variants 31/32: `auto& dataCopy = data;`, two references to one local),
// and a copy of an empty std::shared_ptr is empty too.
std::size_t smart_pointer_through_locals() {
  std::unique_ptr<Doc> data;  // expected-note {{'data' is declared empty here}}
  std::unique_ptr<Doc>& copy = data;
  std::size_t n = copy->text.size();  // expected-error {{'copy' (a reference to 'data') is dereferenced while it is empty on every path that reaches here, a null pointer dereference; give it a value first (data = std::make_unique<T>(...)), or test it (if (data)) before using it [meshwa-use-after-move]}}
  auto owned = std::make_unique<Doc>();
  std::unique_ptr<Doc>& first = owned;
  auto& second = first;
  first = nullptr;  // expected-note {{'owned' was left empty here}}
  n += second->text.size();  // expected-error {{'second' (a reference to 'owned') is dereferenced while it is empty}}
  std::shared_ptr<Doc> shared = nullptr;
  auto shared_copy = shared;  // expected-note {{'shared_copy' is declared here as a copy of 'shared', which is empty}}
  n += shared_copy->text.size();  // expected-error {{'shared_copy' is dereferenced while it is empty}}
  std::shared_ptr<Doc> shared_also(shared);  // expected-note {{'shared_also' is declared here as a copy of 'shared'}}
  n += (*shared_also).text.size();  // expected-error {{'shared_also' is dereferenced while it is empty}}
  auto assigned = std::make_shared<Doc>();
  assigned = shared;  // expected-note {{'assigned' is assigned a copy of an empty pointer here}}
  return n + assigned->text.size();  // expected-error {{'assigned' is dereferenced while it is empty}}
}
// Accepted: a value given through the reference, or through a lambda that
// captures the reference, a test through it, a copy of a pointer that has
// a value on some path, the original filled after its copy was read.
std::size_t smart_pointer_through_locals_with_value(bool c) {
  std::unique_ptr<Doc> data;
  std::unique_ptr<Doc>& copy = data;
  copy = std::make_unique<Doc>();
  std::size_t n = data->text.size();
  std::unique_ptr<Doc> filled_by_ref;
  auto& alias = filled_by_ref;
  fill(alias);
  n += filled_by_ref->text.size();
  std::unique_ptr<Doc> lambda_filled;
  auto& via = lambda_filled;
  [&via] { via = std::make_unique<Doc>(); }();
  n += lambda_filled->text.size();
  std::unique_ptr<Doc> tested;
  const auto& seen = tested;
  if (seen) n += tested->text.size();
  std::shared_ptr<Doc> maybe;
  if (c) maybe = std::make_shared<Doc>();
  auto maybe_copy = maybe;
  if (c) n += maybe_copy->text.size();
  std::shared_ptr<Doc> maybe_assigned;
  maybe_assigned = maybe;
  if (c) n += maybe_assigned->text.size();
  std::shared_ptr<Doc> source;
  std::shared_ptr<Doc> target;
  target = source;
  source = std::make_shared<Doc>();
  n += source->text.size();
  std::shared_ptr<Doc> original;
  auto later = original;
  original = std::make_shared<Doc>();
  return n + original->text.size() + (later ? later->text.size() : 0);
}

// Templates are analysed through their instantiations, reported once.
template <class T>
meshwa::Owned<T> relay(meshwa::Owned<T> in, std::vector<meshwa::Owned<T>>& out) {
  out.push_back(std::move(in));  // expected-note {{'in' was moved from here}}
  return in;                     // expected-error {{'in' is used after it was moved from}}
}
void instantiate(std::vector<meshwa::Owned<Doc>>& docs, std::vector<meshwa::Owned<int>>& ints) {
  (void)relay(meshwa::make_owned<Doc>(), docs);
  (void)relay(meshwa::make_owned<int>(1), ints);
}

// Also a method of a class nested in a class template and a lambda of a
// function template, which clang instantiates with the template around
// them (left17: flow::bodies_to_analyse found no instance of either, so
// neither was judged); reported once for both instantiations.
template <class T>
struct Relay {
  struct Hop {
    meshwa::Owned<T> pass(meshwa::Owned<T> in, std::vector<meshwa::Owned<T>>& out) {
      out.push_back(std::move(in));  // expected-note {{'in' was moved from here}}
      return in;                     // expected-error {{'in' is used after it was moved from}}
    }
  };
};
template <class T>
meshwa::Owned<T> relay_through_lambda(meshwa::Owned<T> first, std::vector<meshwa::Owned<T>>& out) {
  auto pass = [&out](meshwa::Owned<T> in) {
    out.push_back(std::move(in));  // expected-note {{'in' was moved from here}}
    return in;                     // expected-error {{'in' is used after it was moved from}}
  };
  return pass(std::move(first));
}
void instantiate_nested(std::vector<meshwa::Owned<Doc>>& docs, std::vector<meshwa::Owned<int>>& ints) {
  (void)Relay<Doc>::Hop().pass(meshwa::make_owned<Doc>(), docs);
  (void)Relay<int>::Hop().pass(meshwa::make_owned<int>(1), ints);
  (void)relay_through_lambda(meshwa::make_owned<Doc>(), docs);
  (void)relay_through_lambda(meshwa::make_owned<int>(1), ints);
}

// Moves under other names: through a reference alias, std::forward, and
// std::exchange with an empty handle.
void alias_moves(meshwa::Owned<Doc> doc) {
  auto& alias = doc;
  consume(std::move(alias));  // expected-note {{'doc' was moved from here}}
  doc->text = "x";            // expected-error {{'doc' is used after it was moved from}}
}
void forward_moves(meshwa::Owned<Doc> doc) {
  consume(std::forward<meshwa::Owned<Doc>>(doc));  // expected-note {{'doc' was moved from here}}
  doc->text = "x";                                 // expected-error {{'doc' is used after it was moved from}}
}
void exchange_empties(meshwa::Owned<Doc> doc) {
  consume(std::exchange(doc, {}));  // expected-note {{'doc' was moved from here}}
  doc->text = "x";                  // expected-error {{'doc' is used after it was moved from}}
}
// Still accepted: exchange for a new value, forward of an lvalue reference.
void exchange_refills(meshwa::Owned<Doc> doc) {
  consume(std::exchange(doc, meshwa::make_owned<Doc>()));
  doc->text = "x";
}

// A lambda that captures the handle by reference reads it when it is called.
void lambda_called_after_move(meshwa::Owned<Doc> doc) {
  auto text = [&doc] { return doc->text; };
  consume(std::move(doc));  // expected-note {{'doc' was moved from here}}
  (void)text();             // expected-error {{'doc' is used after it was moved from, by the lambda 'text' that captures it by reference; a moved-from meshwa::Owned is empty (using it throws meshwa::EmptyHandle): call the lambda before the move, or capture what it needs by value [meshwa-use-after-move]}}
}
void implicit_capture(meshwa::Owned<Doc> doc) {
  auto size = [&] { return doc->text.size(); };
  consume(std::move(doc));  // expected-note {{'doc' was moved from here}}
  (void)size();             // expected-error {{'doc' is used after it was moved from, by the lambda 'size'}}
}
// Still accepted: called before the move; a lambda that only tests the
// handle, or that gives it a new value.
void lambda_called_before_move(meshwa::Owned<Doc> doc) {
  auto text = [&doc] { return doc->text; };
  (void)text();
  consume(std::move(doc));
  auto empty = [&doc] { return !doc.has_value(); };
  auto refill = [&doc] { doc = meshwa::make_owned<Doc>(); };
  (void)empty();
  refill();
}

// A lambda that moves a handle it captures by reference empties it when it
// is called: held in a local and called, or called where it is made.
void moved_by_a_lambda(meshwa::Owned<Doc> doc) {
  auto send = [&doc] { consume(std::move(doc)); };
  send();                   // expected-note {{'doc' was moved from here}}
  (void)peek(doc);          // expected-error {{'doc' is used after it was moved from}}
}
void moved_by_a_lambda_twice(meshwa::Owned<Doc> doc) {
  auto send = [&] { consume(std::move(doc)); };
  send();                   // expected-note {{'doc' was moved from here}}
  send();                   // expected-error {{'doc' is used after it was moved from, by the lambda 'send'}}
}
void moved_by_a_lambda_called_at_once(meshwa::Owned<Doc> doc) {
  [&doc] { consume(std::move(doc)); }();  // expected-note {{'doc' was moved from here}}
  (void)peek(doc);          // expected-error {{'doc' is used after it was moved from}}
}
// Still accepted: used before the call, a lambda that moves and refills.
void moved_by_a_lambda_accepted(meshwa::Owned<Doc> doc) {
  auto send = [&doc] { consume(std::move(doc)); };
  (void)peek(doc);
  send();
  auto swap_in = [&doc] { consume(std::move(doc)); doc = meshwa::make_owned<Doc>(); };
  swap_in();
  (void)peek(doc);
  [&doc] { consume(std::move(doc)); doc = meshwa::make_owned<Doc>(); }();
  (void)peek(doc);
}

// A handler runs after the call in the try block that threw: a handle moved
// into that call is empty there.
void log_failure();
void used_in_the_handler(meshwa::Owned<Doc> doc) {
  try {
    consume(std::move(doc));  // expected-note {{'doc' was moved from here}}
  } catch (const std::exception&) {
    log_failure();
    (void)peek(doc);          // expected-error {{'doc' is used after it was moved from}}
  }
}
// Still accepted: a handler reached only before the move, one that refills
// the handle or rethrows.
void handler_before_the_move(meshwa::Owned<Doc> doc) {
  try {
    log_failure();
  } catch (...) {
    (void)peek(doc);
    return;
  }
  consume(std::move(doc));
}
void handler_refills(meshwa::Owned<Doc> doc) {
  try {
    consume(std::move(doc));
  } catch (...) {
    doc = meshwa::make_owned<Doc>();
    (void)peek(doc);
  }
}
void handler_rethrows(meshwa::Owned<Doc> doc) {
  try {
    consume(std::move(doc));
  } catch (...) {
    throw;
  }
}

// An Owned field of a local struct is a handle of its own.
struct Box {
  meshwa::Owned<Doc> doc;
  int n = 0;
};
void refill_box(Box& b);
std::size_t field_after_move(Box b) {
  consume(std::move(b.doc));  // expected-note {{'b.doc' was moved from here}}
  return b.doc->text.size();  // expected-error {{'b.doc' is used after it was moved from; a moved-from meshwa::Owned is empty (using it throws meshwa::EmptyHandle): give it a new value first (b.doc = meshwa::make_owned<T>(...)), or move it only at its last use}}
}
void field_moved_with_struct(Box b, std::vector<Box>& out) {
  out.push_back(std::move(b));  // expected-note {{'b.doc' was moved from here, with 'b'}}
  b.doc->text = "x";            // expected-error {{'b.doc' is used after it was moved from}}
}
// Still accepted: another field, a new value, the struct refilled by a
// function or assigned as a whole, a field of another local.
void field_refilled(Box b, Box c) {
  consume(std::move(b.doc));
  b.n = 1;
  b.doc = meshwa::make_owned<Doc>();
  b.doc->text = "x";
  consume(std::move(b.doc));
  refill_box(b);
  b.doc->text = "y";
  consume(std::move(b.doc));
  b = Box{meshwa::make_owned<Doc>(), 2};
  b.doc->text = "z";
  c.doc->text = "w";
}

// std::swap with an empty handle empties it, as std::exchange(x, {}) does.
std::size_t swapped_with_empty(meshwa::Owned<Doc> doc) {
  meshwa::Owned<Doc> other;
  std::swap(doc, other);     // expected-note {{'doc' was swapped with an empty handle here}}
  return doc->text.size();   // expected-error {{'doc' is used after it was moved from}}
}
std::size_t ranges_swapped_with_moved(meshwa::Owned<Doc> doc, meshwa::Owned<Doc> spare) {
  consume(std::move(spare));
  std::ranges::swap(spare, doc);  // expected-note {{'doc' was swapped with an empty handle here}}
  return doc->text.size() + spare->text.size();  // expected-error {{'doc' is used after it was moved from}}
}
// Still accepted: swapping with a handle that has a value (a parameter, a
// filled local), and swapping a moved-from handle back to a value.
std::size_t swapped_with_values(meshwa::Owned<Doc> doc, meshwa::Owned<Doc>& other) {
  std::swap(doc, other);
  auto fresh = meshwa::make_owned<Doc>();
  std::swap(doc, fresh);
  consume(std::move(fresh));
  std::swap(fresh, doc);
  meshwa::Owned<Doc> later;
  later = meshwa::make_owned<Doc>();
  std::swap(later, fresh);
  return fresh->text.size() + other->text.size();
}
void lambda_refills(meshwa::Owned<Doc> doc) {
  auto refill = [&doc] { doc = meshwa::make_owned<Doc>(); };
  consume(std::move(doc));
  refill();
  doc->text = "x";
}
std::size_t structs_swapped_back(Box b, Box c) {
  std::swap(b, c);
  consume(std::move(b.doc));
  std::swap(b, c);
  return b.doc->text.size();
}

// A member function of a local struct whose body moves, reads or refills
// an Owned field of its object: followed one call deep.
struct Person {
  meshwa::Owned<Doc> doc = meshwa::make_owned<Doc>();
  meshwa::Owned<Doc> move_doc() { return std::move(doc); }
  std::size_t access() const { return doc->text.size(); }
  std::size_t safe_access() const { return doc ? doc->text.size() : 0; }  // tests it first
  void reload() { doc = meshwa::make_owned<Doc>(); }
  meshwa::Owned<Doc> take_and_replace() {
    auto old = std::move(doc);
    doc = meshwa::make_owned<Doc>();
    return old;
  }
  std::size_t through_helper() const { return access(); }  // reads what access() reads
  std::size_t helper_if(bool loaded) const { return loaded ? access() : 0; }  // only on a condition
  void move_through_helper() { move_doc(); }  // moves what move_doc() moves
  void move_and_reload() {
    move_doc();
    reload();
  }
  std::size_t reload_and_read() {
    reload();
    return access();  // reads the new value
  }
  std::size_t recurse(int n) const { return n > 0 ? recurse(n - 1) : 0; }  // calls itself: not followed
  std::size_t recurse_then_read(int n) { return recurse(n) + access(); }
  meshwa::Owned<Doc>& slot() { return doc; }  // the caller may refill it through the reference
  void swap_in(meshwa::Owned<Doc>& other) { std::swap(doc, other); }  // may refill it
  std::size_t count() const { return 1; }  // touches no field
  std::size_t access_if(bool loaded) const {  // reads it only on a condition
    if (!loaded) return 0;
    return doc->text.size();
  }
};
std::size_t moved_by_a_method() {
  Person p;
  consume(p.move_doc());  // expected-note {{'p.doc' was moved from here, by 'move_doc'}}
  return p.access();  // expected-error {{'p.doc' is used by 'access' after it was moved from; a moved-from meshwa::Owned is empty (using it throws meshwa::EmptyHandle): give it a new value first, or move it only at its last use [meshwa-use-after-move]}}
}
std::size_t moved_by_a_method_field_read(Person& p, bool again) {
  if (again) consume(p.move_doc());  // expected-note {{'p.doc' was moved from here, by 'move_doc'}}
  return p.doc->text.size();  // expected-error {{'p.doc' is used after it was moved from}}
}
std::size_t moved_by_a_method_then_refilled() {
  Person p;
  consume(p.move_doc());
  p.reload();
  std::size_t n = p.access();
  consume(p.move_doc());
  p.doc = meshwa::make_owned<Doc>();
  return n + p.access();
}
std::size_t moved_by_a_method_tested_or_replaced() {
  Person p;
  consume(p.move_doc());
  std::size_t n = p.safe_access();
  Person q;
  consume(q.take_and_replace());
  n += q.access();
  Person r;
  n += r.access();  // read before the move
  consume(r.move_doc());
  Person s;
  consume(s.move_doc());
  n += s.helper_if(false);  // reads it only on a condition: handles the empty case
  Person t;
  consume(t.move_doc());
  t.slot() = meshwa::make_owned<Doc>();
  n += t.access();
  Person u;
  consume(u.move_doc());
  auto fresh = meshwa::make_owned<Doc>();
  u.swap_in(fresh);
  return n + u.access();
}
std::size_t read_by_a_method_through_another() {
  Person p;
  consume(p.move_doc());  // expected-note {{'p.doc' was moved from here, by 'move_doc'}}
  return p.through_helper();  // expected-error {{'p.doc' is used by 'through_helper' after it was moved from}}
}
std::size_t moved_by_a_method_through_another() {
  Person p;
  p.move_through_helper();  // expected-note {{'p.doc' was moved from here, by 'move_through_helper'}}
  return p.access();  // expected-error {{'p.doc' is used by 'access' after it was moved from}}
}
std::size_t moved_then_a_method_calling_a_recursive_one() {
  Person p;
  p.move_through_helper();
  return p.recurse_then_read(2);  // recurse() is not followed, so neither is this: taken to refill
}
std::size_t moved_and_reloaded_by_methods_through_another() {
  Person p;
  p.move_and_reload();  // moves then refills: leaves a value
  std::size_t n = p.access();
  Person q;
  q.move_through_helper();
  n += q.recurse(3);  // calls itself: not followed, taken to refill
  Person r;
  consume(r.move_doc());
  n += r.reload_and_read();  // refills before it reads
  return n + q.access();
}
std::size_t moved_by_a_method_then_unrelated_call() {
  Person p;
  consume(p.move_doc());  // expected-note {{'p.doc' was moved from here, by 'move_doc'}}
  std::size_t n = p.count();  // gives it no new value
  n += p.access_if(false);  // the method tests its own state first: not followed
  return n + p.access();  // expected-error {{'p.doc' is used by 'access' after it was moved from}}
}
struct Shelf {
  Box box;  // an Owned inside a struct field: its methods are not followed
  void restock() { box.doc = meshwa::make_owned<Doc>(); }
};
std::size_t nested_field_refilled_by_a_method() {
  Shelf s;
  consume(std::move(s.box.doc));
  s.restock();
  return s.box.doc->text.size();
}

// The Owned members of the object a member function runs on: moved and
// used again in the same member function.
void notify(const void* source);
class Inbox {
  meshwa::Owned<Doc> pending_ = meshwa::make_owned<Doc>();
  meshwa::Owned<Doc> take() { return std::move(pending_); }
  void refill() { pending_ = meshwa::make_owned<Doc>(); }
  void rebuild() { notify(this); }  // hands `this` on: not followed

 public:
  std::size_t moved_then_read() {
    consume(std::move(pending_));  // expected-note {{'pending_' was moved from here}}
    return pending_->text.size();  // expected-error {{'pending_' is used after it was moved from}}
  }
  std::size_t moved_by_a_helper_then_read() {
    consume(take());  // expected-note {{'pending_' was moved from here, by 'take'}}
    return this->pending_->text.size();  // expected-error {{'pending_' is used after it was moved from}}
  }
  std::size_t moved_then_refilled(bool again) {
    consume(std::move(pending_));
    pending_ = meshwa::make_owned<Doc>();
    std::size_t n = pending_->text.size();
    consume(take());
    refill();
    n += pending_->text.size();
    consume(std::move(pending_));
    rebuild();  // may give it a new value
    n += pending_->text.size();
    if (again) {
      consume(std::move(pending_));
      return n;
    }
    return n + pending_->text.size();
  }
  std::size_t moved_then_lambda() {
    auto reload = [this] { pending_ = meshwa::make_owned<Doc>(); };
    consume(std::move(pending_));
    reload();
    return pending_->text.size();  // a lambda in the function: its fields are not followed
  }
};
class Crate {
  Box box_;

 public:
  std::size_t moved_nested_field() {
    consume(std::move(box_.doc));  // expected-note {{'box_.doc' was moved from here}}
    return box_.doc->text.size();  // expected-error {{'box_.doc' is used after it was moved from}}
  }
};

// A function whose visible body moves its `Owned<T>&` parameter away on
// every path empties the caller's handle (Rust: a `&mut` parameter
// `std::mem::take`n).
meshwa::Owned<Doc> steal(meshwa::Owned<Doc>& d) { return std::move(d); }
void hand_over(meshwa::Owned<Doc>& d) { consume(std::move(d)); }
meshwa::Owned<Doc> steal_if(meshwa::Owned<Doc>& d, bool yes) {
  if (yes) return std::move(d);  // only on a condition: not followed
  return meshwa::make_owned<Doc>();
}
meshwa::Owned<Doc> swap_out(meshwa::Owned<Doc>& d) {
  auto old = std::move(d);
  d = meshwa::make_owned<Doc>();  // refilled
  return old;
}
std::size_t look(meshwa::Owned<Doc>& d) { return d->text.size(); }  // only reads
std::size_t moved_by_a_reference_parameter(meshwa::Owned<Doc> d) {
  auto mine = steal(d);  // expected-note {{'d' was moved from here, by 'steal'}}
  return mine->text.size() + d->text.size();  // expected-error {{'d' is used after it was moved from}}
}
std::size_t handed_over_twice(meshwa::Owned<Doc> d) {
  hand_over(d);  // expected-note {{'d' was moved from here, by 'hand_over'}}
  hand_over(d);  // expected-error {{'d' is moved again after it was already moved from}}
  return 0;
}
// One whose visible body first gives its `Owned<T>&` parameter a new value
// refills the caller's handle; one that reads it first, or may return
// before the assignment, is still a use.
void renew(meshwa::Owned<Doc>& d) { d = meshwa::make_owned<Doc>(); }
void renew_logged(meshwa::Owned<Doc>& d, int& count) {
  ++count;
  d = meshwa::make_owned<Doc>();
}
void renew_after_read(meshwa::Owned<Doc>& d) {
  if (d->text.empty()) d = meshwa::make_owned<Doc>();
}
void renew_unless(meshwa::Owned<Doc>& d, bool skip) {
  if (skip) return;
  d = meshwa::make_owned<Doc>();
}
std::size_t refilled_by_a_reference_parameter(meshwa::Owned<Doc> d, int& count) {
  auto mine = steal(d);
  renew(d);
  std::size_t n = d->text.size();
  consume(std::move(d));
  renew_logged(d, count);
  return n + mine->text.size() + d->text.size();
}
std::size_t not_refilled_by_a_reference_parameter(meshwa::Owned<Doc> d, meshwa::Owned<Doc> e) {
  consume(std::move(d));  // expected-note {{'d' was moved from here}}
  renew_after_read(d);    // expected-error {{'d' is used after it was moved from}}
  consume(std::move(e));  // expected-note {{'e' was moved from here}}
  renew_unless(e, true);  // expected-error {{'e' is used after it was moved from}}
  return 0;
}
std::size_t reference_parameter_not_emptied(meshwa::Owned<Doc> d) {
  auto a = steal_if(d, false);
  std::size_t n = d->text.size();
  auto b = swap_out(d);
  n += look(d);
  return n + d->text.size() + a->text.size() + b->text.size();
}

// A part of the function that never runs (a plain `if`, `?:`, `&&` on a
// constant that rules it out) uses nothing: the control-flow graph leaves
// it out, so a use there is not judged. Where the constant lets it run, it is.
namespace never_run {
constexpr bool kTrace = false;
std::size_t traced(meshwa::Owned<Doc> doc) {
  consume(std::move(doc));
  if (kTrace) doc->text = "again";
  return kTrace && peek(doc) > 0 ? 1 : 0;
}
std::size_t traced_when_on(meshwa::Owned<Doc> doc) {
  consume(std::move(doc));  // expected-note {{'doc' was moved from here}}
  if (!kTrace) doc->text = "again";  // expected-error {{'doc' is used after it was moved from}}
  return 0;
}
}  // namespace never_run
