// meshwa-unsafe-cast: the cast expressions: reinterpret_cast, const_cast
// (with the remedy where the standard library made the object const),
// static_cast downcasts and from void*, C-style and functional casts
// (judged as what they do, with a static_cast fix-it where that is safe).
#include "UnsafeCast/UnsafeCast.h"
#include "Annotations.h"
#include "TypeUtil.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace meshwa::rules::unsafe_cast {

namespace {

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

/// A cast to its operand's own type, qualifiers added at most: a reference
/// to it (`(T&&)x`, `(const T&)x` with `T& x`), or a pointer to what a
/// pointer operand points to. Decided on the types as written, so in a
/// template it holds for every instantiation.
bool converts_to_own_type(clang::QualType to, clang::QualType from, const clang::ASTContext& ast) {
  if (to->isReferenceType()) {
    to = to.getNonReferenceType();
    from = from.getNonReferenceType();
  } else if (to->isPointerType() && from->isPointerType()) {
    to = to->getPointeeType();
    from = from->getPointeeType();
  } else {
    return false;
  }
  return ast.hasSameUnqualifiedType(to, from) && to.isAtLeastAsQualifiedAs(from);
}

/// A class type as written: a class, or a specialization of a class
/// template even when its arguments depend on a template parameter
/// (`std::unique_ptr<T>`). `C(x)` / `(C)x` to it constructs a C (or calls a
/// conversion operator): nothing is reinterpreted, no const removed, no
/// class hierarchy walked down, whatever `x` is. Outside templates clang
/// shows that as the construction it is; in a template pattern with a
/// dependent operand (`std::unique_ptr<Base>(new Derived(args...))`) the
/// cast kind is only "dependent", and the operand's pointer type made the
/// cast look like a pointer cast. An alias template may name a pointer, so
/// it counts only once resolved.
bool is_class_type(clang::QualType t) {
  if (t.isNull() || t->isReferenceType()) return false;
  if (t->isRecordType()) return true;
  const auto* spec = t->getAs<clang::TemplateSpecializationType>();
  if (spec == nullptr || spec->isTypeAlias()) return false;
  return llvm::isa_and_nonnull<clang::ClassTemplateDecl>(spec->getTemplateName().getAsTemplateDecl());
}

}  // namespace

/// A reinterpret_cast to the type its operand already has (pointers: to
/// the same pointee type, possibly with const / volatile added).
bool UnsafeCast::is_identity_cast(const clang::CXXReinterpretCastExpr& cast, const clang::ASTContext& ast) {
  if (cast.getCastKind() == clang::CK_NoOp) return true;
  const clang::QualType to = cast.getType();
  const clang::QualType from = cast.getSubExpr()->getType();
  return to->isPointerType() && from->isPointerType() && converts_to_own_type(to, from, ast);
}

/// `const_cast<const T&>(x)`, `const_cast<const T*>(p)`: qualifiers only
/// added to what the result refers or points to, one level deep, is
/// std::as_const by another name (the call of a const overload from its
/// non-const twin); nothing can be written through it. Not deeper:
/// `int**` to `const int**` lets a `const int*` be stored into an `int*`.
bool UnsafeCast::only_adds_const(const clang::CXXConstCastExpr& cast, const clang::ASTContext& ast) {
  const clang::QualType to = cast.getTypeAsWritten();
  const clang::QualType from = cast.getSubExpr()->getType();
  // In a template `const_cast<const T&>(x)` with `T& x` compares as
  // written: adding const to T adds it in every instantiation.
  return !to.isNull() && !from.isNull() && converts_to_own_type(to, from, ast);
}

/// `const_cast<T&>(q.top())` on a std::priority_queue (the usual trick to
/// move a move-only element out before pop()): top() is const by the
/// standard, because the heap's order depends on the element; the
/// working form is a std::vector kept as a heap. `const_cast<K&>(it->first)`
/// on a map's element: the key is const by the standard (the map's order
/// or hash depends on it); the working form is extract() and insert().
std::optional<UnsafeCast::ConstByStandard> UnsafeCast::const_by_standard(const clang::Expr* operand) {
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

void UnsafeCast::check_static_cast(const clang::CXXStaticCastExpr& e, RuleContext& ctx) {
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

void UnsafeCast::check_c_cast(const clang::ExplicitCastExpr& e, clang::SourceLocation lparen, clang::SourceLocation rparen,
                              RuleContext& ctx) {
  const clang::QualType to = e.getTypeAsWritten();
  const clang::QualType from = e.getSubExpr()->getType();
  if (!is_pointer_like(to) && !is_pointer_like(from)) return;
  if (is_class_type(to)) return;  // constructs a C from the operand
  if (e.getCastKind() == clang::CK_ToVoid) return;  // (void)p: discards the value
  if (to->isBooleanType()) return;                    // bool(p): a null test
  // As written in a template, `(T&&)x` with `T&& x` (std::forward by
  // another spelling: range-v3's check_equal) casts x to its own type in
  // every instantiation, as a static_cast does; "acts as an unchecked
  // reinterpret_cast" would be wrong about each of them.
  if (is_safe_static_conversion(e) ||
      (e.getCastKind() == clang::CK_Dependent && converts_to_own_type(to, from, ctx.ast))) {
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

void UnsafeCast::suggest_static_cast(const clang::ExplicitCastExpr& e, clang::SourceLocation lparen,
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

}  // namespace meshwa::rules::unsafe_cast
