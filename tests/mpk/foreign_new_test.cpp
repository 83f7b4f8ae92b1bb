// A binary whose operator new is not meshwa's: this test is built with
// -fsanitize=address, whose runtime brings its own operator new and delete,
// so meshwa's (runtime/mpk/new_delete.cpp) is never linked. Its C++ objects
// then do not go to the domains' heaps, so the runtime must not claim plain
// hardware isolation: describe() (the first line of --list) and the
// start-up notice say the objects are not separated.
#include <gtest/gtest.h>

#include <string>

#include "meshwa/runtime/heap.hpp"
#include "meshwa/runtime/mpk.hpp"
#include "test_support.hpp"

namespace {

TEST(ForeignNew, DescribeSaysTheDomainsObjectsAreNotSeparated) {
  MESHWA_REQUIRE_MPK();
  auto* block = new std::string(300, 'f');
  EXPECT_EQ(meshwa::mpk::heap::owner_of(block->data()).kind, meshwa::mpk::heap::Owner::none);  // ASan's heap
  delete block;
  const std::string line = meshwa::mpk::describe();
  EXPECT_EQ(line.rfind("mpk: hardware isolation (safe heap key ", 0), 0u) << line;
  EXPECT_NE(line.find("; C++ objects are not separated by domain: this binary's operator new is not meshwa's"),
            std::string::npos)
      << line;
}

}  // namespace
