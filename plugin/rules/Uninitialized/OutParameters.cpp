// Out-parameters and lambdas called at once:
// `int v; if (!parse(text, v)) return false;`, `double d; get_ratio(d);`,
// `int v; [&] { v = compute(); }();`, `auto init = [&](int k) { v = k; };
// init(3);`. The body of the function (or lambda) is walked with the same
// first_use as the local's own block, for its reference parameter (a
// ParmVarDecl is a VarDecl) or, for a lambda, for the captured local itself,
// a few calls deep, and summed up as a CallEffect.
#include "Uninitialized.h"
#include "Annotations.h"
#include "Flow.h"
#include "TypeUtil.h"

#include <iterator>

namespace meshwa::rules::uninitialized {

std::optional<int64_t> constant_value(const clang::Expr* e, clang::ASTContext& ast) {
  clang::Expr::EvalResult value;
  if (e == nullptr || e->isValueDependent() || !e->EvaluateAsInt(value, ast)) return std::nullopt;
  // tryExtValue reads an unsigned value as one (65535 of an unsigned short,
  // not -1), and gives up on one above INT64_MAX.
  return value.Val.getInt().tryExtValue();
}

namespace {

/// Parentheses, implicit casts and full-expression wrappers around `e`.
const clang::Expr* bare(const clang::Expr* e) {
  for (int i = 0; e != nullptr && i < 8; ++i) {
    const clang::Expr* next = e->IgnoreImplicit()->IgnoreParens();
    if (next == e) break;
    e = next;
  }
  return e;
}

/// Does the lambda class `closure` capture `var` by reference (`[&]`, `[&var]`)?
bool captures_by_reference(const clang::CXXRecordDecl* closure, const clang::VarDecl& var) {
  if (closure == nullptr || !closure->isLambda()) return false;
  for (const clang::LambdaCapture& capture : closure->captures()) {
    if (capture.capturesVariable() && capture.getCapturedVar() == &var) {
      return capture.getCaptureKind() == clang::LCK_ByRef;
    }
  }
  return false;
}

/// `var` itself handed on as an lvalue: `var`, `std::forward<T&>(var)` (a
/// forwarding reference deduced as `T&`), `static_cast<T&>(var)`.
bool is_var_passed_on(const clang::Expr* arg, const clang::VarDecl& var) {
  arg = bare(arg);
  if (const auto* ref = llvm::dyn_cast_or_null<clang::DeclRefExpr>(arg)) return ref->getDecl() == &var;
  if (const auto* cast = llvm::dyn_cast_or_null<clang::CXXStaticCastExpr>(arg)) {
    return cast->getTypeAsWritten()->isLValueReferenceType() && is_var_passed_on(cast->getSubExpr(), var);
  }
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(arg);
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  return fn != nullptr && call->getNumArgs() == 1 && fn->isInStdNamespace() && fn->getIdentifier() != nullptr &&
         fn->getName() == "forward" && call->isLValue() && is_var_passed_on(call->getArg(0), var);
}

/// `set_sizes(e.begin(), e.end())` in a template never instantiated here:
/// a call of a local generic lambda that captures var by reference, left
/// unresolved by its dependent arguments. Its call operator's pattern is
/// what runs, whatever the arguments' types turn out to be.
std::optional<OutCall> unresolved_local_lambda_call(const clang::CallExpr& call, const clang::VarDecl& var) {
  const auto* holder = llvm::dyn_cast<clang::DeclRefExpr>(bare(call.getCallee()));
  const auto* holder_var = holder != nullptr ? llvm::dyn_cast<clang::VarDecl>(holder->getDecl()) : nullptr;
  if (holder_var == nullptr || holder_var == &var || !holder_var->hasLocalStorage() ||
      llvm::isa<clang::ParmVarDecl>(holder_var) || holder_var->getType()->isReferenceType() ||
      holder_var->getInit() == nullptr) {
    return std::nullopt;
  }
  const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(bare(holder_var->getInit()));
  if (lambda == nullptr || !captures_by_reference(lambda->getLambdaClass(), var)) return std::nullopt;
  for (const clang::Expr* arg : call.arguments()) {
    if (mentions(arg, var)) return std::nullopt;
  }
  return OutCall{&call, lambda->getCallOperator(), std::nullopt};
}

std::optional<OutCall> out_call(const clang::Expr* e, const clang::VarDecl& var, clang::ASTContext& ast) {
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(bare(e));
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  if (fn == nullptr) return call != nullptr ? unresolved_local_lambda_call(*call, var) : std::nullopt;
  // A function object's call operator (`nlohmann::from_json(j, val)`, a
  // niebloid, or a lambda handed var as an argument): its arguments after
  // the object are its parameters.
  unsigned first_arg = 0;
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call)) {
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(fn);
    if (op->getOperator() != clang::OO_Call || op->getNumArgs() == 0 || method == nullptr) return std::nullopt;
    if (!captures_by_reference(method->getParent(), var)) {
      if (method->isStatic() || mentions(op->getArg(0), var)) return std::nullopt;
      first_arg = 1;
    }
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call); op != nullptr && first_arg == 0) {
    // `[&] { var = f(); }()`, `init(3)`: the lambda itself, or a local holding it.
    // A static one was made (capturing that variable) in the first call of
    // the function only.
    const clang::Expr* object = bare(op->getArg(0));
    const auto* holder = llvm::dyn_cast<clang::DeclRefExpr>(object);
    const auto* holder_var = holder != nullptr ? llvm::dyn_cast<clang::VarDecl>(holder->getDecl()) : nullptr;
    const bool local_holder = holder_var != nullptr && holder_var != &var && holder_var->hasLocalStorage() &&
                              !llvm::isa<clang::ParmVarDecl>(holder_var);
    if (!llvm::isa<clang::LambdaExpr>(object) && !local_holder) return std::nullopt;
    for (unsigned i = 1; i < op->getNumArgs(); ++i) {
      if (mentions(op->getArg(i), var)) return std::nullopt;
    }
    return OutCall{call, fn, std::nullopt};
  }
  if (mentions(call->getCallee(), var)) return std::nullopt;  // `var.f()`, `fns[var](x)`
  std::optional<unsigned> index;
  for (unsigned i = first_arg; i < call->getNumArgs(); ++i) {
    if (!index && is_var_passed_on(call->getArg(i), var)) {
      index = i - first_arg;
    } else if (mentions(call->getArg(i), var)) {
      return std::nullopt;
    }
  }
  if (!index || *index >= fn->getNumParams()) return std::nullopt;
  const clang::QualType type = fn->getParamDecl(*index)->getType();
  if (!type->isLValueReferenceType() || type->getPointeeType().isConstQualified() ||
      !ast.hasSameUnqualifiedType(type->getPointeeType(), var.getType().getNonReferenceType())) {
    return std::nullopt;
  }
  return OutCall{call, fn, index};
}

namespace out_param {

/// The paths through a statement that start with the variable holding no
/// value (paths on which it has one are done: whatever follows may read it).
struct Paths {
  bool read = false;   // may read it first (or the walk cannot tell)
  bool falls = false;  // may complete without giving it a value
  bool other = false;  // may return without giving it a value, a value that is no constant
  llvm::SmallVector<int64_t, 2> unwritten;  // constants returned without giving it a value
  clang::SourceLocation where;               // the read, or the first return without a value

  void add_exits(const Paths& more) {
    read = read || more.read;
    other = other || more.other;
    unwritten.append(more.unwritten.begin(), more.unwritten.end());
    if (where.isInvalid()) where = more.where;
  }
};

Paths written() { return {}; }

Paths falls_through() {
  Paths p;
  p.falls = true;
  return p;
}

/// The first place `var` is named under `s`, in the order of the source.
clang::SourceLocation first_mention(const clang::Stmt* s, const clang::VarDecl& var) {
  clang::SourceLocation first;
  const clang::SourceManager& sources = var.getASTContext().getSourceManager();
  flow::contains(s, [&](const clang::Stmt& sub) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
    if (ref != nullptr && ref->getDecl() == &var &&
        (first.isInvalid() || sources.isBeforeInTranslationUnit(ref->getExprLoc(), first))) {
      first = ref->getExprLoc();
    }
    return false;
  });
  return first.isValid() ? first : s->getBeginLoc();
}

Paths reads(const clang::Stmt* s, const clang::VarDecl& var) {
  Paths p;
  p.read = true;
  p.where = first_mention(s, var);
  return p;
}

/// A return reached without a value given: what it returns.
Paths returns_unwritten(const clang::ReturnStmt& ret, clang::ASTContext& ast) {
  Paths p;
  if (const std::optional<int64_t> value = constant_value(ret.getRetValue(), ast)) {
    p.unwritten.push_back(*value);
  } else {
    p.other = true;
  }
  p.where = ret.getBeginLoc();
  return p;
}

/// The returns under `s` (not those of lambdas in it), each reached
/// without a value given; one naming var may read it.
Paths returns_in(const clang::Stmt* s, const clang::VarDecl& var, clang::ASTContext& ast) {
  Paths p;
  llvm::SmallVector<const clang::Stmt*, 32> pending{s};
  while (!pending.empty()) {
    const clang::Stmt* sub = pending.pop_back_val();
    if (sub == nullptr || llvm::isa<clang::LambdaExpr>(sub)) continue;
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(sub)) {
      p.add_exits(mentions(ret, var) ? reads(ret, var) : returns_unwritten(*ret, ast));
      continue;
    }
    for (const clang::Stmt* child : sub->children()) pending.push_back(child);
  }
  return p;
}

/// `throw e;`, a call of a [[noreturn]] function: the caller does not go on.
bool ends_abruptly(const clang::Stmt* s) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  return e != nullptr && always_leaves(e);
}

Paths paths(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk, int depth);

/// `return parse_digits(s, out);`, `return static_cast<bool>(in >> out);`
/// (written when it is true), `return ec == std::errc{};` after a
/// from_chars: the value returned tells whether var was written.
Paths returned(const clang::ReturnStmt& ret, const clang::VarDecl& var, const Walk& walk) {
  const clang::Expr* value = ret.getRetValue();
  if (value == nullptr || !mentions(value, var)) return returns_unwritten(ret, walk.ast);
  // `return parse_status(s, out);` returning what that returns: its values.
  if (const std::optional<OutCall> call = out_call(value, var, walk.ast);
      call && walk.calls != nullptr && walk.ast.hasSameUnqualifiedType(value->getType(), call->call->getType())) {
    const CallEffect effect = walk.calls->effect(*call, var, walk);
    if (effect.kind == CallEffect::Kind::writes) return written();
    if (effect.kind == CallEffect::Kind::writes_unless) {
      Paths p;
      p.unwritten = effect.unwritten;
      p.where = ret.getBeginLoc();
      return p;
    }
  }
  const bool when_true = extracted_when(value, var, true, &walk);
  const bool when_false = extracted_when(value, var, false, &walk);
  if (when_true && when_false) return written();
  Paths p;
  p.where = ret.getBeginLoc();
  if (when_true && value->getType()->isIntegralOrEnumerationType()) {
    p.unwritten.push_back(0);  // written unless it returns false (0)
  } else if (when_false && value->getType()->isBooleanType()) {
    p.unwritten.push_back(1);
  } else {
    return reads(&ret, var);
  }
  return p;
}

/// `if (c) { out = x; return true; }`: each branch from here; a condition
/// that writes var (`if (!parse_digits(s, out)) return false;`) leaves only
/// the branch taken when it did not to walk.
Paths through_if(const clang::IfStmt& branch, const clang::VarDecl& var, const Walk& walk, int depth) {
  const clang::Expr* cond = branch.getCond();
  if (mentions(cond, var)) {
    const bool when_true = branch.getConditionVariable() == nullptr && extracted_when(cond, var, true, &walk);
    const bool when_false = branch.getConditionVariable() == nullptr && extracted_when(cond, var, false, &walk);
    if (when_true && when_false) return written();
    if (!when_true && !when_false) return reads(&branch, var);
    return paths(when_true ? branch.getElse() : branch.getThen(), var, walk, depth + 1);
  }
  bool value = false;
  if (!cond->isValueDependent() && cond->EvaluateAsBooleanCondition(value, walk.ast) && !branch.isConsteval()) {
    return paths(value ? branch.getThen() : branch.getElse(), var, walk, depth + 1);
  }
  Paths then_paths = paths(branch.getThen(), var, walk, depth + 1);
  const Paths else_paths = paths(branch.getElse(), var, walk, depth + 1);
  then_paths.add_exits(else_paths);
  then_paths.falls = then_paths.falls || else_paths.falls;
  return then_paths;
}

/// `auto [p, ec] = std::from_chars(b, e, out);` followed by `if (ec !=
/// std::errc{}) return false;` or `return ec == std::errc{};`.
std::optional<Paths> after_from_chars(const Charconv& parse, const clang::Stmt* next, const clang::VarDecl& var,
                                      const Walk& walk) {
  if (const auto* check = llvm::dyn_cast_or_null<clang::IfStmt>(next);
      check != nullptr && check->getInit() == nullptr && leaves_unless_parsed(check, parse, var, walk.ast)) {
    Paths p = returns_in(check->getThen(), var, walk.ast);
    return p;
  }
  const auto* ret = llvm::dyn_cast_or_null<clang::ReturnStmt>(next);
  if (ret != nullptr && ret->getRetValue() != nullptr && !mentions(ret->getRetValue(), var) &&
      parse_succeeded_when(ret->getRetValue(), parse, true, walk.ast)) {
    Paths p;
    p.unwritten.push_back(0);
    p.where = ret->getBeginLoc();
    return p;
  }
  return std::nullopt;
}

/// Does `s` hold a break of the switch around it (not one of a loop or
/// switch inside `s`)?
bool breaks_out(const clang::Stmt* s) {
  if (s == nullptr) return false;
  if (llvm::isa<clang::BreakStmt>(s)) return true;
  if (llvm::isa<clang::SwitchStmt, clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt,
                clang::LambdaExpr>(s)) {
    return false;
  }
  return llvm::any_of(s->children(), [](const clang::Stmt* child) { return breaks_out(child); });
}

/// Statements in turn (a block's, or a switch case's from its label on), as
/// long as a path without a value goes on; fields given one by one count as
/// in first_use_in_sequence. `ends_at_break`: a break among them (a
/// switch's) ends the walk there, leaving without a value.
Paths through_sequence(llvm::ArrayRef<const clang::Stmt*> statements, const clang::VarDecl& var, const Walk& walk,
                       int depth, bool ends_at_break = false) {
  Paths result;
  llvm::SmallPtrSet<const clang::FieldDecl*, 8> fields;
  const clang::QualType type = var.getType().getNonReferenceType();
  for (auto it = statements.begin(); it != statements.end(); ++it) {
    const clang::Stmt* part = *it;
    if (ends_at_break && llvm::isa<clang::BreakStmt>(part)) {
      result.falls = true;
      return result;
    }
    if (const std::optional<Charconv> parse = from_chars_into(part, var)) {
      const clang::Stmt* next = std::next(it) != statements.end() ? *std::next(it) : nullptr;
      if (const std::optional<Paths> after = after_from_chars(*parse, next, var, walk)) {
        result.add_exits(*after);
        return result;
      }
    }
    const clang::FieldDecl* field = assigned_field(part, FillTarget{&var, {}}, &fields);
    if (field == nullptr) field = field_given_by_call(part, var, walk);
    if (field != nullptr) {
      fields.insert(field);
      if (every_field_assigned(type, fields, walk.ast)) return result;
      continue;
    }
    // Work on fields that hold a value (returns there leave without one).
    if (mentions(part, var) && !has_jump_or_label(part) && reads_only_ready_fields(part, var, fields)) {
      result.add_exits(returns_in(part, var, walk.ast));
      if (result.read) return result;
      continue;
    }
    const Paths step = paths(part, var, walk, depth + 1);
    result.add_exits(step);
    if (result.read || !step.falls) return result;
    // A break deeper down (`if (c) break;`) leaves the switch without a
    // value, whatever the statements after it do.
    if (ends_at_break && breaks_out(part)) result.falls = true;
  }
  result.falls = true;
  return result;
}

/// A block: its statements in turn.
Paths through_block(const clang::CompoundStmt& block, const clang::VarDecl& var, const Walk& walk, int depth) {
  const llvm::SmallVector<const clang::Stmt*, 16> statements(block.body_begin(), block.body_end());
  return through_sequence(statements, var, walk, depth);
}

/// `switch (kind(j)) { case A: { out = a(j); break; } ... default: throw
/// ...; }` (a library's parser over the kinds of a value): each case from
/// its label on, through the cases it falls into, up to a break; without a
/// default (or a label for every enumerator, as first_use_in_every_case
/// trusts), no case may be taken at all. At most 64 statements, which
/// bounds the walk from each label.
std::optional<Paths> through_switch(const clang::SwitchStmt& choice, const clang::VarDecl& var, const Walk& walk,
                                    int depth) {
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(choice.getBody());
  if (body == nullptr || choice.getInit() != nullptr || choice.getConditionVariable() != nullptr ||
      mentions(choice.getCond(), var)) {
    return std::nullopt;
  }
  // The statements as the cases run them: a label's own statement (under
  // `case A: case B:`), a block right after a label opened up.
  llvm::SmallVector<const clang::Stmt*, 32> flat;
  llvm::SmallVector<std::size_t, 8> entries;
  bool has_default = false;
  for (const clang::Stmt* part : body->body()) {
    bool labelled = false;
    while (const auto* label = llvm::dyn_cast<clang::SwitchCase>(part)) {
      has_default = has_default || llvm::isa<clang::DefaultStmt>(label);
      labelled = true;
      part = label->getSubStmt();
    }
    if (labelled) entries.push_back(flat.size());
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(part); block != nullptr && labelled) {
      if (llvm::any_of(block->body(), [](const clang::Stmt* inner) { return llvm::isa<clang::SwitchCase>(inner); })) {
        return std::nullopt;  // a label inside the block: Duff's device
      }
      flat.append(block->body_begin(), block->body_end());
    } else {
      flat.push_back(part);
    }
  }
  constexpr std::size_t kMaxStatements = 64;
  if (flat.size() > kMaxStatements) return std::nullopt;
  if (llvm::any_of(flat, [](const clang::Stmt* part) {
        return flow::contains(part, [](const clang::Stmt& sub) { return llvm::isa<clang::SwitchCase>(sub); });
      })) {
    return std::nullopt;  // a case label deeper down
  }
  Paths result;
  result.falls = !(has_default || choice.isAllEnumCasesCovered());
  for (const std::size_t entry : entries) {
    const Paths one = through_sequence(llvm::ArrayRef(flat).drop_front(entry), var, walk, depth, true);
    result.add_exits(one);
    result.falls = result.falls || one.falls;
    if (result.read) return result;
  }
  return result;
}

/// A loop: the body is walked once from the start without a value (a later
/// iteration starts with one or without, and without is the same walk);
/// the loop may end without one. One that writes var whole before any
/// read, as first_use judges it (`for (int i = 0; i < N; ++i) out[i] =
/// 0;`), with no return inside, writes it.
std::optional<Paths> through_loop(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk, int depth) {
  const std::optional<LoopParts> parts = loop_parts(s);
  if (!parts) return std::nullopt;
  const clang::Stmt* body = parts->body;
  const llvm::SmallVector<const clang::Stmt*, 4>& header = parts->header;
  if (llvm::any_of(header, [&](const clang::Stmt* part) { return mentions(part, var); })) return std::nullopt;
  Paths p = paths(body, var, walk, depth + 1);
  p.falls = !p.read;
  return p;
}

/// Any other statement: one that does not name var lets a path go on (its
/// returns, `exits`, leave without a value); one that does is judged by
/// first_use (`use`).
Paths through_statement(const clang::Stmt* s, const clang::VarDecl& var, bool named, FirstUse use, Paths exits) {
  if (exits.read) return exits;
  if (!named) {
    exits.falls = !ends_abruptly(s);
    return exits;
  }
  switch (use) {
    case FirstUse::assigned:
      return exits;
    case FirstUse::confined:
    case FirstUse::none:
    case FirstUse::leaves:  // a break may leave a loop around it without a value
      exits.falls = true;
      return exits;
    case FirstUse::stop:
      break;
  }
  return reads(s, var);
}

Paths paths(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk, int depth) {
  if (s == nullptr || llvm::isa<clang::NullStmt>(s)) return falls_through();
  constexpr int kMaxNesting = 16;
  if (depth > kMaxNesting) return reads(s, var);
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) return through_block(*block, var, walk, depth);
  if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) return returned(*ret, var, walk);
  // A break or continue goes on without a value past the loop, or into its
  // next iteration: the loop's walk counts both.
  if (llvm::isa<clang::BreakStmt, clang::ContinueStmt>(s)) return falls_through();
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
    // `if (auto it = m.find(k); it != m.end())`: the init first.
    const bool plain_head = !mentions(branch->getInit(), var) && !mentions(branch->getConditionVariableDeclStmt(), var);
    if (plain_head && !branch->isConsteval()) {
      Paths p = returns_in(branch->getInit(), var, walk.ast);
      if (p.read) return p;
      const Paths rest = through_if(*branch, var, walk, depth);
      p.add_exits(rest);
      p.falls = rest.falls;
      return p;
    }
  }
  if (const auto* choice = llvm::dyn_cast<clang::SwitchStmt>(s); choice != nullptr && mentions(s, var)) {
    if (const std::optional<Paths> p = through_switch(*choice, var, walk, depth)) return *p;
  }
  const bool named = mentions(s, var);
  const FirstUse use = named ? first_use(s, var, walk) : FirstUse::none;
  Paths exits = returns_in(s, var, walk.ast);
  // `for (int i = 0; i < N; ++i) out[i] = 0;`: written whole, as first_use
  // judges it, with no return on the way.
  if (use == FirstUse::assigned && !exits.read && !exits.other && exits.unwritten.empty()) return written();
  if (const std::optional<Paths> p = through_loop(s, var, walk, depth)) return *p;
  return through_statement(s, var, named, use, std::move(exits));
}

/// What a body does with `as` from its start, summed up.
CallEffect summarise(const clang::FunctionDecl& def, const clang::VarDecl& as, const Walk& walk) {
  CallEffect effect;
  effect.fn = &def;
  effect.as = &as;
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(def.getBody());
  // A goto could jump past a write the walk counted.
  if (body == nullptr || flow::contains(body, [](const clang::Stmt& sub) {
        return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt>(sub);
      })) {
    effect.kind = CallEffect::Kind::not_followed;
    return effect;
  }
  Paths p = paths(body, as, walk, 0);
  effect.where = p.where;
  if (p.read) {
    effect.kind = CallEffect::Kind::may_read;
    return effect;
  }
  if (p.falls) {  // off the end
    p.other = true;
    if (effect.where.isInvalid()) effect.where = body->getRBracLoc();
  }
  if (p.other) {
    effect.kind = CallEffect::Kind::may_skip;
  } else if (p.unwritten.empty()) {
    effect.kind = CallEffect::Kind::writes;
  } else {
    effect.kind = CallEffect::Kind::writes_unless;
    effect.unwritten = p.unwritten;
  }
  return effect;
}

}  // namespace out_param

}  // namespace

CallEffect CallLookInto::body_effect(const clang::FunctionDecl& def, const clang::VarDecl& as, const Walk& walk) {
  CallEffect deep;
  deep.kind = CallEffect::Kind::not_followed;
  deep.fn = &def;
  deep.as = &as;
  if (walk.call_depth >= kMaxCallDepthForOutParameters) return deep;
  // By depth too: what is found deeper down sees fewer calls below it.
  const auto key = std::make_tuple(&def, &as, walk.call_depth);
  if (auto it = effects_.find(key); it != effects_.end()) return it->second;
  // A recursive call is one deeper each time: kMaxCallDepthForOutParameters ends it.
  const UseCounts& uses = uses_.try_emplace(def.getBody(), count_uses(def.getBody())).first->second;
  const Walk inner{walk.ast, uses, this, walk.call_depth + 1};
  CallEffect effect = out_param::summarise(def, as, inner);
  effects_[key] = effect;
  return effect;
}

CallEffect CallLookInto::effect(const OutCall& call, const clang::VarDecl& var, const Walk& walk) {
  const clang::FunctionDecl* def = definition_with_body(call.callee);
  if (def == nullptr || def->isDeleted() || def->isDefaulted() || def->getBody() == nullptr) {
    CallEffect effect;
    effect.fn = call.callee;
    effect.where = call.call->getExprLoc();
    // Defined in another file (a user's function, or a pure virtual one),
    // trusted as constructors defined elsewhere are: clang's
    // -Wuninitialized takes such a call for a write too. A library's
    // function whose body is not visible is not: the standard's own
    // reference out-parameters of numbers (std::from_chars of a double,
    // istream::get(char&)) write only on success.
    effect.kind = code_.contains(call.callee->getLocation()) ? CallEffect::Kind::writes : CallEffect::Kind::opaque;
    return effect;
  }
  const clang::VarDecl& as = call.param ? *def->getParamDecl(*call.param) : var;
  return body_effect(*def, as, walk);
}

CallEffect CallLookInto::lambda_effect(const clang::LambdaExpr& lambda, const clang::VarDecl& var, const Walk& walk) {
  const clang::FunctionDecl* def = definition_with_body(lambda.getCallOperator());
  if (def == nullptr) return {};
  return body_effect(*def, var, walk);
}

namespace {

/// Is `value`, what the call returned, compared by `cond` (`f(v)`, `f(v) ==
/// 0`, `0 != f(v)`, `f(v) < 0`) so that `cond` has the value `when`?
/// nullopt when `cond` is no such test of `call`.
std::optional<bool> test_holds(const clang::Expr* cond, const clang::Expr* call, int64_t value, bool when,
                               clang::ASTContext& ast) {
  cond = bare(cond);
  if (cond == bare(call)) return (value != 0) == when;
  const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(cond);
  if (cmp == nullptr || !cmp->isComparisonOp()) return std::nullopt;
  clang::BinaryOperatorKind op = cmp->getOpcode();
  std::optional<int64_t> constant;
  if (bare(cmp->getLHS()) == bare(call)) {
    constant = constant_value(cmp->getRHS(), ast);
  } else if (bare(cmp->getRHS()) == bare(call)) {
    constant = constant_value(cmp->getLHS(), ast);
    op = clang::BinaryOperator::reverseComparisonOp(op);
  }
  if (!constant) return std::nullopt;
  bool holds = false;
  switch (op) {
    case clang::BO_EQ: holds = value == *constant; break;
    case clang::BO_NE: holds = value != *constant; break;
    case clang::BO_LT: holds = value < *constant; break;
    case clang::BO_LE: holds = value <= *constant; break;
    case clang::BO_GT: holds = value > *constant; break;
    case clang::BO_GE: holds = value >= *constant; break;
    default: return std::nullopt;
  }
  return holds == when;
}

/// The call `cond` tests (`f(v)`, `f(v) == 0`), if it is one.
const clang::Expr* tested_call(const clang::Expr* cond) {
  cond = bare(cond);
  if (const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(cond); cmp != nullptr && cmp->isComparisonOp()) {
    return llvm::isa<clang::CallExpr>(bare(cmp->getLHS())) ? cmp->getLHS() : cmp->getRHS();
  }
  return cond;
}

}  // namespace

bool call_writes_when(const clang::Expr* cond, const clang::VarDecl& var, bool when, const Walk& walk) {
  if (walk.calls == nullptr) return false;
  const clang::Expr* tested = tested_call(cond);
  // `get(v) == v` may read v before the call: the operands are unsequenced.
  if (uses_in(cond, var) != uses_in(tested, var)) return false;
  const std::optional<OutCall> call = out_call(tested, var, walk.ast);
  if (!call) return false;
  const CallEffect effect = walk.calls->effect(*call, var, walk);
  if (effect.kind == CallEffect::Kind::writes) return true;
  if (effect.kind != CallEffect::Kind::writes_unless) {
    walk.calls->blame(var, call->call, effect, walk);
    return false;
  }
  // Where the test has the value `when`, it returned none of the values it
  // returns without writing.
  return llvm::all_of(effect.unwritten, [&](int64_t value) {
    const std::optional<bool> holds = test_holds(cond, tested, value, when, walk.ast);
    return holds && !*holds;
  });
}

namespace {

/// The call a statement makes whose result is dropped or stored: `f(x);`,
/// `(void)f(x);`, `ok = f(x);` (ok not being `var`).
const clang::Expr* called_in_statement(const clang::Expr* e, const clang::VarDecl& var) {
  e = bare(e);
  if (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(e); cast != nullptr && cast->getCastKind() == clang::CK_ToVoid) {
    return cast->getSubExpr();
  }
  if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(e);
      assign != nullptr && assign->getOpcode() == clang::BO_Assign && !mentions(assign->getLHS(), var)) {
    return assign->getRHS();
  }
  return e;
}

}  // namespace

/// `read_u32(in, h.magic);`: a call handing a field of var to a non-const
/// reference parameter of the field's type, nothing else in it naming var,
/// whose body gives the parameter a value on every path: that field.
const clang::FieldDecl* field_given_by_call(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  const auto* statement = llvm::dyn_cast<clang::Expr>(s);
  if (walk.calls == nullptr || statement == nullptr) return nullptr;
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(bare(called_in_statement(statement, var)));
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  if (fn == nullptr || llvm::isa<clang::CXXOperatorCallExpr>(call) || mentions(call->getCallee(), var)) return nullptr;
  const clang::FieldDecl* field = nullptr;
  std::optional<unsigned> index;
  for (unsigned i = 0; i < call->getNumArgs(); ++i) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(call->getArg(i)->IgnoreParens());
    const auto* base = member != nullptr && !member->isArrow()
                           ? llvm::dyn_cast<clang::DeclRefExpr>(member->getBase()->IgnoreParenImpCasts())
                           : nullptr;
    if (base != nullptr && base->getDecl() == &var && !index) {
      field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
      index = i;
    } else if (mentions(call->getArg(i), var)) {
      return nullptr;
    }
  }
  if (field == nullptr || !index || *index >= fn->getNumParams()) return nullptr;
  const clang::QualType type = fn->getParamDecl(*index)->getType();
  if (!type->isLValueReferenceType() || type->getPointeeType().isConstQualified() ||
      !walk.ast.hasSameUnqualifiedType(type->getPointeeType(), field->getType())) {
    return nullptr;
  }
  const CallEffect effect = walk.calls->effect(OutCall{call, fn, index}, var, walk);
  if (effect.kind == CallEffect::Kind::writes) return field;
  walk.calls->blame(var, call, effect, walk);
  return nullptr;
}

namespace {

/// The side of `cond` (`ok`, `rc != 0`) that names `holder`, if it is such a
/// test.
const clang::Expr* holder_tested(const clang::Expr* cond, const clang::VarDecl& holder) {
  auto names_holder = [&](const clang::Expr* e) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(bare(e));
    return ref != nullptr && ref->getDecl() == &holder ? ref : nullptr;
  };
  cond = bare(cond);
  if (const auto* ref = names_holder(cond)) return ref;
  const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(cond);
  if (cmp == nullptr || !cmp->isComparisonOp()) return nullptr;
  if (const auto* ref = names_holder(cmp->getLHS())) return ref;
  return names_holder(cmp->getRHS());
}

/// Does `cond` having the value `when` mean the call whose value `holder`
/// keeps wrote x (`!ok` false, `rc == 0` true, `!ok || x < 0` false)? As
/// extracted_when, x read in the condition only past that test.
bool stored_result_written_when(const clang::Expr* cond, const clang::VarDecl& holder, const CallEffect& effect,
                                const clang::VarDecl& var, bool when, clang::ASTContext& ast) {
  const auto says_written = [&](const clang::Expr* e, bool value) -> std::optional<bool> {
    const clang::Expr* tested = holder_tested(e, holder);
    if (tested == nullptr || mentions(e, var)) return std::nullopt;
    return llvm::all_of(effect.unwritten, [&](int64_t returned) {
      const std::optional<bool> holds = test_holds(e, tested, returned, value, ast);
      return holds && !*holds;
    });
  };
  return holds_when(cond, when, ConditionTest{bare, says_written, nullptr, &var});
}

}  // namespace

/// `bool ok = parse(s, x);` (or `const int rc = status(x);`, the local of
/// the call's own type) whose callee writes x unless it returns some
/// constants, followed by an `if` testing that local as the call itself
/// could be tested (`if (!ok) return false;`): what the if does with x, as
/// for `if (!parse(s, x)) return false;`. nullopt: no such pair.
std::optional<FirstUse> first_use_with_stored_result(const clang::Stmt* s, const clang::Stmt* next,
                                                     const clang::VarDecl& var, const Walk& walk) {
  const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s);
  const auto* branch = llvm::dyn_cast_or_null<clang::IfStmt>(next);
  if (walk.calls == nullptr || decl == nullptr || !decl->isSingleDecl() || branch == nullptr ||
      branch->getInit() != nullptr || branch->getConditionVariable() != nullptr || branch->isConsteval()) {
    return std::nullopt;
  }
  const auto* holder = llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl());
  if (holder == nullptr || holder->getInit() == nullptr || holder->getType()->isReferenceType()) return std::nullopt;
  const std::optional<OutCall> call = out_call(holder->getInit(), var, walk.ast);
  if (!call || !walk.ast.hasSameUnqualifiedType(holder->getType(), call->call->getType())) return std::nullopt;
  const CallEffect effect = walk.calls->effect(*call, var, walk);
  if (effect.kind != CallEffect::Kind::writes_unless || has_label_reached_from_outside(branch)) return std::nullopt;
  for (const bool when : {true, false}) {
    if (stored_result_written_when(branch->getCond(), *holder, effect, var, when, walk.ast)) {
      return first_use_after_extraction(*branch, when, var, walk, s);
    }
  }
  return std::nullopt;
}

/// `parse(s, x);`, `ok = parse(s, x);`, `bool ok = parse(s, x);`,
/// `(void)parse(s, x);`, `[&] { x = f(); }();`: assigned when the callee
/// gives x a value on every path. `auto init = [&](int k) { x = k; };`: a
/// lambda that never reads x before giving it a value reads nothing where
/// it is made, wherever it is called (none, and the walk goes on).
/// nullopt: not decided here (no such statement, or a callee that may
/// leave x without a value: the rest of first_use judges it).
std::optional<FirstUse> first_use_by_call(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  if (walk.calls == nullptr) return std::nullopt;
  const clang::Expr* e = nullptr;
  if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s)) {
    const auto* holder = decl->isSingleDecl() ? llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl()) : nullptr;
    if (holder == nullptr || holder->getInit() == nullptr) return std::nullopt;
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(bare(holder->getInit()))) {
      if (!captures_by_reference(lambda->getLambdaClass(), var)) return std::nullopt;
      const CallEffect effect = walk.calls->lambda_effect(*lambda, var, walk);
      if (effect.kind == CallEffect::Kind::may_read || effect.kind == CallEffect::Kind::not_followed) {
        walk.calls->blame(var, nullptr, effect, walk);
        return std::nullopt;
      }
      return FirstUse::none;
    }
    e = holder->getInit();
  } else if (const auto* statement = llvm::dyn_cast<clang::Expr>(s)) {
    e = called_in_statement(statement, var);
  } else if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) {
    e = ret->getRetValue();
  }
  const std::optional<OutCall> call = out_call(e, var, walk.ast);
  if (!call) return std::nullopt;
  const CallEffect effect = walk.calls->effect(*call, var, walk);
  if (effect.kind == CallEffect::Kind::writes) return FirstUse::assigned;
  // `bool ok = parse(s, x);` and x named nowhere else: nothing reads it.
  const bool reads_nothing = effect.kind == CallEffect::Kind::writes_unless || effect.kind == CallEffect::Kind::may_skip;
  if (reads_nothing && walk.all_uses_in(s, var)) return FirstUse::confined;
  // `if (c) return parse(s, x);`: the function ends with the call, so a
  // callee that reads nothing leaves nothing for the caller to read there.
  if (reads_nothing && llvm::isa<clang::ReturnStmt>(s)) return FirstUse::leaves;
  // Not decided here: first_use goes on (`va_start(args, fmt)` is a fill).
  walk.calls->blame(var, call->call, effect, walk);
  return std::nullopt;
}

}  // namespace meshwa::rules::uninitialized
