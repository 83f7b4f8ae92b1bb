// Compile-fail: what DESIGN.md's table promises the handles do not offer.
// An Owned has no get()/release() (its value never leaves the exchange heap
// as a raw pointer), and a Shared value is immutable: *h and h-> are const.
#include <meshwa/meshwa.hpp>

struct Blob {
  int size = 0;
};

int peek(meshwa::Owned<Blob>& owned) { return owned.get()->size; }
void leak(meshwa::Owned<Blob>& owned) { (void)owned.release(); }
void write_through_arrow(meshwa::Shared<Blob>& shared) { shared->size = 1; }
void write_through_star(meshwa::Shared<Blob>& shared) { (*shared).size = 1; }
