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
//   - std::as_writable_bytes (a writable std::byte view of any object)
// Accepted: dynamic_cast / std::dynamic_pointer_cast (checked), arithmetic
// and enum casts in any spelling, casts to class types (constructor calls),
// (void)x, std::bit_cast to a type without pointers (copies a value
// representation), std::as_bytes (reads only).
#include "Annotations.h"
#include "Rule.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

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
    if (const auto* cast = llvm::dyn_cast<clang::CXXReinterpretCastExpr>(&stmt)) {
      ctx.report.error(cast->getOperatorLoc(), kName,
                       "reinterpret_cast makes the compiler treat memory as an unrelated type; keep the "
                       "value's real type, use std::bit_cast to copy a value's bytes, or a std::variant")
          << cast->getSourceRange();
    } else if (const auto* cast = llvm::dyn_cast<clang::BuiltinBitCastExpr>(&stmt)) {
      // __builtin_bit_cast(T, v), what std::bit_cast is made of.
      const clang::FieldDecl* member = nullptr;
      if (holds_pointer(cast->getType(), member, 0)) {
        report_bit_cast("__builtin_bit_cast", cast->getType(), member, cast->getBeginLoc(), cast->getSourceRange(), ctx);
      }
    } else if (const auto* cast = llvm::dyn_cast<clang::CXXConstCastExpr>(&stmt)) {
      ctx.report.error(cast->getOperatorLoc(), kName,
                       "const_cast removes const, and writing through the result is undefined behaviour; "
                       "make the object (or the function taking it) non-const instead")
          << cast->getSourceRange();
    } else if (const auto* cast = llvm::dyn_cast<clang::CXXStaticCastExpr>(&stmt)) {
      check_static_cast(*cast, ctx);
    } else if (const auto* cast = llvm::dyn_cast<clang::CStyleCastExpr>(&stmt)) {
      check_c_cast(*cast, cast->getLParenLoc(), cast->getRParenLoc(), ctx);
    } else if (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(&stmt)) {
      check_c_cast(*cast, {}, {}, ctx);
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt)) {
      check_pointer_cast_call(*call, ctx);
    }
  }

 private:
  void check_static_cast(const clang::CXXStaticCastExpr& e, RuleContext& ctx) {
    switch (e.getCastKind()) {
      case clang::CK_BaseToDerived:
      case clang::CK_BaseToDerivedMemberPointer:
        ctx.report.error(e.getOperatorLoc(), kName,
                         "static_cast down a class hierarchy is unchecked: the object may not be of the "
                         "derived type; use dynamic_cast and test the result, or a virtual function")
            << e.getSourceRange();
        break;
      case clang::CK_BitCast:  // void* -> T*
        ctx.report.error(e.getOperatorLoc(), kName,
                         "static_cast from a void pointer is unchecked: the memory may hold another type; "
                         "keep the real type (a template, std::variant or std::any) instead")
            << e.getSourceRange();
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
      return;
    }
    ctx.report.error(e.getBeginLoc(), kName,
                     "this C-style cast of a pointer or reference acts as an unchecked reinterpret_cast, "
                     "const_cast or downcast; keep the real type, or use dynamic_cast for a checked downcast")
        << e.getSourceRange();
    ctx.report.note(e.getSubExpr()->getExprLoc(),
                    ("casting from '" + from.getAsString(ctx.ast.getPrintingPolicy()) + "' to '" +
                     to.getAsString(ctx.ast.getPrintingPolicy()) + "'"));
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
      ctx.report.error(call.getBeginLoc(), kName,
                       "std::as_writable_bytes lets every byte of the objects be overwritten (their pointers "
                       "and invariants included), as a reinterpret_cast to std::byte* does; assign whole values, "
                       "or build the bytes in a std::array<std::byte, N> and std::bit_cast them into a value")
          << call.getSourceRange();
      return;
    }
    if (fn != "static_pointer_cast" && fn != "const_pointer_cast" && fn != "reinterpret_pointer_cast") return;
    if (!callee->isInStdNamespace()) return;
    ctx.report.error(call.getBeginLoc(), kName,
                     ("std::" + fn + " is unchecked like the cast it is named after; use "
                      "std::dynamic_pointer_cast and test the result")
                         .str())
        << call.getSourceRange();
  }

  void check_bit_cast(const clang::CallExpr& call, RuleContext& ctx) {
    clang::QualType to = call.getType();
    const clang::FieldDecl* member = nullptr;
    if (!holds_pointer(to, member, 0)) return;
    // The type as the user wrote it (std::string_view, not basic_string_view<char>).
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(call.getCallee()->IgnoreImplicit())) {
      if (ref->getNumTemplateArgs() > 0 && ref->template_arguments()[0].getArgument().getKind() ==
                                               clang::TemplateArgument::Type) {
        to = ref->template_arguments()[0].getArgument().getAsType();
      }
    }
    report_bit_cast("std::bit_cast", to, member, call.getBeginLoc(), call.getSourceRange(), ctx);
  }

  void report_bit_cast(llvm::StringRef what, clang::QualType to, const clang::FieldDecl* member,
                       clang::SourceLocation loc, clang::SourceRange range, RuleContext& ctx) {
    const std::string type = to.getAsString(ctx.ast.getPrintingPolicy());
    ctx.report.error(loc, kName,
                     (what + " to '" + type +
                      "' makes a pointer out of plain bytes, as reinterpret_cast does; keep the pointer, "
                      "reference or view the bytes came from, or an index into its container")
                         .str())
        << range;
    if (member != nullptr) {
      // At the cast: the member may be in a library header.
      ctx.report.note(loc, "'" + type + "' holds a pointer: member '" + member->getNameAsString() + "'");
    }
  }

  /// A pointer, reference or member pointer, or a class or array holding one
  /// (`member` names the first pointer member found in a class).
  static bool holds_pointer(clang::QualType t, const clang::FieldDecl*& member, int depth) {
    if (t.isNull() || depth > 8) return false;
    t = t.getCanonicalType();
    if (t->isAnyPointerType() || t->isReferenceType() || t->isMemberPointerType()) return true;
    if (const clang::ArrayType* array = t->getAsArrayTypeUnsafe()) {
      return holds_pointer(array->getElementType(), member, depth + 1);
    }
    const clang::CXXRecordDecl* rd = t->getAsCXXRecordDecl();
    if (rd == nullptr || !rd->hasDefinition()) return false;
    rd = rd->getDefinition();
    for (const clang::FieldDecl* f : rd->fields()) {
      const clang::FieldDecl* inner = nullptr;
      if (holds_pointer(f->getType(), inner, depth + 1)) {
        member = inner != nullptr ? inner : f;
        return true;
      }
    }
    for (const clang::CXXBaseSpecifier& base : rd->bases()) {
      if (holds_pointer(base.getType(), member, depth + 1)) return true;
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> make_UnsafeCast() { return std::make_unique<UnsafeCast>(); }

}  // namespace meshwa::rules
