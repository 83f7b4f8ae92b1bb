#include "Instantiations.h"

#include <set>
#include <string>

#include "Flow.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

namespace meshwa::rules {

void for_each_written_stmt(const clang::Stmt* root, llvm::function_ref<void(const clang::Stmt&)> visit) {
  llvm::SmallVector<const clang::Stmt*, 64> stack{root};
  while (!stack.empty()) {
    const clang::Stmt* s = stack.pop_back_val();
    if (s == nullptr) continue;
    if (const auto* coroutine = llvm::dyn_cast<clang::CoroutineBodyStmt>(s)) {
      stack.push_back(coroutine->getBody());
      continue;
    }
    if (const auto* suspend = llvm::dyn_cast<clang::CoroutineSuspendExpr>(s)) {
      stack.push_back(suspend->getOperand());
      continue;
    }
    if (const auto* ret = llvm::dyn_cast<clang::CoreturnStmt>(s)) {
      stack.push_back(ret->getOperand());
      continue;
    }
    visit(*s);
    for (const clang::Stmt* child : s->children()) stack.push_back(child);
  }
}

std::optional<llvm::SmallVector<const clang::FunctionDecl*, 4>> all_instances(const clang::FunctionDecl& pattern,
                                                                              unsigned limit) {
  const clang::DeclContext* outer = nullptr;
  if (const clang::FunctionTemplateDecl* tmpl = pattern.getDescribedFunctionTemplate()) {
    outer = tmpl->getDeclContext();
  } else if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&pattern)) {
    if (const clang::ClassTemplateDecl* tmpl = method->getParent()->getDescribedClassTemplate()) {
      outer = tmpl->getDeclContext();
    }
  }
  if (outer == nullptr || outer->isDependentContext()) return std::nullopt;
  llvm::SmallVector<const clang::FunctionDecl*, 4> instances = flow::bodies_to_analyse(pattern, limit);
  if (instances.size() >= limit) return std::nullopt;
  return instances;
}

void for_each_instantiated(const clang::FunctionDecl& pattern,
                           llvm::function_ref<clang::SourceLocation(const clang::Stmt&)> key,
                           llvm::function_ref<void(const clang::FunctionDecl&, const clang::Stmt&)> judge,
                           unsigned limit) {
  if (!pattern.isDependentContext() || pattern.getBody() == nullptr) return;
  std::set<clang::SourceLocation> dependent;
  flow::contains(pattern.getBody(), [&](const clang::Stmt& s) {
    const auto* e = llvm::dyn_cast<clang::Expr>(&s);
    if (e != nullptr && e->isInstantiationDependent()) {
      if (const clang::SourceLocation at = key(s); at.isValid()) dependent.insert(at);
    }
    return false;
  });
  if (dependent.empty()) return;
  for (const clang::FunctionDecl* instance : flow::bodies_to_analyse(pattern, limit)) {
    if (instance == &pattern) continue;
    for_each_written_stmt(instance->getBody(), [&](const clang::Stmt& s) {
      if (const clang::SourceLocation at = key(s); at.isValid() && dependent.count(at) != 0) judge(*instance, s);
    });
  }
}

void note_instantiation(const clang::FunctionDecl& instance, RuleContext& ctx) {
  const clang::PrintingPolicy& policy = ctx.ast.getPrintingPolicy();
  const clang::TemplateParameterList* params = nullptr;
  const clang::TemplateArgumentList* args = nullptr;
  clang::SourceLocation where = instance.getPointOfInstantiation();
  // (A generic lambda's invented template parameters are named after its
  // `auto` parameters: `in the instantiation with b:auto = std::array<char, 4>`.)
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&instance);
  if (const clang::FunctionTemplateDecl* tmpl = instance.getPrimaryTemplate()) {
    params = tmpl->getTemplateParameters();
    args = instance.getTemplateSpecializationArgs();
  } else if (method != nullptr) {
    if (const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(method->getParent())) {
      params = spec->getSpecializedTemplate()->getTemplateParameters();
      args = &spec->getTemplateArgs();
      if (where.isInvalid()) where = spec->getPointOfInstantiation();
    }
  }
  std::string text;
  if (params != nullptr && args != nullptr) {
    for (unsigned i = 0; i < params->size() && i < args->size(); ++i) {
      const clang::NamedDecl* param = params->getParam(i);
      if (param->getIdentifier() == nullptr) continue;
      std::string arg;
      llvm::raw_string_ostream out(arg);
      args->get(i).print(policy, out, /*IncludeType=*/true);
      if (!text.empty()) text += ", ";
      text += param->getName().str() + " = " + out.str();
    }
  }
  if (where.isInvalid()) where = instance.getLocation();
  ctx.report.note(where, text.empty() ? std::string("in this instantiation of the template")
                                      : "in the instantiation with " + text);
}

}  // namespace meshwa::rules
