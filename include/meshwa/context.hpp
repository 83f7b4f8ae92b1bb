// meshwa::Context: what a service's constructor receives. Dependencies are
// asked for by interface (ctx.ref<I>()); the runtime starts the provider
// first if it has not started yet, which is how a deployment starts in
// dependency order without anyone listing the order by hand.
#pragma once

#define MESHWA_REQUIRE_RTTI
#include "meshwa/requirements.hpp"
#undef MESHWA_REQUIRE_RTTI

#include <array>
#include <charconv>
#include <cmath>
#include <concepts>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <typeindex>
#include <utility>

#include "meshwa/ref.hpp"
#include "meshwa/type_name.hpp"

namespace meshwa {

/// Thrown by Context::config_as when a setting's value is not what the
/// service asked for. A deployment's start reports it naming the service,
/// the setting, its value and the configuration file.
class SettingError : public std::invalid_argument {
 public:
  SettingError(std::string key, std::string value, std::string expected)
      : std::invalid_argument("setting \"" + key + "\" is \"" + value + "\", which is not " + expected),
        key_(std::move(key)),
        value_(std::move(value)),
        expected_(std::move(expected)) {}
  [[nodiscard]] const std::string& key() const noexcept { return key_; }
  [[nodiscard]] const std::string& value() const noexcept { return value_; }
  /// What the value should have been, e.g. "a whole number from 0 to 255".
  [[nodiscard]] const std::string& expected() const noexcept { return expected_; }

 private:
  std::string key_;
  std::string value_;
  std::string expected_;
};

class Context {
 public:
  Context() = default;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  /// A capability on the service that implements interface I in this
  /// deployment. Throws meshwa::StartError (naming the services involved) when
  /// none does, or when asking would close a dependency cycle.
  template <class I>
  Ref<I> ref() {
    return Ref<I>(*static_cast<I*>(resolve(typeid(I), type_name<I>())));
  }

  /// The name the service is registered under (MESHWA_SERVICE("name")).
  [[nodiscard]] virtual const std::string& service_name() const noexcept = 0;

  /// A setting of this service from the deployment's configuration file,
  /// or `fallback` when it is not set.
  [[nodiscard]] virtual std::string config(std::string_view key, std::string_view fallback = {}) const = 0;

  /// A whole-number setting of this service: `fallback` when it is not set
  /// (or set to ""), otherwise the value read as a T, all of it (no sign for
  /// an unsigned T, no spaces, no fraction or exponent). A value that is no
  /// such number, or lies outside T's range, throws SettingError: std::stoul
  /// would take "-3" for 18446744073709551613 and "8k" for 8.
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  [[nodiscard]] T config_as(std::string_view key, T fallback) const {
    const std::string text = config(key, text_of(fallback));
    if (text.empty()) return fallback;
    T value{};
    if (!read_whole(text, value)) {
      throw SettingError(std::string(key), text,
                         "a whole number from " + std::to_string(std::numeric_limits<T>::min()) + " to " +
                             std::to_string(std::numeric_limits<T>::max()));
    }
    return value;
  }

  /// A yes/no setting: `fallback` when it is not set (or set to ""), true
  /// for "true" and false for "false" - a JSON boolean of the configuration
  /// file reaches the service as that text. Anything else ("yes", "1",
  /// "True") throws SettingError, where comparing config(key) with "true"
  /// would read a misspelt value as false without a word.
  template <std::same_as<bool> T>
  [[nodiscard]] T config_as(std::string_view key, T fallback) const {
    const std::string text = config(key, fallback ? "true" : "false");
    if (text.empty()) return fallback;
    if (text == "true") return true;
    if (text == "false") return false;
    throw SettingError(std::string(key), text, "true or false");
  }

  /// A floating-point setting: `fallback` when it is not set (or set to
  /// ""), otherwise the whole value read as a T ("0.25", "1e-3", "8"; a JSON
  /// number reaches the service as its text). A value that is no number, has
  /// a tail ("0.5s") or a leading space or sign "+", is not finite ("inf",
  /// "nan") or lies outside T's range throws SettingError.
  template <std::floating_point T>
  [[nodiscard]] T config_as(std::string_view key, T fallback) const {
    const std::string text = config(key, text_of(fallback));
    if (text.empty()) return fallback;
    T value{};
    if (!read_whole(text, value) || !std::isfinite(value)) {
      throw SettingError(std::string(key), text, "a finite number");
    }
    return value;
  }

 protected:
  ~Context() = default;

  /// Whether all of `text` reads as a T (std::from_chars: no leading space
  /// or "+", no tail, within T's range), into `value`.
  template <class T>
  static bool read_whole(const std::string& text, T& value) {
    const char* const end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    return error == std::errc{} && stop == end;
  }
  /// A config_as fallback as the text config() is handed, so that what the
  /// deployment records of the read (a start error lists the settings a
  /// failing constructor read: "(not set: its fallback \"42\")") is the
  /// fallback the service runs on, not "". Reads back as the same value: an
  /// unset setting returns it, and config_as parses it. A floating-point one
  /// in its shortest form that reads back exactly (std::to_chars); one that
  /// is not finite stays "" (config_as refuses such a text), and is
  /// returned as it is.
  template <class T>
  static std::string text_of(T value) {
    if constexpr (std::is_floating_point_v<T>) {
      if (!std::isfinite(value)) return {};
      std::array<char, 64> buffer{};
      const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
      return error == std::errc{} ? std::string(buffer.data(), end) : std::string();
    } else {
      return std::to_string(value);
    }
  }
  /// Returns the exit of the provider of `iface`, as a pointer to the interface.
  virtual void* resolve(std::type_index iface, std::string_view iface_name) = 0;
};

}  // namespace meshwa
