// Reading an element that is not there: *o of an optional that is always
// empty, *v.end() and an iterator tested to be end(), the first or last
// element (*v.begin(), front(), back(), pop_front(), *v.data()) of a
// container the function does not show to be non-empty (ShownNotEmpty.cpp).
// They share the reading of the conditions around an access (guard_of,
// says_end, says_empty). The always-empty optional: EmptyOptional.cpp.
#include <optional>

#include "Annotations.h"
#include "BannedFunction.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "clang/Lex/Lexer.h"

namespace meshwa::rules::unsafe_buffer {

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

}  // namespace meshwa::rules::unsafe_buffer
