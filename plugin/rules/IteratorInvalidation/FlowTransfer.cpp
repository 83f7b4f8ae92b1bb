// The flow over the CFG: the slots (one per tracked handle, per binding to a
// rebindable name it was derived from, per transfer that may carry it), the
// index of which handles a change may hit, and transfer(): what each
// statement does to them (derives, rebinds, invalidates, uses). Together
// because they all read and write the same flow::State.

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "IteratorInvalidation.h"
#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"

namespace meshwa::rules::iterator_invalidation {

namespace {

/// Is `handle` (an iterator variable's type) one of the iterator types of
/// the container type `container`? A rehash of an unordered container
/// (Effect::iterators) invalidates only those: an iterator of a container
/// that is an element of it (`for (auto& q : m[a])` walks the inner map,
/// whose node does not move) is left alone, as references to the elements
/// are (cereal's PolymorphicCasters, `baseMap[child]` inside a range-for
/// over `baseMap[parent]`). Unknown (a dependent or unusual type): yes.
bool iterator_of(clang::QualType handle, clang::QualType container) {
  const auto* record = container.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || !record->hasDefinition()) return true;
  const clang::QualType wanted = handle.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  bool any = false;
  for (const char* name : {"iterator", "const_iterator", "local_iterator", "const_local_iterator"}) {
    for (const clang::NamedDecl* found : record->lookup(&record->getASTContext().Idents.get(name))) {
      const auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(found);
      if (alias == nullptr) continue;
      any = true;
      if (alias->getUnderlyingType().getCanonicalType().getUnqualifiedType() == wanted) return true;
    }
  }
  return !any;
}

}  // namespace

// --- handles into what a rebindable name refers to --------------------------

/// A name that refers to different objects over time: a reference
/// variable (bound anew each time its declaration runs, `auto& slot =
/// cur->children[c];` in a loop) or a std::reference_wrapper (rebound by
/// assignment). A handle derived from it is into what it referred to then.
bool Analysis::rebindable(const clang::ValueDecl* d) {
  const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(d);
  return var != nullptr && (var->getType()->isReferenceType() || is_reference_wrapper(var->getType()));
}

/// Remembers, for the handle `var` made at `site`, the rebindable names
/// its init names directly and the variables it copies handles from.
void Analysis::note_site(const clang::VarDecl* var, const clang::Expr* init, const void* site) {
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
void Analysis::number_bindings() {
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

/// A handle that no declaration derives, only assignments (a parameter,
/// or `T* p = nullptr;` set later to `p = v.data();`), is into nothing
/// before the first of them runs: a change to `v` before `p = v.data()`
/// spoils nothing. One extra flow slot per such handle, set while the
/// value it holds came from a deriving assignment. Only when every one of
/// them is an assignment the flow sees (not one inside a lambda's body,
/// which the function's CFG does not walk), and not for the holders of
/// views (filled by calls, not assignments).
void Analysis::number_assigned() {
  assigned_slot_.assign(tracked_.size(), -1);
  if (accessor_depth_ > 0) return;
  unsigned next = static_cast<unsigned>(tracked_.size() + bindings_.size() + carried_.size());
  for (size_t i = 0; i < tracked_.size(); ++i) {
    const clang::VarDecl* var = tracked_[i].var;
    if (tracked_[i].range_for != nullptr || tracked_[i].handle == Handle::reference || holders_.count(var) != 0 ||
        through_.count(var) != 0 || deriving_sites_.count({var, var}) != 0) {
      continue;
    }
    bool only_seen_assignments = true;
    for (auto it = deriving_sites_.lower_bound({var, nullptr}); it != deriving_sites_.end() && it->first == var; ++it) {
      if (assignments_outside_lambdas_.count(static_cast<const clang::Stmt*>(it->second)) == 0) {
        only_seen_assignments = false;
      }
    }
    if (only_seen_assignments) assigned_slot_[i] = static_cast<int>(next++);
  }
  assigned_slots_ = next - static_cast<unsigned>(tracked_.size() + bindings_.size() + carried_.size());
}

/// `name` is bound anew: what was derived from it is into the old referee.
void Analysis::rebind(const clang::ValueDecl* name, flow::State& state) const {
  auto it = rebound_by_.find(name);
  if (it == rebound_by_.end()) return;
  for (unsigned slot : it->second) state[slot] = nullptr;
}

/// `var`'s lifetime ended: when it is a container that elements moved
/// into (`{ std::vector<int> w = std::move(v); } use(r);`), the handles
/// carried there now refer to destroyed elements.
void Analysis::destroyed(const clang::VarDecl& var, const clang::Stmt* trigger, flow::State& state) {
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
void Analysis::forget(const clang::VarDecl& var, flow::State& state) const {
  const int i = slot_of(&var);
  if (i < 0) return;
  state[static_cast<unsigned>(i)] = nullptr;
  for (const auto& binding : bindings_of_[static_cast<unsigned>(i)]) state[binding.second] = nullptr;
  for (const Carried& c : carried_of_[static_cast<unsigned>(i)]) state[c.slot] = nullptr;
}

/// Handle `i` is made anew at `site` (statement `s`): it is into what the
/// names in its init refer to now, or into whatever the handles it copies
/// are into.
void Analysis::bind(unsigned i, const void* site, const clang::Stmt& s, flow::State& state) const {
  for (const Carried& c : carried_of_[i]) state[c.slot] = nullptr;  // made anew: into where its init says
  if (i < assigned_slot_.size() && assigned_slot_[i] >= 0) {
    state[static_cast<unsigned>(assigned_slot_[i])] = deriving_sites_.count({tracked_[i].var, site}) != 0 ? &s : nullptr;
  }
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
bool Analysis::bound(unsigned i, const clang::ValueDecl* name, const flow::State& state) const {
  auto it = bindings_.find({i, name});
  return it == bindings_.end() || state[it->second] != nullptr;
}

int Analysis::slot_of(const clang::VarDecl* var) const {
  auto it = slot_index_.find(var);
  return it != slot_index_.end() ? static_cast<int>(it->second) : -1;
}

/// The tracked variable `e` names: a variable, or a structured binding of one.
int Analysis::slot_named(const clang::Expr* e) const {
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
bool Analysis::assigns_held_value(const clang::CXXOperatorCallExpr& op) {
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
bool Analysis::refers_to_held_value(const Tracked& t, const clang::Expr* optional) {
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
bool Analysis::is_insert_result(clang::QualType type) {
  const auto* pair = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
      type.getNonReferenceType()->getAsCXXRecordDecl());
  if (pair == nullptr || !is_std_class(pair, {"pair"})) return false;
  const clang::TemplateArgumentList& args = pair->getTemplateArgs();
  return args.size() == 2 && args[0].getKind() == clang::TemplateArgument::Type &&
         args[1].getKind() == clang::TemplateArgument::Type && args[1].getAsType()->isBooleanType() &&
         handle_kind(args[0].getAsType()) == Handle::iterator;
}

// --- which handles a change may hit -----------------------------------------

/// Who may be hit by a change to a container, found without a pass over
/// every handle (a body with thousands of loops has thousands of them):
/// by handle, its binding and carried slots; by container, the handles
/// derived from it or carried into it.
void Analysis::index_handles() {
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
void Analysis::note_scopes() {
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
unsigned Analysis::offset_of(clang::SourceLocation loc) const {
  const clang::SourceManager& sm = ctx_.ast.getSourceManager();
  if (loc.isInvalid()) return ~0U;
  const clang::SourceLocation at = sm.getExpansionLoc(loc);
  if (sm.getFileID(at) != body_file_) return ~0U;
  return sm.getFileOffset(at);
}

/// May handle `i` be alive at `call`?
bool Analysis::live_at(unsigned i, unsigned call_offset) const {
  if (call_offset == ~0U || i >= scopes_.size()) return true;
  return scopes_[i].first <= call_offset && call_offset <= scopes_[i].second;
}

void Analysis::add_candidate(std::vector<unsigned>& list, unsigned i) {
  if (list.empty() || list.back() != i) list.push_back(i);
}

/// The handles a change to `container` may hit, ascending.
std::vector<unsigned> Analysis::candidates(const Path& container, Effect effect, int argument_slot) const {
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

// --- the flow ---------------------------------------------------------------

/// The string a standard input function reads into, replacing what it
/// held: `std::getline(in, s)`, `in >> s` (the library functions taking a
/// std::string by non-const reference, CERT STR52-CPP). nullptr for
/// anything else.
const clang::Expr* Analysis::string_read_into(const clang::CallExpr& call) {
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
void Analysis::read_into(const clang::Stmt& s, const clang::Expr* target, const char* name, flow::State& state) {
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
const clang::Expr* Analysis::without_prefix_step(const clang::Expr* e) {
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

/// Spoils the handles `call`'s change to `container` hits; returns them.
std::vector<unsigned> Analysis::invalidate(const clang::Stmt& call, const Path& container, Effect effect,
                                           const clang::Expr* argument, flow::State& state) {
  const int argument_slot = argument != nullptr ? slot_named(without_prefix_step(argument)) : -1;
  const std::optional<IteratorName> erased =
      effect == Effect::argument && argument != nullptr ? iterator_name(argument) : std::nullopt;
  const std::optional<std::string> erased_key =
      effect == Effect::key && argument != nullptr ? lookup_key(argument) : std::nullopt;
  std::vector<unsigned> hits;
  const unsigned call_offset = offset_of(call.getBeginLoc());
  for (unsigned i : candidates(container, effect, argument_slot)) {
    if (!live_at(i, call_offset)) continue;
    // Not yet (or no longer) holding a value an assignment derived.
    if (i < assigned_slot_.size() && assigned_slot_[i] >= 0 && state[static_cast<unsigned>(assigned_slot_[i])] == nullptr) continue;
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
    // Handles into what an element owns (a std::unique_ptr's pointee, the
    // elements of a vector moved into `out` as one of its elements) survive
    // the element's moving.
    const bool owned_by_element = pointees_.count(tracked_[i].var) != 0 ||
                                  (moved_by != nullptr && carried_into_element(i, container, state));
    switch (effect) {
      case Effect::all: hit = true; break;
      case Effect::relocation: hit = !owned_by_element; break;
      case Effect::iterators:
        hit = tracked_[i].handle == Handle::iterator && !owned_by_element &&
              (llvm::isa<clang::DecompositionDecl>(tracked_[i].var) ||  // auto [it, inserted] = s.insert(x)
               iterator_of(tracked_[i].var->getType(), container.back()->getType()));
        break;
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
        hit = !(erased_key && key != keys_.end() && key->second && obviously_different(*key->second, *erased_key));
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

void Analysis::transfer(const clang::Stmt& s, flow::State& state, bool report) {
  transfer_one(s, state, report);
  if (!carried_.empty()) carry(s, state);
}

void Analysis::transfer_one(const clang::Stmt& s, flow::State& state, bool report) {
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
    if (apply_assignment(*op, state)) return;
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
bool Analysis::tests_presence(const clang::DeclRefExpr* ref) const {
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

}  // namespace meshwa::rules::iterator_invalidation
