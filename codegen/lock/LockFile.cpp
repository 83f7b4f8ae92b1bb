// Reading a lock file: its JSON checked against what lock_of writes, each
// problem naming the entry it is in.
#include "lock/Lock.h"

#include <set>
#include <string>
#include <vector>

#include "model/ModelJson.h"

namespace meshwa::gen {

using nlohmann::json;

std::string LockProblem::str() const { return entry.empty() ? problem : entry + ": " + problem; }

namespace {

// What a JSON value is, as a sentence says it ("a number", "null").
std::string what_is(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return value.dump();
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return value.is_number() ? "a number (" + value.dump() + ")" : "not a JSON value";
  }
}

// The entry a path of keys in the lock names, as its errors say it:
// {"interfaces", I, "methods", M} is "method I::M".
std::string entry_at(const std::vector<std::string>& path) {
  const std::size_t n = path.size();
  const auto under = [&path, n](const char* top) { return n >= 2 && path[0] == top; };
  if (under("interfaces") && n >= 4 && path[2] == "methods") return "method " + path[1] + "::" + path[3];
  if (under("interfaces")) return "interface " + path[1];
  if (under("services")) return "service " + path[1];
  if (under("messages") && n >= 4 && path[2] == "fields") return "field " + path[3] + " of message " + path[1];
  if (under("messages")) return "message " + path[1];
  if (under("enums") && n >= 4 && path[2] == "values") return "the value of enumerator " + path[3] + " of enum " + path[1];
  if (under("enums")) return "enum " + path[1];
  std::string out = "the lock file's";
  for (const std::string& key : path) out += " \"" + key + "\"";
  return out;
}

// Checks one entry's members against what lock_of writes; each problem names
// the entry.
class EntryCheck {
 public:
  EntryCheck(std::vector<LockProblem>& problems, std::string entry, const json& value)
      : problems_(problems), entry_(std::move(entry)), value_(value) {}

  // The entry itself must be an object (then its members are checked).
  bool is_object(const char* holds) {
    if (value_.is_object()) return true;
    add("is " + what_is(value_) + ", where meshwa writes an object of " + holds);
    return false;
  }
  const json* string_member(const char* key, bool required) { return member(key, required, json::value_t::string, "a string"); }
  const json* object_member(const char* key, bool required, const char* of) {
    return member(key, required, json::value_t::object, std::string("an object of ") + of);
  }
  const json* bool_member(const char* key) { return member(key, false, json::value_t::boolean, "true or false"); }
  // An array (or, with `object`, an object's values) of strings.
  const json* strings_member(const char* key, bool required, const char* of, bool object = false) {
    const json* found = object ? member(key, required, json::value_t::object, std::string("an object of ") + of)
                               : member(key, required, json::value_t::array, std::string("an array of ") + of);
    if (found == nullptr) return nullptr;
    std::size_t position = 0;
    for (const auto& [name, item] : found->items()) {
      ++position;
      if (item.is_string()) continue;
      const std::string where = object ? "\"" + name + "\"" : "item " + std::to_string(position);
      add(quoted(key) + " has " + what_is(item) + " as " + where + ", where meshwa writes " + of +
          " (strings)");
      return nullptr;
    }
    return found;
  }
  void add(std::string problem) { problems_.push_back({entry_, std::move(problem)}); }

 private:
  // A member as a problem names it: the file's own say whose it is.
  std::string quoted(const char* key) const {
    return (entry_.empty() ? "the lock file's \"" : "\"") + std::string(key) + "\"";
  }
  const json* member(const char* key, bool required, json::value_t type, const std::string& expected) {
    if (!value_.contains(key)) {
      if (required) {
        add((entry_.empty() ? "the lock file has no \"" : "has no \"") + std::string(key) + "\", where meshwa writes " +
            expected);
      }
      return nullptr;
    }
    const json& found = value_.at(key);
    if (found.type() == type) return &found;
    add(quoted(key) + " is " + what_is(found) + ", where meshwa writes " + expected);
    return nullptr;
  }

  std::vector<LockProblem>& problems_;
  std::string entry_;
  const json& value_;
};

void check_method(std::vector<LockProblem>& problems, const std::string& entry, const json& method) {
  EntryCheck check(problems, entry, method);
  if (!check.is_object("its \"params\", \"result\" and qualifiers")) return;
  const json* params = check.strings_member("params", true, "its parameter types");
  check.string_member("result", true);
  const json* names = check.strings_member("param_names", false, "its parameter names");
  if (params != nullptr && names != nullptr && params->size() != names->size()) {
    check.add("has " + std::to_string(params->size()) + " parameter type(s) but " + std::to_string(names->size()) +
              " parameter name(s)");
  }
  check.bool_member("const");
  check.bool_member("noexcept");
  const json* canonical = check.strings_member("canonical_params", false, "its parameter types, aliases resolved");
  check.string_member("canonical_result", false);
  if (params != nullptr && canonical != nullptr && params->size() != canonical->size()) {
    check.add("has " + std::to_string(params->size()) + " parameter type(s) but " +
              std::to_string(canonical->size()) + " in \"canonical_params\"");
  }
}

void check_interface(std::vector<LockProblem>& problems, const std::string& name, const json& iface) {
  EntryCheck check(problems, "interface " + name, iface);
  if (!check.is_object("its \"methods\"")) return;
  const json* methods = check.object_member("methods", true, "its methods");
  if (methods == nullptr) return;
  for (const auto& [key, method] : methods->items()) check_method(problems, "method " + name + "::" + key, method);
}

void check_service(std::vector<LockProblem>& problems, const std::string& cls, const json& service) {
  EntryCheck check(problems, "service " + cls, service);
  if (!check.is_object("its \"name\" and \"interfaces\"")) return;
  check.string_member("name", true);
  check.strings_member("interfaces", true, "the interfaces it provides");
}

void check_message(std::vector<LockProblem>& problems, const std::string& name, const json& message) {
  EntryCheck check(problems, "message " + name, message);
  if (!check.is_object("its \"fields\"")) return;
  check.strings_member("fields", true, "its fields' types", /*object=*/true);
  check.strings_member("canonical_fields", false, "its fields' types, aliases resolved", /*object=*/true);
}

void check_enum(std::vector<LockProblem>& problems, const std::string& name, const json& e) {
  EntryCheck check(problems, "enum " + name, e);
  if (!check.is_object("its \"enumerators\" and \"values\"")) return;
  check.strings_member("enumerators", true, "its enumerators");
  check.strings_member("values", false, "its enumerators' values", /*object=*/true);
}

}  // namespace

json parse_lock(const std::string& text, std::vector<LockProblem>& problems) {
  // The keys of each open object (arrays have none), and the key that
  // names the next value: the path of the entry a repeated key is in.
  struct Open {
    std::string key;  // in its parent
    std::set<std::string> keys;
  };
  std::vector<Open> open;
  std::string last_key;
  struct TooDeep {};
  const json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json& parsed) {
    if (too_deep(depth, event)) throw TooDeep{};
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        open.push_back({last_key, {}});
        last_key.clear();
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!open.empty()) open.pop_back();
        break;
      case json::parse_event_t::key: {
        last_key = parsed.get<std::string>();
        if (open.empty() || open.back().keys.insert(last_key).second) break;
        std::vector<std::string> path;
        for (std::size_t k = 1; k < open.size(); ++k) path.push_back(open[k].key);
        path.push_back(last_key);
        problems.push_back({entry_at(path), "is written twice, and JSON keeps only the last one (the other would "
                                            "be silently lost)"});
        break;
      }
      case json::parse_event_t::value:
        break;
    }
    return true;
  };
  try {
    return json::parse(text, callback, /*allow_exceptions=*/false);
  } catch (const TooDeep&) {
    problems.push_back({"", "the lock file's JSON is nested more than " + std::to_string(kMaxJsonDepth) +
                                " levels deep, far deeper than meshwa writes"});
    return json::value_t::discarded;
  }
}

std::vector<LockProblem> lock_problems(const json& locked) {
  std::vector<LockProblem> problems;
  if (locked.is_discarded()) return {{"", "the lock file is not valid JSON"}};
  if (!locked.is_object()) return {{"", "the lock file is not a JSON object"}};
  const json* version = locked.contains("version") ? &locked.at("version") : nullptr;
  if (version == nullptr || !version->is_number_integer() || version->get<long long>() != 1) {
    const bool newer = version != nullptr && version->is_number_integer() && version->get<long long>() > 1;
    problems.push_back({"", "the lock file's \"version\" is " + (version ? version->dump() : std::string("missing")) +
                                "; this meshwa reads version 1" +
                                (newer ? " (a newer meshwa wrote it: use that one)" : "")});
    return problems;  // another version's entries may well be shaped otherwise
  }
  EntryCheck top(problems, "", locked);
  top.string_member("unit", false);
  const json* interfaces = top.object_member("interfaces", true, "interfaces");
  const json* services = top.object_member("services", true, "services");
  const json* messages = top.object_member("messages", false, "messages");  // absent in older locks
  const json* enums = top.object_member("enums", false, "enums");
  if (interfaces != nullptr) {
    for (const auto& [name, iface] : interfaces->items()) check_interface(problems, name, iface);
  }
  if (services != nullptr) {
    for (const auto& [cls, service] : services->items()) check_service(problems, cls, service);
  }
  if (messages != nullptr) {
    for (const auto& [name, message] : messages->items()) check_message(problems, name, message);
  }
  if (enums != nullptr) {
    for (const auto& [name, e] : enums->items()) check_enum(problems, name, e);
  }
  return problems;
}

}  // namespace meshwa::gen
