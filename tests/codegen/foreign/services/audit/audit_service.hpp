// A header-only service class in the global namespace, configured with
// ctx.config. Its header is not among the target's sources: it belongs to the
// target through audit_service.cpp, which includes it (same stem).
#pragma once

#include <algorithm>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "audit.hpp"

class MESHWA_SERVICE("audit") AuditService final : public Auditor, public audit_log::Tail, public audit::log_Tail {
 public:
  explicit AuditService(meshwa::Context& ctx)
      : prefix_(ctx.config("prefix", "audit")), keep_(std::stoul(ctx.config("keep", "64"))) {}

  void record(const AuditEntry& entry) override {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.push_back(entry);
    while (entries_.size() > keep_) entries_.pop_front();
  }

  void record(std::string actor, std::string action) override {
    AuditEntry entry;
    entry.actor = std::move(actor);
    entry.action = std::move(action);
    record(entry);
  }

  std::vector<AuditEntry> recent(std::uint32_t limit) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::size_t n = std::min<std::size_t>(limit, entries_.size());
    return std::vector<AuditEntry>(entries_.end() - static_cast<std::ptrdiff_t>(n), entries_.end());
  }

  std::string prefix() const override { return prefix_; }

  std::int32_t lines() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<std::int32_t>(entries_.size());
  }

  std::string last_action() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.empty() ? std::string() : entries_.back().action;
  }

  bool annotate(std::string target_, std::int32_t meshwa_result, bool impl_) override {
    return !target_.empty() && meshwa_result >= 0 && impl_;
  }

 private:
  std::string prefix_;
  std::size_t keep_;
  mutable std::mutex mutex_;
  std::deque<AuditEntry> entries_;
};
