// The constants a local integer may hold where it is read, from the writes
// before the read in the blocks around it: `int data = -1; if (flag) { data
// = 10; } ... a[data]` holds -1 or 10 there. Structural, not a CFG: only
// statements whose effect on the variable is plain (an assignment of a
// constant, a block, an if, a switch or loop on a constant, a label jumped to
// from just before it) are followed; anything else that writes the variable
// makes its value unknown. IndexPastEnd reports an index whose every possible
// value is outside the container.
#include "Flow.h"
#include "UnsafeBuffer/ReachingConstants.h"
#include "UnsafeBuffer/UnsafeBuffer.h"

namespace meshwa::rules::unsafe_buffer {

using namespace constants;

namespace {

/// How many statements before a read its walk looks at.
constexpr unsigned kMaxStatements = 64;

}  // namespace

/// The boolean value of the condition `cond` when it is a constant, a call
/// of a function whose whole body returns one (`globalReturnsTrue()`), or a
/// static variable the file never changes, alone or compared with a
/// constant (`staticTrue`, `staticFive == 5`).
std::optional<bool> UnsafeBuffer::known_condition(const clang::Expr* cond, RuleContext& ctx) {
  if (cond == nullptr || cond->isValueDependent()) return std::nullopt;
  bool value = false;
  if (cond->EvaluateAsBooleanCondition(value, ctx.ast)) return value;
  if (std::optional<bool> result = flow::constant_call_result(cond, ctx.ast)) return result;
  const clang::Expr* bare = cond->IgnoreParenImpCasts();
  if (std::optional<llvm::APSInt> fixed = fixed_global_value(bare, ctx)) return !fixed->isZero();
  const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(bare);
  if (cmp == nullptr || !cmp->isComparisonOp()) return std::nullopt;
  const auto side = [&](const clang::Expr* e) {
    std::optional<llvm::APSInt> v = fixed_global_value(e->IgnoreParenImpCasts(), ctx);
    return v ? v : constant_value(e, ctx);
  };
  const std::optional<llvm::APSInt> lhs = side(cmp->getLHS());
  const std::optional<llvm::APSInt> rhs = side(cmp->getRHS());
  if (!lhs || !rhs) return std::nullopt;
  const int order = llvm::APSInt::compareValues(*lhs, *rhs);
  switch (cmp->getOpcode()) {
    case clang::BO_EQ: return order == 0;
    case clang::BO_NE: return order != 0;
    case clang::BO_LT: return order < 0;
    case clang::BO_GT: return order > 0;
    case clang::BO_LE: return order <= 0;
    case clang::BO_GE: return order >= 0;
    default: return std::nullopt;
  }
}

/// The value of `e` when it names a variable of static storage only this
/// file sees (`static bool staticTrue = true;`, an unnamed namespace), given
/// a constant and never changed by the file: no assignment, no address taken,
/// no reference bound (call_sites); Juliet's flow variants 05 and 07.
std::optional<llvm::APSInt> UnsafeBuffer::fixed_global_value(const clang::Expr* e, RuleContext& ctx) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasGlobalStorage() || var->isExternallyVisible() || var->getType().isVolatileQualified() ||
      !var->getType()->isIntegralOrEnumerationType() || var->isTemplated() ||
      !ctx.sources().isInMainFile(ctx.sources().getExpansionLoc(var->getLocation()))) {
    return std::nullopt;
  }
  const clang::VarDecl* def = var->getDefinition();
  const clang::Expr* init = def != nullptr ? def->getInit() : nullptr;
  if (init == nullptr || init->isValueDependent() || call_sites(ctx).changed_globals.count(var->getCanonicalDecl()) != 0) {
    return std::nullopt;
  }
  clang::Expr::EvalResult value;
  if (!init->EvaluateAsInt(value, ctx.ast)) return std::nullopt;
  return value.Val.getInt();
}

/// The values `var` may hold where `use` reads it (`parents` the statements
/// around `use`, outermost first); empty when not known.
llvm::SmallVector<llvm::APSInt, 4> UnsafeBuffer::reaching_constants(const clang::VarDecl& var,
                                                                   llvm::ArrayRef<const clang::Stmt*> parents,
                                                                   const clang::Stmt* use, RuleContext& ctx,
                                                                   int depth, bool through_tests) {
  // `int& dataRef = data;`, only ever read: a read of it reads `data` (Juliet 33).
  if (const clang::VarDecl* aliased = aliased_local(var)) {
    return reaching_constants(*aliased, parents, use, ctx, depth + 1, through_tests);
  }
  // An out-parameter (`int& data`) is followed inside its function (out_constants).
  const bool out_parameter = llvm::isa<clang::ParmVarDecl>(var) && var.getType()->isLValueReferenceType() &&
                             !var.getType().getNonReferenceType().isConstQualified();
  // A `const int& dataRef` parameter holds what its callers pass, as a by-value one (Juliet 63).
  const bool const_reference_parameter = llvm::isa<clang::ParmVarDecl>(var) &&
                                         var.getType()->isLValueReferenceType() &&
                                         var.getType().getNonReferenceType().isConstQualified();
  const clang::QualType type =
      out_parameter || const_reference_parameter ? var.getType().getNonReferenceType() : var.getType();
  if (depth > kMaxDepth || !var.hasLocalStorage() || !type->isIntegerType() || type.isVolatileQualified() || type->isDependentType() ||
      !only_assigned_directly(var) || !given_only_constants_or_copies(var)) {
    return {};
  }
  // A parameter is followed only when its callers are known: asked first,
  // it is cached, and spares the walk below for every `v[i]` of an
  // ordinary parameter.
  if (const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(&var);
      param != nullptr && !out_parameter && passed_constants(*param, ctx, depth).empty()) {
    return {};
  }
  Reaching found;
  // At most this many statements before the read are looked at: the walk
  // runs per read, and a long function is not walked whole for each.
  unsigned budget = kMaxStatements;
  const clang::Stmt* child = use;
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    if (llvm::isa<clang::LambdaExpr, clang::BlockExpr, clang::CapturedStmt>(parent)) return {};
    // A loop around the read that writes the variable brings another value round.
    if (llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt>(parent) &&
        !left_unchanged(parent, var)) {
      return {};
    }
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent);
    if (block == nullptr) {
      // `if (data < 10) a[data]`: the test says which values get here.
      if (!through_tests && tests_value_of(parent, var)) return {};
      // A write beside the read in the same statement (`try { data = 20;
      // f(); } catch (...) { a[data]; }`, `(data = 5, a[data])`, the other
      // branch of an if): not followed.
      // (Not the target of `data = f(data)`: written after the read.)
      const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(parent);
      const clang::Stmt* written_after = assign != nullptr && assign->isAssignmentOp() && assign->getRHS() == child
                                             ? assign->getLHS()
                                             : nullptr;
      for (const clang::Stmt* part : parent->children()) {
        if (part != child && part != written_after && !left_unchanged(part, var)) return {};
      }
      continue;
    }
    const auto at = std::find(block->body_begin(), block->body_end(), child);
    // The body of a switch is entered at a case label: a write earlier in it
    // may be jumped over, else what reaches is what reached the switch.
    if (const auto* choice = i > 0 ? llvm::dyn_cast<clang::SwitchStmt>(parents[i - 1]) : nullptr;
        choice != nullptr && choice->getBody() == block) {
      for (auto it = block->body_begin(); it != at; ++it) {
        if (!left_unchanged(*it, var)) return {};
      }
      continue;
    }
    // A case label of an enclosing switch between the writes and the read.
    if (at != block->body_end() && llvm::isa<clang::SwitchCase>(*at)) return {};
    for (auto it = at; it != block->body_begin();) {
      const clang::Stmt* before = *--it;
      if (budget-- == 0 || llvm::isa<clang::SwitchCase>(before)) return {};
      if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(before);
          decl != nullptr && llvm::is_contained(decl->decls(), &var)) {
        if (var.getInit() == nullptr) return {};
        if (!add_values_of(var.getInit(), var, parents.take_front(i + 1), before, found, ctx, depth)) return {};
        return found.done ? found.values : llvm::SmallVector<llvm::APSInt, 4>{};
      }
      // `if (data >= 10) return;` before the read: a guard, not judged.
      if ((!through_tests && tests_value_of(before, var)) || !last_writes(before, var, found, ctx)) return {};
      if (found.done) return found.values;
    }
  }
  // A parameter not written on the way: what every caller passes.
  const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(&var);
  if (param == nullptr) return {};
  const llvm::SmallVector<llvm::APSInt, 4>& passed = passed_constants(*param, ctx, depth);
  if (passed.empty()) return {};
  for (const llvm::APSInt& v : passed) {
    if (!llvm::is_contained(found.values, v)) found.values.push_back(v);
  }
  if (found.values.size() > kMaxValues) return {};
  return found.values;
}

/// The constants `e` may hold at `at`, a statement of `fn`: its own
/// value, or those reaching the variable it names there (the statements
/// around `at` found through fn's parent map); empty when not known.
llvm::SmallVector<llvm::APSInt, 4> UnsafeBuffer::constants_at(const clang::Expr* e, const clang::Stmt& at,
                                                              const clang::FunctionDecl& fn, RuleContext& ctx,
                                                              int depth) {
  if (std::optional<llvm::APSInt> value = constant_value(e, ctx)) return {*value};
  const clang::VarDecl* from = flow::variable_named(e);
  if (from == nullptr) return {};
  const ParentMap& parents = instance_parents(fn);
  llvm::SmallVector<const clang::Stmt*, 16> up;
  for (auto it = parents.find(&at); it != parents.end(); it = parents.find(it->second)) up.push_back(it->second);
  std::reverse(up.begin(), up.end());
  return reaching_constants(*from, up, &at, ctx, depth, /*through_tests=*/false);
}

/// Adds each of `given`, as a value of `width` bits, to `values` once.
void UnsafeBuffer::add_converted(llvm::ArrayRef<llvm::APSInt> given, unsigned width, bool is_unsigned,
                                 llvm::SmallVectorImpl<llvm::APSInt>& values) {
  for (const llvm::APSInt& v : given) {
    const llvm::APSInt converted(v.extOrTrunc(width), is_unsigned);
    if (!llvm::is_contained(values, converted)) values.push_back(converted);
  }
}

/// Every value the local `var` is given is a constant or another
/// variable (`int copy = data;`): its initialiser and every assignment.
/// Cached: it keeps the walk of reaching_constants (a pass over the
/// statements before the read) to the few locals that hold constants, not
/// every index of the function.
bool UnsafeBuffer::given_only_constants_or_copies(const clang::VarDecl& var) {
  auto [cached, fresh] = constants_or_copies_.try_emplace(&var, false);
  if (!fresh) return cached->second;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  const auto plain = [&](const clang::Expr* e) {
    clang::Expr::EvalResult value;
    return e != nullptr && !e->isValueDependent() &&
           (e->EvaluateAsInt(value, var.getASTContext()) || flow::variable_named(e) != nullptr ||
            internal_callee(e) != nullptr);
  };
  // (`int data;` then `data = -1;`, as Juliet writes it: the walk needs a write before the read.)
  if (!llvm::isa<clang::ParmVarDecl>(var) && var.getInit() != nullptr && !plain(var.getInit())) return false;
  // The walk is one per function, for all its variables (find_reassigned_locals).
  if (reassigned_counted_.insert(fn).second) find_reassigned_locals(*fn);
  cached->second = !reassigned_locals_.contains(&var);
  return cached->second;
}

/// The variables `fn` assigns something but a constant, a variable or a
/// call of a function of this file (`data = rand();`, `data += 1;`): what
/// given_only_constants_or_copies asks of each, in one walk of the body.
void UnsafeBuffer::find_reassigned_locals(const clang::FunctionDecl& fn) {
  const auto plain = [&](const clang::Expr* e) {
    clang::Expr::EvalResult value;
    return e != nullptr && !e->isValueDependent() &&
           (e->EvaluateAsInt(value, fn.getASTContext()) || flow::variable_named(e) != nullptr ||
            internal_callee(e) != nullptr);
  };
  flow::contains(fn.getBody(), [&](const clang::Stmt& st) {
    const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(&st);
    if (assign == nullptr || !assign->isAssignmentOp()) return false;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(assign->getLHS()->IgnoreParens());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    // Another function's variables (a lambda's) are judged over their own function.
    if (var == nullptr || llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod()) != &fn) {
      return false;
    }
    if (assign->getOpcode() != clang::BO_Assign || !plain(assign->getRHS())) {
      reassigned_locals_.insert(var);
    }
    return false;
  });
}

/// The value of `e` (a constant, or a local read that holds constants)
/// given to `var`, added to `found`, which it completes. False when not known.
bool UnsafeBuffer::add_values_of(const clang::Expr* e, const clang::VarDecl& var,
                                 llvm::ArrayRef<const clang::Stmt*> parents, const clang::Stmt* at, Reaching& found,
                                 RuleContext& ctx, int depth) {
  llvm::SmallVector<llvm::APSInt, 4> values;
  if (std::optional<llvm::APSInt> value = constant_value(e, ctx)) {
    values.push_back(*value);
  } else if (const clang::VarDecl* from = flow::variable_named(e); from != nullptr && from != &var) {
    values = reaching_constants(*from, parents, at, ctx, depth + 1);
  } else if (const clang::FunctionDecl* source = internal_callee(e)) {
    // `data = badSource(data);`, `int data = badSource();` (Juliet 42, 61).
    values = returned_constants(*source, ctx);
  }
  if (values.empty()) return false;
  const unsigned width = ctx.ast.getIntWidth(var.getType());
  const bool is_unsigned = var.getType()->isUnsignedIntegerOrEnumerationType();
  for (const llvm::APSInt& v : values) {
    const llvm::APSInt converted(v.extOrTrunc(width), is_unsigned);
    if (!llvm::is_contained(found.values, converted)) found.values.push_back(converted);
  }
  found.done = true;
  return found.values.size() <= kMaxValues;
}

/// Follows the statement `s`, which runs before the read, for the value it
/// leaves in `var` last: sets found.done when `s` surely gives it one, adds
/// the values it may give, and returns false when its effect is not plain.
bool UnsafeBuffer::last_writes(const clang::Stmt* s, const clang::VarDecl& var, Reaching& found, RuleContext& ctx) {
  if (s == nullptr || left_unchanged(s, var)) return true;
  if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
    // `badSource(data);` with `static void badSource(int& data)` (Juliet 62).
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e->IgnoreImplicit()->IgnoreParens())) {
      const llvm::SmallVector<unsigned, 2> outs = out_arguments(*call, var);
      const clang::FunctionDecl* callee = internal_callee(call);
      if (outs.size() != 1 || callee == nullptr) return false;
      for (const clang::Expr* arg : call->arguments()) {
        if (!flow::names_variable(arg, var) && !left_unchanged(arg, var)) return false;
      }
      const llvm::SmallVector<llvm::APSInt, 4>& given = out_constants(*callee->getParamDecl(outs.front()), ctx);
      if (given.empty()) return false;
      for (const llvm::APSInt& v : given) {
        if (!llvm::is_contained(found.values, v)) found.values.push_back(v);
      }
      found.done = true;
      return found.values.size() <= kMaxValues;
    }
    const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreImplicit()->IgnoreParens());
    if (assign == nullptr || assign->getOpcode() != clang::BO_Assign || !flow::names_variable(assign->getLHS(), var) ||
        !left_unchanged(assign->getRHS(), var)) {
      return false;
    }
    return add_values_of(assign->getRHS(), var, {}, s, found, ctx, kMaxDepth);
  }
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
    for (auto it = block->body_rbegin(); it != block->body_rend(); ++it) {
      if (!last_writes(*it, var, found, ctx)) return false;
      if (found.done) return true;
    }
    return true;
  }
  if (const auto* label = llvm::dyn_cast<clang::LabelStmt>(s)) return last_writes(label->getSubStmt(), var, found, ctx);
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
    if (branch->getInit() != nullptr || branch->getConditionVariable() != nullptr ||
        !left_unchanged(branch->getCond(), var)) {
      return false;
    }
    const std::optional<bool> taken = known_condition(branch->getCond(), ctx);
    if (taken) return last_writes(*taken ? branch->getThen() : branch->getElse(), var, found, ctx);
    // Either branch may run: the values of both, and what came before
    // unless both give one.
    Reaching then_values;
    Reaching else_values;
    if (!last_writes(branch->getThen(), var, then_values, ctx) ||
        !last_writes(branch->getElse(), var, else_values, ctx)) {
      return false;
    }
    for (const Reaching* r : {&then_values, &else_values}) {
      for (const llvm::APSInt& v : r->values) {
        if (!llvm::is_contained(found.values, v)) found.values.push_back(v);
      }
    }
    found.done = then_values.done && else_values.done;
    return found.values.size() <= kMaxValues;
  }
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s)) {
    // `while (1) { ...; break; }`: the body runs once.
    const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(loop->getBody());
    if (body == nullptr || body->body_empty() || !llvm::isa<clang::BreakStmt>(body->body_back()) ||
        known_condition(loop->getCond(), ctx) != std::optional<bool>(true) || jumps_within(body, 1)) {
      return false;
    }
    for (auto it = body->body_rbegin() + 1; it != body->body_rend(); ++it) {
      if (!last_writes(*it, var, found, ctx)) return false;
      if (found.done) return true;
    }
    return true;
  }
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) return last_writes_of_counted_loop(*loop, var, found, ctx);
  if (const auto* choice = llvm::dyn_cast<clang::SwitchStmt>(s)) return last_writes_of_switch(*choice, var, found, ctx);
  return false;
}

/// `for (int j = 0; j < 1; j++) { data = 10; }`: a loop on a counter of its
/// own from a constant below a constant runs its body at least once, and a
/// body with no way out leaves what its last write gives, every time.
bool UnsafeBuffer::last_writes_of_counted_loop(const clang::ForStmt& loop, const clang::VarDecl& var, Reaching& found,
                                               RuleContext& ctx) {
  const auto* init = llvm::dyn_cast_or_null<clang::DeclStmt>(loop.getInit());
  const auto* counter = init != nullptr && init->isSingleDecl() ? llvm::dyn_cast<clang::VarDecl>(init->getSingleDecl())
                                                                : nullptr;
  const auto* cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(loop.getCond());
  if (counter == nullptr || counter->getInit() == nullptr || cond == nullptr || cond->getOpcode() != clang::BO_LT ||
      !flow::names_variable(cond->getLHS(), *counter) || !left_unchanged(loop.getCond(), var) || !left_unchanged(loop.getInc(), var) ||
      jumps_within(loop.getBody(), 0)) {
    return false;
  }
  const std::optional<llvm::APSInt> from = constant_value(counter->getInit(), ctx);
  const std::optional<llvm::APSInt> to = constant_value(cond->getRHS(), ctx);
  if (!from || !to || llvm::APSInt::compareValues(*from, *to) >= 0) return false;
  Reaching body;
  if (!last_writes(loop.getBody(), var, body, ctx) || !body.done) return false;
  found = body;
  return true;
}

/// `switch (6) { case 6: { data = 10; } break; default: ... }`: on a
/// constant, the statements from the matching case to its break.
bool UnsafeBuffer::last_writes_of_switch(const clang::SwitchStmt& choice, const clang::VarDecl& var, Reaching& found,
                                         RuleContext& ctx) {
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(choice.getBody());
  const std::optional<llvm::APSInt> on = choice.getInit() == nullptr && choice.getConditionVariable() == nullptr
                                             ? constant_value(choice.getCond(), ctx)
                                             : std::nullopt;
  if (body == nullptr || !on) return false;
  llvm::SmallVector<const clang::Stmt*, 8> run;
  bool running = false;
  for (const clang::Stmt* st : body->body()) {
    if (const auto* c = llvm::dyn_cast<clang::CaseStmt>(st); c != nullptr && !running) {
      const std::optional<llvm::APSInt> label = c->getRHS() == nullptr ? constant_value(c->getLHS(), ctx) : std::nullopt;
      if (!label) return false;
      running = llvm::APSInt::isSameValue(*label, *on);
      if (running) st = c->getSubStmt();
    }
    if (!running) continue;
    if (llvm::isa<clang::BreakStmt>(st)) break;
    if (llvm::isa<clang::SwitchCase>(st) || jumps_within(st, 0)) return false;
    run.push_back(st);
  }
  if (!running) return false;  // no case matched here: the default, not followed
  for (auto it = run.rbegin(); it != run.rend(); ++it) {
    if (!last_writes(*it, var, found, ctx)) return false;
    if (found.done) return true;
  }
  return true;
}

/// The constants the local `bound` (a variable in the condition of a
/// statement around the access: `i < n` of the loop) may hold where the
/// condition reads it: reaching_constants from that condition, which must
/// not write it itself (`(n = 3, i < n)` is not followed). Tests of it on
/// the way only narrow what reaches, so they are passed through. Empty
/// when not known.
llvm::SmallVector<llvm::APSInt, 4> UnsafeBuffer::bound_constants(const clang::Expr* bound, RuleContext& ctx) {
  const clang::VarDecl* var = flow::variable_named(bound);
  if (var == nullptr) return {};
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  for (size_t i = parents.size(); i-- > 0;) {
    const clang::Stmt* on_path = i + 1 < parents.size() ? parents[i + 1] : nullptr;
    for (const clang::Stmt* part : parents[i]->children()) {
      if (part == nullptr || part == on_path ||
          !flow::contains(part, [&](const clang::Stmt& node) { return &node == bound; })) {
        continue;
      }
      if (!left_unchanged(part, *var)) return {};
      return reaching_constants(*var, parents.take_front(i + 1), part, ctx, /*depth=*/0, /*through_tests=*/true);
    }
  }
  return {};
}

}  // namespace meshwa::rules::unsafe_buffer
