// Provider-side contract tests (docs/contracts.md). Generated code registers,
// per interface method of the deployment's services, a replay function (JSON
// request in, JSON response out, through the real stub) and a property test;
// run_contract_tests turns every recorded contract and every property into a
// GoogleTest test.
#pragma once

#include <algorithm>
#include <array>
#include <deque>
#include <list>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <type_traits>
#include <typeindex>
#include <utility>
#include <variant>
#include <vector>

#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "meshwa/crossable.hpp"
#include "meshwa/gen/contract_run.hpp"
#include "meshwa/gen/json.hpp"
#include "meshwa/gen/ref_paths.hpp"
#include "meshwa/gen/returns.hpp"
#include "meshwa/gen/stand_ins.hpp"
#include "meshwa/gen/stub.hpp"
#include "meshwa/registry.hpp"

namespace meshwa::gen {

/// Thrown by the escape handler that property tests install: an exception
/// escaped a method whose result is not a meshwa::Result.
struct EscapedException {
  std::string text;
};

namespace detail {

/// Replaces each Ref it is shown by the recorded Refs' capability at its path.
struct RefsAtTheirPaths {
  RecordedRefs& refs;
  template <class I>
  void ref(Ref<I>& ref, const std::string& path) {
    using J = std::remove_const_t<I>;
    if (ref.has_value()) ref = Ref<I>(*static_cast<J*>(refs.capability(typeid(J), type_name<J>(), path)));
  }
  // A Ref it cannot replace stays the stand-in of any Ref of its interface.
  void unreachable(const std::string&, const char*) {}
};

}  // namespace detail

/// Reads argument `name` of a recorded request. Each Ref in it, wherever
/// its type has one, is the replay's stand-in of the Ref at its path
/// ("listener", "notice.notify", "listeners[1]": detail::for_each_ref, the
/// walk the recorder named them by), which answers what the consumer
/// recorded through that Ref (docs/contracts.md §2).
template <class T>
T request_arg(const nlohmann::json& request, const char* name) {
  if (auto it = request.find(name); it != request.end()) {
    T value = get_checked<T>(*it, std::string("argument \"") + name + "\"");
    if (detail::RecordedRefs* refs = detail::recorded_refs) {
      detail::RefsAtTheirPaths at_paths{*refs};
      detail::for_each_ref(value, name, at_paths);
    }
    return value;
  }
  // Not a default: a recorded request without this argument was recorded
  // against another version of the method (a renamed parameter, say).
  throw std::invalid_argument(std::string("the recorded request has no argument \"") + name +
                              "\"; the method's parameters changed since it was recorded: record the contract again");
}

/// A recorded request must name exactly the method's parameters: an argument
/// it has beyond them was recorded against another version of the method.
inline void expect_arguments(const nlohmann::json& request, std::initializer_list<const char*> params) {
  if (!request.is_object()) throw std::invalid_argument("the recorded request " + request.dump() + " is not an object");
  if (const std::string* key = unknown_key(request, params)) {
    throw std::invalid_argument("the recorded request has an argument \"" + *key +
                                "\" that the method does not take; its parameters changed since it was recorded: "
                                "record the contract again");
  }
}

/// Equality of what two values hold, for the JSON round trip: as ==, except
/// that a std::shared_ptr compares what it points at (its == compares
/// addresses, and a value read back is a new object), also inside
/// containers, Result, optional, variant, pair and messages (member by member).
/// A meshwa::Ref is compared as a contract records it: by its interface
/// alone, which its type fixes ({"$meshwa_ref": "<I>"}; a capability is not
/// data and reads back empty), so any two Refs of one interface are the same
/// here, at any depth (a message holding one: probe api5 #1). A NaN is the
/// same as any NaN, as a contract records them ("NaN": the check failed
/// every result that was NaN, which is unequal to itself, probe gen8); an
/// infinity is the same only as the infinity of its sign ("Infinity",
/// "-Infinity"; both were null, and read back as NaN, before).
template <class T>
bool same_value(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    return a == b || (std::isnan(a) && std::isnan(b));
  } else if constexpr (detail::is_a<T, Ref>) {
    return true;
  } else if constexpr (detail::is_a<T, std::shared_ptr>) {
    if (!a || !b) return a == b;
    return same_value(*a, *b);
  } else if constexpr (detail::is_a<T, Result>) {
    if (a.has_value() != b.has_value()) return false;
    if (!a.has_value()) return a.error() == b.error();
    if constexpr (std::is_void_v<typename T::value_type>) {
      return true;
    } else {
      return same_value(*a, *b);
    }
  } else if constexpr (detail::is_a<T, std::optional>) {
    if (!a || !b) return a.has_value() == b.has_value();
    return same_value(*a, *b);
  } else if constexpr (detail::is_a<T, Owned> || detail::is_a<T, Shared>) {
    if (!a.has_value() || !b.has_value()) return a.has_value() == b.has_value();
    return same_value(*a, *b);
  } else if constexpr (detail::is_a<T, std::variant>) {
    // By index: std::variant<int, int> is crossable too.
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return ((a.index() == I && b.index() == I && same_value(*std::get_if<I>(&a), *std::get_if<I>(&b))) || ...);
    }(std::make_index_sequence<std::variant_size_v<T>>{});
  } else if constexpr (detail::is_a<T, std::pair>) {
    return same_value(a.first, b.first) && same_value(a.second, b.second);
  } else if constexpr (detail::range<T> && !std::is_same_v<T, std::string> && !requires { typename T::hasher; }) {
    // In order (an unordered container's order differs between equal ones: == below).
    auto ia = a.begin();
    auto ib = b.begin();
    for (; ia != a.end() && ib != b.end(); ++ia, ++ib) {
      if (!same_value(*ia, *ib)) return false;
    }
    return ia == a.end() && ib == b.end();
  } else if constexpr (boost::hana::Struct<T>::value) {
    bool same = true;
    boost::hana::for_each(boost::hana::accessors<T>(), [&](auto pair) {
      same = same && same_value(boost::hana::second(pair)(a), boost::hana::second(pair)(b));
    });
    return same;
  } else {
    return a == b;
  }
}

/// An empty meshwa::Ref in a result: where ("" for the result itself,
/// ".sink", "[1].sinks[0]", "[\"a\"]": the paths of detail::for_each_ref,
/// through Result, optional, Owned, Shared, variant, tuples and maps alike)
/// and its type.
struct EmptyRef {
  std::string path;
  std::string type;
};

/// The first empty Ref a result holds, or nullopt. A Ref is a capability:
/// handed to a caller it must name a service (ctx.ref<I>() gives such), an
/// empty one throws meshwa::EmptyHandle at the first call through it. "No
/// capability" is said with std::optional<Ref<I>> or an Error, which are
/// not walked into when they hold none. A visitor of detail::for_each_ref,
/// the walk that names a Ref's path wherever a contract does.
namespace detail {
/// Keeps the first empty Ref it is shown (find_empty_ref).
struct FirstEmptyRef {
  std::optional<EmptyRef> found;
  template <class I>
  void ref(const Ref<I>& ref, const std::string& path) {
    if (!found && !ref.has_value()) found = EmptyRef{path, "meshwa::Ref<" + std::string(type_name<I>()) + ">"};
  }
  void unreachable(const std::string&, const char*) {}  // a read-only walk reaches every Ref
};
}  // namespace detail

template <class T>
std::optional<EmptyRef> find_empty_ref(const T& v) {
  detail::FirstEmptyRef first;
  detail::for_each_ref(v, "", first);
  return first.found;
}

/// What one property test checks, with the inputs of the current case for
/// the failure message.
class PropertyContext {
 public:
  PropertyContext(std::string method, std::uint64_t seed, Deployment& deployment, StandIns& stand_ins)
      : method_(std::move(method)), seed_(seed), arbitrary_(seed, &deployment, &stand_ins) {}

  /// Throws NoProvider (naming the argument) when no caller here can pass one.
  template <class T>
  T input(const char* name) {
    T v = [&] {
      try {
        return arbitrary_.template make<T>();
      } catch (NoProvider& e) {
        e.argument = name;
        throw;
      }
    }();
    inputs_ += std::string(inputs_.empty() ? "" : ", ") + name + " = " + printed(v);
    return v;
  }
  void next_case(int index) {
    case_ = index;
    inputs_.clear();
  }

  /// Runs the call; an exception escaping it is a failure. Returns the
  /// result (nullopt when the call threw).
  template <class F>
  auto call(F&& f) {
    using R = std::invoke_result_t<F&>;
    if constexpr (std::is_void_v<R>) {
      try {
        f();
        return true;
      } catch (const NoProvider&) {
        throw;  // a stand-in could not answer: not the service's failure
      } catch (const EscapedException& e) {
        fail("an exception escaped a method without meshwa::Result: " + e.text);
      } catch (...) {
        fail("an exception escaped the stub: " + current_exception_text());
      }
      return false;
    } else {
      std::optional<R> out;
      try {
        out.emplace(f());
      } catch (const NoProvider&) {
        throw;  // a stand-in could not answer: not the service's failure
      } catch (const EscapedException& e) {
        fail("an exception escaped a method without meshwa::Result: " + e.text);
      } catch (...) {
        fail("an exception escaped the stub: " + current_exception_text());
      }
      return out;
    }
  }

  /// The result may cross: statically crossable, no domain fault, no empty
  /// Ref (find_empty_ref), and its JSON reads back equal, as a replayed contract needs (a Ref, at any
  /// depth, reads back as an empty one of its interface: same_value counts
  /// Refs of one interface equal).
  template <class R>
  void check_result(const R& r) {
    static_assert(crossable_result<R>, "meshwa: the result type cannot cross a service boundary");
    if constexpr (is_result_v<R>) {
      if (!r.has_value() && r.error().code() == Code::domain_fault) fail("the call faulted in its MPK domain: " + printed(r));
      if (!r.has_value()) {
        // An Error's code is recorded by its name: a value that is no Code
        // (static_cast<meshwa::Code>(42)) has none.
        Code known = Code::internal;
        if (!code_from_string(to_string(r.error().code()), known) || known != r.error().code()) {
          fail("returned an Error with code " + std::to_string(static_cast<long long>(r.error().code())) +
               ", which is no meshwa::Code");
          return;
        }
      }
    }
    if (const std::optional<EmptyRef> empty = find_empty_ref(r)) {
      fail("returned an empty " + empty->type + (empty->path.empty() ? "" : " (at result" + empty->path + ")") +
           ": a caller that calls through it gets meshwa::EmptyHandle; return the Ref the service got from "
           "ctx.ref<I>(), or say there is none with std::optional<" + empty->type + "> or a meshwa::Error");
    }
    if constexpr (requires { r == r; }) {
      // What a consumer test records and a replay compares: a result whose
      // JSON cannot be written (a string that is not UTF-8) or read back
      // fails here, as every consumer test of it would (probe api4 #4, #7).
      nlohmann::json j;
      try {
        j = r;
        (void)j.dump();
      } catch (const std::exception& e) {
        fail("the result cannot be recorded in a contract: " + std::string(e.what()) +
             ". Contracts keep strings as JSON text; carry bytes as std::vector<std::uint8_t> (or encode them, "
             "e.g. hex or base64) in the interface (the result: " + printed(r) + ")");
        return;
      }
      std::optional<R> back;
      try {
        // Through the text a contract holds (NaN and the infinities as
        // strings there), not the tree, which keeps them as numbers.
        back.emplace(get_checked<R>(nlohmann::json::parse(json_text(j)), "the result"));
      } catch (const std::exception& e) {
        fail("the result does not read back from its JSON " + json_text(j) + ": " + e.what());
        return;
      }
      if (!same_value(*back, r)) fail("the result does not read back from its JSON " + json_text(j) + " (got " + printed(*back) + ")");
    }
  }

  /// An Owned argument moved into the call must be gone from the caller.
  template <class T>
  void check_consumed(const char* name, const Owned<T>& arg) {
    if (arg.has_value()) fail(std::string("the Owned argument '") + name + "' is still held by the caller after the call");
  }

 private:
  void fail(const std::string& what) {
    ADD_FAILURE() << method_ << ": " << what << "\n  case " << case_ << " (seed " << seed_ << "), inputs: " << inputs_;
  }

  std::string method_;
  std::uint64_t seed_;
  Arbitrary arbitrary_;
  int case_ = 0;
  std::string inputs_;
};

/// Everything the generated code of a deployment's units registers.
class ContractSuite {
 public:
  /// A method's replay: the recorded request in, the real stub's JSON answer
  /// out; and what the method returns, from the interface, which a failure's
  /// wording goes by (a plain message {"value": ...} is no meshwa::Result).
  struct Replay {
    std::function<nlohmann::json(Deployment&, const nlohmann::json& request)> call;
    Returns returns = Returns::value;
  };
  using Property = std::function<void(PropertyContext&, Deployment&)>;

  template <class I>
  void replay(std::string interface, std::string method, Returns returns,
              std::function<nlohmann::json(I&, const nlohmann::json&)> fn) {
    replay<I>(std::move(interface), std::move(method), "", returns, std::move(fn));
  }
  /// An overloaded method, also found by the key with its parameter types'
  /// aliases resolved (Interface::resolved_method_key; "" for none).
  template <class I>
  void replay(std::string interface, std::string method, const std::string& resolved_method, Returns returns,
              std::function<nlohmann::json(I&, const nlohmann::json&)> fn) {
    if (!resolved_method.empty()) resolved_keys_[interface + "::" + resolved_method] = method;
    interfaces_.insert(interface);
    replays_[interface + "::" + method] =
        Replay{[call = std::move(fn)](Deployment& d, const nlohmann::json& request) {
                 Ref<I> ref = d.ref<I>();
                 return call(*ref, request);
               },
               returns};
  }

  template <class I>
  void property(std::string service, std::string interface, std::string method,
                std::function<void(PropertyContext&, I&)> fn) {
    properties_.push_back(Entry{std::move(service), interface, method,
                                [check = std::move(fn)](PropertyContext& p, Deployment& d) {
                                  Ref<I> ref = d.ref<I>();
                                  check(p, *ref);
                                }});
  }

  /// The stand-in factory of interface I (the first registered wins:
  /// every unit that has seen I generates the same one): a stand-in for
  /// the Ref at a place (StandIns::Place), answering through `answers`.
  template <class I>
  void stand_in(std::function<std::shared_ptr<I>(StandIns&, StandIns::Place)> make) {
    stand_ins_.try_emplace(std::type_index(typeid(I)),
                           [factory = std::move(make)](StandIns& s, StandIns::Place place) -> std::shared_ptr<void> {
                             return factory(s, std::move(place));
                           });
  }
  [[nodiscard]] const std::map<std::type_index, StandIns::Factory>& stand_ins() const { return stand_ins_; }

  struct Entry {
    std::string service;
    std::string interface;
    std::string method;
    Property run;
  };

  /// The replay of `method`; failing that, of the method whose resolved
  /// key is the one recorded with it (`resolved_method`, "" for none): an
  /// overload whose alias is spelled otherwise now is the same method.
  [[nodiscard]] const Replay* find_replay(const std::string& interface, const std::string& method,
                                          const std::string& resolved_method = "") const {
    auto it = replays_.find(interface + "::" + method);
    if (it == replays_.end() && !resolved_method.empty()) {
      const auto by_resolved = resolved_keys_.find(interface + "::" + resolved_method);
      // A method whose key is its resolved key records none: its key is it.
      const std::string key = by_resolved != resolved_keys_.end() ? by_resolved->second : resolved_method;
      it = replays_.find(interface + "::" + key);
    }
    return it == replays_.end() ? nullptr : &it->second;
  }
  /// The method keys this deployment can replay for `interface` (none: no
  /// provider of it here).
  [[nodiscard]] std::vector<std::string> replayable_methods(const std::string& interface) const {
    std::vector<std::string> out;
    const std::string prefix = interface + "::";
    for (auto it = replays_.lower_bound(prefix); it != replays_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
         ++it) {
      out.push_back(it->first.substr(prefix.size()));
    }
    return out;
  }
  /// The interfaces this deployment can replay calls of.
  [[nodiscard]] const std::set<std::string>& replayable_interfaces() const { return interfaces_; }
  [[nodiscard]] const std::vector<Entry>& properties() const { return properties_; }

 private:
  std::set<std::string> interfaces_;
  std::map<std::string, Replay> replays_;
  std::map<std::string, std::string> resolved_keys_;  // "I::resolved key" -> method key
  std::vector<Entry> properties_;
  std::map<std::type_index, StandIns::Factory> stand_ins_;
};

/// Registers one GoogleTest test per recorded contract ("Contract.<file>")
/// and per property ("Property.<service>.<Interface>.<method>"), then runs
/// them. Returns RUN_ALL_TESTS()'s result.
int run_contract_tests(int argc, char** argv, ContractSuite& suite, const ContractRun& run);

}  // namespace meshwa::gen
