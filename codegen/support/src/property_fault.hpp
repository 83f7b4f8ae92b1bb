// A property test whose service faults outside an MPK domain (services that
// call each other, or a method itself, without end: a stack overflow) kills
// the test binary with SIGSEGV, and stdout (gtest's "[ RUN ]" line) may
// never be flushed. While a property test runs, a SIGSEGV handler on an
// alternate stack (a stack overflow leaves no room on the thread's own)
// first calls the handler that was installed before it, the MPK runtime's,
// which recovers a fault inside an unsafe service's domain by jumping back
// into its gate (it does not return here then). When it returns, the fault
// is fatal: the handler writes one line naming the property test and its
// case to stderr (write(2), async-signal-safe), restores the default
// action and lets the fault happen again, so the test still dies of the
// signal. Outside property tests the handler that was there is back.
#pragma once

#include <signal.h>

#include <string>

namespace meshwa::gen::property_fault {

/// Installed for one property test: names it, and the case running, when
/// the process dies of SIGSEGV meanwhile; the handler before it is back
/// when it goes.
class Guard {
 public:
  Guard(const std::string& test, const std::string& method);
  ~Guard();
  Guard(const Guard&) = delete;
  Guard& operator=(const Guard&) = delete;

  /// Case `index` of the property test runs now.
  void next_case(int index) const;

 private:
  stack_t old_stack_{};
  bool installed_ = false;
};

}  // namespace meshwa::gen::property_fault
