// meshwa gen must reject: a service whose method differs from the
// interface's in const only, so it overrides nothing and the class stays
// abstract. The error names the missed method, with notes at both.
#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Items {
 public:
  virtual ~Items() = default;
  virtual std::string get(std::int32_t id) const = 0;
  virtual std::int32_t count() = 0;
};

class MESHWA_SERVICE("items") ItemService final : public Items {
 public:
  explicit ItemService(meshwa::Context&) {}
  std::string get(std::int32_t id);
  std::int32_t count() override { return 0; }  // implemented: no error for it
};

}  // namespace bad
