// Addresses that an owner keeps valid: an operator-> that returns `this`,
// a member's address or what an owning member holds (check_arrow_operator),
// and std::shared_ptr's aliasing constructor given a subobject of what its
// first argument owns (check_aliased_pointer). Both ask what an expression
// reaches through the members of the object that owns it.
#include "RawPointer.h"

#include "Annotations.h"
#include "TypeUtil.h"

namespace meshwa::rules::raw_pointer {

/// A user-defined `operator->` (not one of a lambda).
bool RawPointer::is_arrow_operator(const clang::FunctionDecl& fn) {
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
  return method != nullptr && method->getOverloadedOperator() == clang::OO_Arrow && !method->getParent()->isLambda();
}

/// A class that owns the one object it points to: std::unique_ptr,
/// std::shared_ptr, std::optional, meshwa::Owned, meshwa::Shared (also as
/// written in a template, `std::unique_ptr<T>`).
bool RawPointer::is_owning_holder(clang::QualType type) {
  if (type.isNull()) return false;
  type = type.getNonReferenceType();
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (record == nullptr) {
    if (const auto* spec = type->getAs<clang::TemplateSpecializationType>()) {
      if (const auto* tmpl = llvm::dyn_cast_or_null<clang::ClassTemplateDecl>(spec->getTemplateName().getAsTemplateDecl())) {
        record = tmpl->getTemplatedDecl();
      }
    }
  }
  if (record == nullptr) return false;
  if (is_std_class(record, {"unique_ptr", "shared_ptr", "optional"})) return true;
  const std::string name = record->getQualifiedNameAsString();
  return name == "meshwa::Owned" || name == "meshwa::Shared";
}

/// `conn_`, `this->conn_`, `(*this).conn_`, `state_.conn` (through data
/// members reached with `.`): a member of the object itself.
bool RawPointer::is_own_member(const clang::Expr* e, int depth) {
  if (e == nullptr || depth > 8) return false;
  e = e->IgnoreParenImpCasts();
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return false;
    const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
    if (llvm::isa<clang::CXXThisExpr>(base)) return true;
    if (member->isArrow()) return false;
    if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(base);
        deref != nullptr && deref->getOpcode() == clang::UO_Deref) {
      return llvm::isa<clang::CXXThisExpr>(deref->getSubExpr()->IgnoreParenImpCasts());
    }
    return is_own_member(base, depth + 1);
  }
  // `rep_.second` in a class template whose `rep_` is a std::pair<int, T>:
  // not resolved until instantiation, but still a data member reached
  // with `.` from a member (a member function's name cannot have its
  // address taken with this syntax).
  if (const auto* dependent = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(e)) {
    return !dependent->isArrow() && !dependent->isImplicitAccess() && is_own_member(dependent->getBase(), depth + 1);
  }
  return false;
}

/// A member that owns what it points to (is_owning_holder).
bool RawPointer::is_owning_member(const clang::Expr* e) {
  return e != nullptr && is_own_member(e) && is_owning_holder(e->IgnoreParenImpCasts()->getType());
}

/// `*ptr_`, `ptr_.value()` of an owning member: the object it holds.
bool RawPointer::is_owned_object(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op != nullptr && op->getOpcode() == clang::UO_Deref) {
    return is_owning_member(op->getSubExpr());
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
      op != nullptr && op->getOperator() == clang::OO_Star && op->getNumArgs() == 1) {
    return is_owning_member(op->getArg(0));
  }
  return is_owning_member_call(e, {"value"});
}

/// A member the object holds by value (`rep_`, `state_.items`), not a
/// reference member: its parts live exactly as long as the object.
bool RawPointer::is_own_value_member(const clang::Expr* e) {
  if (e == nullptr || !is_own_member(e)) return false;
  // Every field on the way (`state_.items`) held by value; a member of a
  // class template reached through a dependent type is not known to be.
  for (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts()); member != nullptr;
       member = llvm::dyn_cast<clang::MemberExpr>(member->getBase()->IgnoreParenImpCasts())) {
    if (member->getMemberDecl()->getType()->isReferenceType()) return false;
    const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
    if (llvm::isa<clang::CXXThisExpr>(base) || llvm::isa<clang::UnaryOperator>(base)) return true;
  }
  return false;
}

/// The member or the call of `e` (`obj.name(...)`, also dependent in a
/// template), with the name called; null object otherwise.
const clang::Expr* RawPointer::called_member_object(const clang::Expr* e, clang::DeclarationName& name) {
  const clang::Expr* callee = nullptr;
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
    if (op->getOperator() != clang::OO_Subscript || op->getNumArgs() != 2) return nullptr;
    name = op->getDirectCallee() != nullptr ? op->getDirectCallee()->getDeclName() : clang::DeclarationName();
    return op->getArg(0);
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) callee = call->getCallee()->IgnoreParenImpCasts();
  if (const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(callee)) {
    name = member->getMemberDecl()->getDeclName();
    return member->isArrow() ? nullptr : member->getBase();
  }
  if (const auto* dependent = llvm::dyn_cast_or_null<clang::CXXDependentScopeMemberExpr>(callee)) {
    name = dependent->getMember();
    return dependent->isArrow() ? nullptr : dependent->getBase();
  }
  return nullptr;
}

/// `std::get<1>(x)` / `std::get<T>(x)`, resolved or (in a template) not
/// yet: its one argument, else null.
const clang::Expr* RawPointer::std_get_argument(const clang::Expr* e) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
  if (call == nullptr || call->getNumArgs() != 1 || llvm::isa<clang::CXXMemberCallExpr>(call)) return nullptr;
  const clang::Expr* callee = call->getCallee()->IgnoreParenImpCasts();
  if (const clang::FunctionDecl* fn = call->getDirectCallee()) {
    if (!fn->isInStdNamespace() || fn->getIdentifier() == nullptr || fn->getName() != "get") return nullptr;
    return call->getArg(0);
  }
  const auto* lookup = llvm::dyn_cast<clang::UnresolvedLookupExpr>(callee);
  if (lookup == nullptr || !lookup->getName().isIdentifier() || lookup->getName().getAsString() != "get" ||
      lookup->getNumDecls() == 0) {
    return nullptr;
  }
  for (const clang::NamedDecl* decl : lookup->decls()) {
    if (!decl->isInStdNamespace()) return nullptr;
  }
  return call->getArg(0);
}

/// A part of a member the object holds by value: `std::get<1>(rep_)` of a
/// std::tuple / std::pair / std::variant / std::array member (the
/// compressed-pair idiom of abseil and fmt; a wrong variant alternative
/// throws), an element of a std container member (`items_.back()`,
/// `items_[i]`, `items_.at(k)`; bounds-checked under _GLIBCXX_ASSERTIONS).
/// It lives as long as the member does, exactly like what `T& operator*()
/// { return items_.back(); }` returns; a reference member's elements
/// (`std::vector<T>& pool_`) are someone else's and do not count.
bool RawPointer::is_member_part(const clang::Expr* e, int depth) {
  if (e == nullptr || depth > 8) return false;
  e = e->IgnoreParenImpCasts();
  const auto whole = [depth](const clang::Expr* object) {
    return is_own_value_member(object) || is_member_part(object, depth + 1);
  };
  if (const clang::Expr* arg = std_get_argument(e)) return whole(arg);
  clang::DeclarationName name;
  const clang::Expr* object = called_member_object(e, name);
  if (object == nullptr || !whole(object)) return false;
  const clang::QualType type = object->IgnoreParenImpCasts()->getType().getNonReferenceType();
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (record == nullptr) {
    if (const auto* spec = type->getAs<clang::TemplateSpecializationType>()) {
      if (const auto* tmpl = llvm::dyn_cast_or_null<clang::ClassTemplateDecl>(spec->getTemplateName().getAsTemplateDecl())) {
        record = tmpl->getTemplatedDecl();
      }
    }
  }
  if (!is_std_class(record, {"vector", "deque", "array", "list", "forward_list", "map", "unordered_map"})) return false;
  if (name.getCXXOverloadedOperator() == clang::OO_Subscript) return true;
  if (!name.isIdentifier()) return false;
  const llvm::StringRef called = name.getAsIdentifierInfo()->getName();
  return called == "front" || called == "back" || called == "at";
}

/// `**this`, `operator*()`, `(*this).operator*()`: what the class's own
/// operator* returns (the iterator idiom `return &**this;`,
/// `std::addressof(operator*())`), as safe as that reference.
bool RawPointer::is_own_dereference(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  const auto is_this = [](const clang::Expr* x) {
    x = x->IgnoreParenImpCasts();
    if (llvm::isa<clang::CXXThisExpr>(x)) return true;
    const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(x);
    return deref != nullptr && deref->getOpcode() == clang::UO_Deref &&
           llvm::isa<clang::CXXThisExpr>(deref->getSubExpr()->IgnoreParenImpCasts());
  };
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
    return op->getOperator() == clang::OO_Star && op->getNumArgs() == 1 && is_this(op->getArg(0));
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    return method != nullptr && method->getOverloadedOperator() == clang::OO_Star &&
           call->getImplicitObjectArgument() != nullptr && is_this(call->getImplicitObjectArgument());
  }
  // In a class template, `**this` before instantiation.
  const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(e);
  return deref != nullptr && deref->getOpcode() == clang::UO_Deref && e->isTypeDependent() &&
         is_this(deref->getSubExpr());
}

/// `*it_`, `it_->first`, `(*it_).second` of an iterator member: the
/// element the wrapped iterator designates, what `operator*` returning
/// `*it_` gives (a key iterator, an adaptor). In a class template, a
/// member of a dependent type reached the same way.
bool RawPointer::is_through_iterator_member(const clang::Expr* e, int depth) {
  if (e == nullptr || depth > 8) return false;
  e = e->IgnoreParenImpCasts();
  const auto iterator_member = [](const clang::Expr* x) {
    x = x->IgnoreParenImpCasts();
    if (!is_own_member(x)) return false;
    const clang::QualType type = x->getType().getNonReferenceType();
    if (type->isDependentType()) return true;
    const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
    return record != nullptr && is_iterator_class(record) && !is_owning_iterator_class(record);
  };
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {  // *it_, it_.operator->()
    return (op->getOperator() == clang::OO_Star || op->getOperator() == clang::OO_Arrow) && op->getNumArgs() == 1 &&
           iterator_member(op->getArg(0));
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {  // it_->first, (*it_).second
    if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return false;
    return is_through_iterator_member(member->getBase(), depth + 1);
  }
  if (const auto* dependent = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(e)) {
    if (dependent->isImplicitAccess()) return false;
    const clang::Expr* base = dependent->getBase();
    return (dependent->isArrow() && iterator_member(base)) || is_through_iterator_member(base, depth + 1);
  }
  if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(e)) {  // *it_ of a dependent type
    return deref->getOpcode() == clang::UO_Deref && e->isTypeDependent() && iterator_member(deref->getSubExpr());
  }
  return false;
}

/// `ptr_.get()`, `ptr_.operator->()`, `opt_.value()` (names as given) on an
/// owning member, also as a dependent call in a template.
bool RawPointer::is_owning_member_call(const clang::Expr* e, std::initializer_list<llvm::StringRef> names) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e->IgnoreParenImpCasts());
  if (call == nullptr || call->getNumArgs() != 0) return false;
  const clang::Expr* callee = call->getCallee()->IgnoreParenImpCasts();
  clang::DeclarationName name;
  const clang::Expr* object = nullptr;
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(callee)) {
    name = member->getMemberDecl()->getDeclName();
    object = member->isArrow() ? nullptr : member->getBase();
  } else if (const auto* dependent = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(callee)) {
    name = dependent->getMember();
    object = dependent->isArrow() ? nullptr : dependent->getBase();
  }
  if (object == nullptr || !is_owning_member(object)) return false;
  const bool arrow = name.getCXXOverloadedOperator() == clang::OO_Arrow;
  for (llvm::StringRef n : names) {
    if (n == "operator->" ? arrow : (name.isIdentifier() && name.getAsIdentifierInfo()->getName() == n)) return true;
  }
  return false;
}

/// What an accepted operator-> may return: `this`, the address of a
/// member (`&conn_`, `std::addressof(conn_)`), or of the object an owning
/// member holds (`ptr_.get()`, `ptr_.operator->()`, `&*ptr_`,
/// `&opt_.value()`); either side of a `?:` of those. The `&` and
/// addressof calls among them are appended to `addresses`.
bool RawPointer::is_owned_address(const clang::Expr* e, llvm::SmallVectorImpl<const clang::Expr*>& addresses, int depth) {
  if (e == nullptr || depth > 8) return false;
  e = e->IgnoreParenImpCasts();
  if (llvm::isa<clang::CXXThisExpr>(e)) return true;
  if (const auto* cond = llvm::dyn_cast<clang::ConditionalOperator>(e)) {
    return is_owned_address(cond->getTrueExpr(), addresses, depth + 1) &&
           is_owned_address(cond->getFalseExpr(), addresses, depth + 1);
  }
  if (is_owning_member_call(e, {"get", "operator->"})) return true;
  const clang::Expr* object = nullptr;
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op != nullptr && op->getOpcode() == clang::UO_AddrOf) {
    object = op->getSubExpr();
  } else if (const clang::CallExpr* call = address_of_call(*e); call != nullptr && call->getNumArgs() == 1) {
    object = call->getArg(0);
  }
  if (object == nullptr) return false;
  if (!is_own_member(object) && !is_owned_object(object) && !is_member_part(object) && !is_own_dereference(object) &&
      !is_through_iterator_member(object)) {
    return false;
  }
  addresses.push_back(e);
  return true;
}

/// The return statements of `body`, not those of lambdas in it.
void RawPointer::collect_returns(const clang::Stmt* s, llvm::SmallVectorImpl<const clang::ReturnStmt*>& out) {
  if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) return;
  if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) out.push_back(ret);
  for (const clang::Stmt* child : s->children()) collect_returns(child, out);
}

/// The definition of operator-> returns only what is_owned_address
/// accepts; the first return that does not is put in `offending` (null
/// when the body is not visible or returns nothing).
bool RawPointer::arrow_returns_owned(const clang::FunctionDecl& fn, const clang::ReturnStmt*& offending,
                                     llvm::SmallVectorImpl<const clang::Expr*>& addresses) {
  offending = nullptr;
  const clang::FunctionDecl* def = fn.getDefinition();
  if (def == nullptr) def = fn.getTemplateInstantiationPattern();
  if (def == nullptr || !def->hasBody()) return false;
  llvm::SmallVector<const clang::ReturnStmt*, 4> returns;
  collect_returns(def->getBody(), returns);
  for (const clang::ReturnStmt* ret : returns) {
    if (!is_owned_address(ret->getRetValue(), addresses)) {
      offending = ret;
      return false;
    }
  }
  return !returns.empty();
}

/// `Connection* operator->() { return &conn_; }`: the language requires
/// operator-> to return a pointer (or a class with operator->), so the
/// usual remedy (return a reference) cannot be applied. When every return
/// gives `this`, the address of a member or the object an owning member
/// holds, it is as safe as `Connection& operator*() { return conn_; }`:
/// the caller writes `h->send()`; naming the pointer (`auto* p =
/// h.operator->()`) is a pointer variable and still rejected. Otherwise
/// the error says what operator-> may return, with a note at the return.
void RawPointer::check_arrow_operator(const clang::FunctionDecl& fn, RuleContext& ctx) {
  const clang::QualType type = fn.getReturnType();
  if (!type->isPointerType() || type->isFunctionPointerType()) {
    report_type(fn, type, "result",
                "return a value, a reference to something that outlives the call, std::optional, or "
                "std::unique_ptr for ownership",
                ctx, fn.getReturnTypeSourceRange().getBegin());
    return;
  }
  const clang::ReturnStmt* offending = nullptr;
  llvm::SmallVector<const clang::Expr*, 4> addresses;
  if (arrow_returns_owned(fn, offending, addresses)) return;
  ctx.report.error(fn.getReturnTypeSourceRange().getBegin(), kName,
                   "operator-> returns the raw pointer '" + type_name(type, ctx) +
                       "', which the language requires of it, but nothing shows what keeps the object alive; return "
                       "only 'this', the address of a member or of a part of one (&member_, &std::get<1>(rep_), "
                       "&items_.back()) or the object an owning member holds "
                       "(ptr_.get() or &*ptr_ of a std::unique_ptr, std::shared_ptr, std::optional, meshwa::Owned), "
                       "or drop operator-> and offer only operator* returning a reference")
      << fn.getReturnTypeSourceRange();
  if (offending != nullptr) {
    ctx.report.note(offending->getRetValue() != nullptr ? offending->getRetValue()->getExprLoc() : offending->getReturnLoc(),
                    "this returns a pointer that is not 'this', the address of a member or the object an owning "
                    "member holds");
  } else if (fn.getDefinition() == nullptr) {
    ctx.report.note(fn.getLocation(), "'operator->' is not defined in this file, so what it returns cannot be seen");
  }
}

/// `&conn_` (or std::addressof(conn_)) returned by an operator-> that
/// check_arrow_operator accepts.
bool RawPointer::is_returned_by_accepted_arrow(const clang::Expr& taken, RuleContext& ctx) {
  const clang::FunctionDecl* fn = ctx.enclosing_function();
  if (fn == nullptr || !is_arrow_operator(*fn) || !fn->getReturnType()->isPointerType()) return false;
  const clang::ReturnStmt* offending = nullptr;
  llvm::SmallVector<const clang::Expr*, 4> addresses;
  if (!arrow_returns_owned(*fn, offending, addresses)) return false;
  return llvm::is_contained(addresses, &taken);
}

/// `std::shared_ptr<Member> m(owner, &owner->member)`,
/// `std::shared_ptr<int>(sp, &sp->field)`, `{sp, &sp.get()->a.b}`,
/// `(std::move(sp), &sp->arr[1])`: the aliasing constructor of
/// std::shared_ptr given the address of a subobject of the object that the
/// shared_ptr passed as its first argument owns. The result shares that
/// ownership and keeps the whole object alive: the pointer is owned, not
/// raw. A subobject is reached through non-static, non-reference data
/// members, C array and std::array elements only (not through a raw
/// pointer member, nor into a std::vector's buffer), from `sp->`, `(*sp).`
/// or `sp.get()->`, where `sp` names the very shared_ptr (a variable or a
/// member) that is the first argument.
bool RawPointer::is_aliased_subobject(const clang::Expr& taken, RuleContext& ctx) {
  const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(ctx.parent_ignoring_implicit());
  if (construct == nullptr || construct->getNumArgs() != 2) return false;
  if (!is_std_class(construct->getConstructor()->getParent(), {"shared_ptr"})) return false;
  if (construct->getArg(1)->IgnoreParenImpCasts() != &taken) return false;
  const clang::Expr* owner = shared_ptr_object(construct->getArg(0));
  if (owner == nullptr) return false;
  const clang::Expr* e = nullptr;
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&taken)) {
    e = op->getSubExpr();
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&taken)) {
    e = call->getArg(0);  // std::addressof(sp->member)
  }
  return is_owned_subobject(e, owner);
}

/// `e` is a subobject of what the shared_ptr `owner` owns: reached from
/// `sp->`, `(*sp).` or `sp.get()->` through non-static, non-reference
/// data members, C array and std::array elements (is_aliased_subobject).
bool RawPointer::is_owned_subobject(const clang::Expr* e, const clang::Expr* owner) {
  for (int depth = 0; depth < 16 && e != nullptr; ++depth) {
    e = e->IgnoreParens();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
      if (field == nullptr || field->getType()->isReferenceType()) return false;
      if (!member->isArrow()) {
        e = member->getBase();
        continue;
      }
      // sp->member (operator->) or sp.get()->member.
      const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
      if (const auto* arrow = llvm::dyn_cast<clang::CXXOperatorCallExpr>(base)) {
        return arrow->getOperator() == clang::OO_Arrow && arrow->getNumArgs() == 1 &&
               same_object(arrow->getArg(0), owner);
      }
      return is_get_of(base, owner);
    }
    if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
      // An element of a C array member (its index is unsafe-buffer's).
      const clang::Expr* array = subscript->getBase()->IgnoreParenImpCasts();
      if (!array->getType()->isArrayType()) return false;
      e = array;
      continue;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      if (op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
          is_std_class(op->getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl(), {"array"})) {
        e = op->getArg(0);  // an element of a std::array member
        continue;
      }
      // (*sp).member, &*sp
      return op->getOperator() == clang::OO_Star && op->getNumArgs() == 1 && same_object(op->getArg(0), owner);
    }
    if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(e)) {
      // (*sp.get()).member
      return deref->getOpcode() == clang::UO_Deref && is_get_of(deref->getSubExpr()->IgnoreParenImpCasts(), owner);
    }
    return false;
  }
  return false;
}

/// `std::shared_ptr<int>(sp, sp->v.data())`, `std::shared_ptr<int>(
/// std::shared_ptr<int>{}, local.data())`, `std::shared_ptr<const char>(
/// std::make_shared<int>(1), s.c_str())`: the aliasing constructor given
/// a pointer that is no subobject of what its first argument owns. A
/// container's buffer moves when the container grows or is assigned
/// while the owner lives (as `&sp->v[0]`, rejected as an address), and
/// the memory of an object the owner does not own is not kept at all.
/// Accepted: the owned object itself (`sp.get()`, also cast:
/// `static_cast<Base*>(sp.get())`), `data()` of a std::array subobject
/// (its first element), a null pointer; an address (`&x`) is judged
/// where it is taken (is_aliased_subobject) and a pointer variable where
/// it is declared.
void RawPointer::check_aliased_pointer(const clang::Stmt& stmt, RuleContext& ctx) {
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&stmt);
  if (construct == nullptr || construct->getNumArgs() != 2) return;
  const clang::CXXConstructorDecl* ctor = construct->getConstructor();
  if (!is_std_class(ctor->getParent(), {"shared_ptr"}) || ctor->getNumParams() != 2) return;
  const clang::QualType owner_type = ctor->getParamDecl(0)->getType().getNonReferenceType();
  if (!is_std_class(owner_type->getAsCXXRecordDecl(), {"shared_ptr"}) ||
      !ctor->getParamDecl(1)->getType()->isPointerType()) {
    return;
  }
  const clang::Expr* pointer = construct->getArg(1)->IgnoreParenImpCasts();
  if (ctx.service_code.in_foreign_macro(*pointer)) return;
  if (pointer->isNullPointerConstant(ctx.ast, clang::Expr::NPC_ValueDependentIsNotNull) != clang::Expr::NPCK_NotNull) {
    return;
  }
  if (llvm::isa<clang::DeclRefExpr, clang::CXXThisExpr, clang::StringLiteral>(pointer) ||
      address_of_call(*pointer) != nullptr) {
    return;
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(pointer); op != nullptr && op->getOpcode() == clang::UO_AddrOf) {
    return;
  }
  if (const clang::Expr* owner = shared_ptr_object(construct->getArg(0))) {
    // sp.get(), static_cast<Base*>(sp.get()): the owned object itself.
    const clang::Expr* object = pointer;
    while (const auto* cast = llvm::dyn_cast<clang::CastExpr>(object)) object = cast->getSubExpr()->IgnoreParens();
    if (is_get_of(object, owner)) return;
    // sp->arr.data(): the first element of a std::array subobject.
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(object);
    const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
    if (method != nullptr && method->getIdentifier() != nullptr && method->getName() == "data" &&
        is_std_class(method->getParent(), {"array"}) && is_owned_subobject(call->getImplicitObjectArgument(), owner)) {
      return;
    }
  }
  ctx.report.error(pointer->getExprLoc(), kName,
                   "the aliasing constructor of std::shared_ptr is given a pointer that is no subobject of what its "
                   "first argument owns, so sharing that ownership does not keep it valid (a container's buffer "
                   "moves when it grows or is assigned); alias a member of the owned object, "
                   "std::shared_ptr<M>(sp, &sp->member), or keep the owner and an index")
      << pointer->getSourceRange();
  ctx.report.note(construct->getArg(0)->getExprLoc(), "the shared ownership is that of this std::shared_ptr");
}

/// The std::shared_ptr a constructor argument names: a variable or a
/// member (of `this` or of a variable, at any depth), seen through
/// std::move / std::forward, copies and conversions. nullptr otherwise.
const clang::Expr* RawPointer::shared_ptr_object(const clang::Expr* e) {
  for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
      const clang::FunctionDecl* fn = call->getDirectCallee();
      if (fn == nullptr || fn->getIdentifier() == nullptr || !fn->isInStdNamespace() || call->getNumArgs() != 1 ||
          (fn->getName() != "move" && fn->getName() != "forward")) {
        return nullptr;
      }
      e = call->getArg(0);
      continue;
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e); construct && construct->getNumArgs() == 1) {
      e = construct->getArg(0);
      continue;
    }
    break;
  }
  if (e == nullptr) return nullptr;
  e = e->IgnoreParenImpCasts();
  if (!is_std_class(e->getType().getNonReferenceType()->getAsCXXRecordDecl(), {"shared_ptr"})) return nullptr;
  return names_object(e) ? e : nullptr;
}

/// A variable, or a data member of `this` or of a named object.
bool RawPointer::names_object(const clang::Expr* e, int depth) {
  if (depth > 8) return false;
  e = e->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return llvm::isa<clang::VarDecl>(ref->getDecl());
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return false;
    const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
    return llvm::isa<clang::CXXThisExpr>(base) || (!member->isArrow() && names_object(base, depth + 1));
  }
  return false;
}

/// `sp.get()` of the shared_ptr `owner`.
bool RawPointer::is_get_of(const clang::Expr* e, const clang::Expr* owner) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e);
  const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
  if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "get") return false;
  return same_object(call->getImplicitObjectArgument(), owner);
}

}  // namespace meshwa::rules::raw_pointer
