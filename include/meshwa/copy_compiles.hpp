// meshwa::detail::copy_compiles<T>(): whether copying a T compiles.
//
// std::is_copy_constructible_v says yes for std::vector<meshwa::Owned<U>>,
// std::map<K, Owned<U>>, an optional or pair of one, and a message holding
// one: their copy constructors are declared without a constraint on the
// element, and instantiating them fails. The gate copies a value into the
// other side's heap where it can and moves it where it cannot, so it asks
// this instead: it looks through containers (their value_type), pair, tuple,
// optional, variant and the members of messages (Boost.Hana), and stops at
// handles that are copyable whatever they point at (Shared, Ref,
// std::shared_ptr).
#pragma once

#include "meshwa/requirements.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>

#include "meshwa/is_instance.hpp"
#include "meshwa/ref.hpp"
#include "meshwa/shared.hpp"

namespace meshwa::detail {

template <class T, class... Seen>
consteval bool copy_compiles();

template <class... Ts, class... Seen>
consteval bool copy_compiles_all(std::tuple<Seen...>*) {
  return (copy_compiles<Ts, Seen...>() && ...);
}

template <class T, class... Seen>
consteval bool copy_compiles_members() {
  constexpr auto accessors = boost::hana::accessors<T>();
  constexpr std::size_t n = decltype(boost::hana::length(accessors))::value;
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return (copy_compiles<std::remove_cvref_t<decltype(boost::hana::second(boost::hana::at_c<I>(accessors))(
                              std::declval<T&>()))>,
                          T, Seen...>() &&
            ...);
  }(std::make_index_sequence<n>{});
}

template <class T>
struct copy_args;
template <template <class...> class Tmpl, class... Args>
struct copy_args<Tmpl<Args...>> {
  template <class... Seen>
  static consteval bool all() {
    return copy_compiles_all<Args...>(static_cast<std::tuple<Seen...>*>(nullptr));
  }
};

template <class T, class... Seen>
consteval bool copy_compiles() {
  using U = std::remove_cv_t<T>;
  if constexpr ((std::is_same_v<U, Seen> || ...)) {
    return true;  // a recursive message: decided where it started
  } else if constexpr (!std::is_copy_constructible_v<U>) {
    return false;
  } else if constexpr (is_instance_v<U, Shared> || is_instance_v<U, Ref> || is_instance_v<U, std::shared_ptr>) {
    return true;
  } else if constexpr (is_instance_v<U, std::pair> || is_instance_v<U, std::tuple> || is_instance_v<U, std::optional> ||
                       is_instance_v<U, std::variant>) {
    return copy_args<U>::template all<Seen...>();
  } else if constexpr (requires { typename U::value_type; typename U::iterator; }) {
    return copy_compiles<typename U::value_type, Seen...>();  // containers, std::array, std::string
  } else if constexpr (boost::hana::Struct<U>::value) {
    return copy_compiles_members<U, Seen...>();
  } else {
    return true;
  }
}

}  // namespace meshwa::detail
