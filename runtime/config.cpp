#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "meshwa/control_characters.hpp"
#include "meshwa/registry.hpp"
#include "meshwa/runtime/mpk.hpp"
#include "json_quoted.hpp"
#include "key_places.hpp"

namespace meshwa {

namespace {

// nlohmann's DOM parser, except that a floating-point number (or an integer
// beyond 64 bits, which nlohmann reads as one) keeps its text, as a string:
// a service reads a number as its JSON text (docs/generator.md), and
// re-serialising the double turned `1e2` into "100.0" and
// 100000000000000000000000 into another number. A key twice in one object
// is an error instead of the last one silently winning.
class TextNumbers : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
 public:
  using Base = nlohmann::detail::json_sax_dom_parser<nlohmann::json>;
  explicit TextNumbers(nlohmann::json& doc) : Base(doc, true) {}

  bool number_float(double, const std::string& text) {
    std::string copy = text;
    return Base::string(copy);
  }
  bool start_object(std::size_t n) {
    keys_.emplace_back();
    return Base::start_object(n);
  }
  bool end_object() {
    keys_.pop_back();
    return Base::end_object();
  }
  bool key(std::string& k) {
    if (!keys_.back().insert(k).second) duplicate_ = k;
    return duplicate_.empty() && Base::key(k);
  }
  // A float beyond a double's range (1e400) is valid JSON, but nlohmann
  // stops there with an out_of_range error that names neither the line nor
  // the column; keep where the number ended to say so like a syntax error.
  template <class Exception>
  bool parse_error(std::size_t end, const std::string& token, const Exception& ex) {
    error_end_ = end;
    error_token_ = token;
    return Base::parse_error(end, token, ex);
  }
  const std::string& duplicate() const { return duplicate_; }
  std::size_t error_end() const { return error_end_; }
  const std::string& error_token() const { return error_token_; }

 private:
  std::vector<std::set<std::string>> keys_;
  std::string duplicate_;
  std::size_t error_end_ = 0;
  std::string error_token_;
};

// "line L, column C" (1-based) of the character at byte offset `at`.
// "<line>:<column>" of byte `at` of `text`: an error names its place in the
// file as "deploy.json:2:10:", the form compilers use and editors and
// terminals jump to (it said "deploy.json: line 2, column 10:", and a syntax
// error only inside nlohmann's text, "deploy.json: not valid JSON: ... at
// line 1, column 42"; probe api20).
std::string line_and_column(std::string_view text, std::size_t at) {
  return runtime_detail::LinesOf(text).line_and_column(std::min(at, text.size()));
}

// A number from the file: an integer as nlohmann read it, or the text
// TextNumbers kept for a fraction or an exponent ("1.5", "1e2"). A quoted
// string that reads as a number is taken too: it cannot be told from that
// text, and it means the same.
std::optional<double> number_in(const nlohmann::json& value) {
  if (value.is_number_integer()) return value.get<double>();
  if (!value.is_string()) return std::nullopt;
  const std::string& text = value.get_ref<const std::string&>();
  double d = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

// A name from the file as an error shows it: in quotes, a control
// character escaped ("cry\npto"), so that the message stays one line.
std::string quoted(const std::string& name) { return runtime_detail::json_quoted(name); }

// The first control character of `text` as an error names it ("a line
// break (\n)"), or "" when it has none.
std::string control_character_in(std::string_view text) {
  for (const char c : text) {
    if (!detail::is_control_character(c)) continue;
    switch (c) {
      case '\n': return "a line break (\\n)";
      case '\r': return "a carriage return (\\r)";
      case '\t': return "a tab (\\t)";
      case '\x1b': return "an escape character (ESC, \\u001b)";
      default: {
        char code[8];
        std::snprintf(code, sizeof code, "%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
        return std::string("the control character \\u") + code;
      }
    }
  }
  return "";
}

// The names the file gives (a service's, a setting's key, an "mpk_group",
// which names the service's MPK domain) are printed on one line: --list's
// lines, --graph's DOT labels, the start's and the domains' messages. A
// control character in one (a "\n" or "\u001b" escape in the JSON) would
// break that line, and shown escaped or as a space, "a\tb" and "a b" would
// read alike while naming two domains. No service name has one (the
// generator rejects them), and the names are the operator's to pick: such a
// name is rejected where the file gives it, naming the file, the entry and
// the character. A setting's value is the service's business (a PEM
// certificate spans lines) and is not checked.
void reject_control_characters(const std::string& origin, const std::string& service, const std::string& key,
                               const nlohmann::json& value) {
  const auto reject = [&](const std::string& what, const std::string& name, const std::string& character,
                          const std::string& because) {
    throw StartError(origin + ": " + what + " " + quoted(name) + " holds " + character + "; " +
                     because + ": write it without control characters");
  };
  if (const std::string c = control_character_in(service); !c.empty()) {
    reject("the service name (a key of \"services\")", service, c,
           "service names have none, and --list and the start print it on one line");
  }
  if (const std::string c = control_character_in(key); !c.empty()) {
    reject("services." + service + ": the setting", key, c, "a warning about an unread setting prints it on one line");
  }
  if (key != "mpk_group" || !value.is_string()) return;
  if (const std::string c = control_character_in(value.get_ref<const std::string&>()); !c.empty()) {
    reject("services." + service + ".mpk_group: the MPK group", value.get<std::string>(), c,
           "it names a domain, which --list, --graph and the domains' messages print on one line");
  }
}

// {"mpk": {"max_faults": 3, "fault_window_seconds": 60}}: the MPK domains'
// restart policy. Checked here, at its line in the file, rather than by
// mpk::start() later with no file to point at.
// `place(path)`: "file:line:col" of the key at that path, or the file.
Config::MpkPolicy read_mpk_policy(const nlohmann::json& section,
                                  const std::function<std::string(std::vector<std::string>)>& place) {
  if (!section.is_object()) {
    throw StartError(place({"mpk"}) + ": mpk must be an object: {\"max_faults\": 3, \"fault_window_seconds\": 60}");
  }
  Config::MpkPolicy policy;
  for (const auto& [key, value] : section.items()) {
    const std::string where = place({"mpk", key}) + ": mpk";
    const std::optional<double> n = number_in(value);
    if (key == "max_faults") {
      if (!n || *n != std::floor(*n) || *n < 1 || *n > mpk::kMaxFaultsLimit) {
        throw StartError(where + ".max_faults must be a whole number from 1 to " +
                         std::to_string(mpk::kMaxFaultsLimit) + " (a domain remembers its last " +
                         std::to_string(mpk::kMaxFaultsLimit) + " faults); it is " + value.dump());
      }
      policy.max_faults = static_cast<int>(*n);
    } else if (key == "fault_window_seconds") {
      // At least a millisecond, at most a year: the window is kept in
      // milliseconds, and anything longer is "never forget a fault".
      constexpr double kYear = 365.0 * 24 * 3600;
      if (!n || *n < 0.001 || *n > kYear) {
        throw StartError(where + ".fault_window_seconds must be a number of seconds from 0.001 to " +
                         std::to_string(static_cast<long>(kYear)) + "; it is " + value.dump());
      }
      policy.fault_window = std::chrono::milliseconds(std::llround(*n * 1000));
    } else {
      throw StartError(where + ": unknown key " + quoted(key) +
                       "; the keys of \"mpk\" are \"max_faults\" and \"fault_window_seconds\"");
    }
  }
  return policy;
}

// A key written twice in one object (nlohmann would keep the last one
// silently): at the second, with a note at the first, as a compiler says a
// redefinition, and naming the object, so that "keep one" says which.
std::string duplicate_key_problem(std::string_view text, std::string_view origin, const std::string& key) {
  constexpr std::size_t kNamedDepth = 8;  // a deeper object is "one object": its path would be a line of its own
  const std::optional<runtime_detail::DuplicateKey> dup = runtime_detail::first_duplicate_key(text, kNamedDepth);
  if (!dup) return std::string(origin) + ": the key " + quoted(key) + " appears twice in one object; keep one";
  std::string object = "one object";
  if (!dup->object_too_deep) {
    std::string path;
    for (const std::string& part : dup->object) path += (path.empty() ? "" : ".") + part;
    object = path.empty() ? "the top-level object" : path;
  }
  const runtime_detail::LinesOf lines(text);
  return std::string(origin) + ":" + lines.line_and_column(dup->second) + ": the key " + quoted(dup->key) +
         " appears twice in " + object + ", and only one value can be read; keep one\n" + std::string(origin) +
         ":" + lines.line_and_column(dup->first) + ": note: the first " + quoted(dup->key) + " is here";
}

}  // namespace

Config Config::from_json_text(std::string_view text, std::string_view origin) {
  nlohmann::json doc;
  TextNumbers sax(doc);
  try {
    nlohmann::json::sax_parse(text, &sax);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte: the 1-based index of the last character read, where it failed.
    throw StartError(std::string(origin) + ":" + line_and_column(text, e.byte == 0 ? 0 : e.byte - 1) +
                     ": not valid JSON: " + e.what());
  } catch (const nlohmann::json::out_of_range&) {
    throw StartError(std::string(origin) + ":" + line_and_column(text, sax.error_end() - std::min(sax.error_end(), sax.error_token().size())) + ": the number " +
                     sax.error_token() +
                     " is beyond the range of a double, which JSON readers hold numbers in; write it as a "
                     "string (in quotes), which the service reads as the same text");
  }
  if (!sax.duplicate().empty()) throw StartError(duplicate_key_problem(text, origin, sax.duplicate()));
  Config config;
  config.origin_ = std::string(origin);
  if (!doc.is_object()) throw StartError(std::string(origin) + ": expected a JSON object at the top level");
  // Where each key is: the errors below and the warnings and errors that
  // name an entry later (a setting never read, a service not deployed) say
  // file:line:col of it.
  const auto offsets = runtime_detail::key_offsets(text, 3);
  const runtime_detail::LinesOf lines(text);
  // "line:col" of the key at `path`, or "" where the scan found none.
  const auto line_col = [&](const std::vector<std::string>& path) {
    const auto at = offsets.find(path);
    return at == offsets.end() ? std::string() : lines.line_and_column(at->second);
  };
  const std::function<std::string(std::vector<std::string>)> place = [&](const std::vector<std::string>& path) {
    const std::string at = line_col(path);
    return at.empty() ? std::string(origin) : std::string(origin) + ":" + at;
  };
  for (const auto& [top, _] : doc.items()) {
    if (top != "services" && top != "mpk") {
      throw StartError(place({top}) + ": unknown key " + quoted(top) +
                       "; the top-level keys are \"services\" and \"mpk\"");
    }
  }
  if (doc.contains("mpk")) config.mpk_policy_ = read_mpk_policy(doc["mpk"], place);
  if (!doc.contains("services")) return config;
  const auto& services = doc["services"];
  if (!services.is_object()) throw StartError(place({"services"}) + ": \"services\" must be an object");
  const auto remember_place = [&](const std::string& service, const std::string& key) {
    std::vector<std::string> path{"services", service};
    if (!key.empty()) path.push_back(key);
    if (const auto at = offsets.find(path); at != offsets.end()) {
      const runtime_detail::LinesOf::LineColumn p = lines.position(at->second);
      config.places_[{service, key}] = Position{static_cast<long>(p.line), static_cast<long>(p.column)};
    }
  };
  for (const auto& [service, settings] : services.items()) {
    reject_control_characters(place({"services", service}), service, "", nullptr);
    if (!settings.is_object()) {
      throw StartError(place({"services", service}) + ": services." + service + " must be an object of settings");
    }
    config.add_service(service);
    remember_place(service, "");
    for (const auto& [key, value] : settings.items()) {
      reject_control_characters(place({"services", service, key}), service, key, value);
      remember_place(service, key);
      if (value.is_string()) {
        config.set(service, key, value.get<std::string>());
      } else if (value.is_number() || value.is_boolean()) {
        config.set(service, key, value.dump());
      } else {
        throw StartError(place({"services", service, key}) + ": services." + service + "." + key +
                         " must be a string, number or boolean");
      }
    }
  }
  return config;
}

namespace {

// Why a configuration file cannot be read: a misspelt path and a directory
// given for the file are the usual causes, and say different fixes.
std::string unreadable_because(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return "no such file";
  if (std::filesystem::is_directory(path, ec)) return "it is a directory; give the JSON file itself";
  return "permission denied or unreadable";
}

}  // namespace

Config Config::from_file(const std::string& path) {
  std::ifstream in(path);
  if (in && std::filesystem::is_directory(path)) in.setstate(std::ios::failbit);  // a directory opens on Linux
  if (!in) throw StartError("cannot read configuration file " + path + ": " + unreadable_because(path));
  std::ostringstream text;
  text << in.rdbuf();
  return from_json_text(text.str(), path);
}

void Config::set(const std::string& service, const std::string& key, std::string value) {
  values_[service][key] = std::move(value);
}

void Config::add_service(const std::string& service) { values_[service]; }

std::string Config::place(const std::string& service, std::string_view key) const {
  const std::optional<Position> at = position(service, key);
  if (!at) return origin_;
  return origin_ + ":" + std::to_string(at->line) + ":" + std::to_string(at->column);
}

std::optional<Config::Position> Config::position(const std::string& service, std::string_view key) const {
  const auto at = places_.find(std::make_pair(service, std::string(key)));
  if (at == places_.end() || origin_.empty()) return std::nullopt;
  return at->second;
}

const std::string* Config::find(const std::string& service, std::string_view key) const {
  auto s = values_.find(service);
  if (s == values_.end()) return nullptr;
  auto k = s->second.find(key);
  return k == s->second.end() ? nullptr : &k->second;
}

}  // namespace meshwa
