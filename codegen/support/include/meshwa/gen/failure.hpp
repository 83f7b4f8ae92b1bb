// Failures meshwa's test support reports on a test's behalf.
#pragma once

#include <string>

#include <gtest/gtest.h>

namespace meshwa::gen {

/// A non-fatal GoogleTest failure placed at the test that is running (the
/// consumer's own TEST, a replayed contract's file), not at meshwa's
/// sources, whose paths are the build machine's in an installed package.
inline void add_failure(const std::string& message) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  if (test != nullptr && test->file() != nullptr && *test->file() != '\0') {
    ADD_FAILURE_AT(test->file(), test->line()) << message;
  } else {
    ADD_FAILURE() << message;
  }
}

}  // namespace meshwa::gen
