#include "services.hpp"

#include <iostream>
#include <thread>

namespace partial {

VaultService::VaultService(meshwa::Context& ctx)
    : capacity_(static_cast<std::int32_t>(std::stoll(ctx.config("capacity", "0")))) {
  std::cout << "vault: started" << std::endl;
}
VaultService::~VaultService() { std::cout << "vault: stopped" << std::endl; }
std::int32_t VaultService::size() { return capacity_; }

TellerService::TellerService(meshwa::Context& ctx) : vault_(ctx.ref<Vault>()) {
  std::cout << "teller: started" << std::endl;
}
TellerService::~TellerService() { std::cout << "teller: stopped" << std::endl; }
std::int32_t TellerService::balance() { return vault_->size(); }

ClockService::ClockService(meshwa::Context& ctx) : zone_(ctx.config("zone", "UTC")) {
  std::cout << "clock: started" << std::endl;
}
ClockService::~ClockService() { std::cout << "clock: stopped" << std::endl; }
std::int64_t ClockService::now() { return 42; }
std::int32_t ClockService::count(meshwa::Ref<Vault> vault) { return vault->size() > 0 ? 1 : 0; }
std::int32_t ClockService::day() { return static_cast<std::int32_t>(zone_.size()); }

AuditService::AuditService(meshwa::Context& ctx) {
  std::thread worker([this, &ctx] { vault_size_ = ctx.ref<Vault>()->size(); });
  worker.join();
  std::cout << "audit: started" << std::endl;
}
std::int32_t AuditService::checks() { return vault_size_; }

DeskService::DeskService(meshwa::Context& ctx) : audit_(ctx.ref<Audit>()) { std::cout << "desk: started" << std::endl; }
std::int32_t DeskService::open() { return audit_->checks(); }

}  // namespace partial
