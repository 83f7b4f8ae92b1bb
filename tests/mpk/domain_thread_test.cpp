// Threads that code inside a domain starts. clone() copies PKRU, so such a
// thread runs with the domain's rights (the safe heap closed), but it has no
// gate frame: meshwa does not know it belongs to the service. Its C++
// allocations go to malloc (key 0), not to the domain's heap, and a fault in
// it is not contained: the process stops, as for a fault outside any gate.
// docs/mpk.md, "Limits".
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "meshwa/runtime/gate.hpp"
#include "meshwa/runtime/heap.hpp"
#include "meshwa/runtime/pkru.hpp"
#include "store_service.hpp"
#include "test_support.hpp"

namespace {

namespace heap = meshwa::mpk::heap;
using meshwa::mpk::detail::read_pkru;

mpktest::StoreInstance& spawner() {
  static mpktest::StoreInstance* s = mpktest::make_store("spawner");
  return *s;
}

struct SeenByTheThread {
  std::uint32_t pkru = 0;
  heap::Owner::Kind owner = heap::Owner::none;
  char first = 0;
};

// Runs `body` on a thread that code inside the spawner's domain starts and joins.
template <class Body>
meshwa::Result<int> in_a_thread_of_the_domain(Body body) {
  static constexpr meshwa::mpk::CallSite site{"spawner", "spawn"};
  return meshwa::mpk::call<meshwa::Result<int>>(spawner().domain(), site, [&body]() -> meshwa::Result<int> {
    std::thread worker(body);
    worker.join();
    return 0;
  });
}

TEST(DomainThreads, RunWithTheDomainsRightsAndAllocateWithMalloc) {
  MESHWA_REQUIRE_MPK();
  SeenByTheThread seen;
  auto done = in_a_thread_of_the_domain([&seen] {
    seen.pkru = read_pkru();
    auto text = std::make_unique<std::string>(100, 't');
    seen.owner = heap::owner_of(text->data()).kind;
    seen.first = (*text)[0];
  });
  ASSERT_TRUE(done.has_value()) << done.error();
  EXPECT_EQ(seen.pkru, spawner().domain().pkru()) << std::hex << seen.pkru;
  EXPECT_EQ(seen.owner, heap::Owner::none);  // malloc: key 0, neither the safe heap nor the domain's
  EXPECT_EQ(seen.first, 't');
}

TEST(DomainThreadsDeathTest, AFaultInOneIsNotContained) {
  MESHWA_REQUIRE_MPK();
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto secret = std::make_unique<std::string>(64, 's');  // the safe heap
  const char* address = secret->data();
  EXPECT_EXIT(
      {
        auto done = in_a_thread_of_the_domain([address] {
          volatile char c = address[3];
          (void)c;
        });
        std::_Exit(done.has_value() ? 0 : 1);
      },
      testing::KilledBySignal(SIGSEGV), "");
}

}  // namespace
