// A service that keeps its Context and asks for another interface only when
// a method runs: the model still records the dependency ("via": "method
// pong"), for --list, --graph and meshwa deploy's provider check, but not as
// a start dependency.
#pragma once
#include <string>

#include <meshwa/meshwa.hpp>

namespace lazy {

class MESHWA_INTERFACE Ping {
 public:
  virtual ~Ping() = default;
  virtual std::string ping(std::string s) = 0;
};

class MESHWA_INTERFACE Pong {
 public:
  virtual ~Pong() = default;
  virtual std::string pong(std::string s) = 0;
};

class MESHWA_SERVICE("pong") PongService final : public Pong {
 public:
  explicit PongService(meshwa::Context& ctx) : ctx_(ctx) {}
  std::string pong(std::string s) override { return ctx_.ref<Ping>()->ping(s + "o"); }

 private:
  meshwa::Context& ctx_;
};

}  // namespace lazy
