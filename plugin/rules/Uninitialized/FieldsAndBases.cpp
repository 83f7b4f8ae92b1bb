// Fields and bases that a user-provided constructor leaves indeterminate
// (`int64_t units;` -> `int64_t units{};`), in a class template judged in
// each instantiation and reported once, at the template.
#include "Uninitialized.h"
#include "ConstructorBodyWrites.h"
#include "TypeUtil.h"

namespace meshwa::rules::uninitialized {

namespace {

/// User-provided constructors other than copy/move: the ones that decide
/// what a default-initialised object holds. Constructor templates count
/// (declared_constructors): one that may be called without arguments is
/// the default constructor (default_init_leaves_garbage trusts it), and
/// any other builds objects as well.
bool is_own_constructor(const clang::CXXConstructorDecl& ctor) {
  return ctor.isUserProvided() && !ctor.isCopyOrMoveConstructor() && !ctor.isDeleted();
}

bool has_own_constructor(const clang::CXXRecordDecl& record) {
  for (const clang::CXXConstructorDecl* ctor : declared_constructors(record)) {
    if (is_own_constructor(*ctor)) return true;
  }
  return false;
}

/// A copy or move constructor of the user's (`Fred(const Fred& o) : a(o.a)
/// {}`) whose body is empty: only its mem-initialisers give values, so a
/// member it leaves out is indeterminate in every copy. One with statements
/// in its body (`{ *this = o; }`, `{ copy_from(o); }`) is trusted.
bool is_empty_copy_constructor(const clang::CXXConstructorDecl& def) {
  if (!def.isUserProvided() || !def.isCopyOrMoveConstructor() || def.isDeleted()) return false;
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(def.getBody());
  return body != nullptr && body->body_empty();
}

}  // namespace

/// `S() : S(0) {}`: the constructor called initialises everything. In a
/// class template the call is written as an initialiser of the class's own
/// (injected) type, which clang keeps as a base initialiser until the
/// template is instantiated.
bool is_own_type_initialiser(const clang::CXXCtorInitializer& init, const clang::CXXRecordDecl& own) {
  if (!init.isBaseInitializer() || init.getBaseClass() == nullptr) return false;
  const clang::CXXRecordDecl* base = init.getBaseClass()->getAsCXXRecordDecl();
  return base != nullptr && base->getCanonicalDecl() == own.getCanonicalDecl();
}

namespace {

bool delegates(const clang::CXXConstructorDecl& def) {
  if (def.isDelegatingConstructor()) return true;
  return llvm::any_of(def.inits(), [&](const clang::CXXCtorInitializer* init) {
    return is_own_type_initialiser(*init, *def.getParent());
  });
}

/// The first own constructor of `record` that neither delegates, nor has
/// a written mem-initialiser for which `initialises` holds, nor is one for
/// which `body_sets` holds (`P() { x = 0; }`); nullptr when there is none.
/// A constructor defined in another file is trusted.
template <class Pred, class BodyPred>
const clang::CXXConstructorDecl* constructor_leaving(const clang::CXXRecordDecl& record, Pred initialises,
                                                     BodyPred body_sets) {
  for (const clang::CXXConstructorDecl* ctor : declared_constructors(record)) {
    const bool copy = ctor->isUserProvided() && ctor->isCopyOrMoveConstructor() && !ctor->isDeleted();
    if (!is_own_constructor(*ctor) && !copy) continue;
    const auto* def = llvm::cast_or_null<clang::CXXConstructorDecl>(definition_with_body(ctor));
    if (def == nullptr) continue;  // defined elsewhere: trusted
    if (delegates(*def)) continue;
    if (copy && !is_empty_copy_constructor(*def)) continue;
    bool found = false;
    for (const clang::CXXCtorInitializer* init : def->inits()) found = found || (init->isWritten() && initialises(*init));
    if (!found && (copy || !body_sets(*def))) return def;
  }
  return nullptr;
}

}  // namespace

void Uninitialized::check_field(const clang::FieldDecl& field, RuleContext& ctx) {
  if (field.hasInClassInitializer() || field.isUnnamedBitField()) return;
  const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(field.getParent());
  if (record == nullptr || record->isUnion() || record->isLambda()) return;
  // A class template's field of a dependent type (`T v;`) is judged in
  // each instantiation; a non-dependent one (`int x;` of a template) at
  // the template, like any other field (the pattern's constructors are the
  // ones written).
  const clang::CXXRecordDecl* instance = nullptr;
  clang::QualType type = field.getType();
  if (type->isDependentType()) {
    const clang::FieldDecl* instantiated = garbage_instantiation(field, *record, ctx, instance);
    if (instantiated == nullptr) return;
    type = instantiated->getType();
  } else if (!default_init_leaves_garbage(type, ctx.ast)) {
    return;
  }
  // An aggregate-like class (no constructor of its own: `struct Point {
  // int x; int y; };`) is only ever default-initialised where an object of
  // it is declared without a value, and each such place is reported: a
  // local (`Point p;`), a field of a class with a constructor, a base of
  // one (check_bases). Aggregate initialisation (`Point{1, 2}`) and
  // value-initialisation (`Point{}`, std::vector<Point>(n)) are fine.
  if (!has_own_constructor(*record)) return;
  const clang::CXXConstructorDecl* leaving = constructor_leaving(
      *record, [&](const clang::CXXCtorInitializer& init) { return init.getMember() == &field; },
      [&](const clang::CXXConstructorDecl& ctor) { return constructor_body_sets(ctor, field, ctx.ast); });
  if (leaving == nullptr) return;
  if (instance != nullptr) {
    const clang::PrintingPolicy& policy = ctx.ast.getPrintingPolicy();
    {
      auto diag = ctx.report.error(field.getLocation(), kName,
                                   "member '" + field.getName().str() +
                                       "' has no default member initialiser, so an object built without setting "
                                       "it holds an indeterminate value when the template is instantiated with " +
                                       type.getAsString(policy) +
                                       "; write one, e.g. {} (value-initialisation works for every type)")
                  << field.getSourceRange();
      if (auto fix = brace_fix(field, ctx)) diag << *fix;
    }
    note_leaving(*leaving, "'" + field.getName().str() + "'", ctx);
    note_instantiation(*instance, ctx);
    return;
  }
  {
    auto diag = ctx.report.error(field.getLocation(), kName,
                                 "member '" + field.getName().str() +
                                     "' has no default member initialiser, so an object built without setting it "
                                     "holds an indeterminate value; write one, e.g. {} or = 0")
                << field.getSourceRange();
    if (auto fix = brace_fix(field, ctx)) diag << *fix;
  }
  note_leaving(*leaving, "'" + field.getName().str() + "'", ctx);
}

/// The constructor that leaves a field or base indeterminate: it neither
/// initialises it nor (for a field) assigns it before the object is used.
void Uninitialized::note_leaving(const clang::CXXConstructorDecl& ctor, const std::string& what, RuleContext& ctx) {
  ctx.report.note(ctor.getLocation(), "this constructor leaves " + what + " without a value");
}

/// The implicit instantiations (and explicit instantiation definitions)
/// of the class template `pattern` describes, in the order clang made
/// them; empty for a class that is no template pattern (a class nested in
/// a template, a partial specialisation: their dependent fields are not
/// judged).
std::vector<const clang::ClassTemplateSpecializationDecl*> Uninitialized::instantiations(
    const clang::CXXRecordDecl& pattern) {
  std::vector<const clang::ClassTemplateSpecializationDecl*> result;
  const clang::ClassTemplateDecl* tmpl = pattern.getDescribedClassTemplate();
  if (tmpl == nullptr) return result;
  for (const clang::ClassTemplateSpecializationDecl* spec : tmpl->specializations()) {
    const clang::TemplateSpecializationKind kind = spec->getSpecializationKind();
    if (kind != clang::TSK_ImplicitInstantiation && kind != clang::TSK_ExplicitInstantiationDefinition) continue;
    if (!spec->isThisDeclarationADefinition() || spec->isInvalidDecl()) continue;
    // From the primary template, not from a partial specialisation.
    if (!spec->getSpecializedTemplateOrPartial().is<clang::ClassTemplateDecl*>()) continue;
    result.push_back(spec);
  }
  return result;
}

/// The first instantiation of `pattern` in which the dependent `field`
/// leaves garbage when default-initialised: that instantiation's field,
/// with `instance` set to it; else nullptr.
const clang::FieldDecl* Uninitialized::garbage_instantiation(const clang::FieldDecl& field,
                                                             const clang::CXXRecordDecl& pattern, RuleContext& ctx,
                                                             const clang::CXXRecordDecl*& instance) {
  for (const clang::ClassTemplateSpecializationDecl* spec : instantiations(pattern)) {
    const clang::FieldDecl* same = nullptr;
    for (const clang::FieldDecl* f : spec->fields()) {
      if (f->getFieldIndex() == field.getFieldIndex()) same = f;
    }
    if (same == nullptr || same->getType()->isDependentType() || same->getName() != field.getName()) continue;
    if (!default_init_leaves_garbage(same->getType(), ctx.ast)) continue;
    instance = spec;
    return same;
  }
  return nullptr;
}

void Uninitialized::note_instantiation(const clang::CXXRecordDecl& instance, RuleContext& ctx) {
  const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(&instance);
  if (spec == nullptr) return;
  clang::SourceLocation where = spec->getPointOfInstantiation();
  if (where.isInvalid()) where = spec->getLocation();
  const std::string name = clang::QualType(ctx.ast.getRecordType(spec)).getAsString(ctx.ast.getPrintingPolicy());
  ctx.report.note(where, "in the instantiation '" + name + "' here");
}

/// `struct Labelled : Point { Labelled() {} };`: a constructor that does
/// not initialise a base whose default-initialisation leaves garbage.
void Uninitialized::check_bases(const clang::CXXRecordDecl& record, RuleContext& ctx) {
  if (!record.isThisDeclarationADefinition() || record.isUnion()) return;
  if (!has_own_constructor(record)) return;  // judged where it is default-initialised
  unsigned index = 0;
  for (const clang::CXXBaseSpecifier& base : record.bases()) {
    const unsigned this_index = index++;
    // A dependent base of a class template (`template <class T> struct
    // D : T`): judged in each instantiation, reported once at the template.
    clang::QualType judged = base.getType();
    const clang::CXXRecordDecl* instance = nullptr;
    if (judged->isDependentType()) {
      for (const clang::ClassTemplateSpecializationDecl* spec : instantiations(record)) {
        if (spec->getNumBases() != record.getNumBases()) continue;
        const clang::QualType made = (spec->bases_begin() + this_index)->getType();
        if (made->isDependentType() || !default_init_leaves_garbage(made, ctx.ast)) continue;
        judged = made;
        instance = spec;
        break;
      }
      if (instance == nullptr) continue;
    } else if (!default_init_leaves_garbage(judged, ctx.ast)) {
      continue;
    }
    const clang::QualType base_type = base.getType().getCanonicalType();
    const clang::CXXConstructorDecl* leaving = constructor_leaving(
        record,
        [&](const clang::CXXCtorInitializer& init) {
          return init.isBaseInitializer() && clang::QualType(init.getBaseClass(), 0).getCanonicalType() == base_type;
        },
        [](const clang::CXXConstructorDecl&) { return false; });
    if (leaving == nullptr) continue;
    const std::string written = base.getType().getAsString(ctx.ast.getPrintingPolicy());
    const std::string shown =
        instance != nullptr ? written + "' (" + judged.getAsString(ctx.ast.getPrintingPolicy()) + ")" : written + "'";
    ctx.report.error(base.getBeginLoc(), kName,
                     "base '" + shown +
                         " is left with indeterminate members by a constructor that does not initialise it; give "
                         "its members default member initialisers, or initialise it in every constructor, e.g. "
                         "with " + written + "{}")
        << base.getSourceRange();
    note_leaving(*leaving, "base '" + written + "'", ctx);
    if (instance != nullptr) note_instantiation(*instance, ctx);
  }
}

}  // namespace meshwa::rules::uninitialized
