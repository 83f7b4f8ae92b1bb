#include "shelf.hpp"

namespace shelf {

ShelfService::ShelfService(meshwa::Context&) {}

std::string ShelfService::label(std::string key) { return "shelf " + key; }

}  // namespace shelf
