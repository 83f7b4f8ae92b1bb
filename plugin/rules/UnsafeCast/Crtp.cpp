// meshwa-unsafe-cast: the CRTP downcast static_cast<D&>(*this) in a member
// of Base<D>, accepted when D derives from Base<D> (directly, or through layers
// of the hierarchy that hand D on, Eigen's ArrayBase<D> : DenseBase<D>); a class deriving
// from Base<X> that is not X, and a Base<D> object of its own, rejected.
#include "UnsafeCast/UnsafeCast.h"
#include "Annotations.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::unsafe_cast {

/// The indices of the class template's type parameters D that a member
/// function casts *this (or this) to: `static_cast<D&>(*this)`.
const std::map<unsigned, clang::SourceLocation>& UnsafeCast::crtp_params(const clang::ClassTemplateDecl* tmpl) {
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
    // Member function bodies, and default member initializers (`D* self_ =
    // static_cast<D*>(this);`), which are judged per instantiation too.
    std::vector<const clang::Stmt*> roots;
    for (const clang::CXXMethodDecl* method : pattern->getDefinition()->methods()) {
      if (const clang::FunctionDecl* def = definition_with_body(method)) roots.push_back(def->getBody());
    }
    for (const clang::FieldDecl* field : pattern->getDefinition()->fields()) {
      if (const clang::Expr* init = field->getInClassInitializer()) roots.push_back(init);
    }
    for (const clang::Stmt* root : roots) {
      flow::contains(root, [&](const clang::Stmt& s) {
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
  // A layer handing its own parameter on to a base that casts to it
  // (`template <class D> struct ArrayBase : DenseBase<D>`) casts to it too:
  // `struct Wrong : ArrayBase<Other>` is the same type confusion, and is
  // rejected like `struct Small : Counter<Big>` (derives_via_layers trusts
  // the layers for that). The note shows the cast in the base.
  if (pattern != nullptr && pattern->hasDefinition()) {
    for (const clang::CXXBaseSpecifier& base : pattern->getDefinition()->bases()) {
      llvm::SmallVector<clang::TemplateArgument, 4> args;
      const clang::ClassTemplateDecl* inner = template_of(base.getType(), args);
      if (inner == nullptr || inner->getCanonicalDecl() == tmpl) continue;
      const std::map<unsigned, clang::SourceLocation> inner_params = crtp_params(inner);  // a copy: the map may grow
      for (const auto& [index, loc] : inner_params) {
        if (index >= args.size() || args[index].getKind() != clang::TemplateArgument::Type) continue;
        const auto* parm = args[index].getAsType()->getAs<clang::TemplateTypeParmType>();
        if (parm == nullptr || parm->getDepth() != params->getDepth() || parm->getIndex() >= params->size() ||
            bases.count(parm->getIndex()) != 0) {
          continue;
        }
        found.emplace(parm->getIndex(), loc);
      }
    }
  }
  it = crtp_params_.find(tmpl);
  it->second = std::move(found);
  return it->second;
}

/// `this` or `*this`, through parentheses and implicit casts.
bool UnsafeCast::is_this(const clang::Expr* e) {
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
bool UnsafeCast::is_crtp_self_cast(const clang::CXXStaticCastExpr& e) {
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
  return derives_via_layers(*derived, *spec, *derived, 0);
}

/// Does `cls` derive from `spec` directly, or through layers of a CRTP
/// hierarchy instantiated with `leaf` (Eigen's Array : PlainObjectBase<Array>
/// : ArrayBase<Array> : DenseBase<Array> : ... : EigenBase<Array>)? A layer
/// passing another class than its own parameter on is rejected at the layer
/// (check_crtp_bases), so each one here hands `leaf` on.
bool UnsafeCast::derives_via_layers(const clang::CXXRecordDecl& cls, const clang::ClassTemplateSpecializationDecl& spec,
                                    const clang::CXXRecordDecl& leaf, unsigned depth) {
  if (!cls.hasDefinition() || depth > 16) return false;
  for (const clang::CXXBaseSpecifier& base : cls.getDefinition()->bases()) {
    const clang::CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
    if (b == nullptr) continue;
    if (b->getCanonicalDecl() == spec.getCanonicalDecl()) return true;
    const auto* layer = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(b);
    if (layer == nullptr) continue;
    const bool hands_leaf_on = llvm::any_of(layer->getTemplateArgs().asArray(), [&](const clang::TemplateArgument& a) {
      if (a.getKind() != clang::TemplateArgument::Type) return false;
      const clang::CXXRecordDecl* named = a.getAsType()->getAsCXXRecordDecl();
      return named != nullptr && named->getCanonicalDecl() == leaf.getCanonicalDecl();
    });
    if (hands_leaf_on && derives_via_layers(*layer, spec, leaf, depth + 1)) return true;
  }
  return false;
}

/// static_cast<const D&>(b) of any `Base<D>` object b to D, where Base<D>
/// itself casts *this to D: the expression-template operator
/// `operator+(const Expr<L>& l, ...)` casting `l` to `const L&` (Eigen,
/// Blaze). The same guarantee as the cast of *this: every class deriving
/// from Base<D> other than D, and every Base<D> of its own, are rejected.
bool UnsafeCast::is_crtp_object_cast(const clang::CXXStaticCastExpr& e) {
  const auto shape = crtp_shape(e);
  return shape && crtp_params(shape->first->getSpecializedTemplate()).count(shape->second) != 0;
}

/// For a cast of a `Base<..., D, ...>` object to D where D derives
/// directly from that Base: the Base and the index of D among its
/// arguments.
std::optional<std::pair<const clang::ClassTemplateSpecializationDecl*, unsigned>> UnsafeCast::crtp_shape(
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
  if (!derives_via_layers(*derived, *spec, *derived, 0)) return std::nullopt;
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
const clang::ClassTemplateDecl* UnsafeCast::template_of(clang::QualType type,
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

/// A layer of a CRTP hierarchy hands its own parameter on: `template <class
/// Derived> class ArrayBase : public DenseBase<Derived>` (Eigen, msgpack's
/// `parser<VisitorHolder, ...> : context<VisitorHolder>`). ArrayBase is no
/// class of its own, only ever a base of the Derived it is given, so
/// DenseBase's cast of *this to Derived is right whenever the leaf is
/// (`class Array : public ArrayBase<Array>`). Is `arg` a type parameter of
/// `record`'s own template (or partial specialisation)?
bool UnsafeCast::passes_own_parameter(const clang::CXXRecordDecl& record, clang::QualType arg) {
  const auto* param = arg->getAs<clang::TemplateTypeParmType>();
  if (param == nullptr) return false;
  const clang::TemplateParameterList* params = nullptr;
  if (const clang::ClassTemplateDecl* tmpl = record.getDescribedClassTemplate()) {
    params = tmpl->getTemplateParameters();
  } else if (const auto* partial = llvm::dyn_cast<clang::ClassTemplatePartialSpecializationDecl>(&record)) {
    params = partial->getTemplateParameters();
  }
  // Named by depth and index (a canonical parameter type has no decl).
  return params != nullptr && param->getDepth() == params->getDepth() && param->getIndex() < params->size() &&
         llvm::isa<clang::TemplateTypeParmDecl>(params->getParam(param->getIndex()));
}

/// `struct Small : Base<Big>` where Base<D> casts *this to D: a Small is
/// no Big.
void UnsafeCast::check_crtp_bases(const clang::CXXRecordDecl& record, RuleContext& ctx) {
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
      if (passes_own_parameter(record, arg)) continue;
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
void UnsafeCast::check_crtp_object(const clang::CXXConstructExpr& construct, RuleContext& ctx) {
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

}  // namespace meshwa::rules::unsafe_cast
