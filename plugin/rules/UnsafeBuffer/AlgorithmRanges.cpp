// Standard algorithms that write past their output (std::copy, copy_n,
// fill_n, generate_n, transform into a std::array, a static span or an empty
// vector) or read past their input, and whether the code shows a count that
// is not a constant bounded (a comparison around it, an assert, a size).
#include <optional>

#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"

namespace meshwa::rules::unsafe_buffer {

/// The number of elements of a range given as `(x.begin(), x.end())` of
/// one object whose type fixes its size (std::array<T, N>, std::span<T, N>).
std::optional<uint64_t> UnsafeBuffer::static_range_length(const clang::Expr* first, const clang::Expr* last,
                                                          RuleContext& ctx) {
  const IteratorOf from = iterator_of(first);
  const IteratorOf to = iterator_of(last);
  const bool forward = from.which == IteratorEnd::begin && to.which == IteratorEnd::end;
  const bool backward = from.which == IteratorEnd::rbegin && to.which == IteratorEnd::rend;
  if ((!forward && !backward) || !same_object(from.object, to.object)) return std::nullopt;
  return known_element_count(from.object, from.container, ctx);
}

/// The arguments of a call of a std:: algorithm that writes through an
/// output iterator, by role, for both the std:: form (a function taking
/// iterator pairs) and the std::ranges:: one (operator() of a niebloid,
/// whose argument 0 is the object, taking a whole range or an iterator
/// and a sentinel): one reading that every check below shares.
std::optional<UnsafeBuffer::AlgorithmRoles> UnsafeBuffer::algorithm_roles(const clang::CallExpr& call) {
  AlgorithmRoles roles;
  llvm::ArrayRef<const clang::Expr*> args;
  if (!std_algorithm(call, roles.fn, args)) return std::nullopt;
  const bool ranges = llvm::isa<clang::CXXOperatorCallExpr>(call);
  // A function of std itself (not std::filesystem::copy(from, to, options)).
  const clang::FunctionDecl* callee = call.getDirectCallee();
  if (!ranges && (callee == nullptr || !callee->isInStdNamespace())) return std::nullopt;
  roles.name = (ranges ? "std::ranges::" : "std::") + roles.fn.str();
  // `std::copy(std::execution::par, first, last, out)`: the same roles after the policy.
  if (!ranges && !args.empty() && is_execution_policy(args[0]->getType())) args = args.drop_front();
  const llvm::StringRef fn = roles.fn;
  const size_t n = args.size();
  if (llvm::any_of(args, [](const clang::Expr* e) { return e->isTypeDependent(); })) return std::nullopt;
  // The range form of the ranges algorithms: a range, then the output.
  const bool whole = ranges && n >= 2 && is_range_argument(args[0]);
  const auto pair = [&](size_t at) { return AlgorithmInput{args[at], args[at + 1], nullptr}; };
  const auto range = [&](size_t at) { return AlgorithmInput{nullptr, nullptr, args[at]}; };
  // One element written for each one read: (first, last, out, ...) /
  // (range, out, ...).
  const bool one_for_one = llvm::is_contained({"copy", "move", "reverse_copy", "replace_copy", "replace_copy_if",
                                               "partial_sum", "adjacent_difference", "inclusive_scan",
                                               "exclusive_scan"},
                                              fn);
  // At most one for each one read: those that pass (copy_if), that differ
  // from the one before (unique_copy), that are not removed.
  const bool filtering = llvm::is_contained({"copy_if", "unique_copy", "remove_copy", "remove_copy_if"}, fn);
  if (one_for_one || filtering) {
    if (whole) {
      roles.inputs.push_back(range(0));
      roles.out = args[1];
    } else if (n >= 3) {
      roles.inputs.push_back(pair(0));
      roles.out = args[2];
    }
    roles.counted_input = one_for_one;
  } else if (fn == "transform") {
    roles.counted_input = true;
    if (whole && n >= 3 && is_range_argument(args[1])) {
      roles.inputs = {range(0), range(1)};  // (r1, r2, out, op, ...)
      roles.out = args[2];
    } else if (whole) {
      roles.inputs.push_back(range(0));  // (r, out, op, ...)
      roles.out = args[1];
    } else if (ranges && n >= 6) {
      roles.inputs = {pair(0), pair(2)};  // (first1, last1, first2, last2, out, op, ...)
      roles.out = args[4];
    } else if (!ranges && n == 5) {
      // (first1, last1, first2, out, op): as many as the first range,
      // read from first2 too.
      roles.inputs = {pair(0), AlgorithmInput{args[2], nullptr, nullptr}};
      roles.out = args[3];
    } else if (n >= 4) {
      roles.inputs.push_back(pair(0));  // (first, last, out, op, ...)
      roles.out = args[2];
    }
  } else if (fn == "copy_n" && n == 3) {
    roles.inputs.push_back(AlgorithmInput{args[0], nullptr, nullptr});
    roles.count = args[1];
    roles.out = args[2];
  } else if ((fn == "fill_n" || fn == "generate_n") && n == 3) {
    roles.count = args[1];
    roles.out = args[0];
  }
  if (roles.out == nullptr) return std::nullopt;
  return roles;
}

/// A standard execution policy (`std::execution::par`), the first argument
/// of the parallel overloads: libstdc++'s `__pstl::execution::parallel_policy`.
bool UnsafeBuffer::is_execution_policy(clang::QualType type) {
  const clang::CXXRecordDecl* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || record->getIdentifier() == nullptr || !record->getName().ends_with("_policy")) return false;
  for (const clang::DeclContext* dc = record->getDeclContext(); dc != nullptr; dc = dc->getParent()) {
    const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(dc);
    if (ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "execution") return true;
  }
  return false;
}

/// How many elements the algorithm writes, where the code says: its
/// constant count, or the length of its input ranges (the shorter one of
/// two) when each is known.
std::optional<uint64_t> UnsafeBuffer::written_count(const AlgorithmRoles& roles, RuleContext& ctx) {
  if (roles.count != nullptr) {
    const std::optional<llvm::APSInt> value =
        roles.count->isValueDependent() ? std::nullopt : known_integer(roles.count, ctx);
    if (!value || value->isNegative() || value->getActiveBits() > 64) return std::nullopt;
    return value->getZExtValue();
  }
  if (!roles.counted_input || roles.inputs.empty()) return std::nullopt;
  std::optional<uint64_t> shortest;
  for (const AlgorithmInput& input : roles.inputs) {
    if (input.paced()) continue;  // read as many times as the others say
    const std::optional<uint64_t> length = input.range != nullptr ? whole_range_length(input.range, ctx)
                                           : input.last != nullptr ? static_range_length(input.first, input.last, ctx)
                                                                   : std::nullopt;
    if (!length) return std::nullopt;
    shortest = std::min(shortest.value_or(*length), *length);
  }
  return shortest;
}

/// `std::copy(src.begin(), src.end(), dst.begin())`, `std::copy_n(it, 100,
/// dst.begin())`, `std::fill_n(dst.begin(), 11, 0)`, `std::transform`,
/// and their std::ranges:: forms (`std::ranges::copy(src, dst.begin())`):
/// an algorithm writing more elements than its output has, where both
/// numbers are in the code (a constant count, or a std::array source) and
/// the output is the begin() of a std::array or a static-extent std::span;
/// any number of them into a local container that is empty; a count not
/// shown to fit into an output of known size. The library writes through
/// the output iterator without looking at its end, under
/// _GLIBCXX_ASSERTIONS too (CWE-121/122).
void UnsafeBuffer::check_output_range_overflow(const clang::CallExpr& call, RuleContext& ctx) {
  const std::optional<AlgorithmRoles> roles = algorithm_roles(call);
  if (!roles) return;
  const clang::Expr* out = roles->out;
  std::optional<uint64_t> written = written_count(*roles, ctx);
  if (!written && check_write_into_empty(call, *roles, ctx)) return;
  if (!written && roles->count != nullptr) {
    check_unbounded_count(call, roles->name, roles->count, out, /*range=*/false, ctx);
    return;
  }
  if (!written && (roles->fn == "copy" || roles->fn == "move") && roles->inputs.size() == 1 &&
      roles->inputs[0].last != nullptr) {
    // `std::copy(src.begin(), src.begin() + n, dst.begin())`: n elements.
    if (const clang::Expr* n = offset_from_begin(roles->inputs[0].first, roles->inputs[0].last)) {
      AlgorithmRoles counted = *roles;
      counted.count = n;
      written = written_count(counted, ctx);
      if (!written) check_unbounded_count(call, roles->name, n, out, /*range=*/true, ctx);
    }
  }
  if (!written) return;
  for (const AlgorithmInput& input : roles->inputs) {
    if (input.paced()) check_input_range_overread(call, roles->name, input.first, *written, ctx);
  }
  report_output_overflow(call, roles->name, *written, out, ctx);
}

/// How many elements the named container `range` has, as a whole range
/// argument (`std::ranges::copy(src, ...)`), where that is known here: a
/// C array, a std::array, a static-extent std::span, a fixed-size local.
std::optional<uint64_t> UnsafeBuffer::whole_range_length(const clang::Expr* range, RuleContext& ctx) {
  range = range->IgnoreParenImpCasts();
  if (!llvm::isa<clang::DeclRefExpr, clang::MemberExpr>(range) || range->isTypeDependent()) return std::nullopt;
  // `int src[8]; std::ranges::copy(src, out.begin())`: its bound.
  if (const auto* array = ctx.ast.getAsConstantArrayType(range->getType().getNonReferenceType())) {
    return array->getSize().getZExtValue();
  }
  const clang::CXXRecordDecl* record = range->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (std::optional<uint64_t> count = static_element_count(record)) return count;
  if (!is_owning_container(record)) return std::nullopt;  // a view, an iterator
  return fixed_local_size(range, ctx);
}

/// `written` elements written through `out` (an iterator or .data() at the
/// start of a container) by the algorithm `name`: reported when the
/// container is known to have fewer.
void UnsafeBuffer::report_output_overflow(const clang::CallExpr& call, const std::string& name, uint64_t written,
                                          const clang::Expr* out, RuleContext& ctx) {
  const IteratorOf target = start_of(out);
  if (target.which != IteratorEnd::begin && target.which != IteratorEnd::rbegin) return;
  const std::optional<uint64_t> room = known_element_count(target.object, target.container, ctx);
  if (!room || written <= *room) return;
  ctx.report.error(out->getBeginLoc(), kName,
                   "'" + name + "' writes " + std::to_string(written) + " elements through this " +
                       (iterator_of(out).which == IteratorEnd::none ? "pointer" : "iterator") + " into '" +
                       object_name(target.object, ctx) + "', which has " + std::to_string(*room) +
                       ", and nothing checks the output's end; size the destination to the source, or write with "
                       "std::back_inserter into a std::vector")
      << out->getSourceRange() << call.getSourceRange();
}

/// `std::vector<int> dest; std::copy(src.begin(), src.end(),
/// dest.begin());` (CERT CTR52-CPP): an algorithm writing a number of
/// elements not known here through the begin() of a local container that
/// is empty and that nothing in the function fills. Whatever the source
/// holds goes past the end, unless the count is the output's own size
/// (`std::min(n, dest.size())`). The usual fix is std::back_inserter.
/// True when reported.
bool UnsafeBuffer::check_write_into_empty(const clang::CallExpr& call, const AlgorithmRoles& roles, RuleContext& ctx) {
  const clang::Expr* out = roles.out;
  const IteratorOf target = start_of(out);
  if (target.which != IteratorEnd::begin && target.which != IteratorEnd::rbegin) return false;
  const std::optional<uint64_t> room = fixed_local_size(target.object, ctx);
  if (!room || *room != 0 || ctx.runs_only_at_compile_time(&call)) return false;
  const bool counted = roles.count != nullptr;
  if (counted && mentions_size_of(roles.count, target.object)) return false;
  const std::string name = object_name(target.object, ctx);
  ctx.report.error(out->getBeginLoc(), kName,
                   "'" + roles.name + "' writes " + (counted ? "as many elements as its count says" : "the source's elements") +
                       " through this iterator into '" + name +
                       "', which is empty here, and nothing checks the output's end; write with "
                       "std::back_inserter(" + name + "), or size '" + name + "' to the source first")
      << out->getSourceRange() << call.getSourceRange();
  return true;
}

/// Does the count `e` read `object.size()` (`std::min(n, dest.size())`)?
bool UnsafeBuffer::mentions_size_of(const clang::Expr* e, const clang::Expr* object) {
  return flow::contains(e, [&](const clang::Stmt& s) {
    const clang::Expr* sized =
        sized_object(llvm::dyn_cast<clang::Expr>(&s), {"size", "length"}, FreeSizeCall::none);
    return sized != nullptr && same_object(sized, object);
  });
}

/// `std::copy_n(src.begin(), n, dst.begin())`, `std::fill_n(dst.begin(),
/// n, 0)`, `std::generate_n`: a count that is not a constant, written
/// into an output whose size is known (a std::array, a static-extent
/// std::span, a fixed-size local). Nothing checks the output's end, so the
/// count must be shown to fit where it is written: it is taken from a
/// size (`src.size()`, `sizeof`, `std::min(n, dst.size())`,
/// `std::clamp`), or every variable in it is compared in an enclosing
/// condition or an earlier `if` that leaves, from both sides when it is
/// signed (`if (data > 0 && data < 100)`): Juliet's CWE-194/195 sign
/// extension to size_t passes `if (data < 100)` with `data == -1`, and
/// CWE-680/789 counts are not compared at all.
void UnsafeBuffer::check_unbounded_count(const clang::CallExpr& call, const std::string& name_of_fn, const clang::Expr* count,
                                         const clang::Expr* out, bool range, RuleContext& ctx) {
  if (count->isValueDependent() || !count->getType()->isIntegerType() || ctx.runs_only_at_compile_time(&call)) {
    return;
  }
  const IteratorOf target = start_of(out);
  if (target.which != IteratorEnd::begin && target.which != IteratorEnd::rbegin) return;
  const std::optional<uint64_t> room = known_element_count(target.object, target.container, ctx);
  if (!room) return;
  const clang::ValueDecl* unchecked = unbounded_variable(count, range, call, ctx);
  if (unchecked == nullptr) return;
  const std::string name = object_name(target.object, ctx);
  const bool is_signed = wraps_negative(unchecked, count, range);
  ctx.report.error(count->getBeginLoc(), kName,
                   "'" + name_of_fn + "' writes as many elements as this count says into '" + name +
                       "', which has " + std::to_string(*room) +
                       ", and nothing checks the output's end; compare the count with '" + name +
                       ".size()' first" +
                       (is_signed ? " (a signed one from both sides: `if (n > 0 && n <= ...)`)" : "") +
                       ", or write std::min(n, " + name + ".size()) elements")
      << count->getSourceRange() << call.getSourceRange();
  ctx.report.note(unchecked->getLocation(),
                  "'" + unchecked->getNameAsString() +
                      "' is declared here, and no condition before the call bounds it" +
                      (is_signed ? " from both sides (it is signed: a negative value becomes a huge count)" : ""));
}

/// The first variable of the integer expression `count` that the code
/// around the call does not bound (nullptr: every one is bounded, or the
/// count is taken from a size).
const clang::ValueDecl* UnsafeBuffer::unbounded_variable(const clang::Expr* count, bool range, const clang::Stmt& at,
                                                         RuleContext& ctx) {
  if (takes_a_size(count)) return nullptr;
  llvm::SmallVector<const clang::ValueDecl*, 4> variables;
  flow::contains(count, [&](const clang::Stmt& node) {
    const auto* e = llvm::dyn_cast<clang::Expr>(&node);
    const clang::ValueDecl* d = e != nullptr ? counted_variable(e) : nullptr;
    if (d != nullptr && !llvm::is_contained(variables, d)) variables.push_back(d);
    return false;
  });
  for (const clang::ValueDecl* d : variables) {
    // A data member (`std::copy_n(other.buf_.begin(), other.len_,
    // buf_.begin())`) is kept in range by its class, which one function
    // does not show.
    if (llvm::isa<clang::FieldDecl>(d)) continue;
    // A local read-only count initialised from a size or a constant:
    // `const auto n = std::min(a, b.size());`, `const auto n = 2 * b.size();`.
    const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
    if (var != nullptr && var->hasLocalStorage() && !llvm::isa<clang::ParmVarDecl>(var) &&
        var->getInit() != nullptr && is_only_read(*var) &&
        (takes_a_size(var->getInit()) || known_integer(var->getInit(), ctx))) {
      continue;
    }
    // `std::size_t n = 16; if (compact) n = 8;`: the code chose the count.
    if (var != nullptr && var->hasLocalStorage() && !llvm::isa<clang::ParmVarDecl>(var) &&
        only_given_constants(*var)) {
      continue;
    }
    if (!bounded_around(d, wraps_negative(d, count, range), at, ctx)) return d;
  }
  return nullptr;
}

/// A signed variable in an unsigned count (`static_cast<std::size_t>(data)`):
/// a negative value becomes a huge count. A signed count itself is
/// harmless below zero (the _n algorithms write nothing for `n <= 0`), but
/// not as the end of a range (`src.begin() + n`, a negative length that
/// libstdc++'s memmove takes as a huge one).
bool UnsafeBuffer::wraps_negative(const clang::ValueDecl* d, const clang::Expr* count, bool range) {
  return d->getType()->isSignedIntegerType() && (range || count->getType()->isUnsignedIntegerType());
}

/// `n` of a range `(x.begin(), x.begin() + n)` or `(x.begin(),
/// std::next(x.begin(), n))` of one object; nullptr for any other pair.
const clang::Expr* UnsafeBuffer::offset_from_begin(const clang::Expr* first, const clang::Expr* last) {
  const IteratorOf from = iterator_of(first);
  if (from.which != IteratorEnd::begin || from.object == nullptr) return nullptr;
  last = last->IgnoreImplicit()->IgnoreParens();
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(last);
      construct != nullptr && construct->getNumArgs() == 1) {
    last = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();  // iterator to const_iterator
  }
  // `x.begin() + n`, `n + x.begin()`, `std::next(x.begin(), n)`: a step forward.
  const std::optional<IteratorStep> step = iterator_step(last);
  if (!step || step->backward) return nullptr;
  const clang::Expr* base = step->base;
  const clang::Expr* offset = step->offset;
  const IteratorOf to = iterator_of(base);
  if (to.which != IteratorEnd::begin || to.object == nullptr || !same_object(from.object, to.object)) return nullptr;
  return offset;
}

/// An integer variable or member named by `e` itself (not through a call).
const clang::ValueDecl* UnsafeBuffer::counted_variable(const clang::Expr* e) {
  const clang::ValueDecl* d = nullptr;
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) d = ref->getDecl();
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) d = member->getMemberDecl();
  if (d == nullptr || !llvm::isa<clang::VarDecl, clang::FieldDecl>(d) || !d->getType()->isIntegerType()) {
    return nullptr;
  }
  return d;
}

/// The count comes from a size: it calls `size()` / `length()` /
/// `std::size` / `std::min` / `std::clamp`, or holds a `sizeof`.
bool UnsafeBuffer::takes_a_size(const clang::Expr* count) {
  return flow::contains(count, [](const clang::Stmt& node) {
    if (const auto* sizeof_expr = llvm::dyn_cast<clang::UnaryExprOrTypeTraitExpr>(&node)) {
      return sizeof_expr->getKind() == clang::UETT_SizeOf;
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
    const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
    return callee != nullptr && callee->getIdentifier() != nullptr &&
           llvm::is_contained({"size", "length", "ssize", "min", "clamp"}, callee->getName());
  });
}

/// Is `d` compared where the current statement runs: in the condition of
/// an enclosing `if` (either branch), loop, `?:` or `&&` / `||`, or of an
/// earlier `if` of an enclosing block whose branch leaves? Which way a
/// test goes is not followed (an early `if (n < 0 || n > 9) return;` and
/// `if (n >= 0 && n <= 9)` both bound `n`; one comparison is enough), but
/// with `both_sides` (a signed variable in an unsigned count) it must be
/// compared from both sides: `if (data < 100)` lets -1 through.
bool UnsafeBuffer::bounded_around(const clang::ValueDecl* d, bool both_sides, const clang::Stmt& at, RuleContext& ctx) {
  bool below = false;
  bool above = false;
  const auto look_at = [&](const clang::Stmt* cond) {
    if (cond != nullptr) comparisons_of(cond, d, below, above);
  };
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const auto enough = [&] { return both_sides ? below && above : below || above; };
  const clang::Stmt* child = &at;
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent)) {
      if (child != s->getCond()) look_at(s->getCond());
    } else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent)) {
      if (child == s->getBody()) look_at(s->getCond());
    } else if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent)) {
      if (child == s->getBody()) look_at(s->getCond());
    } else if (const auto* s = llvm::dyn_cast<clang::AbstractConditionalOperator>(parent)) {
      if (child != s->getCond()) look_at(s->getCond());
    } else if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
      if (s->isLogicalOp() && child == s->getRHS()) look_at(s->getLHS());
    } else if (const auto* s = llvm::dyn_cast<clang::SwitchStmt>(parent)) {
      // `switch (n) { case 1: case 2: fill_n(b.begin(), n, 0); }`: the labels bound it.
      const auto* cond = s->getCond() != nullptr ? s->getCond()->IgnoreParenImpCasts() : nullptr;
      if (child == s->getBody() && cond != nullptr && counted_variable(cond) == d) return true;
    } else if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
      // The few statements before it in each block (a check is written
      // just before its use): many calls in one long body stay linear.
      const clang::Stmt* const* here = llvm::find(block->body(), child);
      unsigned looked = 0;
      for (const clang::Stmt* const* it = here;
           it != block->body_begin() && here != block->body_end() && looked++ < kEarlierStatementsLooked;) {
        const clang::Stmt* earlier = *--it;
        if (assigns_a_size(earlier, d)) return true;  // `n = std::min(n, buf.size());`
        if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(earlier);
            branch != nullptr && (may_leave(branch) || assigns_to(branch, d))) {
          look_at(branch->getCond());  // `if (n > 9) return;`, `if (n > buf.size()) n = buf.size();`
        } else if (llvm::isa<clang::Expr>(earlier) && asserts(earlier)) {
          look_at(earlier);  // `assert(n <= buf.size());`
        } else if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(earlier)) {
          look_at(loop->getCond());  // `while (n > buf.size()) n /= 2;`: false after it
        } else if (const auto* loop = llvm::dyn_cast<clang::DoStmt>(earlier)) {
          look_at(loop->getCond());  // `do { n = read(); } while (n > 9);`
        }
      }
    }
    if (enough()) return true;
  }
  return false;
}

/// `d = <an expression taking a size>` as a statement of its own.
bool UnsafeBuffer::assigns_a_size(const clang::Stmt* s, const clang::ValueDecl* d) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  const auto* assign = e != nullptr ? llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreImplicit()) : nullptr;
  return assign != nullptr && assign->getOpcode() == clang::BO_Assign &&
         counted_variable(assign->getLHS()->IgnoreParenImpCasts()) == d && takes_a_size(assign->getRHS());
}

/// The branches of `branch` assign `d` (`if (n > buf.size()) n = buf.size();`).
bool UnsafeBuffer::assigns_to(const clang::IfStmt* branch, const clang::ValueDecl* d) {
  const auto assigning = [d](const clang::Stmt& node) {
    const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(&node);
    return assign != nullptr && assign->isAssignmentOp() &&
           counted_variable(assign->getLHS()->IgnoreParenImpCasts()) == d;
  };
  return flow::contains(branch->getThen(), assigning) || flow::contains(branch->getElse(), assigning);
}

/// An expression statement that stops the program when its test fails:
/// `assert(cond)`, a `?:` with a [[noreturn]] call in an arm.
bool UnsafeBuffer::asserts(const clang::Stmt* s) {
  return flow::contains(s, [](const clang::Stmt& node) {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
    return call != nullptr && flow::calls_noreturn(*call);
  });
}

/// An `if` with a branch that may leave the block: a return, throw,
/// break, continue, goto or [[noreturn]] call anywhere in either branch.
/// Deliberately looser than always_leaves() (every path through the
/// then-branch leaves): here it only says the condition is a check worth
/// reading, and what the condition says is judged on its own.
bool UnsafeBuffer::may_leave(const clang::IfStmt* branch) {
  const auto leaving = [](const clang::Stmt& node) {
    if (llvm::isa<clang::ReturnStmt, clang::CXXThrowExpr, clang::BreakStmt, clang::ContinueStmt, clang::GotoStmt>(
            node)) {
      return true;
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
    return call != nullptr && flow::calls_noreturn(*call);
  };
  return flow::contains(branch->getThen(), leaving) || flow::contains(branch->getElse(), leaving);
}

/// Records the relational comparisons of `d` in `cond`: `d < x`, `x > d`
/// (and `<=`, `>=`) compare it with something above (`below` = it is
/// held below that), `d > x`, `x < d` with something under it; `d == x`
/// and a call with `d` as an argument (a validator) both.
void UnsafeBuffer::comparisons_of(const clang::Stmt* cond, const clang::ValueDecl* d, bool& below, bool& above) {
  flow::contains(cond, [&](const clang::Stmt& node) {
    // `if (valid_length(n))`: a check of the program's own, taken to bound it.
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node)) {
      for (const clang::Expr* arg : call->arguments()) {
        if (counted_variable(arg->IgnoreParenImpCasts()) == d) below = above = true;
      }
    }
    const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(&node);
    if (cmp == nullptr || (!cmp->isRelationalOp() && cmp->getOpcode() != clang::BO_EQ)) return false;
    const auto is_d = [&](const clang::Expr* side) {
      return flow::contains(side, [&](const clang::Stmt& n) {
        const auto* e = llvm::dyn_cast<clang::Expr>(&n);
        return e != nullptr && counted_variable(e) == d;
      });
    };
    const bool left = is_d(cmp->getLHS());
    const bool right = is_d(cmp->getRHS());
    if (left == right) return false;
    const clang::BinaryOperatorKind op = cmp->getOpcode();
    if (op == clang::BO_EQ) {
      below = above = true;
    } else if ((op == clang::BO_LT || op == clang::BO_LE) == left) {
      below = true;
    } else {
      above = true;
    }
    return false;
  });
}

/// `std::copy_n(src.begin(), 100, out)` on a std::array<T, 50> (or a
/// fixed-size local): the algorithm reads as many elements as the count
/// says, past the source's end, and nothing checks it (CWE-126). Likewise
/// the second input of `std::transform(a.begin(), a.end(), b.begin(), out,
/// f)`, read as far as the first range goes.
void UnsafeBuffer::check_input_range_overread(const clang::CallExpr& call, const std::string& name_of_fn,
                                              const clang::Expr* in, uint64_t count, RuleContext& ctx) {
  const IteratorOf source = start_of(in);
  if (source.which != IteratorEnd::begin && source.which != IteratorEnd::rbegin) return;
  const std::optional<uint64_t> has = known_element_count(source.object, source.container, ctx);
  if (!has || count <= *has) return;
  const std::string name = object_name(source.object, ctx);
  ctx.report.error(in->getBeginLoc(), kName,
                   "'" + name_of_fn + "' reads " + std::to_string(count) + " elements through this " +
                       (iterator_of(in).which == IteratorEnd::none ? "pointer" : "iterator") + " from '" + name +
                       "', which has " + std::to_string(*has) +
                       ", and nothing checks the input's end; " +
                       (name_of_fn.ends_with("transform")
                            ? "make the first range no longer than '" + name + "' (compare the sizes first), or "
                              "give both ranges whole to std::ranges::transform, which stops at the shorter"
                            : "copy at most " + name + ".size() elements, or the whole range with std::copy(" + name +
                                  ".begin(), " + name + ".end(), ...)"))
      << in->getSourceRange() << call.getSourceRange();
}

}  // namespace meshwa::rules::unsafe_buffer
