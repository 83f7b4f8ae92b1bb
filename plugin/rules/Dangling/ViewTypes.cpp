// Which types are views (std::string_view, std::span, iterators, references
// in a std::pair / std::tuple, std::atomic_ref) and which hold views (a std
// container, optional, pair or tuple of them, an aggregate with a view
// member): the vocabulary every other file of the rule judges types with.
#include "Dangling.h"

#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace meshwa::rules::dangling {

/// std::pair / std::tuple with a reference element: what std::minmax,
/// std::forward_as_tuple or a `std::tuple<const T&, ...> view() const`
/// return. A view of what its references are bound to (its assignment
/// assigns through them, it does not rebind).
bool is_reference_tuple(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return false;
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr || !is_std_class(spec, {"pair", "tuple"})) return false;
  for (const clang::TemplateArgument& arg : flat_template_arguments(*spec)) {
    if (arg.getKind() == clang::TemplateArgument::Type && arg.getAsType()->isReferenceType()) return true;
  }
  return false;
}

/// std::ranges::subrange: a pair of iterators.
bool is_ranges_subrange(const clang::CXXRecordDecl* record) {
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "subrange") return false;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext());
  return ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "ranges" && ns->isInStdNamespace();
}

/// A class value that refers to memory it does not own.
bool is_view(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return false;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr) return false;
  if (is_std_class(record, {"basic_string_view", "span", "reference_wrapper", "atomic_ref"})) return true;
  // The stream iterators hold a pointer to their stream (libstdc++ declares
  // their iterator_category in a base class).
  if (is_std_class(record, {"istream_iterator", "ostream_iterator", "istreambuf_iterator", "ostreambuf_iterator"})) {
    return true;
  }
  if (is_reference_tuple(type)) return true;
  if (is_ranges_subrange(record)) return true;
  return is_iterator_class(record) && !is_owning_iterator_class(record);
}

namespace {

/// The types of the objects a `type` object is made of: itself, its bases,
/// its fields and array elements, all the way down (class types of std
/// included, opaque or not: what matters is that a pointer to one of them
/// could point into the object). Canonical and unqualified.
void collect_value_parts(clang::QualType type, llvm::SmallPtrSetImpl<const clang::Type*>& parts, unsigned depth) {
  if (type.isNull() || depth > 8) return;
  type = type.getCanonicalType().getUnqualifiedType();
  if (!parts.insert(type.getTypePtr()).second) return;
  if (const auto* array = llvm::dyn_cast<clang::ArrayType>(type.getTypePtr())) {
    collect_value_parts(array->getElementType(), parts, depth + 1);
    return;
  }
  const auto* record = type->getAsCXXRecordDecl();
  if (record == nullptr || !record->hasDefinition()) return;
  record = record->getDefinition();
  for (const clang::CXXBaseSpecifier& base : record->bases()) collect_value_parts(base.getType(), parts, depth + 1);
  for (const clang::FieldDecl* field : record->fields()) {
    if (!field->getType()->isReferenceType()) collect_value_parts(field->getType(), parts, depth + 1);
  }
}

/// A pointer type that may hold the address of memory of any type:
/// `void*`, a character or std::byte pointer.
bool points_at_any_bytes(clang::QualType pointee) {
  pointee = pointee.getCanonicalType().getUnqualifiedType();
  if (pointee->isVoidType() || pointee->isCharType() || pointee->isChar8Type()) return true;
  const auto* e = pointee->getAs<clang::EnumType>();
  return e != nullptr && e->getDecl()->getIdentifier() != nullptr && e->getDecl()->getName() == "byte" &&
         e->getDecl()->isInStdNamespace();
}

/// Can an object of `type` (a member of the class judged by
/// cannot_point_into, or the class itself) hold the address of something
/// in an object made of `parts`? Conservatively yes for references, views,
/// classes of std (a container's iterator, a std::string_view), unions,
/// lambdas, dependent or incomplete classes, and pointers that can point
/// at bytes of anything.
bool may_point_into(clang::QualType type, const llvm::SmallPtrSetImpl<const clang::Type*>& parts, unsigned depth) {
  if (type.isNull() || type->isDependentType() || type->isReferenceType() || depth > 8) return true;
  type = type.getCanonicalType().getUnqualifiedType();
  if (type->isPointerType()) {
    const clang::QualType pointee = type->getPointeeType();
    if (pointee->isFunctionType()) return false;
    return points_at_any_bytes(pointee) || parts.contains(pointee.getCanonicalType().getUnqualifiedType().getTypePtr());
  }
  if (const auto* array = llvm::dyn_cast<clang::ConstantArrayType>(type.getTypePtr())) {
    return may_point_into(array->getElementType(), parts, depth + 1);
  }
  if (type->isArithmeticType() || type->isEnumeralType() || type->isNullPtrType() || type->isMemberPointerType()) {
    return false;
  }
  const auto* record = type->getAsCXXRecordDecl();
  if (record == nullptr || !record->hasDefinition() || record->isInStdNamespace() || record->isUnion() ||
      record->isLambda()) {
    return true;
  }
  record = record->getDefinition();
  for (const clang::CXXBaseSpecifier& base : record->bases()) {
    if (may_point_into(base.getType(), parts, depth + 1)) return true;
  }
  for (const clang::FieldDecl* field : record->fields()) {
    if (may_point_into(field->getType(), parts, depth + 1)) return true;
  }
  return false;
}

}  // namespace

/// A view class of the program (an iterator class: pugixml's
/// xml_node_iterator, which keeps copies of the node handles it is made
/// from) that cannot refer into an object of type `source` it is made
/// from or out of (`iterator(node_temporary)`, `node_temporary.begin()`):
/// its members, all the way down, are values and pointers none of which
/// can hold the address of a part of a `source` object (no reference, no
/// view or other std class, no pointer to `source`, its bases, members or
/// their types, no void, character or std::byte pointer), and `source`
/// frees nothing when it ends (trivially destructible), so what its own
/// pointers point to, which the view may have copied, outlives it. A
/// member pointer to a part of `source` (`const node* at_`) may point
/// into it: not this.
bool cannot_point_into(clang::QualType view, clang::QualType source) {
  if (view.isNull() || source.isNull() || view->isDependentType() || source->isDependentType()) return false;
  source = source.getNonReferenceType();
  if (source->isIncompleteType() || source.isDestructedType() != clang::QualType::DK_none) return false;
  const auto* record = view.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || record->isInStdNamespace()) return false;
  llvm::SmallPtrSet<const clang::Type*, 16> parts;
  collect_value_parts(source, parts, 0);
  return !may_point_into(view.getNonReferenceType(), parts, 0);
}

/// std::atomic_ref<T>: a reference to one object; its assignment stores
/// through it (it is never re-pointed).
bool is_atomic_ref(clang::QualType type) {
  return !type.isNull() && !type->isDependentType() &&
         is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"atomic_ref"});
}

/// std::ref(x) / std::cref(x): a reference_wrapper of its argument.
bool is_std_ref_call(const clang::CallExpr* call) {
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  return callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
         (callee->getName() == "ref" || callee->getName() == "cref") && call->getNumArgs() == 1;
}

/// std::string_view / std::span: made from an owning string or container.
bool is_owner_view(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return false;
  return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"basic_string_view", "span"});
}

/// The type arguments of a std class template specialisation (packs
/// expanded); empty for anything else.
llvm::SmallVector<clang::QualType, 4> std_type_arguments(clang::QualType type) {
  llvm::SmallVector<clang::QualType, 4> out;
  if (type.isNull() || type->isDependentType()) return out;
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace()) return out;
  for (const clang::TemplateArgument& arg : flat_template_arguments(*spec)) {
    if (arg.getKind() == clang::TemplateArgument::Type) out.push_back(arg.getAsType());
  }
  return out;
}

/// std::shared_ptr / meshwa::Shared: one owner among others.
bool is_shared_owner(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (is_std_class(record, {"shared_ptr"})) return true;
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "Shared") return false;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext());
  return ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "meshwa";
}

/// std::reference_wrapper<T>.
bool is_wrapper(clang::QualType type) {
  return !type.isNull() && is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"reference_wrapper"});
}

/// A std container, std::optional, std::pair or std::tuple (not itself a
/// view) with a std::string_view, std::span or std::reference_wrapper among
/// its elements, directly or in a nested pair (std::map<std::string_view,
/// int>) or aggregate (std::optional<LogLine> with `struct LogLine {
/// std::string_view ip, path; };`), or such an aggregate itself.
bool holds_owner_views(clang::QualType type, unsigned depth) {
  if (type.isNull() || type->isDependentType() || depth > 4 || is_view(type)) return false;
  if (const auto* array = llvm::dyn_cast<clang::ConstantArrayType>(type.getCanonicalType().getTypePtr())) {
    return is_owner_view(array->getElementType()) || holds_owner_views(array->getElementType(), depth + 1);
  }
  if (is_view_aggregate(type, depth)) return true;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!is_std_class(record, {"optional", "pair", "tuple", "vector", "deque", "list", "forward_list", "set", "multiset",
                             "unordered_set", "unordered_multiset", "map", "multimap", "unordered_map",
                             "unordered_multimap", "array", "queue", "stack"})) {
    return false;
  }
  for (clang::QualType arg : std_type_arguments(type)) {
    if (is_owner_view(arg) || is_wrapper(arg) || holds_owner_views(arg, depth + 1)) return true;
  }
  return false;
}

/// An aggregate of service code with a std::string_view or std::span
/// member, directly or in a std holder (`struct Token { int kind;
/// std::string_view text; };`, a parsed record of views): a holder of views
/// the way a std::pair of views is. One level: an aggregate member of an
/// aggregate is not looked into.
bool is_view_aggregate(clang::QualType type, unsigned depth) {
  if (type.isNull() || type->isDependentType() || depth > 4) return false;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || !record->hasDefinition() || record->isLambda() || record->isUnion() ||
      record->isInStdNamespace() || !record->getDefinition()->isAggregate()) {
    return false;
  }
  for (const clang::FieldDecl* field : record->getDefinition()->fields()) {
    if (is_owner_view(field->getType()) || is_wrapper(field->getType()) || holds_owner_views(field->getType(), depth + 1)) {
      return true;
    }
  }
  return false;
}

/// Which kinds of owner views a holder's elements are: 1 for
/// std::string_view (of a string), 2 for std::span (of a vector or array),
/// 4 for std::reference_wrapper (of an object of its type).
unsigned owner_view_kinds(clang::QualType type, unsigned depth) {
  if (type.isNull() || type->isDependentType() || depth > 4) return 0;
  if (is_owner_view(type)) {
    return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"basic_string_view"}) ? 1u : 2u;
  }
  if (is_wrapper(type)) return 4;
  if (const auto* array = llvm::dyn_cast<clang::ConstantArrayType>(type.getCanonicalType().getTypePtr())) {
    return owner_view_kinds(array->getElementType(), depth + 1);
  }
  if (!holds_owner_views(type, depth)) return 0;
  unsigned kinds = 0;
  if (is_view_aggregate(type, depth)) {
    for (const clang::FieldDecl* field : type.getNonReferenceType()->getAsCXXRecordDecl()->getDefinition()->fields()) {
      kinds |= owner_view_kinds(field->getType(), depth + 1);
    }
    return kinds;
  }
  for (clang::QualType arg : std_type_arguments(type)) kinds |= owner_view_kinds(arg, depth + 1);
  return kinds;
}

/// What an element type the argument `index` of `count` given to a
/// constructor or emplace of `holder` becomes, when that can be told: the
/// only element of an optional or a sequence/set, the matching element of
/// a pair or tuple, the key or the mapped value of a map (two arguments).
clang::QualType element_slot(clang::QualType holder, unsigned index, unsigned count) {
  const auto* record = holder.getNonReferenceType()->getAsCXXRecordDecl();
  const llvm::SmallVector<clang::QualType, 4> args = std_type_arguments(holder);
  if (record == nullptr || args.empty()) return {};
  if (is_std_class(record, {"pair", "tuple"})) return count == args.size() && index < args.size() ? args[index] : clang::QualType();
  if (is_std_class(record, {"map", "multimap", "unordered_map", "unordered_multimap"})) {
    return count == 2 && args.size() >= 2 ? args[index] : clang::QualType();
  }
  return count == 1 ? args[0] : clang::QualType();
}

}  // namespace meshwa::rules::dangling
