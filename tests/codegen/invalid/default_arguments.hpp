// Default arguments of interface methods and their overrides
// (codegen.invalid.override_default_arguments).
#pragma once
#include <meshwa/meshwa.hpp>

#include <string>
#include <vector>

namespace defaults {

class MESHWA_INTERFACE History {
 public:
  virtual ~History() = default;
  virtual std::vector<std::string> last(std::string room, int n = 20) = 0;
  virtual std::vector<std::string> since(std::string room, int after = 0) = 0;
  virtual std::string tag(std::string room, std::string prefix = "#") = 0;
  virtual int size(int scale) = 0;
};

class MESHWA_SERVICE("history") HistoryService final : public History {
 public:
  HistoryService() = default;
  // Rejected: another default than the interface's; a default the interface lacks.
  std::vector<std::string> last(std::string room, int n = 50) override;
  int size(int scale = 2) override;
  // Accepted: the interface's default again (also spelled otherwise), or none.
  std::vector<std::string> since(std::string room, int after = 2 * 0) override;
  std::string tag(std::string room, std::string prefix = "#") override;
};

}  // namespace defaults
