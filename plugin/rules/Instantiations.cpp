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

namespace {

/// The keys of the instantiation-dependent expressions under `root`.
std::set<clang::SourceLocation> dependent_keys(const clang::Stmt* root,
                                               llvm::function_ref<clang::SourceLocation(const clang::Stmt&)> key) {
  std::set<clang::SourceLocation> dependent;
  flow::contains(root, [&](const clang::Stmt& s) {
    const auto* e = llvm::dyn_cast<clang::Expr>(&s);
    if (e != nullptr && e->isInstantiationDependent()) {
      if (const clang::SourceLocation at = key(s); at.isValid()) dependent.insert(at);
    }
    return false;
  });
  return dependent;
}

/// The default argument of `param` as it stands, null when it has none or
/// it is not instantiated (or parsed) yet.
const clang::Expr* default_argument(const clang::ParmVarDecl& param) {
  if (!param.hasDefaultArg() || param.hasUninstantiatedDefaultArg() || param.hasUnparsedDefaultArg()) return nullptr;
  return param.getDefaultArg();
}

/// The specializations of the class template whose pattern (or partial
/// specialization) is `record`, instantiated from it; none when the
/// template sits in another template (its copies hang on each instance of
/// the outer one).
llvm::SmallVector<const clang::ClassTemplateSpecializationDecl*, 4> specializations_from(
    const clang::CXXRecordDecl& record) {
  llvm::SmallVector<const clang::ClassTemplateSpecializationDecl*, 4> found;
  const clang::ClassTemplateDecl* tmpl = record.getDescribedClassTemplate();
  if (const auto* partial = llvm::dyn_cast<clang::ClassTemplatePartialSpecializationDecl>(&record)) {
    tmpl = partial->getSpecializedTemplate();
  }
  if (tmpl == nullptr || tmpl->getDeclContext()->isDependentContext()) return found;
  for (const clang::ClassTemplateSpecializationDecl* spec : tmpl->specializations()) {
    if (spec->getSpecializationKind() == clang::TSK_ExplicitSpecialization || spec->isInvalidDecl()) continue;
    const clang::CXXRecordDecl* from = spec->getTemplateInstantiationPattern();
    if (from != nullptr && from->getDefinition() == record.getDefinition()) found.push_back(spec);
  }
  return found;
}

}  // namespace

void for_each_instantiated_default(const clang::ValueDecl& pattern,
                                   llvm::function_ref<clang::SourceLocation(const clang::Stmt&)> key,
                                   llvm::function_ref<void(const clang::Decl& instance, const clang::Expr& copy,
                                                           const clang::Stmt& stmt)>
                                       judge,
                                   unsigned limit) {
  // Each instantiated copy with what it belongs to.
  llvm::SmallVector<std::pair<const clang::Decl*, const clang::Expr*>, 4> copies;
  const clang::Expr* written = nullptr;
  if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(&pattern)) {
    const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(field->getParent());
    written = field->getInClassInitializer();
    if (record == nullptr || written == nullptr || !record->isDependentContext()) return;
    for (const clang::ClassTemplateSpecializationDecl* spec : specializations_from(*record)) {
      if (copies.size() >= limit) break;
      // The specialization's field instantiated from this one: the same
      // location. Its initializer is null until a constructor uses it.
      for (const clang::FieldDecl* copy : spec->fields()) {
        if (copy->getLocation() != field->getLocation()) continue;
        if (const clang::Expr* init = copy->getInClassInitializer()) copies.emplace_back(spec, init);
        break;
      }
    }
  } else if (const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(&pattern)) {
    const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(param->getDeclContext());
    written = default_argument(*param);
    if (fn == nullptr || written == nullptr || !fn->isDependentContext()) return;
    for (const clang::FunctionDecl* instance : flow::instantiations_of(*fn, limit, /*with_bodies=*/false)) {
      for (const clang::ParmVarDecl* copy : instance->parameters()) {
        if (copy->getLocation() != param->getLocation()) continue;
        if (const clang::Expr* arg = default_argument(*copy)) copies.emplace_back(instance, arg);
        break;
      }
    }
  }
  if (written == nullptr || copies.empty()) return;
  const std::set<clang::SourceLocation> dependent = dependent_keys(written, key);
  if (dependent.empty()) return;
  for (const auto& [instance, root] : copies) {
    for_each_written_stmt(root, [&](const clang::Stmt& s) {
      if (const clang::SourceLocation at = key(s); at.isValid() && dependent.count(at) != 0) judge(*instance, *root, s);
    });
  }
}

void for_each_instantiated(const clang::FunctionDecl& pattern,
                           llvm::function_ref<clang::SourceLocation(const clang::Stmt&)> key,
                           llvm::function_ref<void(const clang::FunctionDecl&, const clang::Stmt&)> judge,
                           unsigned limit) {
  if (!pattern.isDependentContext() || pattern.getBody() == nullptr) return;
  const std::set<clang::SourceLocation> dependent = dependent_keys(pattern.getBody(), key);
  if (dependent.empty()) return;
  for (const clang::FunctionDecl* instance : flow::bodies_to_analyse(pattern, limit)) {
    if (instance == &pattern) continue;
    for_each_written_stmt(instance->getBody(), [&](const clang::Stmt& s) {
      if (const clang::SourceLocation at = key(s); at.isValid() && dependent.count(at) != 0) judge(*instance, s);
    });
  }
}

void note_instantiation(const clang::Decl& instance, RuleContext& ctx) {
  const clang::PrintingPolicy& policy = ctx.ast.getPrintingPolicy();
  const clang::TemplateParameterList* params = nullptr;
  const clang::TemplateArgumentList* args = nullptr;
  const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&instance);
  clang::SourceLocation where = fn != nullptr ? fn->getPointOfInstantiation() : clang::SourceLocation();
  // (A generic lambda's invented template parameters are named after its
  // `auto` parameters: `in the instantiation with b:auto = std::array<char, 4>`.)
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&instance);
  const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(&instance);
  if (const clang::FunctionTemplateDecl* tmpl = fn != nullptr ? fn->getPrimaryTemplate() : nullptr) {
    params = tmpl->getTemplateParameters();
    args = fn->getTemplateSpecializationArgs();
  } else if (method != nullptr) {
    spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(method->getParent());
  }
  if (params == nullptr && spec != nullptr) {
    // (Instantiated from a partial specialization, the arguments named are
    // still the primary template's.)
    params = spec->getSpecializedTemplate()->getTemplateParameters();
    args = &spec->getTemplateArgs();
    if (where.isInvalid()) where = spec->getPointOfInstantiation();
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
