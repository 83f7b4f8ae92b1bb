// A local std::unique_ptr / std::shared_ptr dereferenced where it is empty
// on every path (moved into another smart pointer, reset(), = nullptr,
// declared empty): a null dereference. Its moved-from state is specified,
// so other uses are fine; references bound to it are followed (Aliases).
#include "UseAfterMove.h"

#include <algorithm>
#include <set>
#include <string>

#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"

namespace meshwa::rules::use_after_move {

/// A local std::unique_ptr<T> / std::shared_ptr<T> dereferenced (`p->m`,
/// `*p`) where it is empty on every path that reaches the dereference:
/// moved from into another smart pointer, reset(), released, assigned
/// nullptr, or declared empty, and given no value since. A null pointer
/// dereference (CWE-476); libstdc++ does not even assert in operator->.
/// "Every path" (not "some path", as for Owned) keeps correlated
/// branches accepted: `if (c) p = make(); ... if (c) p->run();`.
void UseAfterMove::analyse_smart_pointers(const clang::FunctionDecl& fn, RuleContext& ctx) {
  if (fn.getBody() == nullptr) return;
  std::vector<const clang::VarDecl*> vars;
  flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
    if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
      for (const clang::Decl* d : decl_stmt->decls()) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
        if (var != nullptr && var->hasLocalStorage() && !llvm::isa<clang::ParmVarDecl>(var) &&
            is_std_smart_pointer(var->getType())) {
          vars.push_back(var);
        }
      }
    }
    return false;
  });
  if (vars.empty() || vars.size() > 64) return;
  const Aliases aliases = local_aliases(fn, vars);
  // Pre-filter: no CFG unless one of them can be left empty at all.
  auto tracked = [&](const clang::Expr* e) {
    const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
    return ref != nullptr && aliased(aliases, ref->getDecl()) != nullptr;
  };
  const bool may_empty = std::any_of(vars.begin(), vars.end(), [&](const clang::VarDecl* var) {
    return var->getInit() == nullptr || is_null_argument(var->getInit(), ctx.ast);
  }) || flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
    if (tracked(moved_operand(s))) return true;
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      return method != nullptr && method->getIdentifier() != nullptr &&
             (method->getName() == "reset" || method->getName() == "release") &&
             tracked(call->getImplicitObjectArgument());
    }
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
    return op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 &&
           tracked(op->getArg(0)) && is_null_argument(op->getArg(1), ctx.ast);
  });
  if (!may_empty) return;
  flow::with_stack_for(fn, [&] { analyse_smart_pointer_flow(fn, vars, aliases, ctx); });
}

UseAfterMove::Aliases UseAfterMove::local_aliases(const clang::FunctionDecl& fn, const std::vector<const clang::VarDecl*>& vars) {
  Aliases aliases;
  for (const clang::VarDecl* var : vars) aliases.emplace(var, var);
  std::vector<std::pair<const clang::VarDecl*, const clang::ValueDecl*>> references;  // (reference, bound to)
  flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
    const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s);
    if (decl_stmt == nullptr) return false;
    for (const clang::Decl* d : decl_stmt->decls()) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
      if (var == nullptr || !var->hasLocalStorage() || !var->getType()->isLValueReferenceType() ||
          var->getInit() == nullptr) {
        continue;
      }
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(var->getInit()->IgnoreParenImpCasts());
      if (ref != nullptr) references.emplace_back(var, ref->getDecl());
    }
    return false;
  });
  // A reference to a reference: a few rounds, whatever order they were found in.
  for (int round = 0; round < 4; ++round) {
    bool grew = false;
    for (const auto& [reference, bound] : references) {
      const clang::VarDecl* target = aliased(aliases, bound);
      if (target != nullptr) grew |= aliases.emplace(reference, target).second;
    }
    if (!grew) break;
  }
  return aliases;
}

/// The tracked local that `d` is, or is a reference to; nullptr if none.
const clang::VarDecl* UseAfterMove::aliased(const Aliases& aliases, const clang::ValueDecl* d) {
  auto it = aliases.find(d);
  return it == aliases.end() ? nullptr : it->second;
}

/// `auto copy = data;`, `std::shared_ptr<T> copy(data);`: a copy of a
/// tracked smart pointer, which is as empty as the original.
const clang::DeclRefExpr* UseAfterMove::copied_from(const clang::VarDecl& var) {
  const clang::Expr* init = var.getInit();
  if (init == nullptr) return nullptr;
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init->IgnoreImplicit()->IgnoreParens());
  if (construct == nullptr || construct->getNumArgs() != 1 || !construct->getConstructor()->isCopyConstructor()) {
    return nullptr;
  }
  return llvm::dyn_cast<clang::DeclRefExpr>(construct->getArg(0)->IgnoreParenImpCasts());
}

/// std::unique_ptr<T> or std::shared_ptr<T> of a single object (not a
/// reference to one: what it refers to may be refilled elsewhere).
bool UseAfterMove::is_std_smart_pointer(clang::QualType type) {
  if (type.isNull() || type->isReferenceType()) return false;
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace() ||
      (spec->getName() != "unique_ptr" && spec->getName() != "shared_ptr")) {
    return false;
  }
  const clang::QualType element = first_type_argument(spec);
  return !element.isNull() && !element->isArrayType();
}

/// `nullptr` (or `NULL`, `0`) as an argument: an empty smart pointer.
bool UseAfterMove::is_null_argument(const clang::Expr* e, clang::ASTContext& ast) {
  e = e->IgnoreImplicit()->IgnoreParens();
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    if (construct->getNumArgs() == 0) return true;
    if (construct->getNumArgs() != 1) return false;
    e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
  }
  return e->isNullPointerConstant(ast, clang::Expr::NPC_ValueDependentIsNotNull) != clang::Expr::NPCK_NotNull;
}

void UseAfterMove::analyse_smart_pointer_flow(const clang::FunctionDecl& fn, const std::vector<const clang::VarDecl*>& vars,
                                              const Aliases& aliases, RuleContext& ctx) {
  std::unique_ptr<clang::CFG> cfg = flow::build_cfg(fn, ctx.ast);
  if (cfg == nullptr) return;
  clang::ParentMap parents(fn.getBody());
  const size_t n = vars.size();
  const clang::Stmt* body = fn.getBody();
  auto index_of = [&](const clang::Expr* e) -> int {
    const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
    if (ref == nullptr) return -1;
    auto it = std::find(vars.begin(), vars.end(), aliased(aliases, ref->getDecl()));
    return it == vars.end() ? -1 : static_cast<int>(it - vars.begin());
  };
  // Slots [0, n): may hold a value (non-null on some path). Slots [n, 2n):
  // where it was last emptied, for the note.
  auto empty = [&](flow::State& state, int i, const clang::Stmt& at) {
    state[i] = nullptr;
    state[n + i] = &at;
  };
  auto filled = [&](flow::State& state, int i) { state[i] = body; };
  struct Deref {
    clang::SourceLocation at;
    int var;
    const clang::Stmt* emptied;
    const clang::ValueDecl* named;  // the local, or a reference to it
  };
  std::vector<Deref> derefs;
  // `copy = data;` between two tracked pointers, a copy assignment (not a
  // move): the index of `data`, else -1.
  auto copy_assigned_from = [&](const clang::CXXOperatorCallExpr& op) -> int {
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op.getDirectCallee());
    if (op.getOperator() != clang::OO_Equal || op.getNumArgs() != 2 || method == nullptr ||
        !method->isCopyAssignmentOperator() || index_of(op.getArg(0)) < 0) {
      return -1;
    }
    return index_of(op.getArg(1));
  };
  flow::run_forward(*cfg, 2 * n, [&](const clang::Stmt& s, flow::State& state, bool report) {
    if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
      for (const clang::Decl* d : decl_stmt->decls()) {
        auto it = std::find(vars.begin(), vars.end(), d);
        if (it == vars.end()) continue;
        const auto* var = *it;
        const int i = static_cast<int>(it - vars.begin());
        if (var->getInit() == nullptr || is_null_argument(var->getInit(), ctx.ast)) {
          empty(state, i, s);
        } else if (const int from = index_of(copied_from(*var)); from >= 0) {
          state[i] = state[from];  // a copy is empty where the original is
          state[n + i] = state[from] == nullptr ? &s : nullptr;
        } else {
          filled(state, i);
        }
      }
      return;
    }
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&s)) {
      // Whatever a lambda does with a captured pointer is not followed.
      for (const clang::LambdaCapture& capture : lambda->captures()) {
        if (!capture.capturesVariable()) continue;
        auto it = std::find(vars.begin(), vars.end(), aliased(aliases, capture.getCapturedVar()));
        if (it != vars.end()) filled(state, static_cast<int>(it - vars.begin()));
      }
      return;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
        op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
      if (const int i = index_of(op->getArg(0)); i >= 0) {
        if (is_null_argument(op->getArg(1), ctx.ast)) {
          empty(state, i, s);
        } else if (const int from = copy_assigned_from(*op); from >= 0 && from != i) {
          state[n + i] = state[from] == nullptr ? &s : nullptr;  // `copy = data;`: as empty as data
          state[i] = state[from];
        } else {
          filled(state, i);
        }
      }
      return;
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
      const int i = index_of(call->getImplicitObjectArgument());
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (i < 0 || method == nullptr) return;
      const bool named = method->getIdentifier() != nullptr;
      if (named && method->getName() == "release") {
        empty(state, i, s);
      } else if (named && method->getName() == "reset") {
        // unique_ptr::reset(pointer p = pointer()): the default is null.
        if (call->getNumArgs() == 0 || llvm::isa<clang::CXXDefaultArgExpr>(call->getArg(0)) ||
            is_null_argument(call->getArg(0), ctx.ast)) {
          empty(state, i, s);
        } else {
          filled(state, i);
        }
      } else {
        filled(state, i);  // operator bool, get() (tests: the code handles empty), swap, ...
      }
      return;
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
    const int i = index_of(ref);
    if (i < 0) return;
    const clang::Stmt* parent = flow::semantic_parent(parents, ref);
    if (parent == nullptr) {
      filled(state, i);
      return;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
      const clang::OverloadedOperatorKind kind = op->getOperator();
      if ((kind == clang::OO_Arrow || kind == clang::OO_Star) && op->getNumArgs() == 1) {
        if (report && state[i] == nullptr && state[n + i] != nullptr) {
          derefs.push_back({ref->getLocation(), i, state[n + i], ref->getDecl()});
        }
        return;
      }
      if (kind == clang::OO_Equal && op->getNumArgs() == 2 && op->getArg(0)->IgnoreParenImpCasts() == ref) {
        return;  // judged at the assignment, after its right-hand side
      }
      if (copy_assigned_from(*op) == i) return;  // copied from: unchanged
    }
    if (llvm::isa<clang::MemberExpr>(parent)) return;  // judged at the member call
    // Copied into a new local, or bound to a local reference: the
    // declaration is judged at its DeclStmt, and the original is unchanged.
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent);
        construct != nullptr && construct->getNumArgs() == 1 && construct->getConstructor()->isCopyConstructor() &&
        is_std_smart_pointer(construct->getType())) {
      return;
    }
    if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(parent);
        decl_stmt != nullptr && std::all_of(decl_stmt->decl_begin(), decl_stmt->decl_end(), [&](const clang::Decl* d) {
          return aliased(aliases, llvm::dyn_cast<clang::ValueDecl>(d)) != nullptr;
        })) {
      return;
    }
    // std::move(p) into another smart pointer (a move constructor or
    // assignment), or into a standard library call (v.push_back(std::move(p)),
    // m.emplace(k, std::move(p)), which store it), leaves p empty. Handed
    // to an rvalue reference parameter of the user's it may or may not be
    // taken: not followed.
    if (moved_operand(*parent) != nullptr) {
      const clang::Stmt* taker = flow::semantic_parent(parents, parent);
      const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(taker);
      const auto* assign = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(taker);
      const auto* library_call = llvm::dyn_cast_or_null<clang::CallExpr>(taker);
      const clang::FunctionDecl* library = library_call != nullptr ? library_call->getDirectCallee() : nullptr;
      const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(library);
      // (std::forward_as_tuple keeps a reference and takes nothing.)
      const bool stored_by_library =
          library != nullptr && assign == nullptr &&
          (method != nullptr ? method->getParent()->isInStdNamespace() : library->isInStdNamespace()) &&
          !(library->getIdentifier() != nullptr && library->getName() == "forward_as_tuple");
      if ((construct != nullptr && construct->getNumArgs() == 1 &&
           is_std_smart_pointer(construct->getType())) ||
          (assign != nullptr && assign->getOperator() == clang::OO_Equal && assign->getNumArgs() == 2 &&
           is_std_smart_pointer(assign->getArg(0)->getType().getNonReferenceType())) ||
          stored_by_library) {
        empty(state, i, *parent);
        return;
      }
    }
    filled(state, i);  // handed on, compared, copied from: not followed
  });
  std::set<clang::SourceLocation> seen;
  for (const Deref& d : derefs) {
    if (!seen.insert(d.at).second || !reported_.insert(d.at).second) continue;
    const std::string name = vars[d.var]->getNameAsString();
    const std::string used = d.named == vars[d.var]
                                 ? "'" + name + "'"
                                 : "'" + d.named->getNameAsString() + "' (a reference to '" + name + "')";
    ctx.report.error(d.at, kName,
                     used + " is dereferenced while it is empty on every path that reaches here, a null "
                     "pointer dereference; give it a value first (" + name + " = std::make_unique<T>(...)), or "
                     "test it (if (" + name + ")) before using it");
    std::string why = "'" + name + "' was left empty here";
    if (moved_operand(*d.emptied) != nullptr) why = "'" + name + "' was moved from here";
    if (llvm::isa<clang::DeclStmt>(d.emptied)) why = "'" + name + "' is declared empty here";
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(d.emptied);
        op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 &&
        !is_null_argument(op->getArg(1), ctx.ast)) {
      why = "'" + name + "' is assigned a copy of an empty pointer here";
    }
    if (const clang::DeclRefExpr* from = copied_from(*vars[d.var]);
        from != nullptr && llvm::isa<clang::DeclStmt>(d.emptied)) {
      why = "'" + name + "' is declared here as a copy of '" + from->getDecl()->getNameAsString() +
            "', which is empty";
    }
    ctx.report.note(d.emptied->getBeginLoc(), why);
  }
}

}  // namespace meshwa::rules::use_after_move
