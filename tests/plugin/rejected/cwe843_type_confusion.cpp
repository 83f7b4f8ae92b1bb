// CWE-843 access of resource using incompatible type ('type confusion'), in
// the shape of NIST Juliet's CWE843_Type_Confusion__* test cases: a union
// written as one member and read as another, and the casts that make the
// compiler look at memory as an unrelated type. The good variants keep the
// real type (std::variant, dynamic_cast, std::bit_cast).
#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>

#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);
void printIntLine(int value);

// CWE843_Type_Confusion__short_01 (C++ flavour: a union)
union ShortOrInt { // expected-error-re {{union 'ShortOrInt' lets code read a{{.*}}[meshwa-union]}}
  short shortValue;
  int intValue;
};
void CWE843_union_bad() {
  ShortOrInt data{};
  data.shortValue = 5;
  printIntLine(data.intValue);
}

// An anonymous union inside a struct.
struct Tagged {
  int tag = 0;
  union { // expected-error-re {{anonymous union lets code read a{{.*}}[meshwa-union]}}
    float f;
    uint32_t bits;
  };
};

// CWE843__char_*: void* handed around and cast back to the wrong type.
void CWE843_void_pointer_bad(int value) {
  void* data = &value; // expected-error-re {{variable of raw pointer type 'void{{.*}}[meshwa-raw-pointer]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
  printLine(*static_cast<std::string*>(data)); // expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}}
  printIntLine(*(long long*)data); // expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-note {{casting from 'void *' to 'long}}
}

// reinterpret_cast between unrelated types.
int CWE843_reinterpret_bad(float f) {
  return *reinterpret_cast<int*>(&f); // expected-error-re {{reinterpret_cast makes the compiler treat memory{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
}

// An unchecked downcast.
class Base {
 public:
  virtual ~Base() = default;
};
class Derived : public Base {
 public:
  int extra = 7;
};
class Other : public Base {};
int CWE843_static_downcast_bad(Base& b) {
  Derived& d = static_cast<Derived&>(b); // expected-error-re {{static_cast down a class hierarchy is{{.*}}[meshwa-unsafe-cast]}}
  Other o;
  Base& base = o;
  return d.extra + ((Derived&)base).extra; // expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-note {{casting from 'Base' to 'Derived &'}}
}

// const_cast: writing to what was declared const.
void CWE843_const_cast_bad(const std::string& s) {
  std::string& writable = const_cast<std::string&>(s); // expected-error-re {{const_cast removes const, and writing through{{.*}}[meshwa-unsafe-cast]}}
  writable += "!";
}

// std::static_pointer_cast: unchecked like static_cast.
int CWE843_static_pointer_cast_bad(std::shared_ptr<Base> b) {
  return std::static_pointer_cast<Derived>(b)->extra; // expected-error-re {{std::static_pointer_cast is unchecked like the cast{{.*}}[meshwa-unsafe-cast]}}
}

// --- good variants -----------------------------------------------------------

void CWE843_variant_good() {
  std::variant<short, int> data = static_cast<short>(5);
  if (const auto* s = std::get_if<short>(&data)) printIntLine(*s);
  printIntLine(std::holds_alternative<int>(data) ? std::get<int>(data) : 0);
}

int CWE843_bit_cast_good(float f) { return std::bit_cast<int>(f); }

int CWE843_dynamic_cast_good(Base& b) {
  if (auto* d = dynamic_cast<Derived*>(&b)) return d->extra;
  auto shared = std::make_shared<Derived>();
  std::shared_ptr<Base> base = shared;
  if (auto derived = std::dynamic_pointer_cast<Derived>(base)) return derived->extra;
  return static_cast<int>(3.5) + static_cast<int>(sizeof(Base));
}
