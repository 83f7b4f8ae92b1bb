// Signal handlers and protection keys. The kernel runs every signal handler
// with its default PKRU, which leaves only key 0 open, whatever the
// interrupted thread had: a handler of the program's own (not a service's:
// the rules keep signal(), sigaction() from services) that reads an object
// made with new (the safe heap, its own key) faults, although the same
// binary without MPK runs it. mpk::adopt_thread() at the top of the handler
// opens meshwa's keys; sigreturn puts the interrupted thread's PKRU back.
// docs/mpk.md, "Limits".
#include <gtest/gtest.h>
#include <signal.h>

#include <csignal>
#include <cstdint>
#include <memory>
#include <string>

#include "meshwa/runtime/mpk.hpp"
#include "meshwa/runtime/pkru.hpp"
#include "test_support.hpp"

namespace {

using meshwa::mpk::detail::read_pkru;

// What a handler saw, for the test to check after raise() returned.
volatile std::sig_atomic_t g_handler_pkru = 0;
volatile char g_seen = 0;
const std::string* g_text = nullptr;  // the object is in the safe heap (made with new)

bool key_denied(std::uint32_t pkru, int key) { return ((pkru >> (2 * key)) & 1u) != 0; }

extern "C" void note_pkru(int) { g_handler_pkru = static_cast<std::sig_atomic_t>(read_pkru()); }
extern "C" void adopt_then_read(int) {
  meshwa::mpk::adopt_thread();
  g_seen = (*g_text)[3];
}
extern "C" void read_only(int) { g_seen = (*g_text)[3]; }

void raise_with(void (*handler)(int)) {
  struct sigaction sa {};
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  ASSERT_EQ(sigaction(SIGUSR1, &sa, nullptr), 0);
  std::raise(SIGUSR1);
  signal(SIGUSR1, SIG_DFL);
}

TEST(Signals, AHandlerStartsWithOnlyKeyZeroOpen) {
  MESHWA_REQUIRE_MPK();
  const std::uint32_t before = read_pkru();
  ASSERT_FALSE(key_denied(before, meshwa::mpk::safe_key()));  // the thread itself has the safe heap open
  raise_with(note_pkru);
  const auto in_handler = static_cast<std::uint32_t>(g_handler_pkru);
  EXPECT_FALSE(key_denied(in_handler, 0));
  EXPECT_TRUE(key_denied(in_handler, meshwa::mpk::safe_key())) << std::hex << in_handler;
  EXPECT_TRUE(key_denied(in_handler, meshwa::mpk::exchange_key())) << std::hex << in_handler;
  EXPECT_EQ(read_pkru(), before);  // sigreturn restored the thread's rights
}

TEST(Signals, AdoptThreadInAHandlerOpensTheSafeHeap) {
  MESHWA_REQUIRE_MPK();
  const auto text = std::make_unique<std::string>(64, 'h');
  g_text = text.get();
  g_seen = 0;
  const std::uint32_t before = read_pkru();
  raise_with(adopt_then_read);
  EXPECT_EQ(g_seen, 'h');
  EXPECT_EQ(read_pkru(), before);
}

// Without adopt_thread(), a handler that reads an object made with new dies
// under hardware isolation and reads it as in any program without it (a
// machine without PKU, or MESHWA_MPK=off: mpk_signal_test_software).
TEST(SignalsDeathTest, AHandlerThatReadsTheHeapWithoutAdoptingDiesOnlyUnderHardwareIsolation) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  if (meshwa::mpk::hardware()) {
    EXPECT_EXIT(
        {
          const auto text = std::make_unique<std::string>(64, 'x');
          g_text = text.get();
          raise_with(read_only);
          std::_Exit(0);
        },
        testing::KilledBySignal(SIGSEGV), "");
  } else {
    const auto text = std::make_unique<std::string>(64, 's');
    g_text = text.get();
    g_seen = 0;
    raise_with(read_only);
    EXPECT_EQ(g_seen, 's');
  }
}

}  // namespace
