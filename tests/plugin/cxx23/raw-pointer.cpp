// meshwa-raw-pointer, C++23: a static operator() (P1169) is called like any
// other, `w(args)`, and clang keeps the object `w` as the call's argument 0
// even though no `this` is bound, so the parameters start at argument 1
// here too (tests/plugin/raw-pointer.cpp has the non-static cases).
#include <cstddef>
#include <vector>

struct Peek {
  template <class P>
  static int operator()(P p, std::size_t i) { return p[i]; }  // expected-note {{'p' is declared here}}
};
struct PeekAll {
  static int operator()(auto p, std::size_t i) { return p[i]; }  // expected-note {{'p' is declared here}}
};

int through_static_call_operators(std::vector<int>& v) {
  Peek peek;
  PeekAll all;
  return peek(v.data(), 10) +  // expected-error {{a raw pointer handed to 'operator()', a template whose parameter 'p' is generic: templates are checked as written, so indexing or arithmetic on it there is not checked; pass the container itself or a std::span of it [meshwa-raw-pointer]}}
         all(v.data(), 10);    // expected-error {{a raw pointer handed to 'operator()', a template whose parameter 'p' is generic}}
}

// Accepted: the container itself, or a span-like class value.
struct Sum {
  template <class C>
  static int operator()(const C& c) {
    int total = 0;
    for (int x : c) total += x;
    return total;
  }
};
int through_the_container(const std::vector<int>& v) { return Sum{}(v); }
