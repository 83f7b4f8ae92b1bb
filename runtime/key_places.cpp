#include "key_places.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace meshwa::runtime_detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Past the closing quote of the string whose opening quote is at `at`.
std::size_t string_end(std::string_view text, std::size_t at) {
  std::size_t i = at + 1;
  while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
  return std::min(i + 1, text.size());
}

// One pass over the tokens, no recursion (a document may nest deeper than
// the stack allows): an open object or array per entry of `path`, whose
// last entry is the key (or the index) of the value being read in the
// innermost one. A string is a key where a ':' follows it. Calls
// `on_open(is_object)` and `on_close()` for each object and array, and
// `on_key(path, offset)` for each key, `path` ending with it; an `on_key`
// that returns false ends the scan.
template <class Open, class Close, class Key>
void scan_keys(std::string_view text, Open on_open, Close on_close, Key on_key) {
  std::vector<std::string> path;
  std::vector<std::size_t> index;  // per open array (and object: unused), the element's index
  std::vector<bool> in_object;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_space(c) || c == ':') {
      ++i;
    } else if (c == '{' || c == '[') {
      in_object.push_back(c == '{');
      index.push_back(0);
      path.emplace_back(c == '{' ? "" : "0");
      on_open(c == '{');
      ++i;
    } else if (c == '}' || c == ']') {
      if (!path.empty()) {
        path.pop_back();
        index.pop_back();
        in_object.pop_back();
        on_close();
      }
      ++i;
    } else if (c == ',') {
      if (!in_object.empty() && !in_object.back()) path.back() = std::to_string(++index.back());
      ++i;
    } else if (c == '"') {
      const std::size_t end = string_end(text, i);
      std::size_t next = end;
      while (next < text.size() && is_space(text[next])) ++next;
      if (!in_object.empty() && in_object.back() && next < text.size() && text[next] == ':') {
        // The parser's own reading of the escapes ("\u0070ort" is "port").
        const nlohmann::json key = nlohmann::json::parse(text.substr(i, end - i), nullptr, false);
        path.back() = key.is_string() ? key.get<std::string>() : std::string();
        if (!on_key(path, i)) return;
      }
      i = end;
    } else {
      // A number or a literal: up to the next delimiter.
      while (i < text.size() && !is_space(text[i]) && text[i] != ',' && text[i] != '}' && text[i] != ']') ++i;
    }
  }
}

}  // namespace

std::map<std::vector<std::string>, std::size_t> key_offsets(std::string_view text, std::size_t max_depth) {
  std::map<std::vector<std::string>, std::size_t> offsets;
  scan_keys(
      text, [](bool) {}, [] {},
      [&](const std::vector<std::string>& path, std::size_t at) {
        if (path.size() <= max_depth) offsets.emplace(path, at);
        return true;
      });
  return offsets;
}

// The keys of each open object (an array's entry is unused), so memory
// stays linear in the keys however deep the document nests.
std::optional<DuplicateKey> first_duplicate_key(std::string_view text, std::size_t max_depth) {
  std::vector<std::map<std::string, std::size_t>> open;
  std::optional<DuplicateKey> found;
  scan_keys(
      text, [&](bool) { open.emplace_back(); }, [&] { open.pop_back(); },
      [&](const std::vector<std::string>& path, std::size_t at) {
        const auto [seen, added] = open.back().emplace(path.back(), at);
        if (added) return true;
        found = DuplicateKey{path.back(), {}, path.size() - 1 > max_depth, seen->second, at};
        if (!found->object_too_deep) found->object.assign(path.begin(), path.end() - 1);
        return false;
      });
  return found;
}

LinesOf::LinesOf(std::string_view text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

LinesOf::LineColumn LinesOf::position(std::size_t at) const {
  const auto line = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), at) - starts_.begin());  // >= 1
  return {line, at - starts_[line - 1] + 1};
}

std::string LinesOf::line_and_column(std::size_t at) const {
  const LineColumn p = position(at);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

}  // namespace meshwa::runtime_detail
