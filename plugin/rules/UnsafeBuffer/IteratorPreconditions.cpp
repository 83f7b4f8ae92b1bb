// Iterator preconditions libstdc++ does not check, where the code shows them
// broken: a position or node of another container (insert, erase, extract,
// splice), a (first, last) pair of two containers or in reverse, the
// difference of two containers' iterators, a >= / <= comparator given to
// std::sort. They share iterator_of: which container's begin()/end() an
// expression is.
#include <optional>

#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "clang/Lex/Lexer.h"

namespace meshwa::rules::unsafe_buffer {

/// `std::for_each(c.end(), c.begin(), f)`, `std::vector<int> w(v.end(),
/// v.begin())`, `std::sort(v.rend(), v.rbegin())` (CERT CTR53-CPP): a
/// standard function's (first, last) range given from the end of one
/// container back to its beginning. The walk from end() steps forward
/// and never meets begin(): it runs off the buffer. Only where the
/// library names the two parameters as a range (takes_as_one_range:
/// `__first`/`__last`, `__first1`/`__last1`, ..., and std::string's
/// `__beg`/`__end`, `__k1`/`__k2`), so that (x.end(), x.begin()) of an
/// algorithm where one range ends and its output starts,
/// `std::copy(v.begin(), v.end(), v.begin())`, is not taken for one.
void UnsafeBuffer::check_reversed_range(const clang::FunctionDecl& callee, llvm::ArrayRef<const clang::Expr*> args,
                                        RuleContext& ctx) {
  // A view's own (first, last) constructor is check_reversed_view's.
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&callee);
      ctor != nullptr && (is_std_class(ctor->getParent(), {"span", "basic_string_view"}) ||
                          is_std_record_named(ctor->getParent(), "subrange"))) {
    return;
  }
  for (size_t i = 0; i + 1 < args.size() && i + 1 < callee.getNumParams(); ++i) {
    if (!takes_as_one_range(callee, i)) continue;
    const IteratorOf first = iterator_of(args[i]);
    const IteratorOf last = iterator_of(args[i + 1]);
    const bool reversed = (first.which == IteratorEnd::end && last.which == IteratorEnd::begin) ||
                          (first.which == IteratorEnd::rend && last.which == IteratorEnd::rbegin);
    if (!reversed || first.object == nullptr || last.object == nullptr || is_temporary(first.object) ||
        !same_object(first.object, last.object)) {
      continue;
    }
    const std::string name = object_name(first.object, ctx);
    ctx.report.error(args[i]->getBeginLoc(), kName,
                     "this range goes from the end of '" + name + "' back to its beginning: the walk steps "
                         "forward from the end and runs off the buffer before it meets the beginning; give "
                         "the ends in order, (" + name + ".begin(), " + name + ".end()), or pass '" + name +
                         "' itself as a range")
        << clang::SourceRange(args[i]->getBeginLoc(), args[i + 1]->getEndLoc());
  }
}

/// Two parameters the library names as one range: `__first` and
/// `__last` (libstdc++), with the same prefix and suffix (`__first2` /
/// `__last2`, std::partial_sort_copy's `__result_first` /
/// `__result_last`).
bool UnsafeBuffer::is_range_parameter_pair(const clang::ParmVarDecl& first, const clang::ParmVarDecl& last) {
  if (first.getIdentifier() == nullptr || last.getIdentifier() == nullptr) return false;
  const llvm::StringRef a = first.getName();
  const llvm::StringRef b = last.getName();
  const size_t at = a.find("first");
  if (!a.starts_with("__") || at == llvm::StringRef::npos) return false;
  return b == (a.take_front(at) + "last" + a.drop_front(at + 5)).str();
}

/// A container that owns its elements: two different ones never share
/// storage (two std::span / std::string_view / subranges may view one
/// buffer, and a range from one to the other can be fine).
bool UnsafeBuffer::is_owning_container(const clang::CXXRecordDecl* record) {
  return is_std_class(record, {"vector", "deque", "list", "forward_list", "basic_string", "array", "set",
                               "multiset", "map", "multimap", "unordered_set", "unordered_multiset",
                               "unordered_map", "unordered_multimap", "inplace_vector"});
}

/// A callee the iterator-pair and position checks look at: a function,
/// constructor or member function of the standard library, except the
/// plain holders (std::pair, std::tuple, std::make_pair ...), which keep
/// two iterators without making a range of them.
bool UnsafeBuffer::is_std_callee(const clang::FunctionDecl* fn) {
  if (fn == nullptr || !declared_in_std(fn)) return false;
  if (fn->getIdentifier() != nullptr &&
      llvm::is_contained({"make_pair", "make_tuple", "tie", "forward_as_tuple", "swap", "exchange"},
                         fn->getName())) {
    return false;
  }
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(fn)) {
    if (is_std_class(method->getParent(), {"pair", "tuple", "optional", "variant", "function", "move_only_function"})) {
      return false;
    }
  }
  return true;
}

/// `x.begin()`, `x.cend()`, `std::rbegin(x)`, ... seen through the
/// iterator's copies and conversions (iterator to const_iterator).
UnsafeBuffer::IteratorOf UnsafeBuffer::iterator_of(const clang::Expr* e) {
  for (int depth = 0; depth < 6 && e != nullptr; ++depth) {
    e = e->IgnoreImplicit()->IgnoreParens();
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
    if (construct == nullptr || construct->getNumArgs() != 1) break;
    e = construct->getArg(0);
  }
  if (e == nullptr) return {};
  llvm::StringRef name;
  const clang::Expr* object = nullptr;
  const clang::CXXRecordDecl* container = nullptr;
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    const clang::CXXMethodDecl* method = member->getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr || !declared_in_std(method->getParent())) return {};
    name = method->getName();
    object = member->getImplicitObjectArgument();
    container = method->getParent();
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
    const clang::FunctionDecl* fn = call->getDirectCallee();
    if (fn == nullptr || fn->getIdentifier() == nullptr || !declared_in_std(fn) || call->getNumArgs() != 1) return {};
    if (llvm::isa<clang::CXXOperatorCallExpr>(call) || fn->getDeclContext()->isRecord()) return {};
    name = fn->getName();
    object = call->getArg(0);
    container = object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  } else {
    return {};
  }
  IteratorEnd which = IteratorEnd::none;
  if (name == "begin" || name == "cbegin") which = IteratorEnd::begin;
  if (name == "end" || name == "cend") which = IteratorEnd::end;
  if (name == "rbegin" || name == "crbegin") which = IteratorEnd::rbegin;
  if (name == "rend" || name == "crend") which = IteratorEnd::rend;
  if (which == IteratorEnd::none) return {};
  return {which, object, container};
}

/// iterator_of, and `c.begin() + c.size()` (also `std::next(c.begin(),
/// c.size())`, `c.rbegin() + c.size()`) as the end it is: `*(v.begin() +
/// v.size())` reads past the elements as `*v.end()` does.
UnsafeBuffer::IteratorOf UnsafeBuffer::iterator_or_sized_end(const clang::Expr* e) {
  const IteratorOf it = iterator_of(e);
  if (it.which != IteratorEnd::none || e == nullptr) return it;
  e = through_iterator_copies(e);
  const std::optional<IteratorStep> step = iterator_step(e);
  if (!step || step->backward) return {};
  IteratorOf from = iterator_of(step->base);
  if (from.which != IteratorEnd::begin && from.which != IteratorEnd::rbegin) return {};
  const auto* size = llvm::dyn_cast<clang::CXXMemberCallExpr>(step->offset->IgnoreParenImpCasts());
  const clang::CXXMethodDecl* method = size != nullptr ? size->getMethodDecl() : nullptr;
  if (method == nullptr || method->getIdentifier() == nullptr ||
      (method->getName() != "size" && method->getName() != "length") ||
      !same_object(size->getImplicitObjectArgument(), from.object)) {
    return {};
  }
  from.which = from.which == IteratorEnd::begin ? IteratorEnd::end : IteratorEnd::rend;
  return from;
}

/// iterator_of, also after the steps that derive one iterator from
/// another (`v.begin() + 1`, `std::next(v.begin(), k)`, `std::prev(v.end())`,
/// `v.end() - n`, nested): the container the iterator is taken from, and
/// the end it was stepped from. A step cannot take an iterator into
/// another container, so this is the container it walks (or it is
/// already out of range, which is worse).
UnsafeBuffer::IteratorOf UnsafeBuffer::iterator_stepped_from(const clang::Expr* e) {
  for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
    const IteratorOf it = iterator_of(e);
    if (it.which != IteratorEnd::none) return it;
    const std::optional<IteratorStep> step = iterator_step(through_iterator_copies(e));
    if (!step) return {};
    e = step->base;
  }
  return {};
}

/// The last element's iterator taken straight from a container:
/// `std::prev(x.end())`, `x.end() - 1`, as the begin()/rbegin() of
/// iterator_of with `which` = begin (one element in from an end).
UnsafeBuffer::IteratorOf UnsafeBuffer::last_element_iterator(const clang::Expr* e, RuleContext& ctx) {
  e = e->IgnoreImplicit()->IgnoreParens();
  for (int depth = 0; depth < 4; ++depth) {
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
    if (construct == nullptr || construct->getNumArgs() != 1) break;
    e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
  }
  const std::optional<IteratorStep> step = iterator_step(e);
  if (!step || !step->backward) return {};
  const std::optional<llvm::APSInt> by = known_integer(step->offset, ctx);
  if (!by || *by != 1) return {};
  IteratorOf end = iterator_of(step->base);
  if (end.which != IteratorEnd::end) return {};
  end.which = IteratorEnd::begin;
  return end;
}

/// `std::max_element(c.begin(), c.end())` (or min_element, with or
/// without a comparator) over the whole of one container: on an empty one
/// it gives end(), so reading through it is reading through c.begin()
/// (returned as that begin()) with the same need to show c is not empty.
std::pair<UnsafeBuffer::IteratorOf, llvm::StringRef> UnsafeBuffer::extremum_of_whole(const clang::Expr* e) {
  e = through_iterator_copies(e);
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
  llvm::StringRef name;
  llvm::ArrayRef<const clang::Expr*> args;
  if (call == nullptr || !std_algorithm(*call, name, args) || (name != "max_element" && name != "min_element") ||
      args.empty()) {
    return {};
  }
  // `std::max_element(s.begin(), s.end())`, `std::ranges::max_element(s.begin(), s.end())`.
  if (args.size() >= 2) {
    const IteratorOf first = iterator_of(args[0]);
    const IteratorOf last = iterator_of(args[1]);
    if (first.which == IteratorEnd::begin && last.which == IteratorEnd::end && first.object != nullptr &&
        same_object(first.object, last.object)) {
      return {first, name};
    }
  }
  // `std::ranges::max_element(v)`: the range whole (a named container).
  if (!llvm::isa<clang::CXXOperatorCallExpr>(call)) return {};
  const clang::Expr* range = args[0]->IgnoreParenImpCasts();
  const clang::CXXRecordDecl* container = range->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!llvm::isa<clang::DeclRefExpr, clang::MemberExpr>(range) || !is_owning_container(container)) return {};
  return {{IteratorEnd::begin, range, container}, name};
}

/// The first element an algorithm's iterator argument starts at:
/// `x.begin()`, `x.rbegin()` (iterator_of), or the pointer `x.data()` of
/// a standard container, which is its begin() as a raw pointer.
UnsafeBuffer::IteratorOf UnsafeBuffer::start_of(const clang::Expr* e) {
  const IteratorOf it = iterator_of(e);
  if (it.which != IteratorEnd::none) return it;
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreParenImpCasts());
  const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
  if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "data" ||
      call->getNumArgs() != 0 || !declared_in_std(method->getParent())) {
    return {};
  }
  return {IteratorEnd::begin, call->getImplicitObjectArgument(), method->getParent()};
}

/// `slash - a.begin()` where `slash` walks another container (`auto
/// slash = std::find(b.begin(), b.end(), '/')`), `b.end() - a.begin()`:
/// the distance between iterators of two different containers is
/// undefined, a meaningless number that the code goes on to use as a
/// length or an offset (Juliet CWE-469, pointer subtraction to determine
/// size). Only named owning containers are compared, as for iterator
/// pairs (two views may share one buffer).
///
/// Likewise a comparison of two such iterators (CERT CTR54-CPP): `it !=
/// b.end()` where `it` walks `a` never holds where the loop expects it
/// to, and the walk runs off `a`.
void UnsafeBuffer::check_iterator_difference(const clang::Stmt& stmt, RuleContext& ctx) {
  const clang::Expr* left = nullptr;
  const clang::Expr* right = nullptr;
  bool compares = false;
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&stmt);
      binary != nullptr && (binary->getOpcode() == clang::BO_Sub || binary->isComparisonOp())) {
    left = binary->getLHS();
    right = binary->getRHS();
    compares = binary->isComparisonOp();
  } else if (const auto* rewritten = llvm::dyn_cast<clang::CXXRewrittenBinaryOperator>(&stmt)) {
    // `a != b`, `a < b` in C++20, rewritten from == or <=>: its own
    // operands (the call it stands for is not judged again, below).
    left = rewritten->getLHS();
    right = rewritten->getRHS();
    compares = true;
  } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt);
             op != nullptr && op->getNumArgs() == 2 &&
             (op->getOperator() == clang::OO_Minus || op->isComparisonOp())) {
    if (op->isComparisonOp() && llvm::isa_and_nonnull<clang::CXXRewrittenBinaryOperator>(ctx.parent_ignoring_implicit())) {
      return;
    }
    left = op->getArg(0);
    right = op->getArg(1);
    compares = op->isComparisonOp();
  }
  if (left == nullptr || left->getType()->isIntegerType() || right->getType()->isIntegerType() ||
      left->isTypeDependent() || right->isTypeDependent()) {
    return;
  }
  const IteratorOf a = walked_container(left);
  const IteratorOf b = walked_container(right);
  if (a.object == nullptr || b.object == nullptr || !is_owning_container(a.container) ||
      !is_owning_container(b.container) || is_temporary(a.object) || is_temporary(b.object) ||
      same_object(a.object, b.object) || same_container(a.object, b.object, ctx)) {
    return;
  }
  const std::string first = object_name(a.object, ctx);
  const std::string second = object_name(b.object, ctx);
  if (first == second) return;  // one spelling: taken to be one container
  if (compares) {
    ctx.report.error(stmt.getBeginLoc(), kName,
                     "this compares an iterator of '" + first + "' with one of '" + second +
                         "': iterators of two containers are not comparable (undefined), and a loop or bound "
                         "check built on the comparison walks out of the container; compare with '" + first +
                         ".end()' (or the bound of the container the iterator walks)")
        << stmt.getSourceRange();
    return;
  }
  ctx.report.error(stmt.getBeginLoc(), kName,
                   "this subtracts an iterator of '" + second + "' from one of '" + first +
                       "': the distance between two containers' iterators is undefined, and used as a length or "
                       "an offset it walks out of both; subtract iterators of one container (`it - " + first +
                       ".begin()`), or search the container you measure")
      << stmt.getSourceRange();
}

/// The named container an iterator expression walks: `c.begin()`,
/// `c.end()`, ... (iterator_of), `c.find(x)` / `c.lower_bound(x)` /
/// `c.upper_bound(x)`, a std algorithm's result over `(c.begin(),
/// c.end())` (`std::find`, `std::search`, `std::max_element`, ...), also
/// through local iterators that nothing moves (`auto slash =
/// std::find(b.begin(), b.end(), '/');`).
UnsafeBuffer::IteratorOf UnsafeBuffer::walked_container(const clang::Expr* e) {
  for (int depth = 0; depth < 4 && e != nullptr; ++depth) {
    const IteratorOf it = iterator_of(e);
    if (it.which != IteratorEnd::none) return it;
    const clang::Expr* bare = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(bare);
        construct != nullptr && construct->getNumArgs() == 1) {
      bare = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();  // a copy, iterator to const_iterator
    }
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(bare)) {
      const clang::CXXMethodDecl* method = member->getMethodDecl();
      if (method != nullptr && method->getIdentifier() != nullptr &&
          llvm::is_contained({"find", "lower_bound", "upper_bound"}, method->getName()) &&
          is_owning_container(method->getParent())) {
        return {IteratorEnd::begin, member->getImplicitObjectArgument(), method->getParent()};
      }
      return {};
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(bare); call != nullptr && call->getNumArgs() >= 2) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      // Algorithms that return a position in the range they search (not
      // std::copy & co., whose result is in their output).
      if (callee == nullptr || !declared_in_std(callee) || llvm::isa<clang::CXXMethodDecl>(callee) ||
          callee->getIdentifier() == nullptr ||
          !llvm::is_contained({"find", "find_if", "find_if_not", "find_end", "find_first_of", "adjacent_find",
                               "search", "search_n", "lower_bound", "upper_bound", "partition_point",
                               "max_element", "min_element", "is_sorted_until", "is_heap_until", "remove",
                               "remove_if", "unique", "partition", "stable_partition"},
                              callee->getName())) {
        return {};
      }
      const IteratorOf from = iterator_of(call->getArg(0));
      const IteratorOf to = iterator_of(call->getArg(1));
      // The result is an iterator into the searched range only when it is of its type.
      if (from.which != IteratorEnd::begin || to.which != IteratorEnd::end || from.object == nullptr ||
          !same_object(from.object, to.object) ||
          !same_unqualified_type(call->getType(), call->getArg(0)->getType())) {
        return {};
      }
      return from;
    }
    const clang::VarDecl* var = local_iterator_var(bare);
    if (var == nullptr || !stays_in_its_container(*var)) return {};
    e = var->getInit();
  }
  return {};
}

bool UnsafeBuffer::same_unqualified_type(clang::QualType a, clang::QualType b) {
  return a.getCanonicalType().getUnqualifiedType() == b.getCanonicalType().getUnqualifiedType();
}

/// `x.begin()`, `x.end()`, ... also through the chain of local copies
/// that hold it (`auto last = v.end(); auto copy = last;`) when nothing in
/// the function moves any of them; the second member is the first local
/// of that chain (nullptr when `e` names the end() call itself).
std::pair<UnsafeBuffer::IteratorOf, const clang::VarDecl*> UnsafeBuffer::held_iterator(const clang::Expr* e) {
  IteratorOf end = iterator_or_sized_end(e);
  if (end.which != IteratorEnd::none) return {end, nullptr};
  // Followed first, cheaply; only then is each local checked unmoved.
  llvm::SmallVector<const clang::VarDecl*, 4> chain;
  for (const clang::VarDecl* var = local_iterator_var(e); var != nullptr && chain.size() < 4;) {
    chain.push_back(var);
    end = iterator_or_sized_end(var->getInit());
    var = end.which == IteratorEnd::none ? local_iterator_var(var->getInit()) : nullptr;
  }
  if (end.which == IteratorEnd::none ||
      !std::all_of(chain.begin(), chain.end(), [&](const clang::VarDecl* var) { return is_unmoved(*var); })) {
    return {};
  }
  return {end, chain.front()};
}

/// The object a container expression names, seen through local references
/// initialised from a named object (`auto& r = a;` is `a`): a variable,
/// a parameter, a binding, or a member of such or of `this`. nullptr when
/// it is anything else (a call, an element, a reference initialised from
/// a call), whose identity is not known here.
const clang::Expr* UnsafeBuffer::named_object(const clang::Expr* e, int depth) {
  if (e == nullptr || depth > 8) return nullptr;
  e = e->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var == nullptr) return llvm::isa<clang::BindingDecl>(ref->getDecl()) ? e : nullptr;
    if (!var->getType()->isReferenceType() || llvm::isa<clang::ParmVarDecl>(var)) return e;
    return var->getInit() != nullptr ? named_object(var->getInit(), depth + 1) : nullptr;
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return nullptr;
    const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
    if (llvm::isa<clang::CXXThisExpr>(base)) return e;
    if (member->isArrow()) return nullptr;
    return named_object(base, depth + 1) != nullptr ? e : nullptr;
  }
  return nullptr;
}

/// A container that is a temporary made right here: a prvalue, such as
/// the result of a call returning by value (not by reference), a
/// construction, a braced list. No other expression names the same object.
bool UnsafeBuffer::is_temporary(const clang::Expr* e) {
  if (e == nullptr) return false;
  e = e->IgnoreImplicit()->IgnoreParens();
  return e->isPRValue() && e->getType()->isRecordType();
}

/// Two named objects that are certainly different: different variables
/// or members (a member of two different variables, two members of one).
bool UnsafeBuffer::different_objects(const clang::Expr* a, const clang::Expr* b) {
  if (named_object(a) == nullptr || named_object(b) == nullptr) return false;
  return !same_object(a, b);
}

std::string UnsafeBuffer::object_name(const clang::Expr* e, RuleContext& ctx) {
  const clang::CharSourceRange range = clang::CharSourceRange::getTokenRange(e->getSourceRange());
  const llvm::StringRef text = clang::Lexer::getSourceText(range, ctx.ast.getSourceManager(), ctx.ast.getLangOpts());
  if (!text.empty() && text.size() < 60) return text.str();
  if (const clang::ValueDecl* decl = named_decl(e)) return decl->getNameAsString();
  return "the container";
}

/// `a.insert(b.begin(), x)`, `a.erase(b.begin())`: a position that is an
/// iterator of another container (the library does not check it: it
/// writes into `b`'s storage as if it were `a`'s); `v.erase(v.end())`:
/// erasing the end, which the library does not check either (size()
/// wraps around and every later bounds check of v passes).
void UnsafeBuffer::check_position_argument(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  if (method == nullptr || method->getIdentifier() == nullptr || call.getNumArgs() < 1 ||
      method->getNumParams() < 1 || !declared_in_std(method->getParent())) {
    return;
  }
  const llvm::StringRef fn = method->getName();
  if (!llvm::is_contained({"insert", "emplace", "emplace_hint", "erase", "insert_after", "emplace_after",
                           "erase_after", "splice", "splice_after", "extract"},
                          fn)) {
    return;
  }
  if (fn == "splice" || fn == "splice_after") check_splice_source(call, ctx);
  // The position parameter is the container's own iterator type (not
  // set::insert(first, last), nor map::erase(key)).
  const auto* alias = method->getParamDecl(0)->getType().getNonReferenceType()->getAs<clang::TypedefType>();
  if (alias == nullptr || alias->getDecl()->getIdentifier() == nullptr ||
      !llvm::is_contained({"iterator", "const_iterator", "__const_iterator"}, alias->getDecl()->getName())) {
    return;
  }
  IteratorOf position = iterator_of(call.getArg(0));
  // `auto it = b.find(k); a.erase(it);`: a local iterator (or a search's
  // result) is known only by the container it walks, not by where in it.
  const bool only_container = position.which == IteratorEnd::none;
  if (only_container) position = walked_container(call.getArg(0));
  if (position.which == IteratorEnd::none || position.container != method->getParent() ||
      !is_owning_container(position.container)) {
    return;
  }
  const clang::Expr* object = call.getImplicitObjectArgument();
  if (different_objects(object, position.object)) {
    ctx.report.error(call.getArg(0)->getBeginLoc(), kName,
                     "the position given to '" + fn.str() + "' is an iterator of '" +
                         object_name(position.object, ctx) + "', not of '" + object_name(object, ctx) +
                         "': the standard library does not check it and the call " +
                         (fn == "extract" ? std::string("unlinks the other container's node as if it were this "
                                                        "one's (both then free it)")
                                          : std::string("writes into the other container's storage")) +
                         "; take the position from '" + object_name(object, ctx) + "' itself")
        << call.getArg(0)->getSourceRange();
    return;
  }
  if (fn == "erase" && call.getNumArgs() == 1 && !only_container && position.which == IteratorEnd::end &&
      named_object(object) != nullptr && !different_objects(object, position.object) &&
      named_object(position.object) != nullptr) {
    ctx.report.error(call.getArg(0)->getBeginLoc(), kName,
                     "erasing end() is not checked by the standard library: there is no element there, the "
                     "size wraps around and every later bounds check of the container passes; erase the last "
                     "element after testing !empty(): pop_back(), or erase(end() - 1)")
        << call.getArg(0)->getSourceRange();
  }
}

/// `a.splice(pos, b, c.begin())`, `a.splice(pos, b, c.begin(), c.end())`:
/// the nodes to move must be `b`'s, the list named as the source; the
/// library unlinks them from wherever they are and takes their count off
/// `b`'s size (which wraps around). `a.splice(pos, b, b.end())`: end() is
/// the list's own header node, not an element (also splice_after).
void UnsafeBuffer::check_splice_source(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
  if (call.getNumArgs() < 3) return;
  const clang::CXXRecordDecl* record = call.getMethodDecl()->getParent();
  const clang::Expr* source = call.getArg(1)->IgnoreImplicit()->IgnoreParens();
  if (flow::is_std_move_call(source)) source = llvm::cast<clang::CallExpr>(source)->getArg(0);
  const std::string fn = call.getMethodDecl()->getNameAsString();
  for (unsigned i = 2; i < call.getNumArgs(); ++i) {
    const IteratorOf from = iterator_of(call.getArg(i));
    if (from.which == IteratorEnd::none || from.container != record) continue;
    if (different_objects(source, from.object)) {
      ctx.report.error(call.getArg(i)->getBeginLoc(), kName,
                       "the iterator given to '" + fn + "' is an iterator of '" + object_name(from.object, ctx) +
                           "', not of '" + object_name(source, ctx) +
                           "', the list the elements are taken from: the standard library does not check it; "
                           "the nodes are unlinked from '" + object_name(from.object, ctx) +
                           "' while the size of '" + object_name(source, ctx) +
                           "' goes down (it wraps around), and both lists then free them; take the iterators "
                           "from '" + object_name(source, ctx) + "', or splice from '" +
                           object_name(from.object, ctx) + "' itself")
          << call.getArg(i)->getSourceRange();
      return;
    }
    if (call.getNumArgs() == 3 && from.which == IteratorEnd::end && named_object(source) != nullptr &&
        named_object(from.object) != nullptr) {
      ctx.report.error(call.getArg(i)->getBeginLoc(), kName,
                       "'" + object_name(call.getArg(i), ctx) + "' given to '" + fn +
                           "' as the element to move is no element: it is the list's own header node, which "
                           "the call moves into the other list (the standard library does not check it); "
                           "give an iterator to an element, after testing !" + object_name(source, ctx) +
                           ".empty()")
          << call.getArg(i)->getSourceRange();
      return;
    }
  }
}

/// `std::sort(a.begin(), b.end())`, `std::vector<int> c(a.begin(),
/// b.end())`, `std::span<int> s(a.begin(), b.end())`, `std::rotate(
/// a.begin(), a.begin() + 1, b.end())`: two adjacent arguments the callee
/// takes as one range, each an iterator taken from a named container
/// (whichever end, and stepped from it: iterator_stepped_from), from two
/// different containers make no range; the library walks from one
/// container off into memory it does not own (two owning containers never
/// share storage). Only parameters the callee takes as one range
/// (takes_as_one_range) pair: (a.end(), b.begin()) of std::copy is where
/// one range ends and its output starts, and insert's position is no end
/// of the range after it. One report per wrong argument: the pair after a
/// reported one, which shares its second argument (std::rotate's
/// (middle, last) after (first, middle)), is not judged again.
void UnsafeBuffer::check_iterator_pairs(const clang::FunctionDecl& callee, llvm::ArrayRef<const clang::Expr*> args,
                                        RuleContext& ctx) {
  for (size_t i = 0; i + 1 < args.size() && i + 1 < callee.getNumParams(); ++i) {
    if (!takes_as_one_range(callee, i)) continue;  // s.insert(s.begin(), v.begin(), v.end()): a position
    const IteratorOf first = iterator_stepped_from(args[i]);
    const IteratorOf last = iterator_stepped_from(args[i + 1]);
    if (first.which == IteratorEnd::none || last.which == IteratorEnd::none ||
        !is_owning_container(first.container) || !is_owning_container(last.container)) {
      continue;
    }
    // names().begin(), names().end() with names() returning a copy: each
    // call makes its own temporary container.
    if (is_temporary(first.object) || is_temporary(last.object)) {
      const clang::Expr* temporary = is_temporary(first.object) ? first.object : last.object;
      ctx.report.error(args[i]->getBeginLoc(), kName,
                       "this range starts in '" + object_name(first.object, ctx) + "' and ends in '" +
                           object_name(last.object, ctx) + "', but '" + object_name(temporary, ctx) +
                           "' is a temporary container (a copy returned by value), a new one at every call: "
                           "the two ends are in different objects, and the walk from one runs off into "
                           "memory the other does not own; store the container in a local variable first "
                           "(`const auto copy = ...;`) and take both ends from it")
          << clang::SourceRange(args[i]->getBeginLoc(), args[i + 1]->getEndLoc());
      ++i;
      continue;
    }
    if (!different_objects(first.object, last.object)) continue;
    ctx.report.error(args[i]->getBeginLoc(), kName,
                     "this range starts in '" + object_name(first.object, ctx) + "' and ends in '" +
                         object_name(last.object, ctx) +
                         "', another container: nothing checks the pair, and the walk from one runs off into "
                         "memory the other does not own; take both ends from the same container, or pass the "
                         "container itself as a range")
        << clang::SourceRange(args[i]->getBeginLoc(), args[i + 1]->getEndLoc());
    ++i;
  }
}

/// The sorting algorithm `call` runs whose unguarded loops rely on a
/// strict weak order: std::sort and std::nth_element (libstdc++'s
/// __unguarded_partition / __unguarded_linear_insert stop only where the
/// comparator says false, and run past the range's ends when it says true
/// for equal elements), also as std::ranges:: niebloids. Empty otherwise.
std::string UnsafeBuffer::unguarded_sort_name(const clang::CallExpr& call) {
  const auto named = [](const clang::NamedDecl* d) -> std::string {
    if (d == nullptr || d->getIdentifier() == nullptr) return {};
    const llvm::StringRef name = d->getName();
    if (name != "sort" && name != "nth_element") return {};
    const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(d->getDeclContext()->getRedeclContext());
    if (ns == nullptr) return {};
    if (ns->isStdNamespace()) return "std::" + name.str();
    const auto* outer = llvm::dyn_cast<clang::NamespaceDecl>(ns->getDeclContext()->getRedeclContext());
    if (ns->getName() == "ranges" && outer != nullptr && outer->isStdNamespace()) return "std::ranges::" + name.str();
    return {};
  };
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call)) {
    // std::ranges::sort(...): operator() of the object std::ranges::sort.
    if (op->getNumArgs() < 1) return {};
    const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(op->getArg(0)->IgnoreImplicit()->IgnoreParens());
    return object != nullptr ? named(object->getDecl()) : std::string();
  }
  if (const clang::FunctionDecl* fn = call.getDirectCallee()) return named(fn);
  // In a template: std::ranges::sort(v, ...) with a dependent argument.
  if (const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(call.getCallee()->IgnoreParenImpCasts());
      object != nullptr && llvm::isa<clang::VarDecl>(object->getDecl())) {
    return named(object->getDecl());
  }
  // In a template: `std::sort(v.begin(), v.end(), ...)` with dependent arguments.
  if (const auto* lookup = llvm::dyn_cast<clang::UnresolvedLookupExpr>(call.getCallee()->IgnoreParenImpCasts())) {
    std::string found;
    for (const clang::NamedDecl* d : lookup->decls()) {
      const clang::NamedDecl* target = d->getUnderlyingDecl();
      if (const auto* tmpl = llvm::dyn_cast<clang::FunctionTemplateDecl>(target)) target = tmpl->getTemplatedDecl();
      std::string name = named(target);
      if (name.empty() || (!found.empty() && name != found)) return {};
      found = name;
    }
    return found;
  }
  return {};
}

/// std::less_equal / std::greater_equal (also std::ranges::, and
/// `std::greater_equal<T>` in a template): its class or template.
const clang::NamedDecl* UnsafeBuffer::non_strict_function_object(clang::QualType type) {
  type = type.getNonReferenceType();
  const clang::NamedDecl* decl = type->getAsCXXRecordDecl();
  if (const auto* spec = type->getAs<clang::TemplateSpecializationType>(); spec != nullptr && decl == nullptr) {
    decl = spec->getTemplateName().getAsTemplateDecl();
  }
  if (decl == nullptr || decl->getIdentifier() == nullptr || !declared_in_std(decl)) return nullptr;
  return decl->getName() == "less_equal" || decl->getName() == "greater_equal" ? decl : nullptr;
}

/// The comparison that makes a comparator non-strict: the `a >= b` /
/// `a <= b` a two-parameter lambda returns as its only statement (written
/// in place, or a local variable initialised with it), or the comparator
/// object itself when it is std::less_equal / std::greater_equal (also
/// std::ranges::). nullptr for anything else.
const clang::Expr* UnsafeBuffer::non_strict_comparison(const clang::Expr* arg) {
  const clang::Expr* e = arg->IgnoreImplicit()->IgnoreParens();
  for (int depth = 0; depth < 4; ++depth) {
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
        construct != nullptr && construct->getNumArgs() == 1 && !llvm::isa<clang::CXXTemporaryObjectExpr>(e)) {
      e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
      continue;
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->isLocalVarDecl() || var->getInit() == nullptr ||
        !llvm::isa<clang::LambdaExpr>(var->getInit()->IgnoreImplicit()->IgnoreParens())) {
      break;
    }
    e = var->getInit()->IgnoreImplicit()->IgnoreParens();
  }
  if (!llvm::isa<clang::LambdaExpr>(e) && non_strict_function_object(e->getType()) != nullptr) return e;
  const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(e);
  if (lambda == nullptr) return nullptr;
  const clang::CXXMethodDecl* call = lambda->getCallOperator();
  if (call == nullptr || call->getNumParams() != 2) return nullptr;
  const clang::Expr* value = flow::only_returned_value(lambda->getBody());
  if (value == nullptr) return nullptr;
  value = value->IgnoreImplicit()->IgnoreParens();
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(value)) {
    return binary->getOpcode() == clang::BO_GE || binary->getOpcode() == clang::BO_LE ? binary : nullptr;
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(value)) {
    return op->getOperator() == clang::OO_GreaterEqual || op->getOperator() == clang::OO_LessEqual ? op : nullptr;
  }
  // `a.name <= b.name` through operator<=> (C++20 rewritten comparison).
  if (const auto* rewritten = llvm::dyn_cast<clang::CXXRewrittenBinaryOperator>(value)) {
    return rewritten->getOpcode() == clang::BO_GE || rewritten->getOpcode() == clang::BO_LE ? rewritten : nullptr;
  }
  return nullptr;
}

/// `std::sort(v.begin(), v.end(), [](const Job& a, const Job& b) { return
/// a.prio >= b.prio; })`: a comparator that is true for equal elements is
/// no strict weak order, and std::sort / std::nth_element then read
/// outside the range (not checked even under _GLIBCXX_ASSERTIONS).
void UnsafeBuffer::check_sort_comparator(const clang::CallExpr& call, RuleContext& ctx) {
  const std::string algorithm = unguarded_sort_name(call);
  if (algorithm.empty()) return;
  const unsigned first = llvm::isa<clang::CXXOperatorCallExpr>(call) ? 1 : 0;
  for (unsigned i = first; i < call.getNumArgs(); ++i) {
    const clang::Expr* arg = call.getArg(i);
    const clang::Expr* comparison = non_strict_comparison(arg);
    if (comparison == nullptr) continue;
    const bool is_object =
        !llvm::isa<clang::BinaryOperator, clang::CXXOperatorCallExpr, clang::CXXRewrittenBinaryOperator>(comparison);
    bool greater = false;
    clang::SourceLocation at;
    if (is_object) {
      greater = non_strict_function_object(comparison->getType())->getName() == "greater_equal";
    } else if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(comparison)) {
      greater = binary->getOpcode() == clang::BO_GE;
      at = binary->getOperatorLoc();
    } else if (const auto* rewritten = llvm::dyn_cast<clang::CXXRewrittenBinaryOperator>(comparison)) {
      greater = rewritten->getOpcode() == clang::BO_GE;
      at = rewritten->getOperatorLoc();
    } else {
      const auto* op = llvm::cast<clang::CXXOperatorCallExpr>(comparison);
      greater = op->getOperator() == clang::OO_GreaterEqual;
      at = op->getOperatorLoc();
    }
    const std::string used = is_object ? (greater ? "std::greater_equal" : "std::less_equal") : (greater ? "'>='" : "'<='");
    const std::string strict = is_object ? (greater ? "std::greater" : "std::less") : (greater ? "'>'" : "'<'");
    ctx.report.error(arg->getBeginLoc(), kName,
                     "this comparator compares with " + used +
                         ", which is not a strict weak order (it says an element comes before an equal one): "
                         "'" + algorithm + "' then reads outside the range (its unguarded loops rely on "
                         "comp(x, x) being false, and nothing checks them, not even -D_GLIBCXX_ASSERTIONS); "
                         "compare with " + strict + " instead")
        << arg->getSourceRange();
    if (at.isValid()) ctx.report.note(at, "the non-strict comparison is here");
  }
}

}  // namespace meshwa::rules::unsafe_buffer
