// Markers on the wrong kind of declaration ([meshwa-marker]): each is an
// error at the marker, saying where it belongs; the generator says the same
// (codegen.invalid.misplaced_markers). Like [meshwa-unsafe-reason] the check
// belongs to the framework: plugin.robustness.markers runs all rules,
// plugin.robustness.markers_always_on one unrelated rule, with one result.
#include <meshwa/meshwa.hpp>

#include <string>

namespace placed {

// Accepted: each marker on the class it is for.
class MESHWA_INTERFACE Greeter {
 public:
  virtual ~Greeter() = default;
  virtual std::string greet(std::string name) = 0;
};
struct MESHWA_MESSAGE Money {
  long cents = 0;
  struct MESHWA_MESSAGE Lot {  // nested in a class: fine
    int count = 0;
  };
};
class MESHWA_SERVICE("greeter") GreeterService final : public Greeter {
 public:
  explicit GreeterService(meshwa::Context&) {}
  std::string greet(std::string name) override { return name; }
};
class MESHWA_SERVICE("forward") Declared;  // a declaration of a class: fine

// A definition inherits the marker of its declaration: reported once, where written.
MESHWA_SERVICE("twice") void once();  // expected-error {{MESHWA_SERVICE cannot mark a function ('placed::once'); put it on a class at namespace or class scope (not a template, a local or an unnamed class) that implements a MESHWA_INTERFACE, e.g. `class MESHWA_SERVICE("greeter") GreeterService : public Greeter`, or remove it [meshwa-marker]}}
void once() {}

enum MESHWA_SERVICE("x") Color { red, green };  // expected-error {{MESHWA_SERVICE cannot mark an enum ('placed::Color'); put it on a class}}
enum class MESHWA_MESSAGE Size { small };       // expected-error {{MESHWA_MESSAGE cannot mark an enum ('placed::Size'); put it on a struct or class at namespace or class scope (not a template, a local or an unnamed class), the value type that crosses service boundaries, e.g. `struct MESHWA_MESSAGE Money { long cents = 0; };`, or remove it [meshwa-marker]}}
MESHWA_MESSAGE int make_money();                // expected-error {{MESHWA_MESSAGE cannot mark a function ('placed::make_money')}}
MESHWA_INTERFACE const int kLimit = 3;          // expected-error {{MESHWA_INTERFACE cannot mark a variable ('placed::kLimit'); put it on an abstract class at namespace or class scope}}
using Alias MESHWA_INTERFACE = Money;           // expected-error {{MESHWA_INTERFACE cannot mark a type alias ('placed::Alias')}}

struct Holder {
  MESHWA_MESSAGE int field = 0;                          // expected-error {{MESHWA_MESSAGE cannot mark a data member ('placed::Holder::field')}}
  MESHWA_SERVICE("m") void method() {}                   // expected-error {{MESHWA_SERVICE cannot mark a member function ('placed::Holder::method')}}
  void takes(MESHWA_MESSAGE int value) { (void)value; }  // expected-error {{MESHWA_MESSAGE cannot mark a parameter ('value')}}
};

template <class T>
struct MESHWA_MESSAGE Box {  // expected-error {{MESHWA_MESSAGE cannot mark a class template ('placed::Box'): the generator writes code for classes, not for templates of them (for a message, declare a struct per element type; for an interface or a service, leave the template unmarked and mark a class deriving from one of its specializations, `class MESHWA_INTERFACE Items : public Repo<Item> {};`); put it on a struct or class}}
  T value{};
};
template <>
struct MESHWA_MESSAGE Box<int> {  // expected-error {{MESHWA_MESSAGE cannot mark a specialization of a class template ('placed::Box')}}
  int value = 0;
};
template <class T>
struct Outer {
  struct MESHWA_MESSAGE Inner {  // expected-error {{MESHWA_MESSAGE cannot mark a class inside a template ('placed::Outer::Inner')}}
    int value = 0;
  };
};
template <class T>
MESHWA_SERVICE("t") T pick(T v) { return v; }  // expected-error {{MESHWA_SERVICE cannot mark a function template ('placed::pick')}}

struct MESHWA_MESSAGE {  // expected-error {{MESHWA_MESSAGE cannot mark an unnamed class: generated code names the class; put it on}}
  int value = 0;
} const unnamed{};

inline int local_class() {
  struct MESHWA_MESSAGE Local {  // expected-error {{MESHWA_MESSAGE cannot mark a local class ('Local'): the generated stubs, registration and tests (other files) cannot name a class declared inside a function}}
    int value = 0;
  };
  return Local{}.value;
}

// Inside MESHWA_UNSAFE code the rules are off, this check is not.
struct MESHWA_UNSAFE("legacy") Legacy {
  enum MESHWA_INTERFACE Mode { on };  // expected-error {{MESHWA_INTERFACE cannot mark an enum ('placed::Legacy::Mode')}}
};

// MESHWA_UNSAFE belongs on a class (also a template, a local or an unnamed
// one), a function or method, a variable or a data member: accepted.
class MESHWA_UNSAFE("wraps a C codec") Codec {};
template <class T>
struct MESHWA_UNSAFE("generic legacy buffer") Buffer {
  T value{};
};
MESHWA_UNSAFE("calls a C library") inline int legacy_call() { return 1; }
template <class T>
MESHWA_UNSAFE("generic legacy call") T legacy_pick(T v) { return v; }
MESHWA_UNSAFE("a table the C library fills") inline int legacy_table = 0;
struct WithUnsafeParts {
  MESHWA_UNSAFE("filled by the C library") int raw = 0;
  MESHWA_UNSAFE("calls the C library") void refresh() {}
};
inline int unsafe_locals() {
  MESHWA_UNSAFE("filled by the C library") int local = 0;
  struct MESHWA_UNSAFE("a C callback's state") Local {
    int value = 0;
  };
  return local + Local{}.value;
}

// Elsewhere it does nothing, or switches the rules off without moving any
// service into an MPK domain: an error at the marker.
inline int takes_unsafe(MESHWA_UNSAFE("raw") int value) { return value; }  // expected-error {{MESHWA_UNSAFE cannot mark a parameter ('value'): it would switch the rules off for the parameter without moving the service that calls the function into an MPK domain; put it on the class, function, method, variable or data member whose code the rules are to skip (its service then runs in an MPK domain), e.g. `class MESHWA_UNSAFE("wraps zlib") Codec { ... };`, or remove it [meshwa-marker]}}
enum MESHWA_UNSAFE("legacy") Flags { none };  // expected-error {{MESHWA_UNSAFE cannot mark an enum ('placed::Flags'): it has no code there for the rules to skip; put it on the class, function}}
using Handle MESHWA_UNSAFE("legacy") = int;   // expected-error {{MESHWA_UNSAFE cannot mark a type alias ('placed::Handle')}}
inline int unsafe_lambda() {
  auto f = [] MESHWA_UNSAFE("raw") () { return 1; };  // expected-error {{MESHWA_UNSAFE cannot mark a lambda: the rules stay on inside it and its service's verdict does not change (move the code into a named function or method); put it on}} expected-warning {{an attribute specifier sequence in this position is a C++23 extension}}
  return f();
}

// A class is one of message, interface and service: a second kind of marker
// is an error at it (gen would write code for both kinds, which does not
// compile), also when the first is on an earlier declaration. The same
// marker twice, and an UNSAFE next to a class marker, are fine.
class MESHWA_INTERFACE MESHWA_MESSAGE Both {  // expected-error {{MESHWA_MESSAGE cannot mark a class that is also MESHWA_INTERFACE ('placed::Both'): a class is one of a message (a value that crosses service boundaries), an interface (what callers of a service see) or a service (the class that implements an interface); remove one of the markers, and for a service and its interface declare two classes (`class MESHWA_SERVICE("greeter") GreeterService : public Greeter`) [meshwa-marker]}}
 public:
  virtual ~Both() = default;
  virtual int get() = 0;
};
class MESHWA_SERVICE("self") MESHWA_INTERFACE SelfService final : public Greeter {  // expected-error {{MESHWA_INTERFACE cannot mark a class that is also MESHWA_SERVICE ('placed::SelfService')}}
 public:
  explicit SelfService(meshwa::Context&) {}
  std::string greet(std::string name) override { return name; }
};
struct MESHWA_MESSAGE Forward;
struct MESHWA_INTERFACE Forward {  // expected-error {{MESHWA_INTERFACE cannot mark a class that is also MESHWA_MESSAGE ('placed::Forward')}}
  int value = 0;
};
struct MESHWA_MESSAGE MESHWA_MESSAGE Repeated {  // the same marker twice: fine
  int value = 0;
};
struct MESHWA_MESSAGE Repeated;
struct MESHWA_MESSAGE MESHWA_UNSAFE("filled by the C library") FromC {  // fine
  int value = 0;
};

}  // namespace placed

namespace MESHWA_INTERFACE tagged {}  // expected-error {{MESHWA_INTERFACE cannot mark a namespace ('tagged')}}
namespace MESHWA_UNSAFE("legacy code") legacy {}  // expected-error {{MESHWA_UNSAFE cannot mark a namespace ('legacy'): a namespace is reopened in other files without the mark, where the services that use its code would be classified safe; put it on the class, function}}
