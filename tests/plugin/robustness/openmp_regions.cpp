// The body of an OpenMP region is code of the function it is written in:
// clang wraps it in an implicit CapturedDecl, which must not hide it from the
// rules (-fopenmp is an ordinary flag a service target may add). Compiled
// with -fopenmp and all rules.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include <meshwa/meshwa.hpp>

std::int32_t parallel_region(std::int32_t s) {
#pragma omp parallel
  {
    std::int32_t arr[3]{};  // expected-note {{'arr' is a C array declared here}}
    s += arr[s];  // expected-error {{indexing a C array}}
    void* m = std::malloc(4);  // expected-error {{malloc}} expected-error {{variable of raw pointer type}}
    std::free(m);  // expected-error {{free}}
  }
  return s;
}

// (The flow-sensitive rules, iterator-invalidation and use-after-move, build
// clang's CFG, which keeps an OpenMP region's body out of the function's
// flow: not seen there yet.)
std::int32_t simd_loop(const std::int32_t* p, std::int32_t n) {  // expected-error {{parameter of raw pointer type}} expected-note {{'p' is a raw pointer declared here}}
  std::int32_t s = 0;
#pragma omp simd
  for (std::int32_t i = 0; i < n; ++i) s += p[i];  // expected-error {{indexing a raw pointer}}
  return s;
}

// Accepted inside a region: ordinary safe code.
std::int64_t accepted_reduction(const std::vector<std::int32_t>& v) {
  std::int64_t total = 0;
#pragma omp parallel for reduction(+ : total)
  for (std::size_t i = 0; i < v.size(); ++i) total += v.at(i);
  return total;
}
