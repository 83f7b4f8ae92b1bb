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

// What every reader of the audit log may ask. Auditor extends it: its stub
// and its mock implement prefix() too, and billing calls it through
// Ref<Auditor>.
class MESHWA_INTERFACE AuditReader {
 public:
  virtual ~AuditReader() = default;
  virtual std::string prefix() const = 0;
};

class MESHWA_INTERFACE Auditor : public AuditReader {
 public:
  virtual void record(const AuditEntry& entry) = 0;
  // An overload in the same interface: contracts and property tests tell them apart.
  virtual void record(std::string actor, std::string action) = 0;
  virtual std::vector<AuditEntry> recent(std::uint32_t limit = 10) const = 0;
  // Parameter names that generated code also uses for its own things.
  virtual bool annotate(std::string target_, std::int32_t meshwa_result, bool impl_) = 0;
};

// Two interfaces whose names differ only in where the '_' and the '::' are:
// generated names must still tell them apart (their stubs, mocks, guards).
namespace audit_log {
class MESHWA_INTERFACE Tail {
 public:
  virtual ~Tail() = default;
  virtual std::int32_t lines() = 0;
};
}  // namespace audit_log

namespace audit {
class MESHWA_INTERFACE log_Tail {
 public:
  virtual ~log_Tail() = default;
  virtual std::string last_action() = 0;
};
}  // namespace audit
