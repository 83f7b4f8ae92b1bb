#pragma once

#include "api.hpp"

namespace rp {

// Registers with the counter once, in its constructor (the documented place
// for start-up calls).
class MESHWA_SERVICE("user") UserService final : public User {
 public:
  explicit UserService(meshwa::Context& ctx);
  std::int32_t seen() override;
  std::int64_t fan(std::int32_t threads, std::int32_t calls) override;

 private:
  meshwa::Ref<Counter> counter_;
  std::int32_t first_;
};

}  // namespace rp
