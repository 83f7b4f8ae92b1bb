// Views and raw pointers stored where they outlive what they point into: a
// view of a local stored in an out-parameter, in a variable of an outer block
// or in a local holder of views that is then returned; a raw pointer made to
// point into a temporary, or into a local while the pointer is a global, a
// static or a member of this object. Each judges the target of a store.
#include "Dangling.h"

#include "TypeUtil.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

namespace meshwa::rules::dangling {

/// Does `s` (a block, a catch handler, a loop or if with its own
/// variables) declare `var` directly?
bool Dangling::declares(const clang::Stmt* s, const clang::VarDecl* var) {
  auto in = [var](const clang::Stmt* decl_stmt) {
    const auto* decls = llvm::dyn_cast_or_null<clang::DeclStmt>(decl_stmt);
    return decls != nullptr && llvm::is_contained(decls->decls(), var);
  };
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
    return llvm::any_of(block->body(), [&](const clang::Stmt* child) { return in(child); });
  }
  if (const auto* handler = llvm::dyn_cast<clang::CXXCatchStmt>(s)) return handler->getExceptionDecl() == var;
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) return in(loop->getInit()) || loop->getConditionVariable() == var;
  // (The hidden range variable too: a temporary range lives as long as
  // the loop, `for (const auto& r : load_all())`.)
  if (const auto* loop = llvm::dyn_cast<clang::CXXForRangeStmt>(s)) {
    return loop->getLoopVariable() == var || in(loop->getInit()) || in(loop->getRangeStmt());
  }
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) return in(branch->getInit()) || branch->getConditionVariable() == var;
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s)) return loop->getConditionVariable() == var;
  if (const auto* branch = llvm::dyn_cast<clang::SwitchStmt>(s)) return in(branch->getInit()) || branch->getConditionVariable() == var;
  return false;
}

/// The parameter through which `target` (what a view is assigned to or
/// stored in) reaches the caller: a reference parameter to non-const
/// (`std::string_view& out`), a pointer parameter dereferenced (`*out`,
/// `out->name`), or a member of one (`out.name`). Else nullptr.
const clang::ParmVarDecl* Dangling::out_parameter(const clang::Expr* target) {
  const clang::Expr* e = target;
  auto pointer_parameter = [](const clang::Expr* pointer) -> const clang::ParmVarDecl* {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(pointer->IgnoreParenImpCasts());
    const auto* param = ref != nullptr ? llvm::dyn_cast<clang::ParmVarDecl>(ref->getDecl()) : nullptr;
    if (param == nullptr || ref->refersToEnclosingVariableOrCapture() || !param->getType()->isPointerType() ||
        param->getType()->getPointeeType().isConstQualified()) {
      return nullptr;
    }
    return param;
  };
  for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
    e = e->IgnoreParenImpCasts();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return nullptr;
      if (member->isArrow()) return pointer_parameter(member->getBase());
      e = member->getBase();
      continue;
    }
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e)) {
      return unary->getOpcode() == clang::UO_Deref ? pointer_parameter(unary->getSubExpr()) : nullptr;
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
    const auto* param = ref != nullptr ? llvm::dyn_cast<clang::ParmVarDecl>(ref->getDecl()) : nullptr;
    if (param == nullptr || ref->refersToEnclosingVariableOrCapture() || !param->getType()->isLValueReferenceType() ||
        param->getType().getNonReferenceType().isConstQualified()) {
      return nullptr;
    }
    return param;
  }
  return nullptr;
}

std::string Dangling::source_text(const clang::Expr* e, const RuleContext& ctx) {
  const llvm::StringRef text = clang::Lexer::getSourceText(
      clang::CharSourceRange::getTokenRange(e->IgnoreParenImpCasts()->getSourceRange()), ctx.sources(), ctx.lang());
  return text.empty() || text.size() > 40 ? std::string("the out-parameter") : text.str();
}

/// `out = local;`, `*out = std::string_view(local);`, `out.name = local;`,
/// `out.push_back(local)` with `out` a reference or pointer parameter: the
/// caller keeps a view of a local of this function (or of a by-value
/// parameter), which is destroyed when it returns. True when `target`
/// is such an out-parameter (reported or not).
bool Dangling::check_out_parameter(const clang::Expr* target, const Root& root, clang::SourceLocation loc, RuleContext& ctx) {
  const clang::ParmVarDecl* param = out_parameter(target);
  if (param == nullptr) return false;
  if (root.kind != Root::local || root.var == nullptr || root.var == param) return true;
  // A local std::shared_ptr / meshwa::Shared shares what it points to with
  // other owners; its end frees nothing.
  if (is_shared_owner(root.var->getType())) return true;
  if (!reported_.insert(loc).second) return true;
  const std::string name = root.binding != nullptr ? root.binding->getNameAsString() : root.var->getNameAsString();
  const std::string what = root.var->isExceptionVariable() ? "the caught exception '" + name + "'"
                           : llvm::isa<clang::ParmVarDecl>(root.var) ? "by-value parameter '" + name + "'"
                                                                     : "local variable '" + name + "'";
  ctx.report.error(loc, kName,
                   "out-parameter '" + source_text(target, ctx) + "' is made to refer to " + what +
                       ", which is destroyed when the function returns, so the caller is left with a dangling " +
                       (target->getType()->isPointerType() ? "pointer" : "view") +
                       "; give the caller an owning value instead (a std::string / std::vector out-parameter "
                       "or return value), or make it refer to data that outlives the call");
  ctx.report.note(root.binding != nullptr ? root.binding->getLocation() : root.var->getLocation(),
                  "'" + name + "' is declared here");
  return true;
}

/// `outer = inner_local;`, `outer_views.push_back(inner_local)`: a local
/// view (or container of views, or optional of one) declared in an outer
/// block made to refer to a local of an inner block (a catch parameter:
/// `msg = e.what();`), and used after that block ends (or, in a loop, on
/// the next iteration, before it is assigned again).
void Dangling::check_inner_scope(const clang::Expr* target_expr, const Root& root, clang::SourceLocation loc, RuleContext& ctx) {
  if (check_out_parameter(target_expr, root, loc, ctx)) return;
  // `tok.text = s;`: a view member of a local struct is the struct's.
  const clang::Expr* named = target_expr->IgnoreParenImpCasts();
  const bool member_target = llvm::isa<clang::MemberExpr>(named);
  const clang::ValueDecl* target_field = nullptr;  // the struct's member holding the view
  while (const auto* member = llvm::dyn_cast<clang::MemberExpr>(named)) {
    if (member->isArrow() || !llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return;
    target_field = member->getMemberDecl();
    named = member->getBase()->IgnoreParenImpCasts();
  }
  const auto* target_ref = llvm::dyn_cast<clang::DeclRefExpr>(named);
  const auto* target = target_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(target_ref->getDecl()) : nullptr;
  if (root.kind != Root::local || root.var == nullptr || target == nullptr || target == root.var ||
      !target->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(target) || target->getType()->isReferenceType() ||
      target_ref->refersToEnclosingVariableOrCapture()) {
    return;
  }
  // A local std::shared_ptr / meshwa::Shared is one owner among others
  // (`auto p = cache_; v = p->name;`): its end need not free anything.
  if (is_shared_owner(root.var->getType())) return;
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  std::optional<size_t> root_scope;
  std::optional<size_t> target_scope;
  for (size_t i = parents.size(); i-- > 0;) {
    if (!root_scope && declares(parents[i], root.var)) root_scope = i;
    if (declares(parents[i], target)) {
      target_scope = i;
      break;
    }
  }
  if (!root_scope || !target_scope || *root_scope <= *target_scope) return;
  const clang::FunctionDecl* fn = ctx.enclosing_function();
  if (fn == nullptr || fn->getBody() == nullptr) return;
  const clang::SourceManager& sm = ctx.ast.getSourceManager();
  const clang::Stmt* scope = parents[*root_scope];
  const clang::SourceLocation scope_end = scope->getEndLoc();
  // A loop between the two scopes runs the inner block again: a use of
  // the target in that loop before the assignment reads last iteration's.
  const clang::Stmt* loop = nullptr;
  for (size_t i = *target_scope + 1; i <= *root_scope; ++i) {
    if (llvm::isa<clang::ForStmt, clang::CXXForRangeStmt, clang::WhileStmt, clang::DoStmt>(parents[i])) {
      loop = parents[i];
      break;
    }
  }
  // A block that always leaves the function after the inner one (`if
  // (unix) { { sockaddr_un addr; hints.ai_addr = &addr; ... } return sock; }
  // use(hints);`, cpp-httplib): a use past that return or throw is on
  // another path, never after the block ends. Only without goto, which
  // could jump past the exit.
  clang::SourceLocation reach_end;  // invalid: the end of the function
  const bool jumps = flow::contains(fn->getBody(), [](const clang::Stmt& s) {
    return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt>(s);
  });
  for (size_t i = *root_scope; !jumps && i-- > *target_scope && reach_end.isInvalid();) {
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parents[i]);
    if (block == nullptr) continue;
    bool past = false;
    for (const clang::Stmt* child : block->body()) {
      if (child == parents[i + 1]) {
        past = true;
        continue;
      }
      const auto* value = llvm::dyn_cast<clang::Expr>(child);
      if (past && (llvm::isa<clang::ReturnStmt>(child) ||
                   (value != nullptr && llvm::isa<clang::CXXThrowExpr>(value->IgnoreParenImpCasts())))) {
        reach_end = child->getEndLoc();
        break;
      }
    }
  }
  const clang::DeclRefExpr* after = nullptr;  // the first use after the block
  const clang::DeclRefExpr* again = nullptr;  // a use earlier in the loop
  std::set<const clang::Expr*> reassigned;
  std::set<const clang::Expr*> other_member;  // `t` in `t.kind`, another member than the view's
  flow::contains(fn->getBody(), [&](const clang::Stmt& s) {
    if (const auto* assign = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
        assign != nullptr && assign->getOperator() == clang::OO_Equal && assign->getNumArgs() == 2) {
      const clang::Expr* lhs = assign->getArg(0)->IgnoreParenImpCasts();
      reassigned.insert(lhs);
      // (`tok.text = "lit";` gives the member a new value: its base is
      // taken as assigned, whichever member the first error was about.)
      if (member_target) {
        while (const auto* member = llvm::dyn_cast<clang::MemberExpr>(lhs)) lhs = member->getBase()->IgnoreParenImpCasts();
        reassigned.insert(lhs);
      }
    }
    // `tok.kind` after the block reads another member, not the view.
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&s); member_target && member != nullptr &&
        !member->isArrow() && member->getMemberDecl() != target_field) {
      other_member.insert(member->getBase()->IgnoreParenImpCasts());
    }
    const auto* use = llvm::dyn_cast<clang::DeclRefExpr>(&s);
    if (use == nullptr || use->getDecl() != target || use == target_ref || other_member.count(use) != 0) return false;
    if (ctx.never_runs(*use, *fn)) return false;  // never reads what it views
    const clang::SourceLocation at = use->getLocation();
    if (sm.isBeforeInTranslationUnit(scope_end, at)) {
      if (reach_end.isValid() && sm.isBeforeInTranslationUnit(reach_end, at)) return false;  // past the exit
      if (after == nullptr || sm.isBeforeInTranslationUnit(at, after->getLocation())) after = use;
    } else if (loop != nullptr && sm.isBeforeInTranslationUnit(loop->getBeginLoc(), at) &&
               sm.isBeforeInTranslationUnit(at, loc) && again == nullptr) {
      again = use;
    }
    return false;
  });
  if (after != nullptr && reassigned.count(after) != 0) after = nullptr;  // assigned again before any read
  if (again != nullptr && reassigned.count(again) != 0) again = nullptr;
  const clang::DeclRefExpr* use = after != nullptr ? after : again;
  if (use == nullptr || !reported_.insert(loc).second) return;
  const std::string name = root.var->getNameAsString();
  const std::string what = root.var->isExceptionVariable()
                               ? "the caught exception '" + name + "', which is destroyed at the end of its handler"
                               : "'" + name + "', which is destroyed at the end of its block";
  const std::string target_name = member_target ? source_text(target_expr, ctx) : target->getNameAsString();
  if (root.var->isImplicit()) {
    // The hidden range variable of a range-for over a temporary.
    ctx.report.error(loc, kName,
                     "'" + target_name + "' is made to refer into the range of this range-for loop, a temporary " +
                         "destroyed when the loop ends, but '" + target->getNameAsString() + "' is used after that" +
                         (use == again ? " (on the next iteration of the loop)" : "") +
                         "; keep a copy instead (std::string / std::vector, not a view), or keep the range in a "
                         "variable declared in the same block as '" + target->getNameAsString() + "'");
    ctx.report.note(scope->getBeginLoc(), "the loop is here");
    ctx.report.note(use->getLocation(), "'" + target->getNameAsString() + "' is used here");
    return;
  }
  ctx.report.error(loc, kName,
                   "'" + target_name + "' is made to refer to " + what + ", but '" +
                       target->getNameAsString() + "' is used after that" +
                       (use == again ? " (on the next iteration of the loop)" : "") +
                       "; keep a copy instead (std::string / std::vector, not a view)" +
                       (root.var->isExceptionVariable()
                            ? std::string(", e.g. a std::string of the message")
                            : ", or declare '" + name + "' in the same block as '" + target->getNameAsString() + "'"));
  ctx.report.note(root.var->getLocation(), "'" + name + "' is declared here");
  ctx.report.note(use->getLocation(), "'" + target->getNameAsString() + "' is used here");
}

/// The local holder of views `holder_expr` names (`r` in `r.push_back(s)`,
/// `m` in `m[k] = s`): a variable of this function, not a parameter, a
/// reference or a capture. Else nullptr.
const clang::VarDecl* Dangling::local_holder(const clang::Expr* holder_expr) {
  const auto* ref = holder_expr != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(holder_expr->IgnoreParenImpCasts()) : nullptr;
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
      var->getType()->isReferenceType() || ref->refersToEnclosingVariableOrCapture()) {
    return nullptr;
  }
  return var;
}

/// The holder of views whose element the view glvalue `e` is: `m[k]`,
/// `views.at(i)`, `views.front()`, `views.back()`, `*o`, `o.value()` of a
/// std container / optional of views. Else nullptr.
const clang::Expr* Dangling::element_holder(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  const clang::Expr* object = nullptr;
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
    if ((op->getOperator() == clang::OO_Subscript || op->getOperator() == clang::OO_Star) && op->getNumArgs() >= 1) {
      object = op->getArg(0);
    }
  } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method != nullptr && method->getIdentifier() != nullptr &&
        (method->getName() == "at" || method->getName() == "front" || method->getName() == "back" ||
         method->getName() == "value")) {
      object = call->getImplicitObjectArgument();
    }
  }
  if (object == nullptr || !e->isGLValue() || object->getType()->isPointerType() ||
      !holds_owner_views(object->getType().getNonReferenceType())) {
    return nullptr;
  }
  return object;
}

/// Does the returned value `e` hand `var` to the caller: `var` itself,
/// `std::move(var)`, or a part of the returned object built from it
/// (`{std::move(var), n}`, `Result{var}`, `std::pair(var, n)`,
/// `std::make_pair(var, n)`, `std::make_optional(var)`, either branch of
/// `?:`)? A call that computes something from it (`join(var)`,
/// `var.size()`, `std::vector<std::string>(var.begin(), var.end())`) does
/// not.
bool Dangling::hands_over(const clang::Expr* e, const clang::VarDecl* var, unsigned depth) {
  if (e == nullptr || depth > 12) return false;
  e = skip_carriers(e, {clang::CK_NoOp, clang::CK_LValueToRValue, clang::CK_ConstructorConversion,
                        clang::CK_DerivedToBase, clang::CK_UncheckedDerivedToBase});
  if (e == nullptr) return false;
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    if (ref->getDecl() == var) return true;
    // `std::string_view copy = data; return copy;`, `auto& alias = data;
    // return alias;`: a local that is a copy of (or a reference to) `var`
    // and is never given anything else.
    const auto* copy = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    return copy != nullptr && copy != var && unchanged_copy_of(*copy, var, depth);
  }
  if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
    // The arms that can run (`kMoveAll ? Pair{std::move(lines), ...} :
    // Pair{{}, ...}` with a constant kMoveAll hands over what its one arm does).
    const llvm::SmallVector<const clang::Expr*, 2> arms =
        var != nullptr ? flow::arms_that_can_run(*conditional, var->getASTContext())
                       : llvm::SmallVector<const clang::Expr*, 2>{conditional->getTrueExpr(), conditional->getFalseExpr()};
    return llvm::any_of(arms, [&](const clang::Expr* arm) { return hands_over(arm, var, depth + 1); });
  }
  llvm::SmallVector<const clang::Expr*, 4> parts;
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
    for (const clang::Expr* init : list->inits()) parts.push_back(init);
  } else if (const auto* list = llvm::dyn_cast<clang::CXXParenListInitExpr>(e)) {
    for (const clang::Expr* init : list->getInitExprs()) parts.push_back(init);
  } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    // A copy or move, or a std::pair / std::tuple / std::optional made of it.
    const clang::CXXConstructorDecl* ctor = construct->getConstructor();
    if (ctor == nullptr) return false;
    if (!ctor->isCopyOrMoveConstructor() &&
        !is_std_class(construct->getType()->getAsCXXRecordDecl(), {"pair", "tuple", "optional"})) {
      return false;
    }
    for (const clang::Expr* arg : construct->arguments()) parts.push_back(arg);
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee != nullptr && !callee->isInStdNamespace() && !llvm::isa<clang::CXXMethodDecl>(callee)) {
      return handed_back(*call, *callee, var, depth);
    }
    if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
        llvm::isa<clang::CXXMethodDecl>(callee)) {
      return false;
    }
    const llvm::StringRef name = callee->getName();
    if (name != "move" && name != "forward" && name != "make_pair" && name != "make_tuple" &&
        name != "make_optional") {
      return false;
    }
    for (const clang::Expr* arg : call->arguments()) parts.push_back(arg);
  } else {
    return false;
  }
  return llvm::any_of(parts, [&](const clang::Expr* part) { return hands_over(part, var, depth + 1); });
}

/// `sink(data)` with `std::string_view sink(std::string_view data) {
/// return data; }` (Juliet's flow variant 41): a function of the program
/// whose body returns the view it is given by value, as the same type,
/// hands that view back.
bool Dangling::handed_back(const clang::CallExpr& call, const clang::FunctionDecl& callee, const clang::VarDecl* var,
                           unsigned depth) {
  const clang::QualType result = call.getType().getUnqualifiedType().getCanonicalType();
  for (unsigned i = 0; i < call.getNumArgs() && i < callee.getNumParams(); ++i) {
    const clang::QualType param = callee.getParamDecl(i)->getType();
    if (!param->isReferenceType() && is_view(param) && param.getUnqualifiedType().getCanonicalType() == result &&
        Roots::returns_parameter(callee, i) && hands_over(call.getArg(i), var, depth + 1)) {
      return true;
    }
  }
  return false;
}

/// Is the local `copy` initialised from `var` (hands_over) and never
/// assigned, cleared, reset or swapped in its function afterwards, nor
/// bound to a non-const reference? Then it holds what `var` held.
bool Dangling::unchanged_copy_of(const clang::VarDecl& copy, const clang::VarDecl* var, unsigned depth) {
  if (!copy.hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(copy) || copy.getInit() == nullptr) return false;
  // A reference, or a copy of a view (trivially copyable: it owns no
  // storage, so it views what `var` views). A copy of an owner (`std::string
  // c = s;`) has storage of its own.
  const clang::ASTContext& ast = copy.getASTContext();
  if (!copy.getType()->isReferenceType() && !copy.getType().isTriviallyCopyableType(ast)) return false;
  // Made from another variable of the same type (a copy, not a
  // conversion: `std::optional<std::string_view> o = s;` is a fill).
  const auto* from = llvm::dyn_cast<clang::DeclRefExpr>(flow::past_copies(copy.getInit()));
  const auto* source = from != nullptr ? llvm::dyn_cast<clang::VarDecl>(from->getDecl()) : nullptr;
  if (source == nullptr || !ast.hasSameUnqualifiedType(source->getType().getNonReferenceType(),
                                                       copy.getType().getNonReferenceType())) {
    return false;
  }
  if (!hands_over(copy.getInit(), var, depth + 1)) return false;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(copy.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  const auto names_copy = [&](const clang::Expr* e) {
    const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
    return ref != nullptr && ref->getDecl() == &copy;
  };
  return !flow::contains(fn->getBody(), [&](const clang::Stmt& s) {
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
      return op->isAssignmentOp() && op->getNumArgs() == 2 && names_copy(op->getArg(0));
    }
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&s)) return op->isAssignmentOp() && names_copy(op->getLHS());
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      return names_copy(call->getImplicitObjectArgument()) && method != nullptr && !method->isConst();
    }
    if (const auto* other = llvm::dyn_cast<clang::DeclStmt>(&s)) {
      for (const clang::Decl* d : other->decls()) {
        const auto* bound = llvm::dyn_cast<clang::VarDecl>(d);
        if (bound != nullptr && bound->getType()->isReferenceType() &&
            !bound->getType().getNonReferenceType().isConstQualified() && names_copy(bound->getInit())) {
          return true;
        }
      }
    }
    return false;
  });
}

/// `r.push_back(local)`, `m[k] = local`, `o = local`, `std::optional<
/// std::string_view> o = local;`: views of a local (or a by-value
/// parameter) of this function stored in `holder`, a local holder of
/// views that a `return` then hands to the caller (by name, moved, or as a
/// part of the returned object). The caller gets views of an object
/// destroyed when the function returns. Reported at the fill, with a note
/// at the return. Not when the owner is handed over by the same return
/// (`return {std::move(lines), std::move(views)};`: a moved std::vector
/// keeps its elements where they are), when the holder is emptied or
/// reassigned after the fill, or when the owner is a local
/// std::shared_ptr / meshwa::Shared (shared with other owners).
void Dangling::check_returned_holder(const clang::VarDecl* holder, const Root& root, clang::SourceLocation loc,
                                     RuleContext& ctx) {
  if (holder == nullptr || root.kind != Root::local || root.var == nullptr || root.var == holder ||
      is_shared_owner(root.var->getType()) || reported_.count(loc) != 0) {
    return;
  }
  const clang::FunctionDecl* fn = ctx.enclosing_function();
  if (fn == nullptr || fn->getBody() == nullptr || holder->getParentFunctionOrMethod() != fn ||
      root.var->getParentFunctionOrMethod() != fn) {
    return;
  }
  const clang::SourceManager& sm = ctx.sources();
  const clang::ReturnStmt* returned = nullptr;
  bool emptied = false;
  // Outside lambdas: a lambda's returns are its own.
  flow::contains_outside_lambdas(fn->getBody(), [&](const clang::Stmt& st) {
    const clang::Stmt* s = &st;
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) {
      if (ret->getRetValue() != nullptr && hands_over(ret->getRetValue(), holder) &&
          !hands_over(ret->getRetValue(), root.var) &&
          (returned == nullptr || sm.isBeforeInTranslationUnit(ret->getBeginLoc(), returned->getBeginLoc()))) {
        returned = ret;
      }
    }
    // holder.clear(), holder = ..., holder.swap(..) after the fill.
    const clang::Expr* changed = nullptr;
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(s)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method != nullptr && method->getIdentifier() != nullptr &&
          (method->getName() == "clear" || method->getName() == "assign" || method->getName() == "swap" ||
           method->getName() == "reset")) {
        changed = call->getImplicitObjectArgument();
      }
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s);
               op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
      changed = op->getArg(0);
    }
    // (`r.name = other;` gives the struct's view other data: also taken as a change.)
    if (const auto* member = changed != nullptr ? llvm::dyn_cast<clang::MemberExpr>(changed->IgnoreParenImpCasts()) : nullptr;
        member != nullptr && !member->isArrow()) {
      changed = member->getBase();
    }
    if (changed != nullptr && local_holder(changed) == holder && sm.isBeforeInTranslationUnit(loc, s->getBeginLoc())) {
      emptied = true;
    }
    return false;
  });
  if (returned == nullptr || emptied || !reported_.insert(loc).second) return;
  const std::string name = root.binding != nullptr ? root.binding->getNameAsString() : root.var->getNameAsString();
  const std::string what = root.var->isExceptionVariable() ? "the caught exception '" + name + "'"
                           : llvm::isa<clang::ParmVarDecl>(root.var) ? "by-value parameter '" + name + "'"
                                                                     : "local variable '" + name + "'";
  const std::string holder_text = "'" + holder->getNameAsString() + "'";
  ctx.report.error(loc, kName,
                   "a view of " + what + " is stored in " + holder_text +
                       ", which the function returns, so the caller gets a view of an object destroyed when the "
                       "function returns; store owning values instead (std::string / std::vector elements), or "
                       "make the views view data that outlives the call (a reference parameter's, a member's)");
  ctx.report.note(root.binding != nullptr ? root.binding->getLocation() : root.var->getLocation(),
                  "'" + name + "' is declared here");
  ctx.report.note(returned->getBeginLoc(), holder_text + " is returned here");
}

std::string Dangling::holder_name(const clang::Expr* object) {
  const clang::Expr* e = object->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return "'" + ref->getDecl()->getNameAsString() + "'";
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    return "'" + member->getMemberDecl()->getNameAsString() + "'";
  }
  return "the container";
}

/// `p = &x;`, `*out = buf;`, `g_name = s.c_str();`: a raw pointer made to
/// point into a temporary (dangling from the next statement), or into a
/// local of this function while the pointer outlives it: a global or
/// static (CERT DCL30-C), an out-parameter (`char** out`, `int*& out`), a
/// pointer of an outer block used after the local's block ends.
void Dangling::check_pointer_store(const clang::BinaryOperator& assign, RuleContext& ctx) {
  const clang::Expr* target = assign.getLHS();
  if (auto root = Roots{caches_, ctx.ast}.of_address(assign.getRHS())) {
    report_binding(assign.getOperatorLoc(), "'" + pointer_name(target, ctx) + "'", *root, ctx);
    return;
  }
  std::optional<Root> local = local_roots(ctx).of_address(assign.getRHS());
  if (!local || local->kind != Root::local || local->var == nullptr) return;
  // `ctx->cur = &item; work(ctx); ctx->cur = nullptr;`: pointed elsewhere
  // again before the function is left (on the straight path).
  const bool outliving = out_parameter(target) != nullptr || stored_beyond_call(target);
  if (outliving && assigned_again_later(target, assign, ctx)) return;
  if (check_global_store(target, *local, assign.getOperatorLoc(), ctx)) return;
  check_inner_scope(target, *local, assign.getOperatorLoc(), ctx);
}

/// A global, a static or (a part of) a member of this object.
bool Dangling::stored_beyond_call(const clang::Expr* target) {
  const clang::Expr* bare = target->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(bare)) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    return var != nullptr && var->hasGlobalStorage();
  }
  return llvm::isa<clang::MemberExpr>(bare) && Roots::is_part_of_this(bare);
}

/// Two lvalues naming one pointer object: `p`, `bar->cur`, `this->cur_`,
/// `*out`.
bool Dangling::same_pointer_object(const clang::Expr* a, const clang::Expr* b) {
  const auto* da = llvm::dyn_cast<clang::UnaryOperator>(a->IgnoreParenImpCasts());
  const auto* db = llvm::dyn_cast<clang::UnaryOperator>(b->IgnoreParenImpCasts());
  if (da != nullptr && db != nullptr && da->getOpcode() == clang::UO_Deref && db->getOpcode() == clang::UO_Deref) {
    return same_object(da->getSubExpr(), db->getSubExpr());
  }
  return da == nullptr && db == nullptr && same_object(a, b);
}

/// Is `target` assigned again after `assign`, in the same function and not
/// in a lambda?
bool Dangling::assigned_again_later(const clang::Expr* target, const clang::BinaryOperator& assign, RuleContext& ctx) {
  const clang::FunctionDecl* fn = ctx.enclosing_function();
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  const clang::SourceManager& sm = ctx.sources();
  return flow::contains_outside_lambdas(fn->getBody(), [&](const clang::Stmt& s) {
    const auto* other = llvm::dyn_cast<clang::BinaryOperator>(&s);
    return other != nullptr && other != &assign && other->getOpcode() == clang::BO_Assign &&
           sm.isBeforeInTranslationUnit(assign.getBeginLoc(), other->getBeginLoc()) &&
           same_pointer_object(target, other->getLHS());
  });
}

/// What code calls the pointer assigned: `p`, `out->name`, `*out`.
std::string Dangling::pointer_name(const clang::Expr* target, const RuleContext& ctx) {
  const llvm::StringRef text = clang::Lexer::getSourceText(
      clang::CharSourceRange::getTokenRange(target->IgnoreParenImpCasts()->getSourceRange()), ctx.sources(), ctx.lang());
  return text.empty() || text.size() > 40 ? std::string("the pointer") : text.str();
}

/// `g = &local;` with `g` a global, a static member or a static local, or
/// `cur_ = &local;` with `cur_` a member of this object: it keeps the
/// address after the function returns. True when reported.
bool Dangling::check_global_store(const clang::Expr* target, const Root& root, clang::SourceLocation loc, RuleContext& ctx) {
  const clang::Expr* bare = target->IgnoreParenImpCasts();
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(bare);
  const clang::ValueDecl* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  const char* kind = nullptr;
  if (var != nullptr && llvm::cast<clang::VarDecl>(var)->hasGlobalStorage()) {
    kind = llvm::cast<clang::VarDecl>(var)->isStaticLocal() ? "static" : "global";
  } else if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(bare);
             member != nullptr && llvm::isa<clang::FieldDecl>(member->getMemberDecl()) && Roots::is_part_of_this(bare)) {
    var = member->getMemberDecl();  // cur_ = &local, links_.head = &local: the object outlives the call
    kind = "member";
  }
  if (kind == nullptr || root.var->hasGlobalStorage()) return false;
  if (is_shared_owner(root.var->getType()) || !reported_.insert(loc).second) return true;
  const std::string name = root.binding != nullptr ? root.binding->getNameAsString() : root.var->getNameAsString();
  const std::string what = llvm::isa<clang::ParmVarDecl>(root.var) ? "by-value parameter '" + name + "'"
                                                                    : "local variable '" + name + "'";
  ctx.report.error(loc, kName,
                   std::string(kind) + " '" +
                       (llvm::StringRef(kind) == "member" ? pointer_name(target, ctx) : var->getNameAsString()) +
                       "' is made to point to " + what +
                       ", which is destroyed when the function returns, so it dangles from then on; keep a copy of "
                       "the data instead (a std::string / std::vector), or point it at data with static storage");
  ctx.report.note(root.binding != nullptr ? root.binding->getLocation() : root.var->getLocation(),
                  "'" + name + "' is declared here");
  return true;
}

}  // namespace meshwa::rules::dangling
