// What a callee does with a callable it is given, read from its body when it
// is visible (class Fate): only calls it, stores it, returns it, keeps it in
// its own object; forwarding to further templates is followed a few calls
// deep (kMaxCalleeDepth).
#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"

namespace meshwa::rules::escaping_reference {

/// Is `param`, a parameter type, the callable's own type (a template
/// parameter deduced as the closure) or a std::function?
bool EscapingReference::takes_callable(clang::QualType param, clang::QualType arg) {
  param = param.getNonReferenceType();
  if (is_std_function(param)) return true;
  const auto* a = arg.getNonReferenceType()->getAsCXXRecordDecl();
  const auto* p = param->getAsCXXRecordDecl();
  return a != nullptr && p != nullptr && a->getCanonicalDecl() == p->getCanonicalDecl();
}

/// The index of the parameter of `call`'s callee that argument `arg` is
/// bound to (a member operator's object, argument 0, is no parameter);
/// nullopt when `arg` is no argument or falls in a C variadic part.
std::optional<unsigned> EscapingReference::parameter_of(const clang::CallExpr& call, const clang::Stmt* arg) {
  for (unsigned k = 0; k < call.getNumArgs(); ++k) {
    if (call.getArg(k) != arg) continue;
    const clang::ParmVarDecl* param = flow::parameter_of_argument(call, k);
    if (param == nullptr) return std::nullopt;
    return k - flow::object_arguments(call);
  }
  return std::nullopt;
}

/// The object a method is called on: `obj` of obj.f(x), of obj(x) or
/// obj += x (a member operator: argument 0). nullptr for a free function.
const clang::Expr* EscapingReference::object_of(const clang::CallExpr& call) {
  if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call)) {
    return member_call->getImplicitObjectArgument();
  }
  if (flow::object_arguments(call) == 1 && call.getNumArgs() > 0) {
    return call.getArg(0);
  }
  return nullptr;
}

/// A callable handed to argument `child` of `call`, whose callee's body is
/// visible: kStays when the callee only calls it, an escape when it keeps
/// it, nullopt when unknown (the caller decides as before: a template is
/// taken to call it, a std::function parameter to keep it).
std::optional<std::string> EscapingReference::passed_to(const clang::CallExpr& call, const clang::Stmt* child,
                                                        size_t index, RuleContext& ctx, unsigned depth) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  if (callee == nullptr || depth > kMaxCalleeDepth || !llvm::isa<clang::Expr>(child)) return std::nullopt;
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);
  if (callee->isInStdNamespace() || (method != nullptr && method->getParent()->isInStdNamespace())) {
    // std algorithms call it; std::function, threads, containers are
    // handled apart (the caller's rules). A member template of a std class
    // that takes the callable as its own template parameter and, by its
    // body, only calls it keeps nothing in the object:
    // `cv.wait(lock, [&] {...})` on a condition variable that outlives a
    // captured variable. Anything else the body does with it
    // (shared_ptr::reset(p, deleter) keeps it) leaves the caller's rules.
    if (method == nullptr || is_insertion(method) || !is_template_parameter(&call, child)) return std::nullopt;
    const std::optional<unsigned> param = parameter_of(call, child);
    const clang::FunctionDecl* definition = definition_with_body(callee);
    if (!param || definition == nullptr) return std::nullopt;
    const Fate fate = fate_of_parameter(definition, *param, 1);
    if (fate.kind == Fate::calls && !fate.through_result) return std::string(kStays);
    return std::nullopt;
  }
  const std::optional<unsigned> param = parameter_of(call, child);
  if (!param) return std::nullopt;
  if (!takes_callable(callee->getParamDecl(*param)->getType(), llvm::cast<clang::Expr>(child)->getType())) {
    return std::nullopt;
  }
  if (current_ != nullptr && current_->this_capture && (calls_on_this(call) || names_this_elsewhere(call, child))) {
    return std::string(kStays);
  }
  if (current_ != nullptr && current_->this_capture && depth == 0 && unsubscribed_in_destructor(call, index, ctx)) {
    return std::string(kStays);
  }
  const clang::FunctionDecl* definition = definition_with_body(callee);
  if (definition == nullptr) return std::nullopt;
  const Fate fate = fate_of_parameter(definition, *param, 1);
  const std::string name = callee->getQualifiedNameAsString();
  if (fate.through_result) return lent_result_passed_to(call, fate, name, index, ctx);
  switch (fate.kind) {
    case Fate::calls:
      return std::string(kStays);
    case Fate::unknown:
      return std::nullopt;
    case Fate::into_result: {
      // auto guard = make_guard([&] {...}): where the result goes.
      auto how = escape_at(&call, index, ctx, depth + 1);
      if (!how) return std::string(kStays);
      return "passed to '" + name + "', which returns it: " + *how;
    }
    case Fate::into_object: {
      const clang::Expr* object = object_of(call);
      if (object == nullptr) return std::nullopt;
      // Kept by a local object (or a CLI11 subcommand a local App owns):
      // fine unless that local outlives a variable the lambda captures.
      if (const clang::VarDecl* holder =
              is_plain_local(object) ? flow::variable_named(object) : local_cli_app_keeping(object)) {
        if (auto how = outlives_capture(holder)) return "passed to '" + name + "', which keeps it in its object: " + *how;
        return std::string(kStays);
      }
      if (current_ != nullptr && current_->this_capture && owned_by_this(object)) return std::string(kStays);
      auto how = object->getType()->isPointerType() ? std::optional<std::string>("stored outside this function")
                                                    : assigned_to(object);
      if (!how) return std::string(kStays);
      return "passed to '" + name + "', which keeps it in its object: " + *how;
    }
    case Fate::stores:
      return "passed to '" + name + "', which " + fate.how;
  }
  return std::nullopt;
}

const clang::ParentMap& ParentMaps::of(const clang::FunctionDecl& fn, const clang::Stmt* root) {
  auto& slot = maps_[root];
  if (!slot) {
    flow::with_stack_for(fn, [&] { slot = std::make_unique<clang::ParentMap>(const_cast<clang::Stmt*>(root)); });
  }
  return *slot;
}

EscapingReference::Fate EscapingReference::fate_of_parameter(const clang::FunctionDecl* definition, unsigned index,
                                                             unsigned depth) {
  if (depth > kMaxCalleeDepth || index >= definition->getNumParams() || definition->getBody() == nullptr) {
    return {Fate::unknown, {}};
  }
  // Memoised: a callee handed many lambdas (or reached through several
  // forwarding paths) is read once per depth.
  const auto key = std::make_tuple(definition, index, depth);
  if (auto it = parameter_fates_.find(key); it != parameter_fates_.end()) return it->second;
  const unsigned cuts = cycle_cuts_;
  Fate fate = fate_of_var(*definition, definition->getParamDecl(index), depth);
  if (cuts == cycle_cuts_) parameter_fates_.emplace(key, fate);  // not cut short by a recursion
  return fate;
}

/// Every use of `var` (a parameter or a local holding the callable) in
/// `fn`'s body (and constructor initialisers): the worst.
EscapingReference::Fate EscapingReference::fate_of_var(const clang::FunctionDecl& fn, const clang::VarDecl* var,
                                                       unsigned depth) {
  if (!fate_visiting_.insert(var).second) {
    ++cycle_cuts_;
    return {};
  }
  Fate result;
  const auto visit = [&](const clang::Stmt* root, Fate::Kind top) {
    if (root == nullptr) return;
    const clang::ParentMap& parents = parent_map(fn, root);
    flow::contains(root, [&](const clang::Stmt& s) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
      if (ref != nullptr && ref->getDecl() == var) result = worse(result, fate_of_value(fn, parents, ref, top, depth));
      return result.kind == Fate::stores;
    });
  };
  visit(fn.getBody(), Fate::unknown);
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn)) {
    // Worker(F f) : f_(std::move(f)) {}: kept in the object built.
    for (const clang::CXXCtorInitializer* init : ctor->inits()) {
      if (result.kind != Fate::stores) visit(init->getInit(), Fate::into_object);
    }
  }
  fate_visiting_.erase(var);
  return result;
}

/// Where the value `e` (the callable, or something holding it) goes.
/// `top`: what reaching the root means (a constructor's initialiser: the
/// object built).
EscapingReference::Fate EscapingReference::fate_of_value(const clang::FunctionDecl& fn, const clang::ParentMap& parents,
                                                         const clang::Stmt* e, Fate::Kind top, unsigned depth) {
  const clang::Stmt* cur = e;
  const clang::Stmt* parent = parents.getParent(cur);
  for (int steps = 0; parent != nullptr && steps < 64; ++steps) {
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent);
    const bool copy = construct != nullptr && construct->getNumArgs() >= 1 &&
                      ((construct->getConstructor() != nullptr &&
                        construct->getConstructor()->isCopyOrMoveConstructor()) ||
                       is_std_function(construct->getType()));
    if (!is_wrapper(parent) && !copy) break;
    cur = parent;
    parent = parents.getParent(cur);
  }
  if (parent == nullptr) return {top, {}};
  const auto same = [cur](const clang::Expr* x) { return x == cur; };
  // Called: f(), f.operator()(), std::invoke(f) below, if (f).
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
    if (op->getOperator() == clang::OO_Call && op->getNumArgs() > 0 && same(op->getArg(0))) {
      return fate_of_lent_result(fn, parents, op, depth);
    }
    if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && same(op->getArg(1))) {
      return fate_of_target(fn, parents, op->getArg(0), depth);
    }
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
    if (call->getCallee() == cur) return fate_of_lent_result(fn, parents, call, depth);
    return fate_of_argument(fn, parents, *call, cur, top, depth);
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(parent); member != nullptr && member->getBase() == cur) {
    const auto* call = llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(parents.getParent(member));
    const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
    if (method == nullptr) return {Fate::unknown, {}};
    if (llvm::isa<clang::CXXConversionDecl>(method) ||
        method->getOverloadedOperator() == clang::OO_Call) {
      return {};  // if (f), f.operator()()
    }
    if (method->getIdentifier() != nullptr && method->getName() == "swap" && call->getNumArgs() == 1) {
      return fate_of_target(fn, parents, call->getArg(0), depth);
    }
    return {Fate::unknown, {}};
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent)) {
    if (joined_kind(construct->getType()) != Joined::none) {
      // std::thread t(std::move(f)); t.join(); in the callee.
      const auto* decl_stmt = llvm::dyn_cast_or_null<clang::DeclStmt>(parents.getParent(construct));
      if (decl_stmt != nullptr && fn.getBody() != nullptr && only_joined_in(fn.getBody())) return {};
      return {Fate::stores, "hands it to a std::thread that may outlive the call"};
    }
    const clang::CXXConstructorDecl* ctor = construct->getConstructor();
    for (unsigned k = 0; ctor != nullptr && k < construct->getNumArgs() && k < ctor->getNumParams(); ++k) {
      if (construct->getArg(k) != cur) continue;
      const clang::FunctionDecl* definition = definition_with_body(ctor);
      if (!takes_callable(ctor->getParamDecl(k)->getType(), llvm::cast<clang::Expr>(cur)->getType()) ||
          definition == nullptr) {
        break;  // an object built from it: where the object goes
      }
      const Fate inner = fate_of_parameter(definition, k, depth + 1);
      if (inner.kind == Fate::calls || inner.kind == Fate::unknown) return inner;
      if (inner.kind == Fate::stores) {
        return {Fate::stores, "passes it to '" + ctor->getParent()->getNameAsString() + "', which " + inner.how,
                inner.through_result};
      }
      if (inner.through_result) return {Fate::unknown, {}};  // (what the object keeps: not followed)
      break;
    }
    return fate_of_value(fn, parents, construct, top, depth);
  }
  if (llvm::isa<clang::InitListExpr, clang::CXXParenListInitExpr, clang::LambdaExpr, clang::ConditionalOperator>(parent)) {
    return fate_of_value(fn, parents, parent, top, depth);  // a part of a bigger value, or captured
  }
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
    if (binary->getOpcode() == clang::BO_Assign && same(binary->getRHS())) {
      return fate_of_target(fn, parents, binary->getLHS(), depth);
    }
    return {Fate::unknown, {}};
  }
  if (llvm::isa<clang::ReturnStmt>(parent)) {
    // Returned from `fn`, not from a lambda inside it.
    for (const clang::Stmt* up = parents.getParent(parent); up != nullptr; up = parents.getParent(up)) {
      if (llvm::isa<clang::LambdaExpr>(up)) return {Fate::unknown, {}};
    }
    return {Fate::into_result, {}};
  }
  if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(parent)) {
    for (const clang::Decl* d : decl_stmt->decls()) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
      if (var == nullptr || var->getInit() == nullptr ||
          !flow::contains(var->getInit(), [cur](const clang::Stmt& s) { return &s == cur; })) {
        continue;
      }
      if (!var->hasLocalStorage()) return {Fate::stores, "keeps it in static variable '" + var->getNameAsString() + "'"};
      return fate_of_var(fn, var, depth);
    }
  }
  return {Fate::unknown, {}};
}

/// The callable (or a value holding it) is an argument of `call` in `fn`.
EscapingReference::Fate EscapingReference::fate_of_argument(const clang::FunctionDecl& fn,
                                                            const clang::ParentMap& parents,
                                                            const clang::CallExpr& call, const clang::Stmt* cur,
                                                            Fate::Kind top, unsigned depth) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  if (callee == nullptr) return {Fate::unknown, {}};
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);
  const llvm::StringRef name = callee->getIdentifier() != nullptr ? callee->getName() : llvm::StringRef();
  const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call);
  if (callee->isInStdNamespace() || (method != nullptr && method->getParent()->isInStdNamespace())) {
    if (member_call != nullptr && is_insertion(method)) {
      return fate_of_target(fn, parents, member_call->getImplicitObjectArgument(), depth);  // queue_.push_back(f)
    }
    if ((name == "swap" || name == "exchange") && call.getNumArgs() == 2) {
      return fate_of_target(fn, parents, call.getArg(0) == cur ? call.getArg(1) : call.getArg(0), depth);
    }
    static const llvm::StringRef kWrapping[] = {"bind", "bind_front", "bind_back", "make_pair", "make_tuple",
                                                "make_optional", "make_shared", "make_unique", "ref", "cref",
                                                "forward_as_tuple"};
    if (std::find(std::begin(kWrapping), std::end(kWrapping), name) != std::end(kWrapping)) {
      return fate_of_value(fn, parents, &call, top, depth);
    }
    if (name == "async") return {Fate::unknown, {}};
    return {};  // std::invoke, std::for_each, std::sort, ...: call it
  }
  const std::optional<unsigned> param = parameter_of(call, cur);
  if (!param) return {Fate::unknown, {}};
  const clang::QualType type = callee->getParamDecl(*param)->getType();
  if (!takes_callable(type, llvm::cast<clang::Expr>(cur)->getType())) return {Fate::unknown, {}};
  const std::string callee_name = callee->getQualifiedNameAsString();
  const clang::FunctionDecl* definition = definition_with_body(callee);
  if (definition == nullptr) {
    if (is_std_function(type.getNonReferenceType())) {
      return {Fate::stores, "passes it to '" + callee_name + "' as a std::function, which may keep it"};
    }
    return {Fate::unknown, {}};
  }
  const Fate inner = fate_of_parameter(definition, *param, depth + 1);
  switch (inner.kind) {
    case Fate::calls:
    case Fate::unknown:
      return inner;
    case Fate::into_result:
      // The callee returns the callable, or (through_result) what calling
      // it returned: where that value goes here.
      if (inner.through_result) return fate_of_lent_result(fn, parents, &call, depth);
      return fate_of_value(fn, parents, &call, top, depth);
    case Fate::into_object: {
      const clang::Expr* object = object_of(call);
      if (object == nullptr) return {Fate::unknown, {}};
      Fate outer = fate_of_target(fn, parents, object, depth);
      outer.through_result = outer.through_result || inner.through_result;
      return outer;
    }
    case Fate::stores:
      return {Fate::stores, "passes it to '" + callee_name + "', which " + inner.how, inner.through_result};
  }
  return {Fate::unknown, {}};
}

namespace {

/// A reference, pointer or view: a value that may refer into what a lambda
/// captures by reference.
bool is_handle_type(clang::QualType type) {
  return !type.isNull() && (type->isReferenceType() || type->isPointerType() || is_reference_like(type));
}

/// An element that keeps a handle: one itself, or a pair of handles and
/// scalars (a std::map<int, std::string_view>'s value_type).
bool holds_handle(clang::QualType element) {
  return is_handle_type(element) || (!element.isNull() && holds_only_handles(element));
}

}  // namespace

/// `x()` in a callee, where x is the callable it was given: calling it is
/// no escape, but the reference, pointer or view it returns may be kept
/// (C++ Core Guidelines F.43: `glob = x();` with x `[&] { return &i; }`).
/// Followed only where that value goes as it is: returned by a function
/// returning a handle, assigned to a handle, inserted into a container of
/// handles. A copy of what it refers to (`int n = x();`) keeps nothing.
EscapingReference::Fate EscapingReference::fate_of_lent_result(const clang::FunctionDecl& fn,
                                                               const clang::ParentMap& parents,
                                                               const clang::Expr* call, unsigned depth) {
  if (!is_handle_type(call->getType()) && !call->isGLValue()) return {};  // a value: a copy
  const clang::Stmt* cur = call;
  const clang::Stmt* parent = parents.getParent(cur);
  // Up through what keeps it a handle: parentheses, casts other than a
  // read of the value, temporaries, a handle made from it
  // (std::reference_wrapper<int>, a std::string_view from a std::string&).
  const auto keeps_handle = [&](const clang::Stmt* p) {
    if (llvm::isa_and_nonnull<clang::ParenExpr, clang::MaterializeTemporaryExpr, clang::ExprWithCleanups,
                               clang::CXXBindTemporaryExpr, clang::MemberExpr>(p)) {
      return !llvm::isa<clang::MemberExpr>(p) || llvm::isa_and_nonnull<clang::CXXMemberCallExpr>(parents.getParent(p));
    }
    if (const auto* cast = llvm::dyn_cast_or_null<clang::ImplicitCastExpr>(p)) {
      return cast->getCastKind() != clang::CK_LValueToRValue;
    }
    if (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(p)) {
      return construct->getNumArgs() == 1 && is_handle_type(construct->getType());
    }
    if (const auto* conversion = llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(p)) {
      return llvm::isa_and_nonnull<clang::CXXConversionDecl>(conversion->getMethodDecl()) &&
             is_handle_type(conversion->getType());
    }
    return false;
  };
  while (keeps_handle(parent)) {
    cur = parent;
    parent = parents.getParent(cur);
  }
  Fate fate;
  if (llvm::isa_and_nonnull<clang::ReturnStmt>(parent)) {
    for (const clang::Stmt* up = parents.getParent(parent); up != nullptr; up = parents.getParent(up)) {
      if (llvm::isa<clang::LambdaExpr>(up)) return {};
    }
    if (!is_handle_type(fn.getReturnType())) return {};
    fate = {Fate::into_result, {}};
  } else if (const auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(parent);
             op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && op->getArg(1) == cur) {
    if (!is_handle_type(op->getArg(0)->getType())) return {};
    fate = fate_of_target(fn, parents, op->getArg(0), depth);
  } else if (const auto* assign = llvm::dyn_cast_or_null<clang::BinaryOperator>(parent);
             assign != nullptr && assign->getOpcode() == clang::BO_Assign && assign->getRHS() == cur) {
    if (!is_handle_type(assign->getLHS()->getType())) return {};
    fate = fate_of_target(fn, parents, assign->getLHS(), depth);
  } else if (const auto* insert = llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(parent);
             insert != nullptr && is_insertion(insert->getMethodDecl()) && insert->getImplicitObjectArgument() != nullptr &&
             llvm::is_contained(insert->arguments(), cur) &&  // inserted, not the container inserted into
             holds_handle(container_value_type(insert->getImplicitObjectArgument()->getType()))) {
    fate = fate_of_target(fn, parents, insert->getImplicitObjectArgument(), depth);
  } else {
    return {};
  }
  if (fate.kind == Fate::calls || fate.kind == Fate::unknown) return fate;
  if (fate.kind == Fate::stores && llvm::StringRef(fate.how).starts_with("stores it")) {
    fate.how = "stores what calling it returns" + fate.how.substr(std::string("stores it").size());
  }
  fate.through_result = true;
  return fate;
}

/// passed_to for a callee that keeps what calling the lambda returns: an
/// escape of the lambda's by-reference capture only when the lambda returns
/// a handle into one (lent_capture). `index`: where the call is in the
/// checker's parents.
std::optional<std::string> EscapingReference::lent_result_passed_to(const clang::CallExpr& call, const Fate& fate,
                                                                    const std::string& name, size_t index,
                                                                    RuleContext& ctx) {
  if (current_ == nullptr || current_->lambda == nullptr || lent_capture(*current_->lambda) == nullptr) {
    return std::string(kStays);
  }
  switch (fate.kind) {
    case Fate::into_result: {
      // The callee returns what the lambda returned: returned here as well?
      llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
      size_t i = index;
      while (i > 0 && is_wrapper(parents[i - 1]) && !llvm::isa<clang::CXXConstructExpr>(parents[i - 1])) --i;
      if (i == 0 || !llvm::isa<clang::ReturnStmt>(parents[i - 1])) return std::string(kStays);
      const clang::FunctionDecl* fn = nullptr;
      for (auto it = ctx.decl_parents().rbegin(); it != ctx.decl_parents().rend() && fn == nullptr; ++it) {
        fn = llvm::dyn_cast<clang::FunctionDecl>(*it);
      }
      if (fn == nullptr || !is_handle_type(fn->getReturnType())) return std::string(kStays);
      return "passed to '" + name + "', which returns what calling it returns: returned";
    }
    case Fate::into_object: {
      const clang::Expr* object = object_of(call);
      if (object == nullptr || is_plain_local(object)) return std::string(kStays);
      auto how = object->getType()->isPointerType() ? std::optional<std::string>("stored outside this function")
                                                    : assigned_to(object);
      if (!how) return std::string(kStays);
      return "passed to '" + name + "', which keeps what calling it returns in its object: " + *how;
    }
    case Fate::stores:
      return "passed to '" + name + "', which " + fate.how;
    case Fate::calls:
    case Fate::unknown:
      break;
  }
  return std::nullopt;
}

/// The local that a lambda captures by reference and hands out: a
/// reference, pointer or view into it that the lambda returns (`[&] {
/// return &i; }`, `[&]() -> int& { return i; }`, `[&]() -> std::string_view
/// { return s; }`); null when what it returns refers to nothing it
/// captures by reference (a member, a static, a value).
const clang::VarDecl* EscapingReference::lent_capture(const clang::LambdaExpr& lambda) {
  const clang::CXXMethodDecl* call = lambda.getCallOperator();
  if (call == nullptr || !is_handle_type(call->getReturnType())) return nullptr;
  const clang::VarDecl* lent = nullptr;
  flow::contains(lambda.getBody(), [&](const clang::Stmt& s) {
    if (llvm::isa<clang::LambdaExpr>(s)) return false;
    const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s);
    const clang::Expr* value = ret != nullptr ? ret->getRetValue() : nullptr;
    if (value == nullptr) return false;
    value = value->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(value);
        construct != nullptr && construct->getNumArgs() >= 1) {
      value = construct->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();  // a view made from it
    }
    if (const auto* conversion = llvm::dyn_cast<clang::CXXMemberCallExpr>(value);
        conversion != nullptr && llvm::isa_and_nonnull<clang::CXXConversionDecl>(conversion->getMethodDecl())) {
      value = conversion->getImplicitObjectArgument()->IgnoreParenImpCasts();  // std::string to std::string_view
    }
    bool taken_address = false;
    if (const auto* address = llvm::dyn_cast<clang::UnaryOperator>(value);
        address != nullptr && address->getOpcode() == clang::UO_AddrOf) {
      value = address->getSubExpr()->IgnoreParenImpCasts();
      taken_address = true;
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(value);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->hasLocalStorage() || var->getType()->isReferenceType()) {
      return false;
    }
    // A view or pointer returned by value is a copy of the captured one:
    // it refers to what that one refers to, not into the local itself.
    if (!call->getReturnType()->isReferenceType() && !taken_address && is_handle_type(var->getType())) return false;
    for (const clang::LambdaCapture& capture : lambda.captures()) {
      if (capture.capturesVariable() && capture.getCapturedVar() == var && capture.getCaptureKind() == clang::LCK_ByRef) {
        lent = var;
      }
    }
    return lent != nullptr;
  });
  return lent;
}

/// The callable is assigned to, or inserted into, `target` in `fn`.
EscapingReference::Fate EscapingReference::fate_of_target(const clang::FunctionDecl& fn,
                                                          const clang::ParentMap& /*parents*/,
                                                          const clang::Expr* target, unsigned depth) {
  for (int k = 0; k < 16 && target != nullptr; ++k) {
    if (const clang::FieldDecl* field = member_of_this(target)) {
      (void)field;
      return {Fate::into_object, {}};
    }
    target = target->IgnoreParenImpCasts();
    if (llvm::isa<clang::CXXThisExpr>(target)) return {Fate::into_object, {}};
    const clang::Expr* holder = holder_of(target);
    if (holder == nullptr) break;
    target = holder;
  }
  const auto* ref = target != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(target) : nullptr;
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr) return {Fate::stores, "stores it in another object"};
  const std::string name = var->getNameAsString();
  if (!var->hasLocalStorage()) {
    return {Fate::stores, std::string("stores it in ") +
                              (var->isStaticLocal() || var->isStaticDataMember() ? "static variable '" : "global '") +
                              name + "'"};
  }
  if (var->getType()->isReferenceType() || var->getType()->isPointerType()) {
    return {Fate::stores, "stores it in '" + name + "', which refers to an object outside the call"};
  }
  return fate_of_var(fn, var, depth);  // a local holder: where it goes
}

}  // namespace meshwa::rules::escaping_reference
