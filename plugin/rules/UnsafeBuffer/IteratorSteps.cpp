// Iterators moved by a constant out of their container (v.begin() - 1,
// ++it of it = v.end()), raw pointers made from iterator arithmetic
// (std::to_address(it + n)), and what the checks know of a local integer
// (a constant, only read) or a local iterator (unmoved, stays in its
// container), which the algorithm and dereference checks ask too.
#include <optional>

#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "clang/AST/LambdaCapture.h"

namespace meshwa::rules::unsafe_buffer {

std::optional<UnsafeBuffer::IteratorStep> UnsafeBuffer::iterator_step(const clang::Expr* e) {
  std::optional<IteratorStep> step;
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(e)) {
    if (!binary->isAdditiveOp()) return std::nullopt;
    const bool iterator_left = !binary->getLHS()->getType()->isIntegerType();
    if (binary->getOpcode() == clang::BO_Sub && !iterator_left) return std::nullopt;
    step = IteratorStep{iterator_left ? binary->getLHS() : binary->getRHS(),
                        iterator_left ? binary->getRHS() : binary->getLHS(), binary->getOpcode() == clang::BO_Sub};
  } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
    if ((op->getOperator() != clang::OO_Plus && op->getOperator() != clang::OO_Minus) || op->getNumArgs() != 2) {
      return std::nullopt;
    }
    const bool iterator_left = !op->getArg(0)->getType()->isIntegerType();
    if (op->getOperator() == clang::OO_Minus && !iterator_left) return std::nullopt;
    step = IteratorStep{iterator_left ? op->getArg(0) : op->getArg(1), iterator_left ? op->getArg(1) : op->getArg(0),
                        op->getOperator() == clang::OO_Minus};
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
             call != nullptr && !llvm::isa<clang::CXXOperatorCallExpr, clang::CXXMemberCallExpr>(call) &&
             call->getNumArgs() == 2) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr || callee->getIdentifier() == nullptr || !declared_in_std(callee) ||
        (callee->getName() != "next" && callee->getName() != "prev")) {
      return std::nullopt;
    }
    step = IteratorStep{call->getArg(0), call->getArg(1), callee->getName() == "prev"};
  }
  if (!step || step->offset == nullptr || !step->offset->getType()->isIntegerType()) return std::nullopt;
  return step;
}

/// `e` past parentheses, implicit nodes and up to four copies of an
/// iterator (a constructor taking the one iterator it copies).
const clang::Expr* UnsafeBuffer::through_iterator_copies(const clang::Expr* e) {
  e = e->IgnoreImplicit()->IgnoreParens();
  for (int depth = 0; depth < 4; ++depth) {  // copies of the iterator
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
    if (construct == nullptr || construct->getNumArgs() != 1) break;
    e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
  }
  return e;
}

/// `it + n`, `it - n`, `std::next(it, n)`, `std::prev(it, n)` on a
/// standard iterator (a class, or a std iterator that is a pointer):
/// the iterator expression it steps from, else nullptr. Not
/// `c.begin() + c.size()` (the end, like c.data() + c.size()).
const clang::Expr* UnsafeBuffer::stepped_iterator(const clang::Expr* e) {
  e = through_iterator_copies(e);
  const std::optional<IteratorStep> step = iterator_step(e);
  if (!step) return nullptr;
  const clang::Expr* base = step->base;
  const clang::Expr* offset = step->offset;
  if (llvm::isa<clang::BinaryOperator>(e) && !is_library_iterator_pointer(base->getType())) return nullptr;
  if (offset == nullptr || !offset->getType()->isIntegerType()) return nullptr;
  const clang::QualType type = base->getType().getNonReferenceType();
  if (!is_iterator_class(type->getAsCXXRecordDecl()) && !is_library_iterator_pointer(type)) return nullptr;
  // c.begin() + c.size(): the end.
  const IteratorOf from = iterator_of(base);
  if (const auto* size = llvm::dyn_cast<clang::CXXMemberCallExpr>(offset->IgnoreParenImpCasts());
      from.which == IteratorEnd::begin && size != nullptr && size->getMethodDecl() != nullptr &&
      size->getMethodDecl()->getIdentifier() != nullptr && size->getMethodDecl()->getName() == "size" &&
      same_object(size->getImplicitObjectArgument(), from.object)) {
    return nullptr;
  }
  return base;
}

/// `std::to_address(it + n)`, `&*(it + n)`, `&*std::next(it, n)`: a raw
/// pointer n elements from `it`, with no check that it stays in the
/// container: `v.data() + n` (pointer arithmetic) by another spelling.
/// The iterator arithmetic alone (`v.begin() + i`, `erase(v.begin() + i)`,
/// `std::sort(v.begin(), v.begin() + k)`) stays accepted: its bound is
/// not known here, and whether it was checked is not followed.
void UnsafeBuffer::check_pointer_from_iterator_step(const clang::Expr& e, RuleContext& ctx) {
  const clang::Expr* stepped = nullptr;
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&e); call != nullptr && is_to_address_call(*call)) {
    stepped = call->getArg(0);
  } else if (const auto* address = llvm::dyn_cast<clang::UnaryOperator>(&e);
             address != nullptr && address->getOpcode() == clang::UO_AddrOf) {
    const clang::Expr* inner = address->getSubExpr()->IgnoreParens();
    if (const auto* star = llvm::dyn_cast<clang::CXXOperatorCallExpr>(inner);
        star != nullptr && star->getOperator() == clang::OO_Star && star->getNumArgs() == 1) {
      stepped = star->getArg(0);
    } else if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(inner);
               deref != nullptr && deref->getOpcode() == clang::UO_Deref) {
      stepped = deref->getSubExpr();
    }
  }
  if (stepped == nullptr || stepped_iterator(stepped) == nullptr || ctx.runs_only_at_compile_time(&e)) return;
  ctx.report.error(e.getBeginLoc(), kName,
                   "a raw pointer made from iterator arithmetic (std::to_address(it + n), &*(it + n)) is "
                   "pointer arithmetic by another name: nothing checks that it stays in the container; index "
                   "the container (v[i], checked under _GLIBCXX_ASSERTIONS), or take a std::span of it and "
                   "use .subspan(n), which checks")
      << e.getSourceRange();
}

/// std::to_address(x), one argument.
bool UnsafeBuffer::is_to_address_call(const clang::CallExpr& call) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  return callee != nullptr && callee->getIdentifier() != nullptr && callee->getName() == "to_address" &&
         declared_in_std(callee) && call.getNumArgs() == 1;
}

/// `v.begin() - 5`, `v.end() + 1`, `std::prev(v.begin())`,
/// `std::next(v.end())`, `a.begin() + 6` on a std::array<T, 4>: an
/// iterator moved by a constant to before the first element or past the
/// end. Iterator arithmetic is not checked, even under
/// _GLIBCXX_ASSERTIONS (a vector's iterator is a pointer inside), and
/// such an iterator is undefined behaviour to form, let alone to read or
/// write through (CWE-124/127 under, CWE-121/122/126 over).
void UnsafeBuffer::check_iterator_step_out_of_range(const clang::Expr& step, const clang::Expr* iterator,
                                                    const clang::Expr* offset, bool negate, RuleContext& ctx) {
  const IteratorOf end = held_iterator(iterator).first;
  if (end.which == IteratorEnd::none || offset == nullptr || offset->isValueDependent() ||
      !offset->getType()->isIntegerType()) {
    return;
  }
  const std::optional<llvm::APSInt> known = known_integer(offset, ctx);
  if (!known || known->getSignificantBits() > 63) return;
  const int64_t by = negate ? -known->getExtValue() : known->getExtValue();
  // A reverse iterator steps the other way, and its end is before the
  // first element; "before" / "past" below are in the iterator's order.
  const bool is_end = end.which == IteratorEnd::end || end.which == IteratorEnd::rend;
  const std::optional<uint64_t> extent = known_element_count(end.object, end.container, ctx);
  const bool before_begin = is_end ? (extent && by < -static_cast<int64_t>(*extent)) : by < 0;
  const bool past_end = is_end ? by > 0 : (extent && by > static_cast<int64_t>(*extent));
  if (!before_begin && !past_end) return;
  const std::string name = object_name(end.object, ctx);
  ctx.report.error(step.getBeginLoc(), kName,
                   "this iterator is moved " +
                       std::string(before_begin ? "before the beginning" : "past the end") + " of '" + name +
                       "' by a constant, and iterator arithmetic is not bounds-checked (forming it is already "
                       "undefined behaviour); stay within [begin(), end()], or index the container with .at() "
                       "or operator[] (checked under -D_GLIBCXX_ASSERTIONS)")
      << step.getSourceRange();
}

/// `auto it = v.end(); ++it;`, `auto it = v.begin(); --it;` (also
/// `it++`, and rend() / rbegin()): a local iterator whose first use,
/// a statement of its own in the block that declares it, with nothing
/// between them naming it, steps it out of [begin(), end()]. A step
/// after other uses (`--it` in a loop, after a test) is not judged:
/// stepping back from end() is the usual way to the last element.
void UnsafeBuffer::check_first_step_out_of_range(const clang::Stmt& stmt, RuleContext& ctx) {
  const auto [operand, forward] = increment_operand(stmt);
  const auto* ref = operand != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(operand->IgnoreParens()) : nullptr;
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
      var->getType()->isReferenceType() || var->getInit() == nullptr) {
    return;
  }
  const IteratorOf held = iterator_or_sized_end(var->getInit());
  const bool past_end = forward && (held.which == IteratorEnd::end || held.which == IteratorEnd::rend);
  const bool before_begin = !forward && (held.which == IteratorEnd::begin || held.which == IteratorEnd::rbegin);
  if ((!past_end && !before_begin) || !is_first_use_after_declaration(stmt, *var, ctx)) return;
  const std::string name = object_name(held.object, ctx);
  ctx.report.error(stmt.getBeginLoc(), kName,
                   "this steps '" + var->getNameAsString() + "' " +
                       (past_end ? "past the end" : "before the beginning") + " of '" + name +
                       "', and iterator arithmetic is not bounds-checked (forming it is already undefined "
                       "behaviour); stay within [begin(), end()], or index the container with .at() or "
                       "operator[] (checked under -D_GLIBCXX_ASSERTIONS)")
      << stmt.getSourceRange();
  ctx.report.note(var->getLocation(), "'" + var->getNameAsString() + "' holds " +
                                          (past_end ? "the end" : "the beginning") + " of '" + name + "' here");
}

/// The iterator `++it`, `it++`, `--it`, `it--` steps (built-in or an
/// operator of a class iterator), and whether forward; null otherwise.
std::pair<const clang::Expr*, bool> UnsafeBuffer::increment_operand(const clang::Stmt& stmt) {
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&stmt); unary != nullptr && unary->isIncrementDecrementOp()) {
    return {unary->getSubExpr(), unary->isIncrementOp()};
  }
  const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt);
  if (op == nullptr || op->getNumArgs() < 1 ||
      (op->getOperator() != clang::OO_PlusPlus && op->getOperator() != clang::OO_MinusMinus)) {
    return {nullptr, false};
  }
  return {op->getArg(0), op->getOperator() == clang::OO_PlusPlus};
}

/// Is `step` a statement of its own in the block that declares `var`,
/// with no statement between the declaration and it naming `var` (nor a
/// label, which a goto could reach from elsewhere)?
bool UnsafeBuffer::is_first_use_after_declaration(const clang::Stmt& step, const clang::VarDecl& var,
                                                  RuleContext& ctx) {
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  if (parents.empty()) return false;
  const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parents.back());
  if (block == nullptr) return false;
  bool declared = false;
  for (const clang::Stmt* child : block->body()) {
    if (child == &step) return declared;
    if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(child);
        decl != nullptr && llvm::is_contained(decl->decls(), &var)) {
      declared = true;
      continue;
    }
    if (!declared) continue;
    if (llvm::isa<clang::LabelStmt>(child) || flow::contains(child, [&](const clang::Stmt& sub) {
          const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
          return r != nullptr && r->getDecl() == &var;
        })) {
      return false;
    }
  }
  return false;
}

/// The iterator steps: `it + n`, `n + it`, `it - n`, `it += n` on a class
/// iterator or a pointer the library uses as one, and std::next /
/// std::prev (one step when the count is left out).
void UnsafeBuffer::check_iterator_arithmetic(const clang::Stmt& stmt, RuleContext& ctx) {
  const auto* e = llvm::dyn_cast<clang::Expr>(&stmt);
  if (e == nullptr) return;
  if (const std::optional<IteratorStep> step = iterator_step(e)) {
    check_iterator_step_out_of_range(*e, step->base, step->offset, step->backward, ctx);
  }
}

/// The value of an integer expression: a constant, or a local integer
/// variable whose initialiser has a known value and that nothing in its
/// function writes (`std::size_t n = 100; std::size_t copy = n;` is 100
/// at every read of `copy`: Juliet's data-flow variants, and the count
/// real code names before using it).
std::optional<llvm::APSInt> UnsafeBuffer::known_integer(const clang::Expr* e, RuleContext& ctx, int depth) {
  if (e == nullptr || e->isValueDependent() || e->isTypeDependent() || e->containsErrors()) return std::nullopt;
  if (std::optional<llvm::APSInt> value = constant_value(e, ctx)) return value;
  if (std::optional<uint64_t> size = known_size_call(e, ctx)) {
    return llvm::APSInt(llvm::APInt(ctx.ast.getIntWidth(e->getType()), *size), /*isUnsigned=*/true);
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (depth > 4 || var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
      !var->getType()->isIntegerType() || var->getType().isVolatileQualified() || var->getInit() == nullptr ||
      !is_only_read(*var)) {
    return std::nullopt;
  }
  std::optional<llvm::APSInt> init = known_integer(var->getInit(), ctx, depth + 1);
  if (!init || var->getType()->isDependentType()) return std::nullopt;
  // The variable's own type: `int data = 10;` read as a size_t count.
  return llvm::APSInt(init->extOrTrunc(ctx.ast.getIntWidth(var->getType())),
                      var->getType()->isUnsignedIntegerOrEnumerationType());
}

/// `x.size()` (or `x.length()`) of a container whose size is known here:
/// a std::array, or a fixed-size local (`std::string src(20, 'x');`).
std::optional<uint64_t> UnsafeBuffer::known_size_call(const clang::Expr* e, RuleContext& ctx) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreParenImpCasts());
  const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
  if (method == nullptr || method->getIdentifier() == nullptr || call->getNumArgs() != 0 ||
      (method->getName() != "size" && method->getName() != "length") || !declared_in_std(method->getParent())) {
    return std::nullopt;
  }
  return known_element_count(call->getImplicitObjectArgument(), method->getParent(), ctx);
}

/// Every value the local scalar `var` is given in its function is a
/// constant: its initialiser, each assignment (`n = 50;`, `n /= 2;`, in a
/// lambda too) and `++n` / `--n`; every other mention reads it. Its value
/// at a use is one of a few constants the code chose, not input.
bool UnsafeBuffer::only_given_constants(const clang::VarDecl& var) {
  auto [cached, fresh] = constant_scalars_.try_emplace(&var, false);
  if (!fresh) return cached->second;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  const auto constant = [&](const clang::Expr* e) {
    clang::Expr::EvalResult value;
    return e != nullptr && !e->isValueDependent() && e->EvaluateAsInt(value, var.getASTContext());
  };
  if (fn == nullptr || fn->getBody() == nullptr || !constant(var.getInit())) return false;
  const auto is_var = [&](const clang::Expr* e) {
    const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParens());
    return r != nullptr && r->getDecl() == &var;
  };
  cached->second = every_mention_accounted(fn->getBody(), var, [&](const clang::Stmt& st) -> unsigned {
    if (reads_value_of(st, var)) return 1;
    if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(&st); assign != nullptr && assign->isAssignmentOp()) {
      return is_var(assign->getLHS()) && constant(assign->getRHS());
    }
    if (const auto* step = llvm::dyn_cast<clang::UnaryOperator>(&st); step != nullptr && step->isIncrementDecrementOp()) {
      return is_var(step->getSubExpr());
    }
    unsigned captured = 0;
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&st)) {
      // `[&n] { n = 10; }`: the capture names it; the body's uses count on their own.
      for (const clang::Expr* init : lambda->capture_inits()) captured += init != nullptr && is_var(init);
    }
    return captured;
  });
  return cached->second;
}

/// Every mention of the local scalar `var` in its function reads its
/// value (an lvalue-to-rvalue conversion): no assignment, increment,
/// reference or address can change it (a by-reference capture counts as a
/// read; what the lambda's body does with it is counted there).
/// Answered for every local of the function at once (find_only_read_locals):
/// a function with thousands of index variables is walked once, not once each.
bool UnsafeBuffer::is_only_read(const clang::VarDecl& var) {
  if (const auto found = only_read_scalars_.find(&var); found != only_read_scalars_.end()) return found->second;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return only_read_scalars_[&var] = false;
  if (only_read_counted_.insert(fn).second) find_only_read_locals(*fn);
  // A local its function never names: nothing but reads (none) mention it.
  return only_read_scalars_.try_emplace(&var, true).first->second;
}

/// only_read(fn's body, v) for every variable v of `fn` its body mentions,
/// in one walk: the mentions of each and the reads of its value
/// (reads_value_of) are counted side by side, as every_mention_accounted
/// counts them for one variable.
void UnsafeBuffer::find_only_read_locals(const clang::FunctionDecl& fn) {
  struct Counts {
    unsigned mentions = 0;
    unsigned reads = 0;
  };
  const auto counts = flow::count_per_local<Counts>(fn, [](const clang::Stmt& st, auto& per_local) {
    if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&st);
        cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cast->getSubExpr()->IgnoreParens());
      if (const auto* v = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr) ++per_local[v].reads;
    } else if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&st)) {
      // A by-reference capture (`[&] { return i < n; }`) names the variable
      // for the body, whose own mentions are counted where they are: it is
      // a read unless the body writes (an assignment there is no read).
      const clang::Expr* const* init = lambda->capture_init_begin();
      for (const clang::LambdaCapture& capture : lambda->captures()) {
        const clang::Expr* captured = *init++;
        if (!capture.capturesVariable() || capture.getCaptureKind() != clang::LCK_ByRef) continue;
        const auto* ref = captured != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(captured->IgnoreParens()) : nullptr;
        const auto* v = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
        if (v != nullptr && v == capture.getCapturedVar() && !v->isInitCapture()) ++per_local[v].reads;
      }
    }
  });
  for (const auto& [var, c] : counts) only_read_scalars_.try_emplace(var, c.mentions == c.reads);
}

/// The local variable (not a reference, not a parameter, with an
/// initialiser) that `e` reads, also through a class iterator's copy.
const clang::VarDecl* UnsafeBuffer::local_iterator_var(const clang::Expr* e) {
  if (e == nullptr) return nullptr;
  e = e->IgnoreImplicit()->IgnoreParens();
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
      construct != nullptr && construct->getNumArgs() == 1 && construct->getConstructor()->isCopyOrMoveConstructor()) {
    e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
      var->getType()->isReferenceType() || var->getInit() == nullptr) {
    return nullptr;
  }
  return var;
}

/// How many of `args` hand a copy of the local iterator `var` to a
/// parameter taken by value or by reference to const (`std::find(v.begin(), end, k)`,
/// `std::vector<int> w(first, end)`): the callee moves its own copy, never
/// `var`. A reference to non-const, or an argument past the declared ones,
/// is not counted.
unsigned UnsafeBuffer::by_value_arguments_naming(const clang::FunctionDecl* callee,
                                                 llvm::ArrayRef<const clang::Expr*> args, const clang::VarDecl& var) {
  if (callee == nullptr) return 0;
  unsigned count = 0;
  unsigned index = 0;
  for (const clang::Expr* arg : args) {
    const unsigned at = index++;
    if (at >= callee->getNumParams()) continue;
    // A reference to const cannot move it either (the conversion of an
    // iterator to a const_iterator takes one).
    const clang::QualType param = callee->getParamDecl(at)->getType();
    if (param->isReferenceType() && !param.getNonReferenceType().isConstQualified()) continue;
    count += local_iterator_var(arg) == &var;
  }
  return count;
}

/// The local variable that the operand `s` names, looked through what
/// iterator_use_at looks through (implicit nodes, parentheses, a copy).
static const clang::VarDecl* operand_var(const clang::Stmt* s) {
  const auto* e = llvm::dyn_cast_or_null<clang::Expr>(s);
  if (e == nullptr) return nullptr;
  e = e->IgnoreImplicit()->IgnoreParens();
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e); construct != nullptr && construct->getNumArgs() == 1) {
    e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  return ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
}

/// What the statement `st` does with the local `var` when it names it as
/// an operand: reads it (`*it`, `it->m`, a comparison, `it + n`, a copy, a
/// by-value argument) or steps it along its container (`++it`, `it += n`).
UnsafeBuffer::IteratorUseCount UnsafeBuffer::iterator_use_at(const clang::Stmt& st, const clang::VarDecl& var) {
  auto names_var = [&](const clang::Expr* x) {
    const auto* r = x != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(x->IgnoreImplicit()->IgnoreParens()) : nullptr;
    return r != nullptr && r->getDecl() == &var;
  };
  unsigned reads = 0;
  unsigned steps = 0;  // ++it, it += n: along its own container
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&st);
      unary != nullptr && unary->isIncrementDecrementOp() && names_var(unary->getSubExpr())) {
    ++steps;
  } else if (const auto* compound = llvm::dyn_cast<clang::CompoundAssignOperator>(&st);
             compound != nullptr &&
             (compound->getOpcode() == clang::BO_AddAssign || compound->getOpcode() == clang::BO_SubAssign) &&
             names_var(compound->getLHS())) {
    steps += 1 + names_var(compound->getRHS());
  } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&st);
      unary != nullptr && unary->getOpcode() == clang::UO_Deref && names_var(unary->getSubExpr())) {
    ++reads;
  } else if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&st);
             member != nullptr && member->isArrow() && names_var(member->getBase())) {
    ++reads;
  } else if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&st);
             binary != nullptr && (binary->isComparisonOp() || binary->getOpcode() == clang::BO_Add ||
                                   binary->getOpcode() == clang::BO_Sub)) {
    reads += names_var(binary->getLHS()) + names_var(binary->getRHS());
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&st);
             call != nullptr && call->getNumArgs() >= 1 && is_std_next_or_prev(*call)) {
    // std::next(it, n) / std::prev(it, n) take the iterator by value.
    reads += local_iterator_var(call->getArg(0)) == &var;
  } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&st)) {
    const clang::OverloadedOperatorKind kind = op->getOperator();
    if ((kind == clang::OO_Star || kind == clang::OO_Arrow) && op->getNumArgs() == 1) {
      reads += names_var(op->getArg(0));
    } else if ((kind == clang::OO_Plus || kind == clang::OO_Minus) && op->getNumArgs() == 2) {
      // `it - 8` makes a new iterator; `it` stays where it is.
      reads += names_var(op->getArg(0)) + names_var(op->getArg(1));
    } else if ((kind == clang::OO_EqualEqual || kind == clang::OO_ExclaimEqual) && op->getNumArgs() == 2) {
      reads += names_var(op->getArg(0)) + names_var(op->getArg(1));
    } else if ((kind == clang::OO_PlusPlus || kind == clang::OO_MinusMinus) && op->getNumArgs() >= 1) {
      steps += names_var(op->getArg(0));
    } else if ((kind == clang::OO_PlusEqual || kind == clang::OO_MinusEqual) && op->getNumArgs() == 2 &&
               names_var(op->getArg(0))) {
      steps += 1 + names_var(op->getArg(1));
    }
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&st);
             call != nullptr && !llvm::isa<clang::CXXOperatorCallExpr>(call)) {
    reads += by_value_arguments_naming(call->getDirectCallee(), {call->getArgs(), call->getNumArgs()}, var);
  } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&st);
             construct != nullptr && !construct->getConstructor()->isCopyOrMoveConstructor()) {
    reads += by_value_arguments_naming(construct->getConstructor(), {construct->getArgs(), construct->getNumArgs()}, var);
  } else if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&st)) {
    for (const clang::Decl* d : decl_stmt->decls()) {
      const auto* other = llvm::dyn_cast<clang::VarDecl>(d);
      if (other == nullptr || other->getInit() == nullptr) continue;
      const auto* copy = llvm::dyn_cast<clang::CXXConstructExpr>(other->getInit()->IgnoreImplicit());
      if (names_var(other->getInit()) ||
          (copy != nullptr && copy->getNumArgs() == 1 && names_var(copy->getArg(0)))) {
        ++reads;
      }
    }
  }
  return {reads, steps};
}

/// Counts the mentions, reads and steps (iterator_use_at) of every local
/// of `fn` in one walk of its body, for iterator_uses to answer from: a
/// walk of the whole body per local made a function with thousands of
/// local iterators quadratic. Each statement is asked only about the
/// locals its operands name, a handful.
void UnsafeBuffer::count_iterator_uses(const clang::FunctionDecl& fn) {
  struct Counts {
    unsigned mentions = 0;
    unsigned reads = 0;
    unsigned steps = 0;
  };
  const auto counts = flow::count_per_local<Counts>(fn, [&](const clang::Stmt& st, auto& per_local) {
    llvm::SmallVector<const clang::VarDecl*, 4> operands;
    for (const clang::Stmt* child : st.children()) {
      const clang::VarDecl* v = operand_var(child);
      if (v != nullptr && !llvm::is_contained(operands, v)) operands.push_back(v);
    }
    for (const clang::VarDecl* v : operands) {
      const IteratorUseCount use = iterator_use_at(st, *v);
      per_local[v].reads += use.reads;
      per_local[v].steps += use.steps;
    }
  });
  for (const auto& [var, c] : counts) {
    unmoved_iterators_[var] = IteratorUses{c.mentions == c.reads, c.mentions == c.reads + c.steps};
  }
}

UnsafeBuffer::IteratorUses UnsafeBuffer::iterator_uses(const clang::VarDecl& local) {
  if (const auto found = unmoved_iterators_.find(&local); found != unmoved_iterators_.end()) return found->second;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(local.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return {};
  if (iterator_uses_counted_.insert(fn).second) count_iterator_uses(*fn);
  // A local its function never names: nothing reads or moves it.
  return unmoved_iterators_.try_emplace(&local, IteratorUses{true, true}).first->second;
}

}  // namespace meshwa::rules::unsafe_buffer
