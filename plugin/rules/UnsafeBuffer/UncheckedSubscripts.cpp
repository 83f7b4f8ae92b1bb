// operator[] of the classes libstdc++ 12 does not check even under
// _GLIBCXX_ASSERTIONS (std::vector<bool>, std::bitset, range views,
// std::unique_ptr<T[]>, std::valarray's masks), the unordered containers'
// bucket API, and index_shown_in_bounds: the guards around an access (a loop
// or an if comparing the index with a bound) that keep its index in bounds,
// also used by the C array subscripts of PointerArithmetic.cpp.
#include <limits>

#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "clang/AST/LambdaCapture.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace meshwa::rules::unsafe_buffer {

/// A class template specialization whose first argument is bool
/// (std::vector<bool>, std::valarray<bool>: the callers check the class).
bool UnsafeBuffer::is_bool_vector(const clang::CXXRecordDecl* record) {
  const clang::QualType element = first_type_argument(record);
  return !element.isNull() && element->isBooleanType();
}

bool UnsafeBuffer::is_std_record_named(const clang::CXXRecordDecl* record, llvm::StringRef name) {
  return record != nullptr && record->getIdentifier() != nullptr && record->getName() == name && declared_in_std(record);
}

/// std::unique_ptr<T[]> / std::shared_ptr<T[]> operator[]: not checked,
/// not even under -D_GLIBCXX_ASSERTIONS (the pointer knows no size).
void UnsafeBuffer::check_smart_array_subscript(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
  if (call.getOperator() != clang::OO_Subscript) return;
  if (call.getNumArgs() < 1) return;
  // The class declaring the operator[] that is called: a range adaptor
  // or a user's view inherits it from std::ranges::view_interface.
  const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call.getDirectCallee());
  const clang::CXXRecordDecl* owner = method != nullptr ? method->getParent() : nullptr;
  if (is_std_record_named(owner, "view_interface")) {
    // libstdc++ 12: `return ranges::begin(_M_derived())[__n];`, no
    // comparison with the view's size; the begin iterator's own
    // operator[] (a vector's, a pointer) checks nothing either.
    if (view_index_shown_in_bounds(call, ctx)) return;
    ctx.report.error(call.getOperatorLoc(), kName,
                     "operator[] of a range view (std::ranges::view_interface) is not bounds-checked: it indexes "
                     "the view's begin iterator without looking at the view's size; index the container itself "
                     "(operator[] / .at(i)), step with std::ranges::next(it, n, end), which stops at the bound, "
                     "or iterate the view")
        << call.getSourceRange();
    return;
  }
  if (is_std_record_named(owner, "bitset")) {
    // libstdc++ 12: `reference(*this, __pos)` / `_Unchecked_test(__pos)`,
    // no assertion: b[200] on a std::bitset<128> writes past it.
    ctx.report.error(call.getOperatorLoc(), kName,
                     "std::bitset::operator[] is not bounds-checked by this standard library, even with "
                     "_GLIBCXX_ASSERTIONS; use .test(i) to read and .set(i, value) / .reset(i) to write, "
                     "which check i and throw std::out_of_range")
        << call.getSourceRange();
    return;
  }
  if (is_std_record_named(owner, "valarray") && method->getNumParams() == 1 &&
      !method->getParamDecl(0)->getType()->isIntegerType()) {
    // libstdc++ 12: operator[](slice / gslice / valarray<bool> /
    // valarray<size_t>) makes a slice_array, gslice_array, mask_array or
    // indirect_array (or, const, a valarray copy) from the indices as
    // given: none is compared with size() (only operator[](size_t) is).
    const clang::QualType index = method->getParamDecl(0)->getType().getNonReferenceType();
    const clang::CXXRecordDecl* kind = index->getAsCXXRecordDecl();
    const std::string what = is_std_record_named(kind, "slice")    ? "a std::slice"
                             : is_std_record_named(kind, "gslice") ? "a std::gslice"
                             : is_bool_valarray(kind)              ? "a mask (std::valarray<bool>)"
                                                                   : "an index array (std::valarray<std::size_t>)";
    ctx.report.error(call.getOperatorLoc(), kName,
                     "std::valarray::operator[] with " + what +
                         " is not bounds-checked by this standard library, even with _GLIBCXX_ASSERTIONS: the "
                         "indices it selects are not compared with the valarray's size; index single elements "
                         "(va[i], checked), or keep the data in a std::vector and take a std::span of it "
                         "(.subspan(offset, n), which checks)")
        << call.getSourceRange();
    return;
  }
  // The object's class (shared_ptr's operator[] lives in a base class).
  const clang::CXXRecordDecl* record = call.getArg(0)->IgnoreImpCasts()->getType()->getAsCXXRecordDecl();
  if (record == nullptr || record->getIdentifier() == nullptr || !record->isInStdNamespace()) return;
  if (record->getName() == "vector" && is_bool_vector(record)) {
    // libstdc++ 12 has no assertion in vector<bool>::operator[]: unlike
    // every other container's, it is not bounds-checked. Accepted where
    // the function itself shows the index below the size.
    if (bool_index_shown_in_bounds(call, ctx) || bool_constant_index_in_bounds(call, ctx)) return;
    ctx.report.error(call.getOperatorLoc(), kName,
                     "std::vector<bool>::operator[] is not bounds-checked by this standard library, even with "
                     "_GLIBCXX_ASSERTIONS; use .at(i), or a std::vector<char>")
        << call.getSourceRange();
    return;
  }
  if (record->getName() != "unique_ptr" && record->getName() != "shared_ptr") return;
  ctx.report.error(call.getOperatorLoc(), kName,
                   ("indexing a std::" + record->getName() +
                    "<T[]> is not bounds-checked (the pointer knows no size); use std::vector<T>")
                       .str())
      << call.getSourceRange();
}

// ---- a range view's operator[] with an index shown in bounds ----
/// `rv[i]` of a view (view_interface::operator[], unchecked) where the
/// function shows i below the view's size: `i < rv.size()` around the
/// access, or the loop `for (std::size_t i = 0; i != rv.size(); ++i)`, as
/// for std::vector<bool> (index_shown_in_bounds). Only for a view whose
/// size nothing but its own assignment changes (has_fixed_size), and not
/// assigned in between (resized_in): a view of a std::vector follows the
/// vector, which a call in the body may shrink.
bool UnsafeBuffer::view_index_shown_in_bounds(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
  if (call.getNumArgs() != 2) return false;
  const clang::Expr* object = call.getArg(0)->IgnoreParenImpCasts();
  if (!has_fixed_size(object->getType())) return false;
  const auto bound_ok = [&](const clang::Expr* bound, bool strict) { return strict && is_size_of(bound, object, ctx); };
  return index_shown_in_bounds(call, call.getArg(1), object, /*resizable=*/true, bound_ok, ctx);
}

/// A type whose size only an assignment to the object changes: a class of
/// std::ranges (reverse_view, ref_view, take_view, ...) all of whose type
/// arguments, all the way down, are such, a std::initializer_list, a
/// std::array, a C array of known length, or no class (an element type, a
/// count, an iterator that is a pointer). A std::vector underneath, or a
/// class of the program (a closure), is not.
bool UnsafeBuffer::has_fixed_size(clang::QualType type, int depth) {
  if (depth > 8) return false;
  type = type.getNonReferenceType().getCanonicalType();
  if (type->isArrayType()) return type->isConstantArrayType();
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (record == nullptr) return true;
  if (is_std_class(record, {"initializer_list", "array"})) return true;
  const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(record);
  if (spec == nullptr || !declared_in_std_ranges(record)) return false;
  for (const clang::TemplateArgument& arg : flat_template_arguments(*spec)) {
    if (arg.getKind() == clang::TemplateArgument::Type && !has_fixed_size(arg.getAsType(), depth + 1)) return false;
  }
  return true;
}

// ---- std::vector<bool>::operator[] with an index shown in bounds ----
/// `b[i]` of a std::vector<bool> where the function shows that i is below
/// b's size: an enclosing condition (of a `for` / `while` whose body holds
/// the access, of an `if` whose then-branch does, the left of an `&&`,
/// the condition of a `?:`) has a conjunct `i < b.size()`, or, for a
/// local `std::vector<bool> b(n, ...)` whose size nothing changes, `i < n`
/// (also `i <= n` / `i < n` for `b(n + 1, ...)`, where n + 1 cannot wrap).
/// i is a variable nothing writes between the test and the access, and
/// not negative: compared as an unsigned value, or counted up from a
/// non-negative constant by the `for` that tests it.
bool UnsafeBuffer::bool_index_shown_in_bounds(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
  if (call.getNumArgs() != 2) return false;
  const clang::Expr* object = call.getArg(0)->IgnoreParenImpCasts();
  const auto bound_ok = [&](const clang::Expr* bound, bool strict) {
    return (strict && is_size_of(bound, object, ctx)) || below_declared_count(bound, strict, object, ctx);
  };
  return index_shown_in_bounds(call, call.getArg(1), object, /*resizable=*/true, bound_ok, ctx);
}

/// `std::vector<bool> bits(5); bits[3]`: a constant index, or a local
/// holding only constants (every one reaching the read, followed as for a
/// C array's index: `int i = 3; bits[i]`), below the size of a vector<bool>
/// whose size is known here: a local built with a constant count that
/// nothing in the function resizes (known_element_count).
bool UnsafeBuffer::bool_constant_index_in_bounds(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
  if (call.getNumArgs() != 2) return false;
  const clang::Expr* object = call.getArg(0);
  const clang::CXXRecordDecl* record = object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  std::optional<uint64_t> size = known_element_count(object, record, ctx);
  if (!size) size = size_grown_to(call, object, ctx);
  if (!size) return false;
  llvm::SmallVector<llvm::APSInt, 4> values;
  if (std::optional<llvm::APSInt> value = known_integer(call.getArg(1), ctx)) {
    values.push_back(*value);
  } else {
    llvm::SmallVector<clang::QualType, 2> casts;
    const clang::VarDecl* var = flow::variable_named(under_integer_casts(call.getArg(1), casts));
    if (var == nullptr) return false;
    values = reaching_constants(*var, ctx.stmt_parents(), &call, ctx, /*depth=*/0, /*through_tests=*/true);
    for (const clang::QualType type : casts) {
      llvm::SmallVector<llvm::APSInt, 4> converted;
      add_converted(values, ctx.ast.getIntWidth(type), type->isUnsignedIntegerOrEnumerationType(), converted);
      values = std::move(converted);
    }
  }
  return !values.empty() && llvm::all_of(values, [&](const llvm::APSInt& v) {
    return !v.isNegative() && v.getActiveBits() <= 63 && v.getZExtValue() < *size;
  });
}

/// `std::vector<bool> bits; bits.push_back(a); ... bits[3]`: a local
/// container that nothing in its function shrinks (every mention keeps its
/// size, size_keeping_mentions, or is a push_back / emplace_back) has at
/// `access` at least the elements it was built with plus one for each
/// push_back / emplace_back statement of its own block between its
/// declaration and the statement holding `access`: each of those runs
/// before it, unless a goto skips it (none in the function), and later
/// ones only add. nullopt when that is not shown.
std::optional<uint64_t> UnsafeBuffer::size_grown_to(const clang::Stmt& access, const clang::Expr* object,
                                                    RuleContext& ctx) {
  const clang::VarDecl* var = local_container_var(object);
  const clang::FunctionDecl* fn = ctx.enclosing_function();
  if (var == nullptr || fn == nullptr || fn->getBody() == nullptr || var->getDeclContext() != fn) return std::nullopt;
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(var->getInit()->IgnoreImplicit());
  const std::optional<uint64_t> built = constructed_size(construct, ctx);
  if (!built || !only_grown(*var, *fn)) return std::nullopt;
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const clang::Stmt* child = &access;
  for (size_t k = parents.size(); k-- > 0; child = parents[k]) {
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parents[k]);
    if (llvm::isa<clang::LambdaExpr>(parents[k])) return std::nullopt;
    if (block == nullptr) continue;
    const clang::Stmt* const* declared = llvm::find_if(block->body(), [&](const clang::Stmt* st) {
      const auto* decl = llvm::dyn_cast<clang::DeclStmt>(st);
      return decl != nullptr && llvm::is_contained(decl->decls(), var);
    });
    if (declared == block->body_end()) continue;
    uint64_t size = *built;
    for (const clang::Stmt* const* it = declared + 1; it != block->body_end() && *it != child; ++it) {
      if (is_insertion_into(**it, *var)) ++size;
    }
    return size;
  }
  return std::nullopt;
}

/// `st` is the statement `var.push_back(x);` or `var.emplace_back(x);`.
bool UnsafeBuffer::is_insertion_into(const clang::Stmt& st, const clang::VarDecl& var) {
  const auto* expr = llvm::dyn_cast<clang::Expr>(&st);
  const auto* call = expr != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(expr->IgnoreImplicit()) : nullptr;
  const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
  return method != nullptr && method->getIdentifier() != nullptr &&
         (method->getName() == "push_back" || method->getName() == "emplace_back") &&
         flow::names_variable(call->getImplicitObjectArgument(), var);
}

/// Nothing in `fn` makes the local container `var` smaller: every mention
/// keeps its size or appends to it, and no goto can skip an append.
bool UnsafeBuffer::only_grown(const clang::VarDecl& var, const clang::FunctionDecl& fn) {
  auto [known, fresh] = grown_only_.try_emplace(&var, false);
  if (!fresh) return known->second;
  const bool jumps = flow::contains(fn.getBody(), [](const clang::Stmt& st) {
    return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt>(st);
  });
  known->second = !jumps && every_mention_accounted(fn.getBody(), var, [&](const clang::Stmt& st) -> unsigned {
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&st); member != nullptr &&
        flow::names_variable(member->getBase(), var) && member->getMemberDecl()->getIdentifier() != nullptr) {
      const llvm::StringRef name = member->getMemberDecl()->getName();
      if (name == "push_back" || name == "emplace_back") return 1;
    }
    return size_keeping_var_at(st) == &var ? size_keeping_mentions(st, var) : 0;
  });
  return known->second;
}

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

/// only_read(region, var), once per region and variable.
bool UnsafeBuffer::read_only_in(const clang::Stmt* region, const clang::VarDecl& var) {
  auto [known, inserted] = region_reads_.try_emplace({region, &var}, false);
  if (inserted) known->second = only_read(region, var);
  return known->second;
}

/// may_resize(region, object) for a named object, once per region and
/// object.
bool UnsafeBuffer::resized_in(const clang::Stmt* region, const clang::Expr* object, RuleContext& ctx) {
  const clang::ValueDecl* decl = named_decl(object);
  if (decl == nullptr) return may_resize(region, object, ctx);
  auto [known, inserted] = region_resizes_.try_emplace({region, decl}, false);
  if (inserted) known->second = may_resize(region, object, ctx);
  return known->second;
}

/// Can `var` change without being named: is it bound to a non-const
/// reference (`int& r = i;`, an `int&` parameter, `std::ref(i)`), its
/// address taken, or captured by reference by a lambda, anywhere in the
/// function? Judged for every local of the function at once
/// (find_aliased_locals), on the first question about one of them.
bool UnsafeBuffer::aliased(const clang::VarDecl& var) {
  if (const auto known = aliased_.find(&var); known != aliased_.end()) return known->second;
  // The function the variable belongs to (an instantiation's own, for a
  // variable of an instantiated template).
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return aliased_[&var] = true;
  if (aliased_judged_.insert(fn).second) find_aliased_locals(*fn);
  // Not named in the function at all: nothing can alias it.
  return aliased_.try_emplace(&var, false).first->second;
}

/// aliased for every local of `fn`, in two walks of its body: a walk per
/// variable made a body of thousands of guarded indexes quadratic (2000
/// blocks `int i = ...; if (i >= 0 && i < 4) a[i]` took 9 s).
void UnsafeBuffer::find_aliased_locals(const clang::FunctionDecl& fn) {
  const auto named = [](const clang::Expr* e) -> const clang::DeclRefExpr* {
    const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParens()) : nullptr;
    return ref != nullptr && llvm::isa<clang::VarDecl>(ref->getDecl()) ? ref : nullptr;
  };
  // The uses that cannot make an alias: reads, writes by name, and
  // arguments bound to a const reference.
  llvm::SmallPtrSet<const clang::Expr*, 16> harmless;
  llvm::DenseSet<const clang::VarDecl*> escapes;
  const auto note_harmless = [&](const clang::Expr* e) {
    if (const clang::DeclRefExpr* ref = named(e)) harmless.insert(ref);
  };
  flow::contains(fn.getBody(), [&](const clang::Stmt& node) {
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&node)) {
      for (const clang::LambdaCapture& capture : lambda->captures()) {
        if (capture.capturesVariable() && capture.getCaptureKind() == clang::LCK_ByRef) {
          if (const auto* var = llvm::dyn_cast<clang::VarDecl>(capture.getCapturedVar())) escapes.insert(var);
        }
      }
    } else if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&node)) {
      if (cast->getCastKind() == clang::CK_LValueToRValue) note_harmless(cast->getSubExpr());
    } else if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&node)) {
      if (op->isAssignmentOp()) note_harmless(op->getLHS());
    } else if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&node)) {
      if (op->isIncrementDecrementOp()) note_harmless(op->getSubExpr());
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      for (unsigned i = 0; callee != nullptr && i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
        const clang::QualType param = callee->getParamDecl(i)->getType();
        // (The argument carries a no-op cast adding const.)
        if (param->isReferenceType() && param.getNonReferenceType().isConstQualified()) {
          note_harmless(call->getArg(i)->IgnoreParenImpCasts());
        }
      }
    }
    return false;
  });
  flow::contains(fn.getBody(), [&](const clang::Stmt& node) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&node);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var != nullptr && !harmless.contains(ref)) escapes.insert(var);
    return false;
  });
  for (const clang::VarDecl* var : escapes) {
    if (llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod()) == &fn) aliased_[var] = true;
  }
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

/// Does `accounted` vouch for every mention of `var` under `root`? It is
/// asked about each statement and answers how many mentions of `var` that
/// statement accounts for (a read, a harmless call ...); a mention nothing
/// accounts for (an assignment, a reference bound, an address taken ...)
/// makes the answer no. One walk of `root`, mentions counted as it goes.
bool UnsafeBuffer::every_mention_accounted(const clang::Stmt* root, const clang::VarDecl& var,
                                           llvm::function_ref<unsigned(const clang::Stmt&)> accounted) {
  unsigned mentions = 0;
  unsigned vouched = 0;
  flow::contains(root, [&](const clang::Stmt& node) {
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&node); ref != nullptr && ref->getDecl() == &var) {
      ++mentions;
    }
    vouched += accounted(node);
    return false;
  });
  return mentions == vouched;
}

/// `node` reads the value of `var` (an lvalue-to-rvalue conversion of it).
bool UnsafeBuffer::reads_value_of(const clang::Stmt& node, const clang::VarDecl& var) {
  const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&node);
  if (cast == nullptr || cast->getCastKind() != clang::CK_LValueToRValue) return false;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cast->getSubExpr()->IgnoreParens());
  return ref != nullptr && ref->getDecl() == &var;
}

/// Every mention of `var` under `root` is a read of its value (an
/// lvalue-to-rvalue conversion): nothing assigns it, increments it,
/// takes its address or binds a reference to it.
bool UnsafeBuffer::only_read(const clang::Stmt* root, const clang::VarDecl& var) {
  return every_mention_accounted(root, var, [&](const clang::Stmt& node) { return reads_value_of(node, var) ? 1u : 0u; });
}

/// Is `var` written (anything but a read of its value) inside `region`
/// before `access` runs: earlier in the source, or anywhere in a loop
/// nested in `region` that also holds `access` (its next turn reaches
/// the access again without the test)?
bool UnsafeBuffer::written_before(const clang::Stmt* region, const clang::VarDecl& var, const clang::Stmt& access,
                                  clang::SourceLocation from) {
  bool written = false;
  const clang::SourceLocation at = access.getBeginLoc();
  // Walk with the innermost enclosing loop that holds the access.
  const auto walk = [&](auto& self, const clang::Stmt* s, const clang::Stmt* parent, bool in_access_loop) -> void {
    if (s == nullptr || written) return;
    const bool loop = llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt>(s);
    const bool holds_access = loop && flow::contains(s, [&](const clang::Stmt& n) { return &n == &access; });
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s); ref != nullptr && ref->getDecl() == &var) {
      const auto* cast = llvm::dyn_cast_or_null<clang::ImplicitCastExpr>(parent);
      const bool read = cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue;
      // Writes before `from` (the test) are not between the test and the access.
      const bool after_test = from.isInvalid() || from < ref->getBeginLoc();
      if (!read && after_test && (in_access_loop || ref->getBeginLoc() < at)) written = true;
      return;
    }
    for (const clang::Stmt* c : s->children()) self(self, c, s, in_access_loop || holds_access);
  };
  walk(walk, region, nullptr, false);
  return written;
}

/// May something under `root` change the size of `object`: a non-const
/// member call other than the element accessors and the insertions
/// (clear, pop_back, resize, erase, assign, swap, operator=, ...), or
/// passing it on as a non-const reference (std::move, std::swap, a
/// function of the user's)?
bool UnsafeBuffer::may_resize(const clang::Stmt* root, const clang::Expr* object, RuleContext& ctx) {
  const bool owned = owned_local(object);
  return flow::contains(root, [&](const clang::Stmt& node) {
    // A member, a global or a referenced container may also be resized by
    // a call that does not name it: a member function of the class, a
    // function of the program, whatever a std::function holds.
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node); call != nullptr && !owned &&
                                                                    may_reach_other_objects(*call, object, ctx)) {
      return true;
    }
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&node)) {
      const clang::CXXMethodDecl* m = member->getMethodDecl();
      if (m == nullptr || m->isConst() || !same_container(member->getImplicitObjectArgument(), object, ctx)) {
        return false;
      }
      const bool harmless = m->getIdentifier() != nullptr &&
                            llvm::is_contained({"at", "front", "back", "begin", "end", "rbegin", "rend", "flip",
                                                "push_back", "emplace_back", "insert", "emplace", "reserve"},
                                               m->getName());
      return !harmless;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&node)) {
      return op->getNumArgs() > 0 && op->isAssignmentOp() && same_container(op->getArg(0), object, ctx);
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee == nullptr) return false;
      for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
        const clang::QualType param = callee->getParamDecl(i)->getType();
        if (param->isReferenceType() && !param.getNonReferenceType().isConstQualified() &&
            same_container(call->getArg(i)->IgnoreParenImpCasts(), object, ctx)) {
          return true;
        }
      }
    }
    return false;
  });
}

/// A local container of the function, held by value (not a reference,
/// not static) and captured by reference by no lambda: only code that
/// names it can change its size.
bool UnsafeBuffer::owned_local(const clang::Expr* object) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasLocalStorage() || var->getType()->isReferenceType()) return false;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod());
  return fn != nullptr && !flow::contains(fn->getBody(), [&](const clang::Stmt& node) {
    const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&node);
    if (lambda == nullptr) return false;
    return llvm::any_of(lambda->captures(), [&](const clang::LambdaCapture& capture) {
      return capture.capturesVariable() && capture.getCapturedVar() == var &&
             capture.getCaptureKind() == clang::LCK_ByRef;
    });
  });
}

/// Could `call` change a container other than the ones it names: a call
/// of a function of the program (a member function of the class may
/// resize a member), through a pointer, or of a std::function? The
/// standard library's functions and members act on what they are given
/// (calls on `object` itself are judged by may_resize).
bool UnsafeBuffer::may_reach_other_objects(const clang::CallExpr& call, const clang::Expr* object, RuleContext& ctx) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  if (callee == nullptr) return true;
  if (callee->getBuiltinID() != 0) return false;
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call);
      member != nullptr && same_container(member->getImplicitObjectArgument(), object, ctx)) {
    return false;
  }
  // std::function's operator() runs whatever it holds.
  if (callee->getOverloadedOperator() == clang::OO_Call) return true;
  return !declared_in_std(callee);
}

/// std::valarray<bool>: the mask of `va[mask]`.
bool UnsafeBuffer::is_bool_valarray(const clang::CXXRecordDecl* record) {
  return is_std_record_named(record, "valarray") && is_bool_vector(record);
}

/// `m.bucket_size(n)`, `m.begin(n)`, `m.end(n)`, `m.cbegin(n)`, `m.cend(n)`
/// of an unordered container: libstdc++ 12 indexes its bucket array with
/// n, unchecked even with _GLIBCXX_ASSERTIONS. Accepted where n is known
/// to be a bucket of `m`: `m.bucket(key)` (a local variable initialised
/// from it too), or an index an enclosing condition compares with
/// `m.bucket_count()` (`for (std::size_t b = 0; b < m.bucket_count(); ++b)`).
void UnsafeBuffer::check_bucket_call(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  if (method == nullptr || method->getIdentifier() == nullptr || call.getNumArgs() != 1) return;
  const llvm::StringRef fn = method->getName();
  if (!llvm::is_contained({"bucket_size", "begin", "end", "cbegin", "cend"}, fn)) return;
  const clang::CXXRecordDecl* record = method->getParent();
  if (!is_std_class(record, {"unordered_map", "unordered_multimap", "unordered_set", "unordered_multiset"})) return;
  const clang::Expr* index = call.getArg(0);
  if (!index->getType()->isIntegerType() || ctx.runs_only_at_compile_time(&call)) return;
  const clang::Expr* object = call.getImplicitObjectArgument();
  if (is_bucket_of(index, object, ctx)) return;
  const std::string name = object_name(object, ctx);
  ctx.report.error(call.getExprLoc(), kName,
                   "'" + fn.str() + "(n)' of a std::" + record->getName().str() +
                       " is not checked by this standard library, even with _GLIBCXX_ASSERTIONS: a bucket "
                       "number that is not below bucket_count() reads past the bucket array; pass '" + name +
                       ".bucket(key)', or test the number against '" + name + ".bucket_count()' (`for "
                       "(std::size_t b = 0; b < " + name + ".bucket_count(); ++b)`) in this function")
      << call.getSourceRange();
}

/// `index` is a bucket of `object`: `object.bucket(key)`, a local variable
/// initialised from it, or a variable an enclosing condition compares with
/// `object.bucket_count()`.
bool UnsafeBuffer::is_bucket_of(const clang::Expr* index, const clang::Expr* object, RuleContext& ctx) {
  const auto calls = [&](const clang::Stmt* s, llvm::StringRef name) {
    return flow::contains(s, [&](const clang::Stmt& node) {
      const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&node);
      const clang::CXXMethodDecl* m = member != nullptr ? member->getMethodDecl() : nullptr;
      return m != nullptr && m->getIdentifier() != nullptr && m->getName() == name &&
             same_container(member->getImplicitObjectArgument(), object, ctx);
    });
  };
  const clang::Expr* e = index->IgnoreParenImpCasts();
  if (calls(e, "bucket")) return true;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr) return false;
  if (var->getInit() != nullptr && !llvm::isa<clang::ParmVarDecl>(var) && calls(var->getInit(), "bucket")) {
    return true;
  }
  const auto mentions_var = [&](const clang::Stmt* s) {
    return flow::contains(s, [&](const clang::Stmt& node) {
      const auto* use = llvm::dyn_cast<clang::DeclRefExpr>(&node);
      return use != nullptr && use->getDecl() == var;
    });
  };
  for (const clang::Stmt* parent : ctx.stmt_parents()) {
    const clang::Stmt* cond = nullptr;
    if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent)) cond = s->getCond();
    if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent)) cond = s->getCond();
    if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent)) cond = s->getCond();
    if (const auto* s = llvm::dyn_cast<clang::AbstractConditionalOperator>(parent)) cond = s->getCond();
    if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent); s != nullptr && s->isLogicalOp()) {
      cond = s->getLHS();
    }
    if (cond != nullptr && calls(cond, "bucket_count") && mentions_var(cond)) return true;
  }
  return false;
}

}  // namespace meshwa::rules::unsafe_buffer
