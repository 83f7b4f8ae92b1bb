// Collecting what to track: the local variables that are handles into a
// container (also a range-for's implicit iterators), where each was taken,
// the constant key it was looked up with, the iterator it was taken through,
// local holders of views; and references to elements looked up by runtime
// keys, which may alias (`auto& ea = adj_[a]; auto& eb = adj_[b];`).

#include <cstdint>
#include <iterator>
#include <optional>
#include <set>
#include <string>

#include <cstdint>

#include "IteratorInvalidation.h"
#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringSwitch.h"

namespace meshwa::rules::iterator_invalidation {

namespace {

/// The type of the elements a container or owner holds, as it declares it
/// (`value_type`: a std::stack<Marker*>'s Marker*, a map's pair<const K,
/// V>; `element_type` of a smart pointer); null when it declares neither.
clang::QualType element_type_of(clang::QualType container, const clang::ASTContext& ast) {
  const clang::CXXRecordDecl* record = container.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || !record->hasDefinition()) return {};
  for (const llvm::StringRef name : {"value_type", "element_type"}) {
    for (const clang::NamedDecl* found : record->lookup(&ast.Idents.get(name))) {
      if (const auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(found)) return alias->getUnderlyingType();
    }
  }
  return {};
}

/// May an object of type `target` lie inside an object of type `held`, or
/// in memory that `held` owns? Yes when they are the same type, `target`
/// is a byte type (or void: it may point anywhere), or `held` has a base,
/// member or array element that may hold it; and whenever `held` has a
/// destructor of its own making (std::string, std::vector, a class that
/// deletes what its pointers point to): it may own anything. A raw pointer,
/// a number or a class destroyed trivially owns nothing it points to: a
/// std::stack<Marker*> holds pointers, and popping one leaves the Marker.
bool may_hold(clang::QualType held, clang::QualType target, const clang::ASTContext& ast, int depth = 0) {
  if (held.isNull() || target.isNull() || depth > 8) return true;
  held = held.getCanonicalType().getUnqualifiedType();
  target = target.getCanonicalType().getUnqualifiedType();
  if (held->isDependentType() || target->isDependentType() || target->isVoidType() || target->isCharType() ||
      target->isStdByteType() || ast.hasSameType(held, target)) {
    return true;
  }
  if (const clang::ArrayType* array = ast.getAsArrayType(held)) {
    return may_hold(array->getElementType(), target, ast, depth + 1);
  }
  const clang::CXXRecordDecl* record = held->getAsCXXRecordDecl();
  if (record == nullptr) return false;  // a pointer, a number, an enum
  // A standard container or std::string owns its elements and the library's
  // own nodes, nothing else: a `std::string` owns chars, so an `App*` that
  // `find_subcommand(args.back())` returns is not into a vector of strings
  // (CLI11). Its elements may own more in turn.
  if (is_std_class(record, {"basic_string", "vector", "deque", "list", "forward_list", "array", "optional", "set",
                            "multiset", "map", "multimap", "unordered_set", "unordered_multiset", "unordered_map",
                            "unordered_multimap", "stack", "queue", "priority_queue"})) {
    const clang::QualType element = element_type_of(held, ast);
    if (!element.isNull()) return may_hold(element, target, ast, depth + 1);
  }
  if (!record->hasDefinition() || !record->hasTrivialDestructor()) return true;
  const clang::CXXRecordDecl* def = record->getDefinition();
  for (const clang::CXXBaseSpecifier& base : def->bases()) {
    if (may_hold(base.getType(), target, ast, depth + 1)) return true;
  }
  for (const clang::FieldDecl* field : def->fields()) {
    if (may_hold(field->getType(), target, ast, depth + 1)) return true;
  }
  return false;
}

/// May a reference or raw pointer of type `handle` refer into the elements
/// of `container` (or what they own)? Not when its referee's type can be
/// none of that: `const Marker& m = *markers.top();` of a
/// std::stack<Marker*> refers to the pointee, which pop() leaves alone.
/// Other handles, and containers that do not say what they hold, may.
bool may_refer_into(clang::QualType handle, clang::QualType container, clang::ASTContext& ast) {
  clang::QualType target;
  if (handle->isReferenceType()) {
    target = handle.getNonReferenceType();
  } else if (handle->isPointerType()) {
    target = handle->getPointeeType();
  } else {
    return true;
  }
  const clang::QualType element = element_type_of(container, ast);
  return element.isNull() || may_hold(element, target, ast);
}

}  // namespace

/// `site` is where the handle is (re)made: the variable itself for its
/// declaration, the assignment expression for an assignment.
/// The kind of handle a std container's elements are, when they are views
/// or std::reference_wrappers (`std::vector<std::string_view>`,
/// `std::deque<std::reference_wrapper<User>>`); none otherwise.
Handle Analysis::held_handle(clang::QualType type) {
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (!is_std_class(record, {"vector", "deque", "list", "forward_list", "set", "multiset", "unordered_set",
                             "unordered_multiset"})) {
    return Handle::none;
  }
  const clang::QualType element_type = first_type_argument(record);
  if (element_type.isNull()) return Handle::none;
  const Handle element = handle_kind(element_type);
  return element == Handle::view || element == Handle::wrapper ? element : Handle::none;
}

/// The member functions that add an element to a container.
bool Analysis::fills_holder(const clang::CXXMethodDecl& method) {
  return method.getIdentifier() != nullptr && llvm::StringSwitch<bool>(method.getName())
                                                  .Cases("push_back", "emplace_back", "push_front", "emplace_front", true)
                                                  .Cases("insert", "emplace", true)
                                                  .Default(false);
}

/// `views.push_back(n)` with `n` an element of `names`: a local container
/// of views or std::reference_wrappers filled with handles into another
/// container holds handles into it, and reading it after that container
/// changed reads through them. Only containers that were there before the
/// holder (parameters, members, locals declared earlier): a view of a
/// local of an inner block is meshwa-dangling's.
void Analysis::note_holder_fill(const clang::CXXMemberCallExpr& call) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  const clang::Expr* object = call.getImplicitObjectArgument();
  if (method == nullptr || object == nullptr || method->getIdentifier() == nullptr) return;
  const bool insertion = fills_holder(*method);
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
  const auto* holder = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (!insertion || holder == nullptr || !holder->hasLocalStorage() || holder->getType()->isReferenceType() ||
      llvm::isa<clang::ParmVarDecl>(holder) || ref->refersToEnclosingVariableOrCapture()) {
    return;
  }
  const Handle element = held_handle(holder->getType());
  if (element == Handle::none) return;
  std::set<Path> from;
  for (const clang::Expr* arg : call.arguments()) {
    // `auto& r = v; views.push_back(r);`: what the view variable `v` views.
    if (!copies_held_view(arg)) sources_of(flow::past_copies_and_local_references(arg), from);
  }
  const clang::SourceManager& sm = ctx_.sources();
  for (auto it = from.begin(); it != from.end();) {
    const auto* root = llvm::dyn_cast<clang::VarDecl>(it->front());
    const bool later = root != nullptr && !llvm::isa<clang::ParmVarDecl>(root) && root->hasLocalStorage() &&
                       !sm.isBeforeInTranslationUnit(root->getLocation(), holder->getLocation());
    it = later || root == holder ? from.erase(it) : std::next(it);
  }
  if (from.empty()) return;
  derived_[holder].insert(from.begin(), from.end());
  holders_.insert(holder);
  origins_.try_emplace(holder, call.getBeginLoc());
  if (slot_index_.try_emplace(holder, static_cast<unsigned>(tracked_.size())).second) {
    tracked_.push_back({holder, element, nullptr});
  }
}

/// `views.push_back(v)` with `v` a view kept somewhere else (`for (const
/// auto& v : other_views)`, `other_views[i]`): the copy views what the
/// kept view views, not the container it was kept in. A view variable of
/// its own (`std::string_view v = s;`) is followed as usual, also named
/// through a local reference to it (`auto& r = v; views.push_back(r);`).
bool Analysis::copies_held_view(const clang::Expr* arg) {
  const clang::Expr* e = flow::past_copies_and_local_references(arg);
  const Handle kind = handle_kind(e->getType().getNonReferenceType());
  if (kind != Handle::view && kind != Handle::wrapper) return false;  // an owner converted to a view
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  if (ref == nullptr) return e->isGLValue();  // other_views[i], *it, other_views.front()
  const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
  return var != nullptr && var->getType()->isReferenceType();
}

/// A use of a holder of views (see note_holder_fill) that reads none of
/// them: `views.size()`, `views.empty()`, `views.clear()`, `views.push_back(x)`.
bool Analysis::holder_use_reads_no_element(const clang::DeclRefExpr& ref) const {
  const clang::Stmt* at = &ref;
  const clang::Stmt* parent = parents_.getParent(at);
  while (parent != nullptr && llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr>(parent)) {
    at = parent;
    parent = parents_.getParent(at);
  }
  const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent);
  const auto* call = member != nullptr ? llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(parents_.getParent(member))
                                       : nullptr;
  const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
  if (method == nullptr || method->getIdentifier() == nullptr) return false;
  return llvm::StringSwitch<bool>(method->getName())
      .Cases("size", "empty", "capacity", "max_size", "clear", "reserve", true)
      .Cases("push_back", "emplace_back", "push_front", "emplace_front", true)
      .Default(false);
}

void Analysis::derive(const clang::VarDecl* var, const clang::Expr* init, const clang::CXXForRangeStmt* range_for,
                      const void* site) {
  if (var == nullptr || init == nullptr || var->isStaticLocal()) return;
  // `auto [it, inserted] = m.emplace(k, v);`: `it` is an iterator into m.
  const Handle handle = llvm::isa<clang::DecompositionDecl>(var) && is_insert_result(var->getType())
                            ? Handle::iterator
                            : handle_kind(var->getType());
  note_element_reference(var, init);
  // A reference straight to a container is another name for it, also when
  // an accessor hands it out (`auto& al = sub->get_aliases();`).
  if (var->getType()->isReferenceType()) {
    Path p = container_path(init);
    if (p.empty()) p = accessor_container(init);
    if (!p.empty() && kind_of(p.back()) != Kind::none) {
      aliases_[var] = p;
      return;
    }
  }
  if (handle == Handle::none) return;
  if (!var->getType()->isReferenceType() && copies_stored_handle(init, var->getType())) return;
  std::set<Path> from;
  sources_of(init, from);
  // A handle is not into itself: `cur = slot.get();` then, next time round,
  // `auto& slot = cur->children[c];` derives `slot` from what `cur` came
  // from, `slot`. Assigning through `slot` changes the element `slot` is,
  // not where `slot` refers.
  for (auto it = from.begin(); it != from.end();) it = it->front() == var ? from.erase(it) : std::next(it);
  // Nor into a container whose elements cannot hold what it refers to.
  for (auto it = from.begin(); it != from.end();) {
    it = !may_refer_into(var->getType(), it->back()->getType(), ctx_.ast) ? from.erase(it) : std::next(it);
  }
  note_site(var, init, site);
  // What is taken through an iterator is tracked even when the iterator's
  // container is not known (a list iterator kept as a map value): erasing
  // that iterator destroys it.
  const std::optional<IteratorName> through =
      handle != Handle::iterator ? dereferenced_iterator(init) : std::nullopt;
  if (from.empty() && !through) return;
  deriving_sites_.insert({var, site});
  derived_[var].insert(from.begin(), from.end());
  if (through_owning_pointer(init)) pointees_.insert(var);
  if (through) through_.try_emplace(var, *through);
  origins_.try_emplace(var, init->IgnoreImplicit()->getBeginLoc());
  note_lookup_key(var, init);
  if (slot_index_.try_emplace(var, static_cast<unsigned>(tracked_.size())).second) {
    tracked_.push_back({var, handle, range_for});
  }
}

/// `init` copies a handle kept as an element (`auto node = index_.at(key)`
/// or `it->second` when an LRU keeps list iterators as map values): the
/// copy refers to wherever the stored one does, not into the container
/// holding it. A copy of a variable (`auto it2 = it`) is derived from it.
bool Analysis::copies_stored_handle(const clang::Expr* init, clang::QualType type) const {
  const clang::Expr* e = flow::past_copies(init);
  if (!e->isGLValue() || llvm::isa<clang::DeclRefExpr>(e)) return false;
  return ctx_.ast.hasSameUnqualifiedType(e->getType().getNonReferenceType(), type.getNonReferenceType());
}

/// `init` reaches its object through an owning pointer (`*v.front()`,
/// `(*it)->name`, `m.at(k).get()`) or through a handle that did: what it
/// refers to is the pointee, which moving the pointer (a vector relocating
/// its elements) leaves in place.
bool Analysis::through_owning_pointer(const clang::Expr* init) const {
  const clang::Expr* e = init;
  for (int depth = 0; depth < 16 && e != nullptr; ++depth) {
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      e = member->getBase();
    } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e);
               unary != nullptr && (unary->getOpcode() == clang::UO_AddrOf || unary->getOpcode() == clang::UO_Deref)) {
      // `&p->name`, and `*app.add("a")` of a raw pointer that an accessor
      // returned from an owning one (`return options_.back().get();`).
      e = unary->getSubExpr();
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      if ((op->getOperator() != clang::OO_Star && op->getOperator() != clang::OO_Arrow) || op->getNumArgs() != 1) {
        return false;
      }
      if (owns_pointee(op->getArg(0)->IgnoreImpCasts()->getType())) return true;
      e = op->getArg(0);
    } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::Expr* object = call->getImplicitObjectArgument();
      if (object == nullptr) return false;
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method != nullptr && method->getIdentifier() != nullptr && method->getName() == "get" &&
          owns_pointee(object->IgnoreImpCasts()->getType())) {
        return true;
      }
      if (accessor_returns_pointee(method)) return true;  // Plugin& first() { return *plugins_.front(); }
      e = object;
    } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e); construct != nullptr &&
               construct->getNumArgs() == 1) {
      e = construct->getArg(0);
    } else if (const clang::Expr* referee = ref_argument(e)) {
      e = referee;  // std::ref(*v.front())
    } else if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      // auto& p = *v.front(); auto& name = p.name;
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      return var != nullptr && pointees_.count(var) != 0;
    } else {
      return false;
    }
  }
  return false;
}

/// The argument of std::ref(x) / std::cref(x), else nullptr.
const clang::Expr* Analysis::ref_argument(const clang::Expr* e) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
      (callee->getName() != "ref" && callee->getName() != "cref") || call->getNumArgs() != 1) {
    return nullptr;
  }
  return call->getArg(0);
}

/// A member function with a visible body that returns what an owning
/// pointer owns (accessor_sources finds the container it comes from).
bool Analysis::accessor_returns_pointee(const clang::CXXMethodDecl* method) const {
  const clang::FunctionDecl* definition = definition_with_body(method);
  if (method == nullptr || method->isInStdNamespace() || definition == nullptr ||
      accessor_depth_ >= kMaxCallDepth) {
    return false;
  }
  const Analysis& body = accessor_analysis(*definition);
  bool found = false;
  walk(definition->getBody(), [&](const clang::Stmt& s) {
    if (found || llvm::isa<clang::LambdaExpr>(s)) return true;
    const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s);
    found = ret != nullptr && ret->getRetValue() != nullptr && body.through_owning_pointer(ret->getRetValue());
    return false;
  });
  return found;
}

/// The iterator whose element `init` refers to: *it, it->second, &it->name,
/// (*it).first, and *it->second / *entry.node for an iterator kept in an
/// element or a local. Only a dereference of the iterator itself counts:
/// *std::next(it) is another element.
std::optional<IteratorName> Analysis::dereferenced_iterator(const clang::Expr* init) {
  const clang::Expr* e = init;
  for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (const auto* arrow = llvm::dyn_cast<clang::CXXOperatorCallExpr>(member->getBase()->IgnoreImplicit());
          arrow != nullptr && arrow->getOperator() == clang::OO_Arrow && arrow->getNumArgs() == 1) {
        e = arrow->getArg(0);
        break;
      }
      e = member->getBase();
    } else if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op != nullptr && op->getOpcode() == clang::UO_AddrOf) {
      e = op->getSubExpr();
    } else if (const auto* star = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
               star != nullptr && star->getOperator() == clang::OO_Star && star->getNumArgs() == 1) {
      e = star->getArg(0);
      break;
    } else if (const auto* conversion = llvm::dyn_cast<clang::CXXMemberCallExpr>(e);
               conversion != nullptr && llvm::isa_and_nonnull<clang::CXXConversionDecl>(conversion->getMethodDecl())) {
      // `User& u = *it` over std::reference_wrapper<User> elements: the
      // referee is no element.
      if (is_reference_wrapper(conversion->getImplicitObjectArgument()->getType())) return std::nullopt;
      e = conversion->getImplicitObjectArgument();  // std::string_view k = it->first
    } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
               construct != nullptr && construct->getNumArgs() == 1) {
      e = construct->getArg(0);  // std::string_view k(it->first), std::span s(it->second)
    } else {
      return std::nullopt;
    }
  }
  return iterator_name(e);
}

/// `it`, `it->second` or `entry.node` as an iterator is named (through the
/// copy into a by-value parameter), or nothing.
std::optional<IteratorName> Analysis::iterator_name(const clang::Expr* e) {
  for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
        construct != nullptr && construct->getNumArgs() == 1) {
      e = construct->getArg(0);
      continue;
    }
    break;
  }
  if (e == nullptr) return std::nullopt;
  const clang::ValueDecl* field = nullptr;
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    field = member->getMemberDecl();
    e = member->getBase()->IgnoreImplicit()->IgnoreParens();
    if (const auto* arrow = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
        arrow != nullptr && arrow->getOperator() == clang::OO_Arrow && arrow->getNumArgs() == 1) {
      e = arrow->getArg(0)->IgnoreImplicit()->IgnoreParens();
    } else if (member->isArrow()) {
      return std::nullopt;
    }
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr) return std::nullopt;
  return IteratorName{var, field};
}

/// Remembers the constant key `var` was looked up with (m.at(1),
/// m.find("a"), m[2]); a variable derived in any other way, or with two
/// different keys, has no known key.
void Analysis::note_lookup_key(const clang::VarDecl* var, const clang::Expr* init) {
  std::optional<std::string> key;
  const clang::Expr* e = init->IgnoreImplicit();
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e); construct != nullptr && construct->getNumArgs() == 1) {
    e = construct->getArg(0)->IgnoreImplicit();  // a view converted from the element
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method != nullptr && method->getIdentifier() != nullptr && call->getNumArgs() == 1 &&
        llvm::StringSwitch<bool>(method->getName())
            .Cases("at", "find", "lower_bound", "upper_bound", "equal_range", true)
            .Default(false)) {
      key = lookup_key(call->getArg(0));
    }
  } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
             op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2) {
    key = lookup_key(op->getArg(1));
  }
  auto [it, inserted] = keys_.try_emplace(var, key);
  if (!inserted && it->second != key) it->second.reset();
}

/// A key two lookups can be told apart by without running the code: a
/// constant (constant_key: "i:3", "s:name"), or a variable the function only
/// reads plus a constant (`k`, `k + 1`, `k - 2`: "v:<k>:<offset>"), so that
/// `m[k]` and `m.erase(k + 1)` are different elements.
std::optional<std::string> Analysis::lookup_key(const clang::Expr* e) const {
  if (std::optional<std::string> constant = constant_key(e, ctx_.ast)) return constant;
  if (e == nullptr || accessor_depth_ > 0) return std::nullopt;  // (no ParentMap there)
  // The key as the container takes it: no narrower than the sum (a
  // std::map<std::uint8_t, T> would make `k + 256` the key `k`).
  const clang::Expr* as_key = e->IgnoreParens();
  while (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(as_key)) {
    as_key = temporary->getSubExpr()->IgnoreParens();
  }
  const clang::QualType key_type = as_key->getType().getNonReferenceType();
  e = e->IgnoreParenImpCasts();
  if (e->isValueDependent() || !e->getType()->isIntegralOrEnumerationType() ||
      !key_type->isIntegralOrEnumerationType() || key_type->isDependentType() ||
      ctx_.ast.getTypeSize(key_type) < ctx_.ast.getTypeSize(e->getType())) {
    return std::nullopt;
  }
  int64_t offset = 0;
  const clang::Expr* base = e;
  if (const auto* sum = llvm::dyn_cast<clang::BinaryOperator>(e);
      sum != nullptr && (sum->getOpcode() == clang::BO_Add || sum->getOpcode() == clang::BO_Sub)) {
    clang::Expr::EvalResult constant;
    const bool right = sum->getRHS()->EvaluateAsInt(constant, ctx_.ast);
    if (right) {
      base = sum->getLHS()->IgnoreParenImpCasts();
    } else if (sum->getOpcode() == clang::BO_Add && sum->getLHS()->EvaluateAsInt(constant, ctx_.ast)) {
      base = sum->getRHS()->IgnoreParenImpCasts();
    } else {
      return std::nullopt;
    }
    if (constant.Val.getInt().getSignificantBits() > 32) return std::nullopt;
    offset = constant.Val.getInt().getExtValue();
    if (sum->getOpcode() == clang::BO_Sub) offset = -offset;
  }
  const clang::VarDecl* var = flow::variable_named(base);
  if (var == nullptr || !read_only_variable(var)) return std::nullopt;
  return "v:" + std::to_string(reinterpret_cast<std::uintptr_t>(var)) + ":" + std::to_string(offset);
}

/// A local or parameter (not a reference) every mention of which in the
/// function is a read of its value: nothing assigns, increments, binds a
/// reference to, takes the address of or captures it by reference.
bool Analysis::read_only_variable(const clang::VarDecl* var) const {
  if (!var->hasLocalStorage() || var->getType()->isReferenceType() || var->getType().isVolatileQualified() ||
      !var->getType()->isIntegralOrEnumerationType()) {
    return false;
  }
  auto [it, fresh] = read_only_.try_emplace(var, false);
  if (!fresh) return it->second;
  it->second = !flow::contains(fn_.getBody(), [&](const clang::Stmt& s) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
    if (ref == nullptr || ref->getDecl() != var) return false;
    const clang::Stmt* child = ref;
    const clang::Stmt* parent = parents_.getParent(ref);
    while (llvm::isa_and_nonnull<clang::ParenExpr>(parent) ||
           (llvm::isa_and_nonnull<clang::ImplicitCastExpr>(parent) &&
            llvm::cast<clang::ImplicitCastExpr>(parent)->getCastKind() == clang::CK_NoOp &&
            llvm::cast<clang::ImplicitCastExpr>(parent)->getType().isConstQualified())) {
      parent = parents_.getParent(child = parent);
    }
    if (const auto* read = llvm::dyn_cast_or_null<clang::ImplicitCastExpr>(parent)) {
      return read->getCastKind() != clang::CK_LValueToRValue;
    }
    return !bound_to_const_reference(parent, child);
  });
  return it->second;
}

/// `m[k]`, `m.find(k)`: `arg` handed to a `const T&` parameter of `call`.
bool Analysis::bound_to_const_reference(const clang::Stmt* call, const clang::Stmt* arg) {
  const auto* c = llvm::dyn_cast_or_null<clang::CallExpr>(call);
  if (c == nullptr) return false;
  for (unsigned k = 0; k < c->getNumArgs(); ++k) {
    if (c->getArg(k) != arg) continue;
    const clang::ParmVarDecl* param = flow::parameter_of_argument(*c, k);
    if (param == nullptr) return false;
    const clang::QualType type = param->getType();
    return type->isLValueReferenceType() && type.getNonReferenceType().isConstQualified();
  }
  return false;
}

/// Are two lookup keys surely different elements' keys? Two constants that
/// differ, or one read-only variable with two different offsets.
bool Analysis::obviously_different(const std::string& a, const std::string& b) {
  if (a == b) return false;
  const bool symbolic_a = llvm::StringRef(a).starts_with("v:");
  const bool symbolic_b = llvm::StringRef(b).starts_with("v:");
  if (symbolic_a != symbolic_b) return false;  // k may be 3
  if (!symbolic_a) return true;
  // "v:<var>:<offset>": the same variable.
  return a.substr(0, a.rfind(':')) == b.substr(0, b.rfind(':'));
}

// --- two references into one container by runtime keys ----------------------

void Analysis::note_element_reference(const clang::VarDecl* var, const clang::Expr* init) {
  if (!var->getType()->isLValueReferenceType() || var->isImplicit() ||
      container_kind(var->getType()) == Kind::none || container_kind(var->getType()) == Kind::owner ||
      container_kind(var->getType()) == Kind::owned) {
    return;
  }
  const clang::Expr* e = init->IgnoreImplicit()->IgnoreParens();
  const clang::Expr* object = nullptr;
  const clang::Expr* key = nullptr;
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
      op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2) {
    object = op->getArg(0);
    key = op->getArg(1);
  } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e); call != nullptr && call->getNumArgs() == 1) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "at") return;
    object = call->getImplicitObjectArgument();
    key = call->getArg(0);
  }
  if (object == nullptr) return;
  Path p = container_path(object);
  if (p.empty() || kind_of(p.back()) == Kind::none) return;
  element_references_.try_emplace(var, ElementReference{p, key, init});
}

/// The variable a key names (`a`, through conversions and copies), else
/// nullptr.
const clang::VarDecl* Analysis::key_variable(const clang::Expr* e) {
  for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e); construct != nullptr && construct->getNumArgs() == 1) {
      e = construct->getArg(0);
      continue;
    }
    break;
  }
  const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e) : nullptr;
  return ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
}

/// Does the function compare `a` and `b` anywhere (`if (a == b) return;`,
/// `a != b`)? Then it is taken to handle the keys being equal.
bool Analysis::compares(const clang::VarDecl* a, const clang::VarDecl* b) const {
  return flow::contains(fn_.getBody(), [&](const clang::Stmt& s) {
    const clang::Expr* lhs = nullptr;
    const clang::Expr* rhs = nullptr;
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s);
        binary != nullptr && (binary->getOpcode() == clang::BO_EQ || binary->getOpcode() == clang::BO_NE)) {
      lhs = binary->getLHS();
      rhs = binary->getRHS();
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
               op != nullptr && op->getNumArgs() == 2 &&
               (op->getOperator() == clang::OO_EqualEqual || op->getOperator() == clang::OO_ExclaimEqual)) {
      lhs = op->getArg(0);
      rhs = op->getArg(1);
    } else if (const auto* rewritten = llvm::dyn_cast<clang::CXXRewrittenBinaryOperator>(&s);
               rewritten != nullptr && (rewritten->getOpcode() == clang::BO_EQ || rewritten->getOpcode() == clang::BO_NE)) {
      lhs = rewritten->getLHS();
      rhs = rewritten->getRHS();
    }
    if (lhs == nullptr) return false;
    const clang::VarDecl* l = key_variable(lhs);
    const clang::VarDecl* r = key_variable(rhs);
    return (l == a && r == b) || (l == b && r == a);
  });
}

/// May the elements `x` and `y` be the same one? Both looked up in the
/// same container with the same constant, or with variables (the same
/// one, or two the function never compares). A constant and a variable,
/// or keys computed otherwise, are not judged.
bool Analysis::may_alias(const ElementReference& x, const ElementReference& y) const {
  if (x.container != y.container) return false;
  const std::optional<std::string> cx = constant_key(x.key, ctx_.ast);
  const std::optional<std::string> cy = constant_key(y.key, ctx_.ast);
  if (cx || cy) return cx && cy && *cx == *cy;
  const clang::VarDecl* vx = key_variable(x.key);
  const clang::VarDecl* vy = key_variable(y.key);
  if (vx == nullptr || vy == nullptr) return false;
  return vx == vy || !compares(vx, vy);
}

/// `ea.push_back(e)` while iterating over `eb`, where `ea` and `eb` may be
/// the same element of one container: the iterators over `eb` are hit
/// too.
void Analysis::invalidate_aliases(const clang::Stmt& call, const Path& container, Effect effect, flow::State& state,
                                  std::vector<unsigned>& hits) {
  if (container.size() != 1 || (effect != Effect::all && effect != Effect::relocation && effect != Effect::iterators)) {
    return;
  }
  const auto* changed = llvm::dyn_cast<clang::VarDecl>(container.front());
  auto self = changed != nullptr ? element_references_.find(changed) : element_references_.end();
  if (self == element_references_.end()) return;
  for (const auto& [other, element] : element_references_) {
    if (other == changed || !may_alias(self->second, element)) continue;
    auto walked = derived_from_.find(Path{other});
    if (walked == derived_from_.end()) continue;
    for (unsigned i : walked->second) {
      if (tracked_[i].handle != Handle::iterator || pointees_.count(tracked_[i].var) != 0) continue;
      state[i] = &call;
      hits.push_back(i);
      aliased_.try_emplace({&call, static_cast<unsigned>(i)}, std::make_pair(changed, other));
    }
  }
}

void Analysis::collect(const clang::Stmt* body) {
  // Range-for statements first: their implicit variables.
  flow::contains(body, [&](const clang::Stmt& s) {
    if (const auto* range_for = llvm::dyn_cast<clang::CXXForRangeStmt>(&s)) {
      for (const clang::DeclStmt* decl_stmt :
           {range_for->getRangeStmt(), range_for->getBeginStmt(), range_for->getEndStmt()}) {
        if (decl_stmt == nullptr) continue;
        for (const clang::Decl* d : decl_stmt->decls()) {
          if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d)) derive(var, var->getInit(), range_for, var);
        }
      }
    }
    return false;
  });
  flow::contains_outside_lambdas(body, [&](const clang::Stmt& s) {
    if (as_assignment(llvm::dyn_cast<clang::Expr>(&s))) assignments_outside_lambdas_.insert(&s);
    return false;
  });
  // Then every variable and assignment, twice so that chains
  // (auto it = v.begin(); auto& x = *it;) are found in any order.
  for (int round = 0; round < 2; ++round) {
    flow::contains(body, [&](const clang::Stmt& s) {
      if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
        for (const clang::Decl* d : decl_stmt->decls()) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
          if (var != nullptr && var->hasLocalStorage()) derive(var, var->getInit(), nullptr, var);
        }
      } else if (const auto* fill = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
        note_holder_fill(*fill);
      } else if (const std::optional<Assignment> assignment = as_assignment(llvm::dyn_cast<clang::Expr>(&s))) {
        const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(assignment->lhs->IgnoreParenImpCasts());
        const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
        if (var != nullptr && var->hasLocalStorage() && !var->getType()->isReferenceType() &&
            !is_bit_reference(var->getType()->getAsCXXRecordDecl())) {
          derive(var, assignment->rhs, nullptr, &s);
        }
      }
      return false;
    });
  }
}

}  // namespace meshwa::rules::iterator_invalidation
