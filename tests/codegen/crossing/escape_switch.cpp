#include "crossing/escape_switch.hpp"

#include <cstdlib>

namespace crossing {

bool escape_requested() { return std::getenv("CROSSING_ESCAPE") != nullptr; }

bool fault_requested() { return std::getenv("CROSSING_FAULT") != nullptr; }

std::int32_t read_unmapped() {
  // Page 0 is never mapped: SIGSEGV (SEGV_MAPERR), with MPK or without.
  volatile const std::int32_t* p = reinterpret_cast<volatile const std::int32_t*>(std::uintptr_t{16});
  return *p;
}

}  // namespace crossing
