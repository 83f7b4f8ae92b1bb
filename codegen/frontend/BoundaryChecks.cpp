// What may cross a service boundary, Ref<> targets, the enums a boundary
// type holds (Walker.h).
#include "frontend/Walker.h"

#include <algorithm>

#include "TypeUtil.h"
#include "frontend/AstQueries.h"
#include "llvm/ADT/StringExtras.h"

namespace meshwa::gen::frontend {

/// The error for `spelling` (`meshwa::Ref<T>` or `ctx.ref<T>()`) naming
/// `target`, which is no MESHWA_INTERFACE, at `loc`.
void Walker::report_ref_to_no_interface(QualType target, SourceLocation loc, bool call) {
  std::string implemented;
  const CXXRecordDecl* rd = target.getCanonicalType()->getAsCXXRecordDecl();
  if (rd != nullptr && rd->hasDefinition() && rules::service_name(rd)) {
    std::vector<const CXXRecordDecl*> interfaces;
    collect_interfaces(*rd->getDefinition(), interfaces);
    if (!interfaces.empty()) implemented = interfaces.front()->getQualifiedNameAsString();
  }
  out_.report(where(loc), "error",
              rules::no_interface_ref_message(spell(target), call, implemented) + " [meshwa-service-impl-call]");
}

/// A declaration's type holding a meshwa::Ref<T> of no interface: the
/// error at the T as written (else at `fallback`). True when reported.
bool Walker::check_ref_target(QualType type, TypeLoc written, SourceLocation fallback) {
  const ClassTemplateSpecializationDecl* ref = ref_to_no_interface(type);
  if (ref == nullptr) return false;
  const TypeLoc arg = ref_argument_in(written, ref);
  if (arg.isNull()) {
    report_ref_to_no_interface(ref->getTemplateArgs()[0].getAsType(), fallback, false);
  } else {
    report_ref_to_no_interface(arg.getType(), arg.getBeginLoc(), false);
  }
  return true;
}

/// A class or enum nested privately (`enum class Mode` under `protected:`)
/// is valid C++ in a public method or member, but the generated code names
/// every type of the boundary from outside the class; an enum in an
/// anonymous namespace is another type in every generated file. Said here,
/// at the use, with a note at the type (it did not compile in a generated
/// file, or broke the one-definition rule).
void Walker::check_nameable(QualType type, SourceLocation loc, const std::string& what) {
  std::string why;
  const TagDecl* tag = non_public_type(type);
  if (tag != nullptr) {
    why = non_public_text(*tag, *non_public_member(*tag));
  } else if ((tag = anonymous_namespace_enum(type)) != nullptr) {
    why = "an enum " + anonymous_namespace_text();
  } else {
    return;
  }
  const QualType whole = type.getNonReferenceType().getUnqualifiedType();
  const bool itself = whole.getCanonicalType()->getAsTagDecl() == tag;
  const std::string name = spell(ctx_.getTypeDeclType(tag));  // without "(anonymous namespace)::"
  out_.report(where(loc), "error",
              what + (itself ? " has the type " : " holds the type ") + name +
                  (itself ? "" : " (in " + spell(whole) + ")") + ", " + why + " [meshwa-gen]");
  out_.report(where(tag->getLocation()), "note", "'" + name + "' is declared here");
}

/// `what` names the parameter or result in gen's own errors ("parameter 'x'
/// of Sink::put"), `subject` in the plugin's words for what may not cross
/// (rules::param_subject, rules::result_subject).
void Walker::check_boundary(QualType type, rules::Position position, SourceLocation loc, const std::string& what,
                            const std::string& subject) {
  if (type->isDependentType()) return;
  check_nameable(type, loc, what);
  check_empty_variant(type, loc, what);
  for (const rules::CrossabilityProblem& problem : rules::crossability_problems(type, ctx_, position)) {
    // Said at the member of the message that holds it (add_message), once,
    // as the plugin does: not again at every method whose type holds it.
    if (rules::said_at_its_member(problem.field, checked_here())) continue;
    // A message's anonymous union or unnamed struct: said at the member, in
    // its own words, once (not as "AnonU.(anonymous) is a class that is not
    // a message; mark it MESHWA_MESSAGE", which cannot be done).
    if (const auto* field = dyn_cast_or_null<FieldDecl>(problem.field)) {
      if (const auto* parent = dyn_cast<CXXRecordDecl>(field->getParent())) {
        Message holder;
        holder.qualified_name = parent->getQualifiedNameAsString();
        if (report_unnamed_member(*field, holder)) continue;
      }
    }
    out_.report(where(loc), "error", rules::boundary_error(subject, problem) + " [meshwa-boundary-type]");
    if (problem.field) out_.report(where(problem.field->getLocation()), "note", rules::declared_here(*problem.field));
    note_declared(problem);
  }
}

/// Crossable as far as the rules go, but no value of it exists, and the
/// generated JSON and property tests would instantiate it: libstdc++'s
/// static_assert "variant must have at least one alternative" in a
/// generated file.
void Walker::check_empty_variant(QualType type, SourceLocation loc, const std::string& what) {
  if (const ClassTemplateSpecializationDecl* empty = empty_variant(type)) {
    const QualType whole = type.getNonReferenceType().getUnqualifiedType();
    const bool itself = whole.getCanonicalType()->getAsCXXRecordDecl() == empty;
    out_.report(where(loc), "error",
                what + (itself ? " is std::variant<>" : " holds std::variant<> (in " + spell(whole) + ")") +
                    ", a variant of no alternatives: no value of it exists, and the generated code that reads, "
                    "writes and tests it cannot instantiate it; list the alternatives it holds "
                    "(std::variant<A, B>), or use std::monostate for a value that carries nothing [meshwa-gen]");
  }
}

/// The messages whose members are checked at the members
/// (check_message_boundary, from add_message): those record() adds, so
/// written in a model file and not in an anonymous namespace (an error of
/// its own).
std::function<bool(const CXXRecordDecl&)> Walker::checked_here() const {
  return [this](const CXXRecordDecl& rd) { return !rd.isInAnonymousNamespace() && model_file(rd.getLocation()); };
}

/// Every member of message `rd` that may not cross, at the member, in the
/// plugin's words (meshwa-boundary-type): a part inside another message
/// that is checked at its own member is said there, and the members in
/// `reported` (anonymous and unnamed ones, report_unnamed_member) are said
/// already.
void Walker::check_message_boundary(const CXXRecordDecl& rd, const std::set<const FieldDecl*>& reported) {
  for (const rules::CrossabilityProblem& problem : rules::member_reports(rd, ctx_, checked_here())) {
    const auto& member = *cast<FieldDecl>(problem.member);
    if (reported.count(&member) != 0) continue;
    out_.report(where(member.getLocation()), "error",
                rules::boundary_error(rules::member_subject(member, ctx_), problem) + " [meshwa-boundary-type]");
    if (problem.field != nullptr && problem.field != &member) {
      out_.report(where(problem.field->getLocation()), "note", rules::declared_here(*problem.field));
    }
    note_declared(problem);
  }
}

// An incomplete class: where it is declared, which is where to look for
// the header that should define it.
void Walker::note_declared(const rules::CrossabilityProblem& problem) {
  const auto* named = dyn_cast_or_null<NamedDecl>(problem.declared);
  if (named == nullptr) return;
  out_.report(where(named->getLocation()), "note",
              "'" + named->getQualifiedNameAsString() + "' is declared here, but not defined");
}

/// Why copying a value of `t` does not compile ("" when it does): as
/// meshwa::detail::copy_compiles decides it for the gate, through
/// containers, optional, pair, tuple, variant (their type arguments) and
/// the members of a class, stopping at handles that copy whatever they
/// point at (Shared, Ref, std::shared_ptr).
std::string Walker::copy_fails(QualType t, std::set<const CXXRecordDecl*>& seen, int depth) const {
  if (t.isNull() || depth > 32 || t->isDependentType()) return "";
  t = t.getCanonicalType().getNonReferenceType();
  const auto* rd = t->getAsCXXRecordDecl();
  if (rd == nullptr || !seen.insert(rd).second) return "";
  const std::string name = rd->getQualifiedNameAsString();
  if (name == "meshwa::Shared" || name == "meshwa::Ref" || name == "std::shared_ptr") return "";
  const bool owned = name == "meshwa::Owned";
  // The argument itself an Owned: the gate copies what it points at into
  // a new one (a handle); inside anything else it cannot be copied.
  if ((owned && depth > 0) || name == "std::unique_ptr") return "it holds a " + spell(t) + ", which is move-only";
  // A specialization used only by reference need not be instantiated:
  // its arguments decide (std::vector<meshwa::Owned<M>>).
  if (const auto* spec = dyn_cast<ClassTemplateSpecializationDecl>(rd)) {
    for (const TemplateArgument& arg : rules::flat_template_arguments(*spec)) {
      if (arg.getKind() != TemplateArgument::Type) continue;
      if (std::string why = copy_fails(arg.getAsType(), seen, depth + 1); !why.empty()) return why;
    }
    if (owned || rd->isInStdNamespace()) return "";  // a library type: its arguments decide
  }
  if (!rd->hasDefinition()) return "";
  rd = rd->getDefinition();
  bool deleted = false;
  for (const CXXConstructorDecl* c : rd->ctors()) {
    if (!c->isCopyConstructor()) continue;
    if (c->isDeleted()) deleted = true;
    else if (c->isUserProvided()) return "";  // copies as its author wrote
  }
  for (const FieldDecl* f : rd->fields()) {
    if (std::string why = copy_fails(f->getType(), seen, depth + 1); !why.empty()) return why;
  }
  if (deleted || (rd->needsImplicitCopyConstructor() && rd->defaultedCopyConstructorIsDeleted())) {
    return spell(t) + "'s copy constructor is deleted";
  }
  return "";
}

// Enums in a boundary type (directly or as a template argument: optional,
// vector, variant ...), with their enumerators for property tests.
void Walker::collect_enums(QualType type) {
  rules::LeastDepth searched;
  collect_enums(type, 0, searched);
}

void Walker::collect_enums(QualType type, int depth, rules::LeastDepth& searched) {
  if (depth > 16 || type.isNull() || type->isDependentType()) return;
  const QualType t = type.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  if (!searched.worth_walking(t.getAsOpaquePtr(), depth)) return;  // its enums are added already
  if (const auto* et = t->getAs<EnumType>()) {
    add_enum(t, *et->getDecl());
    return;
  }
  const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
  if (!spec) return;
  for (const TemplateArgument& arg : rules::flat_template_arguments(*spec)) {
    if (arg.getKind() == TemplateArgument::Type) collect_enums(arg.getAsType(), depth + 1, searched);
  }
}

void Walker::add_enum(QualType type, const EnumDecl& decl) {
  const EnumDecl* ed = decl.getDefinition();
  if (!ed || ed->getName().empty()) return;
  // In service code, or in a system header that declares a marked
  // interface or message (not the standard library's enums).
  if (!code_.contains(ed->getLocation()) &&
      model_system_files_.count(sm_.getFileID(sm_.getExpansionLoc(ed->getLocation()))) == 0) {
    return;
  }
  Enum e;
  e.qualified_name = spell(type);
  if (out_.enums.count(e.qualified_name)) return;
  e.header = header_of(*ed);
  e.location = where(ed->getLocation());
  for (const EnumConstantDecl* c : ed->enumerators()) {
    e.enumerators.push_back(c->getNameAsString());
    e.values.push_back(llvm::toString(c->getInitVal(), 10));
  }
  if (e.enumerators.empty()) return;  // std::byte-like: any value of the underlying type is one
  out_.enums.emplace(e.qualified_name, std::move(e));
}

}  // namespace meshwa::gen::frontend
