#include "crossing/planner.hpp"

#include <utility>

namespace crossing {

PlannerService::PlannerService(meshwa::Context& ctx) : timer_(ctx.ref<Timer>()), notes_(ctx.ref<Notes>()) {}

meshwa::Result<std::string> PlannerService::plan(std::string id) {
  Deadline d;
  d.id = id;
  d.due = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  // Null pointers cross too: an empty id has no note and no title.
  if (!id.empty()) d.note = std::make_shared<const std::string>("first draft");
  const Deadline later = timer_->postpone(std::move(d), std::chrono::milliseconds(1500));
  const std::chrono::milliseconds left = timer_->remaining(id);
  const std::shared_ptr<const std::string> title =
      notes_->upper(id.empty() ? nullptr : std::make_shared<const std::string>(id));
  const std::int32_t none = notes_->size(nullptr);
  meshwa::Result<std::chrono::microseconds> age = notes_->since_epoch(later.due);
  if (!age.has_value()) return age.error();
  return (title ? *title : std::string("?")) + " in " + std::to_string(left.count()) + "ms, grace " +
         std::to_string(later.grace.count()) + "ms, " + std::to_string(age->count()) + "us, " + std::to_string(none);
}

}  // namespace crossing
