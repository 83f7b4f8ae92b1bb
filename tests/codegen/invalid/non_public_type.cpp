#include "non_public_type.hpp"
