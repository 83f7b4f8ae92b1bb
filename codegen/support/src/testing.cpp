// TestContext: writes the contract a consumer's unit test set up.
#include "meshwa/gen/testing.hpp"

#include <algorithm>
#include <atomic>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <utility>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "meshwa/gen/failure.hpp"
#include "rule_matching.hpp"
#include "thread_order.hpp"
#include "meshwa/registry.hpp"

namespace meshwa::gen {

namespace {

// Each kind of warning once per method: true the first time `key` is seen
// (the caller holds the log's mutex).
bool first_warning(std::vector<std::string>& warned, std::string key) {
  if (std::find(warned.begin(), warned.end(), key) != warned.end()) return false;
  warned.push_back(std::move(key));
  return true;
}

}  // namespace

void ContractLog::skip_defaulted(const std::string& interface, const std::string& method) {
  const std::string key = interface + "::" + method;
  // A callback's default answer is no default answer of the interaction
  // around it, whose recorder counts the defaults given during its call.
  if (nested_) --defaulted_answers();
  std::lock_guard lock(mutex_);
  if (closed_) return;
  if (!first_warning(warned_, key)) return;
  std::cerr << "meshwa: " << key
            << " was answered with GoogleMock's default value (none set up, or DefaultValue<T>::Set); it is not recorded "
               "in the contract (give it a response: EXPECT_CALL(mock, "
            << method.substr(0, method.find('(')) << "(...)).WillOnce(::testing::Return(...)), or ON_CALL)\n";
}

void ContractLog::skip_thrown(const std::string& interface, const std::string& method, const std::string& what) {
  const std::string key = interface + "::" + method;
  std::lock_guard lock(mutex_);
  if (!first_warning(warned_, "thrown " + key)) return;
  std::cerr << "meshwa: the mock of " << key << " threw (" << what
            << "); it is not recorded in the contract: a method without meshwa::Result cannot hand an exception "
               "to its caller (the real stub stops the deployment), so no provider owes it. Make the mock return a "
               "value, or give the method a meshwa::Result result to report errors\n";
}

namespace {

// Contracts are JSON text, so every string in them must be UTF-8. A string
// that is not (binary data in a std::string) cannot be recorded: say so at
// the interaction, in the test that set it up, instead of failing later when
// the contract file is written.
bool writable(const nlohmann::json& j, const std::string& what, const std::string& interface,
              const std::string& method) {
  try {
    (void)j.dump();
    return true;
  } catch (const nlohmann::json::exception& e) {
    add_failure("meshwa: the " + what + " of " + interface + "::" + method +
                " cannot be recorded in a contract: " + e.what() +
                ". Contracts keep strings as JSON text; carry bytes as std::vector<std::uint8_t> "
                "(or encode them, e.g. hex or base64) in the interface");
    return false;
  }
}

}  // namespace

namespace {

// Is `interaction` a call of interface::method? An overloaded method's
// interactions are keyed "name(param types)": its name covers them all.
bool concerns(const std::string& interface, const std::string& method, const nlohmann::json& interaction) {
  const std::string& m = interaction.at("method").get_ref<const std::string&>();
  const bool same_method =
      m == method || (m.size() > method.size() && m.compare(0, method.size(), method) == 0 && m[method.size()] == '(');
  return same_method && interaction.at("interface") == interface;
}

}  // namespace

ContractLog::ContractLog() : home_(suite::this_thread_number()) {}

void ContractLog::add(std::string interface, std::string method, nlohmann::json request, nlohmann::json response,
                      Returns returns, ResponseShape shape) {
  add(std::move(interface), std::move(method), "", std::move(request), std::move(response), returns, shape);
}

namespace {

// The error of a meshwa::Result's response ({"error": {...}}), or null for
// a value. Only for a method that returns one (Returns::result): any other
// method's response is its own value, whatever members it has.
const nlohmann::json* result_error(const nlohmann::json& response, Returns returns) {
  if (returns != Returns::result || !response.is_object()) return nullptr;
  const auto error = response.find("error");
  return error == response.end() ? nullptr : &*error;
}

// {"error": {"code": "domain_fault", ...}} of a meshwa::Result: what a stub
// answers when the callee's MPK domain faulted (docs/mpk.md), never a
// provider's own answer.
const nlohmann::json* domain_fault_error(const nlohmann::json& response, Returns returns) {
  const nlohmann::json* error = result_error(response, returns);
  if (error == nullptr || !error->is_object()) return nullptr;
  auto code = error->find("code");
  return code != error->end() && *code == to_string(Code::domain_fault) ? error : nullptr;
}

}  // namespace

void ContractLog::skip_domain_fault(const std::string& interface, const std::string& method,
                                    const nlohmann::json& error) {
  const std::string key = interface + "::" + method;
  std::lock_guard lock(mutex_);
  if (!first_warning(warned_, "fault " + key)) return;
  const auto message = error.find("message");
  std::cerr << "meshwa: the mock of " << key << " answered with a domain_fault error ("
            << (message != error.end() && message->is_string() ? message->get<std::string>() : std::string())
            << "); it is not recorded in the contract: only the gate makes that error, when the provider's MPK "
               "domain faults, so no provider owes it and no replay could answer it. The service under test still "
               "gets it; the test's other interactions are recorded as usual\n";
}

void ContractLog::add(std::string interface, std::string method, std::string resolved_method, nlohmann::json request,
                      nlohmann::json response, Returns returns, ResponseShape shape) {
  record(std::move(interface), std::move(method), std::move(resolved_method), std::move(request), std::move(response),
         returns, shape, nlohmann::json::array());
}

void ContractLog::record(std::string interface, std::string method, std::string resolved_method,
                         nlohmann::json request, nlohmann::json response, Returns returns, ResponseShape shape,
                         nlohmann::json callbacks) {
  if (nested_) {
    std::lock_guard lock(mutex_);
    if (closed_) {
      // Through a Ref the mock kept, after the interaction that handed it
      // over returned: no interaction a replay makes is running then (the
      // provider's call would come during another one, or none), so it is
      // passed on and not recorded; said once per method and Ref.
      if (first_warning(warned_, "late " + interface + "::" + method)) {
        std::cerr << "meshwa: " << interface << "::" << method << " was called through the Ref " << through_
                  << " handed to " << handed_by_ << " after that call returned; it is not recorded in the contract "
                  << "(a callback is recorded with the interaction during which it is made): the consumer's object "
                     "answered it, a replay answers such a call with a generated value. Make the mock's action call "
                     "it before it returns\n";
      }
      return;
    }
  }
  if (const nlohmann::json* fault = domain_fault_error(response, returns)) {
    skip_domain_fault(interface, method, *fault);
    return;
  }
  if (!writable(request, "request", interface, method) || !writable(response, "response", interface, method)) {
    std::lock_guard lock(mutex_);
    complete_ = false;
    return;
  }
  // NaN and the infinities as the strings a contract holds for them
  // (detail::recordable): written as numbers, nlohmann made each null, and
  // an infinity replayed as NaN.
  nlohmann::json interaction{{"interface", std::move(interface)},
                             {"method", std::move(method)},
                             {"request", detail::recordable(request)},
                             {"response", detail::recordable(response)}};
  if (!resolved_method.empty()) interaction["resolved_method"] = std::move(resolved_method);
  if (nested_ && !through_.empty()) interaction["through"] = through_;
  // Recorded already (each by its own recorder): the consumer's answers.
  if (!callbacks.empty()) interaction["callbacks"] = std::move(callbacks);
  static std::atomic<std::uint64_t> clock{0};
  std::lock_guard lock(mutex_);
  if (!nested_) {
    // The test's matching rules and provider states for this method
    // (TestContext::on, next): every one for it, and the first waiting
    // for its next call.
    bool once_applied = false;
    for (Expectation& e : expectations_) {
      if (e.once && (e.used || once_applied)) continue;
      if (!concerns(e.interface, e.method, interaction)) continue;
      apply(e, interaction, returns, shape);
      if (e.once) once_applied = true;
    }
  }
  interactions_.push_back(std::move(interaction));
  order_.push_back(clock.fetch_add(1, std::memory_order_relaxed));
  threads_.push_back(suite::this_thread_number());
  returns_.push_back(returns);
  shapes_.push_back(shape);
}

namespace {

std::string expectation_name(const std::string& interface, const std::string& method, bool once) {
  return std::string(once ? "ctx.next<" : "ctx.on<") + interface + ">(\"" + method + "\")";
}

std::string rule_call(const nlohmann::json& rule) {
  return rule.at("match") == "regex" ? "by_regex(\"" + rule.value("regex", "") + "\")" : std::string("by_type()");
}

}  // namespace

void ContractLog::add_rules(const Expectation& e, nlohmann::json& interaction, const nlohmann::json& given,
                            const std::string& prefix, bool on_error, ResponseShape shape) {
  const nlohmann::json& response = interaction.at("response");
  nlohmann::json& rules = interaction["matching_rules"];
  if (!rules.is_array()) rules = nlohmann::json::array();
  for (const nlohmann::json& rule : given) {
    nlohmann::json stored = rule;
    const std::string path = rule.at("path").get<std::string>();
    stored["path"] = prefix.empty() ? path : path.empty() ? prefix : prefix + "." + path;
    // The recorded response first (it names the element or key where a
    // regex fails); then the type's shape, which also sees what the
    // recording has nothing of (an absent optional, an empty container).
    const nlohmann::json type_shape = !on_error && shape != nullptr ? shape() : nlohmann::json();
    const nlohmann::json* typed = type_shape.is_null() ? nullptr : &type_shape;
    std::string problem = matching::check_recorded(response, stored, typed);
    std::string unknown;  // a type below which the path is checked against the recording only
    if (problem.empty() && typed != nullptr) problem = matching::check_shape(*typed, stored, &unknown);
    if (problem.empty() && !unknown.empty() &&
        first_warning(warned_, "unknown " + expectation_name(e.interface, e.method, e.once) + " " + path)) {
      std::cerr << "meshwa: the path \"" << path << "\" of a matching rule given with "
                << expectation_name(e.interface, e.method, e.once) << " goes below " << unknown
                << ", whose members meshwa gen does not know (a pair or tuple, or a class it adapts nowhere this "
                   "test sees): it is checked against the recorded response only, so a misspelt member there "
                   "fails only where the recording has a value to look at\n";
    }
    if (!problem.empty()) {
      complete_ = false;
      const std::string what = on_error ? "match_error(" + rule_call(rule) + ")"
                                        : "matching rule " + rule_call(rule) + " of member \"" + path + "\"";
      add_failure("meshwa: the " + what + " given with " + expectation_name(e.interface, e.method, e.once) +
                  " does not fit the " + (on_error ? "error" : "response") + " recorded for " + e.interface +
                  "::" + interaction.at("method").get<std::string>() + ": " + problem + " (the response: " +
                  json_text(response) + ")");
      continue;
    }
    rules.push_back(std::move(stored));
  }
  if (rules.empty()) interaction.erase("matching_rules");
}

void ContractLog::apply(Expectation& e, nlohmann::json& interaction, Returns returns, ResponseShape shape) {
  e.used = true;
  // Where the rules' paths start, from what the method returns (the
  // generated recorder knows): a meshwa::Result's value is under "value",
  // its error under "error"; any other method's response is its value.
  const nlohmann::json* error = result_error(interaction.at("response"), returns);
  if (!e.rules.empty()) {
    if (error == nullptr) {
      add_rules(e, interaction, e.rules, returns == Returns::result ? "value" : "", false, shape);
    } else if (e.once && e.error_rules.empty() &&
               first_warning(warned_, "error rules " + e.interface + "::" + e.method)) {
      // An error has none of the value's members. Said for the call the
      // rules were given for alone (next<I>): rules for every call of a
      // method skip its errors.
      std::cerr << "meshwa: the matching rules of " << expectation_name(e.interface, e.method, e.once)
                << " do not apply to an interaction answered with an error (" << json_text(interaction.at("response"))
                << "): an error is compared exactly, unless its message has a rule of its own (.match_error(...))\n";
    }
  }
  if (!e.error_rules.empty()) {
    if (returns != Returns::result) {
      if (first_warning(warned_, "error rules without Result " + e.interface + "::" + e.method)) {
        complete_ = false;
        add_failure("meshwa: " + expectation_name(e.interface, e.method, e.once) + ".match_error(...): " +
                    e.interface + "::" + interaction.at("method").get<std::string>() +
                    " does not return a meshwa::Result, so it answers no error whose message a rule could match; "
                    "drop the rule, or give the method a meshwa::Result result");
      }
    } else if (error != nullptr) {
      add_rules(e, interaction, e.error_rules, "error.message", true, nullptr);
    }
  }
  if (!e.states.empty()) {
    nlohmann::json& states = interaction["provider_states"];
    if (!states.is_array()) states = nlohmann::json::array();
    for (const std::string& state : e.states) {
      if (std::find(states.begin(), states.end(), state) == states.end()) states.push_back(state);
    }
  }
}

std::size_t ContractLog::expect(std::string interface, std::string method, bool once) {
  std::lock_guard lock(mutex_);
  expectations_.push_back(Expectation{std::move(interface), std::move(method), once, false, nlohmann::json::array(),
                                      nlohmann::json::array(), {}});
  return expectations_.size() - 1;
}

namespace {

// `rule` as a contract stores it, at `path`; null (the test failed, naming
// it) when its regex is none.
nlohmann::json stored_rule(const std::string& path, const MatchRule& rule, const std::string& what) {
  nlohmann::json stored{{"path", path}, {"match", rule.kind == MatchRule::Kind::regex ? "regex" : "type"}};
  if (rule.kind == MatchRule::Kind::regex) {
    stored["regex"] = rule.regex;
    try {
      std::regex re(rule.regex, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      add_failure("meshwa: by_regex(\"" + rule.regex + "\") for " + what + " is no ECMAScript regex: " + e.what());
      return nullptr;
    }
  }
  return stored;
}

}  // namespace

void ContractLog::expect_rule(std::size_t index, const MemberPath& path, const MatchRule& rule) {
  const nlohmann::json stored = stored_rule(path.text, rule, "member \"" + path.text + "\"");
  std::lock_guard lock(mutex_);
  if (stored.is_null()) {
    complete_ = false;
    return;
  }
  Expectation& e = expectations_.at(index);
  e.rules.push_back(stored);
  if (e.once || !e.used) return;
  // Interactions recorded before the rule was given.
  Expectation just_this = e;
  just_this.rules = nlohmann::json::array({stored});
  just_this.error_rules = nlohmann::json::array();
  just_this.states.clear();
  for (std::size_t k = 0; k < interactions_.size(); ++k) {
    if (concerns(e.interface, e.method, interactions_[k])) apply(just_this, interactions_[k], returns_[k], shapes_[k]);
  }
}

void ContractLog::expect_error_rule(std::size_t index, const MatchRule& rule) {
  const nlohmann::json stored = stored_rule("", rule, "an error's message (match_error)");
  std::lock_guard lock(mutex_);
  if (stored.is_null()) {
    complete_ = false;
    return;
  }
  Expectation& e = expectations_.at(index);
  e.error_rules.push_back(stored);
  if (e.once || !e.used) return;
  Expectation just_this = e;
  just_this.rules = nlohmann::json::array();
  just_this.error_rules = nlohmann::json::array({stored});
  just_this.states.clear();
  for (std::size_t k = 0; k < interactions_.size(); ++k) {
    if (concerns(e.interface, e.method, interactions_[k])) apply(just_this, interactions_[k], returns_[k], shapes_[k]);
  }
}

void ContractLog::expect_state(std::size_t index, std::string state) {
  std::lock_guard lock(mutex_);
  Expectation& e = expectations_.at(index);
  e.states.push_back(state);
  if (e.once || !e.used) return;
  Expectation just_this = e;
  just_this.rules = nlohmann::json::array();
  just_this.error_rules = nlohmann::json::array();
  just_this.states = {state};
  for (std::size_t k = 0; k < interactions_.size(); ++k) {
    if (concerns(e.interface, e.method, interactions_[k])) apply(just_this, interactions_[k], returns_[k], shapes_[k]);
  }
}

void ContractLog::given(std::string state) {
  std::lock_guard lock(mutex_);
  if (std::find(states_.begin(), states_.end(), state) == states_.end()) states_.push_back(std::move(state));
}

std::vector<std::string> ContractLog::states() const {
  std::lock_guard lock(mutex_);
  return states_;
}

void ContractLog::check_expectations_used() const {
  std::lock_guard lock(mutex_);
  for (const Expectation& e : expectations_) {
    if (e.used) continue;
    std::string recorded;
    for (const nlohmann::json& interaction : interactions_) {
      if (interaction.at("interface") != e.interface) continue;
      const std::string m = interaction.at("method").get<std::string>();
      if (recorded.find("\"" + m + "\"") == std::string::npos) recorded += (recorded.empty() ? "\"" : ", \"") + m + "\"";
    }
    add_failure("meshwa: " + expectation_name(e.interface, e.method, e.once) +
                " applied to no interaction: no call of " + e.interface + "::" + e.method +
                " was recorded by this TestContext" + (e.once ? " after it was given" : "") +
                (recorded.empty() ? std::string(" (none of ") + e.interface + " at all)"
                                  : " (the methods of " + e.interface + " recorded: " + recorded + ")") +
                "; its matching rules and provider states are in no contract. Name the method as the interface "
                "does, and give it before the call it is for");
  }
}

void ContractLog::keep(std::shared_ptr<void> object) {
  std::lock_guard lock(mutex_);
  kept_.push_back(std::move(object));
}

namespace detail {

namespace {

struct RecorderExit {
  std::type_index iface;
  void* target;
};

std::mutex& recorders_mutex() {
  static std::mutex m;
  return m;
}
std::map<const void*, RecorderExit>& recorders() {
  static std::map<const void*, RecorderExit> r;
  return r;
}

}  // namespace

void register_recorder(std::type_index iface, const void* exit, void* target) {
  std::lock_guard lock(recorders_mutex());
  recorders().insert_or_assign(exit, RecorderExit{iface, target});
}

void unregister_recorder(const void* exit) {
  std::lock_guard lock(recorders_mutex());
  recorders().erase(exit);
}

void* recorded_target(std::type_index iface, const void* exit) {
  std::lock_guard lock(recorders_mutex());
  const auto it = recorders().find(exit);
  return it != recorders().end() && it->second.iface == iface ? it->second.target : nullptr;
}

}  // namespace detail

Callbacks::Callbacks(ContractLog& log, std::string interface, std::string method)
    : log_(log), interface_(std::move(interface)), method_(std::move(method)) {}

Callbacks::~Callbacks() {
  std::lock_guard lock(mutex_);
  for (const std::shared_ptr<ContractLog>& calls : calls_) {
    std::lock_guard closing(calls->mutex_);
    calls->closed_ = true;
  }
}

std::shared_ptr<ContractLog> Callbacks::nested(const std::string& path) {
  auto calls = std::make_shared<ContractLog>();
  calls->nested_ = true;
  calls->through_ = path;
  calls->handed_by_ = interface_ + "::" + method_;
  log_.keep(calls);
  std::lock_guard lock(mutex_);
  calls_.push_back(calls);
  return calls;
}

void Callbacks::unrecorded(const std::string& path, const std::string& why) {
  std::lock_guard lock(log_.mutex_);
  if (!first_warning(log_.warned_, "unwrapped " + interface_ + "::" + method_ + " " + path)) return;
  std::cerr << "meshwa: the calls a mock of " << interface_ << "::" << method_ << " makes through the Refs in argument "
            << path << " are not recorded in the contract: " << why
            << "; the consumer's object still answers them, and a replay answers them with generated values\n";
}

void Callbacks::add(std::string interface, std::string method, nlohmann::json request, nlohmann::json response,
                    Returns returns, ResponseShape shape) {
  add(std::move(interface), std::move(method), "", std::move(request), std::move(response), returns, shape);
}

void Callbacks::add(std::string interface, std::string method, std::string resolved_method, nlohmann::json request,
                    nlohmann::json response, Returns returns, ResponseShape shape) {
  // The callbacks end with the call (a later one through a kept Ref is
  // reported, not recorded: ContractLog::record). Each Ref's calls are in
  // the order they were made; together, in the order of the process-wide
  // clock every log's record() reads, across methods and Refs.
  // Callbacks the mock's action made from threads of its own are then
  // put together thread by thread between two of its own thread's
  // (suite::in_thread_order): the order they returned in is the
  // scheduler's, and the contract would change from run to run.
  struct Made {
    std::uint64_t order;
    std::uint64_t thread;
    nlohmann::json callback;
  };
  std::vector<Made> made;
  bool complete = true;
  {
    std::lock_guard lock(mutex_);
    for (const std::shared_ptr<ContractLog>& calls : calls_) {
      std::lock_guard closing(calls->mutex_);
      calls->closed_ = true;
      for (std::size_t k = 0; k < calls->interactions_.size(); ++k) {
        made.push_back(Made{calls->order_[k], calls->threads_[k], calls->interactions_[k]});
      }
      complete = complete && calls->complete_;
    }
  }
  std::sort(made.begin(), made.end(), [](const Made& a, const Made& b) { return a.order < b.order; });
  nlohmann::json in_order = nlohmann::json::array();
  std::vector<std::uint64_t> threads;
  for (Made& m : made) {
    in_order.push_back(std::move(m.callback));
    threads.push_back(m.thread);
  }
  // This is the thread that ran the mock's action: its recorder calls add() after it.
  nlohmann::json callbacks = suite::in_thread_order(in_order, threads, suite::this_thread_number());
  if (!complete) {
    std::lock_guard outer(log_.mutex_);
    log_.complete_ = false;
  }
  log_.record(std::move(interface), std::move(method), std::move(resolved_method), std::move(request),
              std::move(response), returns, shape, std::move(callbacks));
}

std::vector<std::uint64_t> ContractLog::order() const {
  std::lock_guard lock(mutex_);
  return order_;
}

std::vector<std::uint64_t> ContractLog::threads() const {
  std::lock_guard lock(mutex_);
  return threads_;
}

nlohmann::json ContractLog::snapshot() const {
  std::lock_guard lock(mutex_);
  return interactions_;
}

bool ContractLog::complete() const noexcept {
  std::lock_guard lock(mutex_);
  return complete_;
}

namespace {

// The running test's "Suite.Name"; in SetUpTestSuite (a context every test
// of the suite shares), the suite's name, which no test's file name can be
// (those have a '.'); outside any suite, "default".
std::string current_test_name() {
  const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
  if (const ::testing::TestInfo* info = unit.current_test_info())
    return std::string(info->test_suite_name()) + "." + info->name();
  if (const ::testing::TestSuite* suite = unit.current_test_suite()) return suite->name();
  return "default";
}

// Test names become file names, one to one (docs/contracts.md, "Contract
// files"): letters, digits, '.', '-' and '_' stay (an ordinary test keeps
// the name it always had), the '/' of GoogleTest's parameterised and typed
// test names becomes '~', and any other byte (a '~' or '%' too) %XX. Mapping
// '/' to '_' made TEST_P Keys/FrontP.Runs/0 and TEST Keys_FrontP.Runs_0
// write one file, and one contract was lost.
std::string file_safe(const std::string& s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '.' || c == '-' || c == '_') {
      out += c;
    } else if (c == '/') {
      out += '~';
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

}  // namespace

namespace {

// A contract that waits for its test's result.
struct Pending {
  const ::testing::TestInfo* test;
  std::string path;
  std::string dir;
  nlohmann::json contract;
  std::vector<std::uint64_t> order;  // when each interaction was recorded (ContractLog::order)
  bool complete;
  std::vector<std::uint64_t> threads;  // the thread of each interaction (ContractLog::threads)
  std::uint64_t home;                  // the test's thread (ContractLog::home_thread)
};

// The contract as written: the interactions of other threads than the
// test's in an order of their own (suite::in_thread_order), after any merge
// (which goes by the order they were recorded in).
nlohmann::json written_form(const Pending& c) {
  nlohmann::json contract = c.contract;
  contract["interactions"] = suite::in_thread_order(c.contract.at("interactions"), c.threads, c.home);
  return contract;
}

// Two contexts' interactions as one list, in the order they were recorded:
// both lists are in that order already, so a merge.
void merge_interactions(Pending& into, Pending& from) {
  nlohmann::json& a = into.contract.at("interactions");
  nlohmann::json& b = from.contract.at("interactions");
  nlohmann::json all = nlohmann::json::array();
  std::vector<std::uint64_t> order;
  std::vector<std::uint64_t> threads;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    const bool take_a = j == b.size() || (i < a.size() && into.order[i] < from.order[j]);
    all.push_back(std::move(take_a ? a[i] : b[j]));
    threads.push_back(take_a ? into.threads.at(i) : from.threads.at(j));
    order.push_back(take_a ? into.order[i++] : from.order[j++]);
  }
  a = std::move(all);
  into.order = std::move(order);
  into.threads = std::move(threads);
  // Provider states of the test, given to either context: each once.
  if (const auto states = from.contract.find("provider_states"); states != from.contract.end()) {
    nlohmann::json& to = into.contract["provider_states"];
    if (!to.is_array()) to = nlohmann::json::array();
    for (const nlohmann::json& state : *states) {
      if (std::find(to.begin(), to.end(), state) == to.end()) to.push_back(state);
    }
  }
}

// The whole text of the file at `path`, or nullopt when it cannot be read.
std::optional<std::string> file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  try {  // libstdc++ throws from a failed read (a directory opens on Linux)
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return text;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Whether the contract file holds `contract` already: byte for byte, or as
// JSON (a checkout that turned its line endings into CRLF, or an editor that
// added a byte order mark, changes no interaction; replays read such files
// too).
bool up_to_date(const std::string& path, const std::string& text, const nlohmann::json& contract) {
  const std::optional<std::string> old = file_text(path);
  if (!old) return false;
  if (*old == text) return true;
  try {
    return nlohmann::json::parse(*old) == contract;
  } catch (const std::exception&) {
    return false;
  }
}

// What a contract that cannot be written or removed means, and the remedy:
// the provider's replays would go on checking the file on disk, which is not
// what this test expects now.
std::string cannot_settle(const std::string& what, const std::string& path, const std::string& reason) {
  return "meshwa: cannot " + what + " the contract " + path + ": " + reason +
         "; the file differs from what this test recorded, so the provider's contract tests would replay an "
         "out-of-date contract. Run the consumer tests where the contracts folder is writable (not a read-only "
         "checkout) and commit the contract, or record into a writable folder (meshwa_add_service(... CONTRACTS "
         "<dir>))";
}

// Why the contract file at `path` is read-only ("" when it is writable or
// missing): no write permission for anyone (`chmod a-w`, which binds root
// too), or none for this user. A team makes a contract read-only to freeze
// it (committed, reviewed); replacing it needs only the folder's write
// permission (a new file renamed over it), so it would be replaced, or
// removed, silently. Follows a symbolic link: the file it names is frozen.
std::string read_only(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return "";
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) return std::string("it is read-only (mode ") + mode + ")";
  if (::access(path.c_str(), W_OK) != 0 && errno == EACCES)
    return std::string("it is not writable for this user (mode ") + mode + ")";
  return "";
}

// A read-only contract that this test's recording would replace (`what`:
// "write", or "remove" for a test that recorded no interaction): refused,
// and the test fails, since the provider's replays check the file as it is.
std::string frozen(const std::string& what, const std::string& path, const std::string& why) {
  return "meshwa: will not " + what + " the contract " + path + ": " + why + ", and " +
         (what == "remove" ? "this test recorded no interaction, so it would be removed as stale"
                           : "it differs from what this test recorded") +
         ". A read-only contract is taken for one frozen on purpose, which the provider's contract tests replay "
         "as it is. If the consumer's expectations changed on purpose, make it writable (chmod u+w " + path +
         ") and run the test again; otherwise change the test back to what the contract holds";
}

// The file a contract's text goes to: through a symbolic link (a chain of
// them too) to the file it names, as an editor writes it, so that a
// contract linked from elsewhere (a folder of contracts shared by several
// consumers, a checkout's link into another one) stays a link and the file
// it names gets the recording; the path itself otherwise. A relative link
// is relative to its own folder.
std::string written_through(const std::string& path) {
  namespace fs = std::filesystem;
  constexpr int kMaxLinks = 40;  // as the kernel's ELOOP limit
  fs::path at = path;
  std::error_code ec;
  for (int hops = 0; hops < kMaxLinks && fs::is_symlink(at, ec); ++hops) {
    const fs::path target = fs::read_symlink(at, ec);
    if (ec) break;
    at = target.is_absolute() ? target : at.parent_path() / target;
  }
  return at.string();
}

// Writes the contract, removes an older one when it holds no interaction, or
// (`not_passed`: why it may not be written, "the test failed") leaves the
// older one as it was. Returns why the contract on disk could not be made
// what the test recorded ("" when it is, or may not be written).
std::string settle(const Pending& c, const std::string& not_passed) {
  std::error_code ec;
  const nlohmann::json contract = written_form(c);
  // A failed test set up interactions its consumer does not really expect,
  // or some could not be recorded: its contract would be replayed as if it
  // were whole. An older contract of the test, from a run that passed,
  // stays as it was.
  if (!c.complete || !not_passed.empty()) {
    std::cerr << "meshwa: the contract " << c.path << " was not written: "
              << (!not_passed.empty() ? not_passed : "the test could not record every interaction")
              << (std::filesystem::exists(c.path, ec) ? " (the one from an earlier run is kept)" : "") << "\n";
    return "";
  }
  if (contract.at("interactions").empty()) {
    // No interactions: no contract (an older one would be stale).
    if (const std::string why = read_only(c.path); !why.empty()) return frozen("remove", c.path, why);
    if (!std::filesystem::remove(c.path, ec) && ec && ec != std::errc::no_such_file_or_directory)
      return cannot_settle("remove", c.path, ec.message());
    return "";
  }
  std::string text;
  try {
    text = contract.dump(2) + "\n";
  } catch (const std::exception& e) {  // add() lets only writable interactions in; this is a backstop
    return "meshwa: cannot write the contract " + c.path + ": " + e.what();
  }
  // The file holds this recording already (a rerun; contracts are
  // deterministic), maybe with other line endings: nothing to write. So a read-only checkout whose
  // committed contracts are up to date (a CI job) passes, and the file keeps
  // its time: rewriting it made the next build recompile and relink the
  // deployment's contract tests, which depend on the contract files.
  if (up_to_date(c.path, text, contract)) return "";
  // A contract recorded for the first time: ctest learns its replay's name
  // when it next starts (docs/contracts.md §2), so a run that records it
  // does not replay it yet. Said once, here, where the file is made.
  const bool fresh = !std::filesystem::exists(c.path, ec);
  if (const std::string why = read_only(c.path); !why.empty()) return frozen("write", c.path, why);
  // A folder that cannot be made (a read-only checkout without one yet): its
  // reason, not the temporary file's "No such file or directory".
  if (std::filesystem::create_directories(c.dir, ec); ec)
    return cannot_settle("write", c.path, "cannot create the folder " + c.dir + ": " + ec.message());
  // A file of this process's own, renamed over the contract in one step: the
  // same test may record at once in two processes (two build trees of one
  // source, a test binary started twice), and with one shared name each
  // truncated the other's file, renamed it away half written, and said
  // "cannot write the contract: No such file or directory".
  // Next to the file written (through a link, the file it names): a rename
  // does not cross file systems, and one over the link would replace it.
  const std::string target = written_through(c.path);
  static std::atomic<unsigned> writes{0};
  const std::string tmp = target + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(writes++);
  {
    errno = 0;
    std::ofstream out(tmp, std::ios::binary);
    const int open_errno = errno;
    if (!out) return cannot_settle("write", c.path, open_errno != 0 ? std::strerror(open_errno) : "cannot create " + tmp);
    out << text;
    out.close();
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return cannot_settle("write", c.path, "writing " + tmp + " failed (disk full?)");
    }
  }
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    const std::string reason = ec.message();
    std::filesystem::remove(tmp, ec);
    return cannot_settle("write", c.path, reason);
  }
  if (fresh) {
    std::cerr << "meshwa: recorded the new contract " << c.path
              << "; the provider's contract tests replay it from the next ctest run (ctest lists its tests when it "
                 "starts; no rebuild needed), or now with the deployment's <name>_contract_tests binary\n";
  }
  return "";
}

// Says why a contract could not be settled, outside any test's result.
void report(const std::string& why) {
  if (!why.empty()) std::cerr << why << "\n";
}

// Why a finished test did not pass, or "" when it did.
std::string not_passed(const ::testing::TestResult& result) {
  if (result.Failed()) return "the test failed";
  if (result.Skipped()) return "the test was skipped";
  return "";
}

// A suite's tests that can run at all, whatever the filter: its disabled
// ones (GoogleTest counts those of a disabled suite too) never do.
int enabled_tests(const ::testing::TestSuite& suite) { return suite.total_test_count() - suite.disabled_test_count(); }

std::mutex& pending_mutex() {
  static std::mutex m;
  return m;
}
std::vector<Pending>& pending() {
  static std::vector<Pending> p;
  return p;
}

// The contracts of `test` (nullptr: of every test), taken off the queue.
std::vector<Pending> take(const ::testing::TestInfo* test) {
  std::vector<Pending> out;
  std::lock_guard<std::mutex> lock(pending_mutex());
  auto& all = pending();
  // In order, both parts (a loop: libstdc++ 12's std::stable_partition
  // uses a buffer API that clang 19 reports as deprecated).
  std::vector<Pending> kept;
  for (Pending& c : all) (test != nullptr && c.test != test ? kept : out).push_back(std::move(c));
  all = std::move(kept);
  return out;
}

// What this binary's TestContexts recorded for, by contracts folder: each
// test name they used (an explicit name too) and the consumers it records
// for (all file_safe). What stale contracts are looked for among when the
// program ends.
using Recorded = std::map<std::string, std::map<std::string, std::set<std::string>>>;  // dir -> test -> consumers
Recorded& recorded() {
  static Recorded r;
  return r;
}

// The file-name spellings of every test this binary has (GoogleTest lists
// the ones a filter leaves out, and disabled ones, too), and of its suites.
void binary_tests(std::set<std::string>& tests, std::set<std::string>& suites) {
  const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const ::testing::TestSuite& suite = *unit.GetTestSuite(i);
    suites.insert(file_safe(suite.name()));
    for (int j = 0; j < suite.total_test_count(); ++j)
      tests.insert(file_safe(std::string(suite.name()) + "." + suite.GetTestInfo(j)->name()));
  }
}

// The names of the contract files (*.json) in `dir`, sorted.
std::vector<std::string> contract_files(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Contracts a consumer test left behind, which the provider's contract
// tests go on replaying although no consumer test expects them any more.
// Deleting one here could delete what another test binary records into the
// same folder, so each is only named (probe api6 p7):
// - of a consumer this binary records for, a test it no longer has (renamed
//   or removed). In a filtered run (ctest runs one test at a time) only a
//   file of one of this binary's suites is named: a TestContext given a
//   test name of its own that did not run this time is no stale contract.
// - of a test that ran here, a consumer it no longer records for (the
//   consumer service was renamed).
void warn_of_stale_contracts() {
  std::set<std::string> tests;
  std::set<std::string> suites;
  binary_tests(tests, suites);
  const std::string filter = GTEST_FLAG_GET(filter);
  const bool whole_run = filter.empty() || filter == "*";
  std::lock_guard<std::mutex> lock(pending_mutex());
  for (const auto& [dir, consumers_of] : recorded()) {
    std::set<std::string> consumers;
    for (const auto& [test, of_test] : consumers_of) consumers.insert(of_test.begin(), of_test.end());
    for (const std::string& name : contract_files(dir)) {
      const std::string stem = name.substr(0, name.size() - 5);
      for (const std::string& consumer : consumers) {
        const std::string prefix = consumer + "--";
        if (stem.size() <= prefix.size() || stem.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string test = stem.substr(prefix.size());
        if (tests.count(test) != 0 || consumers_of.count(test) != 0) continue;
        const std::size_t dot = test.find('.');
        if (!whole_run && (dot == std::string::npos || suites.count(test.substr(0, dot)) == 0)) continue;
        std::cerr << "meshwa: warning: the contract " << dir << "/" << name << " is stale: this test binary has no test "
                  << test << " any more (renamed or removed?), yet the provider's contract tests still replay it; "
                  << "delete the file unless another test binary of consumer '" << consumer << "' records it\n";
      }
      for (const auto& [test, of_test] : consumers_of) {
        const std::string suffix = "--" + test;
        if (stem.size() <= suffix.size() || stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
        const std::string other = stem.substr(0, stem.size() - suffix.size());
        if (of_test.count(other) != 0) continue;
        std::cerr << "meshwa: warning: the contract " << dir << "/" << name << " is stale: test " << test
                  << " records for consumer '" << *of_test.begin() << "' now, not '" << other
                  << "' (consumer renamed?), yet the provider's contract tests still replay it; delete the file "
                  << "unless a test " << test << " of another test binary records for consumer '" << other << "'\n";
      }
    }
  }
}

// A test's result is final only once GoogleTest has run everything of it:
// mocks declared before the TestContext are verified (and fail the test)
// after it is gone, a fixture's members after the test body. So the
// contracts are settled here, when the test ends.
class ContractWriter final : public ::testing::EmptyTestEventListener {
 public:
  // A contract that cannot be written fails its test (at the test's TEST
  // line): the test still runs here, and its result counts in the summary
  // and the exit status, so a CI job on a read-only checkout whose committed
  // contract is out of date fails rather than passing with a line on stderr.
  void OnTestEnd(const ::testing::TestInfo& info) override {
    for (const Pending& c : take(&info))
      if (const std::string why = settle(c, not_passed(*info.result())); !why.empty()) add_failure(why);
  }
  // A backstop: whatever is left (nothing, normally) by its own test's result.
  void OnTestProgramEnd(const ::testing::UnitTest&) override {
    for (const Pending& c : take(nullptr)) report(settle(c, not_passed(*c.test->result())));
    warn_of_stale_contracts();
  }
};

// Appended once, by the first TestContext made in a test, so that any main
// (gmock_main's, or a test's own) settles contracts at the end of each test.
// Appending while a test body runs is safe: GoogleTest walks its listeners
// only between the parts of a test.
void ensure_writer() {
  static std::once_flag once;
  std::call_once(once, [] { ::testing::UnitTest::GetInstance()->listeners().Append(new ContractWriter); });
}

}  // namespace

namespace {

// The interfaces the services named `consumer` of the unit whose model is
// at `path` provide (meshwa gen's <unit>.model.json: services[].name,
// services[].interfaces). None without a model, or when it cannot be read:
// the TestContext then records every call, as it does for a consumer that
// is no service (a front end).
std::set<std::string, std::less<>> interfaces_provided_by(const std::string& consumer, const char* path) {
  std::set<std::string, std::less<>> out;
  if (path == nullptr || *path == '\0') return out;
  std::ifstream in(path);
  const nlohmann::json model = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!model.is_object() || !model.contains("services") || !model["services"].is_array()) return out;
  for (const nlohmann::json& service : model["services"]) {
    if (!service.is_object() || service.value("name", "") != consumer || !service.contains("interfaces")) continue;
    for (const nlohmann::json& iface : service["interfaces"]) {
      if (iface.is_string()) out.insert(iface.get<std::string>());
    }
  }
  return out;
}

}  // namespace

TestContext::TestContext(std::string consumer, std::string test, std::string contracts_dir,
                         const char* service_model)
    : consumer_(std::move(consumer)),
      test_(test.empty() ? current_test_name() : std::move(test)),
      contracts_dir_(std::move(contracts_dir)),
      test_info_(::testing::UnitTest::GetInstance()->current_test_info()),
      suite_(test_info_ == nullptr ? ::testing::UnitTest::GetInstance()->current_test_suite() : nullptr),
      failed_before_(::testing::UnitTest::GetInstance()->failed_test_count()),
      own_interfaces_(interfaces_provided_by(consumer_, service_model)) {
  if (contracts_dir_.empty()) return;
  if (test_info_ != nullptr) ensure_writer();
  // Made outside a test too (SetUpTestSuite): the file it writes is no
  // stale contract of this binary.
  std::lock_guard<std::mutex> lock(pending_mutex());
  recorded()[contracts_dir_][file_safe(test_)].insert(file_safe(consumer_));
}

// Why a TestContext made outside any test (in SetUpTestSuite, or a main of
// one's own) may not write its contract, or "": the tests that ran while it
// lived made its calls, so a failure of any of them, or of the suite's set
// up and tear down, leaves it out, as a test's own failure does; and so does
// a run of part of its suite (ctest runs one test per process), which
// recorded only that part's calls. Test::HasFailure() alone, as before,
// saw only the suite's SetUpTestSuite and TearDownTestSuite.
std::string TestContext::outside_tests_not_passed() const {
  const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
  const std::string what = suite_ != nullptr ? "suite " + std::string(suite_->name()) : std::string("the program");
  if (unit.failed_test_count() > failed_before_)
    return "a test of " + what + " failed while it recorded (" +
           std::to_string(unit.failed_test_count() - failed_before_) + " failed)";
  if (::testing::Test::HasFailure()) return what + " reported a failure outside its tests";
  if (suite_ == nullptr) return "";
  if (suite_->skipped_test_count() > 0) return "a test of " + what + " was skipped";
  if (suite_->test_to_run_count() < enabled_tests(*suite_))
    return "only " + std::to_string(suite_->test_to_run_count()) + " of the " + std::to_string(enabled_tests(*suite_)) +
           " tests of " + what + " ran (a filtered run, as ctest makes one per test), so it holds only their calls; "
           "run the whole suite (the test binary without a filter) to record it, or make a TestContext in each test";
  return "";
}

std::string TestContext::contract_path() const {
  if (contracts_dir_.empty()) return {};
  return contracts_dir_ + "/" + file_safe(consumer_) + "--" + file_safe(test_) + ".json";
}

nlohmann::json TestContext::as_recorded() const {
  nlohmann::json contract{{"consumer", consumer_}, {"test", test_}, {"interactions", log_.snapshot()}};
  // Only when given: a contract of a test without them reads as before.
  if (std::vector<std::string> states = log_.states(); !states.empty()) contract["provider_states"] = std::move(states);
  return contract;
}

nlohmann::json TestContext::contract() const {
  nlohmann::json contract = as_recorded();
  contract["interactions"] = suite::in_thread_order(contract.at("interactions"), log_.threads(), log_.home_thread());
  return contract;
}

TestContext::~TestContext() {
  for (const void* exit : registered_) detail::unregister_recorder(exit);
  // Before the contract is settled: a failure here keeps it from being written.
  log_.check_expectations_used();
  const std::string path = contract_path();
  if (path.empty()) return;
  Pending c{test_info_, path, contracts_dir_, as_recorded(), log_.order(), log_.complete(), log_.threads(),
            log_.home_thread()};
  if (test_info_ == nullptr) {
    // Made outside any test (SetUpTestSuite, a main of its own): nothing
    // later will say more.
    report(settle(c, outside_tests_not_passed()));
  } else if (::testing::UnitTest::GetInstance()->current_test_info() == test_info_) {
    std::lock_guard<std::mutex> lock(pending_mutex());
    // Another TestContext of the same consumer in the same test (an inner
    // scope per scenario, a loop, two in one scope): one test, one
    // contract, so the interactions of both are merged in the order the
    // calls were made (docs/contracts.md §1). Before, they were appended in
    // the order the contexts went away: two contexts of one scope had the
    // later one's calls first (probe api4 s6_gmock).
    for (Pending& earlier : pending()) {
      if (earlier.test == test_info_ && earlier.path == c.path) {
        merge_interactions(earlier, c);
        earlier.complete = earlier.complete && c.complete;
        return;
      }
    }
    pending().push_back(std::move(c));  // settled when the test ends
  } else {
    // It outlived its test, whose result is final now.
    report(settle(c, not_passed(*test_info_->result())));
  }
}

std::string TestContext::config(std::string_view key, std::string_view fallback) const {
  if (auto it = config_.find(key); it != config_.end()) return it->second;
  return std::string(fallback);
}

void* TestContext::resolve(std::type_index iface, std::string_view iface_name) {
  if (auto it = exits_.find(iface); it != exits_.end()) return it->second.exit;
  if (provides_itself(iface_name)) {
    // Its model says the consumer provides it: only one remedy fits.
    throw StartError("meshwa::gen::TestContext of '" + consumer_ + "': service '" + consumer_ + "' provides " +
                     std::string(iface_name) + " itself, and asks for a Ref to itself; call ctx.provide<" +
                     std::string(iface_name) + ">(service) after constructing the service (calls through it " +
                     "are calls into the service, not recorded in the contract)");
  }
  throw StartError("meshwa::gen::TestContext of '" + consumer_ + "': no implementation of " + std::string(iface_name) +
                   " was provided; call ctx.provide<" + std::string(iface_name) +
                   ">(mock) before constructing the service (for an interface the service itself implements, "
                   "a Ref to itself: ctx.provide<" + std::string(iface_name) + ">(service) after constructing it)");
}

}  // namespace meshwa::gen
