// Running a call on another thread, as the original does with
// std::async(std::launch::async, ...) around its thrift calls. Callers pass
// lambdas that capture by value (Refs and arguments), so nothing the other
// thread uses can dangle.
//
// In one binary a branch costs a thread start (tens of microseconds) and
// saves only the callee's CPU time, so the services that branch (text-service,
// compose-post-service) take a setting "branches": "parallel" (default, as
// the original) or "sequential" (run on the caller's thread when the result
// is asked for). docs/social-network.md compares the two.
#pragma once

#include <future>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>

namespace social {

enum class Branches { parallel, sequential };

inline Branches branches_from_config(const std::string& value) {
  if (value == "parallel") return Branches::parallel;
  if (value == "sequential") return Branches::sequential;
  throw std::invalid_argument("branches must be \"parallel\" or \"sequential\", not \"" + value + "\"");
}

/// Starts `f`; its result is the future's. If no thread can be started the
/// call runs deferred: slower, never lost.
template <class F>
std::future<std::invoke_result_t<F&>> run_branch(Branches mode, F f) {
  if (mode == Branches::parallel) {
    try {
      return std::async(std::launch::async, f);
    } catch (const std::system_error&) {
      // fall through: deferred
    }
  }
  return std::async(std::launch::deferred, std::move(f));
}

}  // namespace social
