#include "counter.hpp"

extern "C" int c_count(int n);  // legacy_count.c, MESHWA_UNSAFE there

namespace unitunsafe {

int ring_push(int v);  // ring.cpp: a helper that builds a MESHWA_UNSAFE class

int CounterService::next(int n) { return c_count(n) + ring_push(n); }

}  // namespace unitunsafe
