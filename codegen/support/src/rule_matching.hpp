// Matching rules in a contract (docs/contracts.md, "Matchers"): the JSON
// side, which both the recorder (checking a rule against the response it
// records) and the replay (comparing the provider's answer) use.
//
// In the contract, an interaction's optional "matching_rules" is an array of
// {"path": "value.id", "match": "type"} or {"path": ..., "match": "regex",
// "regex": "..."}; a path is member names separated by '.', from the
// recorded response (a meshwa::Result's value is under "value", its error
// under "error"; the recorder knows which methods return one), and reaches
// through arrays to every element. A "*" names every value of a map (a JSON
// object of std::string keys, or an array of [key, value] pairs for other
// keys): "value.scores.*.id"; the keys are compared exactly.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace meshwa::gen::matching {

/// Why `rules` (an interaction's "matching_rules") cannot be used, or "".
std::string rules_problem(const nlohmann::json& rules);

/// Checks one rule ({"path", "match"[, "regex"]}) against the response it is
/// recorded with: its members exist (a typo names the members there are) and
/// a regex matches the recorded value. "" or the problem. With the shape of
/// the response's type (check_shape), a path below a std::variant into
/// another alternative than the recorded one does not apply to it.
std::string check_recorded(const nlohmann::json& response, const nlohmann::json& rule,
                           const nlohmann::json* shape = nullptr);

/// Checks one rule's path against the shape of the response's type
/// (meshwa::gen::shape_of; for a meshwa::Result, {"value": shape}), where
/// the recorded response may have nothing to see: a member that the type
/// does not have, a "*" on what is no map, a member that no alternative of
/// a std::variant has (below its "value"). "" or the problem. A path that
/// goes below a type whose members the shape does not know (a pair, a
/// tuple, a class not adapted where the shape was made) is not checked
/// there: `unknown`, when given, gets that type's name.
std::string check_shape(const nlohmann::json& shape, const nlohmann::json& rule, std::string* unknown = nullptr);

/// A replay's answer that breaks the contract: at which member, under which
/// rule ("" when compared exactly) and what was seen.
struct Mismatch {
  std::string path;  // "value.posts[1].id"
  std::string rule;  // "by type (rule at \"value.posts.id\")", "regex \"p-[0-9]+\" (...)", "" for exact
  std::string why;
};

/// Compares the recorded response `expected` with `got` under `rules`:
/// exactly (same_json) wherever no rule applies. nullopt when they agree.
std::optional<Mismatch> compare(const nlohmann::json& expected, const nlohmann::json& got, const nlohmann::json& rules);

}  // namespace meshwa::gen::matching
