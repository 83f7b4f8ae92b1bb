// Records nested twelve levels deep, sixteen fields a level, each field of
// the record below: the searches for a `mutable` member (mutable-global, on
// a const global) and for a pointer or bool member (unsafe-cast, on a
// std::bit_cast) look at each record once. They followed every field path,
// 16^depth of them, and never finished. Compiled with all rules on.
#include <bit>

struct Leaf0 {
  int value = 0;
};

#define FIELDS(name, below) \
  struct name {             \
    below a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p; \
  }

FIELDS(Leaf1, Leaf0);
FIELDS(Leaf2, Leaf1);
FIELDS(Leaf3, Leaf2);
FIELDS(Leaf4, Leaf3);
FIELDS(Leaf5, Leaf4);
FIELDS(Leaf6, Leaf5);
FIELDS(Leaf7, Leaf6);
FIELDS(Leaf8, Leaf7);
FIELDS(Leaf9, Leaf8);
FIELDS(Leaf10, Leaf9);
FIELDS(Leaf11, Leaf10);
FIELDS(Leaf12, Leaf11);

// Nothing mutable and no pointer anywhere: every path was followed to the
// end, and nothing is reported.
extern const Leaf12 settled;

Leaf12 copy_bits(const Leaf12& whole) { return std::bit_cast<Leaf12>(whole); }

// The same with a `mutable` member, or a pointer, at the bottom, within the
// depth searched: still found.
struct Cache0 {
  mutable int hits = 0;
};
FIELDS(Cache1, Cache0);
FIELDS(Cache2, Cache1);
FIELDS(Cache3, Cache2);

extern const Cache3 cache;  // expected-error {{mutable global variable 'cache'}}

struct Link0 {
  const char* text = nullptr;  // expected-error {{member of raw pointer type 'const char *'}}
};
FIELDS(Link1, Link0);
FIELDS(Link2, Link1);
FIELDS(Link3, Link2);

struct Bytes3 {
  unsigned char raw[sizeof(Link3)];
};

Link3 forge(const Bytes3& bytes) {
  return std::bit_cast<Link3>(bytes);  // expected-error {{std::bit_cast to 'Link3' makes a pointer out of plain bytes}} expected-note {{'Link3' holds a pointer: member 'text'}}
}
