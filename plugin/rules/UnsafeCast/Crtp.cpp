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
/// (check_crtp_bases), so each one here hands `leaf` on, or is an
/// implementation layer of leaf's template (is_layer_of: Eigen's Solve :
/// SolveImpl<Dec, Rhs, Dense> : MatrixBase<Solve<Dec, Rhs>>), which only
/// that template may derive from.
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
    const auto* leaf_spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(&leaf);
    const bool layer_of_leaf =
        !hands_leaf_on && leaf_spec != nullptr &&
        layer_owner(layer->getSpecializedTemplate()) == leaf_spec->getSpecializedTemplate()->getCanonicalDecl();
    if ((hands_leaf_on || layer_of_leaf) && derives_via_layers(*layer, spec, leaf, depth + 1)) return true;
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

namespace {

/// The class template `record` is the pattern or a (partial)
/// specialization of, or null.
const clang::ClassTemplateDecl* own_template(const clang::CXXRecordDecl& record) {
  if (const clang::ClassTemplateDecl* tmpl = record.getDescribedClassTemplate()) return tmpl->getCanonicalDecl();
  if (const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(&record)) {
    return spec->getSpecializedTemplate()->getCanonicalDecl();
  }
  return nullptr;
}

/// `record`'s template arguments as its own code names them: the
/// parameters of a primary template's pattern, the arguments of a
/// (partial) specialization.
llvm::SmallVector<clang::TemplateArgument, 4> own_arguments(const clang::CXXRecordDecl& record) {
  llvm::SmallVector<clang::TemplateArgument, 4> args;
  if (const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(&record)) {
    for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) args.push_back(arg);
  } else if (const clang::ClassTemplateDecl* tmpl = record.getDescribedClassTemplate()) {
    const clang::TemplateParameterList* params = tmpl->getTemplateParameters();
    for (unsigned i = 0; i < params->size(); ++i) {
      const auto* type = llvm::dyn_cast<clang::TemplateTypeParmDecl>(params->getParam(i));
      args.push_back(type != nullptr ? clang::TemplateArgument(record.getASTContext().getTypeDeclType(type))
                                     : clang::TemplateArgument());
    }
  }
  return args;
}

}  // namespace

/// An implementation layer: `template <class Dec, class Rhs> class
/// SolveImpl<Dec, Rhs, Dense> : public MatrixBase<Solve<Dec, Rhs>>` where
/// `template <class Dec, class Rhs> class Solve : public SolveImpl<Dec,
/// Rhs, StorageKind<Rhs>>` (Eigen). The argument `arg` (Solve<Dec, Rhs>)
/// derives from `record` itself, with the same arguments where Solve hands
/// its parameters on, so MatrixBase's cast of *this to Solve<Dec, Rhs> is
/// right on every Solve. Another class deriving from the layer would break
/// that: check_crtp_bases rejects it (layer_owner).
bool UnsafeCast::is_layer_of(const clang::CXXRecordDecl& record, clang::QualType arg) {
  llvm::SmallVector<clang::TemplateArgument, 4> arg_args;
  const clang::ClassTemplateDecl* owner = template_of(arg, arg_args);
  const clang::ClassTemplateDecl* layer = own_template(record);
  if (owner == nullptr || layer == nullptr || owner->getCanonicalDecl() == layer) return false;
  const clang::CXXRecordDecl* pattern = owner->getTemplatedDecl();
  if (pattern == nullptr || !pattern->hasDefinition()) return false;
  const clang::TemplateParameterList* owner_params = owner->getTemplateParameters();
  const llvm::SmallVector<clang::TemplateArgument, 4> record_args = own_arguments(record);
  const clang::ASTContext& ast = record.getASTContext();
  for (const clang::CXXBaseSpecifier& base : pattern->getDefinition()->bases()) {
    llvm::SmallVector<clang::TemplateArgument, 4> base_args;
    const clang::ClassTemplateDecl* base_tmpl = template_of(base.getType(), base_args);
    if (base_tmpl == nullptr || base_tmpl->getCanonicalDecl() != layer) continue;
    // Solve's base SolveImpl<Dec', Rhs', ...> with Solve's parameters
    // replaced by the arguments `arg` gives them: equal to the layer's
    // own arguments wherever it names a parameter (what the others pick,
    // StorageKind<Rhs> here, decides only which specialization is the base).
    bool same = true;
    for (unsigned j = 0; j < base_args.size() && j < record_args.size() && same; ++j) {
      if (base_args[j].getKind() != clang::TemplateArgument::Type) continue;
      const auto* parm = base_args[j].getAsType()->getAs<clang::TemplateTypeParmType>();
      if (parm == nullptr || parm->getDepth() != owner_params->getDepth()) continue;
      if (parm->getIndex() >= arg_args.size() || arg_args[parm->getIndex()].getKind() != clang::TemplateArgument::Type ||
          record_args[j].getKind() != clang::TemplateArgument::Type) {
        same = false;
        continue;
      }
      same = ast.hasSameType(arg_args[parm->getIndex()].getAsType(), record_args[j].getAsType());
    }
    if (same) return true;
  }
  return false;
}

/// The class template `tmpl` is an implementation layer of (is_layer_of,
/// in its pattern or a partial specialization), or null: only that
/// template may derive from it.
const clang::ClassTemplateDecl* UnsafeCast::layer_owner(const clang::ClassTemplateDecl* tmpl) {
  tmpl = tmpl->getCanonicalDecl();
  auto [it, added] = layer_owners_.try_emplace(tmpl, nullptr);
  if (!added) return it->second;
  llvm::SmallVector<const clang::CXXRecordDecl*, 4> layers;
  if (const clang::CXXRecordDecl* pattern = tmpl->getTemplatedDecl()) layers.push_back(pattern);
  llvm::SmallVector<clang::ClassTemplatePartialSpecializationDecl*, 4> partials;
  const_cast<clang::ClassTemplateDecl*>(tmpl)->getPartialSpecializations(partials);
  for (const auto* partial : partials) layers.push_back(partial);
  const clang::ClassTemplateDecl* owner = nullptr;
  for (const clang::CXXRecordDecl* layer : layers) {
    if (!layer->hasDefinition() || layer->getDefinition() != layer) continue;
    for (const clang::CXXBaseSpecifier& base : layer->bases()) {
      llvm::SmallVector<clang::TemplateArgument, 4> args;
      const clang::ClassTemplateDecl* base_tmpl = template_of(base.getType(), args);
      if (base_tmpl == nullptr || base_tmpl->getCanonicalDecl() == tmpl) continue;
      for (const auto& [index, loc] : crtp_params(base_tmpl)) {
        if (index >= args.size() || args[index].getKind() != clang::TemplateArgument::Type) continue;
        llvm::SmallVector<clang::TemplateArgument, 4> ignored;
        if (!is_layer_of(*layer, args[index].getAsType())) continue;
        owner = template_of(args[index].getAsType(), ignored)->getCanonicalDecl();
      }
    }
  }
  layer_owners_[tmpl] = owner;
  return owner;
}

/// Is `arg` a base class of the instantiated class `instance`? Then
/// `static_cast<D&>(*this)` in it is an upcast, right whatever object it is
/// (skarupke's flat_hash_map<K, V, H>: sherwood_v3_table casts *this to its
/// ArgumentHash H, a base of the Hasher it derives from,
/// KeyOrValueHasher<K, V, H> : functor_storage<size_t, H> : H).
bool UnsafeCast::is_base_of_instance(clang::QualType instance, clang::QualType arg) {
  const clang::CXXRecordDecl* cls = instance->getAsCXXRecordDecl();
  const clang::CXXRecordDecl* target = arg->getAsCXXRecordDecl();
  if (cls == nullptr || target == nullptr || !cls->hasDefinition()) return false;
  return cls->getDefinition()->isDerivedFrom(target);
}

/// `struct Small : Base<Big>` where Base<D> casts *this to D: a Small is
/// no Big.
void UnsafeCast::check_crtp_bases(const clang::CXXRecordDecl& record, RuleContext& ctx) {
  if (!record.isThisDeclarationADefinition()) return;
  for (const clang::CXXBaseSpecifier& base : record.bases()) {
    llvm::SmallVector<clang::TemplateArgument, 4> args;
    const clang::ClassTemplateDecl* tmpl = template_of(base.getType(), args);
    if (tmpl == nullptr) continue;
    // A class deriving from an implementation layer of another template
    // (`struct Fake : SolveImpl<D, R, Dense>`): the layer's base casts
    // *this to that template's class, which this is not.
    if (const clang::ClassTemplateDecl* owner = layer_owner(tmpl); owner != nullptr && own_template(record) != owner) {
      const clang::PrintingPolicy& policy = ctx.ast.getPrintingPolicy();
      ctx.report.error(base.getBeginLoc(), kName,
                       "'" + record.getNameAsString() + "' derives from '" + base.getType().getAsString(policy) +
                           "', a layer of '" + owner->getNameAsString() + "' whose base static_casts *this to '" +
                           owner->getNameAsString() + "<...>': on a '" + record.getNameAsString() +
                           "' it treats the object as a '" + owner->getNameAsString() +
                           "' it is not; derive from the CRTP base with the deriving class itself as the argument")
          << base.getSourceRange();
      const clang::CXXRecordDecl* owner_def = owner->getTemplatedDecl()->getDefinition();
      ctx.report.note(owner_def != nullptr ? owner_def->getLocation() : owner->getLocation(), "'" + owner->getNameAsString() +
                                                "' derives from the layer, and is the class its base casts *this to");
      continue;
    }
    for (const auto& [index, cast_loc] : crtp_params(tmpl)) {
      if (index >= args.size() || args[index].getKind() != clang::TemplateArgument::Type) continue;
      const clang::QualType arg = args[index].getAsType();
      const clang::CXXRecordDecl* named = arg->getAsCXXRecordDecl();
      if (named != nullptr && named->getCanonicalDecl() == record.getCanonicalDecl()) continue;
      if (is_base_of_instance(base.getType(), arg)) continue;
      if (passes_own_parameter(record, arg)) continue;
      if (is_layer_of(record, arg)) continue;
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
  // The first parameter cast to that this object is not: one that is a
  // base of it (through the other arguments) is an upcast.
  std::optional<unsigned> index;
  for (const auto& [i, loc] : params) {
    if (i < args.size() && args[i].getKind() == clang::TemplateArgument::Type &&
        !is_base_of_instance(construct.getType(), args[i].getAsType())) {
      index = i;
      break;
    }
  }
  if (!index) return;
  const std::string type = construct.getType().getUnqualifiedType().getAsString(policy);
  const std::string arg = args[*index].getAsType().getAsString(policy);
  ctx.report.error(construct.getBeginLoc(), kName,
                   "a '" + type + "' object of its own (or sliced out of a '" + arg +
                       "'): its member functions static_cast *this to '" + arg +
                       "', which it is not; create a '" + arg + "' instead")
      << construct.getSourceRange();
}

}  // namespace meshwa::rules::unsafe_cast
