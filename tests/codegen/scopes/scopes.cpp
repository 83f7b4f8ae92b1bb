#include "scopes.hpp"

ScopesService::ScopesService(meshwa::Context&) {}

Error ScopesService::check(gen::Item item, metrics::Sample sample) {
  return Error{std::to_string(item.n), sample.level == mpk::Level::high ? Code::blue : Code::red};
}
