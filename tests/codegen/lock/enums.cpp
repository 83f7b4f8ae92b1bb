#include "enums.hpp"
