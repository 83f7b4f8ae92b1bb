#include "unnamed_member.hpp"
