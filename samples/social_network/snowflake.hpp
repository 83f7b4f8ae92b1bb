// Snowflake ids as the original's UniqueIdService and UserService make them:
// milliseconds since 2018-01-01 in the high bits (ids sort by time), then a
// machine id, then a per-millisecond counter. Thread-safe.
//
//   bit 63: 0 | bits 62..22: milliseconds (41 bits) | 21..12: machine (10) | 11..0: counter (12)
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>

namespace social {

class Snowflake {
 public:
  static constexpr std::int64_t kEpochMs = 1514764800000;  // 2018-01-01T00:00:00Z, the original's custom epoch
  static constexpr std::int64_t kMachineBits = 10;
  static constexpr std::int64_t kCounterBits = 12;

  /// `fixed_time_ms` (milliseconds since the Unix epoch, at least kEpochMs):
  /// every id takes this time instead of the clock, so a fresh generator
  /// hands out the same ids in the same order (repeatable contracts); the
  /// counter still advances. -1: the clock.
  explicit Snowflake(std::int64_t machine_id, std::int64_t fixed_time_ms = -1)
      : machine_id_(machine_id & ((std::int64_t{1} << kMachineBits) - 1)), fixed_time_ms_(fixed_time_ms) {}

  std::int64_t next() {
    const std::int64_t now = (fixed_time_ms_ >= 0 ? fixed_time_ms_
                                                  : std::chrono::duration_cast<std::chrono::milliseconds>(
                                                        std::chrono::system_clock::now().time_since_epoch())
                                                        .count()) -
                             kEpochMs;
    std::lock_guard lock(mutex_);
    if (now > last_ms_) {
      last_ms_ = now;
      counter_ = 0;
    } else if (++counter_ == (std::int64_t{1} << kCounterBits)) {
      // 4096 ids in one millisecond (or the clock went back): borrow the next
      // millisecond rather than repeat an id.
      ++last_ms_;
      counter_ = 0;
    }
    return (last_ms_ << (kMachineBits + kCounterBits)) | (machine_id_ << kCounterBits) | counter_;
  }

  [[nodiscard]] std::int64_t machine_id() const { return machine_id_; }

 private:
  std::mutex mutex_;
  const std::int64_t machine_id_;
  const std::int64_t fixed_time_ms_;
  std::int64_t last_ms_ = -1;
  std::int64_t counter_ = 0;
};

/// Milliseconds since the Unix epoch (post and follow timestamps).
inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// The setting "fixed_time_ms" of the services that read the clock: "-1"
/// (the default) is the clock; otherwise milliseconds since the Unix epoch,
/// not before 2018-01-01 (ids count from there). Throws on anything else, so
/// a misconfigured service does not start.
inline std::int64_t fixed_time_from_setting(const std::string& text) {
  const long long value = std::stoll(text);
  if (value != -1 && value < Snowflake::kEpochMs) {
    throw std::out_of_range("fixed_time_ms " + text + " is neither -1 (the clock) nor at or after 2018-01-01 (" +
                            std::to_string(Snowflake::kEpochMs) + ")");
  }
  return value;
}

/// The fixed time when set, else the clock.
inline std::int64_t time_ms(std::int64_t fixed_time_ms) { return fixed_time_ms >= 0 ? fixed_time_ms : now_ms(); }

}  // namespace social
