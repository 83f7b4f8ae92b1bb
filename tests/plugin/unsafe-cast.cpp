// meshwa-unsafe-cast: reinterpret_cast, const_cast, unchecked downcasts,
// C-style casts of pointers and references.
#include <array>
#include <bit>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <queue>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct Base {
  virtual ~Base() = default;
};
struct Derived : Base {
  int x = 0;
};

void rejected(Base& b, const int& c, long& l, std::shared_ptr<Base> sb, Base* pb) {
  auto& d = static_cast<Derived&>(b);      // expected-error {{static_cast down a class hierarchy is unchecked: the object may not be of the derived type; use dynamic_cast and test the result, or a virtual function [meshwa-unsafe-cast]}}
  auto& m = const_cast<int&>(c);           // expected-error {{const_cast removes const}}
  auto& i = reinterpret_cast<int&>(l);     // expected-error {{reinterpret_cast makes the compiler treat memory as an unrelated type}}
  auto& e = (Derived&)b;                   // expected-error {{this C-style cast of a pointer or reference acts as an unchecked reinterpret_cast}} \
                                           // expected-note {{casting from 'Base' to 'Derived &'}}
  auto bits = (std::uintptr_t)pb;          // expected-error {{this C-style cast of a pointer or reference acts as an unchecked reinterpret_cast}} \
                                           // expected-note {{casting from 'Base *' to 'std::uintptr_t'}}
  Base* up = (Base*)&d;                    // expected-error {{write static_cast<T>(...), which does the same conversion here}}
  void* raw = pb;
  auto* back = static_cast<Base*>(raw);    // expected-error {{static_cast from a void pointer is unchecked}}
  auto sd = std::static_pointer_cast<Derived>(sb); // expected-error {{std::static_pointer_cast is unchecked like the cast it is named after}}
  (void)m; (void)i; (void)e; (void)bits; (void)up; (void)back; (void)sd;
}

// A member pointer cast to the base class offers Derived's member as one of
// every Base: `b.*m` on a Base that is no Derived reaches outside it. The
// other way (Base's member as Derived's) is an implicit conversion.
int member_casts(Base& b, Derived& d) {
  int Derived::* own = static_cast<int Derived::*>(&Derived::x);
  int Base::* widened = static_cast<int Base::*>(&Derived::x);  // expected-error {{static_cast of a member pointer to the base class is unchecked: applied to an object that is not of the derived type, it reaches outside it; read the member through the derived object (dynamic_cast it first), or a virtual function [meshwa-unsafe-cast]}}
  return b.*widened + d.*own;
}

// std::static_pointer_cast and std::const_pointer_cast that do only what an
// implicit conversion does (an upcast, to void, adding const) are accepted;
// a downcast or a const removed is not.
std::shared_ptr<const Base> shared_casts(const std::shared_ptr<Derived>& d, const std::shared_ptr<const Base>& cb) {
  std::shared_ptr<Base> up = std::static_pointer_cast<Base>(d);
  std::shared_ptr<void> erased = std::static_pointer_cast<void>(up);
  std::shared_ptr<const Base> viewed = std::const_pointer_cast<const Base>(up);
  auto writable = std::const_pointer_cast<Base>(cb);  // expected-error {{std::const_pointer_cast removes const like the const_cast it is named after, and writing through the result is undefined behaviour; make the object (or the function taking it) non-const instead [meshwa-unsafe-cast]}}
  auto unerased = std::static_pointer_cast<Base>(erased);  // expected-error {{std::static_pointer_cast is unchecked like the cast it is named after}}
  return writable != nullptr && unerased != nullptr ? viewed : cb;
}

// `T{}` and `T{x}` with a pointer or reference type T are list-initialisation,
// not casts: `{}` makes a null pointer, `{x}` converts only implicitly (an
// upcast, const added), so nothing is reinterpreted, downcast or made
// writable. A function pointer type used as a tag (absl's in_place_type_t<T>,
// `void (*)(InPlaceTag<T>)`) is built that way. `T(x)` with parentheses is a C-style
// cast and stays rejected; so does a braced downcast, which does not compile.
template <class T> struct InPlaceTag {};
template <class T> using in_place_type_t = void (*)(InPlaceTag<T>);
using BasePtr = Base*;
using DerivedPtr = Derived*;
using ConstBaseRef = const Base&;
struct TagTaker {
  template <class T> explicit TagTaker(in_place_type_t<T>) {}
};
void braced_pointer_init(Base* pb, Derived* pd, const Base* cpb) {
  TagTaker tagged(in_place_type_t<int>{});
  BasePtr none = BasePtr{};
  BasePtr up = BasePtr{pd};
  ConstBaseRef viewed = ConstBaseRef{*pd};
  DerivedPtr down = DerivedPtr(pb);  // expected-error {{this C-style cast of a pointer or reference acts as an unchecked reinterpret_cast}} \
                                     // expected-note {{casting from 'Base *' to 'DerivedPtr'}}
  BasePtr writable = BasePtr(cpb);   // expected-error {{this C-style cast of a pointer or reference acts as an unchecked reinterpret_cast}} \
                                     // expected-note {{casting from 'const Base *' to 'BasePtr'}}
  (void)tagged; (void)none; (void)up; (void)viewed; (void)down; (void)writable;
}

// std::bit_cast to a type that holds a pointer makes one from plain bytes.
struct Raw {
  std::uint64_t words[2];
};
struct Handle {
  int id;
  const char* name;
};
void bit_cast_to_pointers(std::uintptr_t address, Raw raw) {
  int* p = std::bit_cast<int*>(address);                        // expected-error {{std::bit_cast to 'int *' makes a pointer out of plain bytes, as reinterpret_cast does; keep the pointer, reference or view the bytes came from, or an index into its container [meshwa-unsafe-cast]}}
  auto view = std::bit_cast<std::string_view>(raw);              // expected-error {{std::bit_cast to 'std::string_view' makes a pointer out of plain bytes}} \
                                                                 // expected-note {{'std::string_view' holds a pointer: member '_M_str'}}
  auto handle = std::bit_cast<Handle>(raw);                      // expected-error {{std::bit_cast to 'Handle' makes a pointer out of plain bytes}} \
                                                                 // expected-note {{'Handle' holds a pointer: member 'name'}}
  (void)p; (void)view; (void)handle;
  int* q = __builtin_bit_cast(int*, address);                    // expected-error {{__builtin_bit_cast to 'int *' makes a pointer out of plain bytes}}
  (void)q;
}

// Still accepted: std::bit_cast between types without pointers.
std::uint32_t float_bits(float f) { return std::bit_cast<std::uint32_t>(f); }
std::uint32_t float_bits_builtin(float f) { return __builtin_bit_cast(std::uint32_t, f); }
Raw words_of(const double (&pair)[2]) { return std::bit_cast<Raw>(pair); }

// std::bit_cast to a bool (or a type holding one) can make a bool that is
// neither true nor false; clang assumes it cannot be, and `table[b]`'s bound
// check may be folded away (probe juliet4 §6).
enum class Switch : bool { off, on };
enum class Level : std::uint8_t { low, high };
struct Packet {
  std::uint8_t kind;
  bool urgent;
  std::uint16_t length;
};
void bit_cast_to_bools(std::uint8_t raw, std::uint32_t word, Packet p) {
  bool b = std::bit_cast<bool>(raw);                             // expected-error {{std::bit_cast to 'bool' can make a bool out of a byte that is neither 0 nor 1, which the compiler assumes never happens (an index with it can pass its bounds check); convert the byte instead (`bool b = byte != 0;`) and build the value from its fields [meshwa-unsafe-cast]}}
  auto s = std::bit_cast<Switch>(raw);                           // expected-error {{std::bit_cast to 'Switch' can make a bool out of a byte}}
  auto q = std::bit_cast<Packet>(word);                          // expected-error {{std::bit_cast to 'Packet' can make a bool out of a byte}} \
                                                                 // expected-note {{'Packet' holds a bool: member 'urgent'}}
  bool c = __builtin_bit_cast(bool, raw);                        // expected-error {{__builtin_bit_cast to 'bool' can make a bool}}
  // Accepted: an enum with a byte underneath takes every byte value, and a
  // value copied into its own type is already valid.
  auto l = std::bit_cast<Level>(raw);
  Packet same = std::bit_cast<Packet>(p);
  std::uint32_t back = std::bit_cast<std::uint32_t>(p);
  (void)b; (void)s; (void)q; (void)c; (void)l; (void)same; (void)back;
}

// std::as_writable_bytes is reinterpret_cast<std::byte*> inside the library:
// writing through it overwrites a std::string's pointer and size, makes a
// pointer out of bytes, or a bool or an enum a value it cannot have.
enum class Mode : std::uint8_t { off, on };
struct Flagged { std::uint32_t n; bool valid; };
struct Linked { int value; const Linked* next; };
void overwrite_bytes(std::array<std::string, 1>& names, std::array<bool, 4>& bits, std::array<Mode, 2>& modes,
                     std::array<Flagged, 2>& flagged, std::array<Linked, 2>& nodes) {
  auto bytes = std::as_writable_bytes(std::span(names));         // expected-error {{std::as_writable_bytes lets every byte of the objects be overwritten (their pointers and invariants included), as a reinterpret_cast to std::byte* does; assign whole values, or build the bytes in a std::array<std::byte, N> and std::bit_cast them into a value [meshwa-unsafe-cast]}}
  bytes[0] = std::byte{0x41};
  std::as_writable_bytes(std::span(bits))[1] = std::byte{2};     // expected-error {{std::as_writable_bytes lets every byte of the objects be overwritten}}
  std::as_writable_bytes(std::span(modes))[0] = std::byte{7};    // expected-error {{std::as_writable_bytes lets every byte of the objects be overwritten}}
  (void)std::as_writable_bytes(std::span(flagged));              // expected-error {{std::as_writable_bytes lets every byte of the objects be overwritten}}
  (void)std::as_writable_bytes(std::span(nodes));                // expected-error {{std::as_writable_bytes lets every byte of the objects be overwritten}}
}

// Still accepted: bytes written into numbers, characters, std::byte, or a
// trivially copyable struct of only those, where every byte pattern is a
// value (as std::bit_cast into them is): a read into a string's characters,
// a packet header filled from the wire.
struct WireHeader { std::uint32_t magic; std::uint16_t length; std::uint8_t kind[2]; };
void fill_bytes(std::array<std::uint32_t, 4>& words, std::string& text, std::array<float, 2>& floats,
                std::array<std::byte, 8>& raw, std::array<WireHeader, 1>& header, std::span<const std::byte> wire) {
  std::as_writable_bytes(std::span(words))[1] = std::byte{0};
  auto chars = std::as_writable_bytes(std::span(text));
  if (!chars.empty()) chars[0] = std::byte{'x'};
  std::as_writable_bytes(std::span(floats))[3] = std::byte{0x3f};
  std::as_writable_bytes(std::span(raw))[0] = std::byte{1};
  auto into = std::as_writable_bytes(std::span(header));
  if (wire.size() >= into.size()) std::copy_n(wire.begin(), into.size(), into.begin());
}

// Still accepted: std::as_bytes only reads (a checksum over the bytes of
// trivially copyable values), like std::bit_cast from a type with pointers.
unsigned checksum(const std::array<std::uint32_t, 4>& words) {
  unsigned sum = 0;
  for (std::byte b : std::as_bytes(std::span(words))) sum += std::to_integer<unsigned>(b);
  return sum;
}

// Still accepted: checked downcasts, arithmetic and enum casts in any
// spelling, casts to class types, (void).
enum class Color { red, green };
void accepted(Base& b, std::shared_ptr<Base> sb, double d) {
  if (auto* p = dynamic_cast<Derived*>(&b)) (void)p;
  auto sd = std::dynamic_pointer_cast<Derived>(sb);
  int i = (int)d;
  long l = long(i);
  auto c = static_cast<Color>(1);
  int k = static_cast<int>(c);
  unsigned u = static_cast<unsigned>(k);
  Base& up = static_cast<Base&>(*sd);
  (void)sd; (void)l; (void)u; (void)up;
}

// Casts whose types depend on a template parameter are judged in each
// instantiation, and reported once where they are written.
template <class To, class From>
To conv(const From& x) {
  return std::bit_cast<To>(x);  // expected-error {{std::bit_cast to 'std::basic_string_view<char>' makes a pointer out of plain bytes}} \
                                // expected-note {{'std::basic_string_view<char>' holds a pointer: member '_M_str'}}
}
template <class To, class From>
To& down(From& f) {
  return static_cast<To&>(f);  // expected-error {{static_cast down a class hierarchy is unchecked}}
}
template <class To, class From>
To* down_c(From* f) {
  return (To*)f;  // expected-error {{this C-style cast of a pointer or reference acts as an unchecked reinterpret_cast}} \
                  // expected-note {{casting from 'Base *' to 'Derived *'}}
}
// `(T&&)x` with `T&& x`, std::forward by another spelling (range-v3's
// check_equal), casts x to its own type in every instantiation: reported
// once, as what a static_cast does (with the fix-it), not as an unchecked
// reinterpret_cast; removing const stays one.
template <class T>
bool forwarded(T&& x) {
  return (T&&)x == x;  // expected-error {{a C-style cast of a pointer or reference can silently become a reinterpret_cast or const_cast; write static_cast<T>(...)}}
}
template <class T>
T& unconst(const T& x) {
  return (T&)x;  // expected-error {{this C-style cast of a pointer or reference acts as an unchecked reinterpret_cast}} \
                 // expected-note {{casting from 'const int' to 'int &'}}
}
template <class To>
To from_void(void* p) {
  return static_cast<To>(p);  // expected-error {{static_cast from a void pointer is unchecked}}
}
template <class T>
struct Unwrap {
  T& get(Base& b) { return static_cast<T&>(b); }  // expected-error {{static_cast down a class hierarchy is unchecked}}
};
// A member template of a class template: its instantiations hang on each
// specialization of the class, and are judged too (they went unjudged:
// `o.get<Derived>(b)` was accepted).
template <class T>
struct Outer {
  template <class U>
  U& get(T& b) { return static_cast<U&>(b); }  // expected-error {{static_cast down a class hierarchy is unchecked}}
};
// Template parameters named like the classes given to them (cereal's
// `template <class Base, class Derived> struct PolymorphicVirtualCaster`):
// the note names the argument qualified (`Base = ::Base`, a class of the
// global namespace), not "Base = Base".
template <class Base, class Derived>
Derived* caster(void* p) {
  return static_cast<Derived*>(p);  // expected-error {{static_cast from a void pointer is unchecked}}
}
char forged_view() {
  std::array<std::uintptr_t, 2> raw{0x1000, 16};
  (void)conv<std::uint64_t>(1.0);                 // fine: no pointer
  (void)conv<std::array<std::uint32_t, 2>>(raw[0]);
  return conv<std::string_view>(raw)[0];          // expected-note {{in the instantiation with To = std::basic_string_view<char>, From = std::array<unsigned long, 2>}}
}
int template_downcasts(Base& b, Derived& d, void* p) {
  Base& up = down<Base>(d);                       // fine: an upcast
  (void)down<Base>(b);
  (void)down<Derived>(b);                         // expected-note {{in the instantiation with To = Derived, From = Base}}
  (void)down<Derived>(b);                         // reported once
  (void)down_c<Derived>(&b);                      // expected-note {{in the instantiation with To = Derived, From = Base}}
  (void)from_void<int*>(p);                       // expected-note {{in the instantiation with To = int *}}
  (void)caster<Base, Derived>(p);                 // expected-note {{in the instantiation with Base = ::Base, Derived = ::Derived}}
  int n = 1;
  (void)forwarded(n);                             // expected-note {{in the instantiation with T = int &}}
  (void)forwarded(2);
  (void)unconst(n);                               // expected-note {{in the instantiation with T = int}}
  Unwrap<Derived> u;
  (void)u.get(b);                                 // expected-note {{in the instantiation with T = Derived}}
  Unwrap<Base> same;
  (void)same.get(up);
  Outer<Base> outer;
  (void)outer.get<Base>(b);                       // fine: no cast at all
  (void)outer.get<Derived>(b);                    // expected-note {{in the instantiation with U = Derived}}
  return 0;
}
// `C(x)` and `(C)x` to a class type construct a C: in a template whose
// operand depends on a parameter (spdlog's test helper
// `std::unique_ptr<spdlog::formatter>(new spdlog::pattern_formatter(args...))`)
// the cast kind is only "dependent" and the operand a pointer, which read
// as a C-style pointer cast. A cast to a pointer stays one.
struct Made : Base {
  explicit Made(int v) : x(v) {}
  int x;
};
template <class... A>
std::unique_ptr<Base> owned_made(A... a) {
  return std::unique_ptr<Base>(new Made(a...));  // fine: constructs a std::unique_ptr<Base>
}
template <class T, class... A>
std::unique_ptr<T> owned_as(A... a) {
  return (std::unique_ptr<T>)(new Made(a...));   // fine: a class template's specialization is a class
}
template <class... A>
Made* forged_made(A... a) {
  return (Made*)(new Base(a...));  // expected-error {{this C-style cast of a pointer or reference acts as an unchecked reinterpret_cast}} \
                                   // expected-note {{casting from 'Base *' to 'Made *'}}
}
void constructs_from_pointers() {
  (void)owned_made(1);
  (void)owned_as<Base>(2);
  (void)forged_made();                            // expected-note {{in the instantiation with A = <>}}
}
// A default member initializer of a class template, and a default
// argument of a template, run in each instantiation that uses them (a
// constructor of the class, a call that leaves the argument out): judged
// there too, reported once where written (they went unjudged: only
// function bodies were). One never used is never instantiated, never run.
Base* the_base();
template <class T>
struct Holder {
  T* d = static_cast<T*>(the_base());  // expected-error {{static_cast down a class hierarchy is unchecked}}
  int n = 0;
};
template <class T>
struct Unbuilt {
  T* d = static_cast<T*>(the_base());  // no Unbuilt<T> is ever made
};
template <class D>
struct SelfRef {
  D* self = static_cast<D*>(this);  // CRTP: D derives from SelfRef<D>
};
struct UsesSelf : SelfRef<UsesSelf> {};
template <class T>
T* pick(T* d = static_cast<T*>(the_base())) { return d; }  // expected-error {{static_cast down a class hierarchy is unchecked}}
template <class T>
T* pick_given(T* d = static_cast<T*>(the_base())) { return d; }  // every call gives the argument
template <class T>
struct Finder {
  T* find(int n, T* d = static_cast<T*>(the_base()));  // expected-error {{static_cast down a class hierarchy is unchecked}}
};
template <class T>
T* Finder<T>::find(int n, T* d) { return n > 0 ? d : nullptr; }
int template_defaults(Derived& dd) {
  Holder<Base> fine;
  Holder<Derived> held;                           // expected-note {{in the instantiation with T = Derived}}
  Holder<Derived> again;                          // reported once
  Unbuilt<Derived>* none = nullptr;
  UsesSelf self;
  (void)pick<Base>();
  (void)pick<Derived>();                          // expected-note {{in the instantiation with T = Derived}}
  (void)pick<Derived>();
  (void)pick_given<Derived>(&dd);
  Finder<Base> up;
  Finder<Derived> down;
  (void)up.find(1);
  (void)down.find(1);                             // expected-note {{in the instantiation with T = Derived}}
  (void)fine; (void)held; (void)again; (void)none; (void)self;
  return 0;
}
// A class nested in a class template, a local class and a lambda of a
// function template are instantiated anew with each instance of the
// template around them: their default member initializers and default
// arguments are judged there too, reported once (they went unjudged).
template <class T>
struct Enclosing {
  struct In {
    T* d = static_cast<T*>(the_base());  // expected-error {{static_cast down a class hierarchy is unchecked}}
  };
  template <class U>
  struct Deep {
    T* d = static_cast<T*>(the_base());  // expected-error {{static_cast down a class hierarchy is unchecked}}
    U u{};
  };
  In in;
  Deep<int> deep;
};
template <class T>
T* from_lambda() {
  auto get = [](T* d = static_cast<T*>(the_base())) { return d; };  // expected-error {{static_cast down a class hierarchy is unchecked}}
  return get();
}
template <class T>
T* from_local() {
  struct Local {
    T* e = static_cast<T*>(the_base());  // expected-error {{static_cast down a class hierarchy is unchecked}}
  } local;
  return local.e;
}
// (A lambda's call operator is no template: its default arguments are
// instantiated with it, used or not, as they are written in a function
// that is no template.)
template <class T>
T* from_lambda_given(T* given) {
  auto get = [](T* d = static_cast<T*>(the_base())) { return d; };  // expected-error {{static_cast down a class hierarchy is unchecked}}
  return get(given);
}
int nested_defaults(Derived& dd) {
  Enclosing<Base> fine;
  Enclosing<Derived> held;  // expected-note {{in the instantiation with T = Derived}} expected-note {{in the instantiation with T = Derived, U = int}}
  Enclosing<Derived> again;  // reported once
  (void)from_lambda<Base>();
  (void)from_lambda<Derived>();  // expected-note {{in the instantiation with T = Derived}}
  (void)from_lambda<Derived>();
  (void)from_local<Base>();
  (void)from_local<Derived>();  // expected-note {{in the instantiation with T = Derived}}
  (void)from_lambda_given<Base>(&dd);
  (void)from_lambda_given<Derived>(&dd);  // expected-note {{in the instantiation with T = Derived}}
  (void)fine; (void)held; (void)again;
  return 0;
}
// Arithmetic instantiations of generic casts stay accepted.
template <class To, class From>
To narrow(From f) { return static_cast<To>(f); }
template <class To, class From>
To c_style(From f) { return (To)f; }
int generic_arithmetic() { return narrow<int>(2.5) + c_style<int>(3L) + static_cast<int>(narrow<Color>(1)); }
// Templates of the standard library instantiated from here are not service
// code: their casts are not reported.
std::string joined(const std::vector<std::string>& parts) { return std::accumulate(parts.begin(), parts.end(), std::string()); }
std::shared_ptr<Base> shared_derived() { return std::make_shared<Derived>(); }

// CRTP: static_cast<D&>(*this) in Base<D> is accepted when D derives from
// Base<D>; another class deriving from Base<D> would be no D.
template <class D>
struct Shape {
  double area() const { return static_cast<const D&>(*this).area_impl(); }  // #shape_cast
  D* self() { return static_cast<D*>(this); }
};
struct Square : Shape<Square> {
  double side = 1;
  double area_impl() const { return side * side; }
};
double square_area() {
  Square s;
  (void)s.self();
  return s.area();
}
template <class D>
struct Counter {
  int call() { return static_cast<D&>(*this).impl(); }  // expected-note {{'Counter' casts *this to its parameter 'D' here}}
};
struct Big : Counter<Big> {
  long pad[16]{};
  int impl() { return static_cast<int>(pad[15]); }
};
struct Small : Counter<Big> {};  // expected-error {{'Small' derives from 'Counter<Big>', whose member functions static_cast *this to 'Big': on a 'Small' they treat the object as a 'Big' it is not; pass the deriving class itself as the argument ('Counter<Small>') [meshwa-unsafe-cast]}}
int lone_base(const Square& sq) {
  Shape<Square> alone;            // expected-error {{a 'Shape<Square>' object of its own (or sliced out of a 'Square'): its member functions static_cast *this to 'Square', which it is not; create a 'Square' instead [meshwa-unsafe-cast]}}
  Shape<Square> sliced = sq;      // expected-error {{a 'Shape<Square>' object of its own}}
  const Shape<Square>& base = sq; // fine: a reference to a Square
  return static_cast<int>(alone.area() + sliced.area() + base.area());
}
// A class template deriving from its own parameter (a mixin over a container:
// nlohmann::byte_container_with_subtype<std::vector<std::uint8_t>>) casts
// *this up to that base, which it is: objects of its own are fine.
template <class Container>
struct Tagged_bytes : Container {
  int tag = 0;
  bool operator==(const Tagged_bytes& rhs) const {
    return static_cast<const Container&>(*this) == static_cast<const Container&>(rhs) && tag == rhs.tag;
  }
};
bool tagged_bytes_equal(const std::vector<int>& bytes) {
  Tagged_bytes<std::vector<int>> a{bytes};
  const auto b = Tagged_bytes<std::vector<int>>{bytes, 1};
  return a == b;
}
// A parameter that is a base only through another argument (skarupke's
// flat_hash_map: sherwood_v3_table<..., ArgumentHash, Hasher, ...> derives
// from Hasher = KeyOrValueHasher<K, V, H> : functor_storage<size_t, H> : H,
// and casts *this to ArgumentHash = H): in each instantiation where it is a
// base the cast is an upcast, and objects of its own are fine; where the
// argument is no base, it is reported as before.
template <class Functor>
struct Storage : Functor {};
template <class ArgumentHash, class Hasher>
struct Table : Hasher {
  const ArgumentHash& hash_function() const { return static_cast<const ArgumentHash&>(*this); }
};
struct PlainHash {
  int operator()(int k) const { return k; }
};
struct NoHash {};
template <class H>
struct HashMap : Table<H, Storage<H>> {};
int hash_through_other_argument() {
  HashMap<PlainHash> map;
  Table<PlainHash, Storage<PlainHash>> table;
  Table<PlainHash, NoHash> wrong;  // expected-error {{a 'Table<PlainHash, NoHash>' object of its own (or sliced out of a 'PlainHash'): its member functions static_cast *this to 'PlainHash', which it is not}}
  return map.hash_function()(1) + table.hash_function()(2) + static_cast<int>(sizeof(wrong));
}
// The expression-template operator (Eigen, Blaze): a free function casting a
// Shape<D> object to D is the same CRTP cast, accepted on the same terms.
template <class L, class R>
double area_sum(const Shape<L>& l, const Shape<R>& r) {
  return static_cast<const L&>(l).area_impl() + static_cast<const R*>(&r)->area_impl();
}
double squares(const Square& a, const Square& b) { return area_sum(a, b); }
// Not when the base never casts *this (nothing rejects a wrong derivation
// or an object of its own), nor to a class that is not its argument.
template <class D>
struct Tag {};
struct Tagged : Tag<Tagged> { int v = 0; };
int untagged(const Tag<Tagged>& t) { return static_cast<const Tagged&>(t).v; }  // expected-error {{static_cast down a class hierarchy is unchecked}} expected-note {{a CRTP cast: give 'Tag' a member that casts *this to 'D' (`const D& derived() const { return static_cast<const D&>(*this); }`) and call it here}}
struct Wide : Shape<Square> {};  // expected-error {{'Wide' derives from 'Shape<Square>'}} expected-note@#shape_cast {{'Shape' casts *this to its parameter 'D' here}}
int widened(const Shape<Square>& s) { return static_cast<const Wide&>(s).area() > 0; }  // expected-error {{static_cast down a class hierarchy is unchecked}}
// A layer of a CRTP hierarchy hands its own parameter on (Eigen's
// `template <class Derived> class ArrayBase : public DenseBase<Derived>`,
// msgpack's `parser<VisitorHolder, ...> : context<VisitorHolder>`): the
// leaf derives from the layer with itself as the argument, so the base's
// cast of *this is right. A layer that passes another class stays reported.
template <class D>
struct Solid : Shape<D> {
  double volume() const { return this->area() * 2; }
};
struct Cube : Solid<Cube> {
  double side = 1;
  double area_impl() const { return side * side * 6; }
};
double cube_volume() {
  const Cube c;
  return c.volume();
}
template <class D>
struct Flat : Shape<Square> {};  // expected-error {{'Flat' derives from 'Shape<Square>', whose member functions static_cast *this to 'Square'}} expected-note@#shape_cast {{'Shape' casts *this to its parameter 'D' here}}
// The layer hands D on, so it casts to D as well: a class deriving from
// Solid<X> that is not X is the same type confusion as `Small` above.
struct Pyramid : Solid<Cube> {};  // expected-error {{'Pyramid' derives from 'Solid<Cube>', whose member functions static_cast *this to 'Cube': on a 'Pyramid' they treat the object as a 'Cube' it is not; pass the deriving class itself as the argument ('Solid<Pyramid>')}} expected-note@#shape_cast {{'Solid' casts *this to its parameter 'D' here}}
// An implementation layer (Eigen's `SolveImpl<Dec, Rhs, Dense> :
// MatrixBase<Solve<Dec, Rhs>>` under `Solve<Dec, Rhs> : SolveImpl<Dec, Rhs,
// Kind<Rhs>>`): the class the layer passes derives from the layer itself,
// with the same arguments, so the base's cast is right on every Solved. A
// layer passing the arguments swapped, and another class deriving from the
// layer, stay reported.
template <class D>
struct Lazy {
  double value() const { return static_cast<const D&>(*this).eval(); }  // #lazy_cast
};
struct DenseKind {};
template <class Rhs>
struct KindOf {
  using type = DenseKind;
};
template <class Dec, class Rhs>
struct Solved;
template <class Dec, class Rhs, class Kind>
struct SolvedImpl;
template <class Dec, class Rhs>
struct SolvedImpl<Dec, Rhs, DenseKind> : Lazy<Solved<Dec, Rhs>> {};
template <class Dec, class Rhs>
struct Solved : SolvedImpl<Dec, Rhs, typename KindOf<Rhs>::type> {  // expected-note {{'Solved' derives from the layer, and is the class its base casts *this to}}
  double eval() const { return 1; }
};
double solved_value() {
  const Solved<int, long> s;
  return s.value();
}
struct FakeSolved : SolvedImpl<int, long, DenseKind> {};  // expected-error {{'FakeSolved' derives from 'SolvedImpl<int, long, DenseKind>', a layer of 'Solved' whose base static_casts *this to 'Solved<...>'}}
template <class Dec, class Rhs>
struct Swapped;
template <class Dec, class Rhs>
struct SwappedImpl : Lazy<Swapped<Rhs, Dec>> {};  // expected-error {{'SwappedImpl' derives from 'Lazy<Swapped<Rhs, Dec>>', whose member functions static_cast *this to 'Swapped<Rhs, Dec>'}} expected-note@#lazy_cast {{'Lazy' casts *this to its parameter 'D' here}}
template <class Dec, class Rhs>
struct Swapped : SwappedImpl<Dec, Rhs> {};

// std::coroutine_handle<P>::from_promise(p) computes a frame address from
// p's: only from_promise(*this) in a member of the promise type is accepted,
// and a promise object made outside a coroutine frame is rejected.
struct Task {
  struct promise_type {
    Task get_return_object() { return Task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> handle;
};
Task run_task() { co_return; }
struct Plain {
  std::suspend_never initial_suspend() noexcept { return {}; }
  std::suspend_never final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() {}
};
void forged_handles(Task::promise_type& other) {
  Plain fake{};
  auto h = std::coroutine_handle<Plain>::from_promise(fake);  // expected-error {{std::coroutine_handle::from_promise computes a coroutine frame's address from the object it is given, and on an object that is no coroutine's promise resume() calls through whatever memory lies before it; call it only as from_promise(*this) in a member function of the promise type (get_return_object) [meshwa-unsafe-cast]}}
  h.resume();
  (void)std::coroutine_handle<Task::promise_type>::from_promise(other);  // expected-error {{std::coroutine_handle::from_promise computes a coroutine frame's address}}
  (void)std::coroutine_handle<>::from_address(h.address());  // expected-error {{std::coroutine_handle::from_address makes a coroutine handle out of any address, and resume() then calls through whatever memory it points to; keep the handle the coroutine gave you (a coroutine type owns it) [meshwa-unsafe-cast]}}
  Task::promise_type promise{};  // expected-error {{a 'Task::promise_type' object outside a coroutine frame: its member functions make a std::coroutine_handle from *this, which here is no coroutine's promise; only the compiler creates promise objects, reach the coroutine's own through its handle's promise() [meshwa-unsafe-cast]}}
  Task::promise_type copy = other;  // expected-error {{a 'Task::promise_type' object outside a coroutine frame}}
  (void)promise.get_return_object();
  (void)copy;
}
// Still accepted: the coroutine's own promise, reached through its handle.
bool task_done() {
  Task t = run_task();
  Task::promise_type& mine = t.handle.promise();
  (void)mine;
  t.handle.resume();
  return t.handle.done();
}
// Coroutines that are templates: clang synthesises
// coroutine_handle<P>::from_address(frame) for every suspend point of each
// instantiation, at the co_await's own location. That is not the user's
// code: accepted, as in a coroutine that is no template.
template <class T>
Task wait_then(T value) {
  co_await std::suspend_always{};
  (void)value;
  co_return;
}
template <class T>
struct Worker {
  Task step(T value) {
    co_await std::suspend_always{};
    (void)value;
  }
};
bool template_coroutines() {
  Task a = wait_then(1);
  Task b = Worker<long>{}.step(2);
  auto lambda = [](auto value) -> Task {
    co_await std::suspend_always{};
    (void)value;
  };
  Task c = lambda(3.0);
  return a.handle.done() && b.handle.done() && c.handle.done();
}
// What the template writes itself is still judged per instantiation.
template <class P>
bool forge_in_template(void* address) {
  return std::coroutine_handle<P>::from_address(address).done();  // expected-error {{std::coroutine_handle::from_address makes a coroutine handle out of any address}} expected-note@#forge_use {{in the instantiation with P = Task::promise_type}}
}
bool use_forge(Task& t) { return forge_in_template<Task::promise_type>(t.handle.address()); }  // #forge_use

// A const that the standard library puts there cannot be removed by making
// anything non-const: the message names what works instead.
struct Job {
  int prio = 0;
};
struct ByPrio {
  bool operator()(const std::unique_ptr<Job>& a, const std::unique_ptr<Job>& b) const { return a->prio < b->prio; }
};
class JobQueue {
 public:
  std::unique_ptr<Job> take_hack() {
    auto t = std::move(const_cast<std::unique_ptr<Job>&>(q_.top()));  // expected-error {{const_cast removes const, and writing through the result is undefined behaviour; std::priority_queue::top() is const by the standard (the heap's order depends on the element), so no code can make it non-const; keep the elements in a std::vector used as a heap instead: add with v.push_back(std::move(x)) and std::push_heap(v.begin(), v.end(), cmp), take the top with std::pop_heap(v.begin(), v.end(), cmp), then std::move(v.back()) and v.pop_back() [meshwa-unsafe-cast]}} expected-note {{'top()' of a std::priority_queue returns a const reference}}
    q_.pop();
    return t;
  }
  // The remedy: a std::vector kept as a heap.
  void add(std::unique_ptr<Job> j) {
    heap_.push_back(std::move(j));
    std::push_heap(heap_.begin(), heap_.end(), ByPrio{});
  }
  std::unique_ptr<Job> take() {
    std::pop_heap(heap_.begin(), heap_.end(), ByPrio{});
    auto t = std::move(heap_.back());
    heap_.pop_back();
    return t;
  }

 private:
  std::priority_queue<std::unique_ptr<Job>, std::vector<std::unique_ptr<Job>>, ByPrio> q_;
  std::vector<std::unique_ptr<Job>> heap_;
};
void rename_key(std::map<std::string, int>& m) {
  auto it = m.find("old");
  const_cast<std::string&>(it->first) = "new";  // expected-error {{const_cast removes const, and writing through the result is undefined behaviour; the key of a map's element (a std::pair<const K, V>) is const by the standard (the map's order or hash depends on it); to change a key, take the element out and put it back: auto node = m.extract(it), change node.key(), then m.insert(std::move(node))}} expected-note {{'first' of a map's element is its const key}}
  auto node = m.extract("x");
  node.key() = "y";
  m.insert(std::move(node));
}
// `s.first` naming a static data member (not a pair's field): an ordinary
// const_cast, without the map-key remedy (this once crashed the plugin).
struct Limits {
  static const int first;
};
int& writable_first(Limits& l) {
  return const_cast<int&>(l.first);  // expected-error {{const_cast removes const, and writing through the result is undefined behaviour; make the object (or the function taking it) non-const instead [meshwa-unsafe-cast]}}
}
// A const_cast that only adds const one level deep is std::as_const by
// another name: the call of a const overload from its non-const twin. The
// cast back, which removes it, is reported; so is const added two levels
// deep (a const int* could then be stored into an int*).
class Shelf {
 public:
  const std::string& at(std::size_t i) const { return items_.at(i); }
  const std::string& peek(std::size_t i) { return const_cast<const Shelf&>(*this).at(i); }
  const std::string& peek_through(std::size_t i) { return const_cast<const Shelf*>(this)->at(i); }
  std::string& at(std::size_t i) {
    return const_cast<std::string&>(const_cast<const Shelf&>(*this).at(i));  // expected-error {{const_cast removes const}}
  }
  std::size_t unsound(std::vector<int*>& v) {
    return const_cast<const int**>(v.data()) != nullptr ? 1 : 0;  // expected-error {{const_cast removes const}}
  }

 private:
  std::vector<std::string> items_;
};

template <class T>
const T& viewed(T& x) {
  return const_cast<const T&>(x);  // adds const to T in every instantiation
}
template <class T>
T& unviewed(const T& x) {
  return const_cast<T&>(x);  // expected-error {{const_cast removes const}}
}
int views(int& n) { return viewed(n) + unviewed(n); }

// Any other const object: making it non-const is the remedy.
void other_const(const std::vector<int>& v, const std::priority_queue<int>& q) {
  const_cast<int&>(v.front()) = 1;  // expected-error {{const_cast removes const, and writing through the result is undefined behaviour; make the object (or the function taking it) non-const instead}}
  const_cast<std::priority_queue<int>&>(q).pop();  // expected-error {{make the object (or the function taking it) non-const instead}}
}

// A reinterpret_cast to the type its operand already has (TheAlgorithms'
// large_number: `reinterpret_cast<large_number*>(&n)`) changes nothing:
// accepted. A different pointee, or bytes, stays rejected.
struct Digits { int d = 0; };
int identity_reinterpret(Digits n, long l) {
  Digits* same = reinterpret_cast<Digits*>(&n);
  const Digits* ro = reinterpret_cast<const Digits*>(same);
  long& also = reinterpret_cast<long&>(l);
  char* bytes = reinterpret_cast<char*>(same);              // expected-error {{reinterpret_cast makes the compiler treat memory as an unrelated type}}
  Derived* other = reinterpret_cast<Derived*>(&n);          // expected-error {{reinterpret_cast makes the compiler treat memory as an unrelated type}}
  return ro->d + static_cast<int>(also) + (bytes != nullptr) + other->x;
}
