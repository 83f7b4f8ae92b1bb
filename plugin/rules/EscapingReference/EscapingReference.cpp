// meshwa-escaping-reference: references, views and iterators that outlive
// the call that made them, because they escape the function:
//   - captured by reference in a lambda that escapes: returned, stored in a
//     member, converted to std::function for someone who may keep it,
//     handed to std::thread / std::jthread / std::async, or kept in a static;
//   - a view into a parameter or local (std::string_view, std::span, ...)
//     captured by value in a lambda that escapes the same ways;
//   - stored in a member of reference or view type (T&, std::string_view,
//     std::span, an iterator, std::reference_wrapper, or a container of
//     those) from a parameter or a local. What a value refers into is
//     followed (class Referents): a local reference (a range-for variable,
//     a structured binding) to what it is bound to, a local view or
//     iterator that is copied to what it views; through a call, only the
//     object of a method and the arguments its result can refer to (not an
//     index passed by value, not the key or value handed to a std
//     container's find/insert/emplace, not the value std::find compares);
//     a method of the program with a visible body by its returns (only the
//     parameters a return refers into). A local view holder (a class of
//     views and numbers: a cursor `Cur c{in};`) is followed like a pair of
//     handles, through its methods whose returns copy its own views.
//     An insertion is judged per element part (a map's key and mapped
//     value, the parts of a pair built in place or piecewise). A copy of a
//     local container of views (views_ = local, a range insert, std::copy
//     into std::back_inserter(views_)) is judged by what was put into the
//     local (Referents::of_elements), when every use of it is followed.
//   - a lambda capturing `this` ([this], or [&]/[=] in a member function)
//     that escapes the object: kept anywhere but in the object's own
//     members (a global, a static, another object, a std::function for a
//     callee that may keep it, returned, a detached thread), unless it also
//     holds a shared_ptr/weak_ptr to the object or the call names `this` as
//     the owner.
// A callee whose body is visible (a template on the callable, a function
// with a std::function parameter) is read to see what it does with the
// callable (class Fate): only calls it, stores it, returns it, keeps it in
// its own object; forwarding to further templates is followed a few calls
// deep.
// A lambda whose by-reference captures stay in the function is fine: called
// right away, passed to an algorithm or any template that only calls the
// callable (std::sort, std::for_each, ...), kept in a local that is used only
// locally. Undecidable cases (a std::function parameter might be stored by
// the callee) are rejected: the diagnostic says how to capture by value, or
// to make the callee a template on the callable.
// meshwa::Context& is exempt: the runtime keeps a service's context alive for
// the service's whole life.
// Returned references to locals and temporaries are meshwa-dangling's;
// interface methods returning references are meshwa-boundary-type's.
#include <algorithm>
#include <memory>
#include <vector>

#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace meshwa::rules::escaping_reference {

void EscapingReference::check_decl(const clang::Decl& decl, RuleContext& ctx) {
  if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&decl)) {
    check_thread_members(*record, ctx);
    return;
  }
  const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&decl);
  if (ctor == nullptr || !ctor->doesThisDeclarationHaveABody() || replaying_) return;
  for (const clang::CXXCtorInitializer* init : ctor->inits()) {
    if (!init->isWritten() || !init->isMemberInitializer()) continue;
    const clang::FieldDecl* field = init->getMember();
    if (field == nullptr) continue;
    const clang::Expr* value = init->getInit();
    // In a class template, an initialiser that does not depend on the
    // template parameters is resolved in the pattern (`s_(s)` with a
    // std::string_view member and parameter) and judged there; one that
    // does is left to the instantiation, as documented.
    if (value == nullptr || field->getType()->isDependentType() || value->isInstantiationDependent()) continue;
    if (is_reference_like(field->getType()) || holds_reference_like(field->getType()) ||
        is_view_holder(field->getType())) {
      if (const clang::VarDecl* source = referents_.of(value, !keeps_view_object(field->getType()))) {
        report_member(init->getSourceLocation(), field, source, ctx);
      }
    }
  }
}

void EscapingReference::check_stmt(const clang::Stmt& stmt, RuleContext& ctx) {
  source_manager_ = &ctx.sources();
  // A lambda made, or a reference stored, where the function never runs
  // goes nowhere.
  if (ctx.in_never_run_part(&stmt)) return;
  // Replaying an instantiation: only lambdas and the locals holding them
  // (see replay_instantiations).
  if (replaying_ && !llvm::isa<clang::LambdaExpr, clang::DeclRefExpr>(stmt)) return;
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt)) check_copy_into_member(*call, stmt, ctx);
  if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&stmt)) {
    check_lambda(*lambda, ctx);
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt);
             call != nullptr && ref_argument_of(*call) != nullptr) {
    // std::ref(x) of a local: handed to a task here, or kept in a local
    // that is followed to where it goes.
    if (is_ref_argument(*call, ctx)) {
      check_ref_argument(*call, ctx);
    } else if (const clang::VarDecl* holder = local_holding_ref(*call, ctx)) {
      follow_ref_in_local(*call, *holder);
    } else {
      check_ref_stored(*call, ctx);
    }
  } else if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&stmt)) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    auto it = var != nullptr ? callables_.find(var) : callables_.end();
    if (it != callables_.end()) {
      // Calling it, or copying it into another local, keeps it here.
      current_ = &it->second;
      auto how = escape_of(stmt, ctx);
      current_ = nullptr;
      // A std::ref kept in a local is judged where it reaches a task, or a
      // member that is no reference (wrapper_escapes).
      if (how && it->second.wrapper && !wrapper_escapes()) how.reset();
      if (how) {
        report_lambda(it->second, *how, ref->getLocation(), ctx);
      } else if (replay_candidate_) {
        remember_for_replay(ref->getLocation(), ctx);
      } else if (own_member_ && it->second.this_capture) {
        remember_own_store(it->second, ref->getLocation());
      } else if (const auto* copy = llvm::dyn_cast_or_null<clang::VarDecl>(held_by_); copy != nullptr && copy != var) {
        const Capture capture = it->second;
        callables_.emplace(copy, capture);  // std::function<void()> g = f;
      }
    }
  } else if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&stmt)) {
    if (binary->getOpcode() == clang::BO_Assign) check_member_store(binary->getLHS(), binary->getRHS(), stmt, ctx);
  } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt)) {
    if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
      check_member_store(op->getArg(0), op->getArg(1), stmt, ctx);
    } else if (op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2) {
      // views_[key]: only a key of view type (std::map<std::string_view, T>)
      // is kept; an int64_t or std::string key is a copy.
      const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getDirectCallee());
      if (method != nullptr && method->getNumParams() == 1 &&
          is_reference_like(method->getParamDecl(0)->getType().getNonReferenceType().getUnqualifiedType())) {
        check_member_insert(op->getArg(0), {op->getArg(1)}, {method->getParamDecl(0)->getType().getNonReferenceType()},
                            stmt, ctx);
      }
    }
  } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&stmt)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method != nullptr && method->getIdentifier() != nullptr) {
      static const llvm::StringRef kInserts[] = {"push_back", "emplace_back", "push_front", "emplace_front", "insert",
                                                 "emplace", "try_emplace", "insert_or_assign", "assign", "push",
                                                 "emplace_hint"};
      for (llvm::StringRef name : kInserts) {
        if (method->getName() == name) {
          llvm::SmallVector<const clang::Expr*, 4> args(call->arg_begin(), call->arg_end());
          const llvm::SmallVector<clang::QualType, 4> parts =
              element_parts(call->getImplicitObjectArgument()->getType(), *method, args);
          check_member_insert(call->getImplicitObjectArgument(), args, parts, stmt, ctx, method);
          break;
        }
      }
    }
  }
}

/// In a template pattern, `parent` receives `child` (a lambda, or a local
/// holding one) in a call or construction that clang leaves unresolved
/// only because an argument's type is dependent — a lambda written in a
/// template has a dependent closure type even when nothing in it depends
/// on the template parameters — while what is called does not depend on
/// them: `out.push_back([this] {...})` on a
/// `std::vector<std::function<void()>>&`, `register_callback([&n] {...})`,
/// `std::thread([this] {...})`, `std::jthread t([&] {...});`. The
/// instantiations resolve the same call (see replay_instantiations). A
/// call whose object, callee or other arguments depend on the template
/// parameters (`sink.add(...)` with a `Sink&`, `T::subscribe(...)`) is
/// the generic code's business and stays unjudged.
bool EscapingReference::resolved_on_instantiation(const clang::Stmt* parent, const clang::Stmt* child,
                                                  RuleContext& ctx) {
  if (parent == nullptr) return false;
  const auto others_independent = [&](llvm::ArrayRef<const clang::Expr*> args) {
    for (const clang::Expr* arg : args) {
      if (arg == nullptr || arg == child) continue;
      const clang::Expr* bare = arg->IgnoreImplicit()->IgnoreParenImpCasts();
      if (llvm::isa<clang::LambdaExpr>(bare)) continue;  // dependent only as a closure
      if (arg->isTypeDependent()) return false;
    }
    return true;
  };
  const auto explicit_args_independent = [](const clang::OverloadExpr& e) {
    for (const clang::TemplateArgumentLoc& arg : e.template_arguments()) {
      if (arg.getArgument().isDependent()) return false;
    }
    return true;
  };
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
    if (call->getDirectCallee() != nullptr || !call->isTypeDependent()) return false;
    if (std::find(call->arg_begin(), call->arg_end(), child) == call->arg_end()) return false;
    llvm::SmallVector<const clang::Expr*, 4> args(call->arg_begin(), call->arg_end());
    if (!others_independent(args)) return false;
    const clang::Expr* callee = call->getCallee()->IgnoreParenImpCasts();
    if (const auto* member = llvm::dyn_cast<clang::UnresolvedMemberExpr>(callee)) {
      if (!explicit_args_independent(*member)) return false;
      if (member->isImplicitAccess()) return true;  // a method of this class
      const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
      return llvm::isa<clang::CXXThisExpr>(base) || !base->isTypeDependent();
    }
    if (const auto* lookup = llvm::dyn_cast<clang::UnresolvedLookupExpr>(callee)) {
      return explicit_args_independent(*lookup);
    }
    return false;
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXUnresolvedConstructExpr>(parent)) {
    if (construct->getTypeAsWritten()->isDependentType()) return false;
    llvm::SmallVector<const clang::Expr*, 4> args(construct->arg_begin(), construct->arg_end());
    return std::find(args.begin(), args.end(), child) != args.end() && others_independent(args);
  }
  if (const auto* list = llvm::dyn_cast<clang::ParenListExpr>(parent)) {
    // std::jthread t([&] {...}); worker_([this] {...}) in a constructor.
    llvm::SmallVector<const clang::Expr*, 4> args;
    for (unsigned k = 0; k < list->getNumExprs(); ++k) args.push_back(list->getExpr(k));
    if (std::find(args.begin(), args.end(), child) == args.end()) return false;
    if (!others_independent(args)) return false;
    const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
    if (const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(decl)) {
      return var->getInit() == list && !var->getType()->isDependentType();
    }
    if (const auto* ctor = llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(decl)) {
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        if (init->getInit() != list) continue;
        const clang::FieldDecl* field = init->getMember();
        return field != nullptr && !field->getType()->isDependentType();
      }
    }
  }
  return false;
}

/// A lambda (or a local holding one) at `loc` whose escape only the
/// instantiations of the enclosing template can decide.
void EscapingReference::remember_for_replay(clang::SourceLocation loc, RuleContext& ctx) {
  llvm::ArrayRef<const clang::Decl*> decls = ctx.decl_parents();
  for (size_t k = 0; k < decls.size(); ++k) {
    const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(decls[k]);
    if (fn == nullptr || !fn->isDependentContext() || !fn->doesThisDeclarationHaveABody()) continue;
    replay_locations_.insert(loc);
    // The outermost dependent function: its instantiations hold the rest.
    if (replay_functions_.find(fn) == replay_functions_.end()) {
      replay_functions_.emplace(fn, std::vector<const clang::Decl*>(decls.begin(), decls.begin() + k));
      replay_order_.push_back(fn);
    }
    return;
  }
}

void EscapingReference::check_end_of_translation_unit(RuleContext& ctx) {
  replay_instantiations(ctx);
  check_own_stores(ctx);
}

/// The checker's walk (Checker.cpp) over one instantiated function: the
/// same statement and declaration stacks, check_stmt on every statement.
class EscapingReference::Replay : public clang::RecursiveASTVisitor<Replay> {
  using Base = clang::RecursiveASTVisitor<Replay>;

 public:
  Replay(EscapingReference& rule, RuleContext& ctx) : rule_(rule), ctx_(ctx) {}
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(clang::Decl* decl) {
    if (decl == nullptr) return true;
    ctx_.stacks().decls.push_back(decl);
    const bool result = Base::TraverseDecl(decl);
    ctx_.stacks().decls.pop_back();
    return result;
  }
  bool TraverseStmt(clang::Stmt* stmt, DataRecursionQueue* /*queue*/ = nullptr) {
    if (stmt == nullptr) return true;
    rule_.check_stmt(*stmt, ctx_);
    ctx_.stacks().push_stmt(stmt);
    const bool result = Base::TraverseStmt(stmt, nullptr);
    ctx_.stacks().pop_stmt();
    return result;
  }
  bool TraverseLambdaExpr(clang::LambdaExpr* lambda) {
    ctx_.stacks().decls.push_back(lambda->getCallOperator());
    const bool result = Base::TraverseLambdaExpr(lambda);
    ctx_.stacks().decls.pop_back();
    return result;
  }
  // Unevaluated operands: never made, not walked.
  bool TraverseUnaryExprOrTypeTraitExpr(clang::UnaryExprOrTypeTraitExpr*, DataRecursionQueue* = nullptr) {
    return true;
  }
  bool TraverseDecltypeTypeLoc(clang::DecltypeTypeLoc) { return true; }

 private:
  EscapingReference& rule_;
  RuleContext& ctx_;
};

/// Walks the instantiations of the template functions remembered above
/// (up to flow::bodies_to_analyse's limit each) like the checker walks the
/// pattern, running the lambda checks there, and reports only the lambdas
/// the pattern left undecided, at their written location (once, however
/// many instantiations agree). An uninstantiated template is not judged.
void EscapingReference::replay_instantiations(RuleContext& ctx) {
  replaying_ = true;
  for (const clang::FunctionDecl* pattern : replay_order_) {
    for (const clang::FunctionDecl* instance : flow::bodies_to_analyse(*pattern)) {
      RuleContext replay(ctx.ast, ctx.report, ctx.service_code);
      replay.stacks().decls = replay_functions_[pattern];
      flow::with_stack_for(*instance, [&] {
        Replay walk(*this, replay);
        walk.TraverseDecl(const_cast<clang::FunctionDecl*>(instance));
      });
      callables_.clear();
    }
  }
  replaying_ = false;
}

}  // namespace meshwa::rules::escaping_reference

namespace meshwa::rules {

std::unique_ptr<Rule> make_EscapingReference() { return std::make_unique<escaping_reference::EscapingReference>(); }

}  // namespace meshwa::rules
