// [this] captures: what the object itself owns (its members, elements of
// member containers, what a std::unique_ptr/std::optional member holds) and
// calls on those parts, values the object keeps in its members, a call that
// names the object as the callback's owner, a captured shared_ptr/weak_ptr
// that keeps it alive; and unsubscribing in the destructor (the token of a
// registration handed back to the same object by ~Class()).
#include <optional>
#include <string>

#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::escaping_reference {

/// std::unique_ptr and std::optional members own what they point to: the
/// pointee dies with the object.
bool EscapingReference::is_owning_handle(clang::QualType type) {
  return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"unique_ptr", "optional"});
}

/// Is `e` (an object, or a pointer to one) this object or a part of it: a
/// member (not a reference member, not what a raw or shared pointer member
/// points to), an element of a member container, what a std::unique_ptr or
/// std::optional member holds, `*this`?
bool EscapingReference::owned_by_this(const clang::Expr* e) { return owned_by_this(e, kMaxPointerGetters); }

bool EscapingReference::owned_by_this(const clang::Expr* e, unsigned getters_left) {
  for (int depth = 0; depth < 16 && e != nullptr; ++depth) {
    e = e->IgnoreParenImpCasts();
    if (llvm::isa<clang::CXXThisExpr>(e)) return true;
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      const bool through_handle = (op->getOperator() == clang::OO_Arrow || op->getOperator() == clang::OO_Star) &&
                                  op->getNumArgs() >= 1 && is_owning_handle(op->getArg(0)->getType());
      if (through_handle || (op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
                             !op->getArg(0)->getType()->isPointerType())) {
        e = op->getArg(0);
        continue;
      }
      // it->second, *it: an element of the container the iterator was found in.
      const clang::Expr* container = (op->getOperator() == clang::OO_Arrow || op->getOperator() == clang::OO_Star) &&
                                             op->getNumArgs() >= 1
                                         ? container_of_iterator(op->getArg(0))
                                         : nullptr;
      if (container != nullptr) {
        e = container;
        continue;
      }
      return false;
    }
    if (e->getType()->isPointerType()) {
      // it == by_name_.end() ? nullptr : &it->second: a part of this object
      // or none, whichever branch.
      if (const auto* cond = llvm::dyn_cast<clang::ConditionalOperator>(e)) {
        const auto part_or_null = [getters_left](const clang::Expr* branch) {
          return branch->IgnoreParenImpCasts()->getType()->isNullPtrType() || owned_by_this(branch, getters_left);
        };
        return part_or_null(cond->getTrueExpr()) && part_or_null(cond->getFalseExpr());
      }
      // &slots_[k], &member_: the address of a part of this object.
      if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e); unary != nullptr && unary->getOpcode() == clang::UO_AddrOf) {
        e = unary->getSubExpr();
        continue;
      }
      // child_.get()
      if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e);
          call != nullptr && is_owning_handle(call->getImplicitObjectArgument()->getType())) {
        e = call->getImplicitObjectArgument();
        continue;
      }
      // app_.add_option(...): a method that hands out a part of its object.
      if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e);
          call != nullptr && getters_left > 0 && returns_pointer_into_itself(call->getMethodDecl(), getters_left - 1)) {
        e = call->getImplicitObjectArgument();
        continue;
      }
      // Option* opt = add_option(...); ... return opt; (in such a method)
      if (const clang::Expr* init = unchanged_local_pointer_init(e)) {
        e = init;
        continue;
      }
      return false;  // a raw pointer: to another object
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (member->getMemberDecl()->getType()->isReferenceType()) return false;  // Bus& bus_: another object
      if (is_std_class(member->getType()->getAsCXXRecordDecl(), {"reference_wrapper"})) return false;
      e = member->getBase();
      continue;
    }
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e); unary != nullptr && unary->getOpcode() == clang::UO_Deref) {
      e = unary->getSubExpr();
      continue;
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e); call != nullptr && call->isGLValue()) {
      e = call->getImplicitObjectArgument();  // handlers_.back(), slots_.at(k)
      continue;
    }
    // for (auto& [name, b] : buttons_): the element the binding is a part of.
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl()); binding && binding->getBinding()) {
        if (const clang::Expr* whole = tuple_element_source(binding->getBinding()->IgnoreParenImpCasts())) {
          e = whole;
          continue;
        }
        return false;
      }
    }
    // auto& b = buttons_.emplace_back(...), for (auto& b : buttons_): a
    // local reference is bound once, to what its initialiser names.
    if (const clang::Expr* init = local_reference_init(e)) {
      e = init;
      continue;
    }
    return false;
  }
  return false;
}

namespace {

/// The `return` statements of `body`, not those of the lambdas in it.
llvm::SmallVector<const clang::ReturnStmt*, 4> own_returns(const clang::Stmt* body) {
  llvm::SmallVector<const clang::ReturnStmt*, 4> returns;
  flow::for_each_own_return(body, [&](const clang::ReturnStmt& ret) { returns.push_back(&ret); });
  return returns;
}

}  // namespace

/// A method returning a pointer whose every `return` hands out a part of the
/// object it is called on (`options_.back().get()`, `&slots_[k]`, `this`, or
/// what another such method returns): CLI11's `App::add_option`, a
/// registry's `add(...)`. Its result dies with that object, so a [this]
/// lambda kept there by a member of this object dies with this object.
bool EscapingReference::returns_pointer_into_itself(const clang::CXXMethodDecl* method, unsigned getters_left) {
  if (method == nullptr || method->isStatic() || !method->getReturnType()->isPointerType()) return false;
  const clang::FunctionDecl* definition = definition_with_body(method);
  if (definition == nullptr) return false;
  const auto returns = own_returns(definition->getBody());
  // Each return may read another such method: a few returns keep the
  // walk small (at most kMaxReturns^kMaxPointerGetters bodies).
  constexpr size_t kMaxReturns = 8;
  if (returns.empty() || returns.size() > kMaxReturns) return false;
  for (const clang::ReturnStmt* ret : returns) {
    const clang::Expr* value = ret->getRetValue();
    if (value == nullptr || !owned_by_this(value, getters_left)) return false;
  }
  return true;
}

/// A local pointer (not a parameter) that its function never assigns again
/// nor takes the address of: what its initialiser gives, else null.
const clang::Expr* EscapingReference::unchanged_local_pointer_init(const clang::Expr* e) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->getType()->isPointerType() || !var->hasLocalStorage() ||
      llvm::isa<clang::ParmVarDecl>(var) || var->getInit() == nullptr) {
    return nullptr;
  }
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return nullptr;
  const auto names_var = [var](const clang::Expr* x) {
    const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(x->IgnoreParenImpCasts());
    return r != nullptr && r->getDecl() == var;
  };
  const bool changed = flow::contains(fn->getBody(), [&](const clang::Stmt& s) {
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
      return binary->isAssignmentOp() && names_var(binary->getLHS());
    }
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s)) {
      return (unary->isIncrementDecrementOp() || unary->getOpcode() == clang::UO_AddrOf) &&
             names_var(unary->getSubExpr());
    }
    return false;
  });
  return changed ? nullptr : var->getInit()->IgnoreParenImpCasts();
}

/// The object a structured binding's expression takes its part from:
/// `__d.first` (a class's member), `std::get<1>(__d)` / `__d.get<1>()`
/// through the hidden variable a tuple-like binding holds it in.
const clang::Expr* EscapingReference::tuple_element_source(const clang::Expr* bound) {
  if (bound == nullptr) return nullptr;
  if (const auto* holder_ref = llvm::dyn_cast<clang::DeclRefExpr>(bound)) {
    const auto* holder = llvm::dyn_cast<clang::VarDecl>(holder_ref->getDecl());
    if (holder == nullptr || holder->getInit() == nullptr) return nullptr;
    bound = holder->getInit()->IgnoreImplicit()->IgnoreParenImpCasts();
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(bound)) return member->getBase();
  if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(bound)) {
    return member_call->getImplicitObjectArgument();
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(bound); call != nullptr && call->getNumArgs() == 1) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee != nullptr && callee->getIdentifier() != nullptr && callee->getName() == "get") return call->getArg(0);
  }
  return nullptr;
}

/// The container whose method made the local iterator `e` names: `auto it
/// = buttons_.find(k)` (buttons_), `auto [it, inserted] =
/// buttons_.try_emplace(k)` (the binding of the pair's iterator). Null for
/// anything else (a parameter, an iterator from a free function).
const clang::Expr* EscapingReference::container_of_iterator(const clang::Expr* e) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  if (ref == nullptr) return nullptr;
  const clang::VarDecl* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
  if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl())) {
    // The pair's first: `__d.first` (or get<0>(__d)) of the hidden variable.
    const clang::Expr* bound = binding->getBinding() != nullptr ? binding->getBinding()->IgnoreParenImpCasts() : nullptr;
    const clang::Expr* whole = tuple_element_source(bound);
    const auto* whole_ref = whole != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(whole->IgnoreParenImpCasts()) : nullptr;
    var = whole_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(whole_ref->getDecl()) : nullptr;
  } else if (var == nullptr || !is_iterator_class(var->getType()->getAsCXXRecordDecl())) {
    return nullptr;
  }
  if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
      var->getType()->isReferenceType() || var->getInit() == nullptr) {
    return nullptr;
  }
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(var->getInit()->IgnoreImplicit()->IgnoreParenImpCasts());
  return call != nullptr ? call->getImplicitObjectArgument() : nullptr;
}

/// What the local reference (not a parameter) that `e` names was bound
/// to; for the element variable of a range-for loop (`*__begin`), the
/// range it walks (`__range = buttons_`).
const clang::Expr* EscapingReference::local_reference_init(const clang::Expr* e) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->getType()->isReferenceType() || !var->hasLocalStorage() ||
      llvm::isa<clang::ParmVarDecl>(var) || var->getInit() == nullptr) {
    return nullptr;
  }
  const clang::Expr* init = var->getInit()->IgnoreParenImpCasts();
  if (!var->isCXXForRangeDecl()) return init;
  // *__begin (an iterator's operator*, or a pointer's for an array).
  const clang::Expr* iterator = nullptr;
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(init);
      op != nullptr && op->getOperator() == clang::OO_Star && op->getNumArgs() == 1) {
    iterator = op->getArg(0);
  } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(init);
             unary != nullptr && unary->getOpcode() == clang::UO_Deref) {
    iterator = unary->getSubExpr();
  }
  const auto* begin_ref = iterator != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(iterator->IgnoreParenImpCasts()) : nullptr;
  const auto* begin = begin_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(begin_ref->getDecl()) : nullptr;
  if (begin == nullptr || !begin->isImplicit() || begin->getInit() == nullptr) return nullptr;
  // __range.begin(), begin(__range), or __range itself (an array).
  const clang::Expr* start = begin->getInit()->IgnoreParenImpCasts();
  if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(start)) {
    start = member_call->getImplicitObjectArgument();
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(start); call != nullptr && call->getNumArgs() == 1) {
    start = call->getArg(0);
  }
  const auto* range_ref = llvm::dyn_cast<clang::DeclRefExpr>(start->IgnoreParenImpCasts());
  const auto* range = range_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(range_ref->getDecl()) : nullptr;
  if (range == nullptr || !range->isImplicit() || range->getInit() == nullptr) return nullptr;
  return range->getInit();
}

/// A call of a method of this object or of a part of it: timer_.on_tick(f),
/// on_event(f) (an inherited registration), button_->on_click(f).
bool EscapingReference::calls_on_this(const clang::Expr& call) {
  if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call)) {
    return owned_by_this(member_call->getImplicitObjectArgument());
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call)) {
    return llvm::isa_and_nonnull<clang::CXXMethodDecl>(op->getDirectCallee()) && op->getNumArgs() > 0 &&
           owned_by_this(op->getArg(0));
  }
  return false;
}

/// A method that gMock's MOCK_METHOD defines (it comes with its
/// `gmock_<name>` expectation builder): its body hands the arguments to the
/// actions of this call and keeps none of them. An action that saves one
/// (SaveArg<0>(&cb)) writes it where the test says; that is not followed
/// (tests rarely keep a callback past the locals it refers to).
bool EscapingReference::is_gmock_mock_method(const clang::FunctionDecl* callee) {
  const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(callee);
  if (method == nullptr || method->getIdentifier() == nullptr) return false;
  const clang::CXXRecordDecl* record = method->getParent();
  const std::string builder = "gmock_" + method->getName().str();
  for (const clang::Decl* member : record->decls()) {
    const auto* named = llvm::dyn_cast<clang::NamedDecl>(member);
    if (named != nullptr && named->getIdentifier() != nullptr && named->getName() == builder) return true;
  }
  return false;
}

/// id_ = bus_->subscribe([this] {...}) and ~Session() { bus_->unsubscribe(id_); }:
/// the registration's result (its token) is kept in a member, and the
/// class's destructor hands that member back to the same object the
/// lambda was given to, so the callback goes before the object does.
/// Both receivers must be spelled as the same path from `this`
/// (model_->changed, bus_); a token only kept, or handed to another
/// object, does not count.
bool EscapingReference::unsubscribed_in_destructor(const clang::CallExpr& call, size_t index, RuleContext& ctx) const {
  const clang::Expr* receiver = object_of(call);
  const clang::CXXRecordDecl* record = receiver != nullptr ? class_of_this_path(receiver) : nullptr;
  if (record == nullptr) return false;
  const clang::FieldDecl* token = field_keeping(ctx.stmt_parents(), index, ctx);
  if (token == nullptr || token->getParent()->getCanonicalDecl() != record->getCanonicalDecl()) return false;
  const clang::FunctionDecl* dtor = definition_with_body(record->getDestructor());
  if (dtor == nullptr) return false;
  return flow::contains(dtor->getBody(), [&](const clang::Stmt& s) {
    const auto* back = llvm::dyn_cast<clang::CallExpr>(&s);
    const clang::Expr* back_receiver = back != nullptr ? object_of(*back) : nullptr;
    if (back_receiver == nullptr || !same_path_from_this(back_receiver, receiver)) return false;
    for (const clang::Expr* arg : back->arguments()) {
      if (is_member_of_this(arg, token)) return true;
    }
    return false;
  });
}

/// The class whose `this` roots `e` (`bus_`, `model_->changed`), or nullptr.
const clang::CXXRecordDecl* EscapingReference::class_of_this_path(const clang::Expr* e) {
  for (int depth = 0; depth < 16 && e != nullptr; ++depth) {
    e = e->IgnoreParenImpCasts();
    if (const auto* self = llvm::dyn_cast<clang::CXXThisExpr>(e)) return self->getType()->getPointeeCXXRecordDecl();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      e = member->getBase();
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
               op != nullptr && (op->getOperator() == clang::OO_Arrow || op->getOperator() == clang::OO_Star) &&
               op->getNumArgs() == 1) {
      e = op->getArg(0);
    } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e);
               unary != nullptr && unary->getOpcode() == clang::UO_Deref) {
      e = unary->getSubExpr();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

/// `a` and `b` name the same object by the same members from `this`, in
/// two member functions of one class (through smart-pointer `->` / `*`).
bool EscapingReference::same_path_from_this(const clang::Expr* a, const clang::Expr* b) {
  for (int depth = 0; depth < 16 && a != nullptr && b != nullptr; ++depth) {
    a = a->IgnoreParenImpCasts();
    b = b->IgnoreParenImpCasts();
    if (llvm::isa<clang::CXXThisExpr>(a) && llvm::isa<clang::CXXThisExpr>(b)) return true;
    const auto* ma = llvm::dyn_cast<clang::MemberExpr>(a);
    const auto* mb = llvm::dyn_cast<clang::MemberExpr>(b);
    if (ma != nullptr && mb != nullptr) {
      if (ma->getMemberDecl() != mb->getMemberDecl()) return false;
      a = ma->getBase();
      b = mb->getBase();
      continue;
    }
    const auto* oa = llvm::dyn_cast<clang::CXXOperatorCallExpr>(a);
    const auto* ob = llvm::dyn_cast<clang::CXXOperatorCallExpr>(b);
    if (oa != nullptr && ob != nullptr && oa->getOperator() == ob->getOperator() &&
        (oa->getOperator() == clang::OO_Arrow || oa->getOperator() == clang::OO_Star) && oa->getNumArgs() == 1 &&
        ob->getNumArgs() == 1) {
      a = oa->getArg(0);
      b = ob->getArg(0);
      continue;
    }
    const auto* ua = llvm::dyn_cast<clang::UnaryOperator>(a);
    const auto* ub = llvm::dyn_cast<clang::UnaryOperator>(b);
    if (ua != nullptr && ub != nullptr && ua->getOpcode() == clang::UO_Deref && ub->getOpcode() == clang::UO_Deref) {
      a = ua->getSubExpr();
      b = ub->getSubExpr();
      continue;
    }
    return false;
  }
  return false;
}

/// `e` is `field` of this object (`id_`, `this->id_`), read as it is (or
/// copied: member_of_this after a copy or move constructor).
bool EscapingReference::is_member_of_this(const clang::Expr* e, const clang::FieldDecl* field) {
  return field != nullptr && member_of_this(flow::past_copies(e)) == field;
}

/// The member of this object that keeps the value made at parents[index]:
/// `id_ = <call>`, `conn_ = <call>` (a class token), a member initialiser
/// `conn_(<call>)`; nullptr otherwise.
const clang::FieldDecl* EscapingReference::field_keeping(llvm::ArrayRef<const clang::Stmt*> parents, size_t index,
                                                         RuleContext& ctx) {
  size_t j = index;
  while (j > 0 && is_wrapper(parents[j - 1])) --j;
  const clang::Stmt* child = parents[j];
  const clang::Stmt* parent = j > 0 ? parents[j - 1] : nullptr;
  const auto* value = llvm::dyn_cast<clang::Expr>(child);
  if (value == nullptr) return nullptr;
  const auto field_of = [](const clang::Expr* e) -> const clang::FieldDecl* {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts());
    if (member == nullptr || !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return nullptr;
    return llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
  };
  const auto same = [value](const clang::Expr* e) {
    return e != nullptr && e->IgnoreImplicit() == value->IgnoreImplicit();
  };
  if (parent == nullptr) {
    const auto* ctor = llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(
        ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back());
    if (ctor == nullptr) return nullptr;
    for (const clang::CXXCtorInitializer* init : ctor->inits()) {
      if (!init->isMemberInitializer() || init->getInit() == nullptr) continue;
      const bool holds = flow::contains(init->getInit(), [&](const clang::Stmt& s) { return &s == value; });
      if (holds) return init->getMember();
    }
    return nullptr;
  }
  const std::optional<Assignment> assignment = as_assignment(llvm::dyn_cast<clang::Expr>(parent));
  return assignment && same(assignment->rhs) ? field_of(assignment->lhs) : nullptr;
}

/// The value made at parents[index] (a std::thread, a std::async future,
/// a closure converted for a constructor) ends up in this object: a
/// member initialiser, an assignment to a member, an insertion into a
/// member container.
bool EscapingReference::kept_by_this(llvm::ArrayRef<const clang::Stmt*> parents, size_t index, RuleContext& ctx) const {
  size_t j = index;
  while (j > 0 && is_wrapper(parents[j - 1])) --j;
  const clang::Stmt* child = parents[j];
  const clang::Stmt* parent = j > 0 ? parents[j - 1] : nullptr;
  const auto same = [child](const clang::Expr* e) {
    return e != nullptr && e->IgnoreImplicit() == llvm::cast<clang::Expr>(child)->IgnoreImplicit();
  };
  if (parent == nullptr) {
    const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
    return llvm::isa_and_nonnull<clang::CXXConstructorDecl, clang::FieldDecl>(decl);
  }
  if (!llvm::isa<clang::Expr>(child)) return false;
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
    return binary->getOpcode() == clang::BO_Assign && same(binary->getRHS()) && owned_by_this(binary->getLHS());
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
    return op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && same(op->getArg(1)) &&
           owned_by_this(op->getArg(0));
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(parent)) {
    return is_insertion(call->getMethodDecl()) && owned_by_this(call->getImplicitObjectArgument());
  }
  return false;
}

/// A captured std::shared_ptr / std::weak_ptr to this object's class (or a
/// base or derived class): [this, self = shared_from_this()] keeps the
/// object alive, [this, weak = weak_from_this()] can check it.
bool EscapingReference::keeps_object_alive(const clang::LambdaExpr& lambda, const clang::CXXRecordDecl* self) {
  if (self == nullptr) return false;
  self = self->getDefinition();
  for (const clang::LambdaCapture& capture : lambda.captures()) {
    if (!capture.capturesVariable() || capture.getCaptureKind() != clang::LCK_ByCopy) continue;
    const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(capture.getCapturedVar());
    if (var == nullptr) continue;
    const clang::CXXRecordDecl* holder = var->getType().getNonReferenceType()->getAsCXXRecordDecl();
    const clang::QualType shared =
        is_std_class(holder, {"shared_ptr", "weak_ptr"}) ? first_type_argument(holder) : clang::QualType();
    if (shared.isNull()) continue;
    const auto* pointee = shared->getAsCXXRecordDecl();
    if (pointee == nullptr || (pointee = pointee->getDefinition()) == nullptr || self == nullptr) continue;
    if (pointee == self || self->isDerivedFrom(pointee) || pointee->isDerivedFrom(self)) return true;
  }
  return false;
}

}  // namespace meshwa::rules::escaping_reference
