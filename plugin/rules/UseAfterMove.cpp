// meshwa-use-after-move: a meshwa::Owned<T> that was moved from is empty;
// using it again is a compile error (DESIGN.md), not a run-time
// meshwa::EmptyHandle.
//
// Flow-sensitive over the function's CFG (Flow.h), in the manner of
// clang-tidy's bugprone-use-after-move but written for Owned: a local or
// parameter of type meshwa::Owned<T> becomes "moved" at std::move(x) (or
// static_cast<Owned<T>&&>(x)), whatever receives it, and "fine" again when
// it is assigned (x = ...) or declared anew (a loop iteration's fresh local).
// Any read in between on some path is an error: a later statement, a later
// loop iteration, or another argument of the same call (argument evaluation
// order is unspecified). Asking the handle whether it is empty (has_value(),
// `if (x)`) is allowed, and from there on the code is taken to handle the
// empty case itself (the analysis does not follow branches of the test).
//
// std::unique_ptr and other types are left alone (their moved-from state is
// specified or not our business). Template patterns are not analysed.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "Flow.h"
#include "Rule.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "use-after-move";

bool in_meshwa_namespace(const clang::Decl* d) {
  const clang::DeclContext* dc = d->getDeclContext();
  while (dc != nullptr && dc->isInlineNamespace()) dc = dc->getParent();
  const auto* ns = llvm::dyn_cast_or_null<clang::NamespaceDecl>(dc);
  return ns != nullptr && ns->getName() == "meshwa" && ns->getParent()->getRedeclContext()->isTranslationUnit();
}

bool is_owned(clang::QualType type) {
  if (type.isNull()) return false;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
  return spec != nullptr && spec->getName() == "Owned" && in_meshwa_namespace(spec);
}

/// A local variable or parameter of type meshwa::Owned<T> (or a reference to one).
const clang::VarDecl* owned_var(const clang::Expr* e) {
  if (e == nullptr) return nullptr;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  if (ref == nullptr) return nullptr;
  const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
  if (var == nullptr || !var->hasLocalStorage() || !is_owned(var->getType())) return nullptr;
  // `auto& alias = o;`: moving through the alias moves o (one handle, two
  // names), so both names are the variable they refer to.
  for (int depth = 0; depth < 8 && var->getType()->isReferenceType() && !llvm::isa<clang::ParmVarDecl>(var); ++depth) {
    const auto* init = var->getInit() != nullptr
                           ? llvm::dyn_cast<clang::DeclRefExpr>(var->getInit()->IgnoreParenImpCasts())
                           : nullptr;
    const auto* referent = init != nullptr ? llvm::dyn_cast<clang::VarDecl>(init->getDecl()) : nullptr;
    if (referent == nullptr || !referent->hasLocalStorage() || !is_owned(referent->getType())) break;
    var = referent;
  }
  return var;
}

/// std::exchange(o, {}) or std::exchange(o, Owned<T>()): o is left empty.
bool leaves_empty(const clang::Expr* replacement) {
  const clang::Expr* e = replacement->IgnoreImplicit();
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) return list->getNumInits() == 0;
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    return construct->getNumArgs() == 0 || construct->getConstructor()->isDefaultConstructor();
  }
  return llvm::isa<clang::CXXScalarValueInitExpr>(e);
}

/// std::move(x) or static_cast<Owned<T>&&>(x): the moved expression, else nullptr.
const clang::Expr* moved_operand(const clang::Stmt& s) {
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr) return nullptr;
    const bool in_std = callee->isInStdNamespace() && callee->getIdentifier() != nullptr;
    if (in_std && callee->getName() == "exchange" && call->getNumArgs() == 2) {
      return leaves_empty(call->getArg(1)) ? call->getArg(0) : nullptr;
    }
    if (call->getNumArgs() != 1) return nullptr;
    const unsigned builtin = callee->getBuiltinID();
    // std::forward<Owned<T>>(o) casts to an rvalue like std::move.
    const bool is_move = builtin == clang::Builtin::BImove || builtin == clang::Builtin::BIforward ||
                         (in_std && (callee->getName() == "move" || callee->getName() == "forward"));
    if (is_move && callee->getName() == "forward" && call->getType()->isLValueReferenceType()) return nullptr;
    return is_move ? call->getArg(0) : nullptr;
  }
  if (const auto* cast = llvm::dyn_cast<clang::CXXStaticCastExpr>(&s)) {
    if (cast->getTypeAsWritten()->isRValueReferenceType()) return cast->getSubExpr();
  }
  return nullptr;
}

/// Reads that are fine on an empty handle: x.has_value(), `if (x)`, `!x`.
bool is_emptiness_test(const clang::ParentMap& parents, const clang::Expr* ref) {
  const clang::Stmt* parent = flow::semantic_parent(parents, ref);
  const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent);
  if (member == nullptr) return false;
  const clang::ValueDecl* decl = member->getMemberDecl();
  if (llvm::isa<clang::CXXConversionDecl>(decl)) return true;  // explicit operator bool
  return decl->getIdentifier() != nullptr && decl->getName() == "has_value";
}

struct Finding {
  clang::SourceLocation use;
  const clang::VarDecl* var;
  const clang::Stmt* move;
  bool again;       // the use is a second move
  bool unsequenced; // the use is another argument of the call that moves
};

class UseAfterMove final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override {
    for (const clang::FunctionDecl* fn : flow::bodies_to_analyse(pattern)) analyse(*fn, ctx);
  }

 private:
  void analyse(const clang::FunctionDecl& fn, RuleContext& ctx) {
    if (fn.getBody() == nullptr) return;
    // Pre-filter: most functions never touch an Owned; build no CFG for them.
    std::vector<const clang::VarDecl*> vars;
    auto collect = [&](const clang::Stmt* root) {
      flow::contains(root, [&](const clang::Stmt& s) {
        if (const auto* e = llvm::dyn_cast<clang::Expr>(&s)) {
          if (const clang::VarDecl* var = owned_var(e)) {
            if (std::find(vars.begin(), vars.end(), var) == vars.end()) vars.push_back(var);
          }
        }
        return false;
      });
    };
    bool has_move = false;
    auto find_move = [&](const clang::Stmt* root) {
      has_move = has_move || flow::contains(root, [](const clang::Stmt& s) {
                   return owned_var(moved_operand(s)) != nullptr;
                 });
    };
    find_move(fn.getBody());
    const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn);
    if (ctor != nullptr) {
      for (const clang::CXXCtorInitializer* init : ctor->inits()) find_move(init->getInit());
    }
    if (!has_move) return;
    collect(fn.getBody());
    if (ctor != nullptr) {
      for (const clang::CXXCtorInitializer* init : ctor->inits()) collect(init->getInit());
    }
    if (vars.empty()) return;
    // The CFG and the ParentMap recurse as deep as the body nests.
    flow::with_stack_for(fn, [&] { analyse_flow(fn, vars, ctx); });
  }

  void analyse_flow(const clang::FunctionDecl& fn, const std::vector<const clang::VarDecl*>& vars, RuleContext& ctx) {
    const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn);
    std::unique_ptr<clang::CFG> cfg = flow::build_cfg(fn, ctx.ast);
    if (cfg == nullptr) return;
    clang::ParentMap parents(fn.getBody());
    if (ctor != nullptr) {
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        if (init->getInit() != nullptr) parents.addStmt(init->getInit());
      }
    }
    auto index_of = [&](const clang::VarDecl* var) -> int {
      auto it = std::find(vars.begin(), vars.end(), var);
      return it == vars.end() ? -1 : static_cast<int>(it - vars.begin());
    };

    std::vector<Finding> findings;
    flow::run_forward(*cfg, vars.size(), [&](const clang::Stmt& s, flow::State& state, bool report) {
      // A fresh declaration (each loop iteration's local) is a fresh handle.
      if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
        for (const clang::Decl* d : decl_stmt->decls()) {
          if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d)) {
            if (int i = index_of(var); i >= 0) state[i] = nullptr;
          }
        }
        return;
      }
      if (const clang::VarDecl* var = owned_var(moved_operand(s))) {
        const int i = index_of(var);
        if (i < 0) return;
        if (report) find_unsequenced(s, var, parents, findings);
        state[i] = &s;
        return;
      }
      if (const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
        if (call->getOperator() == clang::OO_Equal && call->getNumArgs() == 2) {
          if (const clang::VarDecl* var = owned_var(call->getArg(0))) {
            if (int i = index_of(var); i >= 0) state[i] = nullptr;
          }
        }
        return;
      }
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
      if (ref == nullptr) return;
      const clang::VarDecl* var = owned_var(ref);
      const int i = var != nullptr ? index_of(var) : -1;
      if (i < 0 || state[i] == nullptr) return;
      // Code that tests the handle handles the empty case itself (the
      // analysis does not follow which branch of the test is taken).
      if (is_emptiness_test(parents, ref)) {
        state[i] = nullptr;
        return;
      }
      if (!report || flow::is_assigned_to(parents, ref)) return;
      const clang::Stmt* parent = flow::semantic_parent(parents, ref);
      const bool again = parent != nullptr && moved_operand(*parent) != nullptr;
      findings.push_back({ref->getLocation(), var, state[i], again, false});
    });
    emit(findings, ctx);
  }

  /// f(x->size(), std::move(x)): the other arguments of the call that
  /// receives the move may be evaluated after it.
  static void find_unsequenced(const clang::Stmt& move, const clang::VarDecl* var, const clang::ParentMap& parents,
                               std::vector<Finding>& findings) {
    const clang::Stmt* child = &move;
    const clang::Stmt* parent = parents.getParent(child);
    // Climb through the wrappers around the argument to the call itself.
    while (parent != nullptr && llvm::isa<clang::ParenExpr, clang::ImplicitCastExpr, clang::MaterializeTemporaryExpr,
                                          clang::CXXBindTemporaryExpr, clang::CXXConstructExpr>(parent) &&
           !llvm::isa<clang::CXXTemporaryObjectExpr>(parent)) {
      if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent);
          construct != nullptr && construct->getNumArgs() != 1) {
        break;
      }
      child = parent;
      parent = parents.getParent(child);
    }
    llvm::SmallVector<const clang::Expr*, 8> arg_list;
    if (const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(parent)) {
      // The object of a member call is not among the arguments:
      // `x->f(std::move(x))` evaluates x first (C++17).
      for (const clang::Expr* arg : call->arguments()) arg_list.push_back(arg);
    } else if (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(parent)) {
      for (const clang::Expr* arg : construct->arguments()) arg_list.push_back(arg);
    } else {
      return;
    }
    for (const clang::Expr* arg : arg_list) {
      if (arg == child) continue;
      clang::SourceLocation where;
      flow::contains(arg, [&](const clang::Stmt& s) {
        const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
        if (ref != nullptr && ref->getDecl() == var && where.isInvalid()) where = ref->getLocation();
        return where.isValid();
      });
      if (where.isValid()) findings.push_back({where, var, &move, false, true});
    }
  }

  void emit(std::vector<Finding>& findings, RuleContext& ctx) {
    const clang::SourceManager& sm = ctx.sources();
    std::sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
      return sm.isBeforeInTranslationUnit(a.use, b.use);
    });
    // The first use after each move is the one to fix; later ones follow.
    std::set<std::pair<const clang::VarDecl*, const clang::Stmt*>> seen;
    std::set<clang::SourceLocation> at;
    for (const Finding& f : findings) {
      if (!seen.insert({f.var, f.move}).second || !at.insert(f.use).second) continue;
      if (!reported_.insert(f.use).second) continue;  // the same finding in another instantiation
      const std::string name = f.var->getNameAsString();
      std::string message;
      if (f.again) {
        message = "'" + name + "' is moved again after it was already moved from; a moved-from meshwa::Owned is "
                  "empty, so this passes on nothing: move it once, or give it a new value first (" + name +
                  " = meshwa::make_owned<T>(...))";
      } else if (f.unsequenced) {
        message = "'" + name + "' is used in the same call that moves it, and the order in which arguments are "
                  "evaluated is unspecified, so it may already be empty; read what you need into a local "
                  "before the call";
      } else {
        message = "'" + name + "' is used after it was moved from; a moved-from meshwa::Owned is empty "
                  "(using it throws meshwa::EmptyHandle): give it a new value first (" + name +
                  " = meshwa::make_owned<T>(...)), or move it only at its last use";
      }
      ctx.report.error(f.use, kName, message);
      const bool later_in_loop = !f.unsequenced && f.move != nullptr &&
                                 sm.isBeforeInTranslationUnit(f.use, f.move->getBeginLoc());
      ctx.report.note(f.move->getBeginLoc(), later_in_loop
                                                 ? "'" + name + "' was moved from here, in an earlier iteration of the loop"
                                                 : "'" + name + "' was moved from here");
    }
  }

  std::set<clang::SourceLocation> reported_;  // across instantiations of one template
};

}  // namespace

std::unique_ptr<Rule> make_UseAfterMove() { return std::make_unique<UseAfterMove>(); }

}  // namespace meshwa::rules
