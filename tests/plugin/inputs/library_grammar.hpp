// A parser library of Boost.Spirit Qi's shape: a grammar is built from its
// start rule, a member of the user's grammar class declared after the base,
// and keeps only a reference to it (qi::grammar keeps it in a
// boost::reference_wrapper). `#pragma clang system_header` makes it a
// system header like Boost's.
#pragma once
#pragma clang system_header

#include <functional>
#include <string>

namespace boost {
template <class T>
class reference_wrapper {
 public:
  explicit reference_wrapper(T& t) : t_(__builtin_addressof(t)) {}
  T& get() const { return *t_; }

 private:
  T* t_;
};
}  // namespace boost

namespace lib {
template <class Sig>
struct rule {
  std::string name = "rule";
};

// qi::reference<Subject>: what qi::grammar keeps its start rule in.
template <class Subject>
struct reference {
  explicit reference(Subject& subject) : ref(subject) {}
  boost::reference_wrapper<Subject> ref;
};

template <class Sig>
class grammar {
 public:
  using base_type = grammar;
  explicit grammar(const rule<Sig>& start, const std::string& name = "unnamed-grammar")
      : start_(reference<const rule<Sig>>(start)), name_(name) {}

 private:
  reference<const rule<Sig>> start_;
  std::string name_;
};

// The same through std::cref.
template <class Sig>
class std_grammar {
 public:
  using base_type = std_grammar;
  explicit std_grammar(const rule<Sig>& start) : start_(std::cref(start)) {}

 private:
  std::reference_wrapper<const rule<Sig>> start_;
};

// One that copies its start rule: it reads it.
template <class Sig>
class copying_grammar {
 public:
  using base_type = copying_grammar;
  explicit copying_grammar(const rule<Sig>& start) : start_(start) {}

 private:
  rule<Sig> start_;
};

// One whose constructor is not visible: nothing shows it does not read.
template <class Sig>
class opaque_grammar {
 public:
  using base_type = opaque_grammar;
  explicit opaque_grammar(const rule<Sig>& start);
};
}  // namespace lib
