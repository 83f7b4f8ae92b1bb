#include "contract_file.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rule_matching.hpp"

namespace meshwa::gen::suite {

namespace {

// nlohmann's parse error names the line and column; the failure is put at
// that line of the contract so that an editor jumps there.
void read_contract_text(Contract& c, const std::string& text) {
  try {
    c.body = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    c.body = nlohmann::json(nlohmann::json::value_t::discarded);
    c.parse_error = e.what();
    const std::size_t end = std::min(e.byte, text.size());
    c.parse_error_line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
    // e.byte is one past the byte that failed: a newline there is the line's end.
    if (end > 0 && text[end - 1] == '\n') --c.parse_error_line;
  }
}

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

}  // namespace

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
      Contract c{path.string(), {}, {}, {}, 1};
      read_contract_text(c, text.str());
      c.interaction_lines = find_interaction_lines(text.str(), c.body);
      out.push_back(std::move(c));
    }
  }
  return out;
}

// "contract <file> (consumer 'c', test T), interaction <index>": how every
// failure of an interaction begins, so that each names the consumer and its
// test as a mismatch does (a thrown replay used to name the file alone).
std::string interaction_intro(const Contract& contract, int index) {
  const auto text = [&](const char* key) {
    const auto it = contract.body.find(key);
    return it != contract.body.end() && it->is_string() ? it->get<std::string>() : std::string("?");
  };
  return "contract " + contract.file + " (consumer '" + text("consumer") + "', test " + text("test") +
         "), interaction " + std::to_string(index);
}

// Why a contract file cannot be replayed as a whole ("" when it can): not
// JSON, or not the shape the recorder writes ({"consumer", "test",
// "interactions": [...]}).
std::string shape_problem(const Contract& contract) {
  constexpr const char* kShape =
      "; a contract file is {\"consumer\": ..., \"test\": ..., \"interactions\": [{\"interface\", \"method\", "
      "\"request\", \"response\"}, ...]} as the consumer's test records it (docs/contracts.md)";
  if (!contract.parse_error.empty()) return "not valid JSON: " + contract.parse_error;
  if (!contract.body.is_object()) return std::string("not a JSON object") + kShape;
  if (!contract.body.contains("interactions")) {
    std::string keys;
    for (const auto& item : contract.body.items()) keys += (keys.empty() ? "\"" : ", \"") + item.key() + "\"";
    return "has no \"interactions\" (its keys: " + (keys.empty() ? std::string("none") : keys) + ")" + kShape;
  }
  if (!contract.body.at("interactions").is_array()) return std::string("\"interactions\" is not an array") + kShape;
  // The test's provider states (optional: ctx.given).
  if (const auto states = contract.body.find("provider_states"); states != contract.body.end()) {
    if (!states->is_array() || !std::all_of(states->begin(), states->end(), [](const nlohmann::json& s) { return s.is_string(); })) {
      return "\"provider_states\" is not an array of strings (the states ctx.given named)";
    }
  }
  return "";
}

// Why interaction `interaction` cannot be replayed ("" when it can): a key
// the recorder always writes is missing or of the wrong kind. Replaying
// without it would compare with null (no "response") or call with no
// arguments (no "request"), and fail far from the cause.
std::string interaction_problem(const nlohmann::json& interaction) {
  if (!interaction.is_object()) return "is not a JSON object";
  for (const char* key : {"interface", "method"}) {
    if (!interaction.contains(key)) return std::string("has no \"") + key + "\"";
    if (!interaction.at(key).is_string()) return std::string("\"") + key + "\" is not a string";
  }
  if (interaction.contains("resolved_method") && !interaction.at("resolved_method").is_string()) {
    return "\"resolved_method\" is not a string";
  }
  if (!interaction.contains("request")) return "has no \"request\" (the arguments; {} for a method without parameters)";
  if (!interaction.at("request").is_object()) return "\"request\" is not an object of the arguments by name";
  if (!interaction.contains("response")) return "has no \"response\", the recorded answer the replay is compared with";
  // The calls the provider's mock made through Ref arguments, with the
  // consumer's answers (optional: contracts recorded before have none).
  if (const auto callbacks = interaction.find("callbacks"); callbacks != interaction.end()) {
    if (!callbacks->is_array()) return "\"callbacks\" is not an array of the calls made through Ref arguments";
    for (std::size_t k = 0; k < callbacks->size(); ++k) {
      const nlohmann::json& callback = (*callbacks)[k];
      const std::string which = "callback " + std::to_string(k + 1);
      if (!callback.is_object()) return which + " is not a JSON object";
      for (const char* key : {"interface", "method"}) {
        if (!callback.contains(key) || !callback.at(key).is_string()) return which + " has no string \"" + key + "\"";
      }
      if (!callback.contains("request") || !callback.at("request").is_object()) {
        return which + " has no \"request\" object of the arguments by name";
      }
      if (!callback.contains("response")) return which + " has no \"response\", the consumer's recorded answer";
    }
  }
  // Optional, as contracts recorded before them have none (docs/contracts.md,
  // "Matchers", "Provider states").
  if (const auto rules = interaction.find("matching_rules"); rules != interaction.end()) {
    if (std::string problem = matching::rules_problem(*rules); !problem.empty()) return problem;
  }
  if (const auto states = interaction.find("provider_states"); states != interaction.end()) {
    if (!states->is_array() || !std::all_of(states->begin(), states->end(), [](const nlohmann::json& s) { return s.is_string(); })) {
      return "\"provider_states\" is not an array of strings (the states ctx.next<I>(...).given named)";
    }
  }
  return "";
}

}  // namespace meshwa::gen::suite
