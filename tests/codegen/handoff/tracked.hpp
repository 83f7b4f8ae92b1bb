// Messages that count what happens to them, so a test can see whether a stub
// copied or moved an argument on its way to the implementation.
#pragma once

#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace handoff {

/// What happened to Tracked and Box values since reset() (counters.cpp, a
/// plain library: the service sources stay free of mutable globals).
struct Counts {
  std::int64_t made = 0;
  std::int64_t copied = 0;
  std::int64_t moved = 0;
  std::int64_t destroyed = 0;
};
Counts counts() noexcept;
void reset() noexcept;
void count_made() noexcept;
void count_copied() noexcept;
void count_moved() noexcept;
void count_destroyed() noexcept;

/// Not trivial for the purposes of calls: the Itanium C++ ABI passes it by
/// address.
struct MESHWA_MESSAGE Tracked {
  std::int64_t id = 0;

  Tracked() noexcept { count_made(); }
  explicit Tracked(std::int64_t v) noexcept : id(v) { count_made(); }
  Tracked(const Tracked& other) noexcept : id(other.id) { count_copied(); }
  Tracked(Tracked&& other) noexcept : id(other.id) { count_moved(); }
  Tracked& operator=(const Tracked&) = default;
  Tracked& operator=(Tracked&&) = default;
  ~Tracked() { count_destroyed(); }
};

/// Trivially copyable: passed in registers.
struct MESHWA_MESSAGE Plain {
  std::int64_t x = 0;
  std::int64_t y = 0;
};

/// Non-trivial, but [[clang::trivial_abi]]: passed in registers and destroyed
/// by the callee, so a stub must move it like any value.
struct [[clang::trivial_abi]] MESHWA_MESSAGE Box {
  std::int64_t v = 0;

  Box() noexcept { count_made(); }
  explicit Box(std::int64_t x) noexcept : v(x) { count_made(); }
  Box(const Box& other) noexcept : v(other.v) { count_copied(); }
  Box(Box&& other) noexcept : v(other.v) { count_moved(); }
  Box& operator=(const Box&) = default;
  Box& operator=(Box&&) = default;
  ~Box() { count_destroyed(); }
};

}  // namespace handoff
