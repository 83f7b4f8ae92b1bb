// <name>.main.cpp and <name>.contract_main.cpp: one deployment binary with
// all its services registered, and its contract test binary.
#include <sstream>

#include "emit/Emit.h"

namespace meshwa::gen {

namespace {

// Both are used only by the main of their own file: static, so that users'
// -Wmissing-prototypes builds do not ask for a declaration elsewhere.
void emit_register(std::ostringstream& os, const DeploymentSpec& spec) {
  os << "static void register_" << identifier(spec.name) << "(::meshwa::Registry& registry) {\n";
  for (const Service& s : spec.merged.services) os << "  registry.add(" << service_function(s.name) << "());\n";
  if (spec.merged.services.empty()) os << "  (void)registry;\n";
  os << "}\n\n";
}

void emit_info(std::ostringstream& os, const DeploymentSpec& spec) {
  // By value, held by main: a function-local static would be destroyed at
  // exit (-Wexit-time-destructors in a user's -Weverything build).
  os << "static ::meshwa::gen::DeploymentInfo " << identifier(spec.name) << "_info() {\n";
  os << "  return ::meshwa::gen::DeploymentInfo{\n      " << string_literal(spec.name) << ",\n      {\n";
  for (const Service& s : spec.merged.services) {
    os << "          {" << string_literal(s.name) << ", " << string_literal(s.qualified_name) << ", {";
    for (std::size_t k = 0; k < s.interfaces.size(); ++k) os << (k ? ", " : "") << string_literal(s.interfaces[k]);
    os << "}, {";
    for (std::size_t k = 0; k < s.dependencies.size(); ++k) {
      os << (k ? ", " : "") << string_literal(s.dependencies[k].interface);
    }
    os << "}, " << string_literal(s.unsafe_description()) << ", {";
    const std::vector<std::string> callbacks = spec.merged.refs_received(s);
    for (std::size_t k = 0; k < callbacks.size(); ++k) os << (k ? ", " : "") << string_literal(callbacks[k]);
    os << "}, {";
    const std::vector<std::string> returned = spec.merged.refs_returned(s);
    for (std::size_t k = 0; k < returned.size(); ++k) os << (k ? ", " : "") << string_literal(returned[k]);
    os << "}},\n";
  }
  os << "      }};\n}\n\n";
}

std::string unit_includes(const DeploymentSpec& spec) {
  std::string out;
  for (const std::string& u : spec.units) out += "#include \"" + u + ".services.hpp\"\n";
  return out;
}

}  // namespace

std::string emit_deployment_main(const DeploymentSpec& spec) {
  std::ostringstream os;
  os << kGeneratedLine << "\n";
  os << "// The deployment '" << comment_text(spec.name) << "': every service in one binary.\n";
  os << "#include <meshwa/gen/deployment.hpp>\n#include <meshwa/registry.hpp>\n\n" << unit_includes(spec) << "\n";
  os << "namespace meshwa_generated {\n\n";
  emit_register(os, spec);
  emit_info(os, spec);
  os << "}  // namespace meshwa_generated\n\n";
  os << "int main(int argc, char** argv) {\n";
  os << "  const ::meshwa::gen::DeploymentInfo info = ::meshwa_generated::" << identifier(spec.name) << "_info();\n";
  os << "  return ::meshwa::gen::deployment_main(argc, argv, info, &::meshwa_generated::register_"
     << identifier(spec.name) << ");\n}\n";
  return os.str();
}

std::string emit_contract_main(const DeploymentSpec& spec) {
  std::ostringstream os;
  os << kGeneratedLine << "\n";
  os << "// Contract and property tests of the deployment '" << comment_text(spec.name) << "' (ctest -L contract).\n";
  os << "#include <string>\n#include <vector>\n\n#include <meshwa/gen/contract_run.hpp>\n#include <meshwa/registry.hpp>\n\n"
     << unit_includes(spec) << "\n";
  os << "#ifndef MESHWA_CONTRACT_DIRS\n#define MESHWA_CONTRACT_DIRS \"\"\n#endif\n";
  os << "#ifndef MESHWA_DEPLOYMENT_CONFIG\n#define MESHWA_DEPLOYMENT_CONFIG \"\"\n#endif\n\n";
  // The provider's state handlers, in the file meshwa_add_deployment's
  // PROVIDER_STATES names (docs/contracts.md, "Provider states").
  os << "#ifdef MESHWA_PROVIDER_STATES\nvoid meshwa_provider_states(::meshwa::gen::ProviderStates& states);\n#endif\n\n";
  os << "namespace meshwa_generated {\n\n";
  for (const std::string& u : spec.units) {
    os << "void contracts_" << identifier(u) << "(::meshwa::gen::ContractSuite& suite);\n";
  }
  os << "\n";
  emit_register(os, spec);
  os << "}  // namespace meshwa_generated\n\n";
  os << "int main(int argc, char** argv) {\n";
  os << "  ::meshwa::gen::ContractRun run;\n";
  for (const std::string& u : spec.units) os << "  run.units.push_back(&::meshwa_generated::contracts_" << identifier(u) << ");\n";
  os << "  run.register_services = &::meshwa_generated::register_" << identifier(spec.name) << ";\n";
  os << "  run.config_path = MESHWA_DEPLOYMENT_CONFIG;\n";
  os << "#ifdef MESHWA_PROVIDER_STATES\n  run.provider_states = &::meshwa_provider_states;\n#endif\n";
  os << "  // MESHWA_CONTRACT_DIRS: the consumers' contracts/ folders, separated by '|'.\n";
  os << "  const std::string dirs = MESHWA_CONTRACT_DIRS;\n";
  os << "  for (std::size_t begin = 0; begin < dirs.size();) {\n";
  os << "    std::size_t end = dirs.find('|', begin);\n";
  os << "    if (end == std::string::npos) end = dirs.size();\n";
  os << "    if (end > begin) run.contract_dirs.push_back(dirs.substr(begin, end - begin));\n";
  os << "    begin = end + 1;\n  }\n";
  os << "  return ::meshwa::gen::run_contract_tests(argc, argv, run);\n}\n";
  return os.str();
}

}  // namespace meshwa::gen
