// A buffer of the service handed to a C function as a (pointer, count) pair
// (epoll_wait, poll, read, memcpy, ...) with a count larger than what the
// buffer holds: what is known of a buffer's size (std::array, fixed-size
// locals) and of the bytes a count stands for.
#include <optional>

#include "BannedFunction.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "llvm/ADT/StringSet.h"

namespace meshwa::rules::unsafe_buffer {

/// A local std::vector or std::string built with a constant count
/// (`std::vector<int> dst(50);`, `std::string s(8, ' ')`), empty
/// (`std::vector<int> dst;`) or from an initializer list, whose size
/// nothing in the function can change: every mention of it is an element
/// access or a read of its ends or size (`dst[i]`, `dst.at(i)`,
/// `dst.begin()`, `dst.data()`, `dst.size()`), none a push_back, resize,
/// assignment, swap, or a hand-over to a function. Its size is then that
/// constant wherever it is used.
std::optional<uint64_t> UnsafeBuffer::fixed_local_size(const clang::Expr* object, RuleContext& ctx) {
  const clang::VarDecl* var = local_container_var(object);
  if (var == nullptr) return std::nullopt;
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(var->getInit()->IgnoreImplicit());
  const std::optional<uint64_t> count = constructed_size(construct, ctx);
  if (!count || !size_never_changes(*var)) return std::nullopt;
  return count;
}

/// The local std::vector / std::string (not a parameter, not a reference,
/// with an initialiser) that `object` names, or null.
const clang::VarDecl* UnsafeBuffer::local_container_var(const clang::Expr* object) {
  const auto* ref = object != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts()) : nullptr;
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
      var->getType()->isReferenceType() || var->getInit() == nullptr ||
      !is_std_class(var->getType()->getAsCXXRecordDecl(), {"vector", "basic_string"})) {
    return nullptr;
  }
  return var;
}

/// Every mention of the local container `var` in its function calls a
/// member that only reads (begin(), size() ...) or indexes it: nothing
/// resizes it.
bool UnsafeBuffer::size_never_changes(const clang::VarDecl& var) {
  if (const auto found = unchanged_locals_.find(&var); found != unchanged_locals_.end()) return found->second;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return unchanged_locals_[&var] = false;
  // Answered for every local of the function at once: a function with
  // thousands of local containers is walked once, not once each.
  if (size_kept_counted_.insert(fn).second) find_size_kept_locals(*fn);
  // A local its function never names: nothing resizes it.
  return unchanged_locals_.try_emplace(&var, true).first->second;
}

/// The mentions of `var` at `st` that keep its size: a member that only
/// reads (begin(), size() ...), an index, `return var;`. (An argument bound
/// to a `const T&` parameter keeps it too: each_const_reference_argument,
/// counted beside these.)
unsigned UnsafeBuffer::size_keeping_mentions(const clang::Stmt& st, const clang::VarDecl& var) {
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(&st);
  if (member != nullptr && flow::names_variable(member->getBase(), var)) {
    const clang::NamedDecl* callee = member->getMemberDecl();
    static const llvm::StringSet<> kReads = {"begin", "end", "cbegin", "cend", "rbegin", "rend", "crbegin",
                                             "crend", "data", "c_str", "size", "length", "empty", "at",
                                             "front", "back", "capacity"};
    return callee->getIdentifier() != nullptr && kReads.contains(callee->getName()) ? 1u : 0u;
  }
  // `return out;` leaves the function: nothing after it runs.
  if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&st)) return returns_variable(*ret, var) ? 1u : 0u;
  const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&st);
  return op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
                 flow::names_variable(op->getArg(0), var)
             ? 1u
             : 0u;
}

/// The one variable size_keeping_mentions may count at `st` (the object of
/// a member, the returned variable, the indexed one); for any other it
/// counts nothing.
const clang::VarDecl* UnsafeBuffer::size_keeping_var_at(const clang::Stmt& st) {
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&st)) return flow::variable_named(member->getBase());
  if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&st)) return returned_variable(*ret);
  const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&st);
  return op != nullptr && op->getNumArgs() == 2 ? flow::variable_named(op->getArg(0)) : nullptr;
}

/// size_never_changes for every variable of `fn` its body mentions, in one
/// walk: the mentions of each and those that keep its size counted side by
/// side, as every_mention_accounted counts them for one variable.
void UnsafeBuffer::find_size_kept_locals(const clang::FunctionDecl& fn) {
  struct Counts {
    unsigned mentions = 0;
    unsigned kept = 0;
  };
  const auto counts = flow::count_per_local<Counts>(fn, [&](const clang::Stmt& st, auto& per_local) {
    if (const clang::VarDecl* v = size_keeping_var_at(st)) per_local[v].kept += size_keeping_mentions(st, *v);
    // Handed to a `const T&` parameter (a copy made of it, `std::vector<bool>
    // copy = bits;`, or `check(bits)`): read, never resized.
    each_const_reference_argument(st, [&](const clang::VarDecl& v, const clang::DeclRefExpr&) { ++per_local[&v].kept; });
  });
  for (const auto& [var, c] : counts) unchanged_locals_.try_emplace(var, c.mentions == c.kept);
}

/// `return var;`, by value (through the copy or move construction of the
/// result, elided or not).
bool UnsafeBuffer::returns_variable(const clang::ReturnStmt& ret, const clang::VarDecl& var) {
  return returned_variable(ret) == &var;
}

/// The variable `ret` returns by value, as returns_variable means it, or null.
const clang::VarDecl* UnsafeBuffer::returned_variable(const clang::ReturnStmt& ret) {
  const clang::Expr* value = ret.getRetValue() != nullptr ? ret.getRetValue()->IgnoreImplicit() : nullptr;
  if (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(value);
      construct != nullptr && construct->getNumArgs() == 1 && construct->getConstructor()->isCopyOrMoveConstructor()) {
    value = construct->getArg(0);
  }
  return flow::variable_named(value);
}

/// The element count a std::vector / std::string construction gives, when
/// it is in the code: a constant count (`(n)`, `(n, value)`, `(n, value,
/// allocator)`), the default constructor (`std::vector<int> dest;`,
/// `dest{}`: empty), or an initializer list (`{1, 2, 3}`: 3, and `{5}`
/// is one element). Not a copy, nor a (first, last) range.
std::optional<uint64_t> UnsafeBuffer::constructed_size(const clang::CXXConstructExpr* construct, RuleContext& ctx) {
  if (construct == nullptr) return std::nullopt;
  const clang::CXXConstructorDecl* ctor = construct->getConstructor();
  if (construct->getNumArgs() == 0) {
    if (ctor->isDefaultConstructor()) return 0;
    return std::nullopt;
  }
  if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(
          construct->getArg(0)->IgnoreImplicit())) {
    const auto* array = ctx.ast.getAsConstantArrayType(list->getSubExpr()->IgnoreImplicit()->getType());
    if (array == nullptr || construct->getNumArgs() > 2) return std::nullopt;  // ({...}, allocator)
    return array->getSize().getZExtValue();
  }
  // `std::string s = "abc";` (or `s("abc")`): the literal's length, up to
  // its first NUL, as the constructor measures it.
  const bool only_first = construct->getNumArgs() == 1 || llvm::isa<clang::CXXDefaultArgExpr>(construct->getArg(1));
  if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(construct->getArg(0)->IgnoreParenImpCasts());
      literal != nullptr && only_first && literal->isOrdinary() && is_std_class(ctor->getParent(), {"basic_string"})) {
    const llvm::StringRef text = literal->getString();
    return std::min<uint64_t>(text.size(), text.find('\0'));
  }
  if (construct->getNumArgs() > 3 || construct->isListInitialization() || ctor->getNumParams() < 1 ||
      !ctor->getParamDecl(0)->getType()->isIntegerType()) {
    return std::nullopt;
  }
  clang::Expr::EvalResult count;
  const clang::Expr* first = construct->getArg(0);
  if (first->isValueDependent() || !first->EvaluateAsInt(count, ctx.ast) || count.Val.getInt().isNegative()) {
    return std::nullopt;
  }
  return count.Val.getInt().getZExtValue();
}

/// The element count of a container expression when it is known: fixed by
/// the type (std::array, static-extent span) or a fixed-size local.
std::optional<uint64_t> UnsafeBuffer::known_element_count(const clang::Expr* object, const clang::CXXRecordDecl* record,
                                                          RuleContext& ctx) {
  if (std::optional<uint64_t> count = static_element_count(record)) return count;
  return fixed_local_size(object, ctx);
}

std::optional<UnsafeBuffer::CBuffer> UnsafeBuffer::c_buffer_of(const clang::Expr* arg, RuleContext& ctx) {
  const clang::Expr* e = arg->IgnoreParenImpCasts();
  CBuffer buffer;
  std::optional<uint64_t> skipped = 0;  // elements before the pointer (&a[2])
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr ||
        (method->getName() != "data" && method->getName() != "c_str") || call->getNumArgs() != 0) {
      return std::nullopt;
    }
    buffer.object = call->getImplicitObjectArgument();
    buffer.record = method->getParent();
    buffer.from_data = true;
  } else if (const auto* address = llvm::dyn_cast<clang::UnaryOperator>(e);
             address != nullptr && address->getOpcode() == clang::UO_AddrOf) {
    const clang::Expr* element = address->getSubExpr()->IgnoreParens();
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(element)) {
      if (op->getOperator() != clang::OO_Subscript || op->getNumArgs() != 2) return std::nullopt;
      buffer.object = op->getArg(0);
      const clang::Expr* index = op->getArg(1);
      clang::Expr::EvalResult value;
      if (index->isValueDependent() || !index->EvaluateAsInt(value, ctx.ast) || value.Val.getInt().isNegative()) {
        skipped.reset();
      } else {
        skipped = value.Val.getInt().getZExtValue();
      }
    } else if (const auto* front = llvm::dyn_cast<clang::CXXMemberCallExpr>(element)) {
      const clang::CXXMethodDecl* method = front->getMethodDecl();
      if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "front") {
        return std::nullopt;
      }
      buffer.object = front->getImplicitObjectArgument();
    } else {
      return std::nullopt;
    }
    buffer.record = buffer.object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  } else {
    return std::nullopt;
  }
  if (buffer.object == nullptr || e->getType().isNull() || !e->getType()->isPointerType() ||
      !is_std_class(buffer.record, {"vector", "array", "basic_string", "basic_string_view", "span",
                                    "inplace_vector"})) {
    return std::nullopt;
  }
  buffer.element = e->getType()->getPointeeType();
  if (buffer.element.isNull() || buffer.element->isDependentType()) return std::nullopt;
  // std::array<T, N> and std::span<T, N> (a static extent): N elements of T.
  if (const std::optional<uint64_t> count = known_element_count(buffer.object, buffer.record, ctx);
      count && skipped && !buffer.element->isIncompleteType()) {
    const uint64_t size = ctx.ast.getTypeSizeInChars(buffer.element).getQuantity();
    buffer.bytes = *count > *skipped ? (*count - *skipped) * size : 0;
  }
  return buffer;
}

/// The bytes one unit of a count stands for when it counts the elements
/// of a `T*` parameter (1 for void).
uint64_t UnsafeBuffer::unit_bytes(clang::QualType pointer, RuleContext& ctx) {
  const clang::QualType pointee = pointer->getPointeeType();
  if (pointee->isVoidType() || pointee->isIncompleteType()) return 1;
  return ctx.ast.getTypeSizeInChars(pointee).getQuantity();
}

/// Another argument of the pointer run [first, last] of `call` is a
/// string literal at least as long as the constant count after the run.
bool UnsafeBuffer::compares_with_literal_prefix(const clang::CallExpr& call, unsigned first, unsigned last,
                                                RuleContext& ctx) {
  if (last == first || last + 1 >= call.getNumArgs()) return false;
  clang::Expr::EvalResult value;
  const clang::Expr* count = call.getArg(last + 1);
  if (count->isValueDependent() || !count->EvaluateAsInt(value, ctx.ast)) return false;
  for (unsigned i = first; i <= last; ++i) {
    const auto* literal = llvm::dyn_cast<clang::StringLiteral>(call.getArg(i)->IgnoreParenImpCasts());
    if (literal != nullptr && !value.Val.getInt().isNegative() &&
        value.Val.getInt().getZExtValue() <= literal->getLength()) {
      return true;
    }
  }
  return false;
}

/// `v.size()` / `v.length()` of the buffer's own object, from its data().
bool UnsafeBuffer::is_buffer_own_size(const clang::Expr* count, const CBuffer& buffer) {
  // static_cast<int>(v.size()) for an `int` count: no larger.
  if (!buffer.from_data) return false;
  const clang::Expr* sized = sized_object(count->IgnoreParenCasts(), {"size", "length"}, FreeSizeCall::none);
  return sized != nullptr && same_object(sized, buffer.object);
}

/// Does `count` units of `unit` bytes (times `factor`, a constant when
/// known) fit the buffer? The buffer's own size (`v.data(), v.size()`,
/// the shape the stream members accept too), `v.size() * sizeof(T)` for
/// a byte count, or a constant no larger than a std::array's bytes.
bool UnsafeBuffer::count_fits(const clang::Expr* count, const CBuffer& buffer, uint64_t unit,
                              std::optional<uint64_t> factor, RuleContext& ctx) {
  if (count->isValueDependent()) return true;  // judged per instantiation
  const uint64_t element = buffer.element->isIncompleteType()
                               ? 1
                               : static_cast<uint64_t>(ctx.ast.getTypeSizeInChars(buffer.element).getQuantity());
  const uint64_t per = unit * factor.value_or(1);
  if (is_buffer_own_size(count, buffer)) return factor.has_value() ? per <= element : unit <= element;
  if (const auto* product = llvm::dyn_cast<clang::BinaryOperator>(count->IgnoreParenImpCasts());
      product != nullptr && product->getOpcode() == clang::BO_Mul && unit == 1 && !factor) {
    for (const clang::Expr* side : {product->getLHS(), product->getRHS()}) {
      const clang::Expr* other = side == product->getLHS() ? product->getRHS() : product->getLHS();
      clang::Expr::EvalResult value;
      if (is_buffer_own_size(side, buffer) && !other->isValueDependent() && other->EvaluateAsInt(value, ctx.ast) &&
          !value.Val.getInt().isNegative() && value.Val.getInt().getZExtValue() <= element) {
        return true;
      }
    }
  }
  clang::Expr::EvalResult value;
  if (!buffer.bytes || !count->EvaluateAsInt(value, ctx.ast)) return false;
  const llvm::APSInt& n = value.Val.getInt();
  if (n.isNegative()) return true;  // no bytes (a negative size_t is a different bug)
  return n.getZExtValue() <= *buffer.bytes / std::max<uint64_t>(per, 1);
}

/// `epoll_wait(ep, evs.data(), 4096, 0)`, `poll(fds.data(), 64, 0)`,
/// `setsockopt(fd, l, o, v.data(), 4096)`, `strnlen(a.data(), 4096)`,
/// `if_indextoname(i, a.data())`: a C library function given the storage
/// of a container and either a separate count (the parameter after the
/// pointer is a length: size_t, socklen_t, `int maxevents`, `int
/// nelem`) that is not the container's own size, or no count at all
/// while it writes into a character (or void) buffer as much as it
/// decides itself (IF_NAMESIZE, L_ctermid, an address's 16 bytes). The
/// count is trusted: nothing checks it against the buffer. Names on
/// banned-function's list are left to it (it rejects them in every form).
/// A terminated std::string handed to a `const char*` reader with a bound
/// (strnlen, strncmp, mblen) is accepted: those stop at its NUL.
void UnsafeBuffer::check_c_buffer_arguments(const clang::CallExpr& call, RuleContext& ctx) {
  const clang::FunctionDecl* fn = call.getDirectCallee();
  if (fn == nullptr || llvm::isa<clang::CXXMethodDecl>(fn) || !is_c_library_function(*fn) ||
      is_banned_c_function(fn->getName())) {
    return;
  }
  const unsigned n = std::min(fn->getNumParams(), call.getNumArgs());
  bool counted = false;
  for (unsigned p = 0; p < fn->getNumParams(); ++p) {
    const clang::ParmVarDecl& param = *fn->getParamDecl(p);
    if (is_length_parameter(param) || is_length_pointer_parameter(param)) counted = true;
  }
  for (unsigned p = 0; p < n; ++p) {
    const clang::ParmVarDecl& param = *fn->getParamDecl(p);
    if (!is_buffer_parameter(param)) continue;
    // The run of pointers this one belongs to and the length after it:
    // (buf, len), (s1, s2, n) of strncmp (one n bounds both), (src, dst,
    // size) of inet_ntop (the size is the last one's, the writable dst).
    unsigned last = p;
    while (last + 1 < fn->getNumParams() && is_buffer_parameter(*fn->getParamDecl(last + 1))) ++last;
    const bool bounded_here =
        last + 1 < fn->getNumParams() && is_length_parameter(*fn->getParamDecl(last + 1)) &&
        (last == p || ctx.ast.hasSameType(param.getType(), fn->getParamDecl(last)->getType()));
    const std::optional<CBuffer> buffer = c_buffer_of(call.getArg(p), ctx);
    if (!buffer) continue;
    const clang::QualType pointee = param.getType()->getPointeeType();
    const bool writes = !pointee.isConstQualified();
    if (bounded_here) {
      const unsigned length = last + 1;
      if (length >= call.getNumArgs()) continue;
      // A reader of characters with a bound stops at the NUL of a
      // std::string (or a literal's view).
      if (!writes && pointee->isAnyCharacterType() && unterminated_buffer(call.getArg(p)) == nullptr) continue;
      // strncmp(v.data(), "GET ", 4): a prefix test against a literal,
      // the count no longer than the literal. Where the buffer's size is
      // in its type (std::array<char, 2>) the count is held against that
      // instead: the literal says nothing about the other buffer.
      if (!writes && pointee->isAnyCharacterType() && !buffer->bytes &&
          compares_with_literal_prefix(call, p, last, ctx)) {
        continue;
      }
      // (pointer, count, size): qsort's element size, a second factor.
      std::optional<uint64_t> factor;
      if (length + 1 < n && is_length_parameter(*fn->getParamDecl(length + 1)) &&
          is_size_type(fn->getParamDecl(length + 1)->getType())) {
        clang::Expr::EvalResult value;
        const clang::Expr* size = call.getArg(length + 1);
        if (size->isValueDependent() || !size->EvaluateAsInt(value, ctx.ast)) continue;
        factor = value.Val.getInt().getZExtValue();
      }
      if (count_fits(call.getArg(length), *buffer, unit_bytes(param.getType(), ctx), factor, ctx)) continue;
      ctx.report.error(call.getArg(p)->getBeginLoc(), kName,
                       "'" + fn->getNameAsString() + "' " + (writes ? "writes into" : "reads") +
                           " this buffer as far as a separate count says, and nothing checks the count "
                           "against the buffer (it can run past its end); pass the container's own size as "
                           "the count (" + object_name(buffer->object, ctx) + ".data(), " +
                           object_name(buffer->object, ctx) +
                           ".size()), or a constant that fits a std::array")
          << call.getArg(p)->getSourceRange() << call.getArg(length)->getSourceRange();
      continue;
    }
    // No length anywhere: a writer of characters (or bytes) that writes
    // as much as it decides. A std::string's data() is left alone: in-place
    // editors of a terminated string (mkstemp, basename) take it too.
    if (counted || !writes || (!pointee->isAnyCharacterType() && !pointee->isVoidType() &&
                               !(pointee->isIntegerType() && unit_bytes(param.getType(), ctx) == 1))) {
      continue;
    }
    if (is_std_class(buffer->record, {"basic_string"})) continue;
    ctx.report.error(call.getArg(p)->getBeginLoc(), kName,
                     "'" + fn->getNameAsString() +
                         "' writes into this buffer as many bytes as it decides itself (a size fixed by the "
                         "function, not passed to it), and nothing checks them against the buffer; use a C++ "
                         "interface that returns a std::string or a container, or keep the call in a function "
                         "marked MESHWA_UNSAFE(\"why\")")
        << call.getArg(p)->getSourceRange();
  }
}

}  // namespace meshwa::rules::unsafe_buffer
