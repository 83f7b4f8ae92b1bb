// Container indexes that the code shows past the end, although the access
// itself is checked under _GLIBCXX_ASSERTIONS: a constant past a
// std::array's N, a loop counting up to and including size(), v[v.size()],
// v[n] of a vector built with n elements, and s[s.size()] written.
#include <optional>

#include "BannedFunction.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "clang/AST/LambdaCapture.h"

namespace meshwa::rules::unsafe_buffer {

/// `a[4]` on a `std::array<int, 4>`, `s[3]` on a `std::span<int, 3>`,
/// `v[3]` on a local `std::vector<int> v(3)` whose size nothing changes:
/// a constant index the compiler can see is past the end. Under
/// -D_GLIBCXX_ASSERTIONS the read aborts, and with it every service in
/// the binary; without, it reads past the buffer.
void UnsafeBuffer::check_constant_index_past_end(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
  if (call.getOperator() != clang::OO_Subscript || call.getNumArgs() != 2) return;
  if (ctx.runs_only_at_compile_time(&call)) return;
  const clang::Expr* object = call.getArg(0);
  const clang::CXXRecordDecl* record = object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  const clang::Expr* index = call.getArg(1);
  // `v[static_cast<std::uint32_t>(v.size())]`: the size under casts. One
  // that keeps every size gives the size; a narrowing one gives the size
  // below 2^width elements, and a wrapped-around position above.
  llvm::SmallVector<clang::QualType, 2> index_casts;
  const clang::Expr* uncast = under_integer_casts(index, index_casts);
  // A std::string_view has no terminator to read at its size.
  const bool past_at_size =
      is_std_class(record, {"array", "span", "vector", "basic_string_view", "deque"}) && !is_bool_vector(record);
  // `std::uint32_t m = (uint32_t)v.size(); v[m]`: the size held in a local
  // (its initialiser's casts and its own type convert it first).
  llvm::SmallVector<clang::QualType, 2> held_casts;
  const clang::VarDecl* holder = past_at_size ? local_holding_own_size(uncast, object, held_casts) : nullptr;
  if (holder != nullptr) {
    held_casts.append(index_casts.begin(), index_casts.end());
    index_casts = std::move(held_casts);
  }
  if (past_at_size && (holder != nullptr || is_own_size(uncast, object))) {
    // (A size is at most PTRDIFF_MAX: 63 bits.)
    if (const std::optional<clang::QualType> cut = narrowing_cast(index_casts, 63, ctx.ast)) {
      report_narrowed_index(call, object_name(object, ctx) + ".size()", *cut, "one past the last element of '" +
                            object_name(object, ctx) + "'", ctx);
    } else {
      report_index_at_size(call, ctx);
    }
    if (holder != nullptr && !in_death_test_statement(call.getExprLoc(), ctx)) {
      ctx.report.note(holder->getLocation(), "'" + holder->getNameAsString() + "' holds " +
                                                 object_name(object, ctx) + ".size() here, and neither changes after");
    }
    return;
  }
  if (is_std_class(record, {"basic_string"}) && is_own_size(index, object) && writes_non_nul(call, ctx) &&
      !in_death_test_statement(call.getExprLoc(), ctx)) {
    report_terminator_write(call, object_name(object, ctx) + ".size()", ctx);
    return;
  }
  // `std::vector<char> buf(len); buf[len] = 0;`: the count it was built
  // with (under casts, as the size above).
  if (const clang::VarDecl* count = index_is_built_count(object, uncast)) {
    const std::optional<clang::QualType> cut = narrowing_cast(index_casts, value_bits(count->getType(), ctx.ast), ctx.ast);
    if (is_std_class(record, {"vector"}) && !is_bool_vector(record)) {
      if (cut) {
        report_narrowed_index(call, count->getNameAsString(), *cut,
                              "the size '" + object_name(object, ctx) + "' was built with, one past its last element",
                              ctx);
        ctx.report.note(local_container_var(object)->getLocation(),
                        "'" + object_name(object, ctx) + "' is built with " + count->getNameAsString() +
                            " elements here");
      } else {
        report_index_at_built_count(call, *count, ctx);
      }
    } else if (is_std_class(record, {"basic_string"}) && !cut && writes_non_nul(call, ctx) &&
               !in_death_test_statement(call.getExprLoc(), ctx)) {
      report_terminator_write(call, count->getNameAsString(), ctx);
    }
    return;
  }
  if (!is_std_class(record, {"array", "span", "vector", "basic_string"})) return;
  // A constant, or a local that holds one (`int last = 4; a[last]`), or
  // the constants the writes before the read leave in it (`int data = -1;
  // data = 10; a[data]`): reported when every one of them is outside.
  std::optional<llvm::APSInt> value = known_integer(index, ctx);
  llvm::SmallVector<llvm::APSInt, 4> reaching;
  // `a[static_cast<std::size_t>(i)]`, `a[static_cast<std::uint8_t>(i)]`:
  // the variable under integer casts, whose constants are then taken as
  // the casts give them (-1 as 18446744073709551615, 260 as 4).
  llvm::SmallVector<clang::QualType, 2> casts;
  const clang::VarDecl* var = flow::variable_named(under_integer_casts(index, casts));
  if (value) {
    // `if (data < 10) a[data]`: a guard (or dead code), not judged.
    if (var != nullptr && var->hasLocalStorage() && tested_before_read(*var, ctx.stmt_parents(), &call)) return;
  } else {
    // (reaching_constants gives nothing past a test of the variable.)
    reaching = var != nullptr ? reaching_constants(*var, ctx.stmt_parents(), &call, ctx)
                              : member_index_constants(index, ctx);
    if (reaching.empty()) return;
    for (const clang::QualType type : casts) {
      llvm::SmallVector<llvm::APSInt, 4> converted;
      add_converted(reaching, ctx.ast.getIntWidth(type), type->isUnsignedIntegerOrEnumerationType(), converted);
      reaching = std::move(converted);
    }
    value = reaching.front();
  }
  const std::optional<uint64_t> size = known_element_count(object, record, ctx);
  if (!size) return;
  // `EXPECT_DEATH(v[3] = 1, "")`: the assertion's abort is what the
  // test's child process is there to show.
  if (in_death_test_statement(call.getExprLoc(), ctx)) return;
  const llvm::APSInt& at = *value;
  // A string's terminator, s[s.size()], is readable; writing anything
  // but a NUL there is undefined (and not caught by the assertions).
  const bool string = record->getName() == "basic_string";
  const uint64_t limit = string ? *size + 1 : *size;
  if (string && !at.isNegative() && at.getZExtValue() == *size && writes_non_nul(call, ctx)) {
    report_terminator_write(call, std::to_string(*size) + (*size == 0   ? " of an empty string"
                                                           : *size == 1 ? " of a string of 1 character"
                                                                        : " of a string of " +
                                                                              std::to_string(*size) + " characters"),
                            ctx);
    return;
  }
  const auto inside = [&](const llvm::APSInt& v) { return !v.isNegative() && v.getZExtValue() < limit; };
  if (inside(at) || llvm::any_of(reaching, inside)) return;
  report_constant_past_end(call, at, *size, record, ctx);
}

/// `e` without the explicit casts to integer types around it (narrowing
/// ones too: `static_cast<std::uint8_t>(i)`, `(int)n`), which are added to
/// `casts` innermost first, the order they convert a value in; a cast to
/// bool or from a non-integer ends the look.
const clang::Expr* UnsafeBuffer::under_integer_casts(const clang::Expr* e,
                                                     llvm::SmallVectorImpl<clang::QualType>& casts) {
  e = e->IgnoreParenImpCasts();
  llvm::SmallVector<clang::QualType, 2> outermost_first;
  while (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(e)) {
    const clang::Expr* inner = cast->getSubExpr()->IgnoreParenImpCasts();
    const clang::QualType to = cast->getType();
    if (!to->isIntegerType() || !inner->getType()->isIntegerType() || to->isBooleanType()) break;
    outermost_first.push_back(to);
    e = inner;
  }
  casts.append(outermost_first.rbegin(), outermost_first.rend());
  return e;
}

/// The first of `casts` (innermost first) that cannot hold every value
/// of `bits` bits (a size, a count), or nullopt when none cuts one.
std::optional<clang::QualType> UnsafeBuffer::narrowing_cast(llvm::ArrayRef<clang::QualType> casts, unsigned bits,
                                                           const clang::ASTContext& ast) {
  for (const clang::QualType type : casts) {
    if (value_bits(type, ast) < bits) return type;
  }
  return std::nullopt;
}

/// How many bits of a non-negative value the integer type holds: its
/// width, less the sign bit.
unsigned UnsafeBuffer::value_bits(clang::QualType type, const clang::ASTContext& ast) {
  return ast.getIntWidth(type) - (type->isUnsignedIntegerOrEnumerationType() ? 0 : 1);
}

/// `v[static_cast<std::uint32_t>(v.size())]`, `w[static_cast<std::uint16_t>(n)]`
/// of `std::vector<int> w(n)`: `what` (the size, the count) cut by the
/// cast to `cut` is `where` while it fits, and beyond that a position the
/// code did not mean. Sizes of 2^32 and more exist.
void UnsafeBuffer::report_narrowed_index(const clang::CXXOperatorCallExpr& call, const std::string& what,
                                         clang::QualType cut, const std::string& where, RuleContext& ctx) {
  if (in_death_test_statement(call.getExprLoc(), ctx)) return;
  const std::string bits = std::to_string(value_bits(cut, ctx.ast));
  ctx.report.error(call.getArg(0)->getExprLoc(), kName,
                   "index " + what + ", narrowed to '" + cut.getAsString() + "', is " + where + " while it is below 2^" +
                       bits + ", and a wrapped-around position beyond: -D_GLIBCXX_ASSERTIONS stops the access by "
                       "aborting the whole binary, every service in it (without it, it reaches past the buffer); the "
                       "last element is at " + what + " - 1, and an index kept in std::size_t is never cut")
      << call.getSourceRange();
}

/// `value` goes through every cast in `casts` (innermost first) unchanged.
bool UnsafeBuffer::kept_by_casts(const llvm::APSInt& value, llvm::ArrayRef<clang::QualType> casts,
                                 const clang::ASTContext& ast) {
  return llvm::all_of(casts, [&](const clang::QualType type) {
    const llvm::APSInt converted(value.extOrTrunc(ast.getIntWidth(type)), type->isUnsignedIntegerOrEnumerationType());
    return llvm::APSInt::isSameValue(converted, value);
  });
}

/// `s[s.size()] = 'x'`: the terminator given another value.
void UnsafeBuffer::report_terminator_write(const clang::CXXOperatorCallExpr& call, const std::string& index,
                                           RuleContext& ctx) {
  const clang::Expr* object = call.getArg(0);
  const std::string name = object_name(object, ctx);
  ctx.report.error(object->getExprLoc(), kName,
                     "this writes the terminator of '" + name + "' (index " + index +
                         "): anything but '\\0' there is undefined behaviour, and "
                         "-D_GLIBCXX_ASSERTIONS does not catch it; append with push_back or +=, or size the "
                         "string first (resize)")
      << call.getSourceRange();
}

/// `a[4]` of a container of 4 elements (check_constant_index_past_end).
void UnsafeBuffer::report_constant_past_end(const clang::CXXOperatorCallExpr& call, const llvm::APSInt& at,
                                            uint64_t size, const clang::CXXRecordDecl* record, RuleContext& ctx) {
  const clang::Expr* object = call.getArg(0);
  const std::string name = object_name(object, ctx);
  llvm::SmallString<16> shown;
  at.toString(shown);
  // An empty container has no index to suggest: it needs elements first.
  const std::string held = size == 0   ? "which is empty"
                           : size == 1 ? "which has 1 element"
                                        : "which has " + std::to_string(size) + " elements";
  const std::string remedy = size == 0 ? empty_remedy(record) : "use an index below " + std::to_string(size);
  ctx.report.error(object->getExprLoc(), kName,
                   "index " + std::string(shown) + (at.isNegative() ? " is before the start of '" : " is past the end of '") +
                       name + "', " + held +
                       ": -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every "
                       "service in it (without it, it reaches past the buffer); " +
                       remedy + ", or .at(i), which throws")
      << call.getSourceRange();
}

/// `for (std::size_t i = 0; i <= v.size(); ++i) use(v[i]);`, `for (int i
/// = 0; i < 5; ++i) a[i]` on a `std::array<int, 4>`: an off-by-one loop
/// whose last iteration indexes past the end. Judged only when that
/// iteration surely reads it: the counter starts at a constant, steps by
/// one, is not written in the body, and the body has no way out (break,
/// return, goto, throw) and reads `v[i]` on every path through it;
/// nothing in the body but element accesses names the container.
void UnsafeBuffer::check_loop_index_past_end(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
  if (call.getOperator() != clang::OO_Subscript || call.getNumArgs() != 2 || ctx.runs_only_at_compile_time(&call)) {
    return;
  }
  const clang::Expr* object = call.getArg(0);
  const clang::CXXRecordDecl* record = object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  // std::vector<bool>'s operator[] is not checked at all, and reported as such (check_smart_array_subscript).
  // A local or a parameter: a member may grow through any call of a
  // member function in the body, unseen here.
  const clang::Expr* named = named_object(object);
  if (!is_std_class(record, {"array", "span", "vector", "deque"}) || is_bool_vector(record) || named == nullptr ||
      !llvm::isa<clang::DeclRefExpr>(named)) {
    return;
  }
  // (The counter may be under integer casts that keep every value it
  // takes, from the start to the last: `a[static_cast<std::uint8_t>(i)]`.)
  llvm::SmallVector<clang::QualType, 2> casts;
  const auto* index_ref = llvm::dyn_cast<clang::DeclRefExpr>(under_integer_casts(call.getArg(1), casts));
  const auto* index = index_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(index_ref->getDecl()) : nullptr;
  if (index == nullptr || !index->getType()->isIntegerType()) return;
  const clang::ForStmt* loop = unconditional_counting_loop(call, *index, ctx);
  if (loop == nullptr) return;
  const auto* cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(loop->getCond()->IgnoreParenImpCasts());
  if (cond == nullptr || !flow::names_variable(cond->getLHS(), *index)) return;
  const bool inclusive = cond->getOpcode() == clang::BO_LE;
  if (!inclusive && cond->getOpcode() != clang::BO_LT) return;
  const std::optional<llvm::APSInt> start = loop_start(*loop, *index, ctx);
  if (!start || start->isNegative() || start->getActiveBits() > 63) return;
  std::string bound;
  llvm::SmallVector<clang::QualType, 2> bound_casts;
  if (inclusive && is_own_size(under_integer_casts(cond->getRHS(), bound_casts), object)) {
    if (!start->isZero()) return;  // from 0 it reaches size() whatever the size
    if (!casts.empty()) return;    // which a narrowing cast may wrap
    bound = "'" + object_name(object, ctx) + ".size()'";
    // `i <= static_cast<std::uint32_t>(v.size())`: the size while it has
    // fewer than 2^32 elements.
    if (const std::optional<clang::QualType> cut = narrowing_cast(bound_casts, 63, ctx.ast)) {
      bound += " narrowed to '" + cut->getAsString() + "' (the size below 2^" +
               std::to_string(value_bits(*cut, ctx.ast)) + " elements)";
    }
  } else {
    const std::optional<llvm::APSInt> limit = known_integer(cond->getRHS(), ctx);
    const std::optional<uint64_t> size = static_element_count(record);
    if (!limit || !size || limit->isNegative() || limit->getActiveBits() > 63) return;
    const uint64_t last = inclusive ? limit->getZExtValue() : limit->getZExtValue() - 1;
    if (limit->isZero() || last < *size || start->getZExtValue() > last) return;
    // Casts that keep the first and the last value keep every one between.
    const llvm::APSInt last_value(llvm::APInt(64, last), /*isUnsigned=*/true);
    if (!kept_by_casts(*start, casts, ctx.ast) || !kept_by_casts(last_value, casts, ctx.ast)) return;
    bound = std::to_string(last);
  }
  // The walks of the body last: only a loop whose bounds reach past the end pays for them.
  if (!body_runs_through(loop->getBody(), *index) || !only_indexed_in(loop->getBody(), object) ||
      in_death_test_statement(call.getExprLoc(), ctx)) {
    return;
  }
  const std::string name = object_name(object, ctx);
  ctx.report.error(object->getExprLoc(), kName,
                   "the last iteration of this loop reads '" + name + "' at " + bound + ", past its last element: "
                       "-D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it "
                       "(without it, it reaches past the buffer); stop the loop before the size (`i < " + name +
                       ".size()`), or iterate with a range-for")
      << call.getSourceRange();
  ctx.report.note(loop->getCond()->getExprLoc(), "the loop's condition lets the index reach " + bound);
}

/// The `for` loop around `at` whose counter is `index`, stepped by one
/// (`++i`, `i++`, `i += 1`), when `at` runs on every iteration that gets
/// to it: only blocks and expressions other than conditional ones between
/// them (body_runs_through says whether every iteration gets there).
const clang::ForStmt* UnsafeBuffer::unconditional_counting_loop(const clang::Stmt& at, const clang::VarDecl& index,
                                                                RuleContext& ctx) {
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const clang::Stmt* child = &at;
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(parent)) {
      if (child != loop->getBody() || loop->getCond() == nullptr || !steps_by_one(loop->getInc(), index)) {
        return nullptr;
      }
      return loop;
    }
    if (llvm::isa<clang::CompoundStmt, clang::ExprWithCleanups, clang::DeclStmt, clang::ReturnStmt>(parent)) continue;
    const auto* e = llvm::dyn_cast<clang::Expr>(parent);
    if (e == nullptr || llvm::isa<clang::AbstractConditionalOperator, clang::LambdaExpr>(e)) return nullptr;
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e); op != nullptr && op->isLogicalOp()) return nullptr;
  }
  return nullptr;
}

/// `++i`, `i++`, `i += 1`.
bool UnsafeBuffer::steps_by_one(const clang::Expr* inc, const clang::VarDecl& index) {
  if (inc == nullptr) return false;
  inc = inc->IgnoreParenImpCasts();
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(inc)) {
    return op->isIncrementOp() && flow::names_variable(op->getSubExpr(), index);
  }
  const auto* add = llvm::dyn_cast<clang::CompoundAssignOperator>(inc);
  const auto* one = add != nullptr ? llvm::dyn_cast<clang::IntegerLiteral>(add->getRHS()->IgnoreParenImpCasts()) : nullptr;
  return add != nullptr && add->getOpcode() == clang::BO_AddAssign && flow::names_variable(add->getLHS(), index) &&
         one != nullptr && one->getValue() == 1;
}

/// A body that neither leaves early (break, continue, return, goto,
/// throw, co_return) nor writes the counter (assigns it, steps it, takes
/// its address or a reference to it).
bool UnsafeBuffer::body_runs_through(const clang::Stmt* body, const clang::VarDecl& index) {
  return !flow::contains(body, [&](const clang::Stmt& sub) {
    if (llvm::isa<clang::BreakStmt, clang::ContinueStmt, clang::ReturnStmt, clang::GotoStmt,
                  clang::IndirectGotoStmt, clang::CXXThrowExpr, clang::CoreturnStmt>(sub)) {
      return true;
    }
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&sub); op != nullptr && op->isAssignmentOp()) {
      return flow::names_variable(op->getLHS(), index);
    }
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&sub)) {
      return (op->isIncrementDecrementOp() || op->getOpcode() == clang::UO_AddrOf) &&
             flow::names_variable(op->getSubExpr(), index);
    }
    return false;
  }) && !binds_reference_to(body, index);
}

/// Is `index` handed to a reference anywhere in `body` (a non-const
/// reference parameter, a local reference)? Then it may be written.
bool UnsafeBuffer::binds_reference_to(const clang::Stmt* body, const clang::VarDecl& index) {
  return flow::contains(body, [&](const clang::Stmt& sub) {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&sub);
    for (unsigned a = 0; call != nullptr && a < call->getNumArgs(); ++a) {
      const clang::ParmVarDecl* param = flow::parameter_of_argument(*call, a);
      if (param == nullptr || !flow::names_variable(call->getArg(a), index)) continue;
      const clang::QualType type = param->getType();
      if (type->isReferenceType() && !type->getPointeeType().isConstQualified()) return true;
    }
    if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(&sub)) {
      for (const clang::Decl* d : decl->decls()) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
        if (var != nullptr && var->getType()->isReferenceType() && var->getInit() != nullptr &&
            flow::names_variable(var->getInit(), index)) {
          return true;
        }
      }
    }
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&sub)) {
      for (const clang::LambdaCapture& capture : lambda->captures()) {
        if (capture.capturesVariable() && capture.getCapturedVar() == &index &&
            capture.getCaptureKind() == clang::LCK_ByRef) {
          return true;
        }
      }
    }
    return false;
  });
}

/// The constant the loop's init gives its counter (`std::size_t i = 0`, `i = 0`).
std::optional<llvm::APSInt> UnsafeBuffer::loop_start(const clang::ForStmt& loop, const clang::VarDecl& index,
                                                     RuleContext& ctx) {
  const clang::Stmt* init = loop.getInit();
  if (const auto* decl = llvm::dyn_cast_or_null<clang::DeclStmt>(init)) {
    if (!decl->isSingleDecl() || decl->getSingleDecl() != &index || index.getInit() == nullptr) return std::nullopt;
    return constant_value(index.getInit(), ctx);
  }
  const auto* assign = llvm::dyn_cast_or_null<clang::BinaryOperator>(init);
  if (assign == nullptr || assign->getOpcode() != clang::BO_Assign || !flow::names_variable(assign->getLHS(), index)) {
    return std::nullopt;
  }
  return constant_value(assign->getRHS(), ctx);
}

/// The value of the integer constant expression `e`, as clang evaluates
/// it. known_integer() starts from this and knows more (unwritten locals,
/// sizes known here); loop_start() wants the constant only.
std::optional<llvm::APSInt> UnsafeBuffer::constant_value(const clang::Expr* e, RuleContext& ctx) {
  clang::Expr::EvalResult value;
  if (e->isValueDependent() || !e->EvaluateAsInt(value, ctx.ast)) return std::nullopt;
  return value.Val.getInt();
}

/// Every mention of the container `object` in `body` is the object of a
/// subscript (`v[i]`, `v[i] = x`) or of a const member function: nothing
/// there changes its size.
bool UnsafeBuffer::only_indexed_in(const clang::Stmt* body, const clang::Expr* object) {
  const clang::Expr* named = named_object(object);
  unsigned mentions = 0;
  unsigned indexed = 0;
  flow::contains(body, [&](const clang::Stmt& sub) {
    const auto* e = llvm::dyn_cast<clang::Expr>(&sub);
    if (e != nullptr && (llvm::isa<clang::DeclRefExpr, clang::MemberExpr>(e)) && same_object(e, named)) ++mentions;
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&sub);
        op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
        same_object(op->getArg(0)->IgnoreParenImpCasts(), named)) {
      ++indexed;
    } else if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&sub);
               member != nullptr && member->getMethodDecl() != nullptr && member->getMethodDecl()->isConst() &&
               same_object(member->getImplicitObjectArgument()->IgnoreParenImpCasts(), named)) {
      ++indexed;
    }
    return false;
  });
  return mentions == indexed;
}

/// Is the element `element` the target of an assignment (or ++, --, a
/// compound assignment) of anything but a constant zero?
bool UnsafeBuffer::writes_non_nul(const clang::Expr& element, RuleContext& ctx) {
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const clang::Stmt* child = &element;
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    if (llvm::isa<clang::ParenExpr, clang::ImplicitCastExpr>(parent)) continue;
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
      if (!op->isAssignmentOp() || op->getLHS() != child) return false;
      if (op->getOpcode() != clang::BO_Assign) return true;
      clang::Expr::EvalResult value;
      return op->getRHS()->isValueDependent() || !op->getRHS()->EvaluateAsInt(value, ctx.ast) ||
             !value.Val.getInt().isZero();
    }
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(parent)) return op->isIncrementDecrementOp();
    return false;
  }
  return false;
}

/// `v.size()` or `std::size(v)` of the very object `object` names.
bool UnsafeBuffer::is_own_size(const clang::Expr* index, const clang::Expr* object) {
  const clang::Expr* sized = sized_object(index->IgnoreParenImpCasts(), {"size"}, FreeSizeCall::std_only);
  return sized != nullptr && same_object(sized->IgnoreParenImpCasts(), object->IgnoreParenImpCasts());
}

/// `v[n]` of a local `std::vector<T> v(n)` (or `v(n, x)`, a `std::string
/// s(n, c)`) where neither the size of `v` nor `n` changes in the
/// function: the index is the size, one past the last element, whatever
/// `n` is. The count variable, or null.
const clang::VarDecl* UnsafeBuffer::index_is_built_count(const clang::Expr* object, const clang::Expr* index) {
  const clang::VarDecl* container = local_container_var(object);
  if (container == nullptr) return nullptr;
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(container->getInit()->IgnoreImplicit());
  if (construct == nullptr || construct->getNumArgs() < 1 || construct->getNumArgs() > 3 ||
      construct->isListInitialization() || construct->getConstructor()->getNumParams() < 1 ||
      !construct->getConstructor()->getParamDecl(0)->getType()->isIntegerType()) {
    return nullptr;
  }
  const clang::VarDecl* count = integer_var_read(construct->getArg(0));
  if (count == nullptr || count != integer_var_read(index)) return nullptr;
  if (!is_only_read(*count) || !size_never_changes(*container)) return nullptr;
  return count;
}

/// `m` of `std::uint32_t m = (uint32_t)v.size(); ... v[m]` (`index` is
/// the read of `m`, `object` is `v`): the local integer that holds the
/// size of `object` itself, when neither can change after the
/// initialiser, so the index is that size whatever path led there: `m`
/// is const or only read, and `object` is a std::array (its size is its
/// type's) or a local std::vector nothing resizes (size_never_changes).
/// A parameter or member may be resized, also through another name,
/// between the two. `casts` gets the integer casts of the initialiser
/// and the conversion to `m`'s type, innermost first.
const clang::VarDecl* UnsafeBuffer::local_holding_own_size(const clang::Expr* index, const clang::Expr* object,
                                                            llvm::SmallVectorImpl<clang::QualType>& casts) {
  const clang::VarDecl* held = integer_var_read(index);
  if (held == nullptr || !held->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(held) ||
      held->getType()->isReferenceType() || held->getInit() == nullptr ||
      !(held->getType().isConstQualified() || is_only_read(*held))) {
    return nullptr;
  }
  const clang::CXXRecordDecl* record = object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  const clang::VarDecl* container = local_container_var(object);
  if (!is_std_class(record, {"array"}) && (container == nullptr || !size_never_changes(*container))) return nullptr;
  llvm::SmallVector<clang::QualType, 2> init_casts;
  if (!is_own_size(under_integer_casts(held->getInit(), init_casts), object)) return nullptr;
  casts.append(init_casts.begin(), init_casts.end());
  casts.push_back(held->getType().getUnqualifiedType());
  return held;
}

/// The integer variable `e` reads (through casts), or null.
const clang::VarDecl* UnsafeBuffer::integer_var_read(const clang::Expr* e) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  return var != nullptr && var->getType()->isIntegerType() ? var : nullptr;
}

/// `v[n]` of `std::vector<T> v(n)` (index_is_built_count).
void UnsafeBuffer::report_index_at_built_count(const clang::CXXOperatorCallExpr& call, const clang::VarDecl& count,
                                               RuleContext& ctx) {
  if (in_death_test_statement(call.getExprLoc(), ctx)) return;
  const std::string name = object_name(call.getArg(0), ctx);
  const std::string n = count.getNameAsString();
  ctx.report.error(call.getArg(0)->getExprLoc(), kName,
                   "index " + n + " is the size '" + name + "' was built with, one past its last element: "
                   "-D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it "
                   "(without it, it reaches past the buffer); the last element is at " + n +
                   " - 1, or build it with " + n + " + 1 elements")
      << call.getSourceRange();
  ctx.report.note(local_container_var(call.getArg(0))->getLocation(),
                  "'" + name + "' is built with " + n + " elements here");
}

/// `v[v.size()]` of a std::vector, std::array, std::span, std::deque or
/// std::string_view: one past the
/// last element, whatever the size (a std::string's terminator is there,
/// and readable).
void UnsafeBuffer::report_index_at_size(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
  if (in_death_test_statement(call.getExprLoc(), ctx)) return;
  const std::string name = object_name(call.getArg(0), ctx);
  ctx.report.error(call.getArg(0)->getExprLoc(), kName,
                   "index " + name + ".size() is one past the last element of '" + name +
                       "', whatever its size: -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole "
                       "binary, every service in it (without it, it reaches past the buffer); the last element is "
                       "at size() - 1 (" + name + ".back(), after checking that it is not empty)")
      << call.getSourceRange();
}

}  // namespace meshwa::rules::unsafe_buffer
