// meshwa::crossable<T>: may a T cross a service boundary? (DESIGN.md's table.)
//
// The check recurses through standard containers and, through Boost.Hana's
// reflection, through the members of messages (meshwa gen emits the Hana
// adaptation of every MESHWA_MESSAGE). When it fails, the reason names the
// offending member path in the user's terms, for example
//   "Order.items[].owner is a raw pointer; pass a value, meshwa::Owned<T> or meshwa::Shared<T>"
// and MESHWA_ASSERT_CROSSABLE(T) turns that reason into the compile error.
#pragma once

#include "meshwa/requirements.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <iterator>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include "meshwa/error.hpp"
#include "meshwa/is_instance.hpp"
#include "meshwa/owned.hpp"
#include "meshwa/ref.hpp"
#include "meshwa/result.hpp"
#include "meshwa/shared.hpp"
#include "meshwa/type_name.hpp"

namespace meshwa {
namespace detail {

/// What is wrong with a part of a type that may not cross.
enum class Problem : unsigned char {
  none,
  reference,
  raw_pointer,
  c_array,
  function,
  view,
  std_function,
  mutable_shared_ptr,
  unique_ptr,
  weak_ptr,
  iterator,
  wide_integer,
  lambda,
  not_a_message,
};

constexpr std::string_view describe(Problem p) {
  switch (p) {
    case Problem::none: return "may cross";
    case Problem::reference: return "is a reference; a value or a borrowed `const T&` parameter is what may cross";
    case Problem::raw_pointer: return "is a raw pointer; pass a value, meshwa::Owned<T> or meshwa::Shared<T>";
    case Problem::c_array: return "is a C array; use std::array or std::vector";
    case Problem::function: return "is a function; code cannot cross a boundary";
    case Problem::view:
      return "is a view (std::string_view / std::span) into memory the receiver does not own; "
             "use std::string / std::vector (only a parameter may borrow, as a `const T&`)";
    case Problem::std_function:
      return "is a std::function; code cannot cross a boundary, pass a meshwa::Ref<I> instead";
    case Problem::mutable_shared_ptr:
      return "is a std::shared_ptr to mutable data; use meshwa::Shared<T> (immutable, shared)";
    case Problem::unique_ptr: return "is a std::unique_ptr; use meshwa::Owned<T>, which lives in the exchange heap";
    case Problem::weak_ptr: return "is a std::weak_ptr; use meshwa::Shared<T>";
    case Problem::iterator: return "is an iterator into another service's container; pass the values instead";
    case Problem::wide_integer:
      return "is a 128-bit integer, which a contract (JSON) cannot hold; split it into two std::uint64_t members or pass it as a std::string";
    case Problem::lambda:
      return "is a lambda; code cannot cross a boundary, pass a meshwa::Ref<I> to an interface instead";
    case Problem::not_a_message:
      // The part may be a member, an element, a parameter, a result or the
      // checked type itself: "in its place" is right for each (the plugin
      // and meshwa gen, which know which, name it).
      // C++ cannot see the marker, only the generated adaptation: a class
      // marked MESHWA_MESSAGE is not a message here until its unit's
      // generated header is included, which the last part says.
      return "is a class that is not a message; mark it MESHWA_MESSAGE (meshwa gen adapts it) "
             "or use a crossable type in its place (a class marked MESHWA_MESSAGE already is adapted by "
             "the generated header <unit>.messages.hpp of the unit that declares it: include that header "
             "before checking it)";
  }
  return "?";
}

/// The member path of the first part of a type that may not cross, and why.
/// Built at compile time.
struct Reason {
  static constexpr std::size_t kCapacity = 128;
  char text[kCapacity + 1]{};
  std::size_t length = 0;
  bool ok = true;
  Problem problem = Problem::none;

  constexpr Reason& append(std::string_view s) {
    for (char c : s) {
      if (length == kCapacity) break;
      text[length++] = c;
    }
    text[length] = '\0';
    return *this;
  }
  [[nodiscard]] constexpr const char* data() const { return text; }
  [[nodiscard]] constexpr std::size_t size() const { return length; }
};

constexpr Reason fail(const Reason& path, Problem problem) {
  Reason r = path;
  r.ok = false;
  r.problem = problem;
  return r;
}
constexpr Reason extend(const Reason& path, std::string_view suffix) {
  Reason r = path;
  r.append(suffix);
  return r;
}

template <class T>
struct is_std_array : std::false_type {};
template <class T, std::size_t N>
struct is_std_array<std::array<T, N>> : std::true_type {};

template <class T>
struct is_span : std::false_type {};
template <class T, std::size_t N>
struct is_span<std::span<T, N>> : std::true_type {};

template <class T>
struct is_duration_or_time : std::false_type {};
template <class R, class P>
struct is_duration_or_time<std::chrono::duration<R, P>> : std::true_type {};
template <class C, class D>
struct is_duration_or_time<std::chrono::time_point<C, D>> : std::true_type {};

/// A lambda's closure type: no trait says so, but its name does, as clang
/// (`ns::(lambda at file:line:col)`) and GCC (`ns::<lambda(int)>`) print
/// it; the closure is the whole name (not a template argument of a class).
template <class T>
constexpr bool is_lambda() {
  if constexpr (!std::is_class_v<T>) {
    return false;
  } else {
    const std::string_view name = type_name<T>();
    const auto whole_name_from = [&](std::size_t at) {
      return at == 0 || name.substr(0, at).ends_with("::");
    };
    if (const std::size_t at = name.rfind("(lambda at "); at != std::string_view::npos) {
      return name.ends_with(")") && whole_name_from(at);
    }
    const std::size_t at = name.rfind("<lambda(");
    return at != std::string_view::npos && name.ends_with(")>") && whole_name_from(at) &&
           name.find('<', at + 1) == std::string_view::npos;
  }
}

template <class T>
concept iterator_like = requires { typename std::iterator_traits<T>::iterator_category; } && !std::is_pointer_v<T>;

template <class T, class... Seen>
constexpr Reason why(const Reason& path);

template <class... Seen>
struct seen_list {};

template <class... Ts>
struct type_list {};

template <class... Seen, class... Ts>
constexpr Reason why_each(seen_list<Seen...>, type_list<Ts...>, const Reason& path, std::string_view open,
                          std::string_view close) {
  Reason result = path;
  std::size_t index = 0;
  auto one = [&]<class U>() {
    if (result.ok) {
      const char digit[2] = {static_cast<char>('0' + (index % 10)), '\0'};
      result = why<U, Seen...>(extend(extend(extend(path, open), std::string_view(digit, 1)), close));
    }
    ++index;
  };
  (one.template operator()<Ts>(), ...);
  if (result.ok) result = path;
  return result;
}

template <class T, class... Seen>
constexpr Reason why_members(const Reason& path) {
  constexpr auto accessors = boost::hana::accessors<T>();
  constexpr std::size_t n = decltype(boost::hana::length(accessors))::value;
  Reason result = path;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    auto one = [&](auto pair) {
      if (!result.ok) return;
      using Member = std::remove_cvref_t<decltype(boost::hana::second(pair)(std::declval<T&>()))>;
      using Name = std::remove_cvref_t<decltype(boost::hana::first(pair))>;
      const Name name_string{};
      const char* name = boost::hana::to<const char*>(name_string);
      result = why<Member, T, Seen...>(extend(extend(path, "."), name));
    };
    (one(boost::hana::at_c<I>(accessors)), ...);
  }(std::make_index_sequence<n>{});
  if (result.ok) result = path;
  return result;
}

#ifdef __SIZEOF_INT128__
__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;
template <class U>
inline constexpr bool is_wide_integer = std::is_same_v<U, int128> || std::is_same_v<U, uint128>;
#else
template <class U>
inline constexpr bool is_wide_integer = false;
#endif

template <class T, class... Seen>
constexpr Reason why(const Reason& path) {
  using U = std::remove_cv_t<T>;
  if constexpr ((std::is_same_v<U, Seen> || ...)) {
    return path;  // a recursive message: already being checked further up
  } else if constexpr (std::is_reference_v<T>) {
    return fail(path, Problem::reference);
  } else if constexpr (std::is_pointer_v<U> || std::is_member_pointer_v<U> || std::is_null_pointer_v<U>) {
    return fail(path, Problem::raw_pointer);
  } else if constexpr (std::is_array_v<U>) {
    return fail(path, Problem::c_array);
  } else if constexpr (std::is_function_v<U>) {
    return fail(path, Problem::function);
  } else if constexpr (is_wide_integer<U>) {
    return fail(path, Problem::wide_integer);
  } else if constexpr (std::is_arithmetic_v<U> || std::is_enum_v<U>) {
    return path;
  } else if constexpr (std::is_same_v<U, std::string> || std::is_same_v<U, Error> ||
                       std::is_same_v<U, std::monostate> || is_duration_or_time<U>::value) {
    return path;
  } else if constexpr (std::is_same_v<U, std::string_view> || is_span<U>::value) {
    return fail(path, Problem::view);
  } else if constexpr (is_instance_v<U, std::function>) {
    return fail(path, Problem::std_function);
  } else if constexpr (is_instance_v<U, std::shared_ptr>) {
    using E = typename U::element_type;
    if constexpr (!std::is_const_v<E>) {
      return fail(path, Problem::mutable_shared_ptr);
    } else {
      return why<E, Seen...>(extend(path, "->"));
    }
  } else if constexpr (is_instance_v<U, std::unique_ptr>) {
    return fail(path, Problem::unique_ptr);
  } else if constexpr (is_instance_v<U, std::weak_ptr>) {
    return fail(path, Problem::weak_ptr);
  } else if constexpr (is_instance_v<U, Ref>) {
    return path;  // a capability
  } else if constexpr (is_instance_v<U, Owned> || is_instance_v<U, Shared>) {
    return why<typename U::element_type, Seen...>(extend(path, "->"));
  } else if constexpr (is_instance_v<U, Result> || is_instance_v<U, std::optional>) {
    if constexpr (std::is_void_v<typename U::value_type>) {
      return path;
    } else {
      return why<typename U::value_type, Seen...>(extend(path, "?"));
    }
  } else if constexpr (is_instance_v<U, std::vector> || is_instance_v<U, std::deque> ||
                       is_instance_v<U, std::list> || is_instance_v<U, std::set> ||
                       is_instance_v<U, std::multiset> || is_instance_v<U, std::unordered_set> ||
                       is_std_array<U>::value) {
    return why<typename U::value_type, Seen...>(extend(path, "[]"));
  } else if constexpr (is_instance_v<U, std::map> || is_instance_v<U, std::multimap> ||
                       is_instance_v<U, std::unordered_map>) {
    Reason key = why<typename U::key_type, Seen...>(extend(path, "{key}"));
    if (!key.ok) return key;
    return why<typename U::mapped_type, Seen...>(extend(path, "[]"));
  } else if constexpr (is_instance_v<U, std::variant>) {
    return []<class... Alts>(std::type_identity<std::variant<Alts...>>, const Reason& p) {
      return why_each(seen_list<Seen...>{}, type_list<Alts...>{}, p, "<", ">");
    }(std::type_identity<U>{}, path);
  } else if constexpr (is_instance_v<U, std::pair> || is_instance_v<U, std::tuple>) {
    return []<template <class...> class Tup, class... Elems>(std::type_identity<Tup<Elems...>>, const Reason& p) {
      return why_each(seen_list<Seen...>{}, type_list<Elems...>{}, p, ".", "");
    }(std::type_identity<U>{}, path);
  } else if constexpr (iterator_like<U>) {
    return fail(path, Problem::iterator);
  } else if constexpr (boost::hana::Struct<U>::value) {
    return why_members<U, Seen...>(path);
  } else if constexpr (is_lambda<U>()) {
    return fail(path, Problem::lambda);
  } else {
    return fail(path, Problem::not_a_message);
  }
}

template <class T>
constexpr Reason root_path() {
  Reason r;
  r.append(type_name<std::remove_cvref_t<T>>());
  return r;
}

}  // namespace detail

/// Why T may not cross a boundary ("" with ok == true when it may).
template <class T>
constexpr detail::Reason crossable_reason() {
  return detail::why<T>(detail::root_path<T>());
}

/// True when a value of type T may cross a service boundary.
template <class T>
concept crossable = crossable_reason<T>().ok;

/// True when T may be a parameter of an interface method: a crossable value,
/// or a `const U&` borrow of a crossable U.
template <class T>
concept crossable_param =
    crossable<std::remove_cvref_t<T>> && (!std::is_reference_v<T> || std::is_const_v<std::remove_reference_t<T>>) &&
    !std::is_rvalue_reference_v<T>;

/// True when T may be the result of an interface method (void included).
template <class T>
concept crossable_result = std::is_void_v<T> || (!std::is_reference_v<T> && crossable<T>);

namespace detail {

/// The member path as a template argument, in chunks that clang prints as
/// string literals in the diagnostic (it does so for a char array whose only
/// '\0' is its last element, and elides arrays longer than 36). The error reads
///   requirement 'Path{"Order.items[].owner", ...}.problem != Problem::raw_pointer'
template <std::size_t N1, std::size_t N2, std::size_t N3, std::size_t N4>
struct Path {
  char part1[N1]{};
  char part2[N2]{};
  char part3[N3]{};
  char part4[N4]{};
  Problem problem = Problem::none;

  constexpr explicit Path(const Reason& r) : problem(r.problem) {
    std::size_t i = 0;
    auto fill = [&](char* part, std::size_t n) {
      for (std::size_t k = 0; k + 1 < n; ++k) part[k] = r.text[i++];
      part[n - 1] = '\0';
    };
    fill(part1, N1);
    fill(part2, N2);
    fill(part3, N3);
    fill(part4, N4);
  }
};

inline constexpr std::size_t kPathChunk = 32;
constexpr std::size_t chunk_size(std::size_t length, std::size_t index) {
  const std::size_t begin = index * kPathChunk;
  if (length <= begin) return 1;
  const std::size_t rest = length - begin;
  return (rest < kPathChunk ? rest : kPathChunk) + 1;
}

template <auto where>
struct may_not_cross {
  // One assertion per problem, so that the message is a literal that says
  // what to write instead; the failing requirement shows the member path.
  static_assert(where.problem != Problem::reference,
                "meshwa: this part is a reference; a value or a borrowed `const T&` parameter is what may cross");
  static_assert(where.problem != Problem::raw_pointer,
                "meshwa: this part is a raw pointer; pass a value, meshwa::Owned<T> or meshwa::Shared<T>");
  static_assert(where.problem != Problem::c_array, "meshwa: this part is a C array; use std::array or std::vector");
  static_assert(where.problem != Problem::function, "meshwa: this part is a function; code cannot cross a boundary");
  static_assert(where.problem != Problem::view,
                "meshwa: this part is a view (std::string_view / std::span) into memory the receiver does not own; "
                "use std::string / std::vector (only a parameter may borrow, as a `const T&`)");
  static_assert(where.problem != Problem::std_function,
                "meshwa: this part is a std::function; code cannot cross a boundary, pass a meshwa::Ref<I> instead");
  static_assert(where.problem != Problem::mutable_shared_ptr,
                "meshwa: this part is a std::shared_ptr to mutable data; use meshwa::Shared<T> (immutable, shared)");
  static_assert(where.problem != Problem::unique_ptr,
                "meshwa: this part is a std::unique_ptr; use meshwa::Owned<T>, which lives in the exchange heap");
  static_assert(where.problem != Problem::weak_ptr, "meshwa: this part is a std::weak_ptr; use meshwa::Shared<T>");
  static_assert(where.problem != Problem::iterator,
                "meshwa: this part is an iterator into another service's container; pass the values instead");
  static_assert(where.problem != Problem::wide_integer,
                "meshwa: this part is a 128-bit integer, which a contract (JSON) cannot hold; split it into two std::uint64_t members or pass it as a std::string");
  static_assert(where.problem != Problem::lambda,
                "meshwa: this part is a lambda; code cannot cross a boundary, pass a meshwa::Ref<I> to an interface "
                "instead");
  static_assert(where.problem != Problem::not_a_message,
                "meshwa: this part is a class that is not a message; mark it MESHWA_MESSAGE (meshwa gen adapts it) "
                "or use a crossable type in its place (a class marked MESHWA_MESSAGE already is adapted by the "
                "generated header <unit>.messages.hpp of the unit that declares it: include that header before "
                "checking it)");
  static constexpr bool value = where.problem == Problem::none;
};

template <class T>
constexpr bool assert_crossable() {
  constexpr Reason r = crossable_reason<T>();
  if constexpr (r.ok) {
    return true;
  } else {
    constexpr std::size_t n = r.length;
    using P = Path<chunk_size(n, 0), chunk_size(n, 1), chunk_size(n, 2), chunk_size(n, 3)>;
    return may_not_cross<P(r)>::value;
  }
}

}  // namespace detail

/// "Order.items[].owner is a raw pointer; pass ..." (empty when T may cross).
template <class T>
std::string why_not_crossable() {
  constexpr detail::Reason r = crossable_reason<T>();
  if constexpr (r.ok) {
    return {};
  } else {
    return std::string(r.data(), r.size()) + " " + std::string(detail::describe(r.problem));
  }
}

}  // namespace meshwa

/// Fails compilation, naming the member path of the first part of T that may
/// not cross (for example `Order.items[].owner`) and what to write instead.
#define MESHWA_ASSERT_CROSSABLE(...) static_assert(::meshwa::detail::assert_crossable<__VA_ARGS__>())

