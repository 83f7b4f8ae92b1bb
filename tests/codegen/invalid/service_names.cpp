#include "service_names.hpp"
