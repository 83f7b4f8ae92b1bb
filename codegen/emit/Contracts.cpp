// <unit>.contracts.cpp: for every interface method of the unit's services, a
// contract replay (recorded JSON request in, the real stub's JSON response
// out) and a property test over generated inputs; for every interface the
// unit has seen, the stand-in a property test uses where the deployment has
// no provider of it.
#include <sstream>

#include "emit/Emit.h"

namespace meshwa::gen {

namespace {

void emit_replay(std::ostringstream& os, const Interface& i, const Method& m) {
  const std::string resolved = i.resolved_method_key(m);
  os << "  suite.replay<" << i.qualified_name << ">(" << string_literal(i.qualified_name) << ", "
     << string_literal(i.method_key(m)) << (resolved.empty() ? "" : ", " + string_literal(resolved)) << ", "
     << returns_argument(m) << ",\n";
  os << "      [](" << i.qualified_name << "& meshwa_exit, const ::nlohmann::json& meshwa_request) -> ::nlohmann::json {\n";
  for (const Param& p : m.params) {
    os << "        auto " << param_identifier(p) << " = ::meshwa::gen::request_arg<" << p.value_type << ">(meshwa_request, "
       << string_literal(p.name) << ");\n";
  }
  // After the reads: a missing argument (a renamed parameter) is the more telling error.
  os << "        ::meshwa::gen::expect_arguments(meshwa_request, {";
  for (std::size_t k = 0; k < m.params.size(); ++k) os << (k == 0 ? "" : ", ") << string_literal(m.params[k].name);
  os << "});\n";
  const std::string call = call_object(i, m, "meshwa_exit") + "." + m.name + "(" + forward_args(m) + ")";
  if (m.result == "void") {
    os << "        " << call << ";\n        return nullptr;\n";
  } else {
    os << "        return ::nlohmann::json(" << call << ");\n";
  }
  os << "      });\n";
}

void emit_property(std::ostringstream& os, const Service& s, const Interface& i, const Method& m) {
  os << "  suite.property<" << i.qualified_name << ">(" << string_literal(s.name) << ", "
     << string_literal(i.qualified_name) << ", " << string_literal(i.method_key(m)) << ",\n";
  os << "      [](::meshwa::gen::PropertyContext& meshwa_p, " << i.qualified_name << "& meshwa_exit) {\n";
  for (const Param& p : m.params) {
    os << "        auto " << param_identifier(p) << " = meshwa_p.input<" << p.value_type << ">(" << string_literal(p.name) << ");\n";
  }
  const std::string call = call_object(i, m, "meshwa_exit") + "." + m.name + "(" + forward_args(m) + ")";
  if (m.result == "void") {
    os << "        meshwa_p.call([&] { " << call << "; });\n";
  } else {
    os << "        auto meshwa_result = meshwa_p.call([&] { return " << call << "; });\n";
    os << "        if (meshwa_result) meshwa_p.check_result(*meshwa_result);\n";
  }
  for (const Param& p : m.params) {
    if (p.kind == ParamKind::owned) {
      os << "        meshwa_p.check_consumed(" << string_literal(p.name) << ", " << param_identifier(p) << ");\n";
    }
  }
  os << "      });\n";
}

std::string stand_in_class(const Interface& i) { return "StandIn_" + name_identifier(i.qualified_name); }

// docs/contracts.md §3: where no service of the deployment provides an
// interface, a property test hands the method a Ref to this object, which
// answers every call with a generated value (meshwa::gen::StandIns); a
// contract's replay passes one for each recorded Ref argument (§2), its
// place the Ref's path in the request, and there it answers a call the
// consumer recorded through that Ref as a callback of the interaction with
// the consumer's answer: hence the request, made only when asked.
void emit_stand_in(std::ostringstream& os, const Interface& i) {
  const std::string cls = stand_in_class(i);
  os << "/// Stands in for a provider of " << i.qualified_name << " in property tests, and for a Ref argument in replays.\n";
  os << "class " << cls << " final : public " << i.qualified_name << " {\n public:\n";
  os << "  " << cls << "(::meshwa::gen::StandIns& answers, ::meshwa::gen::StandIns::Place place)\n"
     << "      : meshwa_answers_(answers), meshwa_place_(std::move(place)) {}\n";
  for (const Method& m : i.methods) {
    os << "  " << m.result << " " << m.name << "(" << param_list(m) << ")" << (m.is_const ? " const" : "")
       << (m.is_noexcept ? " noexcept" : "") << " override {\n";
    os << "    return meshwa_answers_.answer<" << i.qualified_name << ", " << m.result << ">(meshwa_place_, "
       << string_literal(i.method_key(m)) << ", [&]() -> ::nlohmann::json {\n";
    os << "      ::nlohmann::json meshwa_request = ::nlohmann::json::object();\n";
    for (const Param& p : m.params) {
      os << "      meshwa_request[" << string_literal(p.name) << "] = " << param_identifier(p) << ";\n";
    }
    os << "      return meshwa_request;\n    });\n  }\n";
  }
  os << "\n private:\n  ::meshwa::gen::StandIns& meshwa_answers_;\n  const ::meshwa::gen::StandIns::Place meshwa_place_;\n};\n\n";
}

}  // namespace

std::string emit_contracts_source(const Model& model) {
  std::ostringstream os;
  os << kGeneratedLine << "\n";
  os << "// Contract replay and property tests of the services of unit '" << model.unit << "'.\n";
  os << "#include <memory>\n#include <utility>\n\n#include <meshwa/gen/contract_suite.hpp>\n\n";
  os << "#include \"" << model.unit << ".messages.hpp\"\n\n";
  // Every interface the unit has seen: a stand-in each.
  std::vector<std::string> headers;
  for (const Interface& i : model.interfaces) headers.push_back(i.header);
  os << include_lines(headers);
  if (!headers.empty()) os << "\n";
  os << kDeprecationsOff;
  os << "namespace meshwa_generated {\n\n";
  if (!model.interfaces.empty()) {
    os << "namespace {\n\n";
    for (const Interface& i : model.interfaces) emit_stand_in(os, i);
    os << "}  // namespace\n\n";
  }
  // Called from the deployment's contract main, another file; declared first
  // for users' -Wmissing-prototypes builds.
  os << "void contracts_" << identifier(model.unit) << "(::meshwa::gen::ContractSuite& suite);\n";
  os << "void contracts_" << identifier(model.unit) << "(::meshwa::gen::ContractSuite& suite) {\n";
  if (model.services.empty() && model.interfaces.empty()) os << "  (void)suite;\n";
  for (const Interface& i : model.interfaces) {
    os << "  suite.stand_in<" << i.qualified_name
       << ">([](::meshwa::gen::StandIns& meshwa_answers, ::meshwa::gen::StandIns::Place meshwa_place) {\n"
       << "    return std::make_shared<" << stand_in_class(i) << ">(meshwa_answers, std::move(meshwa_place));\n  });\n";
  }
  for (const Service& s : model.services) {
    for (const std::string& name : s.interfaces) {
      const Interface* i = model.find_interface(name);
      if (!i) continue;
      os << "  // ---- '" << comment_text(s.name) << "' provides " << i->qualified_name << "\n";
      for (const Method& m : i->methods) {
        emit_replay(os, *i, m);
        emit_property(os, s, *i, m);
      }
    }
  }
  os << "}\n\n}  // namespace meshwa_generated\n";
  os << kDeprecationsRestored;
  return os.str();
}

std::vector<GeneratedFile> emit_unit(const Model& model) {
  return {
      {model.unit + ".messages.hpp", emit_messages_header(model)},
      {model.unit + ".services.hpp", emit_services_header(model)},
      {model.unit + ".meshwa.cpp", emit_stubs_source(model)},
      {model.unit + ".mocks.hpp", emit_mocks_header(model)},
      {model.unit + ".contracts.cpp", emit_contracts_source(model)},
  };
}

}  // namespace meshwa::gen
