#include "nested_template_arguments.hpp"
