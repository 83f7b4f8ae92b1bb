// `*o` / `o->f` of an optional that is always empty: a local nothing in
// the function can give a value (or a parameter every call passes empty),
// read outside a condition naming it.
#include <optional>

#include "Annotations.h"
#include "BannedFunction.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "clang/Lex/Lexer.h"

namespace meshwa::rules::unsafe_buffer {

/// `*o` / `o->f` of a local `std::optional<T> o;` (or `{}`, `{std::nullopt}`,
/// `= std::nullopt`) that nothing in the function can give a value: no
/// value there, and the storage holds no object. -D_GLIBCXX_ASSERTIONS
/// aborts the binary; without, it reads what was never constructed.
/// Not under a condition naming it (`if (o) use(*o);`: code that never
/// runs, written as the idiom is).
void UnsafeBuffer::check_empty_optional_dereference(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
  const clang::Expr* object = call.getArg(0);
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !always_empty_optional(*var, ctx) || ctx.runs_only_at_compile_time(&call)) return;
  if (in_death_test_statement(call.getExprLoc(), ctx) || under_condition_naming(call, *var, ctx)) return;
  ctx.report.error(call.getExprLoc(), kName,
                   "'" + var->getNameAsString() +
                       "' is an empty std::optional here, and nothing in the function gives it a value: there is "
                       "no object to read; -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, "
                       "every service in it (without it, it reads storage that holds no object); give it a value "
                       "first, or read it with value_or(default) or value(), which throws")
      << call.getSourceRange();
}

/// A local std::optional made empty, whose every mention is a read that
/// cannot give it a value: `*o`, `o->`, has_value(), value(),
/// value_or(), its bool conversion.
bool UnsafeBuffer::always_empty_optional(const clang::VarDecl& var, RuleContext& ctx) {
  const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(&var);
  if (!var.hasLocalStorage() || var.getType()->isReferenceType() || (param == nullptr && var.getInit() == nullptr) ||
      var.isStaticLocal() || !is_std_class(var.getType()->getAsCXXRecordDecl(), {"optional"})) {
    return false;
  }
  auto [cached, fresh] = empty_optionals_.try_emplace(&var, false);
  if (!fresh) return cached->second;
  if (param != nullptr ? !passed_only_empty(*param, ctx) : !made_empty(var.getInit(), var, ctx)) return false;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  // Each mention reads it (`*o`, `o->`, has_value(), value(), value_or(),
  // a conversion): nothing gives it a value.
  // Emptying it again (`o = std::nullopt;`, `o = {};`, `o.reset();`,
  // Juliet's `data = std::nullopt;` source) gives it no value either.
  cached->second = every_mention_accounted(fn->getBody(), var, [&](const clang::Stmt& st) {
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&st);
        op != nullptr && op->getNumArgs() == 1 &&
        (op->getOperator() == clang::OO_Star || op->getOperator() == clang::OO_Arrow) && flow::names_variable(op->getArg(0), var)) {
      return 1u;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&st);
        op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 &&
        flow::names_variable(op->getArg(0), var) && is_empty_optional_value(op->getArg(1))) {
      return 1u;
    }
    // A copy made of it reads it (`auto copy = o;`, passed by value).
    if (const auto* copy = llvm::dyn_cast<clang::CXXConstructExpr>(&st); copy != nullptr && copied_local(copy) == &var) {
      return 1u;
    }
    const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&st);
    if (member == nullptr || !flow::names_variable(member->getImplicitObjectArgument(), var)) return 0u;
    const clang::CXXMethodDecl* method = member->getMethodDecl();
    return method != nullptr && (llvm::isa<clang::CXXConversionDecl>(method) ||
                                 (method->getIdentifier() != nullptr &&
                                  llvm::is_contained({"has_value", "value", "value_or", "reset"}, method->getName())))
               ? 1u
               : 0u;
  });
  return cached->second;
}

/// `{}`, `std::nullopt`, or a copy of a local (or parameter) that is always
/// an empty optional (`std::optional<int> copy = data;`, Juliet's flow
/// variant 31; an argument passed by value).
bool UnsafeBuffer::made_empty(const clang::Expr* init, const clang::VarDecl& var, RuleContext& ctx) {
  const auto* construct = init != nullptr ? llvm::dyn_cast<clang::CXXConstructExpr>(init->IgnoreImplicit()) : nullptr;
  if (construct == nullptr) return false;
  const clang::VarDecl* source = copied_local(construct);
  return construct->getNumArgs() == 0 || (construct->getNumArgs() == 1 && is_nullopt(construct->getArg(0))) ||
         (source != nullptr && source != &var && always_empty_optional(*source, ctx));
}

/// Every call of the function of `param` (one only this file calls
/// directly, not virtual) passes an empty optional for it (Juliet's sinks,
/// flow variants 41 and 51-54).
bool UnsafeBuffer::passed_only_empty(const clang::ParmVarDecl& param, RuleContext& ctx) {
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(param.getDeclContext());
  if (fn == nullptr || fn->isExternallyVisible() || fn->isTemplateInstantiation() || fn->isDependentContext() ||
      llvm::isa<clang::CXXMethodDecl>(fn)) {
    return false;
  }
  const CallSites& sites = call_sites(ctx);
  const clang::FunctionDecl* key = fn->getCanonicalDecl();
  const auto calls = sites.calls.find(key);
  if (sites.escaped.count(key) != 0 || calls == sites.calls.end() || calls->second.empty() ||
      calls->second.size() > 8) {
    return false;
  }
  const unsigned index = param.getFunctionScopeIndex();
  return llvm::all_of(calls->second, [&](const auto& site) {
    return index < site.first->getNumArgs() && made_empty(site.first->getArg(index), param, ctx);
  });
}

/// The local a copy constructor copies (`std::optional<int> copy = data;`), else null.
const clang::VarDecl* UnsafeBuffer::copied_local(const clang::CXXConstructExpr* construct) {
  if (construct == nullptr || construct->getNumArgs() != 1 || construct->getConstructor() == nullptr ||
      !construct->getConstructor()->isCopyConstructor()) {
    return nullptr;
  }
  const clang::VarDecl* var = flow::variable_named(construct->getArg(0));
  return var != nullptr && var->hasLocalStorage() && !var->getType()->isReferenceType() ? var : nullptr;
}

/// `std::nullopt`, or an empty optional made in place (`{}`, `std::optional<int>()`).
bool UnsafeBuffer::is_empty_optional_value(const clang::Expr* e) {
  if (is_nullopt(e)) return true;
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e->IgnoreImplicit()->IgnoreParens());
  if (construct == nullptr || !is_std_class(construct->getType()->getAsCXXRecordDecl(), {"optional"})) return false;
  return construct->getNumArgs() == 0 || (construct->getNumArgs() == 1 && is_nullopt(construct->getArg(0)));
}

/// `std::nullopt` (as constructed from, through conversions).
bool UnsafeBuffer::is_nullopt(const clang::Expr* e) {
  const clang::CXXRecordDecl* record = e->IgnoreImplicit()->IgnoreParens()->getType()->getAsCXXRecordDecl();
  return record != nullptr && record->getIdentifier() != nullptr && record->getName() == "nullopt_t" &&
         record->isInStdNamespace();
}

/// Is `at` in a branch of an if, ?:, && or || or a loop whose condition
/// names `var` (`if (o) return *o;`), or after an earlier `if` of an
/// enclosing block whose condition names it and whose branch leaves
/// (`if (!o) return 0; return *o;`: the usual early-return guard, as the
/// same code reads for a parameter that callers may fill)?
bool UnsafeBuffer::under_condition_naming(const clang::Stmt& at, const clang::VarDecl& var, RuleContext& ctx) {
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const clang::Stmt* child = &at;
  auto names = [&](const clang::Stmt* cond) {
    return cond != nullptr && flow::contains(cond, [&](const clang::Stmt& sub) {
             const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
             return r != nullptr && r->getDecl() == &var;
           });
  };
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    const clang::Stmt* cond = nullptr;
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
      if (earlier_exit_naming(*block, *child, names)) return true;
    } else if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent)) {
      cond = child != s->getCond() ? s->getCond() : nullptr;
    } else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent)) {
      cond = child != s->getCond() ? s->getCond() : nullptr;
    } else if (const auto* s = llvm::dyn_cast<clang::AbstractConditionalOperator>(parent)) {
      cond = child != s->getCond() ? s->getCond() : nullptr;
    } else if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent); s != nullptr && s->isLogicalOp()) {
      cond = child == s->getRHS() ? s->getLHS() : nullptr;
    }
    if (names(cond)) return true;
  }
  return false;
}

/// An `if` (no else) before `child` in `block` whose then-branch leaves and
/// whose condition says the optional `names` accepts is empty; a label in between (a jump may come
/// from elsewhere) ends the search, as for earlier_exit_saying_end.
bool UnsafeBuffer::earlier_exit_naming(const clang::CompoundStmt& block, const clang::Stmt& child,
                                       llvm::function_ref<bool(const clang::Stmt*)> names) {
  const std::optional<unsigned> at = position_in(block, &child);
  if (!at) return false;
  unsigned looked = 0;
  for (const clang::Stmt* const* it = block.body_begin() + *at;
       it != block.body_begin() && looked++ < kEarlierStatementsLooked;) {
    const clang::Stmt* earlier = *--it;
    if (llvm::isa<clang::SwitchCase, clang::LabelStmt>(earlier)) return false;
    if (const clang::IfStmt* branch = exit_guard(earlier); branch != nullptr && leaves_when_empty(branch->getCond(), names)) {
      return true;
    }
  }
  return false;
}

/// Does `cond`, when true, say the optional `names` accepts is empty:
/// `!o`, `!o.has_value()`, `o == std::nullopt`, or a `||` with one of
/// those? (`if (o) return *o;` leaves when it has a value: past it, it
/// has none.)
bool UnsafeBuffer::leaves_when_empty(const clang::Expr* cond, llvm::function_ref<bool(const clang::Stmt*)> names) {
  if (cond == nullptr) return false;
  cond = cond->IgnoreParenImpCasts();
  if (const auto* negation = llvm::dyn_cast<clang::UnaryOperator>(cond)) {
    return negation->getOpcode() == clang::UO_LNot && names(negation->getSubExpr());
  }
  if (const auto* either = llvm::dyn_cast<clang::BinaryOperator>(cond); either != nullptr && either->getOpcode() == clang::BO_LOr) {
    return leaves_when_empty(either->getLHS(), names) || leaves_when_empty(either->getRHS(), names);
  }
  const auto* equal = llvm::dyn_cast<clang::CXXOperatorCallExpr>(cond);
  return equal != nullptr && equal->getOperator() == clang::OO_EqualEqual && equal->getNumArgs() == 2 &&
         ((names(equal->getArg(0)) && is_nullopt(equal->getArg(1))) ||
          (names(equal->getArg(1)) && is_nullopt(equal->getArg(0))));
}

}  // namespace meshwa::rules::unsafe_buffer
