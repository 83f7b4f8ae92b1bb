// meshwa-manual-memory: new-expressions (with the std::make_unique /
// std::make_shared fix-it where the object goes straight into a smart
// pointer), a class's own operator new, and explicit destructor calls.
#include <optional>

#include "Annotations.h"
#include "ManualMemory/ManualMemoryChecks.h"
#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

namespace meshwa::rules::manual_memory {

namespace {

/// std::unique_ptr<T> / std::shared_ptr<T> with the default deleter, or null.
const clang::ClassTemplateSpecializationDecl* smart_pointer(clang::QualType type, llvm::StringRef& which) {
  const auto* record = type.isNull() ? nullptr : type->getAsCXXRecordDecl();
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
  if (spec == nullptr || !spec->isInStdNamespace()) return nullptr;
  if (spec->getName() == "unique_ptr") {
    const auto& args = spec->getTemplateArgs();
    if (args.size() < 2 || args[1].getKind() != clang::TemplateArgument::Type) return nullptr;
    const auto* deleter = args[1].getAsType()->getAsCXXRecordDecl();
    if (deleter == nullptr || deleter->getName() != "default_delete") return nullptr;
    which = "make_unique";
    return spec;
  }
  if (spec->getName() == "shared_ptr") {
    which = "make_shared";
    return spec;
  }
  return nullptr;
}

/// "unique_ptr" or "shared_ptr" for std::unique_ptr<...> / std::shared_ptr<...>,
/// also as a template spells it (`std::unique_ptr<T>` with T a template
/// parameter is no class yet, only the template's name with arguments).
llvm::StringRef smart_pointer_name(clang::QualType type) {
  if (type.isNull()) return {};
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (is_std_class(record, {"unique_ptr"})) return "unique_ptr";
  if (is_std_class(record, {"shared_ptr"})) return "shared_ptr";
  if (record != nullptr) return {};
  const auto* spec = type->getAs<clang::TemplateSpecializationType>();
  const clang::TemplateDecl* decl = spec != nullptr ? spec->getTemplateName().getAsTemplateDecl() : nullptr;
  if (decl == nullptr || decl->getIdentifier() == nullptr || !declared_in_std(decl)) return {};
  if (decl->getName() == "unique_ptr") return "unique_ptr";
  if (decl->getName() == "shared_ptr") return "shared_ptr";
  return {};
}

/// "unique_ptr" or "shared_ptr" when the new-expression goes straight
/// into such a smart pointer (its constructor, or reset()); else empty.
/// In a template too: `std::unique_ptr<T>(new T(x))` is an unresolved
/// construction there, `std::unique_ptr<T> p(new T(x))` a parenthesised
/// initialiser of the variable, `p.reset(new T(x))` a call of a member
/// not yet looked up.
llvm::StringRef smart_pointer_taking(const clang::CXXNewExpr& e, RuleContext& ctx) {
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const clang::Stmt* child = &e;
  for (size_t i = parents.size(), looked = 0; i-- > 0 && looked < 4; ++looked, child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent)) {
      return smart_pointer_name(construct->getType());
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXUnresolvedConstructExpr>(parent)) {
      return construct->getNumArgs() == 1 ? smart_pointer_name(construct->getTypeAsWritten()) : llvm::StringRef();
    }
    if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(parent)) {
      for (const clang::Decl* d : decl_stmt->decls()) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
        if (var != nullptr && var->getInit() == child) return smart_pointer_name(var->getType());
      }
      return {};
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(parent)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method != nullptr && method->getIdentifier() != nullptr && method->getName() == "reset") {
        return smart_pointer_name(call->getImplicitObjectArgument()->getType());
      }
      return {};
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
      const auto* member = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(call->getCallee());
      if (member != nullptr && call->getNumArgs() == 1 && !member->isArrow() && member->getMember().isIdentifier() &&
          member->getMember().getAsIdentifierInfo()->getName() == "reset") {
        return smart_pointer_name(member->getBaseType());
      }
      return {};
    }
    // (A ParenListExpr holds a template's `p(new T(x))`; the unresolved
    // construction and the declaration above it decide.)
    if (!llvm::isa<clang::ImplicitCastExpr, clang::CXXFunctionalCastExpr, clang::ParenExpr,
                   clang::CXXBindTemporaryExpr, clang::MaterializeTemporaryExpr, clang::ParenListExpr>(parent)) {
      return {};
    }
    if (const auto* list = llvm::dyn_cast<clang::ParenListExpr>(parent); list != nullptr && list->getNumExprs() != 1) {
      return {};
    }
  }
  return {};
}

/// `::testing::AddGlobalTestEnvironment(new Env)`,
/// `listeners.Append(new Printer)`: GoogleTest's registration functions
/// take ownership of an object made with new and delete it themselves;
/// they take only a raw pointer, so std::make_unique (and release(),
/// which this rule rejects too) has no place there. The new-expression
/// must be the argument itself.
bool is_handed_to_test_framework(const clang::CXXNewExpr& e, RuleContext& ctx) {
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(ctx.parent_ignoring_implicit());
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || ctx.service_code.contains(callee->getLocation()) || !in_top_namespace(*callee, "testing")) {
    return false;
  }
  for (const clang::Expr* arg : call->arguments()) {
    if (arg->IgnoreImplicit() == &e) return true;
  }
  return false;
}

/// The private or protected constructor a new-expression calls (a class
/// creating itself in a factory), or null.
const clang::CXXConstructorDecl* non_public_constructor(const clang::CXXNewExpr& e) {
  const clang::CXXConstructExpr* construct = e.getConstructExpr();
  if (construct == nullptr || construct->getConstructor() == nullptr) return nullptr;
  const clang::CXXConstructorDecl* ctor = construct->getConstructor();
  const clang::AccessSpecifier access = ctor->getAccess();
  return access == clang::AS_private || access == clang::AS_protected ? ctor : nullptr;
}

/// std::unique_ptr<T>(new T(args)) -> std::unique_ptr<T>(std::make_unique<T>(args)):
/// only when the new-expression is the whole argument of a unique_ptr /
/// shared_ptr constructor with the default deleter, allocates exactly the
/// pointer's element type with parentheses (or no initialiser: make_unique
/// value-initialises, which only adds zeroing), and no macro is involved.
std::optional<clang::FixItHint> make_function_fix(const clang::CXXNewExpr& e, RuleContext& ctx) {
  const clang::Stmt* parent = ctx.parent_ignoring_implicit();
  const clang::CXXConstructExpr* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(parent);
  if (construct == nullptr) {
    if (const auto* cast = llvm::dyn_cast_or_null<clang::CXXFunctionalCastExpr>(parent)) {
      construct = llvm::dyn_cast<clang::CXXConstructExpr>(cast->getSubExpr()->IgnoreImplicit());
    }
  }
  if (construct == nullptr || construct->getNumArgs() != 1) return std::nullopt;
  llvm::StringRef function;
  const auto* spec = smart_pointer(construct->getType(), function);
  if (spec == nullptr) return std::nullopt;
  const clang::QualType element = first_type_argument(spec);
  if (element.isNull() || !ctx.ast.hasSameType(element, e.getAllocatedType())) return std::nullopt;
  if (e.getInitializationStyle() == clang::CXXNewInitializationStyle::Braces) return std::nullopt;
  const clang::SourceRange range = e.getSourceRange();
  if (range.getBegin().isMacroID() || range.getEnd().isMacroID()) return std::nullopt;
  const clang::TypeSourceInfo* type_info = e.getAllocatedTypeSourceInfo();
  if (type_info == nullptr) return std::nullopt;
  const llvm::StringRef type_text = clang::Lexer::getSourceText(
      clang::CharSourceRange::getTokenRange(type_info->getTypeLoc().getSourceRange()), ctx.sources(), ctx.lang());
  if (type_text.empty()) return std::nullopt;
  std::string args_text;
  if (e.getInitializationStyle() == clang::CXXNewInitializationStyle::Parens) {
    const clang::SourceRange parens = e.getDirectInitRange();
    if (parens.isInvalid() || parens.getBegin().isMacroID()) return std::nullopt;
    args_text = clang::Lexer::getSourceText(
                    clang::CharSourceRange::getCharRange(parens.getBegin().getLocWithOffset(1), parens.getEnd()),
                    ctx.sources(), ctx.lang())
                    .str();
  }
  return clang::FixItHint::CreateReplacement(range,
                                             ("std::" + function + "<" + type_text + ">(" + args_text + ")").str());
}

}  // namespace

/// `static void* operator new(std::size_t)` in a class, or a placement
/// form `void* operator new(std::size_t, Arena&)`: the objects' memory is
/// then managed by hand, in a pool or arena that nothing bounds-checks
/// and that frees nothing it does not know of. Declared `= delete` it
/// forbids the heap instead, and is accepted; the replaceable global ones
/// are symbol-interposition's (they replace every service's allocator).
void check_allocation_operator(const clang::FunctionDecl& fn, RuleContext& ctx) {
  if (!is_allocation_operator(fn) || fn.isDeletedAsWritten() || !fn.isFirstDecl()) return;
  if (fn.isReplaceableGlobalAllocationFunction()) return;
  if (fn.isTemplateInstantiation() || fn.getInstantiatedFromMemberFunction() != nullptr) return;
  ctx.report.error(fn.getLocation(), kName,
                   "an " + fn.getNameAsString() +
                       " of the program's own manages its objects' memory by hand (a pool or arena that nothing "
                       "bounds-checks and that frees whatever it is handed); let the default allocator do it, and "
                       "keep many objects in a container (std::vector, std::deque) or a std::pmr container; "
                       "= delete it to forbid the heap")
      << fn.getSourceRange();
}

// Implicit destructor calls are not expressions in the AST: a call that is
// one was written out. The object's owner (the scope, the container, the
// smart pointer) destroys it again: a double free, and a use after free
// in between.
void report_destructor_call(const clang::Expr& e, RuleContext& ctx) {
  ctx.report.error(e.getBeginLoc(), kName,
                   "calling a destructor by hand ends the object's life while its owner (the scope, the "
                   "container, the smart pointer) still holds it and destroys it again (a double free); "
                   "give it a new value instead (x = T{}, v.clear(), opt.reset(), v.erase(it))")
      << e.getSourceRange();
}

void check_new(const clang::CXXNewExpr& e, RuleContext& ctx) {
  if (e.getNumPlacementArgs() > 0) {
    ctx.report.error(e.getBeginLoc(), kName,
                     "placement new constructs an object in raw memory that nothing tracks; use "
                     "std::optional, std::variant or a container's emplace instead")
        << e.getSourceRange();
    return;
  }
  if (e.isArray()) {
    ctx.report.error(e.getBeginLoc(), kName,
                     "new[] allocates an array that must be delete[]d by hand; use std::vector<T>(n) "
                     "instead")
        << e.getSourceRange();
    return;
  }
  if (is_handed_to_test_framework(e, ctx)) return;
  if (const clang::CXXConstructorDecl* ctor = non_public_constructor(e)) {
    // The factory idiom (`static std::unique_ptr<Widget> Create() { return
    // std::unique_ptr<Widget>(new Widget(...)); }` with a private
    // constructor): std::make_unique cannot call it, so neither the
    // usual remedy nor its fix-it would compile.
    const std::string cls = ctor->getParent()->getNameAsString();
    ctx.report.error(e.getBeginLoc(), kName,
                     "new allocates memory that must be deleted by hand, and std::make_unique cannot call the " +
                         std::string(ctor->getAccess() == clang::AS_protected ? "protected" : "private") +
                         " constructor of '" + cls +
                         "'; make that constructor public but callable only with a private passkey (struct Key { "
                         "explicit Key() = default; }; " +
                         cls + "(Key, ...)), and create the object with std::make_unique<" + cls + ">(Key{}, ...)")
        << e.getSourceRange();
    return;
  }
  if (const llvm::StringRef owner = smart_pointer_taking(e, ctx); !owner.empty()) {
    // Owned at once, but between the allocation and the owner nothing
    // is (an argument evaluated in between may throw), and the same
    // pointer can be handed to a second owner.
    const std::string maker = owner == "shared_ptr" ? "std::make_shared" : "std::make_unique";
    auto diag = ctx.report.error(e.getBeginLoc(), kName,
                                 "new hands a raw allocation to a std::" + owner.str() +
                                     ", which is manual memory all the same (a second owner of the same "
                                     "pointer frees it twice); use " + maker + "<T>(...), which allocates and "
                                     "owns in one step")
                << e.getSourceRange();
    if (auto fix = make_function_fix(e, ctx)) diag << *fix;
    return;
  }
  auto diag = ctx.report.error(e.getBeginLoc(), kName,
                               "new allocates memory that must be deleted by hand; use std::make_unique<T>(...) "
                               "(or std::make_shared, meshwa::make_owned) instead")
              << e.getSourceRange();
  if (auto fix = make_function_fix(e, ctx)) diag << *fix;
}

}  // namespace meshwa::rules::manual_memory
