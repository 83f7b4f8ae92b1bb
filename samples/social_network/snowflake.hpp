// Snowflake ids as the original's UniqueIdService and UserService make them:
// milliseconds since 2018-01-01 in the high bits (ids sort by time), then a
// machine id, then a per-millisecond counter. Thread-safe.
//
//   bit 63: 0 | bits 62..22: milliseconds (41 bits) | 21..12: machine (10) | 11..0: counter (12)
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

namespace social {

class Snowflake {
 public:
  static constexpr std::int64_t kEpochMs = 1514764800000;  // 2018-01-01T00:00:00Z, the original's custom epoch
  static constexpr std::int64_t kMachineBits = 10;
  static constexpr std::int64_t kCounterBits = 12;

  explicit Snowflake(std::int64_t machine_id) : machine_id_(machine_id & ((std::int64_t{1} << kMachineBits) - 1)) {}

  std::int64_t next() {
    const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count() -
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
  std::int64_t last_ms_ = -1;
  std::int64_t counter_ = 0;
};

/// Milliseconds since the Unix epoch (post and follow timestamps).
inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace social
