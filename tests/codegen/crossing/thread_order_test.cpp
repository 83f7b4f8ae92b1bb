// The order a contract holds calls made from several threads in
// (codegen/support/src/thread_order.*): the same whatever the scheduler did,
// with every order the recording program fixed kept.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "thread_order.hpp"

namespace {

using meshwa::gen::suite::in_thread_order;
using nlohmann::json;

json calls(const std::vector<int>& ids) {
  json out = json::array();
  for (int id : ids) out.push_back(json{{"method", "add"}, {"request", {{"id", id}}}});
  return out;
}

constexpr std::uint64_t kHome = 1;

TEST(InThreadOrder, OtherThreadsAreWrittenThreadByThread) {
  // Threads 7 and 8 interleaved two ways: one order, each thread's own kept.
  const json a = in_thread_order(calls({1, 3, 2, 4}), {7, 8, 7, 8}, kHome);
  const json b = in_thread_order(calls({3, 1, 4, 2}), {8, 7, 8, 7}, kHome);
  EXPECT_EQ(a.dump(), b.dump());
  EXPECT_EQ(a, calls({1, 2, 3, 4}));
}

TEST(InThreadOrder, TheHomeThreadsCallsKeepTheirPlaces) {
  // The test's thread calls 0, starts workers that call 1..4, joins them,
  // calls 9: the workers' calls stay between 0 and 9.
  EXPECT_EQ(in_thread_order(calls({0, 4, 1, 3, 2, 9}), {kHome, 8, 7, 8, 7, kHome}, kHome),
            calls({0, 1, 2, 4, 3, 9}));
  // A thread's calls on both sides of a home call are not moved across it.
  EXPECT_EQ(in_thread_order(calls({5, 0, 1}), {7, kHome, 7}, kHome), calls({5, 0, 1}));
}

TEST(InThreadOrder, ThreadsAreOrderedByWhatTheyCalled) {
  // Thread numbers are given in the order threads start, the scheduler's:
  // not what decides.
  EXPECT_EQ(in_thread_order(calls({2, 1}), {3, 9}, kHome), calls({1, 2}));
  EXPECT_EQ(in_thread_order(calls({2, 1}), {9, 3}, kHome), calls({1, 2}));
}

TEST(InThreadOrder, CallsWithoutThreadsStayAsTheyAre) {
  EXPECT_EQ(in_thread_order(calls({2, 1}), {}, kHome), calls({2, 1}));
}

}  // namespace
