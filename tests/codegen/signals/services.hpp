#pragma once

#include <cstdint>

#include "api.hpp"

namespace signals {

// Takes as long to start and to stop as its configuration says
// (start_delay_ms, stop_delay_ms): a constructor waiting on the network, a
// destructor joining a stuck thread.
class MESHWA_SERVICE("store") StoreService final : public Store {
 public:
  explicit StoreService(meshwa::Context& ctx);
  ~StoreService() override;
  std::int32_t size() override;

 private:
  std::int64_t stop_delay_ms_ = 0;
};

// Asks for the store in its constructor: it starts after it, so it stops first.
class MESHWA_SERVICE("front") FrontService final : public Front {
 public:
  explicit FrontService(meshwa::Context& ctx);
  ~FrontService() override;
  std::int32_t hits() override;

 private:
  meshwa::Ref<Store> store_;
};

}  // namespace signals
