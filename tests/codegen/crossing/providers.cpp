#include "crossing/providers.hpp"

#include <algorithm>
#include <cctype>

namespace crossing {

TimerService::TimerService(meshwa::Context&) {}

std::chrono::milliseconds TimerService::remaining(std::string id) {
  return std::chrono::milliseconds(5 * static_cast<std::int64_t>(id.size()));
}

Deadline TimerService::postpone(Deadline deadline, std::chrono::milliseconds grace) {
  deadline.grace = grace;
  return deadline;
}

std::chrono::steady_clock::time_point TimerService::later(std::chrono::steady_clock::time_point a,
                                                          std::chrono::steady_clock::time_point b) {
  return std::max(a, b);
}

meshwa::Result<Either> TimerService::either(std::int32_t which) {
  if (which < 0) return meshwa::Error(meshwa::Code::invalid_argument, "which must not be negative");
  if (which % 2 == 0) return Either(common::Tag{"even"});
  return Either(Deadline{"odd", {}, std::chrono::milliseconds(which), nullptr});
}

NotesService::NotesService(meshwa::Context&) {}

meshwa::Result<std::tuple<common::Tag, std::int32_t>> NotesService::counted(common::Tag tag) {
  const auto n = static_cast<std::int32_t>(tag.label.size());
  return std::tuple<common::Tag, std::int32_t>(std::move(tag), n);
}

std::int32_t NotesService::size(std::shared_ptr<const std::string> text) {
  return text ? static_cast<std::int32_t>(text->size()) : -1;
}

std::shared_ptr<const std::string> NotesService::upper(std::shared_ptr<const std::string> text) {
  if (!text) return nullptr;
  std::string out = *text;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return std::make_shared<const std::string>(std::move(out));
}

std::int32_t NotesService::tagged(common::Tag tag, meshwa::Shared<std::string> suffix) {
  return static_cast<std::int32_t>(tag.label.size() + (suffix.has_value() ? suffix->size() : 0));
}

meshwa::Result<std::chrono::microseconds> NotesService::since_epoch(std::chrono::system_clock::time_point at) {
  return std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch());
}

}  // namespace crossing
