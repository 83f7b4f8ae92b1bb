#include "empty_name.hpp"

int Anonymous::ping() { return 1; }
