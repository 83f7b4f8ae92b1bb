// Services that need no Context (no dependency, no setting) and so have only
// a default constructor: the implicit one (Clock), a user-provided one in an
// MPK domain (Tally), next to a service made from the Context that uses both
// (Board). gen used to refuse them ("has no constructor taking
// meshwa::Context&"; probe api4 s4_svc).
#pragma once
#include <atomic>
#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace dctor {

class MESHWA_INTERFACE Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t now() = 0;
};

class MESHWA_INTERFACE Tally {
 public:
  virtual ~Tally() = default;
  virtual int64_t add(int64_t n) = 0;
};

class MESHWA_INTERFACE Board {
 public:
  virtual ~Board() = default;
  virtual std::string show() = 0;
};

class MESHWA_SERVICE("clock") ClockService final : public Clock {
 public:
  int64_t now() override;

 private:
  std::atomic<int64_t> ticks_{100};
};

class MESHWA_SERVICE("tally") MESHWA_UNSAFE("keeps its count in a C array") TallyService final : public Tally {
 public:
  TallyService();
  int64_t add(int64_t n) override;

 private:
  int64_t total_[1];
};

class MESHWA_SERVICE("board") BoardService final : public Board {
 public:
  explicit BoardService(meshwa::Context& ctx);
  std::string show() override;

 private:
  meshwa::Ref<Clock> clock_;
  meshwa::Ref<Tally> tally_;
};

}  // namespace dctor
