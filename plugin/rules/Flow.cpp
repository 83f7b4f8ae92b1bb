// Helpers of Flow.h.
#include "Flow.h"

#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::flow {

std::unique_ptr<clang::CFG> build_cfg(const clang::FunctionDecl& fn, clang::ASTContext& ast) {
  clang::Stmt* body = fn.getBody();
  if (body == nullptr || fn.isInvalidDecl()) return nullptr;
  clang::CFG::BuildOptions options;
  options.setAllAlwaysAdd();         // every sub-expression, in evaluation order
  options.AddInitializers = true;    // constructor member initialisers
  options.AddImplicitDtors = false;  // destructors are not uses
  options.AddTemporaryDtors = false;
  options.AddLifetime = false;
  options.AddScopes = false;
  return clang::CFG::buildCFG(&fn, body, &ast, options);
}

const clang::Stmt* semantic_parent(const clang::ParentMap& parents, const clang::Stmt* s) {
  const clang::Stmt* parent = parents.getParent(s);
  while (parent != nullptr &&
         llvm::isa<clang::ParenExpr, clang::ImplicitCastExpr, clang::MaterializeTemporaryExpr,
                   clang::CXXBindTemporaryExpr, clang::ExprWithCleanups, clang::ConstantExpr>(parent)) {
    parent = parents.getParent(parent);
  }
  return parent;
}

bool is_assigned_to(const clang::ParentMap& parents, const clang::Expr* e) {
  const clang::Stmt* parent = semantic_parent(parents, e);
  if (parent == nullptr) return false;
  auto same = [&](const clang::Expr* lhs) { return lhs != nullptr && lhs->IgnoreParenImpCasts() == e->IgnoreParenImpCasts(); };
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
    return binary->getOpcode() == clang::BO_Assign && same(binary->getLHS());
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
    return call->getOperator() == clang::OO_Equal && call->getNumArgs() == 2 && same(call->getArg(0));
  }
  return false;
}

}  // namespace meshwa::rules::flow
