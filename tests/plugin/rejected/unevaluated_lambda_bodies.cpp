// A lambda written in an unevaluated operand (decltype, sizeof, noexcept, a
// requires-expression) defines a real closure type whose call operator has a
// real body; since C++20 a stateless closure is default-constructible, so
// `using Evil = decltype([](int* p) {...}); Evil{}(q);` runs that body. Every
// rule checks it as it checks a lambda written anywhere else; the operand
// around the lambda stays unevaluated (`decltype(&T::m)` is fine,
// tests/plugin/accepted/unevaluated.cpp).
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <type_traits>

#include <meshwa/meshwa.hpp>

// The C++20 custom-deleter idiom: the deleter takes the raw FILE*.
using FileCloser = decltype([](std::FILE* f) { std::fclose(f); }); // expected-error {{parameter of raw pointer type 'std::FILE *'}}
using File = std::unique_ptr<std::FILE, FileCloser>;

using Evil = decltype([](int* p, int i) { // expected-error {{parameter of raw pointer type 'int *'}} expected-note {{'p' is a raw pointer declared here}}
  delete p;                               // expected-error {{delete frees memory by hand}}
  return p[i];                            // expected-error {{indexing a raw pointer is not bounds-checked}}
});

using Cast = decltype([](std::uintptr_t a) { return *reinterpret_cast<const int*>(a); }); // expected-error {{reinterpret_cast makes the compiler treat memory as an unrelated type}}
using Copy = decltype([](std::string& d, const std::string& s) { std::strcpy(d.data(), s.c_str()); }); // expected-error {{'strcpy' works on unbounded C strings}}
using Counter = decltype([] { static int calls = 0; return ++calls; }); // expected-error {{mutable static local variable 'calls'}}

template <class F = decltype([](long* p) { return p + 1000; })> // expected-error {{parameter of raw pointer type 'long *'}} expected-error {{pointer arithmetic is not bounds-checked}} expected-note {{'p' is a raw pointer declared here}}
struct Holder {
  F f;
};

// Also in sizeof, noexcept and a requires-expression, and in a function.
constexpr std::size_t closure_size = sizeof([](const int* p) { return p[1]; }); // expected-error {{parameter of raw pointer type 'const int *'}} expected-error {{indexing a raw pointer}} expected-note {{'p' is a raw pointer declared here}}
constexpr bool closure_noexcept = noexcept([] { return new int(1); }); // expected-error {{new allocates memory that must be deleted by hand}}
template <class T>
  requires requires { [] { return new T(); }; } // expected-error {{new allocates memory that must be deleted by hand}}
void make(T&) {}

int use(const std::string& text) {
  using Len = decltype([](const std::string& s) { return std::printf("%s", s.c_str()); }); // expected-error {{'printf' is a C variadic function}}
  return static_cast<int>(Len{}(text)) + Counter{}();
}

// Good: a lambda in decltype whose body is in the safe subset.
struct Job {
  int prio = 0;
  void run() {}
};
using ByPrio = decltype([](const Job& a, const Job& b) { return a.prio < b.prio; });
std::size_t count(const std::set<Job, ByPrio>& jobs) { return jobs.size(); }
using RunMember = decltype(&Job::run);
static_assert(std::is_member_function_pointer_v<RunMember>);
