#include "frontend/AstQueries.h"

#include <algorithm>
#include <set>

#include "Annotations.h"
#include "LeastDepth.h"
#include "TypeUtil.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace meshwa::gen::frontend {

bool writes_unsafe_mark(const Decl& d) {
  for (const auto* attr : d.specific_attrs<AnnotateAttr>()) {
    if (attr->getAnnotation() == rules::kUnsafeAnnotation && !attr->isInherited()) return true;
  }
  return false;
}

const ClassTemplateSpecializationDecl* meshwa_template(QualType t, llvm::StringRef name) {
  const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t.getCanonicalType()->getAsCXXRecordDecl());
  if (!spec) return nullptr;
  if (spec->getQualifiedNameAsString() != ("meshwa::" + name).str()) return nullptr;
  return spec;
}

namespace {

const ClassTemplateSpecializationDecl* ref_to_no_interface(QualType type, int depth, rules::LeastDepth& searched) {
  if (type.isNull() || depth > 16 || type->isDependentType()) return nullptr;
  QualType t = type.getCanonicalType().getNonReferenceType();
  while (t->isPointerType()) t = t->getPointeeType().getCanonicalType();
  if (!searched.worth_walking(t.getAsOpaquePtr(), depth)) return nullptr;
  if (const auto* ref = meshwa_template(t, "Ref")) {
    return rules::names_no_interface(ref->getTemplateArgs()[0].getAsType()) ? ref : nullptr;
  }
  const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
  if (spec == nullptr) return nullptr;
  for (const TemplateArgument& arg : rules::flat_template_arguments(*spec)) {
    if (arg.getKind() != TemplateArgument::Type) continue;
    if (const auto* found = ref_to_no_interface(arg.getAsType(), depth + 1, searched)) return found;
  }
  return nullptr;
}

const ClassTemplateSpecializationDecl* empty_variant(QualType t, int depth, rules::LeastDepth& searched) {
  if (t.isNull() || depth > 32 || t->isDependentType()) return nullptr;
  t = t.getCanonicalType().getNonReferenceType();
  if (!searched.worth_walking(t.getAsOpaquePtr(), depth)) return nullptr;
  const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
  if (spec == nullptr) return nullptr;
  const llvm::ArrayRef<TemplateArgument> args = spec->getTemplateArgs().asArray();
  if (spec->isInStdNamespace() && spec->getName() == "variant" && args.size() == 1 &&
      args[0].getKind() == TemplateArgument::Pack && args[0].pack_size() == 0) {
    return spec;
  }
  for (const TemplateArgument& arg : rules::flat_template_arguments(*spec)) {
    if (arg.getKind() != TemplateArgument::Type) continue;
    if (const auto* found = empty_variant(arg.getAsType(), depth + 1, searched)) return found;
  }
  return nullptr;
}

}  // namespace

const NamedDecl* non_public_member(const NamedDecl& d) {
  for (const NamedDecl* n = &d; n != nullptr && isa<CXXRecordDecl>(n->getDeclContext());
       n = cast<CXXRecordDecl>(n->getDeclContext())) {
    if (n->getAccess() == AS_private || n->getAccess() == AS_protected) return n;
  }
  return nullptr;
}

std::string non_public_text(const NamedDecl& d, const NamedDecl& hidden) {
  const std::string access = hidden.getAccess() == AS_private ? "private" : "protected";
  const std::string parent = cast<NamedDecl>(hidden.getDeclContext())->getQualifiedNameAsString();
  const std::string why = "a " + access + " member of " + parent;
  const std::string reach = ", which the generated stubs, mocks, JSON and tests, outside the class, cannot name; ";
  if (&d == &hidden) return why + reach + "make it public";
  return "declared in " + hidden.getQualifiedNameAsString() + ", " + why + reach + "make " +
         hidden.getQualifiedNameAsString() + " public";
}

namespace {

/// The first class or enum in `t` (through references and template
/// arguments), other than a MESHWA_* class (reported at its own
/// declaration), that `unnameable` picks; null when there is none.
const TagDecl* find_unnameable_tag(QualType t, llvm::function_ref<bool(const TagDecl&)> unnameable, int depth,
                                   rules::LeastDepth& searched) {
  if (t.isNull() || depth > 32 || t->isDependentType()) return nullptr;
  t = t.getCanonicalType().getNonReferenceType();
  if (!searched.worth_walking(t.getAsOpaquePtr(), depth)) return nullptr;
  const TagDecl* tag = t->getAsTagDecl();
  if (tag == nullptr) return nullptr;
  const auto* rd = dyn_cast<CXXRecordDecl>(tag);
  const bool marked = rd != nullptr && (rules::is_message(rd) || rules::is_interface(rd) || rules::service_name(rd));
  if (!marked && unnameable(*tag)) return tag;
  const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(rd);
  if (spec == nullptr) return nullptr;
  for (const TemplateArgument& arg : rules::flat_template_arguments(*spec)) {
    if (arg.getKind() != TemplateArgument::Type) continue;
    if (const TagDecl* found = find_unnameable_tag(arg.getAsType(), unnameable, depth + 1, searched)) return found;
  }
  return nullptr;
}

const TagDecl* find_unnameable_tag(QualType t, llvm::function_ref<bool(const TagDecl&)> unnameable) {
  rules::LeastDepth searched;
  return find_unnameable_tag(t, unnameable, 0, searched);
}

}  // namespace

const TagDecl* non_public_type(QualType t) {
  return find_unnameable_tag(t, [](const TagDecl& tag) { return non_public_member(tag) != nullptr; });
}

// Only enums: a class in an anonymous namespace is either marked (reported
// at its declaration) or no message, which why_not_crossable reports.
const EnumDecl* anonymous_namespace_enum(QualType t) {
  return cast_or_null<EnumDecl>(find_unnameable_tag(
      t, [](const TagDecl& tag) { return isa<EnumDecl>(tag) && tag.isInAnonymousNamespace(); }));
}

std::string anonymous_namespace_text() {
  return "in an anonymous namespace, which the generated stubs, registration and tests (other files) cannot name; "
         "move it into a named namespace";
}

const ClassTemplateSpecializationDecl* ref_to_no_interface(QualType type) {
  rules::LeastDepth searched;
  return ref_to_no_interface(type, 0, searched);
}

TypeLoc ref_argument_in(TypeLoc written, const ClassTemplateSpecializationDecl* ref) {
  class Finder : public RecursiveASTVisitor<Finder> {
   public:
    explicit Finder(const ClassTemplateSpecializationDecl* target) : target_(target) {}
    bool VisitTemplateSpecializationTypeLoc(TemplateSpecializationTypeLoc tl) {
      if (tl.getNumArgs() == 0 || tl.getType().getCanonicalType()->getAsCXXRecordDecl() != target_) return true;
      const TemplateDecl* written = tl.getTypePtr()->getTemplateName().getAsTemplateDecl();
      if (written == nullptr || written->getCanonicalDecl() != target_->getSpecializedTemplate()->getCanonicalDecl()) {
        return true;  // an alias template: its arguments need not be the Ref's
      }
      if (const TypeSourceInfo* arg = tl.getArgLoc(0).getTypeSourceInfo()) found = arg->getTypeLoc();
      return found.isNull();
    }
    TypeLoc found;

   private:
    const ClassTemplateSpecializationDecl* target_;
  };
  Finder finder(ref);
  if (!written.isNull()) finder.TraverseTypeLoc(written);
  return finder.found;
}

TypeLoc type_loc(const DeclaratorDecl* d) {
  const TypeSourceInfo* tsi = d->getTypeSourceInfo();
  return tsi != nullptr ? tsi->getTypeLoc() : TypeLoc();
}

const ClassTemplateSpecializationDecl* empty_variant(QualType t) {
  rules::LeastDepth searched;
  return empty_variant(t, 0, searched);
}

bool is_interface_method_candidate(const CXXMethodDecl& m) {
  return !(m.isImplicit() || m.isDeleted() || m.isStatic() || isa<CXXConstructorDecl>(m) ||
           isa<CXXDestructorDecl>(m) || m.isCopyAssignmentOperator() || m.isMoveAssignmentOperator());
}

const char* unsupported_method_shape(const CXXMethodDecl& m) {
  if (isa<CXXConversionDecl>(m)) {
    return "is a conversion operator, which a stub cannot forward as a call; make it a named method "
           "(e.g. `virtual int to_int() = 0;`)";
  }
  if (m.isOverloadedOperator()) {
    return "is an operator, which the generated GoogleMock mock cannot declare (MOCK_METHOD takes a name); "
           "make it a named method (e.g. `virtual int apply(int x) = 0;`)";
  }
  if (m.getRefQualifier() != RQ_None) {
    return "has a reference qualifier (& or &&): a caller holds a meshwa::Ref, never the object itself; "
           "remove the qualifier";
  }
  if (m.isVariadic()) {
    return "takes C variadic arguments (...), which have no type to check at the boundary; take the values as "
           "a std::vector or a message instead";
  }
  return nullptr;
}

namespace {

// The type an argument is converted to: the parameter's, without a
// reference and its const (`const Leaf&` and `Leaf` both take a Leaf).
QualType argument_type(const ParmVarDecl& p) {
  return p.getType().getNonReferenceType().getCanonicalType().getUnqualifiedType();
}

// Overload resolution cannot prefer one of two such methods for a call
// with as many arguments as the shorter takes: by value and by const
// reference are both an exact match of an argument of that type (lvalue or
// rvalue), a default argument is no worse than none, and with the same
// constness neither binds the object better. Overloads declared in
// different classes are not compared: the derived interface's hides the
// base's (C++ name hiding), and generated code calls each through the class
// that declares it.
bool takes_the_same_arguments(const CXXMethodDecl& a, const CXXMethodDecl& b) {
  if (a.getParent()->getCanonicalDecl() != b.getParent()->getCanonicalDecl() || a.isConst() != b.isConst() ||
      a.getDeclName() != b.getDeclName()) {
    return false;
  }
  const CXXMethodDecl& longer = a.getNumParams() >= b.getNumParams() ? a : b;
  const unsigned shared = std::min(a.getNumParams(), b.getNumParams());
  for (unsigned k = 0; k < shared; ++k) {
    if (argument_type(*a.getParamDecl(k)) != argument_type(*b.getParamDecl(k))) return false;
  }
  for (unsigned k = shared; k < longer.getNumParams(); ++k) {
    if (!longer.getParamDecl(k)->hasDefaultArg()) return false;
  }
  return true;
}

}  // namespace

const CXXMethodDecl* ambiguous_overload(const CXXMethodDecl& m, const std::vector<const CXXMethodDecl*>& others) {
  for (const CXXMethodDecl* other : others) {
    if (other->getCanonicalDecl() != m.getCanonicalDecl() && takes_the_same_arguments(m, *other)) return other;
  }
  return nullptr;
}

std::vector<std::string> param_names(const CXXMethodDecl& m) {
  std::set<std::string> taken;
  for (const ParmVarDecl* p : m.parameters()) {
    if (!p->getName().empty()) taken.insert(p->getNameAsString());
  }
  std::vector<std::string> out;
  for (const ParmVarDecl* p : m.parameters()) {
    if (!p->getName().empty()) {
      out.push_back(p->getNameAsString());
      continue;
    }
    std::string name = "arg" + std::to_string(out.size());
    while (taken.count(name) != 0) name += "_";
    taken.insert(name);
    out.push_back(std::move(name));
  }
  return out;
}

bool is_caller_side_helper(const CXXMethodDecl& m) {
  const FunctionDecl* def = nullptr;
  return m.getAccess() == AS_public && m.isDefined(def) && def->isThisDeclarationADefinition() &&
         def->getLexicalDeclContext() == m.getParent() && !rules::unsafe_reason(def) && !rules::unsafe_reason(&m);
}

bool declares_interface_methods(const CXXRecordDecl& rd) {
  return std::any_of(rd.method_begin(), rd.method_end(),
                     [](const CXXMethodDecl* m) { return is_interface_method_candidate(*m); });
}

std::string direct_bases_on(const CXXBasePaths& paths) {
  std::vector<std::string> names;
  for (const CXXBasePath& path : paths) {
    if (path.empty()) continue;
    const CXXRecordDecl* first = path.front().Base->getType()->getAsCXXRecordDecl();
    std::string name = first ? first->getQualifiedNameAsString() : path.front().Base->getType().getAsString();
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "through " : " and through ") + names[i];
  return out;
}

bool default_constructible(const CXXRecordDecl& rd) {
  if (!rd.hasDefaultConstructor()) return false;
  for (const CXXConstructorDecl* ctor : rd.ctors()) {
    if (ctor->isDefaultConstructor() && (ctor->isDeleted() || ctor->getAccess() != AS_public)) return false;
  }
  return true;
}

std::string enclosing_namespace_name(const CXXRecordDecl& rd) {
  const auto* ns = dyn_cast<NamespaceDecl>(rd.getEnclosingNamespaceContext());
  while (ns != nullptr && ns->isInline()) ns = dyn_cast<NamespaceDecl>(ns->getParent());
  return ns != nullptr ? ns->getQualifiedNameAsString() : std::string();
}

std::string unusable_by_generated_code(const CXXMethodDecl& fn) {
  if (fn.isDeleted()) return "deleted";
  if (fn.getAccess() == AS_private) return "private";
  if (fn.getAccess() == AS_protected) return "protected";
  return {};
}

bool needs_out_of_line_definition(const CXXMethodDecl& m) {
  if (m.isImplicit() || m.isPureVirtual() || m.isDefaulted() || m.isDeleted() || m.doesThisDeclarationHaveABody()) {
    return false;
  }
  if (m.isCopyAssignmentOperator() || m.isMoveAssignmentOperator()) return false;
  if (const auto* ctor = dyn_cast<CXXConstructorDecl>(&m)) return !ctor->isCopyOrMoveConstructor();
  return true;
}

void collect_interfaces(const CXXRecordDecl& rd, std::vector<const CXXRecordDecl*>& out) {
  for (const CXXBaseSpecifier& base : rd.bases()) {
    const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
    if (!b || !b->hasDefinition()) continue;
    b = b->getDefinition();
    if (rules::is_interface(b) && std::find(out.begin(), out.end(), b) == out.end()) out.push_back(b);
    collect_interfaces(*b, out);
  }
}

bool is_context(QualType t) {
  if (!t->isLValueReferenceType()) return false;
  const CXXRecordDecl* rd = t.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  return rd && rd->getQualifiedNameAsString() == "meshwa::Context";
}

}  // namespace meshwa::gen::frontend
