#include "extra_arg.hpp"
