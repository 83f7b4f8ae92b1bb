// MemberViews: the member of the class a view value points into (`buf_`,
// `std::string_view(buf_).substr(n)`, `items_.begin() + 1`, a local view
// made so), through `this` and through aggregates that hold a view.
#include "Dangling.h"

#include "TypeUtil.h"

namespace meshwa::rules::dangling {

namespace {

/// A std::pair / std::tuple with a view (an iterator, a std::string_view)
/// among its elements: what `set.insert(x)` or `map.equal_range(k)` return.
bool has_view_element(clang::QualType type) {
  if (!is_std_class(type.isNull() ? nullptr : type.getNonReferenceType()->getAsCXXRecordDecl(), {"pair", "tuple"})) {
    return false;
  }
  return llvm::any_of(std_type_arguments(type), [](clang::QualType arg) { return is_view(arg); });
}

}  // namespace

/// The field of this class `e` names through `this` (`buf_`, `this->buf_`).
const clang::FieldDecl* MemberViews::this_field(const clang::Expr* e) const {
  const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(e != nullptr ? e->IgnoreParenImpCasts() : nullptr);
  if (member == nullptr || !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return nullptr;
  const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
  return field != nullptr && field->getParent() == &record_ ? field : nullptr;
}

/// The owning member of this class whose elements the view value `e` points
/// into: `buf_`, `std::string_view(buf_).substr(n)`, `items_.begin() + 1`,
/// `std::span(data_.data(), n)`, a local view made so. Else nullptr.
const clang::FieldDecl* MemberViews::viewed_member(const clang::Expr* e, unsigned depth) const {
  if (depth > 16) return nullptr;
  e = skip_carriers(e, {clang::CK_NoOp, clang::CK_ConstructorConversion, clang::CK_UserDefinedConversion,
                        clang::CK_LValueToRValue, clang::CK_DerivedToBase, clang::CK_UncheckedDerivedToBase,
                        clang::CK_ArrayToPointerDecay});
  if (e == nullptr) return nullptr;
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
    // Token{kind, std::string_view(src_).substr(i, n)}: an aggregate holding
    // a view views what its view members view.
    if (is_view_aggregate(list->getType())) return viewed_in_aggregate(list->getType(), list->inits(), depth);
    return list->getNumInits() == 1 ? viewed_member(list->getInit(0), depth + 1) : nullptr;
  }
  if (const auto* list = llvm::dyn_cast<clang::CXXParenListInitExpr>(e)) {
    return is_view_aggregate(list->getType()) ? viewed_in_aggregate(list->getType(), list->getInitExprs(), depth)
                                              : nullptr;
  }
  if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
    if (const clang::FieldDecl* field = viewed_member(conditional->getTrueExpr(), depth + 1)) return field;
    return viewed_member(conditional->getFalseExpr(), depth + 1);
  }
  if (const clang::FieldDecl* field = this_field(e)) return is_owning_member(field->getType()) ? field : nullptr;
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    for (const clang::Expr* arg : construct->arguments()) {
      if (const clang::FieldDecl* field = viewed_member(arg, depth + 1)) return field;
    }
    return nullptr;
  }
  const clang::QualType type = e->getType();
  // (The std::pair of an iterator and a bool that `names_.insert(n)`
  // returns refers into names_ too.)
  const bool refers = e->isGLValue() || type->isPointerType() || is_view(type) || has_view_element(type);
  if (!refers) return nullptr;  // a fresh value (buf_.substr(1) is a std::string)
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e)) {
    return unary->getOpcode() == clang::UO_AddrOf ? viewed_member(unary->getSubExpr(), depth + 1) : nullptr;
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    // A field of an element: `recs_.back().name`, `order_.front().first`,
    // `it->second`, `items_.back()->name` (through a smart pointer). A
    // view or reference stored in the element views something else
    // (`toks_.back().text` copies what the stored view views), except in
    // what a call of the owner hands back (`names_.insert(n).first`, a
    // local pair made so).
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    if (field == nullptr || field->getType()->isReferenceType() || field->getType()->isPointerType()) return nullptr;
    const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
    if (member->isArrow()) {
      const auto* arrow = llvm::dyn_cast<clang::CXXOperatorCallExpr>(base);
      if (arrow == nullptr || arrow->getOperator() != clang::OO_Arrow || arrow->getNumArgs() != 1 ||
          is_view(field->getType()) || holds_owner_views(field->getType()) || is_view_aggregate(field->getType())) {
        return nullptr;
      }
      return viewed_member(arrow->getArg(0), depth + 1);
    }
    if (is_view(field->getType()) || holds_owner_views(field->getType()) || is_view_aggregate(field->getType())) {
      const clang::Expr* inner = skip_carriers(base, {clang::CK_NoOp, clang::CK_LValueToRValue});
      const auto* ref = llvm::dyn_cast_or_null<clang::DeclRefExpr>(inner);
      const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
      const bool handed_back = (inner != nullptr && !inner->isGLValue()) ||
                               (var != nullptr && !var->getType()->isReferenceType());
      if (!handed_back) return nullptr;
    }
    return viewed_member(member->getBase(), depth + 1);
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    // buf_.begin(), buf_.data(), view.substr(n), items_.front()
    return viewed_member(call->getImplicitObjectArgument(), depth + 1);
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
    // items_.begin() + 1, items_[i] (of a reference), *it
    if (op->getNumArgs() == 0) return nullptr;
    switch (op->getOperator()) {
      case clang::OO_Plus:
      case clang::OO_Minus:
      case clang::OO_Subscript:
      case clang::OO_Star:
        return viewed_member(op->getArg(0), depth + 1);
      default:
        return nullptr;
    }
  }
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(e)) {
    // buf_.data() + n
    if (binary->getOpcode() == clang::BO_Add || binary->getOpcode() == clang::BO_Sub) {
      return viewed_member(binary->getLHS(), depth + 1);
    }
    return nullptr;
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
    // std::begin(buf_), std::next(items_.begin()), std::find(first, last, x)
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr || !callee->isInStdNamespace() || call->getNumArgs() == 0) return nullptr;
    for (const clang::Expr* arg : call->arguments()) {
      if (!is_view(arg->getType()) && !arg->getType()->isPointerType() && arg != call->getArg(0)) continue;
      if (const clang::FieldDecl* field = viewed_member(arg, depth + 1)) return field;
    }
    return nullptr;
  }
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    // A structured binding (`auto [it, ok] = names_.insert(n);`): a part of
    // its hidden variable, through std::get<I> for a tuple-like type.
    if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl())) {
      if (const clang::VarDecl* holding = binding->getHoldingVar()) {
        return holding->getInit() != nullptr ? viewed_member(holding->getInit(), depth + 1) : nullptr;
      }
      return binding->getBinding() != nullptr ? viewed_member(binding->getBinding(), depth + 1) : nullptr;
    }
    // A local view: what it was made from.
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) || var->getInit() == nullptr) {
      return nullptr;
    }
    return viewed_member(var->getInit(), depth + 1);
  }
  return nullptr;
}

/// The owning member the view members of an aggregate initialised from
/// `inits` (in field order) view.
const clang::FieldDecl* MemberViews::viewed_in_aggregate(clang::QualType type, llvm::ArrayRef<clang::Expr*> inits,
                                                         unsigned depth) const {
  const auto* record = type->getAsCXXRecordDecl();
  if (record == nullptr || record->getNumBases() != 0) return nullptr;
  unsigned i = 0;
  for (const clang::FieldDecl* field : record->fields()) {
    if (i >= inits.size()) break;
    const clang::Expr* init = inits[i++];
    if (!is_owner_view(field->getType()) && !holds_owner_views(field->getType())) continue;
    if (const clang::FieldDecl* owner = viewed_member(init, depth + 1)) return owner;
  }
  return nullptr;
}

}  // namespace meshwa::rules::dangling
