#include "anonymous_enum.hpp"
