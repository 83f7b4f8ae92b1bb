// escape_of: where a lambda, or a local holding one, goes from the statement
// the checker is at: up through its parents (copies, conversions, the arms
// of `c ? a : b`, the right side of `a, b`, calls, constructions,
// assignments, returns) to a holder that keeps it here or one that lets it
// escape, and how to say so.
#include <algorithm>
#include <optional>
#include <string>

#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::escaping_reference {

/// How the value of `e` (a lambda, or a local holding one) leaves the
/// function, or nullopt when it stays. Sets held_by_ when it initialises
/// a local variable.
std::optional<std::string> EscapingReference::escape_of(const clang::Stmt& e, RuleContext& ctx) {
  held_by_ = nullptr;
  template_callee_.clear();
  template_callee_virtual_ = false;
  order_problem_.reset();
  replay_candidate_ = false;
  task_escape_ = false;
  stored_field_ = nullptr;
  own_member_ = false;
  own_field_ = nullptr;
  return escape_at(&e, ctx.stmt_parents().size(), ctx, 0);
}

/// escape_of for `child`, whose parent is stmt_parents()[i - 1] (a call
/// whose result holds the lambda, after a callee returned it).
std::optional<std::string> EscapingReference::escape_at(const clang::Stmt* child, size_t i, RuleContext& ctx,
                                                        unsigned depth) {
  llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const bool this_mode = current_ != nullptr && current_->this_capture;
  while (i > 0 && passes_value_on(parents[i - 1], child)) child = parents[--i];
  // Copies and conversions: a closure copied or converted into std::function.
  const clang::Stmt* parent = i > 0 ? parents[i - 1] : nullptr;
  while (llvm::isa_and_nonnull<clang::CXXConstructExpr, clang::InitListExpr>(parent)) {
    // {1, [&x] {...}} of an aggregate or a std::pair: the value holds it.
    if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(parent)) {
      // (Only a returned or declared value: one handed to a call is that
      // call's to judge, as before.)
      size_t above = i - 1;
      while (above > 0 && is_wrapper(parents[above - 1])) --above;
      const clang::Stmt* next = above > 0 ? parents[above - 1] : nullptr;
      if (!list->getType()->isRecordType() || !llvm::isa_and_nonnull<clang::ReturnStmt, clang::DeclStmt>(next)) break;
      child = parent;
      --i;
      while (i > 0 && passes_value_on(parents[i - 1], child)) child = parents[--i];
      parent = i > 0 ? parents[i - 1] : nullptr;
      continue;
    }
    const auto* construct = llvm::cast<clang::CXXConstructExpr>(parent);
    if (joined_kind(construct->getType()) == Joined::thread) {
      // A local std::thread only ever joined here finishes the lambda
      // before this function's locals die (or std::terminate()s).
      if (owner_stays(parents, i - 1, /*is_async=*/false, ctx)) return std::nullopt;
      const std::string thread =
          construct->getType()->getAsCXXRecordDecl()->getName() == "thread" ? "std::thread" : "std::jthread";
      task_escape_ = true;
      if (this_mode) {
        // worker_ = std::thread([this] {...}): the object keeps (and joins)
        // its thread.
        if (kept_by_this(parents, i - 1, ctx)) return std::nullopt;
        return "passed to " + thread + ", which may run it after the object is gone; join the thread in this "
               "function or keep it in a member that the destructor joins";
      }
      return "passed to " + thread +
             ", which may run it after this function returns; keep the thread in a local that this function "
             "only joins";
    }
    // Climb through copies of the closure and its conversion to
    // std::function; any other constructor is what receives it.
    const bool copy = construct->getConstructor() != nullptr && construct->getConstructor()->isCopyOrMoveConstructor();
    // std::optional / std::pair / std::tuple made from it hold it as a value.
    const bool holder = is_std_class(construct->getType()->getAsCXXRecordDecl(), {"optional", "pair", "tuple"});
    if (!copy && !holder && !is_std_function(construct->getType())) break;
    child = parent;
    --i;
    while (i > 0 && passes_value_on(parents[i - 1], child)) child = parents[--i];
    parent = i > 0 ? parents[i - 1] : nullptr;
  }
  const bool as_function = llvm::isa<clang::Expr>(child) && is_std_function(llvm::cast<clang::Expr>(child)->getType());

  if (!replaying_ && resolved_on_instantiation(parent, child, ctx)) {
    replay_candidate_ = true;
    return std::nullopt;
  }
  if (parent == nullptr) {
    // No enclosing statement: a member initialiser of a constructor, a
    // default member initialiser, or a variable's initialiser.
    const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
    if (llvm::isa_and_nonnull<clang::CXXConstructorDecl, clang::FieldDecl>(decl)) {
      if (this_mode) {
        // The object's own member (or base).
        own_member_ = true;
        own_field_ = llvm::dyn_cast<clang::FieldDecl>(decl);
        if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(decl)) {
          for (const clang::CXXCtorInitializer* init : ctor->inits()) {
            if (init->getInit() == child) own_field_ = init->getMember();
          }
        }
        return std::nullopt;
      }
      stored_field_ = llvm::dyn_cast<clang::FieldDecl>(decl);
      if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(decl)) {
        for (const clang::CXXCtorInitializer* init : ctor->inits()) {
          if (init->getInit() == child) stored_field_ = init->getMember();
        }
      }
      return "stored in a member";
    }
    if (const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(decl)) return held_in(var);
    return std::nullopt;
  }
  if (llvm::isa<clang::ReturnStmt>(parent)) return "returned";
  if (llvm::isa<clang::DeclStmt>(parent)) {
    // The walk is inside the variable being initialised.
    const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
    if (const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(decl)) return held_in(var);
    return std::nullopt;
  }
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
    if (binary->getOpcode() == clang::BO_Assign && binary->getRHS()->IgnoreParenImpCasts() == child) {
      return assigned_to(binary->getLHS());
    }
    return std::nullopt;
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
    if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && op->getArg(1) == child) {
      return assigned_to(op->getArg(0));
    }
    // chain = [next = std::move(chain)] {...}: the std::function holding
    // the lambda is assigned over, which destroys what it held.
    if (const auto* target = llvm::dyn_cast<clang::Expr>(child);
        target != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 &&
        op->getArg(0)->IgnoreParenImpCasts() == target->IgnoreParenImpCasts()) {
      return std::nullopt;
    }
    if (op->getOperator() == clang::OO_Call) return std::nullopt;  // called right here
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
        callee->getName() == "async") {
      // The future std::async returns waits for the task when destroyed:
      // a local future (or a local vector of them) that is only waited on
      // here keeps the lambda inside the function.
      if (owner_stays(parents, i - 1, /*is_async=*/true, ctx)) return std::nullopt;
      task_escape_ = true;
      if (this_mode) {
        if (kept_by_this(parents, i - 1, ctx)) return std::nullopt;  // pending_ = std::async(...)
        return std::string("passed to std::async, whose future may outlive the object; wait for it in this "
                           "function or keep the std::future in a member");
      }
      return std::string("passed to std::async, which may run it after this function returns; keep the "
                         "std::future in a local that this function only waits on");
    }
    if (as_function && callee != nullptr && callee->getIdentifier() != nullptr && callee->getName() == "swap") {
      // cb_.swap(f), std::swap(cb_, f): the other side now holds it.
      if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call);
          member_call != nullptr && is_std_function(member_call->getImplicitObjectArgument()->getType())) {
        return assigned_to(member_call->getImplicitObjectArgument());
      }
      if (callee->isInStdNamespace() && call->getNumArgs() == 2 && !llvm::isa<clang::CXXMemberCallExpr>(call)) {
        return assigned_to(call->getArg(0) == child ? call->getArg(1) : call->getArg(0));
      }
    }
    if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
      const clang::Expr* object = member_call->getImplicitObjectArgument();
      const bool as_argument = std::find(call->arg_begin(), call->arg_end(), child) != call->arg_end();
      if (as_argument && is_insertion(member_call->getMethodDecl())) {
        // threads.emplace_back([&] {...}): the container holds a thread.
        if (element_joined_kind(object->getType()) == Joined::thread) {
          if (is_plain_local(object) && holder_stays(flow::variable_named(object), ctx)) return std::nullopt;
          task_escape_ = true;
          // A std::jthread in a std::optional, a std::thread in a container.
          const clang::CXXRecordDecl* element = std_element_type(object->getType())->getAsCXXRecordDecl();
          const clang::CXXRecordDecl* holder = object->getType().getNonReferenceType()->getAsCXXRecordDecl();
          const std::string in = "passed to a std::" + element->getNameAsString() + " in " +
                                 (is_std_class(holder, {"optional"}) ? "a std::optional" : "a container");
          if (this_mode) {
            if (owned_by_this(object)) return std::nullopt;  // workers_.emplace_back([this] {...})
            return in + ", which may run it after the object is gone; join the threads in this function or keep "
                        "them in a member that the destructor joins";
          }
          return in + ", which may run it after this function returns; keep the threads in a local that this "
                      "function only joins";
        }
        // handlers_.emplace_back([&] {...}): the element keeps the lambda.
        return assigned_to(object);
      }
      // Into a local object: tasks.push_back(...) on a local vector of
      // std::function stays in the function, unless that local outlives a
      // variable the lambda captures (`CLI::App app; { int n;
      // app.callback([&n] {...}); } app.parse(...);`). A method whose body
      // is visible says for itself what it does with the callable: one that
      // only calls it (`items.for_each([&] {...})`) keeps nothing in the
      // object, one that stores it elsewhere (`items.publish([&] {...})`
      // into a global) lets it escape whatever the object's scope.
      if (is_plain_local(object)) {
        if (auto how = passed_to(*call, child, i - 1, ctx, depth)) return *how == kStays ? std::nullopt : how;
        return outlives_capture(flow::variable_named(object));
      }
    }
    // A callee whose body is visible: what it does with the callable.
    if (auto how = passed_to(*call, child, i - 1, ctx, depth)) return *how == kStays ? std::nullopt : how;
    if (as_function && is_template_parameter(call, child)) {
      // std::for_each(b, e, local_function): a template taking whatever
      // callable it is given, like a lambda passed to it directly.
      return std::nullopt;
    }
    if (as_function) {
      if (this_mode && (calls_on_this(*call) || names_this_elsewhere(*call, child))) return std::nullopt;
      if (is_gmock_mock_method(callee)) return std::nullopt;
      std::string callee_name = callee != nullptr ? callee->getQualifiedNameAsString() : std::string("a function");
      if (callee != nullptr) template_callee_ = callee_name;
      // A virtual function cannot be a template: the remedy must not say so.
      const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(callee);
      template_callee_virtual_ = method != nullptr && method->isVirtual();
      return "converted to std::function for '" + callee_name + "', which may keep it";
    }
    if (llvm::isa<clang::CXXMemberCallExpr>(call) && call->getCallee() == child) return std::nullopt;  // f.operator()
    return std::nullopt;
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent); construct != nullptr && as_function) {
    // ScopeGuard guard([&] {...}): the object keeping it is a local.
    const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
    const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(decl);
    if (var != nullptr && var->hasLocalStorage() && !var->getType()->isReferenceType() && var->getInit() != nullptr &&
        var->getInit()->IgnoreImplicit() == construct) {
      return std::nullopt;
    }
    if (this_mode && (kept_by_this(parents, i - 1, ctx) || names_this_elsewhere(*construct, child))) {
      return std::nullopt;
    }
    return std::string("converted to std::function for a constructor, which may keep it");
  }
  return std::nullopt;
}

std::optional<std::string> EscapingReference::held_in(const clang::VarDecl* var) {
  if (var->isStaticLocal() || !var->hasLocalStorage()) return "kept in static variable '" + var->getNameAsString() + "'";
  held_by_ = var;
  return std::nullopt;
}

std::optional<std::string> EscapingReference::assigned_to(const clang::Expr* lhs) {
  if (current_ != nullptr && current_->this_capture) return this_assigned_to(lhs);
  // The object the target is part of: handlers[k], slot.callback, ...
  const clang::Expr* target = lhs;
  for (int depth = 0; depth < 16 && target != nullptr; ++depth) {
    if (const clang::FieldDecl* field = member_of_this(target)) {
      stored_field_ = field;
      return "stored in member '" + field->getNameAsString() + "'";
    }
    target = target->IgnoreParenImpCasts();
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(target);
        op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() > 0) {
      target = op->getArg(0);
    } else if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(target); member != nullptr && !member->isArrow()) {
      target = member->getBase();
    } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(target);
               call != nullptr && call->isGLValue()) {
      target = call->getImplicitObjectArgument();  // v.back() = ..., m.at(k) = ...
    } else {
      break;
    }
  }
  if (is_plain_local(target)) {
    // A local declared before a variable the lambda captures outlives it:
    // std::vector<std::function<void()>> tasks; { int n; tasks.push_back([&] {...}); }
    // That matters when the local is used after the variable's block
    // ends (or in a later iteration of a loop around it): filled and run
    // within the block, it is accepted.
    const clang::VarDecl* holder = flow::variable_named(target);
    if (auto how = outlives_capture(holder)) return how;
    // `f = [&] {...};`: follow the local as for an initialiser (returned,
    // stored in a member, ... later).
    if (lhs->IgnoreParenImpCasts() == target) held_by_ = holder;
    return std::nullopt;
  }
  return std::string("stored outside this function");
}

/// The local `holder` (keeping the lambda) declared before a variable the
/// lambda captures, and used after that variable's block ends (or the
/// block is in a loop the holder lives outside of): how it escapes, else
/// nullopt.
std::optional<std::string> EscapingReference::outlives_capture(const clang::VarDecl* holder) const {
  for (const auto& [captured, root] : outlived_captures(holder)) {
    if (root == nullptr || used_after_scope(holder, root)) {
      return "stored in '" + holder->getNameAsString() + "', which outlives '" + display_name(captured) + "'";
    }
  }
  return std::nullopt;
}

/// The object that holds `e` as a part: `c` of `c[i]`, `c.m` and
/// `c.front()` (an lvalue from a member call); nullptr when `e` is no part.
const clang::Expr* EscapingReference::holder_of(const clang::Expr* e) {
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
      op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() > 0) {
    return op->getArg(0);
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e); member != nullptr && !member->isArrow()) {
    return member->getBase();
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e); call != nullptr && call->isGLValue()) {
    return call->getImplicitObjectArgument();
  }
  return nullptr;
}

/// A [this] lambda assigned to (or inserted into) `lhs`: fine in this
/// object's own members and in locals; anywhere else it can outlive the
/// object.
std::optional<std::string> EscapingReference::this_assigned_to(const clang::Expr* lhs) const {
  if (owned_by_this(lhs)) {
    own_member_ = true;
    own_field_ = member_of_this_containing(lhs);
    return std::nullopt;
  }
  const clang::Expr* target = lhs;
  for (int depth = 0; depth < 16 && target != nullptr; ++depth) {
    target = target->IgnoreParenImpCasts();
    const clang::Expr* holder = holder_of(target);
    if (holder == nullptr) break;
    target = holder;
  }
  if (is_plain_local(target)) return std::nullopt;
  if (const clang::VarDecl* var = flow::variable_named(target); var != nullptr && !var->hasLocalStorage()) {
    return std::string(var->isStaticLocal() || var->isStaticDataMember() ? "stored in static variable '"
                                                                          : "stored in global '") +
           var->getNameAsString() + "'";
  }
  return std::string("stored in another object");
}

}  // namespace meshwa::rules::escaping_reference
