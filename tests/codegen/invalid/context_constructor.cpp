#include "context_constructor.hpp"
