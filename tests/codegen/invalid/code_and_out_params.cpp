#include "code_and_out_params.hpp"
