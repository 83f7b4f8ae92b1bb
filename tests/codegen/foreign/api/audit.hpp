// An interface and a message in the global namespace.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

struct MESHWA_MESSAGE AuditEntry {
  std::string actor;
  std::string action;
  std::int32_t level = 1;
};

class MESHWA_INTERFACE Auditor {
 public:
  virtual ~Auditor() = default;
  virtual void record(const AuditEntry& entry) = 0;
  virtual std::vector<AuditEntry> recent(std::uint32_t limit) const = 0;
  virtual std::string prefix() const = 0;
};
