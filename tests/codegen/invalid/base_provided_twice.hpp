// A store whose interface extends Reader (so it provides Reader too) and a
// read-through cache that provides Reader itself, in one deployment:
// meshwa deploy says that the store provides Reader as the base of Store,
// and how to keep both (codegen.invalid.base_interface_provided_twice).
#pragma once

#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace twice {

class MESHWA_INTERFACE Reader {
 public:
  virtual ~Reader() = default;
  virtual std::int32_t get(std::int32_t key) = 0;
};

class MESHWA_INTERFACE Store : public Reader {
 public:
  virtual void put(std::int32_t key, std::int32_t value) = 0;
};

class MESHWA_SERVICE("store") StoreService final : public Store {
 public:
  explicit StoreService(meshwa::Context& ctx);
  std::int32_t get(std::int32_t key) override;
  void put(std::int32_t key, std::int32_t value) override;

 private:
  std::int32_t last_ = 0;
};

class MESHWA_SERVICE("cache") CacheService final : public Reader {
 public:
  explicit CacheService(meshwa::Context& ctx);
  std::int32_t get(std::int32_t key) override;

 private:
  meshwa::Ref<Store> store_;
};

}  // namespace twice
