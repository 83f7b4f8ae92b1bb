#include "not_a_message.hpp"
