// meshwa-mutable-global: mutable namespace-scope, static and thread_local state.
#include <atomic>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

int request_count = 0;                           // expected-error {{mutable global variable 'request_count' is state shared by every service in the binary (no isolation, no restart); make it a member of the service class, or const/constexpr if it never changes [meshwa-mutable-global]}}
std::mutex cache_mutex;                          // expected-error {{mutable global variable 'cache_mutex'}}
std::atomic<long> hits{0};                       // expected-error {{mutable global variable 'hits'}}
static std::map<std::string, int> cache;         // expected-error {{mutable global variable 'cache'}}
thread_local std::vector<int> scratch;           // expected-error {{mutable thread_local variable 'scratch'}}
extern int defined_elsewhere;                    // expected-error {{mutable global variable 'defined_elsewhere'}}
int& alias = request_count;                      // expected-error {{mutable global variable 'alias'}}
// A structured binding's variable has no name of its own: it is named by
// its bindings.
auto [low, high] = std::pair<int, int>{1, 2};    // expected-error {{mutable global variable '[low, high]'}}
const auto [first, last] = std::pair<int, int>{1, 2};
int bound_pair() {
  static auto [x, y] = std::pair<int, int>{3, 4};  // expected-error {{mutable static local variable '[x, y]'}}
  return low + high + first + last + x + y;
}

namespace detail {
constinit int counter = 0;                       // expected-error {{mutable global variable 'counter'}}
}

struct Cache {
  mutable int lookups = 0;
};
const Cache kCache{};                            // expected-error {{mutable global variable 'kCache'}}

struct Registry {
  static int instances;                          // expected-error {{mutable static data member 'instances'}}
  static constexpr int kLimit = 8;
};
int Registry::instances = 0;                     // (the same variable: reported once)

int next_id() {
  static int id = 0;                             // expected-error {{mutable static local variable 'id'}}
  return ++id;
}

// Still accepted: constants, empty objects, members, statics that are const.
constexpr int kMaxUsers = 100;
const std::string kGreeting = "hello";
const std::unordered_map<std::string, int> kCodes = {{"a", 1}};  // libstdc++'s mutable rehash cache is not state
// In templates: every instantiation is a shared mutable variable.
template <class T>
int count_calls() {
  static T n{};  // expected-error {{mutable static local variable 'n' is state shared by every service in the binary}}
  return ++n;
}
template <class T>
struct LastSeen {
  static inline T last{};  // expected-error {{mutable static data member 'last' is state shared by every service}}
};
const auto kAccumulate = [](auto x) {
  static decltype(x) total{};  // expected-error {{mutable static local variable 'total'}}
  return total += x;
};
// A mutable variable template: reported once, at the template, however many
// times it is instantiated; an explicit specialization is a variable of its
// own.
template <class T>
T g_counter{};  // expected-error {{mutable global variable 'g_counter' is state shared by every service in the binary}}
template <>
long g_counter<long> = 1;  // expected-error {{mutable global variable 'g_counter' is state shared by every service in the binary}}
template short g_counter<short>;
int bump() { return ++g_counter<int> + g_counter<char>++ + static_cast<int>(g_counter<long>) + g_counter<short>; }
template <class T>
constexpr T kOne{1};  // a constant variable template: accepted
int one() { return kOne<int>; }
// A const smart pointer to a mutable object is mutable state.
const std::unique_ptr<std::vector<int>> kShared = std::make_unique<std::vector<int>>();  // expected-error {{mutable global variable 'kShared'}}
const std::shared_ptr<const std::string> kBanner = std::make_shared<const std::string>("hi");  // immutable pointee
template <class T>
T zero() {
  static constexpr T kZero{};
  return kZero;
}

constinit const int kPort = 8080;
inline constexpr const char* kMode = "fast";
const auto kTwice = [](int x) { return 2 * x; };
auto kThrice = [](int x) { return 3 * x; };       // a captureless lambda has no state
struct Tag {};
Tag kTag;

class Service {
 public:
  int handle() {
    std::lock_guard<std::mutex> lock(mutex_);
    static const std::regex kPattern("[a-z]+");
    ++calls_;
    return calls_ + kMaxUsers + kPort + kTwice(1) + kThrice(1) + static_cast<int>(kGreeting.size());
  }

 private:
  std::mutex mutex_;
  std::atomic<int> calls_{0};
};

// A registration global a library's macro declares (gtest's TEST_P, with a
// pasted name) is the library's; a static the user writes into the macro's
// body is the user's.
#include "inputs/library_macros.hpp"

LIB_REGISTER(alpha);
LIB_TEST(beta) {
  static int runs = 0;                           // expected-error {{mutable static local variable 'runs'}}
  ++runs;
}

// A GoogleTest fixture's static members: what SetUpTestSuite shares among
// the suite's tests, state of the test binary. The same member in another
// class, or a global next to the fixture, is still shared state.
struct Database {
  std::map<std::string, int> rows;
};
class DatabaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { db_ = std::make_unique<Database>(); }
  static void TearDownTestSuite() { db_.reset(); }
  static std::unique_ptr<Database> db_;
  static int suites_run_;
};
std::unique_ptr<Database> DatabaseTest::db_;
int DatabaseTest::suites_run_ = 0;
class DerivedDatabaseTest : public DatabaseTest {
 protected:
  static std::vector<int> seen_;
};
std::vector<int> DerivedDatabaseTest::seen_;
class NotAFixture {
  static std::unique_ptr<Database> db_;  // expected-error {{mutable static data member 'db_' is state shared by every service in the binary}}
};
std::unique_ptr<Database> g_test_db;  // expected-error {{mutable global variable 'g_test_db' is state shared by every service in the binary}}
