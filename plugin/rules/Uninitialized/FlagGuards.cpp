// A local read only where something says it was written: a flag set right
// after each write (`if (have) use(v);`), a test nothing in the function can
// change (`if (n > 0) x = f(); ... if (n > 0) use(x);`), or a loop that
// surely ran (`n > 0` after `for (int i = 0; i < n; ++i) last = i;`).
#include "Uninitialized.h"
#include "Flow.h"
#include "TypeUtil.h"

#include <iterator>
#include <limits>

namespace meshwa::rules::uninitialized {

/// `bool have = false; int v; ... if (c) { v = x; have = true; } ... if (have)
/// use(v);` (or `bool first = true; ... { v = x; first = false; } ... if
/// (!first)`): a flag that is only ever set (given the value it was not
/// declared with) right after a write of x (an earlier statement of the same
/// block assigns x whole), and every read of x is where the flag is known to
/// be set. Sound as long as the flag lives exactly as long as x: declared
/// with a constant in the same block.
namespace flag_guard {

namespace {

/// Are `a` and `b` the same test of the same variables, whatever the
/// parentheses (`n > 0 && m` and `(n > 0) && m`)? Only the kinds of
/// expression fixed_test allows.
bool same_test(const clang::Expr* a, const clang::Expr* b, int depth = 0) {
  a = a->IgnoreParenImpCasts();
  b = b->IgnoreParenImpCasts();
  if (depth > 32 || a->getStmtClass() != b->getStmtClass()) return false;
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(a)) {
    return ref->getDecl() == llvm::cast<clang::DeclRefExpr>(b)->getDecl();
  }
  if (const auto* literal = llvm::dyn_cast<clang::IntegerLiteral>(a)) {
    return llvm::APInt::isSameValue(literal->getValue(), llvm::cast<clang::IntegerLiteral>(b)->getValue());
  }
  if (const auto* literal = llvm::dyn_cast<clang::CharacterLiteral>(a)) {
    return literal->getValue() == llvm::cast<clang::CharacterLiteral>(b)->getValue();
  }
  if (const auto* literal = llvm::dyn_cast<clang::CXXBoolLiteralExpr>(a)) {
    return literal->getValue() == llvm::cast<clang::CXXBoolLiteralExpr>(b)->getValue();
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(a);
      op != nullptr && op->getOpcode() != llvm::cast<clang::UnaryOperator>(b)->getOpcode()) {
    return false;
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(a);
      op != nullptr && op->getOpcode() != llvm::cast<clang::BinaryOperator>(b)->getOpcode()) {
    return false;
  }
  if (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(a);
      cast != nullptr && cast->getType().getCanonicalType() != b->getType().getCanonicalType()) {
    return false;
  }
  auto left = a->children();
  auto right = b->children();
  auto l = left.begin();
  auto r = right.begin();
  for (; l != left.end() && r != right.end(); ++l, ++r) {
    const auto* le = llvm::dyn_cast_or_null<clang::Expr>(*l);
    const auto* re = llvm::dyn_cast_or_null<clang::Expr>(*r);
    if (le == nullptr || re == nullptr || !same_test(le, re, depth + 1)) return false;
  }
  return l == left.end() && r == right.end();
}

bool is_bool_constant(const clang::Expr* e, bool& value, clang::ASTContext& ast) {
  return e != nullptr && !e->isValueDependent() && e->EvaluateAsBooleanCondition(value, ast);
}

/// `flag = <constant>`: the constant, else nullopt.
std::optional<bool> assigned_constant(const clang::Stmt* s, const clang::VarDecl& flag, clang::ASTContext& ast) {
  const auto* e = llvm::dyn_cast_or_null<clang::Expr>(s);
  const auto* assign = e != nullptr ? llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreImplicit()->IgnoreParens()) : nullptr;
  if (assign == nullptr || assign->getOpcode() != clang::BO_Assign) return std::nullopt;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(assign->getLHS()->IgnoreParens());
  bool value = false;
  if (ref == nullptr || ref->getDecl() != &flag || !is_bool_constant(assign->getRHS(), value, ast)) return std::nullopt;
  return value;
}

/// Every use of the flag is a read or an assignment of a constant, and each
/// `flag = <set>;` follows, in its block, a statement that assigns `var`
/// whole (with no label in between that could jump past it).
bool set_only_after_write(const clang::Stmt* scope, const Flag& guard, const clang::VarDecl& var, const Walk& walk) {
  const clang::VarDecl& flag = *guard.var;
  unsigned reads = 0;
  unsigned assigns = 0;
  unsigned set_true = 0;
  unsigned after_write = 0;
  flow::contains(scope, [&](const clang::Stmt& sub) {
    if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&sub);
        cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cast->getSubExpr()->IgnoreParens());
      if (ref != nullptr && ref->getDecl() == &flag) ++reads;
    } else if (const std::optional<bool> value = assigned_constant(&sub, flag, walk.ast)) {
      ++assigns;
      if (*value == guard.set) ++set_true;
    } else if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(&sub)) {
      bool written = false;
      for (const clang::Stmt* part : block->body()) {
        if (llvm::isa<clang::SwitchCase, clang::LabelStmt>(part)) written = false;
        if (assigns_whole(part, var)) written = true;
        const std::optional<bool> value = assigned_constant(part, flag, walk.ast);
        if (value && *value == guard.set && written) ++after_write;
      }
    }
    return false;
  });
  return reads + assigns == walk.uses.lookup(&flag) && set_true == after_write;
}

/// The values of one integer variable for which a comparison of it with a
/// constant has the value `when` (`n > 10` true: [11, max]), as a closed
/// interval; nothing for other tests, for `!=` true or `==` false (two
/// intervals), or for constants past 64 bits.
struct Range {
  const clang::ValueDecl* var = nullptr;
  int64_t low = std::numeric_limits<int64_t>::min();
  int64_t high = std::numeric_limits<int64_t>::max();
};

std::optional<Range> compared_range(const clang::Expr* e, bool when, const clang::ASTContext& ast) {
  const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreParenImpCasts());
  if (op == nullptr || !op->isComparisonOp()) return std::nullopt;
  clang::BinaryOperatorKind kind = op->getOpcode();
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getLHS()->IgnoreParenImpCasts());
  const clang::Expr* constant = op->getRHS();
  if (ref == nullptr) {  // `10 < n`: turned round
    ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getRHS()->IgnoreParenImpCasts());
    constant = op->getLHS();
    kind = clang::BinaryOperator::reverseComparisonOp(kind);
  }
  if (ref == nullptr || !ref->getType()->isIntegerType()) return std::nullopt;
  clang::Expr::EvalResult value;
  if (constant->isValueDependent() || !constant->EvaluateAsInt(value, ast)) return std::nullopt;
  const llvm::APSInt& c = value.Val.getInt();
  if (c.getSignificantBits() > 63) return std::nullopt;
  const int64_t k = c.getExtValue();
  // Compared as the variable's own kind of number (not an int turned
  // unsigned by `n < 5u`, where -1 is not below 5), and no negative
  // constant turned unsigned.
  const bool unsigned_compare = op->getLHS()->getType()->isUnsignedIntegerType();
  if (unsigned_compare != ref->getType()->isUnsignedIntegerType() || (unsigned_compare && k < 0)) return std::nullopt;
  if (!when) kind = clang::BinaryOperator::negateComparisonOp(kind);
  Range range{ref->getDecl()};
  switch (kind) {
    case clang::BO_LT: range.high = k - 1; break;
    case clang::BO_LE: range.high = k; break;
    case clang::BO_GT: range.low = k + 1; break;
    case clang::BO_GE: range.low = k; break;
    case clang::BO_EQ: range.low = range.high = k; break;
    case clang::BO_NE:
      // `n != 0` of an unsigned n: [1, max].
      if (!unsigned_compare || k != 0) return std::nullopt;
      range.low = 1;
      break;
    default: return std::nullopt;
  }
  return range;
}

/// `n > 20` true implies `n > 10` true: every value the first allows, the
/// second does (GCC's uninit-pred cases, `if (n > 10) x = 1; ... if (n >
/// 20) use(x);`).
bool comparison_implies(const clang::Expr* cond, bool when, const clang::Expr* test, bool set,
                        const clang::ASTContext& ast) {
  const std::optional<Range> given = compared_range(cond, when, ast);
  const std::optional<Range> needed = compared_range(test, set, ast);
  return given && needed && given->var == needed->var && given->low <= given->high && needed->low <= given->low &&
         given->high <= needed->high;
}

/// Does `cond` having the value `when` mean the flag is set? For `have`
/// (set to true): `have` true, `!have` false, `have && c` true, `!have ||
/// c` false; for `first` (set to false): `first` false, `first || c` false.
bool implies_flag(const clang::Expr* cond, const Flag& flag, bool when) {
  const auto says_set = [&](const clang::Expr* e, bool value) -> std::optional<bool> {
    if (flag.test != nullptr && same_test(e, flag.test)) return value == flag.set;
    if (flag.test != nullptr && flag.ast != nullptr && comparison_implies(e, value, flag.test, flag.set, *flag.ast)) {
      return true;
    }
    if (flag.bound != nullptr && flag.ast != nullptr) {
      const std::optional<Range> given = compared_range(e, value, *flag.ast);
      if (given && given->var == flag.bound && given->low <= given->high && given->low >= flag.low) return true;
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return ref->getDecl() == flag.var && value == flag.set;
    return std::nullopt;
  };
  const auto strip = [](const clang::Expr* e) { return e->IgnoreParenImpCasts(); };
  return holds_when(cond, when, ConditionTest{strip, says_set});
}

/// Is every read of `var` under `scope` where the flag is true: the branch
/// of an if or ?: its condition selects when the flag is, the right operand
/// of `have && ...` or `!have || ...`, or the statements of a block after
/// `if (!have) return ...;`? The left side of `var = e` is a write.
bool every_read_guarded(const clang::Stmt* scope, const clang::VarDecl& var, const Flag& flag) {
  llvm::SmallVector<const clang::Stmt*, 64> pending{scope};
  while (!pending.empty()) {
    const clang::Stmt* s = pending.pop_back_val();
    if (s == nullptr) continue;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s); ref != nullptr && ref->getDecl() == &var) return false;
    // A region a jump can enter past its guard (`case 1:` inside `if
    // (have) { ... }`) is not guarded.
    auto guarded_by = [&](const clang::Stmt* region, const clang::Expr* cond, bool when) {
      return implies_flag(cond, flag, when) && !has_label_reached_from_outside(region);
    };
    if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
      pending.append({branch->getInit(), branch->getConditionVariableDeclStmt(), branch->getCond()});
      if (!guarded_by(branch->getThen(), branch->getCond(), true)) pending.push_back(branch->getThen());
      if (!guarded_by(branch->getElse(), branch->getCond(), false)) pending.push_back(branch->getElse());
      continue;
    }
    if (const auto* choice = llvm::dyn_cast<clang::ConditionalOperator>(s)) {
      pending.push_back(choice->getCond());
      if (!implies_flag(choice->getCond(), flag, true)) pending.push_back(choice->getTrueExpr());
      if (!implies_flag(choice->getCond(), flag, false)) pending.push_back(choice->getFalseExpr());
      continue;
    }
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(s)) {
      if (op->getOpcode() == clang::BO_LAnd || op->getOpcode() == clang::BO_LOr) {
        pending.push_back(op->getLHS());
        if (!implies_flag(op->getLHS(), flag, op->getOpcode() == clang::BO_LAnd)) pending.push_back(op->getRHS());
        continue;
      }
      const auto* lhs = llvm::dyn_cast<clang::DeclRefExpr>(op->getLHS()->IgnoreParens());
      if (op->getOpcode() == clang::BO_Assign && lhs != nullptr && lhs->getDecl() == &var) {
        pending.push_back(op->getRHS());  // a write
        continue;
      }
    }
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
      for (const clang::Stmt* part : block->body()) {
        pending.push_back(part);
        const auto* check = llvm::dyn_cast<clang::IfStmt>(part);
        // `if (!have) return -1;`: past it, the flag is true.
        if (check != nullptr && check->getInit() == nullptr && check->getConditionVariable() == nullptr &&
            check->getElse() == nullptr && implies_flag(check->getCond(), flag, false) &&
            always_leaves(check->getThen()) && !has_label_reached_from_outside(block)) {
          break;
        }
      }
      continue;
    }
    for (const clang::Stmt* child : s->children()) pending.push_back(child);
  }
  return true;
}

}  // namespace

/// The flags that may guard the locals of `block`: bools declared in it
/// with a constant, then ints used as one (`int found = 0; ... found =
/// 1;`, C's habit). At most a few (each is tried on every local that is
/// otherwise reported).
llvm::SmallVector<Flag, 4> candidates(const clang::CompoundStmt& block, clang::ASTContext& ast) {
  llvm::SmallVector<Flag, 4> flags;
  for (const bool boolean : {true, false}) {
    for (const clang::Stmt* part : block.body()) {
      const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(part);
      if (decl_stmt == nullptr) continue;
      for (const clang::Decl* d : decl_stmt->decls()) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
        bool value = true;
        if (var == nullptr || !var->hasLocalStorage() || !var->getType()->isIntegerType() ||
            var->getType()->isBooleanType() != boolean || var->getType().isVolatileQualified() ||
            !is_bool_constant(var->getInit(), value, ast)) {
          continue;
        }
        if (flags.size() == 4) return flags;
        flags.push_back(Flag{var, !value});
      }
    }
  }
  return flags;
}

/// Is `var`, declared in `block`, read only where one of its flags is set?
bool guarded(const clang::CompoundStmt& block, const clang::VarDecl& var, llvm::ArrayRef<Flag> flags,
             const Walk& walk) {
  // A jump into the block past a guard (a goto, a case label of a switch
  // around the block) would read it unguarded.
  if (has_label_reached_from_outside(&block)) return false;
  for (const Flag& flag : flags) {
    if (set_only_after_write(&block, flag, var, walk) && every_read_guarded(&block, var, flag)) return true;
  }
  return false;
}

namespace {

/// Nothing in `body` writes the local or parameter `v`: every use of it in
/// the function is a read of its value (no assignment, reference, address
/// or capture by reference).
bool never_written(const clang::VarDecl& v, const clang::Stmt& body, const Walk& walk) {
  unsigned reads = 0;
  flow::contains(&body, [&](const clang::Stmt& sub) {
    const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&sub);
    if (cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue) {
      const auto* read = llvm::dyn_cast<clang::DeclRefExpr>(cast->getSubExpr()->IgnoreParens());
      if (read != nullptr && read->getDecl() == &v) ++reads;
    }
    return false;
  });
  return reads == walk.uses.lookup(&v);
}

/// A test whose value cannot change within the function: literals,
/// enumerators, and scalar locals or parameters that nothing writes,
/// combined by arithmetic, comparisons, logical operators and casts, with
/// no call, member, element or dereference (which other code may change).
bool fixed_test(const clang::Expr* cond, const clang::Stmt& body, const Walk& walk) {
  // `globalReturnsTrue()`: a call whose function only returns a constant
  // gives the same on every call, as a constant would.
  const bool constant_calls = flow::contains(cond, [&](const clang::Stmt& s) {
    return llvm::isa<clang::CallExpr>(s) && flow::constant_call_result(llvm::cast<clang::CallExpr>(&s), walk.ast);
  });
  if ((!constant_calls && cond->HasSideEffects(walk.ast)) || cond->isValueDependent() ||
      cond->getType()->isDependentType()) {
    return false;
  }
  bool names_variable = false;
  bool fixed = true;
  llvm::SmallVector<const clang::Stmt*, 16> pending{cond};
  while (fixed && !pending.empty()) {
    const clang::Stmt* s = pending.pop_back_val();
    if (s == nullptr) continue;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s)) {
      if (llvm::isa<clang::EnumConstantDecl>(ref->getDecl())) continue;
      const auto* v = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      fixed = v != nullptr && v->hasLocalStorage() && !v->getType()->isReferenceType() &&
              v->getType()->isScalarType() && !v->getType().isVolatileQualified() && never_written(*v, body, walk);
      names_variable = true;
      continue;
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
      fixed = flow::constant_call_result(call, walk.ast).has_value();
      names_variable = true;
      continue;
    }
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(s)) {
      const clang::UnaryOperatorKind kind = op->getOpcode();
      fixed = kind == clang::UO_LNot || kind == clang::UO_Minus || kind == clang::UO_Plus || kind == clang::UO_Not;
    } else if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(s)) {
      fixed = !op->isAssignmentOp() && op->getOpcode() != clang::BO_Comma && !op->isPtrMemOp();
    } else {
      fixed = llvm::isa<clang::ParenExpr, clang::ImplicitCastExpr, clang::CStyleCastExpr, clang::CXXStaticCastExpr,
                        clang::IntegerLiteral, clang::CharacterLiteral, clang::CXXBoolLiteralExpr,
                        clang::CXXNullPtrLiteralExpr, clang::ConditionalOperator>(s);
    }
    for (const clang::Stmt* child : s->children()) pending.push_back(child);
  }
  return fixed && names_variable;
}

/// Is every read of `var` in [from, to), statements of one block, where
/// `guard` holds? Past `if (n <= 0) return -1;` (a test that, false, says
/// the guard holds, and a branch that leaves) it holds for the rest.
template <class Iterator>
bool later_reads_guarded(Iterator from, Iterator to, const clang::VarDecl& var, const Flag& guard) {
  for (Iterator it = from; it != to; ++it) {
    if (!every_read_guarded(*it, var, guard)) return false;
    const auto* check = llvm::dyn_cast<clang::IfStmt>(*it);
    if (check != nullptr && check->getInit() == nullptr && check->getConditionVariable() == nullptr &&
        check->getElse() == nullptr && implies_flag(check->getCond(), guard, false) &&
        always_leaves(check->getThen())) {
      return true;
    }
  }
  return true;
}

/// `for (int i = 0; i < n; ++i) { last = f(i); use(last); }` with `n`
/// a variable nothing writes: the body runs at least once, and gives `var`
/// its value, exactly when `n` is above the counter's first value. The
/// guard that says so (`n > 0` after that loop), or nothing: a counter not
/// declared in the init with a constant, a condition other than `i < n` /
/// `i <= n`, a header naming `var`, or a body that does not give it a
/// value before reading it or that may leave early (break, continue, goto).
std::optional<Flag> first_iteration_writes(const clang::ForStmt& loop, const clang::VarDecl& var,
                                           const clang::Stmt& body, const Walk& walk) {
  const std::optional<CountedLoop> counted = counted_loop(loop);
  if (!counted || !counted->declared || counted->first == nullptr || mentions(loop.getInit(), var) ||
      mentions(loop.getCond(), var) || mentions(loop.getInc(), var)) {
    return std::nullopt;
  }
  const clang::BinaryOperator* cond = counted->cond;
  clang::Expr::EvalResult start;
  if (counted->first->isValueDependent() || !counted->first->EvaluateAsInt(start, walk.ast)) return std::nullopt;
  const llvm::APSInt& first = start.Val.getInt();
  if (first.getSignificantBits() > 62) return std::nullopt;
  // `i < n` (or `n > i`), `i <= n`, with `n` an integer local or parameter nothing writes.
  const clang::BinaryOperatorKind kind = counted->op;
  const auto* n = llvm::dyn_cast<clang::DeclRefExpr>(counted->bound->IgnoreParenImpCasts());
  const auto* limit = n != nullptr ? llvm::dyn_cast<clang::VarDecl>(n->getDecl()) : nullptr;
  if ((kind != clang::BO_LT && kind != clang::BO_LE) || limit == nullptr || !limit->hasLocalStorage() ||
      !limit->getType()->isIntegerType() || limit->getType()->isReferenceType() ||
      limit->getType().isVolatileQualified() || !never_written(*limit, body, walk)) {
    return std::nullopt;
  }
  // Compared unsigned, a negative first value would wrap.
  if (cond->getLHS()->getType()->isUnsignedIntegerType() && first.isNegative()) return std::nullopt;
  if (flow::contains(loop.getBody(), [](const clang::Stmt& sub) {
        return llvm::isa<clang::BreakStmt, clang::ContinueStmt, clang::GotoStmt, clang::IndirectGotoStmt,
                         clang::LabelStmt, clang::SwitchCase>(sub);
      })) {
    return std::nullopt;
  }
  if (first_use(loop.getBody(), var, walk) != FirstUse::assigned) return std::nullopt;
  Flag ran;
  ran.ast = &walk.ast;
  ran.bound = limit;
  ran.low = first.getExtValue() + (kind == clang::BO_LT ? 1 : 0);
  return ran;
}

}  // namespace

/// `double t; if (verbose) t = 1; ... if (verbose) use(12 - t);`: the
/// first statement after the declaration that names x is `if (flag)` (or
/// `if (!flag)`) whose branch gives x a value before any read, with an
/// else that does not name x, where `flag` is a bool local or parameter
/// that nothing in the function writes (every use a read: no assignment,
/// reference, address or capture by reference), and every later read of x
/// is where the same test holds. The test cannot change in between, so
/// where it holds the branch ran. `rest`: the statements after x's
/// declaration in `block`.
template <class Range>
bool guarded_by_fixed_test(const clang::CompoundStmt& block, const Range& rest, const clang::VarDecl& var,
                           const clang::Stmt& body, const Walk& walk, int depth) {
  if (depth > 16 || has_label_reached_from_outside(&block)) return false;
  auto it = rest.begin();
  while (it != rest.end() && !mentions(*it, var)) ++it;
  if (it == rest.end()) return false;
  // `if (b) { if (verbose) t = 1; if (verbose) use(t); }` holding every use
  // of t: the same question, asked of the inner block.
  if (const auto* outer = llvm::dyn_cast<clang::IfStmt>(*it);
      outer != nullptr && outer->getInit() == nullptr && outer->getConditionVariable() == nullptr &&
      !mentions(outer->getCond(), var) && !mentions(outer->getElse(), var) && walk.all_uses_in(outer, var)) {
    const auto* inner = llvm::dyn_cast<clang::CompoundStmt>(outer->getThen());
    return inner != nullptr && guarded_by_fixed_test(*inner, inner->body(), var, body, walk, depth + 1);
  }
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(*it)) {
    const std::optional<Flag> ran = first_iteration_writes(*loop, var, body, walk);
    if (!ran) return false;
    return later_reads_guarded(std::next(it), rest.end(), var, *ran);
  }
  const auto* write = llvm::dyn_cast<clang::IfStmt>(*it);
  if (write == nullptr || write->getInit() != nullptr || write->getConditionVariable() != nullptr ||
      write->isConsteval() || mentions(write->getCond(), var) || mentions(write->getElse(), var)) {
    return false;
  }
  const clang::Expr* cond = write->getCond()->IgnoreParenImpCasts();
  bool set = true;
  if (const auto* negated = llvm::dyn_cast<clang::UnaryOperator>(cond);
      negated != nullptr && negated->getOpcode() == clang::UO_LNot) {
    cond = negated->getSubExpr()->IgnoreParenImpCasts();
    set = false;
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cond);
  const auto* flag = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  Flag guard{flag, set};
  if (flag == nullptr || !flag->getType()->isBooleanType()) {
    // `if (n > 0) x = f(); ... if (n > 0) use(x);`: a test of variables
    // nothing writes, the same each time it is evaluated.
    if (!fixed_test(cond, body, walk)) return false;
    guard = Flag{nullptr, set, cond, &walk.ast};
  } else if (!flag->hasLocalStorage() || flag->getType().isVolatileQualified() || flag == &var ||
             !never_written(*flag, body, walk)) {
    return false;
  }
  if (first_use(write->getThen(), var, walk) != FirstUse::assigned) return false;
  return later_reads_guarded(std::next(it), rest.end(), var, guard);
}

// Instantiated here for the one range the rule's files hand it (a block's
// statements, whole or from some statement on).
template bool guarded_by_fixed_test(const clang::CompoundStmt& block,
                                    const llvm::iterator_range<clang::CompoundStmt::const_body_iterator>& rest,
                                    const clang::VarDecl& var, const clang::Stmt& body, const Walk& walk, int depth);

}  // namespace flag_guard

}  // namespace meshwa::rules::uninitialized
