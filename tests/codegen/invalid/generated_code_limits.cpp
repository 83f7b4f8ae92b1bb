#include "generated_code_limits.hpp"
