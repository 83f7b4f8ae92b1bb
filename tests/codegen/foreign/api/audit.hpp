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
  // An overload in the same interface: contracts and property tests tell them apart.
  virtual void record(std::string actor, std::string action) = 0;
  virtual std::vector<AuditEntry> recent(std::uint32_t limit = 10) const = 0;
  virtual std::string prefix() const = 0;
  // Parameter names that generated code also uses for its own things.
  virtual bool annotate(std::string target_, std::int32_t meshwa_result, bool impl_) = 0;
};
