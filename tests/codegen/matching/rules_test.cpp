// The matching rules' JSON side (codegen/support/src/rule_matching.*) and
// member paths from pointers to members (meshwa/gen/matching.hpp).
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <boost/hana/adapt_struct.hpp>

#include "meshwa/gen/matching.hpp"
#include "rule_matching.hpp"

namespace {

using nlohmann::json;
using namespace meshwa::gen::matching;

struct Item {
  std::string id;
  int n = 0;
};
struct Page {
  std::vector<Item> items;
  std::optional<Item> top;
  int count = 0;
};
struct Tree {
  std::string name;
  std::vector<Tree> children;
};
struct Board {
  std::map<std::string, Item> scores;
  std::unordered_map<int, std::vector<Item>> rounds;
  std::optional<std::map<std::string, std::map<std::string, Item>>> nested;
};

json rules(const char* text) { return json::parse(text); }

}  // namespace

// Named outside the anonymous namespace: their names are in the failures.
namespace shapes {
struct Post {
  std::string id;
  int n = 0;
};
struct Folder {
  std::string name;
  Post cover;
  std::vector<Folder> children;
};
struct Answer {
  std::variant<Post, Folder, int> v;
  std::pair<Post, int> p;
};
}  // namespace shapes
BOOST_HANA_ADAPT_STRUCT(shapes::Post, id, n);
BOOST_HANA_ADAPT_STRUCT(shapes::Folder, name, cover, children);
BOOST_HANA_ADAPT_STRUCT(shapes::Answer, v, p);

BOOST_HANA_ADAPT_STRUCT(Item, id, n);
BOOST_HANA_ADAPT_STRUCT(Page, items, top, count);
BOOST_HANA_ADAPT_STRUCT(Tree, name, children);
BOOST_HANA_ADAPT_STRUCT(Board, scores, rounds, nested);

TEST(MemberPath, NamesMembersByPointer) {
  using meshwa::gen::member;
  EXPECT_EQ(member(&Item::id).text, "id");
  EXPECT_EQ(member(&Item::n).text, "n");
  EXPECT_EQ(member(&Page::count).text, "count");
  EXPECT_EQ(member(&Page::items, &Item::id).text, "items.id");  // through a container
  EXPECT_EQ(member(&Page::top, &Item::n).text, "top.n");        // through an optional
}

TEST(MemberPath, GoesThroughEveryValueOfAMap) {
  using meshwa::gen::member;
  EXPECT_EQ(member(&Board::scores).text, "scores");  // the map itself
  EXPECT_EQ(member(&Board::scores, &Item::id).text, "scores.*.id");
  EXPECT_EQ(member(&Board::rounds, &Item::n).text, "rounds.*.n");            // a map of containers
  EXPECT_EQ(member(&Board::nested, &Item::id).text, "nested.*.*.id");        // an optional map of maps
}

TEST(MatchingRules, EverythingOutsideARuleIsExact) {
  const json e = json::parse(R"({"value": {"id": "a", "n": 1}})");
  EXPECT_FALSE(compare(e, json::parse(R"({"value": {"id": "b", "n": 1}})"), rules(R"([{"path": "value.id", "match": "type"}])")));
  const auto m = compare(e, json::parse(R"({"value": {"id": "b", "n": 2}})"), rules(R"([{"path": "value.id", "match": "type"}])"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->path, "value.n");
  EXPECT_EQ(m->rule, "");
  EXPECT_EQ(m->why, "expected 1, got 2");
}

TEST(MatchingRules, ByTypeIsAnyValueOfTheType) {
  const json r = rules(R"([{"path": "value.id", "match": "type"}])");
  const json e = json::parse(R"({"value": {"id": "a", "n": 1}})");
  const auto m = compare(e, json::parse(R"({"value": {"id": 5, "n": 1}})"), r);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->path, "value.id");
  EXPECT_EQ(m->rule, "by type (rule at \"value.id\")");
  EXPECT_EQ(m->why, "expected a string like the recorded \"a\", got 5");
  // An optional may be absent, and one recorded absent may be anything.
  EXPECT_FALSE(compare(e, json::parse(R"({"value": {"id": null, "n": 1}})"), r));
  EXPECT_FALSE(compare(json::parse(R"({"value": {"id": null, "n": 1}})"), json::parse(R"({"value": {"id": "x", "n": 1}})"), r));
}

TEST(MatchingRules, AContainerByTypeHasElementsOfTheRecordedShape) {
  const json r = rules(R"([{"path": "items", "match": "type"}])");
  const json e = json::parse(R"({"items": [{"id": "a", "n": 1}, {"id": "b", "n": 2}], "count": 2})");
  EXPECT_FALSE(compare(e, json::parse(R"({"items": [{"id": "c", "n": 7}], "count": 2})"), r));   // any length
  EXPECT_FALSE(compare(e, json::parse(R"({"items": [], "count": 2})"), r));
  const auto m = compare(e, json::parse(R"({"items": [{"id": "c", "n": "7"}], "count": 2})"), r);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->path, "items[0].n");
  const auto missing = compare(e, json::parse(R"({"items": [{"id": "c"}], "count": 2})"), r);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->path, "items[0].n");
  EXPECT_EQ(missing->why, "the member is missing");
  // Not under the rule: still exact.
  EXPECT_TRUE(compare(e, json::parse(R"({"items": [], "count": 3})"), r));
}

TEST(MatchingRules, ARegexInsideATypeRuleStillApplies) {
  const json r = rules(R"([{"path": "items", "match": "type"}, {"path": "items.id", "match": "regex", "regex": "[a-z]"}])");
  const json e = json::parse(R"({"items": [{"id": "a", "n": 1}]})");
  EXPECT_FALSE(compare(e, json::parse(R"({"items": [{"id": "q", "n": 9}, {"id": "z", "n": 3}]})"), r));
  const auto m = compare(e, json::parse(R"({"items": [{"id": "q", "n": 9}, {"id": "Z1", "n": 3}]})"), r);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->path, "items[1].id");
  EXPECT_EQ(m->rule, "regex \"[a-z]\" (rule at \"items.id\")");
  EXPECT_EQ(m->why, "the value \"Z1\" does not match the regex \"[a-z]\"");
}

TEST(MatchingRules, TheRecordingIsChecked) {
  const json response = json::parse(R"({"value": {"items": [{"id": "a", "n": 1}], "top": null, "count": 1}})");
  EXPECT_EQ(check_recorded(response, json::parse(R"({"path": "value.items.id", "match": "type"})")), "");
  EXPECT_EQ(check_recorded(response, json::parse(R"({"path": "value.items.idd", "match": "type"})")),
            "there is no member \"idd\" at value.items[0] (its members: id, n)");
  EXPECT_EQ(check_recorded(response, json::parse(R"({"path": "value.count.x", "match": "type"})")),
            "at value.count the recorded value is a number, which has no member \"x\"");
  EXPECT_EQ(check_recorded(response, json::parse(R"({"path": "value.items.id", "match": "regex", "regex": "b"})")),
            "at value.items[0].id: the value \"a\" does not match the regex \"b\"");
  // Behind an absent optional: nothing recorded to check.
  EXPECT_EQ(check_recorded(response, json::parse(R"({"path": "value.top.anything", "match": "type"})")), "");
}

// "*": every value of a map, an object (std::string keys) or [key, value]
// pairs (other keys); the keys themselves are compared exactly.
TEST(MatchingRules, AStarIsEveryValueOfAMap) {
  const json r = rules(R"([{"path": "value.scores.*.id", "match": "regex", "regex": "s-[0-9]+"}])");
  const json e = json::parse(R"({"value": {"scores": {"ann": {"id": "s-1", "n": 1}, "bob": {"id": "s-2", "n": 2}}}})");
  EXPECT_FALSE(compare(e, json::parse(R"({"value": {"scores": {"ann": {"id": "s-71", "n": 1}, "bob": {"id": "s-9", "n": 2}}}})"), r));
  const auto broken = compare(e, json::parse(R"({"value": {"scores": {"ann": {"id": "s-71", "n": 1}, "bob": {"id": "x", "n": 2}}}})"), r);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->path, "value.scores.bob.id");
  EXPECT_EQ(broken->rule, "regex \"s-[0-9]+\" (rule at \"value.scores.*.id\")");
  const auto other_key = compare(e, json::parse(R"({"value": {"scores": {"ann": {"id": "s-1", "n": 1}, "cy": {"id": "s-2", "n": 2}}}})"), r);
  ASSERT_TRUE(other_key);
  EXPECT_EQ(other_key->path, "value.scores.bob");
  EXPECT_EQ(other_key->rule, "");
  const auto other_n = compare(e, json::parse(R"({"value": {"scores": {"ann": {"id": "s-5", "n": 3}, "bob": {"id": "s-2", "n": 2}}}})"), r);
  ASSERT_TRUE(other_n);
  EXPECT_EQ(other_n->path, "value.scores.ann.n");
  // Without the star the map's key is part of the path, which no rule names.
  EXPECT_TRUE(compare(e, json::parse(R"({"value": {"scores": {"ann": {"id": "s-71", "n": 1}, "bob": {"id": "s-2", "n": 2}}}})"),
                      rules(R"([{"path": "value.scores.id", "match": "type"}])")));

  // Pairs: a map of int keys holding containers; by type.
  const json pr = rules(R"([{"path": "rounds.*.id", "match": "type"}])");
  const json pe = json::parse(R"({"rounds": [[1, [{"id": "a", "n": 1}]], [2, []]]})");
  EXPECT_FALSE(compare(pe, json::parse(R"({"rounds": [[1, [{"id": "zz", "n": 1}]], [2, []]]})"), pr));
  const auto key = compare(pe, json::parse(R"({"rounds": [[1, [{"id": "zz", "n": 1}]], [3, []]]})"), pr);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->path, "rounds[1]");
  EXPECT_EQ(key->why, "expected the key 2, got 3");
  const auto n = compare(pe, json::parse(R"({"rounds": [[1, [{"id": "zz", "n": 4}]], [2, []]]})"), pr);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->path, "rounds[0][0].n");

  // The values themselves: a map of strings.
  const json vr = rules(R"([{"path": "labels.*", "match": "regex", "regex": "[a-z]+"}])");
  EXPECT_FALSE(compare(json::parse(R"({"labels": {"x": "a"}})"), json::parse(R"({"labels": {"x": "qq"}})"), vr));
  EXPECT_TRUE(compare(json::parse(R"({"labels": {"x": "a"}})"), json::parse(R"({"labels": {"x": "Q"}})"), vr));
}

TEST(MatchingRules, AStarIsCheckedWhenRecorded) {
  const json response = json::parse(R"({"scores": {"ann": {"id": "s-1", "n": 1}}, "rounds": [[1, [{"id": "a", "n": 1}]]], "count": 2})");
  EXPECT_EQ(check_recorded(response, json::parse(R"({"path": "scores.*.id", "match": "type"})")), "");
  EXPECT_EQ(check_recorded(response, json::parse(R"({"path": "rounds.*.n", "match": "type"})")), "");
  EXPECT_EQ(check_recorded(response, json::parse(R"({"path": "scores.*.idd", "match": "type"})")),
            "there is no member \"idd\" at scores.ann (its members: id, n)");
  EXPECT_EQ(check_recorded(response, json::parse(R"({"path": "rounds.*.idd", "match": "type"})")),
            "there is no member \"idd\" at rounds[0][0] (its members: id, n)");
  EXPECT_EQ(check_recorded(response, json::parse(R"({"path": "scores.*.id", "match": "regex", "regex": "t-.*"})")),
            "at scores.ann.id: the value \"s-1\" does not match the regex \"t-.*\"");
  EXPECT_EQ(check_recorded(response, json::parse(R"({"path": "count.*", "match": "type"})")),
            "at count the recorded value is a number, which is no map (\"*\" names every value of a map)");
}

// A path is checked against the response's type too, where the recording
// has nothing to see: an absent optional, an empty container or map.
TEST(MatchingRules, ThePathIsCheckedAgainstTheType) {
  using meshwa::gen::shape_of;
  EXPECT_EQ(shape_of<Page>(), json::parse(R"({"items": {"id": "leaf", "n": "leaf"}, "top": {"id": "leaf", "n": "leaf"},
                                              "count": "leaf"})"));
  EXPECT_EQ(shape_of<Board>(), json::parse(R"({"scores": {"*": {"id": "leaf", "n": "leaf"}},
                                               "rounds": {"*": {"id": "leaf", "n": "leaf"}},
                                               "nested": {"*": {"*": {"id": "leaf", "n": "leaf"}}}})"));
  const json page = json{{"value", shape_of<Page>()}};
  // Nothing recorded behind the absent optional, nor in the empty container.
  const json empty = json::parse(R"({"value": {"items": [], "top": null, "count": 0}})");
  const json top_typo = json::parse(R"({"path": "value.top.idd", "match": "type"})");
  const json items_typo = json::parse(R"({"path": "value.items.idd", "match": "type"})");
  EXPECT_EQ(check_recorded(empty, top_typo), "");
  EXPECT_EQ(check_recorded(empty, items_typo), "");
  EXPECT_EQ(check_shape(page, top_typo), "there is no member \"idd\" at value.top (its members: id, n)");
  EXPECT_EQ(check_shape(page, items_typo), "there is no member \"idd\" at value.items (its members: id, n)");
  EXPECT_EQ(check_shape(page, json::parse(R"({"path": "value.top.id", "match": "type"})")), "");
  EXPECT_EQ(check_shape(page, json::parse(R"({"path": "value.count.x", "match": "type"})")),
            "at value.count the type is no message, which has no member \"x\"");
  EXPECT_EQ(check_shape(page, json::parse(R"({"path": "value.items.*", "match": "type"})")),
            "at value.items the type is a message, which is no map (\"*\" names every value of a map)");
  const json board = shape_of<Board>();
  EXPECT_EQ(check_shape(board, json::parse(R"({"path": "scores.*.id", "match": "type"})")), "");
  EXPECT_EQ(check_shape(board, json::parse(R"({"path": "nested.*.*.n", "match": "type"})")), "");
  EXPECT_EQ(check_shape(board, json::parse(R"({"path": "scores.*.idd", "match": "type"})")),
            "there is no member \"idd\" at scores.* (its members: id, n)");
  // A message that holds itself: checked down to where it repeats.
  EXPECT_EQ(shape_of<Tree>(), json::parse(R"({"name": "leaf", "children": null})"));
  EXPECT_EQ(check_shape(shape_of<Tree>(), json::parse(R"({"path": "nmae", "match": "type"})")),
            "there is no member \"nmae\" at the result (its members: children, name)");
  EXPECT_EQ(check_shape(shape_of<Tree>(), json::parse(R"({"path": "children.children.name", "match": "type"})")), "");
  // One key's value (the recording has it, or the rule applies to nothing).
  EXPECT_EQ(check_shape(board, json::parse(R"({"path": "scores.ann.id", "match": "type"})")), "");
}

// Below a std::variant ({"index", "value"} in a contract): a path into its
// value fits when one alternative has it; when none does, each is named with
// what it has there (before, anything below a variant went unchecked).
TEST(MatchingRules, APathBelowAVariantNeedsAnAlternativeThatHasIt) {
  using meshwa::gen::shape_of;
  const json answer = shape_of<shapes::Answer>();
  const auto path = [](const char* p) { return json{{"path", p}, {"match", "type"}}; };
  EXPECT_EQ(check_shape(answer, path("v.value.id")), "");
  EXPECT_EQ(check_shape(answer, path("v.value.cover.id")), "");
  EXPECT_EQ(check_shape(answer, path("v.index")), "");
  EXPECT_EQ(check_shape(answer, path("v.value.idd")),
            "no alternative of the std::variant at v.value has \"idd\" (shapes::Post: members id, n; "
            "shapes::Folder: members children, cover, name; int: no members)");
  EXPECT_EQ(check_shape(answer, path("v.value.cover.idd")),
            "no alternative of the std::variant at v.value has \"cover.idd\" (shapes::Post: members id, n; "
            "shapes::Folder: there is no member \"idd\" at v.value.cover (its members: id, n); int: no members)");
  EXPECT_EQ(check_shape(answer, path("v.id")), "there is no member \"id\" at v (its members: index, value)");
}

// A recorded variant that holds another alternative than the one a path
// goes into: the rule does not apply to that recording (it did fail, "the
// recorded value is a number, which has no member"); one that holds it is
// checked as before.
TEST(MatchingRules, ARecordedVariantIsCheckedByTheAlternativeItHolds) {
  using meshwa::gen::shape_of;
  const json answer = shape_of<shapes::Answer>();
  const json an_int = json::parse(R"({"v": {"index": 2, "value": 5}, "p": [{"id": "a", "n": 1}, 2]})");
  const json a_post = json::parse(R"({"v": {"index": 0, "value": {"id": "q-1", "n": 1}}, "p": [{"id": "a", "n": 1}, 2]})");
  const json regex = json::parse(R"({"path": "v.value.id", "match": "regex", "regex": "p-[0-9]+"})");
  EXPECT_EQ(check_recorded(an_int, regex, &answer), "");
  EXPECT_EQ(check_recorded(an_int, regex), "at v.value the recorded value is a number, which has no member \"id\"");
  EXPECT_EQ(check_recorded(a_post, regex, &answer),
            "at v.value.id: the value \"q-1\" does not match the regex \"p-[0-9]+\"");
}

// A pair (or tuple, or a class not adapted where the shape is made): its
// members are not known, and the path below it is left to the recording,
// which check_shape says by naming the type (the recorder warns).
TEST(MatchingRules, APathBelowATypeOfUnknownMembersNamesIt) {
  using meshwa::gen::shape_of;
  std::string unknown;
  EXPECT_EQ(check_shape(shape_of<shapes::Answer>(), json{{"path", "p.id"}, {"match", "type"}}, &unknown), "");
  EXPECT_EQ(unknown, "std::pair<shapes::Post, int>");
  unknown.clear();
  EXPECT_EQ(check_shape(shape_of<shapes::Answer>(), json{{"path", "v.value.id"}, {"match", "type"}}, &unknown), "");
  EXPECT_EQ(unknown, "");
}

TEST(MatchingRules, MalformedRulesAreNamed) {
  EXPECT_EQ(rules_problem(rules(R"([{"path": "a", "match": "type"}])")), "");
  EXPECT_EQ(rules_problem(rules(R"({"path": "a"})")), "\"matching_rules\" is not an array of rules");
  EXPECT_EQ(rules_problem(rules(R"([{"path": "a", "match": "equal"}])")),
            "matching rule 1 has no \"match\" of \"type\" or \"regex\"");
  EXPECT_EQ(rules_problem(rules(R"([{"path": "a", "match": "regex"}])")), "matching rule 1 has no string \"regex\"");
  EXPECT_NE(rules_problem(rules(R"([{"path": "a", "match": "regex", "regex": "(("}])")).find("is no ECMAScript regex"),
            std::string::npos);
}
