// Holders that finish the lambda before the function returns: a std::thread
// joined, a std::jthread, a std::future waited for, a container of them
// joined in a loop, all before the variables the lambda captures by
// reference go (holder_stays, and the OrderProblem when they do not).
#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"

namespace meshwa::rules::escaping_reference {

/// std::thread / std::jthread (destroyed joinable: std::terminate; jthread
/// joins) and std::future (std::async's waits for its task when destroyed).
EscapingReference::Joined EscapingReference::joined_kind(clang::QualType type) {
  if (type.isNull()) return Joined::none;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (is_std_class(record, {"thread", "jthread"})) return Joined::thread;
  if (is_std_class(record, {"future"})) return Joined::future;
  return Joined::none;
}

/// The element type of a std container (its first template argument), or
/// a null type.
clang::QualType EscapingReference::std_element_type(clang::QualType type) {
  if (type.isNull()) return {};
  const clang::CXXRecordDecl* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || !record->isInStdNamespace()) return {};
  return first_type_argument(record);
}

/// The element type of a holder of several: a std container, or a C array
/// (`std::thread workers[4];`, whose elements are destroyed at the end of
/// its block like a std::array's); a null type for anything else.
clang::QualType EscapingReference::held_element_type(clang::QualType type) {
  if (type.isNull()) return {};
  if (const clang::ArrayType* array = type.getNonReferenceType()->getAsArrayTypeUnsafe();
      array != nullptr && llvm::isa<clang::ConstantArrayType>(array)) {
    return array->getElementType();
  }
  return std_element_type(type);
}

bool EscapingReference::is_insertion(const clang::CXXMethodDecl* method) {
  if (method == nullptr || method->getIdentifier() == nullptr || !method->getParent()->isInStdNamespace()) return false;
  static const llvm::StringRef kInserts[] = {"push_back", "emplace_back", "push_front", "emplace_front", "insert",
                                             "emplace", "try_emplace", "insert_or_assign", "push", "emplace_hint"};
  return std::find(std::begin(kInserts), std::end(kInserts), method->getName()) != std::end(kInserts);
}

/// Is `child`, an argument of `call`, bound to a parameter whose type is a
/// template parameter in the callee's pattern (template <class F> f(F))?
bool EscapingReference::is_template_parameter(const clang::CallExpr* call, const clang::Stmt* child) {
  const clang::FunctionDecl* callee = call->getDirectCallee();
  if (callee == nullptr) return false;
  const clang::FunctionDecl* pattern = callee->getTemplateInstantiationPattern();
  if (pattern == nullptr) return false;
  const unsigned offset = flow::object_arguments(*call);
  for (unsigned k = offset; k < call->getNumArgs(); ++k) {
    if (call->getArg(k) != child) continue;
    const unsigned index = k - offset;
    if (index >= pattern->getNumParams()) return pattern->isVariadic() || pattern->getNumParams() > 0;
    return pattern->getParamDecl(index)->getType()->isDependentType();
  }
  return false;
}

/// The variables captured by reference that `holder` (a local that keeps
/// the lambda) outlives, each with the local it refers to (itself, or a
/// reference's referent; nullptr when unknown: a reference bound to
/// something not followed). A root declared before the holder in source
/// order lives at least as long (scopes nest), so it is not listed.
std::vector<std::pair<const clang::VarDecl*, const clang::VarDecl*>> EscapingReference::outlived_captures(
                       const clang::VarDecl* holder) const {
  std::vector<std::pair<const clang::VarDecl*, const clang::VarDecl*>> out;
  if (current_ == nullptr || holder == nullptr) return out;
  for (const clang::VarDecl* var : current_->refs) {
    // A reference captured by reference refers to its referent: what it
    // was bound to (for (const auto& job : jobs) -> jobs).
    std::optional<const clang::VarDecl*> root = var->isInitCapture() ? init_capture_owner(var) : owner_of(var, 0);
    if (!root) {
      out.emplace_back(var, nullptr);
      continue;
    }
    if (*root == nullptr || llvm::isa<clang::ParmVarDecl>(*root) || !(*root)->hasLocalStorage()) continue;
    if (!source_manager_->isBeforeInTranslationUnit((*root)->getLocation(), holder->getLocation())) {
      out.emplace_back(var, *root);
    }
  }
  return out;
}

/// What a by-reference init-capture `[&r = e]` refers into. The lambda's
/// `r` names the object `e` designates, exactly as `auto& r = e; [&r]`
/// would ([expr.prim.lambda.capture]: an init-capture declares a variable
/// initialised by `e`), so it is followed like that named reference: to
/// the local `e` names or is an element or member of (`mins[i]` -> mins).
/// A capture by copy, or an `e` not followed (`*p`, `get()`): nullopt.
std::optional<const clang::VarDecl*> EscapingReference::init_capture_owner(const clang::VarDecl* var) {
  if (!var->getType()->isReferenceType() || var->getInit() == nullptr) return std::nullopt;
  return owner_of(var->getInit(), 1);
}

/// The local variable whose storage `var` names: itself, or for a
/// reference (and the implicit variables of a range-for) what its
/// initialiser refers into. nullptr: storage that outlives the function
/// (a member through `this`, a global); nullopt: unknown.
std::optional<const clang::VarDecl*> EscapingReference::owner_of(const clang::VarDecl* var, unsigned depth) {
  if (depth > 8) return std::nullopt;
  if (!var->hasLocalStorage()) return nullptr;
  if (llvm::isa<clang::ParmVarDecl>(var)) return var;
  if (!var->getType()->isReferenceType() && !var->isImplicit()) return var;
  if (var->getInit() == nullptr) return std::nullopt;
  return owner_of(var->getInit(), depth + 1);
}

std::optional<const clang::VarDecl*> EscapingReference::owner_of(const clang::Expr* e, unsigned depth) {
  if (e == nullptr || depth > 16) return std::nullopt;
  e = e->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var == nullptr) return std::nullopt;
    return owner_of(var, depth + 1);
  }
  if (llvm::isa<clang::CXXThisExpr>(e)) return nullptr;
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    if (member->isArrow() && !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) {
      return std::nullopt;
    }
    return owner_of(member->getBase(), depth + 1);
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e); op != nullptr && op->getNumArgs() > 0) {
    return owner_of(op->getArg(0), depth + 1);  // *it, v[i]
  }
  if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
    // ts[i] of a C array: an element stored inside the array variable.
    // Through a pointer (p[i]): not followed.
    const clang::Expr* base = subscript->getBase()->IgnoreParenImpCasts();
    if (!base->getType()->isArrayType()) return std::nullopt;
    return owner_of(base, depth + 1);
  }
  if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(e); deref != nullptr && deref->getOpcode() == clang::UO_Deref) {
    // *__begin of a range-for over a std::array (whose iterator is a
    // pointer): an element of the range. Other pointers: not followed.
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(deref->getSubExpr()->IgnoreParenImpCasts());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var != nullptr && var->isImplicit() && var->getInit() != nullptr) return owner_of(var->getInit(), depth + 1);
    return std::nullopt;
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    return owner_of(call->getImplicitObjectArgument(), depth + 1);  // range.begin(), v.front()
  }
  return std::nullopt;
}

/// The thread/future made at parents[index] (a std::thread construction or
/// a std::async call) ends up in a holder that finishes it in this
/// function: a local variable, or a local container filled with
/// push_back/emplace_back; for std::async also a temporary that is waited
/// on (std::async(...).get()) or discarded (its destructor waits), and a
/// temporary std::jthread discarded (its destructor joins).
bool EscapingReference::owner_stays(llvm::ArrayRef<const clang::Stmt*> parents, size_t index, bool is_async,
                                    RuleContext& ctx) {
  size_t j = index;
  while (j > 0 && is_wrapper(parents[j - 1])) --j;
  // A std::jthread joins in its destructor: a temporary one discarded
  // (`std::jthread(f, std::ref(x));`, `(void)std::jthread(...)`) finishes
  // its task before the statement ends, as `std::thread(...).join()` does.
  const auto* made = llvm::dyn_cast<clang::Expr>(parents[index]);
  const bool jthread = !is_async && made != nullptr && is_std_class(made->getType()->getAsCXXRecordDecl(), {"jthread"});
  // `(void)std::async(...);`: the future is discarded all the same.
  if (is_async || jthread) {
    while (j > 0 && (is_wrapper(parents[j - 1]) || is_void_cast(parents[j - 1]))) --j;
  }
  const clang::Stmt* parent = j > 0 ? parents[j - 1] : nullptr;
  // std::array<std::jthread, 2> ts{std::jthread(...), ...}: an element of
  // the variable initialised (its type decides whether it is a holder).
  size_t k = j;
  while (k > 0 && llvm::isa<clang::InitListExpr>(parents[k - 1])) {
    --k;
    while (k > 0 && is_wrapper(parents[k - 1])) --k;
  }
  if (k != j && (k == 0 || llvm::isa<clang::DeclStmt>(parents[k - 1]))) parent = k > 0 ? parents[k - 1] : nullptr;
  if (parent == nullptr || llvm::isa<clang::DeclStmt>(parent)) {
    const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
    const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(decl);
    return var != nullptr && holder_stays(var, ctx);
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(parent); member != nullptr && j >= 2) {
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(parents[j - 2]);
    const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
    if (method == nullptr || method->getIdentifier() == nullptr) return false;
    // std::async(...).get(): the temporary future waits, and whatever else
    // is asked of it but share() (which hands the task to a std::shared_future),
    // its destructor waits for the task at the end of the full expression.
    if (is_async) return llvm::is_contained({"get", "wait", "wait_for", "wait_until", "valid"}, method->getName());
    // std::thread(f, std::ref(x)).join(): the temporary thread finishes the
    // task before the statement ends (a std::jthread's destructor would too).
    return method->getName() == "join";
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(parent)) {
    const clang::Expr* object = call->getImplicitObjectArgument();
    if (is_insertion(call->getMethodDecl()) && is_plain_local(object)) {
      return holder_stays(flow::variable_named(object), ctx);
    }
    return false;
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent);
      op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 &&
      op->getArg(1)->IgnoreImplicit() == llvm::cast<clang::Expr>(parents[j])->IgnoreImplicit()) {
    // t = std::jthread(...), ts[i] = ..., for (auto& t : ts) t = ...: a
    // local holder, or a part of one, receives the thread.
    std::optional<const clang::VarDecl*> holder = owner_of(op->getArg(0), 0);
    return holder && *holder != nullptr && !llvm::isa<clang::ParmVarDecl>(*holder) && holder_stays(*holder, ctx);
  }
  return (is_async || jthread) && is_statement(parent, parents[j]);
}

/// `(void)e` / `static_cast<void>(e)`: the value of `e` is thrown away.
bool EscapingReference::is_void_cast(const clang::Stmt* s) {
  const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(s);
  return cast != nullptr && cast->getType()->isVoidType();
}

/// Is `e` a statement of its own under `parent` (its value unused): in a
/// block, or the whole body of a loop or branch without braces
/// (`for (...) threads.emplace_back(...);`).
bool EscapingReference::is_statement(const clang::Stmt* parent, const clang::Stmt* e) {
  if (llvm::isa<clang::CompoundStmt>(parent)) return true;
  const auto same = [](const clang::Stmt* a, const clang::Stmt* b) {
    const auto strip = [](const clang::Stmt* x) -> const clang::Stmt* {
      const auto* expr = llvm::dyn_cast_or_null<clang::Expr>(x);
      return expr != nullptr ? expr->IgnoreImplicit() : x;
    };
    return a != nullptr && strip(a) == strip(b);
  };
  const clang::Stmt* body = nullptr;
  if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent)) body = s->getBody();
  else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent)) body = s->getBody();
  else if (const auto* s = llvm::dyn_cast<clang::DoStmt>(parent)) body = s->getBody();
  else if (const auto* s = llvm::dyn_cast<clang::CXXForRangeStmt>(parent)) body = s->getBody();
  else if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent)) {
    return same(s->getThen(), e) || same(s->getElse(), e);
  }
  return same(body, e);
}

/// `holder` is a plain local std::thread/jthread/future (or a std
/// container of them) declared after everything the lambda captures by
/// reference, and this function does nothing with any such local but join
/// or wait on it, look at it, or fill the container: no detach(), no
/// share(), no std::move, no return, no passing it to another function.
///
/// One exception to "declared after": a std::thread holder (not jthread,
/// not a future) and a captured variable declared after it in the same
/// block whose destructor does nothing (int, std::atomic<int>, std::mutex).
/// If the function leaves that block before the joins (an exception, an
/// early return), the variable's lifetime ends first, but its storage is
/// untouched, and the very next destructor, ~thread of a joinable thread,
/// calls std::terminate; on the normal path the threads are joined before
/// the block ends. A variable with a real destructor (std::vector,
/// std::string) would be freed under the running thread: still rejected,
/// with the order to fix named (order_problem_).
bool EscapingReference::holder_stays(const clang::VarDecl* holder, RuleContext& ctx) {
  if (holder == nullptr || !holder->hasLocalStorage() || holder->isStaticLocal() ||
      holder->getType()->isReferenceType() || llvm::isa<clang::ParmVarDecl>(holder)) {
    return false;
  }
  if (joined_kind(holder->getType()) == Joined::none && element_joined_kind(holder->getType()) == Joined::none) {
    return false;
  }
  const clang::FunctionDecl* fn = ctx.enclosing_function();
  const clang::Stmt* body = fn != nullptr ? fn->getBody() : nullptr;
  if (body == nullptr) return false;
  // The ParentMap recurses as deep as the body nests.
  bool stays = false;
  flow::with_stack_for(*fn, [&] { stays = only_joined_in(body); });
  if (!stays) return false;
  const auto outlived = outlived_captures(holder);
  const clang::Stmt* holder_block = outlived.empty() ? nullptr : declaring_block(body, holder);
  for (const auto& [captured, root] : outlived) {
    const bool same_block = root != nullptr && holder_block != nullptr && declaring_block(body, root) == holder_block;
    if (same_block && holds_std_thread(holder->getType()) && !root->getType()->isReferenceType() &&
        root->getType().isDestructedType() == clang::QualType::DK_none) {
      continue;
    }
    order_problem_ = OrderProblem{holder, captured, root, same_block};
    return false;
  }
  return true;
}

/// A std::thread, or a std container of them: destroyed while joinable,
/// it calls std::terminate at once (a jthread or a future waits instead).
bool EscapingReference::holds_std_thread(clang::QualType type) {
  const auto is_thread = [](clang::QualType t) {
    return !t.isNull() && is_std_class(t.getNonReferenceType()->getAsCXXRecordDecl(), {"thread"});
  };
  return is_thread(type) || is_thread(held_element_type(type));
}

/// Is `holder` used after the block that declares `root` ends, or may it
/// be used in a later iteration of a loop around that block (that does not
/// also hold `holder`'s declaration)? A block not found counts as used.
bool EscapingReference::used_after_scope(const clang::VarDecl* holder, const clang::VarDecl* root) const {
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(root->getParentFunctionOrMethod());
  const clang::Stmt* body = fn != nullptr ? fn->getBody() : nullptr;
  const clang::Stmt* block = body != nullptr ? declaring_block(body, root) : nullptr;
  if (block == nullptr || source_manager_ == nullptr) return true;
  const clang::SourceManager& sm = *source_manager_;
  auto within = [&](const clang::Stmt& s, clang::SourceLocation loc) {
    return !sm.isBeforeInTranslationUnit(loc, s.getBeginLoc()) && !sm.isBeforeInTranslationUnit(s.getEndLoc(), loc);
  };
  const bool looped = flow::contains(body, [&](const clang::Stmt& s) {
    return llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt>(s) &&
           within(s, block->getBeginLoc()) && !within(s, holder->getLocation());
  });
  if (looped) return true;
  // The first mention of the holder after the block decides: a read
  // (a call, a copy, handing it on) uses the dangling capture; an
  // assignment (`f = nullptr;`, `f = [&kept] {...};`) drops it first.
  const clang::SourceLocation end = block->getEndLoc();
  const clang::DeclRefExpr* first = nullptr;
  std::set<const clang::Expr*> assigned;
  flow::contains(body, [&](const clang::Stmt& s) {
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
        op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
      assigned.insert(op->getArg(0)->IgnoreParenImpCasts());
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
    if (ref != nullptr && ref->getDecl() == holder && sm.isBeforeInTranslationUnit(end, ref->getLocation()) &&
        (first == nullptr || sm.isBeforeInTranslationUnit(ref->getLocation(), first->getLocation()))) {
      first = ref;
    }
    return false;
  });
  return first != nullptr && assigned.count(first) == 0;
}

/// The block (compound statement) whose own statement declares `var`, or
/// nullptr (a for-init, a condition, a parameter, not in `body`).
const clang::Stmt* EscapingReference::declaring_block(const clang::Stmt* body, const clang::VarDecl* var) {
  const clang::Stmt* found = nullptr;
  flow::contains(body, [&](const clang::Stmt& s) {
    if (!llvm::isa<clang::CompoundStmt>(s)) return false;
    for (const clang::Stmt* child : s.children()) {
      const auto* decl_stmt = llvm::dyn_cast_or_null<clang::DeclStmt>(child);
      if (decl_stmt == nullptr) continue;
      for (const clang::Decl* d : decl_stmt->decls()) {
        if (d == var) {
          found = &s;
          return true;
        }
      }
    }
    return false;
  });
  return found;
}

/// The hidden `__range` variables of the range-fors in `body`.
llvm::SmallPtrSet<const clang::Decl*, 4> EscapingReference::range_for_ranges(const clang::Stmt* body) {
  llvm::SmallPtrSet<const clang::Decl*, 4> ranges;
  flow::contains(body, [&](const clang::Stmt& s) {
    const auto* loop = llvm::dyn_cast<clang::CXXForRangeStmt>(&s);
    const auto* range = loop != nullptr ? llvm::dyn_cast_or_null<clang::DeclStmt>(loop->getRangeStmt()) : nullptr;
    if (range != nullptr && range->isSingleDecl()) ranges.insert(range->getSingleDecl());
    return false;
  });
  return ranges;
}

bool EscapingReference::only_joined_in(const clang::Stmt* body) {
  clang::ParentMap parents(const_cast<clang::Stmt*>(body));
  const llvm::SmallPtrSet<const clang::Decl*, 4> ranges = range_for_ranges(body);
  const bool misused = flow::contains(body, [&](const clang::Stmt& s) {
    const auto* e = llvm::dyn_cast<clang::Expr>(&s);
    if (e == nullptr || !e->isGLValue()) return false;
    const clang::QualType type = e->getType();
    if (joined_kind(type) == Joined::none && element_joined_kind(type) == Joined::none) return false;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      if (var == nullptr || !var->hasLocalStorage()) return false;  // members: not what is checked here
      // A range-for's own __range (over a C array: `for (auto& t : ts)`):
      // used only to walk the elements, which the loop variable names,
      // whose uses are checked.
      if (var->isImplicit() && ranges.contains(var)) return false;
    } else if (!llvm::isa<clang::CallExpr, clang::ArraySubscriptExpr>(e)) {
      return false;  // threads[i], *it, t.front(): calls, or a C array's element; wrappers are looked through below
    }
    return !joined_use(parents, e);
  });
  return !misused;
}

namespace {

/// `[&worker] { worker.request_stop(); }`: `e` is what the lambda captures
/// by reference (the lambda holds the thread's address, not the thread).
bool captured_by_reference(const clang::LambdaExpr& lambda, const clang::Expr* e) {
  for (const auto& [capture, init] : llvm::zip(lambda.captures(), lambda.capture_inits())) {
    if (init != nullptr && init->IgnoreParenImpCasts() == e->IgnoreParenImpCasts()) {
      return capture.getCaptureKind() == clang::LCK_ByRef;
    }
  }
  return false;
}

}  // namespace

/// join()/get() and friends, element access, a reference alias (range-for),
/// a by-reference capture into a lambda whose body is walked too,
/// emptying or refilling the holder (clear(), erase(), reset(), emplace(),
/// `t = std::jthread(...)`: a std::jthread or a std::async future waits for
/// its task when destroyed, a joinable std::thread std::terminate()s), a
/// std algorithm that only applies join() to each element.
bool EscapingReference::joined_use(const clang::ParentMap& parents, const clang::Expr* e) {
  const clang::Stmt* parent = flow::semantic_parent(parents, e);
  if (parent == nullptr) return false;
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(parent)) return joined_call(parents, member);
  // Captured by reference into a lambda: what the lambda's body does with
  // the thread is judged by this same walk (it enters lambda bodies), so a
  // detach() or a std::move there is still an escape; the reference itself
  // outlives nothing the holder order does not already check.
  if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(parent)) return captured_by_reference(*lambda, e);
  if (flow::is_assigned_to(parents, e)) return true;  // ts[i] = std::jthread(...), t = {}
  if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(parent)) {
    // ts[i] of a C array: the element is judged in turn, like threads[i].
    return subscript->getBase()->IgnoreParenImpCasts() == e->IgnoreParenImpCasts();
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
    const bool first = op->getNumArgs() > 0 && op->getArg(0)->IgnoreParenImpCasts() == e->IgnoreParenImpCasts();
    if (first && (op->getOperator() == clang::OO_Subscript || op->getOperator() == clang::OO_Star)) return true;
    if (first && op->getOperator() == clang::OO_Arrow) {
      // opt->join(): judged by the method called through it.
      const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(flow::semantic_parent(parents, op));
      return member != nullptr && joined_call(parents, member);
    }
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) return joining_algorithm(*call, e);
  if (is_statement(parent, e)) return true;  // threads.emplace_back(...)'s unused result
  if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(parent)) {
    // auto& t = threads[0]; for (auto& t : threads): another name, whose
    // uses are checked in turn.
    for (const clang::Decl* d : decl_stmt->decls()) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
      if (var == nullptr || !var->getType()->isReferenceType()) return false;
    }
    return true;
  }
  return false;
}

/// The methods of a thread, a future, and of a std container or
/// std::optional holding them, that neither detach nor hand out the task.
bool EscapingReference::joining_method(const clang::CXXMethodDecl* method) {
  if (method == nullptr) return false;
  if (const auto* conversion = llvm::dyn_cast<clang::CXXConversionDecl>(method)) {
    return conversion->getConversionType()->isBooleanType();  // if (opt)
  }
  if (method->getIdentifier() == nullptr) return false;
  // A smart pointer's get() hands out the thread itself, unwatched.
  if (method->getName() == "get" && is_std_class(method->getParent(), {"unique_ptr", "shared_ptr"})) return false;
  static const llvm::StringRef kAllowed[] = {
      "join", "joinable", "get_id", "request_stop", "get_stop_token", "get_stop_source",  // thread
      "get", "wait", "wait_for", "wait_until", "valid",                                    // future
      // container: filling, looking, emptying (destroying a jthread or a
      // future waits; a joinable std::thread std::terminate()s)
      "push_back", "emplace_back", "push_front", "emplace_front", "emplace", "insert", "reserve", "size", "empty",
      "capacity", "begin", "end", "cbegin", "cend", "rbegin", "rend", "front", "back", "at", "clear", "pop_back",
      "pop_front", "erase", "resize",
      "has_value", "value", "reset"};  // std::optional
  return std::find(std::begin(kAllowed), std::end(kAllowed), method->getName()) != std::end(kAllowed);
}

/// `member` (t.join, opt->join) is called, and the method only joins.
bool EscapingReference::joined_call(const clang::ParentMap& parents, const clang::MemberExpr* member) {
  const auto* call = llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(flow::semantic_parent(parents, member));
  return call != nullptr && call->getCallee()->IgnoreParens() == member && joining_method(call->getMethodDecl());
}

/// std::ranges::for_each(threads, &std::thread::join), std::for_each_n
/// with a lambda (whose body is checked like this function's: its thread
/// parameter is a local), std::mem_fn(&std::jthread::request_stop): the
/// holder `e` is the range, and every callable handed along only joins.
bool EscapingReference::joining_algorithm(const clang::CallExpr& call, const clang::Expr* e) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  llvm::ArrayRef<const clang::Expr*> args(call.getArgs(), call.getNumArgs());
  const clang::NamedDecl* named = callee;
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call)) {
    // A niebloid: std::ranges::for_each is an object whose operator() runs.
    if (op->getOperator() != clang::OO_Call || args.empty()) return false;
    const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(args.front()->IgnoreParenImpCasts());
    named = object != nullptr ? object->getDecl() : nullptr;
    args = args.drop_front();
  }
  if (named == nullptr || named->getIdentifier() == nullptr || !declared_in_std(named) ||
      (named->getName() != "for_each" && named->getName() != "for_each_n")) {
    return false;
  }
  if (args.empty() || args.front()->IgnoreParenImpCasts() != e->IgnoreParenImpCasts()) return false;
  for (const clang::Expr* arg : args.drop_front()) {
    if (!joining_callable(arg)) return false;
  }
  return true;
}

/// A callable that only joins a thread it is given: a lambda (its body is
/// walked by only_joined_in), a pointer to a joining method, std::mem_fn
/// of one; a number (for_each_n's count) is no callable.
bool EscapingReference::joining_callable(const clang::Expr* arg) {
  arg = arg->IgnoreImplicit()->IgnoreParenImpCasts();
  // for_each_n's count; the default projection (std::identity).
  if (arg->getType()->isIntegralOrEnumerationType() || llvm::isa<clang::CXXDefaultArgExpr>(arg)) return true;
  if (is_std_class(arg->getType()->getAsCXXRecordDecl(), {"identity"})) return true;
  if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(arg)) {
    // A generic lambda's body is a pattern where `t.detach()` is not
    // resolved: its instantiations are checked instead.
    const clang::FunctionTemplateDecl* generic = lambda->getCallOperator()->getDescribedFunctionTemplate();
    if (generic == nullptr) return true;
    for (const clang::FunctionDecl* instance : generic->specializations()) {
      if (instance->getBody() == nullptr || !only_joined_in(instance->getBody())) return false;
    }
    return true;
  }
  if (const auto* address = llvm::dyn_cast<clang::UnaryOperator>(arg); address != nullptr && address->getOpcode() == clang::UO_AddrOf) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(address->getSubExpr()->IgnoreParenImpCasts());
    return ref != nullptr && joining_method(llvm::dyn_cast<clang::CXXMethodDecl>(ref->getDecl()));
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(arg)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    return callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
           callee->getName() == "mem_fn" && call->getNumArgs() == 1 && joining_callable(call->getArg(0));
  }
  return false;
}

}  // namespace meshwa::rules::escaping_reference
