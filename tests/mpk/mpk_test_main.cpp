// main() of the MPK tests: the runtime starts before GoogleTest makes any
// thread, the way a deployment's main starts it before serving.
#include <gtest/gtest.h>

#include "meshwa/runtime/mpk.hpp"

int main(int argc, char** argv) {
  meshwa::mpk::start();
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
