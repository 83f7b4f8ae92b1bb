#include "no_interface.hpp"

int Lonely::ping() { return 1; }
