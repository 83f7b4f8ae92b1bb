#include "empty_variant.hpp"
