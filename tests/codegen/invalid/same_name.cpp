#include "same_name.hpp"
