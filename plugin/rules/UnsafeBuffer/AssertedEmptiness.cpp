// What an assertion says about a container's emptiness, read for its
// polarity: `assert(!c.empty());` shows `c` has elements past it,
// `assert(c.empty());` does not; GoogleTest's fatal ASSERT_TRUE / ASSERT_FALSE
// / ASSERT_EQ ... / ASSERT_THAT likewise; `cv.wait(lock, pred)` returns
// only once its predicate holds. Used by guards() and shown_not_empty()
// (EmptyOrEnd.cpp) before they fall back to "the code asks about it".
#include <optional>

#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "clang/Basic/Builtins.h"
#include "llvm/ADT/StringSwitch.h"

namespace meshwa::rules::unsafe_buffer {

namespace {

/// `e` without what only carries its value: implicit nodes, parentheses,
/// temporaries, a functional cast (`::testing::AssertionResult(x)`), and a
/// copy or move construction.
const clang::Expr* carried_value(const clang::Expr* e) {
  return flow::skip_carriers(e, {}, flow::AtOtherCast::stop, flow::WrittenCasts::functional_only,
                             flow::Also::implicit_casts | flow::Also::constants | flow::Also::copy_constructions);
}

/// The function `e` calls, when it is declared in the namespace `testing`
/// (or one nested in it) and named `name`.
bool calls_testing(const clang::Expr* e, llvm::StringRef name) {
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(e);
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  return fn != nullptr && fn->getIdentifier() != nullptr && fn->getName() == name && in_top_namespace(*fn, "testing");
}

/// The comparison a GoogleTest comparison helper makes of its two values
/// (`EqHelper::Compare` for ASSERT_EQ, `CmpHelperNE` for ASSERT_NE, ...),
/// or nullopt for any other function.
std::optional<clang::BinaryOperatorKind> gtest_comparison(const clang::FunctionDecl& fn) {
  if (fn.getIdentifier() == nullptr || !in_top_namespace(fn, "testing")) return std::nullopt;
  const llvm::StringRef name = fn.getName();
  if (name == "Compare") {
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
    const clang::IdentifierInfo* helper = method != nullptr ? method->getParent()->getIdentifier() : nullptr;
    if (helper != nullptr && helper->getName() == "EqHelper") return clang::BO_EQ;
    return std::nullopt;
  }
  return llvm::StringSwitch<std::optional<clang::BinaryOperatorKind>>(name)
      .Case("CmpHelperEQ", clang::BO_EQ)
      .Case("CmpHelperNE", clang::BO_NE)
      .Case("CmpHelperLT", clang::BO_LT)
      .Case("CmpHelperLE", clang::BO_LE)
      .Case("CmpHelperGT", clang::BO_GT)
      .Case("CmpHelperGE", clang::BO_GE)
      .Default(std::nullopt);
}

}  // namespace

/// `if (const ::testing::AssertionResult gtest_ar = E)`, the condition
/// GoogleTest's assertions test (ASSERT_TRUE(x): `AssertionResult(x)`,
/// ASSERT_FALSE(x): `AssertionResult(!(x))`, ASSERT_EQ(a, b):
/// `EqHelper::Compare("a", "b", a, b)`, ASSERT_NE / LT / LE / GT / GE:
/// `CmpHelperNE(...)` ..., ASSERT_THAT(c, m): a matcher applied to `c`):
/// does the result being `when` (a success) mean `object` has elements?
/// nullopt when `init` is none of these, or asks in a shape not read.
std::optional<bool> UnsafeBuffer::assertion_result_proves_not_empty(const clang::Expr* init,
                                                                    const clang::Expr* object, bool when,
                                                                    RuleContext& ctx) {
  const clang::Expr* e = carried_value(init);
  if (e == nullptr) return std::nullopt;
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e); construct != nullptr) {
    const clang::CXXRecordDecl* made = construct->getConstructor()->getParent();
    if (construct->getNumArgs() == 0 || made->getIdentifier() == nullptr || made->getName() != "AssertionResult" ||
        !in_top_namespace(*made, "testing")) {
      return std::nullopt;
    }
    return proves_not_empty(construct->getArg(0)->IgnoreImplicit(), object, when, ctx, 0);
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e); op != nullptr && op->getNumArgs() == 3) {
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getCalleeDecl());
    if (method == nullptr || method->getParent()->getIdentifier() == nullptr ||
        method->getParent()->getName() != "PredicateFormatterFromMatcher" ||
        !same_container(op->getArg(2), object, ctx)) {
      return std::nullopt;
    }
    // The formatter is MakePredicateFormatterFromMatcher(matcher).
    const clang::Expr* made = carried_value(op->getArg(0));
    if (!calls_testing(made, "MakePredicateFormatterFromMatcher")) return std::nullopt;
    return matcher_proves_not_empty(llvm::cast<clang::CallExpr>(made)->getArg(0), when, ctx);
  }
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || call->getNumArgs() != 4) return std::nullopt;
  std::optional<clang::BinaryOperatorKind> kind = gtest_comparison(*callee);
  if (!kind) return std::nullopt;
  if (!when) kind = clang::BinaryOperator::negateComparisonOp(*kind);
  return compares_not_empty(call->getArg(2)->IgnoreImplicit(), *kind, call->getArg(3)->IgnoreImplicit(), object, ctx,
                            0);
}

/// A gMock matcher of a container's size, matched (`when`) or not: does
/// that mean the container has elements? `IsEmpty()` matched: no;
/// `SizeIs(k)` with a constant k matched: when k > 0, not matched: when k
/// is 0; `Not(m)` turns it around. nullopt for anything else
/// (`SizeIs(Gt(0))`).
std::optional<bool> UnsafeBuffer::matcher_proves_not_empty(const clang::Expr* matcher, bool when, RuleContext& ctx) {
  const clang::Expr* e = carried_value(matcher);
  for (int depth = 0; depth < 8 && calls_testing(e, "Not"); ++depth) {
    const auto* call = llvm::cast<clang::CallExpr>(e);
    if (call->getNumArgs() != 1) return std::nullopt;
    when = !when;
    e = carried_value(call->getArg(0));
  }
  if (calls_testing(e, "IsEmpty")) return !when;
  if (!calls_testing(e, "SizeIs") || llvm::cast<clang::CallExpr>(e)->getNumArgs() != 1) return std::nullopt;
  const clang::Expr* size = llvm::cast<clang::CallExpr>(e)->getArg(0)->IgnoreImplicit();
  clang::Expr::EvalResult value;
  if (size->isValueDependent() || !size->getType()->isIntegerType() || !size->EvaluateAsInt(value, ctx.ast)) {
    return std::nullopt;
  }
  return when ? value.Val.getInt().isStrictlyPositive() : value.Val.getInt().isZero();
}

/// What the condition of `s` having the value `when` says of `object`: its
/// plain condition (proves_not_empty) or GoogleTest's `if (const
/// AssertionResult gtest_ar = ...)` (assertion_result_proves_not_empty).
/// An init statement ran before the condition (what it takes out the
/// callers judge); a local it declares, or a plain condition variable (`if
/// (auto n = l.size(); n == 0)`, `if (bool e = l.empty())`), is read by
/// proves_not_empty with its polarity. nullopt when it asks in another
/// shape.
std::optional<bool> UnsafeBuffer::if_proves_not_empty(const clang::IfStmt& s, const clang::Expr* object, bool when,
                                                      RuleContext& ctx) {
  if (const clang::VarDecl* var = s.getConditionVariable(); var != nullptr && var->getInit() != nullptr) {
    if (std::optional<bool> asserted = assertion_result_proves_not_empty(var->getInit(), object, when, ctx)) {
      return asserted;
    }
  }
  return proves_not_empty(s.getCond(), object, when, ctx, 0);
}

/// An expression statement that goes on only when a condition holds,
/// because the other way leaves: glibc's `assert(cond)`, which is
/// `(static_cast<bool>(cond) ? void(0) : __assert_fail(...))`, and the same
/// written by hand (`c.empty() ? throw std::logic_error("empty") : void()`,
/// `ok || die()`, `failed && die()` with a [[noreturn]] `die`). The
/// condition, and the value it has past the statement; nullopt for any
/// other statement.
std::optional<UnsafeBuffer::Guard> UnsafeBuffer::statement_goes_on_when(const clang::Expr& statement) {
  const clang::Expr* e = statement.IgnoreImplicit()->IgnoreParens();
  if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e); cast != nullptr && cast->getType()->isVoidType()) {
    e = cast->getSubExpr()->IgnoreImplicit()->IgnoreParens();
  }
  const auto leaves = [](const clang::Expr* arm) {
    return flow::always_leaves(arm, flow::Leaving::noreturn_calls, 4);
  };
  const clang::Expr* cond = nullptr;
  bool when = true;
  if (const auto* choice = llvm::dyn_cast<clang::ConditionalOperator>(e)) {
    const bool true_leaves = leaves(choice->getTrueExpr());
    const bool false_leaves = leaves(choice->getFalseExpr());
    if (true_leaves == false_leaves) return std::nullopt;
    cond = choice->getCond();
    when = false_leaves;
  } else if (const auto* logical = llvm::dyn_cast<clang::BinaryOperator>(e);
             logical != nullptr && logical->isLogicalOp() && leaves(logical->getRHS())) {
    // `ok || die()` goes on when ok is true; `failed && die()` when false.
    cond = logical->getLHS();
    when = logical->getOpcode() == clang::BO_LOr;
  } else {
    return std::nullopt;
  }
  // `__builtin_expect(!(cond), 0) ? __assert_rtn(...) : (void)0` (other C
  // libraries' assert): the hint's first argument is the condition.
  const auto* hint = llvm::dyn_cast<clang::CallExpr>(cond->IgnoreParenImpCasts());
  if (hint != nullptr && hint->getBuiltinCallee() == clang::Builtin::BI__builtin_expect && hint->getNumArgs() == 2) {
    cond = hint->getArg(0);
  }
  return Guard{cond, when};
}

/// `cv.wait(lock, [&] { return !q.empty(); });` of a std::condition_variable
/// (or _any): it returns only once the predicate, a lambda whose body is
/// one `return`, holds; the value returned, or null. (`wait_for` and
/// `wait_until` also return on a timeout, the predicate false.)
const clang::Expr* UnsafeBuffer::waited_predicate(const clang::Expr& statement) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(statement.IgnoreImplicit()->IgnoreParens());
  const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
  if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "wait" ||
      call->getNumArgs() != 2 || !is_std_class(method->getParent(), {"condition_variable", "condition_variable_any"})) {
    return nullptr;
  }
  const auto* lambda = llvm::dyn_cast_or_null<clang::LambdaExpr>(carried_value(call->getArg(1)));
  return lambda != nullptr ? flow::only_returned_value(lambda->getBody()) : nullptr;
}

/// `cv.wait_for(lock, d, [&] { return !q.empty(); })`, `cv.wait_until(lock,
/// t, pred)` of a std::condition_variable (or _any, also with a stop
/// token, and its `wait(lock, token, pred)`): they return what the
/// predicate gives when they return, true only where it holds. The
/// predicate's returned value (a lambda whose body is one `return`), or
/// null. Read as a condition for its polarity: `if (cv.wait_for(...))`
/// shows it in the then-branch, and nothing past the if.
const clang::Expr* UnsafeBuffer::predicate_a_wait_returns(const clang::CXXMemberCallExpr& call) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  if (method == nullptr || method->getIdentifier() == nullptr || call.getNumArgs() < 3 ||
      !is_std_class(method->getParent(), {"condition_variable", "condition_variable_any"}) ||
      method->getReturnType()->isVoidType() ||
      !llvm::is_contained({"wait", "wait_for", "wait_until"}, method->getName())) {
    return nullptr;
  }
  const auto* lambda = llvm::dyn_cast_or_null<clang::LambdaExpr>(carried_value(call.getArg(call.getNumArgs() - 1)));
  return lambda != nullptr ? flow::only_returned_value(lambda->getBody()) : nullptr;
}

/// An expression statement after which `object` is taken to be not empty:
/// one that goes on only when a condition holds (statement_goes_on_when:
/// `assert(!c.empty());`, not `assert(c.empty());`), or a condition
/// variable's wait for a predicate saying so. Where the condition is read
/// for its polarity, that decides; where it asks in a shape not read (a
/// matcher not read), it is taken as a test, as an `if`'s is; a call handed
/// the size (`assert(valid(c.size()))`) asks nothing (tests_emptiness). Any
/// other statement that merely mentions the size shows nothing: `log(c.size());`
/// goes on whatever it is, and so does `cv.wait_for(lock, t, pred);`, which
/// returns on a timeout with the predicate false.
bool UnsafeBuffer::statement_shows_not_empty(const clang::Expr& statement, const clang::Expr* object,
                                             RuleContext& ctx) {
  if (const std::optional<Guard> goes_on = statement_goes_on_when(statement)) {
    return condition_shows_not_empty(goes_on->cond, goes_on->when, object, ctx);
  }
  if (const clang::Expr* predicate = waited_predicate(statement)) {
    return condition_shows_not_empty(predicate, true, object, ctx);
  }
  return false;
}

}  // namespace meshwa::rules::unsafe_buffer
