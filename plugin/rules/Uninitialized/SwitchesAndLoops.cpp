// first_use through the statements that may run their parts several times or
// not at all: switches (a constant value, or every case), loops (one that
// surely runs, a search loop, one holding every use of x) and try blocks.
#include "Uninitialized.h"
#include "Flow.h"
#include "TypeUtil.h"

namespace meshwa::rules::uninitialized {

namespace {

/// The statements a `switch` with a constant value or a `while (true)` runs
/// first, up to its top-level `break` (after which the code after it runs:
/// `none`). A break or continue deeper in (`if (c) break;`) could skip the
/// assignment: stop.
FirstUse first_use_until_break(llvm::ArrayRef<const clang::Stmt*> stmts, const clang::VarDecl& var,
                               const Walk& walk, bool off_the_end_leaves = false) {
  for (const clang::Stmt* s : stmts) {
    while (const auto* label = llvm::dyn_cast_or_null<clang::SwitchCase>(s)) s = label->getSubStmt();  // fallthrough
    if (llvm::isa_and_nonnull<clang::BreakStmt>(s)) return FirstUse::none;
    const bool jumps_out =
        flow::contains(s, [](const clang::Stmt& sub) { return llvm::isa<clang::BreakStmt, clang::ContinueStmt>(sub); });
    if (jumps_out) {
      return FirstUse::stop;
    }
    const FirstUse use = first_use(s, var, walk);
    if (use != FirstUse::none) return use;
  }
  // A switch falling off its end is fine, a loop runs again: not followed,
  // unless the caller knows nothing after the switch names x.
  return off_the_end_leaves ? FirstUse::none : FirstUse::stop;
}

/// `switch (kind) { case 'b': w = 1; break; ... default: w = 8; break; }`:
/// a switch on a run-time value with a `default:` (or a label for every
/// enumerator of the enum it switches on) runs one of its labels;
/// the value is given when every label's way through, up to its top-level
/// break (falling through the labels below it), gives it or leaves. Labels
/// only at the top level of the body (not Duff's device), and a body of at
/// most 64 statements, which bounds the walk from each label.
FirstUse first_use_in_every_case(const clang::SwitchStmt& choice, llvm::ArrayRef<const clang::Stmt*> stmts,
                                 const clang::VarDecl& var, const Walk& walk) {
  constexpr size_t kMaxStatements = 64;
  if (stmts.size() > kMaxStatements) return FirstUse::stop;
  size_t labels = 0;
  for (const clang::SwitchCase* c = choice.getSwitchCaseList(); c != nullptr; c = c->getNextSwitchCase()) ++labels;
  size_t top_level = 0;
  bool has_default = false;
  // `int x; switch (k) { case 1: x = f(); use(x); break; default: break; }`:
  // every use in the switch, and each label's way through gives x a value
  // before reading it, or does not name it.
  const bool confining = walk.all_uses_in(&choice, var);
  std::optional<FirstUse> joined;
  for (size_t i = 0; i < stmts.size(); ++i) {
    if (!llvm::isa<clang::SwitchCase>(stmts[i])) continue;
    for (const clang::Stmt* label = stmts[i]; const auto* c = llvm::dyn_cast_or_null<clang::SwitchCase>(label);
         label = c->getSubStmt()) {
      ++top_level;
      has_default = has_default || llvm::isa<clang::DefaultStmt>(c);
    }
    FirstUse use = first_use_until_break(stmts.drop_front(i), var, walk, confining);
    if (confining && use == FirstUse::assigned) use = FirstUse::confined;
    joined = joined ? join_branches(*joined, use) : use;
  }
  if (top_level != labels || !joined) return FirstUse::stop;
  if (confining && *joined == FirstUse::confined) return FirstUse::confined;
  // Without a default, one label per enumerator of the enum switched on
  // (as clang's -Wswitch judges it): the value is one of them unless it
  // was made by a cast, which the rule trusts, as clang's -Wuninitialized does.
  if (!(has_default || choice.isAllEnumCasesCovered())) return FirstUse::stop;
  return *joined;
}

/// Every `break` under `s` that leaves the loop `s` is the body of (not one
/// of a nested loop or switch) comes right after a statement of its block
/// that assigns x whole (`if (found) { x = v; break; }`). `inner` counts
/// the loops and switches around the statement being looked at.
bool every_exit_assigns(const clang::Stmt* s, const clang::VarDecl& var, int inner = 0, int depth = 0) {
  if (s == nullptr) return true;
  if (depth > 64) return false;
  if (inner == 0 && llvm::isa<clang::BreakStmt>(s)) return false;  // a break that is not right after a write
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
    const clang::Stmt* previous = nullptr;
    for (const clang::Stmt* child : block->body()) {
      const bool leaves_here = inner == 0 && llvm::isa<clang::BreakStmt>(child);
      if (leaves_here && (previous == nullptr || !assigns_whole(previous, var))) return false;
      if (!leaves_here && !every_exit_assigns(child, var, inner, depth + 1)) return false;
      previous = child;
    }
    return true;
  }
  const bool nests = llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt,
                               clang::SwitchStmt>(s);
  for (const clang::Stmt* child : s->children()) {
    if (!every_exit_assigns(child, var, inner + (nests ? 1 : 0), depth + 1)) return false;
  }
  return true;
}

/// `while (true) { if (n > 2) { x = n; break; } ++n; } return x;` (also
/// `for (;;)`): a loop that ends only by a break, whose every break comes
/// right after an assignment of x, and that names x nowhere else than as
/// the target of such assignments (`x = e`, e not naming x): past the loop
/// x holds a value. A return in the loop leaves; no goto or label.
bool search_loop_assigns(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  const clang::Stmt* body = nullptr;
  const clang::Expr* cond = nullptr;
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s); loop != nullptr && loop->getConditionVariable() == nullptr) {
    body = loop->getBody();
    cond = loop->getCond();
  } else if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s);
             loop != nullptr && loop->getConditionVariable() == nullptr && !mentions(loop->getInit(), var) &&
             !mentions(loop->getInc(), var)) {
    body = loop->getBody();
    cond = loop->getCond();  // none: endless
  } else {
    return false;
  }
  bool runs = true;
  if (cond != nullptr && (cond->isValueDependent() || !cond->EvaluateAsBooleanCondition(runs, walk.ast) || !runs)) {
    return false;
  }
  if (body == nullptr || !mentions(body, var) || has_goto(body) ||
      flow::contains(body, [](const clang::Stmt& sub) { return llvm::isa<clang::LabelStmt>(sub); })) {
    return false;
  }
  // Every mention of x is the target of a whole assignment.
  unsigned targets = 0;
  flow::contains(body, [&](const clang::Stmt& sub) {
    // The assignment itself (not the ExprWithCleanups around it: counted once).
    if (const auto* e = llvm::dyn_cast<clang::Expr>(&sub);
        e != nullptr && llvm::isa<clang::BinaryOperator, clang::CXXOperatorCallExpr>(e) && assigns_whole(e, var)) {
      const std::optional<Assignment> assignment = as_assignment(e->IgnoreImplicit()->IgnoreParens());
      if (assignment && !mentions(assignment->rhs, var)) ++targets;
    }
    return false;
  });
  return targets == uses_in(body, var) && every_exit_assigns(body, var);
}

}  // namespace

/// Juliet's `switch (6) { case 6: data = 5; break; default: ...; }` and
/// `while (1) { data = 5; break; }`: the one way through that a constant
/// condition leaves. Otherwise `stop` (a switch or loop mentioning x).
FirstUse first_use_in_constant_jump(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  if (search_loop_assigns(s, var, walk)) return FirstUse::assigned;
  const clang::Expr* cond = nullptr;
  const clang::Stmt* body = nullptr;
  const auto* choice = llvm::dyn_cast<clang::SwitchStmt>(s);
  const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s);
  if (choice != nullptr && choice->getInit() == nullptr && choice->getConditionVariable() == nullptr) {
    cond = choice->getCond();
    body = choice->getBody();
  } else if (loop != nullptr && loop->getConditionVariable() == nullptr) {
    cond = loop->getCond();
    body = loop->getBody();
  }
  const auto* block = llvm::dyn_cast_or_null<clang::CompoundStmt>(body);
  if (cond == nullptr || block == nullptr || cond->isValueDependent() || mentions(cond, var) ||
      flow::contains(block, [](const clang::Stmt& sub) {
        return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt>(sub);
      })) {
    return FirstUse::stop;
  }
  const llvm::SmallVector<const clang::Stmt*, 16> stmts(block->body_begin(), block->body_end());
  clang::Expr::EvalResult value;
  if (loop != nullptr) {
    bool runs = false;
    if (!cond->EvaluateAsBooleanCondition(runs, walk.ast) || !runs) return FirstUse::stop;
    return first_use_until_break(stmts, var, walk);
  }
  if (!cond->EvaluateAsInt(value, walk.ast)) return first_use_in_every_case(*choice, stmts, var, walk);
  // The case with that value, else `default:`, among the top-level labels.
  std::optional<size_t> start;
  std::optional<size_t> fallback;
  for (size_t i = 0; i < stmts.size(); ++i) {
    for (const clang::Stmt* label = stmts[i]; const auto* c = llvm::dyn_cast_or_null<clang::SwitchCase>(label);
         label = c->getSubStmt()) {
      if (llvm::isa<clang::DefaultStmt>(c) && !fallback) fallback = i;
      const auto* one = llvm::dyn_cast<clang::CaseStmt>(c);
      clang::Expr::EvalResult key;
      if (one != nullptr && !one->caseStmtIsGNURange() && one->getLHS()->EvaluateAsInt(key, walk.ast) &&
          llvm::APSInt::isSameValue(key.Val.getInt(), value.Val.getInt()) && !start) {
        start = i;
      }
    }
  }
  if (!start) start = fallback;
  if (!start) return FirstUse::none;  // no case runs
  return first_use_until_break(llvm::ArrayRef(stmts).drop_front(*start), var, walk);
}

std::optional<CountedLoop> counted_loop(const clang::ForStmt& loop) {
  CountedLoop counted;
  if (const auto* init = llvm::dyn_cast_or_null<clang::DeclStmt>(loop.getInit()); init != nullptr && init->isSingleDecl()) {
    counted.counter = llvm::dyn_cast<clang::VarDecl>(init->getSingleDecl());
    counted.declared = true;
    counted.first = counted.counter != nullptr ? counted.counter->getInit() : nullptr;
  } else if (const auto* init = llvm::dyn_cast_or_null<clang::BinaryOperator>(loop.getInit());
             init != nullptr && init->getOpcode() == clang::BO_Assign) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(init->getLHS()->IgnoreParens());
    counted.counter = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    counted.first = init->getRHS();
  }
  counted.cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(loop.getCond());
  if (counted.counter == nullptr || counted.cond == nullptr || !counted.cond->isComparisonOp()) return std::nullopt;
  const auto names_counter = [&](const clang::Expr* e) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    return ref != nullptr && ref->getDecl() == counted.counter;
  };
  counted.op = counted.cond->getOpcode();
  counted.bound = counted.cond->getRHS();
  if (!names_counter(counted.cond->getLHS())) {
    if (!names_counter(counted.cond->getRHS())) return std::nullopt;
    counted.bound = counted.cond->getLHS();  // `10 > i`: the same test with the sides swapped
    counted.op = clang::BinaryOperator::reverseComparisonOp(counted.op);
  }
  return counted;
}

namespace {

/// `for (int i = 0; i < 10; ++i)`: a counter declared with a constant and
/// tested against a constant, so that the condition holds when the loop is
/// entered and the body runs at least once.
bool first_iteration_runs(const clang::ForStmt& loop, clang::ASTContext& ast) {
  // `for (int i = 0; ...)`, or `for (h = 0; ...)` of a local declared
  // earlier (Juliet's flow variant 17): either way it starts at the constant.
  const std::optional<CountedLoop> counted = counted_loop(loop);
  if (!counted) return false;
  const clang::VarDecl* counter = counted->counter;
  const clang::BinaryOperator* cond = counted->cond;
  const clang::BinaryOperatorKind op = counted->op;
  // A static counter keeps its value from the last call: not a fresh start.
  if (!counter->getType()->isIntegerType() || !counter->hasLocalStorage() || counter->getType().isVolatileQualified() ||
      loop.getConditionVariable() != nullptr) {
    return false;
  }
  // The initialiser and an assignment's right side are converted to the
  // counter's type already: the value it holds.
  const std::optional<int64_t> start = constant_value(counted->first, ast);
  const std::optional<int64_t> limit = constant_value(counted->bound, ast);
  if (!start || !limit) return false;
  // The comparison is done in its operands' converted type: in an unsigned
  // one a negative value is a huge one (`int i = -1; i < 5u` is false), so
  // negative values are compared only in a signed type.
  if ((*start < 0 || *limit < 0) && !cond->getLHS()->getType()->isSignedIntegerType()) return false;
  switch (op) {
    case clang::BO_LT: return *start < *limit;
    case clang::BO_LE: return *start <= *limit;
    case clang::BO_GT: return *start > *limit;
    case clang::BO_GE: return *start >= *limit;
    case clang::BO_NE: return *start != *limit;
    default: return false;
  }
}

/// `int x; for (int i = 0; i < 10; ++i) x = i; return x;`: a loop whose
/// body certainly runs (first_iteration_runs) and gives x a value on every
/// path through it before reading it, with nothing that can leave the body
/// early (break, continue) and a header that does not name x. Past the loop
/// x holds the last iteration's value.
bool first_iteration_assigns(const clang::ForStmt& loop, const clang::VarDecl& var, const Walk& walk) {
  if (!first_iteration_runs(loop, walk.ast) || mentions(loop.getInit(), var) || mentions(loop.getCond(), var) ||
      mentions(loop.getInc(), var) || !mentions(loop.getBody(), var) ||
      flow::contains(loop.getBody(), [](const clang::Stmt& sub) {
        return llvm::isa<clang::BreakStmt, clang::ContinueStmt>(sub);
      })) {
    return false;
  }
  return first_use(loop.getBody(), var, walk) == FirstUse::assigned;
}

/// `for (;;) { c = next(); if (c != ' ') break; }`: like `while (1)`, the
/// body runs up to its first top-level `break`.
FirstUse first_use_in_endless_for(const clang::ForStmt& loop, const clang::VarDecl& var, const Walk& walk) {
  if (!mentions(&loop, var)) return FirstUse::none;
  bool runs = true;
  const clang::Expr* cond = loop.getCond();
  if (cond != nullptr && (cond->isValueDependent() || !cond->EvaluateAsBooleanCondition(runs, walk.ast) || !runs)) {
    return FirstUse::none;
  }
  const auto* block = llvm::dyn_cast_or_null<clang::CompoundStmt>(loop.getBody());
  if (block == nullptr || loop.getConditionVariable() != nullptr || mentions(loop.getInit(), var) ||
      flow::contains(block, [](const clang::Stmt& sub) {
        return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt, clang::SwitchCase>(sub);
      })) {
    return FirstUse::none;
  }
  const llvm::SmallVector<const clang::Stmt*, 16> stmts(block->body_begin(), block->body_end());
  const FirstUse use = first_use_until_break(stmts, var, walk);
  return use == FirstUse::none ? FirstUse::stop : use;  // a loop that mentions x and is not decided: stop
}

}  // namespace

/// What runs first in a loop, every time: the init of `for (i = 0; i < n;
/// ++i)` (read as a statement before the loop, so `for (i = 0, j = 0; ...)`
/// assigns both, one operand after the other), the body of `do { x =
/// next(); } while (x < 0);` (when nothing in it can skip to the
/// condition: no break or continue). `none` when the loop does not start
/// so; the caller goes on as before.
FirstUse first_use_in_loop_start(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) {
    if (loop->getInit() != nullptr && first_use(loop->getInit(), var, walk) == FirstUse::assigned) {
      return FirstUse::assigned;
    }
    if (first_iteration_assigns(*loop, var, walk)) return FirstUse::assigned;
    if (search_loop_assigns(loop, var, walk)) return FirstUse::assigned;
    return first_use_in_endless_for(*loop, var, walk);
  }
  const auto* loop = llvm::dyn_cast<clang::DoStmt>(s);
  if (loop == nullptr || flow::contains(loop->getBody(), [](const clang::Stmt& sub) {
        return llvm::isa<clang::BreakStmt, clang::ContinueStmt>(sub);
      })) {
    return FirstUse::none;
  }
  return first_use(loop->getBody(), var, walk) == FirstUse::assigned ? FirstUse::assigned : FirstUse::none;
}

std::optional<LoopParts> loop_parts(const clang::Stmt* s) {
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) {
    return LoopParts{loop->getBody(),
                     {loop->getInit(), loop->getCond(), loop->getInc(), loop->getConditionVariableDeclStmt()}};
  }
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s)) {
    return LoopParts{loop->getBody(), {loop->getCond(), loop->getConditionVariableDeclStmt()}};
  }
  if (const auto* loop = llvm::dyn_cast<clang::CXXForRangeStmt>(s)) {
    return LoopParts{loop->getBody(), {loop->getInit(), loop->getRangeInit()}};
  }
  if (const auto* loop = llvm::dyn_cast<clang::DoStmt>(s)) return LoopParts{loop->getBody(), {loop->getCond()}};
  return std::nullopt;
}

/// `int x; for (...) { x = next(); use(x); }`, `while (c) { x = f(); ... }`:
/// a loop that holds every use of x, whose header does not name it, and
/// whose body gives x a value before reading it on every path through an
/// iteration (a `continue` or `break` before the write reads nothing).
/// Nothing after the loop reads x: confined. Else none (not decided here).
FirstUse first_use_in_confining_loop(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  const std::optional<LoopParts> parts = loop_parts(s);
  if (!parts) return FirstUse::none;
  const clang::Stmt* body = parts->body;
  const llvm::SmallVector<const clang::Stmt*, 4>& header = parts->header;
  if (!mentions(body, var) || !walk.all_uses_in(s, var)) return FirstUse::none;
  if (llvm::any_of(header, [&](const clang::Stmt* part) { return mentions(part, var); })) return FirstUse::none;
  const FirstUse use = first_use(body, var, walk);
  return use == FirstUse::assigned || use == FirstUse::confined ? FirstUse::confined : FirstUse::none;
}

/// `try { v = parse(); } catch (const Error&) { v = -1; }`: a value past the
/// try when the block gives one and every handler gives one or leaves (an
/// exception thrown before the write lands in a handler; one no handler
/// catches leaves).
FirstUse first_use_in_try(const clang::CXXTryStmt& guarded, const clang::VarDecl& var, const Walk& walk) {
  // `int n; try { n = parse(); use(n); } catch (...) { log(); }`: every use
  // in the try statement, each part giving a value before its reads.
  const bool confining = walk.all_uses_in(&guarded, var);
  auto part_use = [&](const clang::Stmt* part) {
    const FirstUse use = first_use(part, var, walk);
    return confining && use == FirstUse::assigned ? FirstUse::confined : use;
  };
  FirstUse joined = part_use(guarded.getTryBlock());
  for (unsigned i = 0; i < guarded.getNumHandlers(); ++i) {
    joined = join_branches(joined, part_use(guarded.getHandler(i)->getHandlerBlock()));
  }
  return joined;
}

/// `while (in >> x) use(x);`, `while (std::cin >> a >> b && a != 0)`: the
/// body runs only after an extraction that wrote x. After the loop the last
/// one failed, and may have written nothing: accepted when nothing after
/// the loop uses x.
FirstUse first_use_in_extraction_loop(const clang::WhileStmt& loop, const clang::VarDecl& var, const Walk& walk) {
  return walk.all_uses_in(&loop, var) ? FirstUse::confined : FirstUse::stop;
}

}  // namespace meshwa::rules::uninitialized
