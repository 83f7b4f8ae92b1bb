// MemberViews: a view member over an owning member of the same class that
// another member function changes (reallocates, clears, moves) without
// re-pointing the view, and copies of a class whose view members look into
// its own members. Looked at once per class at the end of the unit.
#include "Dangling.h"

#include <algorithm>
#include <iterator>

#include "TypeUtil.h"

namespace meshwa::rules::dangling {

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
