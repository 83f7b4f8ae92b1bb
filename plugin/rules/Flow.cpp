// Helpers of Flow.h.
#include "Flow.h"

#include <map>

#include "Instantiations.h"
#include "TypeUtil.h"

#include <pthread.h>

#include <algorithm>
#include <climits>
#include <limits>
#include <optional>
#include <utility>

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Stack.h"
#include "llvm/Support/thread.h"

namespace meshwa::rules::flow {

namespace {

/// Stack that clang's CFG builder and ParentMap may use per level of the
/// tree, generously (in the backtraces of their overflows: 150-200 bytes a
/// frame, one to a few frames a level), and what they need on top of that.
constexpr size_t kStackPerLevel = 2048;
constexpr size_t kStackReserve = 256 << 10;

/// Levels of the trees under `roots`, counted without recursion.
size_t height(llvm::ArrayRef<const clang::Stmt*> roots) {
  size_t max = 0;
  llvm::SmallVector<std::pair<const clang::Stmt*, size_t>, 64> stack;
  for (const clang::Stmt* root : roots) {
    if (root != nullptr) stack.push_back({root, 1});
  }
  while (!stack.empty()) {
    const auto [s, depth] = stack.pop_back_val();
    max = std::max(max, depth);
    for (const clang::Stmt* child : s->children()) {
      if (child != nullptr) stack.push_back({child, depth + 1});
    }
  }
  return max;
}

/// Bytes of stack left on this thread below the caller, or 0 when unknown.
size_t stack_left() {
  // The lowest address of this thread's stack, looked up once per thread
  // (for the main thread glibc reads /proc/self/maps).
  thread_local const char* const low = [] {
    const char* result = nullptr;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return result;
    void* addr = nullptr;
    size_t size = 0;
    if (pthread_attr_getstack(&attr, &addr, &size) == 0) result = static_cast<const char*>(addr);
    pthread_attr_destroy(&attr);
    return result;
  }();
  const char* here = static_cast<const char*>(__builtin_frame_address(0));
  return low != nullptr && here > low ? static_cast<size_t>(here - low) : 0;
}

}  // namespace

void with_stack_for(const clang::FunctionDecl& fn, llvm::function_ref<void()> analysis) {
  llvm::SmallVector<const clang::Stmt*, 8> roots{fn.getBody()};
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn)) {
    for (const clang::CXXCtorInitializer* init : ctor->inits()) roots.push_back(init->getInit());
  }
  const size_t need = height(roots) * kStackPerLevel + kStackReserve;
  if (need <= stack_left()) {
    analysis();
    return;
  }
  llvm::thread worker(std::optional<unsigned>(static_cast<unsigned>(std::min<size_t>(need, UINT_MAX))), [&] {
    clang::noteBottomOfStack();  // for clang code that checks its own stack (clang/Basic/Stack.h)
    analysis();
  });
  worker.join();
}

namespace {

void add_subtree(const clang::Stmt* s, llvm::DenseSet<const clang::Stmt*>& into) {
  if (s == nullptr || !into.insert(s).second) return;
  for (const clang::Stmt* child : s->children()) add_subtree(child, into);
}

}  // namespace

llvm::DenseSet<const clang::Stmt*> never_evaluated(const clang::CFG& cfg) {
  llvm::DenseSet<const clang::Stmt*> out;
  for (const clang::CFGBlock* block : cfg) {
    for (const clang::CFGElement& element : *block) {
      const auto stmt = element.getAs<clang::CFGStmt>();
      const auto* call = stmt ? llvm::dyn_cast<clang::CallExpr>(stmt->getStmt()) : nullptr;
      if (call == nullptr || call->getBuiltinCallee() != clang::Builtin::BI__builtin_constant_p) continue;
      if (call->getNumArgs() != 1) continue;
      const clang::Expr* arg = call->getArg(0);
      const clang::FunctionDecl* fn = call->getDirectCallee();
      if (fn != nullptr && arg->HasSideEffects(fn->getASTContext())) add_subtree(arg, out);
    }
  }
  return out;
}

std::unique_ptr<clang::CFG> build_cfg(const clang::FunctionDecl& fn, clang::ASTContext& ast, bool lifetimes,
                                      bool exception_edges) {
  clang::Stmt* body = fn.getBody();
  if (body == nullptr || fn.isInvalidDecl()) return nullptr;
  clang::CFG::BuildOptions options;
  options.setAllAlwaysAdd();         // every sub-expression, in evaluation order
  options.AddInitializers = true;    // constructor member initialisers
  options.AddImplicitDtors = false;  // destructors are not uses
  options.AddTemporaryDtors = false;
  options.AddLifetime = lifetimes;
  options.AddScopes = false;
  options.AddEHEdges = exception_edges;
  return clang::CFG::buildCFG(&fn, body, &ast, options);
}

llvm::SmallVector<const clang::FunctionDecl*, 4> bodies_to_analyse(const clang::FunctionDecl& fn, unsigned limit) {
  if (!fn.isDependentContext()) return {&fn};
  return instantiations_of(fn, limit, /*with_bodies=*/true);
}

llvm::SmallVector<const clang::FunctionDecl*, 4> instantiations_of(const clang::FunctionDecl& fn, unsigned limit,
                                                                   bool with_bodies) {
  llvm::SmallVector<const clang::FunctionDecl*, 4> bodies;
  if (!fn.isDependentContext()) return bodies;
  // Every copy of `fn` in each instance of the templates around it
  // (rules::instances_of): a function template's specializations, a member
  // of a class template's in each specialization, also of a member
  // template, a member of a class nested in a class template, a lambda's
  // call operator or a local class's member in each instance of the
  // function template holding it (those were skipped: a use after move in
  // `Outer<T>::In::f` or in a lambda of `f<T>` went unjudged). Copies clang
  // made only as declarations (members never used) are many: more are
  // listed than `limit` so that those with bodies are found among them.
  for (const clang::DeclContext* copy : rules::instances_of(fn, std::max(limit * 8, 256U))) {
    const auto* instance = llvm::dyn_cast<clang::FunctionDecl>(copy);
    if (bodies.size() >= limit) break;
    if (instance == nullptr || instance->isDependentContext() || instance->isInvalidDecl()) continue;
    if (with_bodies && instance->getBody() == nullptr) continue;
    if (!llvm::is_contained(bodies, instance)) bodies.push_back(instance);
  }
  return bodies;
}

const clang::Stmt* semantic_parent(const clang::ParentMap& parents, const clang::Stmt* s) {
  const clang::Stmt* parent = parents.getParent(s);
  while (parent != nullptr &&
         llvm::isa<clang::ParenExpr, clang::ImplicitCastExpr, clang::MaterializeTemporaryExpr,
                   clang::CXXBindTemporaryExpr, clang::ExprWithCleanups, clang::ConstantExpr>(parent)) {
    parent = parents.getParent(parent);
  }
  return parent;
}

namespace {

/// A written cast that copies its operand into another object of the same
/// class, or hands the same object on: `Holder(h)`, `Holder{h}`,
/// `static_cast<Holder>(h)` (a conversion by a copy or move constructor, or
/// a no-op cast to the operand's own class). The copy itself is the next
/// step (a CXXConstructExpr stepped through only for a copy or move).
bool is_written_copy(const clang::CastExpr& cast) {
  if (!llvm::isa<clang::ExplicitCastExpr>(cast)) return false;
  if (cast.getCastKind() != clang::CK_NoOp && cast.getCastKind() != clang::CK_ConstructorConversion) return false;
  const clang::QualType to = cast.getType().getNonReferenceType();
  const clang::QualType from = cast.getSubExpr()->getType().getNonReferenceType();
  return to->isRecordType() && to->getCanonicalTypeUnqualified() == from->getCanonicalTypeUnqualified();
}

}  // namespace

const clang::Expr* skip_carriers(const clang::Expr* e, llvm::ArrayRef<clang::CastKind> through, AtOtherCast other,
                                 WrittenCasts written, Also also) {
  const unsigned limit = has(also, Also::no_step_limit) ? std::numeric_limits<unsigned>::max() : 64;
  for (unsigned steps = 0; e != nullptr; ++steps) {
    if (steps >= limit) return nullptr;
    e = e->IgnoreParens();
    if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(e)) {
      e = cleanups->getSubExpr();
    } else if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) {
      e = temporary->getSubExpr();
    } else if (const auto* bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) {
      e = bind->getSubExpr();
    } else if (llvm::isa<clang::ConstantExpr>(e) && has(also, Also::constants)) {
      e = llvm::cast<clang::ConstantExpr>(e)->getSubExpr();
    } else if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) {
      bool carries = false;
      if (has(also, Also::implicit_casts) && llvm::isa<clang::ImplicitCastExpr>(cast)) {
        carries = true;
      } else if (written == WrittenCasts::all && llvm::isa<clang::ExplicitCastExpr>(cast)) {
        carries = true;
      } else if (written == WrittenCasts::functional_only && llvm::isa<clang::ExplicitCastExpr>(cast)) {
        carries = llvm::isa<clang::CXXFunctionalCastExpr>(cast);
      } else {
        carries = llvm::is_contained(through, cast->getCastKind());
      }
      if (!carries && has(also, Also::copy_constructions)) carries = is_written_copy(*cast);
      if (!carries) return other == AtOtherCast::give_up ? nullptr : e;
      e = cast->getSubExpr();
    } else if (has(also, Also::std_move_calls) && is_std_move_call(e)) {
      e = llvm::cast<clang::CallExpr>(e)->getArg(0);
    } else if (const auto* copy = llvm::dyn_cast<clang::CXXConstructExpr>(e);
               copy != nullptr && has(also, Also::copy_constructions) && copy->getNumArgs() >= 1 &&
               copy->getConstructor()->isCopyOrMoveConstructor()) {
      e = copy->getArg(0);
    } else if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e);
               list != nullptr && has(also, Also::copy_constructions) && list->isSemanticForm() &&
               list->isTransparent()) {
      // `{t}` of a T from a T: the list is only syntax around its one
      // element (`return {Holder{h}};`).
      e = list->getInit(0);
    } else {
      return e;
    }
  }
  return nullptr;
}

const clang::Expr* past_copies(const clang::Expr* e) {
  return skip_carriers(e, {}, AtOtherCast::stop, WrittenCasts::by_kind,
                       Also::implicit_casts | Also::constants | Also::copy_constructions | Also::no_step_limit);
}

const clang::Expr* past_copies_and_local_references(const clang::Expr* e) {
  e = past_copies(e);
  // Bounded: `T& r = r;` compiles (and refers to nothing).
  for (int steps = 0; steps < 64; ++steps) {
    const auto* ref = llvm::dyn_cast_or_null<clang::DeclRefExpr>(e);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->getType()->isReferenceType() || llvm::isa<clang::ParmVarDecl>(var) ||
        var->getInit() == nullptr || ref->refersToEnclosingVariableOrCapture()) {
      return e;
    }
    const clang::Expr* bound = past_copies(var->getInit());
    if (variable_named(bound) == nullptr) return e;
    e = bound;
  }
  return e;
}

bool is_std_move_call(const clang::Stmt* s) {
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(s);
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  return callee != nullptr && call->getNumArgs() == 1 && callee->isInStdNamespace() &&
         callee->getIdentifier() != nullptr && (callee->getName() == "move" || callee->getName() == "as_const");
}

unsigned object_arguments(const clang::CallExpr& call) {
  return llvm::isa<clang::CXXOperatorCallExpr>(call) && llvm::isa_and_nonnull<clang::CXXMethodDecl>(call.getDirectCallee())
             ? 1
             : 0;
}

const clang::ParmVarDecl* parameter_of_argument(const clang::CallExpr& call, unsigned k) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  if (callee == nullptr) return nullptr;
  const unsigned shift = object_arguments(call);
  if (k < shift || k - shift >= callee->getNumParams()) return nullptr;
  return callee->getParamDecl(k - shift);
}

bool calls_noreturn(const clang::CallExpr& call) {
  if (const clang::FunctionDecl* callee = call.getDirectCallee()) return callee->isNoReturn();
  const auto* lookup = llvm::dyn_cast<clang::UnresolvedLookupExpr>(call.getCallee()->IgnoreParenImpCasts());
  if (lookup == nullptr || lookup->getNumDecls() == 0) return false;
  for (const clang::NamedDecl* found : lookup->decls()) {
    const clang::NamedDecl* decl = found->getUnderlyingDecl();
    if (const auto* tmpl = llvm::dyn_cast<clang::FunctionTemplateDecl>(decl)) decl = tmpl->getTemplatedDecl();
    const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(decl);
    if (fn == nullptr || !fn->isNoReturn()) return false;
  }
  return true;
}

namespace {

bool always_leaves_at(const clang::Stmt* s, Leaving also, int max_levels, int depth) {
  for (; s != nullptr && depth < max_levels; ++depth) {
    if (llvm::isa<clang::ReturnStmt, clang::BreakStmt, clang::ContinueStmt>(s)) return true;
    if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
      e = e->IgnoreImplicit()->IgnoreParens();
      if (llvm::isa<clang::CXXThrowExpr>(e)) return true;
      const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
      return has(also, Leaving::noreturn_calls) && call != nullptr && calls_noreturn(*call);
    }
    if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
      return has(also, Leaving::both_branches) && branch->getElse() != nullptr &&
             always_leaves_at(branch->getThen(), also, max_levels, depth + 1) &&
             always_leaves_at(branch->getElse(), also, max_levels, depth + 1);
    }
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s);
    if (block == nullptr || block->body_empty()) return false;
    s = block->body_back();
  }
  return false;
}

}  // namespace

const clang::Stmt* discarded_branch(const clang::IfStmt& s, const clang::ASTContext& ast) {
  const std::optional<const clang::Stmt*> kept = s.getNondiscardedCase(ast);
  if (!kept) return nullptr;
  return *kept == s.getThen() ? s.getElse() : s.getThen();
}

const clang::Stmt* never_run_part(const clang::Stmt& stmt, const clang::ASTContext& ast) {
  const clang::Expr* cond = nullptr;
  const clang::Stmt* if_true = nullptr;   // what does not run when the condition is true
  const clang::Stmt* if_false = nullptr;  // ... when it is false
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(&stmt)) {
    if (branch->isConstexpr() || branch->isConsteval() || branch->getConditionVariable() != nullptr) return nullptr;
    cond = branch->getCond();
    if_true = branch->getElse();
    if_false = branch->getThen();
  } else if (const auto* choice = llvm::dyn_cast<clang::ConditionalOperator>(&stmt)) {
    cond = choice->getCond();
    if_true = choice->getFalseExpr();
    if_false = choice->getTrueExpr();
  } else if (const auto* logical = llvm::dyn_cast<clang::BinaryOperator>(&stmt);
             logical != nullptr && logical->isLogicalOp()) {
    cond = logical->getLHS();
    (logical->getOpcode() == clang::BO_LAnd ? if_false : if_true) = logical->getRHS();
  }
  bool value = false;
  if (cond == nullptr || cond->isValueDependent() || cond->isTypeDependent() ||
      !cond->EvaluateAsBooleanCondition(value, ast)) {
    return nullptr;
  }
  const clang::Stmt* dead = value ? if_true : if_false;
  const bool enterable = dead != nullptr && contains(dead, [](const clang::Stmt& node) {
    return llvm::isa<clang::LabelStmt, clang::SwitchCase>(node);
  });
  return enterable ? nullptr : dead;
}

llvm::SmallVector<const clang::Expr*, 2> arms_that_can_run(const clang::AbstractConditionalOperator& choice,
                                                           const clang::ASTContext& ast) {
  const clang::Stmt* dead = never_run_part(choice, ast);
  llvm::SmallVector<const clang::Expr*, 2> arms;
  for (const clang::Expr* arm : {choice.getTrueExpr(), choice.getFalseExpr()}) {
    if (arm != dead) arms.push_back(arm);
  }
  return arms;
}

llvm::DenseSet<const clang::Stmt*> never_run_statements(const clang::FunctionDecl& fn, const clang::ASTContext& ast) {
  llvm::DenseSet<const clang::Stmt*> dead;
  // Each statement with whether a part that never runs holds it; iterative,
  // for bodies thousands of levels deep.
  llvm::SmallVector<std::pair<const clang::Stmt*, bool>, 64> stack{{fn.getBody(), false}};
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn)) {
    for (const clang::CXXCtorInitializer* init : ctor->inits()) stack.push_back({init->getInit(), false});
  }
  while (!stack.empty()) {
    const auto [s, in_dead] = stack.pop_back_val();
    if (s == nullptr) continue;
    if (in_dead) dead.insert(s);
    const clang::Stmt* part = in_dead ? nullptr : never_run_part(*s, ast);
    for (const clang::Stmt* child : s->children()) stack.push_back({child, in_dead || child == part});
  }
  return dead;
}

bool always_leaves(const clang::Stmt* s, Leaving also, int max_levels) {
  return always_leaves_at(s, also, max_levels, 0);
}

const clang::VarDecl* variable_named(const clang::Expr* e) {
  const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
  return ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
}

bool names_variable(const clang::Expr* e, const clang::VarDecl& var) { return variable_named(e) == &var; }

const clang::Expr* only_returned_value(const clang::Stmt* body) {
  const auto* block = llvm::dyn_cast_or_null<clang::CompoundStmt>(body);
  if (block == nullptr || block->size() != 1) return nullptr;
  const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(block->body_front());
  return ret != nullptr ? ret->getRetValue() : nullptr;
}

std::optional<bool> constant_call_result(const clang::Expr* e, clang::ASTContext& ast) {
  const auto* call = e != nullptr ? llvm::dyn_cast<clang::CallExpr>(e->IgnoreParenImpCasts()) : nullptr;
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || call->getNumArgs() != 0 || callee->isDependentContext()) return std::nullopt;
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee); method != nullptr && method->isVirtual()) {
    return std::nullopt;
  }
  const clang::FunctionDecl* def = nullptr;
  if (!callee->hasBody(def) || def == nullptr) return std::nullopt;
  const clang::Expr* returned = only_returned_value(def->getBody());
  bool value = false;
  if (returned == nullptr || returned->isValueDependent() || !returned->EvaluateAsBooleanCondition(value, ast)) {
    return std::nullopt;
  }
  return value;
}

namespace {

/// `std::move(p)` as the whole initialiser of a local (a declaration of one
/// variable), or the whole right
/// side of an assignment to one (`auto q = std::move(p);`, `q =
/// std::move(p);`): the object moves to another local of the function and
/// dies with it, so it is not handed on.
const clang::Expr* moved_into_local(const clang::Stmt& s) {
  auto local = [](const clang::Expr* e) {
    const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
    const auto* v = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    return v != nullptr && v->hasLocalStorage() && !v->getType()->isReferenceType();
  };
  // The moved expression under the constructor/conversion wrapping that
  // initialises an owner from it.
  auto moved = [](const clang::Expr* e) -> const clang::Expr* {
    for (int depth = 0; e != nullptr && depth < 8; ++depth) {
      e = e->IgnoreImplicit()->IgnoreParens();
      if (is_std_move_call(e)) return e;
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
      if (construct == nullptr || construct->getNumArgs() != 1) return nullptr;
      e = construct->getArg(0);
    }
    return nullptr;
  };
  if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(&s)) {
    const auto* var = decl->isSingleDecl() ? llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl()) : nullptr;
    return var != nullptr && var->hasLocalStorage() && !var->getType()->isReferenceType() ? moved(var->getInit())
                                                                                          : nullptr;
  }
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
    return binary->getOpcode() == clang::BO_Assign && local(binary->getLHS()) ? moved(binary->getRHS()) : nullptr;
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
    return op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && local(op->getArg(0)) ? moved(op->getArg(1))
                                                                                                  : nullptr;
  }
  return nullptr;
}

}  // namespace

bool is_local_owner(const clang::VarDecl& var) {
  if (!var.hasLocalStorage() || var.getType()->isReferenceType()) return false;
  const auto* record = var.getType()->getAsCXXRecordDecl();
  return is_std_class(record, {"unique_ptr", "shared_ptr"}) ||
         (record != nullptr && record->getIdentifier() != nullptr &&
          (record->getName() == "Owned" || record->getName() == "Shared") && in_top_namespace(*record, "meshwa"));
}

namespace {

/// The local `s` (a moved_into_local statement) moves into.
const clang::VarDecl* moved_into(const clang::Stmt& s) {
  if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(&s)) return llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl());
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) return variable_named(binary->getLHS());
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) return variable_named(op->getArg(0));
  return nullptr;
}

/// Each move of a local into another local of `fn` (`auto q =
/// std::move(p);`): the std::move call, from, to.
struct LocalMove {
  const clang::Expr* call;
  const clang::VarDecl* from;
  const clang::VarDecl* to;
};
llvm::SmallVector<LocalMove, 4> local_moves(const clang::FunctionDecl& fn) {
  llvm::SmallVector<LocalMove, 4> moves;
  contains(fn.getBody(), [&](const clang::Stmt& s) {
    if (const clang::Expr* m = moved_into_local(s)) {
      moves.push_back({m, variable_named(llvm::cast<clang::CallExpr>(m)->getArg(0)), moved_into(s)});
    }
    return false;  // visit every statement
  });
  return moves;
}

}  // namespace

const clang::VarDecl* local_owner_in_the_end(const clang::VarDecl& var) {
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return &var;
  const llvm::SmallVector<LocalMove, 4> moves = local_moves(*fn);
  const clang::VarDecl* owner = &var;
  for (int hop = 0; hop < 8; ++hop) {
    const clang::VarDecl* next = nullptr;
    for (const LocalMove& move : moves) {
      if (move.from != owner || move.to == nullptr || move.to == owner) continue;
      if (next != nullptr && next != move.to) return &var;  // into two locals: no one owner
      next = move.to;
    }
    if (next == nullptr || next == &var) break;
    owner = next;
  }
  return owner;
}

llvm::DenseSet<const clang::VarDecl*> locals_handed_on(const clang::FunctionDecl& fn) {
  llvm::DenseSet<const clang::VarDecl*> handed;
  llvm::DenseSet<const clang::Stmt*> into_locals;
  const llvm::SmallVector<LocalMove, 4> moves = local_moves(fn);
  for (const LocalMove& move : moves) into_locals.insert(move.call);
  contains(fn.getBody(), [&](const clang::Stmt& s) {
    const clang::VarDecl* named = nullptr;
    if (is_std_move_call(&s)) {
      if (!into_locals.contains(&s)) named = variable_named(llvm::cast<clang::CallExpr>(s).getArg(0));
    } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method != nullptr && method->getIdentifier() != nullptr && method->getName() == "release") {
        named = variable_named(call->getImplicitObjectArgument());
      }
    }
    if (named != nullptr) handed.insert(named);
    return false;
  });
  // What a local moved into another local hands on, the first one hands on.
  for (bool grew = !moves.empty(); grew;) {
    grew = false;
    for (const LocalMove& move : moves) {
      if (move.from != nullptr && move.to != nullptr && handed.contains(move.to)) grew |= handed.insert(move.from).second;
    }
  }
  return handed;
}

bool hands_on_ownership(const clang::VarDecl& var) {
  if (!is_local_owner(var)) return false;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  // No cache keyed by the declaration's address: meshwa gen checks several
  // translation units in one process, and a later one may reuse an address
  // (a rule that asks often keeps locals_handed_on for its translation unit).
  return locals_handed_on(*fn).contains(&var);
}

bool is_assigned_to(const clang::ParentMap& parents, const clang::Expr* e) {
  const clang::Stmt* parent = semantic_parent(parents, e);
  if (parent == nullptr) return false;
  auto same = [&](const clang::Expr* lhs) { return lhs != nullptr && lhs->IgnoreParenImpCasts() == e->IgnoreParenImpCasts(); };
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
    return binary->getOpcode() == clang::BO_Assign && same(binary->getLHS());
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
    return call->getOperator() == clang::OO_Equal && call->getNumArgs() == 2 && same(call->getArg(0));
  }
  return false;
}

}  // namespace meshwa::rules::flow
