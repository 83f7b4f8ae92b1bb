// meshwa-boundary-type: the parameters and results of MESHWA_INTERFACE
// methods must be crossable (DESIGN.md's table): values, `const T&` borrows
// (parameters only), meshwa::Owned/Shared/Ref/Result, standard containers of
// crossable types and MESHWA_MESSAGE structs whose fields are crossable. The
// type walk and the words are Crossable.h's (crossability_problems,
// message_member_problems, boundary_error), which meshwa gen shares, and the
// reasons are crossable.hpp's, so the plugin, the generator and the C++
// check in the generated stubs say the same thing.
//
// Every part that may not cross is one report, at its own place: a member
// of a MESHWA_MESSAGE of service code at the member (once, however many
// methods use the message), anything else at the parameter or result.
//
// A `mutable` data member of a MESHWA_MESSAGE is reported at the member: the
// message crosses inside meshwa::Shared<T> (immutable, shared), and mutable
// makes it writable by every holder at once. A base class of a
// MESHWA_MESSAGE is reported at the base: only a message's own members
// cross, and the remedy is composition.
//
// Only virtual methods are the boundary: a non-virtual inline helper of an
// interface runs on the caller's side. Dependent interfaces (class templates)
// are decided when they are instantiated by code that uses them, which the
// generator checks.
#include "Annotations.h"
#include "Crossable.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "boundary-type";

/// The messages whose members this rule checks at the members
/// (check_message_members): those of service code. A part held by such a
/// member is reported there, once, not again at every interface method or
/// message whose type holds it.
auto in_service_code(RuleContext& ctx) {
  return [&ctx](const clang::CXXRecordDecl& message) { return ctx.service_code.contains(message.getLocation()); };
}

class BoundaryType final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(&decl)) {
      check_mutable_member(*field, ctx);
      return;
    }
    if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&decl)) {
      check_message_bases(*record, ctx);
      check_message_members(*record, ctx);
      return;
    }
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&decl);
    if (method == nullptr || method->isImplicit() || !method->isVirtual()) return;
    if (llvm::isa<clang::CXXDestructorDecl>(method)) return;
    const clang::CXXRecordDecl* iface = method->getParent();
    if (iface == nullptr || !is_interface(iface) || iface->isDependentContext()) return;
    // One report per method, on its first declaration (not on an
    // out-of-line definition as well).
    if (method->getCanonicalDecl() != method) return;

    const std::string where = method->getQualifiedNameAsString();
    for (const clang::ParmVarDecl* param : method->parameters()) {
      const std::string subject =
          param_subject(param->getIdentifier() != nullptr ? param->getName() : llvm::StringRef(), where);
      for (const CrossabilityProblem& problem : crossability_problems(param->getType(), ctx.ast, Position::param)) {
        if (said_at_its_member(problem.field, in_service_code(ctx))) continue;
        ctx.report.error(param->getLocation(), kName, boundary_error(subject, problem)) << param->getSourceRange();
        note_field(problem, ctx);
      }
    }
    const clang::QualType result = method->getReturnType();
    const clang::SourceRange range = method->getReturnTypeSourceRange();
    const clang::SourceLocation loc = range.isValid() ? range.getBegin() : method->getLocation();
    for (const CrossabilityProblem& problem : crossability_problems(result, ctx.ast, Position::result)) {
      if (said_at_its_member(problem.field, in_service_code(ctx))) continue;
      ctx.report.error(loc, kName, boundary_error(result_subject(where), problem)) << range;
      note_field(problem, ctx);
    }
  }

 private:
  /// `mutable` in a MESHWA_MESSAGE: the message crosses inside
  /// meshwa::Shared<T>, documented as immutable and freely shared, and a
  /// mutable member is writable through every const path to it, by every
  /// service holding it, concurrently. Reported at the member, whether or not
  /// an interface of this translation unit uses the message (another one
  /// may), in the words meshwa gen uses at the same member (Crossable.cpp).
  static void check_mutable_member(const clang::FieldDecl& field, RuleContext& ctx) {
    if (!field.isMutable()) return;
    const auto* message = llvm::dyn_cast<clang::CXXRecordDecl>(field.getParent());
    if (message == nullptr || !is_message(message)) return;
    ctx.report.error(field.getLocation(), kName,
                     boundary_error(member_subject(field, ctx.ast), mutable_member_problem(field, ctx.ast)))
        << field.getSourceRange();
  }

  /// A MESHWA_MESSAGE with a base class: a message crosses as its own
  /// members (meshwa gen adapts those, crossable.hpp reflects those), so a
  /// base's members would not cross, and meshwa gen rejects the message.
  /// Marking the base MESHWA_MESSAGE does not help; holding it as a member
  /// (composition) does. Reported at each base, once, whether or not an
  /// interface of this translation unit uses the message; the boundary walk
  /// (Crossable.cpp) does not report bases again.
  static void check_message_bases(const clang::CXXRecordDecl& record, RuleContext& ctx) {
    if (!record.isThisDeclarationADefinition() || !is_message(&record)) return;
    const std::string message = record.getNameAsString();
    for (const clang::CXXBaseSpecifier& base : record.bases()) {
      const clang::QualType type = base.getType();
      const clang::CXXRecordDecl* base_record = type->getAsCXXRecordDecl();
      const std::string base_name = type.getUnqualifiedType().getAsString(ctx.ast.getPrintingPolicy());
      // The member named after its class, lower case (`Header header;`).
      std::string member = "base";
      if (base_record != nullptr && base_record->getIdentifier() != nullptr &&
          base_record->getName().lower() != base_record->getName()) {
        member = base_record->getName().lower();
      }
      std::string text = "message '" + message + "' has a base class, '" + base_name +
                         "': only a message's own members cross a service boundary (meshwa gen adapts those, "
                         "not a base's); hold it as a member instead (composition: `" + base_name + " " + member +
                         ";`)";
      // As a member it must cross too: a class of the service's own that
      // is no message yet becomes one.
      if (base_record != nullptr && !type->isDependentType() && !is_message(base_record) &&
          ctx.service_code.contains(base_record->getLocation())) {
        if (auto problem = why_not_crossable(type, ctx.ast, Position::member);
            problem && problem->problem == CrossProblem::not_a_message && problem->field == nullptr) {
          text += " and mark '" + base_record->getNameAsString() + "' MESHWA_MESSAGE";
        }
      }
      ctx.report.error(base.getBeginLoc(), kName, text) << base.getSourceRange();
      if (base_record != nullptr) {
        ctx.report.note(base_record->getLocation(), "base class '" + base_record->getNameAsString() + "' is declared here");
      }
    }
  }

  /// Every member of a MESHWA_MESSAGE of service code that may not cross,
  /// reported at the member, once: a message is declared to cross, whether
  /// or not an interface of this translation unit uses it (another one
  /// may), and a message used by ten methods is one report, not ten. A part
  /// inside another message of service code is that message's member's
  /// report (not said again at each member that holds the message).
  void check_message_members(const clang::CXXRecordDecl& record, RuleContext& ctx) {
    if (!record.isThisDeclarationADefinition() || !checked_at_members(record, in_service_code(ctx))) return;
    for (const CrossabilityProblem& problem : member_reports(record, ctx.ast, in_service_code(ctx))) {
      const auto& member = *llvm::cast<clang::FieldDecl>(problem.member);
      // Said by a rule of its own at this member: `mutable`
      // (check_mutable_member), a raw pointer (meshwa-raw-pointer, whose
      // remedy speaks of messages) and an anonymous union (meshwa-union:
      // use a std::variant).
      if (problem.field == &member && said_by_another_check(problem.problem, member)) continue;
      ctx.report.error(member.getLocation(), kName, boundary_error(member_subject(member, ctx.ast), problem))
          << member.getSourceRange();
      if (problem.field != &member) note_field(problem, ctx);
      else note_declared(problem, ctx);
    }
  }

  static bool said_by_another_check(CrossProblem problem, const clang::FieldDecl& member) {
    // meshwa-raw-pointer reports the pointers find_raw_pointer finds; the
    // others the crossability walk calls pointers (std::nullptr_t, a
    // library's iterator that is a pointer, std::array<int, 3>::iterator)
    // are this rule's to report.
    if (problem == CrossProblem::raw_pointer) return !find_raw_pointer(member.getType()).isNull();
    return problem == CrossProblem::mutable_member || problem == CrossProblem::anonymous_union;
  }

  static void note_field(const CrossabilityProblem& problem, RuleContext& ctx) {
    note_member(problem, ctx);
    note_declared(problem, ctx);
  }

  static void note_declared(const CrossabilityProblem& problem, RuleContext& ctx) {
    // An incomplete class: where it is declared, which is where to look
    // for the header that should define it.
    if (const auto* declared = llvm::dyn_cast_or_null<clang::NamedDecl>(problem.declared)) {
      ctx.report.note(declared->getLocation(),
                      "'" + declared->getQualifiedNameAsString() + "' is declared here, but not defined");
    }
  }

  static void note_member(const CrossabilityProblem& problem, RuleContext& ctx) {
    if (problem.field == nullptr) return;
    ctx.report.note(problem.field->getLocation(), declared_here(*problem.field));
  }
};

}  // namespace

std::unique_ptr<Rule> make_BoundaryType() { return std::make_unique<BoundaryType>(); }

}  // namespace meshwa::rules
