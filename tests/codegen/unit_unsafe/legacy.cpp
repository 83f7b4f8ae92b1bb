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
// A static helper is seen by every caller in its file: not a unit-wide mark.
MESHWA_UNSAFE("file-local") static int local_only(int n) { return n; }
int uses_local(int n) { return local_only(n); }
