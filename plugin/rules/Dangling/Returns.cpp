// Returns: a function returning a reference or view (or a class holding
// one: an aggregate with a reference member, a constructor keeping a
// reference parameter, std::ref / std::tie in a std class, a range adaptor
// over a local) into a local or a temporary. Templates are judged in each
// instantiation.
#include "Dangling.h"

#include <algorithm>
#include <iterator>

#include "Instantiations.h"
#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"

namespace meshwa::rules::dangling {

/// The returns of `fn` under `root` (lambdas inside: theirs, in each of
/// their instantiations for a generic one), judged as part of `instance`.
void Dangling::returns_in(const clang::Stmt* root, const clang::FunctionDecl& fn, const clang::FunctionDecl& instance,
                          RuleContext& ctx, unsigned depth) {
  if (root == nullptr || depth > 8) return;
  llvm::SmallVector<const clang::Stmt*, 64> stack{root};
  while (!stack.empty()) {
    const clang::Stmt* s = stack.pop_back_val();
    if (s == nullptr) continue;
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(s)) {
      if (const clang::CXXMethodDecl* call = lambda->getCallOperator()) {
        for (const clang::FunctionDecl* body : flow::bodies_to_analyse(*call, 8)) {
          returns_in(body->getBody(), *body, instance, ctx, depth + 1);
        }
      }
      continue;
    }
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) {
      if (ret->getBeginLoc().isValid() && returns_reported_.count(ret->getBeginLoc()) == 0 &&
          !ctx.never_runs(*ret, fn)) {
        check_return(*ret, fn, ctx, &instance);
      }
    }
    for (const clang::Stmt* child : s->children()) stack.push_back(child);
  }
}

void Dangling::check_return(const clang::ReturnStmt& ret, const clang::FunctionDecl& function, RuleContext& ctx,
                            const clang::FunctionDecl* instance) {
  const clang::Expr* value = ret.getRetValue();
  const clang::FunctionDecl* fn = &function;
  if (value == nullptr || value->isTypeDependent() || value->isInstantiationDependent()) return;
  // A template pattern: only what the types there already tell.
  if (fn->isDependentContext() && (fn->getReturnType()->isDependentType() || fn->getReturnType()->isUndeducedType())) {
    return;
  }
  if (returns_reported_.count(ret.getBeginLoc()) != 0) return;
  const unsigned before = ctx.report.error_count();
  judge_return(ret, *fn, ctx);
  if (ctx.report.error_count() != before) {
    returns_reported_.insert(ret.getBeginLoc());
    if (instance != nullptr) note_instantiation(*instance, ctx);
  }
}

void Dangling::judge_return(const clang::ReturnStmt& ret, const clang::FunctionDecl& function, RuleContext& ctx) {
  const clang::Expr* value = ret.getRetValue();
  const clang::FunctionDecl* fn = &function;
  const clang::QualType result = fn->getReturnType();
  if (is_std_class(result->getAsCXXRecordDecl(), {"initializer_list"})) {
    // Its backing array is a temporary of this function (or the local
    // list's own array): gone when the function returns.
    ctx.report.error(ret.getBeginLoc(), kName,
                     "returning a std::initializer_list, whose backing array belongs to this function and is "
                     "destroyed when it returns; return a std::vector or std::array instead")
        << value->getSourceRange();
    return;
  }
  Roots roots(caches_, ctx.ast);
  roots.locals = true;
  roots.function = fn;
  std::optional<Root> root;
  const char* kind = result->isReferenceType() ? "a reference" : "a view";
  std::string kind_text;
  if (result->isReferenceType()) {
    root = roots.of_object(value);
  } else if (is_view(result)) {
    root = roots.of_view(value);
  } else if (result->isPointerType() && !result->isFunctionPointerType()) {
    root = roots.of_address(value);
    kind = "a pointer";
  } else if (holds_reference_wrappers(result)) {
    root = container_root(value, roots, *fn);
    kind = "a container of references";
  } else if (contains_ref_view(result.getCanonicalType())) {
    root = range_root(value);
    kind = "a range view";
  } else if (holds_owner_views(result)) {
    // std::optional<std::string_view> f() { return to_lower(s); }
    root = held_root(value, result, roots);
    kind = "a view held in the result";
  }
  std::string temporary_remedy = "return the value itself (by value)";
  // `R r{local}; return r;`, `C1 c(local); return c;`: a local built with
  // a reference member bound to another local, returned by name (judged
  // by what it was initialised with).
  const clang::Expr* built = value;
  if (result->isRecordType()) {
    if (const clang::VarDecl* holder = returned_local_record(value)) built = holder->getInit();
  }
  if (!root && result->isRecordType()) {
    // return R{std::string("tmp")}; with `struct R { const std::string& r; };`
    const clang::FieldDecl* field = nullptr;
    root = aggregate_reference_root(built, roots, field);
    if (root && built != value && root->kind != Root::local) root.reset();  // (judged at the declaration)
    if (root && field != nullptr) {
      kind_text = "a value whose reference member '" + field->getNameAsString() + "' refers";
      kind = kind_text.c_str();
      temporary_remedy = "make the member a value (std::string, not const std::string&), or bind it to "
                         "something that outlives the call";
    }
  }
  if (!root && result->isRecordType()) {
    // return C1(local); with `C1(int& x) : ref_(x) {}` and a reference or
    // view member `ref_`.
    const clang::FieldDecl* field = nullptr;
    root = constructor_reference_root(built, roots, field);
    if (root && built != value && root->kind != Root::local) root.reset();
    if (root && field != nullptr) {
      kind_text = "a value whose member '" + field->getNameAsString() + "' refers";
      kind = kind_text.c_str();
      temporary_remedy = "keep a copy in the member (a value, not a reference or view), or construct the value "
                         "from data that outlives the call";
    } else {
      root.reset();
    }
  }
  if (!root && result->isRecordType()) {
    // return std::make_pair(std::cref(s), 1); return R{std::cref(s)};
    // return std::bind(f, std::ref(local)); an optional of a
    // reference_wrapper: a reference to a local inside the value.
    // (`RW r{local}; return r;`: judged by what the returned local was
    // initialised with.)
    root = wrapped_reference_root(built, roots);
    if (root && root->kind == Root::local) {
      kind = "a value holding a reference (std::ref / std::cref / std::tie)";
    } else {
      root.reset();
    }
  }
  if (!root) return;
  std::string remedy = "return the value itself (by value: std::string, std::vector, ...)";
  if (kind == llvm::StringRef("a range view")) {
    remedy = "return the elements in a container (a std::vector filled from the view), or move the local into the "
             "view (std::move(" + (root->var != nullptr ? root->var->getNameAsString() : std::string("v")) +
             ") | ..., which makes the view own it)";
  } else if (kind == llvm::StringRef("a container of references")) {
    remedy = "return the values themselves (a container of values, not of std::reference_wrapper)";
  } else if (llvm::StringRef(kind).starts_with("a value whose")) {
    remedy = temporary_remedy;
  } else if (llvm::StringRef(kind).starts_with("a value holding")) {
    remedy = "hold a copy instead (pass the local itself, not std::ref / std::cref of it, or a std::string / "
             "std::vector member instead of a reference)";
  }
  if (root->kind == Root::local && root->var != nullptr && root->var->isExceptionVariable()) {
    ctx.report.error(ret.getBeginLoc(), kName,
                     std::string("returning ") + kind + " to the caught exception '" + root->var->getNameAsString() +
                         "', which is destroyed at the end of its handler; return a copy (std::string of e.what())")
        << value->getSourceRange();
    ctx.report.note(root->var->getLocation(), "'" + root->var->getNameAsString() + "' is declared here");
    return;
  }
  if (root->kind == Root::local && root->binding == nullptr && root->var != nullptr) {
    // `node& f(std::shared_ptr<Memory> m) { return m->create(); }`: the
    // reference is into the object the smart pointer owns, not into the
    // pointer; say so, and that the owner ending here is what frees it.
    const clang::QualType owner = root->var->getType();
    const bool shared = is_shared_owner(owner);
    const auto* record = owner.getNonReferenceType()->getAsCXXRecordDecl();
    if (!owner->isReferenceType() && (shared || is_std_class(record, {"unique_ptr"})) &&
        (kind == llvm::StringRef("a reference") || kind == llvm::StringRef("a pointer") ||
         kind == llvm::StringRef("a view")) &&
        !ctx.ast.hasSameUnqualifiedType(result.getNonReferenceType(), owner)) {
      // `T& r = *p; auto q = std::move(p); return r;`: the object is q's
      // now (p owns nothing), and q is what ends here: name the owner in
      // the end, and say where it took the object.
      const clang::VarDecl* owner_var = flow::local_owner_in_the_end(*root->var);
      const bool moved = owner_var != root->var;
      const std::string name = owner_var->getNameAsString();
      const std::string type = record->getQualifiedNameAsString();
      const bool parameter = llvm::isa<clang::ParmVarDecl>(owner_var);
      ctx.report.error(ret.getBeginLoc(), kName,
                       std::string("returning ") + kind + " into the object " +
                           (moved ? "that '" + root->var->getNameAsString() + "' owned and moved to " + (parameter ? "by-value parameter '" : "local variable '") +
                                        name + "' (a " + type + "), which is destroyed when the function returns"
                                  : "owned by " + std::string(parameter ? "by-value parameter '" : "local variable '") +
                                        name + "' (a " + type + "), which is destroyed when the function returns") +
                           (shared ? " and frees the object if it is the last owner" : " and frees the object") +
                           "; return the " + type + " itself" +
                           (moved ? " ('" + name + "')" : std::string()) +
                           (parameter && shared ? ", or take '" + name + "' by const reference so the caller's owner "
                                                  "keeps the object alive"
                                                : std::string()))
          << value->getSourceRange();
      ctx.report.note(owner_var->getLocation(), "'" + name + "' is declared here");
      if (moved) ctx.report.note(root->var->getLocation(), "'" + root->var->getNameAsString() + "' is declared here");
      return;
    }
  }
  if (root->kind == Root::local) {
    const std::string name =
        root->binding != nullptr ? root->binding->getNameAsString() : root->var->getNameAsString();
    ctx.report.error(ret.getBeginLoc(), kName,
                     std::string("returning ") + kind + " to local variable '" + name +
                         "', which is destroyed when the function returns; " +
                         (root->conservative ? "the function may return its argument; " : "") + remedy)
        << value->getSourceRange();
    if (root->binding != nullptr) {
      ctx.report.note(root->binding->getLocation(),
                      "'" + root->binding->getNameAsString() + "' is a structured binding of a local, declared here");
    } else {
      ctx.report.note(root->var->getLocation(), "'" + name + "' is declared here");
    }
    return;
  }
  ctx.report.error(ret.getBeginLoc(), kName,
                   std::string("returning ") + kind +
                       " to a temporary that is destroyed at the end of the return statement; " + temporary_remedy)
      << value->getSourceRange();
  ctx.report.note(root->expr->getExprLoc(), "the temporary is created here");
}

/// The local `r` of `return r;` when it is a class value of this function
/// made by an initialiser (not a parameter or a static), also named
/// through local references (`const R& alias = r; return alias;` copies
/// r), or a local reference keeping a temporary alive (`const R& r =
/// R{local}; return r;`: the temporary, its initialiser, is this
/// function's and dies with `r`).
const clang::VarDecl* Dangling::returned_local_record(const clang::Expr* value) {
  // Past the copy or move out of the local, and the references naming it.
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(flow::past_copies_and_local_references(value));
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || llvm::isa<clang::ParmVarDecl>(var) || !var->hasLocalStorage() ||
      !var->getType().getNonReferenceType()->isRecordType() || var->getInit() == nullptr ||
      ref->refersToEnclosingVariableOrCapture()) {
    return nullptr;
  }
  if (var->getType()->isReferenceType() && !Roots::extends_a_temporary(*var)) return nullptr;
  return var;
}

/// `return R{std::string("tmp")};`, `return R{local};` with an aggregate
/// `struct R { const std::string& r; };` (also nested aggregates, and
/// `R(...)` in C++20): what a reference member is bound to, when that
/// dies with the return. `field` is that member.
std::optional<Root> Dangling::aggregate_reference_root(const clang::Expr* e, const Roots& roots,
                                                       const clang::FieldDecl*& field, unsigned depth) {
  if (e == nullptr || depth > 8) return std::nullopt;
  e = skip_carriers(e, {clang::CK_NoOp, clang::CK_ConstructorConversion});
  if (e == nullptr) return std::nullopt;
  llvm::ArrayRef<clang::Expr*> inits;
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
    inits = list->inits();
  } else if (const auto* list = llvm::dyn_cast<clang::CXXParenListInitExpr>(e)) {
    inits = list->getInitExprs();
  } else {
    return std::nullopt;
  }
  const auto* record = e->getType()->getAsCXXRecordDecl();
  if (record == nullptr || record->isUnion() || record->isLambda() || record->isInStdNamespace() ||
      record->getNumBases() != 0) {
    return std::nullopt;
  }
  unsigned i = 0;
  for (const clang::FieldDecl* member : record->fields()) {
    if (i >= inits.size()) break;
    const clang::Expr* init = inits[i++];
    std::optional<Root> root;
    if (member->getType()->isReferenceType()) {
      root = roots.of_object(init);
      if (root) field = member;
    } else if (member->getType()->isRecordType()) {
      root = aggregate_reference_root(init, roots, field, depth + 1);
    }
    if (root) return root;
  }
  return std::nullopt;
}

/// `return C1(local);` where the constructor of the class (of service
/// code, its definition visible) initialises a reference or view member
/// (`T&`, std::string_view, std::atomic_ref, an iterator, a
/// std::ranges::ref_view, ...) from a reference parameter (`ref_(x)`,
/// `view_(v)`, `it_(in)`, `first_(v.front())`): what the argument handed
/// to that parameter is, when it dies with the return. `field` is that
/// member.
std::optional<Root> Dangling::constructor_reference_root(const clang::Expr* e, const Roots& roots,
                                                         const clang::FieldDecl*& field) {
  e = skip_carriers(e, {clang::CK_NoOp, clang::CK_ConstructorConversion});
  const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(e);
  const clang::CXXConstructorDecl* ctor = construct != nullptr ? construct->getConstructor() : nullptr;
  if (ctor == nullptr || ctor->isCopyOrMoveConstructor() || declared_in_std(ctor) ||
      ctor->getParent()->isLambda()) {
    return std::nullopt;
  }
  const auto* definition = llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(ctor->getDefinition());
  if (definition == nullptr) return std::nullopt;
  for (const clang::CXXCtorInitializer* init : definition->inits()) {
    const clang::FieldDecl* member = init->getMember();
    if (!init->isWritten() || member == nullptr || init->getInit() == nullptr) continue;
    const clang::QualType type = member->getType();
    if (!type->isReferenceType() && !is_view(type) && !contains_ref_view(type.getCanonicalType())) continue;
    const clang::ParmVarDecl* param = parameter_referred(init->getInit(), *definition);
    if (param == nullptr || !param->getType()->isReferenceType()) continue;
    const unsigned index = param->getFunctionScopeIndex();
    if (index >= construct->getNumArgs() || llvm::isa<clang::CXXDefaultArgExpr>(construct->getArg(index))) continue;
    const clang::Expr* arg = construct->getArg(index);
    std::optional<Root> root = is_view(arg->getType()) ? roots.of_view(arg) : roots.of_object(arg);
    if (root) {
      field = member;
      return root;
    }
  }
  return std::nullopt;
}

/// The reference parameter of `ctor` whose object a member initialiser
/// refers into: `x`, `std::atomic_ref<int>(x)`, `v.begin()`, `s.front()`,
/// `o.child`, a conversion of it. Else nullptr.
const clang::ParmVarDecl* Dangling::parameter_referred(const clang::Expr* e, const clang::CXXConstructorDecl& ctor,
                                                       unsigned depth) {
  if (e == nullptr || depth > 8) return nullptr;
  e = skip_carriers(e, {clang::CK_NoOp, clang::CK_ConstructorConversion, clang::CK_UserDefinedConversion,
                        clang::CK_LValueToRValue, clang::CK_DerivedToBase, clang::CK_UncheckedDerivedToBase});
  if (e == nullptr) return nullptr;
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(ref->getDecl());
    return param != nullptr && param->getDeclContext() == &ctor ? param : nullptr;
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    if (construct->getNumArgs() == 0 || (!is_view(construct->getType()) && !contains_ref_view(construct->getType()))) {
      return nullptr;
    }
    return parameter_referred(construct->getArg(0), ctor, depth + 1);
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    // v.begin(), s.front(), the conversion s.operator std::string_view()
    const clang::Expr* object = call->getImplicitObjectArgument();
    if (object == nullptr || object->getType()->isPointerType() ||
        !(call->isGLValue() || is_view(call->getType()) || call->getType()->isPointerType())) {
      return nullptr;
    }
    return parameter_referred(object, ctor, depth + 1);
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    if (member->isArrow() || field == nullptr || field->getType()->isReferenceType() ||
        field->getType()->isPointerType()) {
      return nullptr;
    }
    return parameter_referred(member->getBase(), ctor, depth + 1);
  }
  return nullptr;
}

/// The local a std::ref / std::cref / std::tie / std::forward_as_tuple
/// call refers to, when that call's result becomes a part of the value `e`
/// makes: through constructors of std classes (std::optional, std::pair,
/// std::function, copies), aggregate initialisation, the std functions
/// that store their arguments (std::make_pair, std::make_tuple,
/// std::make_optional, std::bind, std::bind_front, std::bind_back) and a
/// conditional. Anything else (a call computing a value from it, a
/// user-defined conversion) ends the walk.
std::optional<Root> Dangling::wrapped_reference_root(const clang::Expr* e, const Roots& roots, unsigned depth) {
  if (depth > 16) return std::nullopt;
  e = skip_carriers(e, {clang::CK_NoOp, clang::CK_ConstructorConversion, clang::CK_DerivedToBase,
                        clang::CK_UncheckedDerivedToBase});
  if (e == nullptr) return std::nullopt;
  if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
    for (const clang::Expr* arm : roots.arms_that_can_run(*conditional)) {
      if (auto root = wrapped_reference_root(arm, roots, depth + 1)) return root;
    }
    return std::nullopt;
  }
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
    for (const clang::Expr* init : list->inits()) {
      if (auto root = wrapped_reference_root(init, roots, depth + 1)) return root;
    }
    return std::nullopt;
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    const clang::CXXConstructorDecl* ctor = construct->getConstructor();
    if (ctor == nullptr || !(declared_in_std(ctor) || ctor->isCopyOrMoveConstructor())) return std::nullopt;
    // std::pair<std::string, int>(std::cref(s), 1) copies s.
    if (!ctor->isCopyOrMoveConstructor() && !may_hold_reference(construct->getType())) return std::nullopt;
    // `RW{local}` with a std::reference_wrapper member: its converting
    // constructor refers to the object it is given, as std::cref would.
    if (!ctor->isCopyOrMoveConstructor() && is_wrapper(construct->getType()) && construct->getNumArgs() == 1 &&
        !is_wrapper(construct->getArg(0)->getType())) {
      std::optional<Root> root = roots.of_object(construct->getArg(0));
      if (root && root->kind == Root::local) return root;
      return std::nullopt;
    }
    for (const clang::Expr* arg : construct->arguments()) {
      if (auto root = wrapped_reference_root(arg, roots, depth + 1)) return root;
    }
    return std::nullopt;
  }
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
      llvm::isa<clang::CXXMethodDecl>(callee)) {
    return std::nullopt;
  }
  const llvm::StringRef name = callee->getName();
  if (is_std_ref_call(call) || name == "tie" || name == "forward_as_tuple") {
    for (const clang::Expr* arg : call->arguments()) {
      std::optional<Root> root = is_view(arg->getType()) && is_std_ref_call(call) ? roots.of_view(arg) : roots.of_object(arg);
      if (root && root->kind == Root::local) return root;
    }
    return std::nullopt;
  }
  if (name == "make_pair" || name == "make_tuple" || name == "make_optional" || name == "bind" ||
      name == "bind_front" || name == "bind_back" || name == "move") {
    for (const clang::Expr* arg : call->arguments()) {
      if (auto root = wrapped_reference_root(arg, roots, depth + 1)) return root;
    }
  }
  return std::nullopt;
}

/// A std type that can keep a reference it is constructed from: a
/// std::reference_wrapper or a reference element (std::optional<
/// std::reference_wrapper<T>>, std::pair<const T&, int>), or a
/// type-erased callable or thread holding whatever it is given.
bool Dangling::may_hold_reference(clang::QualType type, unsigned depth) {
  if (type.isNull() || depth > 6) return false;
  if (type->isReferenceType()) return true;
  const auto* record = type->getAsCXXRecordDecl();
  if (record == nullptr) return false;
  if (is_std_class(record, {"reference_wrapper", "function", "move_only_function", "thread", "jthread",
                            "packaged_task"})) {
    return true;
  }
  for (clang::QualType arg : std_type_arguments(type)) {
    if (may_hold_reference(arg, depth + 1)) return true;
  }
  return false;
}

/// std::vector<std::reference_wrapper<T>>, std::array<..., N>, ...
bool Dangling::holds_reference_wrappers(clang::QualType type) {
  const clang::CXXRecordDecl* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || !record->isInStdNamespace()) return false;
  const clang::QualType element = first_type_argument(record);
  return !element.isNull() && is_std_class(element->getAsCXXRecordDecl(), {"reference_wrapper"});
}

/// `return out;` where `out` is a local container initialised or filled
/// (push_back, emplace_back, insert, ...) with std::ref / std::cref of a
/// local or by-value parameter: the local the first such element refers to.
std::optional<Root> Dangling::container_root(const clang::Expr* value, const Roots& roots, const clang::FunctionDecl& fn) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(flow::past_copies_and_local_references(value));
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
      var->getType()->isReferenceType() || ref->refersToEnclosingVariableOrCapture()) {
    return std::nullopt;
  }
  llvm::SmallVector<const clang::Expr*, 8> elements;
  if (var->getInit() != nullptr) collect_ref_calls(var->getInit(), elements);
  flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
    const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
    if (method == nullptr || method->getIdentifier() == nullptr) return false;
    const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    if (object == nullptr || object->getDecl() != var) return false;
    static const llvm::StringRef kFills[] = {"push_back", "emplace_back", "push_front", "emplace_front", "insert",
                                             "emplace"};
    if (std::find(std::begin(kFills), std::end(kFills), method->getName()) == std::end(kFills)) return false;
    for (const clang::Expr* arg : call->arguments()) collect_ref_calls(arg, elements);
    return false;
  });
  for (const clang::Expr* element : elements) {
    std::optional<Root> root = roots.of_view(element);
    if (root) return root;
  }
  return std::nullopt;
}

/// The std::ref / std::cref calls that become elements of a container
/// made from `e`: the call itself, through copies, an initializer list,
/// or a list-initialised container.
void Dangling::collect_ref_calls(const clang::Expr* e, llvm::SmallVectorImpl<const clang::Expr*>& out, unsigned depth) {
  if (e == nullptr || depth > 8) return;
  e = e->IgnoreImplicit()->IgnoreParens();
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e); call != nullptr && is_std_ref_call(call)) {
    out.push_back(call);
    return;
  }
  if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(e)) {
    collect_ref_calls(list->getSubExpr(), out, depth + 1);
  } else if (const auto* init = llvm::dyn_cast<clang::InitListExpr>(e)) {
    for (const clang::Expr* element : init->inits()) collect_ref_calls(element, out, depth + 1);
  } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    // A copy of a reference_wrapper, or the container's list constructor.
    for (const clang::Expr* arg : construct->arguments()) collect_ref_calls(arg, out, depth + 1);
  }
}

/// A std::ranges::ref_view<T> anywhere in the type: a range adaptor over
/// an lvalue range (`v | std::views::filter(...)`) views that range.
/// (Over an rvalue it is an owning_view and owns it.)
bool Dangling::contains_ref_view(clang::QualType type) {
  LeastDepth searched;
  return contains_ref_view(type, 0, searched);
}

/// `searched`: `F<B, B, B, B>` with `using B = F<A, A, A, A>` and so on names
/// each type many times (LeastDepth.h).
bool Dangling::contains_ref_view(clang::QualType type, int depth, LeastDepth& searched) {
  if (type.isNull() || depth > 8 || !searched.worth_walking(type.getTypePtr(), depth)) return false;
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (spec == nullptr) return false;
  if (spec->getIdentifier() != nullptr && spec->getName() == "ref_view") {
    const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(spec->getDeclContext());
    if (ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "ranges" && ns->isInStdNamespace()) return true;
  }
  for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
    if (arg.getKind() == clang::TemplateArgument::Type &&
        contains_ref_view(arg.getAsType().getCanonicalType(), depth + 1, searched)) {
      return true;
    }
  }
  return false;
}

/// The local (or by-value parameter) a range adaptor expression is built
/// over: follows the range operand of `r | adaptor`, of a std::views
/// call (`std::views::take(r, n)`), of a view constructor, and named
/// local views back to their initialisers. Reference parameters,
/// members, temporaries (owning_view): nothing.
std::optional<Root> Dangling::range_root(const clang::Expr* e, unsigned depth) {
  if (depth > 24) return std::nullopt;
  e = skip_carriers(e, {clang::CK_NoOp, clang::CK_LValueToRValue, clang::CK_DerivedToBase,
                        clang::CK_UncheckedDerivedToBase, clang::CK_ConstructorConversion,
                        clang::CK_UserDefinedConversion});
  if (e == nullptr) return std::nullopt;
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    // A copy or move of the view, take_view(r, n), ref_view(r).
    if (construct->getNumArgs() == 0 || !declared_in_std(construct->getConstructor())) return std::nullopt;
    return range_root(construct->getArg(0), depth + 1);
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
    const clang::FunctionDecl* callee = op->getDirectCallee();
    if (callee == nullptr || !declared_in_std(callee)) return std::nullopt;
    if (op->getOperator() == clang::OO_Pipe && op->getNumArgs() == 2) return range_root(op->getArg(0), depth + 1);
    if (op->getOperator() == clang::OO_Call && op->getNumArgs() >= 2) return range_root(op->getArg(1), depth + 1);
    return std::nullopt;
  }
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var == nullptr || !var->hasLocalStorage() || var->getType()->isReferenceType() ||
        ref->refersToEnclosingVariableOrCapture()) {
      return std::nullopt;
    }
    if (contains_ref_view(var->getType().getCanonicalType())) {
      // A named view: what it was made from (a view parameter views the
      // caller's range).
      if (llvm::isa<clang::ParmVarDecl>(var) || var->getInit() == nullptr) return std::nullopt;
      return range_root(var->getInit(), depth + 1);
    }
    return Root{Root::local, ref, var, false};
  }
  return std::nullopt;
}

}  // namespace meshwa::rules::dangling
