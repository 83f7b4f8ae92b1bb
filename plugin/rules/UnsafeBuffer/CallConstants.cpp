// Constants that cross a call of a function only this file can call: what
// every call passes for a parameter, what every return gives, what an
// out-parameter surely holds at the end; and the file's call sites those
// questions need (Juliet's sources and sinks).
#include "Flow.h"
#include "UnsafeBuffer/ReachingConstants.h"
#include "UnsafeBuffer/UnsafeBuffer.h"

namespace meshwa::rules::unsafe_buffer {

using namespace constants;

/// The constants every call of the function of `param` passes for it,
/// when the function has internal linkage (`static`, an unnamed namespace),
/// is not a member function, and every use of it in the file is a direct call (Juliet's `badSink(data)`,
/// chains of sinks): each argument a constant, or a local or parameter of the
/// caller holding constants there. Empty when not known. Cached per parameter.
const llvm::SmallVector<llvm::APSInt, 4>& UnsafeBuffer::passed_constants(const clang::ParmVarDecl& param,
                                                                         RuleContext& ctx, int depth) {
  auto [cached, fresh] = passed_constants_.try_emplace(&param);
  if (!fresh) return cached->second;  // also breaks recursion: empty while computed
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(param.getDeclContext());
  if (fn == nullptr || fn->isExternallyVisible() || fn->isTemplateInstantiation() || fn->isDependentContext() ||
      (param.getType()->isReferenceType() && !is_const_lvalue_reference(param.getType())) ||
      param.getFunctionScopeIndex() >= fn->getNumParams()) {
    return cached->second;
  }
  // Not a member function: an operator's object is its first argument,
  // and a virtual one may be called through an override.
  if (llvm::isa<clang::CXXMethodDecl>(fn)) return cached->second;
  const CallSites& sites = call_sites(ctx);
  const clang::FunctionDecl* key = fn->getCanonicalDecl();
  if (sites.escaped.count(key) != 0) return cached->second;
  const auto calls = sites.calls.find(key);
  if (calls == sites.calls.end() || calls->second.empty() || calls->second.size() > 8) return cached->second;
  const unsigned index = param.getFunctionScopeIndex();
  const clang::QualType type = param.getType().getNonReferenceType();
  if (!type->isIntegerType()) return cached->second;
  const unsigned width = ctx.ast.getIntWidth(type);
  const bool is_unsigned = type->isUnsignedIntegerOrEnumerationType();
  llvm::SmallVector<llvm::APSInt, 4> values;
  for (const auto& [call, caller] : calls->second) {
    if (index >= call->getNumArgs()) return cached->second;
    const llvm::SmallVector<llvm::APSInt, 4> given = constants_at(call->getArg(index), *call, *caller, ctx, depth + 1);
    if (given.empty()) return passed_constants_[&param];
    add_converted(given, width, is_unsigned, values);
    if (values.size() > kMaxValues) return passed_constants_[&param];
  }
  passed_constants_[&param] = values;
  return passed_constants_[&param];
}

/// The function `e` calls directly when only this file can call it and
/// no override can replace it (`static`, an unnamed namespace), else null.
const clang::FunctionDecl* UnsafeBuffer::internal_callee(const clang::Expr* e) {
  const auto* call = e != nullptr ? llvm::dyn_cast<clang::CallExpr>(e->IgnoreParenImpCasts()) : nullptr;
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || callee->isExternallyVisible() || callee->isDependentContext() ||
      llvm::isa<clang::CXXMethodDecl>(callee)) {
    return nullptr;
  }
  return callee;
}

/// The constants every `return` of `fn` gives (each a constant, or a local
/// or parameter holding constants there); empty when not known. Cached per
/// function, which also stops recursion.
const llvm::SmallVector<llvm::APSInt, 4>& UnsafeBuffer::returned_constants(const clang::FunctionDecl& fn,
                                                                           RuleContext& ctx) {
  const clang::FunctionDecl* def = nullptr;
  if (!fn.hasBody(def) || def == nullptr) return returned_constants_[fn.getCanonicalDecl()];
  auto [cached, fresh] = returned_constants_.try_emplace(fn.getCanonicalDecl());
  if (!fresh || !def->getReturnType()->isIntegerType()) return cached->second;
  llvm::SmallVector<const clang::ReturnStmt*, 4> returns;
  flow::contains(def->getBody(), [&](const clang::Stmt& s) {
    if (llvm::isa<clang::LambdaExpr>(s)) return false;  // (its returns are its own; contains goes in anyway)
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s)) returns.push_back(ret);
    return false;
  });
  const bool in_lambda = flow::contains(def->getBody(), [](const clang::Stmt& s) { return llvm::isa<clang::LambdaExpr>(s); });
  if (returns.empty() || returns.size() > kMaxValues || in_lambda) return cached->second;
  const unsigned width = ctx.ast.getIntWidth(def->getReturnType());
  const bool is_unsigned = def->getReturnType()->isUnsignedIntegerOrEnumerationType();
  llvm::SmallVector<llvm::APSInt, 4> values;
  for (const clang::ReturnStmt* ret : returns) {
    const clang::Expr* value = ret->getRetValue();
    if (value == nullptr) return returned_constants_[fn.getCanonicalDecl()];
    const llvm::SmallVector<llvm::APSInt, 4> given = constants_at(value, *ret, *def, ctx, /*depth=*/1);
    if (given.empty()) return returned_constants_[fn.getCanonicalDecl()];
    add_converted(given, width, is_unsigned, values);
    if (values.size() > kMaxValues) return returned_constants_[fn.getCanonicalDecl()];
  }
  returned_constants_[fn.getCanonicalDecl()] = values;
  return returned_constants_[fn.getCanonicalDecl()];
}

/// The parameters (by index) of the function `call` calls, when only this
/// file can call it, to which `var` is handed as a non-const reference to
/// its own type (an out-parameter, `static void badSource(int& data)`).
llvm::SmallVector<unsigned, 2> UnsafeBuffer::out_arguments(const clang::CallExpr& call, const clang::VarDecl& var) {
  llvm::SmallVector<unsigned, 2> outs;
  const clang::FunctionDecl* callee = internal_callee(&call);
  if (callee == nullptr) return outs;
  for (unsigned i = 0; i < call.getNumArgs() && i < callee->getNumParams(); ++i) {
    const clang::QualType type = callee->getParamDecl(i)->getType();
    if (flow::names_variable(call.getArg(i), var) && type->isLValueReferenceType() &&
        !type.getNonReferenceType().isConstQualified() &&
        var.getASTContext().hasSameUnqualifiedType(type.getNonReferenceType(), var.getType())) {
      outs.push_back(i);
    }
  }
  return outs;
}

/// The constants the out-parameter `param` surely holds when its function
/// returns: at every `return` and at the end of the body, what the writes
/// before leave in it. Empty when not known. Cached.
const llvm::SmallVector<llvm::APSInt, 4>& UnsafeBuffer::out_constants(const clang::ParmVarDecl& param, RuleContext& ctx) {
  auto [cached, fresh] = out_constants_.try_emplace(&param);
  if (!fresh) return cached->second;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(param.getDeclContext());
  const auto* body = fn != nullptr ? llvm::dyn_cast_or_null<clang::CompoundStmt>(fn->getBody()) : nullptr;
  if (body == nullptr || !fn->getReturnType()->isVoidType() || jumps_within(body, 0)) return cached->second;
  // The end of the body: every statement of it comes before.
  const clang::Stmt* const top[] = {body};
  llvm::SmallVector<llvm::APSInt, 4> values = reaching_constants(param, top, nullptr, ctx, /*depth=*/1);
  out_constants_[&param] = values;
  return out_constants_[&param];
}

/// Every direct call in the main file's function bodies, by callee, and the
/// functions named otherwise (their address taken: called from anywhere).
/// Built once per translation unit, on the first parameter asked about.
const UnsafeBuffer::CallSites& UnsafeBuffer::call_sites(RuleContext& ctx) {
  if (call_sites_) return *call_sites_;
  call_sites_.emplace();
  CallSites& sites = *call_sites_;
  const clang::SourceManager& sm = ctx.sources();
  llvm::SmallVector<const clang::DeclContext*, 16> contexts{ctx.ast.getTranslationUnitDecl()};
  llvm::DenseSet<const clang::Expr*> callees;
  llvm::SmallVector<std::pair<const clang::DeclRefExpr*, const clang::FunctionDecl*>, 64> named;
  llvm::DenseMap<const clang::VarDecl*, unsigned> global_mentions;
  llvm::DenseMap<const clang::VarDecl*, unsigned> global_reads;
  const auto global_named = [](const clang::Expr* e) -> const clang::VarDecl* {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParens());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    return var != nullptr && var->hasGlobalStorage() ? var->getCanonicalDecl() : nullptr;
  };
  // A call in the discarded branch of an `if constexpr` is never made, and
  // names nothing: that branch is skipped, as the compiler does; so is the
  // part of a statement on a constant that never runs (never_run_part:
  // `if (kWide) wide_column(r, 4);` with kWide false).
  const auto scan = [&](const clang::Stmt* body, const clang::FunctionDecl* caller) {
    llvm::SmallVector<const clang::Stmt*, 64> stack{body};
    while (!stack.empty()) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr) continue;
      if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
        if (const clang::VarDecl* global = global_named(e); global != nullptr && llvm::isa<clang::DeclRefExpr>(e)) {
          ++global_mentions[global];
        }
        const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(e);
        if (cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue) {
          if (const clang::VarDecl* global = global_named(cast->getSubExpr())) ++global_reads[global];
        }
      }
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
        if (const clang::FunctionDecl* callee = call->getDirectCallee(); callee != nullptr && caller != nullptr) {
          sites.calls[callee->getCanonicalDecl()].push_back({call, caller});
          callees.insert(call->getCallee()->IgnoreParenImpCasts());
        }
      } else if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s)) {
        if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(ref->getDecl())) named.push_back({ref, fn});
      }
      const auto* branch = llvm::dyn_cast<clang::IfStmt>(s);
      const clang::Stmt* dead = branch != nullptr ? flow::discarded_branch(*branch, ctx.ast) : nullptr;
      if (dead == nullptr) dead = flow::never_run_part(*s, ctx.ast);
      for (const clang::Stmt* child : s->children()) {
        if (child != dead) stack.push_back(child);
      }
    }
  };
  while (!contexts.empty()) {
    const clang::DeclContext* dc = contexts.pop_back_val();
    for (const clang::Decl* d : dc->decls()) {
      if (!sm.isInMainFile(sm.getExpansionLoc(d->getLocation()))) continue;
      if (const auto* nested = llvm::dyn_cast<clang::DeclContext>(d);
          nested != nullptr && llvm::isa<clang::NamespaceDecl, clang::CXXRecordDecl, clang::LinkageSpecDecl>(d)) {
        contexts.push_back(nested);
      }
      // The members of a class template may call or write what the file declares too.
      if (const auto* tmpl = llvm::dyn_cast<clang::ClassTemplateDecl>(d)) contexts.push_back(tmpl->getTemplatedDecl());
      if (const auto* tmpl = llvm::dyn_cast<clang::FunctionTemplateDecl>(d)) d = tmpl->getTemplatedDecl();
      if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(d); fn != nullptr && fn->hasBody()) {
        scan(fn->getBody(), fn);
        if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(fn)) {
          for (const clang::CXXCtorInitializer* init : ctor->inits()) scan(init->getInit(), fn);
        }
      } else if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d); var != nullptr && var->getInit() != nullptr) {
        scan(var->getInit(), nullptr);
      } else if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(d); field != nullptr && field->hasInClassInitializer()) {
        scan(field->getInClassInitializer(), nullptr);
      }
    }
  }
  for (const auto& [ref, fn] : named) {
    if (callees.count(ref) == 0) sites.escaped.insert(fn->getCanonicalDecl());
  }
  for (const auto& [global, mentions] : global_mentions) {
    if (global_reads.lookup(global) != mentions) sites.changed_globals.insert(global);
  }
  return sites;
}

}  // namespace meshwa::rules::unsafe_buffer
