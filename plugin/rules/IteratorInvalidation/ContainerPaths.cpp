// Naming containers: the kind of container a path of declarations ends in
// (a std::shared_ptr that may hold the last reference is an owner), the path
// an expression names, and the containers a handle's initializer derives it
// from, through accessors with visible bodies, reference wrappers and
// meshwa::Owned.

#include <algorithm>
#include <iterator>
#include <memory>
#include <set>

#include "IteratorInvalidation.h"
#include "TypeUtil.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace meshwa::rules::iterator_invalidation {

/// The kind of the container a path ends in. A std::shared_ptr is an owner
/// (like std::unique_ptr, and meshwa::Shared) when it is a by-value
/// parameter or a local that may hold the last reference: resetting or
/// reassigning it then frees what `*sp` referred to. Not when the function
/// copies or moves it anywhere (another owner may keep the object), nor a
/// local made as a copy of another variable that still holds it, nor a
/// member or a reference (others may share it).
Kind Analysis::kind_of(const clang::ValueDecl* decl) const {
  const Kind kind = container_kind(decl->getType());
  if (kind != Kind::none || !is_shared_ptr(decl->getType())) return kind;
  const auto* var = llvm::dyn_cast<clang::VarDecl>(decl);
  if (var == nullptr || !var->hasLocalStorage() || var->getType()->isReferenceType()) return Kind::none;
  auto [it, fresh] = sole_owners_.try_emplace(var, false);
  if (fresh) it->second = may_hold_last_reference(*var);
  return it->second ? Kind::owner : Kind::none;
}

/// effect_on for the container a path ends in (a std::shared_ptr that
/// kind_of takes as an owner behaves like a std::unique_ptr).
Effect Analysis::effect_for(const clang::ValueDecl* decl, llvm::StringRef method, unsigned args, bool by_key) const {
  if (is_shared_ptr(decl->getType())) {
    return kind_of(decl) == Kind::owner ? effect_of(Kind::owner, method, args, by_key) : Effect::none;
  }
  return effect_on(decl->getType(), method, args, by_key);
}

bool Analysis::may_hold_last_reference(const clang::VarDecl& var) const {
  if (!llvm::isa<clang::ParmVarDecl>(var)) {
    // auto sp = other; copies an owner that still holds the object.
    const clang::Expr* init = var.getInit() != nullptr ? var.getInit()->IgnoreImplicit() : nullptr;
    if (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(init);
        construct != nullptr && construct->getConstructor() != nullptr &&
        construct->getConstructor()->isCopyOrMoveConstructor() && construct->getNumArgs() >= 1 &&
        construct->getArg(0)->IgnoreImplicit()->isLValue()) {
      return false;
    }
  }
  // Every use of it keeps the object here: sp.reset(), sp.get(), *sp,
  // sp->m, sp = x, if (sp), sp == nullptr. Anything else (a copy, a move, an
  // argument, a capture by value, a return) may hand the object to
  // another owner.
  bool shared = false;
  walk(fn_.getBody(), [&](const clang::Stmt& s) {  // true: do not descend
    if (shared) return true;
    if (llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr>(s)) return false;
    for (const clang::Stmt* child : s.children()) {
      const auto* expr = llvm::dyn_cast_or_null<clang::Expr>(child);
      const auto* ref = expr != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(expr->IgnoreParenImpCasts()) : nullptr;
      if (ref == nullptr || ref->getDecl() != &var) continue;
      if (llvm::isa<clang::MemberExpr>(s)) continue;
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
        const clang::OverloadedOperatorKind o = op->getOperator();
        if (o == clang::OO_Star || o == clang::OO_Arrow || o == clang::OO_EqualEqual || o == clang::OO_ExclaimEqual ||
            o == clang::OO_Less || o == clang::OO_Spaceship || (o == clang::OO_Equal && op->getArg(0) == child)) {
          continue;
        }
      }
      shared = true;
    }
    return false;
  });
  return !shared;
}

/// The container path of `e` (looking through reference aliases such as a
/// range-for's __range), or empty.
/// A std::reference_wrapper stands for the object it refers to only when
/// named through `get()` or converted to a reference (`slot.get() =
/// std::move(n.right)`, `std::unique_ptr<Node>& p = slot;`): its path is
/// the wrapper's, `wrapped` set. The wrapper itself (`slot = n.left`
/// rebinds it) names no container.
Path Analysis::container_path(const clang::Expr* e, unsigned depth, bool wrapped) const {
  Path path;
  if (e == nullptr || depth > 8) return path;
  e = e->IgnoreParenImpCasts();
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    const clang::Expr* object = call->getImplicitObjectArgument();
    if (method != nullptr && object != nullptr && is_reference_wrapper(object->getType()) &&
        (llvm::isa<clang::CXXConversionDecl>(method) ||
         (method->getIdentifier() != nullptr && method->getName() == "get"))) {
      return container_path(object, depth + 1, true);
    }
    return path;
  }
  if (!wrapped && is_reference_wrapper(e->getType())) return path;
  // std::get_if<T>(&v): the variant itself.
  if (const auto* addr = llvm::dyn_cast<clang::UnaryOperator>(e); addr != nullptr && addr->getOpcode() == clang::UO_AddrOf) {
    return container_path(addr->getSubExpr(), depth + 1);
  }
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var == nullptr) return path;
    auto alias = aliases_.find(var);
    if (alias != aliases_.end()) return alias->second;
    path.push_back(var);
    return path;
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    if (field == nullptr) return path;
    const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
    if (llvm::isa<clang::CXXThisExpr>(base)) {
      path.push_back(field);
      return path;
    }
    if (member->isArrow()) return path;
    path = container_path(base, depth + 1);
    if (!path.empty()) path.push_back(field);
    return path;
  }
  return path;
}

/// Paths of the containers (or tracked variables) `e` draws a handle from.
void Analysis::sources_of(const clang::Expr* e, std::set<Path>& out) const {
  // A lambda's body is where the handle comes from when the lambda is
  // called right here (`[&] { return v.begin(); }()`) or may hand one out
  // (`std::visit([&](auto& k) -> Entry& { return table_[k]; }, key)`); a
  // comparator or predicate handed to an algorithm (`std::min_element(
  // ids.begin(), ids.end(), [&](...) { return m.at(a) < m.at(b); })`)
  // reads other containers, it does not make the result point into them.
  llvm::SmallPtrSet<const clang::Stmt*, 2> called_here;
  walk(e, [&](const clang::Stmt& s) {
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&s)) {
      return !called_here.contains(&s) && !may_return_handle(*lambda);
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
        call != nullptr && call->getOperator() == clang::OO_Call && call->getNumArgs() > 0) {
      called_here.insert(call->getArg(0)->IgnoreImplicit()->IgnoreParens()->IgnoreImplicit());
    }
    // `User& u = refs.front();` of a std::vector<std::reference_wrapper<User>>:
    // the referee lives elsewhere, not in the container.
    if (unwraps_stored_wrapper(s)) return true;
    // `Z* old = z_.release();`: the std::unique_ptr gives the object up, so
    // the pointer is no longer into it; a later `z_.reset(...)` or `z_ = ...`
    // leaves it alone (msgpack's unpacker::release_zone). `z_.get()` stays
    // into z_.
    if (releases_ownership(s)) return true;
    const clang::Expr* object = nullptr;
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
      if (handle_kind(call->getType()) != Handle::none || call->getType()->isReferenceType() ||
          call->isGLValue() || is_insert_result(call->getType())) {
        object = call->getImplicitObjectArgument();
      }
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
      if ((op->getOperator() == clang::OO_Subscript || op->getOperator() == clang::OO_Star ||
           op->getOperator() == clang::OO_Arrow) &&
          op->getNumArgs() > 0) {
        object = op->getArg(0);
      }
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
      // std::begin(v), std::ranges::find(v, x): a free function handed the
      // container and returning a handle; std::get<T>(v): a reference.
      if (handle_kind(call->getType()) != Handle::none || call->isGLValue()) {
        for (const clang::Expr* arg : call->arguments()) {
          Path p = container_path(arg);
          if (!p.empty() && kind_of(p.back()) != Kind::none) out.insert(p);
        }
      }
    } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&s)) {
      // std::span<int> s(v), std::string_view sv{text}: a view of the
      // container's elements, made by a constructor rather than a call.
      if (handle_kind(construct->getType()) == Handle::view) {
        for (const clang::Expr* arg : construct->arguments()) {
          Path p = container_path(arg);
          if (!p.empty() && kind_of(p.back()) == Kind::contiguous) out.insert(p);
        }
      }
    } else if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s); ref != nullptr && follow_derived_) {
      const clang::ValueDecl* named = ref->getDecl();
      // A structured binding is into what its decomposed variable is:
      // `for (auto& [id, user] : users_) ... return user;`.
      if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(named)) named = binding->getDecomposedDecl();
      if (const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(named)) {
        auto it = derived_.find(var);
        if (it != derived_.end()) out.insert(it->second.begin(), it->second.end());
      }
    }
    if (object != nullptr) {
      Path p = container_path(object);
      if (!p.empty() && kind_of(p.back()) != Kind::none) {
        out.insert(p);
      } else if (p.empty() == llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts())) {
        accessor_sources(*llvm::cast<clang::CXXMemberCallExpr>(&s), p, out);
      }
    }
    return false;
  });
  // A meshwa::Owned counts only when the handle is taken through it (see
  // owned_sources), not when its value is merely read somewhere in the
  // expression: m.find(in->key) is no handle into `in`.
  for (auto it = out.begin(); it != out.end();) {
    it = kind_of(it->back()) == Kind::owned ? out.erase(it) : std::next(it);
  }
  owned_sources(e, out);
}

/// `p.release()` of a std::unique_ptr: hands the object over, out of `p`.
bool Analysis::releases_ownership(const clang::Stmt& s) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
  if (call == nullptr) return false;
  const clang::CXXMethodDecl* method = call->getMethodDecl();
  const clang::Expr* object = call->getImplicitObjectArgument();
  return method != nullptr && object != nullptr && method->getIdentifier() != nullptr &&
         method->getName() == "release" && is_unique_ptr(object->getType().getNonReferenceType());
}

/// Can what `lambda` returns refer into a container: a reference, an
/// iterator or view, or `decltype(auto)`? A plain `auto` (a generic
/// comparator's) is deduced as a value.
bool Analysis::may_return_handle(const clang::LambdaExpr& lambda) {
  const clang::CXXMethodDecl* call = lambda.getCallOperator();
  if (call == nullptr) return true;
  const clang::QualType result = call->getReturnType();
  if (result.isNull() || result->isReferenceType()) return true;
  if (const clang::AutoType* deduced = result->getContainedAutoType(); deduced != nullptr && !deduced->isDeduced()) {
    return deduced->isDecltypeAuto();
  }
  return result->isDependentType() || handle_kind(result) != Handle::none;
}

/// Is `e` a std::reference_wrapper kept as an element: `refs.front()`,
/// `refs[i]`, `*it`, `it->second`, `m.at(k)`?
bool Analysis::stored_wrapper(const clang::Expr* e) {
  if (e == nullptr || !is_reference_wrapper(e->getType())) return false;
  for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
    e = e->IgnoreParenImpCasts();
    const clang::Expr* from = nullptr;
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      from = call->getImplicitObjectArgument();
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      if ((op->getOperator() != clang::OO_Subscript && op->getOperator() != clang::OO_Star &&
           op->getOperator() != clang::OO_Arrow) || op->getNumArgs() == 0) {
        return false;
      }
      from = op->getArg(0);
    } else if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      e = member->getBase();  // it->second, pair.first
      continue;
    } else {
      return false;
    }
    if (from == nullptr) return false;
    const clang::QualType type = from->getType().getNonReferenceType();
    const Kind kind = container_kind(type);
    return (kind != Kind::none && kind != Kind::owner && kind != Kind::owned) ||
           is_iterator_class(type->getAsCXXRecordDecl());
  }
  return false;
}

/// `refs.front().get()`, or the conversion of a stored wrapper to a
/// reference.
bool Analysis::unwraps_stored_wrapper(const clang::Stmt& s) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
  if (call == nullptr) return false;
  const clang::CXXMethodDecl* method = call->getMethodDecl();
  const clang::Expr* object = call->getImplicitObjectArgument();
  if (method == nullptr || object == nullptr || !is_reference_wrapper(object->getType())) return false;
  if (!llvm::isa<clang::CXXConversionDecl>(method) &&
      (method->getIdentifier() == nullptr || method->getName() != "get")) {
    return false;
  }
  return stored_wrapper(object);
}

/// `latest()` / `box.items()`: a member function with a visible body, called
/// on this object or on a local or member object of a class of its own,
/// that returns a handle into one of the object's containers (`return
/// items_.back();`, `return items_;` as a span): the handle is into that
/// container, `object` + the member path its returns name.
void Analysis::accessor_sources(const clang::CXXMemberCallExpr& call, const Path& object, std::set<Path>& out) const {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  const clang::FunctionDecl* definition = definition_with_body(method);
  if (method == nullptr || method->isStatic() || method->isInStdNamespace() || definition == nullptr ||
      accessor_depth_ >= kMaxCallDepth) {
    return;
  }
  // The returns are judged with the accessor's own locals known: `for
  // (auto& u : users_) if (u.id == id) return u;` (the find-or-throw
  // accessor), `auto it = ...; return *it;`.
  const Analysis& body = accessor_analysis(*definition);
  walk(definition->getBody(), [&](const clang::Stmt& s) {
    if (llvm::isa<clang::LambdaExpr>(s)) return true;  // its returns are the lambda's
    const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s);
    if (ret == nullptr || ret->getRetValue() == nullptr) return false;
    std::set<Path> inner;
    const clang::Expr* value = ret->getRetValue();
    // `return items_;` as a reference or a view: the container itself.
    if (Path p = body.container_path(value->IgnoreImplicit());
        !p.empty() && llvm::isa<clang::FieldDecl>(p.front()) && kind_of(p.back()) != Kind::none) {
      inner.insert(p);
    }
    body.sources_of(value, inner);
    for (const Path& p : inner) {
      // Only the object's own members: a local of the accessor is gone.
      if (p.empty() || !llvm::isa<clang::FieldDecl>(p.front())) continue;
      Path full = object;
      full.append(p.begin(), p.end());
      out.insert(full);
    }
    return false;
  });
}

/// `sub->get_aliases()`, `box.items()`: a member function with a visible
/// body whose every return hands back a reference to one container member
/// of its object itself (`return aliases_;` in a function returning `const
/// std::vector<std::string>&`): the call names that container, `object` +
/// the member path, as the member itself would. Empty for anything else.
Path Analysis::accessor_container(const clang::Expr* e) const {
  const auto* call = e != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreParenImpCasts()) : nullptr;
  if (call == nullptr || !call->isGLValue() || container_kind(call->getType()) == Kind::none) return {};
  const clang::CXXMethodDecl* method = call->getMethodDecl();
  const clang::FunctionDecl* definition = definition_with_body(method);
  const clang::Expr* object = call->getImplicitObjectArgument();
  if (method == nullptr || method->isStatic() || method->isInStdNamespace() || definition == nullptr ||
      object == nullptr || accessor_depth_ >= kMaxCallDepth) {
    return {};
  }
  Path whole = container_path(object);
  if (whole.empty() != llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts())) return {};
  const Analysis& body = accessor_analysis(*definition);
  std::optional<Path> returned;
  bool other = false;
  walk(definition->getBody(), [&](const clang::Stmt& s) {
    if (llvm::isa<clang::LambdaExpr>(s)) return true;  // its returns are the lambda's
    const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s);
    if (ret == nullptr) return false;
    Path p = ret->getRetValue() != nullptr ? body.container_path(ret->getRetValue()->IgnoreImplicit()) : Path{};
    if (p.empty() || !llvm::isa<clang::FieldDecl>(p.front()) || kind_of(p.back()) == Kind::none ||
        (returned && *returned != p)) {
      other = true;
    } else {
      returned = p;
    }
    return false;
  });
  if (other || !returned) return {};
  whole.append(returned->begin(), returned->end());
  return whole;
}

/// The analysis of an accessor's body, its variables derived (not run),
/// made once per body; accessors it calls are followed one level deeper.
const Analysis& Analysis::accessor_analysis(const clang::FunctionDecl& definition) const {
  auto it = nested_.find(&definition);
  if (it != nested_.end()) return *it->second;
  auto nested = std::make_unique<Analysis>(definition, ctx_, reported_, accessor_depth_ + 1);
  nested->collect(definition.getBody());
  return *nested_.emplace(&definition, std::move(nested)).first->second;
}

/// The meshwa::Owned values `e` is a handle into: `e` is *o, o->member,
/// o.operator*(), or a member, element, begin()/data()/... of one of them
/// (&o->items[0], o->name.c_str()), or of a variable already known to be
/// such a handle. Only that spine is followed, not call arguments.
void Analysis::owned_sources(const clang::Expr* e, std::set<Path>& out) const {
  for (int depth = 0; depth < 16 && e != nullptr; ++depth) {
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      e = member->getBase();
    } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e)) {
      if (unary->getOpcode() != clang::UO_AddrOf && unary->getOpcode() != clang::UO_Deref) return;
      e = unary->getSubExpr();
    } else if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
      e = subscript->getBase();
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      if (op->getNumArgs() == 0) return;
      const clang::OverloadedOperatorKind kind = op->getOperator();
      if (kind != clang::OO_Star && kind != clang::OO_Arrow && kind != clang::OO_Subscript) return;
      e = op->getArg(0);
      if (kind != clang::OO_Subscript) {
        Path p = container_path(e);
        if (!p.empty() && kind_of(p.back()) == Kind::owned) {
          out.insert(p);
          return;
        }
      }
    } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      e = call->getImplicitObjectArgument();
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method != nullptr && method->isOverloadedOperator() &&
          (method->getOverloadedOperator() == clang::OO_Star || method->getOverloadedOperator() == clang::OO_Arrow)) {
        Path p = container_path(e);
        if (!p.empty() && kind_of(p.back()) == Kind::owned) {
          out.insert(p);
          return;
        }
      }
    } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      // A view made of the element: std::string_view sv = o->name.
      if (construct->getNumArgs() != 1 || handle_kind(construct->getType()) != Handle::view) return;
      e = construct->getArg(0);
    } else if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      auto it = var != nullptr && follow_derived_ ? derived_.find(var) : derived_.end();
      if (it == derived_.end()) return;
      for (const Path& p : it->second) {
        if (kind_of(p.back()) == Kind::owned) out.insert(p);
      }
      return;
    } else {
      return;
    }
  }
}

}  // namespace meshwa::rules::iterator_invalidation
