#include "json_difference.hpp"

#include "meshwa/gen/json.hpp"

namespace meshwa::gen::suite {

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

namespace {

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
// Only for a method that returns a meshwa::Result (the generated replay says
// which): a plain message {"value": ...} or {"error": {"code", "message"}},
// or a map with such keys, is no Result, and was said to be one.
std::string result_kind_difference(const nlohmann::json& expected, const nlohmann::json& got, Returns returns) {
  if (returns != Returns::result) return "";
  const std::string expected_error = recorded_error(expected);
  const std::string got_error = recorded_error(got);
  if (recorded_value(expected) && !got_error.empty())
    return "expected a value (" + shown(expected.at("value")) + "), got the error " + got_error;
  if (!expected_error.empty() && recorded_value(got))
    return "expected the error " + expected_error + ", got a value (" + shown(got.at("value")) + ")";
  return "";
}

}  // namespace

// The first place where two JSON values differ: a JSON pointer and the two
// values there, or, of a method that returns a meshwa::Result, the kinds of
// Result when one is a value and the other an error.
std::string first_difference(const nlohmann::json& expected, const nlohmann::json& got, Returns returns) {
  if (std::string kind = result_kind_difference(expected, got, returns); !kind.empty()) return kind;
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
  // A contract recorded before NaN and the infinities were written as
  // strings holds null (in an optional or handle [null]) for each of them.
  if (expected.contains(at) && got.contains(at)) {
    const nlohmann::json& was = expected.at(at);
    const bool old_null = was.is_null() || (was.is_array() && was.size() == 1 && was.front().is_null());
    if (old_null && detail::non_finite_named<double>(got.at(at))) {
      out += " (a contract recorded before meshwa wrote NaN and the infinities as \"NaN\", \"Infinity\" and "
             "\"-Infinity\" holds null for each of them: if the consumer's value here was one of them, record "
             "the contract again)";
    }
  }
  return out;
}

}  // namespace meshwa::gen::suite
