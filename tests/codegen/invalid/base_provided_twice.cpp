#include "base_provided_twice.hpp"

namespace twice {

StoreService::StoreService(meshwa::Context&) {}
std::int32_t StoreService::get(std::int32_t) { return last_; }
void StoreService::put(std::int32_t, std::int32_t value) { last_ = value; }

CacheService::CacheService(meshwa::Context& ctx) : store_(ctx.ref<Store>()) {}
std::int32_t CacheService::get(std::int32_t key) { return store_->get(key); }

}  // namespace twice
