#include "unsafe_reason_unused.hpp"
