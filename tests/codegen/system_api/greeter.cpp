#include "greeter.hpp"

namespace sysimpl {

GreeterService::GreeterService(meshwa::Context& ctx) { (void)ctx; }

sysapi::Note GreeterService::greet(sysapi::Note note) {
  note.text = "hi " + note.text;
  note.count += 1;
  return note;
}

}  // namespace sysimpl
