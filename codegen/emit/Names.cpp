// Identifiers and literals shared by the emitters.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "emit/Emit.h"
#include "meshwa/control_characters.hpp"

namespace meshwa::gen {

std::string identifier(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ':' && i + 1 < text.size() && text[i + 1] == ':') {
      out += '_';
      ++i;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      out += c;
    } else {
      out += '_';
    }
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(out.begin(), '_');
  return out;
}

std::string name_identifier(const std::string& qualified_name) {
  std::string out = identifier(qualified_name);
  // Only letters, digits and `::` map one to one; any other character
  // (its own '_', a UTF-8 byte: `Grüßer` and `Größer` are both `Gr____er`)
  // could meet another name's.
  const bool one_to_one = std::all_of(qualified_name.begin(), qualified_name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == ':';
  });
  if (one_to_one) return out;
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a: the same on every machine
  for (unsigned char c : qualified_name) hash = (hash ^ c) * 1099511628211ull;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "_%08x", static_cast<unsigned>(hash >> 32));
  out += suffix;
  // The hash tells such names apart, so a run of '_' (`Gr____er`, `Foo_::Bar`)
  // can be one: "__" is reserved in C++ (-Wreserved-identifier). A one-to-one
  // name has none (`::` is one '_').
  out.erase(std::unique(out.begin(), out.end(), [](char a, char b) { return a == '_' && b == '_'; }), out.end());
  return out;
}

std::string param_identifier(const Param& p) {
  // Namespaces generated code names; its own members and locals are all
  // meshwa_* (stubs and recorders derive from the interface, so a method
  // named meshwa_* is a gen error, and a parameter is renamed). The new name
  // starts with meshwa_arg_, which no kept name does and no generated local
  // does, so it cannot meet another parameter (`int std, int arg_std` once
  // became two `arg_std`).
  static const char* const taken[] = {"std", "meshwa", "boost", "nlohmann", "testing"};
  bool clash = p.name.rfind("meshwa_", 0) == 0;
  for (const char* t : taken) clash = clash || p.name == t;
  return clash ? "meshwa_arg_" + p.name : p.name;
}

std::string param_list(const Method& m) {
  std::string out;
  for (std::size_t i = 0; i < m.params.size(); ++i) {
    if (i != 0) out += ", ";
    out += m.params[i].type + " " + param_identifier(m.params[i]);
  }
  return out;
}

// The arguments as a C++ call passes them on: values and handles moved, a
// const-ref borrow as it came (to the gate, and to the qualified call where
// there is no symbol to call).
std::string forward_args(const Method& m) {
  std::string out;
  for (std::size_t i = 0; i < m.params.size(); ++i) {
    if (i != 0) out += ", ";
    const Param& p = m.params[i];
    out += p.kind == ParamKind::const_ref ? param_identifier(p) : "std::move(" + param_identifier(p) + ")";
  }
  return out;
}

std::string call_object(const Interface& i, const Method& m, const std::string& object) {
  if (m.declared_in.empty() && !m.is_const) return object;
  const std::string owner = m.declared_in.empty() ? i.qualified_name : m.declared_in;
  return "static_cast<" + std::string(m.is_const ? "const " : "") + owner + "&>(" + object + ")";
}

std::string returns_argument(const Method& m) {
  return m.returns_result ? "::meshwa::gen::Returns::result" : "::meshwa::gen::Returns::value";
}

std::string service_function(const std::string& service_name) { return "service_" + identifier(service_name); }

std::string string_literal(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        // Octal, not hex: a hex escape takes every hex digit after it, so
        // "\x01" before "bad" would read as one (out of range) character;
        // an octal escape ends after three digits.
        if (::meshwa::detail::is_control_character(c)) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string comment_text(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (::meshwa::detail::is_control_character(c)) c = ' ';
    if (c == '\\') c = '/';
  }
  return out;
}

std::string include_lines(std::vector<std::string> headers) {
  std::sort(headers.begin(), headers.end());
  headers.erase(std::unique(headers.begin(), headers.end()), headers.end());
  std::string out;
  for (const std::string& h : headers) out += "#include " + string_literal(h) + "\n";
  return out;
}

}  // namespace meshwa::gen
