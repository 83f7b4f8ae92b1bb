#include "repeated_base.hpp"
