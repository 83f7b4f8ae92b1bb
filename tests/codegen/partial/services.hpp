#pragma once

#include <cstdint>
#include <string>

#include "api.hpp"

namespace partial {

// Cannot start with a capacity that is not a number (bad_vault.json).
class MESHWA_SERVICE("vault") VaultService final : public Vault {
 public:
  explicit VaultService(meshwa::Context& ctx);
  ~VaultService() override;
  std::int32_t size() override;

 private:
  std::int32_t capacity_;
};

// Depends on the vault: it cannot start without it.
class MESHWA_SERVICE("teller") TellerService final : public Teller {
 public:
  explicit TellerService(meshwa::Context& ctx);
  ~TellerService() override;
  std::int32_t balance() override;

 private:
  meshwa::Ref<Vault> vault_;
};

// Two interfaces, no dependency: tested whatever the vault does.
class MESHWA_SERVICE("clock") ClockService final : public Clock, public Calendar {
 public:
  explicit ClockService(meshwa::Context& ctx);
  ~ClockService() override;
  std::int64_t now() override;
  std::int32_t count(meshwa::Ref<Vault> vault) override;
  std::int32_t day() override;

 private:
  std::string zone_;
};

// Its constructor waits for a worker thread that asks for the vault (a
// background task of the service, started as it starts).
class MESHWA_SERVICE("audit") AuditService final : public Audit {
 public:
  explicit AuditService(meshwa::Context& ctx);
  std::int32_t checks() override;

 private:
  std::int32_t vault_size_ = 0;
};

// Depends on the audit: a test of the desk starts the audit from the desk's
// constructor, and the audit's worker then starts the vault.
class MESHWA_SERVICE("desk") DeskService final : public Desk {
 public:
  explicit DeskService(meshwa::Context& ctx);
  std::int32_t open() override;

 private:
  meshwa::Ref<Audit> audit_;
};

}  // namespace partial
