// Between a guard and the access it guards, nothing changes what was
// tested: the index is only read (or written only before the test), no
// reference or lambda can change it unnamed (aliased), and the container's
// size stays (may_resize, may_reach_other_objects). IndexGuards.cpp asks.
#include <limits>

#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "clang/AST/LambdaCapture.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace meshwa::rules::unsafe_buffer {

/// only_read(region, var), once per region and variable.
bool UnsafeBuffer::read_only_in(const clang::Stmt* region, const clang::VarDecl& var) {
  auto [known, inserted] = region_reads_.try_emplace({region, &var}, false);
  if (inserted) known->second = only_read(region, var);
  return known->second;
}

/// may_resize(region, object) for a named object, once per region and
/// object.
bool UnsafeBuffer::resized_in(const clang::Stmt* region, const clang::Expr* object, RuleContext& ctx) {
  const clang::ValueDecl* decl = named_decl(object);
  if (decl == nullptr) return may_resize(region, object, ctx);
  auto [known, inserted] = region_resizes_.try_emplace({region, decl}, false);
  if (inserted) known->second = may_resize(region, object, ctx);
  return known->second;
}

/// Can `var` change without being named: is it bound to a non-const
/// reference (`int& r = i;`, an `int&` parameter, `std::ref(i)`), its
/// address taken, or captured by reference by a lambda whose body writes
/// it, anywhere in the function? Judged for every local of the function at once
/// (find_aliased_locals), on the first question about one of them.
bool UnsafeBuffer::aliased(const clang::VarDecl& var) {
  if (const auto known = aliased_.find(&var); known != aliased_.end()) return known->second;
  // The function the variable belongs to (an instantiation's own, for a
  // variable of an instantiated template).
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return aliased_[&var] = true;
  if (aliased_judged_.insert(fn).second) find_aliased_locals(*fn);
  // Not named in the function at all: nothing can alias it.
  return aliased_.try_emplace(&var, false).first->second;
}

/// aliased for every local of `fn`, in two walks of its body: a walk per
/// variable made a body of thousands of guarded indexes quadratic (2000
/// blocks `int i = ...; if (i >= 0 && i < 4) a[i]` took 9 s).
void UnsafeBuffer::find_aliased_locals(const clang::FunctionDecl& fn) {
  const auto named = [](const clang::Expr* e) -> const clang::DeclRefExpr* {
    const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParens()) : nullptr;
    return ref != nullptr && llvm::isa<clang::VarDecl>(ref->getDecl()) ? ref : nullptr;
  };
  // The uses that cannot make an alias: reads, writes by name, and
  // arguments bound to a const reference.
  llvm::SmallPtrSet<const clang::Expr*, 16> harmless;
  llvm::DenseSet<const clang::VarDecl*> escapes;
  const auto note_harmless = [&](const clang::Expr* e) {
    if (const clang::DeclRefExpr* ref = named(e)) harmless.insert(ref);
  };
  flow::contains(fn.getBody(), [&](const clang::Stmt& node) {
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&node)) {
      // A by-reference capture changes the variable only through what the
      // body does with it: a write by name there (the body runs where it is
      // called, not where the code names the variable) makes it aliased;
      // the body's other mentions (a reference bound, an address taken,
      // a non-const reference argument) are judged as any other's below.
      // One whose body only reads it is a read (oneTBB's `[&] { return i <
      // n; }` beside `for (i = 0; i < n; ++i) a[i]`).
      const clang::Expr* const* init = lambda->capture_init_begin();
      for (const clang::LambdaCapture& capture : lambda->captures()) {
        const clang::Expr* captured = *init++;
        if (!capture.capturesVariable() || capture.getCaptureKind() != clang::LCK_ByRef) continue;
        const auto* var = llvm::dyn_cast<clang::VarDecl>(capture.getCapturedVar());
        if (var == nullptr) continue;
        if (var->isInitCapture() || writes_by_name(lambda->getBody(), *var)) {
          escapes.insert(var);
        } else {
          note_harmless(captured);
        }
      }
    } else if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&node)) {
      if (cast->getCastKind() == clang::CK_LValueToRValue) note_harmless(cast->getSubExpr());
    } else if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&node)) {
      if (op->isAssignmentOp()) note_harmless(op->getLHS());
    } else if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&node)) {
      if (op->isIncrementDecrementOp()) note_harmless(op->getSubExpr());
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node)) {
      for (unsigned i = 0; i < call->getNumArgs(); ++i) {
        // (`m[i]` of a member operator: argument 0, the object, has none.)
        const clang::ParmVarDecl* bound = flow::parameter_of_argument(*call, i);
        if (bound == nullptr) continue;
        const clang::QualType param = bound->getType();
        // (The argument carries a no-op cast adding const.)
        if (param->isReferenceType() && param.getNonReferenceType().isConstQualified()) {
          note_harmless(call->getArg(i)->IgnoreParenImpCasts());
        }
      }
    }
    return false;
  });
  flow::contains(fn.getBody(), [&](const clang::Stmt& node) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&node);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var != nullptr && !harmless.contains(ref)) escapes.insert(var);
    return false;
  });
  for (const clang::VarDecl* var : escapes) {
    if (llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod()) == &fn) aliased_[var] = true;
  }
}

/// Does `body` assign `var` by name (`var = x`, `var += x`, `++var`)?
bool UnsafeBuffer::writes_by_name(const clang::Stmt* body, const clang::VarDecl& var) {
  return flow::contains(body, [&](const clang::Stmt& node) {
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&node); op != nullptr && op->isAssignmentOp()) {
      return flow::names_variable(op->getLHS(), var);
    }
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&node); op != nullptr && op->isIncrementDecrementOp()) {
      return flow::names_variable(op->getSubExpr(), var);
    }
    return false;
  });
}

/// Does `accounted` vouch for every mention of `var` under `root`? It is
/// asked about each statement and answers how many mentions of `var` that
/// statement accounts for (a read, a harmless call ...); a mention nothing
/// accounts for (an assignment, a reference bound, an address taken ...)
/// makes the answer no. One walk of `root`, mentions counted as it goes.
bool UnsafeBuffer::every_mention_accounted(const clang::Stmt* root, const clang::VarDecl& var,
                                           llvm::function_ref<unsigned(const clang::Stmt&)> accounted) {
  unsigned mentions = 0;
  unsigned vouched = 0;
  flow::contains(root, [&](const clang::Stmt& node) {
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&node); ref != nullptr && ref->getDecl() == &var) {
      ++mentions;
    }
    vouched += accounted(node);
    return false;
  });
  return mentions == vouched;
}

/// `node` reads the value of `var` (an lvalue-to-rvalue conversion of it).
bool UnsafeBuffer::reads_value_of(const clang::Stmt& node, const clang::VarDecl& var) {
  const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&node);
  if (cast == nullptr || cast->getCastKind() != clang::CK_LValueToRValue) return false;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cast->getSubExpr()->IgnoreParens());
  return ref != nullptr && ref->getDecl() == &var;
}

/// Every mention of `var` under `root` is a read of its value (an
/// lvalue-to-rvalue conversion, or an argument bound to a `const T&`
/// parameter of its own type: const_reference_arguments): nothing assigns
/// it, increments it, takes its address or binds a non-const reference to
/// it.
bool UnsafeBuffer::only_read(const clang::Stmt* root, const clang::VarDecl& var) {
  return every_mention_accounted(root, var, [&](const clang::Stmt& node) {
    return reads_value_of(node, var) ? 1u : const_reference_arguments(node, var) + captures_by_reference(node, var);
  });
}

/// The by-reference captures of `var` by `node`, a lambda (`[&] { return i
/// < n; }`): they name it for the body, whose own mentions (reads, writes)
/// are counted where they are, so each is no write of its own. Added to
/// `found` (the capture's initialiser, a DeclRefExpr), counted.
unsigned UnsafeBuffer::captures_by_reference(const clang::Stmt& node, const clang::VarDecl& var,
                                             llvm::SmallPtrSetImpl<const clang::Expr*>* found) {
  const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&node);
  if (lambda == nullptr) return 0;
  unsigned count = 0;
  const clang::Expr* const* init = lambda->capture_init_begin();
  for (const clang::LambdaCapture& capture : lambda->captures()) {
    const clang::Expr* captured = *init++;
    if (!capture.capturesVariable() || capture.getCaptureKind() != clang::LCK_ByRef ||
        capture.getCapturedVar() != &var || var.isInitCapture() || captured == nullptr) {
      continue;
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(captured->IgnoreParens());
    if (ref == nullptr || ref->getDecl() != &var) continue;
    if (found != nullptr) found->insert(ref);
    ++count;
  }
  return count;
}

/// Is `var` written (anything but a read of its value) inside `region`
/// before `access` runs: earlier in the source, or anywhere in a loop
/// nested in `region` that also holds `access` (its next turn reaches
/// the access again without the test)?
bool UnsafeBuffer::written_before(const clang::Stmt* region, const clang::VarDecl& var, const clang::Stmt& access,
                                  clang::SourceLocation from) {
  bool written = false;
  const clang::SourceLocation at = access.getBeginLoc();
  // Arguments bound to a const reference, met at their call before the
  // walk reaches them.
  llvm::SmallPtrSet<const clang::Expr*, 8> const_reference_reads;
  // Walk with the innermost enclosing loop that holds the access.
  const auto walk = [&](auto& self, const clang::Stmt* s, const clang::Stmt* parent, bool in_access_loop) -> void {
    if (s == nullptr || written) return;
    const bool loop = llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt>(s);
    const bool holds_access = loop && flow::contains(s, [&](const clang::Stmt& n) { return &n == &access; });
    const_reference_arguments(*s, var, &const_reference_reads);
    captures_by_reference(*s, var, &const_reference_reads);  // the body's own mentions count
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s); ref != nullptr && ref->getDecl() == &var) {
      const auto* cast = llvm::dyn_cast_or_null<clang::ImplicitCastExpr>(parent);
      const bool read = (cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue) ||
                        const_reference_reads.contains(ref);
      // Writes before `from` (the test) are not between the test and the access.
      const bool after_test = from.isInvalid() || from < ref->getBeginLoc();
      if (!read && after_test && (in_access_loop || ref->getBeginLoc() < at)) written = true;
      return;
    }
    for (const clang::Stmt* c : s->children()) self(self, c, s, in_access_loop || holds_access);
  };
  walk(walk, region, nullptr, false);
  return written;
}

/// May something under `root` change the size of `object`: a non-const
/// member call other than the element accessors and the insertions
/// (clear, pop_back, resize, erase, assign, swap, operator=, ...), or
/// passing it on as a non-const reference (std::move, std::swap, a
/// function of the user's)?
bool UnsafeBuffer::may_resize(const clang::Stmt* root, const clang::Expr* object, RuleContext& ctx) {
  const bool owned = owned_local(object);
  return flow::contains(root, [&](const clang::Stmt& node) {
    // A member, a global or a referenced container may also be resized by
    // a call that does not name it: a member function of the class, a
    // function of the program, whatever a std::function holds.
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node); call != nullptr && !owned &&
                                                                    may_reach_other_objects(*call, object, ctx)) {
      return true;
    }
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&node)) {
      const clang::CXXMethodDecl* m = member->getMethodDecl();
      if (m == nullptr || m->isConst() || !same_container(member->getImplicitObjectArgument(), object, ctx)) {
        return false;
      }
      const bool harmless = m->getIdentifier() != nullptr &&
                            llvm::is_contained({"at", "front", "back", "begin", "end", "rbegin", "rend", "flip",
                                                "push_back", "emplace_back", "insert", "emplace", "reserve"},
                                               m->getName());
      return !harmless;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&node)) {
      return op->getNumArgs() > 0 && op->isAssignmentOp() && same_container(op->getArg(0), object, ctx);
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee == nullptr) return false;
      for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
        const clang::QualType param = callee->getParamDecl(i)->getType();
        if (param->isReferenceType() && !param.getNonReferenceType().isConstQualified() &&
            same_container(call->getArg(i)->IgnoreParenImpCasts(), object, ctx)) {
          return true;
        }
      }
    }
    return false;
  });
}

/// A local container of the function, held by value (not a reference,
/// not static) and captured by reference by no lambda: only code that
/// names it can change its size.
bool UnsafeBuffer::owned_local(const clang::Expr* object) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasLocalStorage() || var->getType()->isReferenceType()) return false;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod());
  return fn != nullptr && !flow::contains(fn->getBody(), [&](const clang::Stmt& node) {
    const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&node);
    if (lambda == nullptr) return false;
    return llvm::any_of(lambda->captures(), [&](const clang::LambdaCapture& capture) {
      return capture.capturesVariable() && capture.getCapturedVar() == var &&
             capture.getCaptureKind() == clang::LCK_ByRef;
    });
  });
}

/// Could `call` change a container other than the ones it names: a call
/// of a function of the program (a member function of the class may
/// resize a member), through a pointer, or of a std::function? The
/// standard library's functions and members act on what they are given
/// (calls on `object` itself are judged by may_resize).
bool UnsafeBuffer::may_reach_other_objects(const clang::CallExpr& call, const clang::Expr* object, RuleContext& ctx) {
  const clang::FunctionDecl* callee = call.getDirectCallee();
  if (callee == nullptr) return true;
  if (callee->getBuiltinID() != 0) return false;
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call);
      member != nullptr && same_container(member->getImplicitObjectArgument(), object, ctx)) {
    return false;
  }
  // std::function's operator() runs whatever it holds.
  if (callee->getOverloadedOperator() == clang::OO_Call) return true;
  return !declared_in_std(callee);
}

}  // namespace meshwa::rules::unsafe_buffer
