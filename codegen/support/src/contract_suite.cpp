// run_contract_tests: every recorded contract replayed against a fresh
// deployment through the real stubs, every property checked.
#include "meshwa/gen/contract_suite.hpp"

#include "contract_file.hpp"
#include "json_difference.hpp"
#include "meshwa/runtime/mpk.hpp"
#include "meshwa/runtime/mpk_policy.hpp"
#include "meshwa/gen/provider_states.hpp"
#include "misspellings.hpp"
#include "property_fault.hpp"
#include "rule_matching.hpp"
#include "test_watchdog.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

namespace meshwa::gen {

namespace {

using suite::Contract;
using suite::first_difference;
using suite::interaction_intro;
using suite::interaction_problem;
using suite::load_contracts;
using suite::misspelt_consumer;
using suite::misspelt_interface;
using suite::shape_problem;
using suite::shown;
using suite::with_current_refs;

// The exception's text alone: whoever catches it says which method threw
// (a property test by its name, a replay by its interaction).
[[noreturn]] void throw_escape(const char*, const char*, const char*, const char* what) { throw EscapedException{what}; }

// Restores the escape handler when a test ends.
struct EscapeGuard {
  EscapeHandler previous = set_escape_handler(&throw_escape);
  ~EscapeGuard() { set_escape_handler(previous); }
};

// Declared right after the deployment, so destroyed right before it: the
// deployment's stop (services' destructors) is a step of the test's watch.
struct StopStep {
  watchdog::Watch& watch;
  ~StopStep() { watch.step("stopping its deployment"); }
};

std::string test_name(const std::string& text) {
  std::string out;
  for (char c : text) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

/// The test name of a contract file whose plain test_name another file
/// shares (front_a--Keys.FrontP_Runs_0 and front_a--Keys_FrontP.Runs_0):
/// one to one, '_' doubled and every other non-alphanumeric byte '_' and a
/// letter ('.' _d, '-' _h, '~' _s) or _x and its hex.
std::string distinct_test_name(const std::string& text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += c;
    else if (c == '_') out += "__";
    else if (c == '.') out += "_d";
    else if (c == '-') out += "_h";
    else if (c == '~') out += "_s";
    else {
      out += "_x";
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

Registry make_registry(const ContractRun& run) {
  Registry registry;
  run.register_services(registry);
  return registry;
}

Config make_config(const ContractRun& run) {
  return run.config_path.empty() ? Config{} : Config::from_file(run.config_path);
}

// A deployment that cannot start (a service's constructor throws for want
// of a setting, a bad configuration file) fails the test with the reason
// and the configuration it was started with, instead of GoogleTest's
// "unknown file: C++ exception ... thrown in the test body". Null then.
template <class... Mode>
std::unique_ptr<Deployment> start_or_fail(const std::string& what, const Registry& registry, const ContractRun& run,
                                          Mode&&... mode) {
  try {
    return std::make_unique<Deployment>(registry, make_config(run), std::forward<Mode>(mode)...);
  } catch (const StartError& e) {
    // At the configuration file when there is one: what to change is there
    // (or in the service), never in meshwa's sources.
    const char* where = run.config_path.empty() ? nullptr : run.config_path.c_str();
    ADD_FAILURE_AT(where, 1) << what << ": not tested: the deployment did not start: " << e.what() << "\n  "
                  << (run.config_path.empty()
                          ? std::string("it was started without a configuration file; give the settings its services "
                                        "need with meshwa_add_deployment(... CONFIG <file>)")
                          : "it was started with the configuration file " + run.config_path +
                                " (meshwa_add_deployment's CONFIG)");
    return nullptr;
  }
}

// A mismatch after earlier interactions had the provider call stand-ins of
// Ref arguments: a provider that kept what a stand-in answered (generated
// values) answers from it now, which no consumer decided. Said with the
// failure, where the reader looks, not only in the "not compared" lines
// printed after it (probe api13: a frontend's recorded reload(Ref<Profile>)
// filled a recommendation service with generated hotel ids, and the next
// interaction failed with ids like "cie").
std::string stand_ins_hint(const std::vector<std::string>& stand_in_uses) {
  if (stand_in_uses.empty()) return "";
  std::string out = "\n  note: before this, stand-ins of Ref arguments were called in interaction";
  out += stand_in_uses.size() == 1 ? " " : "s ";
  for (std::size_t k = 0; k < stand_in_uses.size(); ++k) out += (k == 0 ? "" : ", ") + stand_in_uses[k];
  out += " and answered with generated values (docs/contracts.md §2); if a provider kept what they said and "
         "answers from it here, this difference is no broken contract: a consumer test that makes this call "
         "without passing a Ref before it records a contract that does not depend on them";
  return out;
}

// Is `contract` this deployment's to replay (or to reject)? A contracts
// folder holds what a consumer recorded against every provider it calls,
// and those may live in other deployments: a contract none of whose
// interactions names an interface provided here is no test of this binary
// (it would only be skipped). A file that is not what the recorder writes,
// an interaction missing a key, or an interface one typo away from a
// provided one is, so that it fails where someone looks.
bool concerns_this_deployment(const ContractSuite& suite, const Contract& contract) {
  if (!shape_problem(contract).empty()) return true;
  for (const nlohmann::json& interaction : contract.body.at("interactions")) {
    if (!interaction_problem(interaction).empty()) return true;
    const std::string iface = interaction.at("interface").get<std::string>();
    if (suite.replayable_interfaces().count(iface) != 0 || !misspelt_interface(suite, iface).empty()) return true;
  }
  return false;
}

// Says so when the contract's consumer is probably a service of this
// deployment misspelt: a warning in the test's output, not a failure (a
// front end may be named close to a service; docs/contracts.md §1).
void warn_of_misspelt_consumer(const Registry& registry, const Contract& contract) {
  const auto it = contract.body.find("consumer");
  if (it == contract.body.end() || !it->is_string()) return;
  const std::string consumer = it->get<std::string>();
  const std::string meant = misspelt_consumer(registry, consumer);
  if (meant.empty()) return;
  std::cout << "  warning: consumer '" << consumer << "' of contract " << contract.file
            << " is no service of this deployment; did you mean service '" << meant
            << "'? (the name its test gave meshwa::gen::TestContext: a consumer that is no service, such as a front "
               "end, may have any name; a misspelt service name records a wrong ctx.service_name() and file name: fix "
               "the test's TestContext(\"" << meant << "\"), record again and delete this file)\n";
}

// Runs the handlers of `states` on the deployment (docs/contracts.md,
// "Provider states"): false, with a failure at `line`, when one has no
// handler or its handler threw; the interactions that need it are not replayed.
// `elsewhere`, for the test's own states (ctx.given): the interfaces the
// contract calls that no service of this deployment provides, whose
// provider the state may be meant for.
bool set_up_states(const ProviderStates& handlers, const nlohmann::json& states, Deployment& deployment,
                   const Contract& contract, int line, const std::string& intro,
                   const std::vector<std::string>& elsewhere = {}) {
  for (const nlohmann::json& item : states) {
    const std::string state = item.get<std::string>();
    const ProviderStates::Handler* handler = handlers.find(state);
    if (handler == nullptr) {
      std::string theirs;
      if (!elsewhere.empty()) {
        std::string names;
        for (const std::string& name : elsewhere) names += (names.empty() ? "" : ", ") + name;
        theirs = ". It is a state of the whole test (ctx.given), and the contract also calls " + names +
                 ", which no service of this deployment provides: if the state is their provider's, the consumer's "
                 "test gives it for their interactions only, ctx.on<" + elsewhere.front() + ">(\"<method>\").given(\"" +
                 state + "\"), and a deployment without that provider replays the rest";
      }
      std::string known;
      for (const std::string& name : handlers.names()) known += (known.empty() ? "\"" : "\", \"") + name;
      ADD_FAILURE_AT(contract.file.c_str(), line)
          << intro << ": provider state \"" << state << "\" has no handler in this deployment ("
          << (known.empty() ? std::string("it registers none") : "it has handlers of " + known + "\"")
          << "), so what the consumer's test assumed of the provider cannot be set up, and it is not replayed. "
          << "Register one in the file that meshwa_add_deployment(... PROVIDER_STATES <file>) names: void "
          << "meshwa_provider_states(meshwa::gen::ProviderStates& states) { states.add(\"" << state
          << "\", [](meshwa::Deployment& d) { ... }); } (docs/contracts.md, \"Provider states\")" << theirs;
      return false;
    }
    try {
      (*handler)(deployment);
    } catch (const std::exception& e) {
      ADD_FAILURE_AT(contract.file.c_str(), line) << intro << ": the handler of provider state \"" << state
                                                  << "\" threw: " << e.what() << "; it is not replayed";
      return false;
    } catch (...) {
      ADD_FAILURE_AT(contract.file.c_str(), line) << intro << ": the handler of provider state \"" << state
                                                  << "\" threw: " << current_exception_text() << "; it is not replayed";
      return false;
    }
  }
  return true;
}

void replay_contract(const ContractSuite& suite, const ContractRun& run, const ProviderStates& states,
                     const Contract& contract) {
  if (const std::string problem = shape_problem(contract); !problem.empty()) {
    ADD_FAILURE_AT(contract.file.c_str(), contract.parse_error.empty() ? 1 : contract.parse_error_line)
        << "contract " << contract.file << ": " << problem;
    return;
  }
  EscapeGuard escape;
  watchdog::Watch watch("contract " + contract.file);
  Registry registry = make_registry(run);
  warn_of_misspelt_consumer(registry, contract);
  // Only the providers the contract calls, and what they depend on (their
  // constructors' ctx.ref<I>(); a method's when it asks): not the consumer,
  // whose constructor would make its recorded calls a second time, nor
  // anything else that might call the provider while it starts. They start
  // in the deployment's order, before the first interaction.
  Deployment::OnDemand providers;
  for (const nlohmann::json& interaction : contract.body.at("interactions")) {
    const bool named = interaction.is_object() && interaction.contains("interface") && interaction.at("interface").is_string();
    const std::string iface = named ? interaction.at("interface").get<std::string>() : "";
    for (const ServiceDef& def : registry.services()) {
      const bool provides = std::any_of(def.provides.begin(), def.provides.end(),
                                        [&](const InterfaceId& id) { return id.name == iface; });
      if (provides && std::find(providers.first.begin(), providers.first.end(), def.name) == providers.first.end()) {
        providers.first.push_back(def.name);
      }
    }
  }
  // Before the deployment: a provider may keep a stand-in's Ref and call it
  // while it stops. Seeded by the file's name: the same answers on every machine.
  const std::string file_name = std::filesystem::path(contract.file).filename().string();
  StandIns stand_ins(suite.stand_ins(), std::hash<std::string>{}(file_name) & 0xffffffffu);
  watch.step("starting its deployment");
  const std::unique_ptr<Deployment> started = start_or_fail("contract " + contract.file, registry, run, providers);
  if (!started) return;
  const StopStep stopping{watch};
  Deployment& deployment = *started;
  // The test's provider states (ctx.given), before its first interaction.
  if (const auto given = contract.body.find("provider_states"); given != contract.body.end() && !given->empty()) {
    watch.step("setting up its provider states");
    const std::string intro = "contract " + contract.file;
    std::vector<std::string> elsewhere;
    for (const nlohmann::json& interaction : contract.body.at("interactions")) {
      const std::string iface = interaction.is_object() ? interaction.value("interface", "") : "";
      if (!iface.empty() && suite.replayable_methods(iface).empty() &&
          std::find(elsewhere.begin(), elsewhere.end(), iface) == elsewhere.end()) {
        elsewhere.push_back(iface);
      }
    }
    if (!set_up_states(states, *given, deployment, contract, 1, intro, elsewhere)) return;
  }
  int replayed = 0;
  int index = 0;
  std::vector<std::string> skipped;
  std::vector<std::string> not_compared;
  // Interactions whose provider called a stand-in: "1 (hotel::Rec::reload, 80 calls)".
  std::vector<std::string> stand_in_uses;
  bool without_callbacks = false;  // an interaction not compared recorded no callbacks at all
  for (const nlohmann::json& interaction : contract.body.at("interactions")) {
    ++index;
    const int line = index <= static_cast<int>(contract.interaction_lines.size())
                         ? contract.interaction_lines[static_cast<std::size_t>(index - 1)]
                         : 1;
    const char* at = contract.file.c_str();
    if (const std::string problem = interaction_problem(interaction); !problem.empty()) {
      ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << " " << problem
                               << "; record the contract again, or write the interaction as the recorder does "
                                  "(docs/contracts.md)";
      continue;
    }
    const std::string iface = interaction.value("interface", "");
    const std::string method = interaction.value("method", "");
    const std::string resolved = interaction.value("resolved_method", "");
    const ContractSuite::Replay* replay = suite.find_replay(iface, method, resolved);
    if (replay == nullptr) {
      const std::vector<std::string> known = suite.replayable_methods(iface);
      if (known.empty()) {
        if (const std::string meant = misspelt_interface(suite, iface); !meant.empty()) {
          ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": no service of "
                                   << "this deployment provides interface \"" << iface << "\"; did you mean \""
                                   << meant << "\"? (an interface of another deployment is skipped; one this close "
                                   << "to a provided one is taken for a typo)";
          continue;
        }
        skipped.push_back(iface + "::" + method + " (no provider in this deployment)");
        continue;
      }
      // The provider is here but has no such method: removed, renamed, or
      // keyed name(param types) since an overload was added. Not a skip.
      std::string methods;
      for (const std::string& k : known) methods += (methods.empty() ? "" : ", ") + k;
      ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": " << iface
                    << " has no method \"" << method << "\""
                    << (resolved.empty() ? "" : " (nor one of the resolved types it was recorded with, \"" + resolved + "\")")
                    << " any more (it has: " << methods
                    << "); an overloaded method is keyed name(param types): record the contract again";
      continue;
    }
    const nlohmann::json& request = interaction.at("request");
    nlohmann::json expected = interaction.at("response");
    // Its matching rules (none: compared exactly, as contracts recorded
    // before them are).
    const nlohmann::json rules = interaction.value("matching_rules", nlohmann::json::array());
    const auto agrees = [&rules](const nlohmann::json& got_, const nlohmann::json& expected_) {
      return rules.empty() ? same_json(got_, expected_) : !matching::compare(expected_, got_, rules).has_value();
    };
    watch.step("interaction " + std::to_string(index) + ", " + iface + "::" + method);
    if (const auto needs = interaction.find("provider_states"); needs != interaction.end() && !needs->empty()) {
      if (!set_up_states(states, *needs, deployment, contract, line, interaction_intro(contract, index))) continue;
    }
    nlohmann::json got;
    const std::uint64_t stand_in_calls = stand_ins.generated();
    // What the consumer's object answered the provider's mock through the
    // Ref arguments (docs/contracts.md §1): the stand-ins answer so.
    const auto recorded_callbacks = interaction.find("callbacks");
    const bool has_callbacks = recorded_callbacks != interaction.end() && !recorded_callbacks->empty();
    stand_ins.expect_callbacks(has_callbacks ? *recorded_callbacks : nlohmann::json::array());
    // Checked when the interaction is over, however it ended: before its
    // other failures, which they may explain.
    const std::string call = iface + "::" + method + "(" + shown(request) + ")";
    const auto report_callbacks = [&] {
      for (const std::string& problem : stand_ins.end_callbacks().problems) {
        ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": " << call << ": " << problem;
      }
    };
    try {
      // A Ref argument of the recorded request, read back on this thread,
      // is a stand-in (request_arg: of the Ref at its path). The consumer's
      // Ref was its own capability; the provider gets one it may call, keep
      // and call later (docs/contracts.md §2). Never the deployment's
      // provider of the interface, even one that runs for this contract:
      // the contract does not say whose Ref was passed (usually the
      // consumer's own, whose constructor would make its recorded calls a
      // second time), a provider started for it may call the provider under
      // test as it starts, and a running one would get calls the consumer's
      // mocks never saw, changing its answers to the contract's own
      // interactions with it.
      const StandIns::Reading refs(stand_ins);
      // As it would be recorded: JSON has no NaN or infinity, a contract file
      // holds null for them, and a double in memory would compare unequal.
      got = nlohmann::json::parse(json_text(replay->call(deployment, request)));
    } catch (const RefNotReplayed&) {
      report_callbacks();
      // As a property test does: an interaction that cannot be called must
      // neither pass nor be skipped.
      ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": " << call << ": not replayed: a Ref argument's interface "
                               << "has no stand-in (meshwa gen writes one for every interface a unit sees: a meshwa bug)";
      continue;
    } catch (const EscapedException& e) {
      report_callbacks();
      ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": " << call << ": an exception escaped a method without meshwa::Result: " << e.text;
      continue;
    } catch (const std::exception& e) {
      report_callbacks();
      ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": " << call << ": the replay threw: " << e.what();
      continue;
    }
    report_callbacks();
    if (!agrees(got, expected)) expected = with_current_refs(expected, got);
    // Calls answered with generated values: a recorded callback answered as
    // the consumer recorded it leaves the answer the contract's to decide.
    const std::uint64_t calls = stand_ins.generated() - stand_in_calls;
    const std::string earlier_stand_ins = stand_ins_hint(stand_in_uses);
    if (calls > 0) {
      stand_in_uses.push_back(std::to_string(index) + " (" + iface + "::" + method + ", " + std::to_string(calls) +
                              (calls == 1 ? " call)" : " calls)"));
    }
    if (calls > 0 && !agrees(got, expected)) {
      // The answer may be the provider's reply to what a stand-in said,
      // which the consumer's test never decided: no contract was broken.
      not_compared.push_back(iface + "::" + method + " (its answer differs, after " + std::to_string(calls) +
                             (calls == 1 ? " call" : " calls") +
                             " to stand-ins of Ref arguments answered with generated values" +
                             (has_callbacks ? ", not as the consumer's test recorded" : "") + ")");
      if (!has_callbacks) without_callbacks = true;
      continue;
    }
    ++replayed;
    if (!rules.empty()) {
      if (const std::optional<matching::Mismatch> m = matching::compare(expected, got, rules)) {
        // Under a rule: say which; elsewhere as without rules, with the
        // member that differs (the first difference of the whole answer may
        // be one a rule allows).
        const bool kinds_differ =
            replay->returns == Returns::result && expected.contains("error") != got.contains("error");
        ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": " << call << "\n  expected: " << shown(expected)
                                 << "\n  got:      " << shown(got)
                                 << (m->rule.empty()
                                         ? "\n  first difference: " +
                                               (kinds_differ ? first_difference(expected, got, replay->returns) +
                                                                   " (matching rules compare within a value: an error "
                                                                   "in its place differs under any rule)"
                                                             : "at member " + (m->path.empty() ? std::string("(the response)") : m->path) + ": " + m->why +
                                                                   " (compared exactly: no matching rule names it)")
                                         : "\n  member " + m->path + ", matching rule " + m->rule + ": " + m->why)
                                 << earlier_stand_ins;
      }
      continue;
    }
    if (!same_json(got, expected)) {
      ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": " << call << "\n  expected: " << shown(expected)
                    << "\n  got:      " << shown(got) << "\n  first difference: " << first_difference(expected, got, replay->returns)
                    << earlier_stand_ins;
    }
  }
  for (const std::string& s : skipped) std::cout << "  not replayed: " << s << "\n";
  for (const std::string& s : not_compared) std::cout << "  not compared: " << s << "\n";
  for (const std::string& s : stand_ins.summary()) std::cout << "  stand-in of a Ref argument: " << s << "\n";
  // Only contracts naming a provided interface are tests (concerns_this_deployment),
  // so every one has an interaction here that was compared, failed, or is
  // not compared: the provider answered after calls to a stand-in of a Ref
  // argument, and the consumer's recording holds no answer of its own
  // service to those calls (its mock of the provider never made them), so
  // nothing says what the provider should have answered. Such a contract is
  // skipped, not passed: nothing of it was compared.
  if (replayed == 0 && !not_compared.empty() && !::testing::Test::HasFailure()) {
    GTEST_SKIP() << "contract " << contract.file << ": no interaction with this deployment could be compared: each "
                 << "answer differs after calls to stand-ins of its Ref arguments (see 'not compared' above)"
                 << (without_callbacks
                         ? ". Record what the consumer answers them: in the consumer's test, let the mock's action "
                           "call the Ref argument it is given, as the provider does (.WillOnce([](..., "
                           "meshwa::Ref<I> listener) { listener->method(...); return ...; })); the calls and the "
                           "consumer's answers are recorded with the interaction, and the replay answers the "
                           "provider's calls with them (docs/contracts.md §1)"
                         : "");
  }
}

// Which stand-ins answered, after a property test (docs/contracts.md §3).
struct StandInReport {
  const StandIns& stand_ins;
  ~StandInReport() {
    for (const std::string& s : stand_ins.summary()) {
      std::cout << "  stand-in (no provider in this deployment): " << s << ", answered with generated values\n";
    }
    for (const std::string& s : stand_ins.failed_providers()) {
      std::cout << "  stand-in (its provider did not start), answered with generated values: " << s << "\n";
    }
  }
};

void check_property(const ContractSuite& suite, const ContractSuite::Entry& entry, const ContractRun& run) {
  EscapeGuard escape;
  const std::string name = entry.service + ": " + entry.interface + "::" + entry.method;
  const std::uint64_t seed = std::hash<std::string>{}(name) & 0xffffffffu;  // stable for a given name
  // Before the deployment: a service may keep a stand-in's Ref and call it
  // while it stops.
  StandIns stand_ins(suite.stand_ins(), seed ^ 0x5eedu);
  StandInReport report{stand_ins};
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string test = info ? std::string(info->test_suite_name()) + "." + info->name() : std::string("Property");
  watchdog::Watch watch("property test " + test + " (" + name + ")");
  Registry registry = make_registry(run);
  // Only the service under test and what it asks for (its constructor's
  // ctx.ref<I>(), transitively; a method's when it asks; a Ref argument's
  // provider when an input needs one), as a replay starts its providers:
  // a service elsewhere in the deployment whose constructor throws fails
  // its own tests and its dependents', not every property test. Services
  // that would call this one while they start do not start either: the
  // test sees the service as its own constructor leaves it.
  watch.step("starting its deployment");
  const std::unique_ptr<Deployment> started =
      start_or_fail(name, registry, run, Deployment::OnDemand{{entry.service}});
  if (!started) return;
  const StopStep stopping{watch};
  Deployment& deployment = *started;
  stand_ins.attach(&deployment);
  struct Detach {
    StandIns& s;
    ~Detach() { s.attach(nullptr); }  // the deployment goes first
  } detach{stand_ins};
  PropertyContext p(name, seed, deployment, stand_ins);
  const property_fault::Guard fault_report(test, name);
  for (int i = 0; i < run.property_cases; ++i) {
    p.next_case(i);
    fault_report.next_case(i);
    watch.step("case " + std::to_string(i));
    try {
      entry.run(p, deployment);
    } catch (const NoProvider& e) {
      // The unit that wrote this test saw the interface in the method's
      // signature, so it registered a stand-in: without one the method
      // cannot be called (an empty Ref would blame the service), and an
      // untested method must not pass, nor be skipped.
      ADD_FAILURE() << name << ": not tested: " << (e.argument.empty() ? "a stand-in's answer" : "its argument '" + e.argument + "'")
                    << " needs a meshwa::Ref<" << e.interface << ">: " << e.why
                    << ", and no stand-in of it is registered (meshwa gen writes one for every interface a unit "
                       "sees: a meshwa bug); a provider of "
                    << e.interface << " in the deployment lets the method be tested";
      return;
    }
    if (::testing::Test::HasFailure()) break;  // the first failing case says enough
  }
}

/// Is `full_name` ("Suite.Name") a registered test?
bool is_registered(const std::string& full_name) {
  const ::testing::UnitTest& all = *::testing::UnitTest::GetInstance();
  for (int i = 0; i < all.total_test_suite_count(); ++i) {
    const ::testing::TestSuite& suite = *all.GetTestSuite(i);
    for (int j = 0; j < suite.total_test_count(); ++j) {
      if (full_name == std::string(suite.name()) + "." + suite.GetTestInfo(j)->name()) return true;
    }
  }
  return false;
}

}  // namespace

int run_contract_tests(int argc, char** argv, ContractSuite& suite, const ContractRun& built_run) {
  ::testing::InitGoogleTest(&argc, argv);
  // The tests outlive this frame only until RUN_ALL_TESTS below returns.
  ContractRun run = built_run;
  if (const char* env = std::getenv("MESHWA_DEPLOYMENT_CONFIG")) {  // replaces CONFIG; empty: none
    run.config_path = env;
  }
  // Before any service starts (docs/gate-protocol.md), with the restart
  // policy of the configuration the deployment runs with. A file that
  // cannot be read starts the runtime on the defaults here: each test then
  // fails with the file's error (start_or_fail), which says more than one
  // failure before any test.
  mpk::Options mpk_options{.announce = false};
  try {
    mpk_options = meshwa::mpk::with_policy(mpk_options, make_config(run));
  } catch (const StartError&) {
  }
  meshwa::mpk::start(mpk_options);
  // The provider's state handlers (meshwa_add_deployment's PROVIDER_STATES).
  ProviderStates states;
  if (run.provider_states != nullptr) {
    try {
      run.provider_states(states);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "meshwa: registering the provider states (meshwa_provider_states) failed: %s\n", e.what());
      return 1;
    }
  }
  std::vector<std::string> dirs = run.contract_dirs;
  const char* dirs_env = std::getenv("MESHWA_CONTRACT_DIRS");
  if (const char* env = dirs_env) {  // '|'-separated, replaces the built-in list
    dirs.clear();
    std::string all = env;
    for (std::size_t begin = 0; begin <= all.size();) {
      std::size_t end = all.find('|', begin);
      if (end == std::string::npos) end = all.size();
      if (end > begin) dirs.push_back(all.substr(begin, end - begin));
      begin = end + 1;
    }
  }
  // One GoogleTest (and CTest) name per contract file. Two files whose plain
  // names are one (front_a--Keys.FrontP_Runs_0 and front_a--Keys_FrontP.Runs_0,
  // or one file name in two contracts folders) ran under one name, twice,
  // and neither could be run alone: such files take the one-to-one name
  // (docs/contracts.md, "Contract files"); one file name in two folders is
  // numbered.
  std::vector<Contract> contracts;
  for (Contract& c : load_contracts(dirs)) {
    // A folder listed twice (two services sharing one) is one set of files.
    std::error_code ec;
    const bool again = std::any_of(contracts.begin(), contracts.end(), [&](const Contract& seen) {
      return std::filesystem::equivalent(seen.file, c.file, ec);
    });
    if (!again) contracts.push_back(std::move(c));
  }
  std::map<std::string, int> plain_uses;
  for (const Contract& contract : contracts) ++plain_uses[test_name(std::filesystem::path(contract.file).stem().string())];
  // The same file name in two different folders: the later ones numbered.
  std::map<std::string, int> taken;
  std::vector<std::string> names;
  for (const Contract& contract : contracts) {
    const std::string stem = std::filesystem::path(contract.file).stem().string();
    std::string name = plain_uses[test_name(stem)] > 1 ? distinct_test_name(stem) : test_name(stem);
    if (const int n = ++taken[name]; n > 1) name += "_" + std::to_string(n);
    names.push_back(name);
  }
  for (std::size_t i = 0; i < contracts.size(); ++i) {
    const Contract& contract = contracts[i];
    const std::string& name = names[i];  // named among all files, so that a name does not depend on the deployment
    if (!concerns_this_deployment(suite, contract)) continue;
    // Located at the contract file: what a failure without an interaction
    // of its own (gtest's "exception thrown in the test body") points at.
    ::testing::RegisterTest("Contract", name.c_str(), nullptr, nullptr, contract.file.c_str(), 1,
                            [&suite, &run, &states, contract]() -> ::testing::Test* {
                              struct T : ::testing::Test {
                                const ContractSuite* s;
                                const ContractRun* r;
                                const ProviderStates* st;
                                Contract c;
                                T(const ContractSuite* s, const ContractRun* r, const ProviderStates* st, Contract c)
                                    : s(s), r(r), st(st), c(std::move(c)) {}
                                void TestBody() override { replay_contract(*s, *r, *st, c); }
                              };
                              return new T(&suite, &run, &states, contract);
                            });
  }
  for (const ContractSuite::Entry& entry : suite.properties()) {
    const std::string name = test_name(entry.service) + "." + test_name(entry.interface) + "." + test_name(entry.method);
    ::testing::RegisterTest("Property", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                            [&suite, &entry, &run]() -> ::testing::Test* {
                              struct T : ::testing::Test {
                                const ContractSuite* s;
                                const ContractSuite::Entry* e;
                                const ContractRun* r;
                                T(const ContractSuite* s, const ContractSuite::Entry* e, const ContractRun* r)
                                    : s(s), e(e), r(r) {}
                                void TestBody() override { check_property(*s, *e, *r); }
                              };
                              return new T(&suite, &entry, &run);
                            });
  }
  // ctest runs each test by its exact name. A contract file deleted since
  // the binary was linked leaves a name that matches nothing, and a filter
  // that matches nothing passes: say so instead.
  const std::string filter = ::testing::GTEST_FLAG(filter);
  if (filter.find_first_of("*?:-") == std::string::npos && !is_registered(filter)) {
    if (dirs_env != nullptr) {
      // ctest's list of tests comes from the build's folders: under the
      // variable, ctest asks for their files, which it may have replaced.
      std::fprintf(stderr,
                   "meshwa: no test named %s: its contract file is in none of the folders of MESHWA_CONTRACT_DIRS "
                   "(%s), which replaces the deployment's folders; ctest's list of tests is made from the "
                   "deployment's folders when the binary is built, so run the binary itself with the variable "
                   "(%s --gtest_filter='Contract.*'), or add the folder with meshwa_add_deployment(... CONTRACTS "
                   "<dir>) and rebuild\n",
                   filter.c_str(), dirs_env, argc > 0 ? argv[0] : "<deployment>_contract_tests");
    } else {
      std::fprintf(stderr,
                   "meshwa: no test named %s: its contract file is gone (or was renamed) since this binary was built; "
                   "rebuild, and ctest forgets it\n",
                   filter.c_str());
    }
    return 1;
  }
  return RUN_ALL_TESTS();
}

}  // namespace meshwa::gen
