#include "method_template.hpp"
