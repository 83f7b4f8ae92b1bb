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
#include "LeastDepth.h"
#include "Annotations.h"
#include "Flow.h"
#include "Instantiations.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <map>
#include <optional>
#include <set>

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "unsafe-cast";

bool is_pointer_like(clang::QualType t) {
  return !t.isNull() && (t->isAnyPointerType() || t->isReferenceType() || t->isMemberPointerType());
}

/// A C-style cast that does exactly what static_cast would, safely: an
/// upcast, adding const, a null pointer. Rewriting it is behaviour-preserving.
bool is_safe_static_conversion(const clang::CastExpr& e) {
  switch (e.getCastKind()) {
    case clang::CK_DerivedToBase:
    case clang::CK_UncheckedDerivedToBase:
    case clang::CK_NullToPointer:
    case clang::CK_NullToMemberPointer:
      return true;
    case clang::CK_NoOp: {
      // Adding qualifiers only (a const_cast would remove them).
      const clang::QualType to = e.getType();
      const clang::QualType from = e.getSubExpr()->getType();
      if (to->isPointerType() && from->isPointerType()) {
        return to->getPointeeType().isAtLeastAsQualifiedAs(from->getPointeeType());
      }
      return to.isAtLeastAsQualifiedAs(from);
    }
    default:
      return false;
  }
}

class UnsafeCast final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
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

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&decl)) check_crtp_bases(*record, ctx);
  }

  /// A cast in a template whose types depend on a template parameter is
  /// judged in each instantiation: `std::bit_cast<To>(x)` forges a view for
  /// To = std::string_view, `static_cast<To&>(f)` is a downcast for a derived
  /// To. Reported once, at the template.
  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override {
    const auto cast_at = [](const clang::Stmt& s) {
      return llvm::isa<clang::CXXStaticCastExpr, clang::CStyleCastExpr, clang::CXXFunctionalCastExpr,
                       clang::BuiltinBitCastExpr, clang::CallExpr>(s)
                 ? s.getBeginLoc()
                 : clang::SourceLocation();
    };
    for_each_instantiated(pattern, cast_at, [&](const clang::FunctionDecl& instance, const clang::Stmt& s) {
      const clang::SourceLocation loc = s.getBeginLoc();
      if (reported_.count(loc) || ctx.service_code.in_foreign_macro(s)) return;
      instance_ = &instance;
      const unsigned before = ctx.report.error_count();
      judge(s, ctx);
      if (ctx.report.error_count() != before) reported_.insert(loc);
      instance_ = nullptr;
    });
  }

 private:
  void judge(const clang::Stmt& stmt, RuleContext& ctx) {
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

  /// A reinterpret_cast to the type its operand already has (pointers: to
  /// the same pointee type, possibly with const / volatile added).
  static bool is_identity_cast(const clang::CXXReinterpretCastExpr& cast, const clang::ASTContext& ast) {
    if (cast.getCastKind() == clang::CK_NoOp) return true;
    const clang::QualType to = cast.getType();
    const clang::QualType from = cast.getSubExpr()->getType();
    if (!to->isPointerType() || !from->isPointerType()) return false;
    const clang::QualType to_pointee = to->getPointeeType();
    const clang::QualType from_pointee = from->getPointeeType();
    return ast.hasSameUnqualifiedType(to_pointee, from_pointee) &&
           to_pointee.isAtLeastAsQualifiedAs(from_pointee);
  }

  /// `const_cast<const T&>(x)`, `const_cast<const T*>(p)`: qualifiers only
  /// added to what the result refers or points to, one level deep, is
  /// std::as_const by another name (the call of a const overload from its
  /// non-const twin); nothing can be written through it. Not deeper:
  /// `int**` to `const int**` lets a `const int*` be stored into an `int*`.
  static bool only_adds_const(const clang::CXXConstCastExpr& cast, const clang::ASTContext& ast) {
    const clang::QualType to = cast.getTypeAsWritten();
    const clang::QualType from = cast.getSubExpr()->getType();
    // In a template `const_cast<const T&>(x)` with `T& x` compares as
    // written: adding const to T adds it in every instantiation.
    if (to.isNull() || from.isNull()) return false;
    clang::QualType to_object;
    clang::QualType from_object;
    if (to->isReferenceType()) {
      to_object = to->getPointeeType();
      from_object = from.getNonReferenceType();
    } else if (to->isPointerType() && from->isPointerType()) {
      to_object = to->getPointeeType();
      from_object = from->getPointeeType();
    } else {
      return false;
    }
    return ast.hasSameUnqualifiedType(to_object, from_object) && to_object.isAtLeastAsQualifiedAs(from_object);
  }

  /// Where a const that no code of the service can remove comes from, and
  /// what to write instead.
  struct ConstByStandard {
    std::string remedy;
    clang::SourceLocation where;
    std::string why;
  };

  /// `const_cast<T&>(q.top())` on a std::priority_queue (the usual trick to
  /// move a move-only element out before pop()): top() is const by the
  /// standard, because the heap's order depends on the element; the
  /// working form is a std::vector kept as a heap. `const_cast<K&>(it->first)`
  /// on a map's element: the key is const by the standard (the map's order
  /// or hash depends on it); the working form is extract() and insert().
  static std::optional<ConstByStandard> const_by_standard(const clang::Expr* operand) {
    if (operand == nullptr) return std::nullopt;
    operand = operand->IgnoreParenImpCasts();
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(operand)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "top" ||
          !is_std_class(method->getParent(), {"priority_queue"})) {
        return std::nullopt;
      }
      return ConstByStandard{
          "std::priority_queue::top() is const by the standard (the heap's order depends on the element), so no "
          "code can make it non-const; keep the elements in a std::vector used as a heap instead: add with "
          "v.push_back(std::move(x)) and std::push_heap(v.begin(), v.end(), cmp), take the top with "
          "std::pop_heap(v.begin(), v.end(), cmp), then std::move(v.back()) and v.pop_back()",
          call->getExprLoc(), "'top()' of a std::priority_queue returns a const reference"};
    }
    // it->first, p.first of a std::pair<const K, V> that a map holds.
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(operand);
    if (member == nullptr || member->getMemberDecl()->getIdentifier() == nullptr ||
        member->getMemberDecl()->getName() != "first") {
      return std::nullopt;
    }
    // A field (`s.first` may also name a static data member).
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    const auto* pair = field != nullptr ? llvm::dyn_cast<clang::CXXRecordDecl>(field->getParent()) : nullptr;
    if (!is_std_class(pair, {"pair"})) return std::nullopt;
    const clang::QualType key = first_type_argument(pair);
    if (key.isNull() || !key.isConstQualified()) return std::nullopt;
    return ConstByStandard{
        "the key of a map's element (a std::pair<const K, V>) is const by the standard (the map's order or hash depends on it); to change a key, take the "
        "element out and put it back: auto node = m.extract(it), change node.key(), then m.insert(std::move(node))",
        member->getMemberLoc(), "'first' of a map's element is its const key"};
  }

  void check_static_cast(const clang::CXXStaticCastExpr& e, RuleContext& ctx) {
    switch (e.getCastKind()) {
      // `static_cast<int Base::*>(&Derived::y)`: a member of Derived offered
      // as one of every Base; `b.*m` on a Base that is no Derived reaches
      // outside it. (The other way, Base's member as Derived's, is implicit.)
      case clang::CK_DerivedToBaseMemberPointer:
        ctx.report.error(e.getOperatorLoc(), kName,
                         "static_cast of a member pointer to the base class is unchecked: applied to an object "
                         "that is not of the derived type, it reaches outside it; read the member through the "
                         "derived object (dynamic_cast it first), or a virtual function")
            << e.getSourceRange();
        note_instance(ctx);
        break;
      case clang::CK_BaseToDerived:
        if (is_crtp_self_cast(e)) break;
        ctx.report.error(e.getOperatorLoc(), kName,
                         "static_cast down a class hierarchy is unchecked: the object may not be of the "
                         "derived type; use dynamic_cast and test the result, or a virtual function")
            << e.getSourceRange();
        note_instance(ctx);
        if (const auto shape = crtp_shape(e)) {
          const clang::ClassTemplateDecl* tmpl = shape->first->getSpecializedTemplate();
          const std::string param = tmpl->getTemplateParameters()->getParam(shape->second)->getNameAsString();
          ctx.report.note(e.getOperatorLoc(),
                          "a CRTP cast: give '" + tmpl->getNameAsString() + "' a member that casts *this to '" + param +
                              "' (`const " + param + "& derived() const { return static_cast<const " + param +
                              "&>(*this); }`) and call it here; that cast is accepted, and a class deriving from '" +
                              tmpl->getNameAsString() + "' with another argument is then rejected");
        }
        break;
      case clang::CK_BitCast:  // void* -> T*
        ctx.report.error(e.getOperatorLoc(), kName,
                         "static_cast from a void pointer is unchecked: the memory may hold another type; "
                         "keep the real type (a template, std::variant or std::any) instead")
            << e.getSourceRange();
        note_instance(ctx);
        break;
      default:
        break;
    }
  }

  void check_c_cast(const clang::ExplicitCastExpr& e, clang::SourceLocation lparen, clang::SourceLocation rparen,
                    RuleContext& ctx) {
    const clang::QualType to = e.getTypeAsWritten();
    const clang::QualType from = e.getSubExpr()->getType();
    if (!is_pointer_like(to) && !is_pointer_like(from)) return;
    if (e.getCastKind() == clang::CK_ToVoid) return;  // (void)p: discards the value
    if (to->isBooleanType()) return;                    // bool(p): a null test
    if (is_safe_static_conversion(e)) {
      suggest_static_cast(e, lparen, rparen, ctx);
      note_instance(ctx);
      return;
    }
    ctx.report.error(e.getBeginLoc(), kName,
                     "this C-style cast of a pointer or reference acts as an unchecked reinterpret_cast, "
                     "const_cast or downcast; keep the real type, or use dynamic_cast for a checked downcast")
        << e.getSourceRange();
    ctx.report.note(e.getSubExpr()->getExprLoc(),
                    ("casting from '" + from.getAsString(ctx.ast.getPrintingPolicy()) + "' to '" +
                     to.getAsString(ctx.ast.getPrintingPolicy()) + "'"));
    note_instance(ctx);
  }

  void suggest_static_cast(const clang::ExplicitCastExpr& e, clang::SourceLocation lparen,
                           clang::SourceLocation rparen, RuleContext& ctx) {
    const clang::QualType to = e.getTypeAsWritten();
    {
      auto diag = ctx.report.error(e.getBeginLoc(), kName,
                                   "a C-style cast of a pointer or reference can silently become a "
                                   "reinterpret_cast or const_cast; write static_cast<T>(...), which "
                                   "does the same conversion here and nothing worse")
                  << e.getSourceRange();
      // (T)x -> static_cast<T>(x): only for the parenthesised form, where
      // both parentheses are real tokens outside macros.
      if (lparen.isValid() && rparen.isValid() && !lparen.isMacroID() && !rparen.isMacroID() &&
          !e.getSubExpr()->getBeginLoc().isMacroID() && !e.getSubExpr()->getEndLoc().isMacroID()) {
        const clang::SourceLocation end =
            clang::Lexer::getLocForEndOfToken(e.getSubExpr()->getEndLoc(), 0, ctx.sources(), ctx.lang());
        // The type as the user spelled it: the text between the parentheses
        // (TypeLoc ranges leave out qualifiers such as a leading const).
        std::string type_text =
            clang::Lexer::getSourceText(
                clang::CharSourceRange::getCharRange(lparen.getLocWithOffset(1), rparen), ctx.sources(), ctx.lang())
                .trim()
                .str();
        if (type_text.empty()) type_text = to.getAsString(ctx.ast.getPrintingPolicy());
        diag << clang::FixItHint::CreateReplacement(
                    clang::CharSourceRange::getCharRange(lparen, rparen.getLocWithOffset(1)),
                    "static_cast<" + type_text + ">(")
             << clang::FixItHint::CreateInsertion(end, ")");
      }
    }
  }

  void check_pointer_cast_call(const clang::CallExpr& call, RuleContext& ctx) {
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
  static clang::QualType element_type(clang::QualType smart) {
    return first_type_argument(smart.isNull() ? nullptr : smart.getNonReferenceType()->getAsCXXRecordDecl());
  }

  /// The std::static_pointer_cast / std::const_pointer_cast an implicit
  /// conversion would do: to a base of the element (or the same type), or
  /// to void, with at least its qualifiers (`std::static_pointer_cast<Base>`
  /// of a std::shared_ptr<Derived>); adding const
  /// (`std::const_pointer_cast<const T>`). Never a downcast or a const
  /// removed.
  static bool is_safe_pointer_cast(llvm::StringRef fn, clang::QualType to, clang::QualType from,
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

  static bool is_coroutine_handle_member(const clang::FunctionDecl& fn) {
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
    if (method == nullptr) return false;
    const clang::CXXRecordDecl* record = method->getParent();
    return record->getIdentifier() != nullptr && record->getName() == "coroutine_handle" &&
           record->isInStdNamespace();
  }

  /// The promise type P of std::coroutine_handle<P>, or nullptr.
  static const clang::CXXRecordDecl* promise_of(const clang::CXXMethodDecl& member) {
    const clang::QualType promise = first_type_argument(member.getParent());
    return promise.isNull() ? nullptr : promise->getAsCXXRecordDecl();
  }

  /// coroutine_handle<P>::from_promise(p) computes the frame's address from
  /// p's: on a P that is not in a coroutine frame, resume() calls through
  /// whatever lies before it. Accepted as from_promise(*this) in a member
  /// function of P (get_return_object); P objects made in service code are
  /// rejected (check_promise_object). from_address makes a handle from any
  /// address.
  void check_coroutine_handle_factory(const clang::CallExpr& call, const clang::CXXMethodDecl& callee,
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
    const clang::FunctionDecl* fn = instance_ != nullptr ? instance_ : ctx.enclosing_function();
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
  bool makes_handles_from_this(const clang::CXXRecordDecl* record) {
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
  void check_promise_object(const clang::Expr& e, RuleContext& ctx) {
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

  void check_bit_cast(const clang::CallExpr& call, RuleContext& ctx) {
    if (call.getNumArgs() != 1) return;
    clang::QualType to = call.getType();
    // The type as the user wrote it (std::string_view, not basic_string_view<char>).
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(call.getCallee()->IgnoreImplicit())) {
      if (ref->getNumTemplateArgs() > 0 && ref->template_arguments()[0].getArgument().getKind() ==
                                               clang::TemplateArgument::Type) {
        to = ref->template_arguments()[0].getArgument().getAsType();
      }
    }
    judge_bit_cast("std::bit_cast", to, call.getArg(0)->getType(), call.getBeginLoc(), call.getSourceRange(), ctx);
  }

  /// A bit_cast may copy bytes into a value of any type whose every bit
  /// pattern is a value. A pointer is not made of bytes (provenance), and a
  /// bool has two values in 256 patterns: clang loads a bool with the range
  /// [0, 2) promised, so `table[b]`'s bounds check can be folded away.
  void judge_bit_cast(llvm::StringRef what, clang::QualType to, clang::QualType from, clang::SourceLocation loc,
                      clang::SourceRange range, RuleContext& ctx) {
    const std::string type = to.getAsString(ctx.ast.getPrintingPolicy());
    const clang::FieldDecl* member = nullptr;
    if (holds(to, is_pointer_like, member)) {
      ctx.report.error(loc, kName,
                       (what + " to '" + type +
                        "' makes a pointer out of plain bytes, as reinterpret_cast does; keep the pointer, "
                        "reference or view the bytes came from, or an index into its container")
                           .str())
          << range;
      // At the cast: the member may be in a library header.
      if (member != nullptr) ctx.report.note(loc, "'" + type + "' holds a pointer: member '" + member->getNameAsString() + "'");
      note_instance(ctx);
      return;
    }
    // The same type on both sides copies a value that is already valid.
    if (!from.isNull() && ctx.ast.hasSameUnqualifiedType(to.getCanonicalType(), from.getCanonicalType())) return;
    member = nullptr;
    if (holds(to, is_bool_like, member)) {
      ctx.report.error(loc, kName,
                       (what + " to '" + type +
                        "' can make a bool out of a byte that is neither 0 nor 1, which the compiler assumes "
                        "never happens (an index with it can pass its bounds check); convert the byte instead "
                        "(`bool b = byte != 0;`) and build the value from its fields")
                           .str())
          << range;
      if (member != nullptr) ctx.report.note(loc, "'" + type + "' holds a bool: member '" + member->getNameAsString() + "'");
      note_instance(ctx);
    }
  }

  /// While an instantiation is judged: a note where it is instantiated.
  void note_instance(RuleContext& ctx) const {
    if (instance_ != nullptr) note_instantiation(*instance_, ctx);
  }

  // --- CRTP ---

  /// The indices of the class template's type parameters D that a member
  /// function casts *this (or this) to: `static_cast<D&>(*this)`.
  const std::map<unsigned, clang::SourceLocation>& crtp_params(const clang::ClassTemplateDecl* tmpl) {
    tmpl = tmpl->getCanonicalDecl();
    auto [it, added] = crtp_params_.try_emplace(tmpl);
    if (!added) return it->second;
    std::map<unsigned, clang::SourceLocation> found;
    const clang::CXXRecordDecl* pattern = tmpl->getTemplatedDecl();
    const clang::TemplateParameterList* params = tmpl->getTemplateParameters();
    // A parameter the class derives from (`template <class B> class Sub :
    // public B`): casting *this to it is an upcast, always right.
    std::set<unsigned> bases;
    if (pattern != nullptr && pattern->hasDefinition()) {
      for (const clang::CXXBaseSpecifier& base : pattern->getDefinition()->bases()) {
        const auto* parm = base.getType()->getAs<clang::TemplateTypeParmType>();
        if (parm != nullptr && parm->getDepth() == params->getDepth()) bases.insert(parm->getIndex());
      }
    }
    if (pattern != nullptr && pattern->hasDefinition()) {
      for (const clang::CXXMethodDecl* method : pattern->getDefinition()->methods()) {
        const clang::FunctionDecl* def = definition_with_body(method);
        if (def == nullptr) continue;
        flow::contains(def->getBody(), [&](const clang::Stmt& s) {
          const auto* cast = llvm::dyn_cast<clang::CXXStaticCastExpr>(&s);
          if (cast == nullptr || !is_this(cast->getSubExpr())) return false;
          clang::QualType to = cast->getTypeAsWritten();
          if (to->isReferenceType() || to->isPointerType()) to = to->getPointeeType();
          const auto* parm = to->getAs<clang::TemplateTypeParmType>();
          if (parm == nullptr || parm->getDepth() != params->getDepth()) return false;
          const unsigned index = parm->getIndex();
          if (index < params->size() && llvm::isa<clang::TemplateTypeParmDecl>(params->getParam(index)) &&
              bases.count(index) == 0) {
            found.emplace(index, cast->getOperatorLoc());
          }
          return false;
        });
      }
    }
    it = crtp_params_.find(tmpl);
    it->second = std::move(found);
    return it->second;
  }

  /// `this` or `*this`, through parentheses and implicit casts.
  static bool is_this(const clang::Expr* e) {
    e = e->IgnoreParenImpCasts();
    if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(e); deref && deref->getOpcode() == clang::UO_Deref) {
      e = deref->getSubExpr()->IgnoreParenImpCasts();
    }
    return llvm::isa<clang::CXXThisExpr>(e);
  }

  /// static_cast<D&>(*this) in a member of Base<D>, D the template argument
  /// and a class deriving directly from Base<D>: the object is a D, because
  /// every other class deriving from Base<D>, and a Base<D> of its own, are
  /// rejected (check_crtp_bases, check_crtp_object).
  bool is_crtp_self_cast(const clang::CXXStaticCastExpr& e) {
    if (!is_this(e.getSubExpr())) return is_crtp_object_cast(e);
    const auto* self = llvm::dyn_cast<clang::CXXThisExpr>(
        [&] {
          const clang::Expr* sub = e.getSubExpr()->IgnoreParenImpCasts();
          if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(sub)) sub = deref->getSubExpr()->IgnoreParenImpCasts();
          return sub;
        }());
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
        self->getType()->getPointeeCXXRecordDecl());
    if (spec == nullptr) return false;
    clang::QualType to = e.getTypeAsWritten();
    if (to->isReferenceType() || to->isPointerType()) to = to->getPointeeType();
    const auto* subst = to->getAs<clang::SubstTemplateTypeParmType>();
    if (subst == nullptr || subst->getAssociatedDecl() == nullptr ||
        subst->getAssociatedDecl()->getCanonicalDecl() != spec->getCanonicalDecl()) {
      return false;
    }
    const unsigned index = subst->getIndex();
    if (!crtp_params(spec->getSpecializedTemplate()).count(index)) return false;
    const clang::CXXRecordDecl* derived = to->getAsCXXRecordDecl();
    if (derived == nullptr || !derived->hasDefinition()) return false;
    const clang::TemplateArgumentList& args = spec->getTemplateArgs();
    if (index >= args.size() || args[index].getKind() != clang::TemplateArgument::Type ||
        args[index].getAsType()->getAsCXXRecordDecl() != derived) {
      return false;
    }
    for (const clang::CXXBaseSpecifier& base : derived->getDefinition()->bases()) {
      const clang::CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
      if (b != nullptr && b->getCanonicalDecl() == spec->getCanonicalDecl()) return true;
    }
    return false;
  }

  /// static_cast<const D&>(b) of any `Base<D>` object b to D, where Base<D>
  /// itself casts *this to D: the expression-template operator
  /// `operator+(const Expr<L>& l, ...)` casting `l` to `const L&` (Eigen,
  /// Blaze). The same guarantee as the cast of *this: every class deriving
  /// from Base<D> other than D, and every Base<D> of its own, are rejected.
  bool is_crtp_object_cast(const clang::CXXStaticCastExpr& e) {
    const auto shape = crtp_shape(e);
    return shape && crtp_params(shape->first->getSpecializedTemplate()).count(shape->second) != 0;
  }

  /// For a cast of a `Base<..., D, ...>` object to D where D derives
  /// directly from that Base: the Base and the index of D among its
  /// arguments.
  static std::optional<std::pair<const clang::ClassTemplateSpecializationDecl*, unsigned>> crtp_shape(
      const clang::CXXStaticCastExpr& e) {
    clang::QualType from = e.getSubExpr()->IgnoreParenImpCasts()->getType();
    clang::QualType to = e.getTypeAsWritten();
    if (to->isPointerType()) {
      if (!from->isPointerType()) return std::nullopt;
      from = from->getPointeeType();
    }
    if (to->isReferenceType() || to->isPointerType()) to = to->getPointeeType();
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(from->getAsCXXRecordDecl());
    const clang::CXXRecordDecl* derived = to->getAsCXXRecordDecl();
    if (spec == nullptr || derived == nullptr || !derived->hasDefinition()) return std::nullopt;
    bool direct = false;
    for (const clang::CXXBaseSpecifier& base : derived->getDefinition()->bases()) {
      const clang::CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
      direct = direct || (b != nullptr && b->getCanonicalDecl() == spec->getCanonicalDecl());
    }
    if (!direct) return std::nullopt;
    const clang::TemplateArgumentList& args = spec->getTemplateArgs();
    for (unsigned index = 0; index < args.size(); ++index) {
      if (args[index].getKind() != clang::TemplateArgument::Type) continue;
      const clang::CXXRecordDecl* named = args[index].getAsType()->getAsCXXRecordDecl();
      if (named != nullptr && named->getCanonicalDecl() == derived->getCanonicalDecl()) return std::pair{spec, index};
    }
    return std::nullopt;
  }

  /// The class template and arguments of a base written `Base<X>`
  /// (instantiated, or dependent in a template).
  static const clang::ClassTemplateDecl* template_of(clang::QualType type,
                                                     llvm::SmallVectorImpl<clang::TemplateArgument>& args) {
    if (const auto* spec =
            llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl())) {
      if (llvm::isa<clang::ClassTemplatePartialSpecializationDecl>(spec)) return nullptr;
      for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) args.push_back(arg);
      return spec->getSpecializedTemplate();
    }
    if (const auto* tst = type->getAs<clang::TemplateSpecializationType>()) {
      const auto* tmpl =
          llvm::dyn_cast_or_null<clang::ClassTemplateDecl>(tst->getTemplateName().getAsTemplateDecl());
      if (tmpl == nullptr) return nullptr;
      for (const clang::TemplateArgument& arg : tst->template_arguments()) args.push_back(arg);
      return tmpl;
    }
    return nullptr;
  }

  /// `struct Small : Base<Big>` where Base<D> casts *this to D: a Small is
  /// no Big.
  void check_crtp_bases(const clang::CXXRecordDecl& record, RuleContext& ctx) {
    if (!record.isThisDeclarationADefinition()) return;
    for (const clang::CXXBaseSpecifier& base : record.bases()) {
      llvm::SmallVector<clang::TemplateArgument, 4> args;
      const clang::ClassTemplateDecl* tmpl = template_of(base.getType(), args);
      if (tmpl == nullptr) continue;
      for (const auto& [index, cast_loc] : crtp_params(tmpl)) {
        if (index >= args.size() || args[index].getKind() != clang::TemplateArgument::Type) continue;
        const clang::QualType arg = args[index].getAsType();
        const clang::CXXRecordDecl* named = arg->getAsCXXRecordDecl();
        if (named != nullptr && named->getCanonicalDecl() == record.getCanonicalDecl()) continue;
        const clang::PrintingPolicy& policy = ctx.ast.getPrintingPolicy();
        const std::string base_name = base.getType().getAsString(policy);
        const std::string arg_name = arg.getAsString(policy);
        ctx.report.error(base.getBeginLoc(), kName,
                         "'" + record.getNameAsString() + "' derives from '" + base_name +
                             "', whose member functions static_cast *this to '" + arg_name +
                             "': on a '" + record.getNameAsString() + "' they treat the object as a '" + arg_name +
                             "' it is not; pass the deriving class itself as the argument ('" +
                             tmpl->getNameAsString() + "<" + record.getNameAsString() + ">')")
            << base.getSourceRange();
        ctx.report.note(cast_loc, "'" + tmpl->getNameAsString() + "' casts *this to its parameter '" +
                                                 tmpl->getTemplateParameters()->getParam(index)->getNameAsString() +
                                                 "' here");
        break;
      }
    }
  }

  /// `Base<D> b;` (or a copy sliced out of a D) where Base<D> casts *this
  /// to D: the object is no D.
  void check_crtp_object(const clang::CXXConstructExpr& construct, RuleContext& ctx) {
    if (construct.getConstructionKind() != clang::CXXConstructionKind::Complete) return;
    const auto* spec =
        llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(construct.getType()->getAsCXXRecordDecl());
    if (spec == nullptr || llvm::isa<clang::ClassTemplatePartialSpecializationDecl>(spec)) return;
    const auto& params = crtp_params(spec->getSpecializedTemplate());
    if (params.empty()) return;
    const clang::PrintingPolicy& policy = ctx.ast.getPrintingPolicy();
    const clang::TemplateArgumentList& args = spec->getTemplateArgs();
    const unsigned index = params.begin()->first;
    if (index >= args.size() || args[index].getKind() != clang::TemplateArgument::Type) return;
    const std::string type = construct.getType().getUnqualifiedType().getAsString(policy);
    const std::string arg = args[index].getAsType().getAsString(policy);
    ctx.report.error(construct.getBeginLoc(), kName,
                     "a '" + type + "' object of its own (or sliced out of a '" + arg +
                         "'): its member functions static_cast *this to '" + arg +
                         "', which it is not; create a '" + arg + "' instead")
        << construct.getSourceRange();
  }

  /// A pointer, reference or member pointer, or a class or array holding one
  /// (`member` names the first pointer member found in a class).
  /// bool, and an enum whose underlying type is bool (`enum class Flag : bool`).
  static bool is_bool_like(clang::QualType t) {
    if (t->isBooleanType()) return true;
    if (const auto* e = t->getAs<clang::EnumType>()) {
      const clang::EnumDecl* decl = e->getDecl();
      return decl->isFixed() && decl->getIntegerType()->isBooleanType();
    }
    return false;
  }

  /// The element type T of `std::as_writable_bytes<T, N>`; null if unknown.
  static clang::QualType written_element(const clang::FunctionDecl& callee) {
    const clang::TemplateArgumentList* args = callee.getTemplateSpecializationArgs();
    if (args == nullptr || args->size() == 0 || args->get(0).getKind() != clang::TemplateArgument::Type) return {};
    return args->get(0).getAsType();
  }

  /// Elements whose every byte pattern is a value with nothing to break:
  /// numbers, characters, std::byte, and trivially copyable classes and
  /// arrays of only those (a packet header of std::uint32_t fields).
  /// Writing their bytes is std::bit_cast into them, which is accepted
  /// for such types; a pointer, a reference, a bool, an enum (a value it
  /// cannot have) or a vtable pointer anywhere inside is not.
  static bool any_bytes_make_a_value(clang::QualType element, RuleContext& ctx) {
    if (element.isNull() || element->isDependentType() || element->isIncompleteType() ||
        !element.isTriviallyCopyableType(ctx.ast)) {
      return false;
    }
    const clang::FieldDecl* member = nullptr;
    return !holds(element, not_plain_bytes, member);
  }

  static bool not_plain_bytes(clang::QualType t) {
    if (is_pointer_like(t) || t->isBooleanType()) return true;
    if (const auto* e = t->getAs<clang::EnumType>()) return !is_std_byte(*e->getDecl());
    const clang::CXXRecordDecl* rd = t->getAsCXXRecordDecl();
    return rd != nullptr && rd->hasDefinition() && rd->getDefinition()->isPolymorphic();
  }

  /// std::byte: an enum class over unsigned char whose every value is one.
  static bool is_std_byte(const clang::EnumDecl& e) {
    return e.getIdentifier() != nullptr && e.getName() == "byte" && e.isInStdNamespace();
  }

  /// Whether `t`, an array element, a member or a base of it (at any depth)
  /// is a `leaf`; `member` is then the innermost member found.
  static bool holds(clang::QualType t, bool (*leaf)(clang::QualType), const clang::FieldDecl*& member) {
    LeastDepth searched;
    return holds(t, leaf, member, 0, searched);
  }

  /// `searched`: a struct of eight fields of a struct of eight fields, and so
  /// on, has 8^depth member paths but depth types (LeastDepth.h).
  static bool holds(clang::QualType t, bool (*leaf)(clang::QualType), const clang::FieldDecl*& member, int depth,
                    LeastDepth& searched) {
    if (t.isNull() || depth > 8) return false;
    t = t.getCanonicalType();
    if (!searched.worth_walking(t.getTypePtr(), depth)) return false;
    if (leaf(t)) return true;
    if (const clang::ArrayType* array = t->getAsArrayTypeUnsafe()) {
      return holds(array->getElementType(), leaf, member, depth + 1, searched);
    }
    const clang::CXXRecordDecl* rd = t->getAsCXXRecordDecl();
    if (rd == nullptr || !rd->hasDefinition()) return false;
    rd = rd->getDefinition();
    for (const clang::FieldDecl* f : rd->fields()) {
      const clang::FieldDecl* inner = nullptr;
      if (holds(f->getType(), leaf, inner, depth + 1, searched)) {
        member = inner != nullptr ? inner : f;
        return true;
      }
    }
    for (const clang::CXXBaseSpecifier& base : rd->bases()) {
      if (holds(base.getType(), leaf, member, depth + 1, searched)) return true;
    }
    return false;
  }

  const clang::FunctionDecl* instance_ = nullptr;      // the instantiation being judged, if any
  std::set<clang::SourceLocation> reported_;            // template casts reported, across instantiations
  std::map<const clang::CXXRecordDecl*, bool> promise_types_;  // makes_handles_from_this, per class
  // Per class template: the parameters D of static_cast<D&>(*this), and where.
  std::map<const clang::ClassTemplateDecl*, std::map<unsigned, clang::SourceLocation>> crtp_params_;
};

}  // namespace

std::unique_ptr<Rule> make_UnsafeCast() { return std::make_unique<UnsafeCast>(); }

}  // namespace meshwa::rules
