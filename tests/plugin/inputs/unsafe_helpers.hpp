// Declarations other files see, for tests/plugin/unsafe-reason.cpp.
#pragma once

#include <meshwa/meshwa.hpp>

int legacy_sum(int n);
MESHWA_UNSAFE("calls a C library") int legacy_product(int n);
