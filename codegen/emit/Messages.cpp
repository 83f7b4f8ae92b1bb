// <unit>.messages.hpp: what makes a MESHWA_MESSAGE crossable and comparable.
#include <algorithm>
#include <iterator>
#include <sstream>

#include "emit/Emit.h"

namespace meshwa::gen {

namespace {

// The namespace to open and the message's name in it: the operators go into
// the enclosing namespace (ADL finds them there for nested messages too).
std::pair<std::string, std::string> split_scope(const Message& m) { return {m.scope, m.local_name()}; }

// BOOST_HANA_ADAPT_STRUCT(T, m1, ..., m39) is as many members as the macro
// takes (Boost 1.74, boost/hana/detail/struct_macros.hpp).
constexpr size_t kHanaMacroLimit = 40;

bool nested_in_class(const Message& m) { return m.local_name().find("::") != std::string::npos; }

// One char of a member's name as a character literal. A name in UTF-8
// (`größe`) has bytes that are no character on their own: written raw, they
// made the file invalid UTF-8 (clang's -Winvalid-source-encoding, an error
// under -Werror, in every file including it). '\xc3' is the same char value
// that the string literal BOOST_HANA_ADAPT_STRUCT takes the name from has.
std::string char_literal(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f && c != '\'' && c != '\\') return std::string("'") + c + "'";
  static const char hex[] = "0123456789abcdef";
  return std::string("'\\x") + hex[byte >> 4] + hex[byte & 0xf] + "'";
}

// A message nested in a class is read by a serializer that returns the
// value. nlohmann's get<T>() asks std::is_default_constructible<T>, and
// clang answers "no" for good when the question is first asked inside the
// enclosing class (a std::optional<Inner> member asks it there) because
// Inner's default member initialisers are not parsed until that class is
// complete. A serializer with `T from_json(const json&)` is never asked.
// Declared with the other declarations: before anything instantiates it.
void emit_value_serializer(std::ostringstream& os, const Message& m) {
  const std::string type = "::" + m.qualified_name;
  const std::string functions = m.scope.empty() ? "::" : "::" + m.scope + "::";
  os << "template <>\nstruct nlohmann::adl_serializer<" << type << "> {\n"
     << "  static " << type << " from_json(const ::nlohmann::json& j) {\n"
     << "    " << type << " v{};\n"
     << "    " << functions << "from_json(j, v);\n"
     << "    return v;\n  }\n"
     << "  static void to_json(::nlohmann::json& j, const " << type << "& v) { " << functions << "to_json(j, v); }\n"
     << "};\n";
}

// First every message's adaptation and declarations, then the definitions:
// a message's functions may use those of a message declared after it.
void emit_declarations(std::ostringstream& os, const Message& m) {
  const std::string guard = "MESHWA_GEN_MESSAGE_" + name_identifier(m.qualified_name);
  os << "// ---- message " << m.qualified_name << "\n";
  os << "#ifndef " << guard << "\n";
  if (m.fields.empty()) {
    // BOOST_HANA_ADAPT_STRUCT needs at least one member.
    os << "namespace boost::hana {\ntemplate <>\nstruct accessors_impl<::" << m.qualified_name << "> {\n"
       << "  static constexpr auto apply() { return ::boost::hana::make_tuple(); }\n};\n}  // namespace boost::hana\n";
  } else if (m.fields.size() < kHanaMacroLimit) {
    // Fully qualified: the macro expands inside namespace boost::hana, where
    // `common` or `detail::X` would name hana's own.
    os << "BOOST_HANA_ADAPT_STRUCT(::" << m.qualified_name;
    for (const Field& f : m.fields) os << ", " << f.name;
    os << ");\n";
  } else {
    // What BOOST_HANA_ADAPT_STRUCT expands to, written out: the macro takes
    // at most 39 members.
    const std::string type = "::" + m.qualified_name;
    os << "namespace boost::hana {\ntemplate <>\nstruct accessors_impl<" << type << "> {\n"
       << "  static constexpr auto apply() {\n    return ::boost::hana::make_tuple(";
    for (size_t k = 0; k < m.fields.size(); ++k) {
      const Field& f = m.fields[k];
      os << (k == 0 ? "\n" : ",\n") << "        ::boost::hana::make_pair(::boost::hana::string_c<";
      for (size_t c = 0; c < f.name.size(); ++c) os << (c == 0 ? "" : ", ") << char_literal(f.name[c]);
      os << ">, ::boost::hana::struct_detail::member_ptr<decltype(&" << type << "::" << f.name << "), &" << type
         << "::" << f.name << ">{})";
    }
    os << ");\n  }\n};\n}  // namespace boost::hana\n";
  }
  const auto [scope, name] = split_scope(m);
  if (!scope.empty()) os << "namespace " << scope << " {\n";
  if (!m.has_equality) os << "inline bool operator==(const " << name << "& a, const " << name << "& b);\n";
  if (!m.has_printing) os << "inline std::ostream& operator<<(std::ostream& os, const " << name << "& v);\n";
  if (!m.has_to_json) os << "inline void to_json(::nlohmann::json& j, const " << name << "& v);\n";
  if (!m.has_from_json) os << "inline void from_json(const ::nlohmann::json& j, " << name << "& v);\n";
  if (!scope.empty()) os << "}  // namespace " << scope << "\n";
  // The serializer calls the functions by their qualified names, which do
  // not find the user's hidden friends (NLOHMANN_DEFINE_TYPE_INTRUSIVE):
  // nlohmann's own serializer finds them.
  if (nested_in_class(m) && !m.has_to_json && !m.has_from_json) emit_value_serializer(os, m);
  os << "#endif  // " << guard << "\n\n";
}

// A member compared with a floating-point == (a container of them compares
// in its own, system, header).
bool is_floating_field(const Field& f) {
  static const char* const floating[] = {"float", "double", "long double", "std::float32_t", "std::float64_t"};
  return std::any_of(std::begin(floating), std::end(floating), [&](const char* t) { return f.type == t; });
}

void emit_to_json(std::ostringstream& os, const Message& m, const std::string& name) {
  os << "inline void to_json(::nlohmann::json& j, const " << name << "& v) {\n";
  os << "  j = ::nlohmann::json::object();\n";
  for (const Field& f : m.fields) os << "  j[" << string_literal(f.name) << "] = v." << f.name << ";\n";
  if (m.fields.empty()) os << "  (void)v;\n";
  os << "}\n";
}

void emit_from_json(std::ostringstream& os, const Message& m, const std::string& name) {
  os << "inline void from_json(const ::nlohmann::json& j, " << name << "& v) {\n";
  os << "  ::meshwa::gen::expect_fields(j, " << string_literal(m.qualified_name) << ", {";
  for (std::size_t k = 0; k < m.fields.size(); ++k) os << (k == 0 ? "" : ", ") << string_literal(m.fields[k].name);
  os << "});\n";
  for (const Field& f : m.fields) {
    os << "  ::meshwa::gen::read_field(j, " << string_literal(f.name) << ", v." << f.name << ");\n";
  }
  if (m.fields.empty()) os << "  (void)v;\n";
  os << "}\n";
}

void emit_definitions(std::ostringstream& os, const Message& m) {
  const std::string guard = "MESHWA_GEN_MESSAGE_" + name_identifier(m.qualified_name);
  os << "#ifndef " << guard << "\n#define " << guard << "\n";
  const auto [scope, name] = split_scope(m);
  if (!scope.empty()) os << "namespace " << scope << " {\n";
  if (!m.has_equality) {
    // Member by member, as a defaulted operator== compares: a floating-point
    // member's == is meant (-Wfloat-equal in a user's -Weverything build).
    const bool floating = std::any_of(m.fields.begin(), m.fields.end(), is_floating_field);
    if (floating) os << "#pragma GCC diagnostic push\n#pragma GCC diagnostic ignored \"-Wfloat-equal\"\n";
    os << "inline bool operator==(const " << name << "& a, const " << name << "& b) {\n  return ";
    if (m.fields.empty()) os << "(void)a, (void)b, true";
    for (std::size_t i = 0; i < m.fields.size(); ++i) {
      if (i != 0) os << " &&\n         ";
      os << "a." << m.fields[i].name << " == b." << m.fields[i].name;
    }
    os << ";\n}\n";
    if (floating) os << "#pragma GCC diagnostic pop\n";
  }
  if (!m.has_printing) {
    os << "inline std::ostream& operator<<(std::ostream& os, const " << name << "& v) {\n";
    os << "  os << " << string_literal(m.name + "{") << ";\n";
    for (std::size_t i = 0; i < m.fields.size(); ++i) {
      os << "  os << " << string_literal((i == 0 ? "" : ", ") + m.fields[i].name + ": ") << ";\n";
      os << "  ::meshwa::gen::print(os, v." << m.fields[i].name << ");\n";
    }
    if (m.fields.empty()) os << "  (void)v;\n";
    os << "  return os << '}';\n}\n";
  }
  if (!m.has_to_json) emit_to_json(os, m, name);
  if (!m.has_from_json) emit_from_json(os, m, name);
  if (!scope.empty()) os << "}  // namespace " << scope << "\n";
  os << "#endif  // " << guard << "\n\n";
}

// The enumerators of an enum that crosses, for property tests (an enum's
// zero value need not be one of them).
void emit_enum(std::ostringstream& os, const Enum& e) {
  const std::string guard = "MESHWA_GEN_ENUM_" + name_identifier(e.qualified_name);
  os << "// ---- enum " << e.qualified_name << "\n#ifndef " << guard << "\n#define " << guard << "\n";
  // Fully qualified: names in the specialization are looked up in
  // meshwa::gen first, where a global `Code` or a namespace `mpk` would name
  // meshwa's own.
  const std::string type = "::" + e.qualified_name;
  os << "template <>\nstruct meshwa::gen::enum_values<" << type << "> {\n";
  os << "  static constexpr " << type << " values[] = {";
  for (std::size_t k = 0; k < e.enumerators.size(); ++k) {
    os << (k == 0 ? "" : ", ") << type << "::" << e.enumerators[k];
  }
  os << "};\n};\n#endif  // " << guard << "\n\n";
}

}  // namespace

std::string emit_messages_header(const Model& model) {
  std::ostringstream os;
  os << kGeneratedLine << "\n";
  os << "// Messages seen by unit '" << model.unit
     << "': Boost.Hana adaptation (meshwa::crossable sees the members), equality,\n"
        "// printing and JSON for contracts. Each message is guarded: several units may adapt it.\n";
  os << "#pragma once\n\n#include <ostream>\n\n#include <boost/hana/adapt_struct.hpp>\n"
        "#include <boost/hana/tuple.hpp>\n#include <nlohmann/json.hpp>\n\n#include <meshwa/gen/json.hpp>\n\n";
  std::vector<std::string> headers;
  for (const Message& m : model.messages) headers.push_back(m.header);
  for (const Enum& e : model.enums) headers.push_back(e.header);
  os << include_lines(headers);
  if (!headers.empty()) os << "\n";
  os << kDeprecationsOff;
  for (const Enum& e : model.enums) emit_enum(os, e);
  for (const Message& m : model.messages) emit_declarations(os, m);
  for (const Message& m : model.messages) emit_definitions(os, m);
  os << kDeprecationsRestored;
  return os.str();
}

}  // namespace meshwa::gen
