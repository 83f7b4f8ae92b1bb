// Types nested many levels deep, each level naming the level below it eight
// (or sixteen) times: template arguments (as type lists and tuples of tuples do), and
// fields. The search for a raw pointer among template arguments, and the
// one for fields that default-initialisation leaves indeterminate, look at
// each type once: they looked at every mention, 8^depth of them, and never
// finished. Compiled with all rules on.
template <class... Ts>
struct List {};

struct Leaf {};

#define LEVEL(name, below) using name = List<below, below, below, below, below, below, below, below>

LEVEL(Plain1, Leaf);
LEVEL(Plain2, Plain1);
LEVEL(Plain3, Plain2);
LEVEL(Plain4, Plain3);
LEVEL(Plain5, Plain4);
LEVEL(Plain6, Plain5);
LEVEL(Plain7, Plain6);
LEVEL(Plain8, Plain7);
LEVEL(Plain9, Plain8);
LEVEL(Plain10, Plain9);
LEVEL(Plain11, Plain10);
LEVEL(Plain12, Plain11);
LEVEL(Plain13, Plain12);
LEVEL(Plain14, Plain13);
LEVEL(Plain15, Plain14);
LEVEL(Plain16, Plain15);

// The same with a raw pointer at the bottom, within the depth searched.
LEVEL(Pointers1, int*);
LEVEL(Pointers2, Pointers1);
LEVEL(Pointers3, Pointers2);
LEVEL(Pointers4, Pointers3);

int plain() {
  Plain16 whole;
  (void)whole;
  return 0;
}

int pointers() {
  Pointers4 whole;  // expected-error {{variable type 'Pointers4' holds the raw pointer 'int *'}}
  (void)whole;
  return 0;
}

// A template of sixteen parameters (not a pack), nested as deep: the search
// for a std::ranges::ref_view among the arguments of a returned type
// (dangling) looks at each type once; it took 16^9 steps.
template <class A, class B, class C, class D, class E, class F, class G, class H, class I, class J, class K, class L,
          class M, class N, class O, class P>
struct Sixteen {};

#define SIXTEEN(name, below)                                                                                      \
  using name = Sixteen<below, below, below, below, below, below, below, below, below, below, below, below, below, \
                       below, below, below>

SIXTEEN(Fixed1, Leaf);
SIXTEEN(Fixed2, Fixed1);
SIXTEEN(Fixed3, Fixed2);
SIXTEEN(Fixed4, Fixed3);
SIXTEEN(Fixed5, Fixed4);
SIXTEEN(Fixed6, Fixed5);
SIXTEEN(Fixed7, Fixed6);
SIXTEEN(Fixed8, Fixed7);
SIXTEEN(Fixed9, Fixed8);
SIXTEEN(Fixed10, Fixed9);
SIXTEEN(Fixed11, Fixed10);
SIXTEEN(Fixed12, Fixed11);
SIXTEEN(Fixed13, Fixed12);
SIXTEEN(Fixed14, Fixed13);
SIXTEEN(Fixed15, Fixed14);
SIXTEEN(Fixed16, Fixed15);

Fixed16 fixed() {
  Fixed16 whole;
  return whole;
}

// Fields: nothing is left indeterminate (the leaf is initialised), so
// every field path was followed to the end.
struct Set0 {
  int value = 0;
};

#define FIELDS(name, below) \
  struct name {             \
    below a, b, c, d, e, f, g, h; \
  }

FIELDS(Set1, Set0);
FIELDS(Set2, Set1);
FIELDS(Set3, Set2);
FIELDS(Set4, Set3);
FIELDS(Set5, Set4);
FIELDS(Set6, Set5);
FIELDS(Set7, Set6);
FIELDS(Set8, Set7);
FIELDS(Set9, Set8);
FIELDS(Set10, Set9);
FIELDS(Set11, Set10);
FIELDS(Set12, Set11);
FIELDS(Set13, Set12);

int all_set() {
  Set13 whole;
  return whole.a.b.c.d.e.f.g.h.a.b.c.d.e.value;
}

// The same with an indeterminate leaf, within the depth searched.
struct Unset0 {
  int value;
};
FIELDS(Unset1, Unset0);
FIELDS(Unset2, Unset1);
FIELDS(Unset3, Unset2);

int unset() {
  Unset3 whole;  // expected-error {{'whole' is declared without a value}}
  return whole.a.b.c.value;  // expected-note {{'whole' is used here before it is given a value}}
}
