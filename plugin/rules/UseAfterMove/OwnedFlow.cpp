// The flow analysis of meshwa::Owned handles: which places a function
// tracks (analyse), their state over the CFG from move to use
// (analyse_flow, with the lambdas that capture them), and a use in another
// argument of the call that moves, whose order is unspecified
// (find_unsequenced and the receiver of a move).
#include "UseAfterMove.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "Flow.h"

namespace meshwa::rules::use_after_move {

void UseAfterMove::analyse(const clang::FunctionDecl& fn, RuleContext& ctx) {
  if (fn.getBody() == nullptr) return;
  const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn);
  auto each_root = [&](auto&& visit) {
    visit(fn.getBody());
    if (ctor != nullptr) {
      for (const clang::CXXCtorInitializer* init : ctor->inits()) visit(init->getInit());
    }
  };
  // Pre-filter: most functions never touch an Owned; build no CFG for them.
  std::vector<Place> places;
  each_root([&](const clang::Stmt* root) {
    flow::contains(root, [&](const clang::Stmt& s) {
      auto add = [&](const Place& place) {
        if (std::find(places.begin(), places.end(), place) == places.end()) places.push_back(place);
      };
      if (const auto* e = llvm::dyn_cast<clang::Expr>(&s)) {
        if (std::optional<Place> place = owned_place(e)) add(*place);
      }
      // p.move_doc(), p.access(): the Owned fields of p the body touches.
      if (auto followed = summaries_.followed_member_call(s)) {
        const auto& [object, effects] = *followed;
        for (const auto* list : {&effects->reads, &effects->moves, &effects->refills}) {
          for (const clang::FieldDecl* field : *list) add(field_of(object, field));
        }
      }
      return false;
    });
  });
  // The fields of `this` are followed in a member function (not a
  // constructor or destructor) without lambdas, which could give them
  // new values when called later.
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
  const bool own_fields = method != nullptr && method->isInstance() && !llvm::isa<clang::CXXConstructorDecl>(method) &&
                          !llvm::isa<clang::CXXDestructorDecl>(method) &&
                          !flow::contains(fn.getBody(), [](const clang::Stmt& s) { return llvm::isa<clang::LambdaExpr>(s); });
  if (!own_fields) {
    places.erase(std::remove_if(places.begin(), places.end(), [](const Place& p) { return p.root == nullptr; }), places.end());
  }
  if (places.empty()) return;
  auto tracked = [&](const clang::Expr* e) {
    std::optional<Place> path = local_path(e);
    if (!path) return false;
    // std::move(b) moves b.inner with it.
    return std::any_of(places.begin(), places.end(), [&](const Place& p) { return path->is_prefix_of(p); });
  };
  bool has_move = false;
  each_root([&](const clang::Stmt* root) {
    has_move = has_move || flow::contains(root, [&](const clang::Stmt& s) {
                 if (tracked(moved_operand(s))) return true;
                 if (auto followed = summaries_.followed_member_call(s); followed && !followed->second->moves.empty()) return true;
                 if (summaries_.may_move_an_argument(s)) return true;  // take(d) moving its Owned<T>& parameter
                 auto [a, b] = swap_operands(s);
                 return (a != nullptr && owned_place(a)) || (b != nullptr && owned_place(b));
               });
  });
  if (!has_move) return;
  // The CFG and the ParentMap recurse as deep as the body nests.
  flow::with_stack_for(fn, [&] { analyse_flow(fn, places, ctx); });
}

/// The places a lambda captures by reference and reads (anything but an
/// emptiness test) as `reads`, with those it assigns in `assigns` (a place
/// both read and assigned is only assigned: the order is not followed), and
/// those it moves away (`[&] { take(std::move(in)); }`) in `moves`.
std::vector<int> UseAfterMove::lambda_reads(const clang::LambdaExpr& lambda, const std::vector<Place>& places,
                                            const clang::ParentMap& parents, std::vector<int>& assigns,
                                            std::vector<int>& moves) {
  std::vector<int> reads;
  for (const clang::LambdaCapture& capture : lambda.captures()) {
    if (!capture.capturesVariable() || capture.getCaptureKind() != clang::LCK_ByRef) continue;
    const auto* var = llvm::dyn_cast<clang::VarDecl>(capture.getCapturedVar());
    if (var == nullptr || !is_owned(var->getType())) continue;
    auto it = std::find(places.begin(), places.end(), Place{var, {}});
    if (it == places.end()) continue;
    bool read = false;
    bool assigned = false;
    bool moved = false;
    flow::contains(lambda.getBody(), [&](const clang::Stmt& s) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
      if (ref == nullptr || owned_var(ref) != var) return false;
      if (flow::is_assigned_to(parents, ref)) {
        assigned = true;
      } else if (!is_emptiness_test(parents, ref)) {
        read = true;
        const clang::Stmt* parent = flow::semantic_parent(parents, ref);
        if (parent != nullptr && moved_operand(*parent) != nullptr) moved = true;
      }
      return false;
    });
    if (assigned) {
      assigns.push_back(static_cast<int>(it - places.begin()));
    } else if (read) {
      reads.push_back(static_cast<int>(it - places.begin()));
      if (moved) moves.push_back(static_cast<int>(it - places.begin()));
    }
  }
  return reads;
}

void UseAfterMove::analyse_flow(const clang::FunctionDecl& fn, const std::vector<Place>& places, RuleContext& ctx) {
  const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn);
  // `try { take(std::move(x)); } catch (...) { x->name; }`: the handler
  // runs after the move when the call throws. Exception edges only for a
  // body with a try (they split every block at each call).
  const bool has_try = flow::contains(fn.getBody(), [](const clang::Stmt& s) { return llvm::isa<clang::CXXTryStmt>(s); });
  std::unique_ptr<clang::CFG> cfg = flow::build_cfg(fn, ctx.ast, /*lifetimes=*/false, /*exception_edges=*/has_try);
  if (cfg == nullptr) return;
  clang::ParentMap parents(fn.getBody());
  if (ctor != nullptr) {
    for (const clang::CXXCtorInitializer* init : ctor->inits()) {
      if (init->getInit() != nullptr) parents.addStmt(init->getInit());
    }
  }
  const size_t n = places.size();
  auto index_of = [&](const std::optional<Place>& place) -> int {
    if (!place) return -1;
    auto it = std::find(places.begin(), places.end(), *place);
    return it == places.end() ? -1 : static_cast<int>(it - places.begin());
  };
  // Slots [0, n): moved from (or emptied) at the statement. Slots [n, 2n):
  // declared empty (`meshwa::Owned<T> other;`) and not touched since; only
  // std::swap turns that into a reportable state.
  std::map<const clang::VarDecl*, std::vector<int>> lambdas;  // lambda variable -> places it reads
  std::map<const clang::VarDecl*, std::vector<int>> refills;  // lambda variable -> places it assigns
  std::map<const clang::VarDecl*, std::vector<int>> empties;  // lambda variable -> places it moves away
  std::set<const clang::LambdaExpr*> stored_lambdas;          // lambdas held in a local variable
  flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
    if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
      for (const clang::Decl* d : decl_stmt->decls()) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
        if (const clang::LambdaExpr* lambda = lambda_of(var)) {
          stored_lambdas.insert(lambda);
          std::vector<int> assigns;
          std::vector<int> moves;
          std::vector<int> reads = lambda_reads(*lambda, places, parents, assigns, moves);
          if (!reads.empty()) lambdas[var] = std::move(reads);
          if (!assigns.empty()) refills[var] = std::move(assigns);
          if (!moves.empty()) empties[var] = std::move(moves);
        }
      }
    }
    return false;
  });

  std::vector<Finding> findings;
  flow::run_forward(*cfg, 2 * n, [&](const clang::Stmt& s, flow::State& state, bool report) {
    // A fresh declaration (each loop iteration's local) is a fresh handle.
    if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
      for (const clang::Decl* d : decl_stmt->decls()) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
        if (var == nullptr) continue;
        for (size_t i = 0; i < n; ++i) {
          if (places[i].root != var) continue;
          state[i] = nullptr;
          const bool empty = places[i].fields.empty() && var->getInit() != nullptr && leaves_empty(var->getInit());
          state[n + i] = empty ? &s : nullptr;
        }
      }
      return;
    }
    if (auto [a, b] = swap_operands(s); a != nullptr) {
      // std::swap(x, y): each takes the other's state; an empty one
      // (moved from, or declared empty) empties the other.
      const int ia = index_of(owned_place(a));
      const int ib = index_of(owned_place(b));
      // Swapping structs (std::swap(b, c)): their fields are taken as fresh.
      for (const clang::Expr* operand : {a, b}) {
        std::optional<Place> path = local_path(operand);
        if (!path || index_of(path) >= 0) continue;
        for (size_t k = 0; k < n; ++k) {
          if (path->is_prefix_of(places[k])) state[k] = state[n + k] = nullptr;
        }
      }
      if (ia < 0 && ib < 0) return;
      auto empty = [&](int i) { return i >= 0 && (state[i] != nullptr || state[n + i] != nullptr); };
      const bool a_empty = empty(ia);
      const bool b_empty = empty(ib);
      if (ia >= 0) {
        state[ia] = b_empty ? &s : nullptr;
        state[n + ia] = nullptr;
      }
      if (ib >= 0) {
        state[ib] = a_empty ? &s : nullptr;
        state[n + ib] = nullptr;
      }
      return;
    }
    // A move bound to a reference parameter empties the handle when the
    // call runs, after all its arguments (receiver_of).
    for (const clang::Expr* move : moved_into_call(s, parents)) {
      std::optional<Place> moved = local_path(moved_operand(*move));
      if (!moved) continue;
      for (size_t i = 0; i < n; ++i) {
        if (!moved->is_prefix_of(places[i])) continue;
        state[i] = move;
        state[n + i] = nullptr;
      }
    }
    if (const clang::Expr* operand = moved_operand(s)) {
      std::optional<Place> moved = local_path(operand);
      if (!moved) return;
      if (!receiver_of(s, parents).emptied_here) {
        // Emptied when the receiving call runs (above); only its siblings
        // in the calls around it are unsequenced with it.
        for (size_t i = 0; i < n; ++i) {
          if (report && *moved == places[i]) find_unsequenced(s, places[i], parents, findings);
        }
        return;
      }
      for (size_t i = 0; i < n; ++i) {
        if (!moved->is_prefix_of(places[i])) continue;
        if (report && *moved == places[i]) find_unsequenced(s, places[i], parents, findings);
        state[i] = &s;
        state[n + i] = nullptr;
      }
      return;
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
      if (call->getOperator() == clang::OO_Equal && call->getNumArgs() == 2) {
        // x = ..., or b = ... (a new b.inner).
        if (std::optional<Place> assigned = local_path(call->getArg(0))) {
          for (size_t i = 0; i < n; ++i) {
            if (assigned->is_prefix_of(places[i])) state[i] = state[n + i] = nullptr;
          }
        }
        return;
      }
      if (call->getOperator() == clang::OO_Call && call->getNumArgs() >= 1) {
        // `[&] { take(std::move(in)); }()`: a lambda called where it is
        // made empties what it moves (its captures were read above).
        if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(call->getArg(0)->IgnoreImplicit()->IgnoreParens())) {
          std::vector<int> assigns;
          std::vector<int> moves;
          (void)lambda_reads(*lambda, places, parents, assigns, moves);
          for (int i : moves) {
            state[i] = call;
            state[n + i] = nullptr;
          }
          for (int i : assigns) state[i] = state[n + i] = nullptr;
          return;
        }
        // name(): the call of a lambda that reads a captured handle.
        const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(call->getArg(0)->IgnoreParenImpCasts());
        const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
        if (var == nullptr) return;
        auto it = lambdas.find(var);
        if (it != lambdas.end() && report) {
          for (int i : it->second) {
            if (state[i] != nullptr) findings.push_back({ref->getLocation(), places[i], state[i], false, false, var});
          }
        }
        if (auto refill = refills.find(var); refill != refills.end()) {
          for (int i : refill->second) state[i] = state[n + i] = nullptr;
        }
        if (auto moved = empties.find(var); moved != empties.end()) {
          for (int i : moved->second) {
            state[i] = call;
            state[n + i] = nullptr;
          }
        }
      }
      return;
    }
    if (const auto* self = llvm::dyn_cast<clang::CXXThisExpr>(&s)) {
      // `this` handed on (`*this`, `notify(this)`) or a member function
      // called on it whose body is not followed may give its fields new
      // values: taken as fresh.
      const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(flow::semantic_parent(parents, self));
      if (member != nullptr && llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return;
      const clang::Stmt* call = member != nullptr ? parents.getParent(member) : nullptr;
      if (call != nullptr && summaries_.followed_member_call(*call)) return;
      for (size_t k = 0; k < n; ++k) {
        if (places[k].root == nullptr) state[k] = state[n + k] = nullptr;
      }
      return;
    }
    if (auto followed = summaries_.followed_member_call(s)) {
      // p.access() reads p.doc; p.move_doc() empties it; p.reload() refills it.
      const auto& [object, effects] = *followed;
      const auto* call = llvm::cast<clang::CXXMemberCallExpr>(&s);
      for (const clang::FieldDecl* field : effects->reads) {
        const int i = index_of(field_of(object, field));
        if (i < 0) continue;
        state[n + i] = nullptr;
        if (report && state[i] != nullptr) {
          findings.push_back({call->getExprLoc(), places[i], state[i], false, false, nullptr, call->getMethodDecl()});
        }
      }
      for (const clang::FieldDecl* field : effects->refills) {
        if (const int i = index_of(field_of(object, field)); i >= 0) state[i] = state[n + i] = nullptr;
      }
      for (const clang::FieldDecl* field : effects->moves) {
        if (const int i = index_of(field_of(object, field)); i >= 0) {
          state[i] = &s;
          state[n + i] = nullptr;
        }
      }
      return;
    }
    const auto* e = llvm::dyn_cast<clang::Expr>(&s);
    if (e == nullptr || (!llvm::isa<clang::DeclRefExpr>(e) && !llvm::isa<clang::MemberExpr>(e))) return;
    std::optional<Place> path = local_path(e);
    if (!path) return;
    const clang::Stmt* parent = flow::semantic_parent(parents, e);
    // The operands of std::swap are handled at the swap.
    if (parent != nullptr) {
      auto [a, b] = swap_operands(*parent);
      if (a != nullptr && (a->IgnoreParenImpCasts() == e || b->IgnoreParenImpCasts() == e)) return;
    }
    const int i = index_of(path);
    // Capturing a handle by reference into a lambda held in a local reads
    // nothing: calling that lambda does (above).
    if (i >= 0 && llvm::isa_and_nonnull<clang::LambdaExpr>(parent) &&
        stored_lambdas.count(llvm::cast<clang::LambdaExpr>(parent)) != 0) {
      return;
    }
    if (i < 0) {
      // b handed on or changed as a whole (refill(b), b.reset_all()) may
      // give b.inner a new value: not followed, taken as fresh. Reading a
      // field of it (b.inner, b.count) is not.
      const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent);
      if (member != nullptr && llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return;
      // A member function whose body is followed is judged at its call.
      const clang::Stmt* call = member != nullptr ? parents.getParent(member) : nullptr;
      if (call != nullptr && summaries_.followed_member_call(*call)) return;
      if (parent != nullptr && moved_operand(*parent) != nullptr) return;
      for (size_t k = 0; k < n; ++k) {
        if (path->is_prefix_of(places[k])) state[k] = state[n + k] = nullptr;
      }
      return;
    }
    // A declared-empty handle touched in any way is no longer known empty.
    state[n + i] = nullptr;
    // refill(d) with a visible `Owned<T>& d` that it first gives a new
    // value: not a read, and d holds a value from the call on.
    if (summaries_.refilling_call(parents, e) != nullptr) {
      state[i] = nullptr;
      return;
    }
    // take(d) with a visible `Owned<T>& d` that it moves away: empty from
    // the call on (after this use of it).
    const clang::CallExpr* mover = summaries_.moving_call(parents, e);
    const auto moved_by_callee = [&] {
      if (mover != nullptr) state[i] = mover;
    };
    if (state[i] == nullptr) return moved_by_callee();
    // Code that tests the handle handles the empty case itself (the
    // analysis does not follow which branch of the test is taken).
    if (is_emptiness_test(parents, e)) {
      state[i] = nullptr;
      return;
    }
    if (!report || flow::is_assigned_to(parents, e)) return moved_by_callee();
    const bool again = (parent != nullptr && moved_operand(*parent) != nullptr) || mover != nullptr;
    const clang::SourceLocation where =
        llvm::isa<clang::MemberExpr>(e) ? llvm::cast<clang::MemberExpr>(e)->getMemberLoc() : e->getExprLoc();
    findings.push_back({where, places[i], state[i], again, false});
    moved_by_callee();
  });
  emit(findings, ctx);
}

UseAfterMove::Receiver UseAfterMove::receiver_of(const clang::Stmt& move, const clang::ParentMap& parents) {
  Receiver r;
  r.argument = &move;
  const bool exchange = llvm::isa<clang::CallExpr>(move) && llvm::cast<clang::CallExpr>(move).getNumArgs() == 2;
  bool constructed = false;
  r.call = outside_wrappers(r.argument, parents, &constructed);
  constructed = constructed || exchange;
  r.emptied_here = constructed || !is_argument_of(r.call, r.argument);
  return r;
}

bool UseAfterMove::is_argument_of(const clang::Stmt* call, const clang::Stmt* argument) {
  auto among = [&](auto args) { return llvm::is_contained(args, argument); };
  if (const auto* c = llvm::dyn_cast_or_null<clang::CallExpr>(call)) return among(c->arguments());
  if (const auto* c = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(call)) return among(c->arguments());
  return false;
}

/// The moves a call carries out when it runs: its arguments that are a
/// std::move (or std::forward, static_cast) bound to a reference parameter.
llvm::SmallVector<const clang::Expr*, 2> UseAfterMove::moved_into_call(const clang::Stmt& s, const clang::ParentMap& parents) {
  llvm::SmallVector<const clang::Expr*, 2> moves;
  auto visit = [&](auto args) {
    for (const clang::Expr* arg : args) {
      const clang::Expr* inner = arg->IgnoreParenImpCasts();
      if (moved_operand(*inner) != nullptr && !receiver_of(*inner, parents).emptied_here) moves.push_back(inner);
    }
  };
  if (const auto* c = llvm::dyn_cast<clang::CallExpr>(&s)) visit(c->arguments());
  if (const auto* c = llvm::dyn_cast<clang::CXXConstructExpr>(&s)) visit(c->arguments());
  return moves;
}

/// f(x->size(), std::move(x)): the other arguments of the call that
/// receives the move may be evaluated after it, and so may the other
/// arguments of every call around that one (`f(x->size(), g(std::move(x)))`).
void UseAfterMove::find_unsequenced(const clang::Stmt& move, const Place& place, const clang::ParentMap& parents,
                                    std::vector<Finding>& findings) {
  const Receiver receiver = receiver_of(move, parents);
  // Emptied on the spot: from the argument that empties it; emptied by the
  // callee: from the call itself.
  const clang::Stmt* child = receiver.emptied_here ? receiver.argument : receiver.call;
  const clang::Stmt* parent = receiver.emptied_here ? receiver.call : outside_wrappers(child, parents);
  for (int depth = 0; depth < 8 && parent != nullptr; ++depth) {
    llvm::SmallVector<const clang::Expr*, 8> arg_list = unsequenced_arguments(*parent);
    if (!llvm::is_contained(arg_list, child)) return;
    for (const clang::Expr* arg : arg_list) {
      if (arg == child) continue;
      clang::SourceLocation where;
      flow::contains(arg, [&](const clang::Stmt& s) {
        const auto* e = llvm::dyn_cast<clang::Expr>(&s);
        if (e == nullptr || (!llvm::isa<clang::DeclRefExpr>(e) && !llvm::isa<clang::MemberExpr>(e))) return false;
        std::optional<Place> path = local_path(e);
        if (path && *path == place && where.isInvalid()) where = e->getExprLoc();
        return where.isValid();
      });
      if (where.isValid()) findings.push_back({where, place, &move, false, true});
    }
    child = parent;
    parent = outside_wrappers(child, parents);
  }
}

/// The parent of `e` once past the implicit nodes around an argument
/// (parentheses, conversions, temporaries, the copy into a parameter);
/// `e` is moved up to the node just below it.
const clang::Stmt* UseAfterMove::outside_wrappers(const clang::Stmt*& e, const clang::ParentMap& parents,
                                                  bool* constructed) {
  const clang::Stmt* parent = parents.getParent(e);
  while (parent != nullptr &&
         llvm::isa<clang::ParenExpr, clang::ImplicitCastExpr, clang::MaterializeTemporaryExpr,
                   clang::CXXBindTemporaryExpr, clang::CXXConstructExpr>(parent) &&
         !llvm::isa<clang::CXXTemporaryObjectExpr>(parent)) {
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent);
    if (construct != nullptr && construct->getNumArgs() != 1) break;
    if (construct != nullptr && constructed != nullptr) *constructed = true;
    e = parent;
    parent = parents.getParent(e);
  }
  return parent;
}

/// The arguments of a call, construction or built-in operator whose
/// evaluation order is unspecified. None for a braced initialiser (left to right) and for the
/// operators C++17 sequences (`<<`, `>>`, assignments, `&&`, `||`, `,`,
/// `[]`); the callee of `obj(args)` is evaluated before its arguments.
llvm::SmallVector<const clang::Expr*, 8> UseAfterMove::unsequenced_arguments(const clang::Stmt& s) {
  llvm::SmallVector<const clang::Expr*, 8> args;
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
    switch (op->getOperator()) {
      case clang::OO_LessLess:
      case clang::OO_GreaterGreater:
      case clang::OO_AmpAmp:
      case clang::OO_PipePipe:
      case clang::OO_Comma:
      case clang::OO_Subscript:
      case clang::OO_ArrowStar:
      case clang::OO_Arrow:
        return args;
      case clang::OO_Call:
        for (unsigned i = 1; i < op->getNumArgs(); ++i) args.push_back(op->getArg(i));
        return args;
      default:
        if (op->isAssignmentOp()) return args;
        for (const clang::Expr* arg : op->arguments()) args.push_back(arg);
        return args;
    }
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
    const bool sequenced = op->isAssignmentOp() || op->isLogicalOp() || op->isShiftOp() || op->isCommaOp() ||
                           op->isPtrMemOp();
    if (!sequenced) args.append({op->getLHS(), op->getRHS()});
    return args;
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
    // The object of a member call is not among the arguments:
    // `x->f(std::move(x))` evaluates x first (C++17).
    for (const clang::Expr* arg : call->arguments()) args.push_back(arg);
  } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&s);
             construct != nullptr && !construct->isListInitialization()) {
    for (const clang::Expr* arg : construct->arguments()) args.push_back(arg);
  }
  return args;
}

}  // namespace meshwa::rules::use_after_move
