// What the analysis tracks and what changes it: a meshwa::Owned local, or an
// Owned field of a local struct (Place); the moves that empty it and the
// tests and swaps that look at it; the lambda a local holds; what a member
// function's body (with the member functions it calls on its object) does to
// its object's Owned fields (Summaries::summarise_fields), and whether a
// function moves its `Owned<T>&` parameter away (Summaries::moves_argument) or
// gives it a new value first (Summaries::refills_argument).
#include "UseAfterMove.h"

#include <map>
#include <optional>
#include <set>

#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"

namespace meshwa::rules::use_after_move {

namespace {

bool in_meshwa_namespace(const clang::Decl* d) {
  const clang::DeclContext* dc = d->getDeclContext();
  while (dc != nullptr && dc->isInlineNamespace()) dc = dc->getParent();
  const auto* ns = llvm::dyn_cast_or_null<clang::NamespaceDecl>(dc);
  return ns != nullptr && ns->getName() == "meshwa" && ns->getParent()->getRedeclContext()->isTranslationUnit();
}

bool in_std_ranges(const clang::Decl* d) {
  const clang::DeclContext* dc = d->getDeclContext();
  while (dc != nullptr && dc->isInlineNamespace()) dc = dc->getParent();
  const auto* ns = llvm::dyn_cast_or_null<clang::NamespaceDecl>(dc);
  return ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "ranges" &&
         ns->getParent()->getRedeclContext()->isStdNamespace();
}

/// `doc` / `this->doc`: an Owned field of the object the method runs on.
const clang::FieldDecl* own_owned_field(const clang::Expr* e) {
  const auto* member = e != nullptr ? llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts()) : nullptr;
  if (member == nullptr || !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return nullptr;
  const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
  return field != nullptr && is_owned(field->getType()) ? field : nullptr;
}

/// Does `s` run only on some paths through `body`: under an if, a loop, a
/// switch, a `?:`, the right of `&&`/`||`, or after an early return? A
/// member function may test its object's state before reading a field
/// (`if (!loaded_) return 0; return doc->n;`), which the caller's flow does
/// not see.
/// `first_return`: per block, its first statement holding a `return`
/// (nullptr for none; filled as blocks are met, so each is walked once).
bool runs_on_a_condition(const clang::ParentMap& parents, const clang::Stmt* s, const clang::Stmt* body,
                         const clang::SourceManager& sm,
                         std::map<const clang::CompoundStmt*, const clang::Stmt*>& first_return) {
  for (const clang::Stmt* child = s, *parent = parents.getParent(s); parent != nullptr && child != body;
       child = parent, parent = parents.getParent(parent)) {
    if (llvm::isa<clang::IfStmt, clang::SwitchStmt, clang::ForStmt, clang::WhileStmt, clang::DoStmt,
                  clang::CXXForRangeStmt, clang::AbstractConditionalOperator, clang::CXXTryStmt>(parent)) {
      return true;
    }
    if (const auto* logical = llvm::dyn_cast<clang::BinaryOperator>(parent);
        logical != nullptr && logical->isLogicalOp() && logical->getRHS() == child) {
      return true;
    }
    // An earlier statement of the block that may return.
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
      auto [at, fresh] = first_return.try_emplace(block, nullptr);
      if (fresh) {
        for (const clang::Stmt* statement : block->body()) {
          if (flow::contains(statement, [](const clang::Stmt& n) { return llvm::isa<clang::ReturnStmt>(n); })) {
            at->second = statement;
            break;
          }
        }
      }
      if (at->second != nullptr && at->second != child &&
          sm.isBeforeInTranslationUnit(at->second->getBeginLoc(), child->getBeginLoc())) {
        return true;
      }
    }
  }
  return false;
}

/// `refill(doc)`, `std::swap(doc, other)`: the field handed by non-const
/// reference to a call, which may give it a new value (taken as a refill:
/// what the call does is not followed).
bool handed_on_mutably(const clang::ParentMap& parents, const clang::Expr* field) {
  const clang::Stmt* parent = parents.getParent(field);
  while (llvm::isa_and_nonnull<clang::ParenExpr>(parent)) parent = parents.getParent(parent);
  if (const auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(parent)) {
    return op->getOperator() != clang::OO_Arrow && op->getOperator() != clang::OO_Star;
  }
  return llvm::isa_and_nonnull<clang::CallExpr, clang::CXXConstructExpr>(parent);
}

}  // namespace

/// A class of the program with an Owned field, directly or in a field of
/// such a class (`struct Box { meshwa::Owned<Doc> inner; };`).
bool Summaries::holds_owned_field(const clang::CXXRecordDecl* record, unsigned depth) {
  if (record == nullptr || depth > 4 || !record->hasDefinition() || record->isInStdNamespace()) return false;
  record = record->getDefinition();
  if (auto it = holds_owned_.find(record); it != holds_owned_.end()) return it->second;
  bool holds = false;
  for (const clang::FieldDecl* field : record->fields()) {
    if (is_owned(field->getType()) || holds_owned_field(field->getType()->getAsCXXRecordDecl(), depth + 1)) {
      holds = true;
      break;
    }
  }
  holds_owned_[record] = holds;
  return holds;
}

/// Are all the Owned fields of `record` its own (`doc`), none in a struct
/// field (`box.inner`, which the summary does not follow)?
bool Summaries::owned_fields_are_direct(const clang::CXXRecordDecl* record) {
  for (const clang::FieldDecl* field : record->getDefinition()->fields()) {
    if (!is_owned(field->getType()) && holds_owned_field(field->getType()->getAsCXXRecordDecl())) return false;
  }
  return true;
}

namespace {

/// Member functions called through member functions: how deep summaries
/// nest (`move2() { move_doc(); }` is two deep).
constexpr unsigned kMaxSummaryDepth = 4;

/// `move_doc()` / `this->move_doc()` in a member function's body: a call of
/// another member function on the same object, whose own summary then
/// counts as part of this one.
const clang::CXXMemberCallExpr* call_on_this(const clang::Stmt& s) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
  const auto* callee = call != nullptr ? llvm::dyn_cast<clang::MemberExpr>(call->getCallee()->IgnoreParens()) : nullptr;
  if (callee == nullptr || !llvm::isa<clang::CXXThisExpr>(callee->getBase()->IgnoreParenImpCasts())) return nullptr;
  return call;
}

}  // namespace

/// nullopt when the body is not followed: not visible, virtual, a class
/// with an Owned inside a struct field, a lambda in it (which may run later), `this` used other than to name a field
/// or to call a member function whose body is followed in turn (another
/// `*this` handed on, a member function not followed), which may do
/// anything to the fields, or a reference or pointer returned (`Owned<T>&
/// get() { return doc; }`: the caller may give the field a new value
/// through it). A followed member function called in the body adds its
/// effects at the call: `void move2() { move_doc(); }` moves what move_doc
/// moves; a call on a condition only tests what the callee reads.
std::optional<FieldEffects> Summaries::summarise_fields(const clang::CXXMethodDecl& method, unsigned depth) {
  const clang::CXXRecordDecl* record = method.getParent();
  if (method.getReturnType()->isReferenceType() || method.getReturnType()->isPointerType()) return std::nullopt;
  if (method.isVirtual() || method.isStatic() || record == nullptr || record->isLambda() ||
      in_meshwa_namespace(record) || record->isInStdNamespace() || !record->hasDefinition() ||
      !owned_fields_are_direct(record)) {
    return std::nullopt;
  }
  const clang::FunctionDecl* definition = nullptr;
  if (!method.hasBody(definition) || definition == nullptr || definition->getBody() == nullptr) return std::nullopt;
  const clang::Stmt* body = definition->getBody();
  // First, without a ParentMap: is `this` used only to name fields, and
  // does the body name an Owned field at all?
  bool opaque = false;
  bool names_owned = false;
  std::map<const clang::CXXMemberCallExpr*, const FieldEffects*> calls;  // followed calls on `this`
  std::set<const clang::Stmt*> callee_objects;                           // the `this` of each
  llvm::SmallVector<std::pair<const clang::Stmt*, const clang::Stmt*>, 64> stack{{body, nullptr}};
  while (!stack.empty() && !opaque) {
    auto [s, parent] = stack.pop_back_val();
    if (s == nullptr) continue;
    if (llvm::isa<clang::LambdaExpr>(s)) opaque = true;
    if (const clang::CXXMemberCallExpr* call = call_on_this(*s); call != nullptr && depth < kMaxSummaryDepth) {
      if (const FieldEffects* effects = field_effects(call->getMethodDecl(), depth + 1)) {
        calls.emplace(call, effects);
        callee_objects.insert(call->getImplicitObjectArgument()->IgnoreParenImpCasts());
        names_owned = names_owned || !effects->reads.empty() || !effects->moves.empty() || !effects->refills.empty();
      }
    }
    if (llvm::isa<clang::CXXThisExpr>(s) && callee_objects.count(s) == 0) {
      const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent);
      if (member == nullptr || !llvm::isa<clang::FieldDecl>(member->getMemberDecl())) opaque = true;
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(s); member != nullptr && own_owned_field(member)) {
      names_owned = true;
    }
    for (const clang::Stmt* child : s->children()) stack.push_back({child, s});
  }
  if (opaque) return std::nullopt;
  if (!names_owned) return FieldEffects{};
  std::set<const clang::FieldDecl*> reads, moves, refills, tests;
  // The ParentMap recurses as deep as the body nests.
  flow::with_stack_for(*definition, [&] {
    const clang::ParentMap parents(const_cast<clang::Stmt*>(body));
    std::map<const clang::CompoundStmt*, const clang::Stmt*> first_return;
    const clang::SourceManager& sm = definition->getASTContext().getSourceManager();
    flow::contains(body, [&](const clang::Stmt& s) {
      const auto* member = llvm::dyn_cast<clang::MemberExpr>(&s);
      const clang::FieldDecl* field = own_owned_field(member);
      if (field == nullptr) return false;
      const clang::Stmt* parent = flow::semantic_parent(parents, member);
      if (parent != nullptr && moved_operand(*parent) != nullptr) {
        moves.insert(field);
      } else if (flow::is_assigned_to(parents, member) || handed_on_mutably(parents, member)) {
        refills.insert(field);
      } else if (is_emptiness_test(parents, member)) {
        tests.insert(field);
      } else if (!runs_on_a_condition(parents, member, body, sm, first_return)) {
        reads.insert(field);
      } else {
        tests.insert(field);  // read under a test of the object's state (`if (!loaded_) return 0;`)
      }
      return false;
    });
    for (const auto& [call, callee] : calls) {
      const bool conditional = runs_on_a_condition(parents, call, body, sm, first_return);
      (conditional ? tests : reads).insert(callee->reads.begin(), callee->reads.end());
      moves.insert(callee->moves.begin(), callee->moves.end());
      refills.insert(callee->refills.begin(), callee->refills.end());
    }
  });
  FieldEffects effects;
  // A method that tests a field handles its empty case itself; one that
  // moves a field and assigns it again (a take-and-replace) leaves a value.
  // One that also gives the field a new value may read it only after that
  // (the order is not followed): not counted as a read either.
  for (const clang::FieldDecl* f : reads) {
    if (tests.count(f) == 0 && refills.count(f) == 0) effects.reads.push_back(f);
  }
  for (const clang::FieldDecl* f : moves) {
    if (refills.count(f) == 0) effects.moves.push_back(f);
  }
  effects.refills.assign(refills.begin(), refills.end());
  return effects;
}

/// The cached summary of `method`, computed at `depth` calls below the
/// function analysed. A member function met again while its own summary is
/// being made (recursion) is not followed: its entry holds nullopt until
/// the summary is done.
const FieldEffects* Summaries::field_effects(const clang::CXXMethodDecl* method, unsigned depth) {
  auto& cache = field_effects_;
  if (method == nullptr) return nullptr;
  method = method->getCanonicalDecl();
  auto it = cache.find(method);
  if (it == cache.end()) {
    it = cache.emplace(method, std::nullopt).first;
    std::optional<FieldEffects> summary = summarise_fields(*method, depth);
    it = cache.find(method);
    it->second = std::move(summary);
  }
  return it->second ? &*it->second : nullptr;
}

namespace {

/// Does `fn`'s visible body move its `Owned<T>&` parameter `param` away on
/// every path that uses it, without giving it a new value (`Owned<Doc>
/// take(Owned<Doc>& d) { return std::move(d); }`)? Not when the body holds
/// a lambda, tests the parameter, reads it first only on a condition,
/// hands it on by reference (which may refill it), or assigns it.
bool summarise_parameter_move(const clang::FunctionDecl& fn, const clang::ParmVarDecl* param) {
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
  if ((method != nullptr && method->isVirtual()) || fn.isInStdNamespace() || in_meshwa_namespace(&fn)) return false;
  const clang::FunctionDecl* definition = definition_with_body(&fn);
  if (definition == nullptr || param == nullptr) return false;
  param = definition->getParamDecl(param->getFunctionScopeIndex());
  const clang::Stmt* body = definition->getBody();
  if (flow::contains(body, [](const clang::Stmt& s) { return llvm::isa<clang::LambdaExpr>(s); })) return false;
  bool moved = false;
  bool other = false;
  flow::with_stack_for(*definition, [&] {
    const clang::ParentMap parents(const_cast<clang::Stmt*>(body));
    std::map<const clang::CompoundStmt*, const clang::Stmt*> first_return;
    const clang::SourceManager& sm = definition->getASTContext().getSourceManager();
    flow::contains(body, [&](const clang::Stmt& s) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
      if (ref == nullptr || ref->getDecl() != param) return false;
      const clang::Stmt* parent = flow::semantic_parent(parents, ref);
      if (parent != nullptr && moved_operand(*parent) != nullptr &&
          !runs_on_a_condition(parents, ref, body, sm, first_return)) {
        moved = true;
      } else {
        other = true;  // a test, a refill, a read: not followed
      }
      return other;
    });
  });
  return moved && !other;
}

/// Does `fn`'s visible body give its `Owned<T>&` parameter `param` a new
/// value before anything else touches it (`void refill(Owned<Doc>& d) { d =
/// meshwa::make_owned<Doc>(); }`)? Its first statement naming the parameter
/// is `param = value;` with a value not naming it, and no statement before
/// it can leave (return, throw, goto) or holds a lambda.
bool summarise_parameter_refill(const clang::FunctionDecl& fn, const clang::ParmVarDecl* param) {
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
  if ((method != nullptr && method->isVirtual()) || fn.isInStdNamespace() || in_meshwa_namespace(&fn)) return false;
  const clang::FunctionDecl* definition = definition_with_body(&fn);
  if (definition == nullptr || param == nullptr) return false;
  param = definition->getParamDecl(param->getFunctionScopeIndex());
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(definition->getBody());
  if (body == nullptr) return false;
  const auto names_param = [param](const clang::Stmt* s) {
    return flow::contains(s, [param](const clang::Stmt& sub) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
      return ref != nullptr && ref->getDecl() == param;
    });
  };
  const auto may_leave = [](const clang::Stmt* s) {
    return flow::contains(s, [](const clang::Stmt& sub) {
      return llvm::isa<clang::ReturnStmt, clang::CXXThrowExpr, clang::GotoStmt, clang::IndirectGotoStmt,
                       clang::CoreturnStmt, clang::LambdaExpr>(sub);
    });
  };
  for (const clang::Stmt* s : body->body()) {
    if (!names_param(s)) {
      if (may_leave(s)) return false;
      continue;
    }
    const auto* e = llvm::dyn_cast<clang::Expr>(s);
    const auto* assign = e != nullptr ? llvm::dyn_cast<clang::CXXOperatorCallExpr>(e->IgnoreImplicit()) : nullptr;
    if (assign == nullptr || assign->getOperator() != clang::OO_Equal || assign->getNumArgs() != 2) return false;
    const auto* target = llvm::dyn_cast<clang::DeclRefExpr>(assign->getArg(0)->IgnoreParenImpCasts());
    return target != nullptr && target->getDecl() == param && !names_param(assign->getArg(1));
  }
  return false;
}

/// The parameter that argument `k` of `call` binds to when it is a
/// non-const `Owned<T>&`; else null.
const clang::ParmVarDecl* owned_reference_parameter(const clang::CallExpr& call, unsigned k) {
  const clang::ParmVarDecl* param = flow::parameter_of_argument(call, k);
  if (param == nullptr) return nullptr;
  const clang::QualType type = param->getType();
  if (!type->isLValueReferenceType() || type.getNonReferenceType().isConstQualified() || !is_owned(type)) return nullptr;
  return param;
}

/// Is argument `k` of `call` a non-const `Owned<T>&` of which `summarise`
/// says yes for the callee's body? Asked once per parameter (`cache`).
bool summarised_once(std::map<const clang::ParmVarDecl*, bool>& cache,
                     bool (*summarise)(const clang::FunctionDecl&, const clang::ParmVarDecl*),
                     const clang::CallExpr& call, const clang::FunctionDecl& callee, unsigned k) {
  const clang::ParmVarDecl* param = owned_reference_parameter(call, k);
  if (param == nullptr) return false;
  auto [it, fresh] = cache.try_emplace(param, false);
  if (fresh) it->second = summarise(callee, param);
  return it->second;
}

}  // namespace

/// Does the callee's body move argument `k` (a non-const `Owned<T>&`) away?
bool Summaries::moves_argument(const clang::CallExpr& call, const clang::FunctionDecl& callee, unsigned k) {
  return summarised_once(parameter_moves_, summarise_parameter_move, call, callee, k);
}

/// Does the callee's body give argument `k` (a non-const `Owned<T>&`) a new
/// value first?
bool Summaries::refills_argument(const clang::CallExpr& call, const clang::FunctionDecl& callee, unsigned k) {
  return summarised_once(parameter_refills_, summarise_parameter_refill, call, callee, k);
}

namespace {

/// The call `e` is an argument of, when `does` (refills_argument,
/// moves_argument) says its callee's body does that to the argument; else
/// null.
template <class Does>
const clang::CallExpr* call_whose_body(const clang::ParentMap& parents, const clang::Expr* e, Does does) {
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(flow::semantic_parent(parents, e));
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || callee->getBuiltinID() != 0) return nullptr;
  for (unsigned k = 0; k < call->getNumArgs(); ++k) {
    if (call->getArg(k)->IgnoreParenImpCasts() == e) return does(*call, *callee, k) ? call : nullptr;
  }
  return nullptr;
}

}  // namespace

/// `refill(d)`: `d` (the expression `e`) handed to a non-const lvalue
/// reference parameter of a function whose body first gives it a new
/// value: the call, after which `d` holds one; else null.
const clang::CallExpr* Summaries::refilling_call(const clang::ParentMap& parents, const clang::Expr* e) {
  return call_whose_body(parents, e, [this](const clang::CallExpr& call, const clang::FunctionDecl& callee, unsigned k) {
    return refills_argument(call, callee, k);
  });
}

/// Does `call` hand an Owned lvalue to a parameter its body moves away?
bool Summaries::may_move_an_argument(const clang::Stmt& s) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || callee->getBuiltinID() != 0) return false;
  for (unsigned k = 0; k < call->getNumArgs(); ++k) {
    if (call->getArg(k)->isLValue() && is_owned(call->getArg(k)->getType()) && moves_argument(*call, *callee, k)) {
      return true;
    }
  }
  return false;
}

/// `take(d)`: `d` (the expression `e`) handed to a non-const lvalue
/// reference parameter of a function whose body moves it away (see
/// moves_argument): the call, which leaves `d` empty; else null.
const clang::CallExpr* Summaries::moving_call(const clang::ParentMap& parents, const clang::Expr* e) {
  return call_whose_body(parents, e, [this](const clang::CallExpr& call, const clang::FunctionDecl& callee, unsigned k) {
    return moves_argument(call, callee, k);
  });
}

bool is_owned(clang::QualType type) {
  if (type.isNull()) return false;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
  return spec != nullptr && spec->getName() == "Owned" && in_meshwa_namespace(spec);
}

/// A local variable or parameter of type meshwa::Owned<T> (or a reference to one).
const clang::VarDecl* owned_var(const clang::Expr* e) {
  if (e == nullptr) return nullptr;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  if (ref == nullptr) return nullptr;
  const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
  if (var == nullptr || !var->hasLocalStorage() || !is_owned(var->getType())) return nullptr;
  // `auto& alias = o;`: moving through the alias moves o (one handle, two
  // names), so both names are the variable they refer to.
  for (int depth = 0; depth < 8 && var->getType()->isReferenceType() && !llvm::isa<clang::ParmVarDecl>(var); ++depth) {
    const auto* init = var->getInit() != nullptr
                           ? llvm::dyn_cast<clang::DeclRefExpr>(var->getInit()->IgnoreParenImpCasts())
                           : nullptr;
    const auto* referent = init != nullptr ? llvm::dyn_cast<clang::VarDecl>(init->getDecl()) : nullptr;
    if (referent == nullptr || !referent->hasLocalStorage() || !is_owned(referent->getType())) break;
    var = referent;
  }
  return var;
}

/// std::exchange(o, {}) or std::exchange(o, Owned<T>()): o is left empty.
bool leaves_empty(const clang::Expr* replacement) {
  const clang::Expr* e = replacement->IgnoreImplicit();
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) return list->getNumInits() == 0;
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    return construct->getNumArgs() == 0 || construct->getConstructor()->isDefaultConstructor();
  }
  return llvm::isa<clang::CXXScalarValueInitExpr>(e);
}

/// std::move(x) or static_cast<Owned<T>&&>(x): the moved expression, else nullptr.
const clang::Expr* moved_operand(const clang::Stmt& s) {
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr) return nullptr;
    const bool in_std = callee->isInStdNamespace() && callee->getIdentifier() != nullptr;
    if (in_std && callee->getName() == "exchange" && call->getNumArgs() == 2) {
      return leaves_empty(call->getArg(1)) ? call->getArg(0) : nullptr;
    }
    if (call->getNumArgs() != 1) return nullptr;
    const unsigned builtin = callee->getBuiltinID();
    // std::forward<Owned<T>>(o) casts to an rvalue like std::move.
    const bool is_move = builtin == clang::Builtin::BImove || builtin == clang::Builtin::BIforward ||
                         (in_std && (callee->getName() == "move" || callee->getName() == "forward"));
    if (is_move && callee->getName() == "forward" && call->getType()->isLValueReferenceType()) return nullptr;
    return is_move ? call->getArg(0) : nullptr;
  }
  if (const auto* cast = llvm::dyn_cast<clang::CXXStaticCastExpr>(&s)) {
    if (cast->getTypeAsWritten()->isRValueReferenceType()) return cast->getSubExpr();
  }
  return nullptr;
}

/// Reads that are fine on an empty handle: x.has_value(), `if (x)`, `!x`.
bool is_emptiness_test(const clang::ParentMap& parents, const clang::Expr* ref) {
  const clang::Stmt* parent = flow::semantic_parent(parents, ref);
  const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent);
  if (member == nullptr) return false;
  const clang::ValueDecl* decl = member->getMemberDecl();
  if (llvm::isa<clang::CXXConversionDecl>(decl)) return true;  // explicit operator bool
  return decl->getIdentifier() != nullptr && decl->getName() == "has_value";
}

/// A local variable (or parameter) and the fields named after it with `.`:
/// b, b.inner, b.box.inner. Reference aliases of an Owned are resolved as
/// owned_var does.
std::optional<Place> local_path(const clang::Expr* e, unsigned depth) {
  if (e == nullptr || depth > 8) return std::nullopt;
  e = e->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    if (const clang::VarDecl* var = owned_var(ref)) return Place{var, {}};
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var == nullptr || !var->hasLocalStorage()) return std::nullopt;
    return Place{var, {}};
  }
  // `this` of a member function: its fields (`doc_`, `this->box_.inner`)
  // are named from it, with no root variable.
  if (llvm::isa<clang::CXXThisExpr>(e)) return Place{nullptr, {}};
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    if (field == nullptr) return std::nullopt;
    if (member->isArrow() && !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return std::nullopt;
    std::optional<Place> base = local_path(member->getBase(), depth + 1);
    if (!base) return std::nullopt;
    base->fields.push_back(field);
    return base;
  }
  return std::nullopt;
}

/// The tracked handle `e` names: an Owned local, or an Owned field of a local.
std::optional<Place> owned_place(const clang::Expr* e) {
  if (e == nullptr) return std::nullopt;
  if (const clang::VarDecl* var = owned_var(e)) return Place{var, {}};
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts());
  if (member == nullptr || !is_owned(member->getType())) return std::nullopt;
  std::optional<Place> place = local_path(member);
  if (place && place->fields.empty()) return std::nullopt;
  return place;
}

/// `p.move_doc()` on a local struct `p` (or a field of one) whose method's
/// effects are followed: the object's place and those effects.
std::optional<std::pair<Place, const FieldEffects*>> Summaries::followed_member_call(const clang::Stmt& s) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
  if (call == nullptr) return std::nullopt;
  const auto* callee = llvm::dyn_cast<clang::MemberExpr>(call->getCallee()->IgnoreParens());
  if (callee == nullptr ||
      (callee->isArrow() && !llvm::isa<clang::CXXThisExpr>(callee->getBase()->IgnoreParenImpCasts()))) {
    return std::nullopt;
  }
  const FieldEffects* effects = field_effects(call->getMethodDecl(), 0);
  if (effects == nullptr) return std::nullopt;
  std::optional<Place> object = local_path(call->getImplicitObjectArgument());
  if (!object) return std::nullopt;
  return std::make_pair(*object, effects);
}

void Summaries::clear() {
  holds_owned_.clear();
  field_effects_.clear();
  parameter_moves_.clear();
  parameter_refills_.clear();
}

/// `object` + `field`: p.doc.
Place field_of(const Place& object, const clang::FieldDecl* field) {
  Place place = object;
  place.fields.push_back(field);
  return place;
}

/// std::swap(a, b) (also found through `using std::swap;`) or
/// std::ranges::swap(a, b): its two operands, else {nullptr, nullptr}.
std::pair<const clang::Expr*, const clang::Expr*> swap_operands(const clang::Stmt& s) {
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
    if (op->getOperator() != clang::OO_Call || op->getNumArgs() != 3) return {nullptr, nullptr};
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getArg(0)->IgnoreParenImpCasts());
    if (ref == nullptr || ref->getDecl()->getIdentifier() == nullptr || ref->getDecl()->getName() != "swap" ||
        !in_std_ranges(ref->getDecl())) {
      return {nullptr, nullptr};
    }
    return {op->getArg(1), op->getArg(2)};
  }
  const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
  if (call == nullptr || llvm::isa<clang::CXXMemberCallExpr>(call) || call->getNumArgs() != 2) return {nullptr, nullptr};
  const clang::FunctionDecl* callee = call->getDirectCallee();
  if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
      callee->getName() != "swap") {
    return {nullptr, nullptr};
  }
  return {call->getArg(0), call->getArg(1)};
}

/// `auto f = [&in] { ... };`: the lambda a local variable holds, else null.
const clang::LambdaExpr* lambda_of(const clang::VarDecl* var) {
  if (var == nullptr || var->getInit() == nullptr || var->getType()->isReferenceType()) return nullptr;
  const clang::Expr* init = var->getInit()->IgnoreImplicit();
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init); construct != nullptr && construct->getNumArgs() == 1) {
    init = construct->getArg(0)->IgnoreImplicit();
  }
  return llvm::dyn_cast<clang::LambdaExpr>(init);
}

}  // namespace meshwa::rules::use_after_move
