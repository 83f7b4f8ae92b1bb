// <unit>.services.hpp and <unit>.meshwa.cpp: per service the stubs behind
// Ref<I> (a direct call into the implementation for a safe
// service; the same call through Domain::enter for an unsafe one), the
// ServiceInstance that owns implementation and stubs, and the ServiceDef
// factory the deployment registers.
#include <algorithm>
#include <sstream>

#include "emit/Emit.h"

namespace meshwa::gen {

namespace {

// The implementation's function named by its symbol (DirectCall). Its
// by-address parameters are declared as pointers (direct_param_t) so that the
// stub hands on the objects its caller made instead of moving them into new
// ones: in the Itanium C++ ABI such a parameter is the address of a temporary
// the caller owns and destroys, so the implementation sees exactly what a
// qualified call would give it.
std::string direct_function(const std::string& stub, std::size_t k) { return stub + "_direct_" + std::to_string(k); }

void emit_direct_declaration(std::ostringstream& os, const Method& m, const DirectCall& d, const std::string& name) {
  os << m.result << " " << name << "(" << (m.is_const ? "const " : "") << d.owner << "*";
  for (const Param& p : m.params) os << ", ::meshwa::gen::direct_param_t<" << p.type << ">";
  os << ") __asm__(" << string_literal(d.symbol) << ");\n";
}

// The call of method `m` on the implementation object `object` (a pointer
// expression): by symbol where the model has a DirectCall, handing each
// argument on; otherwise the qualified non-virtual C++ call, moving values.
// The symbol call also reaches an implementation the service declares
// private or protected, which a qualified call from the stub cannot.
std::string impl_call(const Service& s, const Method& m, const std::string& object, const std::string& direct) {
  if (direct.empty()) {
    // Through a const pointer for a const method: a non-const twin would be chosen otherwise.
    const std::string target = m.is_const ? "static_cast<const " + s.qualified_name + "*>(" + object + ")" : "(" + object + ")";
    return target + "->" + s.qualified_name + "::" + m.name + "(" + forward_args(m) + ")";
  }
  std::string out = direct + "(" + object;
  for (const Param& p : m.params) out += ", ::meshwa::gen::hand_on<" + p.type + ">(" + param_identifier(p) + ")";
  return out + ")";
}

// Named after the qualified class: two units with a same-named class in
// different namespaces must not define two different classes of one name.
// One to one, without "__" (reserved in C++: -Wreserved-identifier in a
// user's -Weverything build). Either name may hold a '_', so the length of
// the service's part follows the interface's: the digits before the suffix
// say where the service's part ends (x_y_z_3_stub is service x_y and
// interface z; x_y_z_1_stub service x and interface y_z).
std::string service_interface_class(const Service& s, const Interface& i, const char* suffix) {
  const std::string service = name_identifier(s.qualified_name);
  return service + "_" + name_identifier(i.qualified_name) + "_" + std::to_string(service.size()) + suffix;
}
std::string stub_class(const Service& s, const Interface& i) { return service_interface_class(s, i, "_stub"); }
std::string stopped_class(const Service& s, const Interface& i) { return service_interface_class(s, i, "_stopped"); }
std::string instance_class(const Service& s) { return name_identifier(s.qualified_name) + "_instance"; }
// The member holding the exit of interface i: its stub, then its stopped twin.
std::string exit_slot(const Service& s, const Interface& i) {
  return "::meshwa::gen::ExitSlot<" + i.qualified_name + ", " + stub_class(s, i) + ", " + stopped_class(s, i) + ">";
}

// The body of one stub method: the call into the implementation, exceptions
// turned into an Error (Result methods) or handed to the escape policy.
void emit_call(std::ostringstream& os, const Service& s, const Interface& i, const Method& m, const std::string& direct,
               const std::string& pad) {
  const std::string call = impl_call(s, m, "&meshwa_impl_", direct);
  const std::string where =
      string_literal(s.name) + ", " + string_literal(i.qualified_name) + ", " + string_literal(m.name);
  if (m.returns_result) {
    // The result is constructed in the caller's return slot by the call and
    // returned without a move (NRVO: every return in its scope returns it;
    // the catch's prvalue is built in the slot too). No lambda: it would be
    // a second call on the hot path.
    os << pad << "try {\n";
    os << pad << "  " << m.result << " meshwa_result = " << call << ";\n";
    os << pad << "  if (!meshwa_result.has_value()) [[unlikely]] meshwa_scope.failed();\n";
    os << pad << "  return meshwa_result;\n";
    os << pad << "} catch (...) {\n";
    os << pad << "  meshwa_scope.failed();\n";
    os << pad << "  return ::meshwa::Error(::meshwa::Code::internal, ::meshwa::gen::current_exception_text());\n";
    os << pad << "}\n";
    return;
  }
  os << pad << "try {\n";
  if (m.result == "void") {
    os << pad << "  " << call << ";\n";
  } else {
    os << pad << "  return " << call << ";\n";
  }
  os << pad << "} catch (...) {\n";
  os << pad << "  ::meshwa::gen::exception_escaped(" << where << ", ::meshwa::gen::current_exception_text().c_str());\n";
  os << pad << "}\n";
}

// The lambda handed to the gate: the method's own parameter types, forwarding
// to the implementation (docs/gate-protocol.md, section 2).
// The gate's lambda names its parameters meshwa_in<k>, not as the method
// does: its body is inside the method, and parameters repeating the method's
// are -Wshadow-uncaptured-local in users' -Wshadow-all builds. (Like any name
// of a user's starting with meshwa_, they pass through param_identifier as
// meshwa_arg_meshwa_in<k>, which no other name can be.)
std::string gate_lambda(const Service& s, const Method& m, const std::string& object, const std::string& direct) {
  Method inside = m;
  for (std::size_t k = 0; k < inside.params.size(); ++k) inside.params[k].name = "meshwa_in" + std::to_string(k);
  return "[this](" + param_list(inside) + ") { return " + impl_call(s, inside, object, direct) + "; }";
}

// The stub's arguments after the gate's lambda: ", a, b" (or nothing).
std::string gate_args(const Method& m) { return m.params.empty() ? "" : ", " + forward_args(m); }

// What a Ref<I> reaches once its service has stopped (ServiceInstance::stop
// constructs it where the stub was, meshwa::gen::ExitSlot): an Error for a
// Result method, the escape policy for any other (docs/api.md, "Stopping").
// Nothing else: it touches neither the implementation nor the metrics.
void emit_stopped_twin(std::ostringstream& os, const Service& s, const Interface& i) {
  const std::string cls = stopped_class(s, i);
  os << "// Ref<" << i.qualified_name << "> of service '" << comment_text(s.name) << "' after it stopped.\n";
  os << "class " << cls << " final : public " << i.qualified_name << " {\n public:\n";
  for (const Method& m : i.methods) {
    os << "  " << m.result << " " << m.name << "(";
    for (std::size_t k = 0; k < m.params.size(); ++k) os << (k == 0 ? "" : ", ") << m.params[k].type;
    os << ")" << (m.is_const ? " const" : "") << (m.is_noexcept ? " noexcept" : "") << " override {\n";
    if (m.returns_result) {
      os << "    return ::meshwa::Error(::meshwa::Code::unavailable, "
         << string_literal("service '" + s.name + "' has stopped") << ");\n";
    } else {
      os << "    ::meshwa::gen::called_after_stop(" << string_literal(s.name) << ", " << string_literal(i.qualified_name)
         << ", " << string_literal(m.name) << ");\n";
    }
    os << "  }\n";
  }
  os << "};\n\n";
}

// The function each method of the stub calls by symbol, by index; empty
// where it makes the qualified C++ call.
std::vector<std::string> direct_functions(const Service& s, const Interface& i) {
  std::vector<std::string> direct(i.methods.size());
  for (std::size_t k = 0; k < i.methods.size(); ++k) {
    if (s.direct_call(i.qualified_name, i.methods[k]) != nullptr) direct[k] = direct_function(stub_class(s, i), k);
  }
  return direct;
}

void emit_direct_declarations(std::ostringstream& os, const Service& s, const Interface& i) {
  const std::vector<std::string> direct = direct_functions(s, i);
  for (std::size_t k = 0; k < i.methods.size(); ++k) {
    if (const DirectCall* d = s.direct_call(i.qualified_name, i.methods[k])) {
      emit_direct_declaration(os, i.methods[k], *d, direct[k]);
    }
  }
  if (std::any_of(direct.begin(), direct.end(), [](const std::string& d) { return !d.empty(); })) os << "\n";
}

void emit_stub(std::ostringstream& os, const Service& s, const Interface& i) {
  const std::string cls = stub_class(s, i);
  const std::vector<std::string> direct = direct_functions(s, i);
  os << "// Ref<" << i.qualified_name << "> of service '" << comment_text(s.name) << "': "
     << (s.safe ? "a direct call into " + s.qualified_name : "a gated call into the MPK domain of " + s.qualified_name)
     << ".\n";
  os << "class " << cls << " final : public " << i.qualified_name << " {\n public:\n";
  if (s.safe) {
    os << "  explicit " << cls << "(" << s.qualified_name << "& impl)\n      : meshwa_impl_(impl)";
  } else {
    os << "  explicit " << cls << "(::meshwa::mpk::Domain& domain)\n      : meshwa_domain_(domain)";
  }
  // Overloads are told apart as in contracts: "find(std::int32_t)".
  os << ",\n        meshwa_ids_{";
  for (std::size_t k = 0; k < i.methods.size(); ++k) {
    os << (k == 0 ? "" : ",\n                    ") << "::meshwa::metrics::register_method(" << string_literal(s.name)
       << ", " << string_literal(i.qualified_name) << ", " << string_literal(i.method_key(i.methods[k])) << ")";
  }
  os << "} {}\n\n";
  for (std::size_t k = 0; k < i.methods.size(); ++k) {
    const Method& m = i.methods[k];
    os << "  " << m.result << " " << m.name << "(" << param_list(m) << ")" << (m.is_const ? " const" : "")
       << (m.is_noexcept ? " noexcept" : "") << " override {\n";
    os << "    ::meshwa::metrics::CallScope meshwa_scope(std::get<" << k << ">(meshwa_ids_));\n";
    os << "    static constexpr ::meshwa::mpk::CallSite meshwa_site{" << string_literal(s.name) << ", "
       << string_literal(m.name) << "};\n";
    const std::string ret = m.result == "void" ? "" : "return ";
    if (s.safe) {
      // From inside an MPK domain (an unsafe caller, a callback) the call
      // leaves through the gate into trusted(); otherwise it is direct.
      os << "    if (::meshwa::mpk::in_domain()) [[unlikely]] {\n";
      const std::string out = m.returns_result ? m.result + " meshwa_out = " : ret;
      os << "      " << out << "::meshwa::mpk::call_out<" << m.result << ">(::meshwa::mpk::trusted(), meshwa_site, "
         << gate_lambda(s, m, "&meshwa_impl_", direct[k]) << gate_args(m) << ");\n";
      if (m.returns_result) {
        // An Error counts as on the direct path (docs/generator.md, "Metrics").
        os << "      if (!meshwa_out.has_value()) meshwa_scope.failed();\n      return meshwa_out;\n";
      }
      if (m.result == "void") os << "      return;\n";
      os << "    }\n";
      emit_call(os, s, i, m, direct[k], "    ");
    } else {
      // The gate copies the arguments into the domain, turns exceptions into
      // Error(internal) and faults into Error(domain_fault).
      os << "    " << (m.result == "void" ? "" : m.result + " meshwa_result = ") << "::meshwa::mpk::call<" << m.result
         << ">(meshwa_domain_, meshwa_site, " << gate_lambda(s, m, "meshwa_impl()", direct[k]) << gate_args(m) << ");\n";
      if (m.returns_result) os << "    if (!meshwa_result.has_value()) meshwa_scope.failed();\n";
      if (m.result != "void") os << "    return meshwa_result;\n";
    }
    os << "  }\n\n";
  }
  if (!s.safe) {
    os << "  /// The current implementation object (a restart after a fault publishes a new one).\n";
    os << "  void meshwa_publish(" << s.qualified_name << "* impl) noexcept { meshwa_object_.store(impl, std::memory_order_release); }\n\n";
  }
  os << " private:\n";
  if (s.safe) {
    os << "  " << s.qualified_name << "& meshwa_impl_;\n";
  } else {
    os << "  " << s.qualified_name << "* meshwa_impl() const noexcept { return meshwa_object_.load(std::memory_order_acquire); }\n";
    os << "  ::meshwa::mpk::Domain& meshwa_domain_;\n";
    os << "  std::atomic<" << s.qualified_name << "*> meshwa_object_{nullptr};\n";
  }
  // std::get<k>: checked at compile time (a C array's [k] is an unsafe buffer
  // access to -Wunsafe-buffer-usage).
  os << "  std::array<::meshwa::metrics::MethodId, " << (i.methods.empty() ? 1 : i.methods.size()) << "> meshwa_ids_;\n";
  os << "};\n\n";
  emit_stopped_twin(os, s, i);
}

// Boundary checks again at compile time, with meshwa::crossable (the
// generator checked the AST already; this catches what it could not see).
// In the words of meshwa-boundary-type and meshwa gen's boundary errors
// (plugin/rules/Crossable.h: param_subject, result_subject, boundary_error),
// written again here because this library links no clang.
void emit_boundary_asserts(std::ostringstream& os, const Interface& i) {
  for (const Method& m : i.methods) {
    const std::string method = "interface method '" + i.qualified_name + "::" + m.name + "'";
    for (const Param& p : m.params) {
      os << "static_assert(::meshwa::crossable_param<" << p.type << ">, "
         << string_literal("parameter '" + p.name + "' of " + method + " cannot cross a service boundary") << ");\n";
    }
    os << "static_assert(::meshwa::crossable_result<" << m.result_value << ">, "
       << string_literal("the result of " + method + " cannot cross a service boundary") << ");\n";
  }
}

void emit_service(std::ostringstream& os, const Service& s, const Model& model) {
  os << "// ==== service '" << comment_text(s.name) << "' (" << s.qualified_name << "): "
     << (s.safe ? "safe, direct calls" : "unsafe, MPK domain (" + comment_text(s.unsafe_reason()) + ")") << "\n\n";
  // The direct functions name symbols of the service's object file; the
  // classes are this file's own (internal linkage): no other unit can
  // define one of the same name, and their vtables are emitted here alone
  // (-Wweak-vtables in a user's -Weverything build).
  for (const std::string& name : s.interfaces) {
    if (const Interface* i = model.find_interface(name)) emit_direct_declarations(os, s, *i);
  }
  os << "namespace {\n\n";
  for (const std::string& name : s.interfaces) {
    if (const Interface* i = model.find_interface(name)) emit_stub(os, s, *i);
  }
  const std::string cls = instance_class(s);
  os << "class " << cls << " final : public ::meshwa::ServiceInstance {\n public:\n";
  if (s.safe) {
    os << "  explicit " << cls << "(std::unique_ptr<" << s.qualified_name << "> impl)\n      : impl_(std::move(impl))";
  } else {
    os << "  " << cls << "(::meshwa::Context& ctx, ::meshwa::mpk::Domain& domain)\n"
       << "      : domain_(domain), context_(ctx, domain)";
  }
  for (const std::string& name : s.interfaces) {
    if (const Interface* i = model.find_interface(name)) {
      os << ",\n        " << name_identifier(i->qualified_name) << "_(" << (s.safe ? "*impl_" : "domain") << ")";
    }
  }
  // Stopping: every exit answers "stopped" first (so that the service's
  // destructor, and threads it joins, calling its own interface again get
  // Error(unavailable) rather than a half-destroyed object), then the
  // implementation is destroyed. The exits themselves stay until the
  // deployment frees the instance, after every service has stopped.
  std::string stop_exits;
  for (const std::string& name : s.interfaces) {
    if (model.find_interface(name)) stop_exits += "    " + name_identifier(name) + "_.stop();\n";
  }
  if (s.safe) {
    os << " {}\n\n";
    os << "  void stop() override {\n" << stop_exits << "    impl_.reset();\n  }\n\n";
  } else {
    os << " {\n    make();\n    domain_.add_restart(this, [this] { make(); });\n  }\n\n";
    os << "  ~" << cls << "() override { stop(); }\n\n";
    // Stopping the service runs its destructor inside its domain; a domain
    // shared with other services (mpk_group) keeps their restart hooks.
    os << "  void stop() override {\n";
    os << "    if (object_ == nullptr) return;\n";
    os << "    domain_.remove_restart(this);\n" << stop_exits;
    os << "    static constexpr ::meshwa::mpk::CallSite site{" << string_literal(s.name) << ", "
       << string_literal(s.class_name + "::~" + s.class_name) << "};\n";
    os << "    ::meshwa::Result<void> gone = ::meshwa::mpk::destroy(domain_, site, object_);\n";
    os << "    object_ = nullptr;\n";
    os << "    if (!gone.has_value()) ::meshwa::gen::destructor_failed(" << string_literal(s.name)
       << ", gone.error());\n";
    os << "  }\n\n";
  }
  os << "  void* exit(std::type_index iface) noexcept override {\n";
  for (const std::string& name : s.interfaces) {
    if (const Interface* i = model.find_interface(name)) {
      os << "    if (iface == std::type_index(typeid(" << i->qualified_name << "))) return static_cast<"
         << i->qualified_name << "*>(" << name_identifier(i->qualified_name) << "_.exit());\n";
    }
  }
  os << "    return nullptr;\n  }\n\n private:\n";
  if (s.safe) {
    // The service object lives in the safe heap; the instance and its stubs
    // do not (see the factory below).
    os << "  std::unique_ptr<" << s.qualified_name << "> impl_;\n";
  } else {
    // The implementation is made inside its domain, with its heap; after a
    // fault the runtime calls make() again and the stubs get the new object.
    os << "  void make() {\n";
    os << "    static constexpr ::meshwa::mpk::CallSite site{" << string_literal(s.name) << ", "
       << string_literal(s.class_name + "::" + s.class_name) << "};\n";
    os << "    ::meshwa::Result<" << s.qualified_name << "*> made = ::meshwa::mpk::construct<" << s.qualified_name
       << ">(domain_, site" << (s.default_constructed ? "" : ", context_") << ");\n";
    // A service this one asked for that failed to start is reported as
    // itself, as it would be outside a domain; anything else the registry
    // reports as this service's failure to start.
    os << "    if (!made.has_value()) {\n";
    os << "      if (std::string nested = context_.take_start_error(); !nested.empty()) throw ::meshwa::StartError(nested);\n";
    os << "      throw std::runtime_error(made.error().message());\n";
    os << "    }\n";
    os << "    object_ = *made;\n";
    for (const std::string& name : s.interfaces) {
      if (model.find_interface(name)) os << "    " << name_identifier(name) << "_.live().meshwa_publish(*made);\n";
    }
    os << "  }\n\n";
    os << "  ::meshwa::mpk::Domain& domain_;\n  ::meshwa::mpk::DomainContext context_;\n";
    os << "  " << s.qualified_name << "* object_ = nullptr;  // the current object, made in the domain\n";
  }
  for (const std::string& name : s.interfaces) {
    if (const Interface* i = model.find_interface(name)) {
      os << "  " << exit_slot(s, *i) << " " << name_identifier(i->qualified_name) << "_;\n";
    }
  }
  os << "};\n\n";
  os << "}  // namespace\n\n";
  os << "::meshwa::ServiceDef " << service_function(s.name) << "() {\n";
  os << "  return ::meshwa::ServiceDef{\n";
  os << "      " << string_literal(s.name) << ",\n";
  os << "      " << string_literal(s.qualified_name) << ",\n";
  os << "      {";
  for (std::size_t k = 0; k < s.interfaces.size(); ++k) {
    os << (k == 0 ? "" : ", ") << "::meshwa::InterfaceId::of<" << s.interfaces[k] << ">()";
  }
  os << "},\n";
  os << "      " << string_literal(s.unsafe_reason()) << ",\n";
  os << "      [](::meshwa::Context& ctx) -> std::unique_ptr<::meshwa::ServiceInstance> {\n";
  if (s.default_constructed) {
    // gen saw no constructor taking the Context; the implicit default one
    // it relied on may be deleted (a member without a default constructor).
    os << "        static_assert(std::is_default_constructible_v<" << s.qualified_name << ">, "
       << string_literal("service '" + s.name + "' (" + s.qualified_name +
                         ") has no constructor taking meshwa::Context& and cannot be default-constructed: add "
                         "explicit " + s.class_name + "(meshwa::Context& ctx)")
       << ");\n";
    if (s.safe) os << "        (void)ctx;  // made without it\n";
  }
  if (s.safe) {
    // The service object is made in the safe heap; the instance and its
    // stubs untagged (key 0), because code in MPK domains calls through the
    // stubs and must read them (docs/gate-protocol.md, section 3).
    os << "        auto impl = std::make_unique<" << s.qualified_name << ">(" << (s.default_constructed ? "" : "ctx")
       << ");\n";
    os << "        ::meshwa::mpk::UntaggedScope untagged;\n";
    os << "        return std::make_unique<" << cls << ">(std::move(impl));\n";
  } else {
    // Untagged: callers in other domains must read the instance and its stubs.
    os << "        ::meshwa::mpk::UntaggedScope untagged;\n";
    // A service started again in the same process (tests start fresh
    // deployments) gets its domain and key back, started afresh.
    os << "        ::meshwa::mpk::Domain& domain = ::meshwa::mpk::open_domain(ctx.service_name(), "
          "ctx.config(\"mpk_group\"));\n";
    os << "        return std::make_unique<" << cls << ">(ctx, domain);\n";
  }
  os << "      },\n  };\n}\n\n";
}

}  // namespace

std::string emit_services_header(const Model& model) {
  std::ostringstream os;
  os << kGeneratedLine << "\n";
  os << "// The services of unit '" << model.unit << "', as the registry sees them.\n";
  os << "#pragma once\n\n#include <meshwa/registry.hpp>\n\nnamespace meshwa_generated {\n\n";
  for (const Service& s : model.services) {
    os << "/// '" << comment_text(s.name) << "' (" << s.qualified_name << "), " << (s.safe ? "safe" : "unsafe: " + comment_text(s.unsafe_reason()))
       << ".\n";
    os << "::meshwa::ServiceDef " << service_function(s.name) << "();\n";
  }
  os << "\n}  // namespace meshwa_generated\n";
  return os.str();
}

std::string emit_stubs_source(const Model& model) {
  std::ostringstream os;
  os << kGeneratedLine << "\n";
  os << "// Stubs, service instances and registry entries of unit '" << model.unit << "'.\n";
  os << "#include <array>\n#include <atomic>\n#include <memory>\n#include <stdexcept>\n#include <string>\n#include <typeindex>\n#include <typeinfo>\n#include <utility>\n\n";
  os << "#include <meshwa/crossable.hpp>\n#include <meshwa/gen/stub.hpp>\n#include <meshwa/registry.hpp>\n"
        "#include <meshwa/runtime/domain_context.hpp>\n#include <meshwa/runtime/gate.hpp>\n#include <meshwa/runtime/heap.hpp>\n\n";
  os << "#include \"" << model.unit << ".messages.hpp\"\n";
  os << "#include \"" << model.unit << ".services.hpp\"\n\n";
  std::vector<std::string> headers;
  for (const Service& s : model.services) {
    headers.push_back(s.header);
    for (const std::string& name : s.interfaces) {
      if (const Interface* i = model.find_interface(name)) headers.push_back(i->header);
    }
  }
  os << include_lines(headers) << "\n";
  os << kDeprecationsOff;
  os << "namespace meshwa_generated {\n\n";
  std::vector<std::string> checked;
  for (const Service& s : model.services) {
    for (const std::string& name : s.interfaces) {
      const Interface* i = model.find_interface(name);
      if (!i || std::find(checked.begin(), checked.end(), name) != checked.end()) continue;
      checked.push_back(name);
      emit_boundary_asserts(os, *i);
    }
  }
  if (!checked.empty()) os << "\n";
  for (const Service& s : model.services) emit_service(os, s, model);
  os << "}  // namespace meshwa_generated\n";
  os << kDeprecationsRestored;
  return os.str();
}

}  // namespace meshwa::gen
