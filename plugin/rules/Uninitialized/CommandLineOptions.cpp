// Values written by a command-line parse that cannot succeed without them:
// a CLI11 option marked required(), registered on a local CLI::App that is
// then parsed (`int port; app.add_option("--port", port)->required();
// CLI11_PARSE(app, argc, argv); use(port);`).
//
// Why that is a write. add_option(name, x) keeps a callback that converts
// the option's text into x; App::parse runs the callbacks of every option
// given (a failed conversion throws ConversionError) and then throws
// RequiredError for a required option of that App that was not given. So
// when parse returns, x holds a value; when it throws, the code after it
// does not run (the handlers of the parse's try must all leave, as
// CLI11_PARSE's `return app.exit(e);` does).
//
// What could break that, and is excluded:
//  - the option's requirement dropped before the parse (`->required(false)`,
//    `app.get_option("--port")->required(false)`, `app.remove_option(...)`),
//    or the App's own requirements skipped (`app.excludes(...)`,
//    `app.needs(...)`: an excluded App checks nothing): the Option pointer
//    must be discarded where it is made, and the App may be used in the
//    whole function only for add_option, add_flag, parse, exit and count,
//    called on it by name. Nothing else can reach it: those return an
//    Option (which offers no way back to its App) or a value, and the App
//    is never bound to a reference or pointer (so no callee sees it).
//  - an option of a subcommand or option group, checked only when that one
//    is used: the App must be the local object itself, not a pointer.
//  - a conversion that succeeds without writing: x must be a number, bool
//    or enum, which CLI11's lexical_assign always assigns.
//  - the parse skipped: the registration and the parse are in one block,
//    with nothing between that names x or jumps (no label, goto, break,
//    continue or case).
#include "Uninitialized.h"
#include "Flow.h"
#include "TypeUtil.h"

namespace meshwa::rules::uninitialized {

namespace {

/// A method of CLI::App or CLI::Option (`cls`; for Option, also of its base
/// CLI::OptionBase<Option>, which declares required() and group()) called
/// one of `names` (any name when `names` is empty)?
bool is_cli11_method(const clang::CXXMethodDecl* method, llvm::StringRef cls,
                     std::initializer_list<llvm::StringRef> names) {
  if (method == nullptr || method->getIdentifier() == nullptr) return false;
  const clang::CXXRecordDecl* record = method->getParent();
  if (!is_cli11_class(record, cls) && !(cls == "Option" && is_cli11_class(record, "OptionBase"))) return false;
  return names.size() == 0 || llvm::is_contained(names, method->getName());
}

/// The local CLI::App object (not a reference or pointer) `e` names.
const clang::VarDecl* local_app(const clang::Expr* e) {
  const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
      var->getType()->isReferenceType() || var->getType()->isPointerType()) {
    return nullptr;
  }
  return is_cli11_class(var->getType()->getAsCXXRecordDecl(), "App") ? var : nullptr;
}

/// `app.method(...)` on the local App `app`: the call, else nullptr.
const clang::CXXMemberCallExpr* call_on(const clang::Expr* e, const clang::VarDecl& app,
                                        std::initializer_list<llvm::StringRef> names) {
  const auto* call = e != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()->IgnoreParens())
                                  : nullptr;
  if (call == nullptr || local_app(call->getImplicitObjectArgument()) != &app) return nullptr;
  return is_cli11_method(call->getMethodDecl(), "App", names) ? call : nullptr;
}

/// Option methods that leave the option required and its callback writing
/// the variable (they add checks, names, help text, or links that only
/// throw).
bool keeps_option_writing(const clang::CXXMethodDecl* method) {
  return is_cli11_method(method, "Option",
                         {"check", "transform", "each", "description", "group", "envname", "capture_default_str",
                          "type_name", "excludes", "needs", "ignore_case", "ignore_underscore", "take_last",
                          "take_first", "delimiter"});
}

/// `required()` or `required(true)`.
bool requires_option(const clang::CXXMemberCallExpr& call, clang::ASTContext& ast) {
  if (!is_cli11_method(call.getMethodDecl(), "Option", {"required"})) return false;
  if (call.getNumArgs() == 0 || llvm::isa<clang::CXXDefaultArgExpr>(call.getArg(0))) return true;
  bool value = false;
  return call.getArg(0)->EvaluateAsBooleanCondition(value, ast) && value;
}

/// The App whose parse writes `var`: `s` is the statement
/// `app.add_option(name, var[, description])->required()`, with other
/// calls of keeps_option_writing chained, and the result discarded.
const clang::VarDecl* required_option_of(const clang::Stmt* s, const clang::VarDecl& var, clang::ASTContext& ast) {
  const auto* e = llvm::dyn_cast_or_null<clang::Expr>(s);
  if (e == nullptr) return nullptr;
  bool required = false;
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()->IgnoreParens());
  for (int depth = 0; call != nullptr && depth < 16; ++depth) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (const clang::VarDecl* app = local_app(call->getImplicitObjectArgument());
        app != nullptr && is_cli11_method(method, "App", {"add_option"})) {
      const auto* out = call->getNumArgs() >= 2 && call->getNumArgs() <= 3
                            ? llvm::dyn_cast<clang::DeclRefExpr>(call->getArg(1)->IgnoreParenImpCasts())
                            : nullptr;
      if (!required || out == nullptr || out->getDecl() != &var) return nullptr;
      if (mentions(call->getArg(0), var) || (call->getNumArgs() == 3 && mentions(call->getArg(2), var))) {
        return nullptr;
      }
      return app;
    }
    if (is_cli11_method(method, "Option", {"required"})) {
      if (!requires_option(*call, ast)) return nullptr;  // required(false) anywhere in the chain
      required = true;
    } else if (!keeps_option_writing(method)) {
      return nullptr;
    }
    for (const clang::Expr* arg : call->arguments()) {
      if (mentions(arg, var)) return nullptr;
    }
    call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call->getImplicitObjectArgument()->IgnoreImplicit()->IgnoreParens());
  }
  return nullptr;
}

/// Is every use of `app` in its function a call of add_option, add_flag,
/// parse, exit or count on it (see the file comment)?
bool app_only_registers_and_parses(const clang::VarDecl& app) {
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(app.getParentFunctionOrMethod());
  const clang::Stmt* body = fn != nullptr ? fn->getBody() : nullptr;
  if (body == nullptr) return false;
  // Every member call on app, counted against every naming of app.
  unsigned named = 0;
  unsigned allowed = 0;
  flow::contains(body, [&](const clang::Stmt& sub) {
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub); ref != nullptr && ref->getDecl() == &app) ++named;
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&sub);
        call != nullptr && call_on(call, app, {"add_option", "add_flag", "parse", "exit", "count"}) != nullptr) {
      ++allowed;
    }
    return false;
  });
  return named == allowed;
}

/// `s` parses `app` so that what follows runs only when the parse
/// succeeded: `app.parse(...);`, or a try of that one statement whose
/// handlers all leave (CLI11_PARSE(app, argc, argv)).
bool parses(const clang::Stmt* s, const clang::VarDecl& app) {
  if (const auto* e = llvm::dyn_cast_or_null<clang::Expr>(s)) return call_on(e, app, {"parse"}) != nullptr;
  const auto* guarded = llvm::dyn_cast_or_null<clang::CXXTryStmt>(s);
  if (guarded == nullptr || guarded->getTryBlock()->size() != 1) return false;
  const auto* parse = llvm::dyn_cast<clang::Expr>(guarded->getTryBlock()->body_front());
  if (parse == nullptr || call_on(parse, app, {"parse"}) == nullptr) return false;
  for (unsigned i = 0; i < guarded->getNumHandlers(); ++i) {
    if (!always_leaves(guarded->getHandler(i)->getHandlerBlock())) return false;
  }
  return true;
}

/// A break or continue under `s`: the walk would go on after the loop
/// (or at its next round) without the parse.
bool breaks_out(const clang::Stmt* s) {
  return flow::contains(s, [](const clang::Stmt& sub) { return llvm::isa<clang::BreakStmt, clang::ContinueStmt>(sub); });
}

}  // namespace

bool given_by_required_option(const clang::Stmt* s, llvm::ArrayRef<const clang::Stmt*> after,
                              const clang::VarDecl& var, const Walk& walk) {
  if (walk.call_depth != 0) return false;
  const clang::QualType type = var.getType();
  if (type->isReferenceType() || !(type->isArithmeticType() || type->isEnumeralType())) return false;
  const clang::VarDecl* app = required_option_of(s, var, walk.ast);
  if (app == nullptr || !app_only_registers_and_parses(*app)) return false;
  for (const clang::Stmt* next : after) {
    // Checked first: CLI11_PARSE's handler returns. (No jump can enter a
    // try block or a handler, so its own statements need no label check.)
    if (parses(next, *app)) return true;
    if (mentions(next, var) || has_jump_or_label(next) || breaks_out(next)) return false;
  }
  return false;
}

}  // namespace meshwa::rules::uninitialized
