// Matching rules of a contract's responses (docs/contracts.md, "Matchers"):
// a consumer test says that a member of a recorded response is matched by
// its type, or by a regular expression, instead of exactly, for values that
// nobody can predict (ids from a unique-id service, time stamps).
//
//   ctx.on<social::PostStorage>("store")
//       .match(meshwa::gen::member(&Post::id), meshwa::gen::by_type())
//       .match(meshwa::gen::member(&Post::created), meshwa::gen::by_regex(R"(\d{4}-\d\d-\d\d)"));
//
// A member is named by pointers to members (a chain for nested ones:
// member(&Timeline::posts, &Post::id), where each pointer's class is the
// type of the member before it, or its element type when that is a
// container or an optional, or its value type when that is a map), or by a
// string path of member names ("posts.id"), where "*" is every value of a
// map ("scores.*.id"; member(&Board::scores, &Score::id) says the same).
// Either is relative to the method's result value (the value of a
// meshwa::Result), reaches through containers to every element, and is
// checked against the recorded response when it is recorded.
//
// An error's message has a rule of its own (the code is compared exactly):
//
//   ctx.on<accounts::Users>("find").match_error(meshwa::gen::by_regex("user .* not found"));
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>
#include <nlohmann/json.hpp>

#include "meshwa/is_instance.hpp"
#include "meshwa/owned.hpp"
#include "meshwa/ref.hpp"
#include "meshwa/shared.hpp"
#include "meshwa/type_name.hpp"

namespace meshwa::gen {

/// How a member of a response is matched on replay.
struct MatchRule {
  enum class Kind { type, regex };
  Kind kind = Kind::type;
  std::string regex;  // Kind::regex: std::regex, ECMAScript, matched against the whole string
};

/// Any value of the recorded value's type: a string any string, a number any
/// number, a message any message whose members match its recorded members
/// by type, a container any container whose elements match the recorded
/// first element's shape (any, when it was recorded empty), and an optional
/// present (matching the recorded shape) or absent.
inline MatchRule by_type() { return MatchRule{MatchRule::Kind::type, {}}; }
/// A string that the regular expression matches as a whole (std::regex_match,
/// ECMAScript). The recorded value must match it too, or the consumer test
/// fails. On a container of strings, every element.
inline MatchRule by_regex(std::string regex) { return MatchRule{MatchRule::Kind::regex, std::move(regex)}; }

/// A member path: member names separated by '.', relative to the result
/// value ("" is the value itself); "*" is every value of a map.
struct MemberPath {
  std::string text;
  MemberPath() = default;
  MemberPath(std::string path) : text(std::move(path)) {}  // NOLINT: a string path converts
  MemberPath(const char* path) : text(path) {}             // NOLINT
};

namespace detail {

// The type a member path continues into from a member of type T: the
// element of a container, the value of an optional or handle, the value of
// a map; `maps`: how many maps it went through (each is a "*" in the path).
template <class T>
struct path_step {
  using type = T;
  static constexpr int maps = 0;
};
template <class T>
using path_step_t = typename path_step<std::remove_cv_t<T>>::type;
template <class T>
inline constexpr int path_maps_v = path_step<std::remove_cv_t<T>>::maps;
// Through a container, optional or handle of U: U's step.
template <class U>
struct step_into {
  using type = path_step_t<U>;
  static constexpr int maps = path_maps_v<U>;
};
// Through a map of values V: V's step, one map more.
template <class V>
struct step_into_map {
  using type = path_step_t<V>;
  static constexpr int maps = path_maps_v<V> + 1;
};
template <class K, class V, class C, class A>
struct path_step<std::map<K, V, C, A>> : step_into_map<V> {};
template <class K, class V, class C, class A>
struct path_step<std::multimap<K, V, C, A>> : step_into_map<V> {};
template <class K, class V, class H, class E, class A>
struct path_step<std::unordered_map<K, V, H, E, A>> : step_into_map<V> {};
template <class T, class A>
struct path_step<std::vector<T, A>> : step_into<T> {};
template <class T, class A>
struct path_step<std::deque<T, A>> : step_into<T> {};
template <class T, class A>
struct path_step<std::list<T, A>> : step_into<T> {};
template <class T, std::size_t N>
struct path_step<std::array<T, N>> : step_into<T> {};
template <class T>
struct path_step<std::optional<T>> : step_into<T> {};
template <class T>
struct path_step<Owned<T>> : step_into<T> {};
template <class T>
struct path_step<Shared<T>> : step_into<T> {};
template <class T>
struct path_step<std::shared_ptr<T>> : step_into<T> {};

/// The name of the member `p` points to: its key in M's Hana adaptation,
/// which is its key in the JSON a contract holds. Found by address, on a
/// value-initialised M.
template <class M, class T>
std::string member_name(T M::* p) {
  static_assert(boost::hana::Struct<M>::value,
                "meshwa::gen::member(&M::m): M is no message adapted by meshwa gen (include the unit's "
                "<unit>.mocks.hpp or <unit>.messages.hpp, where its MESHWA_MESSAGE is adapted)");
  static_assert(std::is_default_constructible_v<M>, "meshwa::gen::member(&M::m): M must be default-constructible");
  const auto object = std::make_unique<M>();
  const void* wanted = static_cast<const void*>(&((*object).*p));
  std::string name;
  boost::hana::for_each(boost::hana::accessors<M>(), [&](auto pair) {
    const auto& m = boost::hana::second(pair)(*object);
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(m)>, std::remove_cv_t<T>>) {
      if (static_cast<const void*>(&m) == wanted) name = boost::hana::to<const char*>(boost::hana::first(pair));
    }
  });
  return name;
}

template <class From, class M, class T, class... More>
void append_members(std::string& out, T M::* p, More... more) {
  static_assert(std::is_same_v<From, void> || std::is_same_v<From, M>,
                "meshwa::gen::member(...): each pointer to member must be of the class that the member before "
                "it holds (or holds elements of)");
  out += (out.empty() ? "" : ".") + member_name(p);
  if constexpr (sizeof...(More) > 0) {
    // Into every value of each map on the way: "scores.*.id".
    for (int k = 0; k < path_maps_v<T>; ++k) out += ".*";
    append_members<path_step_t<T>>(out, more...);
  }
}

}  // namespace detail

namespace detail {

// One step of a path into T's JSON: through a container, optional or
// handle (`kind` 1: JSON goes through its array or null to the element), or
// into a map's values (`kind` 2: "*"); `kind` 0 for anything else.
template <class T>
struct shape_step {
  static constexpr int kind = 0;
  using type = void;
};
template <class T>
struct shape_through {
  static constexpr int kind = 1;
  using type = T;
};
template <class T, class A>
struct shape_step<std::vector<T, A>> : shape_through<T> {};
template <class T, class A>
struct shape_step<std::deque<T, A>> : shape_through<T> {};
template <class T, class A>
struct shape_step<std::list<T, A>> : shape_through<T> {};
template <class T, std::size_t N>
struct shape_step<std::array<T, N>> : shape_through<T> {};
template <class T, class C, class A>
struct shape_step<std::set<T, C, A>> : shape_through<T> {};
template <class T, class C, class A>
struct shape_step<std::multiset<T, C, A>> : shape_through<T> {};
template <class T, class H, class E, class A>
struct shape_step<std::unordered_set<T, H, E, A>> : shape_through<T> {};
template <class T>
struct shape_step<std::optional<T>> : shape_through<T> {};
template <class T>
struct shape_step<Owned<T>> : shape_through<T> {};
template <class T>
struct shape_step<Shared<T>> : shape_through<T> {};
template <class T>
struct shape_step<std::shared_ptr<T>> : shape_through<T> {};
template <class V>
struct shape_map {
  static constexpr int kind = 2;
  using type = V;
};
template <class K, class V, class C, class A>
struct shape_step<std::map<K, V, C, A>> : shape_map<V> {};
template <class K, class V, class C, class A>
struct shape_step<std::multimap<K, V, C, A>> : shape_map<V> {};
template <class K, class V, class H, class E, class A>
struct shape_step<std::unordered_map<K, V, H, E, A>> : shape_map<V> {};

}  // namespace detail

namespace detail {

// One address per type: which messages a shape is being made of.
template <class T>
inline constexpr char shape_tag = 0;

template <class T>
nlohmann::json shape_of(std::vector<const void*>& making);

// A std::variant's JSON, {"index": i, "value": v}: v has the shape of one
// of its alternatives, each named by its type ({"$alternatives": [{"type",
// "shape"}, ...]}): a path into "value" needs one that has it.
template <class V, std::size_t... I>
nlohmann::json variant_shape(std::vector<const void*>& making, std::index_sequence<I...>) {
  nlohmann::json alternatives = nlohmann::json::array();
  (alternatives.push_back(nlohmann::json{{"type", std::string(type_name<std::variant_alternative_t<I, V>>())},
                                         {"shape", shape_of<std::variant_alternative_t<I, V>>(making)}}),
   ...);
  return nlohmann::json{{"index", "leaf"}, {"value", nlohmann::json{{"$alternatives", std::move(alternatives)}}}};
}

// Written as one JSON value without members a path could name.
template <class U>
inline constexpr bool leaf_shape = std::is_arithmetic_v<U> || std::is_enum_v<U> || std::is_same_v<U, std::string> ||
                                   std::is_same_v<U, std::monostate> || ::meshwa::detail::is_instance_v<U, Ref> ||
                                   ::meshwa::detail::is_instance_v<U, std::chrono::duration> ||
                                   ::meshwa::detail::is_instance_v<U, std::chrono::time_point>;

template <class T>
nlohmann::json shape_of(std::vector<const void*>& making) {
  using U = std::remove_cvref_t<T>;
  using Step = shape_step<U>;
  if constexpr (Step::kind == 1) {
    return shape_of<typename Step::type>(making);
  } else if constexpr (Step::kind == 2) {
    return nlohmann::json{{"*", shape_of<typename Step::type>(making)}};
  } else if constexpr (leaf_shape<U>) {
    return "leaf";
  } else if constexpr (::meshwa::detail::is_instance_v<U, std::variant>) {
    return variant_shape<U>(making, std::make_index_sequence<std::variant_size_v<U>>{});
  } else if constexpr (boost::hana::Struct<U>::value) {
    // A message that holds itself (a tree's children, a list's next
    // Shared<Node>): below the second time, anything.
    const void* tag = &shape_tag<U>;
    for (const void* t : making) {
      if (t == tag) return nullptr;
    }
    making.push_back(tag);
    nlohmann::json members = nlohmann::json::object();
    boost::hana::for_each(boost::hana::accessors<U>(), [&](auto pair) {
      using Member = std::remove_cvref_t<decltype(boost::hana::second(pair)(std::declval<const U&>()))>;
      members[boost::hana::to<const char*>(boost::hana::first(pair))] = shape_of<Member>(making);
    });
    making.pop_back();
    return members;
  } else {
    // A pair, a tuple, or a class that this translation unit sees no
    // meshwa gen adaptation of: its members are not known here, and a path
    // below it is checked against the recording only, which the recorder
    // says ({"$unknown": its type}).
    return nlohmann::json{{"$unknown", std::string(type_name<U>())}};
  }
}

}  // namespace detail

/// What member paths can name in a value of type T, from its type alone
/// (its Hana adaptation): for a message, {member: shape}; for a map, {"*":
/// its values' shape}; a container, optional or handle is its element's
/// shape (a path goes through it); "leaf" for a number, string, boolean,
/// enum, duration, time point, monostate or Ref; for a std::variant, its
/// JSON's {"index": "leaf", "value": {"$alternatives": [{"type", "shape"},
/// ...]}} (a path "v.value.id" needs an alternative with an `id`); null
/// below a message that holds itself (anything below it); {"$unknown":
/// "<type>"} for a pair, tuple, or class not adapted here. A rule's path is
/// checked against it when recorded, also where the recording has nothing
/// to see (an absent optional, an empty container or map).
template <class T>
nlohmann::json shape_of() {
  std::vector<const void*> making;
  return detail::shape_of<T>(making);
}

/// The member that a chain of pointers to members names:
/// member(&Post::id) is "id", member(&Timeline::posts, &Post::id) "posts.id",
/// member(&Board::scores, &Score::id) "scores.*.id" (a map's values).
template <class... Pointers>
MemberPath member(Pointers... chain) {
  static_assert(sizeof...(Pointers) > 0, "meshwa::gen::member(): name at least one member");
  static_assert((std::is_member_object_pointer_v<Pointers> && ...),
                "meshwa::gen::member(...): give pointers to data members (&Post::id)");
  std::string path;
  detail::append_members<void>(path, chain...);
  return MemberPath(std::move(path));
}

}  // namespace meshwa::gen
