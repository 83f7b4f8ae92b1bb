// What shows a container is not empty where its first or last element is
// read: a test of empty() or size() around the read (an if, a loop, an
// assertion, an earlier exit), an insertion before it with no clear() in
// between, the container's own predicate, a matcher asking its size.
// EmptyOrEnd.cpp asks it (guards, shown_not_empty) before it reports.
#include <optional>

#include "Annotations.h"
#include "BannedFunction.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "clang/Lex/Lexer.h"

namespace meshwa::rules::unsafe_buffer {

namespace {

/// Is a lambda whose enclosing statements are `around` (innermost last)
/// kept for later: the initialiser of a variable, assigned, or returned
/// (through the conversions and copies that carry it, a std::function
/// made from it)?
bool lambda_kept(llvm::ArrayRef<const clang::Stmt*> around) {
  for (auto it = around.rbegin(); it != around.rend(); ++it) {
    const clang::Stmt* s = *it;
    if (llvm::isa<clang::ImplicitCastExpr, clang::MaterializeTemporaryExpr, clang::CXXBindTemporaryExpr,
                  clang::ExprWithCleanups, clang::ParenExpr, clang::CXXFunctionalCastExpr, clang::CXXConstructExpr>(s)) {
      continue;
    }
    if (llvm::isa<clang::DeclStmt, clang::ReturnStmt>(s)) return true;
    if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(s)) return assign->isAssignmentOp();
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s)) return op->getOperator() == clang::OO_Equal;
    return false;
  }
  return false;
}

/// Can control enter `s` other than at its start: a goto label anywhere in
/// it (a goto may come from anywhere in the function), or a `case` /
/// `default` of a switch around `s` (a switch inside `s` has its own).
/// Labels in a lambda's body are the lambda's.
bool has_entry_label(const clang::Stmt* s, bool in_own_switch = false) {
  if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) return false;
  if (llvm::isa<clang::LabelStmt>(s)) return true;
  if (!in_own_switch && llvm::isa<clang::SwitchCase>(s)) return true;
  const bool own = in_own_switch || llvm::isa<clang::SwitchStmt>(s);
  return llvm::any_of(s->children(), [&](const clang::Stmt* child) { return has_entry_label(child, own); });
}

}  // namespace

/// `empty()`, `size()`, `has_work()` of the object's own class, called on
/// `this`, not virtual, defined in this file with a body that is one
/// `return` testing `object` (`bool empty() const { return items_.empty();
/// }`): the wrapper's test is the container's.
bool UnsafeBuffer::own_predicate_tests(const clang::CXXMemberCallExpr& call, const clang::Expr* object,
                                       RuleContext& ctx) {
  const clang::Expr* ret = own_predicate_return(call);
  // Depth 3: neither locals nor further predicates are followed from there.
  return ret != nullptr && tests_emptiness(ret, object, ctx, 3);
}

/// Does `s` (a condition, or a whole earlier statement, lambdas included)
/// ask whether `object` is empty: `object.empty()`, `object.size()`,
/// `object.begin()` (compared with end()), `std::empty(object)`,
/// `std::size(object)`, or a predicate of the object's own class that
/// returns such a test (own_predicate_tests)? Not through a local holding
/// one (`auto n = l.size();`): proves_not_empty reads those with their
/// polarity where they still hold it, and nothing else may. Nor through a
/// call handed one (`check(l.size())`, `f.ok(l.empty())`, a lambda handed
/// to an algorithm): what it returns need not relate to the size at all
/// (`check` may return true for 0), so it asks nothing; the standard
/// predicates whose result is known (`std::cmp_greater(l.size(), 0)`) are
/// read by proves_not_empty with their polarity.
bool UnsafeBuffer::tests_emptiness(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx, int depth,
                                   bool begin_asks) {
  const auto handed_to_a_call = [](const clang::Stmt& node) {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
    if (call == nullptr || call->getNumArgs() == 0) return false;
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call);
    // An operator's operands are what it tests (`it != l.begin()`, `!`),
    // but a call operator is a call like any other.
    return op == nullptr || op->getOperator() == clang::OO_Call;
  };
  return flow::contains(s, [&](const clang::Stmt& node) {
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&node)) {
      if (matcher_asks_size(*op, object, ctx)) return true;
      // std::ranges::empty(c), std::ranges::size(c): objects called, not functions.
      llvm::StringRef called;
      llvm::ArrayRef<const clang::Expr*> args;
      if (std_algorithm(*op, called, args) && args.size() == 1 &&
          llvm::is_contained({"empty", "size", "ssize"}, called) && same_container(args[0], object, ctx)) {
        return true;
      }
    }
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&node)) {
      const clang::CXXMethodDecl* m = member->getMethodDecl();
      if (m != nullptr && depth <= 2 && own_predicate_tests(*member, object, ctx)) return true;
      return m != nullptr && m->getIdentifier() != nullptr &&
             (llvm::is_contained({"empty", "size"}, m->getName()) ||
              (begin_asks && llvm::is_contained({"begin", "cbegin"}, m->getName()))) &&
             same_container(member->getImplicitObjectArgument(), object, ctx);
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
        call != nullptr && !llvm::isa<clang::CXXOperatorCallExpr>(call) && call->getNumArgs() == 1) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      return callee != nullptr && callee->getIdentifier() != nullptr && declared_in_std(callee) &&
             llvm::is_contained({"empty", "size", "ssize"}, callee->getName()) &&
             same_container(call->getArg(0), object, ctx);
    }
    return false;
  }, handed_to_a_call);
}

/// `ASSERT_THAT(l, SizeIs(3))`, `ASSERT_THAT(l, Not(IsEmpty()))`: gMock
/// checks a matcher as `PredicateFormatterFromMatcher<M>(m)("l", l)`; with a
/// SizeIs or IsEmpty matcher in `m`, applied to `object`, it asks about its
/// size as `l.size() == 3` would.
bool UnsafeBuffer::matcher_asks_size(const clang::CXXOperatorCallExpr& call, const clang::Expr* object,
                                     RuleContext& ctx) {
  const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call.getCalleeDecl());
  if (method == nullptr || call.getNumArgs() != 3 || !in_top_namespace(*method->getParent(), "testing") ||
      method->getParent()->getIdentifier() == nullptr ||
      method->getParent()->getName() != "PredicateFormatterFromMatcher" ||
      !same_container(call.getArg(2), object, ctx)) {
    return false;
  }
  return flow::contains(call.getArg(0), [](const clang::Stmt& node) {
    const auto* made = llvm::dyn_cast<clang::CallExpr>(&node);
    const clang::FunctionDecl* fn = made != nullptr ? made->getDirectCallee() : nullptr;
    return fn != nullptr && fn->getIdentifier() != nullptr && llvm::is_contained({"SizeIs", "IsEmpty"}, fn->getName()) &&
           in_top_namespace(*fn, "testing");
  });
}

/// `s` is an expression statement that puts an element into `object`
/// (`l.push_back(x);`, `l.emplace_front(...)`, `l.insert(pos, x)`), or
/// the declaration of `object` with elements (`std::list<int> l{1, 2};`,
/// `std::vector<bool> b(n > 0 ? n : 1, false)` is not seen: only a
/// constant count `(3, x)` or a non-empty braced list).
bool UnsafeBuffer::inserts_into(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  if (e != nullptr) {
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()->IgnoreParens());
    if (call == nullptr) {
      // (void)l.emplace_back(x);
      if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e->IgnoreImplicit()->IgnoreParens())) {
        call = llvm::dyn_cast<clang::CXXMemberCallExpr>(cast->getSubExpr()->IgnoreImplicit()->IgnoreParens());
      }
    }
    const clang::CXXMethodDecl* m = call != nullptr ? call->getMethodDecl() : nullptr;
    return m != nullptr && m->getIdentifier() != nullptr &&
           llvm::is_contained({"push_back", "push_front", "emplace_back", "emplace_front", "emplace", "insert",
                               "emplace_after", "insert_after"},
                              m->getName()) &&
           same_container(call->getImplicitObjectArgument(), object, ctx);
  }
  const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(s);
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
  if (decl_stmt == nullptr || ref == nullptr) return false;
  for (const clang::Decl* d : decl_stmt->decls()) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
    if (var == nullptr || var != ref->getDecl() || var->getInit() == nullptr) continue;
    const clang::Expr* init = var->getInit()->IgnoreImplicit();
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init);
    if (construct == nullptr || construct->getNumArgs() == 0) return false;
    const clang::Expr* first = construct->getArg(0)->IgnoreImplicit();
    if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(first)) {
      const auto* elements =
          llvm::dyn_cast<clang::InitListExpr>(list->getSubExpr()->IgnoreImplicit()->IgnoreParens());
      return elements != nullptr && elements->getNumInits() > 0;
    }
    clang::Expr::EvalResult count;
    return first->getType()->isIntegerType() && !first->isValueDependent() &&
           first->EvaluateAsInt(count, ctx.ast) && count.Val.getInt().isStrictlyPositive();
  }
  return false;
}

/// `l.clear();` as a statement of its own: the container is empty after it.
bool UnsafeBuffer::clears(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  const auto* call = e != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()) : nullptr;
  const clang::CXXMethodDecl* m = call != nullptr ? call->getMethodDecl() : nullptr;
  return m != nullptr && m->getIdentifier() != nullptr && m->getName() == "clear" &&
         same_container(call->getImplicitObjectArgument(), object, ctx);
}

/// Can `s` (anywhere inside it) take elements out of `object`: a member
/// call that removes (`l.pop_back()`, `erase`, `remove`, `remove_if`,
/// `resize`, `assign`, `swap`, `extract`, `clear`), an assignment to it
/// (`l = {}`), or a call handed it by non-const reference, pointer or
/// std::move (`std::swap(l, m)`, `m.splice(m.end(), l)`, `reset(l)`), which
/// may empty it. An insertion or a test before such a statement shows
/// nothing about the element read after it.
bool UnsafeBuffer::may_remove_from(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx) {
  const auto is_object = [&](const clang::Expr* e) {
    e = e->IgnoreParenImpCasts();
    if (flow::is_std_move_call(e)) e = llvm::cast<clang::CallExpr>(e)->getArg(0)->IgnoreParenImpCasts();
    if (const auto* address = llvm::dyn_cast<clang::UnaryOperator>(e);
        address != nullptr && address->getOpcode() == clang::UO_AddrOf) {
      e = address->getSubExpr()->IgnoreParenImpCasts();
    }
    return same_container(e, object, ctx);
  };
  // A parameter the callee may change its argument through (not known,
  // or a variadic one: may).
  const auto may_write_through = [](const clang::ParmVarDecl* param) {
    if (param == nullptr) return true;
    const clang::QualType type = param->getType();
    if (type->isRValueReferenceType() || type->isPointerType()) return true;
    return type->isLValueReferenceType() && !type.getNonReferenceType().isConstQualified();
  };
  return flow::contains(s, [&](const clang::Stmt& node) {
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&node)) {
      const clang::CXXMethodDecl* m = member->getMethodDecl();
      if (m != nullptr && m->getIdentifier() != nullptr && is_object(member->getImplicitObjectArgument()) &&
          llvm::is_contained({"clear", "pop_back", "pop_front", "pop", "erase", "erase_after", "remove",
                              "remove_if", "resize", "assign", "swap", "extract"},
                             m->getName())) {
        return true;
      }
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
    if (call == nullptr) return false;
    // std::ranges::any_of(l, p), std::ranges::find(l, x),
    // std::ranges::empty(l): a niebloid or customisation point object takes
    // the range by forwarding reference but reaches it only through its
    // iterators, and no iterator operation changes how many elements a
    // container has (std::ranges::remove moves them; erasing is the
    // container's own). std::ranges::swap exchanges whole containers.
    llvm::StringRef niebloid;
    llvm::ArrayRef<const clang::Expr*> ignored;
    if (llvm::isa<clang::CXXOperatorCallExpr>(call) && std_algorithm(*call, niebloid, ignored) && niebloid != "swap") {
      return false;
    }
    // A member operator's object is its argument 0, not a parameter.
    const unsigned first = flow::object_arguments(*call);
    if (first == 1 && call->getNumArgs() > 0 && is_object(call->getArg(0))) {
      return llvm::cast<clang::CXXOperatorCallExpr>(call)->getOperator() == clang::OO_Equal;
    }
    for (unsigned i = first; i < call->getNumArgs(); ++i) {
      if (is_object(call->getArg(i)) && may_write_through(flow::parameter_of_argument(*call, i))) return true;
    }
    return false;
  });
}

/// An earlier statement after which `object` is taken to be not empty:
/// an `if` testing it whose branch always leaves (return, throw, break,
/// continue, goto, a [[noreturn]] call) or puts an element into it (`if
/// (l.empty()) return;`, `if (l.empty()) l.push_back(0);`), while its
/// other branch takes none out (always_leaves_or_fills); a `while` /
/// `for` loop testing it (`while (q.empty()) cv.wait(lock);`); an
/// expression statement testing it (`cv.wait(lock, [&] { return
/// !q.empty(); });`, `assert(!l.empty());`).
bool UnsafeBuffer::guards(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx) {
  // Inside `switch (0) default: if (l.empty()) break;` a break ends the
  // switch only: control goes on past it with the list empty.
  const clang::Stmt* inner = through_default_only_switch(s);
  const bool breaks_leave = inner == s;
  s = inner;
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
    const auto removes = [&](const clang::Stmt* side) { return side != nullptr && may_remove_from(side, object, ctx); };
    // What the condition takes out after testing (`if (l.empty() ||
    // (l.pop_back(), false)) return;`) is gone past the if.
    if (removes(branch->getInit()) || removes(branch->getConditionVariableDeclStmt()) || removes(branch->getCond())) {
      return false;
    }
    const auto leaves_or_fills = [&](const clang::Stmt* side) {
      return side != nullptr && always_leaves_or_fills(side, object, ctx, breaks_leave);
    };
    // Past the if, either the branch that leaves or fills ran, or the
    // condition had the value of the other one: `if (l.empty()) return;`
    // leaves `l.empty()` false behind it; `if (!l.empty()) return;` does not.
    // That other branch runs with the condition's value and control comes
    // out of it: it must not take elements out again (`if (!l.empty())
    // l.pop_back(); else return;` may leave l empty).
    const bool then_leaves = leaves_or_fills(branch->getThen());
    const bool else_leaves = leaves_or_fills(branch->getElse());
    // (GoogleTest's ASSERT_FALSE(c.empty()) is `if (const AssertionResult
    // gtest_ar_ = AssertionResult(!(c.empty()))) ; else return ...;`.)
    const std::optional<bool> past_then = if_proves_not_empty(*branch, object, false, ctx);
    const std::optional<bool> past_else = if_proves_not_empty(*branch, object, true, ctx);
    if (past_then || past_else) {
      return (then_leaves && past_then.value_or(false) && !removes(branch->getElse())) ||
             (else_leaves && past_else.value_or(false) && !removes(branch->getThen()));
    }
    // Asked in a shape not read for polarity (a GoogleTest matcher not
    // read; not a call handed the size, tests_emptiness). Not an init statement or a local
    // holding the size: those are read with their polarity or show nothing
    // (`if (auto n = l.size(); n != 0) return;` leaves the list empty).
    if (!tests_emptiness(branch->getCond(), object, ctx)) return false;
    return (then_leaves && !removes(branch->getElse())) || (else_leaves && !removes(branch->getThen()));
  }
  // An earlier loop leaves `object` non-empty only if it runs while it
  // is empty (`while (q.empty()) cv.wait(lock);`) and no `break` ends it
  // early; `while (!q.empty()) q.pop_front();` leaves it empty.
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s)) {
    return loops_while_empty(loop->getCond(), object, ctx) && !has_break(loop->getBody());
  }
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) {
    return loops_while_empty(loop->getCond(), object, ctx) && !has_break(loop->getBody());
  }
  // An expression statement that asks (`assert(!c.empty());`, `cv.wait(lock,
  // [&] { return !q.empty(); });`), read for its polarity where it has one.
  const auto* statement = llvm::dyn_cast<clang::Expr>(s);
  return statement != nullptr && statement_shows_not_empty(*statement, object, ctx);
}

/// Does every way control takes through `s` either leave (return, throw,
/// break, continue, goto, a [[noreturn]] call, also in the arm `assert(false)`
/// takes) or end with an element put into `object` that no later statement
/// of `s` may take out again? A statement that contains such a jump or
/// insertion only on some paths (`if (b) return 0;`, `if (b)
/// l.push_back(0);`, a `return` in a lambda's body) is not enough, nor is
/// `{ l.push_back(0); l.pop_back(); }`. Loops, switches and try blocks are
/// not followed (their `break`s are their own), but for GoogleTest's
/// `switch (0) default: S`, read as S, where a `break` ends the switch and
/// leaves nothing (`breaks_leave` false from there on).
bool UnsafeBuffer::always_leaves_or_fills(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx,
                                          bool breaks_leave) {
  const clang::Stmt* inner = through_default_only_switch(s);
  if (inner != s) breaks_leave = false;
  s = inner;
  if (llvm::isa<clang::BreakStmt>(s)) return breaks_leave;
  if (llvm::isa<clang::ReturnStmt, clang::ContinueStmt, clang::GotoStmt>(s)) return true;
  if (const auto* attributed = llvm::dyn_cast<clang::AttributedStmt>(s)) {
    return always_leaves_or_fills(attributed->getSubStmt(), object, ctx, breaks_leave);
  }
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
    // The last statement that leaves or fills decides, unless one after it
    // may take the element out again.
    for (auto it = block->body_rbegin(); it != block->body_rend(); ++it) {
      if (always_leaves_or_fills(*it, object, ctx, breaks_leave)) return true;
      if (may_remove_from(*it, object, ctx)) return false;
    }
    return false;
  }
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
    return branch->getElse() != nullptr && always_leaves_or_fills(branch->getThen(), object, ctx, breaks_leave) &&
           always_leaves_or_fills(branch->getElse(), object, ctx, breaks_leave);
  }
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  return e != nullptr && (inserts_into(e, object, ctx) || always_leaves(e, ctx));
}

/// An expression statement that never completes: a throw or a call of a
/// [[noreturn]] function (`std::abort()`, `(void)std::exit(1)`: what
/// flow::always_leaves takes), a `?:` both of whose arms never complete, or
/// whose condition is a constant that picks such an arm (`assert(false)`:
/// `false ? void(0) : __assert_fail(...)`).
bool UnsafeBuffer::always_leaves(const clang::Expr* e, RuleContext& ctx) {
  e = e->IgnoreParenCasts()->IgnoreImplicit()->IgnoreParenCasts();
  if (flow::always_leaves(e, flow::Leaving::noreturn_calls, 1)) return true;
  if (const auto* choice = llvm::dyn_cast<clang::ConditionalOperator>(e)) {
    bool value = false;
    const clang::Expr* cond = choice->getCond();
    if (!cond->isValueDependent() && cond->EvaluateAsBooleanCondition(value, ctx.ast)) {
      return always_leaves(value ? choice->getTrueExpr() : choice->getFalseExpr(), ctx);
    }
    return always_leaves(choice->getTrueExpr(), ctx) && always_leaves(choice->getFalseExpr(), ctx);
  }
  return false;
}

/// A statement control may jump to: `case 1: S`, `default: S`, `again: S`.
bool UnsafeBuffer::is_labelled(const clang::Stmt* s) { return llvm::isa<clang::SwitchCase, clang::LabelStmt>(s); }

/// `S` of `case 1: S`, `again: S` (through every label); else `s` itself.
const clang::Stmt* UnsafeBuffer::without_labels(const clang::Stmt* s) {
  while (true) {
    if (const auto* label = llvm::dyn_cast<clang::SwitchCase>(s)) {
      s = label->getSubStmt();
    } else if (const auto* label = llvm::dyn_cast<clang::LabelStmt>(s)) {
      s = label->getSubStmt();
    } else {
      return s;
    }
  }
}

/// `switch (0) case 0: default: S` is S: GoogleTest's ASSERT_* macros wrap
/// their `if (AssertionResult r = ...) ; else return ...;` in it
/// (GTEST_AMBIGUOUS_ELSE_BLOCKER_), and a `default:` label on the path to S
/// makes S run whatever the value. Any other statement is itself.
const clang::Stmt* UnsafeBuffer::through_default_only_switch(const clang::Stmt* s) {
  const auto* sw = llvm::dyn_cast<clang::SwitchStmt>(s);
  if (sw == nullptr || sw->getInit() != nullptr || sw->getConditionVariable() != nullptr) return s;
  const clang::Stmt* body = sw->getBody();
  bool has_default = false;
  while (const auto* label = llvm::dyn_cast_or_null<clang::SwitchCase>(body)) {
    has_default = has_default || llvm::isa<clang::DefaultStmt>(label);
    body = label->getSubStmt();
  }
  return has_default && body != nullptr ? body : s;
}

/// `object.empty()`, `std::empty(object)` or `object.size() == 0` as a
/// whole loop condition: the loop ends only once `object` has elements.
bool UnsafeBuffer::loops_while_empty(const clang::Expr* cond, const clang::Expr* object, RuleContext& ctx) {
  if (cond == nullptr) return false;
  cond = cond->IgnoreParenImpCasts();
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(cond)) {
    const clang::CXXMethodDecl* m = member->getMethodDecl();
    return m != nullptr && m->getIdentifier() != nullptr && m->getName() == "empty" &&
           same_container(member->getImplicitObjectArgument(), object, ctx);
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(cond);
      call != nullptr && !llvm::isa<clang::CXXOperatorCallExpr>(call) && call->getNumArgs() == 1) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    return callee != nullptr && callee->getIdentifier() != nullptr && declared_in_std(callee) &&
           callee->getName() == "empty" && same_container(call->getArg(0), object, ctx);
  }
  if (const auto* compare = llvm::dyn_cast<clang::BinaryOperator>(cond);
      compare != nullptr && compare->getOpcode() == clang::BO_EQ) {
    const auto* literal = llvm::dyn_cast<clang::IntegerLiteral>(compare->getRHS()->IgnoreParenImpCasts());
    const auto* size = llvm::dyn_cast<clang::CXXMemberCallExpr>(compare->getLHS()->IgnoreParenImpCasts());
    return literal != nullptr && literal->getValue() == 0 && size != nullptr && size->getMethodDecl() != nullptr &&
           size->getMethodDecl()->getIdentifier() != nullptr && size->getMethodDecl()->getName() == "size" &&
           same_container(size->getImplicitObjectArgument(), object, ctx);
  }
  return false;
}

bool UnsafeBuffer::has_break(const clang::Stmt* body) {
  return flow::contains(body, [](const clang::Stmt& node) { return llvm::isa<clang::BreakStmt>(node); });
}

/// Does the code around `call` show that `object` is not empty there?
/// - an enclosing condition that, with the value it has where the call
///   runs, says `object` has elements (proves_not_empty): the call is in
///   a branch of an `if`, the body of a `while` / `for`, an arm of `?:`,
///   the right of `&&` / `||` (GoogleTest's `if (const AssertionResult
///   gtest_ar = ...)` read by if_proves_not_empty); a local holding the
///   size or emptiness (an init statement's `auto n = l.size()`) is read
///   as that test; a condition that asks in a shape not read (a matcher
///   not read) is taken as a test whatever its polarity, one that hands
///   the size to a call (`check(l.size())`) is none;
/// - the call is in the body of a range-for over `object`;
/// - an earlier statement of an enclosing block tests it (`if
///   (l.empty()) return;`, `cv.wait(lock, [&] { return !q.empty(); });`),
///   puts an element into it (`l.push_back(x);`), or declares it with
///   elements, and no `object.clear();` comes between.
bool UnsafeBuffer::shown_not_empty(const clang::Stmt& call, const clang::Expr* object, RuleContext& ctx) {
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const auto removes = [&](const clang::Stmt* part) { return part != nullptr && may_remove_from(part, object, ctx); };
  // Entered through a `case` label on the path to the call: the conditions
  // and statements between it and its switch were skipped, and show nothing.
  bool through_case = false;
  const clang::Stmt* child = &call;
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    if (llvm::isa<clang::LabelStmt>(parent)) {
      // A goto may come from anywhere: nothing around shows it.
      return false;
    }
    if (llvm::isa<clang::SwitchCase>(parent)) {
      through_case = true;
      continue;
    }
    if (const auto* s = llvm::dyn_cast<clang::SwitchStmt>(parent)) {
      // Entered past its init and condition, which may take elements out.
      if (child == s->getBody() && (removes(s->getInit()) || removes(s->getConditionVariableDeclStmt()) ||
                                    removes(s->getCond()))) {
        return false;
      }
      through_case = false;
      continue;
    }
    if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent)) {
      if (child != s->getThen() && child != s->getElse()) continue;
      // The branch runs after the init and the condition: what they take
      // out after testing is gone (`if (!l.empty() && (l.pop_back(), true))`).
      if (removes(s->getInit()) || removes(s->getConditionVariableDeclStmt()) || removes(s->getCond())) return false;
      if (through_case) continue;
      const bool when = child == s->getThen();
      if (s->getConditionVariable() != nullptr) {
        // GoogleTest's `if (const AssertionResult gtest_ar = ...)`, `if
        // (auto n = l.size())`, read for its polarity where its shape is
        // known.
        if (const std::optional<bool> proven = if_proves_not_empty(*s, object, when, ctx)) {
          if (*proven) return true;
          continue;
        }
      } else if (condition_shows_not_empty(s->getCond(), when, object, ctx)) {
        return true;
      }
      // (An init statement or a condition variable shows something only
      // through the condition that reads it: `if (auto n = l.size(); n ==
      // 0) l.front();` is the branch where the list is empty.)
    } else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent)) {
      // The condition is asked again before each run of the body; what
      // shows it outside the loop holds on the first run only, unless the
      // loop takes nothing out (the body's statements after the read run
      // before its next run).
      if (!through_case && child == s->getBody() && !removes(s->getCond()) &&
          condition_shows_not_empty(s->getCond(), true, object, ctx)) {
        return true;
      }
      if (removes(s)) return false;
    } else if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent)) {
      // The increment runs after the body, which may have taken the
      // element out since the condition was asked.
      if (!through_case && (child == s->getBody() || (child == s->getInc() && !removes(s->getBody()))) &&
          !removes(s->getCond()) && condition_shows_not_empty(s->getCond(), true, object, ctx)) {
        return true;
      }
      if (removes(s)) return false;
    } else if (const auto* s = llvm::dyn_cast<clang::DoStmt>(parent)) {
      if (removes(s)) return false;
    } else if (const auto* s = llvm::dyn_cast<clang::CXXForRangeStmt>(parent)) {
      if (!through_case && child == s->getBody() && s->getRangeInit() != nullptr &&
          same_container(s->getRangeInit(), object, ctx)) {
        return true;
      }
      if (removes(s)) return false;
    } else if (const auto* s = llvm::dyn_cast<clang::CXXTryStmt>(parent)) {
      // A handler runs after any part of the try block: what it took out
      // before it threw is gone.
      if (child != s->getTryBlock() && removes(s->getTryBlock())) return false;
    } else if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(parent)) {
      // A lambda kept in a variable (or returned) runs when it is called,
      // maybe after the code that follows has taken the element out: what
      // shows it outside does not hold in its body. One called where it
      // is made, or handed to a call (an algorithm, a wait's predicate),
      // is judged with the code around it, as before, but like a loop's
      // body: the call may run it again after its own body took the
      // element out.
      if (lambda_kept(parents.take_front(i)) || removes(lambda->getBody())) return false;
    } else if (llvm::isa<clang::ConditionalOperator, clang::BinaryOperator>(parent)) {
      // `a, b`: b runs after a.
      if (const auto* comma = llvm::dyn_cast<clang::BinaryOperator>(parent);
          comma != nullptr && comma->getOpcode() == clang::BO_Comma && child == comma->getRHS() &&
          removes(comma->getLHS())) {
        return false;
      }
      const std::optional<Guard> guard = guard_of(*parent, *child, /*with_init=*/false);
      if (guard && removes(guard->cond)) return false;
      if (!through_case && guard && condition_shows_not_empty(guard->cond, guard->when, object, ctx)) return true;
    } else if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
      const clang::Stmt* const* at = llvm::find(block->body(), child);
      if (at == block->body_end()) continue;
      // Control may come to a labelled statement (`case 1:`, `again:`)
      // without running the statements before it: past a label, those
      // show nothing, though what they take out still counts (a `case`
      // falling through into the read). A `case` is entered from its
      // switch, which the code before the switch has run before; a label
      // from any goto, which may come before that code. A label inside an
      // earlier statement (`{ again: ; }`, a `case` in a nested block) is
      // such an entry too.
      bool jumped_to = through_case || is_labelled(child);
      bool goto_target = llvm::isa<clang::LabelStmt>(child);
      for (const clang::Stmt* const* it = at; it != block->body_begin();) {
        const clang::Stmt* earlier = *--it;
        const clang::Stmt* unlabelled = without_labels(earlier);
        if (clears(unlabelled, object, ctx)) return false;
        if (!jumped_to && (inserts_into(unlabelled, object, ctx) || guards(unlabelled, object, ctx))) return true;
        if (may_remove_from(earlier, object, ctx)) return false;
        jumped_to = jumped_to || is_labelled(earlier) || has_entry_label(unlabelled);
        goto_target = goto_target || llvm::isa<clang::LabelStmt>(earlier) ||
                      flow::contains(
                          unlabelled, [](const clang::Stmt& s) { return llvm::isa<clang::LabelStmt>(s); },
                          [](const clang::Stmt& s) { return llvm::isa<clang::LambdaExpr>(s); });
      }
      if (goto_target) return false;
    }
  }
  return false;
}

/// Does `cond`, having the value `when`, show that `object` has elements?
/// Read by proves_not_empty where the condition asks in a shape it knows
/// (then its polarity decides: `if (l.empty()) l.front();` shows nothing);
/// a condition that asks only in other shapes (a matcher not read) is
/// taken as a test, as before polarity was read; one that only hands the
/// size to a call is none (tests_emptiness).
bool UnsafeBuffer::condition_shows_not_empty(const clang::Expr* cond, bool when, const clang::Expr* object,
                                             RuleContext& ctx) {
  if (cond == nullptr) return false;
  if (const std::optional<bool> proven = proves_not_empty(cond, object, when, ctx, 0)) return *proven;
  return tests_emptiness(cond, object, ctx);
}

/// Does `cond` having the value `when` mean `object` has at least one
/// element? true / false where `cond` asks about `object` in a shape read
/// here; nullopt where it does not (then the caller decides). Read:
/// `!c`, `a && b`, `a || b`; `c.empty()`, `std::empty(c)`; `c.size()`,
/// `std::size(c)`, `std::ssize(c)` as a truth value or compared with a
/// constant (`size() > 0`, `size() >= 1`, `size() == 3`, `size() != 0`,
/// and the negations: `size() < 2` false) or, in an unsigned comparison,
/// greater than anything (`c.size() > capacity_`: more than some count
/// is at least one); `c.begin() != c.end()`; a local initialised from one
/// of those sizes or emptiness tests that still holds it (`const auto n =
/// c.size();`, `if (bool e = c.empty(); !e)`: snapshot_holds); a predicate of
/// the object's own class returning such a test (own_predicate_tests).
/// `c.size() == capacity_` or `c.size() >= capacity_` says nothing: the
/// capacity may be 0.
std::optional<bool> UnsafeBuffer::proves_not_empty(const clang::Expr* cond, const clang::Expr* object, bool when,
                                                   RuleContext& ctx, int depth) {
  if (cond == nullptr || depth > 8) return std::nullopt;
  cond = cond->IgnoreParenImpCasts();
  // `static_cast<bool>(c.size())`, glibc's assert: the same truth value.
  while (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(cond)) {
    if (!cast->getType()->isBooleanType()) break;
    cond = cast->getSubExpr()->IgnoreParenImpCasts();
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(cond); op != nullptr && op->getOpcode() == clang::UO_LNot) {
    return proves_not_empty(op->getSubExpr(), object, !when, ctx, depth + 1);
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond); op != nullptr && op->isLogicalOp()) {
    const std::optional<bool> lhs = proves_not_empty(op->getLHS(), object, when, ctx, depth + 1);
    const std::optional<bool> rhs = proves_not_empty(op->getRHS(), object, when, ctx, depth + 1);
    if (!lhs && !rhs) return std::nullopt;
    // `a && b` true, `a || b` false: both hold, either one is enough.
    // `a && b` false, `a || b` true: only one may hold, neither shows it.
    const bool both_hold = (op->getOpcode() == clang::BO_LAnd) == when;
    return both_hold && (lhs.value_or(false) || rhs.value_or(false));
  }
  if (const clang::Expr* asked = size_or_empty_of(cond, "empty", ctx, depth)) {
    if (!same_container(asked, object, ctx)) return std::nullopt;
    return !when;
  }
  if (const clang::Expr* asked = size_or_empty_of(cond, "size", ctx, depth)) {
    if (!same_container(asked, object, ctx)) return std::nullopt;
    return when;
  }
  if (const auto* m = llvm::dyn_cast<clang::CXXMemberCallExpr>(cond)) {
    if (const clang::Expr* predicate = predicate_a_wait_returns(*m)) {
      return proves_not_empty(predicate, object, when, ctx, depth + 1);
    }
  }
  if (const auto* m = llvm::dyn_cast<clang::CXXMemberCallExpr>(cond); m != nullptr && depth <= 2) {
    if (const clang::Expr* ret = own_predicate_return(*m)) {
      return proves_not_empty(ret, object, when, ctx, depth + 3);
    }
    return std::nullopt;
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(cond); call != nullptr && !llvm::isa<clang::CXXOperatorCallExpr>(call)) {
    return standard_call_proves(*call, object, when, ctx, depth);
  }
  // std::ranges::any_of(c, p): a niebloid, called through its operator().
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(cond); op != nullptr && op->getOperator() == clang::OO_Call) {
    return standard_call_proves(*op, object, when, ctx, depth);
  }
  const clang::Expr* lhs = nullptr;
  const clang::Expr* rhs = nullptr;
  clang::BinaryOperatorKind kind = clang::BO_Comma;
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond); op != nullptr && op->isComparisonOp()) {
    lhs = op->getLHS();
    rhs = op->getRHS();
    kind = op->getOpcode();
  } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(cond);
             op != nullptr && op->getNumArgs() == 2 && op->isComparisonOp()) {
    lhs = op->getArg(0);
    rhs = op->getArg(1);
    kind = clang::BinaryOperator::getOverloadedOpcode(op->getOperator());
  } else if (const auto* op = llvm::dyn_cast<clang::CXXRewrittenBinaryOperator>(cond);
             op != nullptr && op->isComparisonOp()) {
    // `a != b` made `!(a == b)` of an operator== (C++20: libstdc++'s list
    // iterators have no operator!=): read as written.
    lhs = op->getLHS();
    rhs = op->getRHS();
    kind = op->getOpcode();
  } else {
    return std::nullopt;
  }
  if (!when) kind = clang::BinaryOperator::negateComparisonOp(kind);
  return compares_not_empty(lhs, kind, rhs, object, ctx, depth);
}

/// A standard predicate whose value says something of the size, having
/// the value `when`:
/// - `std::any_of(c.begin(), ...)` true, `std::all_of` / `std::none_of`
///   false: there is an element (on an empty range any_of is false and the
///   others true); the same of std::ranges' niebloids over `c` itself or
///   from `c.begin()` (`std::ranges::any_of(c, p)`);
/// - `std::cmp_greater(c.size(), 0)` and the other integer comparisons of
///   <utility> (`cmp_equal`, `cmp_not_equal`, `cmp_less`, `cmp_less_equal`,
///   `cmp_greater_equal`): read as the comparison they make, but of the
///   values as they are, not converted (a size is greater than -1): a size
///   against a constant, or against an unsigned value.
/// nullopt for any other call (`check(c.size())` shows nothing).
std::optional<bool> UnsafeBuffer::standard_call_proves(const clang::CallExpr& call, const clang::Expr* object,
                                                       bool when, RuleContext& ctx, int depth) {
  llvm::StringRef name;
  llvm::ArrayRef<const clang::Expr*> args;
  if (!std_algorithm(call, name, args)) return std::nullopt;
  const bool niebloid = llvm::isa<clang::CXXOperatorCallExpr>(call);
  if (!niebloid && call.getDirectCallee()->getDeclContext()->isRecord()) return std::nullopt;
  if (llvm::is_contained({"any_of", "all_of", "none_of"}, name) && (niebloid ? args.size() >= 2 : args.size() == 3)) {
    const IteratorOf first = iterator_of(args[0]);
    const bool over_object = (first.which == IteratorEnd::begin && same_container(first.object, object, ctx)) ||
                             (niebloid && is_range_argument(args[0]) && same_container(args[0], object, ctx));
    if (!over_object) return std::nullopt;
    return name == "any_of" ? when : !when;
  }
  if (niebloid || args.size() != 2) return std::nullopt;
  const clang::FunctionDecl* callee = call.getDirectCallee();
  static const std::pair<llvm::StringRef, clang::BinaryOperatorKind> kComparisons[] = {
      {"cmp_equal", clang::BO_EQ}, {"cmp_not_equal", clang::BO_NE},   {"cmp_less", clang::BO_LT},
      {"cmp_greater", clang::BO_GT}, {"cmp_less_equal", clang::BO_LE}, {"cmp_greater_equal", clang::BO_GE}};
  const auto* found = llvm::find_if(kComparisons, [&](const auto& c) { return c.first == callee->getName(); });
  if (found == std::end(kComparisons)) return std::nullopt;
  const clang::Expr* lhs = call.getArg(0);
  const clang::Expr* rhs = call.getArg(1);
  const std::optional<bool> read =
      compares_not_empty(lhs, when ? found->second : clang::BinaryOperator::negateComparisonOp(found->second), rhs,
                         object, ctx, depth);
  if (!read || !*read) return read;
  // compares_not_empty takes `size > x` as the usual conversions make it,
  // where a negative x becomes huge; cmp_greater compares the values, and
  // `cmp_greater(size, -1)` holds for 0. Only a constant (read for its
  // value there) or an unsigned value beside the size says "at least 1".
  const auto size_constant_or_unsigned = [&](const clang::Expr* e) {
    e = e->IgnoreParenImpCasts();
    clang::Expr::EvalResult value;
    return e->getType()->isUnsignedIntegerType() || (!e->isValueDependent() && e->EvaluateAsInt(value, ctx.ast)) ||
           size_or_empty_of(e, "size", ctx, depth) != nullptr;
  };
  return size_constant_or_unsigned(lhs) && size_constant_or_unsigned(rhs);
}

/// `e` is what a standard algorithm over `object`'s elements returns: a
/// call of a function of namespace std (not a member) whose first argument
/// is `object.begin()` (`std::find(c.begin(), c.end(), x)`,
/// `std::lower_bound`, `std::max_element`): an iterator into the range.
bool UnsafeBuffer::found_in(const clang::Expr* e, const clang::Expr* object, RuleContext& ctx) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e->IgnoreImplicit()->IgnoreParens());
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e->IgnoreImplicit()->IgnoreParens());
      construct != nullptr && construct->getNumArgs() == 1) {
    call = llvm::dyn_cast<clang::CallExpr>(construct->getArg(0)->IgnoreImplicit()->IgnoreParens());
  }
  llvm::StringRef name;
  llvm::ArrayRef<const clang::Expr*> args;
  if (call == nullptr || !std_algorithm(*call, name, args) || args.empty()) return false;
  // std::ranges::find(c, x), std::ranges::max_element(c): a niebloid over
  // `c` itself, whose iterator result is into c's elements as well.
  const bool niebloid = llvm::isa<clang::CXXOperatorCallExpr>(call);
  if (niebloid && is_range_argument(args[0]) && same_container(args[0], object, ctx)) return true;
  if (!niebloid && (args.size() < 2 || call->getDirectCallee()->getDeclContext()->isRecord())) return false;
  const IteratorOf first = iterator_of(args[0]);
  return first.which == IteratorEnd::begin && same_container(first.object, object, ctx);
}

/// `lhs kind rhs` holds: does it mean `object` has elements? A size of
/// `object` on either side (compared as proves_not_empty says), or its
/// begin() against its end() (`!=`). nullopt when neither side asks
/// about `object`.
std::optional<bool> UnsafeBuffer::compares_not_empty(const clang::Expr* lhs, clang::BinaryOperatorKind kind,
                                                     const clang::Expr* rhs, const clang::Expr* object,
                                                     RuleContext& ctx, int depth) {
  const IteratorOf left = iterator_of(lhs);
  const IteratorOf right = iterator_of(rhs);
  if (left.which != IteratorEnd::none && right.which != IteratorEnd::none) {
    if (!same_container(left.object, object, ctx) || !same_container(right.object, object, ctx)) return std::nullopt;
    const bool ends = (left.which == IteratorEnd::begin && right.which == IteratorEnd::end) ||
                      (left.which == IteratorEnd::end && right.which == IteratorEnd::begin) ||
                      (left.which == IteratorEnd::rbegin && right.which == IteratorEnd::rend) ||
                      (left.which == IteratorEnd::rend && right.which == IteratorEnd::rbegin);
    return ends && kind == clang::BO_NE;
  }
  // `std::find(c.begin(), c.end(), x) != c.end()`: an algorithm over c's
  // elements (the range first) gives an iterator into them, and one that
  // is not end() is an element. Compared `==`, it shows nothing.
  if (left.which == IteratorEnd::end || right.which == IteratorEnd::end) {
    const bool end_on_left = left.which == IteratorEnd::end;
    const IteratorOf& end = end_on_left ? left : right;
    if (same_container(end.object, object, ctx) && found_in(end_on_left ? rhs : lhs, object, ctx)) {
      return kind == clang::BO_NE;
    }
  }
  const clang::Expr* size = lhs;
  const clang::Expr* other = rhs;
  const clang::Expr* sized = size_or_empty_of(size->IgnoreParenImpCasts(), "size", ctx, depth);
  if (sized == nullptr) {
    std::swap(size, other);
    kind = clang::BinaryOperator::reverseComparisonOp(kind);
    sized = size_or_empty_of(size->IgnoreParenImpCasts(), "size", ctx, depth);
  }
  if (sized == nullptr || !same_container(sized, object, ctx)) return std::nullopt;
  // The size compared with a constant k: what the comparison leaves of it.
  clang::Expr::EvalResult value;
  if (!other->isValueDependent() && other->EvaluateAsInt(value, ctx.ast)) {
    const llvm::APSInt k = value.Val.getInt();
    switch (kind) {
      case clang::BO_GT: return !k.isNegative();             // size > k >= 0
      case clang::BO_GE: case clang::BO_EQ: return k.isStrictlyPositive();  // size >= k >= 1
      case clang::BO_NE: return k.isZero();                  // size != 0
      default: return false;                                 // size < k, size <= k: 0 fits
    }
  }
  // Greater than some value, compared as unsigned: greater than 0 at least.
  // (The size as the comparison sees it, after the usual conversions.)
  return kind == clang::BO_GT && size->getType()->isUnsignedIntegerType();
}

/// `e` (stripped) asks the size or emptiness of a container, as `name`
/// ("size" or "empty") says: `c.size()`, `std::size(c)`, `std::ssize(c)`,
/// `c.empty()`, `std::empty(c)`, or a local initialised from such a size
/// or emptiness that still holds it (snapshot_holds). The container, or
/// null.
const clang::Expr* UnsafeBuffer::size_or_empty_of(const clang::Expr* e, llvm::StringRef name, RuleContext& ctx,
                                                  int depth) {
  e = e->IgnoreParenImpCasts();
  const std::initializer_list<llvm::StringRef> sizes = {"size", "ssize"};
  const std::initializer_list<llvm::StringRef> empties = {"empty"};
  const bool size = name == "size";
  if (const clang::Expr* x =
          sized_object(e, size ? sizes : empties, FreeSizeCall::std_only, /*member_without_arguments=*/true)) {
    // A member ssize() is no standard container's; only std::ssize(c).
    if (size && llvm::isa<clang::CXXMemberCallExpr>(e) &&
        llvm::cast<clang::CXXMemberCallExpr>(e)->getMethodDecl()->getName() != "size") {
      return nullptr;
    }
    return x;
  }
  // std::ranges::empty(c), std::ranges::size(c), std::ranges::ssize(c):
  // the customisation point objects ask c the same (an object called
  // through its operator(), which sized_object does not read).
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
    llvm::StringRef called;
    llvm::ArrayRef<const clang::Expr*> args;
    if (std_algorithm(*op, called, args) && args.size() == 1 && llvm::is_contained(size ? sizes : empties, called)) {
      return args[0];
    }
  }
  // `static_cast<int>(c.size())`, `int(c.size())`: a conversion to another
  // integer keeps 0 as 0, so a converted size that is not 0 (all that is
  // ever concluded from one) is a size that is not 0.
  if (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(e);
      cast != nullptr && size && cast->getType()->isIntegerType() && !cast->getType()->isBooleanType() &&
      cast->getSubExpr()->getType()->isIntegerType()) {
    return size_or_empty_of(cast->getSubExpr(), name, ctx, depth + 1);
  }
  if (depth > 4) return nullptr;
  // A local holding such a size or emptiness (`const auto n = c.size();`,
  // `if (auto n = c.size(); n == 0)`, `bool e = c.empty();`) is read as
  // that test, with its polarity, where it still holds it (snapshot_holds).
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->isLocalVarDecl() || var->getInit() == nullptr || var->getType()->isReferenceType() ||
      var->getType().isVolatileQualified() || ref->refersToEnclosingVariableOrCapture()) {
    return nullptr;
  }
  const clang::Expr* asked = size_or_empty_of(var->getInit(), name, ctx, depth + 1);
  return asked != nullptr && snapshot_holds(*ref, *var, asked, /*is_size=*/size, ctx) ? asked : nullptr;
}

/// `var`, a local initialised with the size or emptiness of `object`, still
/// tells it where `ref` reads it: its initialiser takes nothing out, and
/// between the declaration and `ref`, and anywhere in a loop around `ref`
/// that the declaration is outside of, no call may take elements out of
/// `object`, `var` is only read (no assignment, ++/--, reference, address:
/// a const `var` is not looked at; a size may be counted down by a step its
/// own test allows, guarded_decrements) and there is no goto or label (control
/// may come back to the test). A by-reference capture there is a read; its
/// lambda's body is looked at where it is. Only those parts are walked:
/// code before the declaration or past the read (outside such a loop)
/// cannot change what the read sees.
bool UnsafeBuffer::snapshot_holds(const clang::DeclRefExpr& ref, const clang::VarDecl& var, const clang::Expr* object,
                                  bool is_size, RuleContext& ctx) {
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr || may_remove_from(var.getInit(), object, ctx)) return false;
  const clang::SourceManager& sm = ctx.ast.getSourceManager();
  const auto before = [&](clang::SourceLocation a, clang::SourceLocation b) {
    return sm.isBeforeInTranslationUnit(sm.getExpansionLoc(a), sm.getExpansionLoc(b));
  };
  const clang::SourceLocation declared = var.getEndLoc();
  const clang::SourceLocation read = ref.getBeginLoc();
  const bool is_const = var.getType().isConstQualified();
  // A size that only ever goes down, by a step its own test allows
  // (`for (auto n = l.size(); n > 0; --n)`), stays between 0 and the size:
  // every conclusion read from it (proves_not_empty: "at least 1") still
  // holds of the list, which nothing shrinks. (Not an emptiness: `e` of
  // `int e = l.empty()` counted down to 0 would say "not empty".)
  const llvm::SmallPtrSet<const clang::DeclRefExpr*, 4> decrements =
      is_const || !is_size ? llvm::SmallPtrSet<const clang::DeclRefExpr*, 4>{}
                           : guarded_decrements(fn->getBody(), var, ctx);
  // Does `root` mention `var` other than to read its value (each
  // lvalue-to-rvalue conversion is met before the DeclRefExpr under it)?
  llvm::SmallPtrSet<const clang::Expr*, 8> reads;
  const auto writes = [&](const clang::Stmt& node) {
    if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&node);
        cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue) {
      reads.insert(cast->getSubExpr()->IgnoreParens());
    }
    captures_by_reference(node, var, &reads);
    const auto* mention = llvm::dyn_cast<clang::DeclRefExpr>(&node);
    return mention != nullptr && mention->getDecl() == &var && !reads.contains(mention) &&
           !decrements.contains(mention);
  };
  const auto outside = [&](const clang::Stmt& node) {
    return before(node.getEndLoc(), declared) || before(read, node.getBeginLoc());
  };
  return !flow::contains(
      fn->getBody(),
      [&](const clang::Stmt& node) {
        if (outside(node)) return false;
        if (llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt>(node)) return true;
        // The init statement of a `for` runs once (`for (auto n = l.size();
        // n > 0; l.pop_front())`): the loop is around the read and not
        // around the declaration's runs.
        const clang::Stmt* once = nullptr;
        if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(&node)) once = loop->getInit();
        if (const auto* loop = llvm::dyn_cast<clang::CXXForRangeStmt>(&node)) once = loop->getInit();
        const bool declared_once = once != nullptr && !before(declared, once->getBeginLoc()) &&
                                   !before(once->getEndLoc(), declared);
        if (llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt>(node) &&
            (before(declared, node.getBeginLoc()) || declared_once) && !before(node.getEndLoc(), read)) {
          // A loop around the read, not the declaration: its later
          // statements run before the read's next run.
          if (may_remove_from(&node, object, ctx)) return true;
          if (!is_const && flow::contains(&node, writes)) return true;
        }
        if (llvm::isa<clang::CallExpr>(node) && before(declared, node.getBeginLoc()) &&
            before(node.getBeginLoc(), read) && may_remove_from(&node, object, ctx)) {
          return true;
        }
        return !is_const && writes(node);
      },
      outside);
}

/// The mentions of `var` under `root` (lambda bodies included) that do
/// not just read its value: assignments, ++/--, references, addresses. A
/// by-reference capture is none (its body's mentions are counted).
llvm::SmallVector<const clang::DeclRefExpr*, 4> UnsafeBuffer::writes_of(const clang::Stmt* root,
                                                                       const clang::VarDecl& var) {
  llvm::SmallVector<const clang::DeclRefExpr*, 4> found;
  llvm::SmallPtrSet<const clang::Expr*, 8> reads;
  flow::contains(root, [&](const clang::Stmt& node) {
    if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&node);
        cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue) {
      reads.insert(cast->getSubExpr()->IgnoreParens());
    }
    captures_by_reference(node, var, &reads);
    const auto* mention = llvm::dyn_cast<clang::DeclRefExpr>(&node);
    if (mention != nullptr && mention->getDecl() == &var && !reads.contains(mention)) found.push_back(mention);
    return false;
  });
  return found;
}

namespace {

/// `e` names `var` itself (through parentheses and implicit casts).
bool names(const clang::Expr* e, const clang::VarDecl& var) {
  const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
  return ref != nullptr && ref->getDecl() == &var;
}

/// A constant `e` that fits an int64_t.
std::optional<int64_t> constant_of(const clang::Expr* e, clang::ASTContext& ast) {
  clang::Expr::EvalResult value;
  if (e == nullptr || e->isValueDependent() || !e->EvaluateAsInt(value, ast)) return std::nullopt;
  const llvm::APSInt k = value.Val.getInt();
  if (k.getSignificantBits() > 63) return std::nullopt;
  return k.getExtValue();
}

/// `s`, an expression statement, takes a known amount off `var`: `--n`,
/// `n--`, `n -= k`, `n = n - k` with a constant k >= 0. Its mention of
/// `var` that writes it, and k.
std::optional<std::pair<const clang::DeclRefExpr*, int64_t>> decrement_of(const clang::Stmt* s,
                                                                          const clang::VarDecl& var,
                                                                          clang::ASTContext& ast) {
  const auto* e = llvm::dyn_cast_or_null<clang::Expr>(s);
  if (e == nullptr) return std::nullopt;
  e = e->IgnoreImplicit()->IgnoreParens();
  const auto target = [&](const clang::Expr* lhs) {
    return llvm::dyn_cast<clang::DeclRefExpr>(lhs->IgnoreParens());
  };
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op != nullptr && op->isDecrementOp()) {
    const clang::DeclRefExpr* ref = target(op->getSubExpr());
    if (ref != nullptr && ref->getDecl() == &var) return std::make_pair(ref, int64_t{1});
    return std::nullopt;
  }
  const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e);
  if (op == nullptr) return std::nullopt;
  const clang::DeclRefExpr* ref = target(op->getLHS());
  if (ref == nullptr || ref->getDecl() != &var) return std::nullopt;
  const clang::Expr* step = nullptr;
  if (op->getOpcode() == clang::BO_SubAssign) {
    step = op->getRHS();
  } else if (op->getOpcode() == clang::BO_Assign) {
    const auto* minus = llvm::dyn_cast<clang::BinaryOperator>(op->getRHS()->IgnoreParenImpCasts());
    if (minus == nullptr || minus->getOpcode() != clang::BO_Sub || !names(minus->getLHS(), var)) return std::nullopt;
    step = minus->getRHS();
  }
  const std::optional<int64_t> k = constant_of(step, ast);
  if (!k || *k < 0) return std::nullopt;
  return std::make_pair(ref, *k);
}

/// Does `cond` being true mean `var` >= k, given that `var` is never
/// negative: `n > c` with c >= k - 1, `n >= c` or `n == c` with c >= k,
/// `n != 0` or `n` as a truth value for k <= 1, either side of an `&&`?
bool at_least(const clang::Expr* cond, const clang::VarDecl& var, int64_t k, clang::ASTContext& ast) {
  if (cond == nullptr) return false;
  cond = cond->IgnoreParenImpCasts();
  if (names(cond, var)) return k <= 1;
  const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond);
  if (op == nullptr) return false;
  if (op->getOpcode() == clang::BO_LAnd) return at_least(op->getLHS(), var, k, ast) || at_least(op->getRHS(), var, k, ast);
  if (!op->isComparisonOp()) return false;
  clang::BinaryOperatorKind kind = op->getOpcode();
  const clang::Expr* other = op->getRHS();
  if (!names(op->getLHS(), var)) {
    if (!names(op->getRHS(), var)) return false;
    other = op->getLHS();
    kind = clang::BinaryOperator::reverseComparisonOp(kind);
  }
  const std::optional<int64_t> c = constant_of(other, ast);
  if (!c) return false;
  switch (kind) {
    case clang::BO_GT: return *c >= k - 1;
    case clang::BO_GE: case clang::BO_EQ: return *c >= k;
    case clang::BO_NE: return *c == 0 && k <= 1;
    default: return false;
  }
}

/// The statements `region` runs, each at most once per run of `region`:
/// itself and, through blocks, their statements (not those of a nested
/// if, loop or switch).
void straight_line(const clang::Stmt* region, llvm::SmallVectorImpl<const clang::Stmt*>& out) {
  if (region == nullptr) return;
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(region)) {
    for (const clang::Stmt* s : block->body()) straight_line(s, out);
    return;
  }
  out.push_back(region);
}

}  // namespace

/// The writes of `var` (an integer local, not bool) that are decrements
/// its own test allows: `--n` (`n -= k`, `n = n - k`, k >= 0 constant) run
/// straight (through blocks only) in the branch of an `if`, the body of a
/// `while` / `for` or the increment of a `for`, whose condition says n >= k
/// (at_least) and which writes `var` nowhere else (its condition neither),
/// so n never goes below 0 (an unsigned one does not wrap). None in a
/// function with a goto label or in a region with a `case` label: control
/// could reach the decrement without the test.
llvm::SmallPtrSet<const clang::DeclRefExpr*, 4> UnsafeBuffer::guarded_decrements(const clang::Stmt* body,
                                                                                const clang::VarDecl& var,
                                                                                RuleContext& ctx) {
  llvm::SmallPtrSet<const clang::DeclRefExpr*, 4> found;
  const clang::QualType type = var.getType();
  if (!type->isIntegerType() || type->isBooleanType() ||
      flow::contains(body, [](const clang::Stmt& s) { return llvm::isa<clang::LabelStmt>(s); })) {
    return found;
  }
  flow::contains(body, [&](const clang::Stmt& node) {
    const clang::Expr* cond = nullptr;
    llvm::SmallVector<const clang::Stmt*, 2> regions;
    if (const auto* s = llvm::dyn_cast<clang::IfStmt>(&node)) {
      if (s->getInit() != nullptr || s->getConditionVariable() != nullptr || s->isConsteval()) return false;
      cond = s->getCond();
      regions = {s->getThen()};
    } else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(&node)) {
      if (s->getConditionVariable() != nullptr) return false;
      cond = s->getCond();
      regions = {s->getBody()};
    } else if (const auto* s = llvm::dyn_cast<clang::ForStmt>(&node)) {
      if (s->getConditionVariable() != nullptr) return false;
      cond = s->getCond();
      regions = {s->getBody(), s->getInc()};
    } else {
      return false;
    }
    if (cond == nullptr || !writes_of(cond, var).empty()) return false;
    size_t written = 0;
    for (const clang::Stmt* region : regions) {
      written += writes_of(region, var).size();
      if (flow::contains(region, [](const clang::Stmt& s) { return llvm::isa<clang::SwitchCase>(s); })) return false;
    }
    if (written != 1) return false;
    for (const clang::Stmt* region : regions) {
      llvm::SmallVector<const clang::Stmt*, 8> statements;
      straight_line(region, statements);
      for (const clang::Stmt* s : statements) {
        if (const auto decrement = decrement_of(s, var, ctx.ast);
            decrement && at_least(cond, var, decrement->second, ctx.ast)) {
          found.insert(decrement->first);
        }
      }
    }
    return false;
  });
  return found;
}

/// A predicate of the object's own class, called on `this` (as
/// own_predicate_tests takes it): the expression its one `return` gives,
/// or null.
const clang::Expr* UnsafeBuffer::own_predicate_return(const clang::CXXMemberCallExpr& call) {
  const clang::CXXMethodDecl* m = call.getMethodDecl();
  const clang::Expr* self = call.getImplicitObjectArgument();
  if (m == nullptr || m->isVirtual() || call.getNumArgs() != 0 || self == nullptr ||
      !llvm::isa<clang::CXXThisExpr>(self->IgnoreParenImpCasts())) {
    return nullptr;
  }
  const clang::FunctionDecl* definition = nullptr;
  if (!m->hasBody(definition) || definition == nullptr) return nullptr;
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(definition->getBody());
  const auto* ret = body != nullptr && body->size() == 1 ? llvm::dyn_cast<clang::ReturnStmt>(body->body_front()) : nullptr;
  return ret != nullptr ? ret->getRetValue() : nullptr;
}

/// std::array<T, N> with N > 0, std::span<T, N> with a static extent
/// N > 0: data() always points at an element.
bool UnsafeBuffer::never_empty(const clang::CXXRecordDecl* record) {
  const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(record);
  if (spec == nullptr || spec->getTemplateArgs().size() < 2) return false;
  const clang::TemplateArgument& size = spec->getTemplateArgs()[1];
  if (size.getKind() != clang::TemplateArgument::Integral) return false;
  const llvm::APSInt value = size.getAsIntegral();
  return value.getBoolValue() && !value.isAllOnes();  // std::dynamic_extent is size_t(-1)
}

}  // namespace meshwa::rules::unsafe_buffer
