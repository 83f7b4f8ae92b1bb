#pragma once

#include <cstdint>
#include <string>

#include "probe.hpp"

namespace handoff {

/// Implements inherited() for the service: the stub must call it on this
/// base, under the base's symbol, with `this` adjusted to the base.
class ProbeBase : public Probe {
 public:
  meshwa::Result<std::int64_t> inherited(Tracked t) override;

 private:
  std::int64_t factor_ = 2;
};

/// The service's first base, so that ProbeBase sits at an offset inside
/// ProbeService: a call with an unadjusted `this` would read the wrong factor.
class Journal {
 public:
  virtual ~Journal() = default;
  std::int64_t entries = 0;
};

class MESHWA_SERVICE("probe") ProbeService final : public Journal, public ProbeBase {
 public:
  explicit ProbeService(meshwa::Context& ctx);

  meshwa::Result<std::int64_t> take(Tracked t, std::string label) override;
  meshwa::Result<std::int64_t> peek(Tracked t) const override;
  // Defined in the class body: emitted only where it is used.
  meshwa::Result<std::int64_t> in_class(Tracked t, std::int64_t k) override { return t.id + k; }
  meshwa::Result<std::int64_t> borrow(const Tracked& t) override;
  meshwa::Result<std::int64_t> add(Plain p, std::int64_t k) override;
  meshwa::Result<std::int64_t> consume(meshwa::Owned<Tracked> t) override;
  meshwa::Result<std::int64_t> fail(Tracked t) override;

 protected:
  meshwa::Result<std::int64_t> boxed(Box b) override;

 private:
  // A private override: reachable through Probe only, and by the stub.
  std::int64_t count(Tracked t, std::string label) override;

  std::int64_t offset_ = 1000;
};

}  // namespace handoff
