#include "lazy.hpp"
