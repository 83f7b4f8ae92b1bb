#include "greeter.hpp"

namespace hello {

GreeterService::GreeterService(meshwa::Context& ctx) : salutation_(ctx.config("salutation", "hello")) {}

meshwa::Result<Greeting> GreeterService::greet(std::string name) {
  if (name.empty()) return meshwa::Error(meshwa::Code::invalid_argument, "name is empty");
  Greeting g;
  g.text = salutation_ + ", " + name;
  g.times = 1;
  return g;
}

}  // namespace hello
