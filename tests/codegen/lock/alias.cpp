#include "alias.hpp"
