// The matching rules' JSON side (codegen/support/src/rule_matching.*) and
// member paths from pointers to members (meshwa/gen/matching.hpp).
#include <gtest/gtest.h>

#include <optional>
#include <string>
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

json rules(const char* text) { return json::parse(text); }

}  // namespace

BOOST_HANA_ADAPT_STRUCT(Item, id, n);
BOOST_HANA_ADAPT_STRUCT(Page, items, top, count);

TEST(MemberPath, NamesMembersByPointer) {
  using meshwa::gen::member;
  EXPECT_EQ(member(&Item::id).text, "id");
  EXPECT_EQ(member(&Item::n).text, "n");
  EXPECT_EQ(member(&Page::count).text, "count");
  EXPECT_EQ(member(&Page::items, &Item::id).text, "items.id");  // through a container
  EXPECT_EQ(member(&Page::top, &Item::n).text, "top.n");        // through an optional
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

TEST(MatchingRules, WhereTheResultValueIs) {
  EXPECT_EQ(value_prefix(json::parse(R"({"value": {"id": "a"}})")), "value");
  EXPECT_EQ(value_prefix(json::parse(R"({"id": "a"})")), "");
  EXPECT_EQ(value_prefix(json::parse(R"(["a"])")), "");
  EXPECT_EQ(value_prefix(json::parse(R"({"error": {"code": "internal", "message": "m"}})")), std::nullopt);
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
