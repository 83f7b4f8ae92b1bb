#include "frontend/TypeSpelling.h"

#include "TypeUtil.h"
#include "frontend/AstQueries.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/QualTypeNames.h"

namespace meshwa::gen::frontend {

using namespace clang;

TypeSpeller::TypeSpeller(ASTContext& ctx) : ctx_(ctx), policy_(ctx.getLangOpts()) {
  policy_.SuppressTagKeyword = true;
  policy_.SuppressUnwrittenScope = true;
  policy_.FullyQualifiedName = true;
  policy_.Bool = true;
}

std::string TypeSpeller::spell(QualType t) const { return TypeName::getFullyQualifiedName(written(t), ctx_, policy_); }

std::string TypeSpeller::spell_resolved(QualType t) const {
  if (t.isNull() || resolved_nodes(t.getCanonicalType(), 0) > kMaxResolvedNodes) return "";
  return spell(t.getCanonicalType());
}

// How many types the written-out form of `canonical` names (itself, what it
// points or refers to, its elements and template arguments), at most
// kMaxResolvedNodes + 1; each distinct type is counted once, so a type
// naming another many times costs one walk of each.
std::size_t TypeSpeller::resolved_nodes(QualType canonical, int depth) const {
  constexpr std::size_t too_many = kMaxResolvedNodes + 1;
  if (canonical.isNull()) return 0;
  if (depth > 64) return too_many;
  const void* key = canonical.getAsOpaquePtr();
  if (const auto found = resolved_nodes_.find(key); found != resolved_nodes_.end()) return found->second;
  std::size_t nodes = 1;
  const auto add = [&](QualType inner) {
    nodes = std::min(too_many, nodes + resolved_nodes(inner.getCanonicalType(), depth + 1));
  };
  if (const auto* ref = canonical->getAs<ReferenceType>()) {
    add(ref->getPointeeType());
  } else if (const auto* ptr = canonical->getAs<PointerType>()) {
    add(ptr->getPointeeType());
  } else if (const ArrayType* array = ctx_.getAsArrayType(canonical)) {
    add(array->getElementType());
  } else if (const auto* fn = canonical->getAs<FunctionProtoType>()) {
    add(fn->getReturnType());
    for (QualType param : fn->param_types()) add(param);
  } else if (const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(canonical->getAsCXXRecordDecl())) {
    for (const TemplateArgument& arg : rules::flat_template_arguments(*spec)) {
      if (arg.getKind() == TemplateArgument::Type) add(arg.getAsType());
    }
  }
  resolved_nodes_[key] = nodes;
  return nodes;
}

// clang's getFullyQualifiedName qualifies each template argument, but not
// the elements of an argument pack. A type as written keeps its arguments
// one by one; a specialization read back from its declaration (the T of a
// Result<T>) has them as a pack: std::variant<A, B> came out without A's
// and B's namespaces. Such a type is rebuilt here as a written
// specialization with the pack expanded, recursively.
//
// decltype(expr), typeof and a named constant as a template argument
// (`std::array<uint8_t, kKeySize>`) are printed as written, and the
// expression names things as the interface's scope sees them, which
// generated code in another scope cannot: the type they stand for, and the
// constant's value, are spelled instead, also inside template arguments.
// So is an alias that is a private or protected member of a class (see
// is_hidden_alias).
QualType TypeSpeller::written(QualType t) const {
  if (t.isNull()) return t;
  const Qualifiers quals = t.getLocalQualifiers();
  const QualType bare = t.getLocalUnqualifiedType();
  if (const auto* ref = dyn_cast<LValueReferenceType>(bare.getTypePtr())) {
    return ctx_.getQualifiedType(ctx_.getLValueReferenceType(written(ref->getPointeeType())), quals);
  }
  if (const auto* ref = dyn_cast<RValueReferenceType>(bare.getTypePtr())) {
    return ctx_.getQualifiedType(ctx_.getRValueReferenceType(written(ref->getPointeeType())), quals);
  }
  if (spelled_as_its_type(bare.getTypePtr())) {
    return ctx_.getQualifiedType(written(bare.getSingleStepDesugaredType(ctx_)), quals);
  }
  if (const auto* elaborated = dyn_cast<ElaboratedType>(bare.getTypePtr());
      elaborated != nullptr && names_expression_type(elaborated->getNamedType())) {
    return ctx_.getQualifiedType(written(elaborated->getNamedType()), quals);
  }
  if (const auto* tst = dyn_cast<TemplateSpecializationType>(bare.getTypePtr());
      tst != nullptr && names_expression_type(bare)) {
    llvm::SmallVector<TemplateArgument, 8> args;
    for (const TemplateArgument& arg : tst->template_arguments()) {
      if (arg.getKind() == TemplateArgument::Type) {
        args.push_back(TemplateArgument(written(arg.getAsType())));
      } else if (std::optional<llvm::APSInt> value = named_constant(arg)) {
        args.push_back(TemplateArgument(ctx_, *value, arg.getAsExpr()->getType().getUnqualifiedType()));
      } else {
        args.push_back(arg);
      }
    }
    return ctx_.getQualifiedType(
        ctx_.getTemplateSpecializationType(tst->getTemplateName(), args, bare.getCanonicalType()), quals);
  }
  if (isa<TemplateSpecializationType, TypedefType, ElaboratedType>(bare.getTypePtr())) return t;  // as written
  const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(bare->getAsCXXRecordDecl());
  if (spec == nullptr || !isa<RecordType>(bare.getTypePtr())) return t;
  llvm::SmallVector<TemplateArgument, 8> args;
  bool changed = false;
  const auto add = [&](const TemplateArgument& arg) {
    if (arg.getKind() != TemplateArgument::Type) return args.push_back(arg);
    const QualType inner = written(arg.getAsType());
    changed = changed || inner != arg.getAsType();
    args.push_back(TemplateArgument(inner));
  };
  for (const TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
    if (arg.getKind() != TemplateArgument::Pack) {
      add(arg);
      continue;
    }
    changed = true;
    for (const TemplateArgument& element : arg.pack_elements()) add(element);
  }
  if (!changed) return t;
  const QualType rebuilt =
      ctx_.getTemplateSpecializationType(TemplateName(spec->getSpecializedTemplate()), args, bare.getCanonicalType());
  return ctx_.getQualifiedType(rebuilt, quals);
}

bool TypeSpeller::is_expression_type(const Type* t) { return isa<DecltypeType, TypeOfExprType, TypeOfType>(t); }

/// An alias (typedef, `using`, alias template) that is a private or
/// protected member of a class, or declared in one: `using Key =
/// std::string;` before `public:` in an interface. It names the type only
/// inside that class and its friends (and derived classes, when protected),
/// but generated code names it from outside: the stub, the mock and the
/// contract tests spelled it and did not compile (probe gen8). The type it
/// stands for is the same type, so spelling that instead changes nothing
/// but the name; a private class or enum it names is still an error
/// (non_public_type, which looks through aliases).
bool TypeSpeller::is_hidden_alias(const Type* t) {
  if (const auto* typedef_type = dyn_cast<TypedefType>(t)) return non_public_member(*typedef_type->getDecl()) != nullptr;
  if (const auto* tst = dyn_cast<TemplateSpecializationType>(t); tst != nullptr && tst->isTypeAlias()) {
    const TemplateDecl* alias = tst->getTemplateName().getAsTemplateDecl();
    return alias != nullptr && non_public_member(*alias) != nullptr;
  }
  return false;
}

/// A type generated code spells as the type it stands for, not as written.
bool TypeSpeller::spelled_as_its_type(const Type* t) { return is_expression_type(t) || is_hidden_alias(t); }

/// The value of a template argument written as an integral constant
/// expression other than a literal (`std::array<uint8_t, kKeySize>`,
/// `Key::kN`, `kKeySize * 2`): printed as written, it names constants as
/// the interface's scope sees them, so generated code gets the value.
std::optional<llvm::APSInt> TypeSpeller::named_constant(const TemplateArgument& arg) const {
  if (arg.getKind() != TemplateArgument::Expression) return std::nullopt;
  const Expr* e = arg.getAsExpr();
  if (e == nullptr || e->isValueDependent()) return std::nullopt;
  // A literal stays as written: spellings (lock entries, overload keys) do not change.
  if (isa<IntegerLiteral, CXXBoolLiteralExpr, CharacterLiteral>(e->IgnoreParenImpCasts())) return std::nullopt;
  return e->getIntegerConstantExpr(ctx_);
}

/// Does the type as written hold decltype/typeof, a named constant or a
/// hidden alias (through references, elaboration and template arguments; a
/// public typedef's name hides its own)?
bool TypeSpeller::names_expression_type(QualType t) const {
  if (t.isNull()) return false;
  const Type* type = t.getTypePtr();
  if (spelled_as_its_type(type)) return true;
  if (const auto* ref = dyn_cast<ReferenceType>(type)) return names_expression_type(ref->getPointeeTypeAsWritten());
  if (const auto* elaborated = dyn_cast<ElaboratedType>(type)) return names_expression_type(elaborated->getNamedType());
  if (const auto* tst = dyn_cast<TemplateSpecializationType>(type)) {
    for (const TemplateArgument& arg : tst->template_arguments()) {
      if (arg.getKind() == TemplateArgument::Type && names_expression_type(arg.getAsType())) return true;
      if (named_constant(arg)) return true;
    }
  }
  return false;
}

}  // namespace meshwa::gen::frontend
