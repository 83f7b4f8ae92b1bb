// Running a call on another thread, as the original does with
// std::async(std::launch::async, ...) around its thrift calls. Callers pass
// lambdas that capture by value (Refs and arguments), so nothing the other
// thread uses can dangle. If no thread can be started the call runs deferred,
// on the thread that asks for the result: slower, never lost.
#pragma once

#include <future>
#include <system_error>
#include <type_traits>
#include <utility>

namespace social {

template <class F>
std::future<std::invoke_result_t<F&>> run_async(F f) {
  try {
    return std::async(std::launch::async, f);
  } catch (const std::system_error&) {
    return std::async(std::launch::deferred, std::move(f));
  }
}

}  // namespace social
