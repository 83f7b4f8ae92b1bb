// meshwa-unsafe-cast: casts that make the compiler treat memory as something
// it may not be.
//   - reinterpret_cast, const_cast: always
//   - static_cast downcasts of pointers/references (Base* -> Derived*), and
//     static_cast from void* (unchecked: the object may not be a Derived)
//   - C-style and functional casts whose source or target is a pointer,
//     reference or member pointer (they silently act as any of the above)
//   - std::static_pointer_cast / const_pointer_cast / reinterpret_pointer_cast
//   - std::bit_cast to a type that holds a pointer (a pointer, a view such as
//     std::string_view, any class with a pointer member): a pointer made from
//     bytes is a reinterpret_cast in all but name
//   - std::as_writable_bytes (a writable std::byte view of any object) of
//     elements where not every byte pattern is a value (a pointer, a bool,
//     an enum, a vtable pointer inside)
// In templates, a static_cast, C-style or functional cast, bit_cast or
// pointer-cast call whose types depend on a template parameter is judged in
// every instantiation, and reported once where it is written, with a note
// naming the template arguments. CRTP: static_cast<D&>(*this) in a member of
// Base<D> is accepted when D derives directly from Base<D>; a class deriving
// from Base<X> that is not X, and a Base<D> object of its own, are rejected.
// Accepted: dynamic_cast / std::dynamic_pointer_cast (checked), arithmetic
// and enum casts in any spelling, casts to class types (constructor calls),
// (void)x, std::bit_cast to a type without pointers (copies a value
// representation), std::as_bytes (reads only), std::as_writable_bytes of
// numbers, characters, std::byte and trivially copyable structs of those.
#include "UnsafeCast/UnsafeCast.h"
#include "Annotations.h"
#include "Instantiations.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::unsafe_cast {

bool is_pointer_like(clang::QualType t) {
  return !t.isNull() && (t->isAnyPointerType() || t->isReferenceType() || t->isMemberPointerType());
}

void UnsafeCast::check_stmt(const clang::Stmt& stmt, RuleContext& ctx) {
  if (ctx.service_code.in_foreign_macro(stmt)) return;  // MAP_FAILED and friends
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&stmt)) {
    check_crtp_object(*construct, ctx);
    check_promise_object(*construct, ctx);
    return;
  }
  if (const auto* init = llvm::dyn_cast<clang::InitListExpr>(&stmt)) {
    // The walk meets the semantic form only (the syntactic one is not
    // handed to the rules).
    check_promise_object(*init, ctx);
    return;
  }
  judge(stmt, ctx);
}

void UnsafeCast::check_decl(const clang::Decl& decl, RuleContext& ctx) {
  if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&decl)) check_crtp_bases(*record, ctx);
  // `Derived* d = static_cast<T*>(b);` as a default member initializer of
  // a class template, `T* p = static_cast<T*>(q)` as a default argument:
  // judged in each instantiation, as a cast in a template's body.
  if (llvm::isa<clang::FieldDecl, clang::ParmVarDecl>(decl)) {
    for_each_instantiated_default(llvm::cast<clang::ValueDecl>(decl), cast_at,
                                  [&](const clang::Decl& instance, const clang::Expr&, const clang::Stmt& s) {
                                    judge_instance(instance, s, ctx);
                                  });
  }
}

/// The statements for_each_instantiated matches a template's casts by.
clang::SourceLocation UnsafeCast::cast_at(const clang::Stmt& s) {
  return llvm::isa<clang::CXXStaticCastExpr, clang::CStyleCastExpr, clang::CXXFunctionalCastExpr,
                   clang::BuiltinBitCastExpr, clang::CallExpr>(s)
             ? s.getBeginLoc()
             : clang::SourceLocation();
}

/// A cast in a template whose types depend on a template parameter is
/// judged in each instantiation: `std::bit_cast<To>(x)` forges a view for
/// To = std::string_view, `static_cast<To&>(f)` is a downcast for a derived
/// To. Reported once, at the template.
void UnsafeCast::check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) {
  for_each_instantiated(pattern, cast_at, [&](const clang::FunctionDecl& instance, const clang::Stmt& s) {
    judge_instance(instance, s, ctx);
  });
}

/// `s`, a cast of `instance` standing for a dependent one of its template:
/// judged, and reported once at the code as written.
void UnsafeCast::judge_instance(const clang::Decl& instance, const clang::Stmt& s, RuleContext& ctx) {
  const clang::SourceLocation loc = s.getBeginLoc();
  if (reported_.count(loc) || ctx.service_code.in_foreign_macro(s)) return;
  instance_ = &instance;
  const unsigned before = ctx.report.error_count();
  judge(s, ctx);
  if (ctx.report.error_count() != before) reported_.insert(loc);
  instance_ = nullptr;
}

void UnsafeCast::judge(const clang::Stmt& stmt, RuleContext& ctx) {
  if (const auto* cast = llvm::dyn_cast<clang::CXXReinterpretCastExpr>(&stmt)) {
    // `reinterpret_cast<T*>(&t)` with t a T: no other type is involved,
    // the cast changes nothing (what the pointer is is judged by its own
    // rule); "an unrelated type" would be wrong about the code.
    if (is_identity_cast(*cast, ctx.ast)) return;
    ctx.report.error(cast->getOperatorLoc(), kName,
                     "reinterpret_cast makes the compiler treat memory as an unrelated type; keep the "
                     "value's real type, use std::bit_cast to copy a value's bytes, or a std::variant")
        << cast->getSourceRange();
  } else if (const auto* cast = llvm::dyn_cast<clang::BuiltinBitCastExpr>(&stmt)) {
    // __builtin_bit_cast(T, v), what std::bit_cast is made of.
    judge_bit_cast("__builtin_bit_cast", cast->getType(), cast->getSubExpr()->getType(), cast->getBeginLoc(),
                   cast->getSourceRange(), ctx);
  } else if (const auto* cast = llvm::dyn_cast<clang::CXXConstCastExpr>(&stmt)) {
    if (only_adds_const(*cast, ctx.ast)) return;
    // The const comes from the standard library itself (the top of a
    // std::priority_queue, a map's key): "make it non-const" cannot be
    // done, so name what can.
    const std::optional<ConstByStandard> fixed = const_by_standard(cast->getSubExpr());
    ctx.report.error(cast->getOperatorLoc(), kName,
                     "const_cast removes const, and writing through the result is undefined behaviour; " +
                         (fixed ? fixed->remedy : std::string("make the object (or the function taking it) non-const instead")))
        << cast->getSourceRange();
    if (fixed) ctx.report.note(fixed->where, fixed->why);
  } else if (const auto* cast = llvm::dyn_cast<clang::CXXStaticCastExpr>(&stmt)) {
    check_static_cast(*cast, ctx);
  } else if (const auto* cast = llvm::dyn_cast<clang::CStyleCastExpr>(&stmt)) {
    check_c_cast(*cast, cast->getLParenLoc(), cast->getRParenLoc(), ctx);
  } else if (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(&stmt)) {
    // `T{}` / `T{x}` is list-initialisation, not a cast ([expr.type.conv]):
    // a pointer or reference is initialised from `x` by an implicit
    // conversion only (no downcast, no const removed, no reinterpretation,
    // nothing narrowed), or made null from `{}`. absl's in_place_type_t<T>{}
    // tag is such a null function pointer. `T(x)`, with parentheses, is a
    // C-style cast and judged as one.
    if (cast->isListInitialization()) return;
    check_c_cast(*cast, {}, {}, ctx);
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt)) {
    check_pointer_cast_call(*call, ctx);
  }
}

/// While an instantiation is judged: a note where it is instantiated.
void UnsafeCast::note_instance(RuleContext& ctx) const {
  if (instance_ != nullptr) note_instantiation(*instance_, ctx);
}

}  // namespace meshwa::rules::unsafe_cast

namespace meshwa::rules {

std::unique_ptr<Rule> make_UnsafeCast() { return std::make_unique<unsafe_cast::UnsafeCast>(); }

}  // namespace meshwa::rules
