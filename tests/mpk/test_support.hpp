// Shared helpers of the MPK tests.
#pragma once

#include <gtest/gtest.h>

#include "meshwa/runtime/mpk.hpp"

#define MESHWA_REQUIRE_MPK()                                                                 \
  do {                                                                                       \
    if (!meshwa::mpk::hardware())                                                            \
      GTEST_SKIP() << "needs Intel MPK: " << (meshwa::mpk::status().reason.empty()           \
                                                  ? std::string("software-only isolation")  \
                                                  : meshwa::mpk::status().reason);           \
  } while (0)
