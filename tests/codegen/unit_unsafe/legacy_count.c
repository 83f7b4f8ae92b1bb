#include <meshwa/annotations.hpp>

/* C code of the unit: meshwa gen reads .c sources too, so its mark counts. */
MESHWA_UNSAFE("legacy C file") int c_count(int n) {
  int table[4] = {0};
  table[n & 3] = n;
  return table[0] + 1;
}
