// How a local integer is mentioned in its function: where it is tested,
// whether every write is a plain assignment, whether a statement leaves it
// unchanged, what reference aliases it, whether a goto may skip a write.
// What ReachingConstants asks before it trusts a constant it followed.
#include "Flow.h"
#include "UnsafeBuffer/ReachingConstants.h"
#include "UnsafeBuffer/UnsafeBuffer.h"

namespace meshwa::rules::unsafe_buffer {

using namespace constants;

namespace {

/// `e` without parentheses and the no-op casts of a reference binding.
const clang::Expr* bound_expr(const clang::Expr* e) {
  for (;;) {
    e = e->IgnoreParens();
    const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(e);
    if (cast == nullptr || cast->getCastKind() != clang::CK_NoOp) return e;
    e = cast->getSubExpr();
  }
}

}  // namespace

/// Is `var` tested between its last write and the read `use` (an `if`
/// around the read, `if (data >= 10) return;` before it, in the blocks
/// around it)? The read then knows more of it than its writes say: a
/// constant index past the end there is dead code, or a guard.
bool UnsafeBuffer::tested_before_read(const clang::VarDecl& var, llvm::ArrayRef<const clang::Stmt*> parents,
                                      const clang::Stmt* use) {
  const clang::Stmt* child = use;
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    const FirstTests& first = first_tests_in(*parent);
    const auto tested = first.find(&var);
    if (tested == first.end()) continue;
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent);
    if (block == nullptr) return true;
    // A test in a statement before `child` in the block (all of them if
    // `child` is not one: the block is what the loop above walked).
    const auto at = std::find(block->body_begin(), block->body_end(), child);
    if (tested->second < static_cast<unsigned>(at - block->body_begin())) return true;
  }
  return false;
}

/// The variables `s` tests (tests_value_of), each with the index of the
/// first statement of the block that tests it if `s` is a block, else 0.
/// Worked out once per statement for all its variables: a block of
/// thousands of `int iK = ...; s += a[iK];` asks about each index at its
/// read, and a walk per variable over the block before it was quadratic.
const UnsafeBuffer::FirstTests& UnsafeBuffer::first_tests_in(const clang::Stmt& s) {
  if (const auto cached = first_tests_.find(&s); cached != first_tests_.end()) return cached->second;
  FirstTests first;
  const auto* block = llvm::dyn_cast<clang::CompoundStmt>(&s);
  if (block == nullptr) {
    add_tested_vars(s, [&](const clang::VarDecl& var) { first.try_emplace(&var, 0); });
  } else {
    unsigned index = 0;
    for (const clang::Stmt* statement : block->body()) {
      if (statement != nullptr) add_tested_vars(*statement, [&](const clang::VarDecl& var) { first.try_emplace(&var, index); });
      ++index;
    }
  }
  return first_tests_[&s] = std::move(first);
}

/// Calls `add` with each variable `s` tests, as tests_value_of means it:
/// one named under a comparison, `&&`, `||` or `!`, or in the condition of
/// an if, a loop, `?:` or a switch. One walk of `s` (the same tree
/// flow::contains walks, lambda bodies included), carrying down whether
/// the node is inside such a test, instead of a walk of each test per
/// variable.
void UnsafeBuffer::add_tested_vars(const clang::Stmt& s, llvm::function_ref<void(const clang::VarDecl&)> add) {
  llvm::SmallVector<std::pair<const clang::Stmt*, bool>, 64> stack{{&s, false}};
  while (!stack.empty()) {
    const auto [node, in_test] = stack.pop_back_val();
    if (node == nullptr) continue;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(node); ref != nullptr && in_test) {
      if (const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl())) add(*var);
    }
    const clang::Stmt* cond = tested_condition(*node);
    const bool all_tested = in_test || is_test_operator(*node);
    for (const clang::Stmt* child : node->children()) stack.emplace_back(child, all_tested || (child != nullptr && child == cond));
  }
}

/// A comparison, `&&`, `||` or `!`: everything under it is tested.
bool UnsafeBuffer::is_test_operator(const clang::Stmt& node) {
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&node)) return op->isComparisonOp() || op->isLogicalOp();
  const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&node);
  return op != nullptr && op->getOpcode() == clang::UO_LNot;
}

/// The condition of an if, a loop, `?:` or a switch: what is under it is tested.
const clang::Stmt* UnsafeBuffer::tested_condition(const clang::Stmt& node) {
  if (const auto* c = llvm::dyn_cast<clang::AbstractConditionalOperator>(&node)) return c->getCond();
  if (const auto* c = llvm::dyn_cast<clang::IfStmt>(&node)) return c->getCond();
  if (const auto* c = llvm::dyn_cast<clang::WhileStmt>(&node)) return c->getCond();
  if (const auto* c = llvm::dyn_cast<clang::DoStmt>(&node)) return c->getCond();
  if (const auto* c = llvm::dyn_cast<clang::ForStmt>(&node)) return c->getCond();
  if (const auto* c = llvm::dyn_cast<clang::SwitchStmt>(&node)) return c->getCond();
  return nullptr;
}

/// Does `s` compare `var` with something, or test it as a condition (an if,
/// a loop, `?:`, `&&`, `||`, `!`, a switch on it)? What follows the test
/// knows more of it than the writes say.
bool UnsafeBuffer::tests_value_of(const clang::Stmt* s, const clang::VarDecl& var) {
  bool tested = false;
  if (s != nullptr) add_tested_vars(*s, [&](const clang::VarDecl& v) { tested = tested || &v == &var; });
  return tested;
}

/// Does `body` hold more than `allowed` break, continue, goto or return
/// statements (or any throw), which could leave it before its last write?
bool UnsafeBuffer::jumps_within(const clang::Stmt* body, unsigned allowed) {
  unsigned jumps = 0;
  flow::contains(body, [&](const clang::Stmt& s) {
    jumps += llvm::isa<clang::BreakStmt, clang::ContinueStmt, clang::GotoStmt, clang::IndirectGotoStmt,
                       clang::ReturnStmt, clang::CXXThrowExpr>(s);
    return false;
  });
  return jumps > allowed;
}

/// Every mention of the local `var` in its function reads its value or is
/// the target of a plain assignment (`data = 10;`): no reference, pointer
/// or lambda capture may write it behind the code's back. And no label in
/// the function is reached but from the `goto` just before it (Juliet's
/// `goto sink; sink:`): a jump from elsewhere would skip the writes seen.
bool UnsafeBuffer::only_assigned_directly(const clang::VarDecl& var) {
  if (const auto found = directly_assigned_scalars_.find(&var); found != directly_assigned_scalars_.end()) {
    return found->second;
  }
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return directly_assigned_scalars_[&var] = false;
  // Answered for every local of the function at once: a function with
  // thousands of index variables is walked once, not once each.
  if (directly_assigned_counted_.insert(fn).second) find_directly_assigned_locals(*fn);
  // A local its function never names: no mention to account for.
  return directly_assigned_scalars_.try_emplace(&var, only_adjacent_gotos(*fn->getBody())).first->second;
}

/// How many mentions of `var` at `st` only_assigned_directly accepts: a
/// read or harmless binding (unchanging_mentions), an out-argument of a
/// function of this file, the target of a plain assignment.
unsigned UnsafeBuffer::direct_assignment_mentions(const clang::Stmt& st, const clang::VarDecl& var) {
  unsigned accounted = unchanging_mentions(st, var);
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&st)) accounted += out_arguments(*call, var).size();
  const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(&st);
  return accounted +
         (assign != nullptr && assign->getOpcode() == clang::BO_Assign && flow::names_variable(assign->getLHS(), var));
}

/// The variables direct_assignment_mentions may count at `st`: each of its
/// parts names its variable right under it (a read's operand, an alias's
/// target, a call's argument, an assignment's target). For any other
/// variable it counts nothing, so asking only these gives the same sums.
llvm::SmallVector<const clang::VarDecl*, 4> UnsafeBuffer::accountable_vars_at(const clang::Stmt& st) {
  llvm::SmallVector<const clang::VarDecl*, 4> vars;
  const auto add = [&](const clang::Expr* e) {
    const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e) : nullptr;
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var != nullptr && !llvm::is_contained(vars, var)) vars.push_back(var);
  };
  if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&st)) add(cast->getSubExpr()->IgnoreParens());
  if (const auto* decls = llvm::dyn_cast<clang::DeclStmt>(&st)) {
    for (const clang::Decl* d : decls->decls()) {
      const auto* alias = llvm::dyn_cast<clang::VarDecl>(d);
      const clang::VarDecl* target = alias != nullptr ? aliased_local(*alias) : nullptr;
      if (target != nullptr && !llvm::is_contained(vars, target)) vars.push_back(target);
    }
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&st)) {
    for (const clang::Expr* arg : call->arguments()) {
      add(bound_expr(arg));
      add(arg->IgnoreImpCasts()->IgnoreParens());
    }
  }
  if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(&st)) add(assign->getLHS()->IgnoreParens());
  return vars;
}

/// only_assigned_directly for every variable of `fn` its body mentions, in
/// one walk: the mentions of each and those direct_assignment_mentions
/// accepts are counted side by side, as every_mention_accounted counts
/// them for one variable.
void UnsafeBuffer::find_directly_assigned_locals(const clang::FunctionDecl& fn) {
  struct Counts {
    unsigned mentions = 0;
    unsigned accounted = 0;
  };
  const auto counts = flow::count_per_local<Counts>(fn, [&](const clang::Stmt& st, auto& per_local) {
    for (const clang::VarDecl* v : accountable_vars_at(st)) per_local[v].accounted += direct_assignment_mentions(st, *v);
  });
  const bool adjacent_gotos = only_adjacent_gotos(*fn.getBody());
  for (const auto& [var, c] : counts) directly_assigned_scalars_.try_emplace(var, c.mentions == c.accounted && adjacent_gotos);
}

/// Nothing under `root` changes `var`: every mention of it reads its value,
/// binds it to a `const T&` parameter, or binds a local reference that is
/// only ever read (unchanging_mentions).
bool UnsafeBuffer::left_unchanged(const clang::Stmt* root, const clang::VarDecl& var) {
  return every_mention_accounted(root, var, [&](const clang::Stmt& node) { return unchanging_mentions(node, var); });
}

/// The mentions of `var` at `node` that cannot change it: a read of its
/// value, an argument bound to a `const T&` parameter (`sink(data)` with
/// `void sink(const int& dataRef)`), the initialiser of a read-only alias
/// (`int& dataRef = data;`, aliased_local).
unsigned UnsafeBuffer::unchanging_mentions(const clang::Stmt& node, const clang::VarDecl& var) {
  if (reads_value_of(node, var)) return 1;
  if (const auto* decls = llvm::dyn_cast<clang::DeclStmt>(&node)) {
    unsigned aliases = 0;
    for (const clang::Decl* d : decls->decls()) {
      const auto* alias = llvm::dyn_cast<clang::VarDecl>(d);
      aliases += alias != nullptr && aliased_local(*alias) == &var;
    }
    return aliases;
  }
  return const_reference_arguments(node, var);
}

/// How many arguments of the call or construction `node` are `var`
/// itself bound to a `const T&` parameter of its own type: the callee
/// reads it, and cannot write it (short of a const_cast). Each such
/// argument (its DeclRefExpr) goes into `found` when given.
unsigned UnsafeBuffer::const_reference_arguments(const clang::Stmt& node, const clang::VarDecl& var,
                                                 llvm::SmallPtrSetImpl<const clang::Expr*>* found) {
  unsigned bound = 0;
  each_const_reference_argument(node, [&](const clang::VarDecl& v, const clang::DeclRefExpr& ref) {
    if (&v != &var) return;
    ++bound;
    if (found != nullptr) found->insert(&ref);
  });
  return bound;
}

/// Calls `visit` for each argument of the call or construction `node` that
/// names a variable itself, bound to a `const T&` parameter of the
/// variable's own type: `check(bits)` with `void check(const
/// std::vector<bool>&)`, the copy `std::vector<bool> copy = bits;`.
void UnsafeBuffer::each_const_reference_argument(
    const clang::Stmt& node, llvm::function_ref<void(const clang::VarDecl&, const clang::DeclRefExpr&)> visit) {
  const auto judge = [&](const clang::ParmVarDecl* param, const clang::Expr* arg) {
    if (param == nullptr) return;
    const clang::QualType type = param->getType();
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(bound_expr(arg));
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !is_const_lvalue_reference(type) ||
        !var->getASTContext().hasSameUnqualifiedType(type.getNonReferenceType(), var->getType())) {
      return;
    }
    visit(*var, *ref);
  };
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node)) {
    for (unsigned i = 0; i < call->getNumArgs(); ++i) judge(flow::parameter_of_argument(*call, i), call->getArg(i));
  } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&node)) {
    const clang::CXXConstructorDecl* ctor = construct->getConstructor();
    for (unsigned i = 0; i < construct->getNumArgs() && i < ctor->getNumParams(); ++i) {
      judge(ctor->getParamDecl(i), construct->getArg(i));
    }
  }
}

/// The local `alias` refers to, when it is a reference bound to a local
/// of its own function and of its own type and is only ever read
/// (`int& dataRef = data;` then `int copy = dataRef;`): its reads are reads
/// of that local, and it writes nothing. Else null. Cached.
const clang::VarDecl* UnsafeBuffer::aliased_local(const clang::VarDecl& alias) {
  auto [cached, fresh] = aliased_locals_.try_emplace(&alias, nullptr);
  if (!fresh) return cached->second;
  if (llvm::isa<clang::ParmVarDecl>(alias) || !alias.hasLocalStorage() || !alias.getType()->isLValueReferenceType() ||
      alias.getInit() == nullptr) {
    return nullptr;
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(bound_expr(alias.getInit()));
  const auto* target = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(alias.getParentFunctionOrMethod());
  if (target == nullptr || fn == nullptr || fn->getBody() == nullptr || !target->hasLocalStorage() ||
      target->getType()->isReferenceType() || target->getParentFunctionOrMethod() != fn ||
      !alias.getASTContext().hasSameUnqualifiedType(alias.getType().getNonReferenceType(), target->getType()) ||
      !only_read(fn->getBody(), alias)) {
    return nullptr;
  }
  aliased_locals_[&alias] = target;
  return target;
}

/// Every goto of `body` jumps to the label of the statement right after it.
/// Cached per body: asked once per variable of the function.
bool UnsafeBuffer::only_adjacent_gotos(const clang::Stmt& body) {
  if (const auto found = adjacent_gotos_.find(&body); found != adjacent_gotos_.end()) return found->second;
  unsigned gotos = 0;
  unsigned adjacent = 0;
  flow::contains(&body, [&](const clang::Stmt& s) {
    gotos += llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt>(s);
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(&s)) {
      for (auto it = block->body_begin(); it != block->body_end() && it + 1 != block->body_end(); ++it) {
        const auto* jump = llvm::dyn_cast<clang::GotoStmt>(*it);
        const auto* label = llvm::dyn_cast<clang::LabelStmt>(*(it + 1));
        adjacent += jump != nullptr && label != nullptr && jump->getLabel() == label->getDecl();
      }
    }
    return false;
  });
  return adjacent_gotos_[&body] = gotos == adjacent;
}

}  // namespace meshwa::rules::unsafe_buffer
