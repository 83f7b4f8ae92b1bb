// Reporting: how a finding names the handle, the container and the call that
// changed it, the remedy it suggests, and emit(), which turns the findings of
// the flow into diagnostics with their notes (the member function, the
// transfer, the aliased reference or the holder behind the change).

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <string>

#include "IteratorInvalidation.h"
#include "clang/Lex/Lexer.h"

namespace meshwa::rules::iterator_invalidation {

/// The variable's name; a structured binding's is its bindings: [key, value].
std::string Analysis::variable_name(const clang::VarDecl* var) {
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

const char* Analysis::handle_word(Handle h) {
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
const clang::Expr* Analysis::changed_object(const clang::Stmt* call) {
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

Kind Analysis::changed_kind(const clang::Stmt* call) const {
  const clang::Expr* object = changed_object(call);
  if (object == nullptr) return Kind::none;
  Path p = container_path(object);
  return p.empty() ? Kind::none : kind_of(p.back());
}

/// The changed object is a std::unique_ptr / std::optional / std::variant.
bool Analysis::owner_kind(const clang::Stmt* call) const {
  const clang::Expr* object = changed_object(call);
  if (object == nullptr) return false;
  Path p = container_path(object);
  return !p.empty() && (kind_of(p.back()) == Kind::owner ||
                        kind_of(p.back()) == Kind::owned);
}

std::string Analysis::container_name(const clang::Stmt* call) const {
  const clang::Expr* object = changed_object(call);
  if (object == nullptr) return "the container";
  return path_name(container_path(object));
}

/// The container a finding's handle is into: the changed object, or the
/// other side of a swap (`a.swap(b)`, `std::swap(a, b)` with a handle
/// into `b`).
std::string Analysis::container_name(const Finding& f) const {
  auto other = other_side_.find({f.call, f.slot});
  return other != other_side_.end() ? path_name(other->second) : container_name(f.call);
}

std::string Analysis::path_name(const Path& p) {
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
std::string Analysis::code_name(const clang::Stmt* call) const {
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
std::string Analysis::remedy(const std::string& mutator, const clang::Stmt* call, bool walking, Handle handle) const {
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
bool Analysis::inside_loop(const clang::Stmt* s) const {
  for (const clang::Stmt* at = s; at != nullptr; at = parents_.getParent(at)) {
    if (llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt>(at)) return true;
  }
  return false;
}

void Analysis::emit() {
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
std::string Analysis::moved_from_name(const clang::Stmt* moved, const Path& to) const {
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
void Analysis::emit_destroyed_owner(const Finding& f, const Tracked& t, const clang::VarDecl& owner,
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
void Analysis::emit_carried(const Finding& f, const Tracked& t, const std::string& mutator,
                            const std::string& container, const clang::Stmt* moved, const std::string& from) {
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
void Analysis::emit_alias(const Finding& f, const Tracked& t, const std::string& mutator, const clang::VarDecl* changed,
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
void Analysis::emit_holder(const Finding& f, const Tracked& t, const std::string& mutator,
                           const std::string& container) {
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
void Analysis::emit_member_call(const Finding& f, const Tracked& t, const std::string& callee,
                                const MemberEffect& effect) {
  std::string container;
  for (const clang::ValueDecl* d : effect.path) container += (container.empty() ? "" : ".") + d->getNameAsString();
  std::string in_body = container;  // as the body names it
  if (!effect.body_path.empty()) {
    in_body.clear();
    for (const clang::ValueDecl* d : effect.body_path) in_body += (in_body.empty() ? "" : ".") + d->getNameAsString();
  }
  const std::string inner_change = "'" + effect.inner_mutator + "' on '" + in_body + "'";
  // The caller's object: obj.run() changes obj.items_.
  // (`u = other`: the object is the assignment's left operand.)
  const auto* assignment = llvm::dyn_cast<clang::CXXOperatorCallExpr>(f.call);
  if (assignment != nullptr && (assignment->getOperator() != clang::OO_Equal || assignment->getNumArgs() != 2)) {
    assignment = nullptr;
  }
  if (llvm::isa<clang::CXXMemberCallExpr>(f.call) || assignment != nullptr) {
    const clang::Expr* object = assignment != nullptr
                                    ? assignment->getArg(0)
                                    : llvm::cast<clang::CXXMemberCallExpr>(f.call)->getImplicitObjectArgument();
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

}  // namespace meshwa::rules::iterator_invalidation
