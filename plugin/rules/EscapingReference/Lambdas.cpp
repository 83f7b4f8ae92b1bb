// The lambdas the checker meets (and std::ref/std::cref handed to a thread
// or std::async): what they capture by reference, what views they copy,
// whether they capture `this`; and the reports for them (with the remedy:
// capture by value, make the callee a template on the callable, or keep
// the holder from outliving what is captured).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::escaping_reference {

namespace {

/// Can a value of `type` be copied, or at least moved, into a lambda's
/// capture ([x], [x = std::move(x)])? std::atomic, std::mutex, std::latch,
/// std::barrier, and classes holding one, cannot: a remedy must not offer it.
struct Copyable {
  bool copy = true;
  bool move = true;
};

Copyable copyability(clang::QualType type, unsigned depth = 0) {
  if (type.isNull() || type->isDependentType() || depth > 8) return {};
  const clang::CXXRecordDecl* record = type.getNonReferenceType()->getBaseElementTypeUnsafe()->getAsCXXRecordDecl();
  if (record == nullptr || (record = record->getDefinition()) == nullptr) return {};
  std::optional<bool> copy;
  std::optional<bool> move;
  for (const clang::CXXConstructorDecl* ctor : record->ctors()) {
    if (ctor->isCopyConstructor()) copy = copy.value_or(false) || !ctor->isDeleted();
    if (ctor->isMoveConstructor()) move = move.value_or(false) || !ctor->isDeleted();
  }
  if (copy && move) return {*copy, *move || *copy};
  // Constructors not declared yet: implicit ones, defined as deleted when a
  // base or member cannot be copied (moved).
  bool parts_copy = true;
  bool parts_move = true;
  const auto add = [&](clang::QualType part) {
    if (part->isRValueReferenceType()) parts_copy = false;
    if (part->isReferenceType()) return;
    const Copyable c = copyability(part, depth + 1);
    parts_copy = parts_copy && c.copy;
    parts_move = parts_move && c.move;
  };
  for (const clang::CXXBaseSpecifier& base : record->bases()) add(base.getType());
  for (const clang::FieldDecl* field : record->fields()) add(field->getType());
  if (!copy) copy = !record->hasUserDeclaredMoveConstructor() && !record->hasUserDeclaredMoveAssignment() && parts_copy;
  if (!move) {
    // A deleted implicit move constructor is ignored: the copy is used.
    const bool implicit_move = !record->hasUserDeclaredCopyConstructor() && !record->hasUserDeclaredCopyAssignment() &&
                               !record->hasUserDeclaredDestructor();
    move = (implicit_move && parts_move) || *copy;
  }
  return {*copy, *move || *copy};
}

}  // namespace

/// What a view variable (std::string_view, std::span, an iterator, or a
/// container of them) refers into: a parameter view, the caller's data
/// (the parameter itself); a local or init-capture, the parameter or local
/// its initialiser borrows from. nullptr for anything else, or for a view
/// of a literal, a static or a member (accepted, as for view members).
const clang::VarDecl* EscapingReference::view_origin(const clang::VarDecl* var) {
  const clang::QualType type = var->getType();
  if (type->isReferenceType() || (!is_reference_like(type) && !holds_reference_like(type))) return nullptr;
  if (llvm::isa<clang::ParmVarDecl>(var)) return var;
  if (!var->isInitCapture() && !var->hasLocalStorage()) return nullptr;
  if (is_reference_like(type)) return referents_.of_view_variable(var);
  return var->getInit() != nullptr ? referents_.of(var->getInit(), true) : nullptr;
}

void EscapingReference::check_lambda(const clang::LambdaExpr& lambda, RuleContext& ctx) {
  std::optional<Capture> by_ref;
  for (const clang::LambdaCapture& capture : lambda.captures()) {
    if (!capture.capturesVariable()) continue;
    // A structured binding ([&k] of `for (const auto& [k, v] : m)`) is a
    // part of its hidden decomposition variable: judged as that variable,
    // named as the binding.
    const clang::ValueDecl* named = capture.getCapturedVar();
    const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(named);
    if (const auto* binding = llvm::dyn_cast_or_null<clang::BindingDecl>(named)) {
      var = llvm::dyn_cast_or_null<clang::VarDecl>(binding->getDecomposedDecl());
    }
    if (var == nullptr) continue;
    const clang::SourceLocation where = capture.isImplicit() ? lambda.getCaptureDefaultLoc() : capture.getLocation();
    const bool reference = capture.getCaptureKind() == clang::LCK_ByRef ||
                           (var->isInitCapture() && var->getType()->isReferenceType());
    if (!reference) {
      // A view copied into the lambda escapes with it, but does not tie a
      // local holder's life to anything here (its referent is older than
      // the view), so it is not added to `refs`.
      if (capture.getCaptureKind() == clang::LCK_ByCopy && !by_ref && named == var && view_origin(var) != nullptr) {
        by_ref = Capture{&lambda, var, where, {}, true};
      }
      continue;
    }
    if (is_meshwa_context(var->getType())) continue;
    if (!var->isInitCapture() && !var->hasLocalStorage()) continue;  // a global: not captured at all
    // [&c = member_]: a reference into this object, which lives as long as
    // a [this] capture does; only references into parameters and locals
    // can be outlived.
    if (var->isInitCapture() && var->getInit() != nullptr && referents_.of(var->getInit(), false) == nullptr) continue;
    if (!by_ref || by_ref->view) {
      std::vector<const clang::VarDecl*> refs = by_ref ? by_ref->refs : std::vector<const clang::VarDecl*>{};
      by_ref = Capture{&lambda, named, where, std::move(refs)};
    }
    by_ref->refs.push_back(var);
  }
  if (!by_ref) by_ref = this_capture_of(lambda, ctx);
  if (!by_ref) {
    // In a template, `[&]` does not capture yet a local it uses in a
    // dependent expression (`T local{}; return [&] { return local; };`):
    // clang makes that capture in each instantiation, judged there.
    if (!replaying_ && lambda.getCaptureDefault() == clang::LCD_ByRef) remember_for_replay(lambda.getBeginLoc(), ctx);
    return;
  }
  current_ = &*by_ref;
  auto how = escape_of(lambda, ctx);
  current_ = nullptr;
  if (how) {
    report_lambda(*by_ref, *how, lambda.getBeginLoc(), ctx);
    return;
  }
  if (replay_candidate_) {
    remember_for_replay(lambda.getBeginLoc(), ctx);
    return;
  }
  if (own_member_ && by_ref->this_capture) remember_own_store(*by_ref, lambda.getBeginLoc());
  // Kept in a local: follow the local.
  if (const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(held_by_)) callables_.emplace(var, *by_ref);
}

/// A lambda that captures `this` by reference (not [*this]) and keeps no
/// std::shared_ptr / std::weak_ptr to the object.
std::optional<EscapingReference::Capture> EscapingReference::this_capture_of(const clang::LambdaExpr& lambda,
                                                                             RuleContext& ctx) {
  for (const clang::LambdaCapture& capture : lambda.captures()) {
    if (!capture.capturesThis() || capture.getCaptureKind() != clang::LCK_This) continue;
    // The class whose `this` it is: the innermost method that is not a
    // lambda's call operator.
    const clang::CXXRecordDecl* self = nullptr;
    for (auto it = ctx.decl_parents().rbegin(); it != ctx.decl_parents().rend() && self == nullptr; ++it) {
      const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(*it);
      if (method != nullptr && !method->getParent()->isLambda()) self = method->getParent();
      // A default member initialiser: the class of the field.
      if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(*it); field != nullptr && !field->getParent()->isLambda()) {
        self = llvm::dyn_cast<clang::CXXRecordDecl>(field->getParent());
      }
    }
    if (keeps_object_alive(lambda, self)) return std::nullopt;
    const clang::SourceLocation where = capture.isImplicit() ? lambda.getCaptureDefaultLoc() : capture.getLocation();
    Capture result{&lambda, nullptr, where, {}};
    result.this_capture = true;
    result.self = self;
    return result;
  }
  return std::nullopt;
}

/// std::ref(x) / std::cref(x) handed to a std::thread / std::jthread
/// constructor or to std::async, straight or inside a std::bind (or
/// bind_front, bind_back) of the task: the task holds a reference to x,
/// like a [&x] capture.
bool EscapingReference::is_ref_argument(const clang::CallExpr& call, RuleContext& ctx) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
      (callee->getName() != "ref" && callee->getName() != "cref") || call.getNumArgs() != 1) {
    return false;
  }
  llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  size_t i = parents.size();
  while (i > 0 && passes_value_on(parents[i - 1], i < parents.size() ? parents[i] : &call)) --i;
  const clang::Stmt* parent = i > 0 ? parents[i - 1] : nullptr;
  if (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(parent)) {
    return joined_kind(construct->getType()) == Joined::thread;
  }
  const auto* outer = llvm::dyn_cast_or_null<clang::CallExpr>(parent);
  const clang::FunctionDecl* outer_callee = outer != nullptr ? outer->getDirectCallee() : nullptr;
  return outer_callee != nullptr && outer_callee->isInStdNamespace() && outer_callee->getIdentifier() != nullptr &&
         outer_callee->getName() == "async";
}

/// The local (a parameter, a local variable, the variable of a structured
/// binding) that std::ref(x) / std::cref(x) `call` refers to, else null.
const clang::VarDecl* EscapingReference::ref_argument_of(const clang::CallExpr& call) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
      (callee->getName() != "ref" && callee->getName() != "cref") || call.getNumArgs() != 1) {
    return nullptr;
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(call.getArg(0)->IgnoreParenImpCasts());
  const clang::ValueDecl* named = ref != nullptr ? ref->getDecl() : nullptr;
  const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(named);
  if (const auto* binding = llvm::dyn_cast_or_null<clang::BindingDecl>(named)) {
    var = llvm::dyn_cast_or_null<clang::VarDecl>(binding->getDecomposedDecl());  // std::ref(k) of [k, v]
  }
  if (var == nullptr || !var->hasLocalStorage() || is_meshwa_context(var->getType())) return nullptr;
  return var;
}

void EscapingReference::check_ref_argument(const clang::CallExpr& call, RuleContext& ctx) {
  judge_ref(call, ctx, /*stored_only=*/false);
}

/// std::ref(x) `call` of a local x, followed as a capture of x by reference
/// would be; reported when it escapes (`stored_only`: only when it escapes
/// by being stored in a member, see check_ref_stored).
void EscapingReference::judge_ref(const clang::CallExpr& call, RuleContext& ctx, bool stored_only) {
  const clang::VarDecl* var = ref_argument_of(call);
  if (var == nullptr) return;
  const auto* ref = llvm::cast<clang::DeclRefExpr>(call.getArg(0)->IgnoreParenImpCasts());
  Capture capture{nullptr, ref->getDecl(), call.getBeginLoc(), {var}};
  capture.wrapper = true;
  current_ = &capture;
  auto how = escape_of(call, ctx);
  current_ = nullptr;
  if (!how) return;
  if (stored_only && (stored_field_ == nullptr || !wrapper_escapes())) return;
  report_lambda(capture, *how, call.getBeginLoc(), ctx);
}

/// The local variable that std::ref(x) `call` initialises, alone or bound
/// into a std::bind (bind_front, bind_back) of a task, as the object that
/// keeps the reference: a std::reference_wrapper (`auto r = std::ref(x);`),
/// a std::function (`std::function<void()> task = std::bind(f,
/// std::ref(x));`) or the bind's own result. Null for anything else: a
/// reference or value the wrapper converts to (`int& y = std::ref(x);`
/// keeps no wrapper), a static, a member. Also an existing local assigned
/// it (`r = std::ref(x);`): from there on it holds that reference.
const clang::VarDecl* EscapingReference::local_holding_ref(const clang::CallExpr& call, RuleContext& ctx) {
  llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const clang::Stmt* child = &call;
  size_t i = parents.size();
  while (i > 0) {
    const clang::Stmt* parent = parents[i - 1];
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent);
    const bool carries = construct != nullptr && construct->getNumArgs() == 1 &&
                         ((construct->getConstructor() != nullptr &&
                           construct->getConstructor()->isCopyOrMoveConstructor()) ||
                          is_std_function(construct->getType()));
    if (!carries && !passes_value_on(parent, child)) break;
    child = parent;
    --i;
  }
  if (i == 0) return nullptr;
  const clang::VarDecl* var = nullptr;
  if (const auto* assign = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parents[i - 1])) {
    // `r = std::ref(x);`, `task = std::bind(f, std::ref(x));`: an existing
    // local now holds it (what it held before is gone).
    if (assign->getOperator() != clang::OO_Equal || assign->getNumArgs() != 2 || assign->getArg(1) != child ||
        !is_plain_local(assign->getArg(0))) {
      return nullptr;
    }
    var = flow::variable_named(assign->getArg(0));
  } else {
    if (!llvm::isa<clang::DeclStmt>(parents[i - 1]) || ctx.decl_parents().empty()) return nullptr;
    var = llvm::dyn_cast<clang::VarDecl>(ctx.decl_parents().back());
    if (var == nullptr || var->getInit() == nullptr ||
        var->getInit()->IgnoreImplicit() != llvm::cast<clang::Expr>(child)->IgnoreImplicit()) {
      return nullptr;
    }
  }
  if (var == nullptr || !var->hasLocalStorage() || var->isStaticLocal() || var->getType()->isReferenceType()) {
    return nullptr;
  }
  const clang::CXXRecordDecl* record = var->getType()->getAsCXXRecordDecl();
  const bool bound = record != nullptr && record->isInStdNamespace() && record->getIdentifier() != nullptr &&
                     record->getName().starts_with("_Bind");  // libstdc++'s std::bind / bind_front results
  if (!bound && !is_std_function(var->getType()) && !is_std_class(record, {"reference_wrapper"})) return nullptr;
  return var;
}

/// std::ref(x) kept in the local `holder` (local_holding_ref): the local is
/// followed like one holding a lambda that captures x by reference, and
/// handing it to a thread or std::async that may outlive x is reported
/// (`auto r = std::ref(x); std::thread(f, r).detach();`). Only that: what
/// the local's other uses do with a reference is for the rules on
/// references (dangling, the member stores here).
void EscapingReference::follow_ref_in_local(const clang::CallExpr& call, const clang::VarDecl& holder) {
  const clang::VarDecl* var = ref_argument_of(call);
  if (var == nullptr) return;
  const auto* ref = llvm::cast<clang::DeclRefExpr>(call.getArg(0)->IgnoreParenImpCasts());
  Capture capture{nullptr, ref->getDecl(), call.getBeginLoc(), {var}};
  capture.wrapper = true;
  callables_.insert_or_assign(&holder, capture);
}

/// std::ref(x) of a local neither handed to a task here nor kept in a
/// local: reported when it ends up stored in a member that holds no
/// reference as its type says (a std::function, a container of them:
/// `task_ = std::bind(work, std::ref(x));`), which the member stores of
/// reference types do not judge.
void EscapingReference::check_ref_stored(const clang::CallExpr& call, RuleContext& ctx) {
  judge_ref(call, ctx, /*stored_only=*/true);
}

/// The last escape_of of a std::ref (or a local holding one) counts: it
/// reached a thread or std::async, or a member whose type is no reference,
/// view or container of them (a std::function holding a bind of it); one
/// of those the member stores judge as references.
bool EscapingReference::wrapper_escapes() const {
  if (task_escape_) return true;
  if (stored_field_ == nullptr) return false;
  const clang::QualType type = stored_field_->getType();
  return !type->isReferenceType() && !is_reference_like(type) && !holds_reference_like(type);
}

void EscapingReference::report_lambda(const Capture& capture, const std::string& how, clang::SourceLocation loc,
                                      RuleContext& ctx) {
  // Replaying an instantiation: only what the pattern could not resolve.
  if (replaying_ && replay_locations_.count(loc) == 0) return;
  if (!reported_.insert(loc).second) return;
  if (order_problem_ && order_problem_->root != nullptr) {
    report_order(capture, *order_problem_, loc, ctx);
    return;
  }
  const std::string var = capture.var != nullptr ? capture.var->getNameAsString() : std::string("this");
  const Copyable copyable = capture.var != nullptr ? copyability(capture.var->getType()) : Copyable{};
  if (capture.wrapper) {
    ctx.report.error(loc, kName,
                     "std::ref/std::cref hands '" + var + "' by reference to a task that escapes this function (" +
                         how + "), so the reference can outlive '" + var + "'; " +
                         (copyable.move ? "pass '" + var + "' by value (without std::ref) or keep the data in a member"
                                        : not_copyable_remedy(var)));
    // Kept in a local first (`auto r = std::ref(x);`): where it was made.
    if (loc != capture.where) ctx.report.note(capture.where, "'" + var + "' is passed by reference here");
    return;
  }
  // Handed to a function's std::function parameter: if that function only
  // calls it, taking the callable as a template parameter keeps it here.
  // A virtual function cannot be a template: calling it on a final class
  // whose override is visible lets the rule read what it does.
  const bool is_virtual = !template_callee_.empty() && template_callee_virtual_;
  const std::string as_template =
      template_callee_.empty() ? std::string()
      : is_virtual ? "'" + template_callee_ +
                         "' is virtual, so it cannot be made a template on the callable; if what you call it on is a "
                         "final class whose override is defined in this file, call it through that class (the "
                         "override is then read); otherwise "
                   : "if '" + template_callee_ + "' only calls it, make '" + template_callee_ +
                         "' a template on the callable (template <class F> ... F&& f); otherwise ";
  if (capture.this_capture) {
    ctx.report.error(loc, kName,
                     "a lambda that captures 'this' escapes the object (" + how +
                         "), so it can outlive the object; " + as_template +
                         "capture what it needs by value, or a std::weak_ptr (weak_from_this()) or "
                         "std::shared_ptr (shared_from_this()) instead of 'this', or keep the lambda in a member "
                         "of this object");
    ctx.report.note(capture.where, capture.lambda != nullptr && capture.where == capture.lambda->getCaptureDefaultLoc()
                                       ? "'this' is captured implicitly here"
                                       : "'this' is captured here");
    return;
  }
  if (capture.view) {
    ctx.report.error(loc, kName,
                     "a lambda that holds the view '" + var + "' escapes this function (" + how +
                         "), so it can outlive the data '" + var + "' refers to; " + as_template +
                         "capture an owning copy ([" + var + " = std::string(" + var + ")] or [" + var +
                         " = std::vector(" + var + ".begin(), " + var + ".end())]) or keep the data in a member");
    ctx.report.note(capture.where, "'" + var + "' is a view captured by value here; the copy refers to the same data");
    return;
  }
  // For a virtual callee, a copy changes what a visitor that accumulates
  // does (`total += u.age` into the copy): the shared data comes first.
  const std::string shared =
      is_virtual && capture.var != nullptr
          ? "hold the data in a std::shared_ptr that the lambda captures by value (auto " + var +
                " = std::make_shared<" +
                capture.var->getType().getNonReferenceType().getUnqualifiedType().getAsString(
                    capture.var->getASTContext().getPrintingPolicy()) +
                ">(...); [" + var + "] ... *" + var + "), "
          : std::string();
  // A lambda that writes into the variable (a parallel loop filling
  // `out`): a copy would take its writes with it, so the results have to
  // come back another way.
  if (capture.var != nullptr && capture.lambda != nullptr && (copyable.copy || copyable.move) &&
      writes_into(*capture.lambda, *capture.var) && written_for_later(*capture.lambda, *capture.var)) {
    const std::string type = capture.var->getType().getNonReferenceType().getUnqualifiedType().getAsString(
        capture.var->getASTContext().getPrintingPolicy());
    ctx.report.error(loc, kName,
                     "a lambda that captures '" + var + "' by reference escapes this function (" + how +
                         "), so the reference can outlive '" + var + "'; " + as_template + "the lambda writes into '" +
                         var + "', so a copy would lose what it writes: return the results from the task (a "
                         "std::future<T> this function waits on) and store them here, or hold the data in a "
                         "std::shared_ptr that the lambda captures by value (auto " +
                         var + " = std::make_shared<" + type + ">(...); [" + var + "] ... *" + var + ")");
    ctx.report.note(capture.where, "'" + var + "' is captured by reference here");
    return;
  }
  const std::string by_value =
      copyable.copy   ? shared + "capture by value ([" + var + "] or [" + var + " = std::move(" + var + ")]) or keep the data in a member"
      : copyable.move ? shared + "capture by move ([" + var + " = std::move(" + var + ")]) or keep the data in a member"
                      : not_copyable_remedy(var);
  ctx.report.error(loc, kName,
                   "a lambda that captures '" + var + "' by reference escapes this function (" + how +
                       "), so the reference can outlive '" + var + "'; " + as_template + by_value);
  ctx.report.note(capture.where, "'" + var + "' is captured by reference here");
}

/// Does the lambda's body write into `var` (or into what it holds):
/// assign to it or to an element or member of it (`out[i] = x`,
/// `out.at(i) = x`, `++n`), call a mutating member function on it
/// (`out.push_back(x)`: a non-const one that is no accessor), or hand it to
/// a non-const reference parameter?
bool EscapingReference::writes_into(const clang::LambdaExpr& lambda, const clang::ValueDecl& var) {
  const auto is_var = [&](const clang::Expr* e) {
    for (int depth = 0; e != nullptr && depth < 16; ++depth) {
      e = e->IgnoreParenImpCasts();
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return ref->getDecl() == &var;
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
        e = member->getBase();
      } else if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
        e = subscript->getBase();
      } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
        if (op->getNumArgs() == 0) return false;
        e = op->getArg(0);  // out[i], *it
      } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
        e = call->getImplicitObjectArgument();  // out.at(i), out.back()
      } else {
        return false;
      }
    }
    return false;
  };
  // Named accessors (operators have no identifier: `out[i] = x` is the
  // assignment above, `out[i]` alone a read).
  static const llvm::StringRef kAccessors[] = {"at", "front", "back", "data", "begin", "end", "rbegin", "rend",
                                               "find", "get", "value"};
  return flow::contains(lambda.getBody(), [&](const clang::Stmt& s) {
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
      return binary->isAssignmentOp() && is_var(binary->getLHS());
    }
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s)) {
      return unary->isIncrementDecrementOp() && is_var(unary->getSubExpr());
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
    if (call == nullptr) return false;
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call->getDirectCallee());
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call)) {
      if (op->isAssignmentOp() && op->getNumArgs() > 0) return is_var(op->getArg(0));
    }
    if (method != nullptr && !method->isStatic() && !method->isConst() && !llvm::isa<clang::CXXOperatorCallExpr>(call)) {
      const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call);
      const bool accessor = method->getIdentifier() != nullptr && llvm::is_contained(kAccessors, method->getName());
      if (member_call != nullptr && !accessor && is_var(member_call->getImplicitObjectArgument())) return true;
    }
    for (unsigned i = 0; i < call->getNumArgs(); ++i) {
      const clang::ParmVarDecl* param = flow::parameter_of_argument(*call, i);
      if (param != nullptr && is_mutable_lvalue_reference(param->getType()) && is_var(call->getArg(i))) return true;
    }
    return false;
  });
}

/// Is what the lambda writes into `var` wanted after it: `var` refers to
/// data of the caller (a reference parameter or variable), or the function
/// uses `var` after the lambda? (A counter captured by a lambda that is
/// returned is not: a copy of it, `[count]() mutable`, does the same.)
bool EscapingReference::written_for_later(const clang::LambdaExpr& lambda, const clang::ValueDecl& var) {
  if (var.getType()->isReferenceType()) return true;
  const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(var.getDeclContext());
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  const clang::SourceManager& sources = var.getASTContext().getSourceManager();
  const clang::SourceLocation end = lambda.getEndLoc();
  if (end.isInvalid()) return false;
  // Uses by the function itself: other lambdas capturing `var` are
  // escapes of their own, not readers of what this one wrote.
  return flow::contains_outside_lambdas(fn->getBody(), [&](const clang::Stmt& s) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
    return ref != nullptr && ref->getDecl() == &var && ref->getBeginLoc().isValid() &&
           sources.isBeforeInTranslationUnit(end, ref->getBeginLoc());
  });
}

/// The remedy for a variable that can be neither copied nor moved into
/// the lambda (a std::barrier, a std::atomic, a std::mutex).
std::string EscapingReference::not_copyable_remedy(const std::string& var) {
  return "'" + var + "' cannot be copied or moved, so make the task finish before '" + var +
         "' dies (a local thread or future declared after '" + var + "' and joined or waited on here), or hold '" +
         var + "' in a std::shared_ptr that the lambda captures by value (a meshwa::Shared<T> for data it only reads)";
}

/// A thread (or future) holder that does only join, but that a variable
/// the lambda captures by reference does not outlive: the captured
/// variable dies first on some path while the thread may still run.
void EscapingReference::report_order(const Capture& capture, const OrderProblem& problem, clang::SourceLocation loc,
                                     RuleContext& ctx) {
  const std::string var = display_name(problem.captured);
  const std::string root = display_name(problem.root);
  const std::string holder = problem.holder->getNameAsString();
  const bool future = joined_kind(problem.holder->getType()) == Joined::future ||
                      element_joined_kind(problem.holder->getType()) == Joined::future;
  const std::string runs = future ? "runs in a std::async task whose future is kept in '" + holder + "'"
                                  : "runs on a thread kept in '" + holder + "'";
  const std::string thread = future ? "the task" : "the thread";
  std::string message = (capture.wrapper ? "std::ref/std::cref passes '" + var + "' by reference to a task that "
                                         : "a lambda that captures '" + var + "' by reference ") +
                        runs + ", ";
  if (problem.same_block) {
    message += "which is declared before '" + root + "': if this function leaves before " +
               (future ? "waiting" : "joining") + " (an exception, an early return), '" + root +
               "' is destroyed first, while " + thread + " may still use it; declare '" + holder + "' after '" +
               root + "'";
  } else {
    const Copyable copyable = copyability(problem.captured->getType());
    message += "which outlives '" + root + "': '" + root + "' is destroyed at the end of its block while " + thread +
               " may still use it; " + (future ? "wait for the future" : "join the thread") + " before that block ends" +
               (copyable.copy   ? ", or capture '" + var + "' by value ([" + var + "])"
                : copyable.move ? ", or capture '" + var + "' by move ([" + var + " = std::move(" + var + ")])"
                                : std::string());
  }
  ctx.report.error(loc, kName, message);
  if (capture.wrapper) {
    ctx.report.note(capture.where, "'" + var + "' is passed by reference here");
  } else if (problem.captured == problem.root) {
    ctx.report.note(capture_location(capture, problem.captured), "'" + var + "' is captured by reference here");
  } else {
    ctx.report.note(capture_location(capture, problem.captured),
                    "'" + var + "' is captured by reference here; it refers to '" + root + "'");
  }
  ctx.report.note(problem.holder->getLocation(), "'" + holder + "' is declared here");
}

/// A variable's name; for the hidden variable of a structured binding,
/// its bindings: [a, b].
std::string EscapingReference::display_name(const clang::VarDecl* var) {
  const auto* decomposition = llvm::dyn_cast<clang::DecompositionDecl>(var);
  if (decomposition == nullptr) return var->getNameAsString();
  std::string name = "[";
  for (const clang::BindingDecl* binding : decomposition->bindings()) {
    if (binding != decomposition->bindings().front()) name += ", ";
    name += binding->getNameAsString();
  }
  return name + "]";
}

clang::SourceLocation EscapingReference::capture_location(const Capture& capture, const clang::VarDecl* var) {
  if (capture.lambda == nullptr) return capture.where;
  for (const clang::LambdaCapture& c : capture.lambda->captures()) {
    if (!c.capturesVariable()) continue;
    const clang::ValueDecl* captured = c.getCapturedVar();
    if (const auto* binding = llvm::dyn_cast_or_null<clang::BindingDecl>(captured)) captured = binding->getDecomposedDecl();
    if (captured == var) {
      return c.isImplicit() ? capture.lambda->getCaptureDefaultLoc() : c.getLocation();
    }
  }
  return capture.where;
}

}  // namespace meshwa::rules::escaping_reference
