#include "counter.hpp"

extern "C" int c_count(int n);  // legacy_count.c, MESHWA_UNSAFE there

namespace unitunsafe {

int CounterService::next(int n) { return c_count(n); }

}  // namespace unitunsafe
