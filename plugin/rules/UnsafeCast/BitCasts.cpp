// meshwa-unsafe-cast: std::bit_cast (and __builtin_bit_cast) to a type that
// holds a pointer or a bool, and std::as_writable_bytes of elements where not
// every byte pattern is a value.
#include "UnsafeCast/UnsafeCast.h"
#include "Annotations.h"
#include "TypeUtil.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::unsafe_cast {

void UnsafeCast::check_bit_cast(const clang::CallExpr& call, RuleContext& ctx) {
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
void UnsafeCast::judge_bit_cast(llvm::StringRef what, clang::QualType to, clang::QualType from, clang::SourceLocation loc,
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

/// A pointer, reference or member pointer, or a class or array holding one
/// (`member` names the first pointer member found in a class).
/// bool, and an enum whose underlying type is bool (`enum class Flag : bool`).
bool UnsafeCast::is_bool_like(clang::QualType t) {
  if (t->isBooleanType()) return true;
  if (const auto* e = t->getAs<clang::EnumType>()) {
    const clang::EnumDecl* decl = e->getDecl();
    return decl->isFixed() && decl->getIntegerType()->isBooleanType();
  }
  return false;
}

/// The element type T of `std::as_writable_bytes<T, N>`; null if unknown.
clang::QualType UnsafeCast::written_element(const clang::FunctionDecl& callee) {
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
bool UnsafeCast::any_bytes_make_a_value(clang::QualType element, RuleContext& ctx) {
  if (element.isNull() || element->isDependentType() || element->isIncompleteType() ||
      !element.isTriviallyCopyableType(ctx.ast)) {
    return false;
  }
  const clang::FieldDecl* member = nullptr;
  return !holds(element, not_plain_bytes, member);
}

bool UnsafeCast::not_plain_bytes(clang::QualType t) {
  if (is_pointer_like(t) || t->isBooleanType()) return true;
  if (const auto* e = t->getAs<clang::EnumType>()) return !is_std_byte(*e->getDecl());
  const clang::CXXRecordDecl* rd = t->getAsCXXRecordDecl();
  return rd != nullptr && rd->hasDefinition() && rd->getDefinition()->isPolymorphic();
}

/// std::byte: an enum class over unsigned char whose every value is one.
bool UnsafeCast::is_std_byte(const clang::EnumDecl& e) {
  return e.getIdentifier() != nullptr && e.getName() == "byte" && e.isInStdNamespace();
}

/// Whether `t`, an array element, a member or a base of it (at any depth)
/// is a `leaf`; `member` is then the innermost member found.
bool UnsafeCast::holds(clang::QualType t, bool (*leaf)(clang::QualType), const clang::FieldDecl*& member) {
  LeastDepth searched;
  return holds(t, leaf, member, 0, searched);
}

/// `searched`: a struct of eight fields of a struct of eight fields, and so
/// on, has 8^depth member paths but depth types (LeastDepth.h).
bool UnsafeCast::holds(clang::QualType t, bool (*leaf)(clang::QualType), const clang::FieldDecl*& member, int depth,
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

}  // namespace meshwa::rules::unsafe_cast
