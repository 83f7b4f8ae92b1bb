// expected-no-diagnostics
// Code that never runs: unevaluated operands (decltype, __typeof__, sizeof, alignof,
// noexcept, typeid of a non-polymorphic operand), requires-expressions and
// their parameters, concept constraints, static_assert. Taking an address or
// naming a pointer type there makes no pointer at run time. A lambda written
// there is checked (tests/plugin/rejected/unevaluated_lambda_bodies.cpp); one
// in the safe subset is accepted.
#include <concepts>
#include <cstddef>
#include <set>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <vector>

#include <meshwa/meshwa.hpp>

struct Job {
  void run() {}
  int n = 0;
};

template <class T>
concept HasRun = requires { &T::run; };
template <class T>
concept Cloneable = requires(const T* p) {
  { p->clone() } -> std::same_as<T>;
};
template <class T>
concept Appendable = requires(T& t, const char* s) { t.append(s); };

struct Doc {
  Doc clone() const { return *this; }
};

static_assert(HasRun<Job>);
static_assert(Cloneable<Doc>);
static_assert(Appendable<std::string>);
static_assert(sizeof(int*) == sizeof(std::size_t));
static_assert(std::is_member_function_pointer_v<decltype(&Job::run)>);

template <class T>
  requires requires(T* p) { p->run(); }
int run_all(std::vector<T>& jobs) {
  for (T& job : jobs) job.run();
  return static_cast<int>(jobs.size());
}

int measure() {
  Job job;
  std::vector<Job> jobs(2);
  const bool no_throw = noexcept(&job);
  const std::size_t size = sizeof(&job) + alignof(decltype(&job.n));
  const std::type_info& type = typeid(&job);
  using Member = decltype(&Job::n);
  using Element = __typeof__(jobs.data()[1]);  // GNU typeof: decltype's older spelling
  const bool member = std::is_member_object_pointer_v<Member> && std::is_reference_v<Element>;
  return run_all(jobs) + static_cast<int>(size) + (no_throw ? 1 : 0) + (member ? 1 : 0) +
         static_cast<int>(type == typeid(Job*));
}

// A comparator type from a lambda in decltype (C++20), naming a member pointer
// in its own unevaluated operand.
using ByN = decltype([](const Job& a, const Job& b) {
  static_assert(std::is_member_object_pointer_v<decltype(&Job::n)>);
  return a.n < b.n;
});
std::size_t distinct(const std::vector<Job>& jobs) { return std::set<Job, ByN>(jobs.begin(), jobs.end()).size(); }
