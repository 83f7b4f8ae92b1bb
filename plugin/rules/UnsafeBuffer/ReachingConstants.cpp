// The constants a local integer may hold where it is read, from the writes
// before the read in the blocks around it: `int data = -1; if (flag) { data
// = 10; } ... a[data]` holds -1 or 10 there. Structural, not a CFG: only
// statements whose effect on the variable is plain (an assignment of a
// constant, a block, an if, a switch or loop on a constant, a label jumped to
// from just before it) are followed; anything else that writes the variable
// makes its value unknown. IndexPastEnd reports an index whose every possible
// value is outside the container.
#include "Flow.h"
#include "UnsafeBuffer/UnsafeBuffer.h"

namespace meshwa::rules::unsafe_buffer {

namespace {

/// Enough values to follow a few branches; more is input, not a constant.
constexpr size_t kMaxValues = 4;
/// How deep one value may come from another local (`int copy = data;`).
constexpr int kMaxDepth = 6;
/// How many statements before a read its walk looks at.
constexpr unsigned kMaxStatements = 64;

/// `const T&`: what binds to it cannot be written through it.
bool is_const_lvalue_reference(clang::QualType type) {
  return type->isLValueReferenceType() && type.getNonReferenceType().isConstQualified();
}

/// `e` without parentheses and the no-op casts of a reference binding.
const clang::Expr* bound_expr(const clang::Expr* e) {
  for (;;) {
    e = e->IgnoreParens();
    const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(e);
    if (cast == nullptr || cast->getCastKind() != clang::CK_NoOp) return e;
    e = cast->getSubExpr();
  }
}

/// `e` (through parentheses) is `this->field`, written or implicit.
bool is_own_member(const clang::Expr* e, const clang::FieldDecl& field) {
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParens());
  return member != nullptr && member->getMemberDecl() == &field &&
         llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts());
}

/// How many mentions of `field` under `root` (any object's).
unsigned member_mentions(const clang::Stmt* root, const clang::FieldDecl& field) {
  unsigned count = 0;
  flow::contains(root, [&](const clang::Stmt& s) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(&s);
    count += member != nullptr && member->getMemberDecl() == &field;
    return false;
  });
  return count;
}

/// How many of those read its value (an lvalue-to-rvalue conversion).
unsigned member_reads(const clang::Stmt* root, const clang::FieldDecl& field) {
  unsigned count = 0;
  flow::contains(root, [&](const clang::Stmt& s) {
    const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&s);
    const auto* member =
        cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue
            ? llvm::dyn_cast<clang::MemberExpr>(cast->getSubExpr()->IgnoreParens())
            : nullptr;
    count += member != nullptr && member->getMemberDecl() == &field;
    return false;
  });
  return count;
}

/// Is `e` (a DeclRefExpr through parentheses) the variable `var`?
bool is_var(const clang::Expr* e, const clang::VarDecl& var) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParens());
  return ref != nullptr && ref->getDecl() == &var;
}

}  // namespace

/// The boolean value of the condition `cond` when it is a constant, a call
/// of a function whose whole body returns one (`globalReturnsTrue()`), or a
/// static variable the file never changes, alone or compared with a
/// constant (`staticTrue`, `staticFive == 5`).
std::optional<bool> UnsafeBuffer::known_condition(const clang::Expr* cond, RuleContext& ctx) {
  if (cond == nullptr || cond->isValueDependent()) return std::nullopt;
  bool value = false;
  if (cond->EvaluateAsBooleanCondition(value, ctx.ast)) return value;
  if (std::optional<bool> result = flow::constant_call_result(cond, ctx.ast)) return result;
  const clang::Expr* bare = cond->IgnoreParenImpCasts();
  if (std::optional<llvm::APSInt> fixed = fixed_global_value(bare, ctx)) return !fixed->isZero();
  const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(bare);
  if (cmp == nullptr || !cmp->isComparisonOp()) return std::nullopt;
  const auto side = [&](const clang::Expr* e) {
    std::optional<llvm::APSInt> v = fixed_global_value(e->IgnoreParenImpCasts(), ctx);
    return v ? v : constant_value(e, ctx);
  };
  const std::optional<llvm::APSInt> lhs = side(cmp->getLHS());
  const std::optional<llvm::APSInt> rhs = side(cmp->getRHS());
  if (!lhs || !rhs) return std::nullopt;
  const int order = llvm::APSInt::compareValues(*lhs, *rhs);
  switch (cmp->getOpcode()) {
    case clang::BO_EQ: return order == 0;
    case clang::BO_NE: return order != 0;
    case clang::BO_LT: return order < 0;
    case clang::BO_GT: return order > 0;
    case clang::BO_LE: return order <= 0;
    case clang::BO_GE: return order >= 0;
    default: return std::nullopt;
  }
}

/// The value of `e` when it names a variable of static storage only this
/// file sees (`static bool staticTrue = true;`, an unnamed namespace), given
/// a constant and never changed by the file: no assignment, no address taken,
/// no reference bound (call_sites); Juliet's flow variants 05 and 07.
std::optional<llvm::APSInt> UnsafeBuffer::fixed_global_value(const clang::Expr* e, RuleContext& ctx) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasGlobalStorage() || var->isExternallyVisible() || var->getType().isVolatileQualified() ||
      !var->getType()->isIntegralOrEnumerationType() || var->isTemplated() ||
      !ctx.sources().isInMainFile(ctx.sources().getExpansionLoc(var->getLocation()))) {
    return std::nullopt;
  }
  const clang::VarDecl* def = var->getDefinition();
  const clang::Expr* init = def != nullptr ? def->getInit() : nullptr;
  if (init == nullptr || init->isValueDependent() || call_sites(ctx).changed_globals.count(var->getCanonicalDecl()) != 0) {
    return std::nullopt;
  }
  clang::Expr::EvalResult value;
  if (!init->EvaluateAsInt(value, ctx.ast)) return std::nullopt;
  return value.Val.getInt();
}

/// The constants a private integer member may hold where `index`
/// (`data`, `this->data`) reads it, in a member function of its class
/// other than a constructor, when no test of it in that function narrows
/// them (unless `through_tests`) (member_constants); empty when not known. Juliet's flow variants
/// 83 and 84: a constructor sets the member, the destructor indexes with it.
llvm::SmallVector<llvm::APSInt, 4> UnsafeBuffer::member_index_constants(const clang::Expr* index, RuleContext& ctx,
                                                                         bool through_tests) {
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(index->IgnoreParenImpCasts());
  const auto* field = member != nullptr ? llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl()) : nullptr;
  const auto* reader = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(ctx.enclosing_function());
  if (field == nullptr || reader == nullptr || !is_own_member(member, *field) ||
      llvm::isa<clang::CXXConstructorDecl>(reader) || reader->getParent() != field->getParent() ||
      reader->getBody() == nullptr) {
    return {};
  }
  // (Cached per member; the walk for a test below runs only for one known.)
  const llvm::SmallVector<llvm::APSInt, 4>& values = member_constants(*field, ctx);
  if (values.empty()) return {};
  // `if (data >= 0 && data < 10) buffer[data]`: a guard somewhere in the
  // function; not judged (through_tests: asked whether all are in bounds,
  // which a test only makes more so).
  const bool tested = !through_tests && flow::contains(reader->getBody(), [&](const clang::Stmt& s) {
    const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&s);
    const bool test = (op != nullptr && (op->isComparisonOp() || op->isLogicalOp())) ||
                      llvm::isa<clang::IfStmt, clang::WhileStmt, clang::DoStmt, clang::ForStmt, clang::SwitchStmt,
                                clang::AbstractConditionalOperator>(s) ||
                      (llvm::isa<clang::UnaryOperator>(s) && llvm::cast<clang::UnaryOperator>(s).getOpcode() == clang::UO_LNot);
    const clang::Stmt* cond = nullptr;
    if (const auto* c = llvm::dyn_cast<clang::IfStmt>(&s)) cond = c->getCond();
    else if (const auto* c = llvm::dyn_cast<clang::WhileStmt>(&s)) cond = c->getCond();
    else if (const auto* c = llvm::dyn_cast<clang::DoStmt>(&s)) cond = c->getCond();
    else if (const auto* c = llvm::dyn_cast<clang::ForStmt>(&s)) cond = c->getCond();
    else if (const auto* c = llvm::dyn_cast<clang::SwitchStmt>(&s)) cond = c->getCond();
    else if (const auto* c = llvm::dyn_cast<clang::AbstractConditionalOperator>(&s)) cond = c->getCond();
    else cond = &s;
    return test && member_mentions(cond, *field) != 0;
  });
  if (tested) return {};
  return values;
}

/// The constants a private integer member of a class of this file holds
/// outside its constructors: every constructor leaves one in it (its last
/// write, at the top of a body with no jump, or its initialiser), and
/// nothing else writes it (every other member function only reads it, the
/// class has no friend, nested class or member template, and each member
/// function it declares is defined here). Empty when not known. Cached.
const llvm::SmallVector<llvm::APSInt, 4>& UnsafeBuffer::member_constants(const clang::FieldDecl& field,
                                                                         RuleContext& ctx) {
  auto [cached, fresh] = member_constants_.try_emplace(&field);
  if (!fresh) return cached->second;
  const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(field.getParent());
  if (record == nullptr || field.getAccess() != clang::AS_private || !field.getType()->isIntegerType() ||
      field.getType().isVolatileQualified() || field.isMutable() || field.isBitField() || record->isDependentContext() ||
      llvm::isa<clang::ClassTemplateSpecializationDecl>(record) || record->hasFriends() ||
      !ctx.sources().isInMainFile(ctx.sources().getExpansionLoc(record->getLocation()))) {
    return cached->second;
  }
  for (const clang::Decl* d : record->decls()) {
    const auto* nested = llvm::dyn_cast<clang::CXXRecordDecl>(d);
    if ((nested != nullptr && !nested->isInjectedClassName()) || llvm::isa<clang::FunctionTemplateDecl>(d)) {
      return cached->second;
    }
  }
  llvm::SmallVector<llvm::APSInt, 4> values;
  bool constructed = false;
  const unsigned width = ctx.ast.getIntWidth(field.getType());
  const bool is_unsigned = field.getType()->isUnsignedIntegerOrEnumerationType();
  for (const clang::CXXMethodDecl* method : record->methods()) {
    if (method->isImplicit() || method->isDeleted() || method->isDefaulted() || method->isPureVirtual()) continue;
    const clang::FunctionDecl* def = nullptr;
    if (!method->hasBody(def) || def == nullptr) return member_constants_[&field];  // defined elsewhere: may write it
    const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(def);
    if (ctor != nullptr && !ctor->isCopyOrMoveConstructor()) {
      const std::optional<llvm::APSInt> left = constant_left_by(*ctor, field, ctx);
      if (!left) return member_constants_[&field];
      const llvm::APSInt converted(left->extOrTrunc(width), is_unsigned);
      if (!llvm::is_contained(values, converted)) values.push_back(converted);
      constructed = true;
      continue;
    }
    // A copy takes a value some constructor left: it may not write it otherwise.
    const clang::Stmt* body = def->getBody();
    if (member_mentions(body, field) != member_reads(body, field)) return member_constants_[&field];
    if (ctor != nullptr) {
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        if (init->getMember() == &field && init->isWritten()) return member_constants_[&field];
      }
    }
  }
  if (!constructed || values.size() > kMaxValues) return member_constants_[&field];
  member_constants_[&field] = values;
  return member_constants_[&field];
}

/// The constant the constructor `ctor` surely leaves in `field`: its last
/// mention at the top of a body with no jump, lambda or call of a member
/// function, `data = 10;`, every earlier one a read or such an assignment;
/// else (not named in the body) a constant mem-initialiser or default
/// member initialiser.
std::optional<llvm::APSInt> UnsafeBuffer::constant_left_by(const clang::CXXConstructorDecl& ctor,
                                                          const clang::FieldDecl& field, RuleContext& ctx) {
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(ctor.getBody());
  if (body == nullptr || ctor.isDelegatingConstructor() || jumps_within(body, 0) ||
      flow::contains(body, [](const clang::Stmt& s) {
        return llvm::isa<clang::LambdaExpr, clang::CXXMemberCallExpr, clang::GotoStmt, clang::LabelStmt>(s) ||
               (llvm::isa<clang::CXXThisExpr>(s) && !llvm::cast<clang::CXXThisExpr>(s).isImplicit());
      })) {
    return std::nullopt;
  }
  std::optional<llvm::APSInt> last;
  unsigned plain = 0;
  for (const clang::Stmt* s : body->body()) {
    if (member_mentions(s, field) == 0) continue;
    const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(s);
    if (assign == nullptr || assign->getOpcode() != clang::BO_Assign || !is_own_member(assign->getLHS(), field) ||
        member_mentions(assign->getRHS(), field) != member_reads(assign->getRHS(), field)) {
      last.reset();
      if (member_mentions(s, field) != member_reads(s, field)) return std::nullopt;
      continue;
    }
    ++plain;
    last = constant_value(assign->getRHS(), ctx);
  }
  if (plain > 0) return last;
  for (const clang::CXXCtorInitializer* init : ctor.inits()) {
    if (init->getMember() == &field) return constant_value(init->getInit(), ctx);
  }
  return field.hasInClassInitializer() ? constant_value(field.getInClassInitializer(), ctx) : std::nullopt;
}

/// The values `var` may hold where `use` reads it (`parents` the statements
/// around `use`, outermost first); empty when not known.
llvm::SmallVector<llvm::APSInt, 4> UnsafeBuffer::reaching_constants(const clang::VarDecl& var,
                                                                   llvm::ArrayRef<const clang::Stmt*> parents,
                                                                   const clang::Stmt* use, RuleContext& ctx,
                                                                   int depth, bool through_tests) {
  // `int& dataRef = data;`, only ever read: a read of it reads `data` (Juliet 33).
  if (const clang::VarDecl* aliased = aliased_local(var)) {
    return reaching_constants(*aliased, parents, use, ctx, depth + 1, through_tests);
  }
  // An out-parameter (`int& data`) is followed inside its function (out_constants).
  const bool out_parameter = llvm::isa<clang::ParmVarDecl>(var) && var.getType()->isLValueReferenceType() &&
                             !var.getType().getNonReferenceType().isConstQualified();
  // A `const int& dataRef` parameter holds what its callers pass, as a by-value one (Juliet 63).
  const bool const_reference_parameter = llvm::isa<clang::ParmVarDecl>(var) &&
                                         var.getType()->isLValueReferenceType() &&
                                         var.getType().getNonReferenceType().isConstQualified();
  const clang::QualType type =
      out_parameter || const_reference_parameter ? var.getType().getNonReferenceType() : var.getType();
  if (depth > kMaxDepth || !var.hasLocalStorage() || !type->isIntegerType() || type.isVolatileQualified() || type->isDependentType() ||
      !only_assigned_directly(var) || !given_only_constants_or_copies(var)) {
    return {};
  }
  // A parameter is followed only when its callers are known: asked first,
  // it is cached, and spares the walk below for every `v[i]` of an
  // ordinary parameter.
  if (const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(&var);
      param != nullptr && !out_parameter && passed_constants(*param, ctx, depth).empty()) {
    return {};
  }
  Reaching found;
  // At most this many statements before the read are looked at: the walk
  // runs per read, and a long function is not walked whole for each.
  unsigned budget = kMaxStatements;
  const clang::Stmt* child = use;
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    if (llvm::isa<clang::LambdaExpr, clang::BlockExpr, clang::CapturedStmt>(parent)) return {};
    // A loop around the read that writes the variable brings another value round.
    if (llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt>(parent) &&
        !left_unchanged(parent, var)) {
      return {};
    }
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent);
    if (block == nullptr) {
      // `if (data < 10) a[data]`: the test says which values get here.
      if (!through_tests && tests_value_of(parent, var)) return {};
      // A write beside the read in the same statement (`try { data = 20;
      // f(); } catch (...) { a[data]; }`, `(data = 5, a[data])`, the other
      // branch of an if): not followed.
      // (Not the target of `data = f(data)`: written after the read.)
      const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(parent);
      const clang::Stmt* written_after = assign != nullptr && assign->isAssignmentOp() && assign->getRHS() == child
                                             ? assign->getLHS()
                                             : nullptr;
      for (const clang::Stmt* part : parent->children()) {
        if (part != child && part != written_after && !left_unchanged(part, var)) return {};
      }
      continue;
    }
    const auto at = std::find(block->body_begin(), block->body_end(), child);
    // The body of a switch is entered at a case label: a write earlier in it
    // may be jumped over, else what reaches is what reached the switch.
    if (const auto* choice = i > 0 ? llvm::dyn_cast<clang::SwitchStmt>(parents[i - 1]) : nullptr;
        choice != nullptr && choice->getBody() == block) {
      for (auto it = block->body_begin(); it != at; ++it) {
        if (!left_unchanged(*it, var)) return {};
      }
      continue;
    }
    // A case label of an enclosing switch between the writes and the read.
    if (at != block->body_end() && llvm::isa<clang::SwitchCase>(*at)) return {};
    for (auto it = at; it != block->body_begin();) {
      const clang::Stmt* before = *--it;
      if (budget-- == 0 || llvm::isa<clang::SwitchCase>(before)) return {};
      if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(before);
          decl != nullptr && llvm::is_contained(decl->decls(), &var)) {
        if (var.getInit() == nullptr) return {};
        if (!add_values_of(var.getInit(), var, parents.take_front(i + 1), before, found, ctx, depth)) return {};
        return found.done ? found.values : llvm::SmallVector<llvm::APSInt, 4>{};
      }
      // `if (data >= 10) return;` before the read: a guard, not judged.
      if ((!through_tests && tests_value_of(before, var)) || !last_writes(before, var, found, ctx)) return {};
      if (found.done) return found.values;
    }
  }
  // A parameter not written on the way: what every caller passes.
  const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(&var);
  if (param == nullptr) return {};
  const llvm::SmallVector<llvm::APSInt, 4>& passed = passed_constants(*param, ctx, depth);
  if (passed.empty()) return {};
  for (const llvm::APSInt& v : passed) {
    if (!llvm::is_contained(found.values, v)) found.values.push_back(v);
  }
  if (found.values.size() > kMaxValues) return {};
  return found.values;
}

/// The constants `e` may hold at `at`, a statement of `fn`: its own
/// value, or those reaching the variable it names there (the statements
/// around `at` found through fn's parent map); empty when not known.
llvm::SmallVector<llvm::APSInt, 4> UnsafeBuffer::constants_at(const clang::Expr* e, const clang::Stmt& at,
                                                              const clang::FunctionDecl& fn, RuleContext& ctx,
                                                              int depth) {
  if (std::optional<llvm::APSInt> value = constant_value(e, ctx)) return {*value};
  const clang::VarDecl* from = flow::variable_named(e);
  if (from == nullptr) return {};
  const ParentMap& parents = instance_parents(fn);
  llvm::SmallVector<const clang::Stmt*, 16> up;
  for (auto it = parents.find(&at); it != parents.end(); it = parents.find(it->second)) up.push_back(it->second);
  std::reverse(up.begin(), up.end());
  return reaching_constants(*from, up, &at, ctx, depth, /*through_tests=*/false);
}

/// Adds each of `given`, as a value of `width` bits, to `values` once.
void UnsafeBuffer::add_converted(llvm::ArrayRef<llvm::APSInt> given, unsigned width, bool is_unsigned,
                                 llvm::SmallVectorImpl<llvm::APSInt>& values) {
  for (const llvm::APSInt& v : given) {
    const llvm::APSInt converted(v.extOrTrunc(width), is_unsigned);
    if (!llvm::is_contained(values, converted)) values.push_back(converted);
  }
}

/// The constants every call of the function of `param` passes for it,
/// when the function has internal linkage (`static`, an unnamed namespace),
/// is not a member function, and every use of it in the file is a direct call (Juliet's `badSink(data)`,
/// chains of sinks): each argument a constant, or a local or parameter of the
/// caller holding constants there. Empty when not known. Cached per parameter.
const llvm::SmallVector<llvm::APSInt, 4>& UnsafeBuffer::passed_constants(const clang::ParmVarDecl& param,
                                                                         RuleContext& ctx, int depth) {
  auto [cached, fresh] = passed_constants_.try_emplace(&param);
  if (!fresh) return cached->second;  // also breaks recursion: empty while computed
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(param.getDeclContext());
  if (fn == nullptr || fn->isExternallyVisible() || fn->isTemplateInstantiation() || fn->isDependentContext() ||
      (param.getType()->isReferenceType() && !is_const_lvalue_reference(param.getType())) ||
      param.getFunctionScopeIndex() >= fn->getNumParams()) {
    return cached->second;
  }
  // Not a member function: an operator's object is its first argument,
  // and a virtual one may be called through an override.
  if (llvm::isa<clang::CXXMethodDecl>(fn)) return cached->second;
  const CallSites& sites = call_sites(ctx);
  const clang::FunctionDecl* key = fn->getCanonicalDecl();
  if (sites.escaped.count(key) != 0) return cached->second;
  const auto calls = sites.calls.find(key);
  if (calls == sites.calls.end() || calls->second.empty() || calls->second.size() > 8) return cached->second;
  const unsigned index = param.getFunctionScopeIndex();
  const clang::QualType type = param.getType().getNonReferenceType();
  if (!type->isIntegerType()) return cached->second;
  const unsigned width = ctx.ast.getIntWidth(type);
  const bool is_unsigned = type->isUnsignedIntegerOrEnumerationType();
  llvm::SmallVector<llvm::APSInt, 4> values;
  for (const auto& [call, caller] : calls->second) {
    if (index >= call->getNumArgs()) return cached->second;
    const llvm::SmallVector<llvm::APSInt, 4> given = constants_at(call->getArg(index), *call, *caller, ctx, depth + 1);
    if (given.empty()) return passed_constants_[&param];
    add_converted(given, width, is_unsigned, values);
    if (values.size() > kMaxValues) return passed_constants_[&param];
  }
  passed_constants_[&param] = values;
  return passed_constants_[&param];
}

/// Every value the local `var` is given is a constant or another
/// variable (`int copy = data;`): its initialiser and every assignment.
/// Cached: it keeps the walk of reaching_constants (a pass over the
/// statements before the read) to the few locals that hold constants, not
/// every index of the function.
bool UnsafeBuffer::given_only_constants_or_copies(const clang::VarDecl& var) {
  auto [cached, fresh] = constants_or_copies_.try_emplace(&var, false);
  if (!fresh) return cached->second;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  const auto plain = [&](const clang::Expr* e) {
    clang::Expr::EvalResult value;
    return e != nullptr && !e->isValueDependent() &&
           (e->EvaluateAsInt(value, var.getASTContext()) || flow::variable_named(e) != nullptr ||
            internal_callee(e) != nullptr);
  };
  // (`int data;` then `data = -1;`, as Juliet writes it: the walk needs a write before the read.)
  if (!llvm::isa<clang::ParmVarDecl>(var) && var.getInit() != nullptr && !plain(var.getInit())) return false;
  // The walk is one per function, for all its variables (find_reassigned_locals).
  if (reassigned_counted_.insert(fn).second) find_reassigned_locals(*fn);
  cached->second = !reassigned_locals_.contains(&var);
  return cached->second;
}

/// The variables `fn` assigns something but a constant, a variable or a
/// call of a function of this file (`data = rand();`, `data += 1;`): what
/// given_only_constants_or_copies asks of each, in one walk of the body.
void UnsafeBuffer::find_reassigned_locals(const clang::FunctionDecl& fn) {
  const auto plain = [&](const clang::Expr* e) {
    clang::Expr::EvalResult value;
    return e != nullptr && !e->isValueDependent() &&
           (e->EvaluateAsInt(value, fn.getASTContext()) || flow::variable_named(e) != nullptr ||
            internal_callee(e) != nullptr);
  };
  flow::contains(fn.getBody(), [&](const clang::Stmt& st) {
    const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(&st);
    if (assign == nullptr || !assign->isAssignmentOp()) return false;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(assign->getLHS()->IgnoreParens());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    // Another function's variables (a lambda's) are judged over their own function.
    if (var == nullptr || llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod()) != &fn) {
      return false;
    }
    if (assign->getOpcode() != clang::BO_Assign || !plain(assign->getRHS())) {
      reassigned_locals_.insert(var);
    }
    return false;
  });
}

/// The function `e` calls directly when only this file can call it and
/// no override can replace it (`static`, an unnamed namespace), else null.
const clang::FunctionDecl* UnsafeBuffer::internal_callee(const clang::Expr* e) {
  const auto* call = e != nullptr ? llvm::dyn_cast<clang::CallExpr>(e->IgnoreParenImpCasts()) : nullptr;
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || callee->isExternallyVisible() || callee->isDependentContext() ||
      llvm::isa<clang::CXXMethodDecl>(callee)) {
    return nullptr;
  }
  return callee;
}

/// The constants every `return` of `fn` gives (each a constant, or a local
/// or parameter holding constants there); empty when not known. Cached per
/// function, which also stops recursion.
const llvm::SmallVector<llvm::APSInt, 4>& UnsafeBuffer::returned_constants(const clang::FunctionDecl& fn,
                                                                           RuleContext& ctx) {
  const clang::FunctionDecl* def = nullptr;
  if (!fn.hasBody(def) || def == nullptr) return returned_constants_[fn.getCanonicalDecl()];
  auto [cached, fresh] = returned_constants_.try_emplace(fn.getCanonicalDecl());
  if (!fresh || !def->getReturnType()->isIntegerType()) return cached->second;
  llvm::SmallVector<const clang::ReturnStmt*, 4> returns;
  flow::contains(def->getBody(), [&](const clang::Stmt& s) {
    if (llvm::isa<clang::LambdaExpr>(s)) return false;  // (its returns are its own; contains goes in anyway)
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s)) returns.push_back(ret);
    return false;
  });
  const bool in_lambda = flow::contains(def->getBody(), [](const clang::Stmt& s) { return llvm::isa<clang::LambdaExpr>(s); });
  if (returns.empty() || returns.size() > kMaxValues || in_lambda) return cached->second;
  const unsigned width = ctx.ast.getIntWidth(def->getReturnType());
  const bool is_unsigned = def->getReturnType()->isUnsignedIntegerOrEnumerationType();
  llvm::SmallVector<llvm::APSInt, 4> values;
  for (const clang::ReturnStmt* ret : returns) {
    const clang::Expr* value = ret->getRetValue();
    if (value == nullptr) return returned_constants_[fn.getCanonicalDecl()];
    const llvm::SmallVector<llvm::APSInt, 4> given = constants_at(value, *ret, *def, ctx, /*depth=*/1);
    if (given.empty()) return returned_constants_[fn.getCanonicalDecl()];
    add_converted(given, width, is_unsigned, values);
    if (values.size() > kMaxValues) return returned_constants_[fn.getCanonicalDecl()];
  }
  returned_constants_[fn.getCanonicalDecl()] = values;
  return returned_constants_[fn.getCanonicalDecl()];
}

/// The parameters (by index) of the function `call` calls, when only this
/// file can call it, to which `var` is handed as a non-const reference to
/// its own type (an out-parameter, `static void badSource(int& data)`).
llvm::SmallVector<unsigned, 2> UnsafeBuffer::out_arguments(const clang::CallExpr& call, const clang::VarDecl& var) {
  llvm::SmallVector<unsigned, 2> outs;
  const clang::FunctionDecl* callee = internal_callee(&call);
  if (callee == nullptr) return outs;
  for (unsigned i = 0; i < call.getNumArgs() && i < callee->getNumParams(); ++i) {
    const clang::QualType type = callee->getParamDecl(i)->getType();
    if (is_var(call.getArg(i)->IgnoreImpCasts(), var) && type->isLValueReferenceType() &&
        !type.getNonReferenceType().isConstQualified() &&
        var.getASTContext().hasSameUnqualifiedType(type.getNonReferenceType(), var.getType())) {
      outs.push_back(i);
    }
  }
  return outs;
}

/// The constants the out-parameter `param` surely holds when its function
/// returns: at every `return` and at the end of the body, what the writes
/// before leave in it. Empty when not known. Cached.
const llvm::SmallVector<llvm::APSInt, 4>& UnsafeBuffer::out_constants(const clang::ParmVarDecl& param, RuleContext& ctx) {
  auto [cached, fresh] = out_constants_.try_emplace(&param);
  if (!fresh) return cached->second;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(param.getDeclContext());
  const auto* body = fn != nullptr ? llvm::dyn_cast_or_null<clang::CompoundStmt>(fn->getBody()) : nullptr;
  if (body == nullptr || !fn->getReturnType()->isVoidType() || jumps_within(body, 0)) return cached->second;
  // The end of the body: every statement of it comes before.
  const clang::Stmt* const top[] = {body};
  llvm::SmallVector<llvm::APSInt, 4> values = reaching_constants(param, top, nullptr, ctx, /*depth=*/1);
  out_constants_[&param] = values;
  return out_constants_[&param];
}

/// Every direct call in the main file's function bodies, by callee, and the
/// functions named otherwise (their address taken: called from anywhere).
/// Built once per translation unit, on the first parameter asked about.
const UnsafeBuffer::CallSites& UnsafeBuffer::call_sites(RuleContext& ctx) {
  if (call_sites_) return *call_sites_;
  call_sites_.emplace();
  CallSites& sites = *call_sites_;
  const clang::SourceManager& sm = ctx.sources();
  llvm::SmallVector<const clang::DeclContext*, 16> contexts{ctx.ast.getTranslationUnitDecl()};
  llvm::DenseSet<const clang::Expr*> callees;
  llvm::SmallVector<std::pair<const clang::DeclRefExpr*, const clang::FunctionDecl*>, 64> named;
  llvm::DenseMap<const clang::VarDecl*, unsigned> global_mentions;
  llvm::DenseMap<const clang::VarDecl*, unsigned> global_reads;
  const auto global_named = [](const clang::Expr* e) -> const clang::VarDecl* {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParens());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    return var != nullptr && var->hasGlobalStorage() ? var->getCanonicalDecl() : nullptr;
  };
  // A call in the discarded branch of an `if constexpr` is never made, and
  // names nothing: that branch is skipped, as the compiler does; so is the
  // part of a statement on a constant that never runs (never_run_part:
  // `if (kWide) wide_column(r, 4);` with kWide false).
  const auto scan = [&](const clang::Stmt* body, const clang::FunctionDecl* caller) {
    llvm::SmallVector<const clang::Stmt*, 64> stack{body};
    while (!stack.empty()) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr) continue;
      if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
        if (const clang::VarDecl* global = global_named(e); global != nullptr && llvm::isa<clang::DeclRefExpr>(e)) {
          ++global_mentions[global];
        }
        const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(e);
        if (cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue) {
          if (const clang::VarDecl* global = global_named(cast->getSubExpr())) ++global_reads[global];
        }
      }
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
        if (const clang::FunctionDecl* callee = call->getDirectCallee(); callee != nullptr && caller != nullptr) {
          sites.calls[callee->getCanonicalDecl()].push_back({call, caller});
          callees.insert(call->getCallee()->IgnoreParenImpCasts());
        }
      } else if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s)) {
        if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(ref->getDecl())) named.push_back({ref, fn});
      }
      const auto* branch = llvm::dyn_cast<clang::IfStmt>(s);
      const clang::Stmt* dead = branch != nullptr ? flow::discarded_branch(*branch, ctx.ast) : nullptr;
      if (dead == nullptr) dead = flow::never_run_part(*s, ctx.ast);
      for (const clang::Stmt* child : s->children()) {
        if (child != dead) stack.push_back(child);
      }
    }
  };
  while (!contexts.empty()) {
    const clang::DeclContext* dc = contexts.pop_back_val();
    for (const clang::Decl* d : dc->decls()) {
      if (!sm.isInMainFile(sm.getExpansionLoc(d->getLocation()))) continue;
      if (const auto* nested = llvm::dyn_cast<clang::DeclContext>(d);
          nested != nullptr && llvm::isa<clang::NamespaceDecl, clang::CXXRecordDecl, clang::LinkageSpecDecl>(d)) {
        contexts.push_back(nested);
      }
      // The members of a class template may call or write what the file declares too.
      if (const auto* tmpl = llvm::dyn_cast<clang::ClassTemplateDecl>(d)) contexts.push_back(tmpl->getTemplatedDecl());
      if (const auto* tmpl = llvm::dyn_cast<clang::FunctionTemplateDecl>(d)) d = tmpl->getTemplatedDecl();
      if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(d); fn != nullptr && fn->hasBody()) {
        scan(fn->getBody(), fn);
        if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(fn)) {
          for (const clang::CXXCtorInitializer* init : ctor->inits()) scan(init->getInit(), fn);
        }
      } else if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d); var != nullptr && var->getInit() != nullptr) {
        scan(var->getInit(), nullptr);
      } else if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(d); field != nullptr && field->hasInClassInitializer()) {
        scan(field->getInClassInitializer(), nullptr);
      }
    }
  }
  for (const auto& [ref, fn] : named) {
    if (callees.count(ref) == 0) sites.escaped.insert(fn->getCanonicalDecl());
  }
  for (const auto& [global, mentions] : global_mentions) {
    if (global_reads.lookup(global) != mentions) sites.changed_globals.insert(global);
  }
  return sites;
}

/// The value of `e` (a constant, or a local read that holds constants)
/// given to `var`, added to `found`, which it completes. False when not known.
bool UnsafeBuffer::add_values_of(const clang::Expr* e, const clang::VarDecl& var,
                                 llvm::ArrayRef<const clang::Stmt*> parents, const clang::Stmt* at, Reaching& found,
                                 RuleContext& ctx, int depth) {
  llvm::SmallVector<llvm::APSInt, 4> values;
  if (std::optional<llvm::APSInt> value = constant_value(e, ctx)) {
    values.push_back(*value);
  } else if (const clang::VarDecl* from = flow::variable_named(e); from != nullptr && from != &var) {
    values = reaching_constants(*from, parents, at, ctx, depth + 1);
  } else if (const clang::FunctionDecl* source = internal_callee(e)) {
    // `data = badSource(data);`, `int data = badSource();` (Juliet 42, 61).
    values = returned_constants(*source, ctx);
  }
  if (values.empty()) return false;
  const unsigned width = ctx.ast.getIntWidth(var.getType());
  const bool is_unsigned = var.getType()->isUnsignedIntegerOrEnumerationType();
  for (const llvm::APSInt& v : values) {
    const llvm::APSInt converted(v.extOrTrunc(width), is_unsigned);
    if (!llvm::is_contained(found.values, converted)) found.values.push_back(converted);
  }
  found.done = true;
  return found.values.size() <= kMaxValues;
}

/// Follows the statement `s`, which runs before the read, for the value it
/// leaves in `var` last: sets found.done when `s` surely gives it one, adds
/// the values it may give, and returns false when its effect is not plain.
bool UnsafeBuffer::last_writes(const clang::Stmt* s, const clang::VarDecl& var, Reaching& found, RuleContext& ctx) {
  if (s == nullptr || left_unchanged(s, var)) return true;
  if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
    // `badSource(data);` with `static void badSource(int& data)` (Juliet 62).
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e->IgnoreImplicit()->IgnoreParens())) {
      const llvm::SmallVector<unsigned, 2> outs = out_arguments(*call, var);
      const clang::FunctionDecl* callee = internal_callee(call);
      if (outs.size() != 1 || callee == nullptr) return false;
      for (const clang::Expr* arg : call->arguments()) {
        if (!is_var(arg->IgnoreImpCasts(), var) && !left_unchanged(arg, var)) return false;
      }
      const llvm::SmallVector<llvm::APSInt, 4>& given = out_constants(*callee->getParamDecl(outs.front()), ctx);
      if (given.empty()) return false;
      for (const llvm::APSInt& v : given) {
        if (!llvm::is_contained(found.values, v)) found.values.push_back(v);
      }
      found.done = true;
      return found.values.size() <= kMaxValues;
    }
    const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreImplicit()->IgnoreParens());
    if (assign == nullptr || assign->getOpcode() != clang::BO_Assign || !is_var(assign->getLHS(), var) ||
        !left_unchanged(assign->getRHS(), var)) {
      return false;
    }
    return add_values_of(assign->getRHS(), var, {}, s, found, ctx, kMaxDepth);
  }
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
    for (auto it = block->body_rbegin(); it != block->body_rend(); ++it) {
      if (!last_writes(*it, var, found, ctx)) return false;
      if (found.done) return true;
    }
    return true;
  }
  if (const auto* label = llvm::dyn_cast<clang::LabelStmt>(s)) return last_writes(label->getSubStmt(), var, found, ctx);
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
    if (branch->getInit() != nullptr || branch->getConditionVariable() != nullptr ||
        !left_unchanged(branch->getCond(), var)) {
      return false;
    }
    const std::optional<bool> taken = known_condition(branch->getCond(), ctx);
    if (taken) return last_writes(*taken ? branch->getThen() : branch->getElse(), var, found, ctx);
    // Either branch may run: the values of both, and what came before
    // unless both give one.
    Reaching then_values;
    Reaching else_values;
    if (!last_writes(branch->getThen(), var, then_values, ctx) ||
        !last_writes(branch->getElse(), var, else_values, ctx)) {
      return false;
    }
    for (const Reaching* r : {&then_values, &else_values}) {
      for (const llvm::APSInt& v : r->values) {
        if (!llvm::is_contained(found.values, v)) found.values.push_back(v);
      }
    }
    found.done = then_values.done && else_values.done;
    return found.values.size() <= kMaxValues;
  }
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s)) {
    // `while (1) { ...; break; }`: the body runs once.
    const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(loop->getBody());
    if (body == nullptr || body->body_empty() || !llvm::isa<clang::BreakStmt>(body->body_back()) ||
        known_condition(loop->getCond(), ctx) != std::optional<bool>(true) || jumps_within(body, 1)) {
      return false;
    }
    for (auto it = body->body_rbegin() + 1; it != body->body_rend(); ++it) {
      if (!last_writes(*it, var, found, ctx)) return false;
      if (found.done) return true;
    }
    return true;
  }
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) return last_writes_of_counted_loop(*loop, var, found, ctx);
  if (const auto* choice = llvm::dyn_cast<clang::SwitchStmt>(s)) return last_writes_of_switch(*choice, var, found, ctx);
  return false;
}

/// `for (int j = 0; j < 1; j++) { data = 10; }`: a loop on a counter of its
/// own from a constant below a constant runs its body at least once, and a
/// body with no way out leaves what its last write gives, every time.
bool UnsafeBuffer::last_writes_of_counted_loop(const clang::ForStmt& loop, const clang::VarDecl& var, Reaching& found,
                                               RuleContext& ctx) {
  const auto* init = llvm::dyn_cast_or_null<clang::DeclStmt>(loop.getInit());
  const auto* counter = init != nullptr && init->isSingleDecl() ? llvm::dyn_cast<clang::VarDecl>(init->getSingleDecl())
                                                                : nullptr;
  const auto* cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(loop.getCond());
  if (counter == nullptr || counter->getInit() == nullptr || cond == nullptr || cond->getOpcode() != clang::BO_LT ||
      !flow::names_variable(cond->getLHS(), *counter) || !left_unchanged(loop.getCond(), var) || !left_unchanged(loop.getInc(), var) ||
      jumps_within(loop.getBody(), 0)) {
    return false;
  }
  const std::optional<llvm::APSInt> from = constant_value(counter->getInit(), ctx);
  const std::optional<llvm::APSInt> to = constant_value(cond->getRHS(), ctx);
  if (!from || !to || llvm::APSInt::compareValues(*from, *to) >= 0) return false;
  Reaching body;
  if (!last_writes(loop.getBody(), var, body, ctx) || !body.done) return false;
  found = body;
  return true;
}

/// `switch (6) { case 6: { data = 10; } break; default: ... }`: on a
/// constant, the statements from the matching case to its break.
bool UnsafeBuffer::last_writes_of_switch(const clang::SwitchStmt& choice, const clang::VarDecl& var, Reaching& found,
                                         RuleContext& ctx) {
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(choice.getBody());
  const std::optional<llvm::APSInt> on = choice.getInit() == nullptr && choice.getConditionVariable() == nullptr
                                             ? constant_value(choice.getCond(), ctx)
                                             : std::nullopt;
  if (body == nullptr || !on) return false;
  llvm::SmallVector<const clang::Stmt*, 8> run;
  bool running = false;
  for (const clang::Stmt* st : body->body()) {
    if (const auto* c = llvm::dyn_cast<clang::CaseStmt>(st); c != nullptr && !running) {
      const std::optional<llvm::APSInt> label = c->getRHS() == nullptr ? constant_value(c->getLHS(), ctx) : std::nullopt;
      if (!label) return false;
      running = llvm::APSInt::isSameValue(*label, *on);
      if (running) st = c->getSubStmt();
    }
    if (!running) continue;
    if (llvm::isa<clang::BreakStmt>(st)) break;
    if (llvm::isa<clang::SwitchCase>(st) || jumps_within(st, 0)) return false;
    run.push_back(st);
  }
  if (!running) return false;  // no case matched here: the default, not followed
  for (auto it = run.rbegin(); it != run.rend(); ++it) {
    if (!last_writes(*it, var, found, ctx)) return false;
    if (found.done) return true;
  }
  return true;
}

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
  return accounted + (assign != nullptr && assign->getOpcode() == clang::BO_Assign && is_var(assign->getLHS(), var));
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

/// The constants the local `bound` (a variable in the condition of a
/// statement around the access: `i < n` of the loop) may hold where the
/// condition reads it: reaching_constants from that condition, which must
/// not write it itself (`(n = 3, i < n)` is not followed). Tests of it on
/// the way only narrow what reaches, so they are passed through. Empty
/// when not known.
llvm::SmallVector<llvm::APSInt, 4> UnsafeBuffer::bound_constants(const clang::Expr* bound, RuleContext& ctx) {
  const clang::VarDecl* var = flow::variable_named(bound);
  if (var == nullptr) return {};
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  for (size_t i = parents.size(); i-- > 0;) {
    const clang::Stmt* on_path = i + 1 < parents.size() ? parents[i + 1] : nullptr;
    for (const clang::Stmt* part : parents[i]->children()) {
      if (part == nullptr || part == on_path ||
          !flow::contains(part, [&](const clang::Stmt& node) { return &node == bound; })) {
        continue;
      }
      if (!left_unchanged(part, *var)) return {};
      return reaching_constants(*var, parents.take_front(i + 1), part, ctx, /*depth=*/0, /*through_tests=*/true);
    }
  }
  return {};
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

/// How many arguments of the call `node` are `var` itself bound to a
/// `const T&` parameter of its own type: the callee reads it, and cannot
/// write it (short of a const_cast).
unsigned UnsafeBuffer::const_reference_arguments(const clang::Stmt& node, const clang::VarDecl& var) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr) return 0;
  // A member operator's object is its first argument, not a parameter
  // (a static operator() is not read here: not counted).
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);
  const bool op = llvm::isa<clang::CXXOperatorCallExpr>(call);
  if (op && method != nullptr && method->isStatic()) return 0;
  const unsigned shift = op && method != nullptr ? 1 : 0;
  unsigned bound = 0;
  for (unsigned i = shift; i < call->getNumArgs() && i - shift < callee->getNumParams(); ++i) {
    const clang::QualType type = callee->getParamDecl(i - shift)->getType();
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(bound_expr(call->getArg(i)));
    bound += ref != nullptr && ref->getDecl() == &var && is_const_lvalue_reference(type) &&
             var.getASTContext().hasSameUnqualifiedType(type.getNonReferenceType(), var.getType());
  }
  return bound;
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
