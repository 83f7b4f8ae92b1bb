#include "overload.hpp"

namespace lockover {

ReaderService::ReaderService(meshwa::Context&) {}
std::int32_t ReaderService::get(std::int32_t key) { return key; }
std::int32_t ReaderService::get(std::string name) { return static_cast<std::int32_t>(name.size()); }

}  // namespace lockover
