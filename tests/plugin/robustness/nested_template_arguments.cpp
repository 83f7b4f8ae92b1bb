// Template arguments nested many levels deep, each level naming the level
// below it eight times (as type lists and tuples of tuples do). The search
// for a raw pointer among template arguments looks at each type once: it
// looked at every mention, 8^depth of them, and never finished.
// Compiled with all rules on.
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
