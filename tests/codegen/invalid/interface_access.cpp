#include "interface_access.hpp"
