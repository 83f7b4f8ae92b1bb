// meshwa-escaping-reference: references, views and iterators that outlive
// the call that made them, because they escape the function:
//   - captured by reference in a lambda that escapes: returned, stored in a
//     member, converted to std::function for someone who may keep it,
//     handed to std::thread / std::jthread / std::async, or kept in a static;
//   - stored in a member of reference or view type (T&, std::string_view,
//     std::span, an iterator, std::reference_wrapper, or a container of
//     those) from a parameter or a local.
// A lambda whose by-reference captures stay in the function is fine: called
// right away, passed to an algorithm or any template taking the callable
// itself (std::sort, std::for_each, ...), kept in a local that is used only
// locally. Undecidable cases (a std::function parameter might be stored by
// the callee) are rejected: the diagnostic says how to capture by value.
// meshwa::Context& is exempt: the runtime keeps a service's context alive for
// the service's whole life.
// Returned references to locals and temporaries are meshwa-dangling's;
// interface methods returning references are meshwa-boundary-type's.
#include <map>
#include <optional>
#include <set>

#include "Rule.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "escaping-reference";

bool is_std_named(const clang::CXXRecordDecl* record, std::initializer_list<llvm::StringRef> names) {
  if (record == nullptr || !record->isInStdNamespace() || record->getIdentifier() == nullptr) return false;
  for (llvm::StringRef name : names) {
    if (record->getName() == name) return true;
  }
  return false;
}

bool is_iterator_class(const clang::CXXRecordDecl* record) {
  const clang::CXXRecordDecl* def = record != nullptr ? record->getDefinition() : nullptr;
  if (def == nullptr) return false;
  for (const clang::Decl* member : def->decls()) {
    const auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(member);
    if (alias != nullptr && alias->getIdentifier() != nullptr && alias->getName() == "iterator_category") return true;
  }
  return false;
}

bool is_meshwa_context(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "Context") return false;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext());
  return ns != nullptr && ns->getName() == "meshwa";
}

/// A type whose value refers to memory it does not own.
bool is_reference_like(clang::QualType type, unsigned depth = 0) {
  if (type.isNull() || type->isDependentType() || depth > 4) return false;
  if (type->isReferenceType()) return !is_meshwa_context(type);
  const auto* record = type->getAsCXXRecordDecl();
  if (record == nullptr) return false;
  if (is_std_named(record, {"basic_string_view", "span", "reference_wrapper"})) return true;
  return is_iterator_class(record);
}

/// std::vector<std::string_view>, std::map<std::string_view, int>, ...
bool holds_reference_like(clang::QualType type) {
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace()) return false;
  for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
    if (arg.getKind() == clang::TemplateArgument::Type && is_reference_like(arg.getAsType())) return true;
  }
  return false;
}

bool is_std_function(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return is_std_named(record, {"function", "move_only_function", "copyable_function"});
}

/// A parameter or non-static local named in `e` whose storage the value of `e`
/// may point into. Does not look into lambdas, nor into calls and
/// constructions that make a fresh value (std::string(p), p.size()).
const clang::VarDecl* borrowed_local(const clang::Expr* e, unsigned depth = 0) {
  if (e == nullptr || depth > 32) return nullptr;
  if (llvm::isa<clang::LambdaExpr>(e)) return nullptr;
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var != nullptr && var->hasLocalStorage() && !is_meshwa_context(var->getType())) return var;
    return nullptr;
  }
  if (llvm::isa<clang::CallExpr, clang::CXXConstructExpr>(e) && e->isPRValue() && !is_reference_like(e->getType()) &&
      !e->getType()->isPointerType()) {
    return nullptr;  // a fresh value, not a reference into its arguments
  }
  if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
    if (const auto* var = borrowed_local(conditional->getTrueExpr(), depth + 1)) return var;
    return borrowed_local(conditional->getFalseExpr(), depth + 1);
  }
  for (const clang::Stmt* child : e->children()) {
    if (const auto* sub = llvm::dyn_cast_or_null<clang::Expr>(child)) {
      if (const auto* var = borrowed_local(sub, depth + 1)) return var;
    }
  }
  return nullptr;
}

bool is_wrapper(const clang::Stmt* s) {
  if (llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr, clang::CXXBindTemporaryExpr,
                clang::ExprWithCleanups, clang::ConstantExpr, clang::CXXFunctionalCastExpr, clang::CXXStaticCastExpr>(s)) {
    return true;
  }
  // std::move(f), std::forward<F>(f)
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    return callee != nullptr && call->getNumArgs() == 1 && callee->isInStdNamespace() &&
           callee->getIdentifier() != nullptr && (callee->getName() == "move" || callee->getName() == "forward");
  }
  return false;
}

/// A local variable (not a reference, not static) named by `e`.
bool is_plain_local(const clang::Expr* e) {
  if (e == nullptr) return false;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  return var != nullptr && var->hasLocalStorage() && !var->getType()->isReferenceType() &&
         !llvm::isa<clang::ParmVarDecl>(var);
}

/// The field an lvalue names when it is this->field (or field).
const clang::FieldDecl* member_of_this(const clang::Expr* e) {
  if (e == nullptr) return nullptr;
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts());
  if (member == nullptr) return nullptr;
  if (!llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return nullptr;
  return llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
}

class EscapingReference final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&decl);
    if (ctor == nullptr || !ctor->doesThisDeclarationHaveABody() || ctor->isDependentContext()) return;
    for (const clang::CXXCtorInitializer* init : ctor->inits()) {
      if (!init->isWritten() || !init->isMemberInitializer()) continue;
      const clang::FieldDecl* field = init->getMember();
      if (field == nullptr) continue;
      const clang::Expr* value = init->getInit();
      if (is_reference_like(field->getType()) || holds_reference_like(field->getType())) {
        if (const clang::VarDecl* source = borrowed_local(value)) report_member(init->getSourceLocation(), field, source, ctx);
      }
    }
  }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&stmt)) {
      check_lambda(*lambda, ctx);
    } else if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&stmt)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      auto it = var != nullptr ? callables_.find(var) : callables_.end();
      if (it != callables_.end()) {
        // Calling it, or copying it into another local, keeps it here.
        if (auto how = escape_of(stmt, ctx)) {
          report_lambda(it->second, *how, ref->getLocation(), ctx);
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
        check_member_insert(op->getArg(0), {op->getArg(1)}, stmt, ctx);
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
            check_member_insert(call->getImplicitObjectArgument(), args, stmt, ctx);
            break;
          }
        }
      }
    }
  }

 private:
  struct Capture {
    const clang::LambdaExpr* lambda;
    const clang::ValueDecl* var;
    clang::SourceLocation where;
  };

  void check_lambda(const clang::LambdaExpr& lambda, RuleContext& ctx) {
    std::optional<Capture> by_ref;
    for (const clang::LambdaCapture& capture : lambda.captures()) {
      if (!capture.capturesVariable()) continue;
      const auto* var = llvm::dyn_cast<clang::VarDecl>(capture.getCapturedVar());
      if (var == nullptr) continue;
      const bool reference = capture.getCaptureKind() == clang::LCK_ByRef ||
                             (var->isInitCapture() && var->getType()->isReferenceType());
      if (!reference || is_meshwa_context(var->getType())) continue;
      if (!var->isInitCapture() && !var->hasLocalStorage()) continue;  // a global: not captured at all
      const clang::SourceLocation where = capture.isImplicit() ? lambda.getCaptureDefaultLoc() : capture.getLocation();
      by_ref = Capture{&lambda, var, where};
      break;
    }
    if (!by_ref) return;
    auto how = escape_of(lambda, ctx);
    if (how) {
      report_lambda(*by_ref, *how, lambda.getBeginLoc(), ctx);
      return;
    }
    // Kept in a local: follow the local.
    if (const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(held_by_)) callables_.emplace(var, *by_ref);
  }

  /// How the value of `e` (a lambda, or a local holding one) leaves the
  /// function, or nullopt when it stays. Sets held_by_ when it initialises
  /// a local variable.
  std::optional<std::string> escape_of(const clang::Stmt& e, RuleContext& ctx) {
    held_by_ = nullptr;
    llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const clang::Stmt* child = &e;
    size_t i = parents.size();
    while (i > 0 && is_wrapper(parents[i - 1])) child = parents[--i];
    // Copies and conversions: a closure copied or converted into std::function.
    const clang::Stmt* parent = i > 0 ? parents[i - 1] : nullptr;
    while (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(parent)) {
      if (is_std_named(construct->getType()->getAsCXXRecordDecl(), {"thread", "jthread"})) {
        return std::string("passed to ") + (construct->getType()->getAsCXXRecordDecl()->getName() == "thread"
                                                 ? "std::thread"
                                                 : "std::jthread") +
               ", which may run it after this function returns";
      }
      // Climb through copies of the closure and its conversion to
      // std::function; any other constructor is what receives it.
      const bool copy = construct->getConstructor() != nullptr && construct->getConstructor()->isCopyOrMoveConstructor();
      if (!copy && !is_std_function(construct->getType())) break;
      child = parent;
      --i;
      while (i > 0 && is_wrapper(parents[i - 1])) child = parents[--i];
      parent = i > 0 ? parents[i - 1] : nullptr;
    }
    const bool as_function = llvm::isa<clang::Expr>(child) && is_std_function(llvm::cast<clang::Expr>(child)->getType());

    if (parent == nullptr) {
      // No enclosing statement: a member initialiser of a constructor, a
      // default member initialiser, or a variable's initialiser.
      const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
      if (llvm::isa_and_nonnull<clang::CXXConstructorDecl, clang::FieldDecl>(decl)) return "stored in a member";
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
      if (op->getOperator() == clang::OO_Call) return std::nullopt;  // called right here
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
          callee->getName() == "async") {
        return std::string("passed to std::async, which may run it after this function returns");
      }
      // Into a local object: tasks.push_back(...) on a local vector of
      // std::function stays in the function.
      if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
        if (is_plain_local(member_call->getImplicitObjectArgument())) return std::nullopt;
      }
      if (as_function) {
        std::string callee_name = callee != nullptr ? callee->getQualifiedNameAsString() : std::string("a function");
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
      return std::string("converted to std::function for a constructor, which may keep it");
    }
    return std::nullopt;
  }

  std::optional<std::string> held_in(const clang::VarDecl* var) {
    if (var->isStaticLocal() || !var->hasLocalStorage()) return "kept in static variable '" + var->getNameAsString() + "'";
    held_by_ = var;
    return std::nullopt;
  }

  static std::optional<std::string> assigned_to(const clang::Expr* lhs) {
    // The object the target is part of: handlers[k], slot.callback, ...
    const clang::Expr* target = lhs;
    for (int depth = 0; depth < 16 && target != nullptr; ++depth) {
      if (const clang::FieldDecl* field = member_of_this(target)) {
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
    if (is_plain_local(target)) return std::nullopt;
    return std::string("stored outside this function");
  }

  void check_member_store(const clang::Expr* lhs, const clang::Expr* rhs, const clang::Stmt& at, RuleContext& ctx) {
    const clang::FieldDecl* field = member_of_this(lhs);
    if (field == nullptr) return;
    if (!is_reference_like(field->getType()) && !holds_reference_like(field->getType())) return;
    if (const clang::VarDecl* source = borrowed_local(rhs)) report_member(at.getBeginLoc(), field, source, ctx);
  }

  void check_member_insert(const clang::Expr* object, llvm::ArrayRef<const clang::Expr*> args, const clang::Stmt& at,
                           RuleContext& ctx) {
    const clang::FieldDecl* field = member_of_this(object);
    if (field == nullptr || !holds_reference_like(field->getType())) return;
    for (const clang::Expr* arg : args) {
      // Only what becomes an element: a view or reference argument.
      if (!is_reference_like(arg->getType()) && !arg->isGLValue()) continue;
      if (const clang::VarDecl* source = borrowed_local(arg)) {
        report_member(at.getBeginLoc(), field, source, ctx);
        return;
      }
    }
  }

  void report_member(clang::SourceLocation loc, const clang::FieldDecl* field, const clang::VarDecl* source,
                     RuleContext& ctx) {
    if (!reported_.insert(loc).second) return;
    const char* kind = llvm::isa<clang::ParmVarDecl>(source) ? "parameter" : "local variable";
    ctx.report.error(loc, kName,
                     "member '" + field->getNameAsString() + "' keeps a reference into " + kind + " '" +
                         source->getNameAsString() +
                         "' beyond this call, which dangles once the caller's object is gone; store a copy instead "
                         "(std::string, std::vector, a value member), or share it as meshwa::Shared<T> or a "
                         "meshwa::Ref<I>");
    ctx.report.note(field->getLocation(), "'" + field->getNameAsString() + "' is declared here with a reference or view type");
  }

  void report_lambda(const Capture& capture, const std::string& how, clang::SourceLocation loc, RuleContext& ctx) {
    if (!reported_.insert(loc).second) return;
    const std::string var = capture.var->getNameAsString();
    ctx.report.error(loc, kName,
                     "a lambda that captures '" + var + "' by reference escapes this function (" + how +
                         "), so the reference can outlive '" + var + "'; capture by value ([" + var + "] or [" + var +
                         " = std::move(" + var + ")]) or keep the data in a member");
    ctx.report.note(capture.where, "'" + var + "' is captured by reference here");
  }

  const clang::Decl* held_by_ = nullptr;
  std::map<const clang::VarDecl*, Capture> callables_;
  std::set<clang::SourceLocation> reported_;
};

}  // namespace

std::unique_ptr<Rule> make_EscapingReference() { return std::make_unique<EscapingReference>(); }

}  // namespace meshwa::rules
