// Views and strings built from a pointer and a length (std::span(p, n),
// std::string_view(p, n), std::views::counted(it, n), std::bitset/regex/
// valarray), accepted when the length fits a known extent; and a view built
// from one container's ends in the wrong order.
#include <optional>

#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"

namespace meshwa::rules::unsafe_buffer {

/// std::views::counted(it, n): a view of the n elements from `it`, n
/// trusted like std::span(it, n) (for a contiguous iterator it IS that
/// span). Every call is reported: nothing compares n with the range.
void UnsafeBuffer::check_views_counted(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
  if (call.getOperator() != clang::OO_Call || call.getNumArgs() < 1) return;
  const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(call.getArg(0)->IgnoreParenImpCasts());
  const auto* var = object != nullptr ? llvm::dyn_cast<clang::VarDecl>(object->getDecl()) : nullptr;
  if (var == nullptr || var->getIdentifier() == nullptr || var->getName() != "counted" || !declared_in_std(var)) return;
  ctx.report.error(call.getBeginLoc(), kName,
                   "std::views::counted(it, n) trusts n, which nobody checks against the range (it is "
                   "std::span(it, n) by another name); take the view from the container itself, e.g. "
                   "v | std::views::take(n), which stops at its end")
      << call.getSourceRange();
}

/// `std::string_view(s.end(), s.begin())`, `std::span(v.end(), v.begin())`,
/// `std::ranges::subrange(v.end(), v.begin())` (also cend/cbegin,
/// rend/rbegin): a view from the two ends of one container in the wrong
/// order. Its length is `last - first`, negative, which the size_t wraps
/// around to nearly SIZE_MAX: every later bounds check of the view passes.
void UnsafeBuffer::check_reversed_view(const clang::CXXConstructExpr& e, RuleContext& ctx) {
  if (e.getNumArgs() < 2) return;
  const clang::CXXRecordDecl* view = e.getConstructor()->getParent();
  if (!is_std_class(view, {"span", "basic_string_view"}) && !is_std_record_named(view, "subrange")) return;
  const IteratorOf first = iterator_of(e.getArg(0));
  const IteratorOf last = iterator_of(e.getArg(1));
  const bool reversed = (first.which == IteratorEnd::end && last.which == IteratorEnd::begin) ||
                        (first.which == IteratorEnd::rend && last.which == IteratorEnd::rbegin);
  if (!reversed || first.object == nullptr || last.object == nullptr) return;
  if (!same_object(first.object, last.object) && !same_container(first.object, last.object, ctx)) return;
  if (is_temporary(first.object)) return;  // two calls, two objects: check_iterator_pairs' case
  const std::string name = object_name(first.object, ctx);
  ctx.report.error(e.getArg(0)->getBeginLoc(), kName,
                   "this view goes from the end of '" + name + "' back to its beginning: its length, last - "
                       "first, is negative and wraps around to nearly SIZE_MAX, so every later bounds check of "
                       "the view passes; give the ends in order, (" + name + ".begin(), " + name +
                       ".end()), or build the view from the container itself")
      << clang::SourceRange(e.getArg(0)->getBeginLoc(), e.getArg(1)->getEndLoc());
}

/// Is `count` `last - first` (under integer casts that keep its value), with
/// `first` the very pointer expression the construction starts from? Also
/// through a local that nothing writes, initialised so (`const auto n =
/// static_cast<std::size_t>(p - buf.data()); std::string(buf.data(), n)`),
/// when `first` points into storage whose size never changes (`.data()` of
/// a std::array variable, a C array): a vector's could shrink in between.
bool UnsafeBuffer::is_distance_from(const clang::Expr* first, const clang::Expr* count, RuleContext& ctx) {
  const auto is_distance = [&](const clang::Expr* e) {
    const auto* distance = llvm::dyn_cast<clang::BinaryOperator>(without_widening_integer_casts(e, ctx.ast));
    if (distance == nullptr || distance->getOpcode() != clang::BO_Sub ||
        !distance->getLHS()->getType()->isPointerType() || !distance->getRHS()->getType()->isPointerType()) {
      return false;
    }
    llvm::FoldingSetNodeID start;
    llvm::FoldingSetNodeID subtracted;
    first->IgnoreParenImpCasts()->Profile(start, ctx.ast, /*Canonical=*/true);
    distance->getRHS()->IgnoreParenImpCasts()->Profile(subtracted, ctx.ast, /*Canonical=*/true);
    return start == subtracted;
  };
  if (is_distance(count)) return true;
  const clang::VarDecl* length = unwritten_local(without_widening_integer_casts(count, ctx.ast), ctx);
  return length != nullptr && length->getInit() != nullptr && in_fixed_storage(first, ctx) &&
         is_distance(length->getInit());
}

/// `buf.data()` of a std::array variable, or a C array variable decayed:
/// storage whose size no call can change.
bool UnsafeBuffer::in_fixed_storage(const clang::Expr* pointer, RuleContext& ctx) {
  const clang::Expr* object = nullptr;
  // Through parentheses and qualification casts (char* to const char*), not the decay.
  for (int depth = 0; depth < 8; ++depth) {
    pointer = pointer->IgnoreParens();
    const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(pointer);
    if (cast == nullptr || cast->getCastKind() == clang::CK_ArrayToPointerDecay) break;
    pointer = cast->getSubExpr();
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(pointer);
      call != nullptr && call->getNumArgs() == 0 && call->getMethodDecl() != nullptr &&
      call->getMethodDecl()->getIdentifier() != nullptr && call->getMethodDecl()->getName() == "data") {
    object = call->getImplicitObjectArgument();
  } else if (const auto* decay = llvm::dyn_cast<clang::ImplicitCastExpr>(pointer);
             decay != nullptr && decay->getCastKind() == clang::CK_ArrayToPointerDecay) {
    object = decay->getSubExpr();
  }
  const auto* ref = object != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts()) : nullptr;
  return ref != nullptr && llvm::isa<clang::VarDecl>(ref->getDecl()) &&
         elements_of(ref->getType().getNonReferenceType(), ctx.ast).has_value();
}

/// Does `record` (a std::span, std::basic_string_view or std::basic_string)
/// hold elements of the type `data` points to?
bool UnsafeBuffer::same_element_type(const clang::CXXRecordDecl& record, const clang::Expr* data) {
  const clang::QualType element = first_type_argument(&record);
  const clang::QualType pointer = data->IgnoreParenImpCasts()->getType();
  if (element.isNull() || !pointer->isPointerType()) return false;
  return record.getASTContext().hasSameUnqualifiedType(element, pointer->getPointeeType());
}

/// std::span<T>(p, n), std::string_view(p, n), std::string(p, n): the view
/// or copy trusts n. From a string literal it is fine (its size is known
/// and the compiler warns about overreads of it).
void UnsafeBuffer::check_pointer_length_construction(const clang::CXXConstructExpr& e, RuleContext& ctx) {
  if (e.getNumArgs() < 2) return;
  const clang::CXXRecordDecl* record = e.getConstructor()->getParent();
  if (record == nullptr || record->getIdentifier() == nullptr || !record->isInStdNamespace()) return;
  const llvm::StringRef cls = record->getName();
  // std::bitset(p, n), std::regex(p, n), std::valarray(p, n): the same
  // (pointer, length) constructor; libstdc++ reads n elements from p.
  // std::ostrstream(p, n), std::istrstream(p, n), std::strstreambuf(p, n):
  // a stream over the caller's buffer, n trusted.
  const bool strstream = cls == "ostrstream" || cls == "istrstream" || cls == "strstream" || cls == "strstreambuf";
  const bool other = cls == "bitset" || cls == "basic_regex" || cls == "valarray" || strstream;
  if (cls != "span" && cls != "basic_string_view" && cls != "basic_string" && !other) return;
  const clang::Expr* first = e.getArg(0);
  const clang::Expr* second = e.getArg(1);
  if (second->getType().isNull() || !second->getType()->isIntegerType() || second->getType()->isEnumeralType() ||
      second->getType()->isBooleanType()) {
    return;
  }
  if (other && (e.getConstructor()->getNumParams() < 2 ||
                !e.getConstructor()->getParamDecl(0)->getType()->isPointerType())) {
    return;  // std::valarray(value, n), std::bitset(unsigned long long)
  }
  // std::span(first, count) trusts the count whether `first` is a pointer
  // or an iterator (v.begin()): the same constructor.
  const bool iterator_and_count = cls == "span" && !first->getType().isNull() &&
                                  !first->getType()->isIntegerType() && !is_pointer(first);
  if (!is_pointer(first) && !iterator_and_count) return;
  const clang::Expr* source = first->IgnoreParenImpCasts();
  // From a string literal the length is known: accepted, unless the count
  // is a constant past it (`std::string_view("abc", 10)` reads 6 bytes
  // beyond the literal, and no compiler warning says so).
  if (llvm::isa<clang::StringLiteral, clang::PredefinedExpr>(source) &&
      !constant_count_past_literal(*source, *second, ctx)) {
    return;
  }
  // std::valarray<int>(v.data(), v.size()): the pointer and the size of
  // one container, the way to make a valarray (or a bitset / regex) of a
  // vector's elements, which these classes take no container for.
  if (other && is_data_and_size_of_one_object(first, second)) return;
  // std::string_view(buf_.data(), buf_.size()) of a std::vector<char>:
  // the whole of one container, its own count, and elements of the view's
  // type (not a vector of a derived class seen as its base).
  if (!other && is_data_and_size_of_one_object(first, second) && same_element_type(*record, first)) return;
  if (cls == "span" && is_argv_and_argc(first, second)) return;
  // std::string(buf.data(), p - buf.data()): the (first, last) pair by
  // another spelling, which is accepted (p from std::to_chars over buf).
  if (!other && is_distance_from(first, second, ctx)) return;
  if (!other && count_fits_known_extent(e, ctx)) return;
  const std::string type = cls == "span"                ? "std::span"
                           : cls == "basic_string_view" ? "std::string_view"
                           : cls == "basic_string"      ? "std::string"
                           : cls == "basic_regex"       ? "std::regex"
                                                        : "std::" + cls.str();
  // std::bitset<N>(p): the length defaults to npos, and the constructor
  // runs strlen over p: a C string reader.
  if (llvm::isa<clang::CXXDefaultArgExpr>(second)) {
    if (cls == "bitset" && is_unterminated_data(first, ctx)) report_unterminated(*first, type, ctx);
    return;
  }
  const std::string remedy =
      strstream ? "use std::ostringstream / std::istringstream, which own their buffer (std::istringstream "
                  "over a std::string of the text)"
      : other ? (cls == "valarray" ? "copy the elements from the container itself (it knows its size), or from a "
                                   "std::span's .subspan(offset, n), which checks"
                                 : "build it from a std::string of the text (std::string(v.begin(), v.end()), or "
                                   "s.substr(pos, n), which checks)")
            : "build it from the container itself (it knows its size), or use .substr / .subspan / .first(n), "
              "which check";
  ctx.report.error(e.getBeginLoc(), kName,
                   "building a " + type +
                       (cls == "span" ? " from a pointer (or an iterator)" : " from a pointer") +
                       " and a length trusts the length, which nobody checks against the buffer; " + remedy)
      << e.getSourceRange();
}

/// A constant count larger than the literal's array (its characters and
/// the terminator).
bool UnsafeBuffer::constant_count_past_literal(const clang::Expr& literal, const clang::Expr& count, RuleContext& ctx) {
  const auto* array = ctx.ast.getAsConstantArrayType(literal.getType());
  clang::Expr::EvalResult value;
  if (array == nullptr || count.isValueDependent() || !count.EvaluateAsInt(value, ctx.ast)) return false;
  const llvm::APSInt& n = value.Val.getInt();
  return n.isNegative() || n.getZExtValue() > array->getSize().getZExtValue();
}

/// `std::span<int>(arr, 10)` on an `int arr[10]`, `std::string_view(a.data(),
/// 4)` on a `std::array<char, 8>`, `std::span<int>(p, 0)`: a constant count
/// no larger than what the pointer is known to have in front of it (a C
/// array's length, a container's size fixed by its type or its
/// construction), of the view's own element type; a count of 0 reads
/// nothing. The pointer form of what the container itself would give.
bool UnsafeBuffer::count_fits_known_extent(const clang::CXXConstructExpr& e, RuleContext& ctx) {
  if (e.getNumArgs() < 2) return false;
  const clang::CXXRecordDecl* record = e.getConstructor()->getParent();
  if (!is_std_class(record, {"span", "basic_string_view", "basic_string"})) return false;
  const clang::Expr* count = e.getArg(1);
  clang::Expr::EvalResult value;
  if (count->isValueDependent() || !count->EvaluateAsInt(value, ctx.ast) || value.Val.getInt().isNegative()) {
    return false;
  }
  const uint64_t n = value.Val.getInt().getZExtValue();
  if (n == 0) return true;
  const clang::Expr* first = e.getArg(0);
  // std::span<int>(a.begin(), 4) on a std::array<int, 4>: the iterator
  // form of the same constructor, from the container's own begin().
  if (const IteratorOf it = iterator_of(first); it.which == IteratorEnd::begin && it.object != nullptr) {
    const std::optional<uint64_t> size = known_element_count(it.object, it.container, ctx);
    return size && n <= *size;
  }
  // The argument as passed (a decayed array is a pointer by then) points
  // at elements of the view's type, not a derived class seen as its base.
  const clang::QualType viewed = first_type_argument(record);
  const clang::QualType passed = first->getType();
  if (viewed.isNull() || passed.isNull() || !passed->isPointerType() ||
      !ctx.ast.hasSameUnqualifiedType(viewed, passed->getPointeeType())) {
    return false;
  }
  const clang::Expr* source = first->IgnoreParenImpCasts();
  if (const auto* array = ctx.ast.getAsConstantArrayType(source->getType())) {
    return n <= array->getSize().getZExtValue();
  }
  const std::optional<CBuffer> buffer = c_buffer_of(first, ctx);
  if (!buffer || !buffer->bytes || buffer->element.isNull() || buffer->element->isIncompleteType()) return false;
  const uint64_t element = ctx.ast.getTypeSizeInChars(buffer->element).getQuantity();
  return element != 0 && n <= *buffer->bytes / element;
}

}  // namespace meshwa::rules::unsafe_buffer
