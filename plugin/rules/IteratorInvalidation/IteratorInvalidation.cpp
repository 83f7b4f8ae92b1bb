// meshwa-iterator-invalidation: an iterator, reference, pointer or view into a
// standard container used after a call that may have invalidated it
// (push_back, insert, erase, clear, resize, reserve, emplace*, assignment,
// ...) in the same function. The classic cases:
//   for (auto it = v.begin(); it != v.end(); ++it) if (*it == 0) v.push_back(1);
//   for (auto& x : v) v.push_back(x);          // the loop's own iterators
//   for (auto it = m.begin(); it != m.end(); ++it) if (bad(*it)) m.erase(it);
// Intraprocedural and flow-sensitive over the CFG (Flow.h): what matters is
// whether some path leads from the invalidating call to a use without the
// iterator being assigned anew in between (`it = v.erase(it)` is the fix,
// not a use). The invalidation rules follow the standard per container:
//   vector, string:        any insertion, erasure, resize, reserve, assignment
//                          (vector: not a push_back/emplace_back within the
//                          capacity a reserve in the function provably made,
//                          growth_within_capacity)
//   deque:                 insertion/erasure; push/emplace at either end keep
//                          references valid but not iterators
//   unordered_*:           insertion may rehash: iterators (not references)
//   list, map, set, ...:   only the erased element (erase(it) invalidates it)
//                          and clear/assignment/swap; erase(key) (also on
//                          unordered_*) every handle into the container,
//                          unless the handle was looked up with another
//                          constant key (m.at(1) ... m.erase(2))
//   queue, stack,          what the call does to the underlying container:
//   priority_queue:        pop() every handle (front()/top() refer to the
//                          element it destroys; priority_queue reorders),
//                          push/emplace as push_back on the container
//   unique_ptr, optional,  reset/release/emplace/assignment/swap destroy the
//   variant, any, meshwa:: value that *p, p->, p.get(), o.value(),
//   Shared and Result;     std::get<T>(v), std::get_if<T>(&v),
//   shared_ptr where it    std::any_cast<T&>(a) refer to
//   may hold the last
//   reference (kind_of):
//   meshwa::Owned:         moving it away (std::move(o) to anything: the
//                          receiver may free the value), assignment, swap
//                          and exchange: what *o / o->m referred to (only
//                          handles taken through it, not values read from it)
// std::vector<bool>::reference (a proxy for a bit of the storage) is a
// reference like bool&, its iterators are iterators. A
// std::reference_wrapper<T> or std::optional of one is a reference that
// assignment rebinds; a handle derived through a reference variable or a
// wrapper is into what it referred to when the handle was taken.
// Tracked: local variables (also the implicit iterators of range-for) that are
// derived from a container named by a variable or a member (v, this->items_,
// order.items) through begin()/find()/operator[]/front()/data()/..., or from
// another tracked variable (auto& x = *it). A call of a member function with
// a visible body (on this, a local, or a member object) counts as the
// invalidating changes its body makes to the object's own containers,
// transitively through further member calls (bounded depth); what other
// functions do with the container is not followed.
//
// Findings on adaptors and erase(key) carry a second note where the handle
// was taken: the call that invalidates it does not name it.
#include <memory>
#include <set>

#include "IteratorInvalidation.h"
#include "Flow.h"

namespace meshwa::rules::iterator_invalidation {

void Analysis::run() {
  collect(fn_.getBody());
  if (tracked_.empty()) return;
  if (accessor_depth_ == 0) within_capacity_ = growth_within_capacity(fn_.getBody(), parents_, ctx_.ast);
  number_bindings();
  collect_transfers(fn_.getBody());
  note_scopes();
  number_carried();
  index_handles();
  number_assigned();
  std::unique_ptr<clang::CFG> cfg = flow::build_cfg(fn_, ctx_.ast, /*lifetimes=*/true);
  if (cfg == nullptr) return;
  flow::run_forward(
      *cfg, tracked_.size() + bindings_.size() + carried_.size() + assigned_slots_,
      [&](const clang::Stmt& s, flow::State& state, bool report) { transfer(s, state, report); },
      [&](const clang::VarDecl& var, const clang::Stmt* trigger, flow::State& state) {
        destroyed(var, trigger, state);
        forget(var, state);
      });
  emit();
}

namespace {

/// Cheap pre-filter: a non-const member call with a mutating name, an
/// assignment or std::erase/erase_if/swap somewhere in the body.
bool may_mutate_a_container(const clang::Stmt* body) {
  return flow::contains(body, [](const clang::Stmt& s) {
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method == nullptr || method->isConst()) return false;
      // A member function whose body may change a container (followed).
      if (method->hasBody() && !method->isStatic() && !method->isInStdNamespace()) return true;
      return container_kind(call->getImplicitObjectArgument()->getType()) != Kind::none ||
             is_shared_ptr(call->getImplicitObjectArgument()->getType());
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
      // (in >> s reads into its second operand)
      if (op->getOperator() == clang::OO_GreaterGreater && op->getNumArgs() == 2 &&
          container_kind(op->getArg(1)->getType()) != Kind::none) {
        return true;
      }
      // An assignment of a class of the program (followed: apply_assignment).
      if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && op->getArg(0)->getType()->isRecordType() &&
          !op->getArg(0)->getType()->getAsCXXRecordDecl()->isInStdNamespace()) {
        return true;
      }
      return op->getNumArgs() > 0 &&
             (container_kind(op->getArg(0)->getType()) != Kind::none || is_shared_ptr(op->getArg(0)->getType()));
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      // A function of the program handed a container, or an object that may
      // hold one, by non-const reference (followed).
      if (callee != nullptr && !callee->isInStdNamespace() && callee->hasBody() &&
          !llvm::isa<clang::CXXMemberCallExpr, clang::CXXOperatorCallExpr>(call)) {
        for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
          const clang::QualType param = callee->getParamDecl(i)->getType();
          const clang::QualType arg = call->getArg(i)->getType();
          if (param->isLValueReferenceType() && !param.getNonReferenceType().isConstQualified() &&
              (container_kind(arg) != Kind::none || arg->isRecordType())) {
            return true;
          }
        }
      }
      return callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
             (callee->getName() == "erase" || callee->getName() == "erase_if" || callee->getName() == "swap" ||
              callee->getName() == "exchange" || callee->getName() == "getline" ||
              ((callee->getName() == "move" || callee->getName() == "forward") && call->getNumArgs() == 1 &&
               container_kind(call->getArg(0)->getType()) == Kind::owned));
    }
    if (const auto* cast = llvm::dyn_cast<clang::CXXStaticCastExpr>(&s)) {
      return container_kind(cast->getSubExpr()->getType()) == Kind::owned;
    }
    return false;
  });
}

class IteratorInvalidation final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override {
    for (const clang::FunctionDecl* fn : flow::bodies_to_analyse(pattern)) {
      if (fn->getBody() == nullptr) continue;
      report_aliased_arguments(*fn, ctx, reported_);
      if (!may_mutate_a_container(fn->getBody())) continue;
      // Its ParentMap and CFG recurse as deep as the body nests.
      flow::with_stack_for(*fn, [&] { Analysis(*fn, ctx, reported_).run(); });
    }
  }

 private:
  std::set<clang::SourceLocation> reported_;  // across instantiations of one template
};

}  // namespace

}  // namespace meshwa::rules::iterator_invalidation

namespace meshwa::rules {

std::unique_ptr<Rule> make_IteratorInvalidation() {
  return std::make_unique<iterator_invalidation::IteratorInvalidation>();
}

}  // namespace meshwa::rules
