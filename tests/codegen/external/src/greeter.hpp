#pragma once

#include <string>

#include <meshwa/meshwa.hpp>

namespace hello {

struct MESHWA_MESSAGE Greeting {
  std::string text;
  int32_t times = 0;
};

class MESHWA_INTERFACE Greeter {
 public:
  virtual ~Greeter() = default;
  virtual meshwa::Result<Greeting> greet(std::string name) = 0;
};

class MESHWA_SERVICE("greeter") GreeterService final : public Greeter {
 public:
  explicit GreeterService(meshwa::Context& ctx);
  meshwa::Result<Greeting> greet(std::string name) override;

 private:
  std::string salutation_;
};

}  // namespace hello
