#pragma once
#include <sysapi/api.hpp>

namespace sysimpl {

class MESHWA_SERVICE("sys_greeter") GreeterService final : public sysapi::Greeter {
 public:
  explicit GreeterService(meshwa::Context& ctx);
  sysapi::Note greet(sysapi::Note note) override;
};

}  // namespace sysimpl
