// Declarations and insertions that bind a view to what dies at once: a
// variable's initialiser (a reference, a view, a holder of views, a
// std::function returning a reference), a static bound to a local, an
// element inserted in a holder of views, and a std::initializer_list member.
#include "Dangling.h"

#include <algorithm>
#include <functional>
#include <iterator>

#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"

namespace meshwa::rules::dangling {

namespace {

/// What `*it` gives for an iterator class (unqualified, not a
/// reference); null for anything else.
clang::QualType iterator_value_type(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return {};
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || !is_iterator_class(record)) return {};
  for (const clang::CXXMethodDecl* method : record->getDefinition()->methods()) {
    if (method->getOverloadedOperator() == clang::OO_Star && method->getNumParams() == 0) {
      return method->getReturnType().getNonReferenceType().getUnqualifiedType();
    }
  }
  return {};
}

/// What a std::string_view or std::span can view: std::string, std::vector,
/// std::array.
bool is_owner_class(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return false;
  return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"basic_string", "vector", "array"});
}

/// The types the std::reference_wrappers held by `type` refer to
/// (unqualified, canonical).
void wrapped_types(clang::QualType type, llvm::SmallVectorImpl<clang::QualType>& out, unsigned depth = 0) {
  if (type.isNull() || type->isDependentType() || depth > 4) return;
  if (is_wrapper(type)) {
    for (clang::QualType arg : std_type_arguments(type)) out.push_back(arg.getUnqualifiedType().getCanonicalType());
    return;
  }
  if (!holds_owner_views(type, depth)) return;
  if (is_view_aggregate(type, depth)) {
    for (const clang::FieldDecl* field : type.getNonReferenceType()->getAsCXXRecordDecl()->getDefinition()->fields()) {
      wrapped_types(field->getType(), out, depth + 1);
    }
    return;
  }
  for (clang::QualType arg : std_type_arguments(type)) wrapped_types(arg, out, depth + 1);
}

}  // namespace

void Dangling::check_variable(const clang::VarDecl& var, RuleContext& ctx) {
  if (llvm::isa<clang::ParmVarDecl>(var) || var.isInvalidDecl()) return;
  const clang::Expr* init = var.getInit();
  if (init == nullptr || init->isTypeDependent() || init->isValueDependent() || var.getType()->isDependentType()) return;
  const clang::QualType type = var.getType();
  if (var.isStaticLocal() && check_static_binding(var, init, ctx)) return;
  Roots roots(caches_, ctx.ast);
  roots.checking = &var;
  std::optional<Root> root;
  if (type->isReferenceType()) {
    root = roots.of_object(init);
    if (!root && holds_owner_views(type.getNonReferenceType())) {
      // `const auto& parts = split(read_line(), ',');`, a range-for over
      // it: the holder is kept alive, the temporary its views view is not.
      const clang::Expr* bound = init->IgnoreParens();
      if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(bound)) bound = cleanups->getSubExpr()->IgnoreParens();
      const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(bound);
      if (temporary != nullptr && temporary->getExtendingDecl() == &var) {
        if (auto held = held_root(temporary->getSubExpr(), type.getNonReferenceType(), roots)) {
          const bool range = var.isImplicit() && var.getIdentifier() != nullptr && var.getName().starts_with("__range");
          report_binding(range ? init->getBeginLoc() : var.getLocation(),
                         range ? std::string("a view held in the range of this range-for loop")
                               : "a view held in '" + var.getNameAsString() + "'",
                         *held, ctx);
          return;
        }
      }
    }
  } else if (is_view(type)) {
    root = roots.of_view(init);
  } else if (type->isPointerType() && !type->isFunctionPointerType()) {
    root = roots.of_address(init);  // const char* s = make_name().c_str();
  } else if (holds_owner_views(type)) {
    // std::vector<std::string_view> v{std::string("a") + "b"};
    root = held_root(init, type, roots);
    if (root && !llvm::isa<clang::DecompositionDecl>(var) && !var.isImplicit()) {
      report_binding(var.getLocation(), "a view held in '" + var.getNameAsString() + "'", *root, ctx);
      return;
    }
    // std::optional<std::string_view> o = local; ... return o;
    if (!root && !llvm::isa<clang::DecompositionDecl>(var) && !var.isImplicit()) {
      if (auto local = held_root(init, type, local_roots(ctx)); local && !local->conservative) {
        check_returned_holder(&var, *local, var.getLocation(), ctx);
      }
      return;
    }
  }
  if (!root) return;
  std::string what;
  if (var.isImplicit() && var.getIdentifier() != nullptr && var.getName().starts_with("__range")) {
    what = "the range of this range-for loop";
  } else if (const auto* decomposition = llvm::dyn_cast<clang::DecompositionDecl>(&var)) {
    what = "the structured binding [";
    for (const clang::BindingDecl* binding : decomposition->bindings()) {
      if (binding != decomposition->bindings().front()) what += ", ";
      what += binding->getNameAsString();
    }
    what += "]";
  } else {
    what = "'" + var.getNameAsString() + "'";
  }
  report_binding(var.isImplicit() ? init->getBeginLoc() : var.getLocation(), what, *root, ctx);
}

/// A std::string_view or std::span (an element, a key, the value of an
/// optional) of a std container, optional, pair or tuple of type `slot`
/// made by `e` (an initialiser, an initializer list, a forwarded
/// argument) from a temporary.
std::optional<Root> Dangling::held_root(const clang::Expr* e, clang::QualType slot, const Roots& roots, unsigned depth) {
  if (e == nullptr || depth > 8 || slot.isNull() || e->isTypeDependent()) return std::nullopt;
  if (is_owner_view(slot)) {
    if (is_view(e->getType())) return roots.of_view(e);
    // A forwarded std::string&&: made into the view inside (not a
    // container of views assigned whole: `parts = split(line, ',')`).
    if (is_owner_class(e->getType()) && !holds_owner_views(e->getType())) return roots.of_object(e);
    // std::optional<std::string_view> made from a std::optional<std::string>
    // (`= std::make_optional(s)`, `= load_name()`): a view of the string
    // the other optional holds.
    if (is_std_class(e->getType().getNonReferenceType()->getAsCXXRecordDecl(), {"optional"})) {
      const llvm::SmallVector<clang::QualType, 4> held = std_type_arguments(e->getType().getNonReferenceType());
      if (!held.empty() && is_owner_class(held[0])) return roots.of_object(e);
    }
    // A pointer made into the view inside (`return e.what();`,
    // `s.c_str()` into a std::optional<std::string_view>).
    if (e->getType()->isPointerType()) return roots.of_pointer_value(e);
    return std::nullopt;
  }
  if (!holds_owner_views(slot)) return std::nullopt;
  const clang::Expr* inner = e->IgnoreImplicit()->IgnoreParens();
  while (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(inner)) {
    inner = cast->getSubExpr()->IgnoreImplicit()->IgnoreParens();
  }
  if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(inner)) {
    inner = list->getSubExpr()->IgnoreImplicit()->IgnoreParens();
  }
  if (const auto* init = llvm::dyn_cast<clang::InitListExpr>(inner)) {
    // std::array's aggregate initialisation, an initializer_list's array.
    for (const clang::Expr* element : init->inits()) {
      if (auto root = held_root(element, element->getType(), roots, depth + 1)) return root;
    }
    return std::nullopt;
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(inner)) return held_call_root(call, slot, roots, depth);
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(inner);
  if (construct == nullptr || construct->getConstructor() == nullptr ||
      construct->getConstructor()->isCopyOrMoveConstructor()) {
    return std::nullopt;
  }
  unsigned count = 0;
  for (const clang::Expr* arg : construct->arguments()) count += llvm::isa<clang::CXXDefaultArgExpr>(arg) ? 0 : 1;
  if (count == 2 && construct->getNumArgs() >= 2 && is_owner_view(element_slot(construct->getType(), 0, 1)) &&
      is_owner_class(iterator_value_type(construct->getArg(0)->getType())) &&
      is_owner_class(iterator_value_type(construct->getArg(1)->getType()))) {
    // std::vector<std::string_view>(local.begin(), local.end()): a view of
    // each owning element the iterators walk.
    return roots.of_view(construct->getArg(0));
  }
  for (unsigned i = 0; i < construct->getNumArgs(); ++i) {
    const clang::Expr* arg = construct->getArg(i);
    if (llvm::isa<clang::CXXDefaultArgExpr>(arg)) continue;
    std::optional<Root> root;
    if (llvm::isa<clang::CXXStdInitializerListExpr>(arg->IgnoreImplicit()->IgnoreParens())) {
      root = held_root(arg, slot, roots, depth + 1);
    } else if (is_owner_view(arg->getType())) {
      root = roots.of_view(arg);
    } else {
      root = held_root(arg, element_slot(construct->getType(), i, count), roots, depth + 1);
    }
    if (root) return root;
  }
  return std::nullopt;
}

/// `split(read_line(), ',')` with `std::vector<std::string_view>
/// split(std::string_view s, char sep)`: a free (or static) function
/// returning a holder of views (a container, optional, pair of
/// std::string_view or std::span), handed a view or a `const&` owner of
/// the matching kind (a std::string_view or `const std::string&` for
/// string views, a std::span or `const std::vector&`/`std::array&` for
/// spans), or a holder of such views, may return views of that argument:
/// the assumption made for a function returning one view
/// (of_matching_argument), extended to holders. A temporary argument then
/// dies under the views; when a return is checked (`locals`), a local or
/// by-value parameter is returned through the call. Not decided when the
/// function is also handed another reference or view it could take the
/// views from (`names_in(registry_, std::string(prefix))`).
std::optional<Root> Dangling::held_call_root(const clang::CallExpr* call, clang::QualType slot, const Roots& roots,
                                             unsigned depth) {
  const clang::FunctionDecl* callee = call->getDirectCallee();
  if (callee == nullptr || llvm::isa<clang::CXXOperatorCallExpr>(call) || call->isGLValue()) return std::nullopt;
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee); method != nullptr && !method->isStatic()) {
    return std::nullopt;
  }
  const clang::QualType result = call->getType();
  const unsigned kinds = owner_view_kinds(result);
  if (kinds == 0 || (owner_view_kinds(slot) & kinds) == 0) return std::nullopt;
  llvm::SmallVector<clang::QualType, 4> wrapped;  // what its std::reference_wrappers refer to
  wrapped_types(result, wrapped);
  std::optional<Root> found;
  bool other_source = false;
  for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
    const clang::QualType param = callee->getParamDecl(i)->getType();
    const clang::Expr* arg = call->getArg(i);
    const clang::QualType plain = param.getNonReferenceType();
    const auto* record = plain->getAsCXXRecordDecl();
    unsigned param_kind = 0;  // what the views could view in this argument
    enum { none, view, owner, holder } how = none;
    if ((kinds & 4u) != 0 && (param->isRValueReferenceType() || (param->isLValueReferenceType() && plain.isConstQualified())) &&
        llvm::is_contained(wrapped, plain.getUnqualifiedType().getCanonicalType())) {
      // select(const Node& root, ...) returning std::reference_wrapper<const Node>s.
      param_kind = 4;
      how = owner;
    } else if ((kinds & 4u) != 0 && !param->isReferenceType() && is_wrapper(param) &&
               llvm::is_contained(wrapped, std_type_arguments(param).front().getUnqualifiedType().getCanonicalType())) {
      param_kind = 4;
      how = view;
    } else if (!param->isReferenceType() && is_owner_view(param)) {
      param_kind = owner_view_kinds(param);
      how = view;
    } else if (param->isLValueReferenceType() && plain.isConstQualified() && !holds_owner_views(plain) &&
               is_std_class(record, {"basic_string", "vector", "array"})) {
      param_kind = is_std_class(record, {"basic_string"}) ? 1u : 2u;
      how = owner;
    } else if ((!param->isReferenceType() || (param->isLValueReferenceType() && plain.isConstQualified())) &&
               holds_owner_views(plain)) {
      param_kind = owner_view_kinds(plain);
      how = holder;
    }
    if (how == none || (param_kind & kinds) == 0) {
      // (A std::string_view or std::span of another kind than the result's
      // views cannot be where they come from: `select(root, "name")`.)
      const bool other_kind = how == view && !param->isReferenceType();
      if ((param->isReferenceType() || is_view(param) || param->isPointerType() || holds_owner_views(plain)) &&
          !other_kind) {
        other_source = true;
      }
      continue;
    }
    if (found) continue;
    if (how == view) found = roots.of_view(arg);
    else if (how == owner) found = roots.of_object(arg);
    else found = held_root(arg, plain, roots, depth + 1);
  }
  if (!found || other_source) return std::nullopt;
  found->conservative = true;
  return found;
}

/// views.push_back(std::string("x")), names.emplace(std::to_string(n), 1),
/// optional_view.emplace(make_name()): the element views a temporary.
void Dangling::check_insertion(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  const clang::Expr* object = call.getImplicitObjectArgument();
  if (method == nullptr || object == nullptr || method->getIdentifier() == nullptr || call.isTypeDependent()) return;
  const clang::QualType holder =
      object->getType()->isPointerType() ? object->getType()->getPointeeType() : object->getType();
  if (!holds_owner_views(holder)) return;
  // assign(n, value) and resize(n, value) copy the value into new elements.
  static const llvm::StringRef kFills[] = {"push_back", "push_front",  "emplace_back",     "emplace_front", "emplace",
                                           "insert",    "try_emplace", "insert_or_assign", "push",
                                           "assign",    "resize"};
  if (std::find(std::begin(kFills), std::end(kFills), method->getName()) == std::end(kFills)) return;
  unsigned count = 0;
  for (const clang::Expr* arg : call.arguments()) count += llvm::isa<clang::CXXDefaultArgExpr>(arg) ? 0 : 1;
  for (const Roots& roots : {Roots{caches_, ctx.ast}, local_roots(ctx)}) {
    for (unsigned i = 0; i < call.getNumArgs(); ++i) {
      const clang::Expr* arg = call.getArg(i);
      if (llvm::isa<clang::CXXDefaultArgExpr>(arg)) continue;
      // What the argument becomes: an element, a key, a mapped value, or
      // (`m.insert({k, s})`, `v.insert(pos, s)`) a whole element.
      clang::QualType slot = element_slot(holder, i, count);
      if (slot.isNull() && holds_owner_views(arg->getType().getNonReferenceType())) {
        slot = arg->getType().getNonReferenceType();
      }
      // A std::reference_wrapper element made from a local by conversion
      // (`refs.push_back(local)`; std::ref / std::cref calls are judged
      // at the return, see container_root).
      const clang::Expr* bare = arg->IgnoreImplicit()->IgnoreParens();
      const bool wrapped = is_wrapper(arg->getType()) &&
                           !(llvm::isa<clang::CallExpr>(bare) && is_std_ref_call(llvm::cast<clang::CallExpr>(bare)));
      std::optional<Root> root = is_owner_view(arg->getType()) || wrapped ? roots.of_view(arg)
                                                                          : held_root(arg, slot, roots);
      if (!root) continue;
      if (!roots.locals) {
        report_binding(call.getExprLoc(), "a view stored in " + holder_name(object), *root, ctx);
        return;
      }
      if (root->kind == Root::local) {
        check_inner_scope(object, *root, call.getExprLoc(), ctx);
        if (!root->conservative) check_returned_holder(local_holder(object), *root, call.getExprLoc(), ctx);
        return;
      }
    }
  }
}

Roots Dangling::local_roots(const RuleContext& ctx) {
  Roots roots(caches_, ctx.ast);
  roots.locals = true;
  return roots;
}

/// `static int& r = k;`, `static std::string_view v = s;`, `static const
/// char* p = buf;`: a static local bound, on the first call, to a local
/// or parameter of that call, which is gone when it returns; every later
/// call uses the dangling static. True when reported.
bool Dangling::check_static_binding(const clang::VarDecl& var, const clang::Expr* init, RuleContext& ctx) {
  const clang::QualType type = var.getType();
  Roots roots = local_roots(ctx);
  roots.checking = &var;
  std::optional<Root> root = type->isReferenceType()                               ? roots.of_object(init)
                             : is_view(type)                                       ? roots.of_view(init)
                             : type->isPointerType() && !type->isFunctionPointerType() ? roots.of_address(init)
                                                                                   : std::nullopt;
  if (!root || root->kind != Root::local || root->var == nullptr || root->var->hasGlobalStorage() ||
      root->var == &var) {
    return false;
  }
  if (!reported_.insert(var.getLocation()).second) return true;
  const std::string name = root->binding != nullptr ? root->binding->getNameAsString() : root->var->getNameAsString();
  const std::string what = llvm::isa<clang::ParmVarDecl>(root->var) ? "parameter '" + name + "'"
                                                                    : "local variable '" + name + "'";
  ctx.report.error(var.getLocation(), kName,
                   "static '" + var.getNameAsString() + "' is bound to " + what +
                       " of the first call, which is destroyed when that call returns, so every later call uses a "
                       "dangling static; make it a plain local, or keep a copy (a value, not a reference, view or "
                       "pointer)");
  ctx.report.note(root->var->getLocation(), "'" + name + "' is declared here");
  return true;
}

/// A std::initializer_list member owns nothing: its backing array is a
/// temporary of the full-expression that made the list (`C() : l{1, 2}`,
/// or the caller's `C c({1, 2});` handing it to `C(std::initializer_list<int>
/// l) : l_(l)`), gone once the object is constructed.
void Dangling::report_initializer_list_member(const clang::FieldDecl& field, RuleContext& ctx) {
  if (!reported_.insert(field.getLocation()).second) return;
  ctx.report.error(field.getLocation(), kName,
                   "member '" + field.getNameAsString() +
                       "' is a std::initializer_list, whose backing array is a temporary destroyed at the end of "
                       "the full-expression that made it, so the member dangles once the object is constructed; "
                       "store the elements in a std::vector (or a std::array)");
}

/// `std::function<const int&(const int&)> fn = [](const int& j) { return
/// j; };`: the wrapper returns a reference, the callable a value, so every
/// call binds the reference to a temporary holding that value, destroyed
/// before the caller reads it. Only where the value is the referenced type
/// itself or a scalar converted to it (a class value may convert to a
/// reference that is not its own, as std::reference_wrapper does).
void Dangling::check_function_wrapper(clang::QualType wrapper, const clang::Expr* callable, RuleContext& ctx) {
  const clang::CXXRecordDecl* record = wrapper.isNull() ? nullptr : wrapper.getNonReferenceType()->getAsCXXRecordDecl();
  if (!is_std_class(record, {"function", "move_only_function", "copyable_function"}) || callable->isTypeDependent()) {
    return;
  }
  // The signature is the one type argument: std::function<R(A...)>'s own,
  // the first of a pack for std::move_only_function<S...>, declared with a
  // pack so that its partial specialisations can take S's qualifiers.
  const llvm::SmallVector<clang::QualType, 4> arguments = std_type_arguments(wrapper);
  if (arguments.empty()) return;
  const clang::QualType called = arguments.front();
  const auto* signature = called->getAs<clang::FunctionProtoType>();
  if (signature == nullptr || !signature->getReturnType()->isReferenceType()) return;
  const clang::QualType referee = signature->getReturnType().getNonReferenceType();
  const clang::FunctionDecl* callee = nullptr;
  const clang::QualType returned = callable_result(callable, callee);
  if (returned.isNull() || returned->isReferenceType() || returned->isDependentType() || returned->isVoidType()) return;
  const bool same = returned.getUnqualifiedType().getCanonicalType() == referee.getUnqualifiedType().getCanonicalType();
  if (!same && !returned->isScalarType()) return;
  if (!reported_.insert(callable->getExprLoc()).second) return;
  const std::string wrapper_name = "std::" + record->getName().str();
  // (A pack's elements are canonical types: `class std::basic_string<char>`
  // without the tag keyword reads better.)
  clang::PrintingPolicy policy = ctx.ast.getPrintingPolicy();
  policy.SuppressTagKeyword = true;
  ctx.report.error(callable->getExprLoc(), kName,
                   "this " + wrapper_name + " returns '" + signature->getReturnType().getAsString(policy) +
                       "' but the callable it is given returns '" + returned.getAsString() +
                       "' by value, so every call returns a reference to a temporary destroyed before the caller "
                       "reads it; make the " + wrapper_name + " return '" + referee.getUnqualifiedType().getAsString() +
                       "' by value, or have the callable return a reference")
      << callable->getSourceRange();
  if (callee != nullptr) ctx.report.note(callee->getLocation(), "the callable's call operator is declared here");
}

/// What a call of `callable` (a lambda or a class with one non-template
/// operator(), a function or a function pointer) returns; null when that
/// cannot be told (a generic lambda, overloads).
clang::QualType Dangling::callable_result(const clang::Expr* callable, const clang::FunctionDecl*& callee) {
  clang::QualType type = callable->getType().getNonReferenceType();
  if (const auto* pointer = type->getAs<clang::PointerType>()) type = pointer->getPointeeType();
  if (const auto* function = type->getAs<clang::FunctionProtoType>()) return function->getReturnType();
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  record = record != nullptr ? record->getDefinition() : nullptr;
  if (record == nullptr) return {};
  const clang::CXXMethodDecl* call = nullptr;
  if (record->isLambda()) {
    if (record->isGenericLambda()) return {};
    call = record->getLambdaCallOperator();
  } else {
    for (const clang::CXXMethodDecl* method : record->methods()) {
      if (method->getOverloadedOperator() != clang::OO_Call) continue;
      if (call != nullptr) return {};  // overloads
      call = method;
    }
    // (a template operator() is no CXXMethodDecl of methods(): not found)
  }
  if (call == nullptr) return {};
  callee = call;
  return call->getReturnType();
}

std::optional<Root> held_root_of(const clang::Expr* e, clang::QualType slot, const Roots& roots) {
  return Dangling::held_root(e, slot, roots);
}

}  // namespace meshwa::rules::dangling
