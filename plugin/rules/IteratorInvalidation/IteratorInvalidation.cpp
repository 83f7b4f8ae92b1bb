// meshwa-iterator-invalidation: an iterator, reference, pointer or view into a
// standard container used after a call that may have invalidated it
// (push_back, insert, erase, clear, resize, reserve, emplace*, assignment,
// ...) in the same function. The classic cases:
//   for (auto it = v.begin(); it != v.end(); ++it) if (*it == 0) v.push_back(1);
//   for (auto& x : v) v.push_back(x);          // the loop's own iterators
//   for (auto it = m.begin(); it != m.end(); ++it) if (bad(*it)) m.erase(it);
// Intraprocedural and flow-sensitive over the CFG (Flow.h): what matters is
// whether some path leads from the invalidating call to a use without the
// iterator being assigned anew in between (`it = v.erase(it)` is the fix,
// not a use). The invalidation rules follow the standard per container:
//   vector, string:        any insertion, erasure, resize, reserve, assignment
//                          (vector: not a push_back/emplace_back within the
//                          capacity a reserve in the function provably made,
//                          growth_within_capacity)
//   deque:                 insertion/erasure; push/emplace at either end keep
//                          references valid but not iterators
//   unordered_*:           insertion may rehash: iterators (not references)
//   list, map, set, ...:   only the erased element (erase(it) invalidates it)
//                          and clear/assignment/swap; erase(key) (also on
//                          unordered_*) every handle into the container,
//                          unless the handle was looked up with another
//                          constant key (m.at(1) ... m.erase(2))
//   queue, stack,          what the call does to the underlying container:
//   priority_queue:        pop() every handle (front()/top() refer to the
//                          element it destroys; priority_queue reorders),
//                          push/emplace as push_back on the container
//   unique_ptr, optional,  reset/release/emplace/assignment/swap destroy the
//   variant, any, meshwa:: value that *p, p->, p.get(), o.value(),
//   Shared and Result;     std::get<T>(v), std::get_if<T>(&v),
//   shared_ptr where it    std::any_cast<T&>(a) refer to
//   may hold the last
//   reference (kind_of):
//   meshwa::Owned:         moving it away (std::move(o) to anything: the
//                          receiver may free the value), assignment, swap
//                          and exchange: what *o / o->m referred to (only
//                          handles taken through it, not values read from it)
// std::vector<bool>::reference (a proxy for a bit of the storage) is a
// reference like bool&, its iterators are iterators. A
// std::reference_wrapper<T> or std::optional of one is a reference that
// assignment rebinds; a handle derived through a reference variable or a
// wrapper is into what it referred to when the handle was taken.
// Tracked: local variables (also the implicit iterators of range-for) that are
// derived from a container named by a variable or a member (v, this->items_,
// order.items) through begin()/find()/operator[]/front()/data()/..., or from
// another tracked variable (auto& x = *it). A call of a member function with
// a visible body (on this, a local, or a member object) counts as the
// invalidating changes its body makes to the object's own containers,
// transitively through further member calls (bounded depth); what other
// functions do with the container is not followed.
//
// Findings on adaptors and erase(key) carry a second note where the handle
// was taken: the call that invalidates it does not name it.
#include <algorithm>
#include <deque>
#include <iterator>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "ContainerEffects.h"
#include "Flow.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "iterator-invalidation";

// The invalidation table (ContainerEffects.h); this file is the analysis.
using containers::adaptor_of;
using containers::constant_key;
using containers::container_kind;
using containers::Effect;
using containers::effect_of;
using containers::effect_on;
using containers::Handle;
using containers::handle_kind;
using containers::is_bit_reference;
using containers::is_node_handle;
using containers::is_optional_wrapper;
using containers::is_reference_wrapper;
using containers::is_shared_ptr;
using containers::is_unique_ptr;
using containers::Kind;
using containers::owns_pointee;
using containers::swap_effect;
using containers::takes_key;

// --- growth within reserved capacity ---------------------------------------
// `v.reserve(v.size() + 2); auto it = v.begin(); v.push_back(x);` keeps `it`
// valid: the standard promises no reallocation while the size stays within
// the capacity reserve asked for. Only what the function proves is accepted:
// a local vector nobody else can reach, a constant headroom, and
// straight-line code in one block from the reserve to each growth call.

/// `v`, when `e` names a local (non-static, non-reference) std::vector. Not
/// a std::string: the standard lets any non-const member of basic_string but
/// a few accessors invalidate, whatever the capacity ([string.require]).
const clang::VarDecl* local_vector(const clang::Expr* e) {
  const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasLocalStorage() || var->getType()->isReferenceType()) return nullptr;
  const clang::CXXRecordDecl* record = var->getType()->getAsCXXRecordDecl();
  return record != nullptr && record->isInStdNamespace() && record->getName() == "vector" ? var : nullptr;
}

/// The member call `e` is, through cleanups and implicit casts, when it is
/// `method` called on `var`.
const clang::CXXMemberCallExpr* call_on(const clang::Stmt* s, const clang::VarDecl& var) {
  const auto* e = llvm::dyn_cast_or_null<clang::Expr>(s);
  const auto* call = e != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()) : nullptr;
  if (call == nullptr || call->getMethodDecl() == nullptr || call->getMethodDecl()->getIdentifier() == nullptr) {
    return nullptr;
  }
  return local_vector(call->getImplicitObjectArgument()) == &var ? call : nullptr;
}

bool is_size_of(const clang::Expr* e, const clang::VarDecl& var) {
  const clang::CXXMemberCallExpr* call = call_on(e, var);
  return call != nullptr && call->getMethodDecl()->getName() == "size";
}

/// Does `previous` (the statement before the reserve) declare `var` empty:
/// `std::vector<int> v;`, `std::vector<int> v{};`?
bool declares_empty(const clang::Stmt* previous, const clang::VarDecl& var) {
  const auto* decl = llvm::dyn_cast_or_null<clang::DeclStmt>(previous);
  if (decl == nullptr || !decl->isSingleDecl() || decl->getSingleDecl() != &var) return false;
  const clang::Expr* init = var.getInit();
  if (init == nullptr) return true;
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init->IgnoreImplicit());
  return construct != nullptr && construct->getNumArgs() == 0;
}

/// `v.reserve(v.size() + K)` (or `K + v.size()`), K a positive constant, or
/// `v.reserve(K)` right after `v` is declared empty: K.
std::optional<uint64_t> reserved_headroom(const clang::CXXMemberCallExpr& reserve, const clang::VarDecl& var,
                                          const clang::Stmt* previous, const clang::ASTContext& ast) {
  if (reserve.getMethodDecl()->getName() != "reserve" || reserve.getNumArgs() != 1) return std::nullopt;
  const clang::Expr* constant = nullptr;
  if (const auto* sum = llvm::dyn_cast<clang::BinaryOperator>(reserve.getArg(0)->IgnoreParenImpCasts());
      sum != nullptr && sum->getOpcode() == clang::BO_Add) {
    constant = is_size_of(sum->getLHS(), var) ? sum->getRHS() : is_size_of(sum->getRHS(), var) ? sum->getLHS() : nullptr;
  } else if (declares_empty(previous, var)) {
    constant = reserve.getArg(0);
  }
  clang::Expr::EvalResult k;
  if (constant == nullptr || constant->isValueDependent() || !constant->EvaluateAsInt(k, ast) ||
      !k.Val.getInt().isStrictlyPositive()) {
    return std::nullopt;
  }
  return k.Val.getInt().getLimitedValue(1u << 20);
}

/// Every mention of `var` in the function can neither grow it nor let
/// another name do so: a member call or operator on it (what the block walk
/// judges), a const reference to it (a const argument, a copy), a range-for
/// over it, `return v;`. Not captured by a lambda, bound to a non-const
/// reference or pointer, moved.
bool only_named_directly(const clang::Stmt* body, const clang::VarDecl& var, const clang::ParentMap& parents) {
  return !flow::contains(body, [&](const clang::Stmt& s) {
    if (llvm::isa<clang::LambdaExpr>(&s)) {
      return flow::contains(&s, [&](const clang::Stmt& n) {
        const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&n);
        return ref != nullptr && ref->getDecl() == &var;
      });
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
    if (ref == nullptr || ref->getDecl() != &var) return false;
    const clang::Stmt* child = ref;
    const clang::Stmt* parent = parents.getParent(ref);
    while (llvm::isa_and_nonnull<clang::ParenExpr>(parent)) parent = parents.getParent(child = parent);
    if (const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent)) {
      return !llvm::isa_and_nonnull<clang::CXXMemberCallExpr>(parents.getParent(member));
    }
    if (const auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(parent)) {
      return op->getNumArgs() == 0 || op->getArg(0)->IgnoreParens() != child || op->isAssignmentOp();
    }
    if (const auto* cast = llvm::dyn_cast_or_null<clang::ImplicitCastExpr>(parent)) {
      return cast->getCastKind() != clang::CK_NoOp || !cast->getType().isConstQualified();
    }
    if (llvm::isa_and_nonnull<clang::ReturnStmt>(parent)) return false;
    if (const auto* decl = llvm::dyn_cast_or_null<clang::DeclStmt>(parent)) {
      const auto* range = decl->isSingleDecl() ? llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl()) : nullptr;
      return range == nullptr || !range->isImplicit();
    }
    return true;
  });
}

/// What a statement between the reserve and a growth call may do with `var`
/// without growing it: read it, take iterators and references (not end():
/// any growth moves the end).
bool leaves_size_alone(const clang::Stmt* s, const clang::VarDecl& var) {
  static constexpr llvm::StringLiteral kReads[] = {"begin", "cbegin", "rbegin", "crbegin", "data", "front", "back",
                                                  "at", "size", "empty", "capacity", "operator[]"};
  unsigned mentions = 0;
  unsigned reads = 0;
  flow::contains(s, [&](const clang::Stmt& n) {
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&n); ref != nullptr && ref->getDecl() == &var) ++mentions;
    const clang::CXXMethodDecl* method = nullptr;
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&n);
        call != nullptr && local_vector(call->getImplicitObjectArgument()) == &var) {
      method = call->getMethodDecl();
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&n);
               op != nullptr && op->getOperator() == clang::OO_Subscript && local_vector(op->getArg(0)) == &var) {
      method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getCalleeDecl());
    }
    if (method != nullptr && (method->isConst() || llvm::is_contained(kReads, method->getNameAsString()))) ++reads;
    return false;
  });
  return mentions == reads;
}

/// The push_back/emplace_back calls on local vectors that stay
/// within the capacity a reserve in the same block made room for, and
/// `v.resize(v.size())`, which changes nothing.
std::set<const clang::Stmt*> growth_within_capacity(const clang::Stmt* body, const clang::ParentMap& parents,
                                                    const clang::ASTContext& ast) {
  std::set<const clang::Stmt*> out;
  std::map<const clang::VarDecl*, bool> reachable_only_by_name;
  const auto guarded = [&](const clang::VarDecl& var) {
    auto [it, fresh] = reachable_only_by_name.try_emplace(&var, false);
    if (fresh) it->second = only_named_directly(body, var, parents);
    return it->second;
  };
  flow::contains(body, [&](const clang::Stmt& s) {
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
      const clang::VarDecl* var = local_vector(call->getImplicitObjectArgument());
      if (var != nullptr && call->getMethodDecl() != nullptr && call->getMethodDecl()->getIdentifier() != nullptr &&
          call->getMethodDecl()->getName() == "resize" && call->getNumArgs() == 1 && is_size_of(call->getArg(0), *var)) {
        out.insert(call);
      }
    }
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(&s);
    if (block == nullptr) return false;
    std::map<const clang::VarDecl*, uint64_t> headroom;
    const clang::Stmt* previous = nullptr;
    for (const clang::Stmt* statement : block->body()) {
      const clang::Stmt* before = std::exchange(previous, statement);
      for (auto it = headroom.begin(); it != headroom.end();) {
        const clang::VarDecl& var = *it->first;
        const clang::CXXMemberCallExpr* call = call_on(statement, var);
        const bool grows = call != nullptr && (call->getMethodDecl()->getName() == "push_back" ||
                                               call->getMethodDecl()->getName() == "emplace_back");
        const bool args_read_only = grows && llvm::all_of(call->arguments(), [&](const clang::Expr* arg) {
                                      return leaves_size_alone(arg, var);
                                    });
        if (grows && args_read_only && it->second > 0) {
          out.insert(call);
          --it->second;
          ++it;
        } else if (!grows && leaves_size_alone(statement, var)) {
          ++it;
        } else {
          it = headroom.erase(it);
        }
      }
      const auto* e = llvm::dyn_cast<clang::Expr>(statement);
      const auto* reserve = e != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()) : nullptr;
      const clang::VarDecl* var = reserve != nullptr ? local_vector(reserve->getImplicitObjectArgument()) : nullptr;
      if (var == nullptr || reserve->getMethodDecl() == nullptr || reserve->getMethodDecl()->getIdentifier() == nullptr) {
        continue;
      }
      if (const std::optional<uint64_t> k = reserved_headroom(*reserve, *var, before, ast); k && guarded(*var)) {
        headroom[var] = *k;
      }
    }
    return false;
  });
  return out;
}

/// A container named by a path of declarations: v, this->items_, order.items.
using Path = llvm::SmallVector<const clang::ValueDecl*, 3>;

struct Tracked {
  const clang::VarDecl* var;
  Handle handle;
  const clang::CXXForRangeStmt* range_for;  // set for the implicit iterators of a range-for
};

/// An iterator as the code names it: a variable (`it`), or a member of one
/// (`it->second`, `entry.node`: an iterator kept in an element or a local).
struct IteratorName {
  const clang::VarDecl* var;
  const clang::ValueDecl* field;  // nullptr for the variable itself
  friend bool operator==(const IteratorName&, const IteratorName&) = default;
};

struct Finding {
  clang::SourceLocation use;
  unsigned slot;
  const clang::Stmt* call;
};

class Analysis {
 public:
  Analysis(const clang::FunctionDecl& fn, RuleContext& ctx, std::set<clang::SourceLocation>& reported,
           unsigned accessor_depth = 0)
      // An accessor's analysis (accessor_depth > 0) only derives, it reports
      // nothing: no ParentMap (whose recursion is as deep as the body).
      : fn_(fn), ctx_(ctx), reported_(reported), parents_(accessor_depth == 0 ? fn.getBody() : nullptr),
        accessor_depth_(accessor_depth) {}

  void run() {
    collect(fn_.getBody());
    if (tracked_.empty()) return;
    if (accessor_depth_ == 0) within_capacity_ = growth_within_capacity(fn_.getBody(), parents_, ctx_.ast);
    number_bindings();
    collect_transfers(fn_.getBody());
    note_scopes();
    number_carried();
    index_handles();
    std::unique_ptr<clang::CFG> cfg = flow::build_cfg(fn_, ctx_.ast, /*lifetimes=*/true);
    if (cfg == nullptr) return;
    flow::run_forward(
        *cfg, tracked_.size() + bindings_.size() + carried_.size(),
        [&](const clang::Stmt& s, flow::State& state, bool report) { transfer(s, state, report); },
        [&](const clang::VarDecl& var, const clang::Stmt* trigger, flow::State& state) {
          destroyed(var, trigger, state);
          forget(var, state);
        });
    emit();
  }

 private:
  // --- naming containers -------------------------------------------------

  /// The kind of the container a path ends in. A std::shared_ptr is an owner
  /// (like std::unique_ptr, and meshwa::Shared) when it is a by-value
  /// parameter or a local that may hold the last reference: resetting or
  /// reassigning it then frees what `*sp` referred to. Not when the function
  /// copies or moves it anywhere (another owner may keep the object), nor a
  /// local made as a copy of another variable that still holds it, nor a
  /// member or a reference (others may share it).
  Kind kind_of(const clang::ValueDecl* decl) const {
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
  Effect effect_for(const clang::ValueDecl* decl, llvm::StringRef method, unsigned args, bool by_key) const {
    if (is_shared_ptr(decl->getType())) {
      return kind_of(decl) == Kind::owner ? effect_of(Kind::owner, method, args, by_key) : Effect::none;
    }
    return effect_on(decl->getType(), method, args, by_key);
  }

  bool may_hold_last_reference(const clang::VarDecl& var) const {
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
  Path container_path(const clang::Expr* e, unsigned depth = 0, bool wrapped = false) const {
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
  void sources_of(const clang::Expr* e, std::set<Path>& out) const {
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

  /// Can what `lambda` returns refer into a container: a reference, an
  /// iterator or view, or `decltype(auto)`? A plain `auto` (a generic
  /// comparator's) is deduced as a value.
  static bool may_return_handle(const clang::LambdaExpr& lambda) {
    const clang::CXXMethodDecl* call = lambda.getCallOperator();
    if (call == nullptr) return true;
    const clang::QualType result = call->getReturnType();
    if (result.isNull() || result->isReferenceType()) return true;
    if (const clang::AutoType* deduced = result->getContainedAutoType(); deduced != nullptr && !deduced->isDeduced()) {
      return deduced->isDecltypeAuto();
    }
    return result->isDependentType() || handle_kind(result) != Handle::none;
  }

  /// Visits `root` and below; `visit` returns true to skip a statement's
  /// children.
  template <class Visit>
  static void walk(const clang::Stmt* root, Visit&& visit) {
    llvm::SmallVector<const clang::Stmt*, 64> stack{root};
    while (!stack.empty()) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr || visit(*s)) continue;
      for (const clang::Stmt* child : s->children()) stack.push_back(child);
    }
  }

  /// Is `e` a std::reference_wrapper kept as an element: `refs.front()`,
  /// `refs[i]`, `*it`, `it->second`, `m.at(k)`?
  static bool stored_wrapper(const clang::Expr* e) {
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
  static bool unwraps_stored_wrapper(const clang::Stmt& s) {
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
  void accessor_sources(const clang::CXXMemberCallExpr& call, const Path& object, std::set<Path>& out) const {
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

  /// The analysis of an accessor's body, its variables derived (not run),
  /// made once per body; accessors it calls are followed one level deeper.
  const Analysis& accessor_analysis(const clang::FunctionDecl& definition) const {
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
  void owned_sources(const clang::Expr* e, std::set<Path>& out) const {
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

  // --- collecting what to track ------------------------------------------

  /// `site` is where the handle is (re)made: the variable itself for its
  /// declaration, the assignment expression for an assignment.
  /// The kind of handle a std container's elements are, when they are views
  /// or std::reference_wrappers (`std::vector<std::string_view>`,
  /// `std::deque<std::reference_wrapper<User>>`); none otherwise.
  static Handle held_handle(clang::QualType type) {
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
    if (spec == nullptr || !is_std_class(spec, {"vector", "deque", "list", "forward_list", "set", "multiset",
                                                "unordered_set", "unordered_multiset"}) ||
        spec->getTemplateArgs().size() == 0 || spec->getTemplateArgs()[0].getKind() != clang::TemplateArgument::Type) {
      return Handle::none;
    }
    const Handle element = handle_kind(spec->getTemplateArgs()[0].getAsType());
    return element == Handle::view || element == Handle::wrapper ? element : Handle::none;
  }

  /// The member functions that add an element to a container.
  static bool fills_holder(const clang::CXXMethodDecl& method) {
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
  void note_holder_fill(const clang::CXXMemberCallExpr& call) {
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
      if (!copies_held_view(arg)) sources_of(arg, from);
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
  /// its own (`std::string_view v = s;`) is followed as usual.
  static bool copies_held_view(const clang::Expr* arg) {
    const clang::Expr* e = arg->IgnoreImplicit();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
        construct != nullptr && construct->getNumArgs() == 1 && construct->getConstructor() != nullptr &&
        construct->getConstructor()->isCopyOrMoveConstructor()) {
      e = construct->getArg(0)->IgnoreImplicit();
    }
    e = e->IgnoreParens();
    const Handle kind = handle_kind(e->getType().getNonReferenceType());
    if (kind != Handle::view && kind != Handle::wrapper) return false;  // an owner converted to a view
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
    if (ref == nullptr) return e->isGLValue();  // other_views[i], *it, other_views.front()
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    return var != nullptr && var->getType()->isReferenceType();
  }

  /// A use of a holder of views (see note_holder_fill) that reads none of
  /// them: `views.size()`, `views.empty()`, `views.clear()`, `views.push_back(x)`.
  bool holder_use_reads_no_element(const clang::DeclRefExpr& ref) const {
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

  void derive(const clang::VarDecl* var, const clang::Expr* init, const clang::CXXForRangeStmt* range_for,
              const void* site) {
    if (var == nullptr || init == nullptr || var->isStaticLocal()) return;
    // `auto [it, inserted] = m.emplace(k, v);`: `it` is an iterator into m.
    const Handle handle = llvm::isa<clang::DecompositionDecl>(var) && is_insert_result(var->getType())
                              ? Handle::iterator
                              : handle_kind(var->getType());
    note_element_reference(var, init);
    // A reference straight to a container is another name for it.
    if (var->getType()->isReferenceType()) {
      Path p = container_path(init);
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
    note_site(var, init, site);
    // What is taken through an iterator is tracked even when the iterator's
    // container is not known (a list iterator kept as a map value): erasing
    // that iterator destroys it.
    const std::optional<IteratorName> through =
        handle != Handle::iterator ? dereferenced_iterator(init) : std::nullopt;
    if (from.empty() && !through) return;
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
  bool copies_stored_handle(const clang::Expr* init, clang::QualType type) const {
    const clang::Expr* e = init->IgnoreImplicit();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
        construct != nullptr && construct->getNumArgs() == 1 && construct->getConstructor()->isCopyOrMoveConstructor()) {
      e = construct->getArg(0)->IgnoreImplicit();
    }
    e = e->IgnoreParens();
    if (!e->isGLValue() || llvm::isa<clang::DeclRefExpr>(e)) return false;
    return ctx_.ast.hasSameUnqualifiedType(e->getType().getNonReferenceType(), type.getNonReferenceType());
  }

  /// `init` reaches its object through an owning pointer (`*v.front()`,
  /// `(*it)->name`, `m.at(k).get()`) or through a handle that did: what it
  /// refers to is the pointee, which moving the pointer (a vector relocating
  /// its elements) leaves in place.
  bool through_owning_pointer(const clang::Expr* init) const {
    const clang::Expr* e = init;
    for (int depth = 0; depth < 16 && e != nullptr; ++depth) {
      e = e->IgnoreImplicit()->IgnoreParens();
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
        e = member->getBase();
      } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e);
                 unary != nullptr && unary->getOpcode() == clang::UO_AddrOf) {
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
  static const clang::Expr* ref_argument(const clang::Expr* e) {
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
  bool accessor_returns_pointee(const clang::CXXMethodDecl* method) const {
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
  static std::optional<IteratorName> dereferenced_iterator(const clang::Expr* init) {
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
  static std::optional<IteratorName> iterator_name(const clang::Expr* e) {
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
  void note_lookup_key(const clang::VarDecl* var, const clang::Expr* init) {
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
        key = constant_key(call->getArg(0), ctx_.ast);
      }
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
               op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2) {
      key = constant_key(op->getArg(1), ctx_.ast);
    }
    auto [it, inserted] = keys_.try_emplace(var, key);
    if (!inserted && it->second != key) it->second.reset();
  }

  // --- two references into one container by runtime keys -----------------

  /// `auto& ea = adj_[a];` / `= adj_.at(a)`: a reference to an element that is
  /// itself a container, looked up by a key. Two of them into the same
  /// container are the same element when the keys are equal.
  struct ElementReference {
    Path container;
    const clang::Expr* key;
    const clang::Expr* init;
  };

  void note_element_reference(const clang::VarDecl* var, const clang::Expr* init) {
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
  static const clang::VarDecl* key_variable(const clang::Expr* e) {
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
  bool compares(const clang::VarDecl* a, const clang::VarDecl* b) const {
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
  bool may_alias(const ElementReference& x, const ElementReference& y) const {
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
  void invalidate_aliases(const clang::Stmt& call, const Path& container, Effect effect, flow::State& state,
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

  void collect(const clang::Stmt* body) {
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

  // --- handles into what a rebindable name refers to ---------------------

  /// A name that refers to different objects over time: a reference
  /// variable (bound anew each time its declaration runs, `auto& slot =
  /// cur->children[c];` in a loop) or a std::reference_wrapper (rebound by
  /// assignment). A handle derived from it is into what it referred to then.
  static bool rebindable(const clang::ValueDecl* d) {
    const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(d);
    return var != nullptr && (var->getType()->isReferenceType() || is_reference_wrapper(var->getType()));
  }

  /// Remembers, for the handle `var` made at `site`, the rebindable names
  /// its init names directly and the variables it copies handles from.
  void note_site(const clang::VarDecl* var, const clang::Expr* init, const void* site) {
    std::set<Path> direct;
    follow_derived_ = false;
    sources_of(init, direct);
    follow_derived_ = true;
    Site& out = sites_[{var, site}];
    out = {};
    for (const Path& p : direct) {
      if (rebindable(p.front())) out.direct.insert(p.front());
    }
    flow::contains(init, [&](const clang::Stmt& s) {
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s)) {
        const clang::ValueDecl* named = ref->getDecl();
        if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(named)) named = binding->getDecomposedDecl();
        if (const auto* w = llvm::dyn_cast_or_null<clang::VarDecl>(named)) out.copied.insert(w);
      }
      return false;
    });
  }

  /// One extra flow slot per (tracked handle, rebindable name it is derived
  /// from): set while the handle is into what the name refers to now.
  void number_bindings() {
    for (size_t i = 0; i < tracked_.size(); ++i) {
      auto it = derived_.find(tracked_[i].var);
      if (it == derived_.end()) continue;
      for (const Path& p : it->second) {
        if (!rebindable(p.front()) || p.front() == tracked_[i].var) continue;
        const unsigned slot = static_cast<unsigned>(tracked_.size() + bindings_.size());
        if (bindings_.try_emplace({static_cast<unsigned>(i), p.front()}, slot).second) {
          rebound_by_[p.front()].push_back(slot);
        }
      }
    }
  }

  /// `name` is bound anew: what was derived from it is into the old referee.
  void rebind(const clang::ValueDecl* name, flow::State& state) const {
    auto it = rebound_by_.find(name);
    if (it == rebound_by_.end()) return;
    for (unsigned slot : it->second) state[slot] = nullptr;
  }

  /// `var`'s lifetime ended: when it is a container that elements moved
  /// into (`{ std::vector<int> w = std::move(v); } use(r);`), the handles
  /// carried there now refer to destroyed elements.
  void destroyed(const clang::VarDecl& var, const clang::Stmt* trigger, flow::State& state) {
    if (trigger == nullptr || var.getType()->isReferenceType()) return;
    const Path path{&var};
    auto carried = carried_to_.find(path);
    if (carried == carried_to_.end()) return;
    for (unsigned i : carried->second) {
      const clang::Stmt* moved_by = carried_into(i, path, state);
      if (moved_by == nullptr || left(i, path, state)) continue;
      state[i] = trigger;
      carried_via_[{trigger, i}] = {moved_by, path};
      destroyed_[trigger] = &var;
    }
  }

  /// `var`'s lifetime ended: nothing can use the handle until its
  /// declaration runs again (which makes it anew), so its slots are cleared
  /// rather than carried, spoiled or bound, through the rest of the body.
  void forget(const clang::VarDecl& var, flow::State& state) const {
    const int i = slot_of(&var);
    if (i < 0) return;
    state[static_cast<unsigned>(i)] = nullptr;
    for (const auto& binding : bindings_of_[static_cast<unsigned>(i)]) state[binding.second] = nullptr;
    for (const Carried& c : carried_of_[static_cast<unsigned>(i)]) state[c.slot] = nullptr;
  }

  /// Handle `i` is made anew at `site` (statement `s`): it is into what the
  /// names in its init refer to now, or into whatever the handles it copies
  /// are into.
  void bind(unsigned i, const void* site, const clang::Stmt& s, flow::State& state) const {
    for (const Carried& c : carried_of_[i]) state[c.slot] = nullptr;  // made anew: into where its init says
    auto found = sites_.find({tracked_[i].var, site});
    for (const auto& [name, slot] : bindings_of_[i]) {
      const clang::Stmt* now = nullptr;
      if (found != sites_.end()) {
        if (found->second.direct.count(name) != 0) {
          now = &s;
        } else {
          for (const clang::VarDecl* w : found->second.copied) {
            const int wi = slot_of(w);
            if (wi < 0) continue;
            auto other = bindings_.find({static_cast<unsigned>(wi), name});
            if (other != bindings_.end() && state[other->second] != nullptr) now = &s;
          }
        }
      }
      state[slot] = now;
    }
  }

  /// Is handle `i` into what `name` refers to now (always, for a name that
  /// is never rebound)?
  bool bound(unsigned i, const clang::ValueDecl* name, const flow::State& state) const {
    auto it = bindings_.find({i, name});
    return it == bindings_.end() || state[it->second] != nullptr;
  }

  int slot_of(const clang::VarDecl* var) const {
    auto it = slot_index_.find(var);
    return it != slot_index_.end() ? static_cast<int>(it->second) : -1;
  }

  /// The tracked variable `e` names: a variable, or a structured binding of one.
  int slot_named(const clang::Expr* e) const {
    // Through the copy or conversion into a by-value parameter:
    // map::erase(iterator) copies `it`, erase(const_iterator) converts it.
    for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
      e = e->IgnoreParenImpCasts();
      if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
          construct != nullptr && construct->getNumArgs() == 1) {
        e = construct->getArg(0);
      } else if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) {
        e = temporary->getSubExpr();
      } else if (const auto* bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) {
        e = bind->getSubExpr();
      } else {
        break;
      }
    }
    if (e == nullptr) return -1;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    if (ref == nullptr) return -1;
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl())) return slot_of(var);
    if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl())) {
      if (const auto* decomposed = llvm::dyn_cast_or_null<clang::VarDecl>(binding->getDecomposedDecl())) {
        // Of `auto [it, inserted] = m.emplace(...)`, only `it` is a handle.
        if (is_insert_result(decomposed->getType()) && handle_kind(binding->getType()) != Handle::iterator) return -1;
        return slot_of(decomposed);
      }
    }
    return -1;
  }

  /// `opt = value` on a std::optional (a value, not another optional nor
  /// std::nullopt): a handle into it was taken while it held a value, which
  /// the assignment assigns in place (`**this = value`); the held object is
  /// not destroyed.
  static bool assigns_held_value(const clang::CXXOperatorCallExpr& op) {
    if (op.getOperator() != clang::OO_Equal || op.getNumArgs() != 2) return false;
    auto is_std = [](clang::QualType type, llvm::StringRef name) {
      return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {name});
    };
    const clang::QualType assigned = op.getArg(1)->IgnoreImplicit()->getType();
    return is_std(op.getArg(0)->getType(), "optional") && !is_std(assigned, "optional") &&
           !is_std(assigned, "nullopt_t");
  }

  /// A reference made as `*opt`, `opt.value()`, `opt->field` or a field of
  /// those (`(*opt).a.b`), of the optional `optional` names.
  static bool refers_to_held_value(const Tracked& t, const clang::Expr* optional) {
    if (t.var == nullptr || !t.var->getType()->isReferenceType() || t.var->getInit() == nullptr) return false;
    const auto* target = llvm::dyn_cast<clang::DeclRefExpr>(optional->IgnoreParenImpCasts());
    if (target == nullptr) return false;
    const clang::Expr* e = t.var->getInit();
    for (int depth = 0; depth < 8; ++depth) {
      e = e->IgnoreImplicit()->IgnoreParens();
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
        if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return false;
        e = member->getBase();
        if (member->isArrow()) {
          // opt->field: operator-> of the optional itself.
          const auto* arrow = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e->IgnoreImplicit()->IgnoreParens());
          if (arrow == nullptr || arrow->getOperator() != clang::OO_Arrow || arrow->getNumArgs() != 1) return false;
          e = arrow->getArg(0);
          break;
        }
        continue;
      }
      if (const auto* star = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
        if (star->getOperator() != clang::OO_Star || star->getNumArgs() != 1) return false;
        e = star->getArg(0);
        break;
      }
      if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
        const clang::CXXMethodDecl* method = call->getMethodDecl();
        if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "value") return false;
        e = call->getImplicitObjectArgument();
        break;
      }
      return false;
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    return ref != nullptr && ref->getDecl() == target->getDecl() &&
           is_std_class(ref->getType().getNonReferenceType()->getAsCXXRecordDecl(), {"optional"});
  }

  /// What insert / emplace / try_emplace of a set or map return: a
  /// std::pair of an iterator and a bool.
  static bool is_insert_result(clang::QualType type) {
    const auto* pair = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
        type.getNonReferenceType()->getAsCXXRecordDecl());
    if (pair == nullptr || !is_std_class(pair, {"pair"})) return false;
    const clang::TemplateArgumentList& args = pair->getTemplateArgs();
    return args.size() == 2 && args[0].getKind() == clang::TemplateArgument::Type &&
           args[1].getKind() == clang::TemplateArgument::Type && args[1].getAsType()->isBooleanType() &&
           handle_kind(args[0].getAsType()) == Handle::iterator;
  }

  // --- changes made by member functions ------------------------------------

  /// A change that calling a member function makes to a container of its
  /// object: `path` is relative to that object (items_, or cache_.entries).
  struct MemberEffect {
    Path path;
    Effect effect;
    const clang::Expr* key;        // the erased key (Effect::key), or nullptr
    const clang::Stmt* inner;      // the call in the member function's body
    std::string inner_mutator;     // its name: push_back, operator=, std::erase_if
    Path body_path = {};           // the container as that body names it, when `path` is the caller's name
  };

  /// The fields `e` names relative to `this`: this->items_, cache_.entries.
  static Path this_relative_path(const clang::Expr* e) {
    Path path;
    for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
      e = e->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(e)) {
        std::reverse(path.begin(), path.end());
        return path;
      }
      const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
      const auto* field = member != nullptr ? llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl()) : nullptr;
      if (field == nullptr) return {};
      // Only the object's own fields: this->p_->items is somebody else's.
      if (member->isArrow() && !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return {};
      path.push_back(field);
      e = member->getBase();
    }
    return {};
  }

  /// The body of a member function that may change containers and is followed
  /// into: not const, not static, not the standard library's (judged by name).
  static const clang::FunctionDecl* followed_body(const clang::CXXMethodDecl* method) {
    if (method == nullptr || method->isConst() || method->isStatic() || method->isInStdNamespace()) return nullptr;
    return definition_with_body(method);
  }

  /// The invalidating calls in `body` (not inside nested lambdas) on the
  /// containers `path_of` names (an empty Path: not one of interest), and
  /// through `add_nested(callee, prefix)` what the member functions called
  /// on them, or on this when `follow_this`, do. member_effects and
  /// lambda_effects differ only in those three.
  template <class PathOf, class AddNested>
  void walk_effects(const clang::Stmt* body, PathOf path_of, bool follow_this, AddNested add_nested,
                    std::vector<MemberEffect>& out) {
    llvm::SmallVector<const clang::Stmt*, 64> stack{body};
    while (!stack.empty()) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) continue;
      for (const clang::Stmt* child : s->children()) stack.push_back(child);
      if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(s)) {
        const clang::CXXMethodDecl* callee = call->getMethodDecl();
        const clang::Expr* object = call->getImplicitObjectArgument();
        if (callee == nullptr || callee->isConst() || object == nullptr) continue;
        if (llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts())) {
          if (follow_this) add_nested(callee, {});
          continue;
        }
        Path p = path_of(object);
        if (p.empty()) continue;
        if (kind_of(p.back()) == Kind::none) {
          add_nested(callee, p);  // cache_.insert(k) on a member object of a class of its own
          continue;
        }
        if (callee->getIdentifier() == nullptr) continue;
        Effect effect = effect_for(p.back(), callee->getName(), call->getNumArgs(), takes_key(*callee));
        const clang::Expr* key = effect == Effect::key && call->getNumArgs() > 0 ? call->getArg(0) : nullptr;
        // Which element an erase(it) in there removes is unknown here.
        if (effect == Effect::argument) effect = Effect::key;
        if (effect != Effect::none) out.push_back({p, effect, key, s, callee->getName().str()});
      } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s)) {
        if (op->getNumArgs() == 0) continue;
        const auto* callee = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getDirectCallee());
        if (callee == nullptr || callee->isConst()) continue;
        Path p = path_of(op->getArg(0));
        if (p.empty() || kind_of(p.back()) == Kind::none) continue;
        const char* spelling = clang::getOperatorSpelling(op->getOperator());
        const std::string name = std::string("operator") + (spelling != nullptr ? spelling : "");
        const Effect effect = effect_for(p.back(), name, op->getNumArgs() - 1, false);
        if (effect != Effect::none) out.push_back({p, effect, nullptr, s, name});
      } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
        // std::erase(items_, x), std::erase_if(items_, pred), std::swap(items_, other)
        const clang::FunctionDecl* callee = call->getDirectCallee();
        if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr) continue;
        const llvm::StringRef fname = callee->getName();
        if (fname != "erase" && fname != "erase_if" && fname != "swap" && fname != "exchange") continue;
        for (unsigned k = 0; k < call->getNumArgs() && k < (fname == "swap" ? 2u : 1u); ++k) {
          Path p = path_of(call->getArg(k));
          if (p.empty() || kind_of(p.back()) == Kind::none) continue;
          const Effect effect = fname == "swap"       ? Effect::all
                                : fname == "exchange" ? effect_for(p.back(), "operator=", 1, false)
                                                      : effect_for(p.back(), "erase", 2, false);
          if (effect != Effect::none) out.push_back({p, effect, nullptr, s, ("std::" + fname).str()});
        }
      }
    }
  }

  /// What calling `method` may do to its object's containers: the
  /// invalidating calls in its visible body on the object's own members, and
  /// (to a bounded depth) those of the member functions it calls on the
  /// object or on one of its members. Lambda bodies are not followed (they
  /// need not run); unknown bodies do nothing.
  const std::vector<MemberEffect>& member_effects(const clang::CXXMethodDecl* method, unsigned depth = 0) {
    static const std::vector<MemberEffect> kNone;
    const clang::FunctionDecl* definition = followed_body(method);
    if (definition == nullptr || depth > kMaxCallDepth) return kNone;
    auto cached = effects_.find(definition);
    if (cached != effects_.end()) return cached->second;
    effects_[definition];  // in progress: a recursive call sees no effects
    std::vector<MemberEffect> out;
    auto add_nested = [&](const clang::CXXMethodDecl* callee, const Path& prefix) {
      for (const MemberEffect& e : member_effects(callee, depth + 1)) {
        MemberEffect copy = e;
        copy.path.insert(copy.path.begin(), prefix.begin(), prefix.end());
        out.push_back(std::move(copy));
      }
    };
    walk_effects(definition->getBody(), [&](const clang::Expr* e) { return this_relative_path(e); }, true, add_nested, out);
    // Children were pushed in reverse; report the first change in the body
    // first. Effects of one statement (std::swap's two arguments) keep their
    // order: sorted by (place, index), since libstdc++'s std::stable_sort
    // uses the deprecated std::get_temporary_buffer.
    std::vector<unsigned> order(out.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](unsigned a, unsigned b) {
      const clang::SourceLocation la = out[a].inner->getBeginLoc();
      const clang::SourceLocation lb = out[b].inner->getBeginLoc();
      if (ctx_.sources().isBeforeInTranslationUnit(la, lb)) return true;
      if (ctx_.sources().isBeforeInTranslationUnit(lb, la)) return false;
      return a < b;
    });
    std::vector<MemberEffect> sorted;
    sorted.reserve(out.size());
    for (unsigned i : order) sorted.push_back(std::move(out[i]));
    return effects_[definition] = std::move(sorted);
  }

  /// `add(x)` / `this->reset()` / `cache.insert(k)` / `other.rebuild()`: a
  /// call of a member function with a visible body on this object, a local
  /// or a member (not on a container itself): applies what its body does to
  /// that object's containers. False when the call is not such a call.
  bool apply_member_call(const clang::CXXMemberCallExpr& call, flow::State& state) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    const clang::Expr* object = call.getImplicitObjectArgument();
    if (method == nullptr || object == nullptr || followed_body(method) == nullptr) return false;
    Path base;
    if (!llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts())) {
      base = container_path(object);
      if (base.empty() || kind_of(base.back()) != Kind::none) return false;
    }
    const std::vector<MemberEffect>& effects = member_effects(method);
    for (const MemberEffect& e : effects) {
      Path p = base;
      p.append(e.path.begin(), e.path.end());
      for (unsigned i : invalidate(call, p, e.effect, e.key, state)) via_.try_emplace({&call, i}, &e);
    }
    mutators_[&call] = method->getNameAsString();
    return true;
  }

  /// The lambda a call `f()` runs: `[&v] {...}()` itself, or the lambda a
  /// local `auto f = [&v] {...};` was initialised with (a closure cannot be
  /// reassigned). nullptr otherwise (a std::function, a generic lambda).
  static const clang::LambdaExpr* called_lambda(const clang::CXXOperatorCallExpr& call) {
    if (call.getOperator() != clang::OO_Call || call.getNumArgs() == 0) return nullptr;
    const clang::Expr* callee = call.getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(callee)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      if (var == nullptr || !var->hasLocalStorage() || var->getInit() == nullptr) return nullptr;
      callee = var->getInit();
      for (int depth = 0; depth < 8; ++depth) {
        callee = callee->IgnoreImplicit()->IgnoreParenImpCasts();
        const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(callee);
        if (construct == nullptr || construct->getNumArgs() != 1) break;
        callee = construct->getArg(0);
      }
    }
    const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(callee);
    if (lambda == nullptr || lambda->getCallOperator() == nullptr ||
        lambda->getCallOperator()->getDescribedFunctionTemplate() != nullptr) {
      return nullptr;
    }
    return lambda;
  }

  /// What calling `lambda` does to the containers it reaches by reference
  /// (`[&v]`, `[&]`, `this` for members): the invalidating calls in its
  /// body, and what member functions it calls on this object or on a
  /// captured object do (member_effects). Paths are the caller's own
  /// (`v`, `items_`). A container captured by copy is the lambda's own.
  const std::vector<MemberEffect>& lambda_effects(const clang::LambdaExpr& lambda) {
    auto cached = lambda_effects_.find(&lambda);
    if (cached != lambda_effects_.end()) return cached->second;
    std::vector<MemberEffect>& out = lambda_effects_[&lambda];
    bool this_captured = false;
    std::set<const clang::ValueDecl*> by_reference;
    for (const clang::LambdaCapture& capture : lambda.captures()) {
      if (capture.capturesThis()) this_captured = true;
      if (capture.capturesVariable() && capture.getCaptureKind() == clang::LCK_ByRef) {
        by_reference.insert(capture.getCapturedVar());
      }
    }
    auto reaches = [&](const Path& p) {
      if (p.empty()) return false;
      return llvm::isa<clang::FieldDecl>(p.front()) ? this_captured : by_reference.count(p.front()) != 0;
    };
    auto add_nested = [&](const clang::CXXMethodDecl* callee, const Path& prefix) {
      for (const MemberEffect& e : member_effects(callee)) {
        MemberEffect copy = e;
        copy.path.insert(copy.path.begin(), prefix.begin(), prefix.end());
        out.push_back(std::move(copy));
      }
    };
    auto reached_path = [&](const clang::Expr* e) {
      Path p = container_path(e);
      return reaches(p) ? p : Path{};
    };
    walk_effects(lambda.getBody(), reached_path, this_captured, add_nested, out);
    // The first change in the body first (children were pushed in reverse).
    std::sort(out.begin(), out.end(), [&](const MemberEffect& a, const MemberEffect& b) {
      return ctx_.sources().isBeforeInTranslationUnit(a.inner->getBeginLoc(), b.inner->getBeginLoc());
    });
    return out;
  }

  /// `show()` of a local lambda `auto show = [&] { use(*it); };` (or `[=]`,
  /// `[it]`): the handles it captures are used when it runs, by reference
  /// or through the copy it took when it was made (of the same element).
  void use_captured_handles(const clang::CXXOperatorCallExpr& call, const flow::State& state) {
    const clang::LambdaExpr* lambda = called_lambda(call);
    if (lambda == nullptr) return;
    for (const clang::LambdaCapture& capture : lambda->captures()) {
      if (!capture.capturesVariable()) continue;
      const auto* var = llvm::dyn_cast<clang::VarDecl>(capture.getCapturedVar());
      const int i = var != nullptr ? slot_of(var) : -1;
      if (i < 0 || state[i] == nullptr) continue;
      findings_.push_back({call.getExprLoc(), static_cast<unsigned>(i), state[i]});
    }
  }

  /// `add()` of a local lambda `auto add = [&v] { v.push_back(1); };` (or a
  /// lambda called where it is written): applies what its body does to the
  /// containers it captures by reference. False when the call is not one,
  /// or its body changes none.
  bool apply_lambda_call(const clang::CXXOperatorCallExpr& call, flow::State& state) {
    const clang::LambdaExpr* lambda = called_lambda(call);
    if (lambda == nullptr) return false;
    const std::vector<MemberEffect>& effects = lambda_effects(*lambda);
    if (effects.empty()) return false;
    for (const MemberEffect& e : effects) {
      for (unsigned i : invalidate(call, e.path, e.effect, e.key, state)) via_.try_emplace({&call, i}, &e);
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(call.getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts());
    mutators_[&call] = ref != nullptr ? ref->getDecl()->getNameAsString() : std::string("the lambda");
    return true;
  }

  /// The free function (or static member function) of the program a call
  /// runs, with a visible body: `fill(items, x)`. nullptr for anything else
  /// (member calls and operators are followed elsewhere, std functions by
  /// name).
  static const clang::FunctionDecl* followed_free_function(const clang::CallExpr& call) {
    if (llvm::isa<clang::CXXMemberCallExpr, clang::CXXOperatorCallExpr>(call)) return nullptr;
    const clang::FunctionDecl* callee = call.getDirectCallee();
    if (callee == nullptr || declared_in_std(callee)) return nullptr;
    if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee); method != nullptr && !method->isStatic()) {
      return nullptr;
    }
    return definition_with_body(callee);
  }

  /// A parameter through which the function can change its caller's
  /// container: a reference to non-const (`std::vector<T>& out`).
  static bool changes_through(const clang::ParmVarDecl& param) {
    const clang::QualType type = param.getType();
    return type->isLValueReferenceType() && !type.getNonReferenceType().isConstQualified();
  }

  /// What `definition`'s body does to the containers its parameter `param`
  /// names (the parameter itself, or its fields: `out.items`), and what the
  /// member functions it calls on them do. Paths start at `param`.
  const std::vector<MemberEffect>& parameter_effects(const clang::FunctionDecl& definition,
                                                     const clang::ParmVarDecl* param) {
    auto cached = parameter_effects_.find(param);
    if (cached != parameter_effects_.end()) return cached->second;
    std::vector<MemberEffect> out;
    auto add_nested = [&](const clang::CXXMethodDecl* callee, const Path& prefix) {
      for (const MemberEffect& e : member_effects(callee)) {
        MemberEffect copy = e;
        copy.path.insert(copy.path.begin(), prefix.begin(), prefix.end());
        out.push_back(std::move(copy));
      }
    };
    auto through_param = [&](const clang::Expr* e) {
      Path p = container_path(e);
      return !p.empty() && p.front() == param ? p : Path{};
    };
    walk_effects(definition.getBody(), through_param, false, add_nested, out);
    std::sort(out.begin(), out.end(), [&](const MemberEffect& a, const MemberEffect& b) {
      return ctx_.sources().isBeforeInTranslationUnit(a.inner->getBeginLoc(), b.inner->getBeginLoc());
    });
    return parameter_effects_[param] = std::move(out);
  }

  /// `fill(items, x)` with `void fill(std::vector<T>& out, ...)` whose
  /// visible body does `out.push_back(...)`: applies what the body does
  /// through each non-const reference parameter to the container handed to
  /// it. Only one level deep: calls the body makes to other free functions
  /// are not followed. False when the call is no such call, or changes
  /// nothing.
  bool apply_free_call(const clang::CallExpr& call, flow::State& state) {
    const clang::FunctionDecl* definition = followed_free_function(call);
    if (definition == nullptr) return false;
    bool changes = false;
    for (unsigned i = 0; i < call.getNumArgs() && i < definition->getNumParams(); ++i) {
      const clang::ParmVarDecl* param = definition->getParamDecl(i);
      if (!changes_through(*param)) continue;
      const Path base = container_path(call.getArg(i));
      if (base.empty()) continue;
      for (const MemberEffect& e : parameter_effects(*definition, param)) {
        // The change as the caller names it: `items` for the body's `out`.
        MemberEffect& rebased = rebased_effects_.emplace_back(e);
        rebased.body_path = e.path;
        rebased.path = base;
        rebased.path.append(e.path.begin() + 1, e.path.end());
        for (unsigned h : invalidate(call, rebased.path, e.effect, e.key, state)) via_.try_emplace({&call, h}, &rebased);
        changes = true;
      }
    }
    if (changes) mutators_[&call] = definition->getNameAsString();
    return changes;
  }

  // --- elements that move to another owner ---------------------------------

  /// `w = std::move(v)`, `std::vector<T> w = std::move(v);`, `q =
  /// std::move(p)` of a std::unique_ptr, `b.splice(pos, a)`, `b.merge(a)`,
  /// `m2.insert(std::move(node))`: the elements (or the pointee, or the node)
  /// of `from` stay where they are and now belong to `to`, so a handle into
  /// `from` is into `to` from here on, and what frees `to`'s elements
  /// (w.clear(), q.reset(), m2.clear()) frees them.
  struct Transfer {
    const clang::Stmt* stmt;  // the declaration, assignment or call (a CFG element)
    Path from;
    Path to;
    // Set for `b.splice(pos, a, it)`: only the element `it` names moves, so
    // only `it` and what was taken through it follow.
    const clang::VarDecl* only = nullptr;
  };

  /// The container `e` hands on as an rvalue: std::move(c), static_cast<C&&>(c).
  Path moved_path(const clang::Expr* e) const {
    e = e != nullptr ? e->IgnoreImplicit()->IgnoreParens() : nullptr;
    if (const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(e)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
          callee->getName() == "move" && call->getNumArgs() == 1) {
        return container_path(call->getArg(0));
      }
      return {};
    }
    if (const auto* cast = llvm::dyn_cast_or_null<clang::CXXStaticCastExpr>(e);
        cast != nullptr && cast->getTypeAsWritten()->isRValueReferenceType()) {
      return container_path(cast->getSubExpr());
    }
    return {};
  }

  /// Do the elements of `from` stay in place when it is moved into `to`?
  /// Containers into one of their own kind (a std::string's characters
  /// only when they are on the heap, taken as so), a std::unique_ptr's
  /// pointee into another std::unique_ptr, a node handle's node into a node
  /// container. Not std::optional / std::variant / std::any, which move
  /// their value into a new one.
  bool carries(const Path& from, const Path& to) const {
    if (from.empty() || to.empty() || from == to) return false;
    const clang::QualType from_type = from.back()->getType();
    const clang::QualType to_type = to.back()->getType();
    if (is_node_handle(from_type)) {
      const Kind kind = kind_of(to.back());
      return kind == Kind::node || kind == Kind::unordered || is_node_handle(to_type);
    }
    if (is_unique_ptr(from_type)) return is_unique_ptr(to_type);
    const Kind kind = kind_of(from.back());
    return kind == kind_of(to.back()) && (kind == Kind::contiguous || kind == Kind::deque || kind == Kind::node ||
                                          kind == Kind::unordered || kind == Kind::adaptor);
  }

  void collect_transfers(const clang::Stmt* body) {
    auto add = [&](const clang::Stmt& s, Path from, Path to, const clang::VarDecl* only = nullptr) {
      if (carries(from, to)) transfers_.push_back({&s, std::move(from), std::move(to), only});
    };
    flow::contains(body, [&](const clang::Stmt& s) {
      if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
        for (const clang::Decl* d : decl_stmt->decls()) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
          if (var == nullptr || !var->hasLocalStorage() || var->getType()->isReferenceType() ||
              var->getInit() == nullptr) {
            continue;
          }
          // std::vector<T> w = std::move(v); std::unique_ptr<Base> q(std::move(p));
          const clang::Expr* init = var->getInit()->IgnoreImplicit()->IgnoreParens();
          const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init);
          if (construct == nullptr || construct->getNumArgs() == 0 ||
              (construct->getNumArgs() > 1 && !llvm::isa<clang::CXXDefaultArgExpr>(construct->getArg(1)))) {
            continue;
          }
          add(s, moved_path(construct->getArg(0)), Path{var});
        }
      } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
        if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
          add(s, moved_path(op->getArg(1)), container_path(op->getArg(0)));
        }
      } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
        const clang::CXXMethodDecl* method = call->getMethodDecl();
        if (method == nullptr || method->getIdentifier() == nullptr) return false;
        const llvm::StringRef name = method->getName();
        const Path to = container_path(call->getImplicitObjectArgument());
        auto named = [&](const clang::Expr* e) {
          Path p = moved_path(e);
          return p.empty() ? container_path(e) : p;
        };
        // b.splice(pos, a): every element of a. b.splice(pos, a, it): the
        // element of an iterator variable `it` (splice_after's moves the
        // one after it; the range forms move some, not told apart: neither
        // is followed).
        if ((name == "splice" || name == "splice_after") && call->getNumArgs() == 2) add(s, named(call->getArg(1)), to);
        if (name == "splice" && call->getNumArgs() == 3) {
          if (const std::optional<IteratorName> it = iterator_name(call->getArg(2)); it && it->field == nullptr) {
            add(s, named(call->getArg(1)), to, it->var);
          }
        }
        if (name == "merge" && call->getNumArgs() >= 1) add(s, named(call->getArg(0)), to);
        // a.swap(b): the elements of each go to the other (the swap is also
        // a change, judged by effect_on, which a std::string's short buffer
        // needs).
        if (name == "swap" && call->getNumArgs() == 1) {
          add(s, named(call->getArg(0)), to);
          add(s, to, named(call->getArg(0)));
        }
        if (name == "insert") {
          for (const clang::Expr* arg : call->arguments()) {
            if (is_node_handle(arg->getType())) add(s, named(arg), to);
          }
        }
      } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s); call != nullptr && is_std_swap(*call)) {
        // std::swap(a, b): like a.swap(b).
        const Path a = container_path(call->getArg(0));
        const Path b = container_path(call->getArg(1));
        add(s, a, b);
        add(s, b, a);
      }
      return false;
    });
  }

  /// Which side of swap `s` each handle it hit is named by: the first
  /// (`a` of `a.swap(b)` / `std::swap(a, b)`), unless only the other hit it
  /// (a range-for over `a` whose iterators the previous iteration's swap
  /// carried into `b` is still the loop over `a`).
  void note_swap_sides(const clang::Stmt& s, const std::vector<unsigned>& first, const std::vector<unsigned>& second,
                       const Path& other) {
    for (unsigned i : first) {
      first_side_.insert({&s, i});
      other_side_.erase({&s, i});
    }
    for (unsigned i : second) {
      if (first_side_.count({&s, i}) == 0) other_side_[{&s, i}] = other;
    }
  }

  /// std::swap(a, b) of two objects (not of two arrays, std::swap's other
  /// overload).
  static bool is_std_swap(const clang::CallExpr& call) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    return callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
           callee->getName() == "swap" && call.getNumArgs() == 2;
  }

  /// What a swap of `a` with `b` (std::swap(a, b), a.swap(b)) does to the
  /// handles into `a`: when the swap is followed (a transfer carries each
  /// side's handles to the other), what the table says; otherwise the
  /// elements went where the analysis cannot see them change or go away:
  /// every handle.
  Effect swap_effect_on(const Path& a, const Path& b, const clang::Stmt& s) const {
    auto at = transfers_at_.find(&s);
    if (at == transfers_at_.end()) return Effect::all;
    for (size_t t : at->second) {
      if (transfers_[t].from == a && transfers_[t].to == b) return swap_effect(a.back()->getType());
    }
    return Effect::all;
  }

  /// One flow slot per (tracked handle, transfer its element may follow,
  /// also after earlier transfers): set while the handle is into the
  /// transfer's `to` because of it.
  void number_carried() {
    if (transfers_.empty()) return;
    const unsigned base = static_cast<unsigned>(tracked_.size() + bindings_.size());
    // The transfers by where they are, so that each handle looks only at
    // those made while it is alive (a body of many moves would otherwise
    // number handles x moves).
    std::vector<std::pair<unsigned, size_t>> placed;  // (offset, transfer)
    std::vector<size_t> unplaced;                     // offset unknown: anywhere
    for (size_t t = 0; t < transfers_.size(); ++t) {
      const unsigned offset = offset_of(transfers_[t].stmt->getBeginLoc());
      if (offset == ~0U) {
        unplaced.push_back(t);
      } else {
        placed.emplace_back(offset, t);
      }
    }
    std::sort(placed.begin(), placed.end());
    for (size_t i = 0; i < tracked_.size(); ++i) {
      auto it = derived_.find(tracked_[i].var);
      if (it == derived_.end()) continue;
      std::vector<size_t> alive = unplaced;
      const auto [first, last] = i < scopes_.size() ? scopes_[i] : std::make_pair(0U, ~0U);
      for (auto p = std::lower_bound(placed.begin(), placed.end(), std::make_pair(first, size_t{0}));
           p != placed.end() && p->first <= last; ++p) {
        alive.push_back(p->second);
      }
      std::sort(alive.begin(), alive.end());  // in body order, as numbered before
      std::set<Path> reach = it->second;
      for (bool grew = true; grew;) {
        grew = false;
        for (size_t t : alive) {
          if (reach.count(transfers_[t].from) == 0 || carried_.count({static_cast<unsigned>(i), t}) != 0) continue;
          if (!moves_with(tracked_[i].var, transfers_[t])) continue;
          carried_.emplace(std::make_pair(static_cast<unsigned>(i), t), base + static_cast<unsigned>(carried_.size()));
          reach.insert(transfers_[t].to);
          grew = true;
        }
      }
    }
  }

  /// Does handle `var` follow the element(s) `transfer` moves?
  bool moves_with(const clang::VarDecl* var, const Transfer& transfer) const {
    if (transfer.only == nullptr || var == transfer.only) return true;
    auto through = through_.find(var);
    return through != through_.end() && through->second == IteratorName{transfer.only, nullptr};
  }

  /// Transfers made by `s`: the handles into `from` now (derived from it, or
  /// carried there by an earlier transfer) are into `to`.
  void carry(const clang::Stmt& s, flow::State& state) const {
    auto at = transfers_at_.find(&s);
    if (at == transfers_at_.end()) return;
    // Decided on the state before the statement, then applied: a.swap(b)
    // moves a's elements to b and b's to a at once, not a's there and back.
    llvm::SmallVector<std::pair<unsigned, size_t>, 8> moves;  // (handle, transfer)
    for (size_t t : at->second) {
      for (const auto& [i, slot] : carried_by_[t]) {
        auto it = derived_.find(tracked_[i].var);
        bool into = it != derived_.end() && it->second.count(transfers_[t].from) != 0 &&
                    bound(i, transfers_[t].from.front(), state) && !left(i, transfers_[t].from, state);
        if (!into) into = carried_into(i, transfers_[t].from, state) != nullptr;
        if (into) moves.emplace_back(i, t);
      }
    }
    // Each leaves where an earlier move had carried it (w = std::move(v);
    // v = std::move(w);: back in v, no longer in w).
    for (const auto& [i, t] : moves) {
      for (const Carried& c : carried_of_[i]) {
        if (transfers_[c.transfer].to == transfers_[t].from) state[c.slot] = nullptr;
      }
    }
    for (const auto& [i, t] : moves) state[carried_.at({i, t})] = &s;
  }

  /// The transfer that made handle `i` into `container`, if it did.
  const clang::Stmt* carried_into(unsigned i, const Path& container, const flow::State& state) const {
    for (const Carried& c : carried_of_[i]) {
      if (state[c.slot] != nullptr && transfers_[c.transfer].to == container) return state[c.slot];
    }
    return nullptr;
  }

  /// Has handle `i`'s element moved out of `container` (a transfer from it
  /// carried the handle away)?
  bool left(unsigned i, const Path& container, const flow::State& state) const {
    for (const Carried& c : carried_of_[i]) {
      if (state[c.slot] != nullptr && transfers_[c.transfer].from == container) return true;
    }
    return false;
  }

  /// Who may be hit by a change to a container, found without a pass over
  /// every handle (a body with thousands of loops has thousands of them):
  /// by handle, its binding and carried slots; by container, the handles
  /// derived from it or carried into it.
  void index_handles() {
    bindings_of_.assign(tracked_.size(), {});
    for (const auto& [key, slot] : bindings_) bindings_of_[key.first].emplace_back(key.second, slot);
    carried_of_.assign(tracked_.size(), {});
    carried_by_.assign(transfers_.size(), {});
    for (const auto& [key, slot] : carried_) {
      carried_of_[key.first].push_back({key.second, slot});
      carried_by_[key.second].emplace_back(key.first, slot);
      add_candidate(carried_to_[transfers_[key.second].to], key.first);
    }
    for (size_t t = 0; t < transfers_.size(); ++t) transfers_at_[transfers_[t].stmt].push_back(t);
    for (size_t i = 0; i < tracked_.size(); ++i) {
      if (through_.count(tracked_[i].var) != 0) through_handles_.push_back(static_cast<unsigned>(i));
      auto it = derived_.find(tracked_[i].var);
      if (it == derived_.end()) continue;
      for (const Path& p : it->second) add_candidate(derived_from_[p], static_cast<unsigned>(i));
    }
  }

  /// Where in the body's file each local handle lives: from its declaration
  /// to the end of the statement that scopes it. A change outside that
  /// stretch cannot hit it (it is made anew, fine, when its declaration runs
  /// again), so invalidate() passes it over: in a body of many loops over
  /// one container, a push_back then looks at the live handles, not at
  /// those of every loop (quadratic in the loops).
  void note_scopes() {
    const clang::SourceManager& sm = ctx_.ast.getSourceManager();
    const clang::Stmt* body = fn_.getBody();
    if (body == nullptr) return;
    body_file_ = sm.getFileID(sm.getExpansionLoc(body->getBeginLoc()));
    scopes_.assign(tracked_.size(), {0, ~0U});
    struct Item {
      const clang::Stmt* stmt;
      unsigned scope_end;
    };
    llvm::SmallVector<Item, 64> stack{{body, ~0U}};
    while (!stack.empty()) {
      const Item item = stack.pop_back_val();
      if (item.stmt == nullptr || llvm::isa<clang::LambdaExpr>(item.stmt)) continue;
      unsigned scope_end = item.scope_end;
      if (llvm::isa<clang::CompoundStmt, clang::ForStmt, clang::CXXForRangeStmt, clang::IfStmt, clang::WhileStmt,
                    clang::DoStmt, clang::SwitchStmt, clang::CXXCatchStmt>(item.stmt)) {
        scope_end = std::min(scope_end, offset_of(item.stmt->getEndLoc()));
      }
      if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(item.stmt)) {
        const unsigned begin = offset_of(decl_stmt->getBeginLoc());
        for (const clang::Decl* d : decl_stmt->decls()) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
          if (var == nullptr || !var->hasLocalStorage() || var->isStaticLocal()) continue;
          const int i = slot_of(var);
          // Unknown offsets (another file) keep the handle live everywhere.
          if (i >= 0 && begin != ~0U && scope_end != ~0U) scopes_[static_cast<unsigned>(i)] = {begin, scope_end};
        }
      }
      for (const clang::Stmt* child : item.stmt->children()) stack.push_back({child, scope_end});
    }
  }

  /// The offset of `loc` in the body's file, ~0U when it is elsewhere.
  unsigned offset_of(clang::SourceLocation loc) const {
    const clang::SourceManager& sm = ctx_.ast.getSourceManager();
    if (loc.isInvalid()) return ~0U;
    const clang::SourceLocation at = sm.getExpansionLoc(loc);
    if (sm.getFileID(at) != body_file_) return ~0U;
    return sm.getFileOffset(at);
  }

  /// May handle `i` be alive at `call`?
  bool live_at(unsigned i, unsigned call_offset) const {
    if (call_offset == ~0U || i >= scopes_.size()) return true;
    return scopes_[i].first <= call_offset && call_offset <= scopes_[i].second;
  }

  static void add_candidate(std::vector<unsigned>& list, unsigned i) {
    if (list.empty() || list.back() != i) list.push_back(i);
  }

  /// The handles a change to `container` may hit, ascending.
  std::vector<unsigned> candidates(const Path& container, Effect effect, int argument_slot) const {
    // Each list is ascending: merge them, without a sort per change.
    std::vector<unsigned> out;
    auto merge = [&out](llvm::ArrayRef<unsigned> list) {
      if (list.empty()) return;
      std::vector<unsigned> merged;
      merged.reserve(out.size() + list.size());
      std::set_union(out.begin(), out.end(), list.begin(), list.end(), std::back_inserter(merged));
      out.swap(merged);
    };
    for (const auto* index : {&derived_from_, &carried_to_}) {
      auto it = index->find(container);
      if (it != index->end()) merge(it->second);
    }
    if (effect == Effect::argument) {
      // erase(it) destroys what was taken through `it` whatever container
      // `it` was found to be into (erasing another's iterator is undefined).
      merge(through_handles_);
      if (argument_slot >= 0) merge(static_cast<unsigned>(argument_slot));
    }
    return out;
  }

  // --- the flow ----------------------------------------------------------

  /// Spoils the handles `call`'s change to `container` hits; returns them.
  /// The string a standard input function reads into, replacing what it
  /// held: `std::getline(in, s)`, `in >> s` (the library functions taking a
  /// std::string by non-const reference, CERT STR52-CPP). nullptr for
  /// anything else.
  static const clang::Expr* string_read_into(const clang::CallExpr& call) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    if (callee == nullptr || !declared_in_std(callee) || call.getNumArgs() < 2) return nullptr;
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call);
    const bool getline = op == nullptr && callee->getIdentifier() != nullptr && callee->getName() == "getline";
    const bool extraction = op != nullptr && op->getOperator() == clang::OO_GreaterGreater;
    if (!getline && !extraction) return nullptr;
    const clang::Expr* target = call.getArg(1);
    return is_std_class(target->getType().getNonReferenceType()->getAsCXXRecordDecl(), {"basic_string"}) ? target
                                                                                                        : nullptr;
  }

  /// What reading into the string `target` does: like assigning it.
  void read_into(const clang::Stmt& s, const clang::Expr* target, const char* name, flow::State& state) {
    Path p = container_path(target);
    if (p.empty() || kind_of(p.back()) == Kind::none) return;
    const Effect effect = effect_for(p.back(), "assign", 1, false);
    if (effect == Effect::none) return;
    invalidate(s, p, effect, nullptr, state);
    mutators_[&s] = name;
  }

  /// `++it` / `--it` is `it` itself, moved first: `l.erase(++it)` erases
  /// the element `it` names afterwards. (`it++` hands on a copy of the old
  /// position, and `it` moves past the erased element.)
  static const clang::Expr* without_prefix_step(const clang::Expr* e) {
    const clang::Expr* bare = e;
    for (int depth = 0; depth < 4; ++depth) {  // (through list::erase's conversion to a const_iterator)
      bare = bare->IgnoreImplicit()->IgnoreParens();
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(bare);
      if (construct == nullptr || construct->getNumArgs() != 1) break;
      bare = construct->getArg(0);
    }
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(bare);
        unary != nullptr && (unary->getOpcode() == clang::UO_PreInc || unary->getOpcode() == clang::UO_PreDec)) {
      return unary->getSubExpr();
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(bare);
        op != nullptr && op->getNumArgs() == 1 &&
        (op->getOperator() == clang::OO_PlusPlus || op->getOperator() == clang::OO_MinusMinus)) {
      return op->getArg(0);
    }
    return e;
  }

  std::vector<unsigned> invalidate(const clang::Stmt& call, const Path& container, Effect effect,
                                   const clang::Expr* argument, flow::State& state) {
    const int argument_slot = argument != nullptr ? slot_named(without_prefix_step(argument)) : -1;
    const std::optional<IteratorName> erased =
        effect == Effect::argument && argument != nullptr ? iterator_name(argument) : std::nullopt;
    const std::optional<std::string> erased_key =
        effect == Effect::key && argument != nullptr ? constant_key(argument, ctx_.ast) : std::nullopt;
    std::vector<unsigned> hits;
    const unsigned call_offset = offset_of(call.getBeginLoc());
    for (unsigned i : candidates(container, effect, argument_slot)) {
      if (!live_at(i, call_offset)) continue;
      auto it = derived_.find(tracked_[i].var);
      // Not into what a reference or wrapper refers to after it was bound
      // anew (the next iteration's `auto& slot = ...`, `cur = *slot`).
      // Nor into a container its element has moved out of (`b.splice(pos,
      // a)` then `a.clear()`: `a` no longer holds it).
      const bool derived_into = it != derived_.end() && it->second.count(container) != 0 &&
                                bound(static_cast<unsigned>(i), container.front(), state) && !left(i, container, state);
      // Or into it because its element moved there (w = std::move(v),
      // b.splice(pos, a), m2.insert(std::move(node))).
      const clang::Stmt* moved_by = derived_into ? nullptr : carried_into(static_cast<unsigned>(i), container, state);
      const bool into = derived_into || moved_by != nullptr;
      // erase(it) destroys what was taken through `it` whatever container
      // `it` was found to be into (erasing another's iterator is undefined).
      if (!into && effect != Effect::argument) continue;
      // A holder of many views (note_holder_fill) is not spoilt by erasing
      // one element of a node container: the collect-keys-then-erase-each
      // idiom (`for (auto k : keys) m.erase(std::string(k));`).
      if (holders_.count(tracked_[i].var) != 0 && (effect == Effect::key || effect == Effect::argument)) continue;
      bool hit = false;
      switch (effect) {
        case Effect::all: hit = true; break;
        // Handles into what an element owns survive its moving.
        case Effect::relocation: hit = pointees_.count(tracked_[i].var) == 0; break;
        case Effect::iterators: hit = tracked_[i].handle == Handle::iterator && pointees_.count(tracked_[i].var) == 0; break;
        case Effect::argument: {
          // The erased iterator, and what was taken through it (auto& v =
          // it->second; auto& v = *it->second for order_.erase(it->second)).
          hit = into && static_cast<int>(i) == argument_slot;
          auto through = through_.find(tracked_[i].var);
          if (!hit && erased && through != through_.end()) hit = through->second == *erased;
          break;
        }
        case Effect::key: {
          // Another constant key than the one the handle was looked up with
          // leaves its element alone.
          auto key = keys_.find(tracked_[i].var);
          hit = !(erased_key && key != keys_.end() && key->second && *key->second != *erased_key);
          break;
        }
        case Effect::none: break;
      }
      if (hit) {
        state[i] = &call;
        hits.push_back(i);
        if (moved_by != nullptr) carried_via_[{&call, static_cast<unsigned>(i)}] = {moved_by, container};
      }
    }
    invalidate_aliases(call, container, effect, state, hits);
    return hits;
  }

  void transfer(const clang::Stmt& s, flow::State& state, bool report) {
    transfer_one(s, state, report);
    if (!carried_.empty()) carry(s, state);
  }

  void transfer_one(const clang::Stmt& s, flow::State& state, bool report) {
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
      if (report) use_captured_handles(*op, state);
      if (apply_lambda_call(*op, state)) return;
    }
    if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
      for (const clang::Decl* d : decl_stmt->decls()) {
        if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d)) {
          rebind(var, state);
          if (int i = slot_of(var); i >= 0) {
            state[i] = nullptr;  // a fresh handle
            bind(static_cast<unsigned>(i), var, s, state);
          }
        }
      }
      return;
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method == nullptr || method->isConst()) return;
      // views.clear(): the holder of views holds none of the old ones;
      // views.push_back(n): it now holds one into what the names it is
      // filled from refer to (a reference parameter, a range-for's element).
      if (const int i = slot_named(call->getImplicitObjectArgument());
          i >= 0 && holders_.count(tracked_[i].var) != 0 && method->getIdentifier() != nullptr) {
        if (method->getName() == "clear" || method->getName() == "assign") state[i] = nullptr;
        if (fills_holder(*method)) {
          for (const auto& [name, slot] : bindings_of_[static_cast<unsigned>(i)]) state[slot] = &s;
        }
      }
      if (apply_member_call(*call, state)) return;
      if (method->getIdentifier() == nullptr || within_capacity_.count(call) != 0) return;
      Path p = container_path(call->getImplicitObjectArgument());
      if (p.empty()) return;
      if (method->getName() == "swap" && call->getNumArgs() == 1 && kind_of(p.back()) != Kind::owned &&
          effect_for(p.back(), "swap", 1, false) != Effect::none) {
        // a.swap(b) changes both sides.
        const Path other = container_path(call->getArg(0));
        const std::vector<unsigned> hits = invalidate(s, p, swap_effect_on(p, other, s), nullptr, state);
        std::vector<unsigned> other_hits;
        if (!other.empty() && kind_of(other.back()) != Kind::none) {
          other_hits = invalidate(s, other, swap_effect_on(other, p, s), nullptr, state);
        }
        note_swap_sides(s, hits, other_hits, other);
        mutators_[&s] = "swap";
        return;
      }
      const Effect effect =
          effect_for(p.back(), method->getName(), call->getNumArgs(), takes_key(*method));
      if (effect != Effect::none) {
        invalidate(s, p, effect, call->getNumArgs() > 0 ? call->getArg(0) : nullptr, state);
        mutators_[&s] = method->getName().str();
        if (effect == Effect::key && (method->getName() == "erase" || method->getName() == "extract")) {
          by_key_.insert(&s);
        }
      }
      return;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
      if (op->getNumArgs() == 0) return;
      if (const clang::Expr* read = string_read_into(*op)) {
        read_into(s, read, ">>", state);  // in >> s
        return;
      }
      const char* spelling = clang::getOperatorSpelling(op->getOperator());
      std::string name = std::string("operator") + (spelling != nullptr ? spelling : "");
      if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
        // slot = n.left: a std::reference_wrapper rebound.
        if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getArg(0)->IgnoreParenImpCasts());
            ref != nullptr && is_reference_wrapper(ref->getType())) {
          rebind(ref->getDecl(), state);
        }
        // it = v.erase(it): a fresh handle.
        if (int i = slot_named(op->getArg(0)); i >= 0 && tracked_[i].handle != Handle::reference) {
          state[i] = nullptr;
          bind(static_cast<unsigned>(i), &s, s, state);
          return;
        }
      }
      Path p = container_path(op->getArg(0));
      if (p.empty()) return;
      const Effect effect = effect_for(p.back(), name, op->getNumArgs() - 1, false);
      if (effect != Effect::none) {
        // `opt = value` assigns the held value in place: a reference to it
        // or to a field of it stays valid (what its fields hold does not).
        llvm::SmallVector<std::pair<unsigned, const clang::Stmt*>, 4> kept;
        if (assigns_held_value(*op)) {
          for (unsigned i = 0; i < tracked_.size(); ++i) {
            if (refers_to_held_value(tracked_[i], op->getArg(0))) kept.push_back({i, state[i]});
          }
        }
        invalidate(s, p, effect, nullptr, state);
        for (const auto& [i, before] : kept) state[i] = before;
        mutators_[&s] = name;
      }
      return;
    }
    if (const auto* cast = llvm::dyn_cast<clang::CXXStaticCastExpr>(&s)) {
      if (cast->getTypeAsWritten()->isRValueReferenceType()) {
        Path p = container_path(cast->getSubExpr());
        if (!p.empty() && kind_of(p.back()) == Kind::owned) {
          invalidate(s, p, Effect::all, nullptr, state);
          mutators_[&s] = "static_cast";
        }
      }
      return;
    }
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
      if (binary->getOpcode() == clang::BO_Assign) {
        if (int i = slot_named(binary->getLHS()); i >= 0 && tracked_[i].handle != Handle::reference) {
          state[i] = nullptr;
          bind(static_cast<unsigned>(i), &s, s, state);
        }
      }
      return;
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
      if (apply_free_call(*call, state)) return;
      if (const clang::Expr* read = string_read_into(*call)) {
        read_into(s, read, "std::getline", state);  // std::getline(in, s)
        return;
      }
      // std::erase(v, x), std::erase_if(v, pred), std::swap(v, w)
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr) return;
      const llvm::StringRef fname = callee->getName();
      // std::move(o) / std::forward<Owned<T>>(o) of a meshwa::Owned: the
      // value goes with it, to whoever may free it.
      if ((fname == "move" || fname == "forward") && call->getNumArgs() == 1 &&
          !call->getType()->isLValueReferenceType()) {
        Path p = container_path(call->getArg(0));
        if (!p.empty() && kind_of(p.back()) == Kind::owned) {
          invalidate(s, p, Effect::all, nullptr, state);
          mutators_[&s] = ("std::" + fname).str();
        }
        return;
      }
      if (fname != "erase" && fname != "erase_if" && fname != "swap" && fname != "exchange") return;
      std::vector<unsigned> first_hits;  // std::swap's: through its first argument
      for (unsigned k = 0; k < call->getNumArgs() && k < 2; ++k) {
        Path p = container_path(call->getArg(k));
        if (p.empty()) continue;
        const Kind kind = kind_of(p.back());
        if (kind == Kind::none) continue;
        // std::exchange(c, x) assigns to c (its first argument only).
        if (fname == "exchange" && k > 0) break;
        const Effect effect = fname == "swap" ? swap_effect_on(p, container_path(call->getArg(1 - k)), s)
                              : fname == "exchange" ? effect_for(p.back(), "operator=", 1, false)
                                                    : effect_for(p.back(), "erase", 2, false);
        const std::vector<unsigned> hits = invalidate(s, p, effect, nullptr, state);
        if (fname == "swap") {
          if (k == 0) first_hits = hits;
          if (k == 1) note_swap_sides(s, first_hits, hits, p);
        }
        mutators_[&s] = ("std::" + fname).str();
        if (fname != "swap") break;
      }
      return;
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
    if (ref == nullptr || !report) return;
    const int i = slot_named(ref);
    if (i < 0 || state[i] == nullptr) return;
    if (tracked_[i].handle != Handle::reference && flow::is_assigned_to(parents_, ref)) return;
    if (tracked_[i].handle == Handle::wrapper && tests_presence(ref)) return;
    if (holders_.count(tracked_[i].var) != 0 && holder_use_reads_no_element(*ref)) return;
    findings_.push_back({ref->getLocation(), static_cast<unsigned>(i), state[i]});
  }

  /// `if (u)`, `!u`, `u.has_value()` on a std::optional<std::reference_wrapper<T>>:
  /// reads the optional, not the element it refers to.
  bool tests_presence(const clang::DeclRefExpr* ref) const {
    if (!is_optional_wrapper(ref->getType())) return false;
    const clang::Stmt* parent = flow::semantic_parent(parents_, ref);
    const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent);
    if (member == nullptr) return false;
    const auto* call = llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(flow::semantic_parent(parents_, member));
    const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
    if (method == nullptr) return false;
    if (const auto* conversion = llvm::dyn_cast<clang::CXXConversionDecl>(method)) {
      return conversion->getConversionType()->isBooleanType();
    }
    return method->getIdentifier() != nullptr && method->getName() == "has_value";
  }

  // --- reporting ---------------------------------------------------------

  /// The variable's name; a structured binding's is its bindings: [key, value].
  static std::string variable_name(const clang::VarDecl* var) {
    if (const auto* decomposed = llvm::dyn_cast<clang::DecompositionDecl>(var)) {
      // `auto [it, inserted] = m.emplace(...)`: the iterator is `it`.
      if (is_insert_result(var->getType()) && !decomposed->bindings().empty()) {
        return decomposed->bindings().front()->getNameAsString();
      }
      std::string name = "[";
      for (const clang::BindingDecl* binding : decomposed->bindings()) {
        if (name.size() > 1) name += ", ";
        name += binding->getNameAsString();
      }
      return name + "]";
    }
    return var->getNameAsString();
  }

  static const char* handle_word(Handle h) {
    switch (h) {
      case Handle::iterator: return "iterator";
      case Handle::reference: return "reference";
      case Handle::pointer: return "pointer";
      case Handle::view: return "view";
      case Handle::wrapper: return "reference";
      case Handle::none: break;
    }
    return "handle";
  }

  /// The kind of the changed container.
  /// The object a mutating call changes: the implicit object of a member
  /// call, an operator's left operand, a std:: function's first argument.
  static const clang::Expr* changed_object(const clang::Stmt* call) {
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) return member->getImplicitObjectArgument();
    if (const auto* read = llvm::dyn_cast<clang::CallExpr>(call)) {
      if (const clang::Expr* target = string_read_into(*read)) return target;  // std::getline(in, s), in >> s
    }
    if (const auto* cast = llvm::dyn_cast<clang::CXXStaticCastExpr>(call)) return cast->getSubExpr();
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call)) {
      return op->getNumArgs() > 0 ? op->getArg(0) : nullptr;
    }
    if (const auto* free = llvm::dyn_cast<clang::CallExpr>(call); free != nullptr && free->getNumArgs() > 0) {
      return free->getArg(0);
    }
    return nullptr;
  }

  Kind changed_kind(const clang::Stmt* call) const {
    const clang::Expr* object = changed_object(call);
    if (object == nullptr) return Kind::none;
    Path p = container_path(object);
    return p.empty() ? Kind::none : kind_of(p.back());
  }

  /// The changed object is a std::unique_ptr / std::optional / std::variant.
  bool owner_kind(const clang::Stmt* call) const {
    const clang::Expr* object = changed_object(call);
    if (object == nullptr) return false;
    Path p = container_path(object);
    return !p.empty() && (kind_of(p.back()) == Kind::owner ||
                          kind_of(p.back()) == Kind::owned);
  }

  std::string container_name(const clang::Stmt* call) const {
    const clang::Expr* object = changed_object(call);
    if (object == nullptr) return "the container";
    return path_name(container_path(object));
  }

  /// The container a finding's handle is into: the changed object, or the
  /// other side of a swap (`a.swap(b)`, `std::swap(a, b)` with a handle
  /// into `b`).
  std::string container_name(const Finding& f) const {
    auto other = other_side_.find({f.call, f.slot});
    return other != other_side_.end() ? path_name(other->second) : container_name(f.call);
  }

  static std::string path_name(const Path& p) {
    if (p.empty()) return "the container";
    std::string name;
    for (const clang::ValueDecl* d : p) {
      if (!name.empty()) name += ".";
      name += d->getNameAsString();
    }
    if (is_reference_wrapper(p.back()->getType())) return "what '" + name + "' refers to";
    return "'" + name + "'";
  }

  /// The changed object as code names it (`items_`, `slot.get()`).
  std::string code_name(const clang::Stmt* call) const {
    const clang::Expr* object = changed_object(call);
    Path p = object != nullptr ? container_path(object) : Path{};
    if (p.empty()) return "c";
    std::string name;
    for (const clang::ValueDecl* d : p) {
      if (!name.empty()) name += ".";
      name += d->getNameAsString();
    }
    return is_reference_wrapper(p.back()->getType()) ? name + ".get()" : name;
  }

  /// `walking`: the handle is the hidden iterator of a range-for loop.
  std::string remedy(const std::string& mutator, const clang::Stmt* call, bool walking, Handle handle) const {
    if (changed_kind(call) == Kind::adaptor) {
      // The handle came from front() (queue) or top() (stack, priority_queue).
      const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call);
      const auto* spec = member != nullptr ? adaptor_of(member->getImplicitObjectArgument()->getType()) : nullptr;
      const std::string accessor = spec != nullptr && spec->getName() == "queue" ? "front()" : "top()";
      const std::string name = code_name(call);
      return "copy the element out before the change (auto x = " + name + "." + accessor +
             "; is a copy), or read " + accessor + " again after it";
    }
    if (by_key_.count(call) != 0 && !walking) {
      return "copy the value out before the erase, or look it up again after it (when walking the container: "
             "it = c.erase(it), or std::erase_if)";
    }
    if (!walking && (mutator == "pop_back" || mutator == "pop_front")) {
      const std::string accessor = mutator == "pop_back" ? "back()" : "front()";
      const std::string name = code_name(call);
      return "copy the element out before the change (auto x = " + name + "." + accessor +
             "; is a copy), or take the reference again after it";
    }
    if (!walking && (mutator == "remove" || mutator == "remove_if" || mutator == "unique")) {
      return "copy the value out before the change, or look the element up again after it";
    }
    if (owner_kind(call)) {
      return "copy what you need out of it before the change, or take the reference again after it";
    }
    if (!walking && (mutator == "swap" || mutator == "std::swap")) {
      return handle == Handle::iterator && changed_kind(call) != Kind::owner
                 ? "take the iterator again after the swap, from the container that then holds the element (a "
                   "swap keeps the elements in place but hands them to the other container, and end() is no "
                   "element)"
                 : "copy what you need out before the swap, or take the " + std::string(handle_word(handle)) +
                       " again after it";
    }
    if (!walking && handle != Handle::iterator && (mutator == "erase" || mutator == "extract")) {
      return "copy the value out before the " + mutator + ", or look it up again after it";
    }
    if (mutator == "std::getline" || mutator == ">>") {
      return "copy what you need out before reading into the string (a std::string, not a view), or take the " +
             std::string(handle_word(handle)) + " again after the read";
    }
    if (mutator == "extract") {
      return "take the next iterator before the change (auto next = std::next(it)), or keep the node handle "
             "extract returns while you use the element";
    }
    if (mutator == "erase") {
      return "continue from the iterator erase returns (it = c.erase(it)), or use the erase-remove idiom / "
             "std::erase_if";
    }
    if (!walking && !inside_loop(call)) {
      // A change in straight-line code (take a reference, push_back, use
      // it): no loop to iterate by index or to move the change after.
      return handle == Handle::iterator
                 ? "take the iterator again after the change (or use the one the call returns)"
                 : "copy what you need out of it before the change, or take the " + std::string(handle_word(handle)) +
                       " again after it";
    }
    return "iterate by index, or collect the changes and apply them after the loop (for removals: "
           "std::erase_if)";
  }

  /// Whether `s` is inside a loop of the function (bounded by its nesting).
  bool inside_loop(const clang::Stmt* s) const {
    for (const clang::Stmt* at = s; at != nullptr; at = parents_.getParent(at)) {
      if (llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt>(at)) return true;
    }
    return false;
  }

  void emit() {
    const clang::SourceManager& sm = ctx_.sources();
    std::sort(findings_.begin(), findings_.end(), [&](const Finding& a, const Finding& b) {
      return sm.isBeforeInTranslationUnit(a.use, b.use);
    });
    // One error per invalidating call: the first explicit use, else the
    // range-for loop whose iterators it breaks.
    std::map<const clang::Stmt*, const Finding*> chosen;
    for (const Finding& f : findings_) {
      auto [it, inserted] = chosen.try_emplace(f.call, &f);
      if (!inserted && tracked_[it->second->slot].var->isImplicit() && !tracked_[f.slot].var->isImplicit()) {
        it->second = &f;
      }
    }
    std::vector<const Finding*> ordered;
    for (const auto& [call, f] : chosen) ordered.push_back(f);
    std::sort(ordered.begin(), ordered.end(), [&](const Finding* a, const Finding* b) {
      return sm.isBeforeInTranslationUnit(a->use, b->use);
    });
    for (const Finding* f : ordered) {
      if (!reported_.insert(f->call->getBeginLoc()).second) continue;  // same finding, another instantiation
      const Tracked& t = tracked_[f->slot];
      const std::string mutator = mutators_.count(f->call) != 0 ? mutators_.at(f->call) : std::string("a change");
      const std::string container = container_name(*f);
      if (auto via = via_.find({f->call, f->slot}); via != via_.end()) {
        emit_member_call(*f, t, mutator, *via->second);
        continue;
      }
      if (auto alias = aliased_.find({f->call, f->slot}); alias != aliased_.end()) {
        emit_alias(*f, t, mutator, alias->second.first, alias->second.second);
        continue;
      }
      if (auto carried = carried_via_.find({f->call, f->slot});
          carried != carried_via_.end() && !(t.var->isImplicit() && t.range_for != nullptr)) {
        const auto& [moved, to] = carried->second;
        if (auto owner = destroyed_.find(f->call); owner != destroyed_.end()) {
          emit_destroyed_owner(*f, t, *owner->second, moved, moved_from_name(moved, to));
        } else {
          emit_carried(*f, t, mutator, container, moved, moved_from_name(moved, to));
        }
        continue;
      }
      if (t.var->isImplicit() && t.range_for != nullptr) {
        ctx_.report.error(f->call->getBeginLoc(), kName,
                          "'" + mutator + "' on " + container +
                              " may invalidate the iterators of the range-for loop that is walking it; " +
                              remedy(mutator, f->call, true, t.handle));
        ctx_.report.note(t.range_for->getColonLoc(), "the range-for loop over " + container + " is here");
        continue;
      }
      if (changed_kind(f->call) == Kind::owned &&
          (mutator == "std::move" || mutator == "std::forward" || mutator == "static_cast")) {
        ctx_.report.error(f->use, kName,
                          std::string(handle_word(t.handle)) + " '" + variable_name(t.var) + "' into the value of " +
                              container + " is used after " + container +
                              " was moved away: whoever receives a meshwa::Owned owns the value and may free it; "
                              "copy what you need out of it before handing it on, or read it through the handle "
                              "before the move");
        ctx_.report.note(f->call->getBeginLoc(), container + " is moved away here");
        continue;
      }
      if (holders_.count(t.var) != 0) {
        emit_holder(*f, t, mutator, container);
        continue;
      }
      const bool key_erase = by_key_.count(f->call) != 0;
      const bool destroying = mutator == "pop_back" || mutator == "pop_front" || mutator == "remove" ||
                              mutator == "remove_if" || mutator == "unique";
      const std::string what = key_erase    ? "' by key may have destroyed the element it refers to; "
                               : destroying && t.handle != Handle::iterator
                                   ? "' may have destroyed the element it refers to; "
                                   : "' may have invalidated it; ";
      ctx_.report.error(f->use, kName,
                        std::string(handle_word(t.handle)) + " '" + variable_name(t.var) + "' into " + container +
                            " is used after '" + mutator + what + remedy(mutator, f->call, false, t.handle));
      ctx_.report.note(f->call->getBeginLoc(), "'" + mutator + "' on " + container + " is here");
      // The call names the container, not the element: show where the
      // handle was taken.
      auto origin = origins_.find(t.var);
      if ((key_erase || changed_kind(f->call) == Kind::adaptor) && origin != origins_.end() &&
          origin->second.isValid()) {
        ctx_.report.note(origin->second,
                         "'" + variable_name(t.var) + "' refers to an element of " + container + ", taken here");
      }
    }
  }

  /// The container the move or splice `moved` takes elements from into
  /// `to`, as the code names it (`v`, `cache.items`). A swap moves both
  /// ways: `a.swap(b)` takes from `a` into `b` and from `b` into `a`.
  std::string moved_from_name(const clang::Stmt* moved, const Path& to) const {
    std::string from;
    for (const Transfer& tr : transfers_) {
      if (tr.stmt != moved || tr.to != to) continue;
      for (const clang::ValueDecl* d : tr.from) from += (from.empty() ? "" : ".") + d->getNameAsString();
      break;
    }
    return from;
  }

  /// A finding on a handle whose element moved to another owner, which then
  /// went out of scope: `{ std::vector<int> w = std::move(v); } use(r);`.
  void emit_destroyed_owner(const Finding& f, const Tracked& t, const clang::VarDecl& owner,
                            const clang::Stmt* moved, const std::string& from) {
    const std::string name = "'" + owner.getNameAsString() + "'";
    ctx_.report.error(f.use, kName,
                      std::string(handle_word(t.handle)) + " '" + variable_name(t.var) +
                          "' is used after the element it refers to moved from '" + from + "' into " + name +
                          " and " + name + " was destroyed at the end of its scope; copy what you need out of " +
                          "the element before the move, or keep " + name + " alive as long as the " +
                          handle_word(t.handle) + " is used");
    ctx_.report.note(f.call->getEndLoc(), name + " is destroyed here, at the end of its scope");
    ctx_.report.note(moved->getBeginLoc(), "the element moves from '" + from + "' into " + name + " here");
  }

  /// A finding on a handle whose element moved to another owner, which then
  /// changed: `auto& r = v[0]; w = std::move(v); w.clear(); use(r);`.
  void emit_carried(const Finding& f, const Tracked& t, const std::string& mutator, const std::string& container,
                    const clang::Stmt* moved, const std::string& from) {
    const bool owner = owner_kind(f.call);
    ctx_.report.error(f.use, kName,
                      std::string(handle_word(t.handle)) + " '" + variable_name(t.var) +
                          "' is used after the element it refers to moved from '" + from + "' into " + container +
                          " and '" + mutator + "' on " +
                          container + (owner ? " may have destroyed it; " : " may have invalidated it; ") +
                          "copy what you need out of the element before the change, or take the " +
                          handle_word(t.handle) + " again from " + container + " after it");
    ctx_.report.note(f.call->getBeginLoc(), "'" + mutator + "' on " + container + " is here");
    ctx_.report.note(moved->getBeginLoc(), "the element moves from '" + from + "' into " + container + " here");
  }

  /// A finding through two element references that may be the same element
  /// (`auto& ea = adj_[a]; auto& eb = adj_[b]; for (int e : eb)
  /// ea.push_back(e);`).
  void emit_alias(const Finding& f, const Tracked& t, const std::string& mutator, const clang::VarDecl* changed,
                  const clang::VarDecl* walked) {
    const ElementReference& c = element_references_.at(changed);
    const ElementReference& w = element_references_.at(walked);
    auto text = [&](const clang::Expr* e) {
      return clang::Lexer::getSourceText(clang::CharSourceRange::getTokenRange(e->getSourceRange()), ctx_.sources(),
                                         ctx_.ast.getLangOpts())
          .str();
    };
    std::string container;
    for (const clang::ValueDecl* d : c.container) container += (container.empty() ? "" : ".") + d->getNameAsString();
    const std::string changed_name = changed->getNameAsString();
    const std::string walked_name = walked->getNameAsString();
    const bool same = text(c.key) == text(w.key);
    const std::string why =
        same ? "'" + changed_name + "' and '" + walked_name + "' are the same element of '" + container +
                   "' (both looked up by '" + text(c.key) + "'); "
             : "'" + changed_name + "' and '" + walked_name + "' are elements of '" + container +
                   "' looked up by keys that may be equal ('" + text(c.key) + "' and '" + text(w.key) +
                   "'), and then they are the same element; ";
    const std::string fix = same ? "copy the walked element first (auto copy = " + text(w.init) + ";)"
                                 : "copy the walked element first (auto copy = " + text(w.init) +
                                       ";) or handle equal keys before taking the references (if (" + text(c.key) +
                                       " == " + text(w.key) + ") ...)";
    if (t.var->isImplicit() && t.range_for != nullptr) {
      ctx_.report.error(f.call->getBeginLoc(), kName,
                        "'" + mutator + "' on '" + changed_name +
                            "' may invalidate the iterators of the range-for loop walking '" + walked_name + "': " +
                            why + fix);
      ctx_.report.note(t.range_for->getColonLoc(), "the range-for loop over '" + walked_name + "' is here");
    } else {
      ctx_.report.error(f.use, kName,
                        std::string(handle_word(t.handle)) + " '" + variable_name(t.var) + "' into '" + walked_name +
                            "' is used after '" + mutator + "' on '" + changed_name + "' may have invalidated it: " +
                            why + fix);
      ctx_.report.note(f.call->getBeginLoc(), "'" + mutator + "' on '" + changed_name + "' is here");
    }
    ctx_.report.note(c.init->getBeginLoc(), "'" + changed_name + "' is taken here");
    ctx_.report.note(w.init->getBeginLoc(), "'" + walked_name + "' is taken here");
  }

  /// A finding on a local container of views (see note_holder_fill).
  void emit_holder(const Finding& f, const Tracked& t, const std::string& mutator, const std::string& container) {
    const char* what = t.handle == Handle::wrapper ? "std::reference_wrappers" : "views";
    ctx_.report.error(f.use, kName,
                      "'" + variable_name(t.var) + "' holds " + what + " into " + container + ", read after '" +
                          mutator + "' may have invalidated them; fill '" + variable_name(t.var) +
                          "' after the change, or hold copies or indices instead of " + what);
    ctx_.report.note(f.call->getBeginLoc(), "'" + mutator + "' on " + container + " is here");
    auto origin = origins_.find(t.var);
    if (origin != origins_.end() && origin->second.isValid()) {
      ctx_.report.note(origin->second, "'" + variable_name(t.var) + "' is given one here");
    }
  }

  /// A finding whose invalidating call is a member function call: says
  /// which change in its body does it.
  void emit_member_call(const Finding& f, const Tracked& t, const std::string& callee, const MemberEffect& effect) {
    std::string container;
    for (const clang::ValueDecl* d : effect.path) container += (container.empty() ? "" : ".") + d->getNameAsString();
    std::string in_body = container;  // as the body names it
    if (!effect.body_path.empty()) {
      in_body.clear();
      for (const clang::ValueDecl* d : effect.body_path) in_body += (in_body.empty() ? "" : ".") + d->getNameAsString();
    }
    const std::string inner_change = "'" + effect.inner_mutator + "' on '" + in_body + "'";
    // The caller's object: obj.run() changes obj.items_.
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(f.call)) {
      const clang::Expr* object = member->getImplicitObjectArgument();
      if (object != nullptr && !llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts())) {
        Path base = container_path(object);
        std::string prefix;
        for (const clang::ValueDecl* d : base) prefix += d->getNameAsString() + ".";
        container = prefix + container;
      }
    }
    container = "'" + container + "'";
    const std::string change = "'" + effect.inner_mutator + "' on " + container;
    const bool walking = t.var->isImplicit() && t.range_for != nullptr;
    const std::string remedy =
        walking || inside_loop(f.call)
            ? "call '" + callee + "' after the loop (collect what it needs first), take the " +
                  handle_word(t.handle) + " again after the call, or iterate by index"
            : "copy what you need out of it before calling '" + callee + "', or take the " +
                  handle_word(t.handle) + " again after the call";
    if (t.var->isImplicit() && t.range_for != nullptr) {
      ctx_.report.error(f.call->getBeginLoc(), kName,
                        "the call to '" + callee + "' may invalidate the iterators of the range-for loop that is "
                        "walking " + container + ": it does " + change + "; " + remedy);
      ctx_.report.note(t.range_for->getColonLoc(), "the range-for loop over " + container + " is here");
    } else {
      ctx_.report.error(f.use, kName,
                        std::string(handle_word(t.handle)) + " '" + variable_name(t.var) + "' into " + container +
                            " is used after the call to '" + callee + "', which may have invalidated it (it does " +
                            change + "); " + remedy);
      ctx_.report.note(f.call->getBeginLoc(), "'" + callee + "' is called here");
    }
    ctx_.report.note(effect.inner->getBeginLoc(), inner_change + " is here");
  }

  const clang::FunctionDecl& fn_;
  RuleContext& ctx_;
  std::set<clang::SourceLocation>& reported_;
  clang::ParentMap parents_;
  std::map<const clang::VarDecl*, Path> aliases_;
  std::vector<Transfer> transfers_;
  std::map<std::pair<unsigned, size_t>, unsigned> carried_;  // (handle, transfer): flow slot
  // Indices over the above, built once by index_handles().
  struct Carried {
    size_t transfer;
    unsigned slot;
  };
  std::map<const clang::VarDecl*, unsigned> slot_index_;                          // handle variable: its slot
  std::vector<std::vector<std::pair<const clang::ValueDecl*, unsigned>>> bindings_of_;  // by handle
  std::vector<std::vector<Carried>> carried_of_;                                   // by handle
  std::vector<std::vector<std::pair<unsigned, unsigned>>> carried_by_;             // by transfer: (handle, slot)
  std::map<const clang::Stmt*, std::vector<size_t>> transfers_at_;
  std::map<Path, std::vector<unsigned>> derived_from_;  // container: handles derived from it
  std::map<Path, std::vector<unsigned>> carried_to_;    // container: handles a transfer may carry into it
  std::vector<unsigned> through_handles_;               // handles taken through an iterator
  clang::FileID body_file_;
  std::vector<std::pair<unsigned, unsigned>> scopes_;  // by handle: where it lives (note_scopes)
  // (change, handle): the transfer that carried the handle, and where to.
  std::map<std::pair<const clang::Stmt*, unsigned>, std::pair<const clang::Stmt*, Path>> carried_via_;
  std::map<const clang::Stmt*, const clang::VarDecl*> destroyed_;
  // (swap, handle): the swapped container the handle was into, when it is
  // not the one the call names first (`b` of `a.swap(b)`).
  std::map<std::pair<const clang::Stmt*, unsigned>, Path> other_side_;
  std::set<std::pair<const clang::Stmt*, unsigned>> first_side_;  // scope end: the new owner it destroys
  std::map<const clang::VarDecl*, std::set<Path>> derived_;
  std::vector<Tracked> tracked_;
  std::set<const clang::Stmt*> within_capacity_;  // growth calls that cannot reallocate (growth_within_capacity)
  std::map<const clang::Stmt*, std::string> mutators_;
  std::set<const clang::Stmt*> by_key_;                                 // erase(key) / extract(key) calls
  std::map<const clang::VarDecl*, clang::SourceLocation> origins_;      // where a handle was first taken
  std::map<const clang::VarDecl*, std::optional<std::string>> keys_;    // the constant key it was looked up with
  std::map<const clang::VarDecl*, IteratorName> through_;               // the iterator a reference was taken through
  std::set<const clang::VarDecl*> pointees_;  // handles into what an element owns (*v.front() of unique_ptrs)
  /// What a handle's init named at one place it is made (see note_site).
  struct Site {
    std::set<const clang::ValueDecl*> direct;  // rebindable names, directly
    std::set<const clang::VarDecl*> copied;    // variables it may copy handles from
  };
  std::map<std::pair<const clang::VarDecl*, const void*>, Site> sites_;
  std::map<std::pair<unsigned, const clang::ValueDecl*>, unsigned> bindings_;  // (handle, name): flow slot
  std::map<const clang::ValueDecl*, std::vector<unsigned>> rebound_by_;        // name: its binding slots
  mutable bool follow_derived_ = true;  // sources_of: through variables already derived
  mutable unsigned accessor_depth_ = 0;  // accessors followed through accessors
  mutable std::map<const clang::FunctionDecl*, std::unique_ptr<Analysis>> nested_;  // see accessor_analysis
  mutable std::map<const clang::VarDecl*, bool> sole_owners_;  // see kind_of
  std::vector<Finding> findings_;
  static constexpr unsigned kMaxCallDepth = 4;  // member functions followed through member functions
  std::map<const clang::FunctionDecl*, std::vector<MemberEffect>> effects_;
  std::map<const clang::LambdaExpr*, std::vector<MemberEffect>> lambda_effects_;  // see lambda_effects
  std::map<const clang::ParmVarDecl*, std::vector<MemberEffect>> parameter_effects_;  // see parameter_effects
  std::set<const clang::VarDecl*> holders_;  // local containers of views filled from other containers
  std::deque<MemberEffect> rebased_effects_;  // apply_free_call's, as the caller names them (via_ points here)
  // (member function call, slot): the change in its body that spoiled the slot.
  std::map<std::pair<const clang::Stmt*, unsigned>, const MemberEffect*> via_;
  std::map<const clang::VarDecl*, ElementReference> element_references_;
  /// (call, slot) hit through a possibly aliased element reference: (the
  /// changed reference, the walked one).
  std::map<std::pair<const clang::Stmt*, unsigned>, std::pair<const clang::VarDecl*, const clang::VarDecl*>> aliased_;
};

/// Cheap pre-filter: a non-const member call with a mutating name, an
/// assignment or std::erase/erase_if/swap somewhere in the body.
bool may_mutate_a_container(const clang::Stmt* body) {
  return flow::contains(body, [](const clang::Stmt& s) {
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method == nullptr || method->isConst()) return false;
      // A member function whose body may change a container (followed).
      if (method->hasBody() && !method->isStatic() && !method->isInStdNamespace()) return true;
      return container_kind(call->getImplicitObjectArgument()->getType()) != Kind::none ||
             is_shared_ptr(call->getImplicitObjectArgument()->getType());
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
      // (in >> s reads into its second operand)
      if (op->getOperator() == clang::OO_GreaterGreater && op->getNumArgs() == 2 &&
          container_kind(op->getArg(1)->getType()) != Kind::none) {
        return true;
      }
      return op->getNumArgs() > 0 &&
             (container_kind(op->getArg(0)->getType()) != Kind::none || is_shared_ptr(op->getArg(0)->getType()));
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      // A function of the program handed a container, or an object that may
      // hold one, by non-const reference (followed).
      if (callee != nullptr && !callee->isInStdNamespace() && callee->hasBody() &&
          !llvm::isa<clang::CXXMemberCallExpr, clang::CXXOperatorCallExpr>(call)) {
        for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
          const clang::QualType param = callee->getParamDecl(i)->getType();
          const clang::QualType arg = call->getArg(i)->getType();
          if (param->isLValueReferenceType() && !param.getNonReferenceType().isConstQualified() &&
              (container_kind(arg) != Kind::none || arg->isRecordType())) {
            return true;
          }
        }
      }
      return callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
             (callee->getName() == "erase" || callee->getName() == "erase_if" || callee->getName() == "swap" ||
              callee->getName() == "exchange" || callee->getName() == "getline" ||
              ((callee->getName() == "move" || callee->getName() == "forward") && call->getNumArgs() == 1 &&
               container_kind(call->getArg(0)->getType()) == Kind::owned));
    }
    if (const auto* cast = llvm::dyn_cast<clang::CXXStaticCastExpr>(&s)) {
      return container_kind(cast->getSubExpr()->getType()) == Kind::owned;
    }
    return false;
  });
}

class IteratorInvalidation final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override {
    for (const clang::FunctionDecl* fn : flow::bodies_to_analyse(pattern)) {
      if (fn->getBody() == nullptr || !may_mutate_a_container(fn->getBody())) continue;
      // Its ParentMap and CFG recurse as deep as the body nests.
      flow::with_stack_for(*fn, [&] { Analysis(*fn, ctx, reported_).run(); });
    }
  }

 private:
  std::set<clang::SourceLocation> reported_;  // across instantiations of one template
};

}  // namespace

std::unique_ptr<Rule> make_IteratorInvalidation() { return std::make_unique<IteratorInvalidation>(); }

}  // namespace meshwa::rules
