#include "only_rejected_methods.hpp"
