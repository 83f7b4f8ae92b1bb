// The walk that accepts a local left without a value at its declaration
// when the statements after it give it one before any read: first_use of one
// statement, first_use_in_sequence of a block, and what they ask of a
// statement (does it leave, jump, assign x whole).
#include "Uninitialized.h"
#include "Flow.h"
#include "TypeUtil.h"

#include <iterator>

namespace meshwa::rules::uninitialized {

bool mentions(const clang::Stmt* s, const clang::VarDecl& var) {
  return flow::contains(s, [&](const clang::Stmt& sub) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
    return ref != nullptr && ref->getDecl() == &var;
  });
}

bool holds_when(const clang::Expr* cond, bool when, const ConditionTest& test, int depth) {
  if (cond == nullptr || depth > 16) return false;
  cond = test.strip(cond);
  if (const std::optional<bool> decided = test.leaf(cond, when)) return *decided;
  if (const clang::Expr* operand = test.other_negation ? test.other_negation(cond) : nullptr) {
    return holds_when(operand, !when, test, depth + 1);
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(cond); op != nullptr && op->getOpcode() == clang::UO_LNot) {
    return holds_when(op->getSubExpr(), !when, test, depth + 1);
  }
  // `a && b` true, `a || b` false: both operands had that value.
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond);
      op != nullptr && ((op->getOpcode() == clang::BO_LAnd && when) || (op->getOpcode() == clang::BO_LOr && !when))) {
    return holds_when(op->getLHS(), when, test, depth + 1) ||
           ((test.read_after_left == nullptr || !mentions(op->getLHS(), *test.read_after_left)) &&
            holds_when(op->getRHS(), when, test, depth + 1));
  }
  return false;
}

/// How many times `var` is named under `s` (lambda bodies included).
unsigned uses_in(const clang::Stmt* s, const clang::VarDecl& var) {
  unsigned count = 0;
  flow::contains(s, [&](const clang::Stmt& sub) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
    if (ref != nullptr && ref->getDecl() == &var) ++count;
    return false;
  });
  return count;
}

UseCounts count_uses(const clang::Stmt* body) {
  UseCounts counts;
  flow::contains(body, [&](const clang::Stmt& sub) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
    if (const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr) ++counts[var];
    return false;
  });
  return counts;
}

/// flow::always_leaves as this rule reads it: a call of a [[noreturn]]
/// function and an if whose branches both leave count too, sixteen levels
/// deep at most (an `else if` chain thousands long).
bool always_leaves(const clang::Stmt* s) {
  return flow::always_leaves(s, flow::Leaving::noreturn_calls | flow::Leaving::both_branches, 16);
}

namespace {

/// `switch (k) { case 4: return 5; default: return -1; }`: a switch with a
/// `default:` whose body has no break (at any depth, conservatively) nor
/// goto or label, and whose last statement always leaves: every label
/// falls through to it, so every way into the switch leaves.
bool switch_always_leaves(const clang::SwitchStmt& choice) {
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(choice.getBody());
  if (body == nullptr || body->body_empty()) return false;
  bool has_default = false;
  for (const clang::SwitchCase* c = choice.getSwitchCaseList(); c != nullptr; c = c->getNextSwitchCase()) {
    has_default = has_default || llvm::isa<clang::DefaultStmt>(c);
  }
  if (!has_default || flow::contains(body, [](const clang::Stmt& sub) {
        return llvm::isa<clang::BreakStmt, clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt>(sub);
      })) {
    return false;
  }
  const clang::Stmt* last = body->body_back();
  while (const auto* label = llvm::dyn_cast_or_null<clang::SwitchCase>(last)) last = label->getSubStmt();
  return always_leaves(last);
}

}  // namespace

/// Can a jump from outside `s` land inside it, past its start: a label (a
/// goto's target), or a case label of a switch that is not itself in `s`
/// (`switch (k) { case 0: if (in >> v) { case 1: use(v); } }`)?
bool has_label_reached_from_outside(const clang::Stmt* s) {
  size_t cases = 0;
  size_t cases_of_inner_switches = 0;
  const bool label = flow::contains(s, [&](const clang::Stmt& sub) {
    if (llvm::isa<clang::SwitchCase>(sub)) ++cases;
    if (const auto* inner = llvm::dyn_cast<clang::SwitchStmt>(&sub)) {
      for (const clang::SwitchCase* c = inner->getSwitchCaseList(); c != nullptr; c = c->getNextSwitchCase()) {
        ++cases_of_inner_switches;
      }
    }
    return llvm::isa<clang::LabelStmt>(sub);
  });
  return label || cases != cases_of_inner_switches;
}

bool has_goto(const clang::Stmt* s) {
  return flow::contains(s, [](const clang::Stmt& sub) { return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt>(sub); });
}

/// `goto source; source: data = 5;` (Juliet's flow variant 18): a label
/// whose only way in, besides falling into it, is the goto right before it
/// (`previous`), with no computed goto or label address in its function.
/// Jumping there is the same as going on: the pair changes nothing.
bool is_fallthrough_label(const clang::Stmt* s, const clang::Stmt* previous) {
  const auto* label = llvm::dyn_cast_or_null<clang::LabelStmt>(s);
  const auto* jump = llvm::dyn_cast_or_null<clang::GotoStmt>(previous);
  if (label == nullptr || jump == nullptr || jump->getLabel() != label->getDecl()) return false;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(label->getDecl()->getDeclContext());
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  unsigned gotos = 0;
  const bool computed = flow::contains(fn->getBody(), [&](const clang::Stmt& sub) {
    if (const auto* other = llvm::dyn_cast<clang::GotoStmt>(&sub); other != nullptr && other->getLabel() == label->getDecl()) {
      ++gotos;
    }
    return llvm::isa<clang::IndirectGotoStmt, clang::AddrLabelExpr>(sub);
  });
  // A label inside the labelled statement (`source: if (c) { again: ... }`)
  // is not this one's business: it stays a label.
  return !computed && gotos == 1 && !has_label_reached_from_outside(label->getSubStmt());
}

bool has_jump_or_label(const clang::Stmt* s) {
  return flow::contains(s, [](const clang::Stmt& sub) {
    return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt, clang::SwitchCase>(sub);
  });
}

/// Does `s` name `var` only as `var.field`, each field one that holds a
/// value already: built by its own constructor (`s.names.push_back(n)`,
/// `p.key.assign(k)`: a std::string or std::vector field) or in `ready`
/// (assigned earlier)? Such a statement reads nothing indeterminate of var.
bool reads_only_ready_fields(const clang::Stmt* s, const clang::VarDecl& var,
                             const llvm::SmallPtrSetImpl<const clang::FieldDecl*>& ready) {
  unsigned through_fields = 0;
  bool all_ready = true;
  flow::contains(s, [&](const clang::Stmt& sub) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(&sub);
    if (member == nullptr || member->isArrow()) return false;
    const auto* base = llvm::dyn_cast<clang::DeclRefExpr>(member->getBase()->IgnoreParenImpCasts());
    if (base == nullptr || base->getDecl() != &var) return false;
    ++through_fields;
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    if (field == nullptr ||
        (ready.count(field) == 0 && default_init_leaves_garbage(field->getType(), var.getASTContext()))) {
      all_ready = false;
    }
    return false;
  });
  return all_ready && through_fields == uses_in(s, var);
}

namespace {

/// `std::tie(a, x) = f();`, f() not mentioning x: a tuple of references,
/// assigned member by member.
bool assigns_through_tie(const Assignment& assignment, const clang::VarDecl& var) {
  const auto tied = std_tie_arguments(assignment.lhs);
  if (!tied || mentions(assignment.rhs, var)) return false;
  return llvm::any_of(*tied, [&](const clang::Expr* arg) {
    const auto* named = llvm::dyn_cast<clang::DeclRefExpr>(arg->IgnoreParenImpCasts());
    return named != nullptr && named->getDecl() == &var;
  });
}

}  // namespace

namespace {

/// `asm("rdpkru" : "=a"(eax), "=d"(edx) : "c"(0));`: an output operand
/// the instruction only writes (`=`, not the read-write `+`), the variable
/// itself, named by no input.
bool asm_writes(const clang::Stmt* s, const clang::VarDecl& var) {
  const auto* code = llvm::dyn_cast_or_null<clang::GCCAsmStmt>(s);
  if (code == nullptr) return false;
  bool written = false;
  for (unsigned i = 0; i < code->getNumOutputs(); ++i) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(code->getOutputExpr(i)->IgnoreParenImpCasts());
    if (ref != nullptr && ref->getDecl() == &var) {
      if (!code->getOutputConstraint(i).starts_with("=")) return false;
      written = true;
    } else if (mentions(code->getOutputExpr(i), var)) {
      return false;
    }
  }
  for (unsigned i = 0; i < code->getNumInputs(); ++i) {
    if (mentions(code->getInputExpr(i), var)) return false;
  }
  return written;
}

/// `__builtin_add_overflow(a, b, &x)` (fast_float's scalar_add: `overflow
/// = __builtin_add_overflow(x, y, &z); return z;`): the builtin writes x
/// whether or not it overflowed; a and b do not name it.
bool checked_arithmetic_writes(const clang::Stmt* s, const clang::VarDecl& var) {
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(s);
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  if (fn == nullptr || call->getNumArgs() != 3 || !is_checked_arithmetic_builtin(*fn)) return false;
  const auto* address = llvm::dyn_cast<clang::UnaryOperator>(call->getArg(2)->IgnoreParenImpCasts());
  const auto* ref = address != nullptr && address->getOpcode() == clang::UO_AddrOf
                        ? llvm::dyn_cast<clang::DeclRefExpr>(address->getSubExpr()->IgnoreParens())
                        : nullptr;
  return ref != nullptr && ref->getDecl() == &var && !mentions(call->getArg(0), var) && !mentions(call->getArg(1), var);
}

}  // namespace

/// `x = e;` of the whole variable, e not mentioning x: a scalar's built-in
/// assignment or a class's defaulted one (an aggregate, a std::array of
/// ints); or `std::tie(..., x, ...) = e;`; or an asm output operand; or
/// clang's checked arithmetic writing its result into x.
bool assigns_whole(const clang::Stmt* s, const clang::VarDecl& var) {
  if (asm_writes(s, var)) return true;
  if (const auto* e = llvm::dyn_cast_or_null<clang::Expr>(s);
      e != nullptr && checked_arithmetic_writes(e->IgnoreImplicit()->IgnoreParens(), var)) {
    return true;
  }
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  if (e == nullptr) return false;
  e = e->IgnoreImplicit()->IgnoreParens();  // also the ExprWithCleanups of `p = Point{1, 2};`
  const std::optional<Assignment> assignment = as_assignment(e);
  if (!assignment) return false;
  if (assigns_through_tie(*assignment, var)) return true;
  if (assignment->overloaded != nullptr) {
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(assignment->overloaded->getDirectCallee());
    // A defaulted operator= assigns member by member and reads nothing of
    // the old value; one of the user's might.
    if (method == nullptr || !(method->isTrivial() || method->isDefaulted())) return false;
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(assignment->lhs->IgnoreParenImpCasts());
  if (ref != nullptr && ref->getDecl() == &var) return !mentions(assignment->rhs, var);
  // `a = b = next();`: the right side is evaluated first, and assigns b.
  return !mentions(assignment->lhs, var) && assigns_whole(assignment->rhs, var);
}

namespace {

/// `a[2] = e;` of a local C array or std::array of scalars `var`, at a
/// constant index within it, e not mentioning var: the index written.
std::optional<uint64_t> assigned_element(const clang::Stmt* s, const clang::VarDecl& var, uint64_t count) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  if (e == nullptr) return std::nullopt;
  const std::optional<Assignment> assignment = as_assignment(e->IgnoreImplicit()->IgnoreParens());
  if (!assignment || assignment->overloaded != nullptr || mentions(assignment->rhs, var)) return std::nullopt;
  const std::optional<Subscript> sub = as_subscript(assignment->lhs->IgnoreParenImpCasts());
  if (!sub) return std::nullopt;
  const auto* base = llvm::dyn_cast<clang::DeclRefExpr>(sub->base->IgnoreParenImpCasts());
  clang::Expr::EvalResult index;
  if (base == nullptr || base->getDecl() != &var || sub->index->isValueDependent() ||
      !sub->index->EvaluateAsInt(index, var.getASTContext()) || index.Val.getInt().isNegative() ||
      index.Val.getInt().getZExtValue() >= count) {
    return std::nullopt;
  }
  return index.Val.getInt().getZExtValue();
}

}  // namespace

namespace {

/// The local references `s` declares, when it declares only references
/// bound to `var` itself (`int& dataRef = data;`); else none.
llvm::SmallVector<const clang::VarDecl*, 2> references_bound_to(const clang::Stmt* s, const clang::VarDecl& var) {
  llvm::SmallVector<const clang::VarDecl*, 2> bound;
  const auto* decls = llvm::dyn_cast<clang::DeclStmt>(s);
  if (decls == nullptr) return bound;
  for (const clang::Decl* d : decls->decls()) {
    const auto* alias = llvm::dyn_cast<clang::VarDecl>(d);
    if (alias == nullptr || !alias->getType()->isLValueReferenceType() || alias->getInit() == nullptr) return {};
    const clang::Expr* init = alias->getInit()->IgnoreParens();
    while (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(init)) {
      if (cast->getCastKind() != clang::CK_NoOp) return {};
      init = cast->getSubExpr()->IgnoreParens();
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(init);
    if (ref == nullptr || ref->getDecl() != &var) return {};
    bound.push_back(alias);
  }
  return bound;
}

}  // namespace

/// The statements of a block, in order, up to the first that decides.
template <class Range>
FirstUse first_use_in_sequence(const Range& stmts, const clang::VarDecl& var, const Walk& walk) {
  llvm::SmallPtrSet<const clang::FieldDecl*, 8> fields;  // `p.x = 1; p.y = 2;`: the fields given a value so far
  // `int a[3]; a[0] = 1; a[1] = 2; a[2] = 3;`: the elements given a value so
  // far, for an array of scalars of at most 64 elements.
  const auto elements = elements_of(var.getType().getNonReferenceType(), walk.ast);
  const bool by_element = elements && elements->first > 0 && elements->first <= 64 && elements->second->isScalarType();
  uint64_t written_elements = 0;
  const clang::Stmt* previous = nullptr;
  llvm::SmallVector<const clang::VarDecl*, 2> aliases;  // references bound to x so far
  for (auto it = stmts.begin(); it != stmts.end(); previous = *it, ++it) {
    const clang::Stmt* s = *it;
    // A reference bound to x is x under another name: named before x has
    // a value, it may read it (or write it): not followed.
    if (llvm::any_of(aliases, [&](const clang::VarDecl* alias) { return mentions(s, *alias); })) return FirstUse::stop;
    // `int& dataRef = data;` reads nothing of x.
    if (const llvm::SmallVector<const clang::VarDecl*, 2> bound = references_bound_to(s, var); !bound.empty()) {
      aliases.append(bound.begin(), bound.end());
      continue;
    }
    // `goto source; source: data = 5;`: the goto goes where the walk goes on.
    if (const auto next = std::next(it); next != stmts.end() && is_fallthrough_label(*next, s)) continue;
    if (is_fallthrough_label(s, previous)) s = llvm::cast<clang::LabelStmt>(s)->getSubStmt();
    if (by_element) {
      if (const std::optional<uint64_t> index = assigned_element(s, var, elements->first)) {
        written_elements |= uint64_t{1} << *index;
        const uint64_t all = elements->first == 64 ? ~uint64_t{0} : (uint64_t{1} << elements->first) - 1;
        if (written_elements == all) return FirstUse::assigned;
        continue;
      }
    }
    if (const std::optional<Charconv> parse = from_chars_into(s, var)) {
      const auto next = std::next(it);
      if (next != stmts.end() && llvm::isa<clang::IfStmt>(*next) &&
          llvm::cast<clang::IfStmt>(*next)->getInit() == nullptr &&
          leaves_unless_parsed(*next, *parse, var, walk.ast)) {
        return FirstUse::assigned;
      }
      // `if (ec == std::errc{}) return x;`, `return ec == std::errc() ? x : d;`
      // (Else the parse is walked as any call: x may have no value after it.)
      if (next != stmts.end()) {
        const std::optional<FirstUse> use = first_use_where_parsed(*s, *next, *parse, var, walk);
        if (use == FirstUse::assigned || use == FirstUse::confined) return *use;
      }
    }
    // `auto [p, ec] = std::to_chars(buf.data(), buf.data() + buf.size(),
    // n);` into a buffer big enough for any n, or followed by `if (ec !=
    // std::errc{}) return ...;`, and only [buf, p) read.
    bool each_tested = false;  // `std::string(buf, ec == std::errc{} ? p : buf)`
    if (const std::optional<ToChars> written = to_chars_into(s, var, walk.ast);
        written && walk.call_depth == 0 && reads_only_written_prefix(var, *s, *written, walk.ast, each_tested)) {
      const auto next = std::next(it);
      if (written->always_fits || each_tested ||
          (next != stmts.end() && llvm::isa<clang::IfStmt>(*next) &&
           llvm::cast<clang::IfStmt>(*next)->getInit() == nullptr &&
           leaves_unless_parsed(*next, written->status, var, walk.ast))) {
        return FirstUse::assigned;
      }
    }
    // `bool ok = parse(s, x); if (!ok) return false;`: the if decides.
    if (const auto next = std::next(it); next != stmts.end()) {
      if (const std::optional<FirstUse> use = first_use_with_stored_result(s, *next, var, walk)) {
        if (*use != FirstUse::none) return *use;
        ++it;  // the if, passed
        continue;
      }
    }
    if (const clang::FieldDecl* field = assigned_field(s, FillTarget{&var, {}}, &fields)) {
      fields.insert(field);
      if (every_field_assigned(var.getType().getNonReferenceType(), fields, walk.ast)) return FirstUse::assigned;
      continue;
    }
    // `read_u32(in, h.magic);`: a callee that gives the field a value.
    if (const clang::FieldDecl* field = field_given_by_call(s, var, walk)) {
      fields.insert(field);
      if (every_field_assigned(var.getType().getNonReferenceType(), fields, walk.ast)) return FirstUse::assigned;
      continue;
    }
    // `s.names.reserve(n); for (...) s.names.push_back(x);` before `s.count =
    // n;`: work on fields that hold a value reads nothing indeterminate.
    if (mentions(s, var) && !has_jump_or_label(s) && reads_only_ready_fields(s, var, fields)) continue;
    // `app.add_option("--port", x)->required(); CLI11_PARSE(app, argc, argv);`
    if (mentions(s, var)) {
      const llvm::SmallVector<const clang::Stmt*, 8> rest(std::next(it), stmts.end());
      if (given_by_required_option(s, rest, var, walk)) return FirstUse::assigned;
    }
    const FirstUse use = first_use(s, var, walk);
    if (use != FirstUse::none) return use;
  }
  return FirstUse::none;
}

/// Two branches joined: a value on both (or one leaves), else undecided.
FirstUse join_branches(FirstUse a, FirstUse b) {
  if (a == FirstUse::stop || b == FirstUse::stop) return FirstUse::stop;
  // Every use is in the confined branch: the other one has none.
  if (a == FirstUse::confined || b == FirstUse::confined) {
    const FirstUse other = a == FirstUse::confined ? b : a;
    return other == FirstUse::none || other == FirstUse::leaves || other == FirstUse::confined ? FirstUse::confined
                                                                                               : FirstUse::stop;
  }
  if (a == FirstUse::leaves) return b;
  if (b == FirstUse::leaves) return a;
  return a == b ? a : FirstUse::stop;  // a value on one path only
}

namespace {

/// Does evaluating `e` write `var` whole (`var = f()`, a built-in
/// assignment whose right side does not name `var`) before anything else
/// in `e` names it, on every evaluation? Followed through what is always
/// evaluated first: `!`, the left operand of `&&`, `||` and `,` (sequenced
/// before the right one), and either operand of a comparison when the
/// other does not name `var` (the two are unsequenced). `f() && (x = g())`
/// may skip the write; `(x = f()) != x` reads x unsequenced: both no.
bool writes_first(const clang::Expr* e, const clang::VarDecl& var, int depth = 0) {
  if (e == nullptr || depth > 16) return false;
  e = e->IgnoreParenImpCasts();
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e)) {
    return op->getOpcode() == clang::UO_LNot && writes_first(op->getSubExpr(), var, depth + 1);
  }
  const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e);
  if (op == nullptr) return false;
  if (op->getOpcode() == clang::BO_Assign) {
    const auto* target = llvm::dyn_cast<clang::DeclRefExpr>(op->getLHS()->IgnoreParenImpCasts());
    return target != nullptr && target->getDecl() == &var && !mentions(op->getRHS(), var);
  }
  if (op->getOpcode() == clang::BO_LAnd || op->getOpcode() == clang::BO_LOr || op->getOpcode() == clang::BO_Comma) {
    return writes_first(op->getLHS(), var, depth + 1) ||
           (op->getOpcode() == clang::BO_Comma && !mentions(op->getLHS(), var) &&
            writes_first(op->getRHS(), var, depth + 1));
  }
  if (op->isComparisonOp()) {
    return (writes_first(op->getLHS(), var, depth + 1) && !mentions(op->getRHS(), var)) ||
           (writes_first(op->getRHS(), var, depth + 1) && !mentions(op->getLHS(), var));
  }
  return false;
}

}  // namespace

FirstUse first_use(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  if (s == nullptr || llvm::isa<clang::NullStmt>(s)) return FirstUse::none;
  // `while ((pos = s.find(c, from)) != npos) { ... }`: the condition runs
  // before the body and before anything after the loop, and it writes x
  // before it reads it (unless a goto enters the body past it).
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s);
      loop != nullptr && loop->getConditionVariable() == nullptr && writes_first(loop->getCond(), var) &&
      !has_label_reached_from_outside(loop)) {
    return FirstUse::assigned;
  }
  // Nesting bound: a generated `else if` chain thousands deep would make the
  // walk deep and (scanning each level's subtree) quadratic. Past it: stop.
  static thread_local int depth = 0;
  if (depth >= 16) return FirstUse::stop;
  struct Nest {
    Nest() { ++depth; }
    ~Nest() { --depth; }
  } nest;
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) return first_use_in_sequence(block->body(), var, walk);
  // `parse(s, x);`, `[&] { x = f(); }();`: the callee's body decides.
  if (const std::optional<FirstUse> use = first_use_by_call(s, var, walk)) return *use;
  // A read from a standard stream tested by the condition: what runs where
  // it succeeded may use x however it likes (gotos and labels included).
  // Likewise a call that writes x when it returns what the condition tests
  // (`if (try_get(k, x)) use(x);`), and past a call that always writes it
  // (`if (!parse(s, x)) return false;`) x holds a value whatever the branch.
  const bool extraction_tested = (llvm::isa<clang::WhileStmt>(s) || llvm::isa<clang::IfStmt>(s)) && mentions(s, var);
  if (extraction_tested && has_label_reached_from_outside(s)) return FirstUse::stop;
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s); loop != nullptr && loop->getConditionVariable() == nullptr) {
    const bool when_true = extracted_when(loop->getCond(), var, true, &walk);
    if (when_true && extracted_when(loop->getCond(), var, false, &walk)) return FirstUse::assigned;
    if (when_true) return first_use_in_extraction_loop(*loop, var, walk);
  }
  // `return std::from_chars(b, e, x).ec == std::errc{} ? std::optional<int>(x)
  // : std::nullopt;`: x read only in the arm where the parse wrote it.
  if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s);
      ret != nullptr && ret->getRetValue() != nullptr && walk.all_uses_in(ret, var)) {
    const clang::ConditionalOperator* pick = returned_choice(ret->getRetValue());
    const std::optional<Charconv> parse = pick != nullptr ? from_chars_tested_in(pick->getCond(), var) : std::nullopt;
    if (parse && reads_only_where_parsed(*pick, ret->getRetValue(), *parse, var, walk.ast)) return FirstUse::confined;
  }
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s);
      branch != nullptr && branch->getInit() == nullptr && branch->getConditionVariable() == nullptr &&
      !branch->isConsteval()) {
    const bool when_true = extracted_when(branch->getCond(), var, true, &walk);
    const bool when_false = extracted_when(branch->getCond(), var, false, &walk);
    if (when_true && when_false) return FirstUse::assigned;
    if (when_true || when_false) return first_use_after_extraction(*branch, when_true, var, walk);
    // `if (std::from_chars(b, e, x).ec != std::errc{}) return;`: the parse
    // in the condition writes x where its test says it succeeded (x named
    // there only as the parse's output).
    if (const std::optional<FirstUse> use = first_use_after_parse_in_condition(*branch, var, walk)) return *use;
  }
  // `if (bool ok = parse(s, x); !ok) return false;`: the init runs first.
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s);
      branch != nullptr && branch->getInit() != nullptr && first_use(branch->getInit(), var, walk) == FirstUse::assigned) {
    return FirstUse::assigned;
  }
  // `if (auto [p, ec] = std::from_chars(b, e, x); ec != std::errc{}) return;`
  if (const auto* check = llvm::dyn_cast<clang::IfStmt>(s); check != nullptr && check->getInit() != nullptr) {
    if (const std::optional<Charconv> parse = from_chars_into(check->getInit(), var);
        parse && leaves_unless_parsed(check, *parse, var, walk.ast)) {
      return FirstUse::assigned;
    }
    // `if (auto [p, ec] = std::from_chars(b, e, x); ec == std::errc{} && p == e) return x;`
    if (const std::optional<Charconv> parse = from_chars_into(check->getInit(), var);
        parse && check->getConditionVariable() == nullptr && !check->isConsteval() &&
        !mentions(check->getCond(), var)) {
      const bool when_true = parse_succeeded_when(check->getCond(), *parse, true, walk.ast);
      if (when_true != parse_succeeded_when(check->getCond(), *parse, false, walk.ast)) {
        return first_use_after_extraction(*check, when_true, var, walk);
      }
    }
  }
  // `if (auto [p, ec] = std::to_chars(buf.data(), buf.data() + buf.size(),
  // x); ec == std::errc{}) use(std::string(buf.data(), p));`: only [buf, p)
  // read, where the call succeeded (or cannot fail).
  if (const auto* check = llvm::dyn_cast<clang::IfStmt>(s);
      check != nullptr && check->getInit() != nullptr && check->getConditionVariable() == nullptr &&
      !check->isConsteval() && walk.call_depth == 0) {
    bool each_tested = false;
    if (const std::optional<ToChars> written = to_chars_into(check->getInit(), var, walk.ast);
        written && reads_only_written_prefix(var, *check->getInit(), *written, walk.ast, each_tested) &&
        (written->always_fits || each_tested || (parse_succeeded_when(check->getCond(), written->status, true, walk.ast) &&
                                  !mentions(check->getCond(), var) && !mentions(check->getElse(), var)))) {
      return FirstUse::assigned;
    }
  }
  if (const FirstUse use = first_use_in_confining_loop(s, var, walk); use != FirstUse::none) return use;
  if (llvm::isa<clang::SwitchStmt, clang::WhileStmt>(s) && mentions(s, var)) {
    return first_use_in_constant_jump(s, var, walk);
  }
  if (const auto* choice = llvm::dyn_cast<clang::SwitchStmt>(s);
      choice != nullptr && !mentions(s, var) && switch_always_leaves(*choice)) {
    return FirstUse::leaves;
  }
  // A switch wholly inside `s` (`if (k == 0) { switch (slot) { ... } }`)
  // is judged where the walk meets it; a goto, or a label or case reached
  // from outside, is not followed.
  if (has_goto(s) || has_label_reached_from_outside(s)) return FirstUse::stop;
  if (assigns_whole(s, var)) return FirstUse::assigned;
  // `lo = 0, hi = n;`: the operands one after the other, as statements.
  if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
    if (const auto* comma = llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreParenImpCasts());
        comma != nullptr && comma->getOpcode() == clang::BO_Comma) {
      const FirstUse first = first_use(comma->getLHS(), var, walk);
      return first != FirstUse::none ? first : first_use(comma->getRHS(), var, walk);
    }
  }
  // `int slow = fast = h();`: another declaration's initialiser assigns it.
  if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s); decl != nullptr && decl->isSingleDecl()) {
    const auto* other = llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl());
    if (other != nullptr && other->getInit() != nullptr && assigns_whole(other->getInit(), var)) {
      return FirstUse::assigned;
    }
  }
  // `for (int i = 0; i < N; ++i) a[i] = f(i);`, `std::fill(...)`, memset.
  if (fills(s, FillTarget{&var, {}}, var.getType().getNonReferenceType(), walk)) return FirstUse::assigned;
  if (const FirstUse use = first_use_in_loop_start(s, var, walk); use != FirstUse::none) return use;
  if (const auto* guarded = llvm::dyn_cast<clang::CXXTryStmt>(s)) return first_use_in_try(*guarded, var, walk);
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
    if (branch->getInit() != nullptr || branch->getConditionVariable() != nullptr || branch->isConsteval() ||
        mentions(branch->getCond(), var)) {
      return mentions(s, var) ? FirstUse::stop : FirstUse::none;
    }
    // Juliet's `if (1)`, `if (STATIC_CONST_TRUE)`: only one branch runs.
    bool value = false;
    const clang::Expr* cond = branch->getCond();
    if (!cond->isValueDependent() && cond->EvaluateAsBooleanCondition(value, walk.ast)) {
      return value ? first_use(branch->getThen(), var, walk) : first_use(branch->getElse(), var, walk);
    }
    // `int x; if (c) { x = f(); use(x); }`: a branch that gives x a value
    // before any read, and no use of x outside the if.
    const bool confining = walk.all_uses_in(s, var);
    // `if (c) { x = 1; return x; } x = 2;`: a branch that gives x a value
    // and then always leaves continues nowhere; what follows the if is
    // reached only from the other branch, as past a branch that just leaves.
    auto branch_use = [&](const clang::Stmt* part) {
      const FirstUse use = first_use(part, var, walk);
      if (confining && use == FirstUse::assigned) return FirstUse::confined;
      return use == FirstUse::assigned && always_leaves(part) ? FirstUse::leaves : use;
    };
    return join_branches(branch_use(branch->getThen()), branch_use(branch->getElse()));
  }
  if (mentions(s, var)) return FirstUse::stop;
  // Out of the variable's scope: the walk never enters loops or switches,
  // so a break or continue seen here leaves the block x lives in.
  if (llvm::isa<clang::ReturnStmt, clang::BreakStmt, clang::ContinueStmt>(s)) return FirstUse::leaves;
  if (const auto* e = llvm::dyn_cast<clang::Expr>(s);
      e != nullptr && llvm::isa<clang::CXXThrowExpr>(e->IgnoreParenImpCasts())) {
    return FirstUse::leaves;
  }
  return FirstUse::none;  // a loop, a declaration, a call: x untouched
}

// Instantiated here for the one range the rule's files hand it (a block's
// statements, whole or from some statement on).
template FirstUse first_use_in_sequence(const llvm::iterator_range<clang::CompoundStmt::const_body_iterator>& stmts,
                                        const clang::VarDecl& var, const Walk& walk);

}  // namespace meshwa::rules::uninitialized
