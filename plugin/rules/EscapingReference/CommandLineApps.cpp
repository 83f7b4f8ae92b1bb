// CLI11 subcommands of a local CLI::App: what a subcommand keeps (its
// callback: `app.add_subcommand("run")->callback([&] {...})`, or through a
// local `CLI::App& run = *app.add_subcommand("run"); run.callback(...)` or
// `CLI::App* run = ...; run->callback(...)`) is kept by the local App, as
// if stored in it.
//
// Why. add_subcommand(name, description) makes the subcommand and keeps the
// only std::shared_ptr to it in the App's subcommands_; the App's
// destructor drops it, and with it what the subcommand keeps. So the
// subcommand lives exactly as long as the local App unless another owner
// is made: get_subcommand_ptr (a shared_ptr copy), add_subcommand of the
// subcommand to another App (which takes it over), or anything that reaches
// the App tree through a pointer or reference (get_parent(),
// get_subcommands(), an App* handed to a function). So, in the whole
// function (lambda bodies included):
//  - every CLI::App method called (on any object) is one that hands out no
//    owner and no App other than its own object or a new subcommand
//    (keeps_tree), and add_subcommand only with a name (not an App_p or
//    App* to adopt);
//  - the local App, each local CLI::App* and CLI::App&, and each App* an
//    App method returns are used only as the object of such a call, as a
//    local CLI::App*'s initialiser (or, dereferenced, a local CLI::App&'s),
//    or discarded: never passed, returned, assigned, stored, bound to
//    another reference or address-taken.
// Then only those methods ever see the tree, and none of them makes a
// second owner of a subcommand.
#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"

namespace meshwa::rules::escaping_reference {

namespace {

bool is_cli11_app(const clang::CXXRecordDecl* record) { return is_cli11_class(record, "App"); }

bool is_app_pointer(clang::QualType type) {
  return type->isPointerType() && is_cli11_app(type->getPointeeCXXRecordDecl());
}

bool is_app_reference(clang::QualType type) {
  return type->isLValueReferenceType() && is_cli11_app(type.getNonReferenceType()->getAsCXXRecordDecl());
}

/// `CLI::App& run = *app.add_subcommand("run");`: the pointer a local
/// CLI::App& is bound through (its initialiser without the `*`), else
/// nullptr.
const clang::Expr* dereferenced_initialiser(const clang::VarDecl* var) {
  if (var == nullptr || !is_app_reference(var->getType()) || var->getInit() == nullptr) return nullptr;
  const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(var->getInit()->IgnoreParenImpCasts());
  return deref != nullptr && deref->getOpcode() == clang::UO_Deref ? deref->getSubExpr() : nullptr;
}

/// App methods that return their own object (`this`), a new subcommand, an
/// Option, or a value: none hands out an owner of a subcommand or another
/// App of the tree.
bool keeps_tree(const clang::CXXMethodDecl* method) {
  if (method == nullptr || method->getIdentifier() == nullptr || !is_cli11_app(method->getParent())) return false;
  const llvm::StringRef name = method->getName();
  if (name == "add_subcommand") {
    // add_subcommand(std::string name, std::string description): not the
    // overloads adopting an App_p or an App* (which takes it from its parent).
    return method->getNumParams() > 0 && !method->getParamDecl(0)->getType()->isPointerType() &&
           method->getParamDecl(0)->getType()->getAsCXXRecordDecl() != nullptr &&
           method->getParamDecl(0)->getType()->getAsCXXRecordDecl()->getName() == "basic_string";
  }
  return llvm::is_contained({"add_option", "add_flag", "callback", "immediate_callback", "description", "footer",
                             "require_subcommand", "fallthrough", "allow_extras", "set_help_flag",
                             "set_help_all_flag", "parse", "exit", "count"},
                            name);
}

/// The local variable `e` names (parentheses and implicit casts aside).
const clang::VarDecl* local_named(const clang::Expr* e) {
  const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  return var != nullptr && var->hasLocalStorage() && !llvm::isa<clang::ParmVarDecl>(var) ? var : nullptr;
}

/// A local CLI::App object (not a reference or pointer).
bool is_local_app(const clang::VarDecl* var) {
  return var != nullptr && !var->getType()->isReferenceType() && is_cli11_app(var->getType()->getAsCXXRecordDecl());
}

/// An expression that reaches an App of the tree: the local App, a local
/// CLI::App* or CLI::App&, or an App method's App* result.
bool reaches_tree(const clang::Stmt& s) {
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s)) {
    const clang::VarDecl* var = local_named(ref);
    return var != nullptr && (is_local_app(var) || is_app_pointer(var->getType()) || is_app_reference(var->getType()));
  }
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
  const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
  return method != nullptr && is_cli11_app(method->getParent()) && is_app_pointer(call->getType());
}

/// Does the function `fn` keep its Apps' trees to itself (the file comment)?
/// Every expression reaching the tree is the object of a call of
/// keeps_tree, the initialiser of a local CLI::App*, or a discarded
/// statement; and every App method called is one of keeps_tree.
bool keeps_trees_home(const clang::FunctionDecl& fn) {
  const clang::Stmt* body = fn.getBody();
  if (body == nullptr) return false;
  llvm::SmallPtrSet<const clang::Stmt*, 32> allowed;
  const bool other_app_call = flow::contains(body, [&](const clang::Stmt& s) {
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(&s)) {
      for (const clang::Stmt* item : block->body()) {
        if (const auto* e = llvm::dyn_cast<clang::Expr>(item)) allowed.insert(e->IgnoreImplicit()->IgnoreParens());
      }
    }
    if (const auto* var = llvm::dyn_cast<clang::DeclStmt>(&s)) {
      for (const clang::Decl* d : var->decls()) {
        const auto* local = llvm::dyn_cast<clang::VarDecl>(d);
        if (local != nullptr && local->getInit() != nullptr && is_app_pointer(local->getType())) {
          allowed.insert(local->getInit()->IgnoreImplicit()->IgnoreParens());
        }
        if (const clang::Expr* pointer = dereferenced_initialiser(local)) {
          allowed.insert(pointer->IgnoreImplicit()->IgnoreParens());
        }
      }
    }
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
    const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
    if (method == nullptr || !is_cli11_app(method->getParent())) return false;
    if (!keeps_tree(method)) return true;
    allowed.insert(call->getImplicitObjectArgument()->IgnoreImplicit()->IgnoreParens());
    allowed.insert(call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    return false;
  });
  if (other_app_call) return false;
  return !flow::contains(body, [&](const clang::Stmt& s) { return reaches_tree(s) && !allowed.contains(&s); });
}

/// `e` is `app.add_subcommand(...)` on a local App, or a call of keeps_tree
/// returning its own object or a new subcommand on such an expression, or a
/// local CLI::App* initialised with one (a local CLI::App& bound to one
/// dereferenced): a subcommand of the local App returned, else nullptr.
const clang::VarDecl* owning_local_app(const clang::Expr* e, int depth) {
  if (e == nullptr || depth > 8) return nullptr;
  e = e->IgnoreImplicit()->IgnoreParens();
  if (const clang::VarDecl* var = local_named(e)) {
    if (const clang::Expr* pointer = dereferenced_initialiser(var)) return owning_local_app(pointer, depth + 1);
    if (!is_app_pointer(var->getType()) || var->getInit() == nullptr) return nullptr;
    return owning_local_app(var->getInit(), depth + 1);
  }
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e);
  if (call == nullptr || !keeps_tree(call->getMethodDecl()) || !is_app_pointer(call->getType())) return nullptr;
  const clang::Expr* object = call->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (const clang::VarDecl* app = local_named(object);
      call->getMethodDecl()->getName() == "add_subcommand" && is_local_app(app)) {
    return app;
  }
  return owning_local_app(object, depth + 1);
}

}  // namespace

const clang::VarDecl* local_cli_app_keeping(const clang::Expr* object) {
  if (object == nullptr) return nullptr;
  if (!is_app_pointer(object->getType()) && dereferenced_initialiser(local_named(object)) == nullptr) return nullptr;
  const clang::VarDecl* app = owning_local_app(object, 0);
  const auto* fn = app != nullptr ? llvm::dyn_cast_or_null<clang::FunctionDecl>(app->getParentFunctionOrMethod()) : nullptr;
  return fn != nullptr && keeps_trees_home(*fn) ? app : nullptr;
}

}  // namespace meshwa::rules::escaping_reference
