#include "missing_provider.hpp"

namespace lone {

FrontService::FrontService(meshwa::Context& ctx) : first_(ctx.ref<Stock>()->count(0)) {}
int32_t FrontService::ask(int32_t sku) {
  audit_->note(sku);
  return first_ + sku;
}

}  // namespace lone
