// meshwa::Error and meshwa::Code: how a failure crosses a service boundary.
#pragma once

#include "meshwa/requirements.hpp"

#include <cstdint>
#include <exception>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace meshwa {

/// Error kinds. Stable names (to_string) are used in contracts and metrics.
enum class Code : std::uint8_t {
  ok = 0,
  invalid_argument,
  not_found,
  already_exists,
  permission_denied,
  unauthenticated,
  failed_precondition,
  out_of_range,
  unavailable,
  deadline_exceeded,
  unimplemented,
  domain_fault,
  internal,
};

constexpr std::string_view to_string(Code c) noexcept {
  switch (c) {
    case Code::ok: return "ok";
    case Code::invalid_argument: return "invalid_argument";
    case Code::not_found: return "not_found";
    case Code::already_exists: return "already_exists";
    case Code::permission_denied: return "permission_denied";
    case Code::unauthenticated: return "unauthenticated";
    case Code::failed_precondition: return "failed_precondition";
    case Code::out_of_range: return "out_of_range";
    case Code::unavailable: return "unavailable";
    case Code::deadline_exceeded: return "deadline_exceeded";
    case Code::unimplemented: return "unimplemented";
    case Code::domain_fault: return "domain_fault";
    case Code::internal: return "internal";
  }
  return "unknown";
}

/// Parses the names printed by to_string; returns false for an unknown name.
inline bool code_from_string(std::string_view name, Code& out) noexcept {
  for (int i = 0; i <= static_cast<int>(Code::internal); ++i) {
    if (to_string(static_cast<Code>(i)) == name) {
      out = static_cast<Code>(i);
      return true;
    }
  }
  return false;
}

inline std::ostream& operator<<(std::ostream& os, Code c) { return os << to_string(c); }

/// A code and a human-readable message. Errors are values: they are copied
/// across boundaries like any message.
class Error {
 public:
  Error() = default;
  Error(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  [[nodiscard]] Code code() const noexcept { return code_; }
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

  friend bool operator==(const Error&, const Error&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Error& e) {
    return os << to_string(e.code_) << ": " << e.message_;
  }

 private:
  Code code_ = Code::internal;
  std::string message_;
};

namespace detail {

/// what() of the exception being handled; the text of the Error a stub or a
/// gate makes of it (Code::internal), the same for safe and unsafe services.
inline std::string current_exception_text() {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

}  // namespace detail

}  // namespace meshwa
