// One container handed to two reference parameters of a call whose body
// walks one while changing the other (report_aliased_arguments, asked once
// per analysed body): `push_all(v, v)` with
// `void push_all(const std::vector<int>& from, std::vector<int>& to) { for
// (int x : from) to.push_back(x); }`. Each parameter alone is fine, so the
// callee's own analysis accepts it; at this call the two are one vector and
// the loop's iterators are invalidated (Rust rejects `push_all(&v, &mut v)`).

#include <optional>
#include <string>

#include "IteratorInvalidation.h"
#include "TypeUtil.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace meshwa::rules::iterator_invalidation {

namespace {

/// The declaration `e` names as a whole: a variable, or a member of this
/// object (`items_`); null for anything else.
const clang::ValueDecl* named_object(const clang::Expr* e) {
  e = e != nullptr ? e->IgnoreParenImpCasts() : nullptr;
  if (const auto* ref = llvm::dyn_cast_or_null<clang::DeclRefExpr>(e)) {
    return llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
  }
  const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(e);
  if (member != nullptr && llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) {
    return llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
  }
  return nullptr;
}

bool names_param(const clang::Expr* e, const clang::ParmVarDecl* param) {
  const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
  return ref != nullptr && ref->getDecl() == param;
}

/// A container whose iterators a change may invalidate (not an owner, an
/// adaptor, a string-like single value).
bool walkable(clang::QualType type) {
  const Kind kind = container_kind(type.getNonReferenceType());
  return kind == Kind::contiguous || kind == Kind::deque || kind == Kind::node || kind == Kind::unordered;
}

/// `&from == &to` / `&to != &from` (or through std::addressof) anywhere in
/// `body`: the function tells the two apart itself.
bool compares_addresses(const clang::Stmt* body, const clang::ParmVarDecl* a, const clang::ParmVarDecl* b) {
  const auto address_of = [](const clang::Expr* e) -> const clang::Expr* {
    e = e->IgnoreParenImpCasts();
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op != nullptr && op->getOpcode() == clang::UO_AddrOf) {
      return op->getSubExpr();
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
    if (callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
        callee->getName() == "addressof" && call->getNumArgs() == 1) {
      return call->getArg(0);
    }
    return nullptr;
  };
  return flow::contains(body, [&](const clang::Stmt& s) {
    const auto* compare = llvm::dyn_cast<clang::BinaryOperator>(&s);
    if (compare == nullptr || !compare->isEqualityOp()) return false;
    const clang::Expr* left = address_of(compare->getLHS());
    const clang::Expr* right = address_of(compare->getRHS());
    return left != nullptr && right != nullptr &&
           ((names_param(left, a) && names_param(right, b)) || (names_param(left, b) && names_param(right, a)));
  });
}

struct Clash {
  const clang::CXXForRangeStmt* loop;
  const clang::CXXMemberCallExpr* change;
};

/// In `body`: a range-for over `walked` with, in its body, a call on
/// `changed` that invalidates every iterator (or those of a reallocation).
std::optional<Clash> walks_while_changing(const clang::Stmt* body, const clang::ParmVarDecl* walked,
                                          const clang::ParmVarDecl* changed) {
  std::optional<Clash> found;
  flow::contains(body, [&](const clang::Stmt& s) {
    const auto* loop = llvm::dyn_cast<clang::CXXForRangeStmt>(&s);
    if (loop == nullptr || !names_param(loop->getRangeInit(), walked)) return false;
    flow::contains(loop->getBody(), [&](const clang::Stmt& n) {
      const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&n);
      const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
      if (method == nullptr || method->getIdentifier() == nullptr || method->isConst() ||
          !names_param(call->getImplicitObjectArgument(), changed)) {
        return false;
      }
      const Effect effect = effect_on(changed->getType().getNonReferenceType(), method->getName(),
                                      call->getNumArgs(), takes_key(*method));
      if (effect == Effect::all || effect == Effect::relocation || effect == Effect::iterators) {
        found = Clash{loop, call};
        return true;
      }
      return false;
    });
    return found.has_value();
  });
  return found;
}

}  // namespace

void report_aliased_arguments(const clang::FunctionDecl& fn, RuleContext& ctx,
                              std::set<clang::SourceLocation>& reported) {
  flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
    const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
    if (callee == nullptr || callee->isInStdNamespace() || call->getNumArgs() < 2) return false;
    const clang::FunctionDecl* definition = definition_with_body(callee);
    if (definition == nullptr) return false;
    // The definition's parameters, which its body names, in the call's argument order.
    const auto parameter = [&](unsigned k) -> const clang::ParmVarDecl* {
      const clang::ParmVarDecl* declared = flow::parameter_of_argument(*call, k);
      if (declared == nullptr || declared->getFunctionScopeIndex() >= definition->getNumParams()) return nullptr;
      return definition->getParamDecl(declared->getFunctionScopeIndex());
    };
    for (unsigned i = 0; i < call->getNumArgs(); ++i) {
      const clang::ParmVarDecl* walked = parameter(i);
      const clang::ValueDecl* object = named_object(call->getArg(i));
      if (walked == nullptr || object == nullptr || !walked->getType()->isReferenceType() ||
          !walkable(walked->getType())) {
        continue;
      }
      for (unsigned j = 0; j < call->getNumArgs(); ++j) {
        const clang::ParmVarDecl* changed = parameter(j);
        if (j == i || changed == nullptr || named_object(call->getArg(j)) != object ||
            !changed->getType()->isLValueReferenceType() ||
            changed->getType().getNonReferenceType().isConstQualified() || !walkable(changed->getType())) {
          continue;
        }
        const std::optional<Clash> clash = walks_while_changing(definition->getBody(), walked, changed);
        if (!clash || compares_addresses(definition->getBody(), walked, changed) ||
            !reported.insert(call->getArg(j)->getExprLoc()).second) {
          continue;
        }
        const std::string name = object->getNameAsString();
        const std::string mutator = clash->change->getMethodDecl()->getNameAsString();
        ctx.report.error(call->getArg(j)->getExprLoc(), kName,
                         "'" + name + "' is passed to '" + callee->getNameAsString() + "' both as '" +
                             walked->getNameAsString() + "' and as '" + changed->getNameAsString() +
                             "', and it walks '" + walked->getNameAsString() + "' in a range-for while '" + mutator +
                             "' on '" + changed->getNameAsString() +
                             "' may invalidate that loop's iterators; pass a copy for one of them, or two different "
                             "containers");
        ctx.report.note(clash->loop->getColonLoc(), "the range-for loop over '" + walked->getNameAsString() + "' is here");
        ctx.report.note(clash->change->getExprLoc(), "'" + mutator + "' on '" + changed->getNameAsString() + "' is here");
      }
    }
    return false;
  });
}

}  // namespace meshwa::rules::iterator_invalidation
