#include "unsafe_without_reason.hpp"
