// meshwa-dangling: references and views (std::string_view, std::span,
// iterators, std::reference_wrapper) bound to objects that die before them:
//   std::string_view v = std::string("x");      // the temporary dies at ;
//   std::string_view v = s + "x";               // same
//   std::string_view v = make_order().name;     // member of a temporary
//   const std::string& r = make_order().label(); // a reference returned by a
//                                                // method of a temporary
//   for (auto& x : make_order().items()) ...    // (before C++23) same
//   std::string_view name() { std::string s; return s; }  // a local
//   const T& r = std::max(a, T{});               // argument of matching type
//   const char& c = load()->front();             // -> of a temporary
//   auto [lo, hi] = std::minmax(a, b + 1);       // pair of references
//   return std::cref(local);  return id(local);  // through a call
//   return local_vec | std::views::filter(p);    // ref_view of a local
//   return std::find(v.begin(), v.end(), x);      // iterator of a local, via
//   return std::ranges::find(v, x);               // a std algorithm
//   return std::bind(f, std::ref(local));         // a reference in a value
//   std::string_view v{make()};                   // braces, like =
//   { std::string s; outer_view = s; } use(outer_view);  // inner block
//   catch (const std::exception& e) { msg = e.what(); } use(msg);
//   std::initializer_list<T> f() { return {...}; }
//   void f(std::string_view& out) { std::string s; out = s; }  // out-parameter
//   class P { std::string buf_; std::string_view rest_;          // a view member
//     void load() { rest_ = buf_; }  void add(char c) { buf_ += c; } };  // over a
//                                   // member another member function changes
//   class S { std::vector<std::string> names_;                   // a collection of
//     std::map<std::string_view, int> index_;                    // views over one:
//     void add(std::string n) { names_.push_back(n); index_[names_.back()] = 0; } };
//   auto parts = split(read_line(), ',');         // a container of views from a
//                                                 // function handed a temporary
//   std::optional<std::string_view> f() { return to_lower(s); }  // returned holder
//   int* f() { int x; return &x; }  g_ptr = &local;  *out = buf;  // raw pointers
//   static const int& first = k;                  // a static bound to a local
//   std::function<const int&()> f = [] { return 1; };  // reference to a temporary
//   class C { std::initializer_list<int> l_; ... };     // an array that dies
// Iterators are views, except those that own their state (std::filesystem's
// directory iterators copy their path).
// Lifetime extension is respected: `const std::string& r = f().name;` binds
// the whole temporary to r (clang records the extending declaration), and is
// accepted. What cannot be decided locally is rejected conservatively: a free
// function returning a reference or view whose argument of the matching type
// is a temporary (std::max, a trim() helper) may return that argument.
//
// This overlaps clang's -Wdangling / -Wdangling-gsl / -Wreturn-stack-address
// warnings on purpose: in service code these are errors, with a remedy, and
// the rule also covers members and methods of temporaries that clang misses.
#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <vector>

#include "Flow.h"
#include "Instantiations.h"

#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/raw_ostream.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "dangling";

/// Answers about function bodies asked at every call (is a method a
/// cursor's view method, which parameters reach a helper's returns), kept
/// for one translation unit: the declarations they are keyed by die with
/// it, so the rule clears them at its end.
struct BodyCaches {
  std::map<const clang::FunctionDecl*, bool> held_view;
  std::map<const clang::FunctionDecl*, bool> held_reference;
  std::map<const clang::FunctionDecl*, std::set<const clang::ParmVarDecl*>> returned;
  std::map<const clang::FunctionDecl*, std::set<const clang::ParmVarDecl*>> parts_returned;
  std::map<const clang::FunctionDecl*, bool> makes_fresh_shared;  // every return is a make_shared
};
BodyCaches& body_caches() {
  static BodyCaches caches;
  return caches;
}

using flow::skip_carriers;

/// std::pair / std::tuple with a reference element: what std::minmax,
/// std::forward_as_tuple or a `std::tuple<const T&, ...> view() const`
/// return. A view of what its references are bound to (its assignment
/// assigns through them, it does not rebind).
bool is_reference_tuple(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return false;
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr || !is_std_class(spec, {"pair", "tuple"})) return false;
  for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
    if (arg.getKind() == clang::TemplateArgument::Type && arg.getAsType()->isReferenceType()) return true;
    if (arg.getKind() == clang::TemplateArgument::Pack) {
      for (const clang::TemplateArgument& element : arg.pack_elements()) {
        if (element.getKind() == clang::TemplateArgument::Type && element.getAsType()->isReferenceType()) return true;
      }
    }
  }
  return false;
}

/// The types a reference tuple's references refer to (unqualified, canonical).
llvm::SmallVector<clang::QualType, 4> reference_tuple_referees(clang::QualType type) {
  llvm::SmallVector<clang::QualType, 4> out;
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr) return out;
  auto add = [&](const clang::TemplateArgument& arg) {
    if (arg.getKind() == clang::TemplateArgument::Type && arg.getAsType()->isReferenceType()) {
      out.push_back(arg.getAsType().getNonReferenceType().getUnqualifiedType().getCanonicalType());
    }
  };
  for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
    if (arg.getKind() == clang::TemplateArgument::Pack) {
      for (const clang::TemplateArgument& element : arg.pack_elements()) add(element);
    } else {
      add(arg);
    }
  }
  return out;
}

/// Whether element `index` of a std::pair / std::tuple type is a reference
/// (an element held by value owns what it is made from).
bool tuple_element_is_reference(clang::QualType type, unsigned index) {
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr) return true;
  unsigned at = 0;
  for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
    if (arg.getKind() == clang::TemplateArgument::Pack) {
      for (const clang::TemplateArgument& element : arg.pack_elements()) {
        if (at++ == index) return element.getKind() != clang::TemplateArgument::Type || element.getAsType()->isReferenceType();
      }
    } else if (at++ == index) {
      return arg.getKind() != clang::TemplateArgument::Type || arg.getAsType()->isReferenceType();
    }
  }
  return true;
}

/// std::ranges::subrange: a pair of iterators.
bool is_ranges_subrange(const clang::CXXRecordDecl* record) {
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "subrange") return false;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext());
  return ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "ranges" && ns->isInStdNamespace();
}

/// What `*it` gives for an iterator class (unqualified, not a
/// reference); null for anything else.
clang::QualType iterator_value_type(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return {};
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || !is_iterator_class(record)) return {};
  for (const clang::CXXMethodDecl* method : record->getDefinition()->methods()) {
    if (method->getOverloadedOperator() == clang::OO_Star && method->getNumParams() == 0) {
      return method->getReturnType().getNonReferenceType().getUnqualifiedType();
    }
  }
  return {};
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

/// std::atomic_ref<T>: a reference to one object; its assignment stores
/// through it (it is never re-pointed).
bool is_atomic_ref(clang::QualType type) {
  return !type.isNull() && !type->isDependentType() &&
         is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"atomic_ref"});
}

/// meshwa::Ref<I>: a handle to a service, which outlives the handle; what
/// its operator-> points to does not die with a temporary Ref.
bool is_service_handle(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "Ref") return false;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext());
  return ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "meshwa";
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

/// What a std::string_view or std::span can view: std::string, std::vector,
/// std::array.
bool is_owner_class(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return false;
  return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"basic_string", "vector", "array"});
}

/// The type arguments of a std class template specialisation (packs
/// expanded); empty for anything else.
llvm::SmallVector<clang::QualType, 4> std_type_arguments(clang::QualType type) {
  llvm::SmallVector<clang::QualType, 4> out;
  if (type.isNull() || type->isDependentType()) return out;
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace()) return out;
  for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
    if (arg.getKind() == clang::TemplateArgument::Type) {
      out.push_back(arg.getAsType());
    } else if (arg.getKind() == clang::TemplateArgument::Pack) {
      for (const clang::TemplateArgument& element : arg.pack_elements()) {
        if (element.getKind() == clang::TemplateArgument::Type) out.push_back(element.getAsType());
      }
    }
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

/// std::make_shared / std::allocate_shared / meshwa::make_shared: a new
/// object with no other owner yet.
bool makes_shared(const clang::Expr* e) {
  const auto* call = e != nullptr ? llvm::dyn_cast<clang::CallExpr>(e->IgnoreImplicit()->IgnoreParens()) : nullptr;
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || callee->getIdentifier() == nullptr) return false;
  if (callee->getName() != "make_shared" && callee->getName() != "allocate_shared") return false;
  return callee->isInStdNamespace() || in_top_namespace(*callee, "meshwa");
}

/// `p` in `*p`, `p->m`, `p.get()`: a local smart pointer whose object the
/// function hands on (flow::hands_on_ownership).
bool hands_on_ownership(const clang::Expr* object) {
  const auto* ref = object != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts()) : nullptr;
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  return var != nullptr && flow::hands_on_ownership(*var);
}

/// A shared owner returned by a call (`*config()`, `cache.get(k)->name`),
/// the temporary one owner among others it may share with (a copy of a
/// member): what it points to need not die with the temporary. Not a
/// shared owner made here (`*std::make_shared<T>()`, a constructor), nor
/// one from a helper whose every `return` makes one.
bool shares_with_others(const clang::Expr* object) {
  if (object == nullptr) return false;
  // (operator* and operator-> are members of a base of std::shared_ptr: the
  // object is converted to it.)
  const auto* call = llvm::dyn_cast<clang::CallExpr>(object->IgnoreImplicit()->IgnoreParens());
  if (call == nullptr || !is_shared_owner(call->getType()) || makes_shared(call)) return false;
  const clang::FunctionDecl* definition = definition_with_body(call->getDirectCallee());
  if (definition == nullptr) return true;
  auto [cached, fresh] = body_caches().makes_fresh_shared.try_emplace(definition, false);
  if (!fresh) return !cached->second;
  bool every_return_makes = true;
  bool any_return = false;
  flow::contains(definition->getBody(), [&](const clang::Stmt& s) {
    const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s);
    if (ret == nullptr) return false;
    any_return = true;
    const clang::Expr* value = ret->getRetValue();
    const auto* construct = value != nullptr ? llvm::dyn_cast<clang::CXXConstructExpr>(value->IgnoreImplicit()) : nullptr;
    if (construct != nullptr && construct->getNumArgs() == 1) value = construct->getArg(0);  // a copy / move
    if (!makes_shared(value)) every_return_makes = false;
    return !every_return_makes;
  });
  cached->second = any_return && every_return_makes;
  return !cached->second;
}

/// `it + n`, `it - n`, `++it`, `it++`, `it += n` of an iterator: an
/// iterator into the same range as `it` (its first operand).
bool moves_iterator(const clang::CXXOperatorCallExpr& op) {
  switch (op.getOperator()) {
    case clang::OO_Plus:
    case clang::OO_Minus:
    case clang::OO_PlusPlus:
    case clang::OO_MinusMinus:
    case clang::OO_PlusEqual:
    case clang::OO_MinusEqual:
      break;
    default:
      return false;
  }
  if (op.getNumArgs() == 0) return false;
  const clang::QualType result = op.getType().getNonReferenceType();
  const clang::QualType operand = op.getArg(0)->getType().getNonReferenceType();
  return is_iterator_class(result->getAsCXXRecordDecl()) &&
         result.getUnqualifiedType().getCanonicalType() == operand.getUnqualifiedType().getCanonicalType();
}

/// std::initializer_list<T>.
bool is_initializer_list(clang::QualType type) {
  return !type.isNull() && !type->isDependentType() && is_std_class(type->getAsCXXRecordDecl(), {"initializer_list"});
}

/// std::reference_wrapper<T>.
bool is_wrapper(clang::QualType type) {
  return !type.isNull() && is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"reference_wrapper"});
}

bool is_view_aggregate(clang::QualType type, unsigned depth = 0);

/// A std container, std::optional, std::pair or std::tuple (not itself a
/// view) with a std::string_view, std::span or std::reference_wrapper among
/// its elements, directly or in a nested pair (std::map<std::string_view,
/// int>) or aggregate (std::optional<LogLine> with `struct LogLine {
/// std::string_view ip, path; };`), or such an aggregate itself.
bool holds_owner_views(clang::QualType type, unsigned depth = 0) {
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

/// A std::pair / std::tuple with a view (an iterator, a std::string_view)
/// among its elements: what `set.insert(x)` or `map.equal_range(k)` return.
bool has_view_element(clang::QualType type) {
  if (!is_std_class(type.isNull() ? nullptr : type.getNonReferenceType()->getAsCXXRecordDecl(), {"pair", "tuple"})) {
    return false;
  }
  return llvm::any_of(std_type_arguments(type), [](clang::QualType arg) { return is_view(arg); });
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
unsigned owner_view_kinds(clang::QualType type, unsigned depth = 0) {
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

/// The types the std::reference_wrappers held by `type` refer to
/// (unqualified, canonical).
void wrapped_types(clang::QualType type, llvm::SmallVectorImpl<clang::QualType>& out, unsigned depth = 0) {
  if (type.isNull() || type->isDependentType() || depth > 4) return;
  if (is_wrapper(type)) {
    for (clang::QualType arg : std_type_arguments(type)) out.push_back(arg.getUnqualifiedType().getCanonicalType());
    return;
  }
  if (!holds_owner_views(type, depth)) return;
  if (is_view_aggregate(type, depth)) {
    for (const clang::FieldDecl* field : type.getNonReferenceType()->getAsCXXRecordDecl()->getDefinition()->fields()) {
      wrapped_types(field->getType(), out, depth + 1);
    }
    return;
  }
  for (clang::QualType arg : std_type_arguments(type)) wrapped_types(arg, out, depth + 1);
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

/// The arguments `e` makes an object from: `Tok(text)`, `PlaneRef{p_}`,
/// `Key(a, b)` (through a functional cast); none for a copy or move, or for
/// anything else.
std::optional<llvm::ArrayRef<const clang::Expr*>> construction_arguments(const clang::Expr* e) {
  e = e->IgnoreImplicit()->IgnoreParens();
  while (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(e)) {
    e = cast->getSubExpr()->IgnoreImplicit()->IgnoreParens();
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    if (construct->getConstructor() == nullptr || construct->getConstructor()->isCopyOrMoveConstructor()) {
      return std::nullopt;
    }
    return llvm::ArrayRef(construct->getArgs(), construct->getNumArgs());
  }
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) return list->inits();
  return std::nullopt;
}

/// `PlaneRef planes() const { return PlaneRef{plane_}; }`: a method whose
/// whole body makes the cursor it returns from fields of its own object
/// held by value (no reference, pointer or view among them), so that the
/// cursor looks into that object itself. One made from a field the object
/// only refers to, or by code this cannot see, may look elsewhere.
bool makes_cursor_over_own_fields(const clang::CXXMethodDecl* method) {
  const clang::FunctionDecl* def = nullptr;
  if (method == nullptr || !method->hasBody(def) || def == nullptr) return false;
  const clang::Expr* e = flow::only_returned_value(def->getBody());
  if (e == nullptr) return false;
  const std::optional<llvm::ArrayRef<const clang::Expr*>> args = construction_arguments(e);
  if (!args) return false;
  bool any = false;
  for (const clang::Expr* arg : *args) {
    if (arg == nullptr || llvm::isa<clang::CXXDefaultArgExpr, clang::CXXDefaultInitExpr>(arg)) continue;
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(arg->IgnoreParenImpCasts());
    const auto* field = member != nullptr ? llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl()) : nullptr;
    if (field == nullptr || !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return false;
    const clang::QualType type = field->getType();
    if (type->isReferenceType() || type->isPointerType() || is_view(type) ||
        is_view_holder(type.getNonReferenceType().getUnqualifiedType())) {
      return false;
    }
    any = true;
  }
  return any;
}

/// What a reference or view ends up pointing into.
struct Root {
  enum Kind { temporary, local } kind;
  const clang::Expr* expr;        // the temporary, or the reference to the local
  const clang::VarDecl* var;      // the local
  bool conservative;              // decided by the matching-argument heuristic
  const clang::BindingDecl* binding = nullptr;  // the structured binding naming (a part of) `var`, if any
};

class Roots;
/// What the views held by a std container / optional / pair / tuple of
/// type `slot`, made by `e`, view when that dies too early (defined with
/// the rule, which judges holders of views).
std::optional<Root> held_root_of(const clang::Expr* e, clang::QualType slot, const Roots& roots);

class Roots {
 public:
  /// The object a glvalue `e` designates, when that object dies too early:
  /// a temporary not extended by the declaration being checked, or (when
  /// `locals`) a local variable of the function.
  std::optional<Root> of_object(const clang::Expr* e, unsigned depth = 0) const {
    if (e == nullptr || depth > kMaxDepth) return std::nullopt;
    e = e->IgnoreParens();
    if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(e)) return of_object(cleanups->getSubExpr(), depth + 1);
    if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(e)) {
      switch (cast->getCastKind()) {
        case clang::CK_NoOp:
        case clang::CK_DerivedToBase:
        case clang::CK_UncheckedDerivedToBase:
        case clang::CK_LValueToRValue:
          return of_object(cast->getSubExpr(), depth + 1);
        default:
          return std::nullopt;
      }
    }
    if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) {
      if (temporary->getExtendingDecl() != nullptr) {
        // Extended to the declaration's lifetime; a view kept alive that way
        // still dangles if it views a temporary.
        if (is_view(temporary->getType())) return of_view(temporary->getSubExpr(), depth + 1);
        return std::nullopt;
      }
      return Root{Root::temporary, temporary, nullptr, false};
    }
    if (const auto* bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) return of_object(bind->getSubExpr(), depth + 1);
    if (const auto* fallback = llvm::dyn_cast<clang::CXXDefaultArgExpr>(e)) {
      // pick() with `const std::string& s = std::string(...)`: the default
      // argument's temporary belongs to the caller's full-expression.
      return of_object(fallback->getExpr(), depth + 1);
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return std::nullopt;
      if (member->isArrow()) return of_arrow(member->getBase(), depth + 1);  // load()->field
      return of_object(member->getBase(), depth + 1);
    }
    if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
      if (!subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType()) return std::nullopt;
      return of_object(subscript->getBase()->IgnoreParenImpCasts(), depth + 1);
    }
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      if (auto root = of_object(conditional->getTrueExpr(), depth + 1)) return root;
      return of_object(conditional->getFalseExpr(), depth + 1);
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return of_variable(ref, depth);
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e); unary != nullptr && unary->getOpcode() == clang::UO_Deref) {
      // *make().get(), *s.data(): the object the pointer points into.
      return of_address(unary->getSubExpr(), depth + 1);
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      // obj.get() returning a reference: into obj (what else it may return
      // into, we cannot tell; obj dying is what matters here).
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method == nullptr || method->isStatic() || !refers(call)) return std::nullopt;
      const clang::Expr* object = call->getImplicitObjectArgument();
      if (object == nullptr) return std::nullopt;
      if (is_wrapper_kept_elsewhere(*method, *object)) return std::nullopt;
      if (returns_held_reference(*method)) return of_cursor(object, depth);  // R{x}.get() of a cursor
      std::optional<Root> root = object->getType()->isPointerType() ? of_arrow(object, depth + 1)  // load()->front()
                                 : is_view(object->getType())       ? of_view(object, depth + 1)
                                                                    : of_object(object, depth + 1);
      if (root) return root;
      return of_matching_argument(call, depth);  // s.get_or(key, std::string("fallback"))
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      // v[i], *opt, it-> on an object: into the object (members only).
      if (!refers(op) || op->getNumArgs() == 0 || !llvm::isa_and_nonnull<clang::CXXMethodDecl>(op->getDirectCallee())) {
        return std::nullopt;
      }
      if (op->getOperator() == clang::OO_Call) {
        if (auto root = of_lambda_call(op, /*view=*/false, depth)) return root;
        return of_closure_argument(op, depth);  // first(std::vector<int>{1}), Pick()(S{})
      }
      switch (op->getOperator()) {
        case clang::OO_Subscript:
        case clang::OO_Star:
        case clang::OO_Arrow: {
          const clang::Expr* object = op->getArg(0);
          if (op->getOperator() != clang::OO_Subscript && shares_with_others(object)) return std::nullopt;  // *config()
          if (op->getOperator() != clang::OO_Subscript && hands_on_ownership(object)) return std::nullopt;
          return is_view(object->getType()) ? of_view(object, depth + 1) : of_object(object, depth + 1);
        }
        default:
          // make() += "x", std::vector<int>{} = {1, 2}: an assignment returns
          // the object it assigns (*this), here a temporary.
          if (op->isAssignmentOp() && returns_own_object(*op)) return of_object(op->getArg(0), depth + 1);
          return std::nullopt;
      }
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) return of_matching_argument(call, depth);
    return std::nullopt;
  }

  /// A member assignment operator returning a reference to its own class:
  /// by convention `return *this;`.
  static bool returns_own_object(const clang::CXXOperatorCallExpr& op) {
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op.getDirectCallee());
    if (method == nullptr || !method->getReturnType()->isLValueReferenceType()) return false;
    const clang::CXXRecordDecl* returned = method->getReturnType()->getPointeeCXXRecordDecl();
    return returned != nullptr && returned->getCanonicalDecl() == method->getParent()->getCanonicalDecl();
  }

  /// The object a view value `e` (a prvalue or glvalue of view type, or a
  /// conversion to one) looks into, when it dies too early.
  std::optional<Root> of_view(const clang::Expr* e, unsigned depth = 0) const {
    if (e == nullptr || depth > kMaxDepth) return std::nullopt;
    e = e->IgnoreParens();
    if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(e)) return of_view(cleanups->getSubExpr(), depth + 1);
    if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) {
      if (cast->getCastKind() == clang::CK_ConstructorConversion || cast->getCastKind() == clang::CK_NoOp ||
          cast->getCastKind() == clang::CK_UserDefinedConversion || cast->getCastKind() == clang::CK_LValueToRValue ||
          llvm::isa<clang::CXXFunctionalCastExpr>(cast)) {
        return of_view(cast->getSubExpr(), depth + 1);
      }
      return std::nullopt;
    }
    if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) {
      return of_view(temporary->getSubExpr(), depth + 1);
    }
    if (const auto* bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) return of_view(bind->getSubExpr(), depth + 1);
    if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
      // std::string_view v{make()}: a view list-initialised from one value
      // (clang keeps the conversion inside the braces).
      if (list->getNumInits() == 1 && is_view(list->getType())) return of_view(list->getInit(0), depth + 1);
      return std::nullopt;
    }
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      // b ? std::string_view(local) : literal: either branch.
      if (auto root = of_view(conditional->getTrueExpr(), depth + 1)) return root;
      return of_view(conditional->getFalseExpr(), depth + 1);
    }
    if (const auto* fallback = llvm::dyn_cast<clang::CXXDefaultArgExpr>(e)) {
      // pick() with `std::string_view s = std::string(...)`: the default
      // argument's temporary belongs to the caller's full-expression.
      return of_view(fallback->getExpr(), depth + 1);
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      // std::string_view(s), std::span(v), std::string_view(view): whatever
      // owner argument the view is made from. A reference tuple made element
      // by element views only what its reference elements are bound to
      // (std::tuple<std::string&, int>(s, 1): not the 1).
      const bool element_wise = is_reference_tuple(construct->getType()) &&
                                construct->getNumArgs() > 1;
      for (unsigned i = 0; i < construct->getNumArgs(); ++i) {
        const clang::Expr* arg = construct->getArg(i);
        if (element_wise && !tuple_element_is_reference(construct->getType(), i)) continue;
        if (is_view(arg->getType())) {
          if (auto root = of_view(arg, depth + 1)) return root;
        } else if (arg->getType()->isRecordType() || arg->isGLValue()) {
          if (auto root = of_object(arg, depth + 1)) return root;
        } else if (arg->getType()->isPointerType()) {
          if (auto root = of_pointer(arg, depth + 1)) return root;
        }
      }
      return std::nullopt;
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      // owner.operator string_view(), owner.begin(), view.substr(...)
      const clang::Expr* object = call->getImplicitObjectArgument();
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (object == nullptr || method == nullptr || method->isStatic()) return std::nullopt;
      if (is_held_view(call, object)) return of_held_view(object, depth);  // views.at(0), opt.value()
      if (returns_held_view(*method)) return of_cursor(object, depth);           // it.key() of a cursor
      if (copies_held_iterator(call, object)) return std::nullopt;              // iters.at(0)
      std::optional<Root> root = object->getType()->isPointerType() ? of_arrow(object, depth + 1)  // load()->view()
                                 : is_view(object->getType())       ? of_view(object, depth + 1)
                                                                    : of_object(object, depth + 1);
      if (root) return root;
      return of_matching_argument(call, depth);
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      // A view variable: checked where it was initialised, and when it is
      // returned, what it was initialised from (`std::string_view v = s;
      // return v;` with a local s). A view parameter views the caller's data.
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      if (locals && var != nullptr && var != checking && var->hasLocalStorage() && !llvm::isa<clang::ParmVarDecl>(var) &&
          !var->getType()->isReferenceType() && var->getInit() != nullptr && !captured(ref)) {
        return of_view(var->getInit(), depth + 1);
      }
      return std::nullopt;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
        op != nullptr && (op->getOperator() == clang::OO_Subscript || op->getOperator() == clang::OO_Star) &&
        op->getNumArgs() >= 1 && is_held_view(op, op->getArg(0))) {
      return of_held_view(op->getArg(0), depth);  // views[0], *optional_view
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e); op != nullptr && op->getOperator() == clang::OO_Call) {
      if (auto root = of_lambda_call(op, /*view=*/true, depth)) return root;
      if (auto root = of_closure_argument(op, depth)) return root;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e); op != nullptr && moves_iterator(*op)) {
      return of_view(op->getArg(0), depth + 1);  // it + 1, ++it: into what `it` is into
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) return of_matching_argument(call, depth);
    return std::nullopt;
  }

  /// The object a pointer value `e` points into (`s.c_str()`, `e.what()`),
  /// when it dies too early.
  std::optional<Root> of_pointer_value(const clang::Expr* e) const { return of_pointer(e, 0); }

  /// A member function of the program whose every `return` (but `nullptr`)
  /// points into its own object: `&i_`, `x_` (an array member), `buf_.data()`,
  /// `this`. Called on a temporary or a local, the pointer dies with it
  /// (`return S(i).ptr();`, `Fred fred; return fred.get_x();`).
  static bool returns_pointer_into_this(const clang::CXXMethodDecl& method) {
    const clang::FunctionDecl* definition = definition_with_body(&method);
    if (definition == nullptr || method.isStatic() || declared_in_std(&method)) return false;
    bool any = false;
    bool all_into_this = true;
    flow::contains(definition->getBody(), [&](const clang::Stmt& s) {
      if (llvm::isa<clang::LambdaExpr>(s)) return false;
      const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s);
      if (ret == nullptr || ret->getRetValue() == nullptr) return false;
      const clang::Expr* value = ret->getRetValue()->IgnoreParenImpCasts();
      if (value->isNullPointerConstant(method.getASTContext(), clang::Expr::NPC_ValueDependentIsNotNull)) return false;
      any = true;
      if (!points_into_this(ret->getRetValue())) all_into_this = false;
      return !all_into_this;
    });
    return any && all_into_this;
  }

  /// `&m_`, `m_` (an array decaying), `m_.data()`, `this`, `&m_[i]`, and the
  /// same through members of members.
  static bool points_into_this(const clang::Expr* e) {
    e = e->IgnoreParens();
    if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) {
      if (cast->getCastKind() == clang::CK_ArrayToPointerDecay) return is_part_of_this(cast->getSubExpr());
      if (cast->getCastKind() == clang::CK_NoOp || cast->getCastKind() == clang::CK_LValueToRValue ||
          cast->getCastKind() == clang::CK_DerivedToBase || cast->getCastKind() == clang::CK_UncheckedDerivedToBase) {
        return points_into_this(cast->getSubExpr());
      }
      return false;
    }
    if (llvm::isa<clang::CXXThisExpr>(e)) return true;
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e)) {
      return unary->getOpcode() == clang::UO_AddrOf && is_part_of_this(unary->getSubExpr());
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl* callee = call->getMethodDecl();
      const clang::Expr* object = call->getImplicitObjectArgument();
      return callee != nullptr && object != nullptr && callee->getIdentifier() != nullptr &&
             (callee->getName() == "data" || callee->getName() == "c_str") &&
             is_std_class(object->getType()->getAsCXXRecordDecl(), {"basic_string", "vector", "array"}) &&
             is_part_of_this(object);
    }
    return false;
  }

  /// `m_`, `this->m_.n_`, `arr_[i]` (a member array or std container of
  /// this object, not through a pointer or reference member).
  static bool is_part_of_this(const clang::Expr* e) {
    for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
      e = e->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(e)) return true;
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
        const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
        if (field == nullptr || field->getType()->isReferenceType()) return false;
        if (member->isArrow() && !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return false;
        e = member->getBase();
        continue;
      }
      if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
        if (!subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType()) return false;
        e = subscript->getBase();
        continue;
      }
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
          op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
          is_std_class(op->getArg(0)->getType()->getAsCXXRecordDecl(), {"vector", "array", "basic_string", "deque"})) {
        e = op->getArg(0);
        continue;
      }
      return false;
    }
    return false;
  }

  /// Does the pointer local `var` keep the value it was initialised with:
  /// no assignment, increment or compound assignment to it, and its address
  /// never taken (`char* out = tmp; if (big) out = alloc(n); return out;`
  /// may return either)?
  static bool never_reassigned(const clang::VarDecl& var) {
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
    if (fn == nullptr || fn->getBody() == nullptr) return false;
    auto names_var = [&](const clang::Expr* e) { return flow::names_variable(e, var); };
    return !flow::contains(fn->getBody(), [&](const clang::Stmt& s) {
      if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
        return binary->isAssignmentOp() && names_var(binary->getLHS());
      }
      if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s)) {
        return (unary->isIncrementDecrementOp() || unary->getOpcode() == clang::UO_AddrOf) && names_var(unary->getSubExpr());
      }
      return false;
    });
  }

  /// The object a raw pointer value `e` points into, when it dies too
  /// early: `&x`, `std::addressof(x)`, an array that decays (`buf`), `buf +
  /// 1`, `s.data()` / `s.c_str()` of a std string or container, `p.get()`
  /// of a std::unique_ptr, `?:` of those, and (when locals are judged) a
  /// local pointer variable initialised with one (`char* p = buf; return
  /// p;`). A pointer parameter, a member and a global point elsewhere.
  std::optional<Root> of_address(const clang::Expr* e, unsigned depth = 0) const {
    if (e == nullptr || depth > kMaxDepth) return std::nullopt;
    e = e->IgnoreParens();
    if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(e)) return of_address(cleanups->getSubExpr(), depth + 1);
    if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) {
      switch (cast->getCastKind()) {
        case clang::CK_ArrayToPointerDecay:
          return of_object(cast->getSubExpr(), depth + 1);
        case clang::CK_NoOp:
        case clang::CK_LValueToRValue:
        case clang::CK_DerivedToBase:
        case clang::CK_UncheckedDerivedToBase:
        case clang::CK_BitCast:
          return of_address(cast->getSubExpr(), depth + 1);
        default:
          return std::nullopt;
      }
    }
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e)) {
      if (unary->getOpcode() == clang::UO_AddrOf) return of_object(unary->getSubExpr(), depth + 1);
      return std::nullopt;
    }
    if (const auto* call = address_of_call(*e); call != nullptr && call->getNumArgs() == 1) {
      return of_object(call->getArg(0), depth + 1);
    }
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(e)) {
      // buf + 1, 2 + buf: the pointer operand
      if (!binary->isAdditiveOp()) return std::nullopt;
      const clang::Expr* pointer = binary->getLHS()->getType()->isPointerType() ? binary->getLHS() : binary->getRHS();
      return pointer->getType()->isPointerType() ? of_address(pointer, depth + 1) : std::nullopt;
    }
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      if (auto root = of_address(conditional->getTrueExpr(), depth + 1)) return root;
      return of_address(conditional->getFalseExpr(), depth + 1);
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const clang::VarDecl* var = initialised_local(ref);
      if (var == nullptr || var == checking || !var->getType()->isPointerType() || !never_reassigned(*var)) {
        return std::nullopt;
      }
      // (A temporary it was made from is reported at its declaration.)
      std::optional<Root> root = of_address(var->getInit(), depth + 1);
      return root && root->kind == Root::local ? root : std::nullopt;
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      const clang::Expr* object = call->getImplicitObjectArgument();
      if (method == nullptr || object == nullptr || method->getIdentifier() == nullptr ||
          object->getType()->isPointerType()) {
        return std::nullopt;
      }
      const clang::CXXRecordDecl* record = object->getType()->getAsCXXRecordDecl();
      const llvm::StringRef name = method->getName();
      // (begin() / end() of a std::array or std::string_view are pointers
      // in libstdc++.)
      const bool buffer = (name == "data" || name == "c_str" || name == "begin" || name == "end" ||
                           name == "cbegin" || name == "cend") &&
                          is_std_class(record, {"basic_string", "vector", "array", "basic_string_view", "span"});
      const bool owned = name == "get" && is_std_class(record, {"unique_ptr"});
      if (owned && hands_on_ownership(object)) return std::nullopt;
      if (!buffer && !owned && !returns_pointer_into_this(*method)) return std::nullopt;
      return is_view(object->getType()) ? of_view(object, depth + 1) : of_object(object, depth + 1);
    }
    return std::nullopt;
  }

  bool locals = false;
  const clang::VarDecl* checking = nullptr;  // the declaration whose initialiser is being looked at
  const clang::DeclContext* function = nullptr;  // the function whose return is checked (`locals`)

 private:
  static constexpr unsigned kMaxDepth = 24;

  /// A lambda called in a checked return, its closure object: `return
  /// [&]() -> int& { return local; }();`, `auto l = [&] { ... }; return
  /// l();`. What the lambda's returns refer to through its captures is what
  /// the call refers to (its own locals and temporaries are judged at its
  /// own returns).
  const clang::CXXRecordDecl* lambda_ = nullptr;
  const clang::Expr* closure_ = nullptr;

  /// The object `ref` names when it is this function's own local (when
  /// locals are judged): not a parameter, a reference or a capture, and
  /// made by an initialiser, which says what it holds. Else nullptr.
  const clang::VarDecl* initialised_local(const clang::DeclRefExpr* ref) const {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (!locals || var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
        var->getType()->isReferenceType() || var->getInit() == nullptr || captured(ref)) {
      return nullptr;
    }
    return var;
  }

  /// Inside a lambda, does `ref` name a capture that is not followed here?
  bool captured(const clang::DeclRefExpr* ref) const {
    if (!ref->refersToEnclosingVariableOrCapture()) return false;
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (lambda_ == nullptr || var == nullptr) return true;
    const std::optional<bool> by_reference = capture_kind(var);
    return !by_reference || !*by_reference || var->getParentFunctionOrMethod() != function;
  }

  /// How `lambda_` captures `var`: true by reference, false by copy.
  std::optional<bool> capture_kind(const clang::VarDecl* var) const {
    if (lambda_ == nullptr) return std::nullopt;
    for (const clang::LambdaCapture& capture : lambda_->captures()) {
      if (!capture.capturesVariable() || capture.getCapturedVar() != var) continue;
      return capture.getCaptureKind() == clang::LCK_ByRef;
    }
    return std::nullopt;
  }

  /// `closure(args)` with `closure` a lambda (called at once, or a local
  /// closure), in a checked return: what the lambda's returns refer to
  /// through its captures. Only the lambda's own returns (not those of
  /// lambdas inside it).
  std::optional<Root> of_lambda_call(const clang::CXXOperatorCallExpr* op, bool view, unsigned depth) const {
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getDirectCallee());
    const clang::FunctionDecl* definition = definition_with_body(method);
    if (!locals || lambda_ != nullptr || depth > kMaxDepth || method == nullptr || !method->getParent()->isLambda() ||
        op->getNumArgs() == 0 || definition == nullptr) {
      return std::nullopt;
    }
    Roots inner = *this;
    inner.lambda_ = method->getParent();
    inner.closure_ = op->getArg(0);
    inner.checking = nullptr;
    std::optional<Root> found;
    llvm::SmallVector<const clang::Stmt*, 32> stack{definition->getBody()};
    while (!stack.empty() && !found) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) continue;
      if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s); ret != nullptr && ret->getRetValue() != nullptr) {
        std::optional<Root> root = view ? inner.of_view(ret->getRetValue(), depth + 1)
                                        : inner.of_object(ret->getRetValue(), depth + 1);
        // The lambda's own locals: reported at its own return.
        if (root && (root->kind != Root::local || root->var == nullptr ||
                     root->var->getParentFunctionOrMethod() != definition)) {
          found = root;
        }
      }
      for (const clang::Stmt* child : s->children()) stack.push_back(child);
    }
    return found;
  }

  /// Does the expression's value refer to memory (a reference, a view, a
  /// pointer) rather than being a fresh value?
  static bool refers(const clang::Expr* e) {
    const clang::QualType t = e->getType();
    return e->isGLValue() || t->isPointerType() || is_view(t);
  }

  /// `call` hands out a std::string_view / std::span stored in `object`, a
  /// std container, optional, pair or tuple of views (`views.at(0)`,
  /// `views[0]`, `opt.value()`, `*opt`): copying it gives a view of what
  /// the element views, not of the holder.
  static bool is_held_view(const clang::Expr* call, const clang::Expr* object) {
    return call->isGLValue() && is_owner_view(call->getType()) && !object->getType()->isPointerType() &&
           holds_owner_views(object->getType().getNonReferenceType());
  }

  /// `iters.at(0)`, `iters.front()` of a std container of iterators: a copy
  /// of the stored iterator is into wherever that one was taken, not into
  /// the container holding it (not followed further).
  static bool copies_held_iterator(const clang::Expr* call, const clang::Expr* object) {
    if (!call->isGLValue() || !is_view(call->getType()) || is_owner_view(call->getType()) ||
        object->getType()->isPointerType()) {
      return false;
    }
    const clang::QualType holder = object->getType().getNonReferenceType();
    if (!is_std_class(holder->getAsCXXRecordDecl(), {"vector", "deque", "list", "array", "optional"})) return false;
    const llvm::SmallVector<clang::QualType, 4> args = std_type_arguments(holder);
    return !args.empty() && args[0].getCanonicalType().getUnqualifiedType() ==
                                call->getType().getNonReferenceType().getCanonicalType().getUnqualifiedType();
  }

  /// What a view copied out of the holder `object` views, when that dies
  /// too early: what a temporary holder was made from (`std::vector<
  /// std::string_view>{a, b}`, `split(read_line(), ',')`), or, for a
  /// return (`locals`), what a local holder was initialised from.
  std::optional<Root> of_held_view(const clang::Expr* object, unsigned depth) const {
    if (depth > kMaxDepth) return std::nullopt;
    const clang::QualType type = object->getType().getNonReferenceType();
    const clang::Expr* inner = object->IgnoreImplicit()->IgnoreParens();
    // A holder that is a member of another object (`load().names.at(0)`):
    // its views may view that object's other members, as a view member of a
    // temporary does (`load().name`).
    if (llvm::isa<clang::MemberExpr>(inner)) return of_object(object, depth + 1);
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(inner)) {
      const clang::VarDecl* var = initialised_local(ref);
      if (var == nullptr) return std::nullopt;
      return held_root_of(var->getInit(), type, *this);
    }
    return held_root_of(object, type, *this);
  }

  /// Does `definition` return at least once, and every value it returns
  /// (outside lambdas in it) pass `ok`?
  template <class Pred>
  static bool every_return_is(const clang::FunctionDecl& definition, Pred ok) {
    bool any = false;
    llvm::SmallVector<const clang::Stmt*, 32> stack{definition.getBody()};
    while (!stack.empty()) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) continue;
      if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) {
        if (ret->getRetValue() == nullptr || !ok(ret->getRetValue())) return false;
        any = true;
      }
      for (const clang::Stmt* child : s->children()) stack.push_back(child);
    }
    return any;
  }

  /// A method of a cursor (is_view_holder: a class of the program holding
  /// only views, iterators, references, pointers and numbers, LevelDB's
  /// `Block::Iter`) returning a view by value, whose every return copies
  /// what a handle member views (`return key_;`, `return data_.substr(p);`,
  /// `return it_->first;`, `?:` of those, or an empty view). Its result
  /// views what the cursor views, never the cursor itself, which owns
  /// nothing a view could point into. escaping-reference judges the same
  /// methods the same way.
  static bool returns_held_view(const clang::CXXMethodDecl& method) {
    if (method.isStatic() || !is_view(method.getReturnType()) || method.getReturnType()->isReferenceType() ||
        !is_view_holder(method.getASTContext().getRecordType(method.getParent()))) {
      return false;
    }
    const clang::FunctionDecl* definition = definition_with_body(&method);
    if (definition == nullptr) return false;
    // Asked at every call of the method: its body is walked once.
    std::map<const clang::FunctionDecl*, bool>& cache = body_caches().held_view;
    if (auto it = cache.find(definition); it != cache.end()) return it->second;
    const bool held = every_return_is(*definition, [](const clang::Expr* e) { return copies_handle_member(e, 0); });
    cache[definition] = held;
    return held;
  }

  /// A method of a cursor (is_view_holder) returning a reference, whose
  /// every return is what a reference member of `this` refers to (`return
  /// i_;`, `return r_.name;`) or what a handle member views (`*it_`,
  /// `it_->second`, `data_[i]`): the result is in what the cursor was made
  /// from, not in the cursor (`fm.planes().inner()` with `struct Ref {
  /// const T& i_; const T& inner() const { return i_; } };`). A reference
  /// to a field the cursor holds by value (`return key_;` of a view
  /// member) is into the cursor itself and is not one.
  static bool returns_held_reference(const clang::CXXMethodDecl& method) {
    if (method.isStatic() || !method.getReturnType()->isReferenceType() ||
        !is_view_holder(method.getASTContext().getRecordType(method.getParent()))) {
      return false;
    }
    const clang::FunctionDecl* definition = definition_with_body(&method);
    if (definition == nullptr) return false;
    std::map<const clang::FunctionDecl*, bool>& cache = body_caches().held_reference;
    if (auto it = cache.find(definition); it != cache.end()) return it->second;
    const bool held =
        every_return_is(*definition, [](const clang::Expr* e) { return refers_through_handle_member(e, 0); });
    cache[definition] = held;
    return held;
  }

  /// Is the glvalue `e` (in a cursor's method) in what a handle member of
  /// `this` refers to: a reference member, a part of one, an element of a
  /// std container it refers to (`table_.at(k)`, `table_[k]`), or what a
  /// handle member views (`*it_`, `it_->first`, `data_[i]`)?
  static bool refers_through_handle_member(const clang::Expr* e, unsigned depth) {
    if (e == nullptr || depth > 8) return false;
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      return refers_through_handle_member(conditional->getTrueExpr(), depth + 1) &&
             refers_through_handle_member(conditional->getFalseExpr(), depth + 1);
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
      if (field == nullptr) return false;
      const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(base)) return field->getType()->isReferenceType();
      if (member->isArrow()) return through_handle_member(base, depth);  // it_->first
      return refers_through_handle_member(base, depth + 1);              // r_.name
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      if ((op->getOperator() != clang::OO_Star && op->getOperator() != clang::OO_Subscript) || op->getNumArgs() == 0) {
        return false;
      }
      // table_[k] of a std container a reference member refers to.
      return through_handle_member(op, depth) ||
             (declared_in_std(op->getDirectCallee()) && refers_through_handle_member(op->getArg(0), depth + 1));
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      // table_.at(k), items_.front(): a std container's element accessor
      // returns into the container the reference member refers to.
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      return method != nullptr && declared_in_std(method) && method->getReturnType()->isReferenceType() &&
             refers_through_handle_member(call->getImplicitObjectArgument(), depth + 1);
    }
    return false;
  }

  /// Is `e` (in a cursor's method) a copy of what a handle member of `this`
  /// views: the member itself, a view method of it (`data_.substr(p, n)`),
  /// a member reached through one (`it_->first`), or an empty view?
  static bool copies_handle_member(const clang::Expr* e, unsigned depth) {
    if (e == nullptr || depth > 8) return false;
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(e)) return copies_handle_member(cast->getSubExpr(), depth + 1);
    if (llvm::isa<clang::StringLiteral>(e)) return true;
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      if (construct->getNumArgs() == 0) return true;  // `return {};`, std::string_view()
      if (construct->getNumArgs() == 1) return copies_handle_member(construct->getArg(0), depth + 1);
      return false;
    }
    if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
      return list->getNumInits() == 0 || (list->getNumInits() == 1 && copies_handle_member(list->getInit(0), depth + 1));
    }
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      return copies_handle_member(conditional->getTrueExpr(), depth + 1) &&
             copies_handle_member(conditional->getFalseExpr(), depth + 1);
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(base)) {
        const clang::QualType type = member->getMemberDecl()->getType();
        return llvm::isa<clang::FieldDecl>(member->getMemberDecl()) &&
               (is_reference_like(type) || type->isPointerType());
      }
      // it_->first, (*it_).second: through a handle member, into what it views.
      return through_handle_member(base, depth);
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      // data_.substr(p, n), span_.first(n): a view of the same data; the
      // conversion of it_->first (a std::string in the map) to a view.
      const clang::Expr* object = call->getImplicitObjectArgument();
      if (object == nullptr || !is_view(call->getType())) return false;
      if (llvm::isa_and_nonnull<clang::CXXConversionDecl>(call->getMethodDecl())) {
        return copies_handle_member(object, depth + 1);  // an owned std::string member is no handle: false
      }
      return is_view(object->getType()) && copies_handle_member(object, depth + 1);
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      // *it_, data_[i] as a view element: into what the member views.
      if ((op->getOperator() == clang::OO_Star || op->getOperator() == clang::OO_Subscript) && op->getNumArgs() >= 1) {
        return through_handle_member(op, depth);
      }
    }
    return false;
  }

  /// `it_.operator->()`, `*it_`, `data_[i]` of a handle member of `this`.
  static bool through_handle_member(const clang::Expr* e, unsigned depth) {
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e->IgnoreParenImpCasts());
    if (op == nullptr || op->getNumArgs() == 0) return false;
    if (op->getOperator() != clang::OO_Arrow && op->getOperator() != clang::OO_Star &&
        op->getOperator() != clang::OO_Subscript) {
      return false;
    }
    const clang::Expr* object = op->getArg(0);
    return is_reference_like(object->getType()) && copies_handle_member(object, depth + 1);
  }

  /// What a view a cursor's method returns (returns_held_view) views: what
  /// the cursor was made from. A local or temporary cursor constructed here
  /// (`Tokenizer t(local); return t.next();`, `Cur{s}.take(3)`) views its
  /// constructor's arguments; one returned by a call (`auto it =
  /// block.NewIterator();`), a parameter, a static or one reached through a
  /// pointer was made elsewhere, from data this function does not own,
  /// except one a method of a temporary owner hands out
  /// (`load().cursor().key()`), or of a local owner making it from its own
  /// fields held by value, which looks into that owner. A member of
  /// another object (`load().cursor.key()`) is judged as before.
  std::optional<Root> of_cursor(const clang::Expr* object, unsigned depth) const {
    if (depth > kMaxDepth || object->getType()->isPointerType()) return std::nullopt;
    const clang::Expr* e = object->IgnoreParenImpCasts();
    if (llvm::isa<clang::MemberExpr>(e)) return of_object(object, depth + 1);
    if (const auto* made_by = llvm::dyn_cast<clang::CXXMemberCallExpr>(object->IgnoreImplicit()->IgnoreParens())) {
      // load().planes().inner(): a cursor a method of a temporary owning
      // object hands out looks into that object (one named by a variable
      // was judged where the variable was made). A local owner's is
      // followed where the method shows it makes the cursor from fields
      // the owner holds by value: else it may view data the owner only
      // refers to.
      const clang::Expr* owner = made_by->getImplicitObjectArgument();
      if (owner == nullptr || owner->getType()->isPointerType() || is_view(owner->getType()) ||
          is_view_holder(owner->getType().getNonReferenceType().getUnqualifiedType())) {
        return std::nullopt;
      }
      std::optional<Root> root = of_object(owner, depth + 1);
      if (root && (root->kind == Root::temporary || makes_cursor_over_own_fields(made_by->getMethodDecl()))) {
        return root;
      }
      return std::nullopt;
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const clang::VarDecl* var = initialised_local(ref);
      if (var == nullptr) return std::nullopt;
      e = var->getInit();
    }
    const std::optional<llvm::ArrayRef<const clang::Expr*>> args = construction_arguments(e);
    if (!args) return std::nullopt;
    for (const clang::Expr* arg : *args) {
      if (arg == nullptr || llvm::isa<clang::CXXDefaultArgExpr>(arg)) continue;
      std::optional<Root> root = is_view(arg->getType()) ? of_view(arg, depth + 1)
                                 : arg->isGLValue()       ? of_object(arg, depth + 1)
                                                          : of_view(arg, depth + 1);
      if (root) return root;
    }
    return std::nullopt;
  }

  /// `found->get()`, `found.value().get()`, `(*found).get()` of a
  /// std::optional<std::reference_wrapper<const T>> (the find-or-nothing
  /// idiom): get() (or the conversion to T&) of a reference_wrapper that
  /// the object reached through a call keeps. The result is the object the
  /// wrapper refers to, not a part of the holder, so the holder dying is no
  /// matter; what the holder was filled with is not followed (a wrapper
  /// named directly, `r.get()`, is judged by what `r` was made from).
  static bool is_wrapper_kept_elsewhere(const clang::CXXMethodDecl& method, const clang::Expr& object) {
    if (!is_std_class(method.getParent(), {"reference_wrapper"})) return false;
    const clang::Expr* inner = object.IgnoreParenImpCasts();
    if (!llvm::isa<clang::CallExpr>(inner)) return false;
    const clang::QualType type = llvm::cast<clang::CallExpr>(inner)->getCallReturnType(method.getASTContext());
    return type->isReferenceType() || type->isPointerType();
  }

  /// The pointer `e` is `obj.operator->()` of a class object (std::optional,
  /// meshwa::Result, std::unique_ptr, an iterator): what it points into dies
  /// with obj, as for `*obj`. A built-in pointer (this->, p->): nothing.
  std::optional<Root> of_arrow(const clang::Expr* e, unsigned depth) const {
    if (depth > kMaxDepth) return std::nullopt;
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e->IgnoreParenImpCasts());
    if (op == nullptr || op->getOperator() != clang::OO_Arrow || op->getNumArgs() == 0 ||
        !llvm::isa_and_nonnull<clang::CXXMethodDecl>(op->getDirectCallee())) {
      return std::nullopt;
    }
    const clang::Expr* object = op->getArg(0);
    if (is_service_handle(object->getType()) || shares_with_others(object) || hands_on_ownership(object)) {
      return std::nullopt;
    }
    return is_view(object->getType()) ? of_view(object, depth + 1) : of_object(object, depth + 1);
  }

  std::optional<Root> of_pointer(const clang::Expr* e, unsigned depth) const {
    e = e->IgnoreParenImpCasts();
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {  // s.data(), s.c_str()
      const clang::Expr* object = call->getImplicitObjectArgument();
      if (object == nullptr || object->getType()->isPointerType()) return std::nullopt;
      // sv.end() of a std::string_view: a pointer into what the view views,
      // not into the view variable.
      return is_view(object->getType()) ? of_view(object, depth + 1) : of_object(object, depth + 1);
    }
    return std::nullopt;
  }

  std::optional<Root> of_variable(const clang::DeclRefExpr* ref, unsigned depth) const {
    if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl())) return of_binding(ref, binding, depth);
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var == nullptr || !var->hasLocalStorage()) return std::nullopt;
    // Inside a lambda, a captured variable is the enclosing function's (or
    // the closure's copy): not a local of the lambda's body. Through a
    // lambda called in the checked return (`lambda`): a capture by
    // reference is the enclosing function's variable itself, a capture by
    // copy a part of the closure object.
    if (ref->refersToEnclosingVariableOrCapture()) {
      if (lambda_ == nullptr) return std::nullopt;
      const std::optional<bool> by_reference = capture_kind(var);
      if (!by_reference) return std::nullopt;
      if (!*by_reference) return closure_ != nullptr ? of_object(closure_, depth + 1) : std::nullopt;
      if (var->getParentFunctionOrMethod() != function) return std::nullopt;  // another function's local
    }
    if (var->isExceptionVariable()) {
      // catch (const std::exception& e): the exception object lives until
      // the end of the handler, whether caught by value or by reference.
      if (!locals) return std::nullopt;
      return Root{Root::local, ref, var, false};
    }
    if (var->getType()->isReferenceType()) {
      // An alias: what it was bound to (a reference parameter's referent
      // belongs to the caller).
      if (llvm::isa<clang::ParmVarDecl>(var) || var == checking || var->getInit() == nullptr) return std::nullopt;
      if (!locals) return std::nullopt;
      // `const std::string& r = make();`: the temporary lives exactly as
      // long as `r`, a local of this function like any other.
      if (extends_a_temporary(*var)) return Root{Root::local, ref, var, false};
      return of_object(var->getInit(), depth + 1);
    }
    if (!locals) return std::nullopt;
    return Root{Root::local, ref, var, false};
  }

  /// Is the local reference `var` bound to a temporary whose lifetime it
  /// extends (`const int& r = 5;`, `const std::string& r = make();`)?
  static bool extends_a_temporary(const clang::VarDecl& var) {
    const clang::Expr* init = var.getInit()->IgnoreParens();
    if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(init)) init = cleanups->getSubExpr()->IgnoreParens();
    const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(init);
    return temporary != nullptr && temporary->getExtendingDecl() == &var && !is_view(temporary->getType());
  }

  /// A structured binding (`auto [s, n] = load();`, `const auto& [k, v] =
  /// *m.begin();`) names a part of its hidden decomposition variable: the
  /// same verdict as that variable. Its bound expression is a member or
  /// element of the variable, or (tuple-like types) an implicit reference
  /// variable initialised with std::get<I> of it. A tuple element or member
  /// of reference type refers elsewhere: not followed.
  std::optional<Root> of_binding(const clang::DeclRefExpr* ref, const clang::BindingDecl* binding, unsigned depth) const {
    if (captured(ref) || binding->getType()->isReferenceType()) return std::nullopt;
    const clang::Expr* bound = binding->getBinding();
    if (bound == nullptr || bound->isTypeDependent()) return std::nullopt;
    if (const clang::VarDecl* holding = binding->getHoldingVar()) {
      // Tuple-like: `Ti&& s = std::get<I>(decomposition);`, a part of it. A
      // get() of another type's own may return anything.
      const auto* get = holding->getInit() != nullptr
                            ? llvm::dyn_cast<clang::CallExpr>(holding->getInit()->IgnoreImplicit()->IgnoreParens())
                            : nullptr;
      const clang::FunctionDecl* callee = get != nullptr ? get->getDirectCallee() : nullptr;
      if (callee == nullptr || !callee->isInStdNamespace() || llvm::isa<clang::CXXMemberCallExpr>(get) ||
          get->getNumArgs() != 1) {
        return std::nullopt;
      }
      bound = get->getArg(0);
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(bound->IgnoreParenImpCasts());
        member != nullptr && member->getMemberDecl()->getType()->isReferenceType()) {
      return std::nullopt;
    }
    std::optional<Root> root = of_object(bound, depth + 1);
    if (root && root->kind == Root::local && root->var == binding->getDecomposedDecl()) root->binding = binding;
    return root;
  }

  /// std::max(a, std::string("b")), trim(std::string(...)): a free function
  /// returning a reference or view may return (into) an argument of the
  /// matching type; when that argument is a temporary, reject. When a
  /// return is checked (`locals`), a reference result (or a pair/tuple of
  /// references) may equally be a local or by-value parameter handed in by
  /// reference: `return id(local);`. std::ref(x) / std::cref(x) view x,
  /// whatever x is.
  std::optional<Root> of_matching_argument(const clang::CallExpr* call, unsigned depth) const {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr) return std::nullopt;
    // A member function (called on an object, whose own data it may return
    // as well) is judged by its body: only a parameter it returns counts.
    const bool member = llvm::isa<clang::CXXMemberCallExpr>(call);
    if (llvm::isa<clang::CXXMethodDecl>(callee) && !member) return of_range_algorithm(call, depth);
    if (is_std_ref_call(call)) {
      const clang::Expr* arg = call->getArg(0);
      return is_view(arg->getType()) ? of_view(arg, depth + 1) : of_object(arg, depth + 1);
    }
    const clang::QualType result = call->getType();
    const bool result_is_view = is_view(result);
    if (!call->isGLValue() && !result_is_view) return std::nullopt;  // a fresh value
    const clang::QualType referee = result.getNonReferenceType().getUnqualifiedType().getCanonicalType();
    const bool tuple = !call->isGLValue() && is_reference_tuple(result);
    const llvm::SmallVector<clang::QualType, 4> tuple_referees =
        tuple ? reference_tuple_referees(result) : llvm::SmallVector<clang::QualType, 4>{};
    // std::get<I>(tuple / pair / variant / array): the result is a part of
    // its argument, whatever the types.
    const bool part_of_argument = callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
                                  callee->getName() == "get" && call->getNumArgs() == 1;
    // A std algorithm returning an iterator (std::find, std::next,
    // std::max_element) returns one derived from its iterator arguments:
    // its value, predicate or comparator arguments are not sources.
    const bool std_iterator_result = result_is_view && !tuple && callee->isInStdNamespace() &&
                                     is_iterator_class(result->getAsCXXRecordDecl());
    std::optional<Root> local_root;
    bool local_returned_by_name = false;  // the helper's body returns that very parameter (`return fallback;`)
    bool other_source = false;  // a reference or view argument of another type: the result may be in it
    for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
      const clang::QualType param = callee->getParamDecl(i)->getType();
      const clang::Expr* arg = call->getArg(i);
      bool matches = false;
      if (param->isReferenceType()) {
        // Same type as the result (std::max), or the owner a string_view or
        // span result can view (trim(const std::string&)).
        const clang::QualType param_referee = param.getNonReferenceType().getUnqualifiedType().getCanonicalType();
        if (tuple) {
          matches = part_of_argument || llvm::is_contained(tuple_referees, param_referee);
        } else {
          matches = part_of_argument || (!result_is_view && param_referee == referee) ||
                    (result_is_view && !is_iterator_class(result->getAsCXXRecordDecl()) &&
                     is_std_class(param_referee->getAsCXXRecordDecl(), {"basic_string", "vector", "array"}));
        }
      } else if (result_is_view && !tuple && is_view(param)) {
        matches = true;  // trim(std::string_view) handed a temporary string
      }
      if (matches && !tuple && !result_is_view && writable_from_read_only(call, param)) matches = false;
      if (matches && member) matches = returns_parameter(*callee, i);
      // A helper of the program whose body is visible: only a parameter
      // whose value can reach a `return` counts (`pick(m, "k")` returning
      // `m.find(k)->second` or a literal never returns its key).
      if (matches && !member && !declared_in_std(callee) && !may_return_parameter(*callee, i)) matches = false;
      // An accessor of the program returning a part of a reference
      // parameter of another type: `const std::string& name_of(const User&
      // u) { return u.name; }`.
      if (!matches && !member && !tuple && param->isReferenceType() && (call->isGLValue() || result_is_view) &&
          !declared_in_std(callee) && returns_part_of_parameter(*callee, i)) {
        matches = true;
      }
      if (!matches) {
        if ((param->isReferenceType() || is_view(param)) && !(std_iterator_result && !is_view(param)) && !member) {
          other_source = true;
        }
        continue;
      }
      std::optional<Root> root = is_view(arg->getType()) ? of_view(arg, depth + 1) : of_object(arg, depth + 1);
      if (root && root->kind == Root::temporary) {
        root->conservative = true;
        return root;
      }
      // (A reference to a view, std::get<0>(tuple<string_view>&), is a copy
      // of what the view views, not a view of the argument.)
      // A view handed by value to a function returning the same view type
      // (an iterator to std::find or std::next, a std::string_view to a
      // trim()) may come back, moved along what it views.
      const bool same_view = result_is_view && !tuple && !param->isReferenceType() &&
                             param.getUnqualifiedType().getCanonicalType() == result.getUnqualifiedType().getCanonicalType();
      if (root && !local_root && ((call->isGLValue() && !result_is_view) || tuple || same_view)) {
        local_root = root;
        local_returned_by_name = !member && !declared_in_std(callee) && returns_parameter(*callee, i);
      }
    }
    // A local handed to a function that could return something else it is
    // given (lookup(table_, key)) is not decided here, unless the helper's
    // visible body returns that parameter itself on some path (`const V&
    // get_or(const Map& m, const K& k, const V& fallback)` returning
    // `fallback` when the key is missing).
    if (local_root && (part_of_argument || !other_source || local_returned_by_name)) {
      local_root->conservative = true;
      return local_root;
    }
    return std::nullopt;
  }

  /// Can the value of parameter `index` of `fn` (a free function of the
  /// program with a visible body) reach one of its `return`s? It can when a
  /// return mentions it or a local whose initialiser or assignment does, at
  /// any depth, except as the key or argument of a std container's method
  /// (`m.find(k)`, `v.at(i)`: the result is in the container). True when the
  /// body is not visible. One pass over the body, cached per definition.
  static bool may_return_parameter(const clang::FunctionDecl& fn, unsigned index) {
    const clang::FunctionDecl* definition = definition_with_body(&fn);
    if (definition == nullptr ||
        index >= definition->getNumParams()) {
      return true;
    }
    std::map<const clang::FunctionDecl*, std::set<const clang::ParmVarDecl*>>& cache = body_caches().returned;
    auto it = cache.find(definition);
    if (it == cache.end()) it = cache.emplace(definition, returned_parameters(*definition)).first;
    return it->second.count(definition->getParamDecl(index)) != 0;
  }

  /// The parameters of `definition` whose values may reach a `return`
  /// (see may_return_parameter).
  static std::set<const clang::ParmVarDecl*> returned_parameters(const clang::FunctionDecl& definition) {
    // What each local is given (initialiser, assignments), and what the
    // returns are: one pass over the body, lambdas' own returns excluded.
    std::map<const clang::VarDecl*, std::vector<const clang::Expr*>> given;
    std::vector<const clang::Expr*> returned;
    llvm::SmallVector<std::pair<const clang::Stmt*, bool>, 64> stack{{definition.getBody(), false}};
    while (!stack.empty()) {
      auto [s, in_lambda] = stack.pop_back_val();
      if (s == nullptr) continue;
      if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s)) {
        for (const clang::Decl* d : decl->decls()) {
          if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d); var != nullptr && var->getInit() != nullptr) {
            given[var].push_back(var->getInit());
          }
        }
      } else if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s); ret != nullptr && !in_lambda) {
        if (ret->getRetValue() != nullptr) returned.push_back(ret->getRetValue());
      } else if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(s); binary != nullptr && binary->isAssignmentOp()) {
        if (const auto* var = assigned_local(binary->getLHS())) given[var].push_back(binary->getRHS());
      } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s);
                 op != nullptr && op->isAssignmentOp() && op->getNumArgs() == 2) {
        if (const auto* var = assigned_local(op->getArg(0))) given[var].push_back(op->getArg(1));
      } else if (const auto* range = llvm::dyn_cast<clang::CXXForRangeStmt>(s)) {
        if (range->getLoopVariable() != nullptr) given[range->getLoopVariable()].push_back(range->getRangeInit());
      } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
        // A local handed to a call (`parse(s, out)`, `out.assign(s)`) may be
        // given any other argument.
        llvm::SmallVector<const clang::Expr*, 8> parts(call->arguments());
        if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
          parts.push_back(member_call->getImplicitObjectArgument());
        }
        for (const clang::Expr* part : parts) {
          const auto* ref = part != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(part->IgnoreParenImpCasts()) : nullptr;
          const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
          if (var == nullptr || llvm::isa<clang::ParmVarDecl>(var)) continue;
          for (const clang::Expr* other : parts) {
            if (other != part) given[var].push_back(other);
          }
        }
      }
      const bool lambda = in_lambda || llvm::isa<clang::LambdaExpr>(s);
      for (const clang::Stmt* child : s->children()) stack.push_back({child, lambda});
    }
    // Walk from the returns through what they mention.
    std::set<const clang::ParmVarDecl*> params;
    std::set<const clang::VarDecl*> seen;
    llvm::SmallVector<const clang::Stmt*, 64> work(returned.begin(), returned.end());
    while (!work.empty()) {
      const clang::Stmt* s = work.pop_back_val();
      if (s == nullptr) continue;
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s)) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
        if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl())) {
          var = llvm::dyn_cast_or_null<clang::VarDecl>(binding->getDecomposedDecl());  // `auto [a, b] = split(s);`
        }
        if (var == nullptr || !seen.insert(var).second) continue;
        if (const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(var)) params.insert(param);
        if (auto found = given.find(var); found != given.end()) work.append(found->second.begin(), found->second.end());
        continue;
      }
      if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(s)) {
        const clang::Expr* object = call->getImplicitObjectArgument();
        if (object != nullptr && is_std_class(object->getType().getNonReferenceType()->getAsCXXRecordDecl(),
                                              {"vector", "deque", "array", "list", "map", "multimap", "set",
                                               "multiset", "unordered_map", "unordered_multimap", "unordered_set",
                                               "unordered_multiset"})) {
          work.push_back(object);  // m.find(k), v.at(i): into the container, not the key
          continue;
        }
      }
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s);
          op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
          is_std_class(op->getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl(),
                       {"vector", "deque", "array", "map", "unordered_map"})) {
        work.push_back(op->getArg(0));  // m[k]
        continue;
      }
      for (const clang::Stmt* child : s->children()) work.push_back(child);
    }
    return params;
  }

  /// `x` or `x.member` on the left of an assignment, `x` a variable.
  static const clang::VarDecl* assigned_local(const clang::Expr* lhs) {
    const clang::Expr* e = lhs->IgnoreParenImpCasts();
    while (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) e = member->getBase()->IgnoreParenImpCasts();
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
    return ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  }

  /// Does a return statement of `fn`'s visible body return its parameter
  /// `index` (by name, through ?: or a copy of a view): `return v.empty() ?
  /// fallback : v;`.
  /// Does a `return` of `fn` (its body visible, lambdas' returns excluded)
  /// give a field of its reference parameter `index`, or what a std
  /// container or string field returns by reference or view (`u.name`,
  /// `u.addr.city`, `u.tags.front()`, `u.tags[0]`, a std::string_view of
  /// `u.name`)? A reference or view into that parameter's object.
  static bool returns_part_of_parameter(const clang::FunctionDecl& fn, unsigned index) {
    const clang::FunctionDecl* definition = definition_with_body(&fn);
    if (definition == nullptr || index >= definition->getNumParams()) return false;
    std::map<const clang::FunctionDecl*, std::set<const clang::ParmVarDecl*>>& cache = body_caches().parts_returned;
    auto it = cache.find(definition);
    if (it == cache.end()) {
      std::set<const clang::ParmVarDecl*> params;
      llvm::SmallVector<const clang::Stmt*, 64> stack{definition->getBody()};
      while (!stack.empty()) {
        const clang::Stmt* s = stack.pop_back_val();
        if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) continue;
        if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) {
          parameter_parts(ret->getRetValue(), params, 0);
        }
        for (const clang::Stmt* child : s->children()) stack.push_back(child);
      }
      it = cache.emplace(definition, std::move(params)).first;
    }
    const clang::ParmVarDecl* param = definition->getParamDecl(index);
    return param->getType()->isReferenceType() && it->second.count(param) != 0;
  }

  /// The parameters `e` designates, or a part of (either branch of `?:`).
  static void parameter_parts(const clang::Expr* e, std::set<const clang::ParmVarDecl*>& params, unsigned depth) {
    if (e == nullptr || depth > 8) return;
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      if (const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(ref->getDecl())) params.insert(param);
      return;
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (!member->isArrow() && llvm::isa<clang::FieldDecl>(member->getMemberDecl())) {
        parameter_parts(member->getBase(), params, depth + 1);
      }
      return;
    }
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      parameter_parts(conditional->getTrueExpr(), params, depth + 1);
      parameter_parts(conditional->getFalseExpr(), params, depth + 1);
      return;
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      // std::string_view(u.name)
      if (construct->getNumArgs() == 1 && is_view(construct->getType())) {
        parameter_parts(construct->getArg(0), params, depth + 1);
      }
      return;
    }
    if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) {
      parameter_parts(cast->getSubExpr(), params, depth + 1);
      return;
    }
    // u.tags.front(), u.tags[0], u.name's conversion to std::string_view:
    // a std class's reference or view into a field.
    const clang::Expr* object = nullptr;
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      object = call->getImplicitObjectArgument();
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
               op != nullptr && op->getNumArgs() >= 1 &&
               (op->getOperator() == clang::OO_Subscript || op->getOperator() == clang::OO_Star)) {
      object = op->getArg(0);
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    if (object == nullptr || call == nullptr || !declared_in_std(call->getDirectCallee())) return;
    if (!call->isGLValue() && !is_view(call->getType())) return;
    if (object->getType()->isPointerType() || is_view(object->getType())) return;
    parameter_parts(object, params, depth + 1);
  }

  static bool returns_parameter(const clang::FunctionDecl& fn, unsigned index) {
    const clang::FunctionDecl* definition = definition_with_body(&fn);
    if (definition == nullptr ||
        index >= definition->getNumParams()) {
      return false;
    }
    const clang::ParmVarDecl* param = definition->getParamDecl(index);
    std::function<bool(const clang::Expr*, unsigned)> names = [&](const clang::Expr* e, unsigned depth) {
      if (e == nullptr || depth > 8) return false;
      e = e->IgnoreImplicit()->IgnoreParens();
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return ref->getDecl() == param;
      if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
        return names(conditional->getTrueExpr(), depth + 1) || names(conditional->getFalseExpr(), depth + 1);
      }
      if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
        return construct->getNumArgs() == 1 && names(construct->getArg(0), depth + 1);
      }
      if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) return names(cast->getSubExpr(), depth + 1);
      return false;
    };
    return flow::contains(definition->getBody(), [&](const clang::Stmt& s) {
      const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s);
      return ret != nullptr && names(ret->getRetValue(), 0);
    });
  }

  /// A call whose result is a modifiable lvalue or xvalue (`int& ref(const
  /// int&)`) cannot hand back (a part of) what a parameter of type `const
  /// T&` refers to without a const_cast: that argument is not where the
  /// result refers.
  static bool writable_from_read_only(const clang::Expr* call, clang::QualType param) {
    return call->isGLValue() && !call->getType().isConstQualified() && param->isReferenceType() &&
           param.getNonReferenceType().isConstQualified();
  }

  /// `closure(args)` of a lambda or a function object of the program whose
  /// visible body returns one of its reference (or view) parameters, or a
  /// part of one (`[](const std::vector<int>& x) -> const int& { return
  /// x[0]; }`, `const int& operator()(const S& s) const { return s.i; }`),
  /// handed a temporary: the result is in the temporary, as for a free
  /// function (of_matching_argument). Only what the body shows is followed.
  std::optional<Root> of_closure_argument(const clang::CXXOperatorCallExpr* op, unsigned depth) const {
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getDirectCallee());
    if (depth > kMaxDepth || method == nullptr || method->isStatic() || declared_in_std(method) ||
        op->getOperator() != clang::OO_Call || (!op->isGLValue() && !is_view(op->getType()))) {
      return std::nullopt;
    }
    for (unsigned i = 0; i + 1 < op->getNumArgs() && i < method->getNumParams(); ++i) {
      const clang::QualType param = method->getParamDecl(i)->getType();
      if (!param->isReferenceType() && !is_view(param)) continue;
      if (writable_from_read_only(op, param)) continue;
      if (!returns_parameter(*method, i) && !returns_part_of_parameter(*method, i)) continue;
      const clang::Expr* arg = op->getArg(i + 1);
      std::optional<Root> root = is_view(arg->getType()) ? of_view(arg, depth + 1) : of_object(arg, depth + 1);
      if (root && root->kind == Root::temporary) {
        root->conservative = true;
        return root;
      }
    }
    return std::nullopt;
  }

  /// std::ranges::find(v, x), std::ranges::max_element(first, last), ...:
  /// a call of a std function object (a niebloid) returning an iterator or
  /// a subrange derives it from its first argument, the range (a
  /// std::ranges::dangling for an rvalue range, which is not a view), or
  /// from its iterator arguments of the result's type. Decided for returns
  /// of locals only: a temporary range yields no iterator.
  std::optional<Root> of_range_algorithm(const clang::CallExpr* call, unsigned depth) const {
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call);
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call->getDirectCallee());
    if (!locals || op == nullptr || method == nullptr || op->getOperator() != clang::OO_Call || op->getNumArgs() < 2) {
      return std::nullopt;
    }
    const clang::QualType result = call->getType();
    const clang::CXXRecordDecl* result_record = result->getAsCXXRecordDecl();
    if (call->isGLValue() || !is_view(result) || is_reference_tuple(result) ||
        !(is_iterator_class(result_record) || is_ranges_subrange(result_record))) {
      return std::nullopt;
    }
    bool in_ranges = false;
    for (const clang::DeclContext* dc = method->getParent(); dc != nullptr; dc = dc->getParent()) {
      const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(dc);
      if (ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "ranges" && ns->isInStdNamespace()) {
        in_ranges = true;
      }
    }
    if (!in_ranges) return std::nullopt;
    std::optional<Root> root;
    const clang::Expr* first = op->getArg(1);
    if (is_view(first->getType())) {
      // (first, last, ...): the iterators of the result's type.
      for (unsigned i = 1; i < op->getNumArgs() && !root; ++i) {
        const clang::Expr* arg = op->getArg(i);
        if (is_iterator_class(arg->getType()->getAsCXXRecordDecl())) root = of_view(arg, depth + 1);
      }
    } else if (first->isGLValue() && first->getType()->isRecordType()) {
      root = of_object(first, depth + 1);  // (range, ...)
    }
    if (root && root->kind == Root::local) {
      root->conservative = true;
      return root;
    }
    return std::nullopt;
  }
};

/// A view member over an owning member of the same class that some other
/// member function changes without re-pointing the view:
///   class Parser { std::string buf_; std::string_view rest_;
///     void load(std::string s) { buf_ = std::move(s); rest_ = buf_; }
///     void append(char c) { buf_ += c; }  // may reallocate: rest_ dangles
///   };
/// Looked at once per class, at the end of the translation unit (out-of-line
/// member definitions included). Only changes the class makes to its own
/// member through `this` count; the view is re-pointed when an assignment
/// to it (or a call of a member function that assigns it) follows the
/// change in the same function, or precedes it without viewing the owner
/// (`rest_ = {}; buf_.clear();`). A private helper that changes the owner
/// is fine when every member function calling it re-points the view.
class MemberViews {
 public:
  MemberViews(const clang::CXXRecordDecl& record, RuleContext& ctx, std::set<clang::SourceLocation>& classes_reported)
      : record_(record), ctx_(ctx), classes_reported_(classes_reported) {}

  void run() {
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

 private:
  struct Assignment {
    const clang::FieldDecl* view;
    const clang::FieldDecl* owner;  // the owning member it is made to view, or nullptr
    clang::SourceLocation loc;
    bool in_initializer;            // a constructor's member initializer
    bool pointee = false;           // views what an element owns through a smart pointer (`*items_.back()`)
  };
  struct Change {
    const clang::FieldDecl* owner;
    const clang::Stmt* stmt;
    std::string what;               // "push_back", "operator+=", "std::swap"
  };
  /// A view of an owning member stored into a member collection of views
  /// (`index_[names_.back()] = i;`, `tokens_.push_back(buf_)`).
  struct Fill {
    const clang::FieldDecl* collection;
    const clang::FieldDecl* owner;
    clang::SourceLocation loc;
    bool pointee;  // views what an element owns through a smart pointer (`*storage_.back()`)
  };
  struct Function {
    const clang::FunctionDecl* decl;
    std::vector<Fill> fills;
    std::vector<const clang::FieldDecl*> removals;  // collections this function erases from (erase, pop_back)
    std::vector<Assignment> assignments;
    std::vector<Change> changes;
    std::vector<std::pair<const clang::FunctionDecl*, clang::SourceLocation>> calls;  // member calls on this
  };

  /// std::string_view, std::span, a non-owning iterator or a subrange:
  /// what points at the elements of a container (a reference_wrapper of the
  /// container itself does not care where its elements are).
  static bool is_element_view(clang::QualType type) {
    if (!is_view(type) || is_reference_tuple(type)) return false;
    return !is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"reference_wrapper"});
  }

  /// A member that refers to one object: `T&`, std::reference_wrapper<T>,
  /// std::atomic_ref<T>. Made to refer to an element of an owning member
  /// (`first_(items_.front())`, `ref_ = std::ref(items_[0])`), it dangles
  /// when the elements move, like a std::string_view of one; made to refer
  /// to the owning member itself, it does not care where the elements are.
  static bool is_element_reference(clang::QualType type) {
    if (type.isNull() || type->isDependentType()) return false;
    return type->isLValueReferenceType() || is_wrapper(type) || is_atomic_ref(type);
  }

  /// What MemberViews follows: a view of elements or a reference to one.
  static bool is_member_view(clang::QualType type) { return is_element_view(type) || is_element_reference(type); }

  /// A view of an element itself (not a position): std::string_view,
  /// std::span, a reference to one.
  static bool views_element_itself(clang::QualType type) {
    return is_owner_view(type) || is_element_reference(type);
  }

  /// Can the member be made to refer elsewhere by assignment? A `T&` or a
  /// std::atomic_ref assigns through itself.
  static bool rebindable(clang::QualType type) { return !type->isReferenceType() && !is_atomic_ref(type); }

  /// The owning member whose elements the member of type `type`
  /// initialised or assigned from `value` refers into. A reference to the
  /// owning member itself (`all_(items_)`, `std::ref(items_)`) is not one.
  const clang::FieldDecl* member_target(clang::QualType type, const clang::Expr* value) const {
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
  static bool is_view_collection(clang::QualType type) {
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
  static bool moves_elements(clang::QualType type, llvm::StringRef what) {
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
  static bool through_smart_pointer(const clang::Expr* value) {
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
  static bool frees_elements(llvm::StringRef what) {
    return what.starts_with("std::") || what == "clear" || what == "assign" || what == "swap" ||
           what == "operator=" || what == "assign_range" || what == "erase" || what == "extract" ||
           what == "pop_back" || what == "pop_front" || what == "erase_if" || what == "resize" || what == "remove" ||
           what == "remove_if" || what == "unique";
  }

  static bool is_removal(llvm::StringRef what) {
    return what == "erase" || what == "pop_back" || what == "pop_front" || what == "extract" || what == "erase_if" ||
           what == "std::erase" || what == "std::erase_if" || what == "remove" || what == "remove_if";
  }

  /// A std container whose changes may move or free its elements.
  static bool is_owning_member(clang::QualType type) {
    return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(),
                        {"basic_string", "vector", "deque", "list", "forward_list", "map", "multimap", "set",
                         "multiset", "unordered_map", "unordered_multimap", "unordered_set", "unordered_multiset"});
  }

  /// Does `method` on an owning member of type `type` possibly move or free
  /// the elements a view or iterator points to?
  static bool invalidates(clang::QualType type, llvm::StringRef method) {
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
  const clang::FieldDecl* this_field(const clang::Expr* e) const {
    const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(e != nullptr ? e->IgnoreParenImpCasts() : nullptr);
    if (member == nullptr || !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return nullptr;
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    return field != nullptr && field->getParent() == &record_ ? field : nullptr;
  }

  /// The owning member of this class whose elements the view value `e` points
  /// into: `buf_`, `std::string_view(buf_).substr(n)`, `items_.begin() + 1`,
  /// `std::span(data_.data(), n)`, a local view made so. Else nullptr.
  const clang::FieldDecl* viewed_member(const clang::Expr* e, unsigned depth = 0) const {
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
  const clang::FieldDecl* viewed_in_aggregate(clang::QualType type, llvm::ArrayRef<clang::Expr*> inits,
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

  void collect_functions() {
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

  void visit(const clang::Stmt& s, Function& fn) const {
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
  bool visit_collection(const clang::Stmt& s, Function& fn) const {
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
  void compute_assigning_functions() {
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
  bool repoints(const Function& fn, const Change& change, const clang::FieldDecl* view,
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

  void check_pair(const clang::FieldDecl* view, const clang::FieldDecl* owner, clang::SourceLocation set_loc) {
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
  void check_copies() {
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
  bool pointees_only(const clang::FieldDecl* collection, const clang::FieldDecl* owner) const {
    for (const Function& fn : functions_) {
      for (const Fill& f : fn.fills) {
        if (f.collection == collection && f.owner == owner && !f.pointee) return false;
      }
    }
    return true;
  }

  /// Every assignment making the single view `view` view `owner` reaches
  /// what the elements own through a smart pointer.
  bool assigned_pointees_only(const clang::FieldDecl* view, const clang::FieldDecl* owner) const {
    if (view->hasInClassInitializer() && member_target(view->getType(), view->getInClassInitializer()) == owner) return false;
    for (const Function& fn : functions_) {
      for (const Assignment& a : fn.assignments) {
        if (a.view == view && a.owner == owner && !a.pointee) return false;
      }
    }
    return true;
  }

  static bool filled_before(const Function& fn, const clang::FieldDecl* collection, const clang::FieldDecl* owner,
                            clang::SourceLocation at, const clang::SourceManager& sm) {
    return llvm::any_of(fn.fills, [&](const Fill& f) {
      return f.collection == collection && f.owner == owner && sm.isBeforeInTranslationUnit(f.loc, at);
    });
  }
  bool filled_before(const Function& fn, const clang::FieldDecl* collection, const clang::FieldDecl* owner,
                     clang::SourceLocation at) const {
    return filled_before(fn, collection, owner, at, ctx_.sources());
  }

  bool initialises_view(const Function& fn, const clang::FieldDecl* view, const clang::FieldDecl* owner) const {
    for (const Assignment& a : fn.assignments) {
      if (a.in_initializer && a.view == view) return a.owner == owner;
    }
    return view->hasInClassInitializer() && sets_.count({view, owner}) != 0 &&
           sets_.at({view, owner}) == view->getLocation();
  }

  /// Is `callee` called at all, and only from functions known to be safe?
  bool all_callers_safe(const clang::FunctionDecl* callee, const std::set<const clang::FunctionDecl*>& safe) const {
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

  const clang::CXXRecordDecl& record_;
  RuleContext& ctx_;
  std::vector<Function> functions_;
  std::map<std::pair<const clang::FieldDecl*, const clang::FieldDecl*>, clang::SourceLocation> sets_;
  std::map<const clang::FieldDecl*, std::set<const clang::FunctionDecl*>> assigns_;
  std::set<std::pair<clang::SourceLocation, const clang::FieldDecl*>> reported_;
  std::set<clang::SourceLocation>& classes_reported_;  // classes already reported by check_copies (across instantiations)
};

class Dangling final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&decl)) {
      if (record->isThisDeclarationADefinition() && !record->isLambda() && !record->isUnion()) records_.push_back(record);
      return;
    }
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl)) {
      check_variable(*var, ctx);
    } else if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(&decl)) {
      // (Brace-initialising an aggregate extends the array's lifetime to the
      // object's, as for a reference member: only classes with constructors.)
      if (const auto* owner = llvm::dyn_cast<clang::CXXRecordDecl>(field->getParent());
          is_initializer_list(field->getType()) && owner != nullptr && owner->hasDefinition() && !owner->isAggregate()) {
        report_initializer_list_member(*field, ctx);
        return;
      }
      // std::string_view name_ = std::string("x");
      const clang::Expr* init = field->getInClassInitializer();
      if (init == nullptr || init->isTypeDependent() || !is_view(field->getType())) return;
      Roots roots;
      if (auto root = roots.of_view(init)) {
        report_binding(field->getLocation(), "member '" + field->getNameAsString() + "'", *root, ctx);
      }
    } else if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&decl)) {
      if (!ctor->doesThisDeclarationHaveABody() || ctor->isDependentContext()) return;
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        if (!init->isWritten() || !init->isMemberInitializer() || init->getMember() == nullptr) continue;
        const clang::QualType type = init->getMember()->getType();
        Roots roots;
        std::optional<Root> root;
        if (type->isReferenceType()) root = roots.of_object(init->getInit());
        else if (is_view(type)) root = roots.of_view(init->getInit());
        if (root) report_binding(init->getSourceLocation(), "member '" + init->getMember()->getNameAsString() + "'", *root, ctx);
      }
    }
  }

  void check_end_of_translation_unit(RuleContext& ctx) override {
    check_class_templates(ctx);
    body_caches() = BodyCaches{};  // keyed by this translation unit's declarations
  }

  void check_class_templates(RuleContext& ctx) {
    for (const clang::CXXRecordDecl* record : records_) {
      if (const clang::ClassTemplateDecl* pattern = record->getDescribedClassTemplate()) {
        // The pattern's members are dependent: look at the instantiations
        // (their member functions that were instantiated), on the pattern's
        // lines.
        unsigned limit = 8;
        for (const clang::ClassTemplateSpecializationDecl* spec : pattern->specializations()) {
          if (limit-- == 0) break;
          if (spec->isThisDeclarationADefinition() &&
              spec->getSpecializationKind() != clang::TSK_ExplicitSpecialization) {
            MemberViews(*spec, ctx, classes_reported_).run();
          }
        }
        continue;
      }
      MemberViews(*record, ctx, classes_reported_).run();
    }
    records_.clear();
  }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(&stmt);
        assign != nullptr && assign->getOpcode() == clang::BO_Assign && !assign->isTypeDependent() &&
        assign->getLHS()->getType()->isPointerType() && !assign->getLHS()->getType()->isFunctionPointerType()) {
      check_pointer_store(*assign, ctx);
      return;
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&stmt)) {
      if (construct->getNumArgs() == 1) check_function_wrapper(construct->getType(), construct->getArg(0), ctx);
      return;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt);
        op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
      check_function_wrapper(op->getArg(0)->getType(), op->getArg(1), ctx);  // fn = [] { ... };
    }
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&stmt)) {
      if (const clang::FunctionDecl* fn = ctx.enclosing_function()) check_return(*ret, *fn, ctx);
    } else if (const auto* range_for = llvm::dyn_cast<clang::CXXForRangeStmt>(&stmt)) {
      // The implicit `auto&& __range = <range-init>;` (the walk skips
      // implicit code).
      if (const clang::DeclStmt* range = range_for->getRangeStmt(); range != nullptr && range->isSingleDecl()) {
        if (const auto* var = llvm::dyn_cast<clang::VarDecl>(range->getSingleDecl())) check_variable(*var, ctx);
      }
    } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&stmt)) {
      check_insertion(*call, ctx);
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt)) {
      // views[std::to_string(n)] = 1; optional_view = std::string("x");
      if ((op->getOperator() == clang::OO_Equal || op->getOperator() == clang::OO_Subscript) && op->getNumArgs() == 2 &&
          !op->isTypeDependent() && holds_owner_views(op->getArg(0)->getType())) {
        const clang::Expr* value = op->getArg(1);
        auto find = [&](const Roots& roots) {
          std::optional<Root> root = is_owner_view(value->getType()) ? roots.of_view(value)
                                     : op->getOperator() == clang::OO_Equal
                                         ? held_root(value, element_slot(op->getArg(0)->getType(), 0, 1), roots)
                                         : std::nullopt;
          if (!root && op->getOperator() == clang::OO_Equal) root = held_root(value, op->getArg(0)->getType(), roots);
          return root;
        };
        if (auto root = find(Roots{})) {
          report_binding(op->getOperatorLoc(), "a view stored in " + holder_name(op->getArg(0)), *root, ctx);
        } else if (auto local = find(local_roots())) {
          check_inner_scope(op->getArg(0), *local, op->getOperatorLoc(), ctx);
          if (!local->conservative) check_returned_holder(local_holder(op->getArg(0)), *local, op->getOperatorLoc(), ctx);
        }
        return;
      }
      // by_id[k] = make_name(); by_id[k] = local; views.at(0) = s; *o = s:
      // a view element of a holder assigned.
      if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && !op->isTypeDependent() &&
          is_owner_view(op->getArg(0)->getType())) {
        if (const clang::Expr* holder = element_holder(op->getArg(0))) {
          if (auto root = Roots{}.of_view(op->getArg(1))) {
            report_binding(op->getOperatorLoc(), "a view stored in " + holder_name(holder), *root, ctx);
          } else if (auto local = local_roots().of_view(op->getArg(1))) {
            check_inner_scope(holder, *local, op->getOperatorLoc(), ctx);
            if (!local->conservative) check_returned_holder(local_holder(holder), *local, op->getOperatorLoc(), ctx);
          }
          return;
        }
      }
      // view = std::string("x");
      if (op->getOperator() != clang::OO_Equal || op->getNumArgs() != 2 || !is_view(op->getArg(0)->getType())) return;
      if (is_reference_tuple(op->getArg(0)->getType()) || is_atomic_ref(op->getArg(0)->getType())) {
        return;  // assigns through its references
      }
      if (op->isTypeDependent()) return;
      const clang::Expr* target = op->getArg(0)->IgnoreParenImpCasts();
      const clang::ValueDecl* named = nullptr;
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(target)) named = ref->getDecl();
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(target)) named = member->getMemberDecl();
      if (named == nullptr && out_parameter(target) == nullptr) return;  // *out = ... is checked below
      Roots roots;
      if (auto root = roots.of_view(op->getArg(1))) {
        report_binding(op->getOperatorLoc(), "'" + (named != nullptr ? named->getNameAsString() : source_text(target, ctx)) + "'",
                       *root, ctx);
      } else if (auto local = local_roots().of_view(op->getArg(1))) {
        check_inner_scope(op->getArg(0), *local, op->getOperatorLoc(), ctx);
        // `std::string_view v; v = local; return v;`, `r.view = local;
        // return r;`: the local view, or the local struct holding it, is
        // handed to the caller (Juliet's CWE-562 with the data assigned
        // after its declaration, and its struct variant).
        const auto* member = llvm::dyn_cast<clang::MemberExpr>(target);
        const clang::Expr* holder = member != nullptr && !member->isArrow() ? member->getBase() : target;
        if (!local->conservative) check_returned_holder(local_holder(holder), *local, op->getOperatorLoc(), ctx);
      }
    }
  }

 private:
  void check_variable(const clang::VarDecl& var, RuleContext& ctx) {
    if (llvm::isa<clang::ParmVarDecl>(var) || var.isInvalidDecl()) return;
    const clang::Expr* init = var.getInit();
    if (init == nullptr || init->isTypeDependent() || init->isValueDependent() || var.getType()->isDependentType()) return;
    const clang::QualType type = var.getType();
    if (var.isStaticLocal() && check_static_binding(var, init, ctx)) return;
    Roots roots;
    roots.checking = &var;
    std::optional<Root> root;
    if (type->isReferenceType()) {
      root = roots.of_object(init);
      if (!root && holds_owner_views(type.getNonReferenceType())) {
        // `const auto& parts = split(read_line(), ',');`, a range-for over
        // it: the holder is kept alive, the temporary its views view is not.
        const clang::Expr* bound = init->IgnoreParens();
        if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(bound)) bound = cleanups->getSubExpr()->IgnoreParens();
        const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(bound);
        if (temporary != nullptr && temporary->getExtendingDecl() == &var) {
          if (auto held = held_root(temporary->getSubExpr(), type.getNonReferenceType(), roots)) {
            const bool range = var.isImplicit() && var.getIdentifier() != nullptr && var.getName().starts_with("__range");
            report_binding(range ? init->getBeginLoc() : var.getLocation(),
                           range ? std::string("a view held in the range of this range-for loop")
                                 : "a view held in '" + var.getNameAsString() + "'",
                           *held, ctx);
            return;
          }
        }
      }
    } else if (is_view(type)) {
      root = roots.of_view(init);
    } else if (type->isPointerType() && !type->isFunctionPointerType()) {
      root = roots.of_address(init);  // const char* s = make_name().c_str();
    } else if (holds_owner_views(type)) {
      // std::vector<std::string_view> v{std::string("a") + "b"};
      root = held_root(init, type, roots);
      if (root && !llvm::isa<clang::DecompositionDecl>(var) && !var.isImplicit()) {
        report_binding(var.getLocation(), "a view held in '" + var.getNameAsString() + "'", *root, ctx);
        return;
      }
      // std::optional<std::string_view> o = local; ... return o;
      if (!root && !llvm::isa<clang::DecompositionDecl>(var) && !var.isImplicit()) {
        if (auto local = held_root(init, type, local_roots()); local && !local->conservative) {
          check_returned_holder(&var, *local, var.getLocation(), ctx);
        }
        return;
      }
    }
    if (!root) return;
    std::string what;
    if (var.isImplicit() && var.getIdentifier() != nullptr && var.getName().starts_with("__range")) {
      what = "the range of this range-for loop";
    } else if (const auto* decomposition = llvm::dyn_cast<clang::DecompositionDecl>(&var)) {
      what = "the structured binding [";
      for (const clang::BindingDecl* binding : decomposition->bindings()) {
        if (binding != decomposition->bindings().front()) what += ", ";
        what += binding->getNameAsString();
      }
      what += "]";
    } else {
      what = "'" + var.getNameAsString() + "'";
    }
    report_binding(var.isImplicit() ? init->getBeginLoc() : var.getLocation(), what, *root, ctx);
  }

  /// A std::string_view or std::span (an element, a key, the value of an
  /// optional) of a std container, optional, pair or tuple of type `slot`
  /// made by `e` (an initialiser, an initializer list, a forwarded
  /// argument) from a temporary.
  static std::optional<Root> held_root(const clang::Expr* e, clang::QualType slot, const Roots& roots, unsigned depth = 0) {
    if (e == nullptr || depth > 8 || slot.isNull() || e->isTypeDependent()) return std::nullopt;
    if (is_owner_view(slot)) {
      if (is_view(e->getType())) return roots.of_view(e);
      // A forwarded std::string&&: made into the view inside (not a
      // container of views assigned whole: `parts = split(line, ',')`).
      if (is_owner_class(e->getType()) && !holds_owner_views(e->getType())) return roots.of_object(e);
      // std::optional<std::string_view> made from a std::optional<std::string>
      // (`= std::make_optional(s)`, `= load_name()`): a view of the string
      // the other optional holds.
      if (is_std_class(e->getType().getNonReferenceType()->getAsCXXRecordDecl(), {"optional"})) {
        const llvm::SmallVector<clang::QualType, 4> held = std_type_arguments(e->getType().getNonReferenceType());
        if (!held.empty() && is_owner_class(held[0])) return roots.of_object(e);
      }
      // A pointer made into the view inside (`return e.what();`,
      // `s.c_str()` into a std::optional<std::string_view>).
      if (e->getType()->isPointerType()) return roots.of_pointer_value(e);
      return std::nullopt;
    }
    if (!holds_owner_views(slot)) return std::nullopt;
    const clang::Expr* inner = e->IgnoreImplicit()->IgnoreParens();
    while (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(inner)) {
      inner = cast->getSubExpr()->IgnoreImplicit()->IgnoreParens();
    }
    if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(inner)) {
      inner = list->getSubExpr()->IgnoreImplicit()->IgnoreParens();
    }
    if (const auto* init = llvm::dyn_cast<clang::InitListExpr>(inner)) {
      // std::array's aggregate initialisation, an initializer_list's array.
      for (const clang::Expr* element : init->inits()) {
        if (auto root = held_root(element, element->getType(), roots, depth + 1)) return root;
      }
      return std::nullopt;
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(inner)) return held_call_root(call, slot, roots, depth);
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(inner);
    if (construct == nullptr || construct->getConstructor() == nullptr ||
        construct->getConstructor()->isCopyOrMoveConstructor()) {
      return std::nullopt;
    }
    unsigned count = 0;
    for (const clang::Expr* arg : construct->arguments()) count += llvm::isa<clang::CXXDefaultArgExpr>(arg) ? 0 : 1;
    if (count == 2 && construct->getNumArgs() >= 2 && is_owner_view(element_slot(construct->getType(), 0, 1)) &&
        is_owner_class(iterator_value_type(construct->getArg(0)->getType())) &&
        is_owner_class(iterator_value_type(construct->getArg(1)->getType()))) {
      // std::vector<std::string_view>(local.begin(), local.end()): a view of
      // each owning element the iterators walk.
      return roots.of_view(construct->getArg(0));
    }
    for (unsigned i = 0; i < construct->getNumArgs(); ++i) {
      const clang::Expr* arg = construct->getArg(i);
      if (llvm::isa<clang::CXXDefaultArgExpr>(arg)) continue;
      std::optional<Root> root;
      if (llvm::isa<clang::CXXStdInitializerListExpr>(arg->IgnoreImplicit()->IgnoreParens())) {
        root = held_root(arg, slot, roots, depth + 1);
      } else if (is_owner_view(arg->getType())) {
        root = roots.of_view(arg);
      } else {
        root = held_root(arg, element_slot(construct->getType(), i, count), roots, depth + 1);
      }
      if (root) return root;
    }
    return std::nullopt;
  }

  /// `split(read_line(), ',')` with `std::vector<std::string_view>
  /// split(std::string_view s, char sep)`: a free (or static) function
  /// returning a holder of views (a container, optional, pair of
  /// std::string_view or std::span), handed a view or a `const&` owner of
  /// the matching kind (a std::string_view or `const std::string&` for
  /// string views, a std::span or `const std::vector&`/`std::array&` for
  /// spans), or a holder of such views, may return views of that argument:
  /// the assumption made for a function returning one view
  /// (of_matching_argument), extended to holders. A temporary argument then
  /// dies under the views; when a return is checked (`locals`), a local or
  /// by-value parameter is returned through the call. Not decided when the
  /// function is also handed another reference or view it could take the
  /// views from (`names_in(registry_, std::string(prefix))`).
  static std::optional<Root> held_call_root(const clang::CallExpr* call, clang::QualType slot, const Roots& roots,
                                            unsigned depth) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr || llvm::isa<clang::CXXOperatorCallExpr>(call) || call->isGLValue()) return std::nullopt;
    if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee); method != nullptr && !method->isStatic()) {
      return std::nullopt;
    }
    const clang::QualType result = call->getType();
    const unsigned kinds = owner_view_kinds(result);
    if (kinds == 0 || (owner_view_kinds(slot) & kinds) == 0) return std::nullopt;
    llvm::SmallVector<clang::QualType, 4> wrapped;  // what its std::reference_wrappers refer to
    wrapped_types(result, wrapped);
    std::optional<Root> found;
    bool other_source = false;
    for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
      const clang::QualType param = callee->getParamDecl(i)->getType();
      const clang::Expr* arg = call->getArg(i);
      const clang::QualType plain = param.getNonReferenceType();
      const auto* record = plain->getAsCXXRecordDecl();
      unsigned param_kind = 0;  // what the views could view in this argument
      enum { none, view, owner, holder } how = none;
      if ((kinds & 4u) != 0 && (param->isRValueReferenceType() || (param->isLValueReferenceType() && plain.isConstQualified())) &&
          llvm::is_contained(wrapped, plain.getUnqualifiedType().getCanonicalType())) {
        // select(const Node& root, ...) returning std::reference_wrapper<const Node>s.
        param_kind = 4;
        how = owner;
      } else if ((kinds & 4u) != 0 && !param->isReferenceType() && is_wrapper(param) &&
                 llvm::is_contained(wrapped, std_type_arguments(param).front().getUnqualifiedType().getCanonicalType())) {
        param_kind = 4;
        how = view;
      } else if (!param->isReferenceType() && is_owner_view(param)) {
        param_kind = owner_view_kinds(param);
        how = view;
      } else if (param->isLValueReferenceType() && plain.isConstQualified() && !holds_owner_views(plain) &&
                 is_std_class(record, {"basic_string", "vector", "array"})) {
        param_kind = is_std_class(record, {"basic_string"}) ? 1u : 2u;
        how = owner;
      } else if ((!param->isReferenceType() || (param->isLValueReferenceType() && plain.isConstQualified())) &&
                 holds_owner_views(plain)) {
        param_kind = owner_view_kinds(plain);
        how = holder;
      }
      if (how == none || (param_kind & kinds) == 0) {
        // (A std::string_view or std::span of another kind than the result's
        // views cannot be where they come from: `select(root, "name")`.)
        const bool other_kind = how == view && !param->isReferenceType();
        if ((param->isReferenceType() || is_view(param) || param->isPointerType() || holds_owner_views(plain)) &&
            !other_kind) {
          other_source = true;
        }
        continue;
      }
      if (found) continue;
      if (how == view) found = roots.of_view(arg);
      else if (how == owner) found = roots.of_object(arg);
      else found = held_root(arg, plain, roots, depth + 1);
    }
    if (!found || other_source) return std::nullopt;
    found->conservative = true;
    return found;
  }

  /// views.push_back(std::string("x")), names.emplace(std::to_string(n), 1),
  /// optional_view.emplace(make_name()): the element views a temporary.
  void check_insertion(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    const clang::Expr* object = call.getImplicitObjectArgument();
    if (method == nullptr || object == nullptr || method->getIdentifier() == nullptr || call.isTypeDependent()) return;
    const clang::QualType holder =
        object->getType()->isPointerType() ? object->getType()->getPointeeType() : object->getType();
    if (!holds_owner_views(holder)) return;
    // assign(n, value) and resize(n, value) copy the value into new elements.
    static const llvm::StringRef kFills[] = {"push_back", "push_front",  "emplace_back",     "emplace_front", "emplace",
                                             "insert",    "try_emplace", "insert_or_assign", "push",
                                             "assign",    "resize"};
    if (std::find(std::begin(kFills), std::end(kFills), method->getName()) == std::end(kFills)) return;
    unsigned count = 0;
    for (const clang::Expr* arg : call.arguments()) count += llvm::isa<clang::CXXDefaultArgExpr>(arg) ? 0 : 1;
    for (const Roots& roots : {Roots{}, local_roots()}) {
      for (unsigned i = 0; i < call.getNumArgs(); ++i) {
        const clang::Expr* arg = call.getArg(i);
        if (llvm::isa<clang::CXXDefaultArgExpr>(arg)) continue;
        // What the argument becomes: an element, a key, a mapped value, or
        // (`m.insert({k, s})`, `v.insert(pos, s)`) a whole element.
        clang::QualType slot = element_slot(holder, i, count);
        if (slot.isNull() && holds_owner_views(arg->getType().getNonReferenceType())) {
          slot = arg->getType().getNonReferenceType();
        }
        // A std::reference_wrapper element made from a local by conversion
        // (`refs.push_back(local)`; std::ref / std::cref calls are judged
        // at the return, see container_root).
        const clang::Expr* bare = arg->IgnoreImplicit()->IgnoreParens();
        const bool wrapped = is_wrapper(arg->getType()) &&
                             !(llvm::isa<clang::CallExpr>(bare) && is_std_ref_call(llvm::cast<clang::CallExpr>(bare)));
        std::optional<Root> root = is_owner_view(arg->getType()) || wrapped ? roots.of_view(arg)
                                                                            : held_root(arg, slot, roots);
        if (!root) continue;
        if (!roots.locals) {
          report_binding(call.getExprLoc(), "a view stored in " + holder_name(object), *root, ctx);
          return;
        }
        if (root->kind == Root::local) {
          check_inner_scope(object, *root, call.getExprLoc(), ctx);
          if (!root->conservative) check_returned_holder(local_holder(object), *root, call.getExprLoc(), ctx);
          return;
        }
      }
    }
  }

  static Roots local_roots() {
    Roots roots;
    roots.locals = true;
    return roots;
  }

  /// Does `s` (a block, a catch handler, a loop or if with its own
  /// variables) declare `var` directly?
  static bool declares(const clang::Stmt* s, const clang::VarDecl* var) {
    auto in = [var](const clang::Stmt* decl_stmt) {
      const auto* decls = llvm::dyn_cast_or_null<clang::DeclStmt>(decl_stmt);
      return decls != nullptr && llvm::is_contained(decls->decls(), var);
    };
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
      return llvm::any_of(block->body(), [&](const clang::Stmt* child) { return in(child); });
    }
    if (const auto* handler = llvm::dyn_cast<clang::CXXCatchStmt>(s)) return handler->getExceptionDecl() == var;
    if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) return in(loop->getInit()) || loop->getConditionVariable() == var;
    // (The hidden range variable too: a temporary range lives as long as
    // the loop, `for (const auto& r : load_all())`.)
    if (const auto* loop = llvm::dyn_cast<clang::CXXForRangeStmt>(s)) {
      return loop->getLoopVariable() == var || in(loop->getInit()) || in(loop->getRangeStmt());
    }
    if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) return in(branch->getInit()) || branch->getConditionVariable() == var;
    if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s)) return loop->getConditionVariable() == var;
    if (const auto* branch = llvm::dyn_cast<clang::SwitchStmt>(s)) return in(branch->getInit()) || branch->getConditionVariable() == var;
    return false;
  }

  /// The parameter through which `target` (what a view is assigned to or
  /// stored in) reaches the caller: a reference parameter to non-const
  /// (`std::string_view& out`), a pointer parameter dereferenced (`*out`,
  /// `out->name`), or a member of one (`out.name`). Else nullptr.
  static const clang::ParmVarDecl* out_parameter(const clang::Expr* target) {
    const clang::Expr* e = target;
    auto pointer_parameter = [](const clang::Expr* pointer) -> const clang::ParmVarDecl* {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(pointer->IgnoreParenImpCasts());
      const auto* param = ref != nullptr ? llvm::dyn_cast<clang::ParmVarDecl>(ref->getDecl()) : nullptr;
      if (param == nullptr || ref->refersToEnclosingVariableOrCapture() || !param->getType()->isPointerType() ||
          param->getType()->getPointeeType().isConstQualified()) {
        return nullptr;
      }
      return param;
    };
    for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
      e = e->IgnoreParenImpCasts();
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
        if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return nullptr;
        if (member->isArrow()) return pointer_parameter(member->getBase());
        e = member->getBase();
        continue;
      }
      if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e)) {
        return unary->getOpcode() == clang::UO_Deref ? pointer_parameter(unary->getSubExpr()) : nullptr;
      }
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
      const auto* param = ref != nullptr ? llvm::dyn_cast<clang::ParmVarDecl>(ref->getDecl()) : nullptr;
      if (param == nullptr || ref->refersToEnclosingVariableOrCapture() || !param->getType()->isLValueReferenceType() ||
          param->getType().getNonReferenceType().isConstQualified()) {
        return nullptr;
      }
      return param;
    }
    return nullptr;
  }

  static std::string source_text(const clang::Expr* e, const RuleContext& ctx) {
    const llvm::StringRef text = clang::Lexer::getSourceText(
        clang::CharSourceRange::getTokenRange(e->IgnoreParenImpCasts()->getSourceRange()), ctx.sources(), ctx.lang());
    return text.empty() || text.size() > 40 ? std::string("the out-parameter") : text.str();
  }

  /// `out = local;`, `*out = std::string_view(local);`, `out.name = local;`,
  /// `out.push_back(local)` with `out` a reference or pointer parameter: the
  /// caller keeps a view of a local of this function (or of a by-value
  /// parameter), which is destroyed when it returns. True when `target`
  /// is such an out-parameter (reported or not).
  bool check_out_parameter(const clang::Expr* target, const Root& root, clang::SourceLocation loc, RuleContext& ctx) {
    const clang::ParmVarDecl* param = out_parameter(target);
    if (param == nullptr) return false;
    if (root.kind != Root::local || root.var == nullptr || root.var == param) return true;
    // A local std::shared_ptr / meshwa::Shared shares what it points to with
    // other owners; its end frees nothing.
    if (is_shared_owner(root.var->getType())) return true;
    if (!reported_.insert(loc).second) return true;
    const std::string name = root.binding != nullptr ? root.binding->getNameAsString() : root.var->getNameAsString();
    const std::string what = root.var->isExceptionVariable() ? "the caught exception '" + name + "'"
                             : llvm::isa<clang::ParmVarDecl>(root.var) ? "by-value parameter '" + name + "'"
                                                                       : "local variable '" + name + "'";
    ctx.report.error(loc, kName,
                     "out-parameter '" + source_text(target, ctx) + "' is made to refer to " + what +
                         ", which is destroyed when the function returns, so the caller is left with a dangling " +
                         (target->getType()->isPointerType() ? "pointer" : "view") +
                         "; give the caller an owning value instead (a std::string / std::vector out-parameter "
                         "or return value), or make it refer to data that outlives the call");
    ctx.report.note(root.binding != nullptr ? root.binding->getLocation() : root.var->getLocation(),
                    "'" + name + "' is declared here");
    return true;
  }

  /// `outer = inner_local;`, `outer_views.push_back(inner_local)`: a local
  /// view (or container of views, or optional of one) declared in an outer
  /// block made to refer to a local of an inner block (a catch parameter:
  /// `msg = e.what();`), and used after that block ends (or, in a loop, on
  /// the next iteration, before it is assigned again).
  void check_inner_scope(const clang::Expr* target_expr, const Root& root, clang::SourceLocation loc, RuleContext& ctx) {
    if (check_out_parameter(target_expr, root, loc, ctx)) return;
    // `tok.text = s;`: a view member of a local struct is the struct's.
    const clang::Expr* named = target_expr->IgnoreParenImpCasts();
    const bool member_target = llvm::isa<clang::MemberExpr>(named);
    const clang::ValueDecl* target_field = nullptr;  // the struct's member holding the view
    while (const auto* member = llvm::dyn_cast<clang::MemberExpr>(named)) {
      if (member->isArrow() || !llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return;
      target_field = member->getMemberDecl();
      named = member->getBase()->IgnoreParenImpCasts();
    }
    const auto* target_ref = llvm::dyn_cast<clang::DeclRefExpr>(named);
    const auto* target = target_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(target_ref->getDecl()) : nullptr;
    if (root.kind != Root::local || root.var == nullptr || target == nullptr || target == root.var ||
        !target->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(target) || target->getType()->isReferenceType() ||
        target_ref->refersToEnclosingVariableOrCapture()) {
      return;
    }
    // A local std::shared_ptr / meshwa::Shared is one owner among others
    // (`auto p = cache_; v = p->name;`): its end need not free anything.
    if (is_shared_owner(root.var->getType())) return;
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    std::optional<size_t> root_scope;
    std::optional<size_t> target_scope;
    for (size_t i = parents.size(); i-- > 0;) {
      if (!root_scope && declares(parents[i], root.var)) root_scope = i;
      if (declares(parents[i], target)) {
        target_scope = i;
        break;
      }
    }
    if (!root_scope || !target_scope || *root_scope <= *target_scope) return;
    const clang::FunctionDecl* fn = ctx.enclosing_function();
    if (fn == nullptr || fn->getBody() == nullptr) return;
    const clang::SourceManager& sm = ctx.ast.getSourceManager();
    const clang::Stmt* scope = parents[*root_scope];
    const clang::SourceLocation scope_end = scope->getEndLoc();
    // A loop between the two scopes runs the inner block again: a use of
    // the target in that loop before the assignment reads last iteration's.
    const clang::Stmt* loop = nullptr;
    for (size_t i = *target_scope + 1; i <= *root_scope; ++i) {
      if (llvm::isa<clang::ForStmt, clang::CXXForRangeStmt, clang::WhileStmt, clang::DoStmt>(parents[i])) {
        loop = parents[i];
        break;
      }
    }
    const clang::DeclRefExpr* after = nullptr;  // the first use after the block
    const clang::DeclRefExpr* again = nullptr;  // a use earlier in the loop
    std::set<const clang::Expr*> reassigned;
    std::set<const clang::Expr*> other_member;  // `t` in `t.kind`, another member than the view's
    flow::contains(fn->getBody(), [&](const clang::Stmt& s) {
      if (const auto* assign = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
          assign != nullptr && assign->getOperator() == clang::OO_Equal && assign->getNumArgs() == 2) {
        const clang::Expr* lhs = assign->getArg(0)->IgnoreParenImpCasts();
        reassigned.insert(lhs);
        // (`tok.text = "lit";` gives the member a new value: its base is
        // taken as assigned, whichever member the first error was about.)
        if (member_target) {
          while (const auto* member = llvm::dyn_cast<clang::MemberExpr>(lhs)) lhs = member->getBase()->IgnoreParenImpCasts();
          reassigned.insert(lhs);
        }
      }
      // `tok.kind` after the block reads another member, not the view.
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&s); member_target && member != nullptr &&
          !member->isArrow() && member->getMemberDecl() != target_field) {
        other_member.insert(member->getBase()->IgnoreParenImpCasts());
      }
      const auto* use = llvm::dyn_cast<clang::DeclRefExpr>(&s);
      if (use == nullptr || use->getDecl() != target || use == target_ref || other_member.count(use) != 0) return false;
      const clang::SourceLocation at = use->getLocation();
      if (sm.isBeforeInTranslationUnit(scope_end, at)) {
        if (after == nullptr || sm.isBeforeInTranslationUnit(at, after->getLocation())) after = use;
      } else if (loop != nullptr && sm.isBeforeInTranslationUnit(loop->getBeginLoc(), at) &&
                 sm.isBeforeInTranslationUnit(at, loc) && again == nullptr) {
        again = use;
      }
      return false;
    });
    if (after != nullptr && reassigned.count(after) != 0) after = nullptr;  // assigned again before any read
    if (again != nullptr && reassigned.count(again) != 0) again = nullptr;
    const clang::DeclRefExpr* use = after != nullptr ? after : again;
    if (use == nullptr || !reported_.insert(loc).second) return;
    const std::string name = root.var->getNameAsString();
    const std::string what = root.var->isExceptionVariable()
                                 ? "the caught exception '" + name + "', which is destroyed at the end of its handler"
                                 : "'" + name + "', which is destroyed at the end of its block";
    const std::string target_name = member_target ? source_text(target_expr, ctx) : target->getNameAsString();
    if (root.var->isImplicit()) {
      // The hidden range variable of a range-for over a temporary.
      ctx.report.error(loc, kName,
                       "'" + target_name + "' is made to refer into the range of this range-for loop, a temporary " +
                           "destroyed when the loop ends, but '" + target->getNameAsString() + "' is used after that" +
                           (use == again ? " (on the next iteration of the loop)" : "") +
                           "; keep a copy instead (std::string / std::vector, not a view), or keep the range in a "
                           "variable declared in the same block as '" + target->getNameAsString() + "'");
      ctx.report.note(scope->getBeginLoc(), "the loop is here");
      ctx.report.note(use->getLocation(), "'" + target->getNameAsString() + "' is used here");
      return;
    }
    ctx.report.error(loc, kName,
                     "'" + target_name + "' is made to refer to " + what + ", but '" +
                         target->getNameAsString() + "' is used after that" +
                         (use == again ? " (on the next iteration of the loop)" : "") +
                         "; keep a copy instead (std::string / std::vector, not a view)" +
                         (root.var->isExceptionVariable()
                              ? std::string(", e.g. a std::string of the message")
                              : ", or declare '" + name + "' in the same block as '" + target->getNameAsString() + "'"));
    ctx.report.note(root.var->getLocation(), "'" + name + "' is declared here");
    ctx.report.note(use->getLocation(), "'" + target->getNameAsString() + "' is used here");
  }

  /// The local holder of views `holder_expr` names (`r` in `r.push_back(s)`,
  /// `m` in `m[k] = s`): a variable of this function, not a parameter, a
  /// reference or a capture. Else nullptr.
  static const clang::VarDecl* local_holder(const clang::Expr* holder_expr) {
    const auto* ref = holder_expr != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(holder_expr->IgnoreParenImpCasts()) : nullptr;
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
        var->getType()->isReferenceType() || ref->refersToEnclosingVariableOrCapture()) {
      return nullptr;
    }
    return var;
  }

  /// The holder of views whose element the view glvalue `e` is: `m[k]`,
  /// `views.at(i)`, `views.front()`, `views.back()`, `*o`, `o.value()` of a
  /// std container / optional of views. Else nullptr.
  static const clang::Expr* element_holder(const clang::Expr* e) {
    e = e->IgnoreParenImpCasts();
    const clang::Expr* object = nullptr;
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      if ((op->getOperator() == clang::OO_Subscript || op->getOperator() == clang::OO_Star) && op->getNumArgs() >= 1) {
        object = op->getArg(0);
      }
    } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method != nullptr && method->getIdentifier() != nullptr &&
          (method->getName() == "at" || method->getName() == "front" || method->getName() == "back" ||
           method->getName() == "value")) {
        object = call->getImplicitObjectArgument();
      }
    }
    if (object == nullptr || !e->isGLValue() || object->getType()->isPointerType() ||
        !holds_owner_views(object->getType().getNonReferenceType())) {
      return nullptr;
    }
    return object;
  }

  /// Does the returned value `e` hand `var` to the caller: `var` itself,
  /// `std::move(var)`, or a part of the returned object built from it
  /// (`{std::move(var), n}`, `Result{var}`, `std::pair(var, n)`,
  /// `std::make_pair(var, n)`, `std::make_optional(var)`, either branch of
  /// `?:`)? A call that computes something from it (`join(var)`,
  /// `var.size()`, `std::vector<std::string>(var.begin(), var.end())`) does
  /// not.
  static bool hands_over(const clang::Expr* e, const clang::VarDecl* var, unsigned depth = 0) {
    if (e == nullptr || depth > 12) return false;
    e = skip_carriers(e, {clang::CK_NoOp, clang::CK_LValueToRValue, clang::CK_ConstructorConversion,
                          clang::CK_DerivedToBase, clang::CK_UncheckedDerivedToBase});
    if (e == nullptr) return false;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return ref->getDecl() == var;
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      return hands_over(conditional->getTrueExpr(), var, depth + 1) ||
             hands_over(conditional->getFalseExpr(), var, depth + 1);
    }
    llvm::SmallVector<const clang::Expr*, 4> parts;
    if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
      for (const clang::Expr* init : list->inits()) parts.push_back(init);
    } else if (const auto* list = llvm::dyn_cast<clang::CXXParenListInitExpr>(e)) {
      for (const clang::Expr* init : list->getInitExprs()) parts.push_back(init);
    } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      // A copy or move, or a std::pair / std::tuple / std::optional made of it.
      const clang::CXXConstructorDecl* ctor = construct->getConstructor();
      if (ctor == nullptr) return false;
      if (!ctor->isCopyOrMoveConstructor() &&
          !is_std_class(construct->getType()->getAsCXXRecordDecl(), {"pair", "tuple", "optional"})) {
        return false;
      }
      for (const clang::Expr* arg : construct->arguments()) parts.push_back(arg);
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
          llvm::isa<clang::CXXMethodDecl>(callee)) {
        return false;
      }
      const llvm::StringRef name = callee->getName();
      if (name != "move" && name != "forward" && name != "make_pair" && name != "make_tuple" &&
          name != "make_optional") {
        return false;
      }
      for (const clang::Expr* arg : call->arguments()) parts.push_back(arg);
    } else {
      return false;
    }
    return llvm::any_of(parts, [&](const clang::Expr* part) { return hands_over(part, var, depth + 1); });
  }

  /// `r.push_back(local)`, `m[k] = local`, `o = local`, `std::optional<
  /// std::string_view> o = local;`: views of a local (or a by-value
  /// parameter) of this function stored in `holder`, a local holder of
  /// views that a `return` then hands to the caller (by name, moved, or as a
  /// part of the returned object). The caller gets views of an object
  /// destroyed when the function returns. Reported at the fill, with a note
  /// at the return. Not when the owner is handed over by the same return
  /// (`return {std::move(lines), std::move(views)};`: a moved std::vector
  /// keeps its elements where they are), when the holder is emptied or
  /// reassigned after the fill, or when the owner is a local
  /// std::shared_ptr / meshwa::Shared (shared with other owners).
  void check_returned_holder(const clang::VarDecl* holder, const Root& root, clang::SourceLocation loc,
                             RuleContext& ctx) {
    if (holder == nullptr || root.kind != Root::local || root.var == nullptr || root.var == holder ||
        is_shared_owner(root.var->getType()) || reported_.count(loc) != 0) {
      return;
    }
    const clang::FunctionDecl* fn = ctx.enclosing_function();
    if (fn == nullptr || fn->getBody() == nullptr || holder->getParentFunctionOrMethod() != fn ||
        root.var->getParentFunctionOrMethod() != fn) {
      return;
    }
    const clang::SourceManager& sm = ctx.sources();
    const clang::ReturnStmt* returned = nullptr;
    bool emptied = false;
    llvm::SmallVector<const clang::Stmt*, 64> stack{fn->getBody()};
    while (!stack.empty()) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) continue;  // a lambda's returns are its own
      if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) {
        if (ret->getRetValue() != nullptr && hands_over(ret->getRetValue(), holder) &&
            !hands_over(ret->getRetValue(), root.var) &&
            (returned == nullptr || sm.isBeforeInTranslationUnit(ret->getBeginLoc(), returned->getBeginLoc()))) {
          returned = ret;
        }
      }
      // holder.clear(), holder = ..., holder.swap(..) after the fill.
      const clang::Expr* changed = nullptr;
      if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(s)) {
        const clang::CXXMethodDecl* method = call->getMethodDecl();
        if (method != nullptr && method->getIdentifier() != nullptr &&
            (method->getName() == "clear" || method->getName() == "assign" || method->getName() == "swap" ||
             method->getName() == "reset")) {
          changed = call->getImplicitObjectArgument();
        }
      } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s);
                 op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
        changed = op->getArg(0);
      }
      // (`r.name = other;` gives the struct's view other data: also taken as a change.)
      if (const auto* member = changed != nullptr ? llvm::dyn_cast<clang::MemberExpr>(changed->IgnoreParenImpCasts()) : nullptr;
          member != nullptr && !member->isArrow()) {
        changed = member->getBase();
      }
      if (changed != nullptr && local_holder(changed) == holder && sm.isBeforeInTranslationUnit(loc, s->getBeginLoc())) {
        emptied = true;
      }
      for (const clang::Stmt* child : s->children()) stack.push_back(child);
    }
    if (returned == nullptr || emptied || !reported_.insert(loc).second) return;
    const std::string name = root.binding != nullptr ? root.binding->getNameAsString() : root.var->getNameAsString();
    const std::string what = root.var->isExceptionVariable() ? "the caught exception '" + name + "'"
                             : llvm::isa<clang::ParmVarDecl>(root.var) ? "by-value parameter '" + name + "'"
                                                                       : "local variable '" + name + "'";
    const std::string holder_text = "'" + holder->getNameAsString() + "'";
    ctx.report.error(loc, kName,
                     "a view of " + what + " is stored in " + holder_text +
                         ", which the function returns, so the caller gets a view of an object destroyed when the "
                         "function returns; store owning values instead (std::string / std::vector elements), or "
                         "make the views view data that outlives the call (a reference parameter's, a member's)");
    ctx.report.note(root.binding != nullptr ? root.binding->getLocation() : root.var->getLocation(),
                    "'" + name + "' is declared here");
    ctx.report.note(returned->getBeginLoc(), holder_text + " is returned here");
  }

  static std::string holder_name(const clang::Expr* object) {
    const clang::Expr* e = object->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return "'" + ref->getDecl()->getNameAsString() + "'";
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      return "'" + member->getMemberDecl()->getNameAsString() + "'";
    }
    return "the container";
  }

  /// Returns in a template (a function template, a member of a class
  /// template, a generic lambda, a lambda inside one of those) are judged
  /// in each instantiation, where the types say what is a reference or a
  /// view, and reported once, at the return as written, with a note naming
  /// the instantiation. (The pattern's own walk judges a return whose value
  /// and result type do not depend on a template parameter, which also
  /// covers templates never instantiated.)
  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override {
    if (!pattern.isDependentContext() || pattern.getBody() == nullptr) return;
    for (const clang::FunctionDecl* instance : flow::bodies_to_analyse(pattern, 16)) {
      returns_in(instance->getBody(), *instance, *instance, ctx);
    }
  }

  /// The returns of `fn` under `root` (lambdas inside: theirs, in each of
  /// their instantiations for a generic one), judged as part of `instance`.
  void returns_in(const clang::Stmt* root, const clang::FunctionDecl& fn, const clang::FunctionDecl& instance,
                  RuleContext& ctx, unsigned depth = 0) {
    if (root == nullptr || depth > 8) return;
    llvm::SmallVector<const clang::Stmt*, 64> stack{root};
    while (!stack.empty()) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr) continue;
      if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(s)) {
        if (const clang::CXXMethodDecl* call = lambda->getCallOperator()) {
          for (const clang::FunctionDecl* body : flow::bodies_to_analyse(*call, 8)) {
            returns_in(body->getBody(), *body, instance, ctx, depth + 1);
          }
        }
        continue;
      }
      if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) {
        if (ret->getBeginLoc().isValid() && returns_reported_.count(ret->getBeginLoc()) == 0) {
          check_return(*ret, fn, ctx, &instance);
        }
      }
      for (const clang::Stmt* child : s->children()) stack.push_back(child);
    }
  }

  void check_return(const clang::ReturnStmt& ret, const clang::FunctionDecl& function, RuleContext& ctx,
                    const clang::FunctionDecl* instance = nullptr) {
    const clang::Expr* value = ret.getRetValue();
    const clang::FunctionDecl* fn = &function;
    if (value == nullptr || value->isTypeDependent() || value->isInstantiationDependent()) return;
    // A template pattern: only what the types there already tell.
    if (fn->isDependentContext() && (fn->getReturnType()->isDependentType() || fn->getReturnType()->isUndeducedType())) {
      return;
    }
    if (returns_reported_.count(ret.getBeginLoc()) != 0) return;
    const unsigned before = ctx.report.error_count();
    judge_return(ret, *fn, ctx);
    if (ctx.report.error_count() != before) {
      returns_reported_.insert(ret.getBeginLoc());
      if (instance != nullptr) note_instantiation(*instance, ctx);
    }
  }

  void judge_return(const clang::ReturnStmt& ret, const clang::FunctionDecl& function, RuleContext& ctx) {
    const clang::Expr* value = ret.getRetValue();
    const clang::FunctionDecl* fn = &function;
    const clang::QualType result = fn->getReturnType();
    if (is_std_class(result->getAsCXXRecordDecl(), {"initializer_list"})) {
      // Its backing array is a temporary of this function (or the local
      // list's own array): gone when the function returns.
      ctx.report.error(ret.getBeginLoc(), kName,
                       "returning a std::initializer_list, whose backing array belongs to this function and is "
                       "destroyed when it returns; return a std::vector or std::array instead")
          << value->getSourceRange();
      return;
    }
    Roots roots;
    roots.locals = true;
    roots.function = fn;
    std::optional<Root> root;
    const char* kind = result->isReferenceType() ? "a reference" : "a view";
    std::string kind_text;
    if (result->isReferenceType()) {
      root = roots.of_object(value);
    } else if (is_view(result)) {
      root = roots.of_view(value);
    } else if (result->isPointerType() && !result->isFunctionPointerType()) {
      root = roots.of_address(value);
      kind = "a pointer";
    } else if (holds_reference_wrappers(result)) {
      root = container_root(value, roots, *fn);
      kind = "a container of references";
    } else if (contains_ref_view(result.getCanonicalType())) {
      root = range_root(value);
      kind = "a range view";
    } else if (holds_owner_views(result)) {
      // std::optional<std::string_view> f() { return to_lower(s); }
      root = held_root(value, result, roots);
      kind = "a view held in the result";
    }
    std::string temporary_remedy = "return the value itself (by value)";
    // `R r{local}; return r;`, `C1 c(local); return c;`: a local built with
    // a reference member bound to another local, returned by name (judged
    // by what it was initialised with).
    const clang::Expr* built = value;
    if (result->isRecordType()) {
      if (const clang::VarDecl* holder = returned_local_record(value)) built = holder->getInit();
    }
    if (!root && result->isRecordType()) {
      // return R{std::string("tmp")}; with `struct R { const std::string& r; };`
      const clang::FieldDecl* field = nullptr;
      root = aggregate_reference_root(built, roots, field);
      if (root && built != value && root->kind != Root::local) root.reset();  // (judged at the declaration)
      if (root && field != nullptr) {
        kind_text = "a value whose reference member '" + field->getNameAsString() + "' refers";
        kind = kind_text.c_str();
        temporary_remedy = "make the member a value (std::string, not const std::string&), or bind it to "
                           "something that outlives the call";
      }
    }
    if (!root && result->isRecordType()) {
      // return C1(local); with `C1(int& x) : ref_(x) {}` and a reference or
      // view member `ref_`.
      const clang::FieldDecl* field = nullptr;
      root = constructor_reference_root(built, roots, field);
      if (root && built != value && root->kind != Root::local) root.reset();
      if (root && field != nullptr) {
        kind_text = "a value whose member '" + field->getNameAsString() + "' refers";
        kind = kind_text.c_str();
        temporary_remedy = "keep a copy in the member (a value, not a reference or view), or construct the value "
                           "from data that outlives the call";
      } else {
        root.reset();
      }
    }
    if (!root && result->isRecordType()) {
      // return std::make_pair(std::cref(s), 1); return R{std::cref(s)};
      // return std::bind(f, std::ref(local)); an optional of a
      // reference_wrapper: a reference to a local inside the value.
      // (`RW r{local}; return r;`: judged by what the returned local was
      // initialised with.)
      root = wrapped_reference_root(built, roots);
      if (root && root->kind == Root::local) {
        kind = "a value holding a reference (std::ref / std::cref / std::tie)";
      } else {
        root.reset();
      }
    }
    if (!root) return;
    std::string remedy = "return the value itself (by value: std::string, std::vector, ...)";
    if (kind == llvm::StringRef("a range view")) {
      remedy = "return the elements in a container (a std::vector filled from the view), or move the local into the "
               "view (std::move(" + (root->var != nullptr ? root->var->getNameAsString() : std::string("v")) +
               ") | ..., which makes the view own it)";
    } else if (kind == llvm::StringRef("a container of references")) {
      remedy = "return the values themselves (a container of values, not of std::reference_wrapper)";
    } else if (llvm::StringRef(kind).starts_with("a value whose")) {
      remedy = temporary_remedy;
    } else if (llvm::StringRef(kind).starts_with("a value holding")) {
      remedy = "hold a copy instead (pass the local itself, not std::ref / std::cref of it, or a std::string / "
               "std::vector member instead of a reference)";
    }
    if (root->kind == Root::local && root->var != nullptr && root->var->isExceptionVariable()) {
      ctx.report.error(ret.getBeginLoc(), kName,
                       std::string("returning ") + kind + " to the caught exception '" + root->var->getNameAsString() +
                           "', which is destroyed at the end of its handler; return a copy (std::string of e.what())")
          << value->getSourceRange();
      ctx.report.note(root->var->getLocation(), "'" + root->var->getNameAsString() + "' is declared here");
      return;
    }
    if (root->kind == Root::local) {
      const std::string name =
          root->binding != nullptr ? root->binding->getNameAsString() : root->var->getNameAsString();
      ctx.report.error(ret.getBeginLoc(), kName,
                       std::string("returning ") + kind + " to local variable '" + name +
                           "', which is destroyed when the function returns; " +
                           (root->conservative ? "the function may return its argument; " : "") + remedy)
          << value->getSourceRange();
      if (root->binding != nullptr) {
        ctx.report.note(root->binding->getLocation(),
                        "'" + root->binding->getNameAsString() + "' is a structured binding of a local, declared here");
      } else {
        ctx.report.note(root->var->getLocation(), "'" + name + "' is declared here");
      }
      return;
    }
    ctx.report.error(ret.getBeginLoc(), kName,
                     std::string("returning ") + kind +
                         " to a temporary that is destroyed at the end of the return statement; " + temporary_remedy)
        << value->getSourceRange();
    ctx.report.note(root->expr->getExprLoc(), "the temporary is created here");
  }

  /// The local `r` of `return r;` when it is a class value of this function
  /// made by an initialiser (not a parameter, a reference or a static).
  static const clang::VarDecl* returned_local_record(const clang::Expr* value) {
    const clang::Expr* e = value->IgnoreParenImpCasts();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
        construct != nullptr && construct->getNumArgs() == 1 && construct->getConstructor() != nullptr &&
        construct->getConstructor()->isCopyOrMoveConstructor()) {
      e = construct->getArg(0)->IgnoreParenImpCasts();  // the copy or move out of the local
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || llvm::isa<clang::ParmVarDecl>(var) || !var->hasLocalStorage() ||
        var->getType()->isReferenceType() || !var->getType()->isRecordType() || var->getInit() == nullptr ||
        ref->refersToEnclosingVariableOrCapture()) {
      return nullptr;
    }
    return var;
  }

  /// `return R{std::string("tmp")};`, `return R{local};` with an aggregate
  /// `struct R { const std::string& r; };` (also nested aggregates, and
  /// `R(...)` in C++20): what a reference member is bound to, when that
  /// dies with the return. `field` is that member.
  static std::optional<Root> aggregate_reference_root(const clang::Expr* e, const Roots& roots,
                                                      const clang::FieldDecl*& field, unsigned depth = 0) {
    if (e == nullptr || depth > 8) return std::nullopt;
    e = skip_carriers(e, {clang::CK_NoOp, clang::CK_ConstructorConversion});
    if (e == nullptr) return std::nullopt;
    llvm::ArrayRef<clang::Expr*> inits;
    if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
      inits = list->inits();
    } else if (const auto* list = llvm::dyn_cast<clang::CXXParenListInitExpr>(e)) {
      inits = list->getInitExprs();
    } else {
      return std::nullopt;
    }
    const auto* record = e->getType()->getAsCXXRecordDecl();
    if (record == nullptr || record->isUnion() || record->isLambda() || record->isInStdNamespace() ||
        record->getNumBases() != 0) {
      return std::nullopt;
    }
    unsigned i = 0;
    for (const clang::FieldDecl* member : record->fields()) {
      if (i >= inits.size()) break;
      const clang::Expr* init = inits[i++];
      std::optional<Root> root;
      if (member->getType()->isReferenceType()) {
        root = roots.of_object(init);
        if (root) field = member;
      } else if (member->getType()->isRecordType()) {
        root = aggregate_reference_root(init, roots, field, depth + 1);
      }
      if (root) return root;
    }
    return std::nullopt;
  }

  /// `return C1(local);` where the constructor of the class (of service
  /// code, its definition visible) initialises a reference or view member
  /// (`T&`, std::string_view, std::atomic_ref, an iterator, a
  /// std::ranges::ref_view, ...) from a reference parameter (`ref_(x)`,
  /// `view_(v)`, `it_(in)`, `first_(v.front())`): what the argument handed
  /// to that parameter is, when it dies with the return. `field` is that
  /// member.
  static std::optional<Root> constructor_reference_root(const clang::Expr* e, const Roots& roots,
                                                        const clang::FieldDecl*& field) {
    e = skip_carriers(e, {clang::CK_NoOp, clang::CK_ConstructorConversion});
    const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(e);
    const clang::CXXConstructorDecl* ctor = construct != nullptr ? construct->getConstructor() : nullptr;
    if (ctor == nullptr || ctor->isCopyOrMoveConstructor() || within_std(ctor->getDeclContext()) ||
        ctor->getParent()->isLambda()) {
      return std::nullopt;
    }
    const auto* definition = llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(ctor->getDefinition());
    if (definition == nullptr) return std::nullopt;
    for (const clang::CXXCtorInitializer* init : definition->inits()) {
      const clang::FieldDecl* member = init->getMember();
      if (!init->isWritten() || member == nullptr || init->getInit() == nullptr) continue;
      const clang::QualType type = member->getType();
      if (!type->isReferenceType() && !is_view(type) && !contains_ref_view(type.getCanonicalType())) continue;
      const clang::ParmVarDecl* param = parameter_referred(init->getInit(), *definition);
      if (param == nullptr || !param->getType()->isReferenceType()) continue;
      const unsigned index = param->getFunctionScopeIndex();
      if (index >= construct->getNumArgs() || llvm::isa<clang::CXXDefaultArgExpr>(construct->getArg(index))) continue;
      const clang::Expr* arg = construct->getArg(index);
      std::optional<Root> root = is_view(arg->getType()) ? roots.of_view(arg) : roots.of_object(arg);
      if (root) {
        field = member;
        return root;
      }
    }
    return std::nullopt;
  }

  /// The reference parameter of `ctor` whose object a member initialiser
  /// refers into: `x`, `std::atomic_ref<int>(x)`, `v.begin()`, `s.front()`,
  /// `o.child`, a conversion of it. Else nullptr.
  static const clang::ParmVarDecl* parameter_referred(const clang::Expr* e, const clang::CXXConstructorDecl& ctor,
                                                      unsigned depth = 0) {
    if (e == nullptr || depth > 8) return nullptr;
    e = skip_carriers(e, {clang::CK_NoOp, clang::CK_ConstructorConversion, clang::CK_UserDefinedConversion,
                          clang::CK_LValueToRValue, clang::CK_DerivedToBase, clang::CK_UncheckedDerivedToBase});
    if (e == nullptr) return nullptr;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(ref->getDecl());
      return param != nullptr && param->getDeclContext() == &ctor ? param : nullptr;
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      if (construct->getNumArgs() == 0 || (!is_view(construct->getType()) && !contains_ref_view(construct->getType()))) {
        return nullptr;
      }
      return parameter_referred(construct->getArg(0), ctor, depth + 1);
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      // v.begin(), s.front(), the conversion s.operator std::string_view()
      const clang::Expr* object = call->getImplicitObjectArgument();
      if (object == nullptr || object->getType()->isPointerType() ||
          !(call->isGLValue() || is_view(call->getType()) || call->getType()->isPointerType())) {
        return nullptr;
      }
      return parameter_referred(object, ctor, depth + 1);
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
      if (member->isArrow() || field == nullptr || field->getType()->isReferenceType() ||
          field->getType()->isPointerType()) {
        return nullptr;
      }
      return parameter_referred(member->getBase(), ctor, depth + 1);
    }
    return nullptr;
  }

  /// The local a std::ref / std::cref / std::tie / std::forward_as_tuple
  /// call refers to, when that call's result becomes a part of the value `e`
  /// makes: through constructors of std classes (std::optional, std::pair,
  /// std::function, copies), aggregate initialisation, the std functions
  /// that store their arguments (std::make_pair, std::make_tuple,
  /// std::make_optional, std::bind, std::bind_front, std::bind_back) and a
  /// conditional. Anything else (a call computing a value from it, a
  /// user-defined conversion) ends the walk.
  static std::optional<Root> wrapped_reference_root(const clang::Expr* e, const Roots& roots, unsigned depth = 0) {
    if (depth > 16) return std::nullopt;
    e = skip_carriers(e, {clang::CK_NoOp, clang::CK_ConstructorConversion, clang::CK_DerivedToBase,
                          clang::CK_UncheckedDerivedToBase});
    if (e == nullptr) return std::nullopt;
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      if (auto root = wrapped_reference_root(conditional->getTrueExpr(), roots, depth + 1)) return root;
      return wrapped_reference_root(conditional->getFalseExpr(), roots, depth + 1);
    }
    if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
      for (const clang::Expr* init : list->inits()) {
        if (auto root = wrapped_reference_root(init, roots, depth + 1)) return root;
      }
      return std::nullopt;
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      const clang::CXXConstructorDecl* ctor = construct->getConstructor();
      if (ctor == nullptr || !(within_std(ctor->getDeclContext()) || ctor->isCopyOrMoveConstructor())) return std::nullopt;
      // std::pair<std::string, int>(std::cref(s), 1) copies s.
      if (!ctor->isCopyOrMoveConstructor() && !may_hold_reference(construct->getType())) return std::nullopt;
      // `RW{local}` with a std::reference_wrapper member: its converting
      // constructor refers to the object it is given, as std::cref would.
      if (!ctor->isCopyOrMoveConstructor() && is_wrapper(construct->getType()) && construct->getNumArgs() == 1 &&
          !is_wrapper(construct->getArg(0)->getType())) {
        std::optional<Root> root = roots.of_object(construct->getArg(0));
        if (root && root->kind == Root::local) return root;
        return std::nullopt;
      }
      for (const clang::Expr* arg : construct->arguments()) {
        if (auto root = wrapped_reference_root(arg, roots, depth + 1)) return root;
      }
      return std::nullopt;
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
    if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
        llvm::isa<clang::CXXMethodDecl>(callee)) {
      return std::nullopt;
    }
    const llvm::StringRef name = callee->getName();
    if (is_std_ref_call(call) || name == "tie" || name == "forward_as_tuple") {
      for (const clang::Expr* arg : call->arguments()) {
        std::optional<Root> root = is_view(arg->getType()) && is_std_ref_call(call) ? roots.of_view(arg) : roots.of_object(arg);
        if (root && root->kind == Root::local) return root;
      }
      return std::nullopt;
    }
    if (name == "make_pair" || name == "make_tuple" || name == "make_optional" || name == "bind" ||
        name == "bind_front" || name == "bind_back" || name == "move") {
      for (const clang::Expr* arg : call->arguments()) {
        if (auto root = wrapped_reference_root(arg, roots, depth + 1)) return root;
      }
    }
    return std::nullopt;
  }

  /// A std type that can keep a reference it is constructed from: a
  /// std::reference_wrapper or a reference element (std::optional<
  /// std::reference_wrapper<T>>, std::pair<const T&, int>), or a
  /// type-erased callable or thread holding whatever it is given.
  static bool may_hold_reference(clang::QualType type, unsigned depth = 0) {
    if (type.isNull() || depth > 6) return false;
    if (type->isReferenceType()) return true;
    const auto* record = type->getAsCXXRecordDecl();
    if (record == nullptr) return false;
    if (is_std_class(record, {"reference_wrapper", "function", "move_only_function", "thread", "jthread",
                              "packaged_task"})) {
      return true;
    }
    for (clang::QualType arg : std_type_arguments(type)) {
      if (may_hold_reference(arg, depth + 1)) return true;
    }
    return false;
  }

  /// std::vector<std::reference_wrapper<T>>, std::array<..., N>, ...
  static bool holds_reference_wrappers(clang::QualType type) {
    const auto* spec =
        llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
    if (spec == nullptr || !spec->isInStdNamespace() || spec->getTemplateArgs().size() == 0) return false;
    const clang::TemplateArgument& arg = spec->getTemplateArgs()[0];
    return arg.getKind() == clang::TemplateArgument::Type &&
           is_std_class(arg.getAsType()->getAsCXXRecordDecl(), {"reference_wrapper"});
  }

  /// `return out;` where `out` is a local container initialised or filled
  /// (push_back, emplace_back, insert, ...) with std::ref / std::cref of a
  /// local or by-value parameter: the local the first such element refers to.
  static std::optional<Root> container_root(const clang::Expr* value, const Roots& roots, const clang::FunctionDecl& fn) {
    const clang::Expr* e = value->IgnoreImplicit();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
        construct != nullptr && construct->getNumArgs() == 1 && construct->getConstructor()->isCopyOrMoveConstructor()) {
      e = construct->getArg(0)->IgnoreImplicit();
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
        var->getType()->isReferenceType() || ref->refersToEnclosingVariableOrCapture()) {
      return std::nullopt;
    }
    llvm::SmallVector<const clang::Expr*, 8> elements;
    if (var->getInit() != nullptr) collect_ref_calls(var->getInit(), elements);
    flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
      const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
      const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
      if (method == nullptr || method->getIdentifier() == nullptr) return false;
      const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(call->getImplicitObjectArgument()->IgnoreParenImpCasts());
      if (object == nullptr || object->getDecl() != var) return false;
      static const llvm::StringRef kFills[] = {"push_back", "emplace_back", "push_front", "emplace_front", "insert",
                                               "emplace"};
      if (std::find(std::begin(kFills), std::end(kFills), method->getName()) == std::end(kFills)) return false;
      for (const clang::Expr* arg : call->arguments()) collect_ref_calls(arg, elements);
      return false;
    });
    for (const clang::Expr* element : elements) {
      std::optional<Root> root = roots.of_view(element);
      if (root) return root;
    }
    return std::nullopt;
  }

  /// The std::ref / std::cref calls that become elements of a container
  /// made from `e`: the call itself, through copies, an initializer list,
  /// or a list-initialised container.
  static void collect_ref_calls(const clang::Expr* e, llvm::SmallVectorImpl<const clang::Expr*>& out, unsigned depth = 0) {
    if (e == nullptr || depth > 8) return;
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e); call != nullptr && is_std_ref_call(call)) {
      out.push_back(call);
      return;
    }
    if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(e)) {
      collect_ref_calls(list->getSubExpr(), out, depth + 1);
    } else if (const auto* init = llvm::dyn_cast<clang::InitListExpr>(e)) {
      for (const clang::Expr* element : init->inits()) collect_ref_calls(element, out, depth + 1);
    } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      // A copy of a reference_wrapper, or the container's list constructor.
      for (const clang::Expr* arg : construct->arguments()) collect_ref_calls(arg, out, depth + 1);
    }
  }

  /// A std::ranges::ref_view<T> anywhere in the type: a range adaptor over
  /// an lvalue range (`v | std::views::filter(...)`) views that range.
  /// (Over an rvalue it is an owning_view and owns it.)
  static bool contains_ref_view(clang::QualType type) {
    llvm::DenseMap<const clang::Type*, unsigned> searched;
    return contains_ref_view(type, 0, searched);
  }

  /// `searched`: the types searched already (and holding no ref_view), each
  /// with the least depth it was searched at. A type met again is not
  /// searched again, unless with more depth left: `F<B, B, B, B>` with `using
  /// B = F<A, A, A, A>` and so on names each type many times, and searching
  /// every mention is exponential in the nesting.
  static bool contains_ref_view(clang::QualType type, unsigned depth,
                                llvm::DenseMap<const clang::Type*, unsigned>& searched) {
    if (type.isNull() || depth > 8) return false;
    if (auto [seen, first] = searched.try_emplace(type.getTypePtr(), depth); !first) {
      if (seen->second <= depth) return false;
      seen->second = depth;
    }
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
    if (spec == nullptr) return false;
    if (spec->getIdentifier() != nullptr && spec->getName() == "ref_view") {
      const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(spec->getDeclContext());
      if (ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "ranges" && ns->isInStdNamespace()) return true;
    }
    for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
      if (arg.getKind() == clang::TemplateArgument::Type &&
          contains_ref_view(arg.getAsType().getCanonicalType(), depth + 1, searched)) {
        return true;
      }
    }
    return false;
  }

  static bool within_std(const clang::DeclContext* dc) {
    for (; dc != nullptr; dc = dc->getParent()) {
      if (dc->isStdNamespace()) return true;
    }
    return false;
  }

  /// The local (or by-value parameter) a range adaptor expression is built
  /// over: follows the range operand of `r | adaptor`, of a std::views
  /// call (`std::views::take(r, n)`), of a view constructor, and named
  /// local views back to their initialisers. Reference parameters,
  /// members, temporaries (owning_view): nothing.
  static std::optional<Root> range_root(const clang::Expr* e, unsigned depth = 0) {
    if (depth > 24) return std::nullopt;
    e = skip_carriers(e, {clang::CK_NoOp, clang::CK_LValueToRValue, clang::CK_DerivedToBase,
                          clang::CK_UncheckedDerivedToBase, clang::CK_ConstructorConversion,
                          clang::CK_UserDefinedConversion});
    if (e == nullptr) return std::nullopt;
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      // A copy or move of the view, take_view(r, n), ref_view(r).
      if (construct->getNumArgs() == 0 || !within_std(construct->getConstructor()->getDeclContext())) return std::nullopt;
      return range_root(construct->getArg(0), depth + 1);
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      const clang::FunctionDecl* callee = op->getDirectCallee();
      if (callee == nullptr || !within_std(callee->getDeclContext())) return std::nullopt;
      if (op->getOperator() == clang::OO_Pipe && op->getNumArgs() == 2) return range_root(op->getArg(0), depth + 1);
      if (op->getOperator() == clang::OO_Call && op->getNumArgs() >= 2) return range_root(op->getArg(1), depth + 1);
      return std::nullopt;
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      if (var == nullptr || !var->hasLocalStorage() || var->getType()->isReferenceType() ||
          ref->refersToEnclosingVariableOrCapture()) {
        return std::nullopt;
      }
      if (contains_ref_view(var->getType().getCanonicalType())) {
        // A named view: what it was made from (a view parameter views the
        // caller's range).
        if (llvm::isa<clang::ParmVarDecl>(var) || var->getInit() == nullptr) return std::nullopt;
        return range_root(var->getInit(), depth + 1);
      }
      return Root{Root::local, ref, var, false};
    }
    return std::nullopt;
  }

  /// `static int& r = k;`, `static std::string_view v = s;`, `static const
  /// char* p = buf;`: a static local bound, on the first call, to a local
  /// or parameter of that call, which is gone when it returns; every later
  /// call uses the dangling static. True when reported.
  bool check_static_binding(const clang::VarDecl& var, const clang::Expr* init, RuleContext& ctx) {
    const clang::QualType type = var.getType();
    Roots roots = local_roots();
    roots.checking = &var;
    std::optional<Root> root = type->isReferenceType()                               ? roots.of_object(init)
                               : is_view(type)                                       ? roots.of_view(init)
                               : type->isPointerType() && !type->isFunctionPointerType() ? roots.of_address(init)
                                                                                     : std::nullopt;
    if (!root || root->kind != Root::local || root->var == nullptr || root->var->hasGlobalStorage() ||
        root->var == &var) {
      return false;
    }
    if (!reported_.insert(var.getLocation()).second) return true;
    const std::string name = root->binding != nullptr ? root->binding->getNameAsString() : root->var->getNameAsString();
    const std::string what = llvm::isa<clang::ParmVarDecl>(root->var) ? "parameter '" + name + "'"
                                                                      : "local variable '" + name + "'";
    ctx.report.error(var.getLocation(), kName,
                     "static '" + var.getNameAsString() + "' is bound to " + what +
                         " of the first call, which is destroyed when that call returns, so every later call uses a "
                         "dangling static; make it a plain local, or keep a copy (a value, not a reference, view or "
                         "pointer)");
    ctx.report.note(root->var->getLocation(), "'" + name + "' is declared here");
    return true;
  }

  /// `p = &x;`, `*out = buf;`, `g_name = s.c_str();`: a raw pointer made to
  /// point into a temporary (dangling from the next statement), or into a
  /// local of this function while the pointer outlives it: a global or
  /// static (CERT DCL30-C), an out-parameter (`char** out`, `int*& out`), a
  /// pointer of an outer block used after the local's block ends.
  void check_pointer_store(const clang::BinaryOperator& assign, RuleContext& ctx) {
    const clang::Expr* target = assign.getLHS();
    if (auto root = Roots{}.of_address(assign.getRHS())) {
      report_binding(assign.getOperatorLoc(), "'" + pointer_name(target, ctx) + "'", *root, ctx);
      return;
    }
    std::optional<Root> local = local_roots().of_address(assign.getRHS());
    if (!local || local->kind != Root::local || local->var == nullptr) return;
    // `ctx->cur = &item; work(ctx); ctx->cur = nullptr;`: pointed elsewhere
    // again before the function is left (on the straight path).
    const bool outliving = out_parameter(target) != nullptr || stored_beyond_call(target);
    if (outliving && assigned_again_later(target, assign, ctx)) return;
    if (check_global_store(target, *local, assign.getOperatorLoc(), ctx)) return;
    check_inner_scope(target, *local, assign.getOperatorLoc(), ctx);
  }

  /// A global, a static or (a part of) a member of this object.
  static bool stored_beyond_call(const clang::Expr* target) {
    const clang::Expr* bare = target->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(bare)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      return var != nullptr && var->hasGlobalStorage();
    }
    return llvm::isa<clang::MemberExpr>(bare) && Roots::is_part_of_this(bare);
  }

  /// Two lvalues naming one pointer object: `p`, `bar->cur`, `this->cur_`,
  /// `*out`.
  static bool same_pointer_object(const clang::Expr* a, const clang::Expr* b) {
    const auto* da = llvm::dyn_cast<clang::UnaryOperator>(a->IgnoreParenImpCasts());
    const auto* db = llvm::dyn_cast<clang::UnaryOperator>(b->IgnoreParenImpCasts());
    if (da != nullptr && db != nullptr && da->getOpcode() == clang::UO_Deref && db->getOpcode() == clang::UO_Deref) {
      return same_object(da->getSubExpr(), db->getSubExpr());
    }
    return da == nullptr && db == nullptr && same_object(a, b);
  }

  /// Is `target` assigned again after `assign`, in the same function and not
  /// in a lambda?
  static bool assigned_again_later(const clang::Expr* target, const clang::BinaryOperator& assign, RuleContext& ctx) {
    const clang::FunctionDecl* fn = ctx.enclosing_function();
    if (fn == nullptr || fn->getBody() == nullptr) return false;
    const clang::SourceManager& sm = ctx.sources();
    bool again = false;
    llvm::SmallVector<const clang::Stmt*, 64> stack{fn->getBody()};
    while (!stack.empty() && !again) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) continue;
      if (const auto* other = llvm::dyn_cast<clang::BinaryOperator>(s);
          other != nullptr && other != &assign && other->getOpcode() == clang::BO_Assign &&
          sm.isBeforeInTranslationUnit(assign.getBeginLoc(), other->getBeginLoc()) &&
          same_pointer_object(target, other->getLHS())) {
        again = true;
      }
      for (const clang::Stmt* child : s->children()) stack.push_back(child);
    }
    return again;
  }

  /// What code calls the pointer assigned: `p`, `out->name`, `*out`.
  static std::string pointer_name(const clang::Expr* target, const RuleContext& ctx) {
    const llvm::StringRef text = clang::Lexer::getSourceText(
        clang::CharSourceRange::getTokenRange(target->IgnoreParenImpCasts()->getSourceRange()), ctx.sources(), ctx.lang());
    return text.empty() || text.size() > 40 ? std::string("the pointer") : text.str();
  }

  /// `g = &local;` with `g` a global, a static member or a static local, or
  /// `cur_ = &local;` with `cur_` a member of this object: it keeps the
  /// address after the function returns. True when reported.
  bool check_global_store(const clang::Expr* target, const Root& root, clang::SourceLocation loc, RuleContext& ctx) {
    const clang::Expr* bare = target->IgnoreParenImpCasts();
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(bare);
    const clang::ValueDecl* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    const char* kind = nullptr;
    if (var != nullptr && llvm::cast<clang::VarDecl>(var)->hasGlobalStorage()) {
      kind = llvm::cast<clang::VarDecl>(var)->isStaticLocal() ? "static" : "global";
    } else if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(bare);
               member != nullptr && llvm::isa<clang::FieldDecl>(member->getMemberDecl()) && Roots::is_part_of_this(bare)) {
      var = member->getMemberDecl();  // cur_ = &local, links_.head = &local: the object outlives the call
      kind = "member";
    }
    if (kind == nullptr || root.var->hasGlobalStorage()) return false;
    if (is_shared_owner(root.var->getType()) || !reported_.insert(loc).second) return true;
    const std::string name = root.binding != nullptr ? root.binding->getNameAsString() : root.var->getNameAsString();
    const std::string what = llvm::isa<clang::ParmVarDecl>(root.var) ? "by-value parameter '" + name + "'"
                                                                      : "local variable '" + name + "'";
    ctx.report.error(loc, kName,
                     std::string(kind) + " '" +
                         (llvm::StringRef(kind) == "member" ? pointer_name(target, ctx) : var->getNameAsString()) +
                         "' is made to point to " + what +
                         ", which is destroyed when the function returns, so it dangles from then on; keep a copy of "
                         "the data instead (a std::string / std::vector), or point it at data with static storage");
    ctx.report.note(root.binding != nullptr ? root.binding->getLocation() : root.var->getLocation(),
                    "'" + name + "' is declared here");
    return true;
  }

  /// A std::initializer_list member owns nothing: its backing array is a
  /// temporary of the full-expression that made the list (`C() : l{1, 2}`,
  /// or the caller's `C c({1, 2});` handing it to `C(std::initializer_list<int>
  /// l) : l_(l)`), gone once the object is constructed.
  void report_initializer_list_member(const clang::FieldDecl& field, RuleContext& ctx) {
    if (!reported_.insert(field.getLocation()).second) return;
    ctx.report.error(field.getLocation(), kName,
                     "member '" + field.getNameAsString() +
                         "' is a std::initializer_list, whose backing array is a temporary destroyed at the end of "
                         "the full-expression that made it, so the member dangles once the object is constructed; "
                         "store the elements in a std::vector (or a std::array)");
  }

  /// `std::function<const int&(const int&)> fn = [](const int& j) { return
  /// j; };`: the wrapper returns a reference, the callable a value, so every
  /// call binds the reference to a temporary holding that value, destroyed
  /// before the caller reads it. Only where the value is the referenced type
  /// itself or a scalar converted to it (a class value may convert to a
  /// reference that is not its own, as std::reference_wrapper does).
  void check_function_wrapper(clang::QualType wrapper, const clang::Expr* callable, RuleContext& ctx) {
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
        wrapper.isNull() ? nullptr : wrapper.getNonReferenceType()->getAsCXXRecordDecl());
    if (spec == nullptr || !is_std_class(spec, {"function", "move_only_function"}) || callable->isTypeDependent() ||
        spec->getTemplateArgs().size() != 1 || spec->getTemplateArgs()[0].getKind() != clang::TemplateArgument::Type) {
      return;
    }
    const auto* signature = spec->getTemplateArgs()[0].getAsType()->getAs<clang::FunctionProtoType>();
    if (signature == nullptr || !signature->getReturnType()->isReferenceType()) return;
    const clang::QualType referee = signature->getReturnType().getNonReferenceType();
    const clang::FunctionDecl* callee = nullptr;
    const clang::QualType returned = callable_result(callable, callee);
    if (returned.isNull() || returned->isReferenceType() || returned->isDependentType() || returned->isVoidType()) return;
    const bool same = returned.getUnqualifiedType().getCanonicalType() == referee.getUnqualifiedType().getCanonicalType();
    if (!same && !returned->isScalarType()) return;
    if (!reported_.insert(callable->getExprLoc()).second) return;
    ctx.report.error(callable->getExprLoc(), kName,
                     "this std::function returns '" + signature->getReturnType().getAsString() +
                         "' but the callable it is given returns '" + returned.getAsString() +
                         "' by value, so every call returns a reference to a temporary destroyed before the caller "
                         "reads it; make the std::function return '" + referee.getUnqualifiedType().getAsString() +
                         "' by value, or have the callable return a reference")
        << callable->getSourceRange();
    if (callee != nullptr) ctx.report.note(callee->getLocation(), "the callable's call operator is declared here");
  }

  /// What a call of `callable` (a lambda or a class with one non-template
  /// operator(), a function or a function pointer) returns; null when that
  /// cannot be told (a generic lambda, overloads).
  static clang::QualType callable_result(const clang::Expr* callable, const clang::FunctionDecl*& callee) {
    clang::QualType type = callable->getType().getNonReferenceType();
    if (const auto* pointer = type->getAs<clang::PointerType>()) type = pointer->getPointeeType();
    if (const auto* function = type->getAs<clang::FunctionProtoType>()) return function->getReturnType();
    const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
    record = record != nullptr ? record->getDefinition() : nullptr;
    if (record == nullptr) return {};
    const clang::CXXMethodDecl* call = nullptr;
    if (record->isLambda()) {
      if (record->isGenericLambda()) return {};
      call = record->getLambdaCallOperator();
    } else {
      for (const clang::CXXMethodDecl* method : record->methods()) {
        if (method->getOverloadedOperator() != clang::OO_Call) continue;
        if (call != nullptr) return {};  // overloads
        call = method;
      }
      // (a template operator() is no CXXMethodDecl of methods(): not found)
    }
    if (call == nullptr) return {};
    callee = call;
    return call->getReturnType();
  }

  void report_binding(clang::SourceLocation loc, const std::string& what, const Root& root, RuleContext& ctx) {
    if (!reported_.insert(loc).second) return;
    if (root.kind == Root::local) return;  // locals outlive what is bound to them in the same scope
    std::string message = what + " refers to a temporary that is destroyed at the end of the full-expression, so it "
                                 "dangles from the next statement on; ";
    if (root.conservative) {
      message += "the function may return (a view of) its temporary argument; ";
    }
    message += "keep a value instead (std::string / std::vector / auto, not a reference or view), or store the "
               "temporary in a named variable first";
    ctx.report.error(loc, kName, message);
    ctx.report.note(root.expr->getExprLoc(), "the temporary is created here");
  }

  std::set<clang::SourceLocation> reported_;
  std::set<clang::SourceLocation> returns_reported_;  // returns reported, across instantiations of a template
  std::vector<const clang::CXXRecordDecl*> records_;  // class definitions of service code, for MemberViews
  std::set<clang::SourceLocation> classes_reported_;  // self-viewing classes reported for their copies

  friend std::optional<Root> held_root_of(const clang::Expr* e, clang::QualType slot, const Roots& roots);
};

std::optional<Root> held_root_of(const clang::Expr* e, clang::QualType slot, const Roots& roots) {
  return Dangling::held_root(e, slot, roots);
}

}  // namespace

std::unique_ptr<Rule> make_Dangling() { return std::make_unique<Dangling>(); }

}  // namespace meshwa::rules
