// Elements that move to another owner: `w = std::move(v)`, splice, merge,
// node insertion, swap. A handle into the source is into the destination
// from then on (one extra flow slot per handle and transfer), and what frees
// the destination's elements frees them.

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "IteratorInvalidation.h"
#include "TypeUtil.h"

namespace meshwa::rules::iterator_invalidation {

/// The container `e` hands on as an rvalue: std::move(c), static_cast<C&&>(c).
Path Analysis::moved_path(const clang::Expr* e) const {
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
bool Analysis::carries(const Path& from, const Path& to) const {
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

void Analysis::collect_transfers(const clang::Stmt* body) {
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
      // out.push_back(std::move(v)): v's elements are now out's element's.
      static constexpr llvm::StringLiteral kAppends[] = {"push_back", "emplace_back", "push_front", "emplace_front",
                                                        "insert", "emplace"};
      if (llvm::is_contained(kAppends, name) && call->getNumArgs() >= 1) {
        const clang::Expr* last = call->getArg(call->getNumArgs() - 1);
        if (moves_into_element(last, to)) transfers_.push_back({&s, moved_path(last), to, nullptr, true});
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
void Analysis::note_swap_sides(const clang::Stmt& s, const std::vector<unsigned>& first,
                               const std::vector<unsigned>& second, const Path& other) {
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
bool Analysis::is_std_swap(const clang::CallExpr& call) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  return callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
         callee->getName() == "swap" && call.getNumArgs() == 2;
}

/// What a swap of `a` with `b` (std::swap(a, b), a.swap(b)) does to the
/// handles into `a`: when the swap is followed (a transfer carries each
/// side's handles to the other), what the table says; otherwise the
/// elements went where the analysis cannot see them change or go away:
/// every handle.
Effect Analysis::swap_effect_on(const Path& a, const Path& b, const clang::Stmt& s) const {
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
void Analysis::number_carried() {
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
bool Analysis::moves_with(const clang::VarDecl* var, const Transfer& transfer) const {
  if (transfer.only == nullptr || var == transfer.only) return true;
  auto through = through_.find(var);
  return through != through_.end() && through->second == IteratorName{transfer.only, nullptr};
}

/// Transfers made by `s`: the handles into `from` now (derived from it, or
/// carried there by an earlier transfer) are into `to`.
void Analysis::carry(const clang::Stmt& s, flow::State& state) const {
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

/// `std::move(v)` handed to a growth call of `to` whose elements are of v's
/// own type (a std::vector<std::vector<int>>): the new element takes v's
/// buffer, and what v held stays in place. Not a std::string, whose short
/// buffer is copied.
bool Analysis::moves_into_element(const clang::Expr* moved, const Path& to) const {
  const Path from = moved_path(moved);
  if (from.empty() || to.empty() || from == to) return false;
  const clang::QualType from_type = from.back()->getType().getNonReferenceType();
  const Kind kind = kind_of(from.back());
  const auto* record = from_type->getAsCXXRecordDecl();
  if (record == nullptr || (record->getIdentifier() != nullptr && record->getName() == "basic_string") ||
      !(kind == Kind::contiguous || kind == Kind::deque || kind == Kind::node || kind == Kind::unordered)) {
    return false;
  }
  const auto* holder = to.back()->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (holder == nullptr || !holder->isInStdNamespace() || holder->getIdentifier() == nullptr ||
      !llvm::is_contained({llvm::StringRef("vector"), llvm::StringRef("deque"), llvm::StringRef("list")},
                          holder->getName())) {
    return false;
  }
  const clang::QualType element = first_type_argument(holder);
  return !element.isNull() && element.getCanonicalType().getUnqualifiedType() ==
                                  from_type.getCanonicalType().getUnqualifiedType();
}

/// Is handle `i` into `container` because an element transfer
/// (`out.push_back(std::move(v))`) carried it there?
bool Analysis::carried_into_element(unsigned i, const Path& container, const flow::State& state) const {
  for (const Carried& c : carried_of_[i]) {
    if (state[c.slot] != nullptr && transfers_[c.transfer].to == container && transfers_[c.transfer].into_element) {
      return true;
    }
  }
  return false;
}

/// The transfer that made handle `i` into `container`, if it did.
const clang::Stmt* Analysis::carried_into(unsigned i, const Path& container, const flow::State& state) const {
  for (const Carried& c : carried_of_[i]) {
    if (state[c.slot] != nullptr && transfers_[c.transfer].to == container) return state[c.slot];
  }
  return nullptr;
}

/// Has handle `i`'s element moved out of `container` (a transfer from it
/// carried the handle away)?
bool Analysis::left(unsigned i, const Path& container, const flow::State& state) const {
  for (const Carried& c : carried_of_[i]) {
    if (state[c.slot] != nullptr && transfers_[c.transfer].from == container) return true;
  }
  return false;
}

}  // namespace meshwa::rules::iterator_invalidation
