// A small forward "may" data-flow over clang's CFG, shared by the
// flow-sensitive lifetime rules (use-after-move, iterator-invalidation).
//
// The state is one slot per tracked thing (a variable, an iterator): null
// while it is fine, or the statement that spoiled it (the move, the
// invalidating call), kept for the note. Paths join by "spoiled on any path",
// which is what makes a move inside a loop reach the loop's next iteration.
// The transfer function is run to a fixpoint first, then once more per
// element with `report` set, so each finding is reported once.
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "clang/AST/Decl.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace meshwa::rules::flow {

/// Slot i: nullptr = fine, else where it was spoiled. Sparse: only spoiled
/// slots are stored, so a state costs what is spoiled, not what is tracked.
/// One state is kept per CFG block, and a body with thousands of tracked
/// handles and thousands of blocks would otherwise hold their product.
class State {
 public:
  using Entry = std::pair<unsigned, const clang::Stmt*>;

  /// `state[i]` reads like a pointer and assigns like one.
  class Slot {
   public:
    Slot(State& state, unsigned index) : state_(state), index_(index) {}
    operator const clang::Stmt*() const { return state_.get(index_); }
    const clang::Stmt* operator=(const clang::Stmt* spoiled) {
      state_.set(index_, spoiled);
      return spoiled;
    }
    const clang::Stmt* operator=(const Slot& other) { return *this = static_cast<const clang::Stmt*>(other); }

   private:
    State& state_;
    unsigned index_;
  };

  Slot operator[](unsigned i) { return Slot(*this, i); }
  const clang::Stmt* operator[](unsigned i) const { return get(i); }

  const clang::Stmt* get(unsigned i) const {
    auto it = find(i);
    return it != spoiled_.end() && it->first == i ? it->second : nullptr;
  }

  void set(unsigned i, const clang::Stmt* spoiled) {
    auto it = find(i);
    const bool present = it != spoiled_.end() && it->first == i;
    if (spoiled == nullptr) {
      if (present) spoiled_.erase(it);
    } else if (present) {
      it->second = spoiled;
    } else {
      spoiled_.insert(it, {i, spoiled});
    }
  }

  /// Adds the slots spoiled in `from` that are fine here; true when any was.
  bool join(const State& from) {
    llvm::SmallVector<Entry, 8> merged;
    merged.reserve(spoiled_.size() + from.spoiled_.size());
    bool changed = false;
    auto a = spoiled_.begin();
    auto b = from.spoiled_.begin();
    while (a != spoiled_.end() || b != from.spoiled_.end()) {
      if (b == from.spoiled_.end() || (a != spoiled_.end() && a->first < b->first)) {
        merged.push_back(*a++);
      } else if (a == spoiled_.end() || b->first < a->first) {
        merged.push_back(*b++);
        changed = true;
      } else {
        merged.push_back(*a++);  // spoiled in both: keep ours
        ++b;
      }
    }
    if (changed) spoiled_.swap(merged);
    return changed;
  }

 private:
  llvm::SmallVector<Entry, 8>::iterator find(unsigned i) {
    return std::lower_bound(spoiled_.begin(), spoiled_.end(), i,
                            [](const Entry& e, unsigned key) { return e.first < key; });
  }
  llvm::SmallVector<Entry, 8>::const_iterator find(unsigned i) const {
    return std::lower_bound(spoiled_.begin(), spoiled_.end(), i,
                            [](const Entry& e, unsigned key) { return e.first < key; });
  }

  llvm::SmallVector<Entry, 8> spoiled_;  // ascending by slot
};

/// The CFG of a function body with every sub-expression as its own element,
/// in evaluation order. nullptr when clang cannot build one. With
/// `lifetimes`, it also marks where each local's lifetime ends (on every path
/// out of its scope), for run_forward's `lifetime_end`.
/// With `exception_edges`, a call that may throw inside a `try` also leads
/// to its handlers (what the try block did before the throw reaches them).
std::unique_ptr<clang::CFG> build_cfg(const clang::FunctionDecl& fn, clang::ASTContext& ast, bool lifetimes = false,
                                      bool exception_edges = false);

/// The CFG elements that never run although the CFG lists them: the
/// argument of `__builtin_constant_p` when it has side effects, which clang
/// then does not evaluate at all (it answers 0). Catch2's CHECK(expr) writes
/// `(void)__builtin_constant_p(expr);` before the real `expr`, so a call in
/// expr would otherwise seem to happen twice, the second time after the
/// first one's effects (erase, move). An argument without side effects is
/// kept: clang may evaluate it (a load), so its uses are real.
llvm::DenseSet<const clang::Stmt*> never_evaluated(const clang::CFG& cfg);

/// Runs `transfer(const clang::Stmt& element, State& state, bool report)` over
/// every statement element of every block reachable from the entry, to a
/// fixpoint, then once more with report == true. `slots` is the number of
/// slots the transfer uses (it bounds the rounds).
/// `lifetime_end(const clang::VarDecl&, const clang::Stmt* trigger, State&)`
/// runs where a local's lifetime ends (a CFG built with lifetimes; `trigger`
/// is the statement that ends it: the block's closing, a return, a break):
/// the analysis can forget what it kept for it, which keeps the states small
/// in a long body, and judge what the end destroys.
template <class Transfer, class LifetimeEnd>
void run_forward(const clang::CFG& cfg, size_t slots, Transfer&& transfer, LifetimeEnd&& lifetime_end) {
  const unsigned blocks = cfg.getNumBlockIDs();
  std::vector<State> in(blocks);
  std::vector<bool> reached(blocks, false);
  const clang::CFGBlock& entry = cfg.getEntry();
  reached[entry.getBlockID()] = true;
  const llvm::DenseSet<const clang::Stmt*> skipped = never_evaluated(cfg);

  auto run_block = [&](const clang::CFGBlock& block, State& state, bool report) {
    for (const clang::CFGElement& element : block) {
      if (auto stmt = element.getAs<clang::CFGStmt>()) {
        if (!skipped.empty() && skipped.contains(stmt->getStmt())) continue;
        transfer(*stmt->getStmt(), state, report);
      } else if (auto end = element.getAs<clang::CFGLifetimeEnds>()) {
        if (end->getVarDecl() != nullptr) lifetime_end(*end->getVarDecl(), end->getTriggerStmt(), state);
      }
    }
  };

  // Blocks are taken in reverse post-order: a loop settles before what
  // follows it is visited again, so a body of many loops in a row costs a
  // few visits per block, not one wave down the rest of the body per loop
  // (a FIFO queue made that quadratic in the number of loops).
  clang::PostOrderCFGView order(&cfg);
  clang::ForwardDataflowWorklist work(cfg, &order);
  work.enqueueBlock(&entry);
  // Bounded: each slot of each block can only go from fine to spoiled once,
  // so blocks * (slots + 1) rounds suffice; the bound guards against bugs.
  size_t budget = static_cast<size_t>(blocks) * (slots + 2) + 16;
  while (const clang::CFGBlock* block = work.dequeue()) {
    if (budget-- == 0) break;
    State out = in[block->getBlockID()];
    run_block(*block, out, false);
    for (const clang::CFGBlock::AdjacentBlock& succ : block->succs()) {
      const clang::CFGBlock* next = succ.getReachableBlock();
      if (next == nullptr) continue;
      const unsigned id = next->getBlockID();
      bool changed = false;
      if (!reached[id]) {
        reached[id] = true;
        in[id] = out;
        changed = true;
      } else {
        changed = in[id].join(out);
      }
      if (changed) work.enqueueBlock(next);
    }
  }
  for (const clang::CFGBlock* block : cfg) {
    if (block == nullptr || !reached[block->getBlockID()]) continue;
    State state = in[block->getBlockID()];
    run_block(*block, state, true);
  }
}

template <class Transfer>
void run_forward(const clang::CFG& cfg, size_t slots, Transfer&& transfer) {
  run_forward(cfg, slots, std::forward<Transfer>(transfer), [](const clang::VarDecl&, const clang::Stmt*, State&) {});
}

/// Runs `analysis` of `fn` (anything that builds its clang::CFG or
/// clang::ParentMap: clang recurses once per level of the tree for both) on
/// this thread when its stack has room for the height of fn's body, else on
/// a new thread whose stack has. `a + a + ... + a` is one level per term, and
/// clang accepts tens of thousands.
void with_stack_for(const clang::FunctionDecl& fn, llvm::function_ref<void()> analysis);

/// The bodies to analyse for `fn` as the checker shows it (a pattern when it
/// is a template): `fn` itself when it is not dependent, else up to `limit`
/// of its instantiations (function templates, generic lambdas, members of
/// class templates) that have a body. Diagnostics land on the pattern's
/// source locations; callers de-duplicate them.
llvm::SmallVector<const clang::FunctionDecl*, 4> bodies_to_analyse(const clang::FunctionDecl& fn, unsigned limit = 8);

/// The instantiations of the template pattern `fn` that bodies_to_analyse
/// walks, up to `limit`; with `with_bodies` false also those without a body
/// (a declaration only, whose default arguments a call still instantiates).
/// Empty for a function that is not dependent.
llvm::SmallVector<const clang::FunctionDecl*, 4> instantiations_of(const clang::FunctionDecl& fn, unsigned limit,
                                                                   bool with_bodies);

/// The parent of `s` skipping parentheses, implicit casts and the wrappers
/// clang puts around temporaries.
const clang::Stmt* semantic_parent(const clang::ParentMap& parents, const clang::Stmt* s);

/// What skip_carriers() does at a cast it does not step through.
enum class AtOtherCast {
  give_up,  ///< nullptr: the cast makes a new value the walk does not follow
  stop,     ///< the cast itself: the walk ends there and that is what it found
};

/// Which casts written in the source (static_cast, a C-style cast, T(x),
/// T{x}) skip_carriers() steps through.
enum class WrittenCasts {
  by_kind,          ///< as the implicit ones: those whose kind is in `through`
  functional_only,  ///< every functional cast (T(x), T{x}: it names the type
                    ///< being built) whatever its kind, no other written cast
  all,              ///< every written cast, whatever its kind
};

/// What more skip_carriers() does when asked (flags, `|` them).
enum class Also : unsigned {
  nothing = 0,
  implicit_casts = 1U << 0,  ///< step through every implicit cast, whatever its kind
  constants = 1U << 1,       ///< step through a ConstantExpr (clang's wrapper of a constant-evaluated expression)
  std_move_calls = 1U << 2,  ///< step through std::move(x), std::as_const(x): is_std_move_call()
  no_step_limit = 1U << 3,   ///< walk to the end however many carriers there are (never nullptr but for a
                             ///< nullptr `e` or at a cast with give_up): each step descends, so it ends
  copy_constructions = 1U << 4,  ///< step through a copy or move construction (`T(t)`, a by-value argument
                                 ///< made from `t`): the same value in another object; also a written cast
                                 ///< to t's own class (`T(t)`, `T{t}`, `static_cast<T>(t)`) and a list
                                 ///< that only wraps one T (`{T{t}}`)
};
constexpr Also operator|(Also a, Also b) { return static_cast<Also>(static_cast<unsigned>(a) | static_cast<unsigned>(b)); }
constexpr bool has(Also set, Also flag) { return (static_cast<unsigned>(set) & static_cast<unsigned>(flag)) != 0; }

/// `e` past what hands the same object or value on: parentheses, cleanups,
/// a temporary's materialisation and binding, the casts whose kind is in
/// `through` (written casts as `written` says), and what `also` adds. At a
/// cast of another kind, as `other` says: nullptr (give_up) or that cast
/// (stop). nullptr also when `e` is, or after 64 steps (unless
/// Also::no_step_limit).
const clang::Expr* skip_carriers(const clang::Expr* e, llvm::ArrayRef<clang::CastKind> through,
                                 AtOtherCast other = AtOtherCast::give_up,
                                 WrittenCasts written = WrittenCasts::by_kind, Also also = Also::nothing);

/// `e` past what only carries its value on into the object a copy or move
/// makes: implicit nodes (casts of any kind, temporaries, cleanups),
/// parentheses, and copy or move constructions (`auto v2 = v;`, `return
/// local;`, a by-value argument made from `t`); a written cast ends it.
/// skip_carriers() with Also::copy_constructions, for the rules that follow
/// a value through its copies. Null only for a null `e`.
const clang::Expr* past_copies(const clang::Expr* e);

/// past_copies(e), then on through each local reference it names that is
/// bound to another variable: with `const T& r = h;` (or `auto& r = h;`,
/// `auto& r2 = r;`) `r` is h, so `return r;` and `return T(r);` copy h. It
/// stops at (gives the naming of) a reference parameter (the caller's
/// object), a reference named from a lambda (the enclosing function's), or
/// a reference bound to anything else (a temporary, a member, an element,
/// a call's result). Null only for a null `e`.
const clang::Expr* past_copies_and_local_references(const clang::Expr* e);

/// Is `s` a call of std::move or std::as_const with its one argument (the
/// std functions that hand their argument on as the same object)?
bool is_std_move_call(const clang::Stmt* s);

/// How many of `call`'s arguments come before the callee's parameters: 1
/// when argument 0 is a member operator's object (`m[i]`: `m`; a static
/// operator()'s too, clang keeps the object expression), else 0.
unsigned object_arguments(const clang::CallExpr& call);

/// The parameter argument `k` of `call` is bound to (past the object, see
/// object_arguments). Null for the object, a variadic argument, or a call
/// without a known callee.
const clang::ParmVarDecl* parameter_of_argument(const clang::CallExpr& call, unsigned k);

/// Is `e` (a DeclRefExpr, say) the left-hand side of an assignment — plain
/// `=` on a scalar or a class's operator= — rather than a read?
bool is_assigned_to(const clang::ParentMap& parents, const clang::Expr* e);

/// The variable `e` names (a DeclRefExpr of it through parentheses and
/// implicit casts), else null (also for null).
const clang::VarDecl* variable_named(const clang::Expr* e);

/// `e` names `var` (variable_named(e) is `var`); false for null.
bool names_variable(const clang::Expr* e, const clang::VarDecl& var);

/// Does `call` call a [[noreturn]] function? Its direct callee, or in a
/// template pattern, where a call with a dependent argument is not
/// resolved yet, every function its name found: glibc's `assert(c)` in a
/// template is `c ? void(0) : __assert_fail(..., __PRETTY_FUNCTION__)`,
/// whose last argument depends on the template, so `__assert_fail` stays
/// an unresolved lookup there.
bool calls_noreturn(const clang::CallExpr& call);

/// What always_leaves() takes for leaving besides `return`, `break`,
/// `continue` and `throw` (flags, `|` them). The rules differ on purpose:
/// unsafe-buffer reads only a then-branch that plainly leaves as a guard;
/// uninitialized follows the other ways a path can end.
enum class Leaving : unsigned {
  plainly = 0,
  noreturn_calls = 1U << 0,  ///< a call of a [[noreturn]] function (std::abort(), a fatal logger)
  both_branches = 1U << 1,   ///< an if with an else whose two branches both leave
};
constexpr Leaving operator|(Leaving a, Leaving b) {
  return static_cast<Leaving>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool has(Leaving set, Leaving flag) { return (static_cast<unsigned>(set) & static_cast<unsigned>(flag)) != 0; }

/// Does `s` end by leaving the block it is in, whatever path it takes: a
/// return, a break or continue (the caller does not enter loops), a throw,
/// what `also` adds, or a block whose last statement does? At most
/// `max_levels` blocks and ifs deep (an `else if` chain thousands long);
/// false for null.
bool always_leaves(const clang::Stmt* s, Leaving also, int max_levels);

/// The branch of an `if constexpr` whose condition is known (not value
/// dependent) that is discarded: never compiled, never run (the then-branch
/// of `if constexpr (false)`, the else of `if constexpr (true)`); null for
/// any other `if`, or when the discarded branch is an absent else.
const clang::Stmt* discarded_branch(const clang::IfStmt& s, const clang::ASTContext& ast);

/// The part of `stmt` that can never run, or null: the branch of an `if`
/// whose condition is a constant (`if (kDebug)` with `constexpr bool kDebug
/// = false;`, outside templates or not depending on their parameters; not
/// `if constexpr`, whose discarded branch discarded_branch() gives), the arm
/// of a `?:` on a constant, the right of `false && ...` or `true || ...`.
/// Not when a label or a `case` in it could be jumped to.
const clang::Stmt* never_run_part(const clang::Stmt& stmt, const clang::ASTContext& ast);

/// The arms of `c ? a : b` that can run: both, or the one a constant
/// condition leaves when the other is its never_run_part() (`kDebug ? x :
/// y` with `constexpr bool kDebug = false;` gives y). What a rule follows
/// through a conditional (what a view refers to, where a value goes) comes
/// from these arms only.
llvm::SmallVector<const clang::Expr*, 2> arms_that_can_run(const clang::AbstractConditionalOperator& choice,
                                                           const clang::ASTContext& ast);

/// Every statement of `fn`'s body (its constructor initialisers included)
/// that sits in a never_run_part() of a statement around it, found in one
/// walk; the bodies of lambdas in it included (a lambda in a part that
/// never runs is never made, so its body never runs either).
llvm::DenseSet<const clang::Stmt*> never_run_statements(const clang::FunctionDecl& fn, const clang::ASTContext& ast);

/// The value of `return E;` when that is the whole of `body` (a function's
/// or a lambda's: `{ return a.x <= b.x; }`), else null.
const clang::Expr* only_returned_value(const clang::Stmt* body);

/// The value, as a condition, of a call without arguments of a function
/// (not virtual) whose whole body returns a constant (Juliet's
/// `globalReturnsTrue()`, a `bool enabled() { return false; }`): every call
/// gives the same. nullopt for anything else.
std::optional<bool> constant_call_result(const clang::Expr* e, clang::ASTContext& ast);

/// A local std::unique_ptr / std::shared_ptr / meshwa::Owned / meshwa::Shared
/// whose object its function hands on (`std::move(p)` or `p.release()`
/// anywhere in it): what `*p`, `p->m` or `p.get()` refer to then lives on in
/// its new owner (`T& r = *p; items_.push_back(std::move(p)); return r;`),
/// not with `p`. A move into another local of the function (`auto q =
/// std::move(p);`) hands nothing on: the object dies with `q`.
bool hands_on_ownership(const clang::VarDecl& var);

/// A local std::unique_ptr / std::shared_ptr / meshwa::Owned / meshwa::Shared
/// (not a reference to one): the kind of variable hands_on_ownership asks about.
bool is_local_owner(const clang::VarDecl& var);

/// The variables `fn` hands the object of on, as hands_on_ownership means
/// it (std::move not into another local, `.release()`), found in one walk
/// of its body: for a caller that asks about many locals of one function.
/// A local moved into another local that hands it on hands it on too
/// (`auto q = std::move(p); items_.push_back(std::move(q));`).
llvm::DenseSet<const clang::VarDecl*> locals_handed_on(const clang::FunctionDecl& fn);

/// The local of its function that owns the object of the local owner `var`
/// in the end, when the function moves it into other locals (`auto q =
/// std::move(p);`, `r = std::move(q);`: `r`), one after the other; `var`
/// itself when it is moved into no local, or into more than one.
const clang::VarDecl* local_owner_in_the_end(const clang::VarDecl& var);

/// Does the tree under `root` (lambda bodies included) contain a statement
/// satisfying `pred`? Iterative: a cheap pre-filter before building a CFG.
/// With `prune`: not under a statement `prune(s)` is true of (`s` itself is
/// still asked).
template <class Pred, class Prune>
bool contains(const clang::Stmt* root, Pred&& pred, Prune&& prune) {
  if (root == nullptr) return false;
  llvm::SmallVector<const clang::Stmt*, 64> stack{root};
  while (!stack.empty()) {
    const clang::Stmt* s = stack.pop_back_val();
    if (s == nullptr) continue;
    if (pred(*s)) return true;
    if (prune(*s)) continue;
    for (const clang::Stmt* child : s->children()) stack.push_back(child);
  }
  return false;
}

template <class Pred>
bool contains(const clang::Stmt* root, Pred&& pred) {
  return contains(root, pred, [](const clang::Stmt&) { return false; });
}

/// contains(), but not into the bodies of lambdas under `root`: a lambda's
/// body is another function, so its returns, jumps, try blocks and uses are
/// not `root`'s own (nor those of local classes: their member functions are
/// declarations, not children).
template <class Pred>
bool contains_outside_lambdas(const clang::Stmt* root, Pred&& pred) {
  return contains(root, [&](const clang::Stmt& s) { return !llvm::isa<clang::LambdaExpr>(s) && pred(s); },
                  [](const clang::Stmt& s) { return llvm::isa<clang::LambdaExpr>(s); });
}

/// Calls `visit(ret)` with each return statement of `body` itself, not
/// those of the lambdas in it.
template <class Visit>
void for_each_own_return(const clang::Stmt* body, Visit&& visit) {
  contains_outside_lambdas(body, [&](const clang::Stmt& s) {
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s)) visit(*ret);
    return false;
  });
}

/// For each variable of `fn`'s own (not a lambda's, not a global) that its
/// body names: `Counts` with `mentions`, every naming of it, and what
/// `add(st, counts)` adds at each statement `st`, all in one walk of the
/// body. For a rule asking of many locals "is every mention of v one of
/// these?": a walk of the body per local makes thousands of them quadratic.
template <class Counts, class Add>
llvm::DenseMap<const clang::VarDecl*, Counts> count_per_local(const clang::FunctionDecl& fn, Add&& add) {
  llvm::DenseMap<const clang::VarDecl*, Counts> counts;
  contains(fn.getBody(), [&](const clang::Stmt& st) {
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&st)) {
      if (const auto* v = llvm::dyn_cast<clang::VarDecl>(ref->getDecl())) ++counts[v].mentions;
    }
    add(st, counts);
    return false;
  });
  llvm::DenseMap<const clang::VarDecl*, Counts> own;
  for (const auto& [var, c] : counts) {
    if (llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod()) == &fn) own.try_emplace(var, c);
  }
  return own;
}

}  // namespace meshwa::rules::flow
