#include "missed_override.hpp"

namespace bad {

std::string ItemService::get(std::int32_t id) { return std::to_string(id); }

}  // namespace bad
