#include "ctor_work.hpp"
