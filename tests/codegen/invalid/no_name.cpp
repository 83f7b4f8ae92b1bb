#include "no_name.hpp"
