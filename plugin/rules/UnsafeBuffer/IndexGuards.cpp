// index_shown_in_bounds: the guards around an access (a loop counting up
// to a bound, an if or an earlier exit comparing the index with one, a
// count a container was built with) that keep its index in bounds; used by
// the unchecked operator[]s (UncheckedSubscripts.cpp) and the C array
// subscripts (PointerArithmetic.cpp). That the index and the container stay
// as tested between the guard and the access: GuardedStaysGuarded.cpp.
#include <limits>

#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "clang/AST/LambdaCapture.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace meshwa::rules::unsafe_buffer {

/// `access` indexes `object` with `index_expr`: is it a variable that an
/// enclosing condition (of a `for` / `while` whose body holds the access,
/// of an `if` whose then-branch does, the left of an `&&`, the condition
/// of a `?:`) bounds with a conjunct `i < bound` / `i <= bound` that
/// `bound_ok` accepts (or a `for` counts it up to such a bound with `i !=
/// bound`: counts_up_to), not negative, and not written between the test
/// and the access (nor the object shrunk)?
bool UnsafeBuffer::index_shown_in_bounds(const clang::Stmt& access, const clang::Expr* index_expr,
                                         const clang::Expr* object, bool resizable, BoundTest bound_ok,
                                         RuleContext& ctx) {
  const auto* index_ref = llvm::dyn_cast<clang::DeclRefExpr>(index_expr->IgnoreParenImpCasts());
  const auto* index = index_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(index_ref->getDecl()) : nullptr;
  if (index == nullptr || index->getType()->isReferenceType()) return false;
  // A test of a global, a static or an aliased local says nothing at the
  // access: a call between them, or a write through the alias, changes it
  // without naming it.
  if (!index->hasLocalStorage() || aliased(*index)) return false;
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const clang::Stmt* child = &access;
  for (std::size_t k = parents.size(); k-- > 0; child = parents[k]) {
    const clang::Stmt* parent = parents[k];
    if (llvm::isa<clang::LambdaExpr>(parent)) return false;  // runs later, when the test may no longer hold
    const clang::Expr* cond = nullptr;
    bool negated = false;  // the access runs where `cond` is false
    const clang::ForStmt* loop = nullptr;
    if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent); s != nullptr && child == s->getBody()) {
      cond = s->getCond();
      loop = s;
    } else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent); s != nullptr && child == s->getBody()) {
      cond = s->getCond();
    } else if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent); s != nullptr && child == s->getThen()) {
      cond = s->getCond();
    } else if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent); s != nullptr && child == s->getElse()) {
      cond = s->getCond();
      negated = true;
    } else if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent);
               s != nullptr && s->getOpcode() == clang::BO_LAnd && child == s->getRHS()) {
      cond = s->getLHS();
    } else if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent);
               s != nullptr && s->getOpcode() == clang::BO_LOr && child == s->getRHS()) {
      cond = s->getLHS();  // `x < 0 || x >= n || seen[x]`
      negated = true;
    } else if (const auto* s = llvm::dyn_cast<clang::ConditionalOperator>(parent); s != nullptr) {
      cond = s->getCond();
      negated = child == s->getFalseExpr();
      if (child != s->getTrueExpr() && !negated) cond = nullptr;
    } else if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
      // `if (x < 0 || x >= n) continue;` earlier in the block.
      if (const clang::IfStmt* exit =
              earlier_exit_guard(*block, child, *index, named_decl(object), loop, bound_ok, ctx)) {
        if (!read_only_in(block, *index) && written_before(block, *index, access, exit->getEndLoc())) return false;
        return !resizable || !resized_in(block, object, ctx);
      }
      continue;
    }
    const bool bounded = cond != nullptr && (bounds_index(cond, *index, loop, bound_ok, ctx, negated) ||
                                             (loop != nullptr && counts_up_to(*loop, *index, object, bound_ok, ctx)));
    if (!bounded) continue;
    // The test holds at the access only if nothing between them changes
    // i or shrinks the object. Each region is walked once per variable
    // (most loop counters are not written in their body at all); only a
    // region that writes i is looked at again, access by access.
    if (!read_only_in(child, *index) && written_before(child, *index, access)) return false;
    return !resizable || !resized_in(child, object, ctx);
  }
  return false;
}

/// `for (i = s; i != bound; ++i)` around an access at index i: a counter
/// from a constant s >= 0, stepped by one, that the body does not write,
/// tested unequal to a bound `bound_ok` accepts as `i < bound`, which holds
/// still while the loop runs and is not below s. The counter meets the
/// bound before it can pass it, so in the body s <= i < bound. (From a
/// start above the bound, or a bound that drops below the counter in the
/// body, it would never meet it.)
bool UnsafeBuffer::counts_up_to(const clang::ForStmt& loop, const clang::VarDecl& index, const clang::Expr* object,
                                BoundTest bound_ok, RuleContext& ctx) {
  const auto* cmp = loop.getCond() != nullptr
                        ? llvm::dyn_cast<clang::BinaryOperator>(loop.getCond()->IgnoreParenImpCasts())
                        : nullptr;
  if (cmp == nullptr || cmp->getOpcode() != clang::BO_NE) return false;
  const clang::Expr* bound = flow::names_variable(cmp->getLHS(), index)   ? cmp->getRHS()
                             : flow::names_variable(cmp->getRHS(), index) ? cmp->getLHS()
                                                                            : nullptr;
  // (Not through an explicit cast: a narrowed bound may never be met.)
  if (bound == nullptr) return false;
  bound = bound->IgnoreParenImpCasts();
  const std::optional<llvm::APSInt> start = loop_start(loop, index, ctx);
  if (!start || start->isNegative() || !steps_by_one(loop.getInc(), index) ||
      !read_only_in(loop.getBody(), index) || !bound_ok(bound, /*strict=*/true)) {
    return false;
  }
  return meets_bound(loop, *start, bound, object, index.getType(), ctx);
}

/// A counter of type `counter` from `start`, stepped up by one in `loop`,
/// meets `bound` before passing it: the bound stays as it is while the
/// loop runs (a constant, a local that is only read, the size of `object`,
/// whose resizing the caller rules out) and is not below the start, and
/// the counter's type holds every value up to it. A bound whose value is
/// not known here must be unsigned and the start 0 (with a counter of at
/// least int's width, as for the `<` loops: a char counter wraps first).
bool UnsafeBuffer::meets_bound(const clang::ForStmt& loop, const llvm::APSInt& start, const clang::Expr* bound,
                               const clang::Expr* object, clang::QualType counter, RuleContext& ctx) {
  if (const std::optional<llvm::APSInt> known = known_integer(bound, ctx)) {
    // known_integer gives constants and locals nothing writes.
    if (known->isSigned() && known->isNegative()) return false;
    const unsigned width = ctx.ast.getIntWidth(counter);
    const llvm::APSInt top = llvm::APSInt::getMaxValue(width, counter->isUnsignedIntegerOrEnumerationType());
    const unsigned bits = std::max({width, known->getBitWidth(), start.getBitWidth()}) + 1;
    const llvm::APInt value = known->zext(bits);
    return value.uge(start.extOrTrunc(bits)) && value.ule(top.zext(bits) + 1);
  }
  const clang::VarDecl* var = flow::variable_named(bound);
  const bool holds_still = is_size_of(bound, object, ctx) ||
                           (var != nullptr && var->hasLocalStorage() && !aliased(*var) &&
                            read_only_in(loop.getBody(), *var));
  return holds_still && start.isZero() && bound->getType()->isUnsignedIntegerType() &&
         ctx.ast.getIntWidth(counter) >= ctx.ast.getIntWidth(ctx.ast.IntTy);
}

/// A statement of `block` before `child`, `if (cond) continue;` (or
/// break, return, throw: a then-branch that always leaves, and no else),
/// after which `cond` is false and bounds the index.
const clang::IfStmt* UnsafeBuffer::earlier_exit_guard(const clang::CompoundStmt& block, const clang::Stmt* child,
                                                      const clang::VarDecl& index, const clang::Decl* object,
                                                      const clang::ForStmt* loop, BoundTest bound_ok,
                                                      RuleContext& ctx) {
  // The first guard of the block for this index and object, once per such
  // pair: each access then costs a look-up, however long the block.
  const std::optional<unsigned> at = position_in(block, child);
  if (!at) return nullptr;
  const unsigned here = *at;
  const auto first_guard = [&](unsigned end) -> const clang::IfStmt* {
    for (unsigned i = 0; i < end; ++i) {
      const clang::IfStmt* guard = exit_guard(block.body_begin()[i]);
      if (guard == nullptr || guard->getInit() != nullptr) continue;
      if (bounds_index(guard->getCond(), index, loop, bound_ok, ctx, /*negated=*/true)) return guard;
    }
    return nullptr;
  };
  if (object == nullptr) return first_guard(here);
  auto [cached, fresh] = block_guards_.try_emplace({{&block, &index}, object}, nullptr);
  if (fresh) cached->second = first_guard(static_cast<unsigned>(block.size()));
  const clang::IfStmt* guard = cached->second;
  return guard != nullptr && position_in(block, guard).value_or(0) < here ? guard : nullptr;
}

/// The position of `child` among the statements of `block`, from a table
/// built once per block: each look-up is then cheap, however long the
/// block. nullopt when `child` is not one of them.
std::optional<unsigned> UnsafeBuffer::position_in(const clang::CompoundStmt& block, const clang::Stmt* child) {
  auto [positions, inserted] = block_positions_.try_emplace(&block);
  if (inserted) {
    unsigned n = 0;
    for (const clang::Stmt* s : block.body()) positions->second[s] = n++;
  }
  const auto at = positions->second.find(child);
  if (at == positions->second.end()) return std::nullopt;
  return at->second;
}

/// `if (cond) continue;` (or break, return, throw: a then-branch that
/// always leaves), with no else and no condition variable: past it, `cond`
/// is false. The if, or null.
const clang::IfStmt* UnsafeBuffer::exit_guard(const clang::Stmt* s) {
  const auto* branch = llvm::dyn_cast_or_null<clang::IfStmt>(s);
  return branch != nullptr && branch->getElse() == nullptr && branch->getConditionVariable() == nullptr &&
                 always_leaves(branch->getThen())
             ? branch
             : nullptr;
}

/// `continue;`, `break;`, `return ...;`, `throw ...;`, or a block ending
/// with one (flow::always_leaves, plainly: a guard's then-branch that
/// visibly leaves), however deeply the blocks nest.
bool UnsafeBuffer::always_leaves(const clang::Stmt* s) {
  return flow::always_leaves(s, flow::Leaving::plainly, std::numeric_limits<int>::max());
}

/// Does a conjunct of `cond` (split at `&&`) bound `index` by a bound
/// `bound_ok` accepts?
bool UnsafeBuffer::bounds_index(const clang::Expr* cond, const clang::VarDecl& index, const clang::ForStmt* loop,
                                BoundTest bound_ok, RuleContext& ctx, bool negated) {
  // `x >= 0 && x < 8`: the usual range test shows x not negative itself.
  const bool tested_from_below = has_lower_bound(cond, index, ctx, negated);
  return bounds_conjunct(cond, index, negated ? nullptr : loop, tested_from_below, bound_ok, ctx, negated);
}

/// The comparison `cmp` as it holds where its condition is true, or (when
/// `negated`) false: `x >= n` false is `x < n`.
clang::BinaryOperatorKind UnsafeBuffer::holding(const clang::BinaryOperator& cmp, bool negated) {
  if (!negated) return cmp.getOpcode();
  switch (cmp.getOpcode()) {
    case clang::BO_LT: return clang::BO_GE;
    case clang::BO_LE: return clang::BO_GT;
    case clang::BO_GT: return clang::BO_LE;
    case clang::BO_GE: return clang::BO_LT;
    default: return cmp.getOpcode();
  }
}

/// The parts of `cond` that all hold: its `&&` operands, or (negated)
/// its `||` operands, through `!`.
const clang::BinaryOperator* UnsafeBuffer::split(const clang::Expr*& cond, bool& negated) {
  cond = cond->IgnoreParenImpCasts();
  while (const auto* no = llvm::dyn_cast<clang::UnaryOperator>(cond)) {
    if (no->getOpcode() != clang::UO_LNot) break;
    negated = !negated;
    cond = no->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto* both = llvm::dyn_cast<clang::BinaryOperator>(cond);
  if (both != nullptr && both->getOpcode() == (negated ? clang::BO_LOr : clang::BO_LAnd)) return both;
  return nullptr;
}

/// Does a comparison that holds with `cond` keep `index` at 0 or above
/// (`i >= c` / `i > c` / `c <= i` / `c < i` with a constant c)?
bool UnsafeBuffer::has_lower_bound(const clang::Expr* cond, const clang::VarDecl& index, RuleContext& ctx,
                                   bool negated) {
  if (const clang::BinaryOperator* both = split(cond, negated)) {
    return has_lower_bound(both->getLHS(), index, ctx, negated) || has_lower_bound(both->getRHS(), index, ctx, negated);
  }
  const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(cond);
  if (cmp == nullptr || !cmp->isRelationalOp()) return false;
  const clang::BinaryOperatorKind op = holding(*cmp, negated);
  const bool index_left = op == clang::BO_GE || op == clang::BO_GT;
  const clang::Expr* var = index_left ? cmp->getLHS() : cmp->getRHS();
  const clang::Expr* low = index_left ? cmp->getRHS() : cmp->getLHS();
  if (!flow::names_variable(var, index) || low->isValueDependent()) return false;
  clang::Expr::EvalResult value;
  if (!low->EvaluateAsInt(value, ctx.ast)) return false;
  const bool strict = op == clang::BO_GT || op == clang::BO_LT;
  const llvm::APSInt& c = value.Val.getInt();
  return strict ? c.getSExtValue() >= -1 : c.getSExtValue() >= 0;
}

bool UnsafeBuffer::bounds_conjunct(const clang::Expr* cond, const clang::VarDecl& index, const clang::ForStmt* loop,
                                   bool tested_from_below, BoundTest bound_ok, RuleContext& ctx, bool negated) {
  if (const clang::BinaryOperator* both = split(cond, negated)) {
    return bounds_conjunct(both->getLHS(), index, loop, tested_from_below, bound_ok, ctx, negated) ||
           bounds_conjunct(both->getRHS(), index, loop, tested_from_below, bound_ok, ctx, negated);
  }
  const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(cond);
  if (cmp == nullptr || !cmp->isRelationalOp()) return false;
  const clang::BinaryOperatorKind op = holding(*cmp, negated);
  const bool index_left = op == clang::BO_LT || op == clang::BO_LE;
  const clang::Expr* small = index_left ? cmp->getLHS() : cmp->getRHS();
  const clang::Expr* big = index_left ? cmp->getRHS() : cmp->getLHS();
  const bool strict = op == clang::BO_LT || op == clang::BO_GT;
  // A negative i passes `i < n` in a signed comparison, and b[i] then
  // indexes at SIZE_MAX - ...; compared as unsigned it cannot pass.
  const bool unsigned_compare = small->getType()->isUnsignedIntegerType();
  const bool non_negative =
      unsigned_compare || tested_from_below || counts_up_from_non_negative(loop, index, ctx);
  if (!flow::names_variable(small, index)) {
    // `i * i <= n` (a sieve's outer loop): i <= i * i for i >= 0, unless
    // the product wraps around.
    const auto* square = llvm::dyn_cast<clang::BinaryOperator>(small->IgnoreParenImpCasts());
    if (square == nullptr || square->getOpcode() != clang::BO_Mul || !flow::names_variable(square->getLHS(), index) ||
        !flow::names_variable(square->getRHS(), index) || !cannot_wrap(*square, index.getType(), ctx) ||
        !(index.getType()->isUnsignedIntegerType() || counts_up_from_non_negative(loop, index, ctx))) {
      return false;
    }
  } else if (!non_negative) {
    return false;
  }
  // Integer conversions of the bound (`static_cast<int>(b.size())` in a
  // signed comparison) that keep it or make it smaller (or negative, when
  // no i passes) leave `bound_ok` to judge the value under them. Others
  // may make it larger: then only a constant, judged as compared.
  if (const clang::Expr* inner = under_shrinking_conversions(big, ctx)) return bound_ok(inner, strict);
  return constant_value(big, ctx).has_value() && bound_ok(big->IgnoreParens(), strict);
}

/// `bound`, a comparison's operand as it is compared, without the integer
/// conversions around it (explicit or implicit), when none of them can
/// make the value under them larger: they keep it, cut it (a conversion to
/// an unsigned type keeps its value modulo 2^width, no more than it), or
/// make it negative in a signed comparison, which no index passes. Null
/// when a value that may be negative reaches a wider unsigned type, which
/// makes it nearly SIZE_MAX: `i < (int)b.size()` with a std::size_t i
/// (b.size() of 2^31 is INT_MIN as an int, then 2^64 - 2^31), `i < n` with
/// an `int n = -1`, `i < (std::size_t)-1`.
const clang::Expr* UnsafeBuffer::under_shrinking_conversions(const clang::Expr* bound, RuleContext& ctx) {
  llvm::SmallVector<clang::QualType, 4> outermost_first;
  const clang::Expr* e = bound->IgnoreParens();
  while (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) {
    const clang::CastKind kind = cast->getCastKind();
    if (kind == clang::CK_IntegralCast) {
      outermost_first.push_back(cast->getType());
    } else if (kind != clang::CK_NoOp && kind != clang::CK_LValueToRValue) {
      break;
    }
    e = cast->getSubExpr()->IgnoreParens();
  }
  clang::QualType type = e->getType();
  if (!type->isIntegerType() || type->isBooleanType()) return outermost_first.empty() ? e : nullptr;
  // The value x under the conversions is not negative: an unsigned type,
  // or a value known here (`int n = 4;`, a constant).
  const std::optional<llvm::APSInt> known = known_integer(e, ctx);
  bool non_negative = type->isUnsignedIntegerOrEnumerationType() || (known && !known->isNegative());
  // Every conversion keeps the value modulo 2^narrowest: an unsigned
  // type no wider than that holds x modulo its width, no more than x.
  unsigned narrowest = ctx.ast.getIntWidth(type);
  for (const clang::QualType to : llvm::reverse(outermost_first)) {
    const unsigned width = ctx.ast.getIntWidth(to);
    if (to->isBooleanType()) return nullptr;
    if (to->isUnsignedIntegerOrEnumerationType()) {
      if (!non_negative && width > narrowest) return nullptr;
      non_negative = true;
    } else {
      const unsigned from = ctx.ast.getIntWidth(type);
      const bool holds_every_value = width > from || (width == from && !type->isUnsignedIntegerOrEnumerationType());
      non_negative = non_negative && holds_every_value;
    }
    narrowest = std::min(narrowest, width);
    type = to;
  }
  return e;
}

/// `object.size()` or `std::size(object)`.
bool UnsafeBuffer::is_size_of(const clang::Expr* e, const clang::Expr* object, RuleContext& ctx) {
  const clang::Expr* sized = sized_object(e, {"size"}, FreeSizeCall::std_or_nested);
  return sized != nullptr && same_container(sized, object, ctx);
}

/// `object` is a local `std::vector<bool> b(count, ...)` of this function
/// whose size nothing in the function changes, and `bound` (compared
/// with the index: `i < bound` when `strict`, else `i <= bound`) is at
/// most count: `bound` is count (strict), or count is `bound + 1`
/// computed in a type where it cannot wrap around to 0. `bound` is a
/// variable the function never writes.
bool UnsafeBuffer::below_declared_count(const clang::Expr* bound, bool strict, const clang::Expr* object,
                                        RuleContext& ctx) {
  const auto* object_ref = llvm::dyn_cast<clang::DeclRefExpr>(object);
  const auto* vec = object_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(object_ref->getDecl()) : nullptr;
  const clang::FunctionDecl* fn = ctx.enclosing_function();
  if (vec == nullptr || fn == nullptr || !vec->isLocalVarDecl() || vec->isStaticLocal() ||
      vec->getType()->isReferenceType() || vec->getDeclContext() != fn || vec->getInit() == nullptr) {
    return false;
  }
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(vec->getInit()->IgnoreImplicit());
  if (construct == nullptr || construct->getNumArgs() == 0) return false;
  const clang::Stmt* body = fn->getBody();
  const auto keeps_size = [&] {
    auto [known, inserted] = size_fixed_.try_emplace(vec, false);
    if (inserted) known->second = !may_resize(body, object, ctx);
    return known->second;
  };
  // A constant bound against a count known at the declaration.
  const auto constant_bound_fits = [&](uint64_t n) -> std::optional<bool> {
    clang::Expr::EvalResult limit;
    if (bound->isValueDependent() || !bound->EvaluateAsInt(limit, ctx.ast)) return std::nullopt;
    const llvm::APSInt& k = limit.Val.getInt();
    if (k.isSigned() && k.isNegative()) return keeps_size();  // no index passes
    if (k.getActiveBits() > 64) return false;
    const bool fits = strict ? k.getZExtValue() <= n : k.getZExtValue() < n;
    return fits && keeps_size();
  };
  // `std::vector<bool> expected{true, false, true}` and `i < 3`: as many
  // elements as the list holds.
  if (const std::optional<uint64_t> listed = initializer_list_count(*construct)) {
    return constant_bound_fits(*listed).value_or(false);
  }
  if (construct->isListInitialization()) return false;
  const clang::Expr* count = construct->getArg(0)->IgnoreImplicit();
  if (!count->getType()->isIntegerType()) return false;
  // `std::vector<bool> seen(25)` and `id < 25`: two constants.
  clang::Expr::EvalResult declared;
  if (!count->isValueDependent() && count->EvaluateAsInt(declared, ctx.ast)) {
    const llvm::APSInt& n = declared.Val.getInt();
    if (n.isSigned() && n.isNegative()) return false;
    if (const std::optional<bool> fits = constant_bound_fits(n.getZExtValue())) return *fits;
  }
  const auto* bound_ref = llvm::dyn_cast<clang::DeclRefExpr>(bound);
  const auto* bound_var = bound_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(bound_ref->getDecl()) : nullptr;
  if (bound_var == nullptr) return false;
  const auto names_bound = [&](const clang::Expr* e) {
    const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    return r != nullptr && r->getDecl() == bound_var;
  };
  bool fits = strict && names_bound(count);
  if (!fits) {
    const auto* plus = llvm::dyn_cast<clang::BinaryOperator>(count->IgnoreParens());
    clang::Expr::EvalResult one;
    fits = plus != nullptr && plus->getOpcode() == clang::BO_Add && names_bound(plus->getLHS()) &&
           !plus->getRHS()->isValueDependent() && plus->getRHS()->EvaluateAsInt(one, ctx.ast) &&
           one.Val.getInt() == 1 && cannot_wrap(*plus, bound_var->getType(), ctx);
  }
  if (!fits) return false;
  if (!read_only_in(body, *bound_var)) return false;
  return keeps_size();
}

/// How many elements `construct` makes from a braced list (`{a, b, c}`
/// handed to an std::initializer_list constructor), or nullopt.
std::optional<uint64_t> UnsafeBuffer::initializer_list_count(const clang::CXXConstructExpr& construct) {
  if (construct.getNumArgs() == 0) return std::nullopt;
  const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(construct.getArg(0)->IgnoreImplicit());
  if (list == nullptr) return std::nullopt;
  const auto* elements = llvm::dyn_cast<clang::InitListExpr>(list->getSubExpr()->IgnoreImplicit()->IgnoreParens());
  if (elements == nullptr) return std::nullopt;
  return elements->getNumInits();
}

/// `n + 1` does not wrap around to 0: computed in a type wider than n's,
/// or a signed one (where overflow is undefined, not a wrap).
bool UnsafeBuffer::cannot_wrap(const clang::BinaryOperator& plus, clang::QualType operand, RuleContext& ctx) {
  const clang::QualType sum = plus.getType();
  if (sum->isDependentType() || operand->isDependentType() || !operand->isIntegerType()) return false;
  if (sum->isSignedIntegerType()) return true;
  return ctx.ast.getTypeSize(sum) > ctx.ast.getTypeSize(operand.getCanonicalType());
}

/// `loop` is `for (i = s; ...; ++i)` (or `i++`, `i += t`) with s and t
/// non-negative (non_negative): i never goes below 0.
bool UnsafeBuffer::counts_up_from_non_negative(const clang::ForStmt* loop, const clang::VarDecl& index,
                                               RuleContext& ctx, int depth) {
  if (loop == nullptr || loop->getInit() == nullptr || loop->getInc() == nullptr || depth > 2) return false;
  const clang::Expr* start = nullptr;
  if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(loop->getInit());
      decl != nullptr && decl->isSingleDecl() && decl->getSingleDecl() == &index) {
    start = index.getInit();
  } else if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(loop->getInit());
             assign != nullptr && assign->getOpcode() == clang::BO_Assign && flow::names_variable(assign->getLHS(), index)) {
    start = assign->getRHS();
  }
  if (start == nullptr || !non_negative(start, ctx, depth)) return false;
  const clang::Expr* inc = loop->getInc()->IgnoreParenImpCasts();
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(inc); unary != nullptr && unary->isIncrementOp()) {
    return flow::names_variable(unary->getSubExpr(), index);
  }
  const auto* add = llvm::dyn_cast<clang::CompoundAssignOperator>(inc);
  return add != nullptr && add->getOpcode() == clang::BO_AddAssign && flow::names_variable(add->getLHS(), index) &&
         non_negative(add->getRHS(), ctx, depth);
}

/// Is `e` never negative: of unsigned type, a non-negative constant, a
/// sum or product of such (signed: overflow is undefined, not a wrap),
/// or the counter of an enclosing `for` that counts up from one and
/// that nothing else in that loop writes (`for (int i = p * p; i <= n; i
/// += p)` inside `for (int p = 2; ...; ++p)`)?
bool UnsafeBuffer::non_negative(const clang::Expr* e, RuleContext& ctx, int depth) {
  e = e->IgnoreParenImpCasts();
  if (e->isValueDependent()) return false;
  if (e->getType()->isUnsignedIntegerType()) return true;
  if (clang::Expr::EvalResult value; e->EvaluateAsInt(value, ctx.ast)) return !value.Val.getInt().isNegative();
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e);
      op != nullptr && (op->getOpcode() == clang::BO_Mul || op->getOpcode() == clang::BO_Add)) {
    return non_negative(op->getLHS(), ctx, depth) && non_negative(op->getRHS(), ctx, depth);
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr) return false;
  for (const clang::Stmt* parent : ctx.stmt_parents()) {
    const auto* loop = llvm::dyn_cast<clang::ForStmt>(parent);
    const auto* decl = loop != nullptr ? llvm::dyn_cast_or_null<clang::DeclStmt>(loop->getInit()) : nullptr;
    if (decl == nullptr || !decl->isSingleDecl() || decl->getSingleDecl() != var) continue;
    return read_only_in(loop->getBody(), *var) && counts_up_from_non_negative(loop, *var, ctx, depth + 1);
  }
  return false;
}

}  // namespace meshwa::rules::unsafe_buffer
