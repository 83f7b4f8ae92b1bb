// The order a contract holds calls in that were made from several threads:
// one that does not change from run to run (generated files and recorded
// contracts are deterministic), and keeps every order that the recording
// program fixed.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

namespace meshwa::gen::suite {

/// The calling thread, by a number no later thread gets (a std::thread::id
/// may be that of a thread that ended).
std::uint64_t this_thread_number();

/// `calls` (interactions, or one interaction's callbacks), recorded in the
/// order they returned, `threads[k]` the thread number of calls[k], in an
/// order that does not depend on how the threads were scheduled: the calls
/// of `home` (the test's thread, or the one that ran the mock's action)
/// stay where they are, and between two of them the other threads' calls
/// are put together thread by thread, each thread's in the order it made
/// them, the threads ordered by what they called (their calls' JSON text).
/// Calls from different threads have no order between them; what a thread
/// did before or after a call of `home` (a worker started after it, joined
/// before the next) keeps its place.
nlohmann::json in_thread_order(const nlohmann::json& calls, const std::vector<std::uint64_t>& threads,
                               std::uint64_t home);

}  // namespace meshwa::gen::suite
