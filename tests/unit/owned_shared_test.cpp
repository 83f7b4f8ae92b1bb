#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace {

// An exchange allocator that counts, to prove Owned and Shared go through the hook.
std::atomic<int> g_live{0};
std::atomic<int> g_total{0};
void* counting_allocate(std::size_t size, std::size_t align) {
  ++g_live;
  ++g_total;
  return ::operator new(size, std::align_val_t{align});
}
void counting_deallocate(void* p, std::size_t size, std::size_t align) noexcept {
  --g_live;
  ::operator delete(p, size, std::align_val_t{align});
}
const meshwa::ExchangeAllocator kCounting{&counting_allocate, &counting_deallocate};

class CountingExchange : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_ = meshwa::set_exchange_allocator(&kCounting);
    g_live = 0;
    g_total = 0;
  }
  void TearDown() override { meshwa::set_exchange_allocator(previous_); }
  const meshwa::ExchangeAllocator* previous_ = nullptr;
};

static_assert(!std::is_copy_constructible_v<meshwa::Owned<int>>);
static_assert(!std::is_copy_assignable_v<meshwa::Owned<int>>);
static_assert(std::is_nothrow_move_constructible_v<meshwa::Owned<int>>);
template <class T>
concept has_get = requires(T t) { t.get(); };
template <class T>
concept has_release = requires(T t) { t.release(); };
static_assert(!has_get<meshwa::Owned<int>> && !has_release<meshwa::Owned<int>>, "Owned must not leak its address");
static_assert(std::is_same_v<decltype(*std::declval<meshwa::Shared<int>&>()), const int&>, "Shared is immutable");
static_assert(std::is_same_v<decltype(std::declval<meshwa::Shared<std::string>&>().operator->()), const std::string*>);

TEST_F(CountingExchange, OwnedAllocatesThroughTheHookAndFreesOnce) {
  {
    auto a = meshwa::make_owned<std::string>("payload");
    EXPECT_EQ(g_live, 1);
    EXPECT_EQ(*a, "payload");
    a->append("!");
    EXPECT_EQ(a->size(), 8u);
    auto b = std::move(a);
    EXPECT_FALSE(a.has_value());  // NOLINT(bugprone-use-after-move): empty after move is the contract
    EXPECT_TRUE(b.has_value());
    EXPECT_EQ(g_live, 1);
  }
  EXPECT_EQ(g_live, 0);
  EXPECT_EQ(g_total, 1);
}

TEST_F(CountingExchange, EmptyOwnedThrowsInsteadOfDereferencingNull) {
  auto a = meshwa::make_owned<int>(1);
  auto b = std::move(a);
  EXPECT_THROW((void)*a, meshwa::EmptyHandle);  // NOLINT(bugprone-use-after-move)
  meshwa::Owned<int> never_set;
  EXPECT_THROW((void)*never_set, meshwa::EmptyHandle);
}

TEST_F(CountingExchange, MoveAssignmentFreesTheOldValue) {
  auto a = meshwa::make_owned<int>(1);
  auto b = meshwa::make_owned<int>(2);
  EXPECT_EQ(g_live, 2);
  a = std::move(b);
  EXPECT_EQ(g_live, 1);
  EXPECT_EQ(*a, 2);
}

struct Throws {
  explicit Throws(int) { throw std::runtime_error("constructor failed"); }
};

TEST_F(CountingExchange, ThrowingConstructorReturnsTheMemory) {
  EXPECT_THROW(meshwa::make_owned<Throws>(1), std::runtime_error);
  EXPECT_THROW(meshwa::make_shared<Throws>(1), std::runtime_error);
  EXPECT_EQ(g_live, 0);
  EXPECT_EQ(g_total, 2);
}

TEST_F(CountingExchange, SharedCountsReferencesAcrossThreads) {
  auto original = meshwa::make_shared<std::vector<int>>(std::vector<int>{1, 2, 3});
  EXPECT_EQ(original.use_count(), 1u);
  std::vector<std::thread> threads;
  std::atomic<long> sum{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([original, &sum] {
      for (int i = 0; i < 10000; ++i) {
        meshwa::Shared<std::vector<int>> copy = original;
        sum += (*copy)[static_cast<std::size_t>(i % 3)];
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(sum, 8L * (3334 * 1 + 3333 * 2 + 3333 * 3));
  EXPECT_EQ(original.use_count(), 1u);
  EXPECT_EQ(g_live, 1);
  original = meshwa::Shared<std::vector<int>>();
  EXPECT_EQ(g_live, 0);
}

// make_shared<M>(...) returned where an interface says Shared<const M>: the
// handle converts, sharing the one value (no copy, one free); the other way
// and between unrelated types it does not.
static_assert(std::is_convertible_v<meshwa::Shared<std::string>, meshwa::Shared<const std::string>>);
static_assert(!std::is_convertible_v<meshwa::Shared<const std::string>, meshwa::Shared<std::string>>);
static_assert(!std::is_convertible_v<meshwa::Shared<int>, meshwa::Shared<const long>>);

meshwa::Shared<const std::string> greeting() { return meshwa::make_shared<std::string>("hello"); }

TEST_F(CountingExchange, ASharedValueIsHandedOnAsASharedConstValue) {
  meshwa::Shared<const std::string> returned = greeting();
  EXPECT_EQ(*returned, "hello");
  EXPECT_EQ(g_total, 1);

  auto made = meshwa::make_shared<std::string>("world");
  meshwa::Shared<const std::string> copied = made;
  EXPECT_EQ(&*copied, &*made);
  EXPECT_EQ(made.use_count(), 2u);
  meshwa::Shared<const std::string> moved = std::move(made);
  EXPECT_FALSE(made.has_value());
  EXPECT_EQ(moved.use_count(), 2u);
  EXPECT_EQ(g_total, 2);

  copied = meshwa::Shared<const std::string>();
  moved = meshwa::Shared<const std::string>();
  returned = meshwa::Shared<const std::string>();
  EXPECT_EQ(g_live, 0);
}

TEST_F(CountingExchange, ValuesRememberTheirAllocatorWhenTheHookChanges) {
  auto a = meshwa::make_owned<int>(1);
  meshwa::set_exchange_allocator(nullptr);  // back to the default
  auto b = meshwa::make_owned<int>(2);
  EXPECT_EQ(g_total, 1);
  a = meshwa::Owned<int>();  // freed by the counting allocator that made it
  EXPECT_EQ(g_live, 0);
}

TEST(Ref, EmptyRefThrowsNamingTheInterface) {
  struct Clock {
    virtual ~Clock() = default;
    virtual int now() = 0;
  };
  meshwa::Ref<Clock> empty;
  EXPECT_FALSE(empty.has_value());
  try {
    (void)empty->now();
    FAIL();
  } catch (const meshwa::EmptyHandle& e) {
    EXPECT_NE(std::string(e.what()).find("Clock"), std::string::npos) << e.what();
  }
}

}  // namespace
