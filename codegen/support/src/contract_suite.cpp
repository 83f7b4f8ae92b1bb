// run_contract_tests: every recorded contract replayed against a fresh
// deployment through the real stubs, every property checked.
#include "meshwa/gen/contract_suite.hpp"

#include "meshwa/runtime/mpk.hpp"
#include "meshwa/runtime/mpk_policy.hpp"
#include "test_watchdog.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <fstream>
#include <iostream>
#include <sstream>

namespace meshwa::gen {

namespace {

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

struct Contract {
  std::string file;  // file name, for messages
  nlohmann::json body;
  std::vector<int> interaction_lines;  // 1-based line of each interaction's "{", where it could be found
  std::string parse_error;             // why the file is not JSON (nlohmann's message: line, column, reason)
  int parse_error_line = 1;
};

// nlohmann's parse error names the line and column; the failure is put at
// that line of the contract so that an editor jumps there.
void read_contract_text(Contract& c, const std::string& text) {
  try {
    c.body = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    c.body = nlohmann::json(nlohmann::json::value_t::discarded);
    c.parse_error = e.what();
    const std::size_t end = std::min(e.byte, text.size());
    c.parse_error_line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
    // e.byte is one past the byte that failed: a newline there is the line's end.
    if (end > 0 && text[end - 1] == '\n') --c.parse_error_line;
  }
}

// Where each interaction starts in the file, so that a failure points at the
// contract (file:line) rather than at this file. The recorder writes one
// interaction object per array element; a hand-written file may put several
// on one line, and then the failure points at the line of the array.
std::vector<int> find_interaction_lines(const std::string& text, const nlohmann::json& body) {
  std::vector<int> lines;
  if (body.is_discarded() || !body.contains("interactions") || !body.at("interactions").is_array()) return lines;
  const std::size_t array = text.find("\"interactions\"");
  if (array == std::string::npos) return lines;
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(array), '\n'));
  // Walk the array's top level: a '{' at depth 1 starts an interaction.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = text.find('[', array); i != std::string::npos && i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      if (c == '{' && depth == 1) lines.push_back(line);
      ++depth;
    } else if (c == ']' || c == '}') {
      if (--depth == 0) break;
    }
  }
  return lines;
}

std::vector<Contract> load_contracts(const std::vector<std::string>& dirs) {
  std::vector<Contract> out;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path);
      std::stringstream text;
      text << in.rdbuf();
      Contract c{path.string(), {}, {}, {}, 1};
      read_contract_text(c, text.str());
      c.interaction_lines = find_interaction_lines(text.str(), c.body);
      out.push_back(std::move(c));
    }
  }
  return out;
}

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

// A JSON value in a failure message: whole when short; else its start and
// its length (a contract with a 1 MiB payload would print megabytes).
std::string shown(const nlohmann::json& value) {
  constexpr std::size_t kMax = 240;
  const std::string text = json_text(value);
  if (text.size() <= kMax) return text;
  return text.substr(0, kMax) + "... (" + std::to_string(text.size()) + " characters)";
}

// A contract recorded before a Ref was written {"$meshwa_ref": "<I>"} holds
// {"ref": "<I>"} for a Ref in a response: read as the current form where the
// replay's answer has a Ref at that place, so that such a contract still passes.
nlohmann::json with_current_refs(const nlohmann::json& expected, const nlohmann::json& got) {
  if (expected.is_object() && got.is_object()) {
    if (got.size() == 1 && got.contains("$meshwa_ref") && expected.size() == 1 && expected.contains("ref")) {
      return nlohmann::json{{"$meshwa_ref", expected.at("ref")}};
    }
    nlohmann::json out = expected;
    for (auto& item : out.items()) {
      if (auto it = got.find(item.key()); it != got.end()) item.value() = with_current_refs(item.value(), *it);
    }
    return out;
  }
  if (expected.is_array() && got.is_array()) {
    nlohmann::json out = expected;
    for (std::size_t k = 0; k < out.size() && k < got.size(); ++k) out[k] = with_current_refs(out[k], got[k]);
    return out;
  }
  return expected;
}

// The first place where two JSON values differ: a JSON pointer and the two
// values there.
// `response` as a meshwa::Result records it, {"error": {"code", "message"}}:
// "code: message"; "" for anything else.
std::string recorded_error(const nlohmann::json& response) {
  if (!response.is_object() || response.size() != 1 || !response.contains("error")) return "";
  const nlohmann::json& error = response.at("error");
  if (!error.is_object() || !error.contains("code") || !error.at("code").is_string()) return "";
  const nlohmann::json message = error.value("message", nlohmann::json(""));
  return error.at("code").get<std::string>() + ": " + (message.is_string() ? message.get<std::string>() : shown(message));
}

bool recorded_value(const nlohmann::json& response) {
  return response.is_object() && response.size() == 1 && response.contains("value");
}

// A Result that holds a value where the contract has an error, or the other
// way round, said as such: a JSON patch's "remove at /value: expected 5, got
// nothing" left the user to work out that the provider answered an error.
std::string result_kind_difference(const nlohmann::json& expected, const nlohmann::json& got) {
  const std::string expected_error = recorded_error(expected);
  const std::string got_error = recorded_error(got);
  if (recorded_value(expected) && !got_error.empty())
    return "expected a value (" + shown(expected.at("value")) + "), got the error " + got_error;
  if (!expected_error.empty() && recorded_value(got))
    return "expected the error " + expected_error + ", got a value (" + shown(got.at("value")) + ")";
  return "";
}

std::string first_difference(const nlohmann::json& expected, const nlohmann::json& got) {
  if (std::string kind = result_kind_difference(expected, got); !kind.empty()) return kind;
  const nlohmann::json patch = nlohmann::json::diff(expected, got);
  if (patch.empty()) return "the sign of a zero (-0.0 and 0.0 are equal numbers, not equal as recorded)";
  const nlohmann::json& op = patch.front();
  std::string path = op.value("path", "");
  // An element appended to an array is "/items/-" in a JSON patch: name it
  // by its index, which is where `got` has it.
  if (path == "-" || (path.size() >= 2 && path.compare(path.size() - 2, 2, "/-") == 0)) {
    const std::string parent = path.size() >= 2 ? path.substr(0, path.size() - 2) : std::string();
    const nlohmann::json::json_pointer array(parent);
    const std::size_t index = expected.contains(array) && expected.at(array).is_array() ? expected.at(array).size() : 0;
    path = parent + "/" + std::to_string(index);
  }
  std::string out = op.value("op", "?") + " at " + (path.empty() ? "/" : path);
  const nlohmann::json::json_pointer at(path);
  out += ": expected " + (expected.contains(at) ? shown(expected.at(at)) : std::string("nothing"));
  out += ", got " + (got.contains(at) ? shown(got.at(at)) : std::string("nothing"));
  return out;
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

// "contract <file> (consumer 'c', test T), interaction <index>": how every
// failure of an interaction begins, so that each names the consumer and its
// test as a mismatch does (a thrown replay used to name the file alone).
std::string interaction_intro(const Contract& contract, int index) {
  const auto text = [&](const char* key) {
    const auto it = contract.body.find(key);
    return it != contract.body.end() && it->is_string() ? it->get<std::string>() : std::string("?");
  };
  return "contract " + contract.file + " (consumer '" + text("consumer") + "', test " + text("test") +
         "), interaction " + std::to_string(index);
}

// Why a contract file cannot be replayed as a whole ("" when it can): not
// JSON, or not the shape the recorder writes ({"consumer", "test",
// "interactions": [...]}).
std::string shape_problem(const Contract& contract) {
  constexpr const char* kShape =
      "; a contract file is {\"consumer\": ..., \"test\": ..., \"interactions\": [{\"interface\", \"method\", "
      "\"request\", \"response\"}, ...]} as the consumer's test records it (docs/contracts.md)";
  if (!contract.parse_error.empty()) return "not valid JSON: " + contract.parse_error;
  if (!contract.body.is_object()) return std::string("not a JSON object") + kShape;
  if (!contract.body.contains("interactions")) {
    std::string keys;
    for (const auto& item : contract.body.items()) keys += (keys.empty() ? "\"" : ", \"") + item.key() + "\"";
    return "has no \"interactions\" (its keys: " + (keys.empty() ? std::string("none") : keys) + ")" + kShape;
  }
  if (!contract.body.at("interactions").is_array()) return std::string("\"interactions\" is not an array") + kShape;
  return "";
}

// Why interaction `interaction` cannot be replayed ("" when it can): a key
// the recorder always writes is missing or of the wrong kind. Replaying
// without it would compare with null (no "response") or call with no
// arguments (no "request"), and fail far from the cause.
std::string interaction_problem(const nlohmann::json& interaction) {
  if (!interaction.is_object()) return "is not a JSON object";
  for (const char* key : {"interface", "method"}) {
    if (!interaction.contains(key)) return std::string("has no \"") + key + "\"";
    if (!interaction.at(key).is_string()) return std::string("\"") + key + "\" is not a string";
  }
  if (interaction.contains("resolved_method") && !interaction.at("resolved_method").is_string()) {
    return "\"resolved_method\" is not a string";
  }
  if (!interaction.contains("request")) return "has no \"request\" (the arguments; {} for a method without parameters)";
  if (!interaction.at("request").is_object()) return "\"request\" is not an object of the arguments by name";
  if (!interaction.contains("response")) return "has no \"response\", the recorded answer the replay is compared with";
  return "";
}

// Edit distance of two names, for "did you mean": a contract edited by hand
// that misspells an interface would otherwise be skipped as one whose
// provider is in another deployment.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The name of `known` that `name` most likely misspells (at most two edits,
// and fewer than a third of its length), or "".
template <class Names>
std::string closest_name(const Names& known, const std::string& name) {
  std::string best;
  std::size_t best_distance = 3;
  for (const std::string& k : known) {
    const std::size_t d = edit_distance(name, k);
    if (d > 0 && d < best_distance && d * 3 < k.size()) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

// The interface of this deployment `name` most likely misspells, or "".
std::string misspelt_interface(const ContractSuite& suite, const std::string& name) {
  return closest_name(suite.replayable_interfaces(), name);
}

// The service of this deployment that a contract's consumer name most likely
// misspells, or "". A consumer is named by its test (TestContext("checkout")):
// the service under test's MESHWA_SERVICE name, or any name for a consumer
// that is no service (a front end) or a service of another deployment, so a
// name that is no service here is no error; one this close to a service
// here is probably that service misspelt, whose test then handed its
// service a misspelt ctx.service_name() too.
std::string misspelt_consumer(const Registry& registry, const std::string& consumer) {
  std::vector<std::string> services;
  for (const ServiceDef& def : registry.services()) {
    if (def.name == consumer) return "";
    services.push_back(def.name);
  }
  return closest_name(services, consumer);
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

// A Ref argument of a recorded request, read back while an interaction
// replays (installed on the replaying thread for that call): the stand-in of
// its interface. The consumer's Ref was its own capability; the provider
// gets one it may call, keep and call later, answered with generated values
// (docs/contracts.md §2). Never the deployment's provider of the interface,
// even one that runs for this contract: the contract does not say whose Ref
// was passed (usually the consumer's own, whose constructor would make its
// recorded calls a second time), a provider started for it may call the
// provider under test as it starts, and a running one would get calls the
// consumer's mocks never saw, changing its answers to the contract's own
// interactions with it.
class StandInRefs final : public detail::RecordedRefs {
 public:
  explicit StandInRefs(StandIns& stand_ins) : stand_ins_(stand_ins), previous_(detail::recorded_refs) {
    detail::recorded_refs = this;
  }
  ~StandInRefs() { detail::recorded_refs = previous_; }
  StandInRefs(const StandInRefs&) = delete;
  StandInRefs& operator=(const StandInRefs&) = delete;

  void* capability(std::type_index iface, std::string_view name) override {
    if (void* stand_in = stand_ins_.find(iface, name)) return stand_in;
    throw RefNotReplayed{};  // no unit registered one: a meshwa bug, the interaction fails
  }

 private:
  StandIns& stand_ins_;
  detail::RecordedRefs* previous_;
};

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

void replay_contract(const ContractSuite& suite, const ContractRun& run, const Contract& contract) {
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
  int replayed = 0;
  int index = 0;
  std::vector<std::string> skipped;
  std::vector<std::string> not_compared;
  // Interactions whose provider called a stand-in: "1 (hotel::Rec::reload, 80 calls)".
  std::vector<std::string> stand_in_uses;
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
    watch.step("interaction " + std::to_string(index) + ", " + iface + "::" + method);
    nlohmann::json got;
    const std::uint64_t stand_in_calls = stand_ins.calls();
    try {
      const StandInRefs refs(stand_ins);
      // As it would be recorded: JSON has no NaN or infinity, a contract file
      // holds null for them, and a double in memory would compare unequal.
      got = nlohmann::json::parse(json_text((*replay)(deployment, request)));
    } catch (const RefNotReplayed&) {
      // As a property test does: an interaction that cannot be called must
      // neither pass nor be skipped.
      ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": " << iface << "::"
                               << method << "(" << shown(request) << "): not replayed: a Ref argument's interface "
                               << "has no stand-in (meshwa gen writes one for every interface a unit sees: a meshwa bug)";
      continue;
    } catch (const EscapedException& e) {
      ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": " << iface << "::" << method
                    << "(" << shown(request) << "): an exception escaped a method without meshwa::Result: " << e.text;
      continue;
    } catch (const std::exception& e) {
      ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": " << iface << "::" << method
                    << "(" << shown(request) << "): the replay threw: " << e.what();
      continue;
    }
    if (!same_json(got, expected)) expected = with_current_refs(expected, got);
    const std::uint64_t calls = stand_ins.calls() - stand_in_calls;
    const std::string earlier_stand_ins = stand_ins_hint(stand_in_uses);
    if (calls > 0) {
      stand_in_uses.push_back(std::to_string(index) + " (" + iface + "::" + method + ", " + std::to_string(calls) +
                              (calls == 1 ? " call)" : " calls)"));
    }
    if (calls > 0 && !same_json(got, expected)) {
      // The answer may be the provider's reply to what a stand-in said,
      // which the consumer's test never decided: no contract was broken.
      not_compared.push_back(iface + "::" + method + " (its answer differs, after " + std::to_string(calls) +
                             (calls == 1 ? " call" : " calls") +
                             " to stand-ins of Ref arguments answered with generated values)");
      continue;
    }
    ++replayed;
    if (!same_json(got, expected)) {
      ADD_FAILURE_AT(at, line) << interaction_intro(contract, index) << ": " << iface
                    << "::" << method << "(" << shown(request) << ")\n  expected: " << shown(expected)
                    << "\n  got:      " << shown(got) << "\n  first difference: " << first_difference(expected, got)
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
                 << "answer differs after calls to stand-ins of its Ref arguments (see 'not compared' above)";
  }
}

// A property test whose service faults outside an MPK domain (services that
// call each other, or a method itself, without end: a stack overflow) kills
// the test binary with SIGSEGV, and stdout (gtest's "[ RUN ]" line) may
// never be flushed. While a property test runs, a SIGSEGV handler on an
// alternate stack (a stack overflow leaves no room on the thread's own)
// first calls the handler that was installed before it, the MPK runtime's,
// which recovers a fault inside an unsafe service's domain by jumping back
// into its gate (it does not return here then). When it returns, the fault
// is fatal: the handler writes one line naming the property test and its
// case to stderr (write(2), async-signal-safe), restores the default
// action and lets the fault happen again, so the test still dies of the
// signal. Outside property tests the handler that was there is back.
namespace property_fault {

char g_line[1024];                   // "meshwa: property test ... case " (without the case number)
std::size_t g_line_size = 0;
volatile sig_atomic_t g_case = -1;   // -1: no property test is running
struct sigaction g_before;           // the handler this one chains to
constexpr std::size_t kAltStackBytes = std::size_t{64} << 10;
void* g_alt_stack = nullptr;         // mmap'd (protection key 0, not an MPK heap), kept for the process

void append(char* out, std::size_t& size, std::size_t cap, const char* text, std::size_t n) {
  for (std::size_t k = 0; k < n && size + 1 < cap; ++k) out[size++] = text[k];
}

void on_fault(int sig, siginfo_t* info, void* context) {
  if ((g_before.sa_flags & SA_SIGINFO) != 0 && g_before.sa_sigaction != nullptr) {
    g_before.sa_sigaction(sig, info, context);  // the MPK runtime's: may recover and not return
  } else if (g_before.sa_handler != SIG_DFL && g_before.sa_handler != SIG_IGN) {
    g_before.sa_handler(sig);
  }
  const int running = g_case;
  if (running >= 0) {
    char line[sizeof g_line + 256];
    std::size_t size = 0;
    append(line, size, sizeof line, g_line, g_line_size);
    char digits[16];
    std::size_t n = 0;
    for (unsigned v = static_cast<unsigned>(running); n == 0 || v != 0; v /= 10) digits[n++] = static_cast<char>('0' + v % 10);
    while (n > 0) append(line, size, sizeof line, &digits[--n], 1);
    static const char kWhy[] =
        ", died of SIGSEGV: most likely unbounded recursion (services calling each other, or a method itself, "
        "without end: a stack overflow) or a memory fault in the service\n";
    append(line, size, sizeof line, kWhy, sizeof kWhy - 1);
    if (size > 0 && line[size - 1] != '\n') line[size - 1] = '\n';
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, line, size);
  }
  struct sigaction dfl{};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
  // A fault happens again when the handler returns, now under the default
  // action; a SIGSEGV sent by kill(2) would not: raise it.
  if (info == nullptr || info->si_code <= 0) raise(sig);
}

// Installed for one property test.
class Guard {
 public:
  Guard(const std::string& test, const std::string& method) {
    g_line_size = 0;
    const std::string text = "meshwa: property test " + test + " (" + method + ") was running, case ";
    append(g_line, g_line_size, sizeof g_line, text.data(), text.size());
    if (g_alt_stack == nullptr) {
      void* p = ::mmap(nullptr, kAltStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) return;  // no report, the test runs as before
      g_alt_stack = p;
    }
    stack_t alt{};
    alt.ss_sp = g_alt_stack;
    alt.ss_size = kAltStackBytes;
    if (sigaltstack(&alt, &old_stack_) != 0) return;
    struct sigaction sa{};
    sa.sa_sigaction = &on_fault;
    // SA_NODEFER as the MPK runtime's own handler: when it recovers a fault
    // it leaves by a jump, not by sigreturn, and SIGSEGV must not stay
    // blocked. SA_ONSTACK: a stack overflow leaves no stack to run on.
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, &g_before) != 0) {
      sigaltstack(&old_stack_, nullptr);
      return;
    }
    installed_ = true;
  }
  ~Guard() {
    g_case = -1;
    if (!installed_) return;
    sigaction(SIGSEGV, &g_before, nullptr);
    sigaltstack(&old_stack_, nullptr);
  }
  Guard(const Guard&) = delete;
  Guard& operator=(const Guard&) = delete;

  void next_case(int index) const {
    if (installed_) g_case = index;
  }

 private:
  stack_t old_stack_{};
  bool installed_ = false;
};

}  // namespace property_fault

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
                            [&suite, &run, contract]() -> ::testing::Test* {
                              struct T : ::testing::Test {
                                const ContractSuite* s;
                                const ContractRun* r;
                                Contract c;
                                T(const ContractSuite* s, const ContractRun* r, Contract c) : s(s), r(r), c(std::move(c)) {}
                                void TestBody() override { replay_contract(*s, *r, c); }
                              };
                              return new T(&suite, &run, contract);
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
