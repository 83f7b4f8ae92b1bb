// A service class in the global namespace, configured with ctx.config.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "audit.hpp"

class MESHWA_SERVICE("audit") AuditService final : public Auditor {
 public:
  explicit AuditService(meshwa::Context& ctx);
  void record(const AuditEntry& entry) override;
  std::vector<AuditEntry> recent(std::uint32_t limit) const override;
  std::string prefix() const override;

 private:
  std::string prefix_;
  std::size_t keep_;
  mutable std::mutex mutex_;
  std::deque<AuditEntry> entries_;
};
