// Helpers of Flow.h.
#include "Flow.h"

#include <algorithm>

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
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

llvm::SmallVector<const clang::FunctionDecl*, 4> bodies_to_analyse(const clang::FunctionDecl& fn, unsigned limit) {
  llvm::SmallVector<const clang::FunctionDecl*, 4> bodies;
  if (!fn.isDependentContext()) {
    bodies.push_back(&fn);
    return bodies;
  }
  auto add = [&](const clang::FunctionDecl* instance) {
    if (bodies.size() >= limit || instance == nullptr || instance->isDependentContext()) return;
    if (instance->getBody() == nullptr || instance->isInvalidDecl()) return;
    if (std::find(bodies.begin(), bodies.end(), instance) == bodies.end()) bodies.push_back(instance);
  };
  // A function template (also a generic lambda's call operator).
  if (const clang::FunctionTemplateDecl* tmpl = fn.getDescribedFunctionTemplate()) {
    for (const clang::FunctionDecl* spec : tmpl->specializations()) add(spec);
    return bodies;
  }
  // A member of a class template: the same member in each specialization.
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
  const clang::CXXRecordDecl* parent = method != nullptr ? method->getParent() : nullptr;
  const clang::ClassTemplateDecl* class_tmpl = parent != nullptr ? parent->getDescribedClassTemplate() : nullptr;
  if (class_tmpl == nullptr) return bodies;
  for (const clang::ClassTemplateSpecializationDecl* spec : class_tmpl->specializations()) {
    for (const clang::Decl* member : spec->decls()) {
      const auto* candidate = llvm::dyn_cast<clang::FunctionDecl>(member);
      if (candidate == nullptr) continue;
      const clang::FunctionDecl* pattern = candidate->getTemplateInstantiationPattern();
      if (pattern != nullptr && pattern->getCanonicalDecl() == fn.getCanonicalDecl()) add(candidate);
    }
    if (bodies.size() >= limit) break;
  }
  return bodies;
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
