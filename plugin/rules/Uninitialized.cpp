// meshwa-uninitialized: reads of indeterminate values. Rather than proving
// every read happens after a write, the rule requires initialisation where
// the storage is declared:
//   - local variables whose default-initialisation leaves bytes
//     indeterminate (scalars, pointers, enums, C arrays of them, aggregates
//     and std::array of them): `int n;` -> `int n{};` (fix-it)
//   - fields of such types without a default member initialiser, in classes
//     with a user-provided constructor that does not initialise them:
//     `int64_t units;` -> `int64_t units{};` (fix-it); bases likewise.
//     A class without constructors of its own (an aggregate such as
//     `struct Point { int x; int y; };`) is judged where objects of it are
//     default-initialised (`Point p;`), not at its fields: `Point{1, 2}` and
//     `Point{}` are fine.
//   - std::make_unique_for_overwrite / make_shared_for_overwrite /
//     allocate_shared_for_overwrite of such a type (they default-initialise,
//     on purpose): use std::make_unique / std::make_shared, which
//     value-initialise.
// Accepted: any initialiser (`= 0`, `{}`, `(x)`), class types whose
// constructor initialises them (std::string, std::vector, ...), globals and
// statics (zero-initialised), catch parameters.
#include "Flow.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

#include <set>

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "uninitialized";

/// Does the variable's initialiser (if any) leave storage indeterminate?
bool leaves_garbage(const clang::VarDecl& var, clang::ASTContext& ctx) {
  const clang::Expr* init = var.getInit();
  if (init == nullptr) return default_init_leaves_garbage(var.getType(), ctx);
  // `T x;` for a class type: an implicit call of a trivial default constructor.
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init->IgnoreImplicit())) {
    // (No parentheses or braces written: `T x;`, recorded as call-init.)
    if (var.getInitStyle() != clang::VarDecl::ListInit && construct->getParenOrBraceRange().isInvalid() &&
        construct->getNumArgs() == 0 && !construct->requiresZeroInitialization()) {
      return default_init_leaves_garbage(var.getType(), ctx);
    }
  }
  return false;
}

/// Insert `{}` right after the declarator (`int n` -> `int n{}`,
/// `int a[4]` -> `int a[4]{}`), unless macros are involved.
std::optional<clang::FixItHint> brace_fix(const clang::DeclaratorDecl& decl, RuleContext& ctx) {
  const clang::SourceLocation end = decl.getEndLoc();
  if (end.isInvalid() || end.isMacroID()) return std::nullopt;
  const clang::SourceLocation after = clang::Lexer::getLocForEndOfToken(end, 0, ctx.sources(), ctx.lang());
  if (after.isInvalid()) return std::nullopt;
  return clang::FixItHint::CreateInsertion(after, "{}");
}

/// Locals the rule judges at all (whatever their type): not parameters,
/// structured bindings, catch parameters or range-for variables.
bool judged_local(const clang::VarDecl& var) {
  return !llvm::isa<clang::ParmVarDecl, clang::DecompositionDecl>(var) && var.hasLocalStorage() &&
         !var.isExceptionVariable() && !var.isCXXForRangeDecl();
}

/// User-provided constructors other than copy/move: the ones that decide
/// what a default-initialised object holds.
bool is_own_constructor(const clang::CXXConstructorDecl& ctor) {
  return ctor.isUserProvided() && !ctor.isCopyOrMoveConstructor() && !ctor.isDeleted();
}

bool has_own_constructor(const clang::CXXRecordDecl& record) {
  for (const clang::CXXConstructorDecl* ctor : record.ctors()) {
    if (is_own_constructor(*ctor)) return true;
  }
  return false;
}

/// Every own constructor of `record` either delegates or has a written
/// mem-initialiser for which `initialises` holds. A constructor defined in
/// another file is trusted.
template <class Pred>
bool every_constructor_initialises(const clang::CXXRecordDecl& record, Pred initialises) {
  for (const clang::CXXConstructorDecl* ctor : record.ctors()) {
    if (!is_own_constructor(*ctor)) continue;
    const clang::FunctionDecl* def_fn = nullptr;
    if (!ctor->hasBody(def_fn)) continue;  // defined elsewhere: trusted
    const auto* def = llvm::cast<clang::CXXConstructorDecl>(def_fn);
    if (def->isDelegatingConstructor()) continue;
    bool found = false;
    for (const clang::CXXCtorInitializer* init : def->inits()) found = found || (init->isWritten() && initialises(*init));
    if (!found) return false;
  }
  return true;
}

class Uninitialized final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt);
    if (call == nullptr) return;
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(call->getCalleeDecl());
    if (fn == nullptr || !fn->isInStdNamespace() || fn->getIdentifier() == nullptr) return;
    const llvm::StringRef name = fn->getName();
    if (name != "make_unique_for_overwrite" && name != "make_shared_for_overwrite" &&
        name != "allocate_shared_for_overwrite") {
      return;
    }
    const clang::TemplateArgumentList* args = fn->getTemplateSpecializationArgs();
    if (args == nullptr || args->size() == 0 || args->get(0).getKind() != clang::TemplateArgument::Type) return;
    clang::QualType object = args->get(0).getAsType();
    if (const clang::ArrayType* array = ctx.ast.getAsArrayType(object)) object = array->getElementType();
    if (object->isDependentType() || !default_init_leaves_garbage(object, ctx.ast)) return;
    const llvm::StringRef plain = name.drop_back(llvm::StringRef("_for_overwrite").size());
    ctx.report.error(call->getBeginLoc(), kName,
                     "std::" + name.str() + " leaves the new " + object.getAsString(ctx.ast.getPrintingPolicy()) +
                         " indeterminate, and reading it before a write is undefined behaviour; use std::" +
                         plain.str() + ", which value-initialises it")
        << call->getSourceRange();
  }

  /// `T value;` in a template is dependent in the pattern (check_local
  /// skips it) and only leaves garbage for some T: judge it in each
  /// instantiation, and report it once, at the template's line.
  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override {
    if (!pattern.isDependentContext() || pattern.getBody() == nullptr) return;
    std::set<clang::SourceLocation> dependent;  // locals of the pattern whose type depends on a parameter
    flow::contains(pattern.getBody(), [&](const clang::Stmt& s) {
      if (const auto* ds = llvm::dyn_cast<clang::DeclStmt>(&s)) {
        for (const clang::Decl* d : ds->decls()) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
          if (var != nullptr && var->getType()->isDependentType()) dependent.insert(var->getLocation());
        }
      }
      return false;
    });
    if (dependent.empty()) return;
    for (const clang::FunctionDecl* instance : flow::bodies_to_analyse(pattern)) {
      flow::contains(instance->getBody(), [&](const clang::Stmt& s) {
        const auto* ds = llvm::dyn_cast<clang::DeclStmt>(&s);
        if (ds == nullptr) return false;
        for (const clang::Decl* d : ds->decls()) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
          if (var == nullptr || !dependent.count(var->getLocation())) continue;
          if (reported_.count(var->getLocation()) || !judged_local(*var) || !leaves_garbage(*var, ctx.ast)) continue;
          reported_.insert(var->getLocation());
          ctx.report.error(var->getLocation(), kName,
                           "'" + var->getName().str() + "' is declared without a value and is left indeterminate when " +
                               "the template is instantiated with " +
                               var->getType().getAsString(ctx.ast.getPrintingPolicy()) +
                               "; initialise it where it is declared, e.g. with {} (value-initialisation works for "
                               "every type)")
              << var->getSourceRange();
        }
        return false;
      });
    }
  }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    if (decl.isImplicit()) return;
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl)) {
      check_local(*var, ctx);
    } else if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(&decl)) {
      check_field(*field, ctx);
    } else if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&decl)) {
      check_bases(*record, ctx);
    }
  }

 private:
  void check_local(const clang::VarDecl& var, RuleContext& ctx) {
    if (!judged_local(var) || var.getType()->isDependentType()) return;
    if (!leaves_garbage(var, ctx.ast)) return;
    auto diag = ctx.report.error(var.getLocation(), kName,
                                 "'" + var.getName().str() +
                                     "' is declared without a value, and reading it before a write is undefined "
                                     "behaviour; initialise it where it is declared, e.g. with {}")
                << var.getSourceRange();
    if (auto fix = brace_fix(var, ctx)) diag << *fix;
  }

  void check_field(const clang::FieldDecl& field, RuleContext& ctx) {
    if (field.hasInClassInitializer() || field.isUnnamedBitField() || field.getType()->isDependentType()) return;
    const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(field.getParent());
    if (record == nullptr || record->isUnion() || record->isLambda() || record->isDependentContext()) return;
    if (!default_init_leaves_garbage(field.getType(), ctx.ast)) return;
    // An aggregate-like class (no constructor of its own: `struct Point {
    // int x; int y; };`) is only ever default-initialised where an object of
    // it is declared without a value, and each such place is reported: a
    // local (`Point p;`), a field of a class with a constructor, a base of
    // one (check_bases). Aggregate initialisation (`Point{1, 2}`) and
    // value-initialisation (`Point{}`, std::vector<Point>(n)) are fine.
    if (!has_own_constructor(*record)) return;
    if (every_constructor_initialises(*record, [&](const clang::CXXCtorInitializer& init) {
          return init.getMember() == &field;
        })) {
      return;
    }
    auto diag = ctx.report.error(field.getLocation(), kName,
                                 "member '" + field.getName().str() +
                                     "' has no default member initialiser, so an object built without setting it "
                                     "holds an indeterminate value; write one, e.g. {} or = 0")
                << field.getSourceRange();
    if (auto fix = brace_fix(field, ctx)) diag << *fix;
  }

  /// `struct Labelled : Point { Labelled() {} };`: a constructor that does
  /// not initialise a base whose default-initialisation leaves garbage.
  void check_bases(const clang::CXXRecordDecl& record, RuleContext& ctx) {
    if (!record.isThisDeclarationADefinition() || record.isDependentContext() || record.isUnion()) return;
    if (!has_own_constructor(record)) return;  // judged where it is default-initialised
    for (const clang::CXXBaseSpecifier& base : record.bases()) {
      if (!default_init_leaves_garbage(base.getType(), ctx.ast)) continue;
      const clang::QualType base_type = base.getType().getCanonicalType();
      if (every_constructor_initialises(record, [&](const clang::CXXCtorInitializer& init) {
            return init.isBaseInitializer() && clang::QualType(init.getBaseClass(), 0).getCanonicalType() == base_type;
          })) {
        continue;
      }
      ctx.report.error(base.getBeginLoc(), kName,
                       "base '" + base.getType().getAsString(ctx.ast.getPrintingPolicy()) +
                           "' is left with indeterminate members by a constructor that does not initialise it; give "
                           "its members default member initialisers, or initialise it in every constructor, e.g. "
                           "with " + base.getType().getAsString(ctx.ast.getPrintingPolicy()) + "{}")
          << base.getSourceRange();
    }
  }

  std::set<clang::SourceLocation> reported_;  // template locals, across instantiations
};

}  // namespace

std::unique_ptr<Rule> make_Uninitialized() { return std::make_unique<Uninitialized>(); }

}  // namespace meshwa::rules
