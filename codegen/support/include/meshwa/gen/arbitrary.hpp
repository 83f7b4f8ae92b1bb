// Property tests' inputs and stand-ins' answers (docs/contracts.md §3):
// meshwa::gen::Arbitrary makes a value of any crossable type, a Ref from the
// deployment's provider or, without one, from a stand-in
// (meshwa/gen/stand_ins.hpp, which defines Arbitrary::capability: a
// StandIns holds an Arbitrary for its answers).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <exception>
#include <limits>
#include <list>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeindex>
#include <utility>
#include <variant>
#include <vector>

#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>

#include "meshwa/gen/json.hpp"
#include "meshwa/registry.hpp"

namespace meshwa::gen {

/// Thrown while generating an input that cannot be formed without a Ref<I>
/// when no service of the deployment provides I and no unit of it generated
/// a stand-in for I: no caller here can pass such an argument, so its
/// method's property test fails, untested (docs/contracts.md §3).
struct NoProvider {
  std::string interface;  // I
  std::string why;        // the deployment's own words
  std::string argument;   // the parameter, once PropertyContext::input knows it
};

class StandIns;

/// Inputs for property tests, built from the parameter types (messages
/// through their Hana reflection), and the answers of stand-ins. Deterministic
/// for a given seed.
class Arbitrary {
 public:
  /// `deployment` (may be null: none to ask) provides the Refs a caller can
  /// hold; `stand_ins` (may be null) the Refs of interfaces it has no provider of.
  Arbitrary(std::uint64_t seed, Deployment* deployment, StandIns* stand_ins)
      : rng_(seed), deployment_(deployment), stand_ins_(stand_ins) {}

  template <class T>
  T make(int depth = 0);

  void set_deployment(Deployment* deployment) noexcept { deployment_ = deployment; }

 private:
  std::size_t count(int depth) { return depth > 2 ? 0 : pick(4); }
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

  template <class T>
  T number() {
    if constexpr (std::is_same_v<T, bool>) {
      return pick(2) == 1;
    } else if constexpr (std::is_floating_point_v<T>) {
      static constexpr T edges[] = {T(0), T(-1), T(1.5), T(1e9)};
      return pick(3) == 0 ? edges[pick(4)] : std::uniform_real_distribution<T>(-1e6, 1e6)(rng_);
    } else {
      static constexpr T edges[] = {T(0), T(1), std::numeric_limits<T>::max(), std::numeric_limits<T>::min()};
      if (pick(3) == 0) return edges[pick(4)];
      using Wide = std::conditional_t<std::is_signed_v<T>, long long, unsigned long long>;
      return static_cast<T>(std::uniform_int_distribution<Wide>(std::is_signed_v<T> ? -1000 : 0, 1000)(rng_));
    }
  }

  std::string text() {
    static const std::string samples[] = {"", "a", "EUR", "hello world", "ünïcödé", std::string(300, 'x'), "\"'\\\n"};
    if (pick(2) == 0) return samples[pick(std::size(samples))];
    std::string s(pick(12), ' ');
    for (char& c : s) c = static_cast<char>('a' + pick(26));
    return s;
  }

  template <class I>
  Ref<I> capability();

  /// Whether a handle (Owned, Shared, shared_ptr) to an E made at `depth`
  /// is to be left empty: an E is being made further up, so the handle
  /// closes a cycle of the type (a linked list, a tree of Owned children),
  /// and the value is already deep. A recursive type ends only in an empty
  /// handle (no finite value of it holds none), so every value of it has
  /// one; making each handle full recursed without end (probe gen8).
  template <class E>
  bool ends_cycle(int depth) const {
    return depth > 2 && std::find(making_.begin(), making_.end(), std::type_index(typeid(E))) != making_.end();
  }

  /// Records, while it lives, that a message of this type is being made.
  class Making {
   public:
    Making(std::vector<std::type_index>& making, std::type_index type) : making_(making) { making_.push_back(type); }
    ~Making() { making_.pop_back(); }
    Making(const Making&) = delete;
    Making& operator=(const Making&) = delete;

   private:
    std::vector<std::type_index>& making_;
  };

  std::mt19937_64 rng_;
  Deployment* deployment_;
  StandIns* stand_ins_;
  std::vector<std::type_index> making_;  // the messages being made, outermost first
};

template <class T>
T Arbitrary::make(int depth) {
  if constexpr (std::is_arithmetic_v<T>) {
    return number<T>();
  } else if constexpr (std::is_enum_v<T>) {
    if constexpr (requires { enum_values<T>::values; }) {
      return enum_values<T>::values[pick(std::size(enum_values<T>::values))];  // from <unit>.messages.hpp
    } else {
      return T{};  // an enum meshwa gen did not see: the zero value
    }
  } else if constexpr (std::is_same_v<T, std::string>) {
    return text();
  } else if constexpr (detail::is_a<T, Owned>) {
    if (ends_cycle<typename T::element_type>(depth)) return T{};
    return ::meshwa::make_owned<typename T::element_type>(make<typename T::element_type>(depth + 1));
  } else if constexpr (detail::is_a<T, Shared>) {
    // Shared<M> and Shared<const M> share element_type (const M): make T's own.
    using E = std::remove_const_t<typename T::element_type>;
    if (ends_cycle<E>(depth)) return T{};
    // Qualified: for Shared<std::string>, ADL would also find std::make_shared.
    return T(::meshwa::make_shared<typename T::value_type>(make<E>(depth + 1)));
  } else if constexpr (detail::is_a<T, std::shared_ptr>) {
    // A null pointer is a value of the type a caller may pass (JSON null).
    using E = std::remove_const_t<typename T::element_type>;
    if (pick(4) == 0 || ends_cycle<E>(depth)) return nullptr;
    try {
      return std::make_shared<typename T::element_type>(make<E>(depth + 1));
    } catch (const NoProvider&) {
      return nullptr;
    }
  } else if constexpr (detail::is_duration<T>) {
    return T(number<typename T::rep>());  // edge counts too: 0, 1, the Rep's min and max
  } else if constexpr (detail::is_time_point<T>) {
    return T(make<typename T::duration>(depth));
  } else if constexpr (detail::is_a<T, Ref>) {
    return capability<typename T::interface_type>();
  } else if constexpr (detail::is_a<T, Result>) {
    // A stand-in's answer: one in four an error, with any code a provider
    // may answer with (domain_fault too: an MPK provider that faulted).
    static constexpr Code codes[] = {Code::invalid_argument, Code::not_found,     Code::already_exists,
                                     Code::permission_denied, Code::unauthenticated, Code::failed_precondition,
                                     Code::out_of_range,      Code::unavailable,     Code::deadline_exceeded,
                                     Code::unimplemented,     Code::domain_fault,    Code::internal};
    if (pick(4) == 0) return T(Error(codes[pick(std::size(codes))], text()));
    if constexpr (std::is_void_v<typename T::value_type>) {
      return T();
    } else {
      return T(make<typename T::value_type>(depth));
    }
  } else if constexpr (detail::is_a<T, std::optional>) {
    if (pick(2) == 0) return std::nullopt;
    try {
      return make<typename T::value_type>(depth + 1);
    } catch (const NoProvider&) {
      return std::nullopt;  // what a caller here can pass
    }
  } else if constexpr (detail::is_a<T, std::vector> || detail::is_a<T, std::deque> || detail::is_a<T, std::list>) {
    T v;
    const std::size_t n = count(depth);
    try {
      for (std::size_t i = 0; i < n; ++i) v.push_back(make<typename T::value_type>(depth + 1));
    } catch (const NoProvider&) {
      // The elements that could be made (none: an element needs a Ref).
    }
    return v;
  } else if constexpr (detail::is_std_array<T>) {
    // Every element generated (its size is its type's).
    T v{};
    for (auto& e : v) e = make<typename T::value_type>(depth + 1);
    return v;
  } else if constexpr (detail::is_a<T, std::tuple>) {
    // Element by element (std::tuple<> is the one value it has).
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return T{make<std::tuple_element_t<I, T>>(depth + 1)...};
    }(std::make_index_sequence<std::tuple_size_v<T>>{});
  } else if constexpr (requires { typename T::key_type; typename T::mapped_type; }) {
    T v;
    const std::size_t n = count(depth);
    try {
      for (std::size_t i = 0; i < n; ++i) {
        auto key = make<typename T::key_type>(depth + 1);
        v.emplace(std::move(key), make<typename T::mapped_type>(depth + 1));
      }
    } catch (const NoProvider&) {
    }
    return v;
  } else if constexpr (requires { typename T::key_type; }) {
    T v;
    const std::size_t n = count(depth);
    try {
      for (std::size_t i = 0; i < n; ++i) v.insert(make<typename T::key_type>(depth + 1));
    } catch (const NoProvider&) {
    }
    return v;
  } else if constexpr (detail::is_a<T, std::pair>) {
    return T{make<typename T::first_type>(depth + 1), make<typename T::second_type>(depth + 1)};
  } else if constexpr (detail::is_a<T, std::variant>) {
    T v;
    constexpr std::size_t n = std::variant_size_v<T>;
    const std::size_t first = pick(n);
    // From a random alternative on, the first that can be made.
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t index = (first + k) % n;
      try {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
          ((I == index ? (void)(v = T(std::in_place_index<I>, make<std::variant_alternative_t<I, T>>(depth + 1)))
                       : void()),
           ...);
        }(std::make_index_sequence<n>{});
        return v;
      } catch (const NoProvider&) {
        if (k + 1 == n) throw;
      }
    }
    return v;
  } else if constexpr (boost::hana::Struct<T>::value) {
    const Making making(making_, std::type_index(typeid(T)));
    T v{};
    boost::hana::for_each(boost::hana::accessors<T>(), [&](auto pair) {
      auto& member = boost::hana::second(pair)(v);
      member = make<std::remove_cvref_t<decltype(member)>>(depth + 1);
    });
    return v;
  } else {
    static_assert(std::is_default_constructible_v<T>, "meshwa: no generator for this parameter type");
    return T{};
  }
}
}  // namespace meshwa::gen
