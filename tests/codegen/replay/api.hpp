#pragma once

#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace rp {

class MESHWA_INTERFACE Counter {
 public:
  virtual ~Counter() = default;
  virtual std::int32_t add() = 0;    // stateful: 1, 2, 3, ...
  virtual std::int32_t total() = 0;  // the count so far
};

class MESHWA_INTERFACE User {
 public:
  virtual ~User() = default;
  virtual std::int32_t seen() = 0;
  /// Calls Counter::total() `calls` times (at most 2000) on each of `threads`
  /// threads (at most 8); the sum of the answers.
  virtual std::int64_t fan(std::int32_t threads, std::int32_t calls) = 0;
};

}  // namespace rp
