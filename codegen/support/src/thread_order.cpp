#include "thread_order.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <string>
#include <utility>

namespace meshwa::gen::suite {

std::uint64_t this_thread_number() {
  static std::atomic<std::uint64_t> next{1};
  thread_local const std::uint64_t number = next.fetch_add(1, std::memory_order_relaxed);
  return number;
}

namespace {

// Appends the calls of other threads in [begin, end) of `calls`, thread by
// thread, the threads ordered by their calls' text (a thread's number is
// the order it first called in this run, which the scheduler decides).
void append_by_thread(nlohmann::json& out, const nlohmann::json& calls, const std::vector<std::uint64_t>& threads,
                      std::size_t begin, std::size_t end) {
  std::map<std::uint64_t, nlohmann::json> by_thread;
  for (std::size_t k = begin; k < end; ++k) {
    nlohmann::json& made = by_thread[threads[k]];
    if (!made.is_array()) made = nlohmann::json::array();
    made.push_back(calls[k]);
  }
  std::vector<std::pair<std::string, nlohmann::json*>> groups;
  groups.reserve(by_thread.size());
  for (auto& [thread, made] : by_thread) groups.emplace_back(made.dump(), &made);
  // Two threads that made the same calls are interchangeable.
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [text, made] : groups) {
    for (nlohmann::json& call : *made) out.push_back(std::move(call));
  }
}

}  // namespace

nlohmann::json in_thread_order(const nlohmann::json& calls, const std::vector<std::uint64_t>& threads,
                               std::uint64_t home) {
  // Recorded without the threads (a log of an older build, a hand-made
  // one): as it is.
  if (!calls.is_array() || threads.size() != calls.size()) return calls;
  nlohmann::json out = nlohmann::json::array();
  std::size_t k = 0;
  while (k < calls.size()) {
    if (threads[k] == home) {
      out.push_back(calls[k++]);
      continue;
    }
    const std::size_t begin = k;
    while (k < calls.size() && threads[k] != home) ++k;
    append_by_thread(out, calls, threads, begin, k);
  }
  return out;
}

}  // namespace meshwa::gen::suite
