#include "model/Validate.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "emit/Emit.h"
#include "meshwa/control_characters.hpp"

namespace meshwa::gen {

namespace {

// C++20 keywords and alternative tokens: not a name generated code can declare.
const std::set<std::string>& keywords() {
  static const std::set<std::string> words = {
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
      "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
      "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
      "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
      "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
      "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
      "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
      "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq"};
  return words;
}

// What is wrong with a type as generated code pastes it ("const ns::Money &"),
// or "". The model cannot parse C++ types; it refuses what no type clang
// spells contains and what would change the code around it: a line break
// (a `#` line, a `//` comment's end), a comment, a `;`, a backslash (a line
// splice), and brackets that do not pair.
std::string type_problem(const std::string& type) {
  if (type.empty()) return "is empty";
  if (::meshwa::detail::has_control_character(type)) return "contains a line break or another control character";
  if (type.find("/*") != std::string::npos || type.find("*/") != std::string::npos ||
      type.find("//") != std::string::npos) {
    return "contains a comment opener or closer";
  }
  for (char c : {';', '\\', '#'}) {
    if (type.find(c) != std::string::npos) return std::string("contains '") + c + "'";
  }
  std::string open;
  for (char c : type) {
    if (c == '(' || c == '[' || c == '{') open += c;
    if (c == ')' || c == ']' || c == '}') {
      const char want = c == ')' ? '(' : c == ']' ? '[' : '{';
      if (open.empty() || open.back() != want) return "has brackets that do not pair";
      open.pop_back();
    }
  }
  if (!open.empty()) return "has brackets that do not pair";
  return "";
}

// A header path as `#include "..."` spells it, or "".
std::string header_problem(const std::string& path) {
  if (path.empty()) return "is empty";
  if (::meshwa::detail::has_control_character(path)) return "contains a line break or another control character";
  if (path.find('"') != std::string::npos || path.find('\\') != std::string::npos) {
    return "contains a quote or a backslash, which #include \"...\" cannot spell";
  }
  return "";
}

class Checker {
 public:
  explicit Checker(const Model& m) : m_(m) {}

  std::vector<std::string> run() {
    if (std::string p = file_name_problem("unit name", m_.unit); !p.empty()) problems_.push_back(p);
    for (const std::string& h : m_.headers) header(h, "a header in \"headers\"");
    std::set<std::string> interfaces;
    for (const Interface& i : m_.interfaces) {
      qualified(i.qualified_name, "interface");
      if (!interfaces.insert(i.qualified_name).second) {
        add("interface " + json_quoted(i.qualified_name) + " is listed twice");
      }
      named(i.name, i.qualified_name, "interface");
      if (!i.scope.empty() && !is_qualified_name(i.scope)) {
        add("the namespace " + json_quoted(i.scope) + " of interface " + json_quoted(i.qualified_name) +
            " is not a qualified C++ name");
      }
      header(i.header, "the header of interface " + json_quoted(i.qualified_name));
      std::set<std::string> signatures;
      for (const Method& meth : i.methods) method(i, meth, signatures);
    }
    std::set<std::string> messages;
    for (const Message& msg : m_.messages) message(msg, messages);
    std::set<std::string> enums;
    for (const Enum& e : m_.enums) {
      qualified(e.qualified_name, "enum");
      if (!enums.insert(e.qualified_name).second) add("enum " + json_quoted(e.qualified_name) + " is listed twice");
      if (!e.header.empty()) header(e.header, "the header of enum " + json_quoted(e.qualified_name));
      std::set<std::string> seen;
      for (const std::string& name : e.enumerators) {
        if (!is_identifier(name)) {
          add("enumerator " + json_quoted(name) + " of enum " + json_quoted(e.qualified_name) + " is not a C++ identifier");
        } else if (!seen.insert(name).second) {
          add("enumerator " + json_quoted(name) + " of enum " + json_quoted(e.qualified_name) + " is listed twice");
        }
      }
      for (const std::string& v : e.values) {
        const std::size_t digits = v.rfind('-', 0) == 0 ? 1 : 0;
        if (v.size() > digits && std::all_of(v.begin() + static_cast<long>(digits), v.end(),
                                             [](char c) { return c >= '0' && c <= '9'; })) {
          continue;
        }
        if (!v.empty()) add("value " + json_quoted(v) + " of enum " + json_quoted(e.qualified_name) + " is not a decimal number");
      }
    }
    std::map<std::string, std::string> by_name;      // service name -> its class
    std::map<std::string, std::string> by_function;  // service_<id> -> service name
    for (const Service& s : m_.services) service(s, by_name, by_function);
    return problems_;
  }

 private:
  void add(std::string problem) { problems_.push_back(std::move(problem)); }

  void qualified(const std::string& name, const std::string& what) {
    if (!is_qualified_name(name)) add(what + " " + json_quoted(name) + " is not a qualified C++ name (identifiers joined by ::)");
  }

  // `name` is the last component of `qualified_name`.
  void named(const std::string& name, const std::string& qualified_name, const std::string& what) {
    if (!is_identifier(name)) {
      add("the name " + json_quoted(name) + " of " + what + " " + json_quoted(qualified_name) + " is not a C++ identifier");
      return;
    }
    const std::string tail = "::" + name;
    if (qualified_name != name && (qualified_name.size() < tail.size() ||
                                   qualified_name.compare(qualified_name.size() - tail.size(), tail.size(), tail) != 0)) {
      add("the name " + json_quoted(name) + " of " + what + " " + json_quoted(qualified_name) + " is not its qualified name's last part");
    }
  }

  void header(const std::string& path, const std::string& what) {
    if (std::string p = header_problem(path); !p.empty()) add(what + " " + json_quoted(path) + " " + p);
  }

  void type(const std::string& t, const std::string& what) {
    if (std::string p = type_problem(t); !p.empty()) add("the type " + json_quoted(t) + " of " + what + " " + p);
  }

  void method(const Interface& i, const Method& meth, std::set<std::string>& signatures) {
    const std::string where = "interface " + json_quoted(i.qualified_name);
    if (!is_identifier(meth.name)) {
      add("method " + json_quoted(meth.name) + " of " + where + " is not a C++ identifier");
    } else if (meth.name.rfind("meshwa_", 0) == 0) {
      add("method " + json_quoted(meth.name) + " of " + where + " uses the prefix meshwa_, which generated code reserves");
    }
    const std::string what = "method " + json_quoted(meth.name) + " of " + where;
    type(meth.result, "the result of " + what);
    type(meth.result_value, "the result value of " + what);
    std::set<std::string> params;
    for (const Param& p : meth.params) {
      if (!is_identifier(p.name)) {
        add("parameter " + json_quoted(p.name) + " of " + what + " is not a C++ identifier");
      } else if (!params.insert(p.name).second) {
        add("parameter " + json_quoted(p.name) + " of " + what + " is listed twice");
      }
      type(p.type, "parameter " + json_quoted(p.name) + " of " + what);
      type(p.value_type, "the value of parameter " + json_quoted(p.name) + " of " + what);
    }
    // Overloads are fine; the same signature twice would declare one method twice.
    if (!signatures.insert(meth.signature()).second) add(what + " is listed twice (" + meth.signature() + ")");
  }

  void message(const Message& msg, std::set<std::string>& messages) {
    qualified(msg.qualified_name, "message");
    if (!messages.insert(msg.qualified_name).second) add("message " + json_quoted(msg.qualified_name) + " is listed twice");
    named(msg.name, msg.qualified_name, "message");
    if (!msg.scope.empty() && !is_qualified_name(msg.scope)) {
      add("the namespace " + json_quoted(msg.scope) + " of message " + json_quoted(msg.qualified_name) +
          " is not a qualified C++ name");
    }
    header(msg.header, "the header of message " + json_quoted(msg.qualified_name));
    std::set<std::string> fields;
    for (const Field& f : msg.fields) {
      const std::string what = "field " + json_quoted(f.name) + " of message " + json_quoted(msg.qualified_name);
      if (!is_identifier(f.name)) {
        add(what + " is not a C++ identifier");
      } else if (!fields.insert(f.name).second) {
        add(what + " is listed twice");
      }
      type(f.type, what);
    }
  }

  void service(const Service& s, std::map<std::string, std::string>& by_name,
               std::map<std::string, std::string>& by_function) {
    // What gen accepts in MESHWA_SERVICE("..."): any text but empty and
    // control characters (generated code writes it as a string literal, in
    // `//` comments and, made an identifier, in service_<name>()).
    if (s.name.empty()) add("service of class " + json_quoted(s.qualified_name) + " has an empty name");
    if (::meshwa::detail::has_control_character(s.name)) {
      add("service name " + json_quoted(s.name) + " contains a line break or another control character");
    }
    qualified(s.qualified_name, "service class");
    named(s.class_name, s.qualified_name, "service class");
    header(s.header, "the header of service " + json_quoted(s.name));
    const std::string what = "service " + json_quoted(s.name);
    if (auto [it, fresh] = by_name.emplace(s.name, s.qualified_name); !fresh) {
      add(what + " is listed twice in unit " + json_quoted(m_.unit));
    } else {
      if (auto [other, new_id] = by_function.emplace(service_function(s.name), s.name); !new_id) {
        add("service names " + json_quoted(other->second) + " and " + json_quoted(s.name) +
            " differ only in punctuation; both would be registered as one function");
      }
    }
    std::set<std::string> seen;
    for (const std::string& i : s.interfaces) {
      if (!is_qualified_name(i)) {
        add(what + " implements " + json_quoted(i) + ", which is not a qualified C++ name");
      } else if (!seen.insert(i).second) {
        add(what + " lists interface " + json_quoted(i) + " twice");
      } else if (m_.find_interface(i) == nullptr) {
        add(what + " implements interface " + json_quoted(i) + ", which the model does not list in \"interfaces\"");
      }
    }
    for (const Dependency& d : s.dependencies) {
      if (!is_qualified_name(d.interface)) {
        add(what + " depends on " + json_quoted(d.interface) + ", which is not a qualified C++ name");
      }
      if (::meshwa::detail::has_control_character(d.via)) add(what + " has a dependency whose \"via\" contains a control character");
    }
    for (const DirectCall& d : s.direct_calls) {
      if (!is_qualified_name(d.interface)) {
        add(what + " has a direct call into " + json_quoted(d.interface) + ", which is not a qualified C++ name");
      }
      type(d.owner, "the owner of a direct call of " + what);
      if (d.symbol.empty() || ::meshwa::detail::has_control_character(d.symbol)) {
        add(what + " has a direct call whose symbol " + json_quoted(d.symbol) + " is empty or contains a control character");
      }
    }
  }

  const Model& m_;
  std::vector<std::string> problems_;
};

}  // namespace

std::string json_quoted(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string file_name_problem(const std::string& what, const std::string& name) {
  const std::string rule =
      " is not a file-name component: use letters, digits and _ . + - (as a CMake target name), not starting with "
      "'.' or '-' and without '..'";
  if (name.empty()) return what + " is empty";
  const bool chars_ok = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '+' || c == '-';
  });
  if (!chars_ok || name.front() == '.' || name.front() == '-' || name.find("..") != std::string::npos) {
    return what + " " + json_quoted(name) + rule;
  }
  return "";
}

bool is_identifier(const std::string& text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '_' || c == '$' || u >= 0x80)) return false;
  }
  return keywords().count(text) == 0;
}

bool is_qualified_name(const std::string& text) {
  std::size_t begin = 0;
  while (true) {
    const std::size_t end = text.find("::", begin);
    if (!is_identifier(text.substr(begin, end == std::string::npos ? std::string::npos : end - begin))) return false;
    if (end == std::string::npos) return true;
    begin = end + 2;
  }
}

std::vector<std::string> model_problems(const Model& model) { return Checker(model).run(); }

}  // namespace meshwa::gen
