#include "Instantiations.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "Flow.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
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

using Contexts = InstanceContexts;

Contexts instances_of_context(const clang::DeclContext& dc, unsigned limit, unsigned depth, bool* cut = nullptr);

}  // namespace

/// What an InstanceCache remembers: each instance's members by the
/// declaration they were instantiated from, and each search's answer.
struct InstanceCache::Data {
  /// Of one instance (a specialization, an instantiated function): its
  /// members by origin, in declaration order (the order the searches
  /// listed them in before, which decides which instances are analysed
  /// when there are more than a rule looks at).
  struct Members {
    llvm::DenseMap<const clang::Decl*, llvm::SmallVector<const clang::Decl*, 1>> by_origin;
    llvm::DenseMap<unsigned, llvm::SmallVector<const clang::CXXRecordDecl*, 1>> closures_at;  // by location
  };
  llvm::DenseMap<const clang::DeclContext*, Members> members;
  struct Found {
    Contexts contexts;
    bool cut = false;
  };
  std::map<std::tuple<const clang::DeclContext*, unsigned, unsigned>, Found> found;
};

namespace {

InstanceCache::Data* g_cache = nullptr;  // the innermost live InstanceCache's

/// The members of the instance `outer` by origin: a member template by the
/// template it comes from, a member class by its pattern, a closure by its
/// lambda's location (a closure keeps no link to the lambda it was made
/// from), a function by its pattern.
void index_members(const clang::DeclContext& outer, InstanceCache::Data::Members& index) {
  for (const clang::Decl* member : outer.decls()) {
    if (const auto* tmpl = llvm::dyn_cast<clang::RedeclarableTemplateDecl>(member)) {
      if (const clang::RedeclarableTemplateDecl* from = tmpl->getInstantiatedFromMemberTemplate()) {
        index.by_origin[from->getCanonicalDecl()].push_back(tmpl);
      }
      continue;
    }
    if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(member)) {
      if (record->isInjectedClassName()) continue;
      if (const clang::CXXRecordDecl* from = record->getInstantiatedFromMemberClass()) {
        index.by_origin[from->getCanonicalDecl()].push_back(record);
      } else if (record->isLambda()) {
        index.closures_at[record->getLocation().getRawEncoding()].push_back(record);
      }
      continue;
    }
    if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(member)) {
      if (const clang::FunctionDecl* from = fn->getTemplateInstantiationPattern()) {
        index.by_origin[from->getCanonicalDecl()].push_back(fn);
      }
    }
  }
}

/// The members of `outer` that come from `origin` (by index_members'
/// keys), in declaration order; without a cache, found by reading them all.
/// A closure is asked for by its lambda's closure class (`closure` true).
llvm::SmallVector<const clang::Decl*, 1> members_from(const clang::DeclContext& outer, const clang::Decl& origin,
                                                     bool closure = false) {
  InstanceCache::Data::Members local;
  InstanceCache::Data::Members* index = &local;
  if (g_cache != nullptr) {
    auto [it, fresh] = g_cache->members.try_emplace(&outer);
    if (fresh) index_members(outer, it->second);
    index = &it->second;
  } else {
    index_members(outer, local);
  }
  llvm::SmallVector<const clang::Decl*, 1> found = index->by_origin.lookup(origin.getCanonicalDecl());
  if (closure) {
    for (const clang::CXXRecordDecl* copy : index->closures_at.lookup(origin.getLocation().getRawEncoding())) {
      found.push_back(copy);
    }
  }
  return found;
}

/// The copies of the class or function template `tmpl` in the instances
/// of its own context: `tmpl` itself when that context is not dependent,
/// else the member template instantiated from it in each instance of the
/// template around it (`Outer<int>::In<U>` of `template <class U> struct In`,
/// a member template or a generic lambda's call operator in a template).
template <class TemplateDecl>
llvm::SmallVector<const TemplateDecl*, 4> copies_of(const TemplateDecl& tmpl, unsigned limit, unsigned depth,
                                                    bool* cut) {
  llvm::SmallVector<const TemplateDecl*, 4> found;
  for (const clang::DeclContext* outer : instances_of_context(*tmpl.getDeclContext(), limit, depth + 1, cut)) {
    if (outer == tmpl.getDeclContext()) {
      found.push_back(&tmpl);
      continue;
    }
    for (const clang::Decl* member : members_from(*outer, tmpl)) {
      if (const auto* copy = llvm::dyn_cast<TemplateDecl>(member)) found.push_back(copy);
    }
  }
  return found;
}

/// The specializations of the class template whose pattern (or partial
/// specialization) is `record`, instantiated from it, also when the
/// template sits in another template (its copies hang on each instance of
/// the outer one).
llvm::SmallVector<const clang::ClassTemplateSpecializationDecl*, 4> specializations_from(
    const clang::CXXRecordDecl& record, unsigned limit, unsigned depth, bool* cut) {
  llvm::SmallVector<const clang::ClassTemplateSpecializationDecl*, 4> found;
  const clang::ClassTemplateDecl* tmpl = record.getDescribedClassTemplate();
  if (const auto* partial = llvm::dyn_cast<clang::ClassTemplatePartialSpecializationDecl>(&record)) {
    // (One in a dependent context is not followed: its copies' patterns
    // are the copies of the partial specialization.)
    if (partial->getDeclContext()->isDependentContext()) {
      if (cut != nullptr) *cut = true;
      return found;
    }
    tmpl = partial->getSpecializedTemplate();
  }
  if (tmpl == nullptr) return found;
  for (const clang::ClassTemplateDecl* copy : copies_of(*tmpl, limit, depth, cut)) {
    for (const clang::ClassTemplateSpecializationDecl* spec : copy->specializations()) {
      if (spec->getSpecializationKind() == clang::TSK_ExplicitSpecialization || spec->isInvalidDecl()) continue;
      if (spec->isDependentContext()) continue;
      if (found.size() >= limit) {
        if (cut != nullptr) *cut = true;
        continue;
      }
      // (clang gives a copy's specialization the outermost pattern it
      // comes from: `record`, or a partial specialization.)
      const clang::CXXRecordDecl* from = spec->getTemplateInstantiationPattern();
      if (from != nullptr && from->getDefinition() == record.getDefinition()) found.push_back(spec);
    }
  }
  return found;
}

/// `dc` in each instance of the templates around it: `dc` itself when it
/// is not dependent; for a dependent one, up to `limit` copies clang made
/// of it, each in a copy of its own context. A class template's
/// specializations, a function template's; a member (a member class, a
/// member function) or a local class, a lambda's closure and call
/// operator, found again in each instance of what holds it (`In` of
/// `Outer<T>` in `Outer<int>`, a lambda of `f<T>` in `f<int>`). Empty when
/// there is none, or for a context not followed.
Contexts search_instances(const clang::DeclContext& dc, unsigned limit, unsigned depth, bool* cut);

Contexts instances_of_context(const clang::DeclContext& dc, unsigned limit, unsigned depth, bool* cut) {
  if (!dc.isDependentContext()) return Contexts{&dc};
  if (g_cache == nullptr) return search_instances(dc, limit, depth, cut);
  // The same question gives the same answer while the AST stays as it is
  // (the depth only decides where a deep search is cut short).
  const auto key = std::make_tuple(&dc, limit, depth);
  if (auto it = g_cache->found.find(key); it != g_cache->found.end()) {
    if (it->second.cut && cut != nullptr) *cut = true;
    return it->second.contexts;
  }
  bool own_cut = false;
  Contexts found = search_instances(dc, limit, depth, &own_cut);
  if (own_cut && cut != nullptr) *cut = true;
  g_cache->found[key] = InstanceCache::Data::Found{found, own_cut};
  return found;
}

Contexts search_instances(const clang::DeclContext& dc, unsigned limit, unsigned depth, bool* cut) {
  Contexts found;
  if (depth > 8) {
    if (cut != nullptr) *cut = true;
    return found;
  }
  llvm::SmallPtrSet<const clang::DeclContext*, 16> listed;
  const auto add = [&](const clang::DeclContext* copy) {
    if (copy == nullptr || copy->isDependentContext()) return;
    if (found.size() >= limit) {
      if (cut != nullptr && !listed.contains(copy)) *cut = true;
      return;
    }
    if (llvm::cast<clang::Decl>(copy)->isInvalidDecl() || !listed.insert(copy).second) return;
    found.push_back(copy);
  };
  if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&dc)) {
    if (record->getDescribedClassTemplate() != nullptr ||
        llvm::isa<clang::ClassTemplatePartialSpecializationDecl>(record)) {
      for (const clang::ClassTemplateSpecializationDecl* spec : specializations_from(*record, limit, depth, cut)) {
        add(spec);
      }
      return found;
    }
    // A member class, a local class, a lambda's closure: the class with the
    // same origin in each copy of what holds it.
    for (const clang::DeclContext* outer : instances_of_context(*record->getDeclContext(), limit, depth + 1, cut)) {
      if (outer == record->getDeclContext()) continue;
      // (A closure keeps no link to the lambda it was made from: the same
      // place in the source.)
      for (const clang::Decl* member : members_from(*outer, *record, /*closure=*/record->isLambda())) {
        if (const auto* copy = llvm::dyn_cast<clang::CXXRecordDecl>(member)) add(copy->getDefinition());
      }
    }
    return found;
  }
  if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&dc)) {
    if (const clang::FunctionTemplateDecl* tmpl = fn->getDescribedFunctionTemplate()) {
      for (const clang::FunctionTemplateDecl* copy : copies_of(*tmpl, limit, depth, cut)) {
        for (const clang::FunctionDecl* spec : copy->specializations()) add(spec);
      }
      return found;
    }
    // A member of a class template (or of a class nested in one), a
    // lambda's call operator: the member instantiated from it in each copy
    // of its class.
    for (const clang::DeclContext* outer : instances_of_context(*fn->getDeclContext(), limit, depth + 1, cut)) {
      if (outer == fn->getDeclContext()) continue;
      for (const clang::Decl* member : members_from(*outer, *fn)) {
        if (const auto* copy = llvm::dyn_cast<clang::FunctionDecl>(member)) add(copy);
      }
    }
  }
  return found;
}

}  // namespace

InstanceCache::InstanceCache() : data_(std::make_unique<Data>()), outer_(g_cache) { g_cache = data_.get(); }
InstanceCache::~InstanceCache() { g_cache = outer_; }

InstanceContexts instances_of(const clang::DeclContext& dc, unsigned limit) {
  return instances_of_context(dc, limit, 0);
}

std::optional<llvm::SmallVector<const clang::FunctionDecl*, 4>> all_instances(const clang::FunctionDecl& pattern,
                                                                              unsigned limit) {
  if (!pattern.isDependentContext()) return std::nullopt;
  // The walk flow::bodies_to_analyse takes (instances_of): a function
  // template's specializations, a member's copy in each specialization of
  // its class, also of a class nested in a class template, a lambda's call
  // operator or a local class's member in each instance of the function
  // template holding it. Complete only where no level of it was cut short
  // by the limit: else some instance goes unlisted, and nothing may be
  // concluded of all of them.
  bool cut = false;
  const Contexts copies = instances_of_context(pattern, std::max(limit * 8, 256U), 0, &cut);
  if (cut) return std::nullopt;
  llvm::SmallVector<const clang::FunctionDecl*, 4> instances;
  for (const clang::DeclContext* copy : copies) {
    const auto* instance = llvm::dyn_cast<clang::FunctionDecl>(copy);
    // A copy clang made only as a declaration (a member never used) has
    // no body and runs nowhere.
    if (instance == nullptr || instance->isDependentContext() || instance->isInvalidDecl() ||
        instance->getBody() == nullptr || llvm::is_contained(instances, instance)) {
      continue;
    }
    if (instances.size() + 1 >= limit) return std::nullopt;
    instances.push_back(instance);
  }
  return instances;
}

void for_each_instantiated_default(const clang::ValueDecl& pattern,
                                   llvm::function_ref<clang::SourceLocation(const clang::Stmt&)> key,
                                   llvm::function_ref<void(const clang::Decl& instance, const clang::Expr& copy,
                                                           const clang::Stmt& stmt)>
                                       judge,
                                   unsigned limit) {
  // Each instantiated copy with what it belongs to.
  llvm::SmallVector<std::pair<const clang::Decl*, const clang::Expr*>, 4> copies;
  const clang::Expr* written = nullptr;
  std::set<clang::SourceLocation> dependent;
  if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(&pattern)) {
    const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(field->getParent());
    written = field->getInClassInitializer();
    if (record == nullptr || written == nullptr || !record->isDependentContext()) return;
    dependent = dependent_keys(written, key);
    if (dependent.empty()) return;  // (before the instances are looked for)
    for (const clang::DeclContext* instance : instances_of_context(*record, limit, 0)) {
      // The copy's field instantiated from this one: the same location.
      // Its initializer is null until a constructor uses it.
      const auto* spec = llvm::cast<clang::CXXRecordDecl>(instance);
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
    dependent = dependent_keys(written, key);
    if (dependent.empty()) return;
    for (const clang::DeclContext* copy_of_fn : instances_of_context(*fn, limit, 0)) {
      const auto* instance = llvm::cast<clang::FunctionDecl>(copy_of_fn);
      for (const clang::ParmVarDecl* copy : instance->parameters()) {
        if (copy->getLocation() != param->getLocation()) continue;
        if (const clang::Expr* arg = default_argument(*copy)) copies.emplace_back(instance, arg);
        break;
      }
    }
  }
  if (written == nullptr || copies.empty() || dependent.empty()) return;
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

namespace {

/// The instance of a template around `decl` (a class template
/// specialization, an instantiated function template), or null.
const clang::Decl* instance_around(const clang::Decl& decl) {
  for (const clang::DeclContext* outer = decl.getDeclContext(); outer != nullptr; outer = outer->getParent()) {
    const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(outer);
    if (llvm::isa<clang::ClassTemplateSpecializationDecl>(outer) || (fn != nullptr && fn->getPrimaryTemplate() != nullptr)) {
      return llvm::cast<clang::Decl>(outer);
    }
  }
  return nullptr;
}

/// note_instantiation's words for `instance` ("To = Derived, From = Base")
/// and the place it is instantiated.
std::pair<std::string, clang::SourceLocation> describe_instantiation(const clang::Decl& instance,
                                                                     const clang::ASTContext& ast,
                                                                     unsigned depth = 0) {
  const clang::PrintingPolicy& policy = ast.getPrintingPolicy();
  const clang::TemplateParameterList* params = nullptr;
  const clang::TemplateArgumentList* args = nullptr;
  const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&instance);
  clang::SourceLocation where = fn != nullptr ? fn->getPointOfInstantiation() : clang::SourceLocation();
  // (A generic lambda's invented template parameters are named after its
  // `auto` parameters: `in the instantiation with b:auto = std::array<char, 4>`.)
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&instance);
  const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(&instance);
  const bool own_spec = spec != nullptr;
  if (const clang::FunctionTemplateDecl* tmpl = fn != nullptr ? fn->getPrimaryTemplate() : nullptr) {
    params = tmpl->getTemplateParameters();
    args = fn->getTemplateSpecializationArgs();
  } else if (method != nullptr) {
    spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(method->getParent());
  }
  const clang::Decl* around = depth < 8 ? instance_around(instance) : nullptr;
  if (params == nullptr && spec == nullptr && around != nullptr) {
    // A class nested in a class template, a local class or a lambda of a
    // function template: named by the instance of the template around it
    // (`Outer<Derived>::In` by `Outer<Derived>`).
    return describe_instantiation(*around, ast, depth + 1);
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
      if (out.str() == param->getName() && args->get(i).getKind() == clang::TemplateArgument::Type) {
        // `template <class Base, class Derived>` given the program's own
        // `struct Base` and `struct Derived`: "Base = Base" says nothing;
        // the qualified name shows the argument is a class, and whose
        // (`Base = ::Base`, `Base = app::Base`).
        arg = clang::TypeName::getFullyQualifiedName(args->get(i).getAsType(), ast, policy,
                                                     /*WithGlobalNsPrefix=*/true);
      }
      if (!text.empty()) text += ", ";
      text += param->getName().str() + " = " + arg;
    }
  }
  if (own_spec && around != nullptr) {
    // A member class template of a class template (`Outer<Derived>::Deep<int>`):
    // the outer arguments too, where the outer one is instantiated (its own
    // place is inside the template).
    auto [outer_text, outer_where] = describe_instantiation(*around, ast, depth + 1);
    if (!outer_text.empty()) text = text.empty() ? outer_text : outer_text + ", " + text;
    if (outer_where.isValid()) where = outer_where;
  }
  if (where.isInvalid()) where = instance.getLocation();
  return {text, where};
}

}  // namespace

void note_instantiation(const clang::Decl& instance, RuleContext& ctx) {
  const auto [text, where] = describe_instantiation(instance, ctx.ast);
  ctx.report.note(where, text.empty() ? std::string("in this instantiation of the template")
                                      : "in the instantiation with " + text);
}

}  // namespace meshwa::rules
