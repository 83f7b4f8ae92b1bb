// meshwa-unsafe-cast: the smart-pointer casts of the standard library
// (std::static_pointer_cast, const_pointer_cast, reinterpret_pointer_cast)
// and std::coroutine_handle<P>::from_promise / from_address, a cast from a
// promise's address by another name.
#include "UnsafeCast/UnsafeCast.h"
#include "Annotations.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::unsafe_cast {

void UnsafeCast::check_pointer_cast_call(const clang::CallExpr& call, RuleContext& ctx) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  if (callee == nullptr || callee->getIdentifier() == nullptr) return;
  const llvm::StringRef fn = callee->getName();
  if (fn == "bit_cast" && callee->isInStdNamespace()) {
    check_bit_cast(call, ctx);
    return;
  }
  // std::as_writable_bytes(span) is reinterpret_cast<std::byte*> inside the
  // library: any byte of the objects can then be overwritten, the pointer
  // and size inside a std::string included. std::as_bytes only reads
  // (an address read out is a leak, not a corruption; std::bit_cast from
  // a pointer-holding type is accepted for the same reason).
  if (fn == "as_writable_bytes" && callee->isInStdNamespace()) {
    if (any_bytes_make_a_value(written_element(*callee), ctx)) return;
    ctx.report.error(call.getBeginLoc(), kName,
                     "std::as_writable_bytes lets every byte of the objects be overwritten (their pointers "
                     "and invariants included), as a reinterpret_cast to std::byte* does; assign whole values, "
                     "or build the bytes in a std::array<std::byte, N> and std::bit_cast them into a value")
        << call.getSourceRange();
    note_instance(ctx);
    return;
  }
  if ((fn == "from_promise" || fn == "from_address") && is_coroutine_handle_member(*callee)) {
    check_coroutine_handle_factory(call, *llvm::cast<clang::CXXMethodDecl>(callee), ctx);
    return;
  }
  if (fn != "static_pointer_cast" && fn != "const_pointer_cast" && fn != "reinterpret_pointer_cast") return;
  if (!callee->isInStdNamespace()) return;
  if (fn != "reinterpret_pointer_cast" && call.getNumArgs() == 1 &&
      is_safe_pointer_cast(fn, element_type(call.getType()), element_type(call.getArg(0)->getType()), ctx.ast)) {
    return;
  }
  if (fn == "const_pointer_cast") {
    ctx.report.error(call.getBeginLoc(), kName,
                     "std::const_pointer_cast removes const like the const_cast it is named after, and writing "
                     "through the result is undefined behaviour; make the object (or the function taking it) "
                     "non-const instead")
        << call.getSourceRange();
    note_instance(ctx);
    return;
  }
  ctx.report.error(call.getBeginLoc(), kName,
                   ("std::" + fn + " is unchecked like the cast it is named after; use "
                    "std::dynamic_pointer_cast and test the result")
                       .str())
      << call.getSourceRange();
  note_instance(ctx);
}

/// T of a std::shared_ptr<T> (or std::unique_ptr<T>), else null.
clang::QualType UnsafeCast::element_type(clang::QualType smart) {
  return first_type_argument(smart.isNull() ? nullptr : smart.getNonReferenceType()->getAsCXXRecordDecl());
}

/// The std::static_pointer_cast / std::const_pointer_cast an implicit
/// conversion would do: to a base of the element (or the same type), or
/// to void, with at least its qualifiers (`std::static_pointer_cast<Base>`
/// of a std::shared_ptr<Derived>); adding const
/// (`std::const_pointer_cast<const T>`). Never a downcast or a const
/// removed.
bool UnsafeCast::is_safe_pointer_cast(llvm::StringRef fn, clang::QualType to, clang::QualType from,
                                      const clang::ASTContext& ast) {
  if (to.isNull() || from.isNull() || to->isDependentType() || from->isDependentType()) return false;
  if (!to.isAtLeastAsQualifiedAs(from)) return false;
  if (ast.hasSameUnqualifiedType(to, from)) return true;
  if (fn != "static_pointer_cast") return false;
  if (to->isVoidType()) return true;
  const clang::CXXRecordDecl* base = to->getAsCXXRecordDecl();
  const clang::CXXRecordDecl* derived = from->getAsCXXRecordDecl();
  return base != nullptr && derived != nullptr && derived->hasDefinition() && derived->isDerivedFrom(base);
}

bool UnsafeCast::is_coroutine_handle_member(const clang::FunctionDecl& fn) {
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
  if (method == nullptr) return false;
  const clang::CXXRecordDecl* record = method->getParent();
  return record->getIdentifier() != nullptr && record->getName() == "coroutine_handle" &&
         record->isInStdNamespace();
}

/// The promise type P of std::coroutine_handle<P>, or nullptr.
const clang::CXXRecordDecl* UnsafeCast::promise_of(const clang::CXXMethodDecl& member) {
  const clang::QualType promise = first_type_argument(member.getParent());
  return promise.isNull() ? nullptr : promise->getAsCXXRecordDecl();
}

/// coroutine_handle<P>::from_promise(p) computes the frame's address from
/// p's: on a P that is not in a coroutine frame, resume() calls through
/// whatever lies before it. Accepted as from_promise(*this) in a member
/// function of P (get_return_object); P objects made in service code are
/// rejected (check_promise_object). from_address makes a handle from any
/// address.
void UnsafeCast::check_coroutine_handle_factory(const clang::CallExpr& call, const clang::CXXMethodDecl& callee,
                                                RuleContext& ctx) {
  if (callee.getName() == "from_address") {
    ctx.report.error(call.getBeginLoc(), kName,
                     "std::coroutine_handle::from_address makes a coroutine handle out of any address, and "
                     "resume() then calls through whatever memory it points to; keep the handle the coroutine "
                     "gave you (a coroutine type owns it)")
        << call.getSourceRange();
    note_instance(ctx);
    return;
  }
  const clang::CXXRecordDecl* promise = promise_of(callee);
  const clang::FunctionDecl* fn =
      instance_ != nullptr ? llvm::dyn_cast<clang::FunctionDecl>(instance_) : ctx.enclosing_function();
  const auto* member = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(fn);
  if (promise != nullptr && member != nullptr && !member->isStatic() && call.getNumArgs() == 1 &&
      is_this(call.getArg(0)) &&
      member->getParent()->getCanonicalDecl() == promise->getCanonicalDecl()) {
    return;
  }
  ctx.report.error(call.getBeginLoc(), kName,
                   "std::coroutine_handle::from_promise computes a coroutine frame's address from the object "
                   "it is given, and on an object that is no coroutine's promise resume() calls through "
                   "whatever memory lies before it; call it only as from_promise(*this) in a member function "
                   "of the promise type (get_return_object)")
      << call.getSourceRange();
  note_instance(ctx);
}

/// Does a member function of `record` call coroutine_handle<record>::
/// from_promise(*this)? Then a `record` object outside a coroutine frame
/// hands out a handle to no frame.
bool UnsafeCast::makes_handles_from_this(const clang::CXXRecordDecl* record) {
  if (record == nullptr || !record->hasDefinition()) return false;
  record = record->getDefinition();
  auto [it, added] = promise_types_.try_emplace(record->getCanonicalDecl(), false);
  if (!added) return it->second;
  bool found = false;
  for (const clang::CXXMethodDecl* method : record->methods()) {
    const clang::FunctionDecl* def = definition_with_body(method);
    if (found || def == nullptr) continue;
    found = flow::contains(def->getBody(), [&](const clang::Stmt& s) {
      const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
      const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
      return callee != nullptr && callee->getIdentifier() != nullptr && callee->getName() == "from_promise" &&
             is_coroutine_handle_member(*callee) && call->getNumArgs() == 1 && is_this(call->getArg(0));
    });
  }
  promise_types_[record->getCanonicalDecl()] = found;
  return found;
}

/// `P fake{};`, a copy of a promise, a P temporary: a promise object out
/// of any coroutine frame, whose get_return_object() would make a handle
/// to no frame. (The coroutine's own promise is made by the compiler.)
void UnsafeCast::check_promise_object(const clang::Expr& e, RuleContext& ctx) {
  if (!e.isPRValue() || e.getType().isNull() || e.getType()->isDependentType()) return;
  if (!llvm::isa<clang::CXXConstructExpr, clang::InitListExpr>(e)) return;
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&e);
      construct != nullptr && construct->getConstructionKind() != clang::CXXConstructionKind::Complete) {
    return;
  }
  const clang::CXXRecordDecl* record = e.getType()->getAsCXXRecordDecl();
  if (!makes_handles_from_this(record)) return;
  const std::string type = e.getType().getUnqualifiedType().getAsString(ctx.ast.getPrintingPolicy());
  ctx.report.error(e.getBeginLoc(), kName,
                   "a '" + type + "' object outside a coroutine frame: its member functions make a "
                   "std::coroutine_handle from *this, which here is no coroutine's promise; only the compiler "
                   "creates promise objects, reach the coroutine's own through its handle's promise()")
      << e.getSourceRange();
}

}  // namespace meshwa::rules::unsafe_cast
