// Roots of views copied out of something that holds them: an element of a
// std container / optional / pair of views (`views.at(0)`), or what a method
// of a cursor (a class of the program holding only views and handles, LevelDB's
// `Block::Iter`) returns. Such a view looks where the holder's views look,
// not into the holder, which is why these are judged apart from of_object.
#include "Dangling.h"

#include "TypeUtil.h"

namespace meshwa::rules::dangling {

namespace {

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

/// `e` (in a cursor's method) is a pointer member of the cursor: of `this`
/// (`p_`) or of a part of it held by value that is itself a cursor (Eigen's
/// evaluator: `m_d.data` with `struct { const Scalar* data; Index
/// stride; } m_d;`), through a const_cast (`const_cast<T*>(m_d.data)`
/// points where m_d.data does). A cursor owns nothing but numbers, so what
/// such a pointer points to is not in it.
bool is_pointer_member_of_cursor(const clang::Expr* e, unsigned depth) {
  if (e == nullptr || depth > 8) return false;
  e = e->IgnoreParenImpCasts();
  if (const auto* cast = llvm::dyn_cast<clang::CXXConstCastExpr>(e)) {
    return is_pointer_member_of_cursor(cast->getSubExpr(), depth + 1);
  }
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
  const auto* field = member != nullptr ? llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl()) : nullptr;
  if (field == nullptr || !field->getType()->isPointerType()) return false;
  const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
  while (!llvm::isa<clang::CXXThisExpr>(base)) {
    // The part held by value: `this->m_d`, `this->m_d.inner`.
    const auto* part = llvm::dyn_cast<clang::MemberExpr>(base);
    const auto* part_field = part != nullptr ? llvm::dyn_cast<clang::FieldDecl>(part->getMemberDecl()) : nullptr;
    if (part_field == nullptr || part_field->getType()->isReferenceType() ||
        !is_view_holder_with_number_classes(part_field->getType().getUnqualifiedType())) {
      return false;
    }
    base = part->getBase()->IgnoreParenImpCasts();
    if (part->isArrow() && !llvm::isa<clang::CXXThisExpr>(base)) return false;  // (what another pointer points to)
  }
  return true;
}

}  // namespace

/// `call` hands out a std::string_view / std::span stored in `object`, a
/// std container, optional, pair or tuple of views (`views.at(0)`,
/// `views[0]`, `opt.value()`, `*opt`): copying it gives a view of what
/// the element views, not of the holder.
bool Roots::is_held_view(const clang::Expr* call, const clang::Expr* object) {
  return call->isGLValue() && is_owner_view(call->getType()) && !object->getType()->isPointerType() &&
         holds_owner_views(object->getType().getNonReferenceType());
}

/// `iters.at(0)`, `iters.front()` of a std container of iterators: a copy
/// of the stored iterator is into wherever that one was taken, not into
/// the container holding it (not followed further).
bool Roots::copies_held_iterator(const clang::Expr* call, const clang::Expr* object) {
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
std::optional<Root> Roots::of_held_view(const clang::Expr* object, unsigned depth) const {
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
bool Roots::every_return_is(const clang::FunctionDecl& definition, Pred ok) {
  bool any = false;
  const bool failed = flow::contains_outside_lambdas(definition.getBody(), [&](const clang::Stmt& s) {
    const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s);
    if (ret == nullptr) return false;
    any = true;
    return ret->getRetValue() == nullptr || !ok(ret->getRetValue());
  });
  return any && !failed;
}

/// A method of a cursor (is_view_holder: a class of the program holding
/// only views, iterators, references, pointers and numbers, LevelDB's
/// `Block::Iter`) returning a view by value, whose every return copies
/// what a handle member views (`return key_;`, `return data_.substr(p);`,
/// `return it_->first;`, `?:` of those, or an empty view), hands back a
/// parameter or calls through a pointer member (toml++'s `node_view::
/// value_or`: `if (node_) return node_->value_or(fb); return fb;`). Its
/// result views what the cursor views or what the caller passed, never
/// the cursor itself, which owns nothing a view could point into (the
/// caller asks of_matching_argument about the arguments).
bool Roots::returns_held_view(const clang::CXXMethodDecl& method) const {
  if (method.isStatic() || !is_view(method.getReturnType()) || method.getReturnType()->isReferenceType() ||
      !is_view_holder(method.getASTContext().getRecordType(method.getParent()))) {
    return false;
  }
  const clang::FunctionDecl* definition = definition_with_body(&method);
  if (definition == nullptr) return false;
  // Asked at every call of the method: its body is walked once.
  std::map<const clang::FunctionDecl*, bool>& cache = caches_->held_view;
  if (auto it = cache.find(definition); it != cache.end()) return it->second;
  const bool held = every_return_is(*definition, [this, definition](const clang::Expr* e) {
    return copies_handle_member(e, 0) || hands_on_parameter_or_pointee_view(e, *definition, 0);
  });
  cache[definition] = held;
  return held;
}

/// Is `e` (a return of a cursor's method `definition`) one of the method's
/// own parameters (`return fallback;`, `return static_cast<T&&>(fallback);`,
/// `return value_type{fallback};`), or a view a method called through a
/// pointer member hands out (`return node_->value_or(fallback);`, toml++'s
/// node_view)? Neither is in the cursor: the first is what the caller
/// passed (of_matching_argument judges it), the second is in the object
/// pointed to or in the arguments handed on (returns_parameter follows
/// those).
bool Roots::hands_on_parameter_or_pointee_view(const clang::Expr* e, const clang::FunctionDecl& definition,
                                               unsigned depth) const {
  if (e == nullptr || depth > 8) return false;
  e = e->IgnoreImplicit()->IgnoreParens();
  if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) {
    return hands_on_parameter_or_pointee_view(cast->getSubExpr(), definition, depth + 1);
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    return construct->getNumArgs() == 1 && hands_on_parameter_or_pointee_view(construct->getArg(0), definition, depth + 1);
  }
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
    return list->getNumInits() == 1 && hands_on_parameter_or_pointee_view(list->getInit(0), definition, depth + 1);
  }
  if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
    return llvm::all_of(arms_that_can_run(*conditional), [&](const clang::Expr* arm) {
      return copies_handle_member(arm, depth + 1) || hands_on_parameter_or_pointee_view(arm, definition, depth + 1);
    });
  }
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(ref->getDecl());
    return param != nullptr && param->getDeclContext() == &definition;
  }
  return calls_through_pointer_member(e);
}

/// `p_->view()`, `this->m_d.p->name()`: a view or reference a method of
/// the object a cursor's pointer member points to returns.
bool Roots::calls_through_pointer_member(const clang::Expr* e) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()->IgnoreParens());
  if (call == nullptr || !(is_view(call->getType()) || call->isGLValue())) return false;
  const clang::Expr* object = call->getImplicitObjectArgument();
  return object != nullptr && object->getType()->isPointerType() && is_pointer_member_of_cursor(object, 0);
}

/// A method of a cursor (is_view_holder) returning a reference, whose
/// every return is what a reference member of `this` refers to (`return
/// i_;`, `return r_.name;`) or what a handle member views (`*it_`,
/// `it_->second`, `data_[i]`): the result is in what the cursor was made
/// from, not in the cursor (`fm.planes().inner()` with `struct Ref {
/// const T& i_; const T& inner() const { return i_; } };`). A reference
/// to a field the cursor holds by value (`return key_;` of a view
/// member) is into the cursor itself and is not one.
bool Roots::returns_held_reference(const clang::CXXMethodDecl& method) const {
  // (Its numbers may sit in classes of numbers: a reference to one is
  // still into the cursor, refers_through_handle_member says no to it.)
  if (method.isStatic() || !method.getReturnType()->isReferenceType() ||
      !is_view_holder_with_number_classes(method.getASTContext().getRecordType(method.getParent()))) {
    return false;
  }
  const clang::FunctionDecl* definition = definition_with_body(&method);
  if (definition == nullptr) return false;
  std::map<const clang::FunctionDecl*, bool>& cache = caches_->held_reference;
  if (auto it = cache.find(definition); it != cache.end()) return it->second;
  const bool held =
      every_return_is(*definition, [this](const clang::Expr* e) { return refers_through_handle_member(e, 0); });
  cache[definition] = held;
  return held;
}

/// Is the glvalue `e` (in a cursor's method) in what a handle member of
/// `this` refers to: a reference member, a part of one, an element of a
/// std container it refers to (`table_.at(k)`, `table_[k]`), or what a
/// handle member views (`*it_`, `it_->first`, `data_[i]`)?
bool Roots::refers_through_handle_member(const clang::Expr* e, unsigned depth) const {
  if (e == nullptr || depth > 8) return false;
  e = e->IgnoreImplicit()->IgnoreParens();
  if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
    // Every arm that can run (`kDebug ? r_.name : key_` with a constant
    // kDebug: only the one it picks).
    return llvm::all_of(arms_that_can_run(*conditional),
                        [&](const clang::Expr* arm) { return refers_through_handle_member(arm, depth + 1); });
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    if (field == nullptr) return false;
    const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
    if (llvm::isa<clang::CXXThisExpr>(base)) return field->getType()->isReferenceType();
    if (member->isArrow() && is_pointer_member_of_cursor(base, 0)) return true;  // p_->name
    if (member->isArrow()) return through_handle_member(base, depth);  // it_->first
    return refers_through_handle_member(base, depth + 1);              // r_.name
  }
  if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
    // m_d.data[i], p_[i] of a pointer member: in what it points to (a C
    // array member is the cursor's own storage: not this).
    return is_pointer_member_of_cursor(subscript->getBase(), 0);
  }
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e); unary != nullptr && unary->getOpcode() == clang::UO_Deref) {
    return is_pointer_member_of_cursor(unary->getSubExpr(), 0);  // *p_
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
bool Roots::copies_handle_member(const clang::Expr* e, unsigned depth) const {
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
    return llvm::all_of(arms_that_can_run(*conditional),
                        [&](const clang::Expr* arm) { return copies_handle_member(arm, depth + 1); });
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
bool Roots::through_handle_member(const clang::Expr* e, unsigned depth) const {
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
std::optional<Root> Roots::of_cursor(const clang::Expr* object, unsigned depth) const {
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

}  // namespace meshwa::rules::dangling
