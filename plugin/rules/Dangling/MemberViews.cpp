// MemberViews: a view member over an owning member of the same class that
// another member function changes (reallocates, clears, moves) without
// re-pointing the view, and copies of a class whose view members look into
// its own members. Looked at once per class at the end of the unit.
#include "Dangling.h"

#include <algorithm>
#include <iterator>

#include "TypeUtil.h"
#include "llvm/ADT/StringSwitch.h"

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

void MemberViews::run() {
  collect_functions();
  // Where each view member is made to view an owning member.
  for (const Function& fn : functions_) {
    for (const Assignment& a : fn.assignments) {
      if (a.owner != nullptr) sets_.try_emplace(std::make_pair(a.view, a.owner), a.loc);
    }
    for (const Fill& f : fn.fills) sets_.try_emplace(std::make_pair(f.collection, f.owner), f.loc);
  }
  for (const clang::FieldDecl* field : record_.fields()) {
    if (!is_member_view(field->getType()) || !field->hasInClassInitializer()) continue;
    if (const clang::FieldDecl* owner = member_target(field->getType(), field->getInClassInitializer())) {
      sets_.try_emplace(std::make_pair(field, owner), field->getLocation());
    }
  }
  if (sets_.empty()) return;
  compute_assigning_functions();
  for (const auto& [pair, set_loc] : sets_) check_pair(pair.first, pair.second, set_loc);
  check_copies();
}

/// std::string_view, std::span, a non-owning iterator or a subrange:
/// what points at the elements of a container (a reference_wrapper of the
/// container itself does not care where its elements are).
bool MemberViews::is_element_view(clang::QualType type) {
  if (!is_view(type) || is_reference_tuple(type)) return false;
  return !is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"reference_wrapper"});
}

/// A member that refers to one object: `T&`, std::reference_wrapper<T>,
/// std::atomic_ref<T>. Made to refer to an element of an owning member
/// (`first_(items_.front())`, `ref_ = std::ref(items_[0])`), it dangles
/// when the elements move, like a std::string_view of one; made to refer
/// to the owning member itself, it does not care where the elements are.
bool MemberViews::is_element_reference(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return false;
  return type->isLValueReferenceType() || is_wrapper(type) || is_atomic_ref(type);
}

/// A view of an element itself (not a position): std::string_view,
/// std::span, a reference to one.
bool MemberViews::views_element_itself(clang::QualType type) {
  return is_owner_view(type) || is_element_reference(type);
}

/// The owning member whose elements the member of type `type`
/// initialised or assigned from `value` refers into. A reference to the
/// owning member itself (`all_(items_)`, `std::ref(items_)`) is not one.
const clang::FieldDecl* MemberViews::member_target(clang::QualType type, const clang::Expr* value) const {
  if (!is_element_reference(type)) return viewed_member(value);
  const clang::Expr* e = value;
  for (int i = 0; i < 4 && e != nullptr; ++i) {
    e = skip_carriers(e, {clang::CK_NoOp, clang::CK_ConstructorConversion, clang::CK_UserDefinedConversion,
                          clang::CK_LValueToRValue, clang::CK_DerivedToBase, clang::CK_UncheckedDerivedToBase});
    if (e == nullptr) return nullptr;
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e); call != nullptr && is_std_ref_call(call)) {
      e = call->getArg(0);
      continue;
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
        construct != nullptr && construct->getNumArgs() == 1 &&
        (is_wrapper(construct->getType()) || is_atomic_ref(construct->getType()))) {
      e = construct->getArg(0);
      continue;
    }
    break;
  }
  if (e == nullptr || this_field(e) != nullptr) return nullptr;
  return viewed_member(e);
}

/// A member collection of views: a std container (not an optional, pair
/// or tuple, which hold one view and are re-pointed by assignment) whose
/// elements, keys or mapped values are std::string_view or std::span, or
/// aggregates holding one (`std::vector<Token>`).
bool MemberViews::is_view_collection(clang::QualType type) {
  if ((owner_view_kinds(type) & 3u) == 0) return false;
  return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(),
                      {"vector", "deque", "list", "forward_list", "set", "multiset", "unordered_set",
                       "unordered_multiset", "map", "multimap", "unordered_map", "unordered_multimap", "queue",
                       "stack"});
}

/// Does change `what` of an owning member of type `type` move or free
/// its elements (or, for a std::string, its characters)? Stricter than
/// `invalidates`, which also counts what only invalidates iterators: a
/// view stored in a collection views an element itself, and
/// std::deque's push_back, insertion into a node container keep every
/// element where it is.
bool MemberViews::moves_elements(clang::QualType type, llvm::StringRef what) {
  if (what.starts_with("std::")) return true;  // std::swap, std::erase_if, std::exchange
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (is_std_class(record, {"basic_string", "vector"})) return invalidates(type, what);
  const bool wholesale = what == "clear" || what == "assign" || what == "swap" || what == "operator=" ||
                         what == "assign_range" || what == "erase" || what == "extract" || what == "pop_back" ||
                         what == "pop_front" || what == "erase_if";
  if (wholesale) return true;
  if (is_std_class(record, {"deque"})) {
    return llvm::StringSwitch<bool>(what)
        .Cases("insert", "emplace", "insert_range", "resize", "shrink_to_fit", true)
        .Default(false);
  }
  if (is_std_class(record, {"list", "forward_list"})) {
    return what == "remove" || what == "remove_if" || what == "unique" || what == "resize";
  }
  return false;  // node containers: insertion keeps every element in place
}

/// `*storage_.back()`, `*items_[i]`: the value reaches what an element
/// owns through a std::unique_ptr / std::shared_ptr / meshwa::Owned /
/// meshwa::Shared, which stays in place when the element moves.
bool MemberViews::through_smart_pointer(const clang::Expr* value) {
  return flow::contains(value, [](const clang::Stmt& s) {
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
    if (op == nullptr || (op->getOperator() != clang::OO_Star && op->getOperator() != clang::OO_Arrow) ||
        op->getNumArgs() != 1) {
      return false;
    }
    const auto* record = op->getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (is_std_class(record, {"unique_ptr", "shared_ptr"})) return true;
    if (record == nullptr || record->getIdentifier() == nullptr) return false;
    const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext());
    return ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "meshwa" &&
           (record->getName() == "Owned" || record->getName() == "Shared");
  });
}

/// Does change `what` of an owning member of type `type` destroy
/// elements (what they own through a smart pointer goes with them)?
bool MemberViews::frees_elements(llvm::StringRef what) {
  return what.starts_with("std::") || what == "clear" || what == "assign" || what == "swap" ||
         what == "operator=" || what == "assign_range" || what == "erase" || what == "extract" ||
         what == "pop_back" || what == "pop_front" || what == "erase_if" || what == "resize" || what == "remove" ||
         what == "remove_if" || what == "unique";
}

bool MemberViews::is_removal(llvm::StringRef what) {
  return what == "erase" || what == "pop_back" || what == "pop_front" || what == "extract" || what == "erase_if" ||
         what == "std::erase" || what == "std::erase_if" || what == "remove" || what == "remove_if";
}

/// A std container whose changes may move or free its elements.
bool MemberViews::is_owning_member(clang::QualType type) {
  return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(),
                      {"basic_string", "vector", "deque", "list", "forward_list", "map", "multimap", "set",
                       "multiset", "unordered_map", "unordered_multimap", "unordered_set", "unordered_multiset"});
}

/// Does `method` on an owning member of type `type` possibly move or free
/// the elements a view or iterator points to?
bool MemberViews::invalidates(clang::QualType type, llvm::StringRef method) {
  const bool wholesale = method == "clear" || method == "assign" || method == "swap" || method == "operator=" ||
                         method == "assign_range" || method == "erase" || method == "extract" ||
                         method == "pop_back" || method == "pop_front" || method == "erase_if";
  if (wholesale) return true;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  const bool insertion = llvm::StringSwitch<bool>(method)
                             .Cases("push_back", "emplace_back", "push_front", "emplace_front", true)
                             .Cases("insert", "emplace", "emplace_hint", "insert_or_assign", "try_emplace", true)
                             .Cases("insert_range", "append_range", "prepend_range", true)
                             .Default(false);
  if (is_std_class(record, {"basic_string", "vector", "deque"})) {
    return insertion || llvm::StringSwitch<bool>(method)
                            .Cases("resize", "reserve", "shrink_to_fit", "append", "replace", true)
                            .Cases("operator+=", "resize_and_overwrite", "remove", "remove_if", true)
                            .Default(false);
  }
  if (is_std_class(record, {"list", "forward_list"})) {
    return method == "remove" || method == "remove_if" || method == "unique" || method == "resize";
  }
  if (is_std_class(record, {"unordered_map", "unordered_multimap", "unordered_set", "unordered_multiset"})) {
    return insertion || method == "operator[]" || method == "rehash" || method == "reserve" || method == "merge";
  }
  return false;  // map, set: insertion keeps iterators
}

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

void MemberViews::collect_functions() {
  for (const clang::CXXMethodDecl* method : record_.methods()) {
    const clang::FunctionDecl* definition = definition_with_body(method);
    if (method->isImplicit() || method->isStatic() || definition == nullptr ||
        llvm::isa<clang::CXXDestructorDecl>(method)) {
      continue;
    }
    Function fn{definition, {}, {}, {}, {}, {}};
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(definition)) {
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        const clang::FieldDecl* member = init->getMember();
        if (!init->isWritten() || member == nullptr || member->getParent() != &record_ ||
            !is_member_view(member->getType())) {
          continue;
        }
        fn.assignments.push_back({member, member_target(member->getType(), init->getInit()), init->getSourceLocation(), true,
                                  through_smart_pointer(init->getInit())});
      }
    }
    flow::contains(definition->getBody(), [&](const clang::Stmt& s) {
      visit(s, fn);
      return false;
    });
    functions_.push_back(std::move(fn));
  }
}

void MemberViews::visit(const clang::Stmt& s, Function& fn) const {
  if (visit_collection(s, fn)) return;
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
    if (op->getNumArgs() == 0) return;
    const clang::FieldDecl* field = this_field(op->getArg(0));
    if (field == nullptr) return;
    if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && is_member_view(field->getType()) &&
        rebindable(field->getType())) {
      fn.assignments.push_back({field, member_target(field->getType(), op->getArg(1)), op->getOperatorLoc(), false,
                                through_smart_pointer(op->getArg(1))});
      return;
    }
    const char* spelling = clang::getOperatorSpelling(op->getOperator());
    const std::string name = std::string("operator") + (spelling != nullptr ? spelling : "");
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getDirectCallee());
    if (is_owning_member(field->getType()) && method != nullptr && !method->isConst() &&
        invalidates(field->getType(), name)) {
      fn.changes.push_back({field, &s, name});
    }
    return;
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr) return;
    const clang::Expr* object = call->getImplicitObjectArgument();
    if (object != nullptr && llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts())) {
      fn.calls.emplace_back(method->getCanonicalDecl(), call->getExprLoc());
      return;
    }
    const clang::FieldDecl* field = this_field(object);
    if (field == nullptr || method->isConst() || !is_owning_member(field->getType())) return;
    if (invalidates(field->getType(), method->getName())) fn.changes.push_back({field, &s, method->getName().str()});
    return;
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
    // std::swap(buf_, other), std::erase_if(items_, pred), std::exchange(buf_, {})
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr) return;
    const llvm::StringRef name = callee->getName();
    if (name != "swap" && name != "erase" && name != "erase_if" && name != "exchange") return;
    for (unsigned i = 0; i < call->getNumArgs() && i < (name == "swap" ? 2u : 1u); ++i) {
      const clang::FieldDecl* field = this_field(call->getArg(i));
      if (field != nullptr && is_owning_member(field->getType())) fn.changes.push_back({field, &s, ("std::" + name).str()});
    }
  }
}

/// A member collection of views filled with a view of an owning member
/// (`index_[names_.back()] = i;`, `tokens_.push_back(buf_)`,
/// `keys_.insert(std::string_view(names_[i]))`), or reset wholesale
/// (`clear`, `assign`, `swap`, `=`, std::swap / std::exchange), which
/// is what re-points it: re-pointing one key does not re-point the
/// others. Resets are recorded as assignments (owner nullptr). True when
/// `s` is about such a collection.
bool MemberViews::visit_collection(const clang::Stmt& s, Function& fn) const {
  auto fill = [&](const clang::FieldDecl* collection, const clang::Expr* value, clang::SourceLocation loc) {
    if (value == nullptr) return;
    if (const clang::FieldDecl* owner = viewed_member(value); owner != nullptr && owner != collection) {
      fn.fills.push_back({collection, owner, loc, through_smart_pointer(value)});
    }
  };
  auto reset = [&](const clang::FieldDecl* collection, clang::SourceLocation loc) {
    fn.assignments.push_back({collection, nullptr, loc, false});
  };
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
    if (op->getNumArgs() != 2) return false;
    if (const auto* element = llvm::dyn_cast<clang::CXXOperatorCallExpr>(op->getArg(0)->IgnoreParenImpCasts());
        op->getOperator() == clang::OO_Equal && element != nullptr &&
        element->getOperator() == clang::OO_Subscript && element->getNumArgs() == 2) {
      // names_by_id_[id] = names_.back(): the mapped view.
      const clang::FieldDecl* field = this_field(element->getArg(0));
      if (field != nullptr && is_view_collection(field->getType())) {
        fill(field, op->getArg(1), op->getOperatorLoc());
        return true;
      }
    }
    const clang::FieldDecl* field = this_field(op->getArg(0));
    if (field == nullptr || !is_view_collection(field->getType())) return false;
    if (op->getOperator() == clang::OO_Subscript) {
      fill(field, op->getArg(1), op->getOperatorLoc());  // index_[key]: a new key views what key views
    } else if (op->getOperator() == clang::OO_Equal) {
      reset(field, op->getOperatorLoc());
    }
    return true;
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    const clang::FieldDecl* field = this_field(call->getImplicitObjectArgument());
    if (method == nullptr || method->getIdentifier() == nullptr || field == nullptr ||
        !is_view_collection(field->getType())) {
      return false;
    }
    const llvm::StringRef name = method->getName();
    if (name == "clear" || name == "assign" || name == "swap" || name == "assign_range") {
      reset(field, call->getExprLoc());
      return true;
    }
    if (name == "erase" || name == "pop_back" || name == "pop_front" || name == "pop" || name == "extract") {
      fn.removals.push_back(field);
      return true;
    }
    static const llvm::StringRef kFills[] = {"push_back", "push_front", "emplace_back", "emplace_front",
                                             "emplace",   "emplace_hint", "insert",     "try_emplace",
                                             "insert_or_assign", "push",  "insert_range", "append_range"};
    if (std::find(std::begin(kFills), std::end(kFills), name) != std::end(kFills)) {
      for (const clang::Expr* arg : call->arguments()) {
        // Not the position of insert(pos, value) / emplace_hint(pos, ...).
        if (is_iterator_class(arg->getType()->getAsCXXRecordDecl())) continue;
        fill(field, arg, call->getExprLoc());
      }
    }
    return true;
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr) return false;
    if (callee->getName() != "swap" && callee->getName() != "exchange") return false;
    bool any = false;
    for (unsigned i = 0; i < call->getNumArgs() && i < (callee->getName() == "swap" ? 2u : 1u); ++i) {
      const clang::FieldDecl* field = this_field(call->getArg(i));
      if (field != nullptr && is_view_collection(field->getType())) {
        reset(field, call->getExprLoc());
        any = true;
      }
    }
    return any;
  }
  return false;
}

/// Which member functions assign each view member, directly or through
/// member functions they call (to a fixpoint).
void MemberViews::compute_assigning_functions() {
  for (const Function& fn : functions_) {
    for (const Assignment& a : fn.assignments) {
      if (!a.in_initializer) assigns_[a.view].insert(fn.decl->getCanonicalDecl());
    }
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const Function& fn : functions_) {
      for (const auto& [callee, loc] : fn.calls) {
        for (auto& [view, functions] : assigns_) {
          if (functions.count(callee) != 0 && functions.insert(fn.decl->getCanonicalDecl()).second) changed = true;
        }
      }
    }
  }
}

/// Is `change` in `fn` followed by a re-pointing of `view` (an assignment,
/// or a call of a member function that assigns it), or preceded by an
/// assignment that does not view `owner` (a reset)?
bool MemberViews::repoints(const Function& fn, const Change& change, const clang::FieldDecl* view,
                           const clang::FieldDecl* owner) const {
  const clang::SourceManager& sm = ctx_.sources();
  const clang::SourceLocation at = change.stmt->getBeginLoc();
  std::optional<std::pair<clang::SourceLocation, bool>> last_before;  // (where, views the owner)
  auto consider = [&](clang::SourceLocation loc, bool views_owner, bool in_initializer) {
    if (!in_initializer && sm.isBeforeInTranslationUnit(at, loc)) return true;
    if (!last_before || sm.isBeforeInTranslationUnit(last_before->first, loc)) last_before = {loc, views_owner};
    return false;
  };
  for (const Assignment& a : fn.assignments) {
    if (a.view == view && consider(a.loc, a.owner == owner, a.in_initializer)) return true;
  }
  // A fill of a collection adds a view of the owner and re-points none.
  for (const Fill& f : fn.fills) {
    if (f.collection == view && f.owner == owner && sm.isBeforeInTranslationUnit(f.loc, at)) consider(f.loc, true, false);
  }
  auto assigning = assigns_.find(view);
  for (const auto& [callee, loc] : fn.calls) {
    if (assigning != assigns_.end() && assigning->second.count(callee) != 0 && consider(loc, true, false)) return true;
  }
  return last_before && !last_before->second;
}

void MemberViews::check_pair(const clang::FieldDecl* view, const clang::FieldDecl* owner, clang::SourceLocation set_loc) {
  // Functions that change the owner without re-pointing the view; then
  // drop the private helpers every caller of which re-points it.
  std::map<const clang::FunctionDecl*, const Change*> unsafe;
  std::set<const clang::FunctionDecl*> safe;
  const bool collection = is_view_collection(view->getType());
  // A single view of what the elements own through smart pointers
  // (`current_ = *items_.back();`, `items_.back()->name`): only what frees
  // elements counts, as for a collection.
  const bool pointees = !collection && views_element_itself(view->getType()) && assigned_pointees_only(view, owner);
  for (const Function& fn : functions_) {
    const clang::FunctionDecl* key = fn.decl->getCanonicalDecl();
    bool ok = true;
    const bool constructor = llvm::isa<clang::CXXConstructorDecl>(fn.decl);
    for (const Change& change : fn.changes) {
      if (change.owner != owner || repoints(fn, change, view, owner)) continue;
      if (collection && !(pointees_only(view, owner) ? frees_elements(change.what)
                                                     : moves_elements(owner->getType(), change.what))) {
        continue;
      }
      // A single std::string_view / std::span views an element (or its
      // characters), not a position: std::deque's push_back/push_front and
      // insertion into an unordered container keep the elements in place.
      // Iterators and subranges are invalidated by those too.
      if (!collection && views_element_itself(view->getType()) && !moves_elements(owner->getType(), change.what)) {
        continue;
      }
      if (pointees && !frees_elements(change.what)) continue;
      // Removing elements of the owner and, in the same function, views
      // from the collection (`names_.pop_back(); index_.erase(k);`): kept
      // in step, which is not followed further.
      if (collection && is_removal(change.what) && llvm::is_contained(fn.removals, view)) continue;
      // A constructor's body runs before anything viewed the owner, unless
      // its initialisers (or the view's default initialiser) did; for a
      // collection, unless it was filled earlier in this constructor.
      if (constructor && !collection && !initialises_view(fn, view, owner)) continue;
      if (constructor && collection && !filled_before(fn, view, owner, change.stmt->getBeginLoc())) continue;
      unsafe.try_emplace(key, &change);
      ok = false;
    }
    if (ok) safe.insert(key);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (auto it = unsafe.begin(); it != unsafe.end();) {
      if (it->first->getAccess() == clang::AS_private && all_callers_safe(it->first, safe)) {
        safe.insert(it->first);
        it = unsafe.erase(it);
        changed = true;
      } else {
        ++it;
      }
    }
  }
  const clang::SourceManager& sm = ctx_.sources();
  for (const auto& [fn, change] : unsafe) {
    const clang::SourceLocation loc = change->stmt->getBeginLoc();
    if (!reported_.insert({loc, view}).second) continue;
    // The note: where this function made the view view the owner before
    // the change, else where the class first does.
    clang::SourceLocation note_loc = set_loc;
    for (const Function& f : functions_) {
      if (f.decl->getCanonicalDecl() != fn) continue;
      for (const Assignment& a : f.assignments) {
        if (a.view == view && a.owner == owner && (a.in_initializer || sm.isBeforeInTranslationUnit(a.loc, loc))) {
          note_loc = a.loc;
        }
      }
      for (const Fill& fill : f.fills) {
        if (fill.collection == view && fill.owner == owner && sm.isBeforeInTranslationUnit(fill.loc, loc)) {
          note_loc = fill.loc;
        }
      }
    }
    const std::string view_name = view->getNameAsString();
    const std::string owner_name = owner->getNameAsString();
    if (collection) {
      ctx_.report.error(loc, kName,
                        "'" + change->what + "' on member '" + owner_name + "' in '" + fn->getNameAsString() +
                            "' may move or free what the views stored in member '" + view_name +
                            "' point into, and '" + view_name + "' is not rebuilt in '" + fn->getNameAsString() +
                            "' (storing a new view re-points none of the others); clear and refill '" + view_name +
                            "' after the change, keep the owned values in a container whose elements stay in "
                            "place (std::deque with push_back, std::list, std::unordered_set), or store positions "
                            "(indices into '" + owner_name + "') instead of views");
      ctx_.report.note(note_loc, "a view of '" + owner_name + "' is stored in '" + view_name + "' here");
      continue;
    }
    if (!rebindable(view->getType())) {
      ctx_.report.error(loc, kName,
                        "'" + change->what + "' on member '" + owner_name + "' in '" + fn->getNameAsString() +
                            "' may reallocate or free its storage while member '" + view_name +
                            "' still refers to an element of it, and '" + view_name +
                            "' cannot be re-pointed; keep a position (an index into '" + owner_name +
                            "') instead of a reference, or keep the elements where they stay (std::deque filled "
                            "with push_back, std::list)");
      ctx_.report.note(note_loc, "'" + view_name + "' is made to refer into '" + owner_name + "' here");
      continue;
    }
    ctx_.report.error(loc, kName,
                      "'" + change->what + "' on member '" + owner_name + "' in '" + fn->getNameAsString() +
                          "' may reallocate or free its storage while member '" + view_name +
                          "' still views it, and '" + view_name + "' is not re-pointed in '" +
                          fn->getNameAsString() + "'; assign '" + view_name + "' again after the change (or reset "
                          "it), or keep a position (an index or offset into '" + owner_name + "') instead of a view");
    ctx_.report.note(note_loc, "'" + view_name + "' is made to view '" + owner_name + "' here");
  }
}

/// A class whose view member (or collection of views) views an owning
/// member of the same object, copied (or, for a std::string owner, whose
/// characters may sit inside the object, moved) by its defaulted
/// operations somewhere in this file: they copy the view as is, so the copy keeps viewing the
/// source object's member, which dies or changes without it.
void MemberViews::check_copies() {
  if (record_.isLambda() || record_.isUnion()) return;
  const clang::SourceManager& sm = ctx_.sources();
  const bool copies = defaulted_and_used(record_, CopyMove::copy_constructor) ||
                      defaulted_and_used(record_, CopyMove::copy_assignment);
  const bool moves = defaulted_and_used(record_, CopyMove::move_constructor) ||
                     defaulted_and_used(record_, CopyMove::move_assignment);
  if (!copies && !moves) return;
  std::optional<std::pair<std::pair<const clang::FieldDecl*, const clang::FieldDecl*>, clang::SourceLocation>> first;
  bool first_moves = false;
  for (const auto& [pair, set_loc] : sets_) {
    const auto [view, owner] = pair;
    // What the elements own through a smart pointer is shared or goes
    // with the (then non-copyable) owner.
    if (is_view_collection(view->getType()) ? pointees_only(view, owner)
                                             : views_element_itself(view->getType()) && assigned_pointees_only(view, owner)) {
      continue;
    }
    // A moved std::string may carry its characters inside the object (the
    // small-string buffer); moved containers keep their elements.
    const bool by_move = moves && is_std_class(owner->getType()->getAsCXXRecordDecl(), {"basic_string"});
    if (!copies && !by_move) continue;
    if (!first || sm.isBeforeInTranslationUnit(set_loc, first->second)) {
      first = {pair, set_loc};
      first_moves = by_move;
    }
  }
  if (!first) return;
  const clang::SourceLocation at = record_.getLocation();
  if (!classes_reported_.insert(at).second) return;
  const std::string cls = record_.getNameAsString();
  const std::string view_name = first->first.first->getNameAsString();
  const std::string owner_name = first->first.second->getNameAsString();
  const bool collection = is_view_collection(first->first.first->getType());
  const std::string ops = copies && first_moves ? "copy and move" : copies ? "copy" : "move";
  ctx_.report.error(at, kName,
                    "class '" + cls + "' has " + (collection ? "views stored in member '" : "member '") + view_name +
                        "' viewing its own member '" + owner_name + "', but its implicit (or defaulted) " + ops +
                        " operations copy '" + view_name + "' as is, so a " +
                        (ops == "move" ? "moved-to object" : ops == "copy" ? "copy" : "copy (or moved-to object)") +
                        " keeps viewing the other object's '" + owner_name +
                        "', which dies or changes without it; delete the copy and move operations ('" + cls +
                        "(const " + cls + "&) = delete;' and 'operator='), store positions (an offset and length "
                        "into '" + owner_name + "') instead of views, or write them to re-point '" + view_name + "'");
  ctx_.report.note(first->second, collection ? "a view of '" + owner_name + "' is stored in '" + view_name + "' here"
                                             : "'" + view_name + "' is made to view '" + owner_name + "' here");
}

/// Every view of `owner` stored in `collection` reaches what the
/// elements own through a smart pointer.
bool MemberViews::pointees_only(const clang::FieldDecl* collection, const clang::FieldDecl* owner) const {
  for (const Function& fn : functions_) {
    for (const Fill& f : fn.fills) {
      if (f.collection == collection && f.owner == owner && !f.pointee) return false;
    }
  }
  return true;
}

/// Every assignment making the single view `view` view `owner` reaches
/// what the elements own through a smart pointer.
bool MemberViews::assigned_pointees_only(const clang::FieldDecl* view, const clang::FieldDecl* owner) const {
  if (view->hasInClassInitializer() && member_target(view->getType(), view->getInClassInitializer()) == owner) return false;
  for (const Function& fn : functions_) {
    for (const Assignment& a : fn.assignments) {
      if (a.view == view && a.owner == owner && !a.pointee) return false;
    }
  }
  return true;
}

bool MemberViews::filled_before(const Function& fn, const clang::FieldDecl* collection, const clang::FieldDecl* owner,
                                clang::SourceLocation at, const clang::SourceManager& sm) {
  return llvm::any_of(fn.fills, [&](const Fill& f) {
    return f.collection == collection && f.owner == owner && sm.isBeforeInTranslationUnit(f.loc, at);
  });
}

bool MemberViews::filled_before(const Function& fn, const clang::FieldDecl* collection, const clang::FieldDecl* owner,
                                clang::SourceLocation at) const {
  return filled_before(fn, collection, owner, at, ctx_.sources());
}

bool MemberViews::initialises_view(const Function& fn, const clang::FieldDecl* view, const clang::FieldDecl* owner) const {
  for (const Assignment& a : fn.assignments) {
    if (a.in_initializer && a.view == view) return a.owner == owner;
  }
  return view->hasInClassInitializer() && sets_.count({view, owner}) != 0 &&
         sets_.at({view, owner}) == view->getLocation();
}

/// Is `callee` called at all, and only from functions known to be safe?
bool MemberViews::all_callers_safe(const clang::FunctionDecl* callee, const std::set<const clang::FunctionDecl*>& safe) const {
  bool called = false;
  for (const Function& fn : functions_) {
    for (const auto& [target, loc] : fn.calls) {
      if (target != callee) continue;
      called = true;
      if (safe.count(fn.decl->getCanonicalDecl()) == 0) return false;
    }
  }
  return called;
}

}  // namespace meshwa::rules::dangling
