#include "ambiguous_overload.hpp"
