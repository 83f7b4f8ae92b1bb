#include "ref_unseen_template.hpp"
