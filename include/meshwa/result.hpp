// meshwa::Result<T>: a value or a meshwa::Error. Exceptions never cross a
// service boundary; the generated stubs turn them into Results.
#pragma once

#include "meshwa/requirements.hpp"

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "meshwa/error.hpp"

namespace meshwa {

/// Thrown by Result::value() and operator* when the Result holds an error, and
/// by Result::error() when it holds a value. Inside a service this is an
/// ordinary exception; at the boundary the stub turns it back into an Error.
class BadResultAccess : public std::logic_error {
 public:
  explicit BadResultAccess(const std::string& what) : std::logic_error(what) {}
};

template <class T>
class [[nodiscard]] Result {
  static_assert(!std::is_reference_v<T>, "meshwa::Result<T&>: a result cannot be a reference; return a value");
  static_assert(!std::is_same_v<std::remove_cv_t<T>, Error>, "meshwa::Result<Error> is ambiguous");

 public:
  using value_type = T;

  Result() requires std::is_default_constructible_v<T> : state_(std::in_place_index<0>) {}
  Result(const T& v) : state_(std::in_place_index<0>, v) {}             // NOLINT: implicit by design
  Result(T&& v) : state_(std::in_place_index<0>, std::move(v)) {}        // NOLINT
  Result(Error e) : state_(std::in_place_index<1>, std::move(e)) {}      // NOLINT
  template <class U>
    requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, Result> &&
             !std::is_same_v<std::remove_cvref_t<U>, Error> && !std::is_same_v<std::remove_cvref_t<U>, T>)
  Result(U&& v) : state_(std::in_place_index<0>, std::forward<U>(v)) {}  // NOLINT

  [[nodiscard]] bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & { check_value(); return *std::get_if<0>(&state_); }
  const T& value() const& { check_value(); return *std::get_if<0>(&state_); }
  T&& value() && { check_value(); return std::move(*std::get_if<0>(&state_)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? *std::get_if<0>(&state_) : static_cast<T>(std::forward<U>(fallback));
  }

  [[nodiscard]] const Error& error() const& {
    if (has_value()) throw BadResultAccess("meshwa::Result::error() called on a Result that holds a value");
    return *std::get_if<1>(&state_);
  }

  friend bool operator==(const Result& a, const Result& b)
    requires requires(const T& x) { x == x; }
  {
    return a.state_ == b.state_;
  }

 private:
  void check_value() const {
    if (!has_value()) {
      const Error& e = *std::get_if<1>(&state_);
      throw BadResultAccess("meshwa::Result holds an error (" + std::string(to_string(e.code())) + ": " +
                            e.message() + "); check has_value() before value()");
    }
  }

  std::variant<T, Error> state_;
};

/// Result<void>: success, or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;

  Result() = default;
  Result(Error e) : error_(std::move(e)), ok_(false) {}  // NOLINT: implicit by design

  [[nodiscard]] bool has_value() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }

  void value() const {
    if (!ok_) {
      throw BadResultAccess("meshwa::Result<void> holds an error (" + std::string(to_string(error_.code())) +
                            ": " + error_.message() + ")");
    }
  }
  void operator*() const { value(); }

  [[nodiscard]] const Error& error() const& {
    if (ok_) throw BadResultAccess("meshwa::Result::error() called on a Result that holds a value");
    return error_;
  }

  friend bool operator==(const Result& a, const Result& b) {
    return a.ok_ == b.ok_ && (a.ok_ || a.error_ == b.error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

/// A successful Result<void>.
inline Result<void> ok() { return {}; }

template <class T>
struct is_result : std::false_type {};
template <class T>
struct is_result<Result<T>> : std::true_type {};
template <class T>
inline constexpr bool is_result_v = is_result<std::remove_cv_t<T>>::value;

}  // namespace meshwa
