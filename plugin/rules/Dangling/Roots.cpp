// Roots: what a reference, view or pointer expression ends up pointing
// into, and whether that dies too early (a temporary not extended, a local
// of the function being returned from), through members, operator->, `*`,
// lambdas called at once, structured bindings and variables' initialisers.
// The helpers at the top say which objects own what they hand out.
#include "Dangling.h"

#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"

namespace meshwa::rules::dangling {

namespace {

/// Whether element `index` of a std::pair / std::tuple type is a reference
/// (an element held by value owns what it is made from).
bool tuple_element_is_reference(clang::QualType type, unsigned index) {
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr) return true;
  const auto args = flat_template_arguments(*spec);
  if (index < args.size()) {
    return args[index].getKind() != clang::TemplateArgument::Type || args[index].getAsType()->isReferenceType();
  }
  return true;
}

/// meshwa::Ref<I>: a handle to a service, which outlives the handle; what
/// its operator-> points to does not die with a temporary Ref.
bool is_service_handle(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "Ref") return false;
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

/// `p` in `*p`, `p->m`, `p.get()`: names a local smart pointer whose object
/// the function hands on (flow::hands_on_ownership of the variable). Asked
/// at each such use: the locals a function hands on are found once per
/// function (a walk of its body per use made a body of many owners
/// quadratic: 4000 blocks with one std::unique_ptr each took a minute).
bool names_owner_handing_on(const clang::Expr* object, BodyCaches& caches) {
  const clang::VarDecl* var = flow::variable_named(object);
  if (var == nullptr || !flow::is_local_owner(*var)) return false;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  auto [cached, fresh] = caches.handed_on.try_emplace(fn);
  if (fresh) cached->second = flow::locals_handed_on(*fn);
  return cached->second.contains(var);
}

/// A shared owner returned by a call (`*config()`, `cache.get(k)->name`),
/// the temporary one owner among others it may share with (a copy of a
/// member): what it points to need not die with the temporary. Not a
/// shared owner made here (`*std::make_shared<T>()`, a constructor), nor
/// one from a helper whose every `return` makes one.
bool shares_with_others(const clang::Expr* object, BodyCaches& caches) {
  if (object == nullptr) return false;
  // (operator* and operator-> are members of a base of std::shared_ptr: the
  // object is converted to it.)
  const auto* call = llvm::dyn_cast<clang::CallExpr>(object->IgnoreImplicit()->IgnoreParens());
  if (call == nullptr || !is_shared_owner(call->getType()) || makes_shared(call)) return false;
  const clang::FunctionDecl* definition = definition_with_body(call->getDirectCallee());
  if (definition == nullptr) return true;
  auto [cached, fresh] = caches.makes_fresh_shared.try_emplace(definition, false);
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

}  // namespace

/// The object a glvalue `e` designates, when that object dies too early:
/// a temporary not extended by the declaration being checked, or (when
/// `locals`) a local variable of the function.
std::optional<Root> Roots::of_object(const clang::Expr* e, unsigned depth) const {
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
    // A reference member (`pair<bool, const std::vector<int>&>::second`)
    // refers elsewhere: its referent is not a part of the object, and does
    // not die with it (as for structured bindings, of_binding).
    if (member->getMemberDecl()->getType()->isReferenceType()) return std::nullopt;
    if (member->isArrow()) return of_arrow(member->getBase(), depth + 1);  // load()->field
    return of_object(member->getBase(), depth + 1);
  }
  if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
    if (!subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType()) return std::nullopt;
    return of_object(subscript->getBase()->IgnoreParenImpCasts(), depth + 1);
  }
  if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
    for (const clang::Expr* arm : arms_that_can_run(*conditional)) {
      if (auto root = of_object(arm, depth + 1)) return root;
    }
    return std::nullopt;
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
        if (op->getOperator() != clang::OO_Subscript && shares_with_others(object, *caches_)) return std::nullopt;  // *config()
        if (op->getOperator() != clang::OO_Subscript && names_owner_handing_on(object, *caches_)) return std::nullopt;
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
bool Roots::returns_own_object(const clang::CXXOperatorCallExpr& op) {
  const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op.getDirectCallee());
  if (method == nullptr || !method->getReturnType()->isLValueReferenceType()) return false;
  const clang::CXXRecordDecl* returned = method->getReturnType()->getPointeeCXXRecordDecl();
  return returned != nullptr && returned->getCanonicalDecl() == method->getParent()->getCanonicalDecl();
}

/// The object a view value `e` (a prvalue or glvalue of view type, or a
/// conversion to one) looks into, when it dies too early.
std::optional<Root> Roots::of_view(const clang::Expr* e, unsigned depth) const {
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
    // b ? std::string_view(local) : literal: either branch that can run.
    for (const clang::Expr* arm : arms_that_can_run(*conditional)) {
      if (auto root = of_view(arm, depth + 1)) return root;
    }
    return std::nullopt;
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
        // pugixml's `xml_node_iterator(node)`: copies of the node's handles.
        if (cannot_point_into(construct->getType(), arg->getType())) continue;
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
    if (returns_held_view(*method)) {  // it.key() of a cursor, node.value_or(fallback)
      if (auto root = of_cursor(object, depth)) return root;
      return of_matching_argument(call, depth);
    }
    if (copies_held_iterator(call, object)) return std::nullopt;              // iters.at(0)
    // `node.begin()` of a pugixml node: an iterator (returned by value, not
    // a reference that may be to a member) holding copies of the node's
    // handles, nothing that can point into the node.
    const bool into_object = object->getType()->isPointerType() || is_view(object->getType()) ||
                             call->isGLValue() || !cannot_point_into(call->getType(), object->getType());
    std::optional<Root> root = !into_object                       ? std::nullopt
                               : object->getType()->isPointerType() ? of_arrow(object, depth + 1)  // load()->view()
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

/// A member function of the program whose every `return` (but `nullptr`)
/// points into its own object: `&i_`, `x_` (an array member), `buf_.data()`,
/// `this`. Called on a temporary or a local, the pointer dies with it
/// (`return S(i).ptr();`, `Fred fred; return fred.get_x();`).
bool Roots::returns_pointer_into_this(const clang::CXXMethodDecl& method) {
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
bool Roots::points_into_this(const clang::Expr* e) {
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
bool Roots::is_part_of_this(const clang::Expr* e) {
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
bool Roots::never_reassigned(const clang::VarDecl& var) {
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
std::optional<Root> Roots::of_address(const clang::Expr* e, unsigned depth) const {
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
    for (const clang::Expr* arm : arms_that_can_run(*conditional)) {
      if (auto root = of_address(arm, depth + 1)) return root;
    }
    return std::nullopt;
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
    if (owned && names_owner_handing_on(object, *caches_)) return std::nullopt;
    if (!buffer && !owned && !returns_pointer_into_this(*method)) return std::nullopt;
    return is_view(object->getType()) ? of_view(object, depth + 1) : of_object(object, depth + 1);
  }
  return std::nullopt;
}

/// The object `ref` names when it is this function's own local (when
/// locals are judged): not a parameter, a reference or a capture, and
/// made by an initialiser, which says what it holds. Else nullptr.
const clang::VarDecl* Roots::initialised_local(const clang::DeclRefExpr* ref) const {
  const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
  if (!locals || var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
      var->getType()->isReferenceType() || var->getInit() == nullptr || captured(ref)) {
    return nullptr;
  }
  return var;
}

/// Inside a lambda, does `ref` name a capture that is not followed here?
bool Roots::captured(const clang::DeclRefExpr* ref) const {
  if (!ref->refersToEnclosingVariableOrCapture()) return false;
  const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
  if (lambda_ == nullptr || var == nullptr) return true;
  const std::optional<bool> by_reference = capture_kind(var);
  return !by_reference || !*by_reference || var->getParentFunctionOrMethod() != function;
}

/// How `lambda_` captures `var`: true by reference, false by copy.
std::optional<bool> Roots::capture_kind(const clang::VarDecl* var) const {
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
std::optional<Root> Roots::of_lambda_call(const clang::CXXOperatorCallExpr* op, bool view, unsigned depth) const {
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
  flow::contains_outside_lambdas(definition->getBody(), [&](const clang::Stmt& s) {
    const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s);
    if (ret == nullptr || ret->getRetValue() == nullptr) return false;
    std::optional<Root> root =
        view ? inner.of_view(ret->getRetValue(), depth + 1) : inner.of_object(ret->getRetValue(), depth + 1);
    // The lambda's own locals: reported at its own return.
    if (root && (root->kind != Root::local || root->var == nullptr ||
                 root->var->getParentFunctionOrMethod() != definition)) {
      found = root;
    }
    return found.has_value();
  });
  return found;
}

/// Does the expression's value refer to memory (a reference, a view, a
/// pointer) rather than being a fresh value?
bool Roots::refers(const clang::Expr* e) {
  const clang::QualType t = e->getType();
  return e->isGLValue() || t->isPointerType() || is_view(t);
}

/// `found->get()`, `found.value().get()`, `(*found).get()` of a
/// std::optional<std::reference_wrapper<const T>> (the find-or-nothing
/// idiom): get() (or the conversion to T&) of a reference_wrapper that
/// the object reached through a call keeps. The result is the object the
/// wrapper refers to, not a part of the holder, so the holder dying is no
/// matter; what the holder was filled with is not followed (a wrapper
/// named directly, `r.get()`, is judged by what `r` was made from).
bool Roots::is_wrapper_kept_elsewhere(const clang::CXXMethodDecl& method, const clang::Expr& object) {
  if (!is_std_class(method.getParent(), {"reference_wrapper"})) return false;
  const clang::Expr* inner = object.IgnoreParenImpCasts();
  if (!llvm::isa<clang::CallExpr>(inner)) return false;
  const clang::QualType type = llvm::cast<clang::CallExpr>(inner)->getCallReturnType(method.getASTContext());
  return type->isReferenceType() || type->isPointerType();
}

/// The pointer `e` is `obj.operator->()` of a class object (std::optional,
/// meshwa::Result, std::unique_ptr, an iterator): what it points into dies
/// with obj, as for `*obj`. A built-in pointer (this->, p->): nothing.
std::optional<Root> Roots::of_arrow(const clang::Expr* e, unsigned depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e->IgnoreParenImpCasts());
  if (op == nullptr || op->getOperator() != clang::OO_Arrow || op->getNumArgs() == 0 ||
      !llvm::isa_and_nonnull<clang::CXXMethodDecl>(op->getDirectCallee())) {
    return std::nullopt;
  }
  const clang::Expr* object = op->getArg(0);
  if (is_service_handle(object->getType()) || shares_with_others(object, *caches_) || names_owner_handing_on(object, *caches_)) {
    return std::nullopt;
  }
  return is_view(object->getType()) ? of_view(object, depth + 1) : of_object(object, depth + 1);
}

std::optional<Root> Roots::of_pointer(const clang::Expr* e, unsigned depth) const {
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

std::optional<Root> Roots::of_variable(const clang::DeclRefExpr* ref, unsigned depth) const {
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
bool Roots::extends_a_temporary(const clang::VarDecl& var) {
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
std::optional<Root> Roots::of_binding(const clang::DeclRefExpr* ref, const clang::BindingDecl* binding, unsigned depth) const {
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

}  // namespace meshwa::rules::dangling
