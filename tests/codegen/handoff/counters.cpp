#include <atomic>

#include "tracked.hpp"

namespace handoff {
namespace {

std::atomic<std::int64_t> g_made{0}, g_copied{0}, g_moved{0}, g_destroyed{0};

}  // namespace

Counts counts() noexcept { return Counts{g_made.load(), g_copied.load(), g_moved.load(), g_destroyed.load()}; }
void reset() noexcept {
  g_made = 0;
  g_copied = 0;
  g_moved = 0;
  g_destroyed = 0;
}
void count_made() noexcept { ++g_made; }
void count_copied() noexcept { ++g_copied; }
void count_moved() noexcept { ++g_moved; }
void count_destroyed() noexcept { ++g_destroyed; }

}  // namespace handoff
