// A unit of interfaces and messages: meshwa gen says nothing of it (it
// lists api_unit.hpp, which declares an interface and a message).
#include "api_unit.hpp"
