#include "two_class_markers.hpp"
