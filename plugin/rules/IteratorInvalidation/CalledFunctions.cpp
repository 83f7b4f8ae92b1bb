// Changes made by called functions with a visible body: member functions on
// this object, a local or a member (to a bounded depth), lambdas called in
// the body, and free functions handed a container by non-const reference.
// Each yields MemberEffects, applied at the call as the caller names the
// containers.

#include <algorithm>
#include <numeric>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "IteratorInvalidation.h"
#include "TypeUtil.h"

namespace meshwa::rules::iterator_invalidation {

namespace {

/// A try block anywhere under `body` (lambdas aside).
bool has_try(const clang::Stmt* body) {
  return flow::contains_outside_lambdas(body, [](const clang::Stmt& s) { return llvm::isa<clang::CXXTryStmt>(s); });
}

/// A way out of `s` other than an exception or the end of `s`: return,
/// break, continue, goto (or a label or case a jump may enter by).
bool may_jump(const clang::Stmt* s) {
  return flow::contains_outside_lambdas(s, [](const clang::Stmt& sub) {
    return llvm::isa<clang::ReturnStmt, clang::BreakStmt, clang::ContinueStmt, clang::GotoStmt, clang::IndirectGotoStmt,
                     clang::LabelStmt, clang::SwitchCase, clang::CoreturnStmt>(sub);
  });
}

/// The statements of `body` after which a throw out of the function
/// surely comes: those under a statement of a block whose later statement
/// `throw ...;` is reached from it with no jump between (CLI11's
/// `remove_option(opt); throw IncorrectConstruction(...);`). None when the
/// body has a try block, which could catch that throw and go on, or is a
/// coroutine's, whose promise takes the exception and returns.
std::set<const clang::Stmt*> followed_by_throw(const clang::Stmt* body) {
  std::set<const clang::Stmt*> doomed;
  if (body == nullptr || has_try(body) || llvm::isa<clang::CoroutineBodyStmt>(body)) return doomed;
  flow::contains_outside_lambdas(body, [&](const clang::Stmt& s) {
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(&s);
    if (block == nullptr) return false;
    const llvm::SmallVector<const clang::Stmt*, 16> items(block->body_begin(), block->body_end());
    for (size_t j = items.size(); j-- > 0;) {
      const auto* thrown = llvm::dyn_cast<clang::Expr>(items[j]);
      if (thrown == nullptr || !llvm::isa<clang::CXXThrowExpr>(thrown->IgnoreImplicit())) continue;
      for (size_t i = j + 1; i-- > 0;) {
        if (i != j && may_jump(items[i])) break;
        // Not below a statement already marked: each is marked once however
        // many throws follow it.
        flow::contains(
            items[i], [](const clang::Stmt&) { return false; },
            [&](const clang::Stmt& sub) { return llvm::isa<clang::LambdaExpr>(sub) || !doomed.insert(&sub).second; });
      }
    }
    return false;
  });
  return doomed;
}

}  // namespace

/// Is `call` inside a try block (or a handler) of the function analysed?
bool Analysis::inside_try(const clang::Stmt& call) const {
  for (const clang::Stmt* s = parents_.getParent(&call); s != nullptr; s = parents_.getParent(s)) {
    if (llvm::isa<clang::CXXTryStmt, clang::CXXCatchStmt>(s)) return true;
  }
  return false;
}

/// The fields `e` names relative to `this`: this->items_, cache_.entries.
Path Analysis::this_relative_path(const clang::Expr* e) {
  Path path;
  for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
    e = e->IgnoreParenImpCasts();
    if (llvm::isa<clang::CXXThisExpr>(e)) {
      std::reverse(path.begin(), path.end());
      return path;
    }
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
    const auto* field = member != nullptr ? llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl()) : nullptr;
    if (field == nullptr) return {};
    // Only the object's own fields: this->p_->items is somebody else's.
    if (member->isArrow() && !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return {};
    path.push_back(field);
    e = member->getBase();
  }
  return {};
}

/// The body of a member function that may change containers and is followed
/// into: not const, not static, not the standard library's (judged by name).
const clang::FunctionDecl* Analysis::followed_body(const clang::CXXMethodDecl* method) {
  if (method == nullptr || method->isConst() || method->isStatic() || method->isInStdNamespace()) return nullptr;
  return definition_with_body(method);
}

/// The invalidating calls in `body` (not inside nested lambdas) on the
/// containers `path_of` names (an empty Path: not one of interest), and
/// through `add_nested(callee, prefix, call)` what the member functions called
/// on them, or on this when `follow_this`, do. member_effects and
/// lambda_effects differ only in those three.
template <class PathOf, class AddNested>
void Analysis::walk_effects(const clang::Stmt* body, PathOf path_of, bool follow_this, AddNested add_nested,
                            std::vector<MemberEffect>& out) {
  llvm::SmallVector<const clang::Stmt*, 64> stack{body};
  while (!stack.empty()) {
    const clang::Stmt* s = stack.pop_back_val();
    if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) continue;
    for (const clang::Stmt* child : s->children()) stack.push_back(child);
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(s)) {
      const clang::CXXMethodDecl* callee = call->getMethodDecl();
      const clang::Expr* object = call->getImplicitObjectArgument();
      if (callee == nullptr || callee->isConst() || object == nullptr) continue;
      if (llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts())) {
        if (follow_this) add_nested(callee, {}, s);
        continue;
      }
      Path p = path_of(object);
      if (p.empty()) continue;
      if (kind_of(p.back()) == Kind::none) {
        add_nested(callee, p, s);  // cache_.insert(k) on a member object of a class of its own
        continue;
      }
      // (`name_.operator=(other.name_)`: how clang writes an implicit
      // assignment operator's member-wise assignments.)
      const char* spelling = clang::getOperatorSpelling(callee->getOverloadedOperator());
      const std::string name = callee->getIdentifier() != nullptr ? callee->getName().str()
                               : callee->getOverloadedOperator() != clang::OO_None && spelling != nullptr
                                   ? std::string("operator") + spelling
                                   : std::string();
      if (name.empty()) continue;
      Effect effect = effect_for(p.back(), name, call->getNumArgs(), takes_key(*callee));
      const clang::Expr* key = effect == Effect::key && call->getNumArgs() > 0 ? call->getArg(0) : nullptr;
      // Which element an erase(it) in there removes is unknown here.
      if (effect == Effect::argument) effect = Effect::key;
      if (effect != Effect::none) out.push_back({p, effect, key, s, name});
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s)) {
      if (op->getNumArgs() == 0) continue;
      const auto* callee = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getDirectCallee());
      if (callee == nullptr || callee->isConst()) continue;
      Path p = path_of(op->getArg(0));
      if (p.empty() || kind_of(p.back()) == Kind::none) continue;
      const char* spelling = clang::getOperatorSpelling(op->getOperator());
      const std::string name = std::string("operator") + (spelling != nullptr ? spelling : "");
      const Effect effect = effect_for(p.back(), name, op->getNumArgs() - 1, false);
      if (effect != Effect::none) out.push_back({p, effect, nullptr, s, name});
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
      // std::erase(items_, x), std::erase_if(items_, pred), std::swap(items_, other)
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr) continue;
      const llvm::StringRef fname = callee->getName();
      if (fname != "erase" && fname != "erase_if" && fname != "swap" && fname != "exchange") continue;
      for (unsigned k = 0; k < call->getNumArgs() && k < (fname == "swap" ? 2u : 1u); ++k) {
        Path p = path_of(call->getArg(k));
        if (p.empty() || kind_of(p.back()) == Kind::none) continue;
        const Effect effect = fname == "swap"       ? Effect::all
                              : fname == "exchange" ? effect_for(p.back(), "operator=", 1, false)
                                                    : effect_for(p.back(), "erase", 2, false);
        if (effect != Effect::none) out.push_back({p, effect, nullptr, s, ("std::" + fname).str()});
      }
    }
  }
}

/// What calling `method` may do to its object's containers: the
/// invalidating calls in its visible body on the object's own members, and
/// (to a bounded depth) those of the member functions it calls on the
/// object or on one of its members. Lambda bodies are not followed (they
/// need not run); unknown bodies do nothing.
const std::vector<Analysis::MemberEffect>& Analysis::member_effects(const clang::CXXMethodDecl* method,
                                                                    unsigned depth) {
  static const std::vector<MemberEffect> kNone;
  const clang::FunctionDecl* definition = followed_body(method);
  if (definition == nullptr || depth > kMaxCallDepth) return kNone;
  auto cached = effects_.find(definition);
  if (cached != effects_.end()) return cached->second;
  effects_[definition];  // in progress: a recursive call sees no effects
  std::vector<MemberEffect> out;
  // A change followed, on every way on, by a throw out of this body: done
  // only when the call does not return (see MemberEffect).
  const std::set<const clang::Stmt*> doomed = followed_by_throw(definition->getBody());
  const bool catches = has_try(definition->getBody());
  auto add_nested = [&](const clang::CXXMethodDecl* callee, const Path& prefix, const clang::Stmt* call) {
    for (const MemberEffect& e : member_effects(callee, depth + 1)) {
      MemberEffect copy = e;
      copy.path.insert(copy.path.begin(), prefix.begin(), prefix.end());
      copy.only_when_throwing = doomed.count(call) != 0 || (e.only_when_throwing && !catches);
      out.push_back(std::move(copy));
    }
  };
  walk_effects(definition->getBody(), [&](const clang::Expr* e) { return this_relative_path(e); }, true, add_nested, out);
  for (MemberEffect& e : out) {
    if (doomed.count(e.inner) != 0) e.only_when_throwing = true;
  }
  // Children were pushed in reverse; report the first change in the body
  // first. Effects of one statement (std::swap's two arguments) keep their
  // order: sorted by (place, index), since libstdc++'s std::stable_sort
  // uses the deprecated std::get_temporary_buffer.
  std::vector<unsigned> order(out.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](unsigned a, unsigned b) {
    const clang::SourceLocation la = out[a].inner->getBeginLoc();
    const clang::SourceLocation lb = out[b].inner->getBeginLoc();
    if (ctx_.sources().isBeforeInTranslationUnit(la, lb)) return true;
    if (ctx_.sources().isBeforeInTranslationUnit(lb, la)) return false;
    return a < b;
  });
  std::vector<MemberEffect> sorted;
  sorted.reserve(out.size());
  for (unsigned i : order) sorted.push_back(std::move(out[i]));
  return effects_[definition] = std::move(sorted);
}

/// `add(x)` / `this->reset()` / `cache.insert(k)` / `other.rebuild()`: a
/// call of a member function with a visible body on this object, a local
/// or a member (not on a container itself): applies what its body does to
/// that object's containers. False when the call is not such a call.
bool Analysis::apply_member_call(const clang::CXXMemberCallExpr& call, flow::State& state) {
  return apply_member_effects(call, call.getMethodDecl(), call.getImplicitObjectArgument(), state);
}

/// `u = User{}` / `u = other`: the assignment operator of a class of the
/// program (written, or the implicit member-wise one clang defines where it
/// is used), applied as apply_member_call applies a member function: each
/// member container it assigns may drop what handles into it refer to.
bool Analysis::apply_assignment(const clang::CXXOperatorCallExpr& op, flow::State& state) {
  if (op.getOperator() != clang::OO_Equal || op.getNumArgs() != 2) return false;
  const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op.getDirectCallee());
  if (method == nullptr || !(method->isCopyAssignmentOperator() || method->isMoveAssignmentOperator())) return false;
  return apply_member_effects(op, method, op.getArg(0), state);
}

/// What `method`, called on `object` at `call`, does to that object's
/// containers (member_effects), applied to the handles into them.
bool Analysis::apply_member_effects(const clang::Stmt& call, const clang::CXXMethodDecl* method,
                                    const clang::Expr* object, flow::State& state) {
  if (method == nullptr || object == nullptr || followed_body(method) == nullptr) return false;
  Path base;
  if (!llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts())) {
    base = container_path(object);
    if (base.empty() || kind_of(base.back()) != Kind::none) return false;
  }
  const std::vector<MemberEffect>& effects = member_effects(method);
  for (const MemberEffect& e : effects) {
    // Done only when the call throws: if nothing here catches that, the
    // function leaves at the call and no handle is used after it.
    if (e.only_when_throwing && accessor_depth_ == 0 && !inside_try(call)) continue;
    Path p = base;
    p.append(e.path.begin(), e.path.end());
    for (unsigned i : invalidate(call, p, e.effect, e.key, state)) via_.try_emplace({&call, i}, &e);
  }
  mutators_[&call] = method->getNameAsString();
  return true;
}

/// The lambda a call `f()` runs: `[&v] {...}()` itself, or the lambda a
/// local `auto f = [&v] {...};` was initialised with (a closure cannot be
/// reassigned). nullptr otherwise (a std::function, a generic lambda).
const clang::LambdaExpr* Analysis::called_lambda(const clang::CXXOperatorCallExpr& call) {
  if (call.getOperator() != clang::OO_Call || call.getNumArgs() == 0) return nullptr;
  const clang::Expr* callee = call.getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(callee)) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var == nullptr || !var->hasLocalStorage() || var->getInit() == nullptr) return nullptr;
    callee = var->getInit();
    for (int depth = 0; depth < 8; ++depth) {
      callee = callee->IgnoreImplicit()->IgnoreParenImpCasts();
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(callee);
      if (construct == nullptr || construct->getNumArgs() != 1) break;
      callee = construct->getArg(0);
    }
  }
  const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(callee);
  if (lambda == nullptr || lambda->getCallOperator() == nullptr ||
      lambda->getCallOperator()->getDescribedFunctionTemplate() != nullptr) {
    return nullptr;
  }
  return lambda;
}

/// What calling `lambda` does to the containers it reaches by reference
/// (`[&v]`, `[&]`, `this` for members): the invalidating calls in its
/// body, and what member functions it calls on this object or on a
/// captured object do (member_effects). Paths are the caller's own
/// (`v`, `items_`). A container captured by copy is the lambda's own.
const std::vector<Analysis::MemberEffect>& Analysis::lambda_effects(const clang::LambdaExpr& lambda) {
  auto cached = lambda_effects_.find(&lambda);
  if (cached != lambda_effects_.end()) return cached->second;
  std::vector<MemberEffect>& out = lambda_effects_[&lambda];
  bool this_captured = false;
  std::set<const clang::ValueDecl*> by_reference;
  for (const clang::LambdaCapture& capture : lambda.captures()) {
    if (capture.capturesThis()) this_captured = true;
    if (capture.capturesVariable() && capture.getCaptureKind() == clang::LCK_ByRef) {
      by_reference.insert(capture.getCapturedVar());
    }
  }
  auto reaches = [&](const Path& p) {
    if (p.empty()) return false;
    return llvm::isa<clang::FieldDecl>(p.front()) ? this_captured : by_reference.count(p.front()) != 0;
  };
  auto add_nested = [&](const clang::CXXMethodDecl* callee, const Path& prefix, const clang::Stmt* /*call*/) {
    for (const MemberEffect& e : member_effects(callee)) {
      MemberEffect copy = e;
      copy.path.insert(copy.path.begin(), prefix.begin(), prefix.end());
      copy.only_when_throwing = false;  // this body may catch the throw and go on
      out.push_back(std::move(copy));
    }
  };
  auto reached_path = [&](const clang::Expr* e) {
    Path p = container_path(e);
    return reaches(p) ? p : Path{};
  };
  walk_effects(lambda.getBody(), reached_path, this_captured, add_nested, out);
  // The first change in the body first (children were pushed in reverse).
  std::sort(out.begin(), out.end(), [&](const MemberEffect& a, const MemberEffect& b) {
    return ctx_.sources().isBeforeInTranslationUnit(a.inner->getBeginLoc(), b.inner->getBeginLoc());
  });
  return out;
}

/// `show()` of a local lambda `auto show = [&] { use(*it); };` (or `[=]`,
/// `[it]`): the handles it captures are used when it runs, by reference
/// or through the copy it took when it was made (of the same element).
void Analysis::use_captured_handles(const clang::CXXOperatorCallExpr& call, const flow::State& state) {
  const clang::LambdaExpr* lambda = called_lambda(call);
  if (lambda == nullptr) return;
  for (const clang::LambdaCapture& capture : lambda->captures()) {
    if (!capture.capturesVariable()) continue;
    const auto* var = llvm::dyn_cast<clang::VarDecl>(capture.getCapturedVar());
    const int i = var != nullptr ? slot_of(var) : -1;
    if (i < 0 || state[i] == nullptr) continue;
    findings_.push_back({call.getExprLoc(), static_cast<unsigned>(i), state[i]});
  }
}

/// `add()` of a local lambda `auto add = [&v] { v.push_back(1); };` (or a
/// lambda called where it is written): applies what its body does to the
/// containers it captures by reference. False when the call is not one,
/// or its body changes none.
bool Analysis::apply_lambda_call(const clang::CXXOperatorCallExpr& call, flow::State& state) {
  const clang::LambdaExpr* lambda = called_lambda(call);
  if (lambda == nullptr) return false;
  const std::vector<MemberEffect>& effects = lambda_effects(*lambda);
  if (effects.empty()) return false;
  for (const MemberEffect& e : effects) {
    for (unsigned i : invalidate(call, e.path, e.effect, e.key, state)) via_.try_emplace({&call, i}, &e);
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(call.getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts());
  mutators_[&call] = ref != nullptr ? ref->getDecl()->getNameAsString() : std::string("the lambda");
  return true;
}

/// The free function (or static member function) of the program a call
/// runs, with a visible body: `fill(items, x)`. nullptr for anything else
/// (member calls and operators are followed elsewhere, std functions by
/// name).
const clang::FunctionDecl* Analysis::followed_free_function(const clang::CallExpr& call) {
  if (llvm::isa<clang::CXXMemberCallExpr, clang::CXXOperatorCallExpr>(call)) return nullptr;
  const clang::FunctionDecl* callee = call.getDirectCallee();
  if (callee == nullptr || declared_in_std(callee)) return nullptr;
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee); method != nullptr && !method->isStatic()) {
    return nullptr;
  }
  return definition_with_body(callee);
}

/// A parameter through which the function can change its caller's
/// container: a reference to non-const (`std::vector<T>& out`).
bool Analysis::changes_through(const clang::ParmVarDecl& param) {
  const clang::QualType type = param.getType();
  return type->isLValueReferenceType() && !type.getNonReferenceType().isConstQualified();
}

/// What `definition`'s body does to the containers its parameter `param`
/// names (the parameter itself, or its fields: `out.items`), and what the
/// member functions it calls on them do. Paths start at `param`.
const std::vector<Analysis::MemberEffect>& Analysis::parameter_effects(const clang::FunctionDecl& definition,
                                                                       const clang::ParmVarDecl* param) {
  auto cached = parameter_effects_.find(param);
  if (cached != parameter_effects_.end()) return cached->second;
  std::vector<MemberEffect> out;
  auto add_nested = [&](const clang::CXXMethodDecl* callee, const Path& prefix, const clang::Stmt* /*call*/) {
    for (const MemberEffect& e : member_effects(callee)) {
      MemberEffect copy = e;
      copy.path.insert(copy.path.begin(), prefix.begin(), prefix.end());
      copy.only_when_throwing = false;  // this body may catch the throw and go on
      out.push_back(std::move(copy));
    }
  };
  auto through_param = [&](const clang::Expr* e) {
    Path p = container_path(e);
    return !p.empty() && p.front() == param ? p : Path{};
  };
  walk_effects(definition.getBody(), through_param, false, add_nested, out);
  std::sort(out.begin(), out.end(), [&](const MemberEffect& a, const MemberEffect& b) {
    return ctx_.sources().isBeforeInTranslationUnit(a.inner->getBeginLoc(), b.inner->getBeginLoc());
  });
  return parameter_effects_[param] = std::move(out);
}

/// `fill(items, x)` with `void fill(std::vector<T>& out, ...)` whose
/// visible body does `out.push_back(...)`: applies what the body does
/// through each non-const reference parameter to the container handed to
/// it. Only one level deep: calls the body makes to other free functions
/// are not followed. False when the call is no such call, or changes
/// nothing.
bool Analysis::apply_free_call(const clang::CallExpr& call, flow::State& state) {
  const clang::FunctionDecl* definition = followed_free_function(call);
  if (definition == nullptr) return false;
  bool changes = false;
  for (unsigned i = 0; i < call.getNumArgs() && i < definition->getNumParams(); ++i) {
    const clang::ParmVarDecl* param = definition->getParamDecl(i);
    if (!changes_through(*param)) continue;
    const Path base = container_path(call.getArg(i));
    if (base.empty()) continue;
    for (const MemberEffect& e : parameter_effects(*definition, param)) {
      // The change as the caller names it: `items` for the body's `out`.
      MemberEffect& rebased = rebased_effects_.emplace_back(e);
      rebased.body_path = e.path;
      rebased.path = base;
      rebased.path.append(e.path.begin() + 1, e.path.end());
      for (unsigned h : invalidate(call, rebased.path, e.effect, e.key, state)) via_.try_emplace({&call, h}, &rebased);
      changes = true;
    }
  }
  if (changes) mutators_[&call] = definition->getNameAsString();
  return changes;
}

}  // namespace meshwa::rules::iterator_invalidation
