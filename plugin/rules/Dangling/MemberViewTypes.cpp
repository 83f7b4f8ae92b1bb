// MemberViews' questions about types and methods: which members view the
// elements of another (string_view, span, iterators, references to
// elements), which own them, and which calls move, free or remove them.
#include "Dangling.h"

#include "TypeUtil.h"
#include "llvm/ADT/StringSwitch.h"

namespace meshwa::rules::dangling {

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

}  // namespace meshwa::rules::dangling
