// MESHWA_INTERFACE classes and their methods (Walker.h).
#include "frontend/Walker.h"

#include <algorithm>

#include "clang/AST/CXXInheritance.h"
#include "frontend/AstQueries.h"

namespace meshwa::gen::frontend {

// GoogleMock's MOCK_METHOD takes at most 15 parameters.
static constexpr unsigned kMaxMockParams = 15;

// What names a method among its interface's: name, constness, parameter
// types as generated code spells them. The interface's model and the
// services' DirectCall keys are both built from it, so they always match.
Method Walker::method_shape(const CXXMethodDecl& m) const {
  Method out;
  out.name = m.getNameAsString();
  out.is_const = m.isConst();
  for (const ParmVarDecl* p : m.parameters()) {
    Param param;
    // A top-level const on a by-value parameter is not part of the
    // function's type (`f(const int)` is `f(int)`): an override may drop
    // it, and GoogleMock's matchers are built from the function type.
    QualType t = p->getType();
    if (!t->isReferenceType()) t = t.getUnqualifiedType();
    param.type = spell(t);
    param.canonical = speller_.spell_resolved(t);
    out.params.push_back(std::move(param));
  }
  return out;
}

// An interface's methods with those it inherits (an interface may extend
// another): the stub behind Ref<I> and the mock implement all of them. A
// base's method that a derived class redeclares with the same shape counts
// once, as the derived one.
std::vector<const CXXMethodDecl*> Walker::interface_methods(const CXXRecordDecl& rd) const {
  std::vector<const CXXMethodDecl*> out;
  std::vector<std::string> seen;
  collect_methods(rd, out, seen);
  return out;
}

void Walker::collect_methods(const CXXRecordDecl& rd, std::vector<const CXXMethodDecl*>& out,
                     std::vector<std::string>& seen) const {
  for (const CXXMethodDecl* m : rd.methods()) {
    if (!is_interface_method_candidate(*m)) continue;
    std::string key = method_shape(*m).signature();
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(std::move(key));
    out.push_back(m);
  }
  for (const CXXBaseSpecifier& base : rd.bases()) {
    const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
    if (b != nullptr && b->hasDefinition()) collect_methods(*b->getDefinition(), out, seen);
  }
}

/// <unit>.mocks.hpp defines the GoogleMock mock of interface I as
/// Mock<I> in I's namespace (docs/contracts.md §1): a class of that name
/// already there (a team's hand-written double) would be defined twice in
/// every consumer test.
void Walker::check_mock_name(const CXXRecordDecl& rd, const Interface& i) {
  std::string mock = "Mock";
  for (const char c : i.local_name()) {
    if (c != ':') mock += c;
  }
  std::vector<const DeclContext*> scopes;
  const DeclContext* dc = rd.getEnclosingNamespaceContext();
  scopes.push_back(dc);
  // The mock goes into the nearest namespace that is not inline.
  while (const auto* ns = dyn_cast<NamespaceDecl>(dc)) {
    if (!ns->isInline()) break;
    dc = ns->getParent();
    scopes.push_back(dc);
  }
  for (const DeclContext* scope : scopes) {
    for (const NamedDecl* found : scope->getPrimaryContext()->lookup(&ctx_.Idents.get(mock))) {
      const Decl* at = found;
      const std::string file = file_path(sm_.getFileID(sm_.getFileLoc(at->getLocation())));
      if (llvm::StringRef(file).ends_with(".mocks.hpp")) continue;  // generated: the mock itself
      out_.report(where(at->getLocation()), "error",
                  found->getQualifiedNameAsString() + " has the name of the GoogleMock mock that meshwa gen writes "
                  "for interface " + i.qualified_name + " (in <unit>.mocks.hpp, next to the interface), which "
                  "would then be defined twice in every consumer test; rename it (FakeX for a hand-written "
                  "double), or delete it and use the generated mock [meshwa-gen]");
      out_.report(where(rd.getLocation()), "note", "the interface " + i.qualified_name + " is declared here");
      return;
    }
  }
}

/// A member function template of `iface` (or of a base it inherits
/// methods from) is never virtual, and CXXRecordDecl::methods() does not
/// list it: like any non-virtual method, a call through Ref<I> would run
/// it in the caller, past the stub. True when one was reported.
bool Walker::report_method_templates(const CXXRecordDecl& rd, const CXXRecordDecl& iface) {
  bool reported = false;
  for (const Decl* d : rd.decls()) {
    const auto* t = dyn_cast<FunctionTemplateDecl>(d);
    const auto* m = t ? dyn_cast<CXXMethodDecl>(t->getTemplatedDecl()) : nullptr;
    // Static members and constructors act on no service instance.
    if (m == nullptr || m->isStatic() || isa<CXXConstructorDecl>(m)) continue;
    out_.report(where(m->getLocation()), "error",
                "method '" + m->getNameAsString() + "' of interface " + iface.getQualifiedNameAsString() +
                    " is a member template, which cannot be virtual; a call through meshwa::Ref<" +
                    iface.getNameAsString() +
                    "> would run it in the caller instead of the service: declare a virtual method per type "
                    "(`virtual int32_t get_int() = 0;`), or move it out of the interface into a free function "
                    "template [meshwa-gen]");
    reported = true;
  }
  for (const CXXBaseSpecifier& base : rd.bases()) {
    const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
    if (b != nullptr && b->hasDefinition() && report_method_templates(*b->getDefinition(), iface)) reported = true;
  }
  return reported;
}

/// A base with interface methods of its own that `rd` inherits along two
/// non-virtual paths (`Reader : Versioned`, `Writer : Versioned`,
/// `ReadWrite : Reader, Writer`) is two subobjects: a call of its methods
/// through meshwa::Ref<ReadWrite> is ambiguous in C++, and so are the
/// generated mock and contract tests, which call an inherited method through
/// the base that declares it. True when one was reported.
bool Walker::report_repeated_bases(const CXXRecordDecl& rd) {
  std::vector<const CXXRecordDecl*> bases;
  rd.forallBases([&bases](const CXXRecordDecl* b) {
    b = b->getCanonicalDecl();
    if (std::find(bases.begin(), bases.end(), b) == bases.end()) bases.push_back(b);
    return true;
  });
  bool reported = false;
  for (const CXXRecordDecl* b : bases) {
    const CXXRecordDecl* def = b->getDefinition();
    if (def == nullptr || !declares_interface_methods(*def)) continue;
    CXXBasePaths paths(/*FindAmbiguities=*/true, /*RecordPaths=*/true, /*DetectVirtual=*/false);
    if (!rd.isDerivedFrom(def, paths) ||
        !paths.isAmbiguous(ctx_.getCanonicalType(ctx_.getRecordType(def)).getUnqualifiedType())) {
      continue;
    }
    out_.report(where(rd.getLocation()), "error",
                "interface " + rd.getQualifiedNameAsString() + " inherits " + def->getQualifiedNameAsString() +
                    " more than once (" + direct_bases_on(paths) + "), so a call of its methods through meshwa::Ref<" +
                    rd.getNameAsString() + "> is ambiguous, and so is the generated mock; inherit it virtually "
                    "where it is a base (`public virtual " + def->getNameAsString() + "`) [meshwa-gen]");
    out_.report(where(def->getLocation()), "note", "'" + def->getQualifiedNameAsString() + "' is declared here");
    reported = true;
  }
  return reported;
}

void Walker::add_interface(const CXXRecordDecl& rd) {
  Interface i;
  i.name = rd.getNameAsString();
  i.qualified_name = rd.getQualifiedNameAsString();
  i.header = header_of(rd);
  i.location = where(rd.getLocation());
  i.scope = enclosing_namespace_name(rd);
  // A method rejected below is still a method: the interface is not empty.
  bool rejected = false;
  check_mock_name(rd, i);
  for (const CXXBaseSpecifier& base : rd.bases()) {
    // `class MESHWA_INTERFACE Store : Reader` (private by default): the
    // generated stub, mocks and tests call Reader's methods through a
    // Store&, which they cannot, and neither can a caller of Ref<Store>.
    const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
    if (base.getAccessSpecifier() == AS_public || b == nullptr || !b->hasDefinition() ||
        interface_methods(*b->getDefinition()).empty()) {
      continue;
    }
    const std::string access = base.getAccessSpecifier() == AS_protected ? "protected" : "private";
    out_.report(where(base.getBeginLoc().isValid() ? base.getBeginLoc() : rd.getLocation()), "error",
                "interface " + rd.getQualifiedNameAsString() + " inherits " + b->getQualifiedNameAsString() + " as " +
                    access + ", so a caller through meshwa::Ref<" + rd.getNameAsString() + "> cannot call " +
                    b->getNameAsString() + "'s methods; write `public " + b->getNameAsString() + "` [meshwa-gen]");
    rejected = true;
  }
  if (report_method_templates(rd, rd)) rejected = true;
  if (report_repeated_bases(rd)) rejected = true;
  std::vector<const CXXMethodDecl*> accepted;  // the methods modelled so far
  for (const CXXMethodDecl* m : interface_methods(rd)) {
    // A `final` virtual method is overridden by no service and no stub (nor
    // mock): a call through Ref<I> runs the interface's own body, in the
    // caller, exactly as a non-virtual method's. The generated classes
    // that override every method did not compile.
    const bool is_final = m->isVirtual() && m->hasAttr<FinalAttr>();
    if (!m->isVirtual() || is_final) {
      if (is_caller_side_helper(*m)) continue;  // sugar over the virtual methods: not a call of the service
      // A Ref<I> call of it would run in the caller, past the stub and the
      // gate, code compiled wherever its definition is (the provider's
      // unit, perhaps an unsafe one): callers must only ever reach a
      // service through its stub.
      out_.report(where(m->getLocation()), "error",
                  "method '" + m->getNameAsString() + "' of interface " + rd.getQualifiedNameAsString() +
                      (is_final ? " is final, so no service can override it" : " is not virtual") +
                      "; a call through meshwa::Ref<" + rd.getNameAsString() +
                      "> would run it in the caller instead of the service: make it `virtual ... = 0`" +
                      (is_final ? " (without final)" : "") +
                      ", define it in the interface's class body (public, not MESHWA_UNSAFE) as a helper that "
                      "runs in the caller over the virtual methods, or move it out of the interface into a free "
                      "function [meshwa-gen]");
      rejected = true;
      continue;
    }
    if (m->getAccess() != AS_public) {
      // A caller holds a Ref<I> and can call public methods only; the
      // stub, mocks and contract tests are such callers too.
      out_.report(where(m->getLocation()), "error",
                  "method '" + m->getNameAsString() + "' of interface " + rd.getQualifiedNameAsString() + " is " +
                      (m->getAccess() == AS_protected ? "protected" : "private") +
                      ", but callers reach a service only through the public methods of meshwa::Ref<" +
                      rd.getNameAsString() +
                      ">; make it public, or move it out of the interface into the service class [meshwa-gen]");
      rejected = true;
      continue;
    }
    if (m->getDeclName().isIdentifier() && m->getName().starts_with("meshwa_")) {
      // The generated stub derives from the interface and names its own
      // members meshwa_*: a method of that name would clash with them.
      out_.report(where(m->getLocation()), "error",
                  "method '" + m->getNameAsString() + "' of interface " + rd.getQualifiedNameAsString() +
                      " uses the prefix meshwa_, which generated code reserves for its own names; rename the "
                      "method [meshwa-gen]");
      rejected = true;
      continue;
    }
    if (m->getNumParams() > kMaxMockParams) {
      // GoogleMock's MOCK_METHOD takes at most 15 parameters: the
      // generated mock (<unit>.mocks.hpp) would not compile.
      out_.report(where(m->getLocation()), "error",
                  "method '" + m->getNameAsString() + "' of interface " + rd.getQualifiedNameAsString() + " has " +
                      std::to_string(m->getNumParams()) + " parameters, but the GoogleMock mock meshwa gen writes for "
                      "it (MOCK_METHOD) takes at most " + std::to_string(kMaxMockParams) +
                      "; group parameters into a MESHWA_MESSAGE and pass that [meshwa-gen]");
      rejected = true;
      continue;
    }
    if (const char* why = unsupported_method_shape(*m)) {
      out_.report(where(m->getLocation()), "error",
                  "method '" + m->getNameAsString() + "' of interface " + rd.getQualifiedNameAsString() + " " +
                      why + " [meshwa-gen]");
      rejected = true;
      continue;
    }
    if (const CXXMethodDecl* twin = ambiguous_overload(*m, accepted)) {
      // Valid declarations, but no call can choose between them: not a
      // caller through Ref<I>, nor the generated mock, stub or contract
      // tests (which did not compile).
      const unsigned shared = std::min(m->getNumParams(), twin->getNumParams());
      const std::string differs =
          m->getNumParams() == twin->getNumParams()
              ? "only in taking parameters by value or by const reference, so every call of " +
                    m->getNameAsString() + " with such arguments"
              : "only in further parameters with default arguments, so a call of " + m->getNameAsString() +
                    " with " + std::to_string(shared) + (shared == 1 ? " argument" : " arguments");
      out_.report(where(m->getLocation()), "error",
                  "method '" + m->getNameAsString() + "' of interface " + rd.getQualifiedNameAsString() +
                      " differs from another overload of " + m->getNameAsString() + " " + differs +
                      " is ambiguous in C++ (through meshwa::Ref<" + rd.getNameAsString() +
                      ">, and in the generated mock and contract tests); remove one of the two, or give it "
                      "another name [meshwa-gen]");
      out_.report(where(twin->getLocation()), "note", "the other overload is declared here");
      rejected = true;
      continue;
    }
    accepted.push_back(m);
    Method meth = method_shape(*m);
    if (m->getParent()->getCanonicalDecl() != rd.getCanonicalDecl()) {
      // Spelled as a type: a base that is a class template's
      // specialization (`UserRepo : public Repo<User>`) keeps its
      // arguments (tp::Repo<tp::User>); its qualified name would not.
      meth.declared_in = spell(ctx_.getRecordType(m->getParent()));
    }
    meth.location = where(m->getLocation());
    const auto* proto = m->getType()->getAs<FunctionProtoType>();
    meth.is_noexcept = proto && proto->isNothrow();
    const QualType rt = m->getReturnType();
    meth.result = spell(rt);
    meth.result_canonical = speller_.spell_resolved(rt);
    if (const auto* spec = meshwa_template(rt, "Result")) {
      meth.returns_result = true;
      meth.result_value = spell(spec->getTemplateArgs()[0].getAsType());
    } else {
      meth.result_value = meth.result;
    }
    const std::string method_name = i.name + "::" + meth.name;
    // The plugin's words (meshwa-boundary-type) for what may not cross.
    const std::string boundary_method = i.qualified_name + "::" + meth.name;
    collect_enums(rt);
    const FunctionTypeLoc written = m->getFunctionTypeLoc();
    check_ref_target(rt, written ? written.getReturnLoc() : TypeLoc(), m->getLocation());
    if (!rt->isVoidType()) {
      check_boundary(rt, rules::Position::result, m->getReturnTypeSourceRange().getBegin().isValid()
                                                      ? m->getReturnTypeSourceRange().getBegin()
                                                      : m->getLocation(),
                     "the result of " + method_name, rules::result_subject(boundary_method));
    }
    const std::vector<std::string> names = param_names(*m);
    unsigned index = 0;
    for (const ParmVarDecl* p : m->parameters()) {
      Param& param = meth.params[index];
      param.name = names[index];
      const QualType t = p->getType();
      QualType value = t.getNonReferenceType();
      value.removeLocalConst();
      value = value.getUnqualifiedType();
      param.value_type = spell(value);
      if (t->isLValueReferenceType() && t.getNonReferenceType().isConstQualified()) {
        param.kind = ParamKind::const_ref;
      } else if (meshwa_template(value, "Owned")) {
        param.kind = ParamKind::owned;
      } else if (meshwa_template(value, "Shared")) {
        param.kind = ParamKind::shared;
      } else if (meshwa_template(value, "Ref")) {
        param.kind = ParamKind::ref;
      }
      if (param.kind == ParamKind::const_ref) {
        std::set<const CXXRecordDecl*> seen;
        if (const std::string why = copy_fails(value, seen); !why.empty()) {
          // The gate copies a borrowed argument into the other side's heap
          // (docs/gate-protocol.md): a stub calling across a domain (a safe
          // service called from an unsafe one, or an unsafe service) could
          // not be compiled.
          out_.report(where(p->getLocation().isValid() ? p->getLocation() : m->getLocation()), "error",
                      "parameter '" + param.name + "' of " + method_name + " is a const reference to " +
                          param.value_type + ", which cannot be copied (" + why +
                          "), but a call across an MPK domain copies a borrowed argument into the callee's heap; "
                          "take it by value (moved into the call) or as meshwa::Shared<const " + param.value_type +
                          "> [meshwa-gen]");
        }
      }
      collect_enums(t);
      check_ref_target(t, type_loc(p), p->getLocation().isValid() ? p->getLocation() : m->getLocation());
      check_boundary(t, rules::Position::param, p->getLocation().isValid() ? p->getLocation() : m->getLocation(),
                     "parameter '" + param.name + "' of " + method_name,
                     rules::param_subject(p->getIdentifier() != nullptr ? p->getName() : llvm::StringRef(),
                                          boundary_method));
      ++index;
    }
    i.methods.push_back(std::move(meth));
  }
  if (i.methods.empty() && !rejected) {
    // Said once per interface, not by every unit whose sources include it
    // (each gen run is one unit): here when the unit declares it in its
    // own files, else after the walk when a service of the unit
    // implements it (report_methodless_interfaces, ModelBuilder.cpp).
    if (in_owned_file(rd)) {
      report_methodless(out_, i.qualified_name, i.location);
    } else {
      out_.methodless.emplace(i.qualified_name, i.location);
    }
  }
  out_.headers.insert(i.header);
  out_.interfaces.emplace(i.qualified_name, std::move(i));
}

}  // namespace meshwa::gen::frontend
