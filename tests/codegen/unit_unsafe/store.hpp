#pragma once
#include <meshwa/meshwa.hpp>

#include <string>

namespace unitunsafe {

class MESHWA_INTERFACE Store {
 public:
  virtual ~Store() = default;
  virtual meshwa::Result<int> get(std::string key) = 0;
};

class MESHWA_SERVICE("store") StoreService final : public Store {
 public:
  explicit StoreService(meshwa::Context& ctx);
  meshwa::Result<int> get(std::string key) override;
};

}  // namespace unitunsafe
