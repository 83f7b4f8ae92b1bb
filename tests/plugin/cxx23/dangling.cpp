// meshwa-dangling, C++23: std::move_only_function (declared by libstdc++
// only from C++23, as a primary template over a pack `template <class...>`
// whose partial specialisations take the signature's qualifiers) is checked
// as std::function is (tests/plugin/dangling.cpp).
#include <functional>
#include <string>
#include <utility>

// A wrapper returning a reference made from a callable returning a value:
// every call returns a reference to a temporary.
int called_through_a_reference(int x) {
  std::move_only_function<const int&(const int&)> fn = [](const int& j) { return j; };  // expected-note {{the callable's call operator is declared here}} expected-error {{this std::move_only_function returns 'const int &' but the callable it is given returns 'int' by value, so every call returns a reference to a temporary destroyed before the caller reads it; make the std::move_only_function return 'int' by value, or have the callable return a reference [meshwa-dangling]}}
  return fn(x);
}
struct Handlers {
  std::move_only_function<const std::string&() const> name_;
  std::move_only_function<const int&()> count_;
  void arm() {
    name_ = [] { return std::string("n"); };  // expected-note {{the callable's call operator is declared here}} expected-error {{this std::move_only_function returns 'const std::basic_string<char> &' but the callable it is given returns 'std::string' by value}}
    count_ = [] { return 3L; };  // expected-note {{the callable's call operator is declared here}} expected-error {{this std::move_only_function returns 'const int &' but the callable it is given returns 'long' by value}}
  }
};

// Accepted: the callable returns a reference, or the wrapper a value, or
// what the callable returns is not told (a generic lambda).
struct Kept {
  std::string name = "k";
  std::move_only_function<const std::string&() const> name_of_;
  std::move_only_function<std::string()> copy_of_;
  std::move_only_function<const int&(const int&)> generic_;
  void arm() {
    name_of_ = [this]() -> const std::string& { return name; };
    copy_of_ = [this] { return name; };
    generic_ = [](const auto& j) -> const auto& { return j; };
  }
};
int reference_through_a_reference(int x) {
  std::move_only_function<const int&(const int&)> fn = [](const int& j) -> const int& { return j; };
  std::move_only_function<int(int) const> by_value = [](int j) { return j + 1; };
  return fn(x) + by_value(x);
}

// A static operator() (P1169) returning its reference parameter, called
// with a temporary: clang keeps the object as the call's argument 0, so the
// temporary is argument 1, bound to the first parameter.
namespace static_call_operator {
struct First {
  static const int& operator()(const std::pair<int, int>& p) { return p.first; }
};
struct Same {
  static const std::string& operator()(const std::string& s) { return s; }
};
int over_temporaries() {
  const int& f = First{}(std::pair<int, int>{1, 2});  // expected-error {{'f' refers to a temporary}} expected-note {{the temporary is created here}}
  const std::string& s = Same{}(std::string("t"));  // expected-error {{'s' refers to a temporary}} expected-note {{the temporary is created here}}
  return f + static_cast<int>(s.size());
}
int over_locals(const std::string& name) {
  const std::pair<int, int> p{1, 2};
  const int& f = First{}(p);  // a local: it lives on
  const std::string& s = Same{}(name);
  return f + static_cast<int>(s.size());
}
}  // namespace static_call_operator
