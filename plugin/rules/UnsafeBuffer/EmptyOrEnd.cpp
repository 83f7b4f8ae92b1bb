// Reading an element that is not there: *o of an optional that is always
// empty, *v.end() and an iterator tested to be end(), the first or last
// element (*v.begin(), front(), back(), pop_front(), *v.data()) of a
// container the function does not show to be non-empty. They share the
// reading of the conditions around an access (guard_of, says_end, says_empty).
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

/// `*v.end()`, `v.end()->m`, `*v.rend()`: reading the element after the
/// last one (or before the first), which is not there; nothing checks it.
/// Also through a local iterator that holds it and that nothing moves
/// (`auto last = v.end(); auto copy = last; *copy = 1;`).
void UnsafeBuffer::check_end_dereference(const clang::Expr& deref, const clang::Expr& iterator, RuleContext& ctx) {
  const auto [end, holder] = held_iterator(&iterator);
  if (end.which != IteratorEnd::end && end.which != IteratorEnd::rend) return;
  ctx.report.error(deref.getBeginLoc(), kName,
                   "dereferencing the end iterator of '" + object_name(end.object, ctx) +
                       "' reads past its elements, and nothing checks it; use .back() or .front() (checked under "
                       "-D_GLIBCXX_ASSERTIONS), or an iterator tested against end()")
      << deref.getSourceRange();
  if (holder != nullptr) {
    ctx.report.note(holder->getLocation(), "'" + holder->getNameAsString() + "' holds that end iterator, and nothing "
                                           "in the function moves it");
  }
}

/// `if (it == m.end()) return it->second;`, `it != end ? 0 : *it`: a
/// local iterator read where the enclosing test has just said it is
/// end(), with nothing in the function moving it (is_unmoved: an
/// iterator given a new value, `it = m.emplace(k, v).first;`, is not
/// judged). There is no element there.
void UnsafeBuffer::check_dereference_tested_end(const clang::Expr& deref, const clang::Expr& iterator,
                                                RuleContext& ctx) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(iterator.IgnoreImplicit()->IgnoreParens());
  const clang::VarDecl* var = local_iterator_var(&iterator);
  if (ref == nullptr || var == nullptr || ref->getDecl() != var || ctx.runs_only_at_compile_time(&deref)) return;
  const clang::Expr* test = test_saying_end(deref, *var, ctx);
  if (test == nullptr || !is_unmoved(*var)) return;
  ctx.report.error(deref.getBeginLoc(), kName,
                   "'" + var->getNameAsString() +
                       "' is read where the test says it is end(): there is no element there, and nothing checks "
                       "it; read it only where it is not end() (`if (it != m.end()) use(it->second);`)")
      << deref.getSourceRange();
  ctx.report.note(test->getExprLoc(), "this test finds '" + var->getNameAsString() + "' equal to end()");
}

std::optional<UnsafeBuffer::Guard> UnsafeBuffer::guard_of(const clang::Stmt& parent, const clang::Stmt& child,
                                                          bool with_init) {
  if (const auto* s = llvm::dyn_cast<clang::IfStmt>(&parent)) {
    if (s->getConditionVariable() != nullptr || (!with_init && s->getInit() != nullptr) ||
        (&child != s->getThen() && &child != s->getElse())) {
      return std::nullopt;
    }
    return Guard{s->getCond(), &child == s->getThen()};
  }
  if (const auto* s = llvm::dyn_cast<clang::ConditionalOperator>(&parent)) {
    if (&child == s->getCond()) return std::nullopt;
    return Guard{s->getCond(), &child == s->getTrueExpr()};
  }
  if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(&parent)) {
    if (!s->isLogicalOp() || &child != s->getRHS()) return std::nullopt;
    return Guard{s->getLHS(), s->getOpcode() == clang::BO_LAnd};
  }
  return std::nullopt;
}

/// The condition of an if, ?:, && or || around `at` that holds, where
/// `at` runs, only when `var` equals an end() iterator; nullptr if none.
const clang::Expr* UnsafeBuffer::test_saying_end(const clang::Stmt& at, const clang::VarDecl& var, RuleContext& ctx) {
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const clang::Stmt* child = &at;
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    // A lambda's body runs elsewhere, later.
    if (llvm::isa<clang::LambdaExpr, clang::BlockExpr>(parent)) return nullptr;
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
      if (const clang::Expr* test = earlier_exit_saying_end(*block, *child, var)) return test;
      continue;
    }
    const std::optional<Guard> guard = guard_of(*parent, *child, /*with_init=*/true);
    if (guard && says_end(guard->cond, var, guard->when, 0)) return guard->cond;
  }
  return nullptr;
}

/// `if (it != m.end()) return it->second;` earlier in `block`, before
/// `child`: past it, `it` is end(). The test, or nullptr. A label in
/// between (a jump may come from elsewhere) ends the search.
const clang::Expr* UnsafeBuffer::earlier_exit_saying_end(const clang::CompoundStmt& block, const clang::Stmt& child,
                                                         const clang::VarDecl& var) {
  const std::optional<unsigned> at = position_in(block, &child);
  if (!at) return nullptr;
  const clang::Stmt* const* here = block.body_begin() + *at;
  unsigned looked = 0;
  for (const clang::Stmt* const* it = here; it != block.body_begin() && looked++ < kEarlierStatementsLooked;) {
    const clang::Stmt* earlier = *--it;
    if (llvm::isa<clang::SwitchCase, clang::LabelStmt>(earlier)) return nullptr;
    if (const clang::IfStmt* branch = exit_guard(earlier);
        branch != nullptr && says_end(branch->getCond(), var, false, 0)) {
      return branch->getCond();
    }
  }
  return nullptr;
}

/// Does `cond` having the value `when` mean `var == <an end() iterator>`?
/// `it == m.end()` true, `it != end` false, `!(...)`, either side of an
/// `&&` that is true, of an `||` that is false.
bool UnsafeBuffer::says_end(const clang::Expr* cond, const clang::VarDecl& var, bool when, int depth) {
  if (cond == nullptr || depth > 8) return false;
  cond = cond->IgnoreParenImpCasts();
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(cond); op != nullptr && op->getOpcode() == clang::UO_LNot) {
    return says_end(op->getSubExpr(), var, !when, depth + 1);
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond); op != nullptr && op->isLogicalOp()) {
    if ((op->getOpcode() == clang::BO_LAnd) != when) return false;
    return says_end(op->getLHS(), var, when, depth + 1) || says_end(op->getRHS(), var, when, depth + 1);
  }
  const clang::Expr* lhs = nullptr;
  const clang::Expr* rhs = nullptr;
  bool equal = false;
  if (const auto* rewritten = llvm::dyn_cast<clang::CXXRewrittenBinaryOperator>(cond)) {
    const clang::CXXRewrittenBinaryOperator::DecomposedForm form = rewritten->getDecomposedForm();
    if (form.Opcode != clang::BO_EQ && form.Opcode != clang::BO_NE) return false;
    lhs = form.LHS;
    rhs = form.RHS;
    equal = form.Opcode == clang::BO_EQ;
  } else if (const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(cond);
             call != nullptr && call->getNumArgs() == 2 &&
             (call->getOperator() == clang::OO_EqualEqual || call->getOperator() == clang::OO_ExclaimEqual)) {
    lhs = call->getArg(0);
    rhs = call->getArg(1);
    equal = call->getOperator() == clang::OO_EqualEqual;
  } else if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond);
             op != nullptr && (op->getOpcode() == clang::BO_EQ || op->getOpcode() == clang::BO_NE)) {
    lhs = op->getLHS();
    rhs = op->getRHS();
    equal = op->getOpcode() == clang::BO_EQ;
  } else {
    return false;
  }
  if (equal != when) return false;
  auto names_var = [&](const clang::Expr* e) {
    const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreImplicit()->IgnoreParens());
    return r != nullptr && r->getDecl() == &var;
  };
  auto is_end = [&](const clang::Expr* e) {
    const IteratorEnd which = held_iterator(e).first.which;
    return which == IteratorEnd::end || which == IteratorEnd::rend;
  };
  return (names_var(lhs) && is_end(rhs)) || (names_var(rhs) && is_end(lhs));
}

/// `*v.begin()`, `m.begin()->second`, `*s.rbegin()`, `*std::prev(v.end())`,
/// `*(v.end() - 1)`: the first or last element read through an iterator
/// straight from the container, which on an empty one is end() — a read
/// past the elements (a null pointer for an empty vector, the header node
/// of a list or map) that no assertion checks, unlike .front()/.back() of
/// vector and deque. Reported unless the function shows the container is
/// not empty there (shown_not_empty: a test around or before, an insertion
/// just before). Not: std::string (never without its terminator), a
/// std::array / std::span of static size > 0, C arrays, iterators kept
/// in variables (whether those were checked is the loop's business).
void UnsafeBuffer::check_first_dereference(const clang::Expr& deref, const clang::Expr& iterator, RuleContext& ctx) {
  IteratorOf it = iterator_of(&iterator);
  bool last = false;
  llvm::StringRef extremum;  // "max_element" or "min_element"
  if (it.which == IteratorEnd::none) {
    std::tie(it, extremum) = extremum_of_whole(&iterator);
  }
  if (it.which == IteratorEnd::none) {
    it = last_element_iterator(&iterator, ctx);
    last = true;
  }
  if (it.which != IteratorEnd::begin && it.which != IteratorEnd::rbegin) return;
  // A bucket's begin(n) is check_bucket_call's.
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(iterator.IgnoreImplicit()->IgnoreParens());
      member != nullptr && member->getNumArgs() != 0) {
    return;
  }
  if (it.object == nullptr || it.container == nullptr || never_empty(it.container) ||
      !is_std_class(it.container, {"vector", "deque", "list", "forward_list", "set", "multiset", "map", "multimap",
                                   "unordered_set", "unordered_multiset", "unordered_map", "unordered_multimap",
                                   "span", "basic_string_view", "array", "inplace_vector"})) {
    return;
  }
  if (ctx.runs_only_at_compile_time(&deref) || shown_not_empty(deref, it.object, ctx)) return;
  const std::string name = object_name(it.object, ctx);
  const bool has_front = is_std_class(it.container, {"vector", "deque", "span", "basic_string_view"}) &&
                         !is_bool_vector(it.container);
  if (!extremum.empty()) {
    ctx.report.error(deref.getBeginLoc(), kName,
                     "this reads the element std::" + extremum.str() + " finds in '" + name +
                         "', and nothing checks that '" + name + "' is not empty (then it gives end(), past the "
                         "elements); test '" + name + ".empty()' first in this function (`if (" + name +
                         ".empty()) return ...;`)")
        << deref.getSourceRange();
    return;
  }
  const std::string element = (last != (it.which == IteratorEnd::rbegin)) ? "last" : "first";
  const std::string checked = element == "first" ? ".front()" : ".back()";
  ctx.report.error(deref.getBeginLoc(), kName,
                   "this reads the " + element + " element of '" + name +
                       "' through an iterator, and nothing checks that '" + name +
                       "' is not empty (then that iterator is end(), past the elements); " +
                       (has_front ? "use " + checked + " (checked under -D_GLIBCXX_ASSERTIONS), or test '"
                                  : "test '") +
                       name + ".empty()' first in this function (`if (" + name + ".empty()) return ...;`)")
      << deref.getSourceRange();
}

/// std::next / std::prev (the std function templates, not a method).
bool UnsafeBuffer::is_std_next_or_prev(const clang::CallExpr& call) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  return callee != nullptr && callee->getIdentifier() != nullptr && callee->isInStdNamespace() &&
         !llvm::isa<clang::CXXMethodDecl>(callee) && (callee->getName() == "next" || callee->getName() == "prev");
}

/// `*v.data()`, `v.data()->m`, `*std::to_address(it)`: element 0 (or
/// whatever the iterator points at) read through a raw pointer, with no
/// check that the container is not empty (or the iterator not end()),
/// while `v.data()[0]` is already reported as raw-pointer indexing.
/// std::string's data() is exempt: it is never empty (the terminator).
void UnsafeBuffer::check_data_dereference(const clang::Expr& pointer, clang::SourceLocation loc, RuleContext& ctx) {
  const clang::Expr* e = pointer.IgnoreParenImpCasts();
  if (!llvm::isa<clang::CallExpr>(e) || ctx.runs_only_at_compile_time(&pointer)) return;
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "data") return;
    if (!is_std_class(method->getParent(), {"vector", "array", "span", "basic_string_view", "inplace_vector"})) {
      return;
    }
    if (never_empty(method->getParent())) return;
    ctx.report.error(loc, kName,
                     "reading element 0 through the raw pointer of .data() is not checked: an empty container's "
                     "data() points at nothing; use .front() (checked under -D_GLIBCXX_ASSERTIONS) or .at(0)")
        << pointer.getSourceRange();
    return;
  }
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || callee->getIdentifier() == nullptr || callee->getName() != "to_address" ||
      !declared_in_std(callee) || call->getNumArgs() != 1) {
    return;
  }
  // std::to_address(smart_pointer) is .get(): not an iterator.
  const clang::QualType arg = call->getArg(0)->getType().getNonReferenceType();
  if (is_std_class(arg->getAsCXXRecordDecl(), {"unique_ptr", "shared_ptr"})) return;
  // *std::to_address(it + n): reported once, as the pointer it makes.
  if (stepped_iterator(call->getArg(0)) != nullptr) return;
  ctx.report.error(loc, kName,
                   "reading through std::to_address is not checked: the iterator may be end() (one past the "
                   "last element); read from the container with .front(), .back() or .at(i)")
      << pointer.getSourceRange();
}

/// `v.front()` / `v.back()` of a local `std::vector<int> v;` (or a
/// `std::string s;`, a `std::array<int, 0>`) that nothing in the function
/// fills: the same access as `v[0]`, judged by the same test as a constant
/// index past the end (check_constant_index_past_end). The element is not
/// there: -D_GLIBCXX_ASSERTIONS aborts the binary, without it the read
/// goes past the buffer. (A std::list or std::vector<bool> is
/// check_unchecked_nonempty's.)
void UnsafeBuffer::check_end_of_known_empty(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  if (method == nullptr || method->getIdentifier() == nullptr || call.getNumArgs() != 0) return;
  const llvm::StringRef fn = method->getName();
  if (fn != "front" && fn != "back") return;
  const clang::CXXRecordDecl* record = method->getParent();
  if (!is_std_class(record, {"array", "span", "vector", "basic_string"}) || is_bool_vector(record)) return;
  const clang::Expr* object = call.getImplicitObjectArgument();
  if (object == nullptr || ctx.runs_only_at_compile_time(&call)) return;
  const std::optional<uint64_t> size = known_element_count(object, record, ctx);
  if (!size || *size != 0 || in_death_test_statement(call.getExprLoc(), ctx)) return;
  // `if (!v.empty()) use(v.front());`: code that never runs, written as
  // the idiom is; not reported.
  if (shown_not_empty(call, object, ctx)) return;
  const std::string name = object_name(object, ctx);
  ctx.report.error(call.getExprLoc(), kName,
                   "'" + fn.str() + "()' of '" + name +
                       "', which is empty here: there is no element; -D_GLIBCXX_ASSERTIONS stops the access by "
                       "aborting the whole binary, every service in it (without it, it reaches past the buffer); " +
                       empty_remedy(record))
      << call.getSourceRange();
}

/// `if (v.empty()) return v.front();`, `v.size() == 0 ? v[0] : 0`, `if
/// (!v.empty()) return 1; return v.back();`: an element of a std::vector,
/// std::deque, std::span or std::string_view (front()/back() of a
/// std::string too) read where the test just made says it is empty,
/// with nothing between the test and the read that could fill it (no
/// call, no other mention of it, no loop around the read).
/// -D_GLIBCXX_ASSERTIONS aborts the binary; without it the read goes past
/// the buffer. (A std::list's front()/back() is check_unchecked_nonempty's.)
void UnsafeBuffer::check_element_of_tested_empty(const clang::CallExpr& call, RuleContext& ctx) {
  const clang::Expr* object = nullptr;
  std::string access;
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call)) {
    const clang::CXXMethodDecl* method = member->getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr || member->getNumArgs() != 0 ||
        (method->getName() != "front" && method->getName() != "back") ||
        !is_std_class(method->getParent(), {"vector", "deque", "span", "basic_string_view", "basic_string"})) {
      return;
    }
    object = member->getImplicitObjectArgument();
    access = "'" + method->getName().str() + "()'";
  } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call);
             op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2) {
    object = op->getArg(0);
    // A std::string's s[0] is its terminator when empty: readable.
    if (!is_std_class(object->getType().getNonReferenceType()->getAsCXXRecordDecl(),
                      {"vector", "deque", "span", "basic_string_view"})) {
      return;
    }
    access = "index";
  } else {
    return;
  }
  const clang::ValueDecl* root = container_root(object);
  if (root == nullptr || is_bool_vector(object->getType().getNonReferenceType()->getAsCXXRecordDecl()) ||
      ctx.runs_only_at_compile_time(&call) || in_death_test_statement(call.getExprLoc(), ctx)) {
    return;
  }
  const clang::Expr* test = test_saying_empty(call, object, *root, ctx);
  if (test == nullptr) return;
  const std::string name = object_name(object, ctx);
  const bool emptied = empties(test, object) != nullptr;
  ctx.report.error(call.getExprLoc(), kName,
                   "this " + access + " reads an element of '" + name +
                       (emptied ? "' just after it was emptied" : "' where the test says it is empty") +
                       ": there is no element; -D_GLIBCXX_ASSERTIONS stops the "
                       "access by aborting the whole binary, every service in it (without it, it reaches past the "
                       "buffer); read it only where it is not empty")
      << call.getSourceRange();
  ctx.report.note(test->getExprLoc(), emptied ? "'" + name + "' is emptied here"
                                              : "where the read runs, this test says '" + name + "' is empty");
}

/// The variable or field a container expression names (`v`, `this->items_`,
/// `req.items`: the field), or null when it is no named object.
const clang::ValueDecl* UnsafeBuffer::container_root(const clang::Expr* object) {
  const clang::Expr* named = named_object(object);
  if (named == nullptr) return nullptr;
  named = named->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(named)) return ref->getDecl();
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(named)) return member->getMemberDecl();
  return nullptr;
}

/// The condition of an if, ?:, && or || around `at`, or of an `if` that
/// leaves just before it in an enclosing block, that holds where `at`
/// runs only when `object` is empty; nullptr if none, or if something
/// between the test and `at` (a call, a mention of `root`, a loop, a
/// label) may have filled it.
const clang::Expr* UnsafeBuffer::test_saying_empty(const clang::Stmt& at, const clang::Expr* object,
                                                   const clang::ValueDecl& root, RuleContext& ctx) {
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const clang::Stmt* child = &at;
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    if (llvm::isa<clang::LambdaExpr, clang::BlockExpr, clang::ForStmt, clang::WhileStmt, clang::DoStmt,
                  clang::CXXForRangeStmt, clang::SwitchStmt>(parent)) {
      return nullptr;
    }
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
      bool blocked = false;
      if (const clang::Expr* test = earlier_exit_saying_empty(*block, *child, object, root, blocked, ctx.ast)) {
        return test;
      }
      if (blocked) return nullptr;
      continue;
    }
    const std::optional<Guard> guard = guard_of(*parent, *child, /*with_init=*/false);
    if (guard && says_empty(guard->cond, object, guard->when, 0, ctx.ast)) return guard->cond;
  }
  return nullptr;
}

/// `if (!v.empty()) return ...;` among the statements of `block` before
/// `child`, with none between that calls anything or names `root`. Sets
/// `blocked` when such a statement (or a label) ends the search.
const clang::Expr* UnsafeBuffer::earlier_exit_saying_empty(const clang::CompoundStmt& block, const clang::Stmt& child,
                                                           const clang::Expr* object, const clang::ValueDecl& root,
                                                           bool& blocked, const clang::ASTContext& ast) {
  const std::optional<unsigned> at = position_in(block, &child);
  if (!at) return nullptr;
  const clang::Stmt* const* here = block.body_begin() + *at;
  unsigned looked = 0;
  for (const clang::Stmt* const* it = here; it != block.body_begin();) {
    const clang::Stmt* earlier = *--it;
    if (looked++ >= kEarlierStatementsLooked || llvm::isa<clang::SwitchCase, clang::LabelStmt>(earlier)) {
      blocked = true;
      return nullptr;
    }
    if (const clang::IfStmt* branch = exit_guard(earlier);
        branch != nullptr && branch->getInit() == nullptr && says_empty(branch->getCond(), object, false, 0, ast)) {
      return branch->getCond();
    }
    if (const clang::Expr* emptied = empties(earlier, object)) return emptied;
    if (may_fill(earlier, root)) {
      blocked = true;
      return nullptr;
    }
  }
  return nullptr;
}

/// `v.clear();` or `v.resize(0);` as a statement of its own on `object`:
/// the call, or null.
const clang::CXXMemberCallExpr* UnsafeBuffer::empties(const clang::Stmt* s, const clang::Expr* object) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(s);
  const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
  if (method == nullptr || method->getIdentifier() == nullptr ||
      !same_object(call->getImplicitObjectArgument()->IgnoreParenImpCasts(), object->IgnoreParenImpCasts())) {
    return nullptr;
  }
  if (method->getName() == "clear" && call->getNumArgs() == 0) return call;
  if (method->getName() != "resize" || call->getNumArgs() != 1) return nullptr;
  const clang::Expr* size = call->getArg(0)->IgnoreParenImpCasts();
  if (size->isValueDependent() || size->isTypeDependent()) return nullptr;
  const std::optional<llvm::APSInt> value = size->getIntegerConstantExpr(method->getASTContext());
  return value && value->isZero() ? call : nullptr;
}

/// Could `s` give the container `root` elements: does it call anything,
/// or name it?
bool UnsafeBuffer::may_fill(const clang::Stmt* s, const clang::ValueDecl& root) {
  return flow::contains(s, [&](const clang::Stmt& sub) {
    if (llvm::isa<clang::CallExpr, clang::CXXConstructExpr>(sub)) return true;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub)) return ref->getDecl() == &root;
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&sub)) return member->getMemberDecl() == &root;
    return false;
  });
}

/// Does `cond` having the value `when` mean `object` is empty? `v.empty()`,
/// `v.size() == 0`, `!v.size()` true, `!v.empty()`, `v.size() != 0`,
/// `v.size() > 0` false; either side of an `&&` that is true, of an `||`
/// that is false.
bool UnsafeBuffer::says_empty(const clang::Expr* cond, const clang::Expr* object, bool when, int depth,
                              const clang::ASTContext& ast) {
  if (cond == nullptr || depth > 8) return false;
  cond = cond->IgnoreParenImpCasts();
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(cond); op != nullptr && op->getOpcode() == clang::UO_LNot) {
    return says_empty(op->getSubExpr(), object, !when, depth + 1, ast);
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond); op != nullptr && op->isLogicalOp()) {
    if ((op->getOpcode() == clang::BO_LAnd) != when) return false;
    return says_empty(op->getLHS(), object, when, depth + 1, ast) ||
           says_empty(op->getRHS(), object, when, depth + 1, ast);
  }
  // `x.empty()`, `std::empty(x)`, `x.size()`, `std::size(x)`: x, seen through.
  const auto asked = [](const clang::Expr* e, llvm::StringRef name) -> const clang::Expr* {
    const clang::Expr* x = sized_object(e, {name}, FreeSizeCall::std_only, /*member_without_arguments=*/true);
    return x != nullptr ? x->IgnoreParenImpCasts() : nullptr;
  };
  if (const clang::Expr* sized = asked(cond, "empty")) return when && same_object(sized, object);
  // `v.size()` as a condition: true when not empty.
  if (const clang::Expr* sized = asked(cond, "size")) return !when && same_object(sized, object);
  const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond);
  if (op == nullptr || !op->isComparisonOp()) return false;
  clang::BinaryOperatorKind kind = op->getOpcode();
  const clang::Expr* size = op->getLHS();
  const clang::Expr* other = op->getRHS();
  if (asked(size->IgnoreParenImpCasts(), "size") == nullptr) {
    std::swap(size, other);
    kind = clang::BinaryOperator::reverseComparisonOp(kind);
  }
  const clang::Expr* sized = asked(size->IgnoreParenImpCasts(), "size");
  clang::Expr::EvalResult zero;
  if (sized == nullptr || !same_object(sized, object) || other->isValueDependent() ||
      !other->EvaluateAsInt(zero, ast) || !zero.Val.getInt().isZero()) {
    return false;
  }
  // size() == 0 true, size() != 0 / size() > 0 false: empty.
  if (kind == clang::BO_EQ || kind == clang::BO_LE) return when;
  if (kind == clang::BO_NE || kind == clang::BO_GT) return !when;
  return false;
}

const clang::Expr* UnsafeBuffer::sized_object(const clang::Expr* e, std::initializer_list<llvm::StringRef> names,
                                               FreeSizeCall free, bool member_without_arguments) {
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(e);
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  if (fn == nullptr || fn->getIdentifier() == nullptr || !llvm::is_contained(names, fn->getName())) return nullptr;
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
    return !member_without_arguments || member->getNumArgs() == 0 ? member->getImplicitObjectArgument() : nullptr;
  }
  if (call->getNumArgs() != 1) return nullptr;
  switch (free) {
    case FreeSizeCall::none: return nullptr;
    case FreeSizeCall::std_only: return fn->isInStdNamespace() ? call->getArg(0) : nullptr;
    case FreeSizeCall::std_or_nested: return declared_in_std(fn) ? call->getArg(0) : nullptr;
  }
  return nullptr;
}

/// What to do about an element access of an empty container: a
/// std::vector or std::string can be given elements; a std::array or
/// std::span of size 0 never has any.
std::string UnsafeBuffer::empty_remedy(const clang::CXXRecordDecl* record) {
  if (is_std_class(record, {"vector", "basic_string"})) {
    return "give it elements first (push_back, resize, a size at construction)";
  }
  return "its size is 0, so it never has an element: give it a size, or do not read it";
}

/// `l.front()`, `l.back()`, `l.pop_front()`, `l.pop_back()` of a
/// std::list, `f.front()` / `f.pop_front()` of a std::forward_list,
/// `b.front()` / `b.back()` / `b.pop_back()` of a std::vector<bool>:
/// libstdc++ 12 has no assertion in them (unlike vector<T>, deque, string
/// and the adaptors queue / stack / priority_queue, which assert
/// !empty() under _GLIBCXX_ASSERTIONS). Reported unless the function
/// shows the container is not empty there (shown_not_empty).
void UnsafeBuffer::check_unchecked_nonempty(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  if (method == nullptr || method->getIdentifier() == nullptr || call.getNumArgs() != 0) return;
  const llvm::StringRef fn = method->getName();
  if (fn != "front" && fn != "back" && fn != "pop_front" && fn != "pop_back") return;
  const clang::CXXRecordDecl* record = method->getParent();
  std::string what;
  std::string effect;
  const bool pops = fn.starts_with("pop_");
  if (is_std_class(record, {"list"})) {
    what = "std::list";
    effect = pops ? "frees the list's own header node, which lives inside the list object"
                  : "gives the list's own header node as the element: using it reads or writes over the list "
                    "object and what follows it";
  } else if (is_std_class(record, {"forward_list"})) {
    what = "std::forward_list";
    effect = "follows the empty list's null head pointer";
  } else if (is_std_class(record, {"vector"}) && is_bool_vector(record)) {
    what = "std::vector<bool>";
    effect = pops ? "moves the end before the start: size() wraps around to SIZE_MAX and every later bounds "
                    "check (.at(i)) passes"
                  : "reads or writes a bit outside the vector's storage";
  } else {
    return;
  }
  if (ctx.runs_only_at_compile_time(&call)) return;
  const clang::Expr* object = call.getImplicitObjectArgument();
  if (object == nullptr || shown_not_empty(call, object, ctx)) return;
  const std::string name = object_name(object, ctx);
  ctx.report.error(call.getExprLoc(), kName,
                   "'" + fn.str() + "()' of a " + what +
                       " is not checked by this standard library, even with _GLIBCXX_ASSERTIONS: on an empty " +
                       (what == "std::vector<bool>" ? "vector" : "list") + " it " + effect + "; test '" + name +
                       ".empty()' first in this function (`if (" + name + ".empty()) return;`, or call it under `if (!" +
                       name + ".empty())` / `while (!" + name + ".empty())`)")
      << call.getSourceRange();
  if (const clang::ValueDecl* decl = named_decl(object);
      decl != nullptr && ctx.service_code.contains(decl->getLocation())) {
    ctx.report.note(decl->getLocation(), "'" + decl->getNameAsString() + "' is declared here");
  }
}

/// Two expressions for one container: the same object (same_object), or
/// the same spelling in the source (`it->second`, `queues_[i]`), which in
/// one function is taken to be one container.
bool UnsafeBuffer::same_container(const clang::Expr* a, const clang::Expr* b, RuleContext& ctx) {
  if (a == nullptr || b == nullptr) return false;
  if (same_object(a, b)) return true;
  const clang::SourceManager& sm = ctx.ast.getSourceManager();
  if (a->getBeginLoc().isMacroID() || b->getBeginLoc().isMacroID() || a->getEndLoc().isMacroID() ||
      b->getEndLoc().isMacroID()) {
    return false;
  }
  const auto text = [&](const clang::Expr* e) {
    return clang::Lexer::getSourceText(clang::CharSourceRange::getTokenRange(e->getSourceRange()), sm,
                                       ctx.ast.getLangOpts());
  };
  const llvm::StringRef ta = text(a);
  // `this->x` and `x` are same_object's; text is only for the rest.
  return !ta.empty() && ta == text(b) && !llvm::isa<clang::CXXThisExpr>(a->IgnoreParenImpCasts());
}

/// `empty()`, `size()`, `has_work()` of the object's own class, called on
/// `this`, not virtual, defined in this file with a body that is one
/// `return` testing `object` (`bool empty() const { return items_.empty();
/// }`): the wrapper's test is the container's.
bool UnsafeBuffer::own_predicate_tests(const clang::CXXMemberCallExpr& call, const clang::Expr* object,
                                       RuleContext& ctx) {
  const clang::Expr* ret = own_predicate_return(call);
  // Depth 3: neither locals nor further predicates are followed from there.
  return ret != nullptr && tests_emptiness(ret, object, ctx, 3);
}

/// Does `s` (a condition, or a whole earlier statement, lambdas included)
/// ask whether `object` is empty: `object.empty()`, `object.size()`,
/// `object.begin()` (compared with end()), `std::empty(object)`,
/// `std::size(object)`, or a local variable initialised from one of
/// those (`const auto n = l.size(); if (n == 0) return;`), or a predicate
/// of the object's own class that returns such a test (own_predicate_tests)?
bool UnsafeBuffer::tests_emptiness(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx, int depth,
                                   bool begin_asks) {
  return flow::contains(s, [&](const clang::Stmt& node) {
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&node);
        op != nullptr && matcher_asks_size(*op, object, ctx)) {
      return true;
    }
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&node)) {
      const clang::CXXMethodDecl* m = member->getMethodDecl();
      if (m != nullptr && depth <= 2 && own_predicate_tests(*member, object, ctx)) return true;
      return m != nullptr && m->getIdentifier() != nullptr &&
             (llvm::is_contained({"empty", "size"}, m->getName()) ||
              (begin_asks && llvm::is_contained({"begin", "cbegin"}, m->getName()))) &&
             same_container(member->getImplicitObjectArgument(), object, ctx);
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
        call != nullptr && !llvm::isa<clang::CXXOperatorCallExpr>(call) && call->getNumArgs() == 1) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      return callee != nullptr && callee->getIdentifier() != nullptr && declared_in_std(callee) &&
             llvm::is_contained({"empty", "size", "ssize"}, callee->getName()) &&
             same_container(call->getArg(0), object, ctx);
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&node); ref != nullptr && depth < 2) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      return var != nullptr && var->isLocalVarDecl() && var->getInit() != nullptr &&
             !llvm::isa<clang::ParmVarDecl>(var) && tests_emptiness(var->getInit(), object, ctx, depth + 1);
    }
    return false;
  });
}

/// `ASSERT_THAT(l, SizeIs(3))`, `ASSERT_THAT(l, Not(IsEmpty()))`: gMock
/// checks a matcher as `PredicateFormatterFromMatcher<M>(m)("l", l)`; with a
/// SizeIs or IsEmpty matcher in `m`, applied to `object`, it asks about its
/// size as `l.size() == 3` would.
bool UnsafeBuffer::matcher_asks_size(const clang::CXXOperatorCallExpr& call, const clang::Expr* object,
                                     RuleContext& ctx) {
  const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call.getCalleeDecl());
  if (method == nullptr || call.getNumArgs() != 3 || !in_top_namespace(*method->getParent(), "testing") ||
      method->getParent()->getIdentifier() == nullptr ||
      method->getParent()->getName() != "PredicateFormatterFromMatcher" ||
      !same_container(call.getArg(2), object, ctx)) {
    return false;
  }
  return flow::contains(call.getArg(0), [](const clang::Stmt& node) {
    const auto* made = llvm::dyn_cast<clang::CallExpr>(&node);
    const clang::FunctionDecl* fn = made != nullptr ? made->getDirectCallee() : nullptr;
    return fn != nullptr && fn->getIdentifier() != nullptr && llvm::is_contained({"SizeIs", "IsEmpty"}, fn->getName()) &&
           in_top_namespace(*fn, "testing");
  });
}

/// `s` is an expression statement that puts an element into `object`
/// (`l.push_back(x);`, `l.emplace_front(...)`, `l.insert(pos, x)`), or
/// the declaration of `object` with elements (`std::list<int> l{1, 2};`,
/// `std::vector<bool> b(n > 0 ? n : 1, false)` is not seen: only a
/// constant count `(3, x)` or a non-empty braced list).
bool UnsafeBuffer::inserts_into(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  if (e != nullptr) {
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()->IgnoreParens());
    if (call == nullptr) {
      // (void)l.emplace_back(x);
      if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e->IgnoreImplicit()->IgnoreParens())) {
        call = llvm::dyn_cast<clang::CXXMemberCallExpr>(cast->getSubExpr()->IgnoreImplicit()->IgnoreParens());
      }
    }
    const clang::CXXMethodDecl* m = call != nullptr ? call->getMethodDecl() : nullptr;
    return m != nullptr && m->getIdentifier() != nullptr &&
           llvm::is_contained({"push_back", "push_front", "emplace_back", "emplace_front", "emplace", "insert",
                               "emplace_after", "insert_after"},
                              m->getName()) &&
           same_container(call->getImplicitObjectArgument(), object, ctx);
  }
  const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(s);
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
  if (decl_stmt == nullptr || ref == nullptr) return false;
  for (const clang::Decl* d : decl_stmt->decls()) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
    if (var == nullptr || var != ref->getDecl() || var->getInit() == nullptr) continue;
    const clang::Expr* init = var->getInit()->IgnoreImplicit();
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init);
    if (construct == nullptr || construct->getNumArgs() == 0) return false;
    const clang::Expr* first = construct->getArg(0)->IgnoreImplicit();
    if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(first)) {
      const auto* elements =
          llvm::dyn_cast<clang::InitListExpr>(list->getSubExpr()->IgnoreImplicit()->IgnoreParens());
      return elements != nullptr && elements->getNumInits() > 0;
    }
    clang::Expr::EvalResult count;
    return first->getType()->isIntegerType() && !first->isValueDependent() &&
           first->EvaluateAsInt(count, ctx.ast) && count.Val.getInt().isStrictlyPositive();
  }
  return false;
}

/// `l.clear();` as a statement of its own: the container is empty after it.
bool UnsafeBuffer::clears(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  const auto* call = e != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()) : nullptr;
  const clang::CXXMethodDecl* m = call != nullptr ? call->getMethodDecl() : nullptr;
  return m != nullptr && m->getIdentifier() != nullptr && m->getName() == "clear" &&
         same_container(call->getImplicitObjectArgument(), object, ctx);
}

/// An earlier statement after which `object` is taken to be not empty:
/// an `if` testing it whose branch leaves (return, throw, break,
/// continue, goto, a [[noreturn]] call) or puts an element into it (`if
/// (l.empty()) return;`, `if (l.empty()) l.push_back(0);`); a `while` /
/// `for` loop testing it (`while (q.empty()) cv.wait(lock);`); an
/// expression statement testing it (`cv.wait(lock, [&] { return
/// !q.empty(); });`, `assert(!l.empty());`).
bool UnsafeBuffer::guards(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx) {
  s = through_default_only_switch(s);
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
    const auto leaves_or_fills = [&](const clang::Stmt& node) {
      if (llvm::isa<clang::ReturnStmt, clang::CXXThrowExpr, clang::BreakStmt, clang::ContinueStmt,
                    clang::GotoStmt>(node)) {
        return true;
      }
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node)) {
        const clang::FunctionDecl* callee = call->getDirectCallee();
        if (callee != nullptr && callee->isNoReturn()) return true;
      }
      return llvm::isa<clang::Expr>(node) && inserts_into(&node, object, ctx);
    };
    // Past the if, either the branch that leaves or fills ran, or the
    // condition had the value of the other one: `if (l.empty()) return;`
    // leaves `l.empty()` false behind it; `if (!l.empty()) return;` does not.
    const bool then_leaves = flow::contains(branch->getThen(), leaves_or_fills);
    const bool else_leaves = flow::contains(branch->getElse(), leaves_or_fills);
    // (GoogleTest's ASSERT_FALSE(c.empty()) is `if (const AssertionResult
    // gtest_ar_ = AssertionResult(!(c.empty()))) ; else return ...;`.)
    const std::optional<bool> past_then = if_proves_not_empty(*branch, object, false, ctx);
    const std::optional<bool> past_else = if_proves_not_empty(*branch, object, true, ctx);
    if (past_then || past_else) {
      return (then_leaves && past_then.value_or(false)) || (else_leaves && past_else.value_or(false));
    }
    // Asked in a shape not read for polarity (an init statement, a
    // GoogleTest matcher not read, a local copy of the size that may change).
    if (!tests_emptiness(branch->getCond(), object, ctx) && !tests_emptiness(branch->getInit(), object, ctx) &&
        !tests_emptiness(branch->getConditionVariableDeclStmt(), object, ctx)) {
      return false;
    }
    return then_leaves || else_leaves;
  }
  // An earlier loop leaves `object` non-empty only if it runs while it
  // is empty (`while (q.empty()) cv.wait(lock);`) and no `break` ends it
  // early; `while (!q.empty()) q.pop_front();` leaves it empty.
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s)) {
    return loops_while_empty(loop->getCond(), object, ctx) && !has_break(loop->getBody());
  }
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) {
    return loops_while_empty(loop->getCond(), object, ctx) && !has_break(loop->getBody());
  }
  // An expression statement that asks (`assert(!c.empty());`, `cv.wait(lock,
  // [&] { return !q.empty(); });`), read for its polarity where it has one.
  const auto* statement = llvm::dyn_cast<clang::Expr>(s);
  return statement != nullptr && statement_shows_not_empty(*statement, object, ctx);
}

/// `switch (0) case 0: default: S` is S: GoogleTest's ASSERT_* macros wrap
/// their `if (AssertionResult r = ...) ; else return ...;` in it
/// (GTEST_AMBIGUOUS_ELSE_BLOCKER_), and a `default:` label on the path to S
/// makes S run whatever the value. Any other statement is itself.
const clang::Stmt* UnsafeBuffer::through_default_only_switch(const clang::Stmt* s) {
  const auto* sw = llvm::dyn_cast<clang::SwitchStmt>(s);
  if (sw == nullptr || sw->getInit() != nullptr || sw->getConditionVariable() != nullptr) return s;
  const clang::Stmt* body = sw->getBody();
  bool has_default = false;
  while (const auto* label = llvm::dyn_cast_or_null<clang::SwitchCase>(body)) {
    has_default = has_default || llvm::isa<clang::DefaultStmt>(label);
    body = label->getSubStmt();
  }
  return has_default && body != nullptr ? body : s;
}

/// `object.empty()`, `std::empty(object)` or `object.size() == 0` as a
/// whole loop condition: the loop ends only once `object` has elements.
bool UnsafeBuffer::loops_while_empty(const clang::Expr* cond, const clang::Expr* object, RuleContext& ctx) {
  if (cond == nullptr) return false;
  cond = cond->IgnoreParenImpCasts();
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(cond)) {
    const clang::CXXMethodDecl* m = member->getMethodDecl();
    return m != nullptr && m->getIdentifier() != nullptr && m->getName() == "empty" &&
           same_container(member->getImplicitObjectArgument(), object, ctx);
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(cond);
      call != nullptr && !llvm::isa<clang::CXXOperatorCallExpr>(call) && call->getNumArgs() == 1) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    return callee != nullptr && callee->getIdentifier() != nullptr && declared_in_std(callee) &&
           callee->getName() == "empty" && same_container(call->getArg(0), object, ctx);
  }
  if (const auto* compare = llvm::dyn_cast<clang::BinaryOperator>(cond);
      compare != nullptr && compare->getOpcode() == clang::BO_EQ) {
    const auto* literal = llvm::dyn_cast<clang::IntegerLiteral>(compare->getRHS()->IgnoreParenImpCasts());
    const auto* size = llvm::dyn_cast<clang::CXXMemberCallExpr>(compare->getLHS()->IgnoreParenImpCasts());
    return literal != nullptr && literal->getValue() == 0 && size != nullptr && size->getMethodDecl() != nullptr &&
           size->getMethodDecl()->getIdentifier() != nullptr && size->getMethodDecl()->getName() == "size" &&
           same_container(size->getImplicitObjectArgument(), object, ctx);
  }
  return false;
}

bool UnsafeBuffer::has_break(const clang::Stmt* body) {
  return flow::contains(body, [](const clang::Stmt& node) { return llvm::isa<clang::BreakStmt>(node); });
}

/// Does the code around `call` show that `object` is not empty there?
/// - an enclosing condition that, with the value it has where the call
///   runs, says `object` has elements (proves_not_empty): the call is in
///   a branch of an `if`, the body of a `while` / `for`, an arm of `?:`,
///   the right of `&&` / `||` (GoogleTest's `if (const AssertionResult
///   gtest_ar = ...)` read by if_proves_not_empty); a condition that asks
///   in a shape not read (an init statement, a local copy of the size) is
///   taken as a test whatever its polarity;
/// - the call is in the body of a range-for over `object`;
/// - an earlier statement of an enclosing block tests it (`if
///   (l.empty()) return;`, `cv.wait(lock, [&] { return !q.empty(); });`),
///   puts an element into it (`l.push_back(x);`), or declares it with
///   elements, and no `object.clear();` comes between.
bool UnsafeBuffer::shown_not_empty(const clang::Stmt& call, const clang::Expr* object, RuleContext& ctx) {
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const clang::Stmt* child = &call;
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent)) {
      if (child != s->getThen() && child != s->getElse()) continue;
      const bool when = child == s->getThen();
      if (s->getConditionVariable() != nullptr && s->getInit() == nullptr) {
        // GoogleTest's `if (const AssertionResult gtest_ar = ...)`, read
        // for its polarity where its shape is known.
        if (const std::optional<bool> proven = if_proves_not_empty(*s, object, when, ctx)) {
          if (*proven) return true;
          continue;
        }
      } else if (condition_shows_not_empty(s->getCond(), when, object, ctx)) {
        return true;
      }
      // An init statement or another condition variable asks in a shape
      // not read for polarity.
      if (tests_emptiness(s->getInit(), object, ctx) ||
          tests_emptiness(s->getConditionVariableDeclStmt(), object, ctx)) {
        return true;
      }
    } else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent)) {
      if (child == s->getBody() && condition_shows_not_empty(s->getCond(), true, object, ctx)) return true;
    } else if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent)) {
      if ((child == s->getBody() || child == s->getInc()) &&
          condition_shows_not_empty(s->getCond(), true, object, ctx)) {
        return true;
      }
    } else if (const auto* s = llvm::dyn_cast<clang::CXXForRangeStmt>(parent)) {
      if (child == s->getBody() && s->getRangeInit() != nullptr &&
          same_container(s->getRangeInit(), object, ctx)) {
        return true;
      }
    } else if (llvm::isa<clang::ConditionalOperator, clang::BinaryOperator>(parent)) {
      const std::optional<Guard> guard = guard_of(*parent, *child, /*with_init=*/false);
      if (guard && condition_shows_not_empty(guard->cond, guard->when, object, ctx)) return true;
    } else if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
      const clang::Stmt* const* at = llvm::find(block->body(), child);
      if (at == block->body_end()) continue;
      for (const clang::Stmt* const* it = at; it != block->body_begin();) {
        const clang::Stmt* earlier = *--it;
        if (clears(earlier, object, ctx)) return false;
        if (inserts_into(earlier, object, ctx) || guards(earlier, object, ctx)) return true;
      }
    }
  }
  return false;
}

/// Does `cond`, having the value `when`, show that `object` has elements?
/// Read by proves_not_empty where the condition asks in a shape it knows
/// (then its polarity decides: `if (l.empty()) l.front();` shows nothing);
/// a condition that asks only in other shapes (a local copy of the size
/// that is not const, a call handed the size) is taken as a test, as
/// before polarity was read.
bool UnsafeBuffer::condition_shows_not_empty(const clang::Expr* cond, bool when, const clang::Expr* object,
                                             RuleContext& ctx) {
  if (cond == nullptr) return false;
  if (const std::optional<bool> proven = proves_not_empty(cond, object, when, ctx, 0)) return *proven;
  return tests_emptiness(cond, object, ctx);
}

/// Does `cond` having the value `when` mean `object` has at least one
/// element? true / false where `cond` asks about `object` in a shape read
/// here; nullopt where it does not (then the caller decides). Read:
/// `!c`, `a && b`, `a || b`; `c.empty()`, `std::empty(c)`; `c.size()`,
/// `std::size(c)`, `std::ssize(c)` as a truth value or compared with a
/// constant (`size() > 0`, `size() >= 1`, `size() == 3`, `size() != 0`,
/// and the negations: `size() < 2` false) or, in an unsigned comparison,
/// greater than anything (`c.size() > capacity_`: more than some count
/// is at least one); `c.begin() != c.end()`; a const local initialised
/// from one of those sizes (`const auto n = c.size();`); a predicate of
/// the object's own class returning such a test (own_predicate_tests).
/// `c.size() == capacity_` or `c.size() >= capacity_` says nothing: the
/// capacity may be 0.
std::optional<bool> UnsafeBuffer::proves_not_empty(const clang::Expr* cond, const clang::Expr* object, bool when,
                                                   RuleContext& ctx, int depth) {
  if (cond == nullptr || depth > 8) return std::nullopt;
  cond = cond->IgnoreParenImpCasts();
  // `static_cast<bool>(c.size())`, glibc's assert: the same truth value.
  while (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(cond)) {
    if (!cast->getType()->isBooleanType()) break;
    cond = cast->getSubExpr()->IgnoreParenImpCasts();
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(cond); op != nullptr && op->getOpcode() == clang::UO_LNot) {
    return proves_not_empty(op->getSubExpr(), object, !when, ctx, depth + 1);
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond); op != nullptr && op->isLogicalOp()) {
    const std::optional<bool> lhs = proves_not_empty(op->getLHS(), object, when, ctx, depth + 1);
    const std::optional<bool> rhs = proves_not_empty(op->getRHS(), object, when, ctx, depth + 1);
    if (!lhs && !rhs) return std::nullopt;
    // `a && b` true, `a || b` false: both hold, either one is enough.
    // `a && b` false, `a || b` true: only one may hold, neither shows it.
    const bool both_hold = (op->getOpcode() == clang::BO_LAnd) == when;
    return both_hold && (lhs.value_or(false) || rhs.value_or(false));
  }
  if (const clang::Expr* asked = size_or_empty_of(cond, "empty", ctx, depth)) {
    if (!same_container(asked, object, ctx)) return std::nullopt;
    return !when;
  }
  if (const clang::Expr* asked = size_or_empty_of(cond, "size", ctx, depth)) {
    if (!same_container(asked, object, ctx)) return std::nullopt;
    return when;
  }
  if (const auto* m = llvm::dyn_cast<clang::CXXMemberCallExpr>(cond)) {
    if (const clang::Expr* predicate = predicate_a_wait_returns(*m)) {
      return proves_not_empty(predicate, object, when, ctx, depth + 1);
    }
  }
  if (const auto* m = llvm::dyn_cast<clang::CXXMemberCallExpr>(cond); m != nullptr && depth <= 2) {
    if (const clang::Expr* ret = own_predicate_return(*m)) {
      return proves_not_empty(ret, object, when, ctx, depth + 3);
    }
    return std::nullopt;
  }
  const clang::Expr* lhs = nullptr;
  const clang::Expr* rhs = nullptr;
  clang::BinaryOperatorKind kind = clang::BO_Comma;
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond); op != nullptr && op->isComparisonOp()) {
    lhs = op->getLHS();
    rhs = op->getRHS();
    kind = op->getOpcode();
  } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(cond);
             op != nullptr && op->getNumArgs() == 2 && op->isComparisonOp()) {
    lhs = op->getArg(0);
    rhs = op->getArg(1);
    kind = clang::BinaryOperator::getOverloadedOpcode(op->getOperator());
  } else {
    return std::nullopt;
  }
  if (!when) kind = clang::BinaryOperator::negateComparisonOp(kind);
  return compares_not_empty(lhs, kind, rhs, object, ctx, depth);
}

/// `lhs kind rhs` holds: does it mean `object` has elements? A size of
/// `object` on either side (compared as proves_not_empty says), or its
/// begin() against its end() (`!=`). nullopt when neither side asks
/// about `object`.
std::optional<bool> UnsafeBuffer::compares_not_empty(const clang::Expr* lhs, clang::BinaryOperatorKind kind,
                                                     const clang::Expr* rhs, const clang::Expr* object,
                                                     RuleContext& ctx, int depth) {
  const IteratorOf left = iterator_of(lhs);
  const IteratorOf right = iterator_of(rhs);
  if (left.which != IteratorEnd::none && right.which != IteratorEnd::none) {
    if (!same_container(left.object, object, ctx) || !same_container(right.object, object, ctx)) return std::nullopt;
    const bool ends = (left.which == IteratorEnd::begin && right.which == IteratorEnd::end) ||
                      (left.which == IteratorEnd::end && right.which == IteratorEnd::begin) ||
                      (left.which == IteratorEnd::rbegin && right.which == IteratorEnd::rend) ||
                      (left.which == IteratorEnd::rend && right.which == IteratorEnd::rbegin);
    return ends && kind == clang::BO_NE;
  }
  const clang::Expr* size = lhs;
  const clang::Expr* other = rhs;
  const clang::Expr* sized = size_or_empty_of(size->IgnoreParenImpCasts(), "size", ctx, depth);
  if (sized == nullptr) {
    std::swap(size, other);
    kind = clang::BinaryOperator::reverseComparisonOp(kind);
    sized = size_or_empty_of(size->IgnoreParenImpCasts(), "size", ctx, depth);
  }
  if (sized == nullptr || !same_container(sized, object, ctx)) return std::nullopt;
  // The size compared with a constant k: what the comparison leaves of it.
  clang::Expr::EvalResult value;
  if (!other->isValueDependent() && other->EvaluateAsInt(value, ctx.ast)) {
    const llvm::APSInt k = value.Val.getInt();
    switch (kind) {
      case clang::BO_GT: return !k.isNegative();             // size > k >= 0
      case clang::BO_GE: case clang::BO_EQ: return k.isStrictlyPositive();  // size >= k >= 1
      case clang::BO_NE: return k.isZero();                  // size != 0
      default: return false;                                 // size < k, size <= k: 0 fits
    }
  }
  // Greater than some value, compared as unsigned: greater than 0 at least.
  // (The size as the comparison sees it, after the usual conversions.)
  return kind == clang::BO_GT && size->getType()->isUnsignedIntegerType();
}

/// `e` (stripped) asks the size or emptiness of a container, as `name`
/// ("size" or "empty") says: `c.size()`, `std::size(c)`, `std::ssize(c)`,
/// `c.empty()`, `std::empty(c)`, or a const local initialised from such a
/// size (`const auto n = c.size();`; not emptiness, not a variable that
/// may change). The container, or null.
const clang::Expr* UnsafeBuffer::size_or_empty_of(const clang::Expr* e, llvm::StringRef name, RuleContext& ctx,
                                                  int depth) {
  e = e->IgnoreParenImpCasts();
  const std::initializer_list<llvm::StringRef> sizes = {"size", "ssize"};
  const std::initializer_list<llvm::StringRef> empties = {"empty"};
  const bool size = name == "size";
  if (const clang::Expr* x =
          sized_object(e, size ? sizes : empties, FreeSizeCall::std_only, /*member_without_arguments=*/true)) {
    // A member ssize() is no standard container's; only std::ssize(c).
    if (size && llvm::isa<clang::CXXMemberCallExpr>(e) &&
        llvm::cast<clang::CXXMemberCallExpr>(e)->getMethodDecl()->getName() != "size") {
      return nullptr;
    }
    return x;
  }
  if (!size || depth > 4) return nullptr;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->isLocalVarDecl() || !var->getType().isConstQualified() || var->getInit() == nullptr) {
    return nullptr;
  }
  return size_or_empty_of(var->getInit(), name, ctx, depth + 1);
}

/// A predicate of the object's own class, called on `this` (as
/// own_predicate_tests takes it): the expression its one `return` gives,
/// or null.
const clang::Expr* UnsafeBuffer::own_predicate_return(const clang::CXXMemberCallExpr& call) {
  const clang::CXXMethodDecl* m = call.getMethodDecl();
  const clang::Expr* self = call.getImplicitObjectArgument();
  if (m == nullptr || m->isVirtual() || call.getNumArgs() != 0 || self == nullptr ||
      !llvm::isa<clang::CXXThisExpr>(self->IgnoreParenImpCasts())) {
    return nullptr;
  }
  const clang::FunctionDecl* definition = nullptr;
  if (!m->hasBody(definition) || definition == nullptr) return nullptr;
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(definition->getBody());
  const auto* ret = body != nullptr && body->size() == 1 ? llvm::dyn_cast<clang::ReturnStmt>(body->body_front()) : nullptr;
  return ret != nullptr ? ret->getRetValue() : nullptr;
}

/// std::array<T, N> with N > 0, std::span<T, N> with a static extent
/// N > 0: data() always points at an element.
bool UnsafeBuffer::never_empty(const clang::CXXRecordDecl* record) {
  const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(record);
  if (spec == nullptr || spec->getTemplateArgs().size() < 2) return false;
  const clang::TemplateArgument& size = spec->getTemplateArgs()[1];
  if (size.getKind() != clang::TemplateArgument::Integral) return false;
  const llvm::APSInt value = size.getAsIntegral();
  return value.getBoolValue() && !value.isAllOnes();  // std::dynamic_extent is size_t(-1)
}

}  // namespace meshwa::rules::unsafe_buffer
