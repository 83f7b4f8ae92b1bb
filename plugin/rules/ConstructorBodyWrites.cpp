#include "ConstructorBodyWrites.h"

#include <optional>

#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Casting.h"

namespace meshwa::rules {
namespace {

/// What a statement of the constructor's body does with the field.
enum class FieldUse {
  none,      // does not touch it: keep walking
  assigned,  // writes it whole on every path that continues
  leaves,    // throws on every path: no object is built
  stop,      // reads it, may let something read it, returns or jumps
};

/// Nesting of ifs and blocks followed at most; deeper is `stop`.
constexpr int kMaxDepth = 16;

class BodyWalk {
 public:
  BodyWalk(const clang::FieldDecl& field, clang::ASTContext& ast) : field_(field), ast_(ast) {}

  /// Could evaluating `e` read the field (see touches)?
  bool reads(const clang::Expr* e) const { return e != nullptr && touches(e); }

  FieldUse use_in(const clang::Stmt* s, int depth) const {
    if (s == nullptr || llvm::isa<clang::NullStmt>(s)) return FieldUse::none;
    if (depth > kMaxDepth) return FieldUse::stop;
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
      for (const clang::Stmt* child : block->body()) {
        const FieldUse use = use_in(child, depth + 1);
        if (use != FieldUse::none) return use;
      }
      return FieldUse::none;
    }
    if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) return use_in_if(*branch, depth);
    if (const auto* choice = llvm::dyn_cast<clang::SwitchStmt>(s)) return use_in_switch(*choice, depth);
    if (const auto* guarded = llvm::dyn_cast<clang::CXXTryStmt>(s)) return use_in_try(*guarded, depth);
    // A constructor that returns (or jumps somewhere the walk does not
    // follow) before the write finishes an object without the field.
    if (llvm::isa<clang::ReturnStmt, clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt, clang::SwitchCase,
                  clang::BreakStmt, clang::ContinueStmt>(s)) {
      return FieldUse::stop;
    }
    if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
      e = e->IgnoreImplicit()->IgnoreParens();
      if (llvm::isa<clang::CXXThrowExpr>(e)) return touches(e) ? FieldUse::stop : FieldUse::leaves;
      if (assigns_field(e) || assigns_through_tie(e) || assigns_whole_object(e) || fills_by_call(e)) {
        return FieldUse::assigned;
      }
      // `mx = x, my = y;`: the operands one after the other, as statements.
      if (const auto* comma = llvm::dyn_cast<clang::BinaryOperator>(e); comma && comma->getOpcode() == clang::BO_Comma) {
        const FieldUse first = use_in(comma->getLHS(), depth + 1);
        return first != FieldUse::none ? first : use_in(comma->getRHS(), depth + 1);
      }
      if (assigns_field_in_chain(e)) return FieldUse::assigned;
    }
    if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s); loop != nullptr && fill_loop(*loop)) {
      return FieldUse::assigned;
    }
    if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s); loop != nullptr && first_pass_assigns(*loop, depth)) {
      return FieldUse::assigned;
    }
    if (const auto* loop = llvm::dyn_cast<clang::CXXForRangeStmt>(s); loop != nullptr && fill_range_loop(*loop)) {
      return FieldUse::assigned;
    }
    if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
      if (const std::optional<FieldUse> use = use_in_own_call(e->IgnoreImplicit()->IgnoreParens(), depth)) return *use;
    }
    if (has_jump(s)) return FieldUse::stop;
    return touches(s) ? FieldUse::stop : FieldUse::none;
  }

 private:
  const clang::FieldDecl& field_;
  clang::ASTContext& ast_;

  /// `if (c) x = a; else x = b;` writes it; `if (c) x = a;` leaves the
  /// question to what follows (the path without the write goes on).
  FieldUse use_in_if(const clang::IfStmt& branch, int depth) const {
    if (touches(branch.getInit()) || touches(branch.getConditionVariableDeclStmt()) || touches(branch.getCond())) {
      return FieldUse::stop;
    }
    return join(use_in(branch.getThen(), depth + 1), use_in(branch.getElse(), depth + 1));
  }

  /// `switch (v) { case 0: x = 1; break; default: x = 2; }`: with a
  /// `default:`, every way in starts at a label of the body's top level and
  /// goes on (falling through the labels below) to a `break` of that level
  /// or the end. Each must assign the field or leave before anything else
  /// touches it; a label anywhere deeper, or no `default:`, stops the walk.
  FieldUse use_in_switch(const clang::SwitchStmt& choice, int depth) const {
    const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(choice.getBody());
    if (body == nullptr || touches(choice.getInit()) || touches(choice.getConditionVariableDeclStmt()) ||
        touches(choice.getCond())) {
      return FieldUse::stop;
    }
    const llvm::ArrayRef<const clang::Stmt*> parts(body->body_begin(), body->size());
    bool has_default = false;
    for (const clang::Stmt* part : parts) {
      for (const clang::Stmt* label = part; const auto* c = llvm::dyn_cast<clang::SwitchCase>(label);
           label = c->getSubStmt()) {
        has_default = has_default || llvm::isa<clang::DefaultStmt>(c);
      }
    }
    // Labels below the top level (Duff's device) are jumps the walk does not follow.
    const bool nested_label = flow::contains(body, [&](const clang::Stmt& sub) {
      return llvm::isa<clang::SwitchCase>(sub) && !llvm::is_contained(parts, &sub) && !is_label_chain_part(parts, sub);
    });
    if (!has_default || nested_label) return FieldUse::stop;
    FieldUse joined = FieldUse::leaves;
    for (size_t start = 0; start < parts.size(); ++start) {
      if (!llvm::isa<clang::SwitchCase>(parts[start])) continue;
      FieldUse path = FieldUse::none;
      for (size_t i = start; i < parts.size() && path == FieldUse::none; ++i) {
        const clang::Stmt* part = parts[i];
        while (const auto* c = llvm::dyn_cast<clang::SwitchCase>(part)) part = c->getSubStmt();
        if (llvm::isa<clang::BreakStmt>(part)) break;
        path = use_in(part, depth + 1);
      }
      joined = join(joined, path);
      if (joined == FieldUse::stop) return FieldUse::stop;
    }
    return joined == FieldUse::leaves ? FieldUse::leaves : joined;
  }

  /// Is `sub` a label of a chain that starts at the top level (`case 0:
  /// case 1: x = 1;`)?
  static bool is_label_chain_part(llvm::ArrayRef<const clang::Stmt*> parts, const clang::Stmt& sub) {
    for (const clang::Stmt* part : parts) {
      for (const clang::Stmt* label = part; const auto* c = llvm::dyn_cast<clang::SwitchCase>(label);
           label = c->getSubStmt()) {
        if (c->getSubStmt() == &sub) return true;
      }
    }
    return false;
  }

  /// `for (int i = 0; i < 3; ++i) { x = i; ... }`: a loop from a constant
  /// to a constant that holds at the start runs its body at least once,
  /// and a body that assigns the field before touching it (with no break,
  /// continue or jump in it) gives it its value.
  bool first_pass_assigns(const clang::ForStmt& loop, int depth) const {
    const auto* init = llvm::dyn_cast_or_null<clang::DeclStmt>(loop.getInit());
    const auto* counter = init != nullptr && init->isSingleDecl()
                              ? llvm::dyn_cast<clang::VarDecl>(init->getSingleDecl())
                              : nullptr;
    if (counter == nullptr || counter->getInit() == nullptr || loop.getCond() == nullptr || touches(loop.getInit()) ||
        touches(loop.getCond()) || touches(loop.getInc())) {
      return false;
    }
    // The condition holds at the start: evaluated with the counter at its first value.
    const auto* cond = llvm::dyn_cast<clang::BinaryOperator>(loop.getCond()->IgnoreParenImpCasts());
    const auto* i = cond != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(cond->getLHS()->IgnoreParenImpCasts()) : nullptr;
    if (i == nullptr || i->getDecl() != counter || (cond->getOpcode() != clang::BO_LT && cond->getOpcode() != clang::BO_LE &&
                                                    cond->getOpcode() != clang::BO_NE)) {
      return false;
    }
    const std::optional<llvm::APSInt> first = counter->getInit()->getIntegerConstantExpr(ast_);
    const std::optional<llvm::APSInt> last = cond->getRHS()->getIntegerConstantExpr(ast_);
    // Compared unsigned, a negative value wraps: not judged.
    if (!first || !last || (cond->getLHS()->getType()->isUnsignedIntegerType() &&
                            (first->isNegative() || last->isNegative()))) {
      return false;
    }
    const int order = llvm::APSInt::compareValues(*first, *last);
    const bool runs = cond->getOpcode() == clang::BO_LT ? order < 0 : cond->getOpcode() == clang::BO_LE ? order <= 0
                                                                                                          : order != 0;
    if (!runs || flow::contains(loop.getBody(), [](const clang::Stmt& sub) {
          return llvm::isa<clang::BreakStmt, clang::ContinueStmt, clang::GotoStmt, clang::IndirectGotoStmt,
                           clang::LabelStmt, clang::ReturnStmt>(sub);
        })) {
      return false;
    }
    return use_in(loop.getBody(), depth + 1) == FieldUse::assigned;
  }

  /// A handler may go on after part of the try block ran: each handler is
  /// another path from an unknown point, so one that touches the field,
  /// or lets the constructor finish without writing it, stops the walk.
  FieldUse use_in_try(const clang::CXXTryStmt& guarded, int depth) const {
    FieldUse joined = use_in(guarded.getTryBlock(), depth + 1);
    for (unsigned i = 0; i < guarded.getNumHandlers(); ++i) {
      const FieldUse handler = use_in(guarded.getHandler(i)->getHandlerBlock(), depth + 1);
      if (handler != FieldUse::leaves && handler != FieldUse::assigned) return FieldUse::stop;
      joined = join(joined, handler);
    }
    return joined;
  }

  /// `init();`, `this->reset(0);`: a call, as a statement of its own, of a
  /// member function of the class on the object being built, defined in the
  /// file, whose arguments do not touch the field. Its body is walked as if
  /// written here (`void init() { x = 0; }` assigns it; one that does not
  /// touch the field is none, and the constructor goes on); a return in it
  /// stops, as in the constructor. Calls in calls are followed up to
  /// kMaxCallDepth deep. During construction even a virtual call runs this
  /// class's function. nullopt for any other statement.
  std::optional<FieldUse> use_in_own_call(const clang::Expr* e, int depth) const {
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e);
    const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
    if (method == nullptr || method->isStatic() || method->getParent() != field_.getParent() ||
        !llvm::isa<clang::CXXThisExpr>(call->getImplicitObjectArgument()->IgnoreParenImpCasts())) {
      return std::nullopt;
    }
    const clang::FunctionDecl* def = nullptr;
    if (!method->hasBody(def) || def == nullptr || def->getBody() == nullptr || calls_ >= kMaxCallDepth) {
      return std::nullopt;
    }
    for (const clang::Expr* arg : call->arguments()) {
      if (touches(arg)) return std::nullopt;
    }
    ++calls_;
    const FieldUse use = use_in(def->getBody(), depth + 1);
    --calls_;
    return use;
  }
  /// Member function calls being followed (use_in_own_call).
  mutable int calls_ = 0;
  static constexpr int kMaxCallDepth = 4;

  static FieldUse join(FieldUse a, FieldUse b) {
    if (a == FieldUse::stop || b == FieldUse::stop) return FieldUse::stop;
    if (a == FieldUse::leaves) return b;
    if (b == FieldUse::leaves) return a;
    if (a == FieldUse::assigned && b == FieldUse::assigned) return FieldUse::assigned;
    return FieldUse::none;  // written on one path only: what follows decides
  }

  /// `x` or `this->x` of the object being built.
  bool is_field(const clang::Expr* e) const {
    const auto* member = e != nullptr ? llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts()) : nullptr;
    return member != nullptr && member->getMemberDecl() == &field_ &&
           llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts());
  }

  /// Could evaluating `s` read the field: it names it, or hands on the
  /// object being built in any way but `this->other_field` (a call of a
  /// member function, `*this` or `this` passed somewhere)?
  bool touches(const clang::Stmt* s) const {
    llvm::SmallPtrSet<const clang::Stmt*, 8> field_bases;  // the `this` of `this->other_field`
    const bool named = flow::contains(s, [&](const clang::Stmt& sub) {
      // A member named in a template whose object is still dependent.
      if (llvm::isa<clang::CXXDependentScopeMemberExpr, clang::UnresolvedMemberExpr>(sub)) return true;
      const auto* member = llvm::dyn_cast<clang::MemberExpr>(&sub);
      if (member == nullptr) return false;
      const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
      if (!llvm::isa<clang::CXXThisExpr>(base)) return false;
      if (member->getMemberDecl() == &field_) return true;
      if (llvm::isa<clang::FieldDecl>(member->getMemberDecl())) field_bases.insert(base);
      return false;
    });
    return named || flow::contains(s, [&](const clang::Stmt& sub) {
             return llvm::isa<clang::CXXThisExpr>(sub) && field_bases.count(&sub) == 0;
           });
  }

  static bool has_jump(const clang::Stmt* s) {
    return flow::contains(s, [](const clang::Stmt& sub) {
      return llvm::isa<clang::ReturnStmt, clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt>(sub);
    });
  }

  /// `x = e;`, e not touching the field: a built-in assignment, a class's
  /// trivial or defaulted operator= (which reads nothing of the old value),
  /// or, in a template, an assignment whose operator is not known yet.
  bool assigns_field(const clang::Expr* e) const {
    const std::optional<Assignment> assignment = as_assignment(e);
    if (!assignment || !is_field(assignment->lhs) || touches(assignment->rhs)) return false;
    if (assignment->overloaded == nullptr) return true;
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(assignment->overloaded->getDirectCallee());
    if (method == nullptr) return assignment->overloaded->isTypeDependent();
    return method->isTrivial() || method->isDefaulted();
  }

  /// `std::tie(x, y) = f();`, f() not touching the field: std::tuple's
  /// operator= assigns each tied member whole.
  bool assigns_through_tie(const clang::Expr* e) const {
    const std::optional<Assignment> assignment = as_assignment(e);
    const auto tied = assignment ? std_tie_arguments(assignment->lhs) : std::nullopt;
    if (!tied || touches(assignment->rhs)) return false;
    return llvm::any_of(*tied, [&](const clang::Expr* arg) { return is_field(arg); });
  }

  /// `lo = hi = 0;`: a built-in assignment whose right side, evaluated
  /// first, assigns the field (without reading it), the left side not
  /// naming it.
  bool assigns_field_in_chain(const clang::Expr* e) const {
    for (int link = 0; link < 8; ++link) {
      const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreParenImpCasts());
      if (assign == nullptr || assign->getOpcode() != clang::BO_Assign || touches(assign->getLHS())) return false;
      e = assign->getRHS();
      if (assigns_field(e->IgnoreParenImpCasts())) return true;
    }
    return false;
  }

  /// `*this = Config(path);`, `*this = defaults();`: the class's own
  /// trivial or defaulted operator= gives every field the value of the
  /// right side's, a whole object built elsewhere (whose constructor is
  /// judged on its own), reading nothing of the old value. The right side
  /// must not name the field or hand on `this`.
  bool assigns_whole_object(const clang::Expr* e) const {
    const std::optional<Assignment> assignment = as_assignment(e);
    if (!assignment || touches(assignment->rhs)) return false;
    const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(assignment->lhs->IgnoreParenImpCasts());
    const auto* owner = llvm::dyn_cast<clang::CXXRecordDecl>(field_.getParent());
    if (deref == nullptr || deref->getOpcode() != clang::UO_Deref || owner == nullptr ||
        !llvm::isa<clang::CXXThisExpr>(deref->getSubExpr()->IgnoreParenImpCasts())) {
      return false;
    }
    const auto* method = assignment->overloaded != nullptr
                             ? llvm::dyn_cast_or_null<clang::CXXMethodDecl>(assignment->overloaded->getDirectCallee())
                             : nullptr;
    // In a class template the operator is not chosen yet: the implicit one
    // is, when the class declares none of its own.
    if (method == nullptr) return assignment->lhs->isTypeDependent() && !declares_own_assignment(*owner);
    return (method->isTrivial() || method->isDefaulted()) &&
           method->getParent()->getCanonicalDecl() == owner->getCanonicalDecl();
  }

  /// Does the class declare an operator= that is not defaulted (a member
  /// template included)?
  static bool declares_own_assignment(const clang::CXXRecordDecl& owner) {
    for (const clang::Decl* member : owner.decls()) {
      const clang::FunctionDecl* fn = member->getAsFunction();
      if (fn != nullptr && fn->getOverloadedOperator() == clang::OO_Equal && !fn->isImplicit() && !fn->isDefaulted()) {
        return true;
      }
    }
    return false;
  }

  /// `a.fill(v)` of a std::array field, `std::fill(a.begin(), a.end(), v)`
  /// or `std::fill(std::begin(a), std::end(a), v)`: every element written.
  bool fills_by_call(const clang::Expr* e) const {
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      return method != nullptr && method->getIdentifier() != nullptr && method->getName() == "fill" &&
             is_std_class(method->getParent(), {"array"}) && is_field(call->getImplicitObjectArgument()) &&
             !touches(call->getArg(0));
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
    if (fn == nullptr || fn->getIdentifier() == nullptr || fn->getName() != "fill" || !declared_in_std(fn) ||
        call->getNumArgs() != 3) {
      return false;
    }
    return is_end_of_field(call->getArg(0), "begin") && is_end_of_field(call->getArg(1), "end") &&
           !touches(call->getArg(2));
  }

  /// `a.begin()` / `std::begin(a)` (or end) of the field.
  bool is_end_of_field(const clang::Expr* e, llvm::StringRef which) const {
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      return method != nullptr && method->getIdentifier() != nullptr && method->getName() == which &&
             is_field(call->getImplicitObjectArgument());
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
    return fn != nullptr && fn->getIdentifier() != nullptr && fn->getName() == which && declared_in_std(fn) &&
           call->getNumArgs() == 1 && is_field(call->getArg(0));
  }

  /// A loop body that is one assignment (`x = e;` or `{ x = e; }`), or none.
  std::optional<Assignment> only_assignment(const clang::Stmt* body) const {
    if (const auto* block = llvm::dyn_cast_or_null<clang::CompoundStmt>(body)) {
      if (block->size() != 1) return std::nullopt;
      body = block->body_front();
    }
    const auto* e = llvm::dyn_cast_or_null<clang::Expr>(body);
    return e != nullptr ? as_assignment(e->IgnoreImplicit()->IgnoreParens()) : std::nullopt;
  }

  /// `for (int i = 0; i < N; ++i) a[i] = e;` over every element of an
  /// array field of N elements (N written as a constant, `std::size(a)` or
  /// `a.size()`), e not touching the field.
  bool fill_loop(const clang::ForStmt& loop) const {
    const std::optional<uint64_t> size = element_count();
    const clang::VarDecl* index = counter_from_zero(loop.getInit());
    if (!size || index == nullptr || !counts_up_by_one(loop.getInc(), *index) ||
        !runs_below(loop.getCond(), *index, *size)) {
      return false;
    }
    const std::optional<Assignment> assignment = only_assignment(loop.getBody());
    return assignment && assignment->overloaded == nullptr && is_element(assignment->lhs, *index) &&
           !touches(assignment->rhs);
  }

  /// `for (int& e : a) e = v;` over an array field of scalars (a C array or
  /// std::array), v touching neither the field nor the element: every
  /// element written once.
  bool fill_range_loop(const clang::CXXForRangeStmt& loop) const {
    const clang::VarDecl* element = loop.getLoopVariable();
    if (!element_count() || element == nullptr || !element->getType()->isReferenceType() ||
        element->getType().getNonReferenceType().isConstQualified() || loop.getInit() != nullptr ||
        !is_field(loop.getRangeInit())) {
      return false;
    }
    const std::optional<Assignment> assignment = only_assignment(loop.getBody());
    if (!assignment || assignment->overloaded != nullptr || touches(assignment->rhs)) return false;
    const auto* target = llvm::dyn_cast<clang::DeclRefExpr>(assignment->lhs->IgnoreParenImpCasts());
    const bool reads_element = flow::contains(assignment->rhs, [&](const clang::Stmt& sub) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
      return ref != nullptr && ref->getDecl() == element;
    });
    return target != nullptr && target->getDecl() == element && !reads_element;
  }

  /// The number of elements of the field: a C array or std::array of
  /// scalars (one write per element gives each its whole value).
  std::optional<uint64_t> element_count() const {
    const auto elements = elements_of(field_.getType(), ast_);
    if (!elements || !elements->second->isScalarType()) return std::nullopt;
    return elements->first;
  }

  /// `a[i]` of the field (built-in or std::array's operator[]).
  bool is_element(const clang::Expr* e, const clang::VarDecl& index) const {
    const std::optional<Subscript> sub = as_subscript(e->IgnoreParenImpCasts());
    if (!sub) return false;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(sub->index->IgnoreParenImpCasts());
    return ref != nullptr && ref->getDecl() == &index && is_field(sub->base);
  }

  /// `int i = 0` (any integer type): the loop's counter.
  static const clang::VarDecl* counter_from_zero(const clang::Stmt* init) {
    const auto* decl = llvm::dyn_cast_or_null<clang::DeclStmt>(init);
    if (decl == nullptr || !decl->isSingleDecl()) return nullptr;
    const auto* var = llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl());
    if (var == nullptr || !var->getType()->isIntegerType() || var->getInit() == nullptr) return nullptr;
    const auto* zero = llvm::dyn_cast<clang::IntegerLiteral>(var->getInit()->IgnoreParenImpCasts());
    return zero != nullptr && zero->getValue() == 0 ? var : nullptr;
  }

  static bool counts_up_by_one(const clang::Expr* inc, const clang::VarDecl& index) {
    const auto* op = llvm::dyn_cast_or_null<clang::UnaryOperator>(inc != nullptr ? inc->IgnoreParens() : nullptr);
    if (op == nullptr || !op->isIncrementOp()) return false;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getSubExpr()->IgnoreParenImpCasts());
    return ref != nullptr && ref->getDecl() == &index;
  }

  /// `i < N` where N is the element count: a constant, `std::size(a)`,
  /// or `a.size()` of the field.
  bool runs_below(const clang::Expr* cond, const clang::VarDecl& index, uint64_t size) const {
    const auto* op = llvm::dyn_cast_or_null<clang::BinaryOperator>(cond != nullptr ? cond->IgnoreParens() : nullptr);
    if (op == nullptr || op->getOpcode() != clang::BO_LT) return false;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getLHS()->IgnoreParenImpCasts());
    if (ref == nullptr || ref->getDecl() != &index) return false;
    const clang::Expr* bound = op->getRHS()->IgnoreParenImpCasts();
    if (std::optional<llvm::APSInt> value = bound->getIntegerConstantExpr(ast_)) {
      return value->isNonNegative() && value->getZExtValue() == size;
    }
    return is_size_of_field(bound);
  }

  bool is_size_of_field(const clang::Expr* e) const {
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      return method != nullptr && method->getIdentifier() != nullptr && method->getName() == "size" &&
             is_field(call->getImplicitObjectArgument());
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
    return fn != nullptr && fn->getIdentifier() != nullptr && fn->getName() == "size" && declared_in_std(fn) &&
           call->getNumArgs() == 1 && is_field(call->getArg(0));
  }
};

}  // namespace

bool constructor_body_sets(const clang::CXXConstructorDecl& ctor, const clang::FieldDecl& field,
                           clang::ASTContext& ast) {
  const clang::Stmt* body = ctor.getBody();
  if (body == nullptr) return false;
  const BodyWalk walk(field, ast);
  // The initialisers run before the body: one that reads the field
  // (`S() : y(x) { x = 1; }`, a default member initialiser `int y = x;`, a
  // base given it) reads it indeterminate.
  for (const clang::CXXCtorInitializer* init : ctor.inits()) {
    const clang::Expr* e = init->getInit();
    if (const auto* in_class = llvm::dyn_cast_or_null<clang::CXXDefaultInitExpr>(e)) e = in_class->getExpr();
    if (walk.reads(e)) return false;
  }
  // A function-try-block's handlers always rethrow: the try block decides.
  if (const auto* guarded = llvm::dyn_cast<clang::CXXTryStmt>(body)) body = guarded->getTryBlock();
  return walk.use_in(body, 0) == FieldUse::assigned;
}

}  // namespace meshwa::rules
