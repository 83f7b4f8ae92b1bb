#include "audit/audit_service.hpp"

#include <algorithm>
#include <string>

AuditService::AuditService(meshwa::Context& ctx)
    : prefix_(ctx.config("prefix", "audit")), keep_(std::stoul(ctx.config("keep", "64"))) {}

void AuditService::record(const AuditEntry& entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.push_back(entry);
  while (entries_.size() > keep_) entries_.pop_front();
}

std::vector<AuditEntry> AuditService::recent(std::uint32_t limit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::size_t n = std::min<std::size_t>(limit, entries_.size());
  return std::vector<AuditEntry>(entries_.end() - static_cast<std::ptrdiff_t>(n), entries_.end());
}

std::string AuditService::prefix() const { return prefix_; }
