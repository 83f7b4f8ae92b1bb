#include <meshwa/annotations.hpp>

#include <array>

// Unsafe code of the unit, called from store.cpp through unmarked
// declarations: the unit's service must run in an MPK domain.
MESHWA_UNSAFE("legacy table walk") int poke(int n) {
  std::array<int, 4> t{};
  int* p = t.data();
  p[n % 4] = 1;
  return t[0];
}
extern "C" MESHWA_UNSAFE("legacy C entry point") int c_poke(int n) { return n; }
// A static helper is seen by every caller in its file: not a unit-wide mark
// while no function the file exports reaches it ...
MESHWA_UNSAFE("file-local") static int local_only(int n) { return n; }
static int uses_local(int n) { return local_only(n); }
// ... but a function the file exports may be called from another file: the
// unsafe code it uses counts for the unit, named by its MESHWA_UNSAFE.
MESHWA_UNSAFE("copies a C buffer") static int copy_in(int n) { return n; }
int exported_copy(int n) { return copy_in(n); }
// A helper that builds a MESHWA_UNSAFE class, and an exported MESHWA_UNSAFE
// variable (another file reads it through a plain `extern` declaration).
struct MESHWA_UNSAFE("raw scratch buffer") Scratch {
  int fill(int n) { return n; }
};
int scratch_fill(int n) { return Scratch{}.fill(n); }
MESHWA_UNSAFE("shared C table") int c_table[4] = {};
