// Consumer-side contract testing: a meshwa::Context for a service's unit
// test that hands out mocks (or any implementation) of its dependencies and
// records every call made through them as a contract. When the test ends,
// and only if it passed, the contract is written to <consumer's source
// dir>/contracts/ (the directory comes from MESHWA_CONTRACTS_DIR, which
// meshwa_add_service_test defines), where the providers' generated contract
// tests replay it (docs/contracts.md). Not when the TestContext goes away:
// GoogleMock checks a mock declared before it (the usual order) only later.
//
//   shop::MockCurrency currency;                               // <unit>.mocks.hpp
//   EXPECT_CALL(currency, convert(_, "EUR")).WillOnce(Return(eur));
//   meshwa::gen::TestContext ctx("checkout");
//   ctx.provide<shop::Currency>(currency);
//   shop::CheckoutService checkout(ctx);                      // gets a recording Ref<Currency>
#pragma once

#include <concepts>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <utility>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "meshwa/context.hpp"
#include "meshwa/result.hpp"
#include "meshwa/gen/json.hpp"
#include "meshwa/gen/matching.hpp"
#include "meshwa/gen/ref_paths.hpp"
#include "meshwa/gen/returns.hpp"

// Expanded in the test's own translation unit (a default argument below).
#ifdef MESHWA_CONTRACTS_DIR
#define MESHWA_GEN_CONTRACTS_DIR MESHWA_CONTRACTS_DIR
#else
#define MESHWA_GEN_CONTRACTS_DIR ""
#endif
// The model meshwa gen wrote of the service under test's unit
// (meshwa_add_service_test defines it): which interfaces its services provide.
#ifdef MESHWA_SERVICE_MODEL
#define MESHWA_GEN_SERVICE_MODEL MESHWA_SERVICE_MODEL
#else
#define MESHWA_GEN_SERVICE_MODEL ""
#endif

namespace testing {
class TestInfo;
class TestSuite;
}

namespace meshwa::gen {

/// The shape of a method's response of type T, for checking matching
/// rules' paths against its type (shape_of): a meshwa::Result's value is
/// under "value".
template <class T>
nlohmann::json response_shape() {
  if constexpr (::meshwa::is_result_v<T>) {
    using V = typename T::value_type;
    if constexpr (std::is_void_v<V>) {
      return nlohmann::json{{"value", nullptr}};
    } else {
      return nlohmann::json{{"value", shape_of<V>()}};
    }
  } else {
    return shape_of<T>();
  }
}
/// response_shape<T> of the method the generated recorder records.
using ResponseShape = nlohmann::json (*)();

/// The interactions one consumer test set up. The service under test may
/// call its dependencies from several threads: add() and skip_defaulted()
/// take a lock, and interactions are kept in the order the calls returned.
class ContractLog {
 public:
  /// A log of the calling thread: the test's (a TestContext's log), or the
  /// one that runs a mock's action (a log of its callbacks). Calls of other
  /// threads between two of its own are written thread by thread
  /// (TestContext::contract), so that the contract does not change from
  /// run to run with the threads' scheduling.
  ContractLog();
  /// Records one call. A meshwa::Result's domain_fault error is left out, with a
  /// warning (once per method): only the gate makes one, when the
  /// provider's MPK domain faults, so it is no answer a provider owes and no
  /// replay could give it; the error still reaches the service under test.
  void add(std::string interface, std::string method, nlohmann::json request, nlohmann::json response,
           Returns returns, ResponseShape shape = nullptr);
  /// The same for an overloaded method, whose interaction also records the
  /// key with its parameter types' aliases resolved ("resolved_method":
  /// Interface::resolved_method_key), which a replay falls back on once an
  /// alias is spelled otherwise.
  void add(std::string interface, std::string method, std::string resolved_method, nlohmann::json request,
           nlohmann::json response, Returns returns, ResponseShape shape = nullptr);
  /// A call the mock answered with GoogleMock's default value: nobody set up
  /// its response, so it is no interaction of the contract. Left out, with a
  /// warning (once per method) that says how to set it up.
  void skip_defaulted(const std::string& interface, const std::string& method);
  /// A call the mock answered by throwing, from a method without
  /// meshwa::Result: the real stub never lets such an exception reach the
  /// caller (the deployment stops), so it is no interaction a provider
  /// could owe. Left out, with a warning (once per method); the exception
  /// goes on to the service under test.
  void skip_thrown(const std::string& interface, const std::string& method, const std::string& what);
  /// The interactions so far. A reference, read without the lock: read it
  /// when no call of the service under test is running.
  [[nodiscard]] const nlohmann::json& interactions() const noexcept { return interactions_; }
  /// A copy of the interactions, taken under the lock.
  [[nodiscard]] nlohmann::json snapshot() const;
  /// When each interaction was recorded, on one clock for every log of the
  /// process (a count, increasing): several TestContexts of one test merge
  /// their interactions in the order the calls were made.
  [[nodiscard]] std::vector<std::uint64_t> order() const;
  /// The thread each interaction was recorded on, by a number no later
  /// thread gets; and the log's own thread's.
  [[nodiscard]] std::vector<std::uint64_t> threads() const;
  [[nodiscard]] std::uint64_t home_thread() const noexcept { return home_; }
  /// False once an interaction could not be recorded (the test failed then).
  [[nodiscard]] bool complete() const noexcept;
  /// Keeps `object` alive as long as this log (a recorder of callbacks whose
  /// Ref a mock may keep: Callbacks::wrap).
  void keep(std::shared_ptr<void> object);

  /// Matching rules and provider states for interactions of one method
  /// (TestContext::on, TestContext::next): `once`, the next one recorded
  /// only; else every one, recorded before or after. Returns its index.
  std::size_t expect(std::string interface, std::string method, bool once);
  /// Adds a rule to expectation `index`; the recorded responses it applies
  /// to must satisfy it (the test fails naming it otherwise).
  void expect_rule(std::size_t index, const MemberPath& path, const MatchRule& rule);
  /// Adds a rule on the message of the errors expectation `index` applies
  /// to (Interactions::match_error); their code is compared exactly.
  void expect_error_rule(std::size_t index, const MatchRule& rule);
  /// Adds a provider state to expectation `index`.
  void expect_state(std::size_t index, std::string state);
  /// A provider state of the whole test (TestContext::given).
  void given(std::string state);
  /// The test's provider states, in the order given.
  [[nodiscard]] std::vector<std::string> states() const;
  /// Fails the test for each expectation that applied to no interaction
  /// (a misspelt method, a call that was not made).
  void check_expectations_used() const;

 private:
  friend class Callbacks;
  // add(), with the callbacks made during the call (Callbacks::add).
  void record(std::string interface, std::string method, std::string resolved_method, nlohmann::json request,
              nlohmann::json response, Returns returns, ResponseShape shape, nlohmann::json callbacks);
  void skip_domain_fault(const std::string& interface, const std::string& method, const nlohmann::json& error);
  // A log of one interaction's callbacks (Callbacks): its recorders' calls
  // are the consumer's answers to the provider, nested in that interaction.
  bool nested_ = false;
  bool closed_ = false;  // the interaction ended: later calls are passed on, not recorded
  std::string through_;    // nested: the path of the Ref its calls come through ("order.notify")
  std::string handed_by_;  // nested: the interaction that handed the Ref over ("cb::Payments::charge")
  std::vector<std::shared_ptr<void>> kept_;
  mutable std::mutex mutex_;
  nlohmann::json interactions_ = nlohmann::json::array();
  std::vector<std::uint64_t> order_;  // one per interaction
  std::vector<std::uint64_t> threads_;  // one per interaction: the thread it was recorded on
  std::uint64_t home_;                  // the thread the log was made on
  std::vector<Returns> returns_;      // one per interaction: what its method returns
  std::vector<ResponseShape> shapes_;  // one per interaction: its response type's shape, or null
  bool complete_ = true;
  std::vector<std::string> warned_;
  struct Expectation {
    std::string interface;
    std::string method;
    bool once = false;
    bool used = false;
    nlohmann::json rules = nlohmann::json::array();  // {"path" (from the result value), "match", ["regex"]}
    nlohmann::json error_rules = nlohmann::json::array();  // {"match", ["regex"]}: on an error's message
    std::vector<std::string> states;
  };
  // Applies `e` to `interaction`, of a method that returns `returns` (the
  // caller holds the lock).
  void apply(Expectation& e, nlohmann::json& interaction, Returns returns, ResponseShape shape);
  // Adds `rules` (paths from `prefix`) to `interaction`'s "matching_rules",
  // each checked against its recorded response and the shape of its type first.
  void add_rules(const Expectation& e, nlohmann::json& interaction, const nlohmann::json& rules,
                 const std::string& prefix, bool on_error, ResponseShape shape);
  std::vector<Expectation> expectations_;
  std::vector<std::string> states_;  // TestContext::given
};

/// How many answers the generated mocks gave on this thread with GoogleMock's
/// default value (their ON_CALL fallback counts them), so that the recorder
/// can tell a response the test set up from one nobody did.
inline std::uint64_t& defaulted_answers() noexcept {
  thread_local std::uint64_t count = 0;
  return count;
}

namespace detail {

/// The target of a TestContext's recorder of the interface `iface` whose
/// exit is `exit` (the mock given to provide<I>()), or null for any other
/// object. A Ref the consumer hands a provider may be such an exit (a Ref to
/// another mocked dependency, passed on): the provider's calls through it
/// are recorded once, as callbacks of the interaction that handed it over,
/// where the provider made them, not also as the consumer's own
/// interactions with that dependency (docs/contracts.md §1).
void* recorded_target(std::type_index iface, const void* exit);
void register_recorder(std::type_index iface, const void* exit, void* target);
void unregister_recorder(const void* exit);

}  // namespace detail

/// The calls that a mock's action makes through the Refs its arguments hold
/// (a Ref parameter, or one inside a message, optional, container or map, at
/// any depth): the provider's mock calling back into a capability of the
/// consumer (`l->on_charged(id)` on the Ref<PaymentListener> it was given),
/// as the real provider would. Each is recorded, with the consumer object's
/// own answer and the path of the Ref it came through ("through":
/// "listener", "order.notify", "listeners[1]"), as a callback of that
/// interaction ("callbacks" in the contract, in the order they were made,
/// across methods and Refs); a replay's stand-in of the Ref answers the
/// provider's calls with them and fails when the provider does not make
/// them, or makes them in another order (docs/contracts.md §1, §2). The
/// generated recorder makes one per call of a method with such a parameter.
class Callbacks {
 public:
  /// `interface`, `method`: the interaction whose arguments hand the Refs over.
  Callbacks(ContractLog& log, std::string interface, std::string method);
  /// Ends the interaction: a call through a Ref the mock kept, made later,
  /// is passed on to the consumer's object, not recorded, and says so.
  ~Callbacks();
  Callbacks(const Callbacks&) = delete;
  Callbacks& operator=(const Callbacks&) = delete;

  /// Replaces every Ref in `value` (an argument passed by value, about to be
  /// handed to the mock) by one whose calls are recorded, by `record(J&,
  /// ContractLog&)`, the generated recorder of J. `path`: the parameter's name.
  template <class T, class Record>
  void wrap_in(T& value, const std::string& path, Record& record) {
    Wrapper<Record> wrapper{*this, record};
    detail::for_each_ref(value, path, wrapper);
  }

  /// An argument passed by const&: a copy with its Refs wrapped (wrap_in),
  /// or, when its type cannot be copied, the argument itself, whose Refs'
  /// calls are then not recorded (said at once).
  template <class T>
  class Wrapped {
   public:
    Wrapped(const T& original, std::optional<T> copy) : original_(original), copy_(std::move(copy)) {}
    [[nodiscard]] const T& get() const { return copy_ ? *copy_ : original_; }

   private:
    const T& original_;
    std::optional<T> copy_;
  };
  template <class T, class Record>
  Wrapped<T> wrapped(const T& value, const std::string& path, Record& record) {
    if (!detail::may_hold_ref<T>()) return Wrapped<T>(value, std::nullopt);
    if constexpr (std::is_copy_constructible_v<T>) {
      std::optional<T> copy(value);
      wrap_in(*copy, path, record);
      return Wrapped<T>(value, std::move(copy));
    } else {
      unrecorded(path, "its type cannot be copied (it is passed by const&, and only a copy's Refs can be replaced)");
      return Wrapped<T>(value, std::nullopt);
    }
  }

  /// Records the call itself, with the callbacks made during it.
  void add(std::string interface, std::string method, nlohmann::json request, nlohmann::json response,
           Returns returns, ResponseShape shape = nullptr);
  void add(std::string interface, std::string method, std::string resolved_method, nlohmann::json request,
           nlohmann::json response, Returns returns, ResponseShape shape = nullptr);

 private:
  template <class Record>
  struct Wrapper {
    Callbacks& callbacks;
    Record& record;
    template <class I>
    void ref(Ref<I>& ref, const std::string& path) {
      if (ref.has_value()) ref = callbacks.wrap(ref, path, record);
    }
    void unreachable(const std::string& path, const char* why) { callbacks.unrecorded(path, why); }
  };

  template <class I, class Record>
  Ref<I> wrap(const Ref<I>& target, const std::string& path, Record& record) {
    // A Ref<const J> is recorded by J's recorder: through the Ref, the mock
    // can call only J's const methods, and the recorder passes each on to
    // the same method of the target, so nothing is called that the Ref
    // did not allow.
    using J = std::remove_const_t<I>;
    J* exit = const_cast<J*>(&*target);
    // A Ref to a TestContext's recorder (another mocked dependency, passed
    // on by the consumer): its calls go to that recorder's mock, recorded
    // here only (detail::recorded_target).
    if (void* mock = detail::recorded_target(std::type_index(typeid(J)), exit)) exit = static_cast<J*>(mock);
    if constexpr (requires(Record& r, J& callee, ContractLog& log) {
                    { r(callee, log) } -> std::same_as<std::shared_ptr<J>>;
                  }) {
      std::shared_ptr<ContractLog> calls = nested(path);
      std::shared_ptr<J> recorder = record(*exit, *calls);
      I& recorded = *recorder;
      // As long as the log: the mock may keep the Ref.
      log_.keep(std::move(recorder));
      return Ref<I>(recorded);
    } else {
      // meshwa gen saw no Ref<J> in this parameter's type (J or a message
      // holding it was declared elsewhere): no recorder of J is declared.
      unrecorded(path, "meshwa gen declared no recorder of its interface in this unit's mocks");
      return target;
    }
  }

  // A log for the calls through the Ref at `path`, nested in this interaction.
  std::shared_ptr<ContractLog> nested(const std::string& path);
  // Says (once per path) that the calls through the Refs at `path` are not recorded.
  void unrecorded(const std::string& path, const std::string& why);

  ContractLog& log_;
  std::string interface_;
  std::string method_;
  std::mutex mutex_;
  std::vector<std::shared_ptr<ContractLog>> calls_;  // one per wrapped Ref; kept by log_ too
};

/// RecorderFor<I>::type is the generated recorder of interface I
/// (<unit>.mocks.hpp specialises it for every interface it sees).
template <class I>
struct RecorderFor;

class TestContext final : public Context {
 public:
  /// `consumer`: the consumer's name in the contract and its file
  /// (`<consumer>--<test>.json`), and service_name(): the service under
  /// test's MESHWA_SERVICE name, or any name for a consumer that is no
  /// service (a front end calling the deployment). Not checked here; a
  /// deployment's replay names one a typo away from a service of it
  /// (docs/contracts.md §1). `test`:
  /// the contract's name; by default the running GoogleTest "Suite.Name".
  /// `contracts_dir`: where to write it ("" writes nothing). Made inside a
  /// test, the contract is written when that test ends, if it passed as a
  /// whole (mocks verified, fixture torn down); made outside any test, when
  /// the TestContext goes away.
  ///
  /// Which interfaces the consumer provides itself (provide() below) it
  /// reads from its unit's model, `<unit>.model.json`, whose path
  /// meshwa_add_service_test gives the test as it gives the contracts
  /// folder (MESHWA_SERVICE_MODEL); without one, none.
  explicit TestContext(std::string consumer, std::string test = {},
                       std::string contracts_dir = MESHWA_GEN_CONTRACTS_DIR)
      : TestContext(std::move(consumer), std::move(test), std::move(contracts_dir), MESHWA_GEN_SERVICE_MODEL) {}
  ~TestContext();
  TestContext(const TestContext&) = delete;
  TestContext& operator=(const TestContext&) = delete;

  /// Calls through ctx.ref<I>() go to `target`, recorded into the contract.
  /// Given again, `target` answers the ctx.ref<I>() calls made from then on
  /// (a service constructed afterwards); a Ref handed out before keeps
  /// reaching the earlier target, whose recorder stays alive as long as this
  /// TestContext (a service holding that Ref may still call through it).
  ///
  /// For an interface the consumer provides itself, `target` is the service
  /// under test (a Ref to itself that it hands out) and calls through it are
  /// not recorded: in every deployment the consumer's ctx.ref<I>() of its own
  /// interface is the consumer itself, so a call through it (a mock calling
  /// back, as the provider would) is no interaction with a provider, and
  /// replayed alone against the consumer it would miss the state that the
  /// rest of the test gave it.
  template <class I>
  void provide(I& target) {
    Exit& own = exits_[std::type_index(typeid(I))];
    if (provides_itself(type_name<I>())) {
      if (own.owner) replaced_.push_back(std::move(own.owner));
      own = Exit{static_cast<I*>(&target), std::string(type_name<I>()), nullptr};
      return;
    }
    using Rec = typename RecorderFor<I>::type;
    auto recorder = std::make_unique<Rec>(target, log_);
    I* exit = recorder.get();
    detail::register_recorder(std::type_index(typeid(I)), exit, &target);
    registered_.push_back(exit);
    Exit& slot = exits_[std::type_index(typeid(I))];
    if (slot.owner) replaced_.push_back(std::move(slot.owner));
    slot = Exit{exit, std::string(type_name<I>()), std::move(recorder)};
  }

  /// What a consumer test says about some of its interactions beyond the
  /// recorded request and response (docs/contracts.md, "Matchers" and
  /// "Provider states"): returned by on<I>() and next<I>().
  class Interactions {
   public:
    /// On replay, the member at `path` (relative to the method's result
    /// value: member(&Post::id), or "posts.id"; "scores.*.id" through every
    /// value of a map) is matched by `rule` (by_type(), by_regex("..."))
    /// instead of exactly. Checked against each response it applies to when
    /// that is recorded, and against the response's type: a member that is
    /// not there, or a recorded value that the regex does not match, fails
    /// the test.
    Interactions& match(const MemberPath& path, const MatchRule& rule) {
      log_->expect_rule(index_, path, rule);
      return *this;
    }
    /// On replay, the message of an error the interactions were answered
    /// with is matched by `rule` instead of exactly: by_regex("user .* not
    /// found"), or by_type() for any message; the error's code is always
    /// compared exactly. Checked against each recorded error it applies to
    /// (a regex its message breaks fails the test); a value answer is
    /// compared as before. For methods that return meshwa::Result only.
    Interactions& match_error(const MatchRule& rule) {
      log_->expect_error_rule(index_, rule);
      return *this;
    }
    /// The provider state the interactions need ("user 42 exists"): the
    /// provider's handler of it runs right before each is replayed.
    Interactions& given(std::string state) {
      log_->expect_state(index_, std::move(state));
      return *this;
    }

   private:
    friend class TestContext;
    Interactions(ContractLog& log, std::size_t index) : log_(&log), index_(index) {}
    ContractLog* log_;
    std::size_t index_;
  };
  /// Every interaction of I::`method` this context records (before or after
  /// this call). An overloaded method's name covers each of its overloads.
  /// One that applies to no interaction when the TestContext goes away fails
  /// the test (a misspelt method name).
  template <class I>
  Interactions on(std::string method) {
    return Interactions(log_, log_.expect(std::string(type_name<I>()), std::move(method), false));
  }
  /// The next interaction of I::`method` this context records.
  template <class I>
  Interactions next(std::string method) {
    return Interactions(log_, log_.expect(std::string(type_name<I>()), std::move(method), true));
  }
  /// A provider state of the whole test ("user 42 exists"): the provider's
  /// handler of it runs once before the contract's first interaction.
  void given(std::string state) { log_.given(std::move(state)); }

  /// A configuration value the service reads with ctx.config(key).
  void set_config(std::string key, std::string value) { config_[std::move(key)] = std::move(value); }

  [[nodiscard]] const std::string& service_name() const noexcept override { return consumer_; }
  [[nodiscard]] std::string config(std::string_view key, std::string_view fallback = {}) const override;

  [[nodiscard]] const ContractLog& log() const noexcept { return log_; }
  /// Where the contract is written ("" when MESHWA_CONTRACTS_DIR is not defined).
  [[nodiscard]] std::string contract_path() const;
  /// The contract as written: {"consumer", "test", "interactions": [...]},
  /// the interactions of other threads than the test's put together thread
  /// by thread between two of the test's own (ContractLog()).
  [[nodiscard]] nlohmann::json contract() const;

 protected:
  void* resolve(std::type_index iface, std::string_view iface_name) override;

 private:
  TestContext(std::string consumer, std::string test, std::string contracts_dir, const char* service_model);
  /// contract() in the order the interactions were recorded (a merge with
  /// another context of the test goes by it).
  [[nodiscard]] nlohmann::json as_recorded() const;
  [[nodiscard]] std::string outside_tests_not_passed() const;
  /// Whether the consumer provides the interface named `iface` itself.
  [[nodiscard]] bool provides_itself(std::string_view iface) const { return own_interfaces_.count(iface) != 0; }

  struct Exit {
    void* exit = nullptr;
    std::string name;
    std::shared_ptr<void> owner;
  };
  std::string consumer_;
  std::string test_;
  std::string contracts_dir_;
  const ::testing::TestInfo* test_info_ = nullptr;  // the test that made it (nullptr: none)
  const ::testing::TestSuite* suite_ = nullptr;      // made in its SetUpTestSuite (outside a test)
  int failed_before_ = 0;                            // failed tests of the run when it was made
  ContractLog log_;
  std::map<std::type_index, Exit> exits_;
  std::vector<std::shared_ptr<void>> replaced_;  // recorders a later provide<I>() replaced
  std::vector<const void*> registered_;          // its recorders' exits (detail::register_recorder)
  std::map<std::string, std::string, std::less<>> config_;
  std::set<std::string, std::less<>> own_interfaces_;  // from the service model, by qualified name
};

}  // namespace meshwa::gen
