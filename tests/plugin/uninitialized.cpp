// meshwa-uninitialized: storage declared without a value.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <cstdint>
#include <functional>
#include <numeric>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>
#include <span>
#include <vector>

#include <CLI/CLI.hpp>

// An aggregate: judged where it is default-initialised (`Point p;` below),
// not at its fields; Point{1, 2} and Point{} are fine.
struct Point {
  int x;
  int y = 0;
};

// A constructor that leaves a field (or a base) indeterminate.
struct Sensor {
  Sensor() {}                                    // expected-note {{this constructor leaves 'reading' without a value}} expected-note {{this constructor leaves 'origin' without a value}}
  int reading;                                   // expected-error {{member 'reading' has no default member initialiser, so an object built without setting it holds an indeterminate value; write one, e.g. {} or = 0 [meshwa-uninitialized]}}
  Point origin;                                  // expected-error {{member 'origin' has no default member initialiser}}
};
struct Labelled : Point {                        // expected-error {{base 'Point' is left with indeterminate members by a constructor that does not initialise it; give its members default member initialisers, or initialise it in every constructor, e.g. with Point{} [meshwa-uninitialized]}}
  Labelled() {}                                  // expected-note {{this constructor leaves base 'Point' without a value}}
};
struct LabelledOk : Point {
  LabelledOk() : Point{} {}
};
struct Holder {                                  // no constructor: judged where a Holder is declared
  Point where;
};

// A constructor template that may be called without arguments is the
// default constructor (toml::value<T>: `value<int64_t> v;` calls it with
// none): it decides for itself, and is judged at the fields like any
// constructor; so is every other constructor template.
template <class T>
struct Boxed {
  template <class... Args>
  explicit Boxed(Args&&... args) : val_(T(std::forward<Args>(args)...)) {}
  Boxed(const Boxed&) = default;
  T val_;
};
struct Loose {
  template <class... Args>
  explicit Loose(Args&&...) {}                   // expected-note {{this constructor leaves 'n' without a value}}
  int n;                                         // expected-error {{member 'n' has no default member initialiser, so an object built without setting it holds an indeterminate value}}
};
struct FromRange {
  template <class It>
  FromRange(It first, It last) : size(static_cast<int>(last - first)) {}  // expected-note {{this constructor leaves 'first_value' without a value}}
  int size;
  int first_value;                               // expected-error {{member 'first_value' has no default member initialiser}}
};
template <class T>
int read_boxed() {
  Boxed<T> b;
  return static_cast<int>(b.val_);
}
int default_constructor_templates() {
  Boxed<int> boxed;
  Loose loose;
  return boxed.val_ + loose.n + read_boxed<long>();
}

// A constructor body that gives the field its value before anything can
// read it: an assignment (on every path that finishes the object; a path
// that throws builds none), std::array::fill, std::fill over the whole
// field, a loop writing every element.
void notify(const void* who);
struct Gauge {
  Gauge() { level = 0; }
  Gauge(int v) {
    if (v < 0) throw v;
    if (v > 100) level = 100; else level = v;
  }
  int level;                                     // set by every constructor's body
};
// Assignments joined by commas, one after the other, and a chain of
// assignments, whose right side assigns first: `mx = x, my = y;`,
// `lo = hi = v;`. Reading a field on the right of the chain is still a read.
struct Picture {
  Picture(int x, int y) { mx = x, my = y; }
  explicit Picture(int v) { (mx = v), (my = v); }
  int mx;                                        // set by every constructor's body
  int my;
};
struct Range {
  explicit Range(int v) { lo = hi = v; }
  Range(int v, int w) { lo = mid = hi = v + w; }
  int lo;                                        // set by every constructor's body
  int mid = 0;
  int hi;
};
struct RangeSelfRead {
  explicit RangeSelfRead(int v) { lo = hi = lo + v; }  // expected-note {{this constructor leaves 'lo' without a value}}
  int lo;                                        // expected-error {{member 'lo' has no default member initialiser}}
  int hi;
};
struct CommaSelfRead {
  explicit CommaSelfRead(int v) { lo = v, width = width + v; }  // expected-note {{this constructor leaves 'width' without a value}}
  int lo;
  int width;                                     // expected-error {{member 'width' has no default member initialiser}}
};
// `std::tie(a, b) = ...;` assigns each tied field whole (std::tuple's
// operator=); one tied to std::ignore, or read on the right, is not set.
struct Tied {
  explicit Tied(int v) { std::tie(first, second) = std::make_pair(v, v + 1); }
  int first;                                     // set by every constructor's body
  int second;
};
struct TiedIgnore {
  explicit TiedIgnore(int v) { std::tie(first, std::ignore) = std::make_pair(v, v); }  // expected-note {{this constructor leaves 'second' without a value}}
  int first;
  int second;                                    // expected-error {{member 'second' has no default member initialiser}}
};
struct TiedSelfRead {
  explicit TiedSelfRead(int v) { std::tie(first, second) = std::make_pair(v, first); }  // expected-note {{this constructor leaves 'first' without a value}}
  int first;                                     // expected-error {{member 'first' has no default member initialiser}}
  int second;                                    // set: the right side reads only 'first'
};
// A switch with a default: whose every label assigns it or leaves; a loop
// from a constant that surely runs its body, which assigns it first.
struct Switched {
  explicit Switched(int v) {
    switch (v) {
      case 0:
      case 1: level = 1; break;
      case 2: throw v;
      default: level = 2;
    }
  }
  int level;                                     // set on every way through the switch
};
struct SwitchedPartly {
  SwitchedPartly(int v, int) {                   // expected-note {{this constructor leaves 'level' without a value}}
    switch (v) {                                 // no default: some v pass by
      case 0: level = 1; break;
    }
  }
  explicit SwitchedPartly(int v) {
    switch (v) {
      case 0: break;                             // not on this way
      default: level = 2;
    }
  }
  int level;                                     // expected-error {{member 'level' has no default member initialiser}}
};
struct Looped {
  Looped() { for (int i = 0; i < 3; ++i) last = i; }
  explicit Looped(int n) { for (int i = 0; i < n; ++i) last = i; }  // expected-note {{this constructor leaves 'last' without a value}}
  Looped(int, int) {                             // a break may come first
    for (int i = 0; i < 3; ++i) {
      if (i == 1) break;
      last = i;
    }
  }
  int last;                                      // expected-error {{member 'last' has no default member initialiser}}
};
// `*this = Other(...)` through the class's own trivial or defaulted
// operator= gives every field the value of a whole object built elsewhere.
struct Settings {
  Settings() { *this = Settings(8, "x"); }
  explicit Settings(const std::string& path) { *this = load(path); }
  Settings(int w, std::string n) : width(w), name(std::move(n)) {}
  static Settings load(const std::string& path);
  int width;                                     // set by every constructor
  std::string name;
};
struct SelfFed {
  SelfFed() { *this = SelfFed(width); }          // expected-note {{this constructor leaves 'width' without a value}}
  explicit SelfFed(int w) : width(w) {}
  int width;                                     // expected-error {{member 'width' has no default member initialiser}}
};
struct OwnAssign {
  OwnAssign() { *this = OwnAssign(1); }          // expected-note {{this constructor leaves 'n' without a value}}
  explicit OwnAssign(int v) : n(v) {}
  OwnAssign(const OwnAssign&) = default;
  OwnAssign& operator=(const OwnAssign& o) {     // its own: may read the old value
    n += o.n;
    return *this;
  }
  int n;                                         // expected-error {{member 'n' has no default member initialiser}}
};
struct OneBranch {
  explicit OneBranch(bool c) {                   // expected-note {{this constructor leaves 'k' without a value}}
    if (c) *this = OneBranch(1, 2);
  }
  OneBranch(int a, int) : k(a) {}
  int k;                                         // expected-error {{member 'k' has no default member initialiser}}
};
template <class T>
struct Defaults {                                // the implicit operator=, in a template too
  Defaults() { *this = Defaults(T{}); }
  explicit Defaults(T x) : v(x) {}
  T v;
};
template <class T>
struct OwnDefaults {
  OwnDefaults() { *this = OwnDefaults(T{}); }    // expected-note {{this constructor leaves 'v' without a value}}
  explicit OwnDefaults(T x) : v(x) {}
  OwnDefaults& operator=(const OwnDefaults& o) {
    v += o.v;
    return *this;
  }
  T v;                                           // expected-error {{member 'v' has no default member initialiser, so an object built without setting it holds an indeterminate value when the template is instantiated with int}}
};
inline int use_defaults() {
  return Defaults<int>().v + OwnDefaults<int>().v;  // expected-note {{in the instantiation 'OwnDefaults<int>' here}}
}
struct Scale {
  Scale() : unit(1) { factor = unit * 2; }       // reads another member, given already
  int unit;
  int factor;
};
struct Buckets {
  Buckets() { counts.fill(0); }
  explicit Buckets(int start) { std::fill(counts.begin(), counts.end(), start); }
  Buckets(int, int) { for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = 1; }
  std::array<int, 8> counts;
};
struct Weights {
  Weights() { for (int i = 0; i < 4; ++i) w[i] = 0.5; }
  double w[4];
};
struct RangeFilled {
  RangeFilled() {
    for (int& e : a) e = 0;
    for (double& e : w) e = 0.5;
  }
  explicit RangeFilled(double v) {
    for (auto& e : w) { e = v; }
    for (int& e : a) e = 1;
  }
  int a[4];
  std::array<double, 3> w;
};
struct Tried {
  Tried() try { n = 1; } catch (...) {}          // a function-try-block's handler rethrows
  int n;
};
template <class T>
struct Cell {
  Cell() { value = T(); }
  T value;
};
Cell<int> int_cell;
// A member function of the class called by the constructor, defined in the
// file, is walked as if its body were written there (cppcheck's
// uninitMemberVar follows the same `init()` idiom).
struct Resettable {
  Resettable() { reset(); }
  explicit Resettable(int start) { log_start(); reset(); total = start; }
  void reset() { count = 0; clear_total(); }
  void clear_total() { total = 0; }
  void log_start() const {}                      // touches no field: the constructor goes on
  int count;
  int total;
};
class Parsed {
 public:
  Parsed() { this->parse(1); }
 private:
  void parse(int v) {
    if (v > 0) kind = v; else kind = 0;
  }
  int kind;
};

// Still reported: the body reads the field, lets a member function or
// `this` reach it, returns, or writes it on one path only, before the write.
struct Meter {
  Meter() { show(); reading = 0; }               // expected-note {{this constructor leaves 'reading' without a value}}
  void show() const;
  int reading;                                   // expected-error {{member 'reading' has no default member initialiser}}
};
struct Registered {
  Registered() { notify(this); id = 1; }         // expected-note {{this constructor leaves 'id' without a value}}
  int id;                                        // expected-error {{member 'id' has no default member initialiser}}
};
struct Bumped {
  Bumped() { count = count + 1; }                // expected-note {{this constructor leaves 'count' without a value}}
  int count;                                     // expected-error {{member 'count' has no default member initialiser}}
};
struct Sometimes {
  explicit Sometimes(bool b) { if (b) v = 1; }   // expected-note {{this constructor leaves 'v' without a value}}
  Sometimes() { v = 0; }
  int v;                                         // expected-error {{member 'v' has no default member initialiser}}
};
struct EarlyOut {
  explicit EarlyOut(bool b) {                    // expected-note {{this constructor leaves 'v' without a value}}
    if (b) return;
    v = 1;
  }
  int v;                                         // expected-error {{member 'v' has no default member initialiser}}
};
struct ShortFill {
  ShortFill() { for (int i = 0; i < 3; ++i) a[i] = 0; }  // expected-note {{this constructor leaves 'a' without a value}}
  int a[4];                                      // expected-error {{member 'a' has no default member initialiser}}
};
struct ReadFirst {                               // the initialisers run before the body
  ReadFirst() : copy(level) { level = 1; }       // expected-note {{this constructor leaves 'level' without a value}} expected-warning {{field 'level' is uninitialized when used here}}
  int level;                                     // expected-error {{member 'level' has no default member initialiser}}
  int copy;
};
struct ReadInClass {
  ReadInClass() { level = 1; }                   // expected-note {{this constructor leaves 'level' without a value}} expected-note {{during field initialization in this constructor}}
  int level;                                     // expected-error {{member 'level' has no default member initialiser}}
  int twice = level * 2;                         // expected-warning {{field 'level' is uninitialized when used here}}
};
// A copy or move constructor with an empty body gives values only through
// its mem-initialisers; one with a body is trusted.
struct CopiedPart {
  CopiedPart() : a(0), b(0) {}
  CopiedPart(const CopiedPart& o) : a(o.a) {}   // expected-note {{this constructor leaves 'b' without a value}}
  int a;
  int b;                                         // expected-error {{member 'b' has no default member initialiser}}
};
struct MovedPart {
  MovedPart() : a(0), b(0) {}
  MovedPart(MovedPart&& o) noexcept : b(o.b) {} // expected-note {{this constructor leaves 'a' without a value}}
  int a;                                         // expected-error {{member 'a' has no default member initialiser}}
  int b;
};
struct CopiedWhole {
  CopiedWhole() : a(0), b(0) {}
  CopiedWhole(const CopiedWhole& o) : a(o.a), b(o.b) {}
  CopiedWhole(CopiedWhole&& o) noexcept { *this = o; }
  CopiedWhole& operator=(const CopiedWhole&) = default;
  int a;
  int b;
};
struct CopiedDefaulted {
  CopiedDefaulted() : a(0) {}
  CopiedDefaulted(const CopiedDefaulted&) = default;
  int a;
};
struct RangeBumped {
  RangeBumped() { for (int& e : a) e += 1; }    // expected-note {{this constructor leaves 'a' without a value}}
  int a[4];                                      // expected-error {{member 'a' has no default member initialiser}}
};
struct RangeByValue {
  RangeByValue() { for (int e : a) e = 0; }     // expected-note {{this constructor leaves 'a' without a value}}
  int a[4];                                      // expected-error {{member 'a' has no default member initialiser}}
};
struct HalfReset {
  HalfReset() { reset(); }                       // expected-note {{this constructor leaves 'b' without a value}}
  void reset() { a = 0; }
  int a;
  int b;                                         // expected-error {{member 'b' has no default member initialiser}}
};
struct ResetReads {
  ResetReads() { reset(); }                      // expected-note {{this constructor leaves 'n' without a value}}
  void reset() { n = n * 0; }
  int n;                                         // expected-error {{member 'n' has no default member initialiser}}
};
struct ResetLeaks {
  ResetLeaks() { reset(); }                      // expected-note {{this constructor leaves 'n' without a value}}
  void reset() { notify(this); n = 0; }
  int n;                                         // expected-error {{member 'n' has no default member initialiser}}
};
struct ResetReturns {
  explicit ResetReturns(bool b) { reset(b); }    // expected-note {{this constructor leaves 'n' without a value}}
  void reset(bool b) {
    if (b) return;
    n = 0;
  }
  int n;                                         // expected-error {{member 'n' has no default member initialiser}}
};
struct ResetElsewhere {
  ResetElsewhere() { reset(); }                  // expected-note {{this constructor leaves 'n' without a value}}
  void reset();                                  // defined in another file: not looked into
  int n;                                         // expected-error {{member 'n' has no default member initialiser}}
};
struct Recursive {
  Recursive() { again(); }                       // expected-note {{this constructor leaves 'n' without a value}}
  void again() { again(); }
  int n;                                         // expected-error {{member 'n' has no default member initialiser}}
};
template <class T>
struct ShownCell {
  ShownCell() { show(); value = T(); }           // expected-note {{this constructor leaves 'value' without a value}}
  void show() const;
  T value;                                       // expected-error {{member 'value' has no default member initialiser, so an object built without setting it holds an indeterminate value when the template is instantiated with int}}
};
ShownCell<int> shown_cell;                       // expected-note {{in the instantiation 'ShownCell<int>' here}}

struct Pair {
  int first = 0;
  int second = 0;
};

struct Money {
  std::string currency_code;
  int64_t units;
};

int rejected(bool flag) {
  int n;                                         // expected-error {{'n' is declared without a value, and reading it before a write is undefined behaviour; initialise it where it is declared, e.g. with {} [meshwa-uninitialized]}}
  double ratio;                                  // given a value below before any read: accepted
  int values[4];                                 // expected-error {{'values' is declared without a value}}
  std::array<int, 3> triple;                     // expected-error {{'triple' is declared without a value}}
  Point p;                                       // expected-error {{'p' is declared without a value}}
  Money m;                                       // expected-error {{'m' is declared without a value}}
  Holder h;                                      // expected-error {{'h' is declared without a value}}
  Point q{1, 2};
  Money zero{};
  if (flag) n = 1;  // expected-note {{'n' is given a value here, but not on every path to where it is read}}
  ratio = 0.5;
  return n + values[0] + triple[0] + p.y + static_cast<int>(ratio) + static_cast<int>(m.units + zero.units) + h.where.x + q.x;  // expected-note {{'values' is used here before it is given a value}} expected-note {{'triple' is used here before it is given a value}} expected-note {{'p' is used here before it is given a value}} expected-note {{'m' is used here before it is given a value}} expected-note {{'h' is used here before it is given a value}}
}

// A local given a value by the statements right after its declaration, on
// every path, before anything reads it (Juliet's `int data; data = 5;`), is
// accepted; a read first, a value on one path only, a loop, a switch
// without a default or with a label that gives none, or a goto in between
// are reported as before.
bool ready();
int assigned_before_read(bool flag, int k) {
  int a;                                         // expected-error {{'a' is declared without a value}}
  a = a + 1;  // expected-note {{'a' is used here before it is given a value}}
  int b;                                         // expected-error {{'b' is declared without a value}}
  if (flag) b = 1;  // expected-note {{'b' is given a value here, but not on every path to where it is read}}
  int c;                                         // expected-error {{'c' is declared without a value}}
  for (int i = 0; i < k; ++i) c = i;  // expected-note {{'c' is given a value here, but not on every path to where it is read}}
  int d;                                         // expected-error {{'d' is declared without a value}}
  switch (k) { case 1: d = 1; break; case 2: break; default: d = 2; break; }  // expected-note {{'d' is given a value here, but not on every path to where it is read}}
  int d2;                                        // expected-error {{'d2' is declared without a value}}
  switch (k) { case 1: d2 = 1; break; case 2: d2 = 3; break; }  // no default: k == 3 gives none expected-note {{'d2' is given a value here, but not on every path to where it is read}}
  int d3;                                        // expected-error {{'d3' is declared without a value}}
  switch (k) { case 1: if (flag) break; d3 = 1; break; default: d3 = 2; break; }  // expected-note {{'d3' is given a value here, but not on every path to where it is read}}
  int d4;                                        // expected-error {{'d4' is declared without a value}}
  switch (k) { case 1: { d4 = 1; case 2: d4 = 2; } break; default: d4 = 3; break; }  // a label inside a block expected-note {{'d4' is given a value here, but not on every path to where it is read}}
  int d5;                                        // expected-error {{'d5' is declared without a value}}
  switch (k) { case 1: d5 = d5 + 1; break; default: d5 = 2; break; }  // expected-note {{'d5' is used here before it is given a value}}
  int e;                                         // expected-error {{'e' is declared without a value}}
  if (0) e = 1;  // expected-note {{'e' is given a value here, but not on every path to where it is read}}
  int f;                                         // expected-error {{'f' is declared without a value}}
  if (ready()) goto done;
  f = 2;  // expected-note {{'f' is given a value here, but not on every path to where it is read}}
done:
  int g;                                         // expected-error {{'g' is declared without a value}}
  switch (7) { case 6: g = 1; break; default: break; }  // expected-note {{'g' is given a value here, but not on every path to where it is read}}
  int h;                                         // expected-error {{'h' is declared without a value}}
  while (1) { if (flag) break; h = 1; break; }  // expected-note {{'h' is given a value here, but not on every path to where it is read}}
  return a + b + c + d + d2 + d3 + d4 + d5 + e + f + g + h;
}
int case_label_after(int k) {
  switch (k) {
    case 0:
      ready();
      int v;                                     // expected-error {{'v' is declared without a value}}
      v = 1;  // expected-note {{'v' is given a value here, but not on every path to where it is read}}
      [[fallthrough]];
    case 1:                                      // jumps past the write
      return v;
  }
  return 0;
}
int assigned_before_read_accepted(bool flag, int k) {
  int data;
  data = 5;
  int either;
  if (flag) either = 1; else either = 2;
  int once;
  if (1) { once = 3; }
  int checked;
  if (k < 0) return -1;
  checked = k;
  Point p;
  p = Point{1, 2};
  int after_throw;
  if (!flag) { throw 1; } else { after_throw = 4; }
  int chosen;                                    // Juliet's constant switch and while (1) variants
  switch (6) { case 6: chosen = 5; break; default: break; }
  int looped;
  while (1) { looped = 6; break; }
  int width;                                     // a run-time switch whose every label gives it, with a default
  switch (k) {
    case 1: width = 1; break;
    case 2:
    case 3: width = 2; break;
    case 4: return 16;
    case 5: width = 3;                           // falls through into the next label, which gives it again
    case 6: width = 4; break;
    default: width = 8; break;
  }
  return data + either + once + checked + p.x + after_throw + chosen + looped + width;
}

// A loop or an if that holds every use of the local, and gives it a value
// before each read on every path through it (an iteration, a branch), is
// accepted, and so is a chained assignment; a read after the loop, a read
// of the previous iteration's value, or a header naming it are reported.
void consume(int);
void confined_to_a_statement(const std::vector<int>& items, bool flag) {
  int doubled;
  for (int item : items) {
    doubled = item * 2;
    consume(doubled);
  }
  int next;
  while (ready()) {
    if (flag) continue;
    next = static_cast<int>(items.size());
    consume(next);
  }
  int branch_only;
  if (flag) {
    branch_only = 1;
    consume(branch_only);
  }
  int lo, hi;
  lo = hi = static_cast<int>(items.size());
  consume(lo + hi);
  int first, second;
  first = 1, second = first + 1;                 // comma-joined: one after the other
  consume(first + second);
  int fast;
  int slow = fast = static_cast<int>(items.size());  // the initialiser of another declaration assigns it
  consume(slow + fast);
  int parsed;
  try {
    parsed = std::stoi(std::to_string(items.size()));
    consume(parsed);
  } catch (const std::exception&) {
    consume(-1);
  }
  int chosen;
  switch (items.size()) {
    case 1:
      chosen = items[0];
      consume(chosen);
      break;
    case 2:
      consume(0);
  }
}
int comma_reads_first(int x) {
  int later;                                     // expected-error {{'later' is declared without a value}}
  int sooner;
  sooner = later + x, later = x;                 // read on the left, before the write on the right expected-note {{'later' is used here before it is given a value}}
  return sooner + later;
}
int confined_rejected(const std::vector<int>& items, bool flag) {
  int last;                                      // expected-error {{'last' is declared without a value}}
  for (int item : items) {
    last = item;  // expected-note {{'last' is given a value here, but not on every path to where it is read}}
    consume(last);
  }
  int sum;                                       // expected-error {{'sum' is declared without a value}}
  for (int item : items) {
    sum += item;  // expected-note {{'sum' is used here before it is given a value}}
  }
  int previous;                                  // expected-error {{'previous' is declared without a value}}
  for (int item : items) {
    if (flag) consume(previous);  // expected-note {{'previous' is used here before it is given a value}}
    previous = item;
  }
  int counter;                                   // expected-error {{'counter' is declared without a value}}
  for (; counter < 3;) {  // expected-note {{'counter' is used here before it is given a value}}
    counter = 4;
  }
  int half;                                      // expected-error {{'half' is declared without a value}}
  if (flag) {
    consume(half);  // expected-note {{'half' is used here before it is given a value}}
    half = 1;
  }
  int lo, hi;                                    // expected-error {{'hi' is declared without a value}}
  lo = hi + 1;  // expected-note {{'hi' is used here before it is given a value}}
  int parsed;                                    // expected-error {{'parsed' is declared without a value}}
  try {
    parsed = std::stoi(std::to_string(items.size()));  // expected-note {{'parsed' is given a value here, but not on every path to where it is read}}
  } catch (const std::exception&) {
    consume(parsed);
  }
  int chosen;                                    // expected-error {{'chosen' is declared without a value}}
  switch (items.size()) {
    case 1:
      chosen = items[0];  // expected-note {{'chosen' is given a value here, but not on every path to where it is read}}
      [[fallthrough]];
    case 2:
      consume(chosen);
      break;
    default:
      break;
  }
  return last + sum + lo;
}

// A switch without a default over every enumerator of an enum (as -Wswitch
// judges it) runs one of its labels; one enumerator left out is reported.
enum class Shape { circle, square, triangle };
int corners_accepted(Shape shape) {
  int corners;
  switch (shape) {
    case Shape::circle: corners = 0; break;
    case Shape::square: corners = 4; break;
    case Shape::triangle: corners = 3; break;
  }
  return corners;
}
int corners_rejected(Shape shape) {
  int corners;                                   // expected-error {{'corners' is declared without a value}}
  switch (shape) {                               // expected-warning {{enumeration value 'triangle' not handled in switch}}
    case Shape::circle: corners = 0; break;  // expected-note {{'corners' is given a value here, but not on every path to where it is read}}
    case Shape::square: corners = 4; break;
  }
  return corners;
}

// Read from a stream by a test that leaves when the extraction fails: past
// the if, the standard operator>> wrote it. An extraction not tested, tested
// the other way, a branch that does not leave, or a user's operator>> (which
// may write nothing) stay reported.
struct Pair2 { int v; };
std::istream& operator>>(std::istream& in, Pair2& p);
std::optional<int> extracted_accepted(std::istream& in) {
  int n;
  if (!(in >> n)) return std::nullopt;
  int a;
  int b;
  if (!(in >> a >> b)) throw 1;
  std::string word;
  return n + a + b + static_cast<int>(word.size());
}
// A loop or an if whose condition is the extraction: what runs where it
// succeeded uses the value; accepted when nothing past it reads x, or
// when the branch that may run without the value gives one or leaves.
long extraction_loops_accepted(std::istream& in, std::vector<int>& out) {
  long total = 0;
  int v;
  while (in >> v) total += v;
  int a, b;                                      // each declarator on its own
  while (in >> a >> b && a != 0) out.push_back(a + b);
  int one;
  if (in >> one) total += one;
  double d;
  if (!(in >> d) || d < 0) return -1;
  int n;
  if (in >> n) {
    total += n;
  } else {
    return total;
  }
  int first;
  if (in >> first) return first;
  first = 0;
  char c;
  while (in.get(c)) total += c;
  return total + static_cast<long>(d) + n + first;
}
int extraction_loops_rejected(std::istream& in) {
  int after;                                     // expected-error {{'after' is declared without a value}}
  while (in >> after) {}  // expected-note {{'after' is used here before it is given a value}}
  int other;                                     // expected-error {{'other' is declared without a value}}
  if (in >> other) return other;  // expected-note {{'other' is used here before it is given a value}}
  int early;                                     // expected-error {{'early' is declared without a value}}
  while (early > 0 && in >> early) {}  // expected-note {{'early' is used here before it is given a value}}
  int x;
  int y;                                         // expected-error {{'y' is declared without a value}}
  if (in >> x) return x + y;  // expected-note {{'y' is used here before it is given a value}}
  int z;                                         // expected-error {{'z' is declared without a value}}
  if (in >> z) {} else { return z; }  // expected-note {{'z' is used here before it is given a value}}
  char c;                                        // expected-error {{'c' is declared without a value}}
  in.get(c);                                     // expected-note {{'get' is a library function whose body is not visible, so it is not taken to give 'c' a value}}
  if (c == 'x') return 1;
  return after + other;
}
// A while whose condition writes x before anything reads it: the condition
// runs before the body and before anything after the loop. Not when the
// write may be skipped (the right side of `&&`), when x is read first or
// in the same comparison (unsequenced), or by the value written.
int next_value();
std::size_t written_by_loop_condition(const std::string& text) {
  std::size_t pos, from = 0, words = 0;
  while ((pos = text.find(' ', from)) != std::string::npos) {
    ++words;
    from = pos + 1;
  }
  int v;
  while (!(v = next_value())) {}
  int w;
  while (next_value(), (w = next_value()) > 0) {}
  return words + pos + static_cast<std::size_t>(v + w);
}
int maybe_written_by_loop_condition() {
  int skipped;                                   // expected-error {{'skipped' is declared without a value}}
  while (next_value() > 0 && (skipped = next_value()) > 0) {}  // expected-note {{'skipped' is given a value here, but not on every path to where it is read}}
  int first;                                     // expected-error {{'first' is declared without a value}}
  while (first < 10 && (first = next_value())) {}  // expected-note {{'first' is used here before it is given a value}}
  int self;                                      // expected-error {{'self' is declared without a value}}
  while ((self = self + 1) < 10) {}  // expected-note {{'self' is used here before it is given a value}}
  int both;                                      // expected-error {{'both' is declared without a value}}
  while ((both = next_value()) != both) {}      // expected-warning {{unsequenced modification and access to 'both'}} expected-note {{'both' is given a value here, but not on every path to where it is read}}
  return skipped + first + self + both;
}
void take(int);
void extraction_jumped_into(std::istream& in, int k) {
  switch (k) {                                   // a case label inside the if: reached without the extraction
    case 0: {
      int v;                                     // expected-error {{'v' is declared without a value}}
      if (in >> v) {  // expected-note {{'v' is used here before it is given a value}}
        case 1: take(v);
      }
    }
  }
  char cmd;                                      // a switch wholly inside the loop is fine
  while (in >> cmd) {
    switch (cmd) { case 'a': take(1); break; default: take(cmd); break; }
  }
}

// An array (or a struct) written whole before anything reads it: an index
// loop over every element, a range-for by reference, std::fill / iota /
// generate / fill_n over all of it, std::array::fill, memset of all its
// bytes; a struct whose every field is assigned. Part of it, a loop that
// may skip an element or reads it first, stay reported.
int fill(int);
struct TwoInts { int a; int b; };
int filled_accepted(int k) {
  int squares[8];
  for (int i = 0; i < 8; ++i) squares[i] = i * i;
  std::array<int, 4> counts;
  for (std::size_t i = 0; i < counts.size(); i++) { counts[i] = fill(static_cast<int>(i)); }
  int grid[3][3];
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c != 3; c += 1) grid[r][c] = r * c;
  std::array<double, 4> zeros;
  for (auto& z : zeros) z = 0.0;
  int filled[8];
  std::fill(std::begin(filled), std::end(filled), 0);
  std::array<int, 8> sequence;
  std::iota(sequence.begin(), sequence.end(), 1);
  int generated[4];
  std::generate(generated, generated + 4, [] { return 2; });
  std::array<long, 2> set;
  set.fill(7);
  int first[5];
  std::fill_n(first, 5, -1);
  char bytes[16];
  std::memset(bytes, 0, sizeof bytes);
  TwoInts pair;
  pair.a = 1;
  pair.b = 2;
  TwoInts cleared;
  std::memset(&cleared, 0, sizeof(cleared));
  TwoInts pairs[2];
  for (TwoInts& each : pairs) { each.a = 0; each.b = k; }
  std::array<int, 8> copied;                     // from another array of as many elements
  std::copy(sequence.begin(), sequence.end(), copied.begin());
  int doubled[8];
  std::transform(std::begin(filled), std::end(filled), doubled, [](int v) { return v * 2; });
  std::array<int, 4> taken;
  std::copy_n(counts.begin(), 4, taken.begin());
  return squares[k] + counts[0] + grid[1][2] + static_cast<int>(zeros[0]) + filled[k] + sequence[0] +
         generated[1] + static_cast<int>(set[1]) + first[4] + bytes[3] + pair.a + pair.b + cleared.b + pairs[1].b +
         copied[7] + doubled[k] + taken[3];
}
int filled_rejected(int k) {
  int part[8];                                   // expected-error {{'part' is declared without a value}}
  for (int i = 0; i < 7; ++i) part[i] = 0;  // expected-note {{'part' is used here before it is given a value}}
  int maybe[8];                                  // expected-error {{'maybe' is declared without a value}}
  for (int i = 0; i < 8; ++i) { if (fill(i)) continue; maybe[i] = 0; }  // expected-note {{'maybe' is used here before it is given a value}}
  int stopped[8];                                // expected-error {{'stopped' is declared without a value}}
  for (int i = 0; i < 8; ++i) { stopped[i] = 0; if (fill(i)) break; }  // expected-note {{'stopped' is used here before it is given a value}}
  int stepped[8];                                // expected-error {{'stepped' is declared without a value}}
  for (int i = 0; i < 8; i += 2) stepped[i] = 0;  // expected-note {{'stepped' is used here before it is given a value}}
  int shifted[8];                                // expected-error {{'shifted' is declared without a value}}
  for (int i = 0; i < 8; ++i) shifted[i] = shifted[(i + 1) % 8];  // expected-note {{'shifted' is used here before it is given a value}}
  std::array<int, 4> copies;                     // expected-error {{'copies' is declared without a value}}
  for (auto c : copies) c = 0;  // expected-note {{'copies' is used here before it is given a value}}
  int half[8];                                   // expected-error {{'half' is declared without a value}}
  std::fill(half, half + 4, 0);  // expected-note {{'half' is used here before it is given a value}}
  int bytes[8];                                  // expected-error {{'bytes' is declared without a value}}
  std::memset(bytes, 0, 8);  // expected-note {{'bytes' is used here before it is given a value}}
  int rows[3][3];                                // expected-error {{'rows' is declared without a value}}
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 2; ++c) rows[r][c] = 0;  // expected-note {{'rows' is used here before it is given a value}}
  TwoInts pair;                                  // expected-error {{'pair' is declared without a value}}
  pair.a = 1;  // expected-note {{'pair' is used here before it is given a value}}
  TwoInts halves[2];                             // expected-error {{'halves' is declared without a value}}
  for (int i = 0; i < 2; ++i) halves[i].a = 0;  // expected-note {{'halves' is used here before it is given a value}}
  const std::array<int, 4> four{1, 2, 3, 4};
  std::array<int, 8> short_copy;                 // expected-error {{'short_copy' is declared without a value}}
  std::copy(four.begin(), four.end(), short_copy.begin());  // expected-note {{'begin' is called on 'short_copy' here, before it is given a value; a member function may read it}}
  std::array<int, 4> self_copy;                  // expected-error {{'self_copy' is declared without a value}}
  std::copy(self_copy.begin(), self_copy.end(), self_copy.begin());  // expected-note {{'begin' is called on 'self_copy' here, before it is given a value; a member function may read it}}
  std::array<int, 4> few;                        // expected-error {{'few' is declared without a value}}
  std::copy_n(four.begin(), 3, few.begin());  // expected-note {{'begin' is called on 'few' here, before it is given a value; a member function may read it}}
  std::array<int, 4> aliased;                    // expected-error {{'aliased' is declared without a value}}
  auto& alias = aliased;                         // the same array: its own garbage copied onto it expected-note {{'aliased' is used here before it is given a value}}
  std::copy(alias.begin(), alias.end(), aliased.begin());
  return part[k] + maybe[k] + stopped[k] + stepped[k] + shifted[k] + copies[0] + half[7] + bytes[k] + rows[k][2] +
         pair.b + halves[1].b + short_copy[5] + self_copy[0] + few[3] + aliased[0];
}

// The same through the std::ranges algorithms, over the whole range or a
// (first, last) pair: filled when every element is written from something
// other than the array itself.
int ranges_filled_accepted(int k, const std::array<int, 8>& source) {
  std::array<int, 8> filled;
  std::ranges::fill(filled, k);
  int plain[8];
  std::ranges::fill(plain, 0);
  std::array<int, 8> pair;
  std::ranges::fill(pair.begin(), pair.end(), 1);
  std::array<int, 8> generated;
  std::ranges::generate(generated, [] { return 2; });
  std::array<int, 8> counted;
  std::ranges::fill_n(counted.begin(), 8, 3);
  std::array<int, 8> copied;
  std::ranges::copy(source, copied.begin());
  std::array<int, 8> taken;
  std::ranges::copy_n(source.begin(), 8, taken.begin());
  std::array<int, 8> negated;
  std::ranges::transform(source, negated.begin(), [](int v) { return -v; });
  std::array<int, 8> projected;
  std::ranges::transform(source.begin(), source.end(), projected.begin(), [](int v) { return v; }, [](int v) { return v + 1; });
  return filled[k] + plain[k] + pair[k] + generated[k] + counted[k] + copied[k] + taken[k] + negated[k] + projected[k];
}
// transform with two inputs writes as many elements as the shorter one has.
int two_inputs_filled_accepted(int k, const std::array<int, 8>& a, const std::array<int, 8>& b) {
  std::array<int, 8> mixed;
  std::ranges::transform(a, b, mixed.begin(), [](int x, int y) { return (x + y) / 2; });
  std::array<int, 8> summed;
  std::transform(a.begin(), a.end(), b.begin(), summed.begin(), std::plus<>{});
  return mixed[k] + summed[k];
}
int two_inputs_filled_rejected(int k, const std::array<int, 8>& a, const std::array<int, 4>& four) {
  std::array<int, 8> shorter;                    // expected-error {{'shorter' is declared without a value}}
  std::ranges::transform(a, four, shorter.begin(), std::plus<>{});  // writes four elements expected-note {{'begin' is called on 'shorter' here, before it is given a value; a member function may read it}}
  std::array<int, 8> half;                       // expected-error {{'half' is declared without a value}}
  std::transform(four.begin(), four.end(), a.begin(), half.begin(), std::plus<>{});  // expected-note {{'begin' is called on 'half' here, before it is given a value; a member function may read it}}
  return shorter[k] + half[k];
}
// A std::span parameter of static extent holds as many elements as its type says.
int span_filled_accepted(int k, std::span<const int, 8> source) {
  std::array<int, 8> copied;
  std::ranges::copy(source, copied.begin());
  std::array<int, 8> paired;
  std::copy(source.begin(), source.end(), paired.begin());
  return copied[k] + paired[k];
}
int span_filled_rejected(int k, std::span<const int, 4> four, std::span<const int> any) {
  std::array<int, 8> shorter;                    // expected-error {{'shorter' is declared without a value}}
  std::ranges::copy(four, shorter.begin());  // expected-note {{'begin' is called on 'shorter' here, before it is given a value; a member function may read it}}
  std::array<int, 8> unknown;                    // expected-error {{'unknown' is declared without a value}}
  std::ranges::copy(any, unknown.begin());       // a dynamic extent: any length expected-note {{'begin' is called on 'unknown' here, before it is given a value; a member function may read it}}
  std::array<int, 8> itself;                     // expected-error {{'itself' is declared without a value}}
  const std::span<const int, 8> view(itself);    // a local span may view the target expected-note {{'itself' is used here before it is given a value}}
  std::ranges::copy(view, itself.begin());
  return shorter[k] + unknown[k] + itself[k];
}
int ranges_filled_rejected(int k, const std::array<int, 4>& four) {
  std::array<int, 8> counted;                    // expected-error {{'counted' is declared without a value}}
  std::ranges::fill_n(counted.begin(), 4, 0);  // expected-note {{'begin' is called on 'counted' here, before it is given a value; a member function may read it}}
  std::array<int, 8> short_copy;                 // expected-error {{'short_copy' is declared without a value}}
  std::ranges::copy(four, short_copy.begin());  // expected-note {{'begin' is called on 'short_copy' here, before it is given a value; a member function may read it}}
  std::array<int, 8> from_itself;                // expected-error {{'from_itself' is declared without a value}}
  std::ranges::fill(from_itself, from_itself[1]);  // expected-note {{'from_itself' is used here before it is given a value}}
  std::array<int, 8> onto_itself;                // expected-error {{'onto_itself' is declared without a value}}
  std::ranges::transform(onto_itself, onto_itself.begin(), [](int v) { return v; });  // expected-note {{'onto_itself' is used here before it is given a value}}
  return counted[7] + short_copy[7] + from_itself[0] + onto_itself[k];
}

// In a template, a call with dependent arguments is resolved only in the
// instantiations: the walk after the local runs again in each of them, and
// the local is accepted when it is given its value in every one.
template <class T>
std::string printed_generic(T value) {
  std::array<char, 32> buf;
  auto [p, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  if (ec != std::errc{}) return {};
  return std::string(buf.data(), p);
}
template <class T>
std::string printed_untested(T value) {
  std::array<char, 16> buf;                      // expected-error {{'buf' is declared without a value}}
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);  // a double may not fit expected-note {{'data' is called on 'buf' here, before it is given a value; a member function may read it}}
  return std::string(buf.data(), r.ptr);
}
template <class T>
std::string printed_never_instantiated(T value) {
  std::array<char, 32> buf;                      // expected-error {{'buf' is declared without a value}}
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);  // expected-note {{'data' is called on 'buf' here, before it is given a value; a member function may read it}}
  return std::string(buf.data(), r.ptr);
}
template <class R>
int copied_generic(const R& source) {
  std::array<int, 4> copied;
  std::ranges::copy(source, copied.begin());
  return copied[3];
}
template <class R>
int copied_short(const R& source) {
  std::array<int, 4> copied;                     // expected-error {{'copied' is declared without a value}}
  std::ranges::copy(source, copied.begin());  // expected-note {{'begin' is called on 'copied' here, before it is given a value; a member function may read it}}
  return copied[3];
}
std::string uses_generic_fills(const std::array<int, 4>& four, const std::array<int, 2>& two) {
  return printed_generic(1) + printed_generic(2.5) + printed_untested(3) + printed_untested(4.5) +
         std::to_string(copied_generic(four) + copied_short(four) + copied_short(two));
}

// A struct with a string field and a number field, filled field by field:
// assigning the string (std::string's operator=) reads only that string,
// which its constructor built, so the number written next (here in a try
// whose handler leaves) gives the struct its value.
struct TokenParts {
  std::string user;
  long expires;
  std::string signature;
};
std::optional<TokenParts> parts_accepted(const std::string& token, std::size_t dot) {
  TokenParts p;
  p.user = token.substr(0, dot);
  try {
    p.expires = std::stol(token.substr(dot + 1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  p.signature = token;
  return p;
}
TokenParts parts_named_first(const std::string& name) {
  TokenParts p;
  p.signature = name;
  p.user = name + "!";
  p.expires = 3;
  return p;
}
// ... but the number left out, or the string assigned from the struct's
// own number, is still reported; and so is a field of a class whose
// operator= is the user's own (it may read the indeterminate parts).
struct Counter {
  int n;
  Counter& operator=(int v) { n += v; return *this; }
};
struct Tally {
  Counter count;
  std::string label;
};
TokenParts parts_rejected(const std::string& name) {
  TokenParts missing;                            // expected-error {{'missing' is declared without a value}}
  missing.user = name;  // expected-note {{'missing' is used here before it is given a value}}
  TokenParts self;                               // expected-error {{'self' is declared without a value}}
  self.user = std::to_string(self.expires);  // expected-note {{'self' is used here before it is given a value}}
  self.expires = 1;
  Tally t;                                       // expected-error {{'t' is declared without a value}}
  t.count = 1;  // expected-note {{'t' is used here before it is given a value}}
  t.label = name;
  return TokenParts{missing.user + self.user + t.label, missing.expires + t.count.n, name};
}

// Work on the fields that hold a value (a std::vector's push_back, in a
// loop or not) does not stop the walk, and a field's value may be read by a
// later field's assignment once it was given.
struct Tallies {
  std::vector<std::string> names;
  long count;
  double mean;
};
Tallies tallies_accepted(const std::vector<std::string>& in) {
  Tallies t;
  t.names.reserve(in.size());
  for (const auto& n : in) t.names.push_back(n);
  t.count = static_cast<long>(in.size());
  t.mean = t.count > 0 ? 1.0 : 0.0;
  return t;
}
// ... but a field read before it is given, the whole struct handed on, or a
// constructed field's work that reads an indeterminate one, is reported.
void take(const Tallies&);
long tallies_rejected(const std::vector<std::string>& in) {
  Tallies early;                                 // expected-error {{'early' is declared without a value}}
  early.mean = early.count > 0 ? 1.0 : 0.0;  // expected-note {{'early' is used here before it is given a value}}
  early.count = 1;
  Tallies whole;                                 // expected-error {{'whole' is declared without a value}}
  whole.names = in;  // expected-note {{'whole' is used here before it is given a value}}
  take(whole);
  whole.count = 1;
  whole.mean = 0;
  Tallies mixed;                                 // expected-error {{'mixed' is declared without a value}}
  mixed.names.push_back(std::to_string(mixed.count));  // expected-note {{'mixed' is used here before it is given a value}}
  mixed.count = 1;
  mixed.mean = 0;
  return early.count + whole.count + mixed.count;
}

// C functions that write all of the object they are handed: memcpy /
// memmove / memset of all its bytes, snprintf of a whole char array (the
// text is terminated), va_start / va_copy, clock_gettime, gettimeofday,
// sigemptyset. Fewer bytes, or a source naming the object, are reported.
std::string c_writers_accepted(const unsigned char* p, const char* fmt, ...) {
  std::uint32_t word;
  std::memcpy(&word, p, sizeof word);
  va_list args;
  va_start(args, fmt);
  va_list again;
  va_copy(again, args);
  char text[64];
  std::vsnprintf(text, sizeof text, fmt, again);
  va_end(again);
  va_end(args);
  char number[16];
  std::snprintf(number, sizeof(number), "%u", static_cast<unsigned>(word));
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return std::string(text) + number + std::to_string(ts.tv_sec);
}
int c_writers_rejected(const unsigned char* p) {
  std::uint64_t wide;                            // expected-error {{'wide' is declared without a value}}
  std::memcpy(&wide, p, 4);  // expected-note {{'wide' is used here before it is given a value}}
  char small[16];                                // expected-error {{'small' is declared without a value}}
  std::snprintf(small, 8, "%d", 1);  // expected-note {{'small' is used here before it is given a value}}
  int self;                                      // expected-error {{'self' is declared without a value}}
  std::memmove(&self, &self, sizeof self);  // expected-note {{'self' is used here before it is given a value}}
  return static_cast<int>(wide) + small[0] + self;
}

// A for's init runs once, before everything else of the loop, as a
// statement before it would: `for (mi = 0, i = 0; ...)` assigns both, left
// to right. Not an init that reads one before the other assigns it.
int for_init_assigns_each(const int* xs, int n) {
  int mi, i;
  for (mi = 0, i = 0; i < n; ++i) {
    if (xs[i] > xs[mi]) mi = i;
  }
  int lo, hi;
  for (lo = 0, hi = n; lo < hi; ++lo, --hi) {}
  return mi + lo + hi;
}
int for_init_reads_first(int n) {
  int i, j;                                      // expected-error {{'j' is declared without a value}}
  for (i = j, j = 0; i < n; ++i) ++j;  // expected-note {{'j' is used here before it is given a value}}
  return i + j;
}

// What runs first every time: a for's init (`for (i = 0; ...)`), a
// do-while's body (nothing in it skipping to the condition); a try whose
// block and every handler give a value (or leave).
int run_first_accepted(const int* xs, int n) {
  int i;
  int sum = 0;
  for (i = 0; i < n; ++i) sum += xs[i];
  int x;
  do { x = fill(sum); } while (x < 0);
  int c;                                         // for (;;) runs its body up to the first break
  for (;;) {
    c = fill(x);
    if (c != ' ') break;
  }
  x += c;
  int lo, hi;                                    // std::tie assigns each
  std::tie(lo, hi) = std::make_pair(fill(1), fill(2));
  int v;
  try {
    v = fill(x + lo + hi);
  } catch (const std::exception&) {
    v = -1;
  } catch (...) {
    throw;
  }
  return i + x + v;
}
int run_first_rejected(const int* xs, int n) {
  int i;                                         // expected-error {{'i' is declared without a value}}
  for (int j = 0; j < n; ++j) i = xs[j];  // expected-note {{'i' is given a value here, but not on every path to where it is read}}
  int x;                                         // expected-error {{'x' is declared without a value}}
  do { if (n > 2) continue; x = fill(n); } while (fill(x) < 0);  // expected-note {{'x' is given a value here, but not on every path to where it is read}}
  int c;                                         // expected-error {{'c' is declared without a value}}
  for (;;) {
    if (fill(n)) break;
    c = fill(x);  // expected-note {{'c' is given a value here, but not on every path to where it is read}}
  }
  x += c;
  int v;                                         // expected-error {{'v' is declared without a value}}
  try {
    v = fill(n);  // expected-note {{'v' is given a value here, but not on every path to where it is read}}
  } catch (const std::exception&) {
  }
  int lo, hi;                                    // expected-error {{'hi' is declared without a value}}
  std::tie(lo, std::ignore) = std::make_pair(fill(1), hi);  // expected-note {{'hi' is used here before it is given a value}}
  int w;                                         // expected-error {{'w' is declared without a value}}
  try {
    fill(n);
  } catch (...) {
    w = 0;  // expected-note {{'w' is given a value here, but not on every path to where it is read}}
  }
  return i + x + v + w + lo;
}

// A local array of scalars given each element at a constant index, one
// statement after another (cppcheck's uninitvar accepts it).
int elements_accepted() {
  int x[3];
  x[0] = fill(0);
  x[2] = fill(2);
  x[1] = fill(1);
  std::array<double, 2> w;
  w[0] = 0.5;
  w[1] = 1.5;
  return x[1] + static_cast<int>(w[0] + w[1]);
}
int elements_rejected() {
  int gap[3];                                    // expected-error {{'gap' is declared without a value}}
  gap[0] = 1;  // expected-note {{'gap' is used here before it is given a value}}
  gap[2] = 3;
  int again[2];                                  // expected-error {{'again' is declared without a value}}
  again[0] = 1;  // expected-note {{'again' is used here before it is given a value}}
  again[0] = 2;
  int chained[2];                                // expected-error {{'chained' is declared without a value}}
  chained[0] = 1;  // expected-note {{'chained' is used here before it is given a value}}
  chained[1] = chained[0];                       // reads it: not followed
  return gap[1] + again[1] + chained[1];
}

// A switch inside a branch is judged where the walk meets it: one with a
// default whose every label falls through to a return leaves.
int switch_in_branch_accepted(int k, unsigned slot, unsigned pin) {
  int i;
  if (k == 0) {
    switch (slot) {
      case 4: return 5;
      default: return -1;
    }
  } else {
    switch (pin) {
      case 0: i = 2; break;
      default: i = -1; break;
    }
  }
  return i;
}
int switch_in_branch_rejected(int k, unsigned slot) {
  int no_default;                                // expected-error {{'no_default' is declared without a value}}
  if (k == 0) {
    switch (slot) {
      case 4: return 5;
    }
  } else {
    no_default = 1;  // expected-note {{'no_default' is given a value here, but not on every path to where it is read}}
  }
  int breaks;                                    // expected-error {{'breaks' is declared without a value}}
  if (k == 1) {
    switch (slot) {
      case 4: break;
      default: return -1;
    }
  } else {
    breaks = 1;  // expected-note {{'breaks' is given a value here, but not on every path to where it is read}}
  }
  return no_default + breaks;
}

// A branch that gives the local a value and then always leaves (CLI11's
// to_flag_value: `if (val.size() == 1) { switch (val[0]) { ... } return
// ret; }`) continues nowhere: what follows the if is reached from the other
// branch only, and is judged on its own. A branch that may fall out of the
// if after its write (no return on every path) still joins as before.
// clang's checked arithmetic writes its result whether or not it overflowed
// (fast_float's scalar_add: `overflow = __builtin_add_overflow(x, y, &z);
// return z;`); a result that is also an operand is read first.
unsigned long checked_sum(unsigned long x, unsigned long y, bool& overflow) {
  unsigned long z;
  overflow = __builtin_add_overflow(x, y, &z);
  long product;
  const bool big = __builtin_smull_overflow(3L, static_cast<long>(x), &product);
  return big ? z : z + static_cast<unsigned long>(product);
}
int checked_sum_rejected(int x) {
  int z;                                         // expected-error {{'z' is declared without a value}}
  const bool o = __builtin_add_overflow(z, x, &z);  // expected-note {{'z' is used here before it is given a value}}
  return o ? 0 : z;
}

bool parse_digit(char c, int& out) {
  if (c < '0' || c > '9') return false;
  out = c - '0';
  return true;
}
int assigned_then_leaves_accepted(bool short_form, char c, int n) {
  int digit;  // CLI11's AsNumberWithUnit: parsed and checked in a branch that returns
  if (short_form) {
    if (!parse_digit(c, digit)) throw std::invalid_argument("not a digit");
    return 0;
  }
  digit = n;
  int ret;
  if (short_form) {
    switch (c) {
      case 't': ret = 1; break;
      default: throw std::invalid_argument("unrecognised");
    }
    return ret;
  }
  ret = n;
  int plain;
  if (n > 2) { plain = 1; return plain; }
  plain = 2;
  int both;
  if (n < 0) {
    if (c == 'x') both = 1; else both = 3;
    return both;
  } else if (n > 10) {
    both = 4;
    throw std::runtime_error("big");
  }
  both = 5;
  return ret + plain + both + digit;
}
int assigned_then_leaves_rejected(bool short_form, int n) {
  int falls_out;                                 // expected-error {{'falls_out' is declared without a value}}
  if (short_form) {
    falls_out = 1;  // expected-note {{'falls_out' is given a value here, but not on every path to where it is read}}
    if (n > 0) return falls_out;
  }
  int unwritten;                                 // expected-error {{'unwritten' is declared without a value}}
  if (n > 2) { unwritten = 1; return unwritten; }  // expected-note {{'unwritten' is given a value here, but not on every path to where it is read}}
  return falls_out + unwritten;
}

// A search loop: endless, left only by breaks that each come right after
// an assignment of the variable, which it names nowhere else.
int search_accepted(int n) {
  int found;
  while (true) {
    if (fill(n) > 2) {
      found = n;
      break;
    }
    if (n < -5) return -1;                       // leaves: reads nothing
    for (int i = 0; i < n; ++i) {
      if (i == 3) break;                         // the inner loop's break
    }
    ++n;
  }
  int first;
  for (;;) {
    const int v = fill(n);
    if (v > 0) { first = v; break; }
  }
  return found + first;
}
int search_rejected(int n) {
  int early;                                     // expected-error {{'early' is declared without a value}}
  while (true) {
    if (n > 2) break;
    early = n;  // expected-note {{'early' is given a value here, but not on every path to where it is read}}
    ++n;
  }
  int bumped;                                    // expected-error {{'bumped' is declared without a value}}
  while (true) {
    if (n > 2) { bumped = n; break; }  // expected-note {{'bumped' is given a value here, but not on every path to where it is read}}
    bumped = bumped + 1;
  }
  int bounded;                                   // expected-error {{'bounded' is declared without a value}}
  while (n > 0) {                                // ends when the test fails, too
    if (n > 2) { bounded = n; break; }  // expected-note {{'bounded' is given a value here, but not on every path to where it is read}}
    --n;
  }
  return early + bumped + bounded;
}

// A goto right before its label, the label's only goto (Juliet's flow
// variant 18), goes where the walk goes on anyway.
int goto_next_accepted() {
  int data;
  goto source;
source:
  data = fill(5);
  return data;
}
int goto_next_rejected(int k) {
  int skipped;                                   // expected-error {{'skipped' is declared without a value}}
  goto sink;
sink:
  ;
  int twice;                                     // expected-error {{'twice' is declared without a value}}
  if (k > 0) goto again;
  goto again;
again:
  twice = fill(1);  // expected-note {{'twice' is given a value here, but not on every path to where it is read}}
  return skipped + twice;  // expected-note {{'skipped' is used here before it is given a value}}
}

// A for loop whose counter starts and is tested against constants that
// let its body run at least once gives a value past the loop when its body
// gives one on every path, with no break or continue in it.
int constant_trip_accepted(const int* xs) {
  int last;
  for (int i = 0; i < 10; ++i) last = fill(i);
  int down;
  for (int k = 3; k >= 0; --k) {
    down = fill(k);
    if (down > 2) down = 2;
  }
  int swapped;
  for (unsigned u = 0; 4 > u; ++u) swapped = fill(static_cast<int>(u));
  int h;                                         // Juliet's flow variant 17: a counter declared earlier
  int data;
  for (h = 0; h < 1; h++) data = fill(5);
  return last + down + swapped + xs[0] + data + h;
}
int constant_trip_rejected(int n) {
  int never;                                     // expected-error {{'never' is declared without a value}}
  for (int i = 0; i < 0; ++i) never = fill(i);  // expected-note {{'never' is given a value here, but not on every path to where it is read}}
  int sum;                                       // expected-error {{'sum' is declared without a value}}
  for (int i = 0; i < 10; ++i) sum += i;  // expected-note {{'sum' is used here before it is given a value}}
  int skipped;                                   // expected-error {{'skipped' is declared without a value}}
  for (int i = 0; i < 10; ++i) {
    if (i == n) break;
    skipped = i;  // expected-note {{'skipped' is given a value here, but not on every path to where it is read}}
  }
  int some;                                      // expected-error {{'some' is declared without a value}}
  for (int i = 0; i < 10; ++i) {
    if (i == n) some = i;  // expected-note {{'some' is given a value here, but not on every path to where it is read}}
  }
  int counted;                                   // expected-error {{'counted' is declared without a value}}
  for (int i = 0; i < n; ++i) counted = i;  // expected-note {{'counted' is given a value here, but not on every path to where it is read}}
  int wrapped;                                   // expected-error {{'wrapped' is declared without a value}}
  for (int i = -1; i < 5u; ++i) wrapped = i;     // compared as unsigned: -1 is not below 5u expected-note {{'wrapped' is given a value here, but not on every path to where it is read}}
  int resumed;                                   // expected-error {{'resumed' is declared without a value}}
  for (static int i = 0; i < 10; ++i) resumed = i;  // the second call starts at 10 expected-note {{'resumed' is given a value here, but not on every path to where it is read}}
  int widened;                                   // expected-error {{'widened' is declared without a value}}
  for (unsigned short s = 65535; s < 10; ++s) widened = s;  // 65535, compared as an int: never runs expected-note {{'widened' is given a value here, but not on every path to where it is read}}
  return never + sum + skipped + some + counted + wrapped + resumed + widened;
}

// A value given under a test nothing can change, read only under it.
double fixed_test_accepted(bool verbose, bool outer) {
  double t;
  if (verbose) t = fill(1);
  double r = fill(2);
  if (verbose) r += t;
  double u;
  if (!verbose) u = fill(3);
  if (!verbose) r += u;
  double nested;
  if (outer) {
    if (verbose) nested = fill(4);
    if (verbose) r += nested;
  }
  return r;
}
double fixed_test_rejected(bool verbose, bool& shared) {
  double outside;                                // expected-error {{'outside' is declared without a value}}
  if (verbose) outside = fill(1);  // expected-note {{'outside' is given a value here, but not on every path to where it is read}}
  double r = outside;
  double flipped;                                // expected-error {{'flipped' is declared without a value}}
  if (verbose) flipped = fill(2);  // expected-note {{'flipped' is given a value here, but not on every path to where it is read}}
  verbose = !verbose;
  if (verbose) r += flipped;
  double other;                                  // expected-error {{'other' is declared without a value}}
  if (!verbose) other = fill(3);  // expected-note {{'other' is given a value here, but not on every path to where it is read}}
  if (verbose) r += other;
  double first;                                  // expected-error {{'first' is declared without a value}}
  if (verbose) {
    r += first;  // expected-note {{'first' is used here before it is given a value}}
    first = 1;
  }
  if (verbose) r += first;
  double aliased;                                // expected-error {{'aliased' is declared without a value}}
  if (shared) aliased = fill(4);  // expected-note {{'aliased' is given a value here, but not on every path to where it is read}}
  fill(5);                                       // may change what `shared` refers to
  if (shared) r += aliased;
  return r;
}

// The same with a test of numbers nothing changes (GCC's uninit-pred
// cases): the test has the same value each time.
enum class Mode { fast, careful };
double fixed_condition_accepted(int n, Mode mode, const double* p) {
  double t;
  if (n > 0 && mode == Mode::fast) t = fill(1);
  double r = fill(2);
  if ((n > 0) && mode == Mode::fast) r += t;
  const int limit = n * 2;
  double u;
  if (limit != 4) u = fill(3);
  if (limit != 4) r += u;
  return r + (p != nullptr ? *p : 0.0);
}
// A test that implies the one the value was given under: every value of
// `n` above 20 is above 10.
int implied_condition(int n, int k) {
  int x;
  if (n > 10) x = 1;
  int r = 0;
  if (n > 20) r += x;
  if (15 <= n && k > 0) r += x;
  if (!(n <= 10)) r += x;
  int y;                                         // expected-error {{'y' is declared without a value}}
  if (n > 10) y = 1;  // expected-note {{'y' is given a value here, but not on every path to where it is read}}
  if (n > 5) r += y;                             // 6 to 10 give it nothing
  int z;                                         // expected-error {{'z' is declared without a value}}
  if (n > 10) z = 1;  // expected-note {{'z' is given a value here, but not on every path to where it is read}}
  if (n < 5u) r += z;                            // compared unsigned: -1 passes
  return r;
}
// A counting loop from a constant to a bound nothing changes runs its body,
// which gives the value, exactly when the bound is above the start.
int counted_loop(int n, std::size_t count, int k) {
  int last;
  for (int i = 0; i < n; ++i) last = i * k;
  int r = n > 0 ? last : 0;
  int second;
  for (std::size_t i = 0; i < count; ++i) {
    second = k;
    r += second;
  }
  if (count == 0) return r;
  r += second;
  int third;
  for (int i = 2; i <= n; ++i) third = i;
  if (n >= 2) r += third;
  int early;                                     // expected-error {{'early' is declared without a value}}
  for (int i = 0; i < n; ++i) {
    if (i == k) break;
    early = i;  // expected-note {{'early' is given a value here, but not on every path to where it is read}}
  }
  if (n > 0) r += early;                         // the break may come first
  int wide;                                      // expected-error {{'wide' is declared without a value}}
  for (int i = 1; i < n; ++i) wide = i;  // expected-note {{'wide' is given a value here, but not on every path to where it is read}}
  if (n > 0) r += wide;                          // n == 1 runs nothing
  int moved;                                     // expected-error {{'moved' is declared without a value}}
  for (int i = 0; i < k; ++i) moved = i;  // expected-note {{'moved' is given a value here, but not on every path to where it is read}}
  k = 0;
  if (k > 0) r += moved;                         // the bound changed
  int after;                                     // expected-error {{'after' is declared without a value}}
  for (int i = 0; i < n; ++i) after = i;  // expected-note {{'after' is given a value here, but not on every path to where it is read}}
  if (n < 0) return after;
  return r;
}
double fixed_condition_rejected(int n, int m, const std::vector<int>& v, const int* p) {
  double changed;                                // expected-error {{'changed' is declared without a value}}
  if (n > 0) changed = fill(1);  // expected-note {{'changed' is given a value here, but not on every path to where it is read}}
  ++n;
  double r = 0;
  if (n > 0) r += changed;
  double different;                              // expected-error {{'different' is declared without a value}}
  if (m > 0) different = fill(2);  // expected-note {{'different' is given a value here, but not on every path to where it is read}}
  if (m >= 0) r += different;
  double called;                                 // expected-error {{'called' is declared without a value}}
  if (!v.empty()) called = fill(3);  // expected-note {{'called' is given a value here, but not on every path to where it is read}}
  if (!v.empty()) r += called;
  double pointed;                                // expected-error {{'pointed' is declared without a value}}
  if (*p > 0) pointed = fill(4);  // expected-note {{'pointed' is given a value here, but not on every path to where it is read}}
  fill(5);
  if (*p > 0) r += pointed;
  return r;
}

// A value guarded by a flag: a bool declared false in the same block, set
// to true only right after a statement that assigns the value, and every
// read where the flag is true (`if (have)`, `have ? v : d`, `have && ...`,
// `!found || ...`, after `if (!found) return ...;`).
int flagged_accepted(const std::vector<int>& xs) {
  bool have = false;
  int v;
  for (int x : xs) {
    if (x > 3) { v = x; have = true; }
  }
  bool found = false;
  int best;
  for (int x : xs) {
    if (!found || x > best) { best = x; found = true; }
  }
  if (!found) return -1;
  bool first = true;                             // set to false once there is a value
  int low;
  for (int x : xs) {
    if (first || x < low) { low = x; first = false; }
  }
  return (have ? v : 0) + best + (first ? 0 : low);
}
int flagged_rejected(const std::vector<int>& xs) {
  bool before = false;
  int early;                                     // expected-error {{'early' is declared without a value}}
  for (int x : xs) { if (x > 3) { before = true; early = x; } }  // set before the value is expected-note {{'early' is given a value here, but not on every path to where it is read}}
  bool other = false;
  int loose;                                     // expected-error {{'loose' is declared without a value}}
  for (int x : xs) { if (x > 3) { loose = x; other = true; } }  // expected-note {{'loose' is given a value here, but not on every path to where it is read}}
  other = xs.empty();                            // set from something else
  bool seen = false;
  int unguarded;                                 // expected-error {{'unguarded' is declared without a value}}
  for (int x : xs) { if (x > 3) { unguarded = x; seen = true; } }  // expected-note {{'unguarded' is given a value here, but not on every path to where it is read}}
  if (seen || xs.size() > 2) return unguarded;   // read where the flag may be false
  bool any = false;
  for (int x : xs) {
    int fresh;                                   // expected-error {{'fresh' is declared without a value}}
    if (any) return fresh;                       // a new 'fresh' each time round; the flag outlives it expected-note {{'fresh' is used here before it is given a value}}
    fresh = x;
    any = true;
  }
  bool first = true;
  int low;                                       // expected-error {{'low' is declared without a value}}
  for (int x : xs) {
    if (first || x < low) { low = x; first = false; }  // expected-note {{'low' is used here before it is given a value}}
  }
  return (before ? early : 0) + (other ? loose : 0) + (first ? low : 0);  // read where it is still unset
}
// An int used as the flag (C's habit) is the same: set only to a constant
// right after the value, read only where it is not zero.
int int_flagged(const std::vector<int>& xs) {
  int found = 0;
  int v;
  for (int x : xs) {
    if (x > 3) { v = x; found = 1; }
  }
  int counted = 0;
  int w;                                         // expected-error {{'w' is declared without a value}}
  for (int x : xs) {
    if (x > 3) { w = x; ++counted; }             // a count, not a flag set to a constant expected-note {{'w' is given a value here, but not on every path to where it is read}}
  }
  int early = 0;
  int u;                                         // expected-error {{'u' is declared without a value}}
  for (int x : xs) {
    if (x > 3) { early = 1; u = x; }             // set before the value is expected-note {{'u' is given a value here, but not on every path to where it is read}}
  }
  return (found ? v : 0) + (counted != 0 ? w : 0) + (early ? u : 0);
}
int flag_jumped_into(const std::vector<int>& xs, int k) {
  bool have = false;
  int v;                                         // expected-error {{'v' is declared without a value}}
  for (int x : xs) { if (x > 3) { v = x; have = true; } }  // expected-note {{'v' is given a value here, but not on every path to where it is read}}
  switch (k) {
    case 0:
      if (have) {
        case 1: return v;                        // reached without the test of the flag
      }
  }
  return 0;
}

// std::from_chars writes the number only when it succeeds: accepted when the
// next statement leaves unless `ec` is std::errc{} (and does not read it).
std::optional<int> parsed_accepted(std::string_view text) {
  int value;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  long wide;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), wide);
  if (result.ec != std::errc()) return std::nullopt;
  unsigned small;
  if (auto [end, error] = std::from_chars(text.data(), text.data() + 1, small); error != std::errc{}) return 0;
  return value + static_cast<int>(wide) + static_cast<int>(small);
}
int parsed_rejected(std::string_view text) {
  int unchecked;                                 // expected-error {{'unchecked' is declared without a value}}
  std::from_chars(text.data(), text.data() + text.size(), unchecked);  // expected-note {{'from_chars' may return without giving 'unchecked' a value}}
  int other_way;                                 // expected-error {{'other_way' is declared without a value}}
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), other_way);  // expected-note {{'from_chars' may return without giving 'other_way' a value}}
  if (ec == std::errc{}) return 1;
  int read_on_failure;                           // expected-error {{'read_on_failure' is declared without a value}}
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), read_on_failure);  // expected-note {{'from_chars' may return without giving 'read_on_failure' a value}}
  if (error != std::errc{}) return read_on_failure;
  return unchecked + other_way + read_on_failure + (ptr == end ? 1 : 0);
}

// The parsed value read only where the test says the parse succeeded: in
// the branch of an if on it, or the arm of a conditional, and nowhere else.
std::optional<int> parsed_where_tested_accepted(std::string_view text, int fallback) {
  long in_branch;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), in_branch);
  if (ec == std::errc{}) return static_cast<int>(in_branch) + (ptr == text.data() ? 1 : 0);
  int in_init;
  if (auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), in_init);
      error == std::errc{} && end == text.data() + text.size()) {
    return in_init;
  }
  int picked;
  auto r = std::from_chars(text.data(), text.data() + text.size(), picked);
  return r.ec == std::errc() ? picked : fallback;
}
// The parse made in the if's condition itself, its `.ec` tested there.
std::optional<int> parsed_in_condition_accepted(std::string_view text, int& out) {
  int left;
  if (std::from_chars(text.data(), text.data() + text.size(), left).ec != std::errc{}) return std::nullopt;
  int kept;
  if (std::from_chars(text.data(), text.data() + text.size(), kept).ec == std::errc()) out = kept;
  return left;
}
std::optional<int> parsed_in_returned_condition_accepted(std::string_view text) {
  int v;
  return std::from_chars(text.data(), text.data() + text.size(), v).ec == std::errc{} ? std::optional<int>(v)
                                                                                         : std::nullopt;
}
int parsed_in_returned_condition_rejected(std::string_view text, int fallback) {
  int wrong_arm;                                 // expected-error {{'wrong_arm' is declared without a value}}
  return std::from_chars(text.data(), text.data() + text.size(), wrong_arm).ec == std::errc{} ? fallback : wrong_arm;  // expected-note {{'wrong_arm' is used here before it is given a value}}
}
int parsed_in_condition_rejected(std::string_view text) {
  int other_way;                                 // expected-error {{'other_way' is declared without a value}}
  if (std::from_chars(text.data(), text.data() + text.size(), other_way).ec == std::errc{}) return 1;  // expected-note {{'other_way' is used here before it is given a value}}
  int stays;                                     // expected-error {{'stays' is declared without a value}}
  if (std::from_chars(text.data(), text.data() + text.size(), stays).ec != std::errc{}) std::puts("bad");  // expected-note {{'stays' is used here before it is given a value}}
  return other_way + stays;
}
// The local declared as the if's own init (`if (int v; ...)`): it lives only
// in the if, so the branch where the parse succeeded is the only place that
// may read it. Read in the other branch, or parsed and not tested, it is
// reported.
std::optional<int> parsed_in_own_if_accepted(std::string_view text) {
  if (int value; std::from_chars(text.begin(), text.end(), value).ec == std::errc{}) return value;
  if (long wide; std::from_chars(text.data(), text.data() + text.size(), wide).ec != std::errc()) {
    return std::nullopt;
  } else {
    return static_cast<int>(wide);
  }
}
int parsed_in_own_if_rejected(std::string_view text) {
  if (int wrong_branch; std::from_chars(text.begin(), text.end(), wrong_branch).ec == std::errc{}) {  // expected-error {{'wrong_branch' is declared without a value}} expected-note {{'wrong_branch' is used here before it is given a value}}
    return 0;
  } else {
    return wrong_branch;
  }
  if (int untested; std::from_chars(text.begin(), text.end(), untested).ptr != text.end()) return untested;  // expected-error {{'untested' is declared without a value}} expected-note {{'untested' is used here before it is given a value}}
  return 0;
}
int parsed_where_tested_rejected(std::string_view text, int fallback) {
  int after_if;                                  // expected-error {{'after_if' is declared without a value}}
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), after_if);  // expected-note {{'from_chars' may return without giving 'after_if' a value}}
  if (ec == std::errc{}) fallback += after_if;
  fallback += after_if;                          // read whether or not it parsed
  int wrong_arm;                                 // expected-error {{'wrong_arm' is declared without a value}}
  auto r = std::from_chars(text.data(), text.data() + text.size(), wrong_arm);  // expected-note {{'from_chars' may return without giving 'wrong_arm' a value}}
  return r.ec == std::errc() ? fallback : wrong_arm + (ptr == text.data() ? 1 : 0);
}

// Another library's from_chars of the standard's protocol (fast_float's: a
// result whose `ec` is a std::errc, the value written only where it is
// std::errc{}) is judged as std::from_chars, not by its body, whose error
// path returns without writing: read where `ec` says it parsed, accepted;
// read where it failed, or with `ec` untested, reported.
#include "inputs/library_from_chars.hpp"

std::optional<double> library_parsed_accepted(std::string_view text) {
  double a;
  auto r = fastnum::from_chars(text.data(), text.data() + text.size(), a);
  if (r.ec != std::errc()) return std::nullopt;
  int b;
  if (auto [end, ec] = fastnum::from_chars(text.data(), text.data() + text.size(), b); ec != std::errc{}) {
    return std::nullopt;
  }
  long c;
  if (fastnum::from_chars(text.data(), text.data() + text.size(), c).ec == std::errc{}) return static_cast<double>(c);
  int d;  // the same name returning a flag: its body writes d where it returns true
  if (!fastnum::from_chars(text.data(), text.data() + text.size(), d, 10)) return std::nullopt;
  return a + b + d;
}
double library_parsed_rejected(std::string_view text) {
  double on_failure;                             // expected-error {{'on_failure' is declared without a value}}
  auto r = fastnum::from_chars(text.data(), text.data() + text.size(), on_failure);  // expected-note {{'from_chars' may return without giving 'on_failure' a value}}
  if (r.ec == std::errc()) return 0;
  double untested;                               // expected-error {{'untested' is declared without a value}}
  fastnum::from_chars(text.data(), text.data() + text.size(), untested);  // expected-note {{'from_chars' may return without giving 'untested' a value}}
  return on_failure + untested;
}

// std::to_chars of an integer into the whole of a buffer big enough for any
// value of its type cannot fail, and writes [buf, p): reading only that
// prefix is accepted.
std::string printed_accepted(int n, long long big, unsigned long long mask) {
  std::array<char, 16> buf;
  auto [p, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), n);
  std::string out(buf.data(), p);
  std::array<char, 20> wide;
  const auto r = std::to_chars(wide.data(), wide.data() + wide.size(), big);
  out += std::string_view(wide.data(), static_cast<std::size_t>(r.ptr - wide.data()));
  std::array<char, 64> bits;
  auto [end, error] = std::to_chars(bits.data(), bits.data() + bits.size(), mask, 2);
  out.append(bits.data(), end);
  std::array<char, 32> shortest;                 // a double's shortest text: 24 characters at most
  const auto d = std::to_chars(shortest.data(), shortest.data() + shortest.size(), static_cast<double>(n) / 3);
  out.append(shortest.data(), d.ptr);
  return out;
}
std::string printed_rejected(int n, long long big, double x) {
  std::array<char, 8> small;                     // expected-error {{'small' is declared without a value}}
  auto [p, ec] = std::to_chars(small.data(), small.data() + small.size(), n);  // may not fit: fails, writes nothing expected-note {{'data' is called on 'small' here, before it is given a value; a member function may read it}}
  std::string out(small.data(), p);
  std::array<char, 16> whole;                    // expected-error {{'whole' is declared without a value}}
  auto [q, qec] = std::to_chars(whole.data(), whole.data() + whole.size(), n);  // expected-note {{'data' is called on 'whole' here, before it is given a value; a member function may read it}}
  out.append(whole.data(), whole.size());        // past q: never written
  std::array<char, 64> bits;                     // expected-error {{'bits' is declared without a value}}
  auto [b, bec] = std::to_chars(bits.data(), bits.data() + bits.size(), big, 2);  // 64 digits and a sign expected-note {{'data' is called on 'bits' here, before it is given a value; a member function may read it}}
  out.append(bits.data(), b);
  std::array<char, 16> real;                     // expected-error {{'real' is declared without a value}}
  auto [f, fec] = std::to_chars(real.data(), real.data() + real.size(), x);  // 24 characters at most expected-note {{'data' is called on 'real' here, before it is given a value; a member function may read it}}
  out.append(real.data(), f);
  std::array<char, 64> fixed;                    // expected-error {{'fixed' is declared without a value}}
  auto [g, gec] = std::to_chars(fixed.data(), fixed.data() + fixed.size(), x, std::chars_format::fixed);  // 1e308 expected-note {{'data' is called on 'fixed' here, before it is given a value; a member function may read it}}
  out.append(fixed.data(), g);
  return out + (q == whole.data() ? "" : "x") + (ec == qec && bec == fec && gec == ec ? "" : "y");
}

// A to_chars that may fail (a floating-point value, a buffer too small for
// every value) writes [buf, p) only where `ec` says it succeeded: read only
// there (past `if (ec != std::errc{}) return ...;`, in the branch of an
// if whose init is the call), it is accepted. So are more readers of that
// prefix: a stream's write, an insert, a length held in a local.
std::string printed_where_succeeded(double x, unsigned long long big, int n, std::ostream& os, std::string& out) {
  std::array<char, 64> real;
  auto [p, ec] = std::to_chars(real.data(), real.data() + real.size(), x);
  if (ec != std::errc{}) return {};
  std::string text(real.data(), p);
  std::array<char, 8> small;
  const auto r = std::to_chars(small.data(), small.data() + small.size(), big);
  if (r.ec != std::errc()) throw std::runtime_error("too big");
  text.append(small.data(), r.ptr);
  std::array<char, 32> fixed;
  if (auto [q, qec] = std::to_chars(fixed.data(), fixed.data() + fixed.size(), x, std::chars_format::fixed, 2);
      qec == std::errc{}) {
    text += std::string_view(fixed.data(), static_cast<std::size_t>(q - fixed.data()));
  }
  std::array<char, 16> streamed;
  auto [s, sec] = std::to_chars(streamed.data(), streamed.data() + streamed.size(), n);
  os.write(streamed.data(), s - streamed.data());
  std::array<char, 16> inserted;
  const auto w = std::to_chars(inserted.data(), inserted.data() + inserted.size(), n);
  out.insert(out.end(), inserted.data(), w.ptr);
  std::array<char, 16> measured;
  const auto m = std::to_chars(measured.data(), measured.data() + measured.size(), n);
  const auto length = static_cast<std::size_t>(m.ptr - measured.data());
  std::string chosen = text + std::string(measured.data(), length) + (sec == std::errc{} ? "" : "!");
  // An end chosen by the call's own test: nothing where it failed.
  char digits[64];
  const auto [last, lec] = std::to_chars(digits, digits + sizeof digits, static_cast<long double>(x));
  return chosen + std::string(digits, lec == std::errc() ? last : digits);
}
std::string printed_where_it_may_fail(double x, int n, std::ostream& os) {
  std::array<char, 16> untested;                 // expected-error {{'untested' is declared without a value}}
  auto [p, ec] = std::to_chars(untested.data(), untested.data() + untested.size(), x);  // expected-note {{'data' is called on 'untested' here, before it is given a value; a member function may read it}}
  std::string text(untested.data(), p);          // on failure p is the end: all of it unspecified
  std::array<char, 16> logged;                   // expected-error {{'logged' is declared without a value}}
  auto [q, qec] = std::to_chars(logged.data(), logged.data() + logged.size(), x);  // expected-note {{'data' is called on 'logged' here, before it is given a value; a member function may read it}}
  if (qec != std::errc{}) std::puts("failed");   // does not leave
  text.append(logged.data(), q);
  std::array<char, 16> inverted;                 // expected-error {{'inverted' is declared without a value}}
  if (auto [e, eec] = std::to_chars(inverted.data(), inverted.data() + inverted.size(), x); eec != std::errc{}) {  // expected-note {{'data' is called on 'inverted' here, before it is given a value; a member function may read it}}
    text.append(inverted.data(), e);             // read where it failed
  }
  std::array<char, 16> grown;                    // expected-error {{'grown' is declared without a value}}
  const auto g = std::to_chars(grown.data(), grown.data() + grown.size(), n);  // expected-note {{'data' is called on 'grown' here, before it is given a value; a member function may read it}}
  auto length = static_cast<std::size_t>(g.ptr - grown.data());
  length += 4;                                   // past the written prefix
  text.append(grown.data(), length);
  std::array<char, 16> whole;                    // expected-error {{'whole' is declared without a value}}
  auto [h, hec] = std::to_chars(whole.data(), whole.data() + whole.size(), n);  // expected-note {{'data' is called on 'whole' here, before it is given a value; a member function may read it}}
  os.write(whole.data(), static_cast<std::streamsize>(whole.size()));
  std::array<char, 8> swapped;                   // expected-error {{'swapped' is declared without a value}}
  const auto o = std::to_chars(swapped.data(), swapped.data() + swapped.size(), x);  // expected-note {{'data' is called on 'swapped' here, before it is given a value; a member function may read it}}
  text += std::string(swapped.data(), o.ec == std::errc{} ? swapped.data() : o.ptr);  // the end where it failed
  return text + (ec == hec && h != nullptr ? "" : "?");
}

// The written length alone, `p - buf.data()` returned or compared, reads no
// character of the buffer (the service's "append and say how much" helper);
// a character read at or past the end still is.
std::size_t printed_length_accepted(std::vector<char>& out, int n) {
  std::array<char, 12> digits;
  const auto r = std::to_chars(digits.data(), digits.data() + digits.size(), n);
  if (r.ec != std::errc()) return 0;
  out.insert(out.end(), digits.data(), r.ptr);
  std::array<char, 12> counted;
  auto [p, ec] = std::to_chars(counted.data(), counted.data() + counted.size(), n);
  const bool long_text = p - counted.data() > 4;
  return static_cast<std::size_t>(r.ptr - digits.data()) + (long_text ? 1 : 0);
}
std::size_t printed_length_rejected(int n) {
  std::array<char, 12> tail;                     // expected-error {{'tail' is declared without a value}}
  const auto r = std::to_chars(tail.data(), tail.data() + tail.size(), n);  // expected-note {{'data' is called on 'tail' here, before it is given a value; a member function may read it}}
  const auto length = static_cast<std::size_t>(r.ptr - tail.data());
  return length + static_cast<std::size_t>(tail[length]);  // the character past the written prefix
}

// An asm statement's write-only output operand (`=`) gives the variable
// its value; a read-write one (`+`) or an input reads it first.
std::uint64_t asm_outputs(std::uint32_t seed) {
  std::uint32_t lo, hi;
  asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
  std::uint32_t eax, edx;
  asm volatile("rdpkru" : "=a"(eax), "=d"(edx) : "c"(0));
  std::uint32_t both;                            // expected-error {{'both' is declared without a value}}
  asm volatile("addl %1, %0" : "+r"(both) : "r"(seed));  // expected-note {{'both' is used here before it is given a value}}
  std::uint32_t fed;                             // expected-error {{'fed' is declared without a value}}
  asm volatile("movl %1, %0" : "=r"(fed) : "r"(fed));  // expected-note {{'fed' is used here before it is given a value}}
  return (std::uint64_t{hi} << 32 | lo) + eax + edx + both + fed;
}

// `int x, y;`: each declarator is judged on its own, and reported at its
// own name.
int multi_declarators(bool flag) {
  int x, y;
  x = 1;
  y = 2;
  int p, q;                                      // expected-error {{'q' is declared without a value}}
  p = 3;
  int m, n = m;                                  // expected-error {{'m' is declared without a value}} expected-note {{'m' is used here before it is given a value}}
  m = 1;
  int s, t;                                      // expected-error {{'s' is declared without a value}}
  if (flag) s = 1;  // expected-note {{'s' is given a value here, but not on every path to where it is read}}
  t = 2;
  return x + y + p + q + m + n + s + t;  // expected-note {{'q' is used here before it is given a value}}
}
int extracted_rejected(std::istream& in) {
  int unchecked;                                 // expected-error {{'unchecked' is declared without a value}}
  in >> unchecked;  // expected-note {{'unchecked' is used here before it is given a value}}
  int stays;                                     // expected-error {{'stays' is declared without a value}}
  if (!(in >> stays)) { }  // expected-note {{'stays' is used here before it is given a value}}
  int other_way;                                 // expected-error {{'other_way' is declared without a value}}
  if (in >> other_way) return other_way;  // expected-note {{'other_way' is used here before it is given a value}}
  Pair2 p;                                       // expected-error {{'p' is declared without a value}}
  if (!(in >> p)) return 0;  // expected-note {{'p' is used here before it is given a value}}
  return unchecked + stays + other_way + p.v;
}

// Still accepted.
class Account {
 public:
  explicit Account(int64_t balance) : balance_(balance) {}
  int64_t balance() const { return balance_; }

 private:
  int64_t balance_;                              // set by every constructor
};

int accepted(bool flag) {
  int n = 0;
  int m{};
  double ratio(0.5);
  int values[4] = {};
  std::array<int, 3> triple{};
  Point p{};
  Pair pair;                                     // every field has an initialiser
  std::string text;                              // std::string's constructor initialises it
  std::vector<int> list;
  static int calls;                              // zero-initialised (a static)
  Account account(5);
  for (int v : values) n += v;
  try {
    if (flag) throw 1;
  } catch (int code) {
    n += code;
  }
  return n + m + static_cast<int>(ratio) + triple[0] + p.x + pair.first + static_cast<int>(text.size() + list.size()) +
         calls + static_cast<int>(account.balance());
}

// The *_for_overwrite factories default-initialise on purpose.
void overwrite_factories() {
  auto counts = std::make_unique_for_overwrite<int[]>(8);    // expected-error {{std::make_unique_for_overwrite leaves the new int indeterminate}}
  auto one = std::make_shared_for_overwrite<double>();        // expected-error {{std::make_shared_for_overwrite leaves the new double indeterminate}}
  auto text = std::make_unique_for_overwrite<std::string>();  // a class with a constructor: fine
  auto zeroed = std::make_unique<int[]>(8);                   // value-initialised: fine
  (void)counts; (void)one; (void)text; (void)zeroed;
}

// Templates: judged in their instantiations, reported once at the template.
template <class T>
T first_or_default(const std::vector<T>& items) {
  T result;                                      // expected-error {{'result' is declared without a value and is left indeterminate when the template is instantiated with int}}
  if (!items.empty()) result = items.front();  // expected-note {{'result' is given a value here, but not on every path to where it is read}}
  return result;
}

// The type is named as the instantiation makes it, not by the template's
// alias for it (fplus' `f_rettype v_trans;`).
template <class F>
auto apply_alias(F f, bool ok) {
  using result_type = std::decay_t<decltype(f())>;
  result_type r;                                 // expected-error {{'r' is declared without a value and is left indeterminate when the template is instantiated with int (as result_type); initialise it}}
  if (ok) r = f();  // expected-note {{'r' is given a value here, but not on every path to where it is read}}
  return r;
}
inline int use_apply_alias() { return apply_alias([] { return 1; }, true); }

template <class T>
T value_initialised(const std::vector<T>& items) {
  T result{};                                    // value-initialised: fine for every T
  if (!items.empty()) result = items.front();
  return result;
}

// Given a value before any read, in each instantiation: accepted.
template <class T, int N>
T filled_in_template(const T& seed) {
  T values[N];
  for (int i = 0; i < N; ++i) values[i] = seed;
  T last;
  last = values[N - 1];
  return last;
}
template <class T, int N>
T half_filled_in_template(const T& seed) {
  T values[N];                                   // expected-error {{'values' is declared without a value and is left indeterminate when the template is instantiated with int[4]}}
  for (int i = 0; i < N / 2; ++i) values[i] = seed;  // expected-note {{'values' is used here before it is given a value}}
  return values[N - 1];
}

int use_templates() {
  const int filled = filled_in_template<int, 4>(1) + half_filled_in_template<int, 4>(1);
  const std::vector<int> numbers{1, 2};
  const std::vector<std::string> words{"a"};
  return first_or_default(numbers) + static_cast<int>(first_or_default(words).size()) + first_or_default(numbers) +
         value_initialised(numbers) + static_cast<int>(value_initialised(words).size()) + filled;
}

// clang's own -Wuninitialized already warns on some of the cases below
// (`std::string s = s + "x";`, mem-initialisers reading a later member; not
// `int n = n + 1;` nor default member initialisers): its warnings are not
// what this file tests.
#pragma clang diagnostic ignored "-Wuninitialized"

// An initialiser that reads what it initialises: the value is indeterminate
// (for a class, the object is not even constructed yet). A scalar of static
// storage reads the zero it starts with: defined, but surely a mistake.
const int seeded = seeded * 2 + 1;        // expected-error {{'seeded' is read in its own initialiser, where it still holds the zero static storage starts with; initialise it from other values [meshwa-uninitialized]}}
int self_initialisation(int x) {
  int n = n + 1;                          // expected-error {{'n' is read in its own initialiser, before it holds a value (undefined behaviour); initialise it from other values [meshwa-uninitialized]}}
  std::string s = s + "x";                // expected-error {{'s' is read in its own initialiser}}
  auto copy = [copy = x] { return copy; };  // the init-capture is a new variable: fine
  const std::size_t size = sizeof(size) + alignof(decltype(size));  // unevaluated: fine
  std::function<int(int)> countdown = [&countdown](int k) { return k > 0 ? countdown(k - 1) : 0; };  // a reference, called later: fine
  std::function<int()> broken = [broken] { return broken ? 1 : 0; };  // expected-error {{'broken' is read in its own initialiser}}
  return n + static_cast<int>(s.size() + size) + copy() + countdown(3) + broken();
}

// A static member named through the object reads nothing of it; a
// non-static one does.
struct Limits {
  enum Kind { small, large };
  static constexpr int kDefault = 8;
  static int preset() { return 4; }
  explicit Limits(int v) : value(v) {}
  int current() const { return value; }
  int value;
};
int static_members_of_itself() {
  Limits a(a.preset());                   // a static member function: fine
  Limits b(b.kDefault);                   // a static data member: fine
  Limits c(c.large);                      // an enumerator: fine
  Limits d(d.current());                  // expected-error {{'d' is read in its own initialiser}}
  Limits e(e.value);                      // expected-error {{'e' is read in its own initialiser}}
  return a.value + b.value + c.value + d.value + e.value;
}

// Members are initialised in declaration order (after the bases), whatever
// the order of the mem-initialisers: reading a member declared later reads
// nothing yet.
struct Later {
  int a = b + 1;                          // expected-error {{member 'b' is read in the initialiser of 'a', which runs before 'b' is initialised (members are initialised in the order they are declared, after the bases); declare 'b' first, or compute the value from the constructor's parameters [meshwa-uninitialized]}}
  int b = 2;                              // expected-note {{'b' is declared here}}
  int c = c * 2;                          // expected-error {{member 'c' is read in its own initialiser}}
};
struct Texts {
  std::string head = tail;                // expected-error {{member 'tail' is read in the initialiser of 'head'}}
  std::string tail = "x";                 // expected-note {{'tail' is declared here}}
};
class Ordered {
 public:
  explicit Ordered(int x) : a_(b_ + x), b_(x) {}  // expected-error {{member 'b_' is read in the initialiser of 'a_', which runs before 'b_' is initialised}}
  Ordered(int x, int y) : a_(x), b_(a_ + y) {}    // a_ is declared first: fine
  Ordered() : a_(this->b_), b_(0) {}              // expected-error {{member 'b_' is read in the initialiser of 'a_'}}
  int a() const { return a_ + b_; }

 private:
  int a_;
  int b_;                                 // expected-note 2 {{'b_' is declared here}}
};
// Where a later C array member is (its decay, std::begin / std::end /
// std::data of it: xtensor's svector) is no read of its elements; an
// element is.
template <class T, std::size_t N>
struct SmallBuffer {
  T* begin_ = std::begin(data_);          // its place: fine
  T* end_ = std::end(data_);
  T* data_ptr_ = std::data(data_);
  T* decayed_ = data_;
  T first_ = data_[0];                    // expected-error {{member 'data_' is read in the initialiser of 'first_'}}
  T data_[N];                             // expected-note {{'data_' is declared here}}
};
struct PlainBuffer {
  int* begin_ = std::begin(data_);        // fine
  int* end_ = data_ + 4;                  // fine: its place
  int sum_ = *std::begin(data_);          // expected-error {{member 'data_' is read in the initialiser of 'sum_'}}
  int data_[4] = {};                      // expected-note {{'data_' is declared here}}
};
inline int use_small_buffer() { SmallBuffer<int, 4> b{}; PlainBuffer p; return b.first_ + p.sum_; }
// A reference member bound to a later member names it without reading it
// (clang's -Wuninitialized agrees); a copy of it reads it.
struct BoundLater {
  BoundLater() : view(store), part(store.inner), store(3), copy(0) {}   // binds, reads nothing: fine
  explicit BoundLater(int) : view(store), part(store.inner), store(copy), copy(4) {}  // expected-error {{member 'copy' is read in the initialiser of 'store'}}
  struct Holder { explicit Holder(int v) : inner(v) {} int inner; };
  const Holder& view;
  const int& part;
  Holder store;
  int copy;                               // expected-note {{'copy' is declared here}}
};
// A delegating constructor's arguments run before any member is
// initialised: reading one there reads nothing yet.
struct Delegating {
  Delegating() : Delegating(count) {}           // expected-error {{member 'count' is read in the arguments of the delegating constructor call, which run before any member is initialised (the constructor called initialises them all); pass a value from this constructor's parameters or a constant instead [meshwa-uninitialized]}}
  explicit Delegating(const char*) : Delegating(name.size()) {}  // expected-error {{member 'name' is read in the arguments of the delegating constructor call}}
  explicit Delegating(int v) : count(v) {}
  explicit Delegating(std::size_t n) : count(static_cast<int>(n)) {}
  Delegating(int*, int) : Delegating(kStart) {}  // a static member: fine
  Delegating(int*, int*) : Delegating(&count) {} // its address: fine
  explicit Delegating(int* p) : count(0), where(p) {}
  static constexpr int kStart = 1;
  int count;                                     // expected-note {{'count' is declared here}}
  int* where = nullptr;
  std::string name;                              // expected-note {{'name' is declared here}}
};
// In a class template too, where the call is kept as an initialiser of the
// class's own type until instantiation: the constructor called gives the
// fields their values.
template <class T>
struct DelegatingTemplate {
  DelegatingTemplate() : DelegatingTemplate(T{}) {}  // gives 'value' a value: fine
  DelegatingTemplate(int, int) : DelegatingTemplate(value) {}  // expected-error {{member 'value' is read in the arguments of the delegating constructor call}}
  explicit DelegatingTemplate(T v) : value(v) {}
  T value;                                       // expected-note {{'value' is declared here}}
};
inline int use_delegating_template() {
  return DelegatingTemplate<int>().value + DelegatingTemplate<int>(1, 2).value;
}
struct BoundThroughReference {
  BoundThroughReference() : first(second), second(first) {}  // expected-error {{member 'second' is read in the initialiser of 'first'}}
  const int& first;
  const int& second;                      // expected-note {{'second' is declared here}}
};
struct BoundDefault {
  std::string& alias = text;              // binds, reads nothing: fine
  std::size_t length = text.size();       // expected-error {{member 'text' is read in the initialiser of 'length'}}
  std::string text = "x";                 // expected-note {{'text' is declared here}}
};
struct Base {
  explicit Base(int v) : value(v) {}
  int value;
};
struct Derived : Base {
  Derived() : Base(own), own(1) {}        // expected-error {{member 'own' is read in the initialiser of base 'Base', which runs before 'own' is initialised (bases are initialised before every member, whatever the order of the members or of the initialiser list, so declaring 'own' first does not help); pass the value 'own' would be given instead (from the constructor's parameters or a constant), or move 'own' into a base listed before 'Base' (the base-from-member idiom) [meshwa-uninitialized]}}
  int own;                                // expected-note {{'own' is declared here}}
};
// A base constructor taking a reference reads through it when its body
// (or its mem-initialisers) uses the value: the usual way to hand a value
// to a base. One that only keeps the reference (or the address) does not.
struct RefBase {
  explicit RefBase(const int& x) : value(x) {}  // expected-note 3 {{the constructor of 'RefBase' reads 'own' here}}
  int value;
};
struct RefDerived : RefBase {
  RefDerived() : RefBase(own), own(5) {}  // expected-error {{member 'own' is read by the constructor of 'RefBase' through a reference parameter, in the initialiser of base 'RefBase', which runs before 'own' is initialised (bases are initialised before every member}}
  int own;                                // expected-note {{'own' is declared here}}
};
struct RefDerivedDefault : RefBase {
  RefDerivedDefault() : RefBase(own) {}   // expected-error {{member 'own' is read by the constructor of 'RefBase' through a reference parameter}}
  int own = 5;                            // expected-note {{'own' is declared here}}
};
struct BodyReadsBase {
  explicit BodyReadsBase(const std::string& s) { size = s.size(); }  // expected-note {{the constructor of 'BodyReadsBase' reads 'name' here}}
  std::size_t size = 0;
};
struct BodyReads : BodyReadsBase {
  BodyReads() : BodyReadsBase(name) {}    // expected-error {{member 'name' is read by the constructor of 'BodyReadsBase' through a reference parameter}}
  std::string name = "n";                 // expected-note {{'name' is declared here}}
};
struct ForwardingBase : RefBase {
  explicit ForwardingBase(const int& x) : RefBase(x) {}  // handed on to a constructor that reads it
};
struct Forwarded : ForwardingBase {
  Forwarded() : ForwardingBase(own) {}    // expected-error {{member 'own' is read by the constructor of 'ForwardingBase' through a reference parameter}}
  int own = 1;                            // expected-note {{'own' is declared here}}
};
class KeepsRef {
 public:
  explicit KeepsRef(std::string& s) : s_(s), addr_(&s), wrapped_(std::ref(s)) {}
  std::size_t size() const { return s_.size(); }

 private:
  std::string& s_;
  const std::string* addr_;
  std::reference_wrapper<std::string> wrapped_;
};
struct KeepsOnly : KeepsRef {
  KeepsOnly() : KeepsRef(later) {}        // only kept, read later: fine
  std::string later = "x";
};
class Declared {
 public:
  explicit Declared(const int& x);        // defined in another file: trusted
};
struct UsesDeclared : Declared {
  UsesDeclared() : Declared(own) {}
  int own = 1;
};

// A mem-initialiser or default member initialiser calling a member function
// of the class whose body reads a member not initialised yet.
class Computed {
 public:
  Computed() : a_(compute()), b_(7) {}    // expected-error {{member 'b_' is read by 'compute', called in the initialiser of 'a_', which runs before 'b_' is initialised (members are initialised in the order they are declared, after the bases); declare 'b_' first, or compute the value from the constructor's parameters [meshwa-uninitialized]}}
  explicit Computed(int x) : a_(twice(x)), b_(x) {}  // reads only its parameter: fine
  int sum() const { return a_ + b_ + c_; }

 private:
  int compute() const { return helper() * 2; }
  int helper() const { return b_ + 1; }   // expected-note 2 {{'helper' reads 'b_' here}}
  static int twice(int x) { return x * 2; }
  int early() const { return a_; }
  int a_;
  int c_ = early() + compute();           // expected-error {{member 'b_' is read by 'compute', called in the initialiser of 'c_'}}
  int b_;                                 // expected-note 2 {{'b_' is declared here}}
};
class SetsLater {
 public:
  SetsLater() : a_(init()), b_(2) {}      // init() only writes b_ (overwritten by b_(2)) and reads a parameter-free constant: fine
  int get() const { return a_ + b_; }

 private:
  int init() { b_ = 0; return 1; }
  int a_;
  int b_;
};
struct UsesB {
  UsesB(int x) : a(x), b(b + 1) {}        // expected-error {{member 'b' is read in its own initialiser}}
  int a;
  int b;
};

// Still accepted: naming a later member without reading it, or reading it
// only later.
class Parser {
 public:
  explicit Parser(std::string& text) : text_(text) {}
  std::size_t size() const { return text_.size(); }

 private:
  std::string& text_;
};
struct Wired {
  Parser parser{buffer};                  // a reference kept by the user's own class: fine
  std::function<std::size_t()> measure = [this] { return buffer.size() + later; };  // runs later: fine
  const std::string* where = &buffer;     // an address, not a read (raw-pointer's business)
  std::size_t width = sizeof(buffer);     // unevaluated: fine
  std::string buffer = "abc";
  int later = 1;
};

// Class templates: a field or base whose type does not depend on the
// template parameters is judged at the template; a dependent one in each
// instantiation, reported once at the field, with a note at the instantiation.
template <class T>
struct TBox {
  TBox() {}                                      // expected-note {{this constructor leaves 'v' without a value}}
  T v;                                           // expected-error {{member 'v' has no default member initialiser, so an object built without setting it holds an indeterminate value when the template is instantiated with int; write one, e.g. {} (value-initialisation works for every type) [meshwa-uninitialized]}}
};
template <class T>
struct THalf {
  THalf() {}                                     // expected-note {{this constructor leaves 'x' without a value}}
  int x;                                         // expected-error {{member 'x' has no default member initialiser, so an object built without setting it holds an indeterminate value; write one, e.g. {} or = 0 [meshwa-uninitialized]}}
  T t{};
};
template <class T>
struct NeverInstantiated {
  NeverInstantiated() {}                         // expected-note {{this constructor leaves 'ratio' without a value}}
  double ratio;                                  // expected-error {{member 'ratio' has no default member initialiser}}
  T later;                                       // no instantiation: nothing to judge
};
template <class T>
struct TDerived : T {                            // expected-error {{base 'T' (Point) is left with indeterminate members by a constructor that does not initialise it}}
  TDerived() {}                                  // expected-note {{this constructor leaves base 'T' without a value}}
};
template <class T>
struct TNode {
  TNode() {}                                     // expected-note {{this constructor leaves 'value' without a value}}
  T value;                                       // expected-error {{member 'value' has no default member initialiser, so an object built without setting it holds an indeterminate value when the template is instantiated with double *}}
};
int use_class_templates() {
  TBox<std::string> names;                       // fine: std::string initialises itself
  TBox<int> b;                                   // expected-note {{in the instantiation 'TBox<int>' here}}
  TBox<long> again;                              // reported once, at the field
  THalf<char> h;
  TDerived<Point> d;                             // expected-note {{in the instantiation 'TDerived<Point>' here}}
  TDerived<Pair> fine_base;
  TNode<std::string> text;
  TNode<double*> ptr;                            // expected-note {{in the instantiation 'TNode<double *>' here}}
  return b.v + h.x + d.x + static_cast<int>(names.v.size() + text.value.size()) + static_cast<int>(again.v) +
         fine_base.first + (ptr.value != nullptr ? 1 : 0);
}

// Still accepted: class templates whose fields are initialised, by a default
// member initialiser or by every constructor, and bases initialised in the
// constructor.
template <class T>
struct TGood {
  TGood() : count(0), item() {}
  explicit TGood(T t) : count(1), item(t) {}
  int count;
  T item;
  T other{};
  int flag = 0;
};
template <class T>
struct TGoodBase : T {
  TGoodBase() : T{} {}
};
int use_good_templates() {
  TGood<int> a;
  TGood<double> b(2.0);
  TGoodBase<Point> c;
  return a.count + a.item + a.other + a.flag + b.count + c.x;
}

// A local a library's macro declares without a value (gtest's EXPECT_DEATH
// and its `DeathTest* gtest_dt;`, written through an out-parameter) is the
// library's; the user's own locals inside the macro are checked.
#include "inputs/library_macros.hpp"

int library_macro_locals() {
  LIB_EXPECT_DEATH((void)0);
  LIB_EXPECT_DEATH(int n; (void)n);              // expected-error {{'n' is declared without a value}} expected-note {{'n' is used here before it is given a value}}
  return 0;
}

// A library base handed a member it only keeps a reference to: a Spirit Qi
// grammar built from its start rule, declared after the base
// (`G() : G::base_type(start) {}`). A library constructor is looked into
// like a constructor of the user's; one that reads the member (copies it),
// or whose body is not visible, reads. In a class template whose base
// depends on the template parameters, it is judged in the instantiations.
#include "inputs/library_grammar.hpp"

struct KeptGrammar : lib::grammar<int()> {
  KeptGrammar() : lib::grammar<int()>(start, "kept") {}  // only kept: fine
  lib::rule<int()> start;
};
struct KeptStdGrammar : lib::std_grammar<int()> {
  KeptStdGrammar() : base_type(start) {}   // std::cref: fine
  lib::rule<int()> start;
};
struct CopyingGrammar : lib::copying_grammar<int()> {
  CopyingGrammar() : base_type(start) {}   // expected-error {{member 'start' is read in the initialiser of base 'base_type'}}
  lib::rule<int()> start;                  // expected-note {{'start' is declared here}}
};
struct OpaqueGrammar : lib::opaque_grammar<int()> {
  OpaqueGrammar() : base_type(start) {}    // expected-error {{member 'start' is read in the initialiser of base 'base_type'}}
  lib::rule<int()> start;                  // expected-note {{'start' is declared here}}
};
// A library constructor that keeps the reference but also uses it, in its
// body or through the member it keeps it in, is no mere keeper: locking a
// mutex not constructed yet.
struct LocksTooEarly {
  std::lock_guard<std::mutex> guard{mutex};  // expected-error {{member 'mutex' is read in the initialiser of 'guard'}}
  std::mutex mutex;                        // expected-note {{'mutex' is declared here}}
};
// std::tuple of references only binds them (std::tie's result, kept).
struct TiedLater {
  std::tuple<std::string&> refs{name};  // only kept: fine
  std::tuple<int&, std::string&> both{count, name};  // likewise
  std::string name = "n";
  int count = 0;
};
template <class It>
struct KeptTemplateGrammar : lib::grammar<It> {
  KeptTemplateGrammar() : KeptTemplateGrammar::base_type(start) {}  // only kept, in every instantiation: fine
  lib::rule<It> start;
};
template <class It>
struct CopyingTemplateGrammar : lib::copying_grammar<It> {
  CopyingTemplateGrammar() : CopyingTemplateGrammar::base_type(start) {}  // expected-error {{member 'start' is read in the initialiser of base 'CopyingTemplateGrammar<It>::base_type'}}
  lib::rule<It> start;                     // expected-note {{'start' is declared here}}
};
template <class T>
struct ValueBase {
  explicit ValueBase(const T& x) : value(x) {}  // expected-note {{reads 'own' here}}
  T value;
};
template <class T>
struct ReadsTemplateBase : ValueBase<T> {
  ReadsTemplateBase() : ValueBase<T>(own) {}  // expected-error {{member 'own' is read by the constructor of}}
  T own{};                                 // expected-note {{'own' is declared here}}
};
template <class T>
struct NeverBuilt : ValueBase<T> {
  NeverBuilt() : ValueBase<T>(own) {}      // no instantiation runs this constructor: nothing to judge
  T own{};
};
int use_grammars() {
  KeptGrammar a;
  KeptStdGrammar b;
  CopyingGrammar c;
  OpaqueGrammar d;
  KeptTemplateGrammar<char> e;
  KeptTemplateGrammar<int> f;
  CopyingTemplateGrammar<char> g;
  CopyingTemplateGrammar<int> h;
  ReadsTemplateBase<int> i;
  TiedLater j;
  return static_cast<int>(a.start.name.size() + b.start.name.size() + c.start.name.size() + d.start.name.size() +
                          e.start.name.size() + f.start.name.size() + g.start.name.size() + h.start.name.size()) +
         i.own + std::get<0>(j.both);
}

// Out-parameters: a local handed to a non-const reference parameter is
// given a value by the call when the callee's body (looked into with the
// same walk, twelve calls deep) writes it on every path before reading it or
// returning; or, tested by the caller, on the paths that return what the
// caller tests for. A function declared here and defined in another file
// is trusted (as constructors are); a library function whose body is not
// visible is not (std::from_chars of a double writes only on success).
namespace out_params {
void use(int);
void use(double);
struct Pt {
  int x;
  int y;
};
bool parse(std::string_view text, int& value) {
  if (text.empty()) return false;                // expected-note 2 {{'parse' can return here without giving 'value' a value}}
  value = static_cast<int>(text.size());
  return true;
}
void get_ratio(double& d) { d = 0.5; }
void read_count(std::istream& in, std::size_t& n) {
  if (!(in >> n)) n = 0;
}
void fill_point(Pt& p) {
  p.x = 1;
  p.y = 2;
}
void zero_point(Pt& p) { std::memset(&p, 0, sizeof p); }
void fill_all(int (&a)[4]) {
  for (int i = 0; i < 4; ++i) a[i] = 0;
}
void bump(int& n) { ++n; }                       // expected-note {{'bump' uses 'n' here before giving it a value}}
void sometimes(bool c, int& n) {
  if (c) n = 1;
}                                                // expected-note {{'sometimes' can return here without giving 'n' a value}}
void early_out(bool bad, int& v) {
  if (bad) return;                               // expected-note {{'early_out' can return here without giving 'v' a value}}
  v = 1;
}
void throws_first(bool bad, int& v) {
  if (bad) throw std::exception();               // a throw: the caller does not go on
  v = 1;
}
bool try_get(const std::vector<std::pair<int, int>>& entries, int key, int& out) {
  for (const auto& e : entries) {
    if (e.first == key) {
      out = e.second;
      return true;
    }
  }
  return false;                                  // expected-note {{'try_get' can return here without giving 'out' a value}}
}
int status_of(int k, int& out) {
  if (k < 0) return -1;
  out = k;
  return 0;
}
bool digits(std::string_view s, int& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}
bool forwarded(std::string_view s, int& out) { return digits(s, out); }
bool caught(const std::string& s, int& out) {
  try {
    out = std::stoi(s);
  } catch (const std::exception&) {
    return false;
  }
  return true;
}
void get_ratio_int(int& v);                      // declared only (defined in another file): trusted
void chained(int& v) { get_ratio_int(v); }
void declared_only(int& out);
struct Source {
  bool next(int& v) const {
    v = 3;
    return true;
  }
};
int compute();

int accepted(std::string_view text, std::istream& in, const std::vector<std::pair<int, int>>& entries,
             const Source& source) {
  int value;
  if (!parse(text, value)) return -1;
  double d;
  get_ratio(d);
  std::size_t n;
  read_count(in, n);
  Pt p;
  fill_point(p);
  Pt q;
  zero_point(q);
  int a[4];
  fill_all(a);
  int t;
  throws_first(text.empty(), t);
  int found;
  if (!try_get(entries, 1, found)) return -1;
  int maybe_found;
  if (try_get(entries, 2, maybe_found)) use(maybe_found);  // read only where it was written
  int status;
  if (status_of(3, status) != 0) return -1;
  int status2;
  if (status_of(4, status2) < 0) return -1;
  int parsed;
  if (!digits(text, parsed) || parsed < 0) return -1;
  int via;
  if (!forwarded(text, via)) return -1;
  int caught_value;
  if (!caught(std::string(text), caught_value)) return -1;
  int far;
  chained(far);
  int elsewhere;
  declared_only(elsewhere);
  int member;
  (void)source.next(member);
  int looped;
  while (try_get(entries, 3, looped)) use(looped);
  int unread;
  const bool ok = parse(text, unread);           // `unread` named nowhere else: nothing reads it
  return value + static_cast<int>(d + static_cast<double>(n)) + p.x + p.y + q.y + a[3] + t + found + status + status2 +
         parsed + via + caught_value + far + elsewhere + member + (ok ? 1 : 0);
}

int rejected(std::string_view text, const std::vector<std::pair<int, int>>& entries, bool c) {
  int n;                                         // expected-error {{'n' is declared without a value}}
  bump(n);
  int m;                                         // expected-error {{'m' is declared without a value}}
  sometimes(c, m);
  int e;                                         // expected-error {{'e' is declared without a value}}
  early_out(c, e);
  int untested;                                  // expected-error {{'untested' is declared without a value}}
  try_get(entries, 1, untested);                 // expected-note {{'try_get' may return without giving 'untested' a value; test what it returns before reading 'untested'}}
  int wrong_way;                                 // expected-error {{'wrong_way' is declared without a value}}
  if (try_get(entries, 1, wrong_way)) return 0;  // read where it was not written expected-note {{'wrong_way' is used here before it is given a value}}
  int read_after;                                // expected-error {{'read_after' is declared without a value}}
  if (try_get(entries, 1, read_after)) use(read_after);  // expected-note {{'read_after' is used here before it is given a value}}
  use(read_after);
  int status;                                    // expected-error {{'status' is declared without a value}}
  if (status_of(3, status) > 0) return 0;        // -1 is not > 0: not written there expected-note {{'status' is used here before it is given a value}}
  int not_parsed;                                // expected-error {{'not_parsed' is declared without a value}}
  parse(text, not_parsed);                       // expected-note {{'parse' may return without giving 'not_parsed' a value; test what it returns before reading 'not_parsed'}}
  double lib;                                    // expected-error {{'lib' is declared without a value}}
  std::from_chars(text.data(), text.data() + text.size(), lib);  // expected-note {{'from_chars' is a library function whose body is not visible, so it is not taken to give 'lib' a value}}
  int swapped;                                   // expected-error {{'swapped' is declared without a value}}
  int other = 2;
  std::swap(swapped, other);                     // expected-note {{'swap' uses 'swapped' here before giving it a value}}
  return n + m + e + untested + wrong_way + read_after + status + not_parsed + static_cast<int>(lib) + swapped +
         other;
}

// `return f(x);`: the function ends with the call, so the callee alone
// decides: one that gives x a value, or reads nothing (`try_get` returning
// false untouched), leaves nothing to read; one that reads it first does.
int returns_writer(int& v) {
  v = 7;
  return v;
}
int& returns_alias(int& v) { return v; }         // expected-note {{'returns_alias' uses 'v' here before giving it a value}}
int returned_calls(const std::vector<std::pair<int, int>>& entries, bool c) {
  int written;
  if (c) return returns_writer(written);
  int probed;
  if (!c) return try_get(entries, 1, probed);
  int last;
  return try_get(entries, 2, last);
}
int returned_bump() {
  int n;                                         // expected-error {{'n' is declared without a value}}
  return (bump(n), 0);  // expected-note {{'n' is used here before it is given a value}}
}
int returned_alias() {
  int a;                                         // expected-error {{'a' is declared without a value}}
  return returns_alias(a);
}
int returned_then_read(bool c) {
  int r;                                         // expected-error {{'r' is declared without a value}}
  if (c) return returns_writer(r);  // expected-note {{'r' is used here before it is given a value}}
  return r;
}

// A callee's switch over the kinds of a value (a library's parser:
// nlohmann's get_arithmetic_value) writes when each label's way, up to its
// break, writes or throws; a function object's call operator is looked into
// like a function (the variable handed on as std::forward<T>(out) of a
// forwarding reference), a lambda taking it as an argument too; and chains
// of calls deeper than four, as libraries make them (nlohmann's `j.get_to(p)` reaches the user's
// from_json four calls down, and its `get_to(p.x)` the write four or five
// further).
namespace kinds {
enum class Kind { integer, real, text };
struct Value {
  Kind kind;
  long i;
  double f;
};
template <class T>
void number_of(const Value& v, T& out) {
  switch (v.kind) {
    case Kind::integer: {
      out = static_cast<T>(v.i);
      break;
    }
    case Kind::real:
      out = static_cast<T>(v.f);
      break;
    default:
      throw std::invalid_argument("not a number");
  }
}
template <class T>
void every_kind(const Value& v, T& out) {
  switch (v.kind) {  // a label for every enumerator: one of them runs
    case Kind::integer:
    case Kind::real:
      out = static_cast<T>(v.i);
      break;
    case Kind::text:
      out = T{};
      break;
  }
}
struct NumberFn {
  template <class T>
  void operator()(const Value& v, T&& out) const {
    number_of(v, std::forward<T>(out));
  }
};
inline constexpr NumberFn read_number{};
template <class T>
void layer3(const Value& v, T& out) {
  read_number(v, out);
}
template <class T>
void layer2(const Value& v, T& out) {
  layer3(v, out);
}
template <class T>
void layer1(const Value& v, T& out) {
  layer2(v, out);
}
struct Reading {
  int count;
  double ratio;
};
void read_reading(const Value& v, Reading& r) {
  layer1(v, r.count);
  layer1(v, r.ratio);
}
template <class T>
void get_to(const Value& v, T& out) {
  layer1(v, out);
}
void get_reading(const Value& v, Reading& r) { read_reading(v, r); }

int accepted(const Value& v) {
  int n;
  number_of(v, n);
  int all;
  every_kind(v, all);
  double d;
  read_number(v, d);
  long deep;
  get_to(v, deep);
  Reading r;
  get_reading(v, r);  // every field, seven calls down
  auto set = [](int& x) { x = 1; };
  int by_argument;
  set(by_argument);
  return n + all + static_cast<int>(d) + static_cast<int>(deep) + r.count + static_cast<int>(r.ratio) + by_argument;
}

template <class T>
void text_breaks(const Value& v, T& out) {
  switch (v.kind) {
    case Kind::integer:
      out = static_cast<T>(v.i);
      break;
    case Kind::text:
      break;  // leaves the switch without a value
    default:
      throw std::invalid_argument("not a number");
  }
}  // expected-note {{'text_breaks' can return here without giving 'out' a value}}
template <class T>
void no_default(const Value& v, T& out) {
  switch (static_cast<int>(v.kind)) {  // an int: any value but these two skips both
    case 0:
      out = static_cast<T>(v.i);
      break;
    case 1:
      out = static_cast<T>(v.f);
      break;
  }
}  // expected-note {{'no_default' can return here without giving 'out' a value}}
template <class T>
void breaks_early(const Value& v, bool c, T& out) {
  switch (v.kind) {
    case Kind::integer:
      if (c) break;  // leaves the switch without a value
      out = static_cast<T>(v.i);
      break;
    default:
      out = T{};
  }
}  // expected-note {{'breaks_early' can return here without giving 'out' a value}}
struct PeekFn {
  void operator()(int& out) const { use(out); }  // expected-note {{'operator()' uses 'out' here before giving it a value}}
};
int rejected(const Value& v, bool c) {
  int t;  // expected-error {{'t' is declared without a value}}
  text_breaks(v, t);
  int nd;  // expected-error {{'nd' is declared without a value}}
  no_default(v, nd);
  int early;  // expected-error {{'early' is declared without a value}}
  breaks_early(v, c, early);
  int peeked;  // expected-error {{'peeked' is declared without a value}}
  PeekFn{}(peeked);
  return t + nd + early + peeked;
}
}  // namespace kinds

// A lambda capturing the local by reference, called at once or through the
// local holding it, is looked into the same way. std::call_once is not a
// call at once: it runs the lambda only the first time for its flag.
int lambdas(bool c) {
  int at_once;
  [&] { at_once = compute(); }();
  int init_later;
  auto init = [&](int k) { init_later = k; };
  init(3);
  int tested;
  if (![&] {
        if (c) return false;
        tested = 1;
        return true;
      }()) {
    return -1;
  }
  int written_then_read;
  auto both = [&] {
    written_then_read = 1;
    use(written_then_read);
  };
  both();
  return at_once + init_later + tested + written_then_read;
}
int lambdas_rejected(bool c) {
  int never_called;                              // expected-error {{'never_called' is declared without a value}}
  auto set = [&] { never_called = 1; };  // expected-note {{'never_called' is used here before it is given a value}}
  use(never_called);
  int called_late;                               // expected-error {{'called_late' is declared without a value}}
  auto set_late = [&] { called_late = 1; };  // expected-note {{'called_late' is used here before it is given a value}}
  use(called_late);
  set_late();
  int read_inside;                               // expected-error {{'read_inside' is declared without a value}}
  [&] {
    use(read_inside);                            // expected-note {{the lambda uses 'read_inside' here before giving it a value}}
    read_inside = 1;
  }();
  int by_copy;                                   // expected-error {{'by_copy' is declared without a value}}
  [=]() mutable { by_copy = 1; }();              // writes its own copy expected-note {{'by_copy' is used here before it is given a value}}
  int once;                                      // expected-error {{'once' is declared without a value}}
  static std::once_flag flag;
  std::call_once(flag, [&] { once = 1; });  // expected-note {{'once' is used here before it is given a value}}
  int one_path;                                  // expected-error {{'one_path' is declared without a value}}
  [&] {
    if (c) return;                               // expected-note {{the lambda can return here without giving 'one_path' a value}}
    one_path = 1;
  }();
  set();
  return never_called + called_late + read_inside + by_copy + once + one_path;
}

// A field handed over is given a value like an assignment to it: every
// field given one, by assignments or such calls, gives the struct one.
struct Header {
  std::uint32_t magic;
  std::uint32_t size;
};
struct Pair {
  Pt first;
  Pt second;
};
void read_u32(std::uint32_t& v);                 // declared only: trusted
void half_point(Pt& p) { p.x = 0; }              // expected-note {{'half_point' can return here without giving 'p' a value}}
int fields_by_call() {
  Header h;
  read_u32(h.magic);
  read_u32(h.size);
  Pair both;
  fill_point(both.first);
  both.second = Pt{1, 2};
  return static_cast<int>(h.magic + h.size) + both.first.x + both.second.y;
}
int fields_by_call_rejected() {
  Header h;                                      // expected-error {{'h' is declared without a value}}
  read_u32(h.magic);  // expected-note {{'h' is used here before it is given a value}}
  Pair half;                                     // expected-error {{'half' is declared without a value}}
  fill_point(half.first);
  half_point(half.second);
  return static_cast<int>(h.magic + h.size) + half.second.y;
}

// A callee returning what another returns passes its values on; a test
// whose other operand reads the local may read it before the call.
enum class Status { ok, bad };
Status lookup(int k, int& v) {
  if (k < 0) return Status::bad;
  v = k;
  return Status::ok;
}
Status lookup_again(int k, int& v) { return lookup(k, v); }
int get_one(int& v) {
  v = 1;
  return 1;
}
int forwarded_status(int k) {
  int v;
  if (lookup_again(k, v) != Status::ok) return -1;
  return v;
}
int unsequenced_or_static() {
  int v;                                         // expected-error {{'v' is declared without a value}}
  if (get_one(v) == v) return 1;  // expected-note {{'v' is used here before it is given a value}}
  int w;                                         // expected-error {{'w' is declared without a value}}
  static auto set = [&] { w = 1; };              // made in the first call only: writes that call's w expected-note {{'w' is used here before it is given a value}}
  set();
  return w;
}

// Juliet's CWE457 _43 flow: the source function, in the same file, gives
// the value (goodG2B) or does not (bad).
struct TwoInts {
  int intOne;
  int intTwo;
};
void bad_source(int& data) { ; }                 // expected-note {{'bad_source' can return here without giving 'data' a value}}
void good_source(int& data) { data = 5; }
void bad_struct_source(TwoInts& data) { data.intOne = 1; }  // expected-note {{'bad_struct_source' can return here without giving 'data' a value}}
void good_struct_source(TwoInts& data) {
  data.intOne = 1;
  data.intTwo = 2;
}
// What the call returned, kept in a local of its own type and tested by the
// next statement, decides as the call tested there would.
int stored_results(std::string_view text) {
  int v;
  const bool ok = parse(text, v);
  if (!ok) return -1;
  int w;
  const int rc = status_of(v, w);
  if (rc != 0 || w < 0) return rc;
  return v + w;
}
// Every use of the local in the call and in the if that tests what it
// kept (CLI11's add_option_function: `bool result = lexical_conversion(res,
// variable); if (result) func(variable); return result;`): read only where
// it was written, and nowhere after.
bool stored_result_confined(std::string_view text, int& out) {
  int v;
  const bool ok = parse(text, v);
  if (ok) out = v;
  return ok;
}
int stored_result_confined_rejected(std::string_view text, int& out) {
  int read_after;                                // expected-error {{'read_after' is declared without a value}}
  const bool ok = parse(text, read_after);  // expected-note {{'read_after' is used here before it is given a value}}
  if (ok) out = read_after;
  return read_after;                             // read whether or not it parsed
}
int stored_results_rejected(std::string_view text) {
  int v;                                         // expected-error {{'v' is declared without a value}}
  const bool ok = parse(text, v);  // expected-note {{'v' is used here before it is given a value}}
  if (ok) return 0;                              // tested the wrong way
  int w;                                         // expected-error {{'w' is declared without a value}}
  const int rc = status_of(v, w);  // expected-note {{'w' is used here before it is given a value}}
  if (rc > 0) return rc;                         // -1 passes
  int u;                                         // expected-error {{'u' is declared without a value}}
  const bool parsed = parse(text, u);            // expected-note {{'parse' may return without giving 'u' a value; test what it returns before reading 'u'}}
  use(0);                                        // not tested right away
  if (!parsed) return -1;
  return v + w + u;
}

// A return between the writes of the fields leaves the struct half written.
bool fill_checked(Pt& p, int k) {
  p.x = k;
  if (p.x > 3) return false;                     // expected-note {{'fill_checked' can return here without giving 'p' a value}}
  p.y = 2;
  return true;
}
int half_written(int k) {
  Pt tested;
  if (fill_checked(tested, k)) return tested.y;
  Pt untested;                                   // expected-error {{'untested' is declared without a value}}
  fill_checked(untested, k);                     // expected-note {{'fill_checked' may return without giving 'untested' a value; test what it returns before reading 'untested'}}
  return untested.y;
}
void jumps(int& v, int k) {
  if (k != 0) goto done;
  v = 1;
done:
  return;
}
int goto_in_callee(int k) {
  int v;                                         // expected-error {{'v' is declared without a value}}
  jumps(v, k);                                   // expected-note {{'jumps' holds a goto, which the rule does not follow, so it is not taken to give 'v' a value}}
  return v;
}
int juliet_43() {
  int bad;                                       // expected-error {{'bad' is declared without a value}}
  bad_source(bad);
  int good;
  good_source(good);
  TwoInts bad_struct;                            // expected-error {{'bad_struct' is declared without a value}}
  bad_struct_source(bad_struct);
  TwoInts good_struct;
  good_struct_source(good_struct);
  return bad + good + bad_struct.intTwo + good_struct.intTwo;
}
}  // namespace out_params

// A CLI11 option marked required() on a local CLI::App, then parsed: parse()
// writes it or throws (RequiredError, ConversionError), and CLI11_PARSE's
// handler returns. Near misses: anything that can drop the requirement,
// skip the parse, or check the option only when a subcommand is used.
namespace cli_required {
void use(int);
CLI::App* g_app;
enum class Mode { fast, safe };
int parsed_by_macro(int argc, char** argv) {
  CLI::App app{"svc"};
  int port;
  app.add_option("--port", port, "port")->required();
  double ratio;
  app.add_option("--ratio", ratio)->required()->check(CLI::Range(0.0, 1.0));
  Mode mode;
  app.add_option("--mode", mode)->required(true);
  std::string host;
  app.add_option("--host", host);
  CLI11_PARSE(app, argc, argv);
  use(port);
  use(ratio > 0.5);
  return mode == Mode::fast ? 1 : 0;
}
int parsed_directly(int argc, char** argv) {
  CLI::App app;
  int port;
  app.add_option("--port", port)->required();
  app.parse(argc, argv);  // throws when --port is missing
  return port;
}
int not_required(int argc, char** argv) {
  CLI::App app;
  int port;                                      // expected-error {{'port' is declared without a value}}
  app.add_option("--port", port);  // expected-note {{'add_option' uses 'port' here before giving it a value}}
  CLI11_PARSE(app, argc, argv);
  return port;
}
int required_then_dropped(int argc, char** argv) {
  CLI::App app;
  int port;                                      // expected-error {{'port' is declared without a value}}
  app.add_option("--port", port)->required()->required(false);  // expected-note {{'port' is used here before it is given a value}}
  CLI11_PARSE(app, argc, argv);
  return port;
}
int option_kept(int argc, char** argv) {
  CLI::App app;
  int port;                                      // expected-error {{'port' is declared without a value}}
  CLI::Option* opt = app.add_option("--port", port)->required();  // expected-note {{'port' is used here before it is given a value}}
  opt->required(false);
  CLI11_PARSE(app, argc, argv);
  return port;
}
int of_a_subcommand(int argc, char** argv) {  // checked only when "run" is given
  CLI::App app;
  CLI::App* run = app.add_subcommand("run");
  int port;                                      // expected-error {{'port' is declared without a value}}
  run->add_option("--port", port)->required();  // expected-note {{'port' is used here before it is given a value}}
  CLI11_PARSE(app, argc, argv);
  return port;
}
int app_reachable_elsewhere(int argc, char** argv) {
  CLI::App app;
  g_app = &app;
  int port;                                      // expected-error {{'port' is declared without a value}}
  app.add_option("--port", port)->required();  // expected-note {{'port' is used here before it is given a value}}
  CLI11_PARSE(app, argc, argv);
  return port;
}
int app_excluded(int argc, char** argv) {  // an excluded App checks no requirement
  CLI::App app;
  CLI::App other;
  app.excludes(other.add_flag("--x"));
  int port;                                      // expected-error {{'port' is declared without a value}}
  app.add_option("--port", port)->required();  // expected-note {{'port' is used here before it is given a value}}
  CLI11_PARSE(app, argc, argv);
  return port;
}
int option_removed(int argc, char** argv) {
  CLI::App app;
  int port;                                      // expected-error {{'port' is declared without a value}}
  app.add_option("--port", port)->required();  // expected-note {{'port' is used here before it is given a value}}
  app.remove_option(app.get_option("--port"));
  CLI11_PARSE(app, argc, argv);
  return port;
}
int handler_goes_on(int argc, char** argv) {
  CLI::App app;
  int port;                                      // expected-error {{'port' is declared without a value}}
  app.add_option("--port", port)->required();  // expected-note {{'port' is used here before it is given a value}}
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError&) {
  }
  return port;
}
int read_before_parse(int argc, char** argv) {
  CLI::App app;
  int port;                                      // expected-error {{'port' is declared without a value}}
  app.add_option("--port", port)->required();  // expected-note {{'port' is used here before it is given a value}}
  use(port);
  CLI11_PARSE(app, argc, argv);
  return port;
}
int parse_skipped(int argc, char** argv) {
  CLI::App app;
  int port;                                      // expected-error {{'port' is declared without a value}}
  for (int i = 0; i < 1; ++i) {
    app.add_option("--port", port)->required();  // expected-note {{'port' is used here before it is given a value}}
    if (argc > 3) break;
    CLI11_PARSE(app, argc, argv);
  }
  return port;
}
}  // namespace cli_required

// What is declared, or made, in a part of the function that never runs (a
// plain `if`, `?:`, `&&` on a constant that rules it out) is never made nor
// read: not judged. Where the constant lets it run, it is.
namespace never_run {
constexpr bool kTrace = false;
int read(int);
int traced() {
  if (kTrace) {
    int n = n + 1;
    int m;
    auto counts = std::make_unique_for_overwrite<int[]>(8);
    return read(n) + read(m) + counts[0];
  }
  return 0;
}
int traced_when_on() {
  if (!kTrace) {
    int n = n + 1;  // expected-error {{'n' is read in its own initialiser}}
    int m;  // expected-error {{'m' is declared without a value}}
    auto counts = std::make_unique_for_overwrite<int[]>(8);  // expected-error {{std::make_unique_for_overwrite leaves the new int indeterminate}}
    return read(n) + read(m) + counts[0];  // expected-note {{'m' is used here before it is given a value}}
  }
  return 0;
}
}  // namespace never_run

// A function template that nothing instantiates in this file is judged on
// its pattern, where a call of a local generic lambda with dependent
// arguments stays unresolved (xtensor's accumulator_init_with_f): the
// lambda's own body says what it does, as for a resolved call. One whose
// body may skip the write, or that is called after the read, stays rejected.
namespace unresolved_lambda_calls {
template <class E>
std::size_t loops(const E& shape, std::ptrdiff_t axis) {
  std::size_t outer, inner;
  auto set_sizes = [&outer, &inner](auto first, auto last, std::ptrdiff_t ax) {
    outer = std::accumulate(first, first + ax, std::size_t(1), std::multiplies<std::size_t>());
    inner = std::accumulate(first + ax + 1, last, std::size_t(1), std::multiplies<std::size_t>());
  };
  set_sizes(shape.begin(), shape.end(), axis);
  std::swap(outer, inner);
  return outer * inner;
}
template <class E>
std::size_t maybe(const E& shape) {
  std::size_t size;  // expected-error {{'size' is declared without a value}}
  auto set_size = [&size](auto first, auto last) {
    if (first != last) size = static_cast<std::size_t>(last - first);
  };  // expected-note {{the lambda can return here without giving 'size' a value}}
  set_size(shape.begin(), shape.end());
  std::size_t copy = size;
  return copy;
}
template <class E>
std::size_t late(const E& shape) {
  std::size_t size;  // expected-error {{'size' is declared without a value}}
  auto set_size = [&size](auto first, auto last) { size = static_cast<std::size_t>(last - first); };  // expected-note {{'size' is used here before it is given a value}}
  std::size_t copy = size;
  set_size(shape.begin(), shape.end());
  return copy;
}
}  // namespace unresolved_lambda_calls
