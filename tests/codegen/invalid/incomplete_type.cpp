#include "incomplete_type.hpp"
