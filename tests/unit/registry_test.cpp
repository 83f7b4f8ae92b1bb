#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <map>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <meshwa/meshwa.hpp>
#include <meshwa/registry.hpp>
#include <meshwa/start_text.hpp>

namespace {

// ---- interfaces
class MESHWA_INTERFACE Store {
 public:
  virtual ~Store() = default;
  virtual meshwa::Result<std::string> get(std::string key) = 0;
  virtual int64_t calls() = 0;
};

class MESHWA_INTERFACE Cache {
 public:
  virtual ~Cache() = default;
  virtual meshwa::Result<std::string> lookup(std::string key) = 0;
};

class MESHWA_INTERFACE Front {
 public:
  virtual ~Front() = default;
  virtual std::string render(std::string key) = 0;
};

// Records starts and stops, in order, and how many services are alive.
struct Journal {
  std::vector<std::string> events;
  int alive = 0;
};
Journal* g_journal = nullptr;

struct Tracked {
  explicit Tracked(std::string name) : name_(std::move(name)) {
    g_journal->events.push_back("start " + name_);
    ++g_journal->alive;
  }
  ~Tracked() {
    g_journal->events.push_back("stop " + name_);
    --g_journal->alive;
  }
  std::string name_;
};

// ---- implementations: front -> cache -> store
// Tracked is the last member, so it records "start" once the dependencies
// (earlier members) are in place, and "stop" before they go.
class MESHWA_SERVICE("store") StoreService final : public Store {
 public:
  explicit StoreService(meshwa::Context& ctx) : prefix_(ctx.config("prefix", "v:")), tracked_(ctx.service_name()) {}
  meshwa::Result<std::string> get(std::string key) override {
    calls_.fetch_add(1, std::memory_order_relaxed);
    if (key.empty()) return meshwa::Error(meshwa::Code::invalid_argument, "empty key");
    return prefix_ + key;
  }
  int64_t calls() override { return calls_.load(); }

 private:
  std::string prefix_;
  std::atomic<int64_t> calls_{0};
  Tracked tracked_;
};

class MESHWA_SERVICE("cache") CacheService final : public Cache {
 public:
  explicit CacheService(meshwa::Context& ctx) : store_(ctx.ref<Store>()), tracked_(ctx.service_name()) {}
  meshwa::Result<std::string> lookup(std::string key) override { return store_->get(std::move(key)); }

 private:
  meshwa::Ref<Store> store_;
  Tracked tracked_;
};

class MESHWA_SERVICE("front") FrontService final : public Front {
 public:
  explicit FrontService(meshwa::Context& ctx) : cache_(ctx.ref<Cache>()), tracked_(ctx.service_name()) {}
  std::string render(std::string key) override {
    auto r = cache_->lookup(std::move(key));
    return r.has_value() ? *r : "error: " + r.error().message();
  }

 private:
  meshwa::Ref<Cache> cache_;
  Tracked tracked_;
};

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override { g_journal = &journal_; }
  void TearDown() override {
    EXPECT_EQ(journal_.alive, 0) << "a service leaked";
    g_journal = nullptr;
  }
  Journal journal_;
};

using Events = std::vector<std::string>;

TEST_F(RegistryTest, StartsInDependencyOrderAndStopsInReverse) {
  meshwa::Registry reg;
  // Registered in the worst order: dependents first.
  reg.add(meshwa::bind<FrontService, Front>("front"));
  reg.add(meshwa::bind<CacheService, Cache>("cache"));
  reg.add(meshwa::bind<StoreService, Store>("store"));
  {
    meshwa::Deployment dep(reg);
    EXPECT_EQ(dep.start_order(), (std::vector<std::string>{"store", "cache", "front"}));
    EXPECT_EQ(dep.ref<Front>()->render("k"), "v:k");
    EXPECT_EQ(dep.ref<Front>()->render(""), "error: empty key");
    auto deps = dep.dependencies();
    ASSERT_EQ(deps.size(), 2u);
    EXPECT_EQ(deps[0].from, "cache");
    EXPECT_EQ(deps[0].to, "store");
    EXPECT_NE(deps[0].iface.find("Store"), std::string::npos);
    EXPECT_EQ(deps[1].from, "front");
    EXPECT_EQ(deps[1].to, "cache");
  }
  EXPECT_EQ(journal_.events,
            (Events{"start store", "start cache", "start front", "stop front", "stop cache", "stop store"}));
}

TEST_F(RegistryTest, StopIsIdempotent) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<StoreService, Store>("store"));
  meshwa::Deployment dep(reg);
  dep.stop();
  dep.stop();
  EXPECT_FALSE(dep.running());
  EXPECT_EQ(journal_.events, (Events{"start store", "stop store"}));
  EXPECT_THROW(dep.ref<Store>(), meshwa::StartError);
}

TEST_F(RegistryTest, ConfigurationReachesTheService) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<StoreService, Store>("store"));
  auto config = meshwa::Config::from_json_text(R"({"services": {"store": {"prefix": "cfg:"}}})");
  meshwa::Deployment dep(reg, config);
  EXPECT_EQ(*dep.ref<Store>()->get("x"), "cfg:x");
}

// A setting its service never asked for is most likely misspelt: named,
// with its service, for the deployment main to warn of; one asked for (even
// when the file's value equals the fallback) is not, nor is a service's
// empty entry. Still listed after stop().
TEST_F(RegistryTest, SettingsNoServiceReadAreListed) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<StoreService, Store>("store"));
  reg.add(meshwa::bind<CacheService, Cache>("cache"));
  auto config = meshwa::Config::from_json_text(
      R"({"services": {"store": {"prefix": "v:", "prefx": "cfg:", "ttl": 3}, "cache": {}}})");
  meshwa::Deployment dep(reg, config);
  using Unread = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(dep.unread_config(), (Unread{{"store", "prefx"}, {"store", "ttl"}}));
  dep.stop();
  EXPECT_EQ(dep.unread_config(), (Unread{{"store", "prefx"}, {"store", "ttl"}}));
  meshwa::Deployment all_read(reg, meshwa::Config::from_json_text(R"({"services": {"store": {"prefix": "x"}}})"));
  EXPECT_TRUE(all_read.unread_config().empty());
}

// The keys a service asked for, which the deployment main compares an unread
// setting with to name the key it most likely misspells ("prefx": did you
// mean "prefix"?). A service that read nothing, or is not deployed, has none.
TEST_F(RegistryTest, TheKeysAServiceReadAreKnown) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<StoreService, Store>("store"));
  reg.add(meshwa::bind<CacheService, Cache>("cache"));
  meshwa::Deployment dep(reg, meshwa::Config::from_json_text(R"({"services": {"store": {"prefx": "cfg:"}}})"));
  EXPECT_EQ(dep.config_keys_read("store"), std::vector<std::string>{"prefix"});
  EXPECT_TRUE(dep.config_keys_read("cache").empty());
  EXPECT_TRUE(dep.config_keys_read("nobody").empty());
}

// One file for two deployments of the same libraries (api22's social
// network and its read side): every entry for a service not deployed is
// named, one line each, in the order of the file (it named only the first
// in alphabetical order, so it took one run per entry).
TEST_F(RegistryTest, EveryEntryForAServiceNotDeployedIsNamedInTheOrderOfTheFile) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<StoreService, Store>("store"));
  auto config = meshwa::Config::from_json_text(
      "{\"services\": {\n  \"zeta\": {},\n  \"store\": {},\n  \"alpha\": {\"k\": \"v\"}}}", "deploy.json");
  try {
    meshwa::Deployment dep(reg, config);
    FAIL() << "entries for 'zeta' and 'alpha' were accepted";
  } catch (const meshwa::StartError& e) {
    EXPECT_EQ(std::string(e.what()),
              "deploy.json:2:3: the configuration has an entry for service 'zeta' (key services.zeta), which is not "
              "in this deployment (its services: store); correct the name or remove the entry\n"
              "deploy.json:4:3: the configuration has an entry for service 'alpha' (key services.alpha), which is "
              "not in this deployment (its services: store); correct the name or remove the entry");
  }
}

TEST_F(RegistryTest, ConfigurationForAServiceNotDeployedIsRejected) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<StoreService, Store>("store"));
  reg.add(meshwa::bind<CacheService, Cache>("cache"));
  auto config = meshwa::Config::from_json_text(R"({"services": {"stroe": {"prefix": "cfg:"}}})");
  try {
    meshwa::Deployment dep(reg, config);
    FAIL() << "a configuration for 'stroe' was accepted";
  } catch (const meshwa::StartError& e) {
    // 'stroe' is one transposition from 'store': named outright, as
    // meshwa_add_deployment names a misspelt target (probe api17).
    EXPECT_NE(std::string(e.what()).find("<config>:1:15: the configuration has an entry for service 'stroe' (key "
                                         "services.stroe), which is not in this deployment (its services: store, "
                                         "cache); did you mean 'store'? correct the name or remove the entry"),
              std::string::npos)
        << e.what();
  }
  // Read from a file (a deployment's CONFIG, which its contract tests read
  // without the user passing it): the error names the file, as the file's
  // other errors do (probe api5 #2).
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("meshwa_config_" + std::to_string(::getpid()) + ".json"))
                               .string();
  {
    std::ofstream(path) << "{\n  \"services\": {\n    \"store\": {},\n    \"pinger-typo\": {\"k\": \"v\"}\n  }\n}\n";
  }
  auto from_file = meshwa::Config::from_file(path);
  std::filesystem::remove(path);
  try {
    meshwa::Deployment dep(reg, from_file);
    FAIL() << "a configuration for 'pinger-typo' was accepted";
  } catch (const meshwa::StartError& e) {
    // At the entry's key (line 4, column 5), as the file's other errors
    // are placed and editors jump to (it named only the file).
    EXPECT_EQ(std::string(e.what()), path + ":4:5: the configuration has an entry for service 'pinger-typo' (key "
                                            "services.pinger-typo), which is not in this deployment (its services: "
                                            "store, cache); correct the name or remove the entry");
  }
  // A configuration built in code has no file to name.
  meshwa::Config built;
  built.set("stroe", "k", "v");
  try {
    meshwa::Deployment dep(reg, built);
    FAIL() << "a configuration for 'stroe' was accepted";
  } catch (const meshwa::StartError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("the configuration has an entry for service 'stroe'", 0), 0u) << e.what();
  }
  // An empty entry is still a misspelt name.
  auto empty = meshwa::Config::from_json_text(R"({"services": {"cahce": {}}})");
  EXPECT_THROW(meshwa::Deployment(reg, empty), meshwa::StartError);
  EXPECT_TRUE(journal_.events.empty()) << "nothing starts";
}

// Each entry knows the line and column of its key in the file, for the
// warning about a setting never read and the error about a service not
// deployed (nlohmann's DOM keeps no positions, so they named only the
// file): found by the path of keys, also where a key is written with
// escapes, a value's text looks like a key, or the same name is a key at
// another depth.
TEST(Config, EntriesKnowWhereTheFileGivesThem) {
  const std::string text =
      "{\n"
      "  \"mpk\": {\"max_faults\": 3},\n"
      "  \"services\": {\n"
      "    \"port\": {\"note\": \"\\\"store\\\": {\", \"port\": 1},\n"
      "    \"st\\u006fre\": {\n"
      "      \"prefix\": \"v:\",\n"
      "\t\"port\" : 8080\n"
      "    }\n"
      "  }\n"
      "}\n";
  const auto config = meshwa::Config::from_json_text(text, "deploy.json");
  EXPECT_EQ(*config.find("port", "note"), "\"store\": {");
  EXPECT_EQ(config.place("store"), "deploy.json:5:5");
  EXPECT_EQ(config.place("store", "prefix"), "deploy.json:6:7");
  EXPECT_EQ(config.place("store", "port"), "deploy.json:7:2");
  EXPECT_EQ(config.place("port"), "deploy.json:4:5");
  EXPECT_EQ(config.place("port", "port"), "deploy.json:4:38");
  // Not from a file, or not given by it: the origin alone.
  EXPECT_EQ(config.place("store", "missing"), "deploy.json");
  meshwa::Config built;
  built.set("store", "prefix", "v:");
  EXPECT_EQ(built.place("store", "prefix"), "");
  // The same places as numbers, which order entries by where they stand
  // (a configuration's stray entries are listed in file order).
  using Position = meshwa::Config::Position;
  EXPECT_EQ(config.position("store", "port"), (Position{7, 2}));
  EXPECT_EQ(config.position("port", "port"), (Position{4, 38}));
  EXPECT_LT(*config.position("port"), *config.position("store"));
  EXPECT_LT(*config.position("port", "note"), *config.position("port", "port"));
  EXPECT_EQ(config.position("store", "missing"), std::nullopt);
  EXPECT_EQ(built.position("store", "prefix"), std::nullopt);
}

// The reason a file cannot be read, so that a misspelt path and a
// directory given for the file are told apart.
TEST(Config, AnUnreadableFileSaysWhy) {
  auto message = [](const std::string& path) {
    try {
      (void)meshwa::Config::from_file(path);
    } catch (const meshwa::StartError& e) {
      return std::string(e.what());
    }
    return std::string("read");
  };
  EXPECT_EQ(message("/nonexistent/deploy.json"), "cannot read configuration file /nonexistent/deploy.json: no such file");
  EXPECT_EQ(message("/tmp"), "cannot read configuration file /tmp: it is a directory; give the JSON file itself");
}

TEST(Config, RejectsMalformedFilesWithTheirOrigin) {
  EXPECT_THROW(meshwa::Config::from_json_text("{", "deploy.json"), meshwa::StartError);
  // A syntax error names its place as file:line:column, as compilers do
  // (it was only inside nlohmann's text; probe api20).
  try {
    meshwa::Config::from_json_text("{\"services\": {\n  \"cart\": {\"max\": 3,}}}", "deploy.json");
    FAIL() << "a trailing comma was accepted";
  } catch (const meshwa::StartError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("deploy.json:2:21: not valid JSON: ", 0), 0u) << what;
    EXPECT_NE(what.find("at line 2, column 21"), std::string::npos) << what;
  }
  try {
    meshwa::Config::from_json_text(R"({"servics": {}})", "deploy.json");
    FAIL();
  } catch (const meshwa::StartError& e) {
    EXPECT_NE(std::string(e.what()).find("deploy.json:1:2: unknown key \"servics\""), std::string::npos) << e.what();
  }
  EXPECT_THROW(meshwa::Config::from_json_text(R"({"services": {"a": {"k": [1]}}})"), meshwa::StartError);
  auto numbers = meshwa::Config::from_json_text(R"({"services": {"a": {"n": 3, "b": true}}})");
  EXPECT_EQ(*numbers.find("a", "n"), "3");
  EXPECT_EQ(*numbers.find("a", "b"), "true");
  EXPECT_EQ(numbers.find("a", "missing"), nullptr);
  EXPECT_THROW(meshwa::Config::from_file("/nonexistent/meshwa.json"), meshwa::StartError);
}

// A number is read as its JSON text, not re-serialised (probe api4 #5:
// 1e2 became "100.0", 100000000000000000000000 "9.999999999999999e+22");
// a key twice in one object is an error, not the last one silently.
TEST(Config, NumbersAreTheirJsonTextAndKeysAreUnique) {
  auto numbers = meshwa::Config::from_json_text(
      R"({"services": {"a": {"e": 1e2, "big": 100000000000000000000000, "f": 0.10, "i": -42, "u": 18446744073709551615}}})");
  EXPECT_EQ(*numbers.find("a", "e"), "1e2");
  EXPECT_EQ(*numbers.find("a", "big"), "100000000000000000000000");
  EXPECT_EQ(*numbers.find("a", "f"), "0.10");
  EXPECT_EQ(*numbers.find("a", "i"), "-42");
  EXPECT_EQ(*numbers.find("a", "u"), "18446744073709551615");
  try {
    meshwa::Config::from_json_text(R"({"services": {"a": {"dup": "first", "dup": "second"}}})", "deploy.json");
    FAIL() << "a duplicate key was accepted";
  } catch (const meshwa::StartError& e) {
    EXPECT_STREQ(e.what(),
                 "deploy.json:1:37: the key \"dup\" appears twice in services.a, and only one value can be read; "
                 "keep one\ndeploy.json:1:21: note: the first \"dup\" is here");
  }
  // The same key in two objects is no duplicate.
  auto two = meshwa::Config::from_json_text(R"({"services": {"a": {"k": "1"}, "b": {"k": "2"}}})");
  EXPECT_EQ(*two.find("b", "k"), "2");
  // A float beyond a double's range is valid JSON that no reader holds:
  // an error at its line and column that says to quote it, not nlohmann's
  // bare out_of_range without the file (probe api7).
  try {
    meshwa::Config::from_json_text("{\"services\": {\"a\": {\n  \"big\": 1e400}}}", "deploy.json");
    FAIL() << "1e400 was accepted";
  } catch (const meshwa::StartError& e) {
    EXPECT_STREQ(e.what(),
                 "deploy.json:2:10: the number 1e400 is beyond the range of a double, which JSON "
                 "readers hold numbers in; write it as a string (in quotes), which the service reads as the same "
                 "text");
  }
  EXPECT_EQ(*meshwa::Config::from_json_text(R"({"services": {"a": {"big": "1e400"}}})").find("a", "big"), "1e400");
  // A number where an object belongs is still refused.
  EXPECT_THROW(meshwa::Config::from_json_text(R"({"services": {"a": 1.5}})"), meshwa::StartError);
}

// A key twice in one object is placed at the second, with a note at the
// first, and names its object (api22: it named only the file, so the user
// searched it for the key): across lines, escaped spellings of one key, at
// the top level, in "mpk", the first of several, one in an array, and one
// deeper than the places kept.
TEST(Config, ADuplicateKeyIsPlacedAtTheSecondWithANoteAtTheFirst) {
  const auto problem = [](std::string_view text) -> std::string {
    try {
      meshwa::Config::from_json_text(text, "deploy.json");
    } catch (const meshwa::StartError& e) {
      return e.what();
    }
    return "accepted";
  };
  EXPECT_EQ(problem("{\n  \"services\": {\n    \"users\": {\"secret\": \"a\",\n              \"secret\": \"b\"}}}"),
            "deploy.json:4:15: the key \"secret\" appears twice in services.users, and only one value can be read; "
            "keep one\ndeploy.json:3:15: note: the first \"secret\" is here");
  EXPECT_EQ(problem(R"({"services": {"a": {"port": 1, "\u0070ort": 2}}})"),
            "deploy.json:1:32: the key \"port\" appears twice in services.a, and only one value can be read; keep "
            "one\ndeploy.json:1:21: note: the first \"port\" is here");
  EXPECT_EQ(problem(R"({"services": {}, "services": {}})"),
            "deploy.json:1:18: the key \"services\" appears twice in the top-level object, and only one value can be "
            "read; keep one\ndeploy.json:1:2: note: the first \"services\" is here");
  EXPECT_EQ(problem(R"({"mpk": {"max_faults": 1, "max_faults": 2}})"),
            "deploy.json:1:27: the key \"max_faults\" appears twice in mpk, and only one value can be read; keep "
            "one\ndeploy.json:1:10: note: the first \"max_faults\" is here");
  EXPECT_EQ(problem(R"({"services": {"a": {"x": "1", "y": "2", "x": "3", "y": "4"}}})"),
            "deploy.json:1:41: the key \"x\" appears twice in services.a, and only one value can be read; keep "
            "one\ndeploy.json:1:21: note: the first \"x\" is here");
  EXPECT_EQ(problem(R"({"services": {"a": {"k": [{"v": 1}, {"v": 2, "v": 3}]}}})"),
            "deploy.json:1:46: the key \"v\" appears twice in services.a.k.1, and only one value can be read; keep "
            "one\ndeploy.json:1:38: note: the first \"v\" is here");
  EXPECT_EQ(problem(R"({"services": {"a": {"b": {"c": {"d": 1, "d": 2}}}}})"),
            "deploy.json:1:41: the key \"d\" appears twice in services.a.b.c, and only one value can be read; keep "
            "one\ndeploy.json:1:33: note: the first \"d\" is here");
  // Nested far deeper than a stack would take: found, without recursion.
  const std::string deep = std::string(100000, '[') + R"({"z": 1, "z": 2})" + std::string(100000, ']');
  EXPECT_EQ(problem(deep).rfind("deploy.json:1:100010: the key \"z\" appears twice in one object", 0), 0u);
}

// The "mpk" section: the MPK domains' restart policy, checked where it is
// read (with the file's name), each field optional.
TEST(Config, MpkSectionIsTheRestartPolicy) {
  const auto none = meshwa::Config::from_json_text(R"({"services": {}})");
  EXPECT_FALSE(none.mpk_policy().max_faults.has_value());
  EXPECT_FALSE(none.mpk_policy().fault_window.has_value());
  const auto both = meshwa::Config::from_json_text(R"({"mpk": {"max_faults": 5, "fault_window_seconds": 1.5}})");
  EXPECT_EQ(both.mpk_policy().max_faults, 5);
  EXPECT_EQ(both.mpk_policy().fault_window, std::chrono::milliseconds(1500));
  const auto window = meshwa::Config::from_json_text(R"({"mpk": {"fault_window_seconds": 120}})");
  EXPECT_FALSE(window.mpk_policy().max_faults.has_value());
  EXPECT_EQ(window.mpk_policy().fault_window, std::chrono::seconds(120));
  EXPECT_EQ(meshwa::Config::from_json_text(R"({"mpk": {"max_faults": 16}})").mpk_policy().max_faults, 16);
  auto error = [](const char* text) {
    try {
      (void)meshwa::Config::from_json_text(text, "deploy.json");
    } catch (const meshwa::StartError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  const std::string faults =
      "deploy.json:1:10: mpk.max_faults must be a whole number from 1 to 16 (a domain remembers its last 16 faults); it is ";
  EXPECT_EQ(error(R"({"mpk": {"max_faults": 0}})"), faults + "0");
  EXPECT_EQ(error(R"({"mpk": {"max_faults": 17}})"), faults + "17");
  EXPECT_EQ(error(R"({"mpk": {"max_faults": 2.5}})"), faults + "\"2.5\"");
  EXPECT_EQ(error(R"({"mpk": {"max_faults": "many"}})"), faults + "\"many\"");
  EXPECT_EQ(error(R"({"mpk": {"max_faults": true}})"), faults + "true");
  const std::string window_error = "deploy.json:1:10: mpk.fault_window_seconds must be a number of seconds from 0.001 to 31536000; it is ";
  EXPECT_EQ(error(R"({"mpk": {"fault_window_seconds": 0}})"), window_error + "0");
  EXPECT_EQ(error(R"({"mpk": {"fault_window_seconds": -3}})"), window_error + "-3");
  EXPECT_EQ(error(R"({"mpk": {"fault_window_seconds": "soon"}})"), window_error + "\"soon\"");
  EXPECT_EQ(error("{\"mpk\": {\n  \"max_fault\": 3}}"),
            "deploy.json:2:3: mpk: unknown key \"max_fault\"; the keys of \"mpk\" are \"max_faults\" and "
            "\"fault_window_seconds\"");
  EXPECT_EQ(error(R"({"mpk": 3})"),
            "deploy.json:1:2: mpk must be an object: {\"max_faults\": 3, \"fault_window_seconds\": 60}");
  // Each error is placed at its key (api21: these named only the file).
  EXPECT_EQ(error("{\n\"services\": []}"), "deploy.json:2:1: \"services\" must be an object");
  EXPECT_EQ(error("{\"services\": {\n  \"cart\": 3}}"),
            "deploy.json:2:3: services.cart must be an object of settings");
  EXPECT_EQ(error("{\"services\": {\"cart\": {\n    \"k\": [1]}}}"),
            "deploy.json:2:5: services.cart.k must be a string, number or boolean");
  EXPECT_EQ(error(R"({"mpkk": {}})"),
            "deploy.json:1:2: unknown key \"mpkk\"; the top-level keys are \"services\" and \"mpk\"");
}

TEST_F(RegistryTest, MissingImplementationNamesTheServiceAndTheInterface) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<FrontService, Front>("front"));
  reg.add(meshwa::bind<CacheService, Cache>("cache"));
  try {
    meshwa::Deployment dep(reg);
    FAIL() << "must not start";
  } catch (const meshwa::StartError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("service 'cache' needs interface"), std::string::npos) << what;
    EXPECT_NE(what.find("Store"), std::string::npos) << what;
    EXPECT_NE(what.find("no service in the deployment implements it"), std::string::npos) << what;
  }
  EXPECT_TRUE(journal_.events.empty());  // nothing was fully constructed
}

TEST_F(RegistryTest, TwoImplementationsOfOneInterfaceAreRejected) {
  class MESHWA_SERVICE("store2") OtherStore final : public Store {
   public:
    explicit OtherStore(meshwa::Context&) {}
    meshwa::Result<std::string> get(std::string) override { return std::string("other"); }
    int64_t calls() override { return 0; }
  };
  meshwa::Registry reg;
  reg.add(meshwa::bind<StoreService, Store>("store"));
  try {
    reg.add(meshwa::bind<OtherStore, Store>("store2"));
    FAIL();
  } catch (const meshwa::StartError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("is implemented by two services, 'store'"), std::string::npos) << what;
    EXPECT_NE(what.find("'store2'"), std::string::npos) << what;
  }
  EXPECT_THROW(reg.add(meshwa::bind<StoreService, Store>("store")), meshwa::StartError);  // same name
}

// A cycle: a -> b -> c -> a.
class MESHWA_INTERFACE A {
 public:
  virtual ~A() = default;
};
class MESHWA_INTERFACE B {
 public:
  virtual ~B() = default;
};
class MESHWA_INTERFACE C {
 public:
  virtual ~C() = default;
};
class MESHWA_SERVICE("a") AService final : public A {
 public:
  explicit AService(meshwa::Context& ctx) : b_(ctx.ref<B>()) {}
  meshwa::Ref<B> b_;
};
class MESHWA_SERVICE("b") BService final : public B {
 public:
  explicit BService(meshwa::Context& ctx) : c_(ctx.ref<C>()) {}
  meshwa::Ref<C> c_;
};
class MESHWA_SERVICE("c") CService final : public C {
 public:
  explicit CService(meshwa::Context& ctx) : a_(ctx.ref<A>()), tracked_("c") {}
  meshwa::Ref<A> a_;
  Tracked tracked_;
};

TEST_F(RegistryTest, DependencyCycleIsPrinted) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<AService, A>("a"));
  reg.add(meshwa::bind<BService, B>("b"));
  reg.add(meshwa::bind<CService, C>("c"));
  try {
    meshwa::Deployment dep(reg);
    FAIL();
  } catch (const meshwa::StartError& e) {
    EXPECT_NE(std::string(e.what()).find("dependency cycle between services: a -> b -> c -> a"), std::string::npos)
        << e.what();
  }
}

// A constructor that asks for its own service's interface (through a helper,
// which meshwa gen may not follow into another file): the remedy meshwa gen
// and meshwa deploy give for one service (meshwa/start_text.hpp), not "one
// side" of a cycle.
class MESHWA_INTERFACE Listener {
 public:
  virtual ~Listener() = default;
};
meshwa::Ref<Listener> subscribe_self(meshwa::Context& ctx) { return ctx.ref<Listener>(); }
class MESHWA_SERVICE("app") AppService final : public Listener {
 public:
  explicit AppService(meshwa::Context& ctx) : self_(subscribe_self(ctx)) {}
  meshwa::Ref<Listener> self_;
};

TEST_F(RegistryTest, AServiceAskingForItsOwnInterfaceInItsConstructorGetsTheOneServiceRemedy) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<AppService, Listener>("app"));
  try {
    meshwa::Deployment dep(reg);
    FAIL();
  } catch (const meshwa::StartError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("asks for its own interface"), std::string::npos) << what;
    EXPECT_NE(what.find("while its constructor runs (app -> app), " +
                        meshwa::detail::self_ref_reason_and_remedy(meshwa::type_name<Listener>())),
              std::string::npos)
        << what;
    EXPECT_EQ(what.find("one side"), std::string::npos) << what;
  }
}

// From a method, a service's own interface is the service itself, which
// has started by then: the call goes through its stub like any other, and
// the run-time dependencies hold the self edge `--graph` draws (only the
// constructor's ask, above, cannot work).
class MESHWA_INTERFACE Echoer {
 public:
  virtual ~Echoer() = default;
  virtual std::string echo(std::string s) = 0;
  virtual std::string twice(std::string s) = 0;
};
class MESHWA_SERVICE("echoer") EchoerService final : public Echoer {
 public:
  explicit EchoerService(meshwa::Context& ctx) : ctx_(ctx) {}
  std::string echo(std::string s) override { return s; }
  std::string twice(std::string s) override {
    meshwa::Ref<Echoer> self = ctx_.ref<Echoer>();
    return self->echo(s) + self->echo(s);
  }

 private:
  meshwa::Context& ctx_;
};

TEST_F(RegistryTest, AServiceAskingForItsOwnInterfaceFromAMethodCallsItself) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<EchoerService, Echoer>("echoer"));
  meshwa::Deployment dep(reg);
  EXPECT_EQ(dep.ref<Echoer>()->twice("ab"), "abab");
  const auto deps = dep.dependencies();
  ASSERT_EQ(deps.size(), 1u);
  EXPECT_EQ(deps[0].from, "echoer");
  EXPECT_EQ(deps[0].to, "echoer");
  EXPECT_EQ(dep.start_order(), std::vector<std::string>{"echoer"});
}

// A constructor that throws after its dependencies started.
class MESHWA_INTERFACE Broken {
 public:
  virtual ~Broken() = default;
};
class MESHWA_SERVICE("broken") BrokenService final : public Broken {
 public:
  explicit BrokenService(meshwa::Context& ctx) : cache_(ctx.ref<Cache>()) {
    throw std::runtime_error("cannot open database");
  }
  meshwa::Ref<Cache> cache_;
};

TEST_F(RegistryTest, ThrowingConstructorStopsWhatAlreadyStarted) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<StoreService, Store>("store"));
  reg.add(meshwa::bind<CacheService, Cache>("cache"));
  reg.add(meshwa::bind<BrokenService, Broken>("broken"));
  try {
    meshwa::Deployment dep(reg);
    FAIL();
  } catch (const meshwa::StartError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("service 'broken'"), std::string::npos) << what;
    EXPECT_NE(what.find("failed to start: cannot open database"), std::string::npos) << what;
  }
  EXPECT_EQ(journal_.events, (Events{"start store", "start cache", "stop cache", "stop store"}));
  // TearDown checks that nothing is left alive.
}

// A constructor that parses its settings: std::stoll's exception says only
// "stoll", so the start error names the settings it read, their values and
// the file (probe api15: "failed to start: stoll" named neither).
class MESHWA_INTERFACE Limits {
 public:
  virtual ~Limits() = default;
};
class MESHWA_SERVICE("limits") LimitsService final : public Limits {
 public:
  explicit LimitsService(meshwa::Context& ctx)
      : label_(ctx.config("label", "none")), limit_(std::stoll(ctx.config("limit", "10"))) {}
  std::string label_;
  int64_t limit_;
};

TEST_F(RegistryTest, AConstructorFailingOnASettingNamesTheSettingsItRead) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<LimitsService, Limits>("limits"));
  auto config =
      meshwa::Config::from_json_text(R"({"services": {"limits": {"limit": "ten\nthousand"}}})", "deploy.json");
  try {
    meshwa::Deployment dep(reg, config);
    FAIL() << "a limit of \"ten thousand\" was accepted";
  } catch (const meshwa::StartError& e) {
    EXPECT_EQ(std::string(e.what()),
              "service 'limits' ((anonymous namespace)::LimitsService) failed to start: stoll; it read the "
              "settings services.limits.label (not set: its fallback \"none\"), services.limits.limit = "
              "\"ten\\nthousand\" of deploy.json:1:26; if it failed on one of these values, correct the value");
  }
}

// Each setting read that the file sets is named at its key, line and
// column (api22: they shared one "of deploy.json"), and a setting
// config_as<T> read unset shows the fallback the service ran on (it showed
// "", since config_as asked config() with an empty fallback).
class MESHWA_INTERFACE Shortener {
 public:
  virtual ~Shortener() = default;
};
class MESHWA_SERVICE("shortener") ShortenerService final : public Shortener {
 public:
  explicit ShortenerService(meshwa::Context& ctx)
      : host_(ctx.config("hostname", "http://short/")),
        length_(ctx.config_as<int32_t>("length", 10)),
        seed_(ctx.config_as<uint64_t>("seed", 42)),
        strict_(ctx.config_as<bool>("strict", true)),
        ratio_(ctx.config_as<double>("ratio", 0.25)) {
    if (length_ > 64) throw std::invalid_argument("length must be 1..64");
  }
  std::string host_;
  int32_t length_;
  uint64_t seed_;
  bool strict_;
  double ratio_;
};

TEST_F(RegistryTest, AConstructorFailingNamesEachSettingItReadAtItsPlace) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<ShortenerService, Shortener>("shortener"));
  auto config = meshwa::Config::from_json_text(
      "{\"services\": {\"shortener\": {\n  \"hostname\": \"http://s/\",\n  \"length\": 100}}}", "deploy.json");
  try {
    meshwa::Deployment dep(reg, config);
    FAIL() << "a length of 100 was accepted";
  } catch (const meshwa::StartError& e) {
    EXPECT_EQ(std::string(e.what()),
              "service 'shortener' ((anonymous namespace)::ShortenerService) failed to start: length must be 1..64; "
              "it read the settings services.shortener.hostname = \"http://s/\" of deploy.json:2:3, "
              "services.shortener.length = \"100\" of deploy.json:3:3, services.shortener.seed (not set: its "
              "fallback \"42\"), services.shortener.strict (not set: its fallback \"true\"), "
              "services.shortener.ratio (not set: its fallback \"0.25\"); if it failed on one of these values, "
              "correct the value");
  }
}

// A setting may be long (a PEM certificate): the error shows its start.
TEST_F(RegistryTest, ALongSettingInAStartErrorIsCutAfter60Bytes) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<LimitsService, Limits>("limits"));
  meshwa::Config config;
  config.set("limits", "limit", std::string(70, '7') + "x");
  try {
    meshwa::Deployment dep(reg, config);
    FAIL() << "a limit beyond int64_t was accepted";
  } catch (const meshwa::StartError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("services.limits.limit = \"" + std::string(60, '7') + "\"... (71 bytes) of the configuration;"),
              std::string::npos)
        << what;
  }
}

class MESHWA_INTERFACE Queue {
 public:
  virtual ~Queue() = default;
};
class MESHWA_SERVICE("queue") QueueService final : public Queue {
 public:
  explicit QueueService(meshwa::Context& ctx) : capacity_(ctx.config_as<std::size_t>("queue_size", 64)) {}
  std::size_t capacity_;
};

TEST_F(RegistryTest, ASettingConfigAsRefusesFailsTheStartNamingTheSettingAndTheFile) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<QueueService, Queue>("queue"));
  auto config = meshwa::Config::from_json_text(R"({"services": {"queue": {"queue_size": -3}}})", "deploy.json");
  try {
    meshwa::Deployment dep(reg, config);
    FAIL() << "a queue size of -3 was accepted";
  } catch (const meshwa::StartError& e) {
    EXPECT_EQ(std::string(e.what()),
              "service 'queue' ((anonymous namespace)::QueueService) failed to start: its setting "
              "services.queue.queue_size = \"-3\" of deploy.json:1:25 is not a whole number from 0 to "
              "18446744073709551615; correct the value");
  }
}

TEST_F(RegistryTest, AConstructorFailingWithoutReadingSettingsNamesNone) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<StoreService, Store>("store"));
  reg.add(meshwa::bind<CacheService, Cache>("cache"));
  reg.add(meshwa::bind<BrokenService, Broken>("broken"));
  try {
    meshwa::Deployment dep(reg);
    FAIL();
  } catch (const meshwa::StartError& e) {
    EXPECT_EQ(std::string(e.what()),
              "service 'broken' ((anonymous namespace)::BrokenService) failed to start: cannot open database");
  }
}

TEST_F(RegistryTest, CallsThroughRefsFromManyThreads) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<StoreService, Store>("store"));
  reg.add(meshwa::bind<CacheService, Cache>("cache"));
  meshwa::Deployment dep(reg);
  constexpr int kThreads = 8;
  constexpr int kCalls = 20000;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&dep, &wrong, t] {
      auto cache = dep.ref<Cache>();  // each thread takes its own capability
      for (int i = 0; i < kCalls; ++i) {
        const std::string key = std::to_string(t) + "/" + std::to_string(i);
        auto r = cache->lookup(key);
        if (!r.has_value() || *r != "v:" + key) wrong.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(dep.ref<Store>()->calls(), int64_t{kThreads} * kCalls);
}

// ---- a constructor's thread asks for a service while the deployment starts
// The slow service's constructor runs on a worker thread the spawner's
// constructor began, while the main thread goes on to start the user, which
// asks for the slow service too: it must wait for that constructor, not
// start a second instance (nor touch the deployment's maps unguarded).
class MESHWA_INTERFACE Slow {
 public:
  virtual ~Slow() = default;
  virtual int64_t serial() = 0;
};
class MESHWA_INTERFACE Spawner {
 public:
  virtual ~Spawner() = default;
  virtual int64_t slow_serial() = 0;
};
class MESHWA_INTERFACE User {
 public:
  virtual ~User() = default;
  virtual int64_t slow_serial() = 0;
};

struct SlowStart {
  std::mutex mutex;
  std::condition_variable changed;
  bool slow_entered = false;
  bool user_asks = false;
  std::atomic<int64_t> constructed{0};
};
SlowStart* g_slow = nullptr;

class MESHWA_SERVICE("slow") SlowService final : public Slow {
 public:
  SlowService() : serial_(g_slow->constructed.fetch_add(1) + 1) {
    std::unique_lock lock(g_slow->mutex);
    g_slow->slow_entered = true;
    g_slow->changed.notify_all();
    // Until the main thread is about to ask for this service as well (a
    // bound, so that a bug shows as a wrong count rather than a hang).
    g_slow->changed.wait_for(lock, std::chrono::seconds(5), [] { return g_slow->user_asks; });
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  int64_t serial() override { return serial_; }

 private:
  int64_t serial_;
};

class MESHWA_SERVICE("spawner") SpawnerService final : public Spawner {
 public:
  explicit SpawnerService(meshwa::Context& ctx) : worker_([this, &ctx] { slow_.emplace(ctx.ref<Slow>()); }) {
    std::unique_lock lock(g_slow->mutex);
    g_slow->changed.wait(lock, [] { return g_slow->slow_entered; });
  }
  ~SpawnerService() override {
    if (worker_.joinable()) worker_.join();
  }
  int64_t slow_serial() override {
    if (worker_.joinable()) worker_.join();
    return slow_ ? (*slow_)->serial() : -1;
  }

 private:
  std::optional<meshwa::Ref<Slow>> slow_;
  std::thread worker_;
};

class MESHWA_SERVICE("user") UserService final : public User {
 public:
  explicit UserService(meshwa::Context& ctx) : slow_(ask_for_slow(ctx)) {}
  int64_t slow_serial() override { return slow_->serial(); }

 private:
  static meshwa::Ref<Slow> ask_for_slow(meshwa::Context& ctx) {
    {
      std::lock_guard lock(g_slow->mutex);
      g_slow->user_asks = true;
      g_slow->changed.notify_all();
    }
    return ctx.ref<Slow>();
  }
  meshwa::Ref<Slow> slow_;
};

TEST(Starting, AServiceAThreadOfAConstructorStartsIsWaitedForNotStartedTwice) {
  SlowStart slow;
  g_slow = &slow;
  meshwa::Registry reg;
  reg.add(meshwa::bind<SpawnerService, Spawner>("spawner"));
  reg.add(meshwa::bind<UserService, User>("user"));
  reg.add(meshwa::bind<SlowService, Slow>("slow"));
  {
    meshwa::Deployment dep(reg);
    EXPECT_EQ(slow.constructed.load(), 1);
    EXPECT_EQ(dep.ref<User>()->slow_serial(), 1);
    EXPECT_EQ(dep.ref<Spawner>()->slow_serial(), 1);
    std::vector<std::string> order = dep.start_order();
    std::sort(order.begin(), order.end());
    EXPECT_EQ(order, (std::vector<std::string>{"slow", "spawner", "user"}));
  }
  g_slow = nullptr;
}

TEST(Starting, APartialDeploymentStartsAServiceOnceForTwoThreadsAskingAtOnce) {
  SlowStart slow;
  slow.user_asks = true;  // nobody to wait for
  g_slow = &slow;
  meshwa::Registry reg;
  reg.add(meshwa::bind<SlowService, Slow>("slow"));
  {
    meshwa::Deployment dep(reg, {}, meshwa::Deployment::OnDemand{});
    EXPECT_EQ(slow.constructed.load(), 0);
    std::atomic<int64_t> first{0};
    std::atomic<int64_t> second{0};
    std::thread a([&] { first = dep.ref<Slow>()->serial(); });
    std::thread b([&] { second = dep.ref<Slow>()->serial(); });
    a.join();
    b.join();
    EXPECT_EQ(slow.constructed.load(), 1);
    EXPECT_EQ(first.load(), 1);
    EXPECT_EQ(second.load(), 1);
  }
  g_slow = nullptr;
}

// Two constructors, on two threads, that each ask for the other's service:
// a cycle whose edges run on different threads. The thread whose wait
// would close it is told so (it would wait forever); the other then starts
// that service itself and meets the cycle on its own thread.
class MESHWA_INTERFACE Ping {
 public:
  virtual ~Ping() = default;
  virtual int64_t ping() = 0;
};
class MESHWA_INTERFACE Pong {
 public:
  virtual ~Pong() = default;
  virtual int64_t pong() = 0;
};

struct CrossStart {
  std::latch both_constructing{2};
  std::atomic<int> constructions{0};
};
CrossStart* g_cross = nullptr;

template <class I>
meshwa::Ref<I> ask_once_both_construct(meshwa::Context& ctx) {
  // The first two constructions (one per thread) meet before asking, so
  // that both constructors run when the cycle closes.
  if (g_cross->constructions.fetch_add(1) < 2) g_cross->both_constructing.arrive_and_wait();
  return ctx.ref<I>();
}

class MESHWA_SERVICE("ping") PingService final : public Ping {
 public:
  explicit PingService(meshwa::Context& ctx) : pong_(ask_once_both_construct<Pong>(ctx)) {}
  int64_t ping() override { return 1; }

 private:
  meshwa::Ref<Pong> pong_;
};
class MESHWA_SERVICE("pong") PongService final : public Pong {
 public:
  explicit PongService(meshwa::Context& ctx) : ping_(ask_once_both_construct<Ping>(ctx)) {}
  int64_t pong() override { return 2; }

 private:
  meshwa::Ref<Ping> ping_;
};

TEST(Starting, ACycleAcrossThreadsIsAnErrorNotAHang) {
  CrossStart cross;
  g_cross = &cross;
  meshwa::Registry reg;
  reg.add(meshwa::bind<PingService, Ping>("ping"));
  reg.add(meshwa::bind<PongService, Pong>("pong"));
  {
    meshwa::Deployment dep(reg, {}, meshwa::Deployment::OnDemand{});
    std::string ping_error;
    std::string pong_error;
    auto ask = [](auto ask_for, std::string& error) {
      try {
        ask_for();
      } catch (const meshwa::StartError& e) {
        error = e.what();
      }
    };
    std::thread a([&] { ask([&] { dep.ref<Ping>(); }, ping_error); });
    std::thread b([&] { ask([&] { dep.ref<Pong>(); }, pong_error); });
    a.join();
    b.join();
    const auto has = [](const std::string& text, const std::string& part) {
      return text.find(part) != std::string::npos;
    };
    EXPECT_TRUE(has(ping_error, "dependency cycle between services")) << ping_error;
    EXPECT_TRUE(has(pong_error, "dependency cycle between services")) << pong_error;
    const std::string& across = has(ping_error, "different threads") ? ping_error : pong_error;
    EXPECT_TRUE(has(across, "dependency cycle between services whose constructors run on different threads: ")) << across;
    EXPECT_TRUE(has(across, "ping -> pong (this thread), pong -> ping (another thread)") ||
                has(across, "pong -> ping (this thread), ping -> pong (another thread)"))
        << across;
    EXPECT_TRUE(dep.start_order().empty());
  }
  g_cross = nullptr;
}

// A service that needs no Context (no dependency, no setting) may have a
// default constructor only; bind makes it with Impl() (probe api4 s4_svc).
class MESHWA_INTERFACE Ticker {
 public:
  virtual ~Ticker() = default;
  virtual int64_t tick() = 0;
};
class MESHWA_SERVICE("ticker") TickerService final : public Ticker {
 public:
  int64_t tick() override { return ++n_; }

 private:
  std::atomic<int64_t> n_{0};
};

TEST(Bind, AServiceWithoutAContextConstructorIsMadeByDefault) {
  static_assert(!std::is_constructible_v<TickerService, meshwa::Context&>);
  meshwa::Registry reg;
  reg.add(meshwa::bind<TickerService, Ticker>("ticker"));
  meshwa::Deployment dep(reg);
  EXPECT_EQ(dep.ref<Ticker>()->tick(), 1);
  EXPECT_EQ(dep.ref<Ticker>()->tick(), 2);
}

}  // namespace
