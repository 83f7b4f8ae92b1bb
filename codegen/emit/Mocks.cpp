// <unit>.mocks.hpp: per interface a GoogleMock mock for consumers' unit tests,
// and the recorder that writes the interactions a test set up into a
// contract (meshwa/gen/testing.hpp: TestContext::provide).
#include <algorithm>
#include <cctype>
#include <iterator>
#include <sstream>

#include "emit/Emit.h"

namespace meshwa::gen {

namespace {

/// `type` with every name looked up from the global namespace
/// (`std::vector<lib::Tag>` -> `::std::vector<::lib::Tag>`): the mock is
/// declared inside the interface's namespace, where `lib::Tag` could name a
/// nested `app::lib` instead of the model's `::lib`.
std::string from_global(const std::string& type) {
  static const char* const kKeywords[] = {"const", "volatile", "unsigned", "signed", "int", "long", "short", "char",
                                          "bool", "float", "double", "void", "wchar_t", "char8_t", "char16_t",
                                          "char32_t", "true", "false", "nullptr"};
  // Bytes of a UTF-8 sequence are identifier characters: clang reads
  // `Grüße` as one name, and so must this (not `Gr` + `::üß` + `::e`).
  const auto is_ident = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || u >= 0x80;
  };
  std::string out;
  std::size_t i = 0;
  while (i < type.size()) {
    if (!is_ident(type[i]) || std::isdigit(static_cast<unsigned char>(type[i]))) {
      // Digits run on as a number (std::array<int, 3>).
      std::size_t j = i + 1;
      if (std::isdigit(static_cast<unsigned char>(type[i]))) {
        while (j < type.size() && is_ident(type[j])) ++j;
      }
      out.append(type, i, j - i);
      i = j;
      continue;
    }
    std::size_t j = i;
    while (j < type.size() && is_ident(type[j])) ++j;
    const std::string word = type.substr(i, j - i);
    const bool qualified_already = !out.empty() && out.back() == ':';
    const bool keyword = std::find(std::begin(kKeywords), std::end(kKeywords), word) != std::end(kKeywords);
    if (!qualified_already && !keyword) out += "::";
    out += word;
    i = j;
  }
  return out;
}

// MOCK_METHOD needs parentheses around a type with a comma.
std::string mock_type(const std::string& spelled) {
  const std::string type = from_global(spelled);
  return type.find(',') == std::string::npos ? type : "(" + type + ")";
}

// The mock's class name in the interface's namespace: "MockCurrency"; for an
// interface nested in a class (a namespace cannot reopen a class),
// "MockGroupApi" for ns::Group::Api.
// void and meshwa::Result<void>: the only answer without an error is the
// default one, so a test that sets none up has still chosen it.
bool has_no_response_to_choose(const Method& m) {
  return m.result == "void" || (m.returns_result && m.result_value == "void");
}

// meshwa_generated::Recorder_<I>: records the calls made through it (the
// mock's own, and the callbacks a mock's action makes through a Ref).
std::string recorder_class(const Interface& i) { return "Recorder_" + name_identifier(i.qualified_name); }

std::string mock_class(const Interface& i) {
  std::string name = "Mock";
  const std::string local = i.local_name();
  for (std::size_t k = 0; k < local.size(); ++k) {
    if (local[k] == ':') continue;
    name += local[k];
  }
  return name;
}

/// The interfaces the unit has seen of the Refs a parameter's value may
/// hold, at any depth (a Ref<I> or Ref<const I> parameter, also by const& or
/// through an alias; a Ref in a message's member, an optional, a container,
/// a map's value): a mock's action may call back through them.
std::vector<const Interface*> callback_interfaces(const Model& model, const Param& p) {
  std::vector<const Interface*> out;
  for (std::string name : model.refs_in(p.canonical.empty() ? p.type : p.canonical)) {
    if (name.rfind("::", 0) == 0) name.erase(0, 2);
    if (const Interface* i = model.find_interface(name)) out.push_back(i);
  }
  return out;
}

bool has_callbacks(const Model& model, const Method& m) {
  return std::any_of(m.params.begin(), m.params.end(),
                     [&](const Param& p) { return !callback_interfaces(model, p).empty(); });
}

// The function that makes a recorder of I's calls for one interaction's
// callbacks: declared before every mock (a recorder of a method with a
// Ref<I> parameter uses it, and I's recorder may come later in the file),
// defined after them, once (its own guard: another unit's header may have
// defined I's recorder already).
std::string callbacks_function(const Interface& i) {
  return "std::shared_ptr<::" + i.qualified_name + "> meshwa_record_callbacks(::" + i.qualified_name +
         "& meshwa_target, ::meshwa::gen::ContractLog& meshwa_log)";
}

// An argument the recorder cannot change: passed by const&, or by value
// declared const (`const meshwa::Ref<L> l`). Its Refs are wrapped in a copy.
bool unchangeable(const Param& p) { return p.kind == ParamKind::const_ref || p.type.rfind("const ", 0) == 0; }

// The arguments passed on to the target: one passed by const& that may
// hold a Ref is a copy with its Refs wrapped (meshwa_callback_<param>; one
// passed by value has them wrapped in place).
std::string target_args(const Model& model, const Method& m) {
  std::string out;
  for (std::size_t k = 0; k < m.params.size(); ++k) {
    const Param& p = m.params[k];
    const std::string name = param_identifier(p);
    std::string arg = p.kind == ParamKind::const_ref ? name : "std::move(" + name + ")";
    if (unchangeable(p) && !callback_interfaces(model, p).empty()) {
      arg = "meshwa_callback_" + name + ".get()";
    }
    out += (k == 0 ? "" : ", ") + arg;
  }
  return out;
}

void emit_mock(std::ostringstream& os, const Model& model, const Interface& i) {
  const std::string guard = "MESHWA_GEN_MOCK_" + name_identifier(i.qualified_name);
  const std::string& scope = i.scope;
  const std::string name = i.local_name();
  const std::string mock = mock_class(i);
  os << "// ---- interface " << i.qualified_name << "\n#ifndef " << guard << "\n#define " << guard << "\n";
  if (!scope.empty()) os << "namespace " << scope << " {\n";
  os << "/// GoogleMock mock of " << i.qualified_name << ".\n";
  os << "class " << mock << " : public " << name << " {\n public:\n";
  for (const Method& m : i.methods) {
    os << "  MOCK_METHOD(" << mock_type(m.result) << ", " << m.name << ", (";
    for (std::size_t k = 0; k < m.params.size(); ++k) {
      os << (k == 0 ? "" : ", ") << mock_type(m.params[k].type);
    }
    os << "), (";
    std::string quals;
    if (m.is_const) quals += "const, ";
    if (m.is_noexcept) quals += "noexcept, ";
    os << quals << "override));\n";
  }
  // The fallback for calls nobody set up: GoogleMock's default value, counted
  // so that the recorder leaves such answers out of the contract. A test's
  // own ON_CALL or EXPECT_CALL action comes first (the later ON_CALL wins).
  // Not for a method whose response leaves nothing to choose (void,
  // Result<void>, whose default is success): a test that only expects the
  // call means that answer, and it is recorded.
  bool any_result = false;
  for (const Method& m : i.methods) any_result = any_result || !has_no_response_to_choose(m);
  if (any_result) {
    os << "  " << mock << "() {\n";
    for (const Method& m : i.methods) {
      if (has_no_response_to_choose(m)) continue;
      // A const method through a const object: its non-const twin would be set up otherwise.
      os << "    ON_CALL(" << (m.is_const ? "::testing::Const(*this)" : "*this") << ", " << m.name << "(";
      for (std::size_t k = 0; k < m.params.size(); ++k) {
        os << (k == 0 ? "" : ", ") << "::testing::A<" << from_global(m.params[k].type) << ">()";
      }
      os << ")).WillByDefault([](auto&&...) {\n"
         << "      ++::meshwa::gen::defaulted_answers();\n"
         << "      return ::testing::DefaultValue<" << from_global(m.result) << ">::Get();\n    });\n";
    }
    os << "  }\n";
  }
  os << "};\n";
  if (!scope.empty()) os << "}  // namespace " << scope << "\n";

  const std::string rec = recorder_class(i);
  os << "namespace meshwa_generated {\n";
  os << "/// Passes calls on to a target (usually the mock) and records each as an\n"
        "/// interaction (request, response) of the test's contract.\n";
  os << "class " << rec << " final : public " << i.qualified_name << " {\n public:\n";
  os << "  " << rec << "(" << i.qualified_name << "& target, ::meshwa::gen::ContractLog& log) : meshwa_target_(target), meshwa_log_(log) {}\n";
  for (const Method& m : i.methods) {
    os << "  " << m.result << " " << m.name << "(" << param_list(m) << ")" << (m.is_const ? " const" : "") << (m.is_noexcept ? " noexcept" : "") << " override {\n";
    os << "    ::nlohmann::json meshwa_request = ::nlohmann::json::object();\n";
    for (const Param& p : m.params) {
      os << "    meshwa_request[" << string_literal(p.name) << "] = " << param_identifier(p) << ";\n";
    }
    // Every Ref an argument holds reaches the mock through a recorder of its
    // calls: what the mock's action calls back, and the consumer's object
    // answers, is recorded with this interaction, with the Ref's path
    // (docs/contracts.md §1). The lambda finds the recorder of each Ref's
    // interface among the meshwa_record_callbacks declared above.
    const bool callbacks = has_callbacks(model, m);
    if (callbacks) {
      os << "    ::meshwa::gen::Callbacks meshwa_callbacks(meshwa_log_, " << string_literal(i.qualified_name) << ", "
         << string_literal(i.method_key(m)) << ");\n";
      os << "    const auto meshwa_record = [](auto& meshwa_callee, ::meshwa::gen::ContractLog& meshwa_calls)\n"
            "        -> decltype(::meshwa_generated::meshwa_record_callbacks(meshwa_callee, meshwa_calls)) {\n"
            "      return ::meshwa_generated::meshwa_record_callbacks(meshwa_callee, meshwa_calls);\n    };\n";
      for (const Param& p : m.params) {
        if (callback_interfaces(model, p).empty()) continue;
        if (unchangeable(p)) {
          os << "    const auto meshwa_callback_" << param_identifier(p) << " = meshwa_callbacks.wrapped("
             << param_identifier(p) << ", " << string_literal(p.name) << ", meshwa_record);\n";
        } else {
          os << "    meshwa_callbacks.wrap_in(" << param_identifier(p) << ", " << string_literal(p.name)
             << ", meshwa_record);\n";
        }
      }
    }
    const std::string call = call_object(i, m, "meshwa_target_") + "." + m.name + "(" +
                             (callbacks ? target_args(model, m) : forward_args(m)) + ")";
    const std::string resolved = i.resolved_method_key(m);
    const std::string head = std::string(callbacks ? "meshwa_callbacks" : "meshwa_log_") + ".add(" + string_literal(i.qualified_name) + ", " + string_literal(i.method_key(m)) +
                             (resolved.empty() ? "" : ", " + string_literal(resolved)) + ", std::move(meshwa_request), ";
    // What the method returns, from the interface: where a matching rule's
    // path starts, and whether the response can be an error (a message's
    // own members `value` or `error` say nothing of that).
    const std::string returns = returns_argument(m);
    // An exception the mock throws from a method without meshwa::Result:
    // the real stub never hands one to the caller (the deployment stops),
    // so it is no interaction a provider could owe. Passed on, not
    // recorded, with a warning (once per method).
    const auto skip_thrown = [&](const std::string& indent) {
      return indent + "meshwa_log_.skip_thrown(" + string_literal(i.qualified_name) + ", " +
             string_literal(i.method_key(m)) + ", ::meshwa::detail::current_exception_text());\n" + indent +
             "throw;\n";
    };
    if (m.result == "void" && m.is_noexcept) {
      // An exception from the mock ends the test there (std::terminate).
      os << "    " << call << ";\n    " << head << "nullptr, " << returns << ");\n";
    } else if (m.result == "void") {
      os << "    try {\n      " << call << ";\n    } catch (...) {\n" << skip_thrown("      ") << "    }\n";
      os << "    " << head << "nullptr, " << returns << ");\n";
    } else {
      os << "    const std::uint64_t meshwa_defaulted = ::meshwa::gen::defaulted_answers();\n";
      if (m.returns_result) {
        // An exception the mock throws reaches the service as the real stub
        // would hand it over: Error(internal, what()), recorded as such.
        os << "    " << m.result << " meshwa_response = [&]() -> " << m.result << " {\n"
           << "      try {\n        return " << call << ";\n"
           << "      } catch (...) {\n"
           << "        return ::meshwa::Error(::meshwa::Code::internal, ::meshwa::detail::current_exception_text());\n"
           << "      }\n    }();\n";
      } else if (m.is_noexcept) {
        os << "    " << m.result << " meshwa_response = " << call << ";\n";
      } else {
        os << "    " << m.result << " meshwa_response = [&]() -> " << m.result << " {\n"
           << "      try {\n        return " << call << ";\n"
           << "      } catch (...) {\n" << skip_thrown("        ") << "      }\n    }();\n";
      }
      os << "    if (::meshwa::gen::defaulted_answers() != meshwa_defaulted) {\n";
      os << "      meshwa_log_.skip_defaulted(" << string_literal(i.qualified_name) << ", "
         << string_literal(i.method_key(m)) << ");\n";
      os << "    } else {\n";
      // The shape of its type: a rule's path is checked against it too.
      os << "      " << head << "::nlohmann::json(meshwa_response), " << returns
         << ", &::meshwa::gen::response_shape<decltype(meshwa_response)>);\n";
      os << "    }\n";
      os << "    return meshwa_response;\n";
    }
    os << "  }\n";
  }
  os << "\n private:\n  " << i.qualified_name << "& meshwa_target_;\n  ::meshwa::gen::ContractLog& meshwa_log_;\n};\n";
  os << "}  // namespace meshwa_generated\n";
  // Fully qualified, as in enum_values: looked up in meshwa::gen first.
  os << "template <>\nstruct meshwa::gen::RecorderFor<::" << i.qualified_name << "> {\n"
     << "  using type = ::meshwa_generated::" << rec << ";\n};\n";
  os << "#endif  // " << guard << "\n\n";
}

}  // namespace

std::string emit_mocks_header(const Model& model) {
  std::ostringstream os;
  os << kGeneratedLine << "\n";
  os << "// Mocks of the interfaces seen by unit '" << model.unit
     << "', for consumers' unit tests; calls made through\n"
        "// meshwa::gen::TestContext are recorded as contracts (docs/contracts.md).\n";
  os << "#pragma once\n\n#include <cstdint>\n#include <utility>\n\n#include <gmock/gmock.h>\n#include <nlohmann/json.hpp>\n\n"
        "#include <meshwa/gen/testing.hpp>\n\n";
  os << "#include \"" << model.unit << ".messages.hpp\"\n\n";
  std::vector<std::string> headers;
  for (const Interface& i : model.interfaces) headers.push_back(i.header);
  os << include_lines(headers);
  if (!headers.empty()) os << "\n";
  os << kDeprecationsOff;
  // Interfaces of Ref parameters whose calls a mock's action may make.
  std::vector<const Interface*> called_back;
  for (const Interface& i : model.interfaces) {
    for (const Method& m : i.methods) {
      for (const Param& p : m.params) {
        for (const Interface* target : callback_interfaces(model, p)) {
          if (std::find(called_back.begin(), called_back.end(), target) == called_back.end()) {
            called_back.push_back(target);
          }
        }
      }
    }
  }
  if (!called_back.empty()) {
    os << "namespace meshwa_generated {\n";
    for (const Interface* i : called_back) os << "inline " << callbacks_function(*i) << ";\n";
    os << "}  // namespace meshwa_generated\n\n";
  }
  for (const Interface& i : model.interfaces) emit_mock(os, model, i);
  for (const Interface* i : called_back) {
    const std::string guard = "MESHWA_GEN_CALLBACKS_" + name_identifier(i->qualified_name);
    os << "#ifndef " << guard << "\n#define " << guard << "\n";
    os << "namespace meshwa_generated {\n";
    os << "/// Records the calls a mock makes through a Ref<" << i->qualified_name << "> argument.\n";
    os << "inline " << callbacks_function(*i) << " {\n"
       << "  return std::make_shared<" << recorder_class(*i) << ">(meshwa_target, meshwa_log);\n}\n";
    os << "}  // namespace meshwa_generated\n";
    os << "#endif  // " << guard << "\n\n";
  }
  os << kDeprecationsRestored;
  return os.str();
}

}  // namespace meshwa::gen
