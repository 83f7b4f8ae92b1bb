#include "probe_service.hpp"

#include <stdexcept>
#include <utility>

namespace handoff {

meshwa::Result<std::int64_t> ProbeBase::inherited(Tracked t) { return t.id * factor_; }

ProbeService::ProbeService(meshwa::Context&) {}

meshwa::Result<std::int64_t> ProbeService::take(Tracked t, std::string label) {
  return t.id + static_cast<std::int64_t>(label.size());
}

meshwa::Result<std::int64_t> ProbeService::peek(Tracked t) const { return t.id + offset_; }

meshwa::Result<std::int64_t> ProbeService::borrow(const Tracked& t) { return t.id; }

meshwa::Result<std::int64_t> ProbeService::add(Plain p, std::int64_t k) { return p.x + p.y + k; }

meshwa::Result<std::int64_t> ProbeService::boxed(Box b) { return b.v; }

meshwa::Result<std::int64_t> ProbeService::consume(meshwa::Owned<Tracked> t) {
  meshwa::Owned<Tracked> kept = std::move(t);
  return kept->id;
}

meshwa::Result<std::int64_t> ProbeService::fail(Tracked t) {
  throw std::runtime_error("refused " + std::to_string(t.id));
}

std::int64_t ProbeService::count(Tracked t, std::string label) {
  if (label.empty()) throw std::invalid_argument("no label");
  return t.id;
}

}  // namespace handoff
