// Services that ask for each other while they are constructed, through
// helpers the constructor calls (a static member, a method, free functions
// two calls deep): those ctx.ref<I>() calls order the start just as calls
// written in the constructor do, so meshwa deploy must find the cycle
// instead of the binary failing at start.
#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace loop {

class MESHWA_INTERFACE Ping {
 public:
  virtual ~Ping() = default;
  virtual int32_t ping(int32_t n) = 0;
};

class MESHWA_INTERFACE Pong {
 public:
  virtual ~Pong() = default;
  virtual int32_t pong(int32_t n) = 0;
};

class MESHWA_INTERFACE Echo {
 public:
  virtual ~Echo() = default;
  virtual int32_t echo(int32_t n) = 0;
};

class MESHWA_SERVICE("ping") PingService final : public Ping {
 public:
  explicit PingService(meshwa::Context& ctx);
  int32_t ping(int32_t n) override;

 private:
  static meshwa::Ref<Pong> lookup(meshwa::Context& ctx);
  meshwa::Ref<Pong> pong_;
};

class MESHWA_SERVICE("pong") PongService final : public Pong {
 public:
  explicit PongService(meshwa::Context& ctx);
  int32_t pong(int32_t n) override;

 private:
  void connect(meshwa::Context& ctx);
  meshwa::Ref<Ping> ping_;
};

// Asks for Ping only when a method runs (its constructor calls nothing that
// does): no start dependency, so not part of the cycle.
class MESHWA_SERVICE("echo") EchoService final : public Echo {
 public:
  explicit EchoService(meshwa::Context& ctx) : ctx_(ctx) { reset(); }
  int32_t echo(int32_t n) override { return ask(ctx_)->ping(n); }

 private:
  static meshwa::Ref<Ping> ask(meshwa::Context& ctx) { return ctx.ref<Ping>(); }
  void reset() { count_ = 0; }
  meshwa::Context& ctx_;
  int32_t count_ = 0;
};

}  // namespace loop
