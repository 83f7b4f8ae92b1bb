#pragma once

#include "crossing/api.hpp"

namespace crossing {

class MESHWA_SERVICE("planner") PlannerService final : public Planner {
 public:
  explicit PlannerService(meshwa::Context& ctx);
  meshwa::Result<std::string> plan(std::string id) override;

 private:
  meshwa::Ref<Timer> timer_;
  meshwa::Ref<Notes> notes_;
};

}  // namespace crossing
