// Pointer variables accepted because they are tested for null before they
// are used, and used for nothing else: C library text (std::getenv) copied
// into a std::string, and the checked downcast / std::get_if / std::any_cast
// idioms, declared in an if or tested first. They share the walk that
// finds the first use and how a condition tests the pointer.
#include "RawPointer.h"

#include "Flow.h"
#include "TypeUtil.h"

namespace meshwa::rules::raw_pointer {

/// `std::getenv(name)`, `std::strerror(e)`: a C library function that
/// returns a pointer to text the library owns (null when absent), not
/// into its arguments. Returns the function when `var` is a pointer to
/// char initialised straight by a call to one of them.
const clang::FunctionDecl* RawPointer::library_text_source(const clang::VarDecl& var, RuleContext& ctx) {
  const clang::QualType type = var.getType();
  if (!type->isPointerType() || !type->getPointeeType()->isCharType() || var.getInit() == nullptr) return nullptr;
  const auto* call = llvm::dyn_cast<clang::CallExpr>(var.getInit()->IgnoreParenImpCasts());
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || !is_c_library_function(*callee)) return nullptr;
  // Those that never return null, and those that do (library_text_failure).
  static const llvm::StringRef kOwnText[] = {"getenv", "secure_getenv", "strerror", "strsignal", "setlocale"};
  if (!llvm::is_contained(kOwnText, callee->getName()) && library_text_failure(callee->getName()).empty()) {
    return nullptr;
  }
  return callee;
}

/// The library-text pointer `var` (library_text_source) lives only in an
/// if that tests it, and where it is not null it is only copied: into a
/// std::string (constructed from it, `assign`/`append`/`=`/`+=`), a
/// std::optional<std::string>, or compared through a temporary
/// std::string_view (`std::string_view(v) == "1"`); `*v` (its first
/// character) may be read. The if is the get_if idiom's: declared in the
/// condition (used only in the then-branch) or in the init-statement with
/// a condition that tests it (is_checked_init_statement). Otherwise
/// `other_use` is the use that is neither a test nor a copy, if any.
bool RawPointer::is_copied_library_text(const clang::VarDecl& var, RuleContext& ctx, const clang::Expr*& other_use) {
  other_use = nullptr;
  const auto* if_stmt = llvm::dyn_cast_or_null<clang::IfStmt>(declaring_if_or_while(ctx));
  if (if_stmt == nullptr || if_stmt->isConsteval()) return false;
  const bool in_condition = if_stmt->getConditionVariable() == &var;
  llvm::SmallVector<const clang::Stmt*, 3> parts{if_stmt->getThen()};
  if (in_condition) {
    // Null in the else-branch.
    if (mentions(if_stmt->getElse(), var)) return false;
  } else {
    if (!is_checked_init_statement(var, *if_stmt, ctx)) return false;
    parts.push_back(if_stmt->getCond());
    parts.push_back(if_stmt->getElse());
  }
  for (const clang::Stmt* part : parts) {
    llvm::SmallVector<const clang::Stmt*, 16> ancestors;
    if (!only_tested_or_copied(part, var, ancestors, other_use)) return false;
  }
  return true;
}

/// Every use of `var` under `s` is a null test or a copy of the text (see
/// is_copied_library_text). `ancestors` holds the path from the part's
/// root to `s`.
bool RawPointer::only_tested_or_copied(const clang::Stmt* s, const clang::VarDecl& var,
                                       llvm::SmallVectorImpl<const clang::Stmt*>& ancestors, const clang::Expr*& other_use) {
  if (s == nullptr) return true;
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s); ref != nullptr && ref->getDecl() == &var) {
    if (is_test_or_copy(ancestors, var.getASTContext())) return true;
    other_use = ref;
    return false;
  }
  ancestors.push_back(s);
  for (const clang::Stmt* child : s->children()) {
    if (!only_tested_or_copied(child, var, ancestors, other_use)) return false;
  }
  ancestors.pop_back();
  return true;
}

/// The nearest ancestor that is not an implicit node or parentheses.
const clang::Stmt* RawPointer::written_parent(llvm::ArrayRef<const clang::Stmt*> ancestors, size_t& index) {
  while (index > 0) {
    const clang::Stmt* s = ancestors[--index];
    if (llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr,
                  clang::CXXBindTemporaryExpr, clang::ExprWithCleanups>(s)) {
      continue;
    }
    return s;
  }
  return nullptr;
}

bool RawPointer::is_text_copy_class(const clang::CXXRecordDecl* record) {
  if (is_std_class(record, {"basic_string"})) return true;
  if (!is_std_class(record, {"optional"})) return false;
  const clang::QualType value = first_type_argument(record);  // (std::optional has the one)
  return !value.isNull() && is_std_class(value->getAsCXXRecordDecl(), {"basic_string"});
}

/// The use at the end of `ancestors` (a reference to the pointer) tests
/// it (`v`, `!v`, `v && ...`, `v != nullptr`), reads its first character
/// (`*v`), or copies the text (is_copied_library_text).
bool RawPointer::is_test_or_copy(llvm::ArrayRef<const clang::Stmt*> ancestors, clang::ASTContext& ast) {
  size_t index = ancestors.size();
  const clang::Stmt* parent = written_parent(ancestors, index);
  if (parent == nullptr) return false;
  // The if's condition itself (`if (...; v)`), a conditional's (`v ? std::string(v) : ""`).
  if (llvm::isa<clang::IfStmt>(parent)) return true;
  if (const auto* conditional = llvm::dyn_cast<clang::ConditionalOperator>(parent)) {
    return index + 1 < ancestors.size() && ancestors[index + 1] == conditional->getCond();
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(parent)) {
    return op->getOpcode() == clang::UO_LNot || op->getOpcode() == clang::UO_Deref;
  }
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
    if (binary->isLogicalOp()) return true;
    // v == nullptr, nullptr != v: the pointer itself is no null constant.
    const auto is_null = [&](const clang::Expr* e) {
      return e->IgnoreParenImpCasts()->isNullPointerConstant(ast, clang::Expr::NPC_ValueDependentIsNotNull) !=
             clang::Expr::NPCK_NotNull;
    };
    return binary->isEqualityOp() && (is_null(binary->getLHS()) || is_null(binary->getRHS()));
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent)) {
    const clang::CXXRecordDecl* record = construct->getConstructor()->getParent();
    if (is_text_copy_class(record)) return true;
    // A temporary std::string_view, compared right away.
    if (!is_std_class(record, {"basic_string_view"})) return false;
    const clang::Stmt* user = written_parent(ancestors, index);
    if (llvm::isa_and_nonnull<clang::CXXFunctionalCastExpr>(user)) user = written_parent(ancestors, index);
    if (const auto* copy = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(user)) {
      return is_text_copy_class(copy->getConstructor()->getParent());  // std::string(std::string_view(v))
    }
    const auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(user);
    return op != nullptr && op->isComparisonOp();
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(parent)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    return method != nullptr && is_std_class(method->getParent(), {"basic_string"}) && method->getIdentifier() != nullptr &&
           (method->getName() == "assign" || method->getName() == "append");
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getDirectCallee());
    return method != nullptr && is_std_class(method->getParent(), {"basic_string"}) &&
           (op->getOperator() == clang::OO_Equal || op->getOperator() == clang::OO_PlusEqual);
  }
  return false;
}

/// The library-text pointer `var`, declared on its own (`const char* home
/// = std::getenv("HOME");`), is only tested and copied (is_test_or_copy),
/// and every copy is where it is not null: its first use is `if (home ==
/// nullptr) return fallback;` (an if with no else whose branch leaves),
/// or each copy is on the non-null side of an if or conditional that
/// tests it (`home ? std::string(home) : ""`, `if (home) s = home;`).
bool RawPointer::is_tested_first_library_text(const clang::VarDecl& var, RuleContext& ctx) {
  return is_tested_before_use(var, ctx, [&](llvm::ArrayRef<const clang::Stmt*> ancestors) {
    return is_test_or_copy(ancestors, ctx.ast);
  });
}

/// The pointer `var` is tested for null before it is used: its first use
/// is an if with no else that tests it and leaves when it is null, or every
/// use that is no test is on the non-null side of an if or conditional
/// that tests it; and every use is `allowed` (given the path to it).
template <class Allowed>
bool RawPointer::is_tested_before_use(const clang::VarDecl& var, RuleContext& ctx, Allowed&& allowed) {
  const clang::FunctionDecl* fn = ctx.enclosing_function();
  const clang::Stmt* body = fn != nullptr ? fn->getBody() : nullptr;
  if (body == nullptr || !var.isLocalVarDecl()) return false;
  const clang::SourceManager& sm = ctx.sources();
  const clang::DeclRefExpr* first = nullptr;
  bool first_leaves_when_null = false;
  bool copies_guarded = true;
  bool only_tests_and_copies = true;
  llvm::SmallVector<const clang::Stmt*, 16> ancestors;
  // Iterative pre-order walk that keeps the path to each node.
  llvm::SmallVector<std::pair<const clang::Stmt*, size_t>, 64> stack{{body, 0}};
  while (!stack.empty() && only_tests_and_copies) {
    const auto [s, depth] = stack.pop_back_val();
    if (s == nullptr) continue;
    ancestors.resize(depth);
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s); ref != nullptr && ref->getDecl() == &var) {
      if (!allowed(llvm::ArrayRef<const clang::Stmt*>(ancestors))) only_tests_and_copies = false;
      const bool test = is_null_test(ancestors, var, ctx.ast);
      if (!test && !on_non_null_side(ancestors, var, ctx.ast)) copies_guarded = false;
      if (first == nullptr || sm.isBeforeInTranslationUnit(ref->getLocation(), first->getLocation())) {
        first = ref;
        first_leaves_when_null = test && leaves_when_null(ancestors, var, ctx.ast);
      }
      continue;
    }
    ancestors.push_back(s);
    for (const clang::Stmt* child : s->children()) stack.push_back({child, depth + 1});
  }
  return only_tests_and_copies && first != nullptr && (first_leaves_when_null || copies_guarded);
}

/// The use is in the condition of `if (<var is null>) <leave>;` (no else).
bool RawPointer::leaves_when_null(llvm::ArrayRef<const clang::Stmt*> ancestors, const clang::VarDecl& var,
                                  clang::ASTContext& ast) {
  for (size_t k = ancestors.size(); k-- > 0;) {
    const auto* if_stmt = llvm::dyn_cast<clang::IfStmt>(ancestors[k]);
    if (if_stmt == nullptr) continue;
    return if_stmt->getElse() == nullptr && pointer_test(if_stmt->getCond(), var, ast) == Test::is_null &&
           always_leaves(if_stmt->getThen());
  }
  return false;
}

/// `s` never falls through: return, throw, break, continue, goto, a call
/// of a [[noreturn]] function, or a block that ends in one.
bool RawPointer::always_leaves(const clang::Stmt* s) {
  if (s == nullptr) return false;
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) return always_leaves(block->body_back());
  if (llvm::isa<clang::ReturnStmt, clang::BreakStmt, clang::ContinueStmt, clang::GotoStmt>(s)) return true;
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  if (e == nullptr) return false;
  e = e->IgnoreImplicit();
  if (llvm::isa<clang::CXXThrowExpr>(e)) return true;
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
  return call != nullptr && flow::calls_noreturn(*call);
}

/// The use is on the side of an enclosing if or conditional where its
/// condition says `var` is not null.
bool RawPointer::on_non_null_side(llvm::ArrayRef<const clang::Stmt*> ancestors, const clang::VarDecl& var,
                                  clang::ASTContext& ast) {
  for (size_t k = ancestors.size(); k-- > 1;) {
    const clang::Stmt* s = ancestors[k - 1];
    const clang::Stmt* child = ancestors[k];
    const clang::Expr* cond = nullptr;
    const clang::Stmt* when_true = nullptr;
    const clang::Stmt* when_false = nullptr;
    if (const auto* if_stmt = llvm::dyn_cast<clang::IfStmt>(s)) {
      cond = if_stmt->getCond();
      when_true = if_stmt->getThen();
      when_false = if_stmt->getElse();
    } else if (const auto* conditional = llvm::dyn_cast<clang::ConditionalOperator>(s)) {
      cond = conditional->getCond();
      when_true = conditional->getTrueExpr();
      when_false = conditional->getFalseExpr();
    }
    if (cond == nullptr || child == cond) continue;
    const Test test = pointer_test(cond, var, ast);
    if ((test == Test::non_null && child == when_true) || (test == Test::is_null && child == when_false)) return true;
  }
  return false;
}

/// The use at the end of `ancestors` is in a condition that tests `var`
/// for null (or not): an if's, a loop's, a conditional's, `!v`, `v ==
/// nullptr`, `v && ...`.
bool RawPointer::is_null_test(llvm::ArrayRef<const clang::Stmt*> ancestors, const clang::VarDecl& var,
                              clang::ASTContext& ast) {
  for (size_t k = ancestors.size(); k-- > 0;) {
    const clang::Stmt* s = ancestors[k];
    const clang::Stmt* child = k + 1 < ancestors.size() ? ancestors[k + 1] : nullptr;
    const clang::Expr* cond = nullptr;
    if (const auto* if_stmt = llvm::dyn_cast<clang::IfStmt>(s)) cond = if_stmt->getCond();
    if (const auto* conditional = llvm::dyn_cast<clang::ConditionalOperator>(s)) cond = conditional->getCond();
    if (const auto* while_stmt = llvm::dyn_cast<clang::WhileStmt>(s)) cond = while_stmt->getCond();
    if (cond != nullptr) {
      const Test test = child == cond ? pointer_test(cond, var, ast) : Test::unchecked;
      return test == Test::non_null || test == Test::is_null;
    }
    if (!llvm::isa<clang::Expr>(s)) return false;
  }
  return false;
}

/// `if (auto* click = dynamic_cast<Click*>(&event)) ...`, and the same
/// with std::get_if / std::any_cast (is_checked_access): the pointer lives
/// only in the if/while statement that tests it.
bool RawPointer::is_checked_downcast_condition(const clang::VarDecl& var, RuleContext& ctx) {
  const clang::Expr* init = var.getInit();
  if (init == nullptr) return false;
  if (!llvm::isa<clang::CXXDynamicCastExpr>(init->IgnoreParenImpCasts()) && !is_checked_access(init->IgnoreParenImpCasts())) {
    return false;
  }
  const clang::Stmt* statement = declaring_if_or_while(ctx);
  if (const auto* if_stmt = llvm::dyn_cast_or_null<clang::IfStmt>(statement)) {
    if (if_stmt->getConditionVariable() == &var) return true;
    return is_checked_init_statement(var, *if_stmt, ctx);
  }
  if (const auto* while_stmt = llvm::dyn_cast_or_null<clang::WhileStmt>(statement)) {
    return while_stmt->getConditionVariable() == &var;
  }
  return false;
}

/// `auto* click = dynamic_cast<Click*>(&event); if (click == nullptr)
/// return;` then `click->x`, and the same with std::get_if / std::any_cast:
/// tested before it is used (is_tested_before_use), and never changed
/// (assigned, stepped, its address taken), so it stays what was tested.
bool RawPointer::is_checked_downcast_tested_first(const clang::VarDecl& var, RuleContext& ctx) {
  const clang::Expr* init = var.getInit();
  if (init == nullptr || declaring_if_or_while(ctx) != nullptr) return false;
  if (!llvm::isa<clang::CXXDynamicCastExpr>(init->IgnoreParenImpCasts()) && !is_checked_access(init->IgnoreParenImpCasts())) {
    return false;
  }
  // Tests and reads through it (`*p`, `p->m`), nothing that copies it
  // (a capture, an argument, an assignment) or changes it; at least one
  // read, the idiom's point (a pointer only ever tested is kept in the if).
  bool reads = false;
  const bool tested = is_tested_before_use(var, ctx, [&](llvm::ArrayRef<const clang::Stmt*> ancestors) {
    if (is_null_test(ancestors, var, ctx.ast)) return true;
    size_t index = ancestors.size();
    const clang::Stmt* parent = written_parent(ancestors, index);
    const auto* deref = llvm::dyn_cast_or_null<clang::UnaryOperator>(parent);
    const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent);
    const bool read = (deref != nullptr && deref->getOpcode() == clang::UO_Deref) ||
                      (member != nullptr && member->isArrow());
    reads = reads || read;
    return read;
  });
  return tested && reads;
}

/// The if or while statement around the variable being checked, past the
/// DeclStmt that declares it: the statement whose condition (or, for an
/// if, init-statement) declares it. nullptr when the variable is declared
/// anywhere else. The idioms above (is_checked_downcast_condition,
/// is_copied_library_text) then ask which part declares it.
const clang::Stmt* RawPointer::declaring_if_or_while(RuleContext& ctx) {
  for (auto it = ctx.stmt_parents().rbegin(); it != ctx.stmt_parents().rend(); ++it) {
    if (llvm::isa<clang::IfStmt, clang::WhileStmt>(*it)) return *it;
    if (!llvm::isa<clang::DeclStmt>(*it)) return nullptr;
  }
  return nullptr;
}

bool RawPointer::names(const clang::Expr* e, const clang::VarDecl& var) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  return ref != nullptr && ref->getDecl() == &var;
}

bool RawPointer::mentions(const clang::Stmt* s, const clang::VarDecl& var) {
  return flow::contains(s, [&](const clang::Stmt& t) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&t);
    return ref != nullptr && ref->getDecl() == &var;
  });
}

/// `e` compares `var` with a null pointer constant.
bool RawPointer::is_null_comparison(const clang::BinaryOperator& cmp, const clang::VarDecl& var, clang::ASTContext& ast) {
  const auto is_null = [&](const clang::Expr* e) {
    return e->IgnoreParenImpCasts()->isNullPointerConstant(ast, clang::Expr::NPC_ValueDependentIsNotNull) !=
           clang::Expr::NPCK_NotNull;
  };
  return (names(cmp.getLHS(), var) && is_null(cmp.getRHS())) || (names(cmp.getRHS(), var) && is_null(cmp.getLHS()));
}

/// What the condition `e` says about `var`. `&&` / `||` evaluate their
/// right side only after the left one: `p && p->x` reads through `p` only
/// once it is known not to be null.
RawPointer::Test RawPointer::pointer_test(const clang::Expr* e, const clang::VarDecl& var, clang::ASTContext& ast, int depth) {
  if (e == nullptr || depth > 32) return Test::unchecked;
  e = e->IgnoreImplicit()->IgnoreParens();
  if (!mentions(e, var)) return Test::none;
  if (names(e, var)) return Test::non_null;  // `if (...; p)`, the implicit conversion to bool
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op != nullptr && op->getOpcode() == clang::UO_LNot) {
    switch (pointer_test(op->getSubExpr(), var, ast, depth + 1)) {
      case Test::non_null: return Test::is_null;
      case Test::is_null: return Test::non_null;
      default: return Test::unchecked;
    }
  }
  const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(e);
  if (binary == nullptr) return Test::unchecked;
  if (binary->getOpcode() == clang::BO_NE && is_null_comparison(*binary, var, ast)) return Test::non_null;
  if (binary->getOpcode() == clang::BO_EQ && is_null_comparison(*binary, var, ast)) return Test::is_null;
  if (!binary->isLogicalOp()) return Test::unchecked;
  const Test lhs = pointer_test(binary->getLHS(), var, ast, depth + 1);
  const Test rhs = pointer_test(binary->getRHS(), var, ast, depth + 1);
  if (binary->getOpcode() == clang::BO_LAnd) {
    // `p && <anything>`: true only when p is not null, and the right side
    // runs only then. `x > 0 && p != nullptr`: the same.
    if (lhs == Test::non_null) return Test::non_null;
    if (lhs == Test::none && rhs == Test::non_null) return Test::non_null;
    return Test::unchecked;
  }
  // `!p || <anything>`, `x == 0 || p == nullptr`.
  if (lhs == Test::is_null) return Test::is_null;
  if (lhs == Test::none && rhs == Test::is_null) return Test::is_null;
  return Test::unchecked;
}

/// `if (auto* s = std::get_if<T>(&v); s && !s->empty()) ...`: the C++17
/// init-statement form of the checked access idiom. The pointer lives only
/// in the if, as in the condition form, and is accepted when the
/// condition tests it before anything reads through it, it is used only in
/// the branch where it is known not to be null, and nothing in the if
/// points it elsewhere or takes its address.
bool RawPointer::is_checked_init_statement(const clang::VarDecl& var, const clang::IfStmt& if_stmt, RuleContext& ctx) {
  const auto* init = llvm::dyn_cast_or_null<clang::DeclStmt>(if_stmt.getInit());
  if (init == nullptr || !llvm::is_contained(init->decls(), &var)) return false;
  if (if_stmt.isConsteval() || if_stmt.getConditionVariable() != nullptr) return false;
  const Test test = pointer_test(if_stmt.getCond(), var, ctx.ast);
  if (test != Test::non_null && test != Test::is_null) return false;
  // The branch where the pointer may be null must not mention it.
  const clang::Stmt* unchecked_branch = test == Test::non_null ? if_stmt.getElse() : if_stmt.getThen();
  if (mentions(unchecked_branch, var)) return false;
  // Later declarations of the init-statement run before the test.
  for (const clang::Decl* d : init->decls()) {
    const auto* other = llvm::dyn_cast<clang::VarDecl>(d);
    if (other != nullptr && other != &var && mentions(other->getInit(), var)) return false;
  }
  // Never repointed, and its address never taken.
  const auto changes = [&](const clang::Stmt& s) {
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
      return binary->isAssignmentOp() && names(binary->getLHS(), var);
    }
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s)) {
      return (unary->isIncrementDecrementOp() || unary->getOpcode() == clang::UO_AddrOf) &&
             names(unary->getSubExpr(), var);
    }
    return false;
  };
  // Bound to a reference that could repoint it (`auto*& r = p;`, a `T*&`
  // parameter) or given to std::addressof.
  const auto binds_reference = [&](const clang::Stmt& s) {
    // Captured by a lambda, which may outlive the if.
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&s)) {
      return llvm::any_of(lambda->captures(), [&](const clang::LambdaCapture& c) {
        return c.capturesVariable() && c.getCapturedVar() == &var;
      });
    }
    if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
      for (const clang::Decl* d : decl_stmt->decls()) {
        const auto* other = llvm::dyn_cast<clang::VarDecl>(d);
        if (other != nullptr && other->getType()->isReferenceType() && other->getInit() != nullptr &&
            names(other->getInit(), var)) {
          return true;
        }
      }
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      for (unsigned i = 0; i < call->getNumArgs(); ++i) {
        if (!names(call->getArg(i), var)) continue;
        if (callee == nullptr) return true;
        if (address_of_call(*call) != nullptr) return true;
        if (i < callee->getNumParams()) {
          const clang::QualType param = callee->getParamDecl(i)->getType();
          if (param->isReferenceType() && !param.getNonReferenceType().isConstQualified()) return true;
        }
      }
    }
    return false;
  };
  for (const clang::Stmt* part : {static_cast<const clang::Stmt*>(if_stmt.getCond()), if_stmt.getThen(), if_stmt.getElse()}) {
    if (flow::contains(part, changes) || flow::contains(part, binds_reference)) return false;
  }
  return true;
}

}  // namespace meshwa::rules::raw_pointer
