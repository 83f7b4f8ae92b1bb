#include "respelled.hpp"

namespace lockrespell {

StoreService::StoreService(meshwa::Context&) {}
std::int32_t StoreService::put(Key key) { return static_cast<std::int32_t>(key.size()); }
std::int32_t StoreService::put(std::int32_t id) { return id; }

}  // namespace lockrespell
