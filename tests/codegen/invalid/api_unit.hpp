// The header of a unit of interfaces and messages only (an API library
// that service units link): it defines no service, and needs none.
#pragma once
#include <meshwa/meshwa.hpp>

#include <string>

namespace api {

struct MESHWA_MESSAGE Greeting {
  std::string text;
};

class MESHWA_INTERFACE Greeter {
 public:
  virtual ~Greeter() = default;
  virtual meshwa::Result<Greeting> greet(std::string name) = 0;
};

}  // namespace api
