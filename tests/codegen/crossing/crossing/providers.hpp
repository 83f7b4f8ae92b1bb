#pragma once

#include "crossing/api.hpp"

namespace crossing {

class MESHWA_SERVICE("timer") TimerService final : public Timer {
 public:
  explicit TimerService(meshwa::Context& ctx);
  std::chrono::milliseconds remaining(std::string id) override;
  Deadline postpone(Deadline deadline, std::chrono::milliseconds grace) override;
  std::chrono::steady_clock::time_point later(std::chrono::steady_clock::time_point a,
                                              std::chrono::steady_clock::time_point b) override;
  meshwa::Result<Either> either(std::int32_t which) override;
  std::int32_t impl_() override { return 1; }
  std::int32_t widest(Wide wide) override {
    // Wrapping sums: property tests pass any int32 values.
    std::uint32_t sum = static_cast<std::uint32_t>(wide.f0) + static_cast<std::uint32_t>(wide.f39);
    return static_cast<std::int32_t>(sum + static_cast<std::uint32_t>(wide.last.size()));
  }
};

class MESHWA_SERVICE("notes") MESHWA_UNSAFE("stands for legacy code: runs behind the gate") NotesService final
    : public Notes {
 public:
  explicit NotesService(meshwa::Context& ctx);
  std::int32_t size(std::shared_ptr<const std::string> text) override;
  std::shared_ptr<const std::string> upper(std::shared_ptr<const std::string> text) override;
  meshwa::Result<std::chrono::microseconds> since_epoch(std::chrono::system_clock::time_point at) override;
  std::int32_t tagged(common::Tag tag, meshwa::Shared<std::string> suffix) override;
  meshwa::Result<std::tuple<common::Tag, std::int32_t>> counted(common::Tag tag) override;
  std::int32_t publish() override { return 2; }
  std::int32_t domain_() override { return 3; }
  std::int32_t log_(std::int32_t target_) override { return target_; }
};

}  // namespace crossing
