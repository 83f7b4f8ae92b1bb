// A helper of the unit that builds a MESHWA_UNSAFE class. counter.cpp calls it
// through a plain declaration, which shows nothing of the class: the unit's
// service is unsafe via Ring, and --list says so.
#include <meshwa/annotations.hpp>

#include <array>

namespace unitunsafe {

class MESHWA_UNSAFE("raw ring buffer") Ring {
 public:
  int push(int v) {
    int* slot = slots_.data() + (v & 3);
    *slot = v;
    return slots_[0];
  }

 private:
  std::array<int, 4> slots_{};
};

int ring_push(int v) { return Ring{}.push(v); }

}  // namespace unitunsafe
