// Matching rules: checked when recorded, applied when replayed (rule_matching.hpp).
#include "rule_matching.hpp"

#include <regex>
#include <vector>

#include "json_difference.hpp"
#include "meshwa/gen/json.hpp"

namespace meshwa::gen::matching {

namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  if (path.empty()) return out;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t dot = path.find('.', begin);
    out.push_back(path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin));
    if (dot == std::string::npos) return out;
    begin = dot + 1;
  }
}

std::string joined(const std::string& a, const std::string& b) { return a.empty() ? b : b.empty() ? a : a + "." + b; }

// NaN and the infinities are recorded as strings of a number.
bool number_text(const nlohmann::json& j) {
  return j.is_string() && (j == "NaN" || j == "Infinity" || j == "-Infinity");
}

const char* kind(const nlohmann::json& j) {
  if (j.is_null()) return "null";
  if (j.is_boolean()) return "a boolean";
  if (j.is_number() || number_text(j)) return "a number";
  if (j.is_string()) return "a string";
  if (j.is_array()) return "an array";
  return "an object";
}

std::string keys_of(const nlohmann::json& object) {
  std::string out;
  for (auto it = object.begin(); it != object.end(); ++it) out += (out.empty() ? "" : ", ") + it.key();
  return out.empty() ? "none" : out;
}

// A map's JSON when its keys are no strings: an array of [key, value] pairs
// (nlohmann's, and meshwa's for a multimap), each key a scalar.
bool pairs(const nlohmann::json& j) {
  if (!j.is_array()) return false;
  for (const nlohmann::json& p : j) {
    if (!p.is_array() || p.size() != 2 || p[0].is_array() || p[0].is_object()) return false;
  }
  return true;
}

std::string rule_text(const nlohmann::json& rule) {
  const std::string path = rule.value("path", "");
  if (rule.value("match", "") == "regex") return "regex \"" + rule.value("regex", "") + "\" (rule at \"" + path + "\")";
  return "by type (rule at \"" + path + "\")";
}

// A regex rule on `value`: a string it matches, each string of an array,
// or null (an absent optional). "" or why not.
std::string regex_problem(const nlohmann::json& value, const std::regex& re, const std::string& pattern) {
  if (value.is_null()) return "";
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (std::string p = regex_problem(value[i], re, pattern); !p.empty()) return "element " + std::to_string(i) + ": " + p;
    }
    return "";
  }
  if (!value.is_string()) return "the value " + suite::shown(value) + " is " + kind(value) + ", not a string";
  if (!std::regex_match(value.get<std::string>(), re)) {
    return "the value " + suite::shown(value) + " does not match the regex \"" + pattern + "\"";
  }
  return "";
}

// The first key one of two objects has and the other lacks, compared
// exactly (a map's keys, a message's members outside a type rule).
std::optional<Mismatch> key_difference(const nlohmann::json& e, const nlohmann::json& g, const std::string& at) {
  for (auto it = e.begin(); it != e.end(); ++it) {
    if (!g.contains(it.key())) return Mismatch{joined(at, it.key()), "", "expected " + suite::shown(it.value()) + ", got nothing"};
  }
  for (auto it = g.begin(); it != g.end(); ++it) {
    if (!e.contains(it.key())) return Mismatch{joined(at, it.key()), "", "expected nothing, got " + suite::shown(it.value())};
  }
  return std::nullopt;
}

struct Compare {
  const nlohmann::json& rules;
  std::vector<std::regex> compiled;  // one per rule (regex rules only hold one)

  // Whether a rule names every value of the map at `keys` ("keys.*...").
  bool map_at(const std::string& keys) const {
    const std::string star = joined(keys, "*");
    for (const nlohmann::json& rule : rules) {
      const std::string path = rule.value("path", "");
      if (path == star || path.compare(0, star.size() + 1, star + ".") == 0) return true;
    }
    return false;
  }

  // The map at `keys` (map_at): its keys exactly, each value as the path
  // "keys.*" says. nullopt when `e` and `g` are no maps alike, or agree.
  std::optional<std::optional<Mismatch>> map_values(const nlohmann::json& e, const nlohmann::json& g,
                                                    const std::string& keys, const std::string& at,
                                                    const nlohmann::json* type_rule) const {
    const std::string star = joined(keys, "*");
    if (e.is_object() && g.is_object()) {
      if (auto m = key_difference(e, g, at)) return m;
      for (auto it = e.begin(); it != e.end(); ++it) {
        if (auto m = node(it.value(), g.at(it.key()), star, joined(at, it.key()), type_rule)) return m;
      }
      return std::optional<Mismatch>();
    }
    if (pairs(e) && pairs(g) && !e.empty() && !g.empty()) {
      if (e.size() != g.size()) {
        return Mismatch{at, "", "expected " + std::to_string(e.size()) + " entries, got " + std::to_string(g.size())};
      }
      for (std::size_t i = 0; i < e.size(); ++i) {
        const std::string entry = at + "[" + std::to_string(i) + "]";
        if (!same_json(e[i][0], g[i][0])) {
          return Mismatch{entry, "", "expected the key " + suite::shown(e[i][0]) + ", got " + suite::shown(g[i][0])};
        }
        if (auto m = node(e[i][1], g[i][1], star, entry, type_rule)) return m;
      }
      return std::optional<Mismatch>();
    }
    return std::nullopt;
  }

  const nlohmann::json* rule_at(const std::string& keys, std::size_t& index) const {
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (rules[i].value("path", "") == keys) {
        index = i;
        return &rules[i];
      }
    }
    return nullptr;
  }

  // `keys`: the member names so far (what rules name); `shown`: with indexes.
  // `type_rule`: the rule of an enclosing member matched by type, or null.
  std::optional<Mismatch> node(const nlohmann::json& e, const nlohmann::json& g, const std::string& keys,
                               const std::string& at, const nlohmann::json* type_rule) const {
    std::size_t index = 0;
    if (const nlohmann::json* rule = rule_at(keys, index)) {
      if (rule->value("match", "") == "regex") {
        if (std::string p = regex_problem(g, compiled[index], rule->value("regex", "")); !p.empty()) {
          return Mismatch{at, rule_text(*rule), p};
        }
        return std::nullopt;
      }
      type_rule = rule;
    }
    if (type_rule == nullptr && map_at(keys)) {
      if (auto m = map_values(e, g, keys, at, nullptr)) return *m;
    }
    if (type_rule != nullptr) return by_type(e, g, keys, at, *type_rule);
    if (e.is_object() && g.is_object()) {
      if (auto m = key_difference(e, g, at)) return m;
      for (auto it = e.begin(); it != e.end(); ++it) {
        if (auto m = node(it.value(), g.at(it.key()), joined(keys, it.key()), joined(at, it.key()), nullptr)) return m;
      }
      return std::nullopt;
    }
    if (e.is_array() && g.is_array() && e.size() == g.size()) {
      for (std::size_t i = 0; i < e.size(); ++i) {
        if (auto m = node(e[i], g[i], keys, at + "[" + std::to_string(i) + "]", nullptr)) return m;
      }
      return std::nullopt;
    }
    if (same_json(e, g)) return std::nullopt;
    return Mismatch{at, "", "expected " + suite::shown(e) + ", got " + suite::shown(g)};
  }

  // Any value of the recorded value's type (docs/contracts.md, "Matchers").
  std::optional<Mismatch> by_type(const nlohmann::json& e, const nlohmann::json& g, const std::string& keys,
                                  const std::string& at, const nlohmann::json& rule) const {
    if (e.is_null() || g.is_null()) return std::nullopt;  // an optional may be absent; recorded absent: any
    const std::string ek = kind(e);
    const std::string gk = kind(g);
    if (ek != gk) {
      return Mismatch{at, rule_text(rule), "expected " + ek + " like the recorded " + suite::shown(e) + ", got " + suite::shown(g)};
    }
    if (map_at(keys) && e.is_object() == g.is_object()) {
      // A map's values by type (a rule at "keys.*", or inside one): its keys still exactly.
      if (auto m = map_values(e, g, keys, at, &rule)) return *m;
    }
    if (e.is_object()) {
      for (auto it = e.begin(); it != e.end(); ++it) {
        if (!g.contains(it.key())) return Mismatch{joined(at, it.key()), rule_text(rule), "the member is missing"};
      }
      for (auto it = g.begin(); it != g.end(); ++it) {
        if (!e.contains(it.key())) {
          return Mismatch{joined(at, it.key()), rule_text(rule), "a member the recording does not have: " + suite::shown(it.value())};
        }
      }
      for (auto it = e.begin(); it != e.end(); ++it) {
        if (auto m = node(it.value(), g.at(it.key()), joined(keys, it.key()), joined(at, it.key()), &rule)) return m;
      }
    } else if (e.is_array() && !e.empty()) {
      // Every element has the shape of the first recorded one.
      for (std::size_t i = 0; i < g.size(); ++i) {
        if (auto m = node(e[0], g[i], keys, at + "[" + std::to_string(i) + "]", &rule)) return m;
      }
    }
    return std::nullopt;
  }
};

std::string walk_shape(const nlohmann::json& shape, const std::vector<std::string>& keys, std::size_t i,
                       const std::string& at, std::string* unknown);

// The shape below member `key` of a value of shape `shape` (null: not known).
const nlohmann::json* member_shape(const nlohmann::json* shape, const std::string& key) {
  if (shape == nullptr || !shape->is_object()) return nullptr;
  if (shape->size() == 1 && shape->contains("*")) return &shape->at("*");  // one key of a map
  const auto it = shape->find(key);
  return it == shape->end() ? nullptr : &*it;
}

// Walks `keys` from `node` (through arrays, to every element) and checks the
// rule at the end. "" or the problem. `shape`: the node's type's shape
// (shape_of), or null: below a std::variant, the recorded alternative's
// (by the recorded index), and a path that goes into another alternative
// does not apply to this recording.
std::string walk_recorded(const nlohmann::json& node, const std::vector<std::string>& keys, std::size_t i,
                          const std::string& at, const nlohmann::json& rule, const std::regex* re,
                          const nlohmann::json* shape) {
  if (node.is_null()) return "";  // an absent optional: nothing recorded below it to check
  if (i < keys.size() && keys[i] == "*") {
    // Every value of a map: an object of std::string keys, or [key, value] pairs.
    if (node.is_object()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (std::string p = walk_recorded(it.value(), keys, i + 1, joined(at, it.key()), rule, re, member_shape(shape, "*")); !p.empty()) return p;
      }
      return "";
    }
    if (pairs(node)) {
      for (std::size_t k = 0; k < node.size(); ++k) {
        if (std::string p = walk_recorded(node[k][1], keys, i + 1, at + "[" + std::to_string(k) + "]", rule, re, member_shape(shape, "*")); !p.empty()) return p;
      }
      return "";
    }
    if (node.is_array()) {  // a container of maps: every element's
      for (std::size_t k = 0; k < node.size(); ++k) {
        if (std::string p = walk_recorded(node[k], keys, i, at + "[" + std::to_string(k) + "]", rule, re, shape); !p.empty()) return p;
      }
      return "";
    }
    return "at " + (at.empty() ? std::string("the result") : at) + " the recorded value is " + kind(node) +
           ", which is no map (\"*\" names every value of a map)";
  }
  if (node.is_array() && (i < keys.size() || re != nullptr)) {
    if (i == keys.size()) return regex_problem(node, *re, rule.value("regex", "")).empty() ? "" : "at " + at + ": " + regex_problem(node, *re, rule.value("regex", ""));
    for (std::size_t k = 0; k < node.size(); ++k) {
      if (std::string p = walk_recorded(node[k], keys, i, at + "[" + std::to_string(k) + "]", rule, re, shape); !p.empty()) return p;
    }
    return "";
  }
  if (i == keys.size()) {
    if (re == nullptr) return "";
    const std::string p = regex_problem(node, *re, rule.value("regex", ""));
    return p.empty() ? "" : "at " + (at.empty() ? std::string("the result") : at) + ": " + p;
  }
  if (!node.is_object()) {
    return "at " + (at.empty() ? std::string("the result") : at) + " the recorded value is " + kind(node) +
           ", which has no member \"" + keys[i] + "\"";
  }
  if (!node.contains(keys[i])) {
    return "there is no member \"" + keys[i] + "\" at " + (at.empty() ? std::string("the result") : at) +
           " (its members: " + keys_of(node) + ")";
  }
  const nlohmann::json* below = member_shape(shape, keys[i]);
  if (below != nullptr && below->is_object() && below->contains("$alternatives")) {
    // A std::variant's value: the shape of the alternative recorded
    // (its "index"). A path that does not fit that one is meant for
    // another (check_shape found one that it fits).
    const nlohmann::json& alternatives = below->at("$alternatives");
    const auto index = node.find("index");
    below = nullptr;
    if (index != node.end() && index->is_number_unsigned() && index->get<std::size_t>() < alternatives.size()) {
      below = &alternatives.at(index->get<std::size_t>()).at("shape");
      if (!walk_shape(*below, keys, i + 1, joined(at, keys[i]), nullptr).empty()) return "";
    }
  }
  return walk_recorded(node.at(keys[i]), keys, i + 1, joined(at, keys[i]), rule, re, below);
}

// Below a std::variant's "value": the rest of the path must fit one of its
// alternatives (shape_of's {"$alternatives": [{"type", "shape"}, ...]});
// when none has it, each is named with the members it has there, or with
// why the path does not fit it further down.
std::string walk_alternatives(const nlohmann::json& alternatives, const std::vector<std::string>& keys,
                              std::size_t i, const std::string& at, std::string* unknown) {
  std::string each;
  for (const nlohmann::json& alternative : alternatives) {
    const nlohmann::json& shape = alternative.at("shape");
    const std::string problem = walk_shape(shape, keys, i, at, unknown);
    if (problem.empty()) return "";
    const bool here = !shape.is_object() || !shape.contains(keys[i]);
    const std::string has = !shape.is_object()                                   ? std::string("no members")
                            : shape.size() == 1 && shape.contains("*")          ? std::string("a map")
                            : shape.size() == 1 && shape.contains("$alternatives") ? std::string("a std::variant")
                                                                                  : "members " + keys_of(shape);
    each += (each.empty() ? "" : "; ") + alternative.value("type", "?") + ": " + (here ? has : problem);
  }
  std::string rest;
  for (std::size_t k = i; k < keys.size(); ++k) rest = joined(rest, keys[k]);
  return "no alternative of the std::variant at " + (at.empty() ? std::string("the result") : at) + " has \"" +
         rest + "\" (" + each + ")";
}

// Walks `keys` through a shape (shape_of). "" or the problem; `unknown`
// gets the type below which the path could not be checked ({"$unknown"}).
std::string walk_shape(const nlohmann::json& shape, const std::vector<std::string>& keys, std::size_t i,
                       const std::string& at, std::string* unknown) {
  if (shape.is_null() || i == keys.size()) return "";  // below a message that holds itself: anything
  const std::string where = at.empty() ? std::string("the result") : at;
  if (shape.is_object() && shape.size() == 1 && shape.contains("$unknown")) {
    if (unknown != nullptr && unknown->empty()) *unknown = shape.at("$unknown").get<std::string>();
    return "";
  }
  if (shape.is_object() && shape.size() == 1 && shape.contains("$alternatives")) {
    return walk_alternatives(shape.at("$alternatives"), keys, i, at, unknown);
  }
  if (shape.is_object() && shape.size() == 1 && shape.contains("*")) {
    // A map: "*" is every value; any other name, one key's value.
    return walk_shape(shape.at("*"), keys, i + 1, joined(at, keys[i]), unknown);
  }
  if (keys[i] == "*") {
    return "at " + where + " the type is " + (shape.is_object() ? "a message" : "no message") +
           ", which is no map (\"*\" names every value of a map)";
  }
  if (!shape.is_object()) return "at " + where + " the type is no message, which has no member \"" + keys[i] + "\"";
  if (!shape.contains(keys[i])) {
    return "there is no member \"" + keys[i] + "\" at " + where + " (its members: " + keys_of(shape) + ")";
  }
  return walk_shape(shape.at(keys[i]), keys, i + 1, joined(at, keys[i]), unknown);
}

}  // namespace

std::string check_shape(const nlohmann::json& shape, const nlohmann::json& rule, std::string* unknown) {
  return walk_shape(shape, split(rule.value("path", "")), 0, "", unknown);
}

std::string rules_problem(const nlohmann::json& rules) {
  if (!rules.is_array()) return "\"matching_rules\" is not an array of rules";
  for (std::size_t k = 0; k < rules.size(); ++k) {
    const nlohmann::json& rule = rules[k];
    const std::string which = "matching rule " + std::to_string(k + 1);
    if (!rule.is_object()) return which + " is not a JSON object";
    if (!rule.contains("path") || !rule.at("path").is_string()) return which + " has no string \"path\"";
    const auto match = rule.find("match");
    if (match == rule.end() || !match->is_string() || (*match != "type" && *match != "regex")) {
      return which + " has no \"match\" of \"type\" or \"regex\"";
    }
    if (*match == "regex") {
      if (!rule.contains("regex") || !rule.at("regex").is_string()) return which + " has no string \"regex\"";
      try {
        std::regex re(rule.at("regex").get<std::string>(), std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        return which + "'s regex \"" + rule.at("regex").get<std::string>() + "\" is no ECMAScript regex: " + e.what();
      }
    }
  }
  return "";
}

std::string check_recorded(const nlohmann::json& response, const nlohmann::json& rule, const nlohmann::json* shape) {
  std::optional<std::regex> re;
  if (rule.value("match", "") == "regex") re.emplace(rule.value("regex", ""), std::regex::ECMAScript);
  const std::vector<std::string> keys = split(rule.value("path", ""));
  return walk_recorded(response, keys, 0, "", rule, re ? &*re : nullptr, shape);
}

std::optional<Mismatch> compare(const nlohmann::json& expected, const nlohmann::json& got, const nlohmann::json& rules) {
  Compare c{rules, {}};
  for (const nlohmann::json& rule : rules) {
    c.compiled.emplace_back(rule.value("match", "") == "regex" ? rule.value("regex", "") : std::string(),
                            std::regex::ECMAScript);
  }
  return c.node(expected, got, "", "", nullptr);
}

}  // namespace meshwa::gen::matching
