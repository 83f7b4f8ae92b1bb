// Init-captures with parentheses in a template (`[copy(t)]`, and the C++20
// packs `[&...refs(args)]`): in the template pattern the capture's
// initializer is a ParenListExpr with no type at all, which the rules' type
// questions (is_plain_scalar) read without a check and crashed on. Every
// form of capture, by value and by reference, with parentheses, braces and
// `=`, single and packed.
// Compiled with all rules on.
#include <string>
#include <utility>

template <typename... Args>
int all_forms(Args... args) {
  [... by_value(args)] {}();
  [... by_brace{args}] {}();
  [... moved = std::move(args)] {}();
  [&... by_ref(args)] {}();
  [&... by_ref_brace{args}] {}();
  [&... by_ref_eq = args] {}();
  auto count = [&... refs(args)] { return sizeof...(refs); };
  return static_cast<int>(count());
}

template <typename T>
int single(T t) {
  auto by_ref = [&r(t)] { return r; };
  auto by_copy = [c(t)] { return c; };
  return by_ref() + by_copy();
}

int use_all() { return all_forms(1, 2.0, std::string("x")) + single(3); }

// Still checked: the references outlive the parameters they bind (clang
// warns too, for each of the two).
template <typename... Args>
auto leak(Args... args) {
  // expected-error@+4 {{a lambda that captures 'refs' by reference escapes this function (returned)}}
  // expected-note@+3 {{'refs' is captured by reference here}}
  // expected-warning@+2 2 {{address of stack memory associated with parameter 'args' returned}}
  // expected-note@+1 2 {{captured by reference via initialization of lambda capture 'refs'}}
  return [&... refs(args)] { return (refs + ...); };
}

int use_leak() { return leak(1, 2)(); }  // expected-note {{in instantiation of}}
