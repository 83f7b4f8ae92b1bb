// meshwa-raw-pointer: raw pointer variables, parameters, members, results,
// function pointers, pointers inside template arguments, address-of.
#include <cstdarg>
#include <algorithm>
#include <gmock/gmock.h>
#include <any>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <iomanip>
#include <sstream>
#include <unistd.h>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <memory_resource>
#include <optional>
#include <ranges>
#include <regex>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <meshwa/meshwa.hpp>

struct Shape {
  virtual ~Shape() = default;
};
struct Circle : Shape {
  double radius = 1;
};

struct Node {
  int value = 0;
  Node* next = nullptr;                          // expected-error {{member of raw pointer type 'Node *'; hold the object by value, in a std::unique_ptr / meshwa::Owned (owning), or as a meshwa::Ref<I> to another service [meshwa-raw-pointer]}}
  const char* label = "node";                    // expected-error {{member of raw pointer type 'const char *'; hold text as std::string, or as std::string_view when it is a literal [meshwa-raw-pointer]}}
  std::vector<Node*> children;                   // expected-error {{member type 'std::vector<Node *>' holds the raw pointer 'Node *'}}
};

int* find(std::vector<int>& v);                  // expected-error {{result of raw pointer type 'int *'; return a value}} \
                                                 // expected-note {{the pointer comes from 'find', declared here}}
void visit(const Node* node);                    // expected-error {{parameter of raw pointer type 'const Node *'; take a reference}}
void visit(const Node* node) {}                  // (the same function: reported once, at its first declaration)

int rejected(std::vector<int>& v, std::string& s) {
  int x = 1;
  int* p = &x;                                   // expected-error {{variable of raw pointer type 'int *'}} \
                                                 // expected-error {{taking an address makes a raw pointer that nothing keeps valid}}
  const char* text = s.c_str();                  // expected-error {{variable of raw pointer type 'const char *'}}
  const char* literal = "mutable pointer";       // expected-error {{variable of raw pointer type 'const char *'}}
  auto data = v.data();                          // expected-error {{variable of raw pointer type 'int *'}}
  int* found = find(v);                          // expected-error {{variable of raw pointer type 'int *'}}
  int (*fp)(std::vector<int>&) = nullptr;        // expected-error {{variable of function pointer type 'int (*)(std::vector<int> &)'; raw function pointers escape every check}}
  std::function<void(int*)> callback;            // expected-error {{variable type 'std::function<void (int *)>' holds the raw pointer 'int *'}}
  auto method = &std::string::size;              // expected-error {{variable of member function pointer type}} \
                                                 // expected-error {{taking a member pointer (&Class::member) makes a raw pointer}}
  Circle c;
  Shape& shape = c;
  auto* kept = dynamic_cast<Circle*>(&shape);    // expected-error {{variable of raw pointer type 'Circle *'}}
  (void)text; (void)literal; (void)data; (void)fp; (void)callback; (void)method; (void)kept; (void)found;
  return *p;
}

struct Item {
  int score = 0;
};
int bindings_and_projections(std::string& s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);  // expected-note {{'end' is bound here}}
  const bool all = end == s.data() + s.size();   // comparing it: the idiom, accepted
  s.clear();
  v += *end;                                     // expected-error {{reading through structured binding 'end', a raw pointer that nothing keeps valid; compare it with the buffer's end if you must, but read from the container itself (or a std::string_view of it) [meshwa-raw-pointer]}}
  auto score = &Item::score;                     // expected-error {{variable of member pointer type 'int Item::*'; a member pointer may be null, and reading through a null one is undefined behaviour: use a callable that reads the member instead (a template parameter or std::function given [](const Item& i) { return i.<member>; }), or an enum that names the member [meshwa-raw-pointer]}} \
                                                 // expected-error {{taking a member pointer (&Class::member) makes a raw pointer; read the member in a lambda instead, e.g. [](const Item& i) { return i.score; } as a projection}}
  (void)score;
  return v + static_cast<int>(ec) + static_cast<int>(all);
}

// The `ptr` of std::from_chars / std::to_chars read as a C string (up to a
// NUL the parsed or written buffer need not have); with its end it is read
// within the buffer, and comparing it is the idiom.
std::size_t chars_result_as_c_string(std::string_view text, std::ostream& out) {
  int v = 0;
  const char* const last = text.data() + text.size();  // expected-error {{variable of raw pointer type 'const char *const'}}
  auto [ptr, ec] = std::from_chars(text.data(), last, v);  // expected-note 3 {{'ptr' is bound here}}
  out << std::quoted(ptr);                       // expected-error {{'quoted' reads 'ptr' as a C string, up to a NUL terminator that the buffer std::from_chars or std::to_chars worked on need not have there; read the rest with its end, the 'last' you passed: std::string(ptr, last) or std::string_view(ptr, static_cast<std::size_t>(last - ptr)) [meshwa-raw-pointer]}}
  out << ptr;                                    // expected-error {{'operator<<' reads 'ptr' as a C string}}
  std::string rest(ptr);                         // expected-error {{'basic_string' reads 'ptr' as a C string}}
  const auto res = std::from_chars(text.data(), last, v);  // expected-note {{'res' is declared here}}
  std::string_view tail(res.ptr);                // expected-error {{'basic_string_view' reads 'res.ptr' as a C string}}
  std::string whole(ptr, last);                  // with its end: accepted
  std::string_view rest_view(ptr, static_cast<std::size_t>(last - ptr));
  out << (ptr == last) << static_cast<int>(ec);  // compared: accepted
  return rest.size() + tail.size() + whole.size() + rest_view.size();
}

// Still accepted.
struct Counter {
  int count = 0;
  Counter& operator=(const Counter& other) {
    if (&other == this) return *this;            // an identity test keeps no pointer
    count = other.count;
    return *this;
  }
  void bump() { this->count++; }
  auto adder() { return [this](int n) { count += n; }; }
};

constexpr const char* kName = "constant";        // a constant pointer to a literal
const char* const kOther = "also constant";
constexpr std::array<const char*, 3> kTiers = {"standard", "silver", "gold"};  // a constant table of literals
const char* const kDays[] = {"mon", "tue"};
std::array<const char*, 2> kMutableTable = {"a", "b"};          // expected-error {{variable type 'std::array<const char *, 2>' holds the raw pointer 'const char *'}}
const std::array<const char*, 3> kShortTable = {"a", "b"};      // expected-error {{holds the raw pointer 'const char *'}}

// A type that `auto` deduced through the standard library's internals is
// named as the type it stands for, not as the library's reserved spelling
// (`typename __strip_reference_wrapper<const char *>::__type`); a type the
// code spells itself keeps its spelling.
auto student_record() { return std::make_tuple(3.8, 'A', "name"); }  // expected-error {{result type 'std::tuple<double, char, const char *>' holds the raw pointer 'const char *'}}
using Grades = std::tuple<double, const char*>;
Grades grades_record();  // expected-error {{result type 'Grades' holds the raw pointer 'const char *'}}

// Constant tables of literals with a key next to each pointer: the usual
// enum-to-name table. Every pointer in the constant points into a literal.
enum class Level { low, mid, high };
constexpr std::array<std::pair<Level, const char*>, 3> kLevelNames{{
    {Level::low, "low"}, {Level::mid, "mid"}, {Level::high, "high"}}};
constexpr std::pair<int, const char*> kStatusTexts[] = {{200, "OK"}, {404, "Not Found"}};
const std::pair<int, const char*> kFallback{500, "Internal Server Error"};
std::pair<int, const char*> kMutablePair{1, "a"};               // expected-error {{variable type 'std::pair<int, const char *>' holds the raw pointer 'const char *'}}
const std::pair<int, const char*> kNullText{1, nullptr};        // expected-error {{variable type 'const std::pair<int, const char *>' holds the raw pointer 'const char *'}}
const std::string kOwner = "owner";
const std::pair<int, const char*> kIntoString{1, kOwner.c_str()};  // expected-error {{variable type 'const std::pair<int, const char *>' holds the raw pointer 'const char *'}}

// A loop over a braced list of literals, or over a constant table of them:
// each element is a literal. Pointing the loop variable elsewhere is not.
int count_extensions(const std::string& file, const std::string& other) {
  int n = 0;
  for (const char* ext : {".jpg", ".png", ".gif"}) n += file.ends_with(ext) ? 1 : 0;
  for (const char* tier : kTiers) n += file == tier ? 1 : 0;
  for (const char* repointed : {"a", "b"}) {        // expected-error {{variable of raw pointer type 'const char *'}}
    repointed = other.c_str();
    n += file == repointed ? 1 : 0;
  }
  const std::string first = "x";
  for (const char* owned : {first.c_str(), "b"}) n += file == owned ? 1 : 0;  // expected-error {{variable of raw pointer type 'const char *'}}
  return n;
}

// A const std::initializer_list made from braces of literals is such a table
// (its array lives as long as the variable, its elements are const), and a
// loop may bind a const reference to each element (`const char* const&`,
// which cannot be pointed elsewhere). A list that can be reassigned, one
// holding a non-literal, one nested in another object (whose array dies at
// the end of the declaration), and a reference into a table that can change
// are not.
int count_listed_words(const std::string& file, const std::string& other) {
  int n = 0;
  const auto kinds = {".jpg", ".png"};
  for (const auto& kind : kinds) n += file.ends_with(kind) ? 1 : 0;
  for (auto&& word : {"this", "that"}) n += file == word ? 1 : 0;
  for (const auto& tier : kTiers) n += file == tier ? 1 : 0;
  auto reassignable = {"a", "b"};                 // expected-error {{variable type 'std::initializer_list<const char *>' holds the raw pointer 'const char *'}}
  const auto owned = {other.c_str(), "b"};        // expected-error {{variable type 'const std::initializer_list<const char *>' holds the raw pointer 'const char *'}}
  for (const auto& text : owned) n += file == text ? 1 : 0;                // expected-error {{variable type 'const char *const &' holds the raw pointer 'const char *const'}}
  for (const auto& text : {other.c_str(), "b"}) n += file == text ? 1 : 0;  // expected-error {{variable type 'const char *const &' holds the raw pointer 'const char *const'}}
  for (auto& slot : kMutableTable) n += file == slot ? 1 : 0;              // expected-error {{variable type 'value_type &' holds the raw pointer}}
  const std::pair<int, std::initializer_list<const char*>> nested{1, {"a"}};  // expected-error {{holds the raw pointer 'const char *'}}
  return n + static_cast<int>(reassignable.size() + nested.second.size());
}

// Interface methods are the service boundary: a raw pointer there is
// meshwa-boundary-type's to report (once, with the boundary's remedy:
// a value, `const T&`, meshwa::Owned, meshwa::Result). A non-virtual helper
// of the interface is ordinary code.
class MESHWA_INTERFACE Names {
 public:
  virtual ~Names() = default;
  virtual const char* name(int id) = 0;
  virtual void rename(int id, std::string* out) = 0;
  const char* helper(const std::string& s) const { return s.c_str(); }  // expected-error {{result of raw pointer type 'const char *'}}
};

int active_int(const std::variant<int, std::string>& v) {
  if (const auto* n = std::get_if<int>(&v)) return *n;  // checked variant access, scoped to the if
  const auto* text = std::get_if<std::string>(&v);  // expected-error {{variable of raw pointer type}}
  return text != nullptr ? 1 : 0;
}

double radius_of(Shape& shape) {
  if (auto* circle = dynamic_cast<Circle*>(&shape)) return circle->radius;  // checked downcast, scoped to the if
  return 0;
}

int accepted(std::vector<int>& v, const std::string& s, std::array<int, 3>& a, std::map<std::string, int>& m) {
  int& first = v[0];
  const std::string& name = s;
  std::puts(s.c_str());                          // passed straight to a call
  std::string_view view = "literal";
  auto owner = std::make_unique<int>(4);
  auto it = a.begin();                           // std::array<int, 3>::iterator is a pointer in libstdc++
  auto found = m.find("k");
  auto callback = [&first](int n) { first += n; };
  callback(1);
  std::function<int(int)> twice = [](int n) { return 2 * n; };
  return first + static_cast<int>(name.size() + view.size()) + *owner + *it + twice(1) +
         (found == m.end() ? 0 : found->second) + static_cast<int>(std::string_view(kName).size() + std::string_view(kOther).size());
}

// Algorithms on containers whose iterators are pointers in libstdc++
// (std::array, std::string_view) return iterators too.
int algorithms_on_pointer_iterators(const std::array<int, 4>& arr, std::string_view sv, int x) {
  auto it = std::find(arr.begin(), arr.end(), x);
  auto low = std::lower_bound(arr.begin(), arr.end(), x);
  auto comma = std::find(sv.begin(), sv.end(), ',');
  auto top = std::max_element(arr.begin(), arr.end());
  auto ranged = std::ranges::find(arr, x);
  if (it == arr.end() || comma == sv.end() || ranged == arr.end()) return -1;
  return static_cast<int>(it - arr.begin()) + static_cast<int>(low - arr.begin()) + *top;
}

int main(int argc, char** argv) { return argc > 1 && argv[1] != nullptr ? 1 : 0; }

// Another library's container whose iterators are pointers, declared as its
// member typedefs in a system header (absl::InlinedVector<T, N>::iterator,
// fmt::format_parse_context::iterator, whose `parse(ctx) ->
// decltype(ctx.begin())` every fmt formatter writes): iterators like
// std::array's. A pointer typedef of service code, one outside a class, and
// data() stay raw pointers.
#include "inputs/library_containers.hpp"
struct Formatter {
  constexpr auto parse(lib::ParseContext& ctx) -> decltype(ctx.begin()) { return ctx.begin(); }
};
struct OwnRange {
  using iterator = int*;
  iterator begin();  // expected-error {{result of raw pointer type 'iterator'}} expected-note {{the pointer comes from 'begin', declared here}}
};
int library_iterators(lib::SmallVector<int, 4>& v, OwnRange& own) {
  lib::SmallVector<int, 4>::iterator first = v.begin();
  auto last = v.end();
  OwnRange::iterator mine = own.begin();  // expected-error {{variable of raw pointer type 'OwnRange::iterator'}}
  lib::raw_iterator raw = v.data();       // expected-error {{variable of raw pointer type 'lib::raw_iterator'}}
  int* data = v.data();                   // expected-error {{variable of raw pointer type 'int *'}}
  return static_cast<int>(last - first) + *mine + *raw + *data;
}

// A raw pointer handed to generic code: the template is checked as written,
// where `p` is not known to be a pointer, so `p[3]` there goes unchecked.
template <class P>
auto at3(P p) {                                  // expected-note 2 {{'p' is declared here}}
  return p[3];
}
template <class T>
auto first_of(T&& range_like) {                  // expected-note {{'range_like' is declared here}}
  return *range_like;
}
template <class... Args>
std::size_t count_args(Args&&... args) {         // expected-note {{'args' is declared here}}
  return sizeof...(args);
}
int oob_via_template() {
  std::vector<int> v(2);
  return at3(v.data());                          // expected-error {{a raw pointer handed to 'at3', a template whose parameter 'p' is generic: templates are checked as written, so indexing or arithmetic on it there is not checked; pass the container itself or a std::span of it [meshwa-raw-pointer]}}
}
int oob_via_generic_lambda() {
  std::vector<int> v(2);
  auto peek = [](auto p, int i) { return p[i]; };  // expected-note {{'p' is declared here}}
  return peek(v.data(), 10);                     // expected-error-re {{a raw pointer handed to the lambda at raw-pointer.cpp:{{[0-9]+}}:15, whose parameter 'p' is generic: generic lambdas are checked as written, so indexing or arithmetic on it there is not checked; pass the container itself or a std::span of it [meshwa-raw-pointer]}}
}
char through_forwarding(const std::string& s) {
  return first_of(s.c_str());                    // expected-error {{a raw pointer handed to 'first_of'}}
}
std::size_t through_a_pack(std::vector<int>& v) {
  return count_args(1, v.data());                // expected-error {{a raw pointer handed to 'count_args'}}
}

// Accepted: values, containers and spans into templates; string literals;
// library templates over .data() (the library's code).
template <class T>
T twice(T value) {
  return value + value;
}
template <class T>
std::size_t length_of(const T& text) {
  return std::string_view(text).size();
}
int generic_values(std::vector<int>& v, const std::string& s) {
  const auto sum = [](const auto& c) {
    int n = 0;
    for (int x : c) n += x;
    return n;
  };
  const int found = static_cast<int>(std::count(v.data(), v.data() + v.size(), 3));
  return twice(2) + sum(v) + static_cast<int>(length_of("literal") + length_of(s)) + found;
}

// std::addressof and __builtin_addressof are `&x` spelled as a call: the same
// raw pointer that nothing keeps valid, with the same exemptions as `&`.
struct Ledger {
  int total = 0;
  Ledger& operator=(const Ledger& other) {
    if (std::addressof(other) == this) return *this;  // an identity test keeps no pointer
    total = other.total;
    return *this;
  }
};
bool same_text(const std::string& a, const std::string& b) {
  return std::addressof(a) != std::addressof(b);      // identity comparison, accepted
}
double radius_via_addressof(Shape& shape) {
  if (auto* circle = dynamic_cast<Circle*>(std::addressof(shape))) return circle->radius;  // checked downcast
  return 0;
}
int active_int_via_addressof(const std::variant<int, std::string>& v) {
  if (const auto* n = std::get_if<int>(std::addressof(v))) return *n;  // checked variant access
  return 0;
}
void keep_address(std::string& s, std::vector<int>& v) {
  std::function<std::size_t()> size_of{[p = std::addressof(s)] { return p->size(); }};  // expected-error {{variable of raw pointer type 'std::basic_string<char> *'}} expected-error {{std::addressof takes an address like '&' and makes a raw pointer that nothing keeps valid; pass the object by reference instead, or own it with std::unique_ptr [meshwa-raw-pointer]}}
  (void)size_of;
  std::sort(std::addressof(v[0]), std::addressof(v[0]) + v.size());  // expected-error 2 {{std::addressof takes an address like '&'}}
  std::fill_n(__builtin_addressof(v[0]), 3, 0);      // expected-error {{__builtin_addressof takes an address like '&' and makes a raw pointer}}
  (void)(__builtin_addressof(s) == nullptr);          // a comparison, like `&s == nullptr`: accepted
}
template <class T>
bool is_null(T& value) {
  return std::addressof(value) == nullptr;            // a comparison: accepted like `&value == nullptr`
}
// An identity test in a template of a namespace that declares an operator==
// (boost::intrusive's tests): with operands that depend on a parameter, the
// comparison is an unresolved operator call in the template as written, and
// accepted when every instantiation makes it the built-in pointer comparison.
namespace with_equality {
struct Tag {};
bool operator==(const Tag&, const Tag&);
struct Holder {
  int n = 0;
};
bool operator==(const Holder& h, const int* p);  // expected-error {{parameter of raw pointer type 'const int *'}}
template <class C>
bool is_first(C& c, typename C::iterator i) {
  return &*i == &c.front();                            // built-in in every instantiation: accepted
}
template <class T>
struct Pair {
  bool same(const T& a, const T& b) const { return &a != &b; }  // accepted
};
template <class H>
bool holds(const H& h, int& x) {
  return h == &x;                                      // expected-error {{taking an address makes a raw pointer}}
}
template <class H>
bool lacks(const H& h, int& x) {
  return h != &x;                                      // expected-error {{taking an address makes a raw pointer}}
}
// A lambda inside a function template, a member of a class nested in a
// class template: instantiated anew with each instance of the template
// around them, and judged in each (left18: their instances were not listed,
// and both were reported whatever they compared).
template <class T>
bool same_in_lambda(const T& a, const T& b) {
  const auto same = [&] { return &a == &b; };          // built-in in every instantiation: accepted
  return same();
}
template <class H>
bool holds_in_lambda(const H& h, int& x) {
  const auto held = [&] { return h == &x; };           // expected-error {{taking an address makes a raw pointer}}
  return held();
}
template <class T>
struct Outer {
  struct In {
    bool same(const T& a, const T& b) const { return &a == &b; }  // accepted
  };
};
template <class H>
struct OuterHolder {
  struct In {
    bool holds(const H& h, int& x) const { return h == &x; }  // expected-error {{taking an address makes a raw pointer}}
  };
};
bool uses(std::vector<int>& v, int& x) {
  const Pair<int> pair;
  return is_first(v, v.begin()) && pair.same(x, x) && holds(Holder{}, x) && lacks(Holder{}, x) &&
         same_in_lambda(x, x) && holds_in_lambda(Holder{}, x) && Outer<int>::In{}.same(x, x) &&
         OuterHolder<Holder>::In{}.holds(Holder{}, x);
}
}  // namespace with_equality

// Reported once, where the address is taken, like at3(&v[0]).
int addressof_into_generic_code(std::vector<int>& v) {
  return at3(std::addressof(v[0]));                   // expected-error {{std::addressof takes an address like '&'}}
}
template <class T>
void forget(std::vector<T>& v, T& value) {
  v.clear();
  std::destroy_at(std::addressof(value));             // expected-error {{std::addressof takes an address like '&'}}
}

// A std::bind_front object holding a member pointer: the `&Svc::on_event`
// is reported where it is taken, with the lambda to write instead; the
// variable, a callable object and no function pointer, is not reported too.
void on_number(int);
class BoundSvc {
 public:
  void on_event(int x) { total_ += x; }
  void run(const std::vector<int>& v) {
    auto cb = std::bind_front(&BoundSvc::on_event, this);  // expected-error {{taking a member pointer (&Class::member) makes a raw pointer; call through a lambda instead, e.g. [this](int x) { on_event(x); } [meshwa-raw-pointer]}}
    auto by_name = std::bind_front(&on_number, 1);          // the address of a function: `on_number` by another spelling
    std::vector<void (*)(int)> handlers;                    // expected-error {{variable type 'std::vector<void (*)(int)>' holds the function pointer 'void (*)(int)'; raw function pointers escape every check, use a lambda, a template parameter or std::function [meshwa-raw-pointer]}}
    auto lambda = [this](int x) { on_event(x); };
    for (int x : v) {
      cb(x);
      by_name();
      lambda(x);
    }
    (void)handlers;
  }

 private:
  int total_ = 0;
};

// Iterators of std::array, std::string_view, std::initializer_list and
// std::span handed to a user template or generic lambda over an iterator
// pair: standard iterators (libstdc++ happens to make some of them plain
// pointers), accepted like std::vector's. What a std algorithm returns for
// them too.
template <class It>
int sum_range(It first, It last) {              // expected-note {{'first' is declared here}} expected-note {{'last' is declared here}}
  int s = 0;
  for (; first != last; ++first) s += *first;
  return s;
}
int iterator_pairs_into_templates(std::array<int, 3>& a, const std::array<int, 3>& ca, std::string_view sv,
                                  std::initializer_list<int> il, std::span<int> sp) {
  auto count = [](auto first, auto last) { return std::count(first, last, 'x'); };
  return sum_range(a.begin(), a.end()) + sum_range(ca.cbegin(), ca.cend()) + sum_range(a.rbegin(), a.rend()) +
         sum_range(il.begin(), il.end()) + sum_range(sp.begin(), sp.end()) + sum_range(std::begin(a), std::end(a)) +
         static_cast<int>(count(sv.begin(), sv.end()) + count(std::cbegin(sv), std::cend(sv))) +
         sum_range(std::find(a.begin(), a.end(), 2), a.end()) + sum_range(std::ranges::find(a, 2), a.end()) +
         sum_range(std::next(a.begin()), a.end());
}
// A raw pointer made for the call stays rejected, also through a std
// algorithm that hands it back (std::find over v.data() returns v.data()'s
// kind of pointer, not an iterator of a container).
int raw_pointers_into_iterator_templates(std::array<int, 3>& a, std::vector<int>& v) {
  return sum_range(a.data(), a.data() + 1) +     // expected-error {{a raw pointer handed to 'sum_range', a template whose parameter 'first' is generic}} \
                                                 // expected-error {{a raw pointer handed to 'sum_range', a template whose parameter 'last' is generic}}
         at3(std::find(v.data(), v.data() + v.size(), 3));  // expected-error {{a raw pointer handed to 'at3'}}
}

// A member pointer handed straight to a std::ranges algorithm or view, as a
// projection or predicate: a constant offset, never null, applied by the
// library to the range's own elements. Accepted for the program's members
// and std's data members; a std member function's address is unspecified
// (the lambda is the remedy), and a member pointer going to anything else
// (std::bind, a variable) is still a raw pointer.
struct Spot {
  int x = 0;
};
struct Member {
  int age = 0;
  std::string name;
  bool adult() const { return age >= 18; }
  void grow(int years) { age += years; }
  void rename(std::string new_name) { name = std::move(new_name); }
  void place(Spot where) { age = where.x; }
};
template <class Range>
void sort_by_age(Range& r) {
  std::ranges::sort(r, {}, &Member::age);        // not resolved yet in the template: accepted too
}
template <class T>
struct Roster {
  std::vector<T> people;
  void sort() { std::ranges::sort(people, {}, &T::age); }  // a member of the template's parameter
  auto names() const { return people | std::views::transform(&T::name); }
  int first_age() const { return people.empty() ? 0 : people.front().*(&T::age); }  // expected-error {{taking an address makes a raw pointer}}
};
int member_pointers_as_projections(std::vector<Member>& members, std::vector<std::pair<std::string, int>>& pairs) {
  std::ranges::sort(members, {}, &Member::age);
  std::ranges::sort(members, std::ranges::greater{}, &Member::name);
  std::ranges::sort(pairs, {}, &std::pair<std::string, int>::second);
  sort_by_age(members);
  Roster<Member> roster{members};
  roster.sort();
  (void)roster.first_age();
  for (const std::string& n : roster.names()) (void)n;
  auto names = members | std::views::transform(&Member::name);
  auto adults = members | std::views::filter(&Member::adult);
  auto found = std::ranges::find(members, "ann", &Member::name);
  return static_cast<int>(std::ranges::distance(names) + std::ranges::distance(adults)) +
         static_cast<int>(std::ranges::count_if(members, &Member::adult)) + (found != members.end() ? 1 : 0);
}
// The same projection handed to a template of the service's own, whose
// parameter is its type parameter (it applies the member pointer, which has
// no arithmetic); not to a parameter spelled as a member pointer.
template <class Proj>
std::vector<Member> sorted_by(std::vector<Member> members, Proj proj) {
  std::ranges::sort(members, {}, proj);
  return members;
}
template <class Proj>
int sum_of(const std::vector<Member>& members, const Proj& proj) {
  int total = 0;
  for (const Member& m : members) total += std::invoke(proj, m);
  return total;
}
int sum_field(const std::vector<Member>& members, int Member::*field);  // expected-error {{parameter of member pointer type 'int Member::*'; a member pointer may be null}}
// A member function pointer parameter: a callable, not a reference, replaces it.
int call_on(Member& m, void (Member::*step)(int));  // expected-error {{parameter of member function pointer type 'void (Member::*)(int)'; raw function pointers escape every check, use a lambda, a template parameter or std::function [meshwa-raw-pointer]}}
int projections_into_own_templates(const std::vector<Member>& members) {
  return static_cast<int>(sorted_by(members, &Member::age).size() + sorted_by(members, &Member::name).size()) +
         sum_of(members, &Member::age) +
         sum_field(members, &Member::age);  // expected-error {{taking a member pointer (&Class::member) makes a raw pointer}}
}
bool member_pointers_elsewhere(std::vector<std::string>& names, std::vector<Member>& members) {
  std::ranges::for_each(members, std::bind(&Member::grow, std::placeholders::_1, 1));  // expected-error {{taking a member pointer (&Class::member) makes a raw pointer; call it in a lambda taking the object instead, e.g. [](Member& m, int years) { m.grow(years); } [meshwa-raw-pointer]}}
  // A class parameter taken by value is moved on in the suggested lambda
  // (a socket handed to an Asio handler cannot be copied).
  std::ranges::for_each(members, std::bind(&Member::rename, std::placeholders::_1, std::string("x")));  // expected-error {{e.g. [](Member& m, std::string new_name) { m.rename(std::move(new_name)); } [meshwa-raw-pointer]}}
  std::ranges::for_each(members, std::bind(&Member::place, std::placeholders::_1, Spot{}));  // expected-error {{e.g. [](Member& m, Spot where) { m.place(where); } [meshwa-raw-pointer]}}
  std::vector<int Member::*> fields{&Member::age};  // expected-error {{variable type 'std::vector<int Member::*>' holds the member pointer 'int Member::*'; a member pointer may be null}} \
                                                  // expected-error {{taking a member pointer (&Class::member) makes a raw pointer}}
  std::vector<int> ages;
  std::transform(members.begin(), members.end(), std::back_inserter(ages), std::mem_fn(&Member::age));  // expected-error {{taking a member pointer (&Class::member) makes a raw pointer; read the member in a lambda instead, e.g. [](const Member& m) { return m.age; } as a projection [meshwa-raw-pointer]}}
  (void)fields;
  return std::ranges::any_of(names, &std::string::empty) ||  // expected-error {{taking a member pointer (&Class::member) makes a raw pointer; call it in a lambda taking the object instead, e.g. [](const std::string& s) { return s.empty(); } [meshwa-raw-pointer]}}
         std::ranges::all_of(names | std::views::transform(&std::string::size), [](std::size_t n) { return n > 0; });  // expected-error {{e.g. [](const std::string& s) { return s.size(); } [meshwa-raw-pointer]}}
}
// An address given as a template argument is a constant fixed at compile
// time (a member, a function, an object of static storage): never null, never
// dangling, never reassigned. Boost.MultiIndex's member<E, int, &E::id> and
// a deleter naming its function are accepted; the same address taken at run
// time, also inside a lambda written in a template argument, is not.
template <class C, int C::*Field>
struct FieldKey {
  int operator()(const C& c) const { return c.*Field; }
};
template <int (*Fn)(int)>
struct Call {
  int operator()(int x) const { return Fn(x); }
};
int twice(int x) { return 2 * x; }
int addresses_as_template_arguments(const Member& m) {
  const FieldKey<Member, &Member::age> key;
  const Call<&twice> call;
  using Key = FieldKey<Member, &Member::age>;
  auto field = &Member::age;  // expected-error {{taking a member pointer (&Class::member) makes a raw pointer}} expected-error {{variable of member pointer type}}
  return key(m) + call(1) + Key{}(m) + m.*field;
}
// A pointer variable set from a lambda: the note points at the lambda (not
// at an 'operator()' the user never wrote).
int pointer_from_a_lambda(std::vector<int>& v) {
  auto get = [&v] { return v.data(); };         // expected-note {{the pointer comes from this lambda}}
  int* p = get();                                // expected-error {{variable of raw pointer type 'int *'}}
  return *p;
}
bool element_lambdas(std::vector<std::string>& names, std::vector<Member>& members) {
  std::ranges::sort(members, {}, [](const Member& m) { return m.age; });
  return std::ranges::any_of(names, [](const std::string& s) { return s.empty(); });
}

// consteval: the body only ever runs in the constant evaluator, where a
// dangling or out-of-bounds pointer is a compile error. Pointer parameters,
// locals and addresses there are accepted; so is the compile-time branch of
// `if consteval`. A constexpr function may also run at run time: checked.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc++23-extensions"
consteval std::uint32_t fnv1a(const char* s, std::uint32_t h = 2166136261u) {
  return *s != '\0' ? fnv1a(s + 1, (h ^ static_cast<std::uint32_t>(*s)) * 16777619u) : h;
}
consteval int consteval_locals(const int* p) {
  int a[2] = {1, 2};
  const int* q = &a[1];
  return *p + *q;
}
constexpr int constexpr_pointer(const int* p) {  // expected-error {{parameter of raw pointer type 'const int *'}}
  return *p;
}
constexpr int if_consteval_branches(int x) {
  if consteval {
    const int* p = &x;
    return *p;
  } else {
    const int* p = &x;                           // expected-error {{variable of raw pointer type 'const int *'}} \
                                                 // expected-error {{taking an address makes a raw pointer}}
    return *p;
  }
}
constexpr int if_not_consteval(int x) {
  if !consteval {
    const int* p = &x;                           // expected-error {{variable of raw pointer type 'const int *'}} \
                                                 // expected-error {{taking an address makes a raw pointer}}
    return *p;
  } else {
    const int* p = &x;
    return *p;
  }
}
// A lambda made in a consteval function is a function of its own, which
// may be called at run time.
consteval auto make_reader() {
  return [](const int* p) { return *p; };        // expected-error {{parameter of raw pointer type 'const int *'}}
}
#pragma clang diagnostic pop
std::uint32_t hashed_name() {
  static constexpr int kOne = 1;
  return fnv1a("name") + static_cast<std::uint32_t>(consteval_locals(&kOne) + if_consteval_branches(1) +  // expected-error {{taking an address makes a raw pointer}}
                                                    if_not_consteval(1) + constexpr_pointer(nullptr));
}

// The aliasing constructor of std::shared_ptr: a pointer to a subobject of
// what the first argument owns shares that ownership (keeps the owner
// alive); accepted. Any other raw pointer there stays rejected.
namespace aliasing {
struct Member { int x = 0; };
struct Owner {
  Member member;
  int field = 0;
  Member arr[2];
  std::array<Member, 2> std_arr;
  Member* raw = nullptr;  // expected-error {{member of raw pointer type 'Member *'}}
  std::vector<int> v;
};
std::shared_ptr<Member> alias_member(std::shared_ptr<Owner> owner) {
  std::shared_ptr<Member> m(owner, &owner->member);
  return m;
}
std::shared_ptr<int> alias_field(const std::shared_ptr<Owner>& sp) { return std::shared_ptr<int>(sp, &sp->field); }
std::shared_ptr<int> alias_through_get(const std::shared_ptr<Owner>& sp) {
  return std::shared_ptr<int>(sp, &sp.get()->member.x);
}
std::shared_ptr<Member> alias_deref(const std::shared_ptr<Owner>& sp) { return {sp, &(*sp).member}; }
std::shared_ptr<int> alias_moved(std::shared_ptr<Owner> sp) { return std::shared_ptr<int>(std::move(sp), &sp->field); }
std::shared_ptr<Member> alias_std_array(const std::shared_ptr<Owner>& sp) { return {sp, &sp->std_arr[1]}; }
std::shared_ptr<Member> alias_addressof(const std::shared_ptr<Owner>& sp) { return {sp, std::addressof(sp->member)}; }
class Holder {
 public:
  std::shared_ptr<Member> part() const { return std::shared_ptr<Member>(owner_, &owner_->member); }
 private:
  std::shared_ptr<Owner> owner_ = std::make_shared<Owner>();
};
std::shared_ptr<Member> alias_other_object(const std::shared_ptr<Owner>& sp, Owner& other) {
  return std::shared_ptr<Member>(sp, &other.member);  // expected-error {{taking an address makes a raw pointer}}
}
std::shared_ptr<Member> alias_other_owner(const std::shared_ptr<Owner>& sp, const std::shared_ptr<Owner>& sp2) {
  return std::shared_ptr<Member>(sp, &sp2->member);  // expected-error {{taking an address makes a raw pointer}}
}
std::shared_ptr<int> alias_through_raw_member(const std::shared_ptr<Owner>& sp) {
  return std::shared_ptr<int>(sp, &sp->raw->x);  // expected-error {{taking an address makes a raw pointer}}
}
std::shared_ptr<int> alias_vector_element(const std::shared_ptr<Owner>& sp) {
  return std::shared_ptr<int>(sp, &sp->v[0]);  // expected-error {{taking an address makes a raw pointer}}
}
// The same pointer made by a call: a container's data() (which moves when
// the container grows), another object's buffer, or with an empty owner.
struct Texts {
  std::string name;
  std::unique_ptr<int> boxed;
};
int alias_vector_data(const std::shared_ptr<Owner>& sp) {
  std::shared_ptr<int> first(sp, sp->v.data());  // expected-error {{the aliasing constructor of std::shared_ptr is given a pointer that is no subobject of what its first argument owns, so sharing that ownership does not keep it valid (a container's buffer moves when it grows or is assigned); alias a member of the owned object, std::shared_ptr<M>(sp, &sp->member), or keep the owner and an index [meshwa-raw-pointer]}} \
                                                 // expected-note {{the shared ownership is that of this std::shared_ptr}}
  sp->v.resize(1000);
  return *first;
}
std::shared_ptr<int> alias_local_data_empty_owner() {
  std::vector<int> local(4, 1);
  return std::shared_ptr<int>(std::shared_ptr<int>{}, local.data());  // expected-error {{the aliasing constructor of std::shared_ptr is given a pointer that is no subobject}} expected-note {{the shared ownership}}
}
std::shared_ptr<const char> alias_unrelated_owner(const std::string& s) {
  return std::shared_ptr<const char>(std::make_shared<int>(1), s.c_str());  // expected-error {{is given a pointer that is no subobject}} expected-note {{the shared ownership}}
}
std::shared_ptr<const char> alias_member_string(const std::shared_ptr<Texts>& sp) {
  return {sp, sp->name.c_str()};  // expected-error {{is given a pointer that is no subobject}} expected-note {{the shared ownership}}
}
std::shared_ptr<int> alias_through_owning_member(const std::shared_ptr<Texts>& sp) {
  return std::shared_ptr<int>(sp, sp->boxed.get());  // expected-error {{is given a pointer that is no subobject}} expected-note {{the shared ownership}}
}
// Accepted: the owned object itself (also cast to a base), the first
// element of a std::array subobject, a null pointer, the non-aliasing
// constructors.
struct Derived : Member {};
std::shared_ptr<Member> alias_owned_object(const std::shared_ptr<Derived>& sp) {
  if (sp == nullptr) return std::shared_ptr<Member>(sp, static_cast<Member*>(sp.get()));
  return std::shared_ptr<Member>(sp, sp.get());
}
std::shared_ptr<Member> alias_std_array_data(const std::shared_ptr<Owner>& sp) { return {sp, sp->std_arr.data()}; }
std::shared_ptr<Member> alias_null(const std::shared_ptr<Owner>& sp) { return std::shared_ptr<Member>(sp, nullptr); }
std::shared_ptr<Member> not_aliasing() { return std::shared_ptr<Member>(std::make_unique<Member>()); }
}  // namespace aliasing

// Type sugar: an alias template is the type it stands for, not the
// arguments it is spelled with. These are all int (or std::vector<int>).
std::remove_pointer_t<int*> sugar_result() { return 3; }
template <class T>
using Pointer = T*;
template <class T>
using Vec = std::vector<T>;
template <class T>
using Ignore = int;
int sugar_without_pointers() {
  std::conditional_t<false, int*, int> x = 0;
  std::vector<std::remove_pointer_t<int*>> v{1};
  std::tuple_element_t<0, std::tuple<int, const char*>> first = 2;
  std::remove_pointer_t<Pointer<int>> pointee = 3;
  Ignore<int*> ignored = 4;
  return x + v[0] + first + pointee + ignored;
}
// A pointer is still a pointer, whichever way it is spelled.
using IntPtr = int*;
void sugar_with_pointers() {
  std::add_pointer_t<int> p = nullptr;                                     // expected-error {{variable of raw pointer type 'std::add_pointer_t<int>'}}
  std::vector<std::add_pointer_t<int>> ps;                                 // expected-error {{variable type 'std::vector<std::add_pointer_t<int>>' holds the raw pointer}}
  std::tuple_element_t<1, std::tuple<int, const char*>> second = nullptr;  // expected-error {{variable of raw pointer type}}
  std::conditional_t<true, int*, int> chosen = nullptr;                    // expected-error {{variable of raw pointer type}}
  Pointer<int> q = nullptr;                                                // expected-error {{variable of raw pointer type 'Pointer<int>'}}
  Vec<int*> w;                                                             // expected-error {{variable type 'Vec<int *>' holds the raw pointer 'int *'}}
  IntPtr t = nullptr;                                                      // expected-error {{variable of raw pointer type 'IntPtr'}}
  std::vector<IntPtr> ts;                                                  // expected-error {{holds the raw pointer}}
  (void)p; (void)ps; (void)second; (void)chosen; (void)q; (void)w; (void)t; (void)ts;
}
// In a template pattern, where what an alias stands for is not known yet,
// its arguments are what there is to judge.
template <class T>
void dependent_sugar() {
  std::conditional_t<sizeof(T) == 4, T*, T> maybe{};                      // expected-error {{holds the raw pointer 'T *'}}
  (void)maybe;
}

// std::cmatch is std::match_results<const char*>: iterators into the
// searched text, like std::smatch's (and like the same type spelled with
// std::string_view::const_iterator).
bool regex_over_literal() {
  std::cmatch m;
  std::match_results<std::string_view::const_iterator> sv;
  return std::regex_search("abc", m, std::regex("b")) && sv.empty();
}

// std::any_cast<T>(&a): the checked std::any access, the same idiom as
// std::get_if<T>(&v).
int any_access(const std::any& a) {
  if (const int* n = std::any_cast<int>(&a)) return *n;  // checked, scoped to the if
  if (const auto* s = std::any_cast<std::string>(std::addressof(a))) return static_cast<int>(s->size());
  const auto* d = std::any_cast<double>(&a);    // expected-error {{variable of raw pointer type}}
  return d != nullptr ? 1 : 0;
}

// The same idioms in a template pattern, where the call is not resolved yet
// (std::get_if<T>(&v), or an argument of a generic lambda): accepted as in
// an ordinary function, and the pointer kept outside the if is rejected as
// there.
using Var = std::variant<int, std::string>;
template <class T>
T variant_or(const Var& v, T def) {
  if (const auto* p = std::get_if<T>(&v)) return *p;
  if (const auto* p = std::get_if<T>(&v); p != nullptr && *p != def) return *p;
  while (const auto* p = std::get_if<T>(&v)) return *p;
  const auto* kept = std::get_if<T>(&v);  // expected-error {{variable of raw pointer type 'const auto *'}}
  return kept != nullptr ? def : def;
}
template <class V>
int dependent_variant(const V& v) {
  if (const auto* p = std::get_if<int>(&v)) return *p;
  return 0;
}
template <class T>
T any_or(std::any& a, T def) {
  if (auto* p = std::any_cast<T>(&a)) return *p;
  if (auto* p = std::any_cast<T>(std::addressof(a)); !p) return def; else return *p;
  return def;
}
template <class T>
std::string env_in_template(const T& name) {
  if (const char* v = std::getenv(name.c_str())) return std::string(v);
  if (const char* v = std::getenv(name.c_str()); v && *v) return v;
  return {};
}
int idioms_in_templates(const Var& v, std::any& a) {
  auto from_variant = [](const auto& x) {
    if (const auto* p = std::get_if<int>(&x)) return *p;
    return 0;
  };
  auto from_any = [](auto& x) {
    if (auto* p = std::any_cast<int>(&x)) return *p;
    return 0;
  };
  return variant_or(v, 0) + dependent_variant(v) + any_or(a, 0) + from_variant(v) + from_any(a) +
         static_cast<int>(env_in_template(std::string("HOME")).size());
}

// A standard library function that reads or writes one number through a
// pointer parameter during the call, and keeps nothing: std::stol's index,
// std::modf's integral part, std::frexp's exponent, std::time's result. Also
// the C library's own name for the same function (::modf is std::modf).
long numbers_through_std_pointers(const std::string& s, double x) {
  std::size_t pos = 0;
  const long v = std::stol(s, &pos);
  double ip = 0;
  const double f = std::modf(x, &ip) + ::modf(x, std::addressof(ip));
  int e = 0;
  std::frexp(x, &e);
  std::time_t t = 0;
  std::time(&t);
  return v + static_cast<long>(pos) + static_cast<long>(f + ip) + e + static_cast<long>(t);
}
// The standard non-member atomic operations are the member functions of the
// same name called on the object the first parameter points to: the atomic
// (and compare_exchange's `expected`) is used during the call only. Not an
// operation whose result holds a pointer, nor std::atomic_load of a
// std::shared_ptr, which is no atomic object.
int atomics_through_std_pointers() {
  std::atomic<int> sum{0};
  std::atomic_fetch_add_explicit(&sum, 2, std::memory_order_relaxed);
  std::atomic_store(&sum, 3);
  int expected = 3;
  std::atomic_compare_exchange_strong(&sum, &expected, 4);
  std::atomic_flag lock = ATOMIC_FLAG_INIT;
  while (std::atomic_flag_test_and_set(&lock)) {
  }
  std::atomic_flag_clear(&lock);
  auto shared = std::make_shared<int>(1);
  auto copy = std::atomic_load(&shared);  // expected-error {{taking an address makes a raw pointer that nothing keeps valid; 'atomic_load' takes only a pointer}}
  return std::atomic_load(&sum) + *copy;
}
// clang's checked arithmetic writes its one result through the pointer
// before it returns (C23's ckd_add under another name).
bool checked_arithmetic(int a, int b, long& wide) {
  int sum = 0;
  unsigned product = 0;
  return __builtin_add_overflow(a, b, &sum) || __builtin_umul_overflow(2u, 3u, &product) ||
         __builtin_mul_overflow(a, b, &wide) || __builtin_sub_overflow(sum, b, &wide) || product == 0;
}
// Not that: a buffer (char*, void*), C's `...` (std::scanf), a template's
// iterator (std::fill_n walks it), a function outside the standard library
// (POSIX localtime_r), a std::pmr allocator (it keeps the address).
void other_addresses(int x) {
  int y = 0;
  char c = 0;
  std::memcpy(&y, &x, sizeof y);                // expected-error 2 {{taking an address makes a raw pointer that nothing keeps valid; 'memcpy' takes only a pointer, and nothing shows that it lets go of it when the call returns; use a function that takes a reference or returns the value, or mark the calling function MESHWA_UNSAFE("why") [meshwa-raw-pointer]}}
  (void)std::fgets(&c, 1, stdin);                 // expected-error {{taking an address makes a raw pointer}}
  (void)std::scanf("%d", &y);                   // expected-error {{taking an address makes a raw pointer that nothing keeps valid; pass the object by reference instead}}
  std::fill_n(&y, 1, 0);                        // expected-error {{taking an address makes a raw pointer that nothing keeps valid; pass the object by reference instead}}
  (void)__builtin_memcpy(&y, &x, sizeof y);     // expected-error 2 {{taking an address makes a raw pointer}}
  std::time_t now = 0;
  std::tm parts{};
  localtime_r(&now, &parts);                    // expected-error 2 {{'localtime_r' takes only a pointer}}
}
std::size_t local_arena() {
  std::array<std::byte, 64> buffer{};
  std::pmr::monotonic_buffer_resource arena(buffer.data(), buffer.size());
  std::pmr::vector<int> v(&arena);              // expected-error {{taking an address makes a raw pointer that nothing keeps valid; a std::pmr container or allocator keeps this pointer to its memory resource, and nothing stops it from outliving the resource; use the default resource (std::pmr::get_default_resource(), or a plain std container), or mark the calling function MESHWA_UNSAFE("why") to keep a local arena [meshwa-raw-pointer]}}
  std::pmr::vector<int> w(std::pmr::get_default_resource());
  return v.size() + w.size();
}

// A message crosses service boundaries: the remedy names what crosses
// (std::unique_ptr and std::function would be rejected there next).
struct MESHWA_MESSAGE Packet {
  int* payload = nullptr;                       // expected-error {{message member of raw pointer type 'int *'; an address means nothing to the service that receives the message: hold the object by value, as std::optional<T> if it may be absent, in a meshwa::Owned<T> or meshwa::Shared<T> (the exchange heap), or as an index or id of it [meshwa-raw-pointer]}}
  std::vector<const char*> names;               // expected-error {{message member type 'std::vector<const char *>' holds the raw pointer 'const char *'; an address means nothing}}
  void (*on_done)() = nullptr;                  // expected-error {{message member of function pointer type 'void (*)()'; code cannot cross a service boundary: hold a meshwa::Ref<I> to the service that runs it, or a value (an enum) that says what to do [meshwa-raw-pointer]}}
};

// The C++17 if-init-statement form of the checked access idioms: the pointer
// lives only in the if, like the condition form, and the condition tests it
// before anything reads through it.
std::size_t checked_in_init_statement(const std::variant<int, std::string>& v, Shape& shape, const std::any& a, int x) {
  std::size_t n = 0;
  if (const auto* s = std::get_if<std::string>(&v); s && !s->empty()) n += s->size();
  if (const auto* s = std::get_if<std::string>(&v); s != nullptr) n += s->size();
  if (const auto* s = std::get_if<std::string>(&v); nullptr != s && x > 0) n += s->size();
  if (const auto* s = std::get_if<std::string>(&v); x > 0 && s && s->size() > 2) n += s->size();
  if (const auto* s = std::get_if<std::string>(&v); !s) n += 1; else n += s->size();
  if (const auto* s = std::get_if<std::string>(&v); s == nullptr || s->empty()) n += 1; else n += s->size();
  if (const auto* c = dynamic_cast<const Circle*>(&shape); c && c->radius > 0) n += static_cast<std::size_t>(c->radius);
  if (const int* i = std::any_cast<int>(&a); i != nullptr && *i > 0) n += static_cast<std::size_t>(*i);
  return n;
}
// Not when the pointer is read without the test, may be null where it is
// read, or is pointed elsewhere inside the if.
std::size_t unchecked_in_init_statement(const std::variant<int, std::string>& v, Shape& shape, int x) {
  std::size_t n = 0;
  if (const auto* s = std::get_if<std::string>(&v); x > 0) n += s->size();  // expected-error {{variable of raw pointer type}}
  if (const auto* s = std::get_if<std::string>(&v); !s->empty() && s) n += 1;  // expected-error {{variable of raw pointer type}}
  if (const auto* s = std::get_if<std::string>(&v); s || x > 0) n += s->size();  // expected-error {{variable of raw pointer type}}
  if (const auto* s = std::get_if<std::string>(&v); s) n += 1; else n += s->size();  // expected-error {{variable of raw pointer type}}
  if (const auto* s = std::get_if<std::string>(&v); !s) n += s->size();  // expected-error {{variable of raw pointer type}}
  if (const auto* s = std::get_if<std::string>(&v); s && x > 0) {  // expected-error {{variable of raw pointer type}}
    s = nullptr;
    n += s->size();
  }
  if (auto* c = dynamic_cast<Circle*>(&shape); c) {  // expected-error {{variable of raw pointer type}}
    Circle*& alias = c;  // expected-error {{variable type 'Circle *&' holds the raw pointer}}
    n += static_cast<std::size_t>(alias->radius);
  }
  if (const auto* s = std::get_if<std::string>(&v); s) {  // expected-error {{variable of raw pointer type}}
    auto size_of = [s] { return s->size(); };  // captured: the lambda may outlive the if
    n += size_of();
  }
  const auto* kept = std::get_if<int>(&v);  // expected-error {{variable of raw pointer type}}
  if (const auto* s = std::get_if<std::string>(&v); s && kept) n += s->size();
  return n;
}

// Deleted overloads forbid a call: no pointer is ever passed or returned.
class DeletedPointerOverloads {
 public:
  explicit DeletedPointerOverloads(std::string s) : s_(std::move(s)) {}
  explicit DeletedPointerOverloads(const char*) = delete;
  void set(std::string s) { s_ = std::move(s); }
  void set(const char* p) = delete;
  void set(std::nullptr_t) = delete;
  const std::string* raw() const = delete;
  const std::string* peek() const { return &s_; }  // expected-error {{result of raw pointer type}} expected-error {{taking an address}}
  void reset(const char* p);                        // expected-error {{parameter of raw pointer type 'const char *'}}

 private:
  std::string s_;
};
template <class T>
void no_pointers(T*) = delete;

// A function that returns only literal text (string literals, __func__, a
// conditional between them) returns static storage with a terminator, like
// `constexpr const char* kName = "svc"`: accepted when its definition is in
// sight and it is not virtual (an override could return anything). Null on
// a path, a pointer into an argument, or no visible definition is reported.
enum class Verbosity { debug, info };
const char* verbosity_name(Verbosity l) {
  switch (l) {
    case Verbosity::debug: return "debug";
    case Verbosity::info: return "info";
  }
  return "?";
}
constexpr const char* short_level(int l) { return l == 0 ? "d" : "info"; }
const char* maybe_name(int l) {  // expected-error {{result of raw pointer type 'const char *'}}
  if (l != 0) return "x";
  return nullptr;
}
const char* name_elsewhere(int l);  // expected-error {{result of raw pointer type 'const char *'}}
struct Named {
  virtual ~Named() = default;
  virtual const char* kind() const { return "named"; }  // expected-error {{result of raw pointer type 'const char *'}}
};

// A va_list parameter decays to a pointer inside the compiler: it is
// banned-function's, with its own message.
int vlog(int level, va_list args);

// operator new / delete: the language fixes their void* (manual-memory
// reports a class that defines them); other pointers of the class are not.
struct PooledNode {
  static void* operator new(std::size_t n);
  static void operator delete(void* p) noexcept;
  static void* operator new[](std::size_t n, std::string& tag);
  static void* adopt(void* p);  // expected-error {{result of raw pointer type 'void *'}} expected-error {{parameter of raw pointer type 'void *'}}
};

// --- operator-> --------------------------------------------------------------
// The language requires operator-> to return a pointer. Returning `this`, the
// address of a member or the object an owning member holds is as safe as
// operator* returning a reference to it: accepted, and the `&` in it too.
struct Connection {
  int send(int x) { return x; }
};
class Lease {
 public:
  Connection& operator*() { return conn_; }
  Connection* operator->() { return &conn_; }  // #lease_arrow
  const Connection* operator->() const { return std::addressof(conn_); }

 private:
  Connection conn_;
};
class LeaseOutOfLine {
 public:
  Connection* operator->();

 private:
  struct State {
    Connection conn;
  } state_;
};
Connection* LeaseOutOfLine::operator->() { return &this->state_.conn; }
class OwningHandle {
 public:
  Connection* operator->() { return conn_.get(); }
  const Connection* operator->() const { return &*conn_; }

 private:
  std::unique_ptr<Connection> conn_ = std::make_unique<Connection>();
};
class LazyHandle {
 public:
  Connection* operator->() { return ready_ ? conn_.operator->() : &(*this).fallback_; }
  const Connection* operator->() const { return &conn_.value(); }

 private:
  bool ready_ = false;
  std::optional<Connection> conn_;
  Connection fallback_;
};
struct SelfProxy {
  int n = 0;
  SelfProxy* operator->() { return this; }
};
template <class T>
class Box {
 public:
  T* operator->() { return &value_; }
  const T* operator->() const { return held_.get(); }

 private:
  T value_{};
  std::shared_ptr<T> held_;
};
int use_arrows(Lease& l, const Lease& cl, LeaseOutOfLine& o, OwningHandle& h, LazyHandle& z, Box<Connection>& b) {
  const OwningHandle& ch = h;
  return l->send(1) + (cl.operator->() == nullptr ? 0 : 1) + o->send(2) + h->send(3) + z->send(4) + b->send(5) + (ch.operator->() != nullptr);
}
// The address of a part of a member held by value lives as long as the
// member: the compressed-pair idiom (abseil, fmt), StatusOr's variant, an
// element of a container member, a pair's half in a class template.
struct Empty {};
template <class T>
class CompressedHolder {
 public:
  T* operator->() { return &std::get<1>(rep_); }
  const T* operator->() const { return &std::get<1>(rep_); }

 private:
  std::tuple<Empty, T> rep_;
};
template <class T>
class PairHalf {
 public:
  T* operator->() { return &rep_.second; }

 private:
  std::pair<int, T> rep_;
};
class StatusOrConn {
 public:
  Connection* operator->() { return &std::get<Connection>(rep_); }
  const Connection* operator->() const { return &std::get<1>(rep_); }

 private:
  std::variant<int, Connection> rep_;
};
class NewestConn {
 public:
  Connection* operator->() { return &conns_.back(); }
  const Connection* operator->() const { return first_ ? &conns_.front() : &conns_[0]; }

 private:
  bool first_ = true;
  std::vector<Connection> conns_{Connection{}};
};
int use_part_arrows(CompressedHolder<Connection>& c, PairHalf<Connection>& p, StatusOrConn& s, NewestConn& n) {
  return c->send(1) + p->send(2) + s->send(3) + n->send(4);
}
// An iterator adaptor's operator-> returns what its operator* does: `&**this`,
// `std::addressof(operator*())`, or the element its iterator member
// designates (`&*it_`, `&it_->first`, also in a class template).
class NameIterator {
 public:
  using It = std::vector<std::string>::const_iterator;
  explicit NameIterator(It it) : it_(std::move(it)) {}
  const std::string& operator*() const { return *it_; }
  const std::string* operator->() const { return &**this; }

 private:
  It it_;
};
class NameIterator2 {
 public:
  using It = std::vector<std::string>::const_iterator;
  const std::string& operator*() const { return *it_; }
  const std::string* operator->() const { return std::addressof(operator*()); }

 private:
  It it_;
};
class NameIterator3 {
 public:
  using It = std::map<std::string, int>::const_iterator;
  const std::string* operator->() const { return &it_->first; }

 private:
  It it_;
};
template <class It>
class KeyIterator {
 public:
  const auto* operator->() const { return &it_->first; }
  const auto* operator->() { return &*it_; }

 private:
  It it_;
};
// Through an iterator that is not the object's own: rejected.
std::vector<std::string> g_names{"a"};
class GlobalIterator {
 public:
  const std::string* operator->() const { return &*g_names.begin(); }  // expected-error {{operator-> returns the raw pointer 'const std::string *'}} \
                                                                       // expected-note {{this returns a pointer that is not 'this'}} \
                                                                       // expected-error {{taking an address makes a raw pointer}}
};
// Naming the pointer is a pointer variable, rejected as ever.
int keep_arrow(Lease& l) {
  auto* p = l.operator->();  // expected-error {{variable of raw pointer type 'Connection *'}} expected-note@#lease_arrow {{the pointer comes from 'operator->', declared here}}
  return p->send(1);
}
// Anything else an operator-> returns: the error names operator-> and what it
// may return, with a note at the return.
Connection g_conn;
class Borrowing {
 public:
  explicit Borrowing(std::vector<Connection>& pool) : pool_(pool) {}
  Connection* operator->() { return &g_conn; }  // expected-error {{operator-> returns the raw pointer 'Connection *', which the language requires of it, but nothing shows what keeps the object alive; return only 'this', the address of a member or of a part of one (&member_, &std::get<1>(rep_), &items_.back()) or the object an owning member holds (ptr_.get() or &*ptr_ of a std::unique_ptr, std::shared_ptr, std::optional, meshwa::Owned), or drop operator-> and offer only operator* returning a reference [meshwa-raw-pointer]}} \
                                                // expected-note {{this returns a pointer that is not 'this', the address of a member or the object an owning member holds}} \
                                                // expected-error {{taking an address makes a raw pointer that nothing keeps valid}}
  const Connection* operator->() const { return &pool_[0]; }  // expected-error {{operator-> returns the raw pointer 'const Connection *'}} \
                                                               // expected-note {{this returns a pointer that is not 'this'}} \
                                                               // expected-error {{taking an address makes a raw pointer}}

 private:
  std::vector<Connection>& pool_;
};
// A part of what a reference member refers to, or of a global, is not the
// object's own.
std::tuple<int, Connection> g_pair;
class BorrowedParts {
 public:
  BorrowedParts(std::vector<Connection>& pool, std::tuple<int, Connection>& rep) : pool_(pool), rep_(rep) {}
  Connection* operator->() { return &pool_.back(); }  // expected-error {{operator-> returns the raw pointer 'Connection *'}} \
                                                      // expected-note {{this returns a pointer that is not 'this'}} \
                                                      // expected-error {{taking an address makes a raw pointer}}
  const Connection* operator->() const { return &std::get<1>(rep_); }  // expected-error {{operator-> returns the raw pointer 'const Connection *'}} \
                                                                       // expected-note {{this returns a pointer that is not 'this'}} \
                                                                       // expected-error {{taking an address makes a raw pointer}}

 private:
  std::vector<Connection>& pool_;
  std::tuple<int, Connection>& rep_;
};
class GlobalPart {
 public:
  Connection* operator->() { return &std::get<1>(g_pair); }  // expected-error {{operator-> returns the raw pointer 'Connection *'}} \
                                                             // expected-note {{this returns a pointer that is not 'this'}} \
                                                             // expected-error {{taking an address makes a raw pointer}}
};
class NullArrow {
 public:
  Connection* operator->() { return ok_ ? &conn_ : nullptr; }  // expected-error {{operator-> returns the raw pointer 'Connection *'}} \
                                                                // expected-note {{this returns a pointer that is not 'this'}} \
                                                                // expected-error {{taking an address makes a raw pointer}}
  Connection* operator->() const;  // expected-error {{operator-> returns the raw pointer 'Connection *'}} \
                                   // expected-note {{'operator->' is not defined in this file, so what it returns cannot be seen}}

 private:
  bool ok_ = false;
  Connection conn_;
};
class RawMemberArrow {
 public:
  Connection* operator->() { return conn_; }  // expected-error {{operator-> returns the raw pointer 'Connection *'}} \
                                              // expected-note {{this returns a pointer that is not 'this'}}

 private:
  Connection* conn_ = nullptr;  // expected-error {{member of raw pointer type 'Connection *'}}
};

// --- C library text (std::getenv) --------------------------------------------
// A pointer to text the C library owns (std::getenv, std::strerror), null when
// absent: accepted like the get_if idiom when it lives only in an if that
// tests it and is only copied into a std::string there.
std::optional<std::string> env(const std::string& name) {
  if (const char* v = std::getenv(name.c_str())) return std::string(v);
  return std::nullopt;
}
std::optional<std::string> env_init(const std::string& name) {
  if (const char* v = std::getenv(name.c_str()); v != nullptr && *v != '\0') return v;
  return std::nullopt;
}
std::string env_or(const std::string& name, std::string fallback) {
  if (const char* v = ::getenv(name.c_str()); !v) {
    return fallback;
  } else {
    fallback = v;
    fallback += v;
    fallback.append(v);
    return std::string(std::string_view(v));
  }
}
bool env_flag(const std::string& name) {
  if (const char* v = std::getenv(name.c_str()); v && std::string_view(v) == "1") return true;
  return false;
}
std::string error_text(int e) {
  if (char* m = std::strerror(e)) return std::string(m);
  return "unknown";
}
// Declared on its own, it is accepted when it is only tested and copied and
// every copy is where it is not null: after an if that leaves when it is
// null (its first use), or on the non-null side of an if or conditional.
std::string home_or_default() {
  const char* home = std::getenv("HOME");
  if (home == nullptr) return "/";
  return std::string(home);
}
std::string shell_or_empty() {
  const char* shell = std::getenv("SHELL");
  return shell != nullptr ? std::string(shell) : std::string();
}
std::string lang_or_c() {
  const char* lang = std::getenv("LANG");
  std::string out = "C";
  if (lang) out = lang;
  return out;
}
// Tested, but copied where it may still be null: rejected.
std::string home_logged(std::string& log) {
  const char* home = std::getenv("HOME");  // expected-error {{holding what 'getenv' returns}}
  if (home == nullptr) log += "no HOME";
  return std::string(home);
}
std::string home_on_the_null_side() {
  const char* home = std::getenv("HOME");  // expected-error {{holding what 'getenv' returns}}
  return home == nullptr ? std::string(home) : std::string();
}
std::string home_copied_before_the_test() {
  const char* home = std::getenv("HOME");  // expected-error {{holding what 'getenv' returns}}
  std::string copy(home);
  if (home == nullptr) return "/";
  return copy;
}
// Anything else done with it is rejected, and the message spells the form
// that is accepted.
std::size_t env_misuse(const std::string& name) {
  const char* home = std::getenv("HOME");  // expected-error {{variable of raw pointer type 'const char *' holding what 'getenv' returns, C library text that may be null and that a later call may change; test it and copy it into a std::string in one if, and use it nowhere else: if (const char* home = std::getenv(...)) return std::string(home); (a helper returning std::optional<std::string> does it once for the service) [meshwa-raw-pointer]}}
  std::size_t n = home != nullptr ? std::strlen(home) : 0;
  if (const char* v = std::getenv(name.c_str())) n += std::strlen(v);  // expected-error {{holding what 'getenv' returns}} \
                                                                          // expected-note {{'v' is used here other than being tested or copied into a std::string}}
  if (const char* v = std::getenv(name.c_str())) {  // expected-error {{holding what 'getenv' returns}}
    std::string_view kept = v;  // expected-note {{'v' is used here other than being tested or copied into a std::string}}
    n += kept.size();
  }
  if (const char* v = std::getenv(name.c_str()); n > 0) n += std::string(v).size();  // expected-error {{holding what 'getenv' returns}}
  if (const char* v = std::getenv(name.c_str())) n += 1; else n += std::string(v).size();  // expected-error {{holding what 'getenv' returns}}
  if (const char* v = std::getenv(name.c_str())) {  // expected-error {{holding what 'getenv' returns}}
    v = "other";  // expected-note {{'v' is used here other than being tested or copied into a std::string}}
    n += std::string(v).size();
  }
  return n;
}
// Other C functions returning char* point into their arguments: rejected as
// before.
std::string after_colon(const std::string& s) {
  if (const char* p = std::strchr(s.c_str(), ':')) return std::string(p);  // expected-error {{variable of raw pointer type 'const char *'; use a reference to borrow}}
  return "";
}

// --- A result that may be null, used in the expression that makes it ---------
// std::get_if, the pointer std::any_cast, dynamic_cast to a pointer and
// std::function::target return null when the object holds something else;
// std::getenv when the variable is not set; std::strchr and the other C
// searches when nothing is found. Reading through such a result, or handing
// the text to the library (std::strlen, std::string, std::string_view), with
// no test before it is rejected at the read.
struct Tagged {
  int operator()() const { return tag; }
  int tag = 5;
};
int unchecked_access(const Var& v, std::any& a, Shape& shape, const std::function<int()>& f) {
  int n = *std::get_if<int>(&v);  // expected-error {{'std::get_if' returns null when the variant holds another alternative, and this reads through it without testing it; test it in an if, if (auto* p = std::get_if<T>(&v)) ..., or use std::get<T>(v), which throws instead [meshwa-raw-pointer]}} \
                                  // expected-note {{the pointer that may be null comes from here}}
  n += static_cast<int>(std::get_if<std::string>(&v)->size());  // expected-error {{'std::get_if' returns null}} expected-note {{comes from here}}
  n += *std::any_cast<int>(&a);  // expected-error {{'std::any_cast' of a pointer returns null when the std::any holds another type, and this reads through it without testing it; test it in an if, if (auto* p = std::any_cast<T>(&a)) ..., or use std::any_cast<T>(a) on the object, which throws instead [meshwa-raw-pointer]}} \
                                 // expected-note {{comes from here}}
  n += static_cast<int>(dynamic_cast<Circle*>(&shape)->radius);  // expected-error {{'dynamic_cast' to a pointer returns null when the object is of another type, and this reads through it without testing it; test it in an if, if (auto* d = dynamic_cast<D*>(&b)) ..., or cast to a reference, dynamic_cast<D&>(b), which throws instead [meshwa-raw-pointer]}} \
                                                                  // expected-note {{comes from here}}
  n += (*dynamic_cast<const Circle*>(&shape)).radius > 0 ? 1 : 0;  // expected-error {{'dynamic_cast' to a pointer returns null}} expected-note {{comes from here}}
  n += f.target<Tagged>()->tag;  // expected-error {{'std::function::target' returns null when the function holds another callable, and this reads through it without testing it; test it in an if, if (auto* t = f.target<T>()) ... [meshwa-raw-pointer]}} \
                                 // expected-note {{comes from here}}
  return n;
}
std::size_t unchecked_text(const std::string& s, std::string& out) {
  std::size_t n = std::strlen(std::getenv("HOME"));  // expected-error {{'std::getenv' returns null when the variable is not set, and this passes it to 'strlen' without testing it; test it and copy it in one if: if (const char* v = std::getenv(...)) return std::string(v); (a helper returning std::optional<std::string> does it once for the service) [meshwa-raw-pointer]}} \
                                                     // expected-note {{comes from here}}
  std::string_view view = std::getenv("HOME");  // expected-error {{'std::getenv' returns null when the variable is not set, and this makes a 'std::string_view' of it without testing it}} expected-note {{comes from here}}
  std::string copy = std::getenv("HOME");  // expected-error {{this makes a 'std::string' of it without testing it}} expected-note {{comes from here}}
  out = std::getenv("HOME");  // expected-error {{this passes it to 'operator=' without testing it}} expected-note {{comes from here}}
  n += *std::strchr(s.c_str(), '#') == '#' ? 1 : 0;  // expected-error {{'std::strchr' returns null when it finds nothing, and this reads through it without testing it; search a std::string or std::string_view instead, whose find() returns npos when nothing is found [meshwa-raw-pointer]}} \
                                                     // expected-note {{comes from here}}
  n += std::string(std::strstr(s.c_str(), "key=")).size();  // expected-error {{'std::strstr' returns null when it finds nothing, and this makes a 'std::string' of it}} expected-note {{comes from here}}
  // What a search looks in may not hold the character whatever else is
  // known of it: only a test of the same call counts.
  if (!s.empty()) n += *std::strrchr(s.c_str(), '/') == '/' ? 1 : 0;  // expected-error {{'std::strrchr' returns null when it finds nothing}} expected-note {{comes from here}}
  return n + view.size() + copy.size();
}
// In a template pattern, where the call is resolved only on instantiation.
template <class T>
T unchecked_in_template(const Var& v) {
  return *std::get_if<T>(&v);  // expected-error {{'std::get_if' returns null}} expected-note {{comes from here}}
}
template <class T>
T unchecked_any_in_template(std::any& a) {
  return *std::any_cast<T>(&a);  // expected-error {{'std::any_cast' of a pointer returns null}} expected-note {{comes from here}}
}
template <class D>
double unchecked_downcast_in_template(Shape& shape) {
  return dynamic_cast<D*>(&shape)->radius;  // expected-error {{'dynamic_cast' to a pointer returns null}} expected-note {{comes from here}}
}
int unchecked_in_generic_lambda(const Var& v) {
  auto first = [](const auto& x) { return *std::get_if<int>(&x); };  // expected-error {{'std::get_if' returns null}} expected-note {{comes from here}}
  auto size = [](const auto& x) { return std::get_if<std::string>(&x)->size(); };  // expected-error {{'std::get_if' returns null}} expected-note {{comes from here}}
  return first(v) + static_cast<int>(size(v)) + unchecked_in_template<int>(v);
}
// A test before the read: the same call, or the object it looks at, tested
// in the condition of an if (also an earlier if that returns, or an assert),
// of `?:`, or on the left of `&&` / `||`; and tests that read nothing.
int tested_access(const Var& v, std::any& a, Shape& shape, const std::function<int()>& f) {
  int n = std::get_if<int>(&v) != nullptr ? *std::get_if<int>(&v) : 0;
  if (std::holds_alternative<int>(v)) n += *std::get_if<int>(&v);
  if (std::get_if<int>(&v) && *std::get_if<int>(&v) > 3) n += 1;
  if (a.type() == typeid(int)) n += *std::any_cast<int>(&a);
  if (dynamic_cast<Circle*>(&shape) != nullptr) n += static_cast<int>(dynamic_cast<Circle*>(&shape)->radius);
  n += f.target<Tagged>() ? f.target<Tagged>()->tag : 0;
  n += std::get_if<int>(&v) == nullptr ? 1 : 0;
  n += !std::any_cast<int>(&a) ? 1 : 0;
  if (!std::get_if<std::string>(&v)) return n;
  return n + static_cast<int>(std::get_if<std::string>(&v)->size());
}
std::string tested_text(const std::string& s) {
  std::string home = std::getenv("HOME") != nullptr ? std::string(std::getenv("HOME")) : std::string();
  if (std::getenv("USER") && std::strcmp(std::getenv("USER"), "root") == 0) home += "#";
  home += std::getenv("SHELL") ? std::getenv("SHELL") : "sh";
  if (std::strchr(s.c_str(), ':') != nullptr) home += "colon";
  return home;
}
template <class T>
T tested_in_template(const Var& v) {
  if (std::holds_alternative<T>(v)) return *std::get_if<T>(&v);
  return T{};
}
int use_tested_in_template(const Var& v) { return tested_in_template<int>(v); }
// A test nested in an earlier statement: what a test framework's
// ASSERT_NE(p, nullptr) expands to (an if inside a switch).
#define CHECK_NOT_NULL(p) \
  switch (0)              \
  case 0:                 \
  default:                \
    if ((p) == nullptr) return -1
int tested_by_earlier_statement(const Var& v) {
  CHECK_NOT_NULL(std::get_if<int>(&v));
  return *std::get_if<int>(&v);
}

// Other C library text that may be null: ttyname, getlogin, ptsname,
// getpass, dlerror, getusershell return a static buffer's text, or null on
// failure, as their manual pages say.
std::size_t unchecked_library_text(int fd, std::string& out) {
  std::string_view tty = ::ttyname(0);  // expected-error {{'ttyname' returns null when the descriptor is not a terminal, and this makes a 'std::string_view' of it without testing it; test it and copy it in one if: if (const char* v = ttyname(...)) return std::string(v); [meshwa-raw-pointer]}} expected-note {{comes from here}}
  std::size_t n = std::strlen(::getlogin());  // expected-error {{'getlogin' returns null when no login name is recorded for the controlling terminal, and this passes it to 'strlen'}} expected-note {{comes from here}}
  out = ::ptsname(fd);  // expected-error {{'ptsname' returns null when the descriptor is not a pseudo-terminal master}} expected-note {{comes from here}}
  return n + tty.size();
}
std::string tested_library_text(int fd) {
  if (const char* v = ::ttyname(fd)) return std::string(v);
  std::string name = ::getlogin() != nullptr ? std::string(::getlogin()) : std::string();
  if (const char* v = ::getlogin(); v && *v) name += v;
  // ctermid(nullptr) and strerror never return null (glibc): not reported.
  return name + std::string(::ctermid(nullptr)) + std::strerror(fd);
}

// A C stream or directory opened and thrown away: nothing closes it.
void discarded_handles(const std::string& path) {
  (void)std::fopen(path.c_str(), "r");  // expected-error {{the C stream (FILE) that 'fopen' opens is discarded, so nothing ever fclose()s it (its buffer and descriptor leak); use std::ifstream / std::ofstream / std::fstream (or std::ostringstream for memory), which close in their destructor [meshwa-raw-pointer]}}
  std::fopen(path.c_str(), "w");  // expected-error {{the C stream (FILE) that 'fopen' opens is discarded}}
  if (!path.empty()) ::opendir(path.c_str());  // expected-error {{the directory stream (DIR) that 'opendir' opens is discarded, so nothing ever closedir()s it (its buffer and descriptor leak); list the directory with std::filesystem::directory_iterator [meshwa-raw-pointer]}}
  (void)std::tmpfile(), (void)0;  // expected-error {{the C stream (FILE) that 'tmpfile' opens is discarded}}
  // Handed on, not discarded.
  std::fclose(std::fopen(path.c_str(), "a"));
}

// out << std::put_time(&tm, fmt), in >> std::get_time(&tm, fmt): the
// manipulator is used up by the stream operator of the same expression.
std::string formatted_time(const std::tm& tm, std::istringstream& in, std::tm& parsed) {
  std::ostringstream os;
  os << std::put_time(&tm, "%F") << ' ' << std::put_time(std::addressof(tm), "%T");
  in >> std::get_time(&parsed, "%Y-%m-%d");
  auto kept = std::put_time(&tm, "%F");  // expected-error {{taking an address makes a raw pointer that nothing keeps valid; 'put_time' takes only a pointer}}
  os << kept;
  const std::time_t now = 0;
  std::tm local{};
  (void)::localtime_r(&now, &local);  // expected-error 2 {{taking an address makes a raw pointer}}
  return os.str();
}

// std::ostream os(&sb): a standard stream over a stream buffer (an Asio
// streambuf, a std::filebuf) keeps only its address and, a plain local
// declared after the buffer or a temporary, dies before it.
class BufferedText {
 public:
  std::string round_trip(const std::string& text) {
    std::ostream os(&buf_);
    os << text;
    std::istream is(&buf_);
    std::string word;
    is >> word;
    return word;
  }

 private:
  std::stringbuf buf_;
};
std::string stream_over_buffer() {
  std::stringbuf sb;
  std::ostream os(&sb);
  os << "hello\n";
  std::istream is(&sb);
  std::string line;
  std::getline(is, line);
  std::ostream(&sb) << "x";
  std::string word;
  std::istream(&sb) >> word;
  { std::iostream io(&sb); }
  static std::ostream forever(&sb);  // expected-error {{taking an address makes a raw pointer that nothing keeps valid; 'basic_ostream' takes only a pointer}}
  const std::ostream& extended = std::ostream(&sb);  // expected-error {{taking an address makes a raw pointer that nothing keeps valid; 'basic_ostream' takes only a pointer}}
  auto owned = std::make_unique<std::ostream>(&sb);  // expected-error {{taking an address makes a raw pointer that nothing keeps valid}}
  return line + word + (extended.good() && forever.good() && owned->good() ? "" : "!");
}
std::string stream_over_referenced_buffer(std::vector<std::stringbuf>& bufs) {
  std::stringbuf& last = bufs.back();
  std::ostream os(&last);  // expected-error {{taking an address makes a raw pointer that nothing keeps valid; 'basic_ostream' takes only a pointer}}
  bufs.clear();
  os << "x";
  return {};
}

// --- the test framework's pointer parameters --------------------------------
// GoogleMock keeps the pointer in the mock's expectation, declared with the
// object in the test: accepted like the [&captured] lambda action. A function
// of service code, even in a namespace named testing, is judged as ever.
struct Printer {
  virtual ~Printer() = default;
  virtual void print(const std::string& s) = 0;
};
struct MockPrinter : Printer {
  MOCK_METHOD(void, print, (const std::string& s), (override));
};
void saves_argument() {
  MockPrinter printer;
  std::string seen;
  EXPECT_CALL(printer, print(::testing::_)).WillOnce(::testing::SaveArg<0>(&seen));
  printer.print("x");
  ::testing::Mock::VerifyAndClearExpectations(&printer);
}
// An assertion comparing addresses (an accessor returns the same object):
// GoogleTest compares and prints them, and keeps nothing.
const std::string& first_name(const std::vector<std::string>& v) { return v.front(); }
void same_object() {
  std::vector<std::string> names{"a"};
  EXPECT_EQ(&first_name(names), &names.front());
  EXPECT_NE(&names, nullptr);
}
// GoogleTest's printer customisation point has the framework's signature,
// like an override of a library base; another pointer parameter does not.
struct Reading {
  int value = 0;
};
void PrintTo(const Reading& r, std::ostream* os) { *os << "reading " << r.value; }
void PrintTo(const Reading& r, std::string* out);  // expected-error {{parameter of raw pointer type 'std::string *'}}
void Print(const Reading& r, std::ostream* os);    // expected-error {{parameter of raw pointer type 'std::ostream *'}}
namespace testing {
void keep_for_later(std::string* s);  // expected-error {{parameter of raw pointer type 'std::string *'}}
}  // namespace testing
void hands_address() {
  std::string s;
  testing::keep_for_later(&s);  // expected-error {{taking an address makes a raw pointer that nothing keeps valid}}
}

// The checked downcast (std::get_if, std::any_cast, dynamic_cast) declared on
// its own and tested before it is used: an if that leaves when it is null,
// or uses on the non-null side. Changed after the test, or used before it:
// rejected.
struct Figure {
  virtual ~Figure() = default;
};
struct Disc : Figure {
  double r = 1;
};
double radius_or_zero(const Figure& f) {
  const auto* d = dynamic_cast<const Disc*>(&f);
  if (d == nullptr) return 0;
  return d->r;
}
int held_int(const std::variant<int, std::string>& v) {
  const int* i = std::get_if<int>(&v);
  if (!i) {
    return -1;
  }
  return *i + 1;
}
std::size_t held_text(const std::variant<int, std::string>& v) {
  const auto* s = std::get_if<std::string>(&v);
  return s != nullptr ? s->size() : 0;
}
int held_int_repointed(const std::variant<int, std::string>& v, const std::variant<int, std::string>& w) {
  const int* i = std::get_if<int>(&v);  // expected-error {{variable of raw pointer type 'const int *'}}
  if (i == nullptr) return -1;
  i = std::get_if<int>(&w);
  return *i;
}
int held_int_used_first(const std::variant<int, std::string>& v) {
  const int* i = std::get_if<int>(&v);  // expected-error {{variable of raw pointer type 'const int *'}}
  const int first = *i;
  if (i == nullptr) return -1;
  return first;
}

// The address of a function is its name by another spelling: accepted where
// it is handed on; a variable holding it is reported for its type.
double square_minus_two(double x) { return x * x - 2; }
struct Order { static bool by_id(int a, int b) { return a < b; } int id(int) { return 0; } };
template <typename F>
double call_with_one(F g) { return g(1.0); }
void function_addresses(std::vector<int>& v) {
  std::sort(v.begin(), v.end(), &Order::by_id);
  const double r = call_with_one(&square_minus_two);
  auto p = &square_minus_two;             // expected-error {{variable of function pointer type 'double (*)(double)'}}
  auto m = &Order::id;                    // expected-error {{variable of member function pointer type 'int (Order::*)(int)'}} expected-error {{taking a member pointer (&Class::member) makes a raw pointer}}
  int local = 0;
  int* q = &local;                        // expected-error {{variable of raw pointer type 'int *'}} expected-error {{taking an address makes a raw pointer that nothing keeps valid}}
  (void)r; (void)p; (void)m; (void)q;
}

// A C function's prototype (a C library's header included by service code):
// its signature cannot take a reference, and any caller may hand it any
// buffer, so the remedy is a C++ redeclaration marked unsafe, which only
// unsafe code may call (accepted/remedies_accepted.cpp). A C++ prototype, and a C function defined here, keep
// the ordinary remedy.
extern "C" {
std::size_t c_rle_encode(const unsigned char* in, std::size_t n,  // expected-error {{parameter of raw pointer type 'const unsigned char *'; in a C function's prototype (a C library's header?) it lets every caller pass any buffer: keep the C header out of service code and redeclare, in a C++ header of your own, the functions your MESHWA_UNSAFE code calls, each marked unsafe (extern "C" MESHWA_UNSAFE("legacy C library") size_t f(...);), so that only unsafe code can call them [meshwa-raw-pointer]}}
                         unsigned char* out, std::size_t cap);    // expected-error {{parameter of raw pointer type 'unsigned char *'; in a C function's prototype (a C library's header?) it lets every caller pass any buffer}}
const char* c_rle_version(void);  // expected-error {{result of raw pointer type 'const char *'; in a C function's prototype (a C library's header?) it hands every caller an address that nothing keeps valid: keep the C header out of service code}}
int c_defined_here(int* p) { return *p; }  // expected-error {{parameter of raw pointer type 'int *'; take a reference (const T& to read, T& to modify) to borrow}}
}
std::size_t cxx_prototype(const unsigned char* in);  // expected-error {{parameter of raw pointer type 'const unsigned char *'; take a reference (const T& to read, T& to modify) to borrow}}

// A part of the function that never runs (a plain `if` on a constant that
// rules it out) is still judged: a pointer type or an address as written is
// what is rejected, not something that happens at run time.
namespace never_run {
constexpr bool kTrace = false;
int traced(int x) {
  if (kTrace) {
    int* p = &x;  // expected-error {{variable of raw pointer type 'int *'}} expected-error {{taking an address makes a raw pointer}}
    return *p;
  }
  return x;
}
}  // namespace never_run
