// Every meshwa::Ref a value holds, with where it sits: the recorder of a
// consumer's mock wraps each Ref argument, at any depth, so that the calls
// the mock's action makes through it are recorded as callbacks of the
// interaction, each with the path of the Ref it came through ("listener",
// "order.notify", "listeners[1]", "by_name[\"a\"]"; docs/contracts.md §1);
// a replay gives the Ref at each path a stand-in of its own (§2); a
// property test names the path of an empty Ref in a result (§3).
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>
#include <nlohmann/json.hpp>

#include "meshwa/gen/json.hpp"
#include "meshwa/is_instance.hpp"
#include "meshwa/owned.hpp"
#include "meshwa/ref.hpp"
#include "meshwa/result.hpp"
#include "meshwa/shared.hpp"

namespace meshwa::gen::detail {

template <class T, int Depth = 0>
bool may_hold_ref();

// The type arguments of a template (containers, optional, variant, tuple,
// Result, Owned, Shared...): a std::string's char_traits and allocator hold none.
template <class T, int Depth>
struct args_may_hold_ref {
  static bool get() { return false; }
};
template <template <class...> class C, class... A, int Depth>
struct args_may_hold_ref<C<A...>, Depth> {
  static bool get() { return (may_hold_ref<A, Depth + 1>() || ...); }
};
template <class T, std::size_t N, int Depth>
struct args_may_hold_ref<std::array<T, N>, Depth> {
  static bool get() { return may_hold_ref<T, Depth + 1>(); }
};

/// Whether a value of T can hold a meshwa::Ref: T is one, or has one among
/// its template arguments or (a message) its members, at any depth. Decided
/// from the type, not the data: a field or map key named "ref" is data.
/// Past a depth of 16 (a message that holds itself) it answers yes: the
/// recorded data decides then.
template <class T, int Depth>
bool may_hold_ref() {
  using U = std::remove_cvref_t<T>;
  if constexpr (Depth > 16) {
    return true;
  } else if constexpr (meshwa::detail::is_instance_v<U, meshwa::Ref>) {
    return true;
  } else if constexpr (boost::hana::Struct<U>::value) {
    bool any = false;
    boost::hana::for_each(boost::hana::accessors<U>(), [&](auto pair) {
      using M = std::remove_cvref_t<decltype(boost::hana::second(pair)(std::declval<U&>()))>;
      any = any || may_hold_ref<M, Depth + 1>();
    });
    return any;
  } else {
    return args_may_hold_ref<U, Depth>::get();
  }
}

/// The path step of a map's key: `["a"]` for a string, `[3]` for a number
/// (its JSON, as the contract records the key).
template <class K>
std::string key_step(const K& key) {
  try {
    return "[" + nlohmann::json(key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "]";
  } catch (const std::exception&) {
    return "[?]";
  }
}

/// Calls `visit.ref(ref, path)` for every Ref in `value`, and
/// `visit.unreachable(path, why)` for a part that holds Refs it cannot reach
/// to replace (a Shared or shared_ptr whose element cannot be copied).
/// Through Result (its value) optional, variant, Owned, Shared and
/// shared_ptr (same path), messages (".member"), pairs (".first"), tuples,
/// arrays and sequences ("[i]") and maps' values ("[key]": `["a"]`, `[3]`).
/// One walk for every use: the recorder wraps the Refs of an argument, the
/// replay gives each its own stand-in, a property test looks for an empty
/// one in a result; so a Ref has one path wherever it is named.
///
/// `value` may be const (a visitor that only reads: `visit.ref(const
/// Ref<I>&, path)`). When it is not, the visitor may replace the Refs it is
/// given: a Shared's or shared_ptr's element is then copied and the handle
/// replaced, since the caller may share the original. Set elements and map
/// keys are constant and hold no Ref (Refs have no order or hash).
template <class T, class Visit>
void for_each_ref(T& value, const std::string& path, Visit& visit) {
  using U = std::remove_cvref_t<T>;
  if (!may_hold_ref<U>()) return;
  if constexpr (meshwa::detail::is_instance_v<U, meshwa::Ref>) {
    visit.ref(value, path);
  } else if constexpr (meshwa::detail::is_instance_v<U, meshwa::Result>) {
    if constexpr (!std::is_void_v<typename U::value_type>) {
      if (value.has_value()) for_each_ref(*value, path, visit);
    }
  } else if constexpr (meshwa::detail::is_instance_v<U, meshwa::Owned>) {
    if (value.has_value()) for_each_ref(*value, path, visit);
  } else if constexpr (meshwa::detail::is_instance_v<U, meshwa::Shared> ||
                       meshwa::detail::is_instance_v<U, std::shared_ptr>) {
    using E = std::remove_const_t<typename U::element_type>;
    if (!value) return;
    if constexpr (std::is_const_v<T>) {  // a read-only walk
      const E& element = *value;
      for_each_ref(element, path, visit);
    } else if constexpr (std::is_copy_constructible_v<E>) {
      E copy = *value;
      for_each_ref(copy, path, visit);
      if constexpr (meshwa::detail::is_instance_v<U, meshwa::Shared>) {
        value = U(::meshwa::make_shared<typename U::value_type>(std::move(copy)));
      } else {
        value = std::make_shared<typename U::element_type>(std::move(copy));
      }
    } else {
      visit.unreachable(path, "its shared element cannot be copied");
    }
  } else if constexpr (meshwa::detail::is_instance_v<U, std::optional>) {
    if (value) for_each_ref(*value, path, visit);
  } else if constexpr (meshwa::detail::is_instance_v<U, std::variant>) {
    std::visit([&](auto& alternative) { for_each_ref(alternative, path, visit); }, value);
  } else if constexpr (meshwa::detail::is_instance_v<U, std::pair>) {
    for_each_ref(value.first, path + ".first", visit);
    for_each_ref(value.second, path + ".second", visit);
  } else if constexpr (meshwa::detail::is_instance_v<U, std::tuple> || is_std_array<U>) {
    std::apply(
        [&](auto&... element) {
          std::size_t index = 0;
          (for_each_ref(element, path + "[" + std::to_string(index++) + "]", visit), ...);
        },
        value);
  } else if constexpr (requires { typename U::key_type; typename U::mapped_type; }) {
    for (auto& [key, mapped] : value) for_each_ref(mapped, path + key_step(key), visit);
  } else if constexpr (requires { typename U::key_type; }) {
    // A set: its elements are constant.
  } else if constexpr (range<U> && !std::is_same_v<U, std::string>) {
    std::size_t index = 0;
    for (auto& element : value) for_each_ref(element, path + "[" + std::to_string(index++) + "]", visit);
  } else if constexpr (boost::hana::Struct<U>::value) {
    boost::hana::for_each(boost::hana::accessors<U>(), [&](auto pair) {
      const std::string name = boost::hana::to<const char*>(boost::hana::first(pair));
      for_each_ref(boost::hana::second(pair)(value), path + "." + name, visit);
    });
  }
}

}  // namespace meshwa::gen::detail
