// run_contract_tests: every recorded contract replayed against a fresh
// deployment through the real stubs, every property checked.
#include "meshwa/gen/contract_suite.hpp"

#include "meshwa/runtime/mpk.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
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

struct Contract {
  std::string file;  // file name, for messages
  nlohmann::json body;
  std::vector<int> interaction_lines;  // 1-based line of each interaction's "{", where it could be found
};

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
      Contract c{path.string(), nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false), {}};
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

Registry make_registry(const ContractRun& run) {
  Registry registry;
  run.register_services(registry);
  return registry;
}

Config make_config(const ContractRun& run) {
  return run.config_path.empty() ? Config{} : Config::from_file(run.config_path);
}

// A JSON value in a failure message: whole when short; else its start and
// its length (a contract with a 1 MiB payload would print megabytes).
std::string shown(const nlohmann::json& value) {
  constexpr std::size_t kMax = 240;
  const std::string text = json_text(value);
  if (text.size() <= kMax) return text;
  return text.substr(0, kMax) + "... (" + std::to_string(text.size()) + " characters)";
}

// The first place where two JSON values differ: a JSON pointer and the two
// values there.
std::string first_difference(const nlohmann::json& expected, const nlohmann::json& got) {
  const nlohmann::json patch = nlohmann::json::diff(expected, got);
  if (patch.empty()) return "";
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

void replay_contract(const ContractSuite& suite, const ContractRun& run, const Contract& contract) {
  if (contract.body.is_discarded() || !contract.body.contains("interactions")) {
    FAIL() << "contract " << contract.file << ": not a contract file (invalid JSON or no \"interactions\")";
  }
  EscapeGuard escape;
  Registry registry = make_registry(run);
  // Only the providers the contract calls, and what they depend on (their
  // constructors' ctx.ref<I>(); a method's when it asks): not the consumer,
  // whose constructor would make its recorded calls a second time, nor
  // anything else that might call the provider while it starts. They start
  // in the deployment's order, before the first interaction.
  Deployment::OnDemand providers;
  for (const nlohmann::json& interaction : contract.body.at("interactions")) {
    const std::string iface = interaction.is_object() ? interaction.value("interface", "") : "";
    for (const ServiceDef& def : registry.services()) {
      const bool provides = std::any_of(def.provides.begin(), def.provides.end(),
                                        [&](const InterfaceId& id) { return id.name == iface; });
      if (provides && std::find(providers.first.begin(), providers.first.end(), def.name) == providers.first.end()) {
        providers.first.push_back(def.name);
      }
    }
  }
  Deployment deployment(registry, make_config(run), providers);
  int replayed = 0;
  int index = 0;
  std::vector<std::string> skipped;
  for (const nlohmann::json& interaction : contract.body.at("interactions")) {
    ++index;
    const int line = index <= static_cast<int>(contract.interaction_lines.size())
                         ? contract.interaction_lines[static_cast<std::size_t>(index - 1)]
                         : 1;
    const char* at = contract.file.c_str();
    const std::string iface = interaction.value("interface", "");
    const std::string method = interaction.value("method", "");
    const ContractSuite::Replay* replay = suite.find_replay(iface, method);
    if (replay == nullptr) {
      const std::vector<std::string> known = suite.replayable_methods(iface);
      if (known.empty()) {
        skipped.push_back(iface + "::" + method + " (no provider in this deployment)");
        continue;
      }
      // The provider is here but has no such method: removed, renamed, or
      // keyed name(param types) since an overload was added. Not a skip.
      std::string methods;
      for (const std::string& k : known) methods += (methods.empty() ? "" : ", ") + k;
      ADD_FAILURE_AT(at, line) << "contract " << contract.file << ", interaction " << index << ": " << iface
                    << " has no method \"" << method << "\" any more (it has: " << methods
                    << "); an overloaded method is keyed name(param types): record the contract again";
      continue;
    }
    const nlohmann::json& request = interaction.value("request", nlohmann::json::object());
    if (json_text(request).find("{\"ref\":") != std::string::npos) {
      skipped.push_back(iface + "::" + method + " (a Ref argument: a capability cannot be replayed)");
      continue;
    }
    const nlohmann::json expected = interaction.value("response", nlohmann::json());
    nlohmann::json got;
    try {
      // As it would be recorded: JSON has no NaN or infinity, a contract file
      // holds null for them, and a double in memory would compare unequal.
      got = nlohmann::json::parse(json_text((*replay)(deployment, request)));
    } catch (const EscapedException& e) {
      ADD_FAILURE_AT(at, line) << "contract " << contract.file << ", interaction " << index << ", " << iface << "::" << method
                    << "(" << shown(request) << "): an exception escaped a method without meshwa::Result: " << e.text;
      continue;
    } catch (const std::exception& e) {
      ADD_FAILURE_AT(at, line) << "contract " << contract.file << ", interaction " << index << ", " << iface << "::" << method
                    << "(" << shown(request) << "): the replay threw: " << e.what();
      continue;
    }
    ++replayed;
    if (got != expected) {
      ADD_FAILURE_AT(at, line) << "contract " << contract.file << " (consumer '" << contract.body.value("consumer", "?")
                    << "', test " << contract.body.value("test", "?") << "), interaction " << index << ": " << iface
                    << "::" << method << "(" << shown(request) << ")\n  expected: " << shown(expected)
                    << "\n  got:      " << shown(got) << "\n  first difference: " << first_difference(expected, got);
    }
  }
  for (const std::string& s : skipped) std::cout << "  not replayed: " << s << "\n";
  if (replayed == 0 && !skipped.empty()) GTEST_SKIP() << "contract " << contract.file << ": nothing to replay here";
}

// Which stand-ins answered, after a property test (docs/contracts.md §3).
struct StandInReport {
  const StandIns& stand_ins;
  ~StandInReport() {
    for (const std::string& s : stand_ins.summary()) {
      std::cout << "  stand-in (no provider in this deployment): " << s << ", answered with generated values\n";
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
  Registry registry = make_registry(run);
  Deployment deployment(registry, make_config(run));
  stand_ins.attach(&deployment);
  struct Detach {
    StandIns& s;
    ~Detach() { s.attach(nullptr); }  // the deployment goes first
  } detach{stand_ins};
  PropertyContext p(name, seed, deployment, stand_ins);
  for (int i = 0; i < run.property_cases; ++i) {
    p.next_case(i);
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

int run_contract_tests(int argc, char** argv, ContractSuite& suite, const ContractRun& run) {
  ::testing::InitGoogleTest(&argc, argv);
  meshwa::mpk::start({.announce = false});  // before any service starts (docs/gate-protocol.md)
  std::vector<std::string> dirs = run.contract_dirs;
  if (const char* env = std::getenv("MESHWA_CONTRACT_DIRS")) {  // '|'-separated, replaces the built-in list
    dirs.clear();
    std::string all = env;
    for (std::size_t begin = 0; begin <= all.size();) {
      std::size_t end = all.find('|', begin);
      if (end == std::string::npos) end = all.size();
      if (end > begin) dirs.push_back(all.substr(begin, end - begin));
      begin = end + 1;
    }
  }
  for (const Contract& contract : load_contracts(dirs)) {
    const std::string name = test_name(std::filesystem::path(contract.file).stem().string());
    ::testing::RegisterTest("Contract", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
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
    std::fprintf(stderr,
                 "meshwa: no test named %s: its contract file is gone (or was renamed) since this binary was built; "
                 "rebuild, and ctest forgets it\n",
                 filter.c_str());
    return 1;
  }
  return RUN_ALL_TESTS();
}

}  // namespace meshwa::gen
