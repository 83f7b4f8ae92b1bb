// The support headers' side of chrono and shared_ptr<const T> (docs/contracts.md):
// their JSON, printing, the deep equality of the round-trip check and the
// property tests' generator. The generated code on top is checked by the
// deployment's contract tests and planner_test.
#include <array>
#include <chrono>
#include <map>
#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <list>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include <boost/hana/adapt_struct.hpp>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <meshwa/gen/contract_suite.hpp>
#include <meshwa/gen/testing.hpp>
#include <meshwa/registry.hpp>
#include <meshwa/runtime/gate.hpp>

namespace {

using namespace std::chrono_literals;
using meshwa::gen::printed;
using meshwa::gen::same_value;
using nlohmann::json;

TEST(ChronoJson, ADurationIsItsCountInItsOwnPeriod) {
  EXPECT_EQ(json(5ms), json(5));
  EXPECT_EQ(json(std::chrono::seconds(5)), json(5));
  EXPECT_EQ(json(-7ns), json(-7));
  EXPECT_EQ(json(5).get<std::chrono::milliseconds>(), 5ms);
  EXPECT_EQ(json(std::chrono::duration<double>(1.5)), json(1.5));
  EXPECT_EQ(json(1.5).get<std::chrono::duration<double>>(), std::chrono::duration<double>(1.5));
  // Contracts record the count, not the time: reading into another period
  // reads the same count (the interface's type is what gives it a unit).
  EXPECT_EQ(json(5ms).get<std::chrono::seconds>(), std::chrono::seconds(5));
}

TEST(ChronoJson, ATimePointIsTheCountOfItsDurationSinceTheEpoch) {
  const std::chrono::system_clock::time_point at{std::chrono::seconds(1700000000)};
  EXPECT_EQ(json(at), json(std::chrono::system_clock::duration(std::chrono::seconds(1700000000)).count()));
  EXPECT_EQ(json(at).get<std::chrono::system_clock::time_point>(), at);
  const std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds> coarse{std::chrono::seconds(3)};
  EXPECT_EQ(json(coarse), json(3));
  const std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now();
  EXPECT_EQ(json(now).get<std::chrono::steady_clock::time_point>(), now);
  // Extremes survive: JSON integers are 64-bit here.
  const std::chrono::nanoseconds most = std::chrono::nanoseconds::max();
  EXPECT_EQ(json(most).get<std::chrono::nanoseconds>(), most);
}

TEST(ChronoJson, InsideContainersAndOptionals) {
  const std::vector<std::chrono::milliseconds> v{1ms, 2ms};
  EXPECT_EQ(json(v), json::parse("[1,2]"));
  const std::optional<std::chrono::seconds> none;
  EXPECT_TRUE(json(none).is_null());
  EXPECT_EQ(json::parse("[1,2]").get<std::vector<std::chrono::milliseconds>>(), v);
}

// Recorded values are read strictly: what the type cannot hold is an error
// naming the value, never a silent conversion.
TEST(CheckedJson, IntegersMustFitAndFloatingNullIsNaN) {
  using meshwa::gen::get_checked;
  EXPECT_EQ(get_checked<std::int8_t>(nlohmann::json(-128), "x"), -128);
  EXPECT_THROW((void)get_checked<std::int8_t>(nlohmann::json(300), "x"), std::invalid_argument);
  EXPECT_THROW((void)get_checked<std::uint32_t>(nlohmann::json(-1), "x"), std::invalid_argument);
  EXPECT_THROW((void)get_checked<std::int32_t>(nlohmann::json(1.5), "x"), std::invalid_argument);
  EXPECT_EQ(get_checked<std::uint64_t>(nlohmann::json(18446744073709551615ULL), "x"), 18446744073709551615ULL);
  EXPECT_EQ(get_checked<char>(nlohmann::json(65), "x"), 'A');
  // JSON has no NaN or infinity: a contract holds "NaN", "Infinity" and
  // "-Infinity" for them; one recorded before holds null, read as NaN.
  EXPECT_TRUE(std::isnan(get_checked<double>(nlohmann::json(nullptr), "x")));
  EXPECT_TRUE(std::isnan(get_checked<double>(nlohmann::json("NaN"), "x")));
  EXPECT_EQ(get_checked<double>(nlohmann::json("Infinity"), "x"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(get_checked<float>(nlohmann::json("-Infinity"), "x"), -std::numeric_limits<float>::infinity());
  EXPECT_THROW((void)get_checked<double>(nlohmann::json("infinite"), "x"), std::invalid_argument);
  EXPECT_EQ(get_checked<double>(nlohmann::json(2.5), "x"), 2.5);
  // A value of the wrong JSON type names itself and where it was, not
  // nlohmann's "type must be string, but is null".
  try {
    (void)get_checked<std::string>(nlohmann::json(nullptr), "argument \"plot\"");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "argument \"plot\" is null, which is not a value of std::string");
  }
  try {
    (void)get_checked<std::int16_t>(nlohmann::json(70000), "field \"tilt\"");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "field \"tilt\" is 70000, which is not a value of short");
  }
}

// Every depth is read as strictly as a top-level argument (probe api4 #3:
// inside an optional, a vector, a variant or a duration, 4294967297 became 1
// and 1.5 became 1 silently), and the message says where the value was.
template <class T>
std::string refusal(const json& j) {
  try {
    (void)meshwa::gen::get_checked<T>(j, "argument \"x\"");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "accepted";
}

// Messages as meshwa gen writes their from_json (codegen/emit/Messages.cpp).
namespace nested {
struct Inner {
  std::tuple<std::int32_t, std::string> t;
};
inline void from_json(const json& j, Inner& v) {
  meshwa::gen::expect_fields(j, "nested::Inner", {"t"});
  meshwa::gen::read_field(j, "t", v.t);
}
struct Outer {
  std::vector<Inner> items;
};
inline void from_json(const json& j, Outer& v) {
  meshwa::gen::expect_fields(j, "nested::Outer", {"items"});
  meshwa::gen::read_field(j, "items", v.items);
}
}  // namespace nested

// A refusal inside a message (read by its own from_json) names the path to
// the message too, not only the field inside it (probe api4: a too-short
// tuple in a nested message named only its own field).
TEST(CheckedJson, RefusalsInsideMessagesNameThePathToTheMessage) {
  const std::string tuple = refusal<nested::Outer>(json::parse(R"({"items": [{"t": [1, "a"]}, {"t": [2]}]})"));
  EXPECT_EQ(tuple.rfind("argument \"x\": field \"items\"[1]: field \"t\" is [2], which is not a value of std::tuple<", 0), 0u)
      << tuple;
  EXPECT_EQ(refusal<nested::Outer>(json::parse(R"({"items": [7]})")),
            "argument \"x\": field \"items\"[0]: a nested::Inner is recorded as 7, not as an object");
}

TEST(CheckedJson, NestedIntegersAreRangeCheckedWithTheirPath) {
  EXPECT_EQ(refusal<std::optional<std::int32_t>>(json(4294967297LL)),
            "argument \"x\" is 4294967297, which is not a value of int");
  EXPECT_EQ(refusal<std::vector<std::int32_t>>(json::parse("[1, 4294967297]")),
            "argument \"x\"[1] is 4294967297, which is not a value of int");
  EXPECT_EQ((refusal<std::variant<std::int32_t, std::int64_t>>(json::parse(R"({"index":0,"value":9223372036854775807})"))),
            "argument \"x\" (alternative 0) is 9223372036854775807, which is not a value of int");
  EXPECT_EQ((refusal<std::variant<std::int32_t, std::int64_t>>(json::parse(R"({"index":1,"value":1.5})"))),
            "argument \"x\" (alternative 1) is 1.5, which is not a value of long");
  EXPECT_EQ(refusal<std::chrono::hours>(json(1.5)), "argument \"x\" is 1.5, which is not a value of long");
  EXPECT_EQ(refusal<std::chrono::hours>(json(1e30)), "argument \"x\" is 1e+30, which is not a value of long");
  EXPECT_EQ((refusal<std::map<std::string, std::vector<std::uint8_t>>>(json::parse(R"({"k": [300]})"))),
            "argument \"x\"[\"k\"][0] is 300, which is not a value of unsigned char");
  EXPECT_EQ((refusal<std::tuple<std::int32_t, std::int8_t>>(json::parse("[1, 200]"))),
            "argument \"x\"[1] is 200, which is not a value of signed char");
  EXPECT_EQ((refusal<std::array<std::int16_t, 2>>(json::parse("[1, 70000]"))),
            "argument \"x\"[1] is 70000, which is not a value of short");
  EXPECT_EQ(refusal<std::optional<std::vector<std::optional<std::int32_t>>>>(json::parse("[null, -4294967297]")),
            "argument \"x\"[1] is -4294967297, which is not a value of int");
  // Also through nlohmann's own get<> (a message member read by its from_json).
  EXPECT_THROW((void)json(4294967297LL).get<std::optional<std::int32_t>>(), std::invalid_argument);
  EXPECT_THROW((void)json(1.5).get<std::chrono::hours>(), std::invalid_argument);
  // What fits still reads back.
  using meshwa::gen::get_checked;
  const std::vector<std::optional<std::int32_t>> v{1, std::nullopt, -2147483647 - 1};
  EXPECT_EQ(get_checked<std::vector<std::optional<std::int32_t>>>(json(v), "x"), v);
  const std::map<std::int64_t, std::string> m{{-1, "a"}, {9223372036854775807LL, "b"}};
  EXPECT_EQ((get_checked<std::map<std::int64_t, std::string>>(json(m), "x")), m);
  const std::tuple<std::int32_t, std::string> t{3, "t"};
  EXPECT_EQ((get_checked<std::tuple<std::int32_t, std::string>>(json(t), "x")), t);
  const std::variant<std::int32_t, std::string> var{std::string("s")};
  EXPECT_EQ((get_checked<std::variant<std::int32_t, std::string>>(json(var), "x")), var);
  EXPECT_EQ(get_checked<std::chrono::milliseconds>(json(9223372036854775807LL), "x").count(), 9223372036854775807LL);
}

// Replay compares responses as recorded: -0.0 is not 0.0 (probe api4 #2),
// while an integer and the same float stay equal, as nlohmann has them.
TEST(SameJson, TheSignOfAZeroCounts) {
  using meshwa::gen::same_json;
  EXPECT_FALSE(same_json(json(-0.0), json(0.0)));
  EXPECT_FALSE(same_json(json::parse(R"({"v": [1, -0.0]})"), json::parse(R"({"v": [1, 0.0]})")));
  EXPECT_TRUE(same_json(json::parse(R"({"v": [1, -0.0], "s": "x"})"), json::parse(R"({"s": "x", "v": [1, -0.0]})")));
  EXPECT_TRUE(same_json(json(2), json(2.0)));
  EXPECT_TRUE(same_json(json(0), json(0.0)));
  EXPECT_FALSE(same_json(json::parse(R"({"a": 1})"), json::parse(R"({"a": 1, "b": 2})")));
  EXPECT_FALSE(same_json(json(0.5), json(0.5000000000000001)));
}

enum class Huge : std::uint64_t { zero = 0, top = 18446744073709551615ULL };
enum class Tilt : std::int8_t { down = -5, up = 5 };
enum Plain { plain_a = 7 };
enum class Perm : std::uint32_t { read = 1, write = 2, exec = 4 };
}  // namespace
// What <unit>.messages.hpp writes for an enum it sees.
template <>
struct meshwa::gen::enum_values<Perm> {
  static constexpr Perm values[] = {Perm::read, Perm::write, Perm::exec};
};
namespace {
enum class Flag : bool { no, yes };

// An enum is its underlying value with that type's signedness (nlohmann's
// own conversion went through int64_t and wrote Huge::top as -1).
TEST(EnumJson, AnEnumIsItsUnderlyingValue) {
  EXPECT_EQ(json(Huge::top), json(18446744073709551615ULL));
  EXPECT_TRUE(json(Huge::top).is_number_unsigned());
  EXPECT_EQ(json(Huge::top).get<Huge>(), Huge::top);
  EXPECT_EQ(meshwa::gen::get_checked<Huge>(json(Huge::top), "x"), Huge::top);
  EXPECT_EQ(json(Tilt::down), json(-5));
  EXPECT_EQ(json(-5).get<Tilt>(), Tilt::down);
  EXPECT_EQ(json(plain_a), json(7));
  EXPECT_EQ(json(Flag::yes), json(true));  // was 1, which a bool does not read back
  EXPECT_EQ(meshwa::gen::get_checked<Flag>(json(Flag::yes), "x"), Flag::yes);
  const std::vector<Huge> v{Huge::zero, Huge::top};
  EXPECT_EQ(json(v).get<std::vector<Huge>>(), v);
  EXPECT_THROW((void)meshwa::gen::get_checked<Tilt>(json(300), "x"), std::invalid_argument);
}

// A value of a scoped enum that is none of its enumerators (flags combined:
// Perm(read | write)) is a value of it in C++: a consumer test records it, so
// the replay reads it back as its underlying value, range-checked (probe api4
// #10: the replay refused it, a contract that could never pass).
TEST(EnumJson, AValueThatIsNoEnumeratorReadsBackAsItsUnderlyingValue) {
  using meshwa::gen::get_checked;
  const Perm rw = static_cast<Perm>(static_cast<std::uint32_t>(Perm::read) | static_cast<std::uint32_t>(Perm::write));
  EXPECT_EQ(json(rw), json(3));
  EXPECT_EQ(get_checked<Perm>(json(rw), "argument \"p\""), rw);
  EXPECT_EQ(get_checked<std::vector<Perm>>(json::parse("[1, 7]"), "x"),
            (std::vector<Perm>{Perm::read, static_cast<Perm>(7)}));
  EXPECT_EQ(refusal<Perm>(json(-1)), "argument \"x\" is -1, which is not a value of unsigned int");
  EXPECT_EQ(refusal<Perm>(json(4294967296LL)), "argument \"x\" is 4294967296, which is not a value of unsigned int");
}

// Equal unordered containers filled in another order iterate in another
// order: they are written in one canonical order, so a consumer's mock and
// the provider record them alike (probe api4 s2_odd: the replay of an
// unordered_map<int32_t, std::string> result failed on equal maps).
TEST(UnorderedJson, EqualContainersAreWrittenAlikeWhateverTheirFillingOrder) {
  std::unordered_map<std::int32_t, std::string> up;
  std::unordered_map<std::int32_t, std::string> down;
  for (std::int32_t k = 1; k <= 40; ++k) up[k] = std::to_string(k);
  for (std::int32_t k = 40; k >= 1; --k) down[k] = std::to_string(k);
  ASSERT_EQ(up, down);
  EXPECT_EQ(json(up), json(down));
  EXPECT_EQ(json(up).front(), json::parse(R"([1, "1"])"));
  EXPECT_EQ(json(up).back(), json::parse(R"([40, "40"])"));
  EXPECT_EQ((json(up).get<std::unordered_map<std::int32_t, std::string>>()), up);

  std::unordered_set<std::int64_t> a{-3, 9, 0, 1LL << 40};
  std::unordered_set<std::int64_t> b{1LL << 40, 0, 9, -3};
  EXPECT_EQ(json(a), json(b));
  EXPECT_EQ(json(a), json::parse("[-3, 0, 9, 1099511627776]"));
  EXPECT_EQ(json(a).get<std::unordered_set<std::int64_t>>(), a);

  // Strings and doubles (NaN first, -0.0 before 0.0), messages' JSON objects,
  // and a std::string key stays an object.
  EXPECT_EQ(json(std::unordered_set<std::string>{"b", "", "a"}), json::parse(R"(["", "a", "b"])"));
  EXPECT_EQ(json(std::unordered_set<double>{2.5, -1.0, 0.0}), json::parse("[-1.0, 0.0, 2.5]"));
  std::unordered_map<std::string, std::int32_t> named{{"z", 1}, {"a", 2}};
  EXPECT_EQ(json(named), json::parse(R"({"a": 2, "z": 1})"));
  EXPECT_EQ((json(named).get<std::unordered_map<std::string, std::int32_t>>()), named);
  std::unordered_map<std::int32_t, std::vector<std::int32_t>> lists{{2, {1}}, {1, {2, 3}}};
  EXPECT_EQ(json(lists), json::parse("[[1, [2, 3]], [2, [1]]]"));

  using meshwa::gen::detail::canonical_less;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(canonical_less(json(nan), json(-1e300)));
  EXPECT_FALSE(canonical_less(json(nan), json(nan)));
  EXPECT_TRUE(canonical_less(json(-0.0), json(0.0)));
  EXPECT_TRUE(canonical_less(json(-1), json(18446744073709551615ULL)));
  EXPECT_FALSE(canonical_less(json(18446744073709551615ULL), json(-1)));
  EXPECT_TRUE(canonical_less(json::parse(R"({"a": 1})"), json::parse(R"({"a": 1, "b": 0})")));
  EXPECT_TRUE(canonical_less(json::parse(R"({"a": 1, "z": 0})"), json::parse(R"({"b": 0})")));
  EXPECT_TRUE(canonical_less(json(nullptr), json(false)));
  EXPECT_TRUE(canonical_less(json(7), json("7")));
}

// nlohmann wrote a std::multimap with std::string keys as an object, one
// value per key: {"a": 1, "a": 2} was recorded and replayed as {"a": 1}.
TEST(MultimapJson, EveryEntryIsKeptAsAKeyValuePair) {
  const std::multimap<std::string, std::int32_t> m{{"a", 1}, {"a", 2}, {"b", 3}};
  EXPECT_EQ(json(m), json::parse(R"([["a", 1], ["a", 2], ["b", 3]])"));
  EXPECT_EQ((json(m).get<std::multimap<std::string, std::int32_t>>()), m);
  EXPECT_EQ((meshwa::gen::get_checked<std::multimap<std::string, std::int32_t>>(json(m), "x")), m);
  // A contract recorded before still reads (an object: one value per key).
  EXPECT_EQ((meshwa::gen::get_checked<std::multimap<std::string, std::int32_t>>(json::parse(R"({"a": 1})"), "x")),
            (std::multimap<std::string, std::int32_t>{{"a", 1}}));
  const std::multimap<std::int32_t, std::string> n{{2, "x"}, {1, "y"}, {2, "w"}};
  EXPECT_EQ(json(n), json::parse(R"([[1, "y"], [2, "x"], [2, "w"]])"));
}

TEST(TupleJson, AnEmptyTupleIsAnEmptyArrayAndTuplesPrintTheirElements) {
  EXPECT_EQ(json(std::tuple<>{}), json::array());  // was null, which did not read back
  (void)json::array().get<std::tuple<>>();
  EXPECT_THROW((void)json(nullptr).get<std::tuple<>>(), std::invalid_argument);
  const std::tuple<int, std::string, bool> t{1, "a", true};
  EXPECT_EQ(json(t).get<decltype(t)>(), t);
  EXPECT_EQ(printed(t), "(1, \"a\", true)");
  EXPECT_EQ(printed(std::tuple<>{}), "()");
}

// A variant prints its value, and which alternative it is when a type repeats.
TEST(VariantPrint, TheAlternativeIsNamedWhenATypeRepeats) {
  EXPECT_EQ(printed(std::variant<int, std::string>{std::string("a")}), "\"a\"");
  EXPECT_EQ(printed(std::variant<int, int, std::string>{std::in_place_index<1>, 42}), "42 (alternative 1)");
  EXPECT_EQ(printed(std::variant<int, int, std::string>{std::in_place_index<0>, 42}), "42 (alternative 0)");
}

// std::monostate, char16_t, char32_t and wchar_t have no operator<< (C++20
// deletes the characters'): they printed as their type's name,
// "<std::monostate>", "<char16_t>". JSON writes null and a number.
TEST(CharacterPrint, MonostateAndWideCharactersPrintTheirValue) {
  EXPECT_EQ(printed(std::monostate{}), "monostate");
  EXPECT_EQ(printed(std::variant<std::monostate, int>{}), "monostate");
  EXPECT_TRUE(json(std::monostate{}).is_null());
  EXPECT_EQ(printed(u'A'), "U+0041");
  EXPECT_EQ(printed(U'\U0001F600'), "U+1F600");
  EXPECT_EQ(printed(L'\u00e9'), "U+00E9");
  EXPECT_EQ(printed(std::vector<char32_t>{U'a', U'\u20ac'}), "[U+0061, U+20AC]");
  EXPECT_EQ(json(u'A'), json(65));  // the same value, as a number
  EXPECT_EQ(json(65).get<char16_t>(), u'A');
  EXPECT_EQ(printed(u8'A'), "65");  // a UTF-8 byte, like char
  EXPECT_EQ(printed('A'), "65");
}

// A value that is null itself (an empty optional, monostate) inside an
// optional or a handle is written as [value]: an engaged optional holding
// an empty one read back as an empty optional before.
TEST(NullableJson, ANullValueInsideAnOptionalOrHandleIsAOneElementArray) {
  using Nested = std::optional<std::optional<int>>;
  EXPECT_EQ(json(Nested{std::optional<int>{}}), json::parse("[null]"));
  EXPECT_EQ(json(Nested{5}), json::parse("[5]"));
  EXPECT_TRUE(json(Nested{}).is_null());
  EXPECT_EQ(json::parse("[null]").get<Nested>(), Nested{std::optional<int>{}});
  EXPECT_EQ(json::parse("null").get<Nested>(), Nested{});
  EXPECT_THROW((void)json::parse("5").get<Nested>(), std::invalid_argument);
  // Unchanged where the value is never null.
  EXPECT_EQ(json(std::optional<int>{5}), json(5));
  EXPECT_EQ(json(std::optional<std::string>{"a"}), json("a"));
  const std::optional<std::monostate> mono{std::monostate{}};
  EXPECT_EQ(json(mono), json::parse("[null]"));
  EXPECT_TRUE(json::parse("[null]").get<std::optional<std::monostate>>().has_value());
  const meshwa::Owned<std::optional<int>> owned = meshwa::make_owned<std::optional<int>>();
  EXPECT_EQ(json(owned), json::parse("[null]"));
  const auto back = json::parse("[null]").get<meshwa::Owned<std::optional<int>>>();
  ASSERT_TRUE(back.has_value());
  EXPECT_FALSE(back->has_value());
}

// A long double that a double cannot hold is a decimal string that reads
// back exactly; one a double holds stays a number.
TEST(LongDoubleJson, ExactBothWays) {
  const long double third = 1.0L / 3.0L;
  ASSERT_NE(static_cast<long double>(static_cast<double>(third)), third);
  EXPECT_TRUE(json(third).is_string());
  EXPECT_EQ(json(third).get<long double>(), third);
  EXPECT_EQ(json(2.5L), json(2.5));
  EXPECT_EQ(json::parse("2.5").get<long double>(), 2.5L);
  EXPECT_EQ(meshwa::gen::get_checked<long double>(json(third), "x"), third);
  EXPECT_TRUE(std::isnan(meshwa::gen::get_checked<long double>(json(std::nanl("")), "x")));
  EXPECT_EQ(meshwa::gen::get_checked<long double>(json("-Infinity"), "x"), -std::numeric_limits<long double>::infinity());
  EXPECT_THROW((void)json("1.5x").get<long double>(), std::invalid_argument);
  const std::vector<long double> v{third, 1.0L};
  EXPECT_EQ(json(v).get<std::vector<long double>>(), v);
}

// A present NaN inside an optional is recorded "NaN", so it does not read
// back as an empty optional (null); a present number stays a number. A
// contract recorded before holds [null] for it, which still reads back.
TEST(NullableJson, APresentNaNInsideAnOptionalIsNotEmpty) {
  const std::optional<double> nan{std::numeric_limits<double>::quiet_NaN()};
  EXPECT_EQ(meshwa::gen::json_text(json(nan)), "\"NaN\"");
  const auto back = json::parse("\"NaN\"").get<std::optional<double>>();
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(std::isnan(*back));
  const auto older = json::parse("[null]").get<std::optional<double>>();
  ASSERT_TRUE(older.has_value());
  EXPECT_TRUE(std::isnan(*older));
  EXPECT_EQ(json(std::optional<double>{2.5}), json(2.5));
  EXPECT_EQ(json::parse("2.5").get<std::optional<double>>(), std::optional<double>{2.5});
  EXPECT_FALSE(json::parse("null").get<std::optional<double>>().has_value());
  const meshwa::Owned<float> inf = meshwa::make_owned<float>(std::numeric_limits<float>::infinity());
  EXPECT_EQ(meshwa::gen::json_text(json(inf)), "\"Infinity\"");
  EXPECT_EQ(*json::parse("\"Infinity\"").get<meshwa::Owned<float>>(), std::numeric_limits<float>::infinity());
}

// An infinity replayed as NaN: nlohmann writes every non-finite number as
// null. A contract holds the strings instead, at any depth (a field, an
// element, a variant's value, a map's key), and each reads back as itself
// through the text; a finite number stays a number.
TEST(NonFiniteJson, InfinitiesAndNaNRoundTripThroughTheText) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  using meshwa::gen::json_text;
  EXPECT_EQ(json_text(json(inf)), "\"Infinity\"");
  EXPECT_EQ(json_text(json(-inf)), "\"-Infinity\"");
  EXPECT_EQ(json_text(json(nan)), "\"NaN\"");
  EXPECT_EQ(json_text(json(std::vector<double>{inf, 1.5, -inf})), "[\"Infinity\",1.5,\"-Infinity\"]");
  const auto through_text = [](const json& j) { return json::parse(json_text(j)); };
  EXPECT_EQ(through_text(json(meshwa::Result<double>(inf))).get<meshwa::Result<double>>().value_or(0), inf);
  EXPECT_EQ(meshwa::gen::get_checked<double>(through_text(json(inf)), "x"), inf);
  EXPECT_EQ(meshwa::gen::get_checked<double>(through_text(json(-inf)), "x"), -inf);
  EXPECT_EQ(meshwa::gen::get_checked<std::vector<float>>(through_text(json(std::vector<float>{-INFINITY, 2.0f})), "x"),
            (std::vector<float>{-INFINITY, 2.0f}));
  using V = std::variant<std::string, double>;
  const V got = meshwa::gen::get_checked<V>(through_text(json(V(std::in_place_index<1>, -inf))), "x");
  ASSERT_EQ(got.index(), 1u);
  EXPECT_EQ(std::get<1>(got), -inf);
  // A std::string "Infinity" stays a string: only a float reads it as one.
  EXPECT_EQ(meshwa::gen::get_checked<V>(through_text(json(V(std::string("Infinity")))), "x"), V(std::string("Infinity")));
  const std::map<double, int> keyed{{-inf, 1}, {inf, 2}};
  EXPECT_EQ((meshwa::gen::get_checked<std::map<double, int>>(through_text(json(keyed)), "x")), keyed);
  EXPECT_TRUE(std::isnan(meshwa::gen::get_checked<double>(through_text(json(nan)), "x")));
}

// The recorder writes what json_text shows: a mock's answer of an infinity
// is "Infinity" in the contract (it was null, replayed as NaN), and a NaN
// recorded and a NaN replayed compare equal as recorded.
TEST(NonFiniteJson, TheRecorderWritesThemAsStrings) {
  meshwa::gen::ContractLog log;
  log.add("m::Meter", "ratio", json{{"of", -std::numeric_limits<double>::infinity()}},
          json{{"value", std::numeric_limits<double>::quiet_NaN()}}, meshwa::gen::Returns::result);
  ASSERT_EQ(log.interactions().size(), 1u);
  EXPECT_EQ(log.interactions()[0].at("request"), json::parse(R"({"of": "-Infinity"})"));
  EXPECT_EQ(log.interactions()[0].at("response"), json::parse(R"({"value": "NaN"})"));
  const json replayed = json::parse(meshwa::gen::json_text(json{{"value", std::nan("")}}));
  EXPECT_TRUE(meshwa::gen::same_json(replayed, log.interactions()[0].at("response")));
}

TEST(ChronoPrint, DurationsAndTimePointsPrintWithTheirUnit) {
  EXPECT_EQ(printed(5ms), "5ms");
  EXPECT_EQ(printed(std::chrono::minutes(2)), "2min");
  EXPECT_EQ(printed(std::chrono::duration<long, std::ratio<1, 3>>(4)), "4 * 1/3s");
  EXPECT_EQ(printed(std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds>(7s)),
            "7s since the epoch");
}

TEST(SharedPtrJson, ThePointedValueOrNull) {
  const std::shared_ptr<const std::string> s = std::make_shared<const std::string>("hi");
  EXPECT_EQ(json(s), json("hi"));
  EXPECT_TRUE(json(std::shared_ptr<const std::string>()).is_null());
  const auto back = json("hi").get<std::shared_ptr<const std::string>>();
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(*back, "hi");
  EXPECT_EQ(json(nullptr).get<std::shared_ptr<const std::string>>(), nullptr);
  EXPECT_EQ(printed(s), "\"hi\"");
  EXPECT_EQ(printed(std::shared_ptr<const int>()), "nullptr");
}

TEST(SameValue, ComparesWhatSharedPointersPointAt) {
  const auto a = std::make_shared<const std::string>("x");
  const auto b = std::make_shared<const std::string>("x");
  ASSERT_NE(a, b);  // what == says: different objects
  EXPECT_TRUE(same_value(a, b));
  EXPECT_FALSE(same_value(a, std::make_shared<const std::string>("y")));
  EXPECT_FALSE(same_value(a, std::shared_ptr<const std::string>()));
  EXPECT_TRUE(same_value(std::shared_ptr<const std::string>(), std::shared_ptr<const std::string>()));
  using V = std::vector<std::optional<std::shared_ptr<const std::string>>>;
  EXPECT_TRUE(same_value(V{a, std::nullopt}, V{b, std::nullopt}));
  EXPECT_FALSE(same_value(V{a}, V{a, a}));
  EXPECT_TRUE(same_value(meshwa::Result<std::shared_ptr<const std::string>>(a),
                         meshwa::Result<std::shared_ptr<const std::string>>(b)));
  using Two = std::variant<std::shared_ptr<const std::string>, std::shared_ptr<const std::string>>;
  EXPECT_TRUE(same_value(Two(std::in_place_index<1>, a), Two(std::in_place_index<1>, b)));
  EXPECT_FALSE(same_value(Two(std::in_place_index<0>, a), Two(std::in_place_index<1>, b)));
}

// A contract holds "NaN" for every NaN and "Infinity"/"-Infinity" for the
// infinities (docs/contracts.md §2): such a result reads back as a contract
// records it. The property test failed every method whose result was NaN
// (the mean of no values: probe gen8). A finite number and a non-finite one
// stay different, and so do NaN and the infinities (all were null before).
TEST(SameValue, NonFiniteNumbersAreTheSameAsTheyAreRecorded) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(same_value(nan, nan));
  EXPECT_TRUE(same_value(nan, -nan));
  EXPECT_TRUE(same_value(-inf, -inf));
  EXPECT_FALSE(same_value(nan, -inf));
  EXPECT_FALSE(same_value(inf, -inf));
  EXPECT_TRUE(same_value(std::vector<double>{nan, 1.5}, std::vector<double>{nan, 1.5}));
  EXPECT_FALSE(same_value(meshwa::Result<float>(std::numeric_limits<float>::quiet_NaN()),
                          meshwa::Result<float>(std::numeric_limits<float>::infinity())));
  EXPECT_FALSE(same_value(nan, 0.0));
  EXPECT_FALSE(same_value(1.5, inf));
  EXPECT_FALSE(same_value(std::vector<double>{nan, 1.5}, std::vector<double>{nan, 2.5}));
}

TEST(Arbitrary, MakesDurationsTimePointsAndSharedPointersIncludingNull) {
  meshwa::Registry registry;
  meshwa::Deployment deployment(registry);
  meshwa::gen::Arbitrary arbitrary(42, &deployment, nullptr);
  int nulls = 0;
  int values = 0;
  bool extreme = false;
  for (int i = 0; i < 200; ++i) {
    const auto s = arbitrary.make<std::shared_ptr<const std::string>>();
    (s ? values : nulls) += 1;
    const auto d = arbitrary.make<std::chrono::milliseconds>();
    extreme = extreme || d == std::chrono::milliseconds::max() || d == std::chrono::milliseconds::min();
    const auto t = arbitrary.make<std::chrono::system_clock::time_point>();
    EXPECT_EQ(json(t).get<std::chrono::system_clock::time_point>(), t);
  }
  EXPECT_GT(nulls, 0);
  EXPECT_GT(values, nulls);
  EXPECT_TRUE(extreme) << "the edge counts are among the inputs";
}

// A stand-in's answer to a meshwa::Result: sometimes an error, with codes
// beyond one, and values otherwise (docs/contracts.md §3).
TEST(Arbitrary, MakesResultsThatAreSometimesErrors) {
  meshwa::gen::Arbitrary arbitrary(7, nullptr, nullptr);
  std::set<meshwa::Code> codes;
  int values = 0;
  int voids = 0;
  for (int i = 0; i < 400; ++i) {
    const auto r = arbitrary.make<meshwa::Result<std::int32_t>>();
    if (r.has_value()) ++values;
    else codes.insert(r.error().code());
    voids += arbitrary.make<meshwa::Result<void>>().has_value() ? 1 : 0;
  }
  EXPECT_GT(values, 200);
  EXPECT_GT(codes.size(), 3u) << "errors of several codes";
  EXPECT_EQ(codes.count(meshwa::Code::ok), 0u);
  EXPECT_GT(voids, 200);
  EXPECT_LT(voids, 400);
}

// std::array, std::deque, std::list and std::tuple are generated like the
// other containers (probe api4 #1: always default or empty, so a service
// mishandling any other value passed its property tests).
TEST(Arbitrary, MakesArraysDequesListsAndTuples) {
  meshwa::gen::Arbitrary arbitrary(3, nullptr, nullptr);
  int arrays = 0, string_arrays = 0, deques = 0, lists = 0, tuples = 0;
  for (int i = 0; i < 50; ++i) {
    arrays += arbitrary.make<std::array<std::int32_t, 3>>() != std::array<std::int32_t, 3>{} ? 1 : 0;
    const auto strings = arbitrary.make<std::array<std::string, 2>>();
    string_arrays += !strings[0].empty() && !strings[1].empty() ? 1 : 0;
    deques += arbitrary.make<std::deque<std::int32_t>>().empty() ? 0 : 1;
    lists += arbitrary.make<std::list<std::string>>().empty() ? 0 : 1;
    const auto t = arbitrary.make<std::tuple<std::int32_t, std::string>>();
    tuples += t != std::tuple<std::int32_t, std::string>{} ? 1 : 0;
    (void)arbitrary.make<std::tuple<>>();
  }
  EXPECT_GT(arrays, 25);
  EXPECT_GT(string_arrays, 5) << "every element generated";
  EXPECT_GT(deques, 25);
  EXPECT_GT(lists, 25);
  EXPECT_GT(tuples, 25);
}

// A property test's result must be what a contract can hold: a string that
// is not UTF-8 (probe api4 #7) and an Error whose code is no meshwa::Code
// (#4) fail it, naming the method, the case, the seed and the inputs, as any
// property failure; a result that can be recorded passes.
std::string property_failure(const std::function<void(meshwa::gen::PropertyContext&)>& check) {
  meshwa::Registry registry;
  meshwa::Deployment deployment(registry);
  meshwa::gen::ContractSuite suite;
  meshwa::gen::StandIns stand_ins(suite.stand_ins(), 1);
  meshwa::gen::PropertyContext ctx("zip: bin::Zip::pack", 99, deployment, stand_ins);
  ctx.next_case(4);
  (void)ctx.input<std::int32_t>("level");
  ::testing::TestPartResultArray failures;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD,
                                                         &failures);
    check(ctx);
  }
  std::string all;
  for (int i = 0; i < failures.size(); ++i) all += failures.GetTestPartResult(i).message();
  return all;
}

TEST(PropertyResult, MustBeRecordable) {
  using R = meshwa::Result<std::string>;
  EXPECT_NE(property_failure([](auto& ctx) { ctx.check_result(R(std::string("\x1f\x8b\xff"))); }).find(
                "zip: bin::Zip::pack: the result cannot be recorded in a contract: [json.exception.type_error.316] invalid UTF-8 byte"),
            std::string::npos);
  const std::string packet = property_failure([](auto& ctx) { ctx.check_result(std::vector<std::string>{"ok", "\xc3\x28"}); });
  EXPECT_NE(packet.find("cannot be recorded in a contract"), std::string::npos) << packet;
  EXPECT_NE(packet.find("carry bytes as std::vector<std::uint8_t>"), std::string::npos) << packet;
  EXPECT_NE(packet.find("case 4 (seed 99), inputs: level = "), std::string::npos) << packet;
  const std::string error = property_failure(
      [](auto& ctx) { ctx.check_result(R(meshwa::Error(meshwa::Code::not_found, "\xff"))); });
  EXPECT_NE(error.find("cannot be recorded in a contract"), std::string::npos) << error;
  const std::string code = property_failure(
      [](auto& ctx) { ctx.check_result(R(meshwa::Error(static_cast<meshwa::Code>(42), "x"))); });
  EXPECT_NE(code.find("zip: bin::Zip::pack: returned an Error with code 42, which is no meshwa::Code\n  case 4 (seed 99), inputs: level = "),
            std::string::npos)
      << code;
  EXPECT_EQ(property_failure([](auto& ctx) { ctx.check_result(R(std::string("ünïcödé"))); }), "");
  EXPECT_EQ(property_failure([](auto& ctx) { ctx.check_result(R(meshwa::Error(meshwa::Code::internal, "x"))); }),
            "");
}

// A message holding a Ref<I>, adapted as meshwa gen writes it
// (<unit>.messages.hpp): a correct provider's result reads back from its
// JSON as any message does, the Ref as recorded (by its interface; probe
// api5 #1: `the result does not read back from its JSON
// {"sink":{"$meshwa_ref":...}}`), in a Result, vector and Shared too; a
// result that cannot be recorded still fails, and the other members of
// the message are still compared.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void put(std::int32_t v) = 0;
};
class SinkImpl final : public Sink {
 public:
  void put(std::int32_t) override {}
};
struct Entry {
  std::string name;
  meshwa::Ref<Sink> sink;
};
struct Inner {
  std::vector<meshwa::Ref<Sink>> sinks;
};
}  // namespace
BOOST_HANA_ADAPT_STRUCT(Entry, name, sink);
BOOST_HANA_ADAPT_STRUCT(Inner, sinks);
namespace {
bool operator==(const Entry& a, const Entry& b) { return a.name == b.name && a.sink == b.sink; }
std::ostream& operator<<(std::ostream& os, const Entry& v) {
  os << "Entry{name: ";
  meshwa::gen::print(os, v.name);
  os << ", sink: ";
  meshwa::gen::print(os, v.sink);
  return os << '}';
}
void to_json(json& j, const Entry& v) {
  j = json::object();
  j["name"] = v.name;
  j["sink"] = v.sink;
}
void from_json(const json& j, Entry& v) {
  meshwa::gen::expect_fields(j, "Entry", {"name", "sink"});
  meshwa::gen::read_field(j, "name", v.name);
  meshwa::gen::read_field(j, "sink", v.sink);
}
bool operator==(const Inner& a, const Inner& b) { return a.sinks == b.sinks; }
std::ostream& operator<<(std::ostream& os, const Inner& v) {
  os << "Inner{sinks: ";
  meshwa::gen::print(os, v.sinks);
  return os << '}';
}
void to_json(json& j, const Inner& v) {
  j = json::object();
  j["sinks"] = v.sinks;
}
void from_json(const json& j, Inner& v) {
  meshwa::gen::expect_fields(j, "Inner", {"sinks"});
  meshwa::gen::read_field(j, "sinks", v.sinks);
}

TEST(PropertyResult, AMessageHoldingARefReadsBack) {
  static SinkImpl sink;
  const meshwa::Ref<Sink> ref(sink);
  const Entry entry{"a", ref};
  EXPECT_EQ(property_failure([&](auto& ctx) { ctx.check_result(entry); }), "");
  EXPECT_EQ(property_failure([&](auto& ctx) { ctx.check_result(meshwa::Result<Entry>(entry)); }), "");
  EXPECT_EQ(property_failure([&](auto& ctx) { ctx.check_result(std::vector<Entry>{entry, entry}); }), "");
  EXPECT_EQ(property_failure([&](auto& ctx) { ctx.check_result(meshwa::make_shared<Entry>(entry)); }), "");
  EXPECT_EQ(property_failure([&](auto& ctx) { ctx.check_result(std::vector<Inner>{Inner{{ref, ref}}}); }), "");
  EXPECT_EQ(property_failure([&](auto& ctx) { ctx.check_result(meshwa::make_shared<Inner>(Inner{{ref}})); }), "");

  // A wrong provider still fails: a name that is not UTF-8, an Error with no Code.
  const std::string bytes =
      property_failure([&](auto& ctx) { ctx.check_result(Entry{"\xc3\x28", ref}); });
  EXPECT_NE(bytes.find("the result cannot be recorded in a contract"), std::string::npos) << bytes;
  const std::string code = property_failure([&](auto& ctx) {
    ctx.check_result(meshwa::Result<Entry>(meshwa::Error(static_cast<meshwa::Code>(42), "x")));
  });
  EXPECT_NE(code.find("returned an Error with code 42"), std::string::npos) << code;

  // The members beside the Ref are compared; the Ref by its interface alone.
  EXPECT_TRUE(same_value(entry, Entry{"a", meshwa::Ref<Sink>()}));
  EXPECT_FALSE(same_value(entry, Entry{"b", ref}));
  EXPECT_FALSE(same_value(Inner{{ref}}, Inner{{ref, ref}}));
}

// A Ref in a result is a capability handed to the caller: an empty one
// (default-constructed) throws meshwa::EmptyHandle at the first call, and
// used to pass the property tests (its JSON reads back as any Ref of the
// interface). It fails them now, with where it sits; "none" said with an
// empty std::optional or an Error passes.
TEST(PropertyResult, AnEmptyRefFails) {
  static SinkImpl sink;
  const meshwa::Ref<Sink> ref(sink);
  const meshwa::Ref<Sink> empty;
  const std::string top = property_failure([&](auto& ctx) { ctx.check_result(empty); });
  EXPECT_NE(top.find("zip: bin::Zip::pack: returned an empty meshwa::Ref<"), std::string::npos) << top;
  EXPECT_NE(top.find("Sink>: a caller that calls through it gets meshwa::EmptyHandle; return the Ref the service got "
                     "from ctx.ref<I>(), or say there is none with std::optional<meshwa::Ref<"),
            std::string::npos)
      << top;
  EXPECT_NE(top.find("case 4 (seed 99), inputs: level = "), std::string::npos) << top;
  EXPECT_NE(property_failure([&](auto& ctx) { ctx.check_result(meshwa::Result<meshwa::Ref<Sink>>(empty)); })
                .find("returned an empty meshwa::Ref<"),
            std::string::npos);
  EXPECT_NE(property_failure([&](auto& ctx) { ctx.check_result(std::optional<meshwa::Ref<Sink>>(empty)); })
                .find("returned an empty meshwa::Ref<"),
            std::string::npos);
  const std::string member = property_failure([&](auto& ctx) { ctx.check_result(std::vector<Entry>{{"a", ref}, {"b", empty}}); });
  EXPECT_NE(member.find("Sink> (at result[1].sink): "), std::string::npos) << member;
  const std::string nested = property_failure(
      [&](auto& ctx) { ctx.check_result(meshwa::make_shared<Inner>(Inner{{ref, empty}})); });
  EXPECT_NE(nested.find("Sink> (at result.sinks[1]): "), std::string::npos) << nested;
  // The paths a contract names Refs by (detail::for_each_ref): a map's value
  // by its key (was "[1].second"), a tuple's element by its index (was not
  // looked into: passed).
  const std::string keyed = property_failure([&](auto& ctx) {
    ctx.check_result(std::map<std::string, meshwa::Ref<Sink>>{{"a", ref}, {"b", empty}});
  });
  EXPECT_NE(keyed.find("Sink> (at result[\"b\"]): "), std::string::npos) << keyed;
  const std::string tupled = property_failure([&](auto& ctx) {
    ctx.check_result(meshwa::Result<std::tuple<std::int32_t, meshwa::Ref<Sink>>>(std::tuple{1, empty}));
  });
  EXPECT_NE(tupled.find("Sink> (at result[1]): "), std::string::npos) << tupled;

  // Accepted: a Ref that names a service, and "none" said as such.
  EXPECT_EQ(property_failure([&](auto& ctx) { ctx.check_result(ref); }), "");
  EXPECT_EQ(property_failure([&](auto& ctx) { ctx.check_result(std::optional<meshwa::Ref<Sink>>()); }), "");
  EXPECT_EQ(property_failure([&](auto& ctx) {
              ctx.check_result(meshwa::Result<meshwa::Ref<Sink>>(meshwa::Error(meshwa::Code::not_found, "none")));
            }),
            "");
}

class Probe {
 public:
  virtual ~Probe() = default;
  virtual meshwa::Result<std::int32_t> level() = 0;
  virtual meshwa::Result<std::int32_t> scaled(std::int32_t by) = 0;
};

// As meshwa gen writes a stand-in (<unit>.contracts.cpp).
class ProbeStandIn final : public Probe {
 public:
  ProbeStandIn(meshwa::gen::StandIns& answers, meshwa::gen::StandIns::Place place)
      : answers_(answers), place_(std::move(place)) {}
  meshwa::Result<std::int32_t> level() override {
    return answers_.answer<Probe, meshwa::Result<std::int32_t>>(place_, "level", [] { return nlohmann::json::object(); });
  }
  meshwa::Result<std::int32_t> scaled(std::int32_t by) override {
    return answers_.answer<Probe, meshwa::Result<std::int32_t>>(place_, "scaled", [&] {
      nlohmann::json request = nlohmann::json::object();
      request["by"] = by;
      return request;
    });
  }

 private:
  meshwa::gen::StandIns& answers_;
  const meshwa::gen::StandIns::Place place_;
};

// What meshwa gen registers for it.
void register_probe(meshwa::gen::ContractSuite& suite) {
  suite.stand_in<Probe>([](meshwa::gen::StandIns& s, meshwa::gen::StandIns::Place place) {
    return std::make_shared<ProbeStandIn>(s, std::move(place));
  });
}

// Stand-ins of Probe, registered as meshwa gen does, attached to a
// deployment without a provider of it: what a replay starts with.
class ProbeStandIns : public ::testing::Test {
 protected:
  ProbeStandIns() { stand_ins.attach(&deployment); }

  meshwa::Registry registry;
  meshwa::Deployment deployment{registry};
  meshwa::gen::ContractSuite suite = [] {
    meshwa::gen::ContractSuite s;
    register_probe(s);
    return s;
  }();
  meshwa::gen::StandIns stand_ins{suite.stand_ins(), 1};
  const std::string name{meshwa::type_name<Probe>()};
};


// Without a provider and without a stand-in, a Ref<Probe> input is
// NoProvider (an optional does without it); with a stand-in registered, the
// input is a Ref to one stand-in, made once, whose calls are counted.
TEST(StandIns, AreMadeOnceWhereTheDeploymentHasNoProvider) {
  meshwa::Registry registry;
  meshwa::Deployment deployment(registry);
  meshwa::gen::ContractSuite none;
  meshwa::gen::StandIns without(none.stand_ins(), 1);
  meshwa::gen::Arbitrary bare(1, &deployment, &without);
  try {
    (void)bare.make<meshwa::Ref<Probe>>();
    ADD_FAILURE() << "a Ref without provider or stand-in was made";
  } catch (const meshwa::gen::NoProvider& e) {
    EXPECT_NE(e.interface.find("Probe"), std::string::npos) << e.interface;
    EXPECT_NE(e.why.find("Probe"), std::string::npos) << e.why;
  }
  EXPECT_EQ(bare.make<std::optional<meshwa::Ref<Probe>>>(), std::nullopt);

  meshwa::gen::ContractSuite suite;
  register_probe(suite);
  meshwa::gen::StandIns stand_ins(suite.stand_ins(), 1);
  stand_ins.attach(&deployment);
  meshwa::gen::Arbitrary arbitrary(1, &deployment, &stand_ins);
  const auto a = arbitrary.make<meshwa::Ref<Probe>>();
  const auto b = arbitrary.make<meshwa::Ref<Probe>>();
  ASSERT_TRUE(a.has_value());
  EXPECT_TRUE(a == b) << "one stand-in per interface";
  EXPECT_NE(dynamic_cast<ProbeStandIn*>(&*a), nullptr);
  for (int i = 0; i < 3; ++i) (void)a->level();
  ASSERT_EQ(stand_ins.summary().size(), 1u);
  EXPECT_NE(stand_ins.summary()[0].find("Probe (3 calls)"), std::string::npos) << stand_ins.summary()[0];
}

// docs/contracts.md §2: while an interaction replays, a stand-in answers
// the callbacks the consumer recorded with it (the first not made yet of the
// method, with an equal request) as recorded, which is no generated answer;
// another request for it, or a recorded callback never made, is a problem
// of the interaction. Other calls get generated values, as before.
TEST_F(ProbeStandIns, AnswerTheCallbacksRecordedWithAnInteraction) {
  Probe* probe = stand_ins.find<Probe>();
  ASSERT_NE(probe, nullptr);
  const auto callback = [&](int by, int answer) {
    return nlohmann::json{{"interface", name}, {"method", "scaled"}, {"request", {{"by", by}}},
                          {"response", {{"value", answer}}}};
  };
  stand_ins.expect_callbacks(nlohmann::json::array({callback(2, 20), callback(3, 30)}));
  const std::uint64_t generated = stand_ins.generated();
  EXPECT_EQ(probe->scaled(2).value(), 20);
  EXPECT_EQ(stand_ins.generated(), generated);
  (void)probe->level();  // recorded by no one: a generated answer
  EXPECT_EQ(stand_ins.generated(), generated + 1);
  (void)probe->scaled(4);  // the second recorded one, with another request
  EXPECT_EQ(stand_ins.generated(), generated + 2);
  meshwa::gen::StandIns::CallbackCheck check = stand_ins.end_callbacks();
  EXPECT_EQ(check.answered, 1u);
  ASSERT_EQ(check.problems.size(), 1u);
  EXPECT_NE(check.problems[0].find("callback 2, " + name + "::scaled: the provider called it with another request\n"
                                   "    expected: {\"by\":3}\n    got:      {\"by\":4}"),
            std::string::npos)
      << check.problems[0];

  stand_ins.expect_callbacks(nlohmann::json::array({callback(2, 20)}));
  check = stand_ins.end_callbacks();
  ASSERT_EQ(check.problems.size(), 1u);
  EXPECT_NE(check.problems[0].find("callback 1, " + name + "::scaled({\"by\":2}): never made; the consumer's test "
                                   "recorded it, answered {\"value\":20}"),
            std::string::npos)
      << check.problems[0];
  // Between interactions: generated again.
  (void)probe->scaled(2);
  EXPECT_EQ(stand_ins.generated(), generated + 3);
  EXPECT_TRUE(stand_ins.end_callbacks().problems.empty());
}

// A recorded callback (to be answered by the stand-in of the Ref at `through`).
nlohmann::json probe_callback(const std::string& through, int by, int answer) {
  return nlohmann::json{{"interface", std::string(meshwa::type_name<Probe>())},
                        {"method", "scaled"},
                        {"request", {{"by", by}}},
                        {"response", {{"value", answer}}},
                        {"through", through}};
}

// docs/contracts.md §2: each Ref of a replayed request is a stand-in of its
// own (StandIns::at, by its path), which answers only what the consumer
// recorded through that Ref: a call with the recorded request through
// another Ref of the request is a problem naming both paths (before, every
// Ref of an interface was one stand-in, and it was answered as recorded). A
// stand-in of an earlier interaction's Ref, kept by the provider, answers
// nothing recorded later (the consumer's mock could not call it then).
TEST_F(ProbeStandIns, EachRefOfARequestAnswersWhatWasRecordedThroughIt) {
  stand_ins.expect_callbacks(nlohmann::json::array(
      {probe_callback("listeners[0]", 2, 20), probe_callback("listeners[1]", 3, 30), probe_callback("listeners[1]", 4, 40)}));
  auto* first = static_cast<Probe*>(stand_ins.at(typeid(Probe), name, "listeners[0]"));
  auto* second = static_cast<Probe*>(stand_ins.at(typeid(Probe), name, "listeners[1]"));
  ASSERT_NE(first, nullptr);
  EXPECT_NE(first, second) << "a stand-in per Ref";
  EXPECT_EQ(stand_ins.at(typeid(Probe), name, "listeners[0]"), first) << "one per path and interaction";
  const std::uint64_t generated = stand_ins.generated();
  EXPECT_EQ(first->scaled(2).value(), 20);
  EXPECT_EQ(second->scaled(3).value(), 30);
  EXPECT_EQ(stand_ins.generated(), generated);
  (void)first->scaled(4);  // recorded through listeners[1]: a generated answer
  EXPECT_EQ(stand_ins.generated(), generated + 1);
  meshwa::gen::StandIns::CallbackCheck check = stand_ins.end_callbacks();
  EXPECT_EQ(check.answered, 2u);
  ASSERT_EQ(check.problems.size(), 1u);
  EXPECT_EQ(check.problems[0],
            "callback 3, " + name + "::scaled({\"by\":4}) through listeners[1]: the provider made it through "
            "listeners[0], another Ref of the request; the consumer's test recorded it through listeners[1], whose "
            "object answered it (each Ref argument is a stand-in of its own, answering what was recorded through it)");

  // The next interaction: the Ref kept from the last one answers nothing
  // recorded now; the one of this request does.
  stand_ins.expect_callbacks(nlohmann::json::array({probe_callback("listeners[0]", 2, 21)}));
  (void)first->scaled(2);
  EXPECT_EQ(stand_ins.generated(), generated + 2);
  auto* now = static_cast<Probe*>(stand_ins.at(typeid(Probe), name, "listeners[0]"));
  EXPECT_NE(now, first);
  EXPECT_EQ(now->scaled(2).value(), 21);
  EXPECT_TRUE(stand_ins.end_callbacks().problems.empty());
  ASSERT_EQ(stand_ins.summary().size(), 1u);
  EXPECT_NE(stand_ins.summary()[0].find("Probe (5 calls)"), std::string::npos) << stand_ins.summary()[0];
}

// The order of the recorded callbacks is checked per thread of the
// provider: one thread that makes them in another order fails, threads that
// call at once (a provider fanning out and joining) do not, whichever
// thread's call comes first. Before, the second thread's call, recorded
// before the first's, failed the interaction ("made after callback 2").
TEST_F(ProbeStandIns, CheckTheOrderOfEachThreadsCallbacks) {
  const nlohmann::json recorded =
      nlohmann::json::array({probe_callback("listeners[0]", 2, 20), probe_callback("listeners[1]", 3, 30)});
  const auto listener = [&](const char* path) { return static_cast<Probe*>(stand_ins.at(typeid(Probe), name, path)); };

  stand_ins.expect_callbacks(recorded);
  EXPECT_EQ(listener("listeners[1]")->scaled(3).value(), 30);
  EXPECT_EQ(listener("listeners[0]")->scaled(2).value(), 20);
  meshwa::gen::StandIns::CallbackCheck check = stand_ins.end_callbacks();
  ASSERT_EQ(check.problems.size(), 1u);
  EXPECT_NE(check.problems[0].find("callback 1, " + name + "::scaled({\"by\":2}) through listeners[0]: made after "
                                   "callback 2, " + name + "::scaled({\"by\":3}) through listeners[1], which the "
                                   "consumer's test recorded after it"),
            std::string::npos)
      << check.problems[0];

  stand_ins.expect_callbacks(recorded);
  Probe* first = listener("listeners[0]");
  Probe* second = listener("listeners[1]");
  std::int32_t answers[2] = {0, 0};
  std::thread late([&] { answers[1] = second->scaled(3).value(); });
  late.join();  // the second Ref's call first, on a thread of its own
  std::thread early([&] { answers[0] = first->scaled(2).value(); });
  early.join();
  EXPECT_EQ(answers[0], 20);
  EXPECT_EQ(answers[1], 30);
  check = stand_ins.end_callbacks();
  EXPECT_TRUE(check.problems.empty()) << check.problems[0];
  EXPECT_EQ(check.answered, 2u);
}

struct Heard : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A test's escape handler also hears of an unsafe service's failures (the
// gate's plain-failure hook); the default hands them back to the gate.
TEST(EscapeHandler, TakesOverTheGatesPlainFailuresUntilTheDefaultIsBack) {
  const auto previous = meshwa::gen::set_escape_handler(
      [](const char* service, const char* interface, const char* method, const char* what) {
        throw Heard(std::string(service) + "|" + interface + "|" + method + "|" + what);
      });
  const meshwa::mpk::PlainFailureHook hook = meshwa::mpk::set_plain_failure_hook(nullptr);
  ASSERT_NE(hook, nullptr);
  meshwa::mpk::set_plain_failure_hook(hook);
  static constexpr meshwa::mpk::CallSite site{"kv", "reset"};
  try {
    hook(site, meshwa::Error(meshwa::Code::internal, "kv.reset threw an exception: x"));
    ADD_FAILURE() << "the handler did not throw";
  } catch (const Heard& e) {
    EXPECT_STREQ(e.what(), "kv||reset|kv.reset threw an exception: x");
  }
  try {
    hook(site, meshwa::Error(meshwa::Code::domain_fault, "kv.reset: MPK domain 'kv' faulted"));
  } catch (const Heard& e) {
    EXPECT_STREQ(e.what(), "kv||reset|domain_fault: kv.reset: MPK domain 'kv' faulted");
  }
  meshwa::gen::set_escape_handler(previous);
  EXPECT_EQ(meshwa::mpk::set_plain_failure_hook(nullptr), nullptr) << "a deployment's gate keeps its own policy";
}

}  // namespace
