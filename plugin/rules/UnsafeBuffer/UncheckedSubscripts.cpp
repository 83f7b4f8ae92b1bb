// operator[] of the classes libstdc++ 12 does not check even under
// _GLIBCXX_ASSERTIONS (std::vector<bool>, std::bitset, range views,
// std::unique_ptr<T[]>, std::valarray's masks), and the unordered
// containers' bucket API. An index is accepted where a guard keeps it in
// bounds (IndexGuards.cpp).
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
    const unsigned read = const_reference_arguments(st, var);
    return read + (size_keeping_var_at(st) == &var ? size_keeping_mentions(st, var) : 0);
  });
  return known->second;
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
