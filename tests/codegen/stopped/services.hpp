#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api.hpp"

namespace stopped {

// Keeps the Refs handed to it in add() (the hub/subscriber pattern) and says
// goodbye through them when it stops: from its destructor, and from a thread
// its destructor joins. It also keeps its Context and asks it again there.
class MESHWA_SERVICE("hub") HubService final : public Hub {
 public:
  explicit HubService(meshwa::Context& ctx);
  ~HubService() override;
  void add(meshwa::Ref<Sink> sink) override;

 private:
  meshwa::Context& ctx_;
  bool plain_ = false;  // config "plain": also call Sink::count(), which has no Result
  std::vector<meshwa::Ref<Sink>> sinks_;
  std::vector<meshwa::Ref<Pinger>> pingers_;  // the same exits, as their base interface
};

// Its state is on the heap: a call into it after its destructor reads freed
// memory (MALLOC_PERTURB_ in the test makes that crash).
class MESHWA_SERVICE("sink") SinkService final : public Sink {
 public:
  explicit SinkService(meshwa::Context& ctx);
  meshwa::Result<std::int32_t> ping(std::string what) override;
  std::int32_t count() override;

 private:
  std::unique_ptr<std::string> buf_;
};

// Wires sink into hub at start: hub starts first, so it stops last.
class MESHWA_SERVICE("boot") BootService final : public Boot {
 public:
  explicit BootService(meshwa::Context& ctx);
  std::int32_t n() override;
};

}  // namespace stopped
