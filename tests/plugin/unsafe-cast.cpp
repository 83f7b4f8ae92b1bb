// meshwa-unsafe-cast: reinterpret_cast, const_cast, unchecked downcasts,
// C-style casts of pointers and references.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <numeric>
#include <span>
#include <string>
#include <string_view>

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

// std::as_writable_bytes is reinterpret_cast<std::byte*> inside the library:
// writing through it overwrites a std::string's pointer and size.
void overwrite_bytes(std::array<std::string, 1>& names, std::array<std::uint32_t, 4>& words) {
  auto bytes = std::as_writable_bytes(std::span(names));         // expected-error {{std::as_writable_bytes lets every byte of the objects be overwritten (their pointers and invariants included), as a reinterpret_cast to std::byte* does; assign whole values, or build the bytes in a std::array<std::byte, N> and std::bit_cast them into a value [meshwa-unsafe-cast]}}
  bytes[0] = std::byte{0x41};
  std::as_writable_bytes(std::span(words))[1] = std::byte{0};     // expected-error {{std::as_writable_bytes lets every byte of the objects be overwritten}}
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
