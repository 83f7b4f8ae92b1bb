// meshwa-manual-memory: memory whose lifetime the programmer manages by hand
// (leaks, double frees, use after free).
//   - new, new[], placement new, delete, delete[]
//   - malloc/calloc/realloc/free/aligned_alloc and relatives, strdup
//   - explicit calls of operator new / operator delete, also through
//     __builtin_operator_new / __builtin_operator_delete
//   - std::allocator / std::allocator_traits allocate/deallocate/construct/
//     destroy, std::construct_at, std::destroy_at, std::destroy(_n),
//     std::uninitialized_*, and their std::ranges:: function objects
//   - std::pmr::memory_resource::allocate/deallocate and the raw-memory
//     members of std::pmr::polymorphic_allocator (allocate, deallocate,
//     construct, destroy, new_object, delete_object, *_bytes, *_object);
//     std::get_temporary_buffer / std::return_temporary_buffer
//   - std::unique_ptr::release() (hands ownership to a raw pointer)
//   - a std::unique_ptr<Base> made from a std::unique_ptr<Derived> when Base
//     has no virtual destructor (default_delete<Base> deletes a Derived)
//   - a std::unique_ptr / std::shared_ptr adopting a raw pointer: the
//     pointer-taking constructors (array forms, with or without a deleter),
//     reset(p) with a non-null p, and the same through emplace-style calls
//     that construct a smart pointer element from a pointer
//     (v.emplace_back(a.get())): the object's real owner (another smart
//     pointer, a container, the stack) frees it too
//   - calling a std::default_delete (delete under another name), or passing
//     one to a function (std::for_each(ptrs..., std::default_delete<T>()))
//   - explicit destructor calls (`s.~basic_string()`, `t.~T()` in a template)
//   - std::coroutine_handle::destroy() (frees the coroutine frame; the
//     handle is a copyable raw pointer, so a second copy or the frame's
//     owner frees it again). A destructor is no exemption, for destroy() as
//     for delete: an owner written in service code is manual memory
//     management the rule cannot check.
// Accepted: std::make_unique, std::make_shared, meshwa::make_owned /
// make_shared, containers, std::optional. `std::unique_ptr<T>(new T(...))`
// gets a fix-it to std::make_unique<T>(...) (likewise shared_ptr).
#include "Annotations.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "manual-memory";

/// C allocation functions (global or std::).
bool is_c_allocation_function(llvm::StringRef name) {
  static const llvm::StringSet<> names = {"malloc",  "calloc",         "realloc",  "reallocarray", "free",
                                          "aligned_alloc", "posix_memalign", "memalign", "valloc",
                                          "pvalloc", "strdup",         "strndup",  "cfree"};
  return names.contains(name);
}

/// The C library's function: extern "C" (also through its std:: name, a
/// using-declaration) or a builtin; not a C++ function of the same name.
bool is_library_function(const clang::FunctionDecl& fn) { return fn.isExternC() || fn.getBuiltinID() != 0; }

/// std::coroutine_handle<P> (also a dependent one in a template pattern),
/// except the no-op coroutine's handle, whose destroy() frees nothing.
bool is_coroutine_handle(clang::QualType type) {
  if (type.isNull()) return false;
  type = type.getNonReferenceType();
  if (const auto* record = type->getAsCXXRecordDecl()) {
    if (!record->isInStdNamespace() || record->getIdentifier() == nullptr ||
        record->getName() != "coroutine_handle") {
      return false;
    }
    const clang::QualType promise = first_type_argument(record);
    return promise.isNull() || !is_std_class(promise->getAsCXXRecordDecl(), {"noop_coroutine_promise"});
  }
  if (const auto* spec = type->getAs<clang::TemplateSpecializationType>()) {
    const clang::TemplateDecl* decl = spec->getTemplateName().getAsTemplateDecl();
    return decl != nullptr && decl->isInStdNamespace() && decl->getIdentifier() != nullptr &&
           decl->getName() == "coroutine_handle";
  }
  return false;
}

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


/// The name ("unique_ptr" / "shared_ptr") when `type` is a std::unique_ptr /
/// std::shared_ptr of any element type and deleter (array forms included),
/// also a dependent one in a template pattern; empty otherwise.
llvm::StringRef owning_smart_pointer(clang::QualType type) {
  if (type.isNull()) return {};
  type = type.getNonReferenceType();
  const clang::NamedDecl* decl = nullptr;
  if (const auto* record = type->getAsCXXRecordDecl()) {
    decl = record;
  } else if (const auto* spec = type->getAs<clang::TemplateSpecializationType>()) {
    decl = spec->getTemplateName().getAsTemplateDecl();
  }
  if (decl == nullptr || decl->getIdentifier() == nullptr || !decl->isInStdNamespace()) return {};
  const llvm::StringRef name = decl->getName();
  return name == "unique_ptr" || name == "shared_ptr" ? name : llvm::StringRef{};
}

/// std::default_delete<T> (a value or a reference to one).
bool is_default_delete(clang::QualType type) {
  if (type.isNull()) return false;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return record != nullptr && record->getIdentifier() != nullptr && record->isInStdNamespace() &&
         record->getName() == "default_delete";
}

/// An argument that hands a raw pointer over: of pointer type (also a
/// dependent `T*`, and `this`), not a null pointer constant, and not a
/// new-expression (reported as new already, with its fix-it).
bool adopts_raw_pointer(const clang::Expr* arg, clang::ASTContext& ast) {
  if (arg == nullptr || llvm::isa<clang::CXXDefaultArgExpr>(arg)) return false;  // reset(): pointer()
  const clang::Expr* bare = arg->IgnoreParenImpCasts();
  if (llvm::isa<clang::CXXNewExpr>(bare)) return false;
  if (llvm::isa<clang::CXXThisExpr>(bare)) return true;
  const clang::QualType type = bare->getType();
  if (type.isNull() || !type->isPointerType()) return false;
  if (!arg->isValueDependent() &&
      arg->isNullPointerConstant(ast, clang::Expr::NPC_ValueDependentIsNotNull) != clang::Expr::NPCK_NotNull) {
    return false;
  }
  return true;
}

class ManualMemory final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    if (ctx.service_code.in_foreign_macro(stmt)) return;  // a system macro's code is the library's
    if (const auto* e = llvm::dyn_cast<clang::CXXNewExpr>(&stmt)) {
      check_new(*e, ctx);
    } else if (const auto* e = llvm::dyn_cast<clang::CXXConstructExpr>(&stmt)) {
      const llvm::StringRef which = owning_smart_pointer(e->getType());
      if (!which.empty() && e->getNumArgs() >= 1 && adopts_raw_pointer(e->getArg(0), ctx.ast)) {
        report_adoption(*e, *e->getArg(0), which, "constructing a std::" + which.str() + " from a raw pointer", ctx);
      } else if (which == "unique_ptr" && e->getNumArgs() == 1) {
        check_nonvirtual_upcast(*e, e->getType(), *e->getArg(0), ctx);
      } else if (which.empty()) {
        check_wrapper_construct(*e, ctx);
      }
    } else if (const auto* e = llvm::dyn_cast<clang::CXXUnresolvedConstructExpr>(&stmt)) {
      // std::unique_ptr<T>(p) in a template pattern.
      const llvm::StringRef which = owning_smart_pointer(e->getTypeAsWritten());
      if (!which.empty() && e->getNumArgs() >= 1 && adopts_raw_pointer(e->getArg(0), ctx.ast)) {
        report_adoption(*e, *e->getArg(0), which, "constructing a std::" + which.str() + " from a raw pointer", ctx);
      }
    } else if (const auto* e = llvm::dyn_cast<clang::CXXDeleteExpr>(&stmt)) {
      ctx.report.error(e->getBeginLoc(), kName,
                       "delete frees memory by hand (double free, use after free); let an owner free it: "
                       "std::unique_ptr, a container, or meshwa::Owned")
          << e->getSourceRange();
    } else if (const auto* e = llvm::dyn_cast<clang::CXXMemberCallExpr>(&stmt);
               e != nullptr && llvm::isa_and_nonnull<clang::CXXDestructorDecl>(e->getMethodDecl())) {
      report_destructor_call(*e, ctx);
    } else if (const auto* e = llvm::dyn_cast<clang::CallExpr>(&stmt)) {
      check_call(*e, ctx);
    } else if (const auto* e = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(&stmt);
               e != nullptr && e->getMember().getNameKind() == clang::DeclarationName::CXXDestructorName) {
      report_destructor_call(*e, ctx);  // t.~T() in a template: a destructor call once T is a class
    } else if (const auto* e = llvm::dyn_cast<clang::CXXPseudoDestructorExpr>(&stmt);
               e != nullptr && e->getDestroyedType()->isDependentType()) {
      report_destructor_call(*e, ctx);  // the same, where clang spells it as a pseudo-destructor
    } else if (const auto* e = llvm::dyn_cast<clang::DeclRefExpr>(&stmt)) {
      check_ranges_object(*e, ctx);
    }
  }

  // `std::unique_ptr<T> p(q);` in a template pattern: a ParenListExpr or an
  // InitListExpr that is not resolved to a constructor yet.
  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&decl)) {
      check_allocation_operator(*fn, ctx);
      return;
    }
    const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl);
    if (var == nullptr || var->getInit() == nullptr) return;
    const clang::Expr* init = var->getInit();
    const clang::Expr* first = nullptr;
    if (const auto* list = llvm::dyn_cast<clang::ParenListExpr>(init)) {
      if (list->getNumExprs() >= 1) first = list->getExpr(0);
    } else if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(init); list != nullptr && list->isTypeDependent()) {
      if (list->getNumInits() >= 1) first = list->getInit(0);
    }
    if (first == nullptr) return;
    const llvm::StringRef which = owning_smart_pointer(var->getType());
    if (!which.empty() && adopts_raw_pointer(first, ctx.ast)) {
      report_adoption(*init, *first, which, "constructing a std::" + which.str() + " from a raw pointer", ctx);
    }
  }

 private:
  /// `static void* operator new(std::size_t)` in a class, or a placement
  /// form `void* operator new(std::size_t, Arena&)`: the objects' memory is
  /// then managed by hand, in a pool or arena that nothing bounds-checks
  /// and that frees nothing it does not know of. Declared `= delete` it
  /// forbids the heap instead, and is accepted; the replaceable global ones
  /// are symbol-interposition's (they replace every service's allocator).
  static void check_allocation_operator(const clang::FunctionDecl& fn, RuleContext& ctx) {
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

  /// std::optional<std::unique_ptr<T>> o(std::in_place, p), std::pair<K,
  /// std::unique_ptr<T>> e(k, p), std::tuple<std::unique_ptr<T>> t(p): the
  /// smart pointer element is constructed from the pointer inside the
  /// standard library. std::pair / std::tuple: argument i makes element i.
  void check_wrapper_construct(const clang::CXXConstructExpr& e, RuleContext& ctx) {
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
        e.getType().isNull() ? nullptr : e.getType()->getAsCXXRecordDecl());
    if (spec == nullptr || !spec->isInStdNamespace() || spec->getIdentifier() == nullptr) return;
    const llvm::StringRef cls = spec->getName();
    const auto& targs = spec->getTemplateArgs();
    auto element = [&](unsigned i) -> clang::QualType {
      if (cls == "tuple") {
        if (targs.size() != 1 || targs[0].getKind() != clang::TemplateArgument::Pack) return {};
        const auto pack = targs[0].getPackAsArray();
        return i < pack.size() && pack[i].getKind() == clang::TemplateArgument::Type ? pack[i].getAsType()
                                                                                      : clang::QualType{};
      }
      if (cls == "optional") i = 0;
      return i < targs.size() && targs[i].getKind() == clang::TemplateArgument::Type ? targs[i].getAsType()
                                                                                     : clang::QualType{};
    };
    if (cls != "optional" && cls != "pair" && cls != "tuple") return;
    for (unsigned i = 0; i < e.getNumArgs(); ++i) {
      const llvm::StringRef which = owning_smart_pointer(element(i));
      if (!which.empty() && adopts_raw_pointer(e.getArg(i), ctx.ast)) {
        report_adoption(e, *e.getArg(i), which,
                        ("constructing a std::" + cls + " whose std::" + which + " is made from a raw pointer").str(),
                        ctx);
        return;
      }
    }
  }

  /// A std::unique_ptr / std::shared_ptr made an owner of a raw pointer.
  void report_adoption(const clang::Expr& where, const clang::Expr& pointer, llvm::StringRef which,
                       const std::string& how, RuleContext& ctx) {
    const bool unique = which == "unique_ptr";
    ctx.report.error(where.getBeginLoc(), kName,
                     how + " makes it the owner of an object that something else may own already (another "
                           "smart pointer, a container, the stack): both free it, a double free or a free of "
                           "memory not from new; " +
                         (unique ? "create the object with std::make_unique<T>(...), or move the owner "
                                   "(std::unique_ptr<T> b = std::move(a))"
                                 : "create the object with std::make_shared<T>(...), or share the owner: copy the "
                                   "std::shared_ptr (std::enable_shared_from_this and shared_from_this() for "
                                   "'this')"))
        << where.getSourceRange();
    const clang::Expr* bare = pointer.IgnoreParenImpCasts();
    std::string cause = "this pointer is not known to be a new object that no one else owns";
    if (llvm::isa<clang::CXXThisExpr>(bare)) {
      cause = "'this' may be an object on the stack, in a container, in a std::optional or owned already";
    } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(bare)) {
      if (const auto* method = call->getMethodDecl(); method != nullptr && method->getIdentifier() != nullptr) {
        const llvm::StringRef m = method->getName();
        if (m == "get") {
          cause = "get() gives a pointer that its smart pointer still owns and frees";
        } else if (m == "data" || m == "c_str") {
          cause = (m + "() gives a pointer into storage that its container or string owns and frees").str();
        }
      }
    }
    ctx.report.note(bare->getBeginLoc(), cause) << bare->getSourceRange();
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

  /// "unique_ptr" or "shared_ptr" when the new-expression goes straight
  /// into such a smart pointer (its constructor, or reset()); else empty.
  static llvm::StringRef smart_pointer_taking(const clang::CXXNewExpr& e, RuleContext& ctx) {
    const auto smart = [](clang::QualType type) -> llvm::StringRef {
      const clang::CXXRecordDecl* record = type.isNull() ? nullptr : type->getAsCXXRecordDecl();
      if (is_std_class(record, {"unique_ptr"})) return "unique_ptr";
      if (is_std_class(record, {"shared_ptr"})) return "shared_ptr";
      return {};
    };
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    for (size_t i = parents.size(), looked = 0; i-- > 0 && looked < 4; ++looked) {
      const clang::Stmt* parent = parents[i];
      if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent)) return smart(construct->getType());
      if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(parent)) {
        const clang::CXXMethodDecl* method = call->getMethodDecl();
        if (method != nullptr && method->getIdentifier() != nullptr && method->getName() == "reset") {
          return smart(call->getImplicitObjectArgument()->getType());
        }
        return {};
      }
      if (!llvm::isa<clang::ImplicitCastExpr, clang::CXXFunctionalCastExpr, clang::ParenExpr,
                     clang::CXXBindTemporaryExpr, clang::MaterializeTemporaryExpr>(parent)) {
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
  static bool is_handed_to_test_framework(const clang::CXXNewExpr& e, RuleContext& ctx) {
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
  static const clang::CXXConstructorDecl* non_public_constructor(const clang::CXXNewExpr& e) {
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

  /// h.destroy() on a std::coroutine_handle: the object the call is made on,
  /// or null. Also in a template pattern, where the handle's type is
  /// dependent and the call is not resolved.
  static const clang::Expr* destroyed_coroutine_handle(const clang::CallExpr& call) {
    const clang::Expr* callee = call.getCallee()->IgnoreParenImpCasts();
    const clang::Expr* base = nullptr;
    bool arrow = false;
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(callee)) {
      const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(member->getMemberDecl());
      if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "destroy") return nullptr;
      base = member->getBase();
      arrow = member->isArrow();
    } else if (const auto* dependent = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(callee)) {
      const clang::DeclarationName name = dependent->getMember();
      if (!name.isIdentifier() || name.getAsIdentifierInfo()->getName() != "destroy" || dependent->isImplicitAccess()) {
        return nullptr;
      }
      base = dependent->getBase();
      arrow = dependent->isArrow();
    }
    if (base == nullptr) return nullptr;
    clang::QualType type = base->getType();
    if (arrow) {
      if (!type->isPointerType()) return nullptr;
      type = type->getPointeeType();
    }
    return is_coroutine_handle(type) ? base : nullptr;
  }

  void check_coroutine_destroy(const clang::CallExpr& call, const clang::Expr& handle, RuleContext& ctx) {
    ctx.report.error(call.getBeginLoc(), kName,
                     "std::coroutine_handle::destroy() frees the coroutine frame by hand (a double free when its "
                     "owner destroys it too, a use after free through any other copy of the handle); let a "
                     "coroutine type defined outside service code (in a library built without the plugin) own the "
                     "frame and destroy it in its destructor, or mark this coroutine type "
                     "MESHWA_UNSAFE(\"reason\")")
        << call.getSourceRange();
    // The cause: the handle, a raw pointer that any copy can free.
    const clang::Expr* named = handle.IgnoreParenImpCasts();
    const clang::ValueDecl* decl = nullptr;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(named)) decl = ref->getDecl();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(named)) decl = member->getMemberDecl();
    if (decl == nullptr || decl->getIdentifier() == nullptr || decl->getLocation().isInvalid() ||
        !ctx.service_code.contains(decl->getLocation())) {
      return;
    }
    ctx.report.note(decl->getLocation(), "'" + decl->getName().str() +
                                             "' is declared here: a std::coroutine_handle is a copyable raw pointer "
                                             "to the coroutine frame, and every copy can destroy it");
  }

  /// std::ranges::destroy(v), std::ranges::uninitialized_copy(a, b), ...:
  /// function objects (variables of namespace std::ranges), not functions,
  /// so a call of one is a call of its operator(). Reported where they are
  /// named, called or passed on (std::ranges::for_each(r, std::ranges::destroy_at)).
  static void check_ranges_object(const clang::DeclRefExpr& ref, RuleContext& ctx) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref.getDecl());
    if (var == nullptr || var->getIdentifier() == nullptr || !is_lifetime_function(var->getName())) return;
    // Through the inline namespace libstdc++ and libc++ wrap the objects in.
    if (!in_std_namespace(var->getDeclContext()->getEnclosingNamespaceContext(), "ranges")) return;
    ctx.report.error(ref.getBeginLoc(), kName,
                     ("std::ranges::" + var->getName() +
                      " constructs or destroys objects in raw memory by hand; use a container, std::optional or "
                      "std::variant instead")
                         .str())
        << ref.getSourceRange();
  }

  /// p.reset(q) and p.release() in a template pattern, where the call is
  /// not resolved yet: the callee is a dependent or unresolved member named
  /// reset (on a std::unique_ptr / std::shared_ptr) or release (on a
  /// std::unique_ptr<T>, whose element type is a template parameter).
  void check_dependent_reset(const clang::CallExpr& call, RuleContext& ctx) {
    const clang::Expr* callee = call.getCallee()->IgnoreParenImpCasts();
    clang::QualType base;
    bool arrow = false;
    clang::DeclarationName name;
    if (const auto* dependent = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(callee)) {
      if (dependent->isImplicitAccess()) return;
      name = dependent->getMember();
      base = dependent->getBaseType();
      arrow = dependent->isArrow();
    } else if (const auto* unresolved = llvm::dyn_cast<clang::UnresolvedMemberExpr>(callee)) {
      if (unresolved->isImplicitAccess()) return;
      name = unresolved->getMemberName();
      base = unresolved->getBaseType();
      arrow = unresolved->isArrow();
    } else {
      return;
    }
    if (!name.isIdentifier()) return;
    const llvm::StringRef method = name.getAsIdentifierInfo()->getName();
    if (method != "reset" && method != "release") return;
    if (arrow) {
      if (base.isNull() || !base->isPointerType()) return;
      base = base->getPointeeType();
    }
    const llvm::StringRef which = owning_smart_pointer(base);
    if (method == "release") {
      if (which == "unique_ptr" && call.getNumArgs() == 0) report_release(call, ctx);
      return;
    }
    if (!which.empty() && call.getNumArgs() >= 1 && adopts_raw_pointer(call.getArg(0), ctx.ast)) {
      report_adoption(call, *call.getArg(0), which, "reset() of a std::" + which.str() + " to a raw pointer", ctx);
    }
  }

  static void report_release(const clang::CallExpr& call, RuleContext& ctx) {
    ctx.report.error(call.getBeginLoc(), kName,
                     "release() hands the object to a raw pointer that someone must delete by hand; keep it "
                     "in the std::unique_ptr (std::move it to transfer ownership)")
        << call.getSourceRange();
  }

  /// A std::default_delete called (delete by another name), reset(p) on a
  /// smart pointer, and the calls that construct a smart pointer from a raw
  /// pointer argument inside the standard library (emplace_back(a.get()),
  /// std::make_unique<std::unique_ptr<T>>(p)). True when reported.
  bool check_adopting_call(const clang::CallExpr& call, const clang::FunctionDecl& callee, RuleContext& ctx) {
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&callee);
    const clang::CXXRecordDecl* record = method != nullptr ? method->getParent() : nullptr;
    const bool std_record = record != nullptr && record->getIdentifier() != nullptr && record->isInStdNamespace();
    if (std_record && record->getName() == "default_delete" && callee.getOverloadedOperator() == clang::OO_Call) {
      ctx.report.error(call.getBeginLoc(), kName,
                       "calling a std::default_delete is delete under another name: it frees the object by hand "
                       "while its owner still holds it (a double free, use after free); let the owner free it "
                       "(reset() or destroy the std::unique_ptr, erase it from its container)")
          << call.getSourceRange();
      return true;
    }
    for (const clang::Expr* arg : call.arguments()) {
      if (is_default_delete(arg->getType())) {
        ctx.report.error(arg->getBeginLoc(), kName,
                         "a std::default_delete passed on is called on pointers: delete under another name, it "
                         "frees objects by hand while their owners still hold them (a double free, use after "
                         "free); let the owners free them (reset() or destroy the std::unique_ptr, erase it from "
                         "its container)")
            << arg->getSourceRange();
        return true;
      }
    }
    if (callee.getIdentifier() == nullptr) return false;
    const llvm::StringRef name = callee.getName();
    if (std_record && name == "reset") {
      // The object's type: libstdc++ declares shared_ptr's reset in its base __shared_ptr.
      // The object's type before the derived-to-base cast to it.
      const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call);
      const clang::Expr* object =
          member_call != nullptr ? member_call->getImplicitObjectArgument() : nullptr;
      clang::QualType type = object != nullptr ? object->IgnoreParenImpCasts()->getType() : clang::QualType{};
      if (!type.isNull() && type->isPointerType()) type = type->getPointeeType();
      const llvm::StringRef which = owning_smart_pointer(type);
      if (!which.empty() && call.getNumArgs() >= 1 && adopts_raw_pointer(call.getArg(0), ctx.ast)) {
        report_adoption(call, *call.getArg(0), which, "reset() of a std::" + which.str() + " to a raw pointer", ctx);
        return true;
      }
      return false;
    }
    // The smart pointer an emplace-style call constructs, and which
    // arguments reach its constructor.
    clang::QualType made;
    unsigned first = 0;
    bool last_only = false;
    if (std_record && (name == "emplace" || name == "emplace_back" || name == "emplace_front" ||
                       name == "emplace_hint" || name == "try_emplace")) {
      if (const clang::QualType mapped = member_type(*record, "mapped_type", ctx); !mapped.isNull()) {
        made = mapped;
        last_only = true;  // emplace(key, p), try_emplace(key, p), emplace_hint(hint, key, p)
      } else if (const auto* args = callee.getTemplateSpecializationArgs();
                 args != nullptr && record->getName() == "variant" && args->size() >= 1 &&
                 args->get(0).getKind() == clang::TemplateArgument::Type) {
        made = args->get(0).getAsType();  // v.emplace<std::unique_ptr<T>>(p)
      } else {
        made = member_type(*record, "value_type", ctx);
      }
    } else if (method == nullptr && callee.isInStdNamespace() &&
               (name == "make_unique" || name == "make_shared" || name == "allocate_shared" ||
                name == "make_optional")) {
      if (const auto* args = callee.getTemplateSpecializationArgs();
          args != nullptr && args->size() >= 1 && args->get(0).getKind() == clang::TemplateArgument::Type) {
        made = args->get(0).getAsType();
        first = name == "allocate_shared" ? 1 : 0;
      }
    }
    const llvm::StringRef which = owning_smart_pointer(made);
    if (which.empty()) return false;
    if (which == "unique_ptr" && call.getNumArgs() > 0) {
      // v.emplace_back(std::make_unique<Derived>()) into a vector of
      // std::unique_ptr<Base>: the conversion happens inside the library.
      const unsigned last = call.getNumArgs() - 1;
      if (last_only || call.getNumArgs() == first + 1) {
        check_nonvirtual_upcast(call, made, *call.getArg(last_only ? last : first), ctx);
      }
    }
    for (unsigned i = last_only ? (call.getNumArgs() == 0 ? 0 : call.getNumArgs() - 1) : first;
         i < call.getNumArgs(); ++i) {
      if (adopts_raw_pointer(call.getArg(i), ctx.ast)) {
        report_adoption(call, *call.getArg(i), which,
                        (name + "() constructing a std::" + which + " from a raw pointer").str(), ctx);
        return true;
      }
    }
    return false;
  }

  /// The type a member typedef of a standard class names (value_type,
  /// mapped_type), or a null type.
  static clang::QualType member_type(const clang::CXXRecordDecl& record, llvm::StringRef member, RuleContext& ctx) {
    for (const clang::NamedDecl* found : record.lookup(&ctx.ast.Idents.get(member))) {
      if (const auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(found)) return alias->getUnderlyingType();
    }
    return {};
  }

  /// construct_at, destroy_at, destroy, destroy_n, uninitialized_*.
  static bool is_lifetime_function(llvm::StringRef name) {
    return name == "construct_at" || name == "destroy_at" || name == "destroy" || name == "destroy_n" ||
           name.starts_with("uninitialized_");
  }

  /// std::pmr::memory_resource::allocate/deallocate (also through a derived
  /// resource: monotonic_buffer_resource, a service's own) and
  /// std::pmr::polymorphic_allocator's raw-memory members: the pmr twins of
  /// std::allocator::allocate/deallocate/construct/destroy.
  static bool is_pmr_raw_memory_function(const clang::CXXRecordDecl& record, llvm::StringRef name) {
    if (!in_std_namespace(record.getDeclContext(), "pmr")) return false;
    const llvm::StringRef cls = record.getName();
    if (cls == "memory_resource") return name == "allocate" || name == "deallocate";
    if (cls == "polymorphic_allocator") {
      return name == "allocate" || name == "deallocate" || name == "construct" || name == "destroy" ||
             name == "new_object" || name == "delete_object" || name == "allocate_bytes" ||
             name == "deallocate_bytes" || name == "allocate_object" || name == "deallocate_object";
    }
    return false;
  }

  /// The element type and deleter of a std::unique_ptr<T, D> (not the array
  /// form); null when `type` is none.
  static const clang::CXXRecordDecl* unique_ptr_element(clang::QualType type, bool& default_deleter) {
    if (type.isNull()) return nullptr;
    const auto* spec =
        llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
    if (spec == nullptr || spec->getIdentifier() == nullptr || spec->getName() != "unique_ptr" ||
        !spec->isInStdNamespace() || spec->getTemplateArgs().size() < 2) {
      return nullptr;
    }
    const clang::TemplateArgument& element = spec->getTemplateArgs()[0];
    const clang::TemplateArgument& deleter = spec->getTemplateArgs()[1];
    if (element.getKind() != clang::TemplateArgument::Type || deleter.getKind() != clang::TemplateArgument::Type) {
      return nullptr;
    }
    default_deleter = is_default_delete(deleter.getAsType());
    return element.getAsType()->getAsCXXRecordDecl();
  }

  /// A declared virtual destructor, or (not declared yet: implicit) one
  /// inherited from a base.
  static bool has_virtual_destructor(const clang::CXXRecordDecl& record, int depth = 0) {
    if (const clang::CXXDestructorDecl* dtor = record.getDestructor()) return dtor->isVirtual();
    if (depth > 16) return false;
    for (const clang::CXXBaseSpecifier& base : record.bases()) {
      const clang::CXXRecordDecl* parent = base.getType()->getAsCXXRecordDecl();
      if (parent != nullptr && parent->hasDefinition() && has_virtual_destructor(*parent->getDefinition(), depth + 1)) {
        return true;
      }
    }
    return false;
  }

  /// std::unique_ptr<Base> made from a std::unique_ptr<Derived>&& (by
  /// construction, assignment, return or argument, make_unique<Derived>()
  /// converted) when Base has no virtual destructor: default_delete<Base>
  /// deletes the Derived through a Base* (undefined behaviour: ~Derived does
  /// not run, and for a second base operator delete gets an interior
  /// pointer). std::shared_ptr keeps the deleter of what it was made from and
  /// is not affected.
  static void check_nonvirtual_upcast(const clang::Expr& at, clang::QualType target, const clang::Expr& source,
                                      RuleContext& ctx) {
    if (target->isDependentType() || source.isTypeDependent()) return;
    bool target_default = false;
    bool source_default = false;
    const clang::CXXRecordDecl* base = unique_ptr_element(target, target_default);
    const clang::CXXRecordDecl* derived = unique_ptr_element(source.getType(), source_default);
    if (base == nullptr || derived == nullptr || !target_default || !source_default) return;
    base = base->getDefinition();
    derived = derived->getDefinition();
    if (base == nullptr || derived == nullptr || base == derived || !derived->isDerivedFrom(base)) return;
    if (has_virtual_destructor(*base)) return;
    const std::string base_name = base->getQualifiedNameAsString();
    const std::string derived_name = derived->getQualifiedNameAsString();
    ctx.report.error(at.getBeginLoc(), kName,
                     "std::unique_ptr<" + base_name + "> takes ownership of a '" + derived_name + "', but '" +
                         base_name + "' has no virtual destructor: its std::default_delete deletes the '" +
                         derived_name + "' through a '" + base_name +
                         "*' (undefined behaviour: ~" + derived->getNameAsString() +
                         " does not run, and operator delete may get a pointer into the middle of the object); "
                         "give '" + base_name + "' a virtual destructor, or keep a std::unique_ptr<" +
                         derived_name + ">")
        << at.getSourceRange();
    ctx.report.note(base->getLocation(), "'" + base_name + "' declared here, without a virtual destructor");
  }

  void check_call(const clang::CallExpr& call, RuleContext& ctx) {
    if (const clang::Expr* handle = destroyed_coroutine_handle(call)) {
      check_coroutine_destroy(call, *handle, ctx);
      return;
    }
    check_dependent_reset(call, ctx);
    const clang::FunctionDecl* callee = call.getDirectCallee();
    if (callee == nullptr) return;
    if (check_adopting_call(call, *callee, ctx)) return;
    if (const auto* assign = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call);
        assign != nullptr && assign->getOperator() == clang::OO_Equal && assign->getNumArgs() == 2) {
      check_nonvirtual_upcast(call, assign->getArg(0)->getType(), *assign->getArg(1), ctx);
    }
    const clang::OverloadedOperatorKind op = callee->getOverloadedOperator();
    if ((op == clang::OO_New || op == clang::OO_Array_New || op == clang::OO_Delete ||
         op == clang::OO_Array_Delete) &&
        !llvm::isa<clang::CXXOperatorCallExpr>(call)) {
      ctx.report.error(call.getBeginLoc(), kName,
                       "calling operator new/delete directly manages raw memory by hand; use a container or "
                       "std::make_unique instead")
          << call.getSourceRange();
      return;
    }
    if (callee->getIdentifier() == nullptr) return;
    llvm::StringRef name = callee->getName();
    if ((name == "__builtin_operator_new" || name == "__builtin_operator_delete") && callee->getBuiltinID() != 0) {
      ctx.report.error(call.getBeginLoc(), kName,
                       (name + " is operator " + (name.ends_with("new") ? "new" : "delete") +
                        " under a builtin's name: it manages raw memory by hand; use a container or "
                        "std::make_unique instead")
                           .str())
          << call.getSourceRange();
      return;
    }
    name.consume_front("__builtin_");
    if (is_c_allocation_function(name) && is_library_function(*callee)) {
      ctx.report.error(call.getBeginLoc(), kName,
                       (name + " manages memory by hand (leaks, double free, use after free); use a container "
                               "(std::vector, std::string) or std::make_unique instead")
                           .str())
          << call.getSourceRange();
      return;
    }
    if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee)) {
      const clang::CXXRecordDecl* record = method->getParent();
      if (record != nullptr && record->getIdentifier() != nullptr && is_pmr_raw_memory_function(*record, name)) {
        ctx.report.error(call.getBeginLoc(), kName,
                         ("std::pmr::" + record->getName() + "::" + name +
                          " manages raw memory by hand; use a container instead (std::vector<T>, or a "
                          "std::pmr container on the default resource, std::pmr::vector<T> v;, which allocates "
                          "and frees through the resource itself; handing it &resource is what "
                          "meshwa-raw-pointer rejects, since the container may outlive the resource)")
                             .str())
            << call.getSourceRange();
        return;
      }
      if (record == nullptr || record->getIdentifier() == nullptr || !record->isInStdNamespace()) return;
      const llvm::StringRef cls = record->getName();
      if ((cls == "allocator" || cls == "allocator_traits") &&
          (name == "allocate" || name == "deallocate" || name == "construct" || name == "destroy" ||
           name == "allocate_at_least")) {
          ctx.report.error(call.getBeginLoc(), kName,
                         ("std::" + cls + "::" + name + " manages raw memory by hand; use a container instead").str())
            << call.getSourceRange();
      } else if ((cls == "unique_ptr" || cls == "unique_ptr<_Tp[], _Dp>") && name == "release") {
        report_release(call, ctx);
      }
      return;
    }
    if (callee->isInStdNamespace() && (name == "get_temporary_buffer" || name == "return_temporary_buffer")) {
      ctx.report.error(call.getBeginLoc(), kName,
                       ("std::" + name + " manages raw memory by hand (return_temporary_buffer frees whatever "
                                         "pointer it is given); use a container instead")
                           .str())
          << call.getSourceRange();
      return;
    }
    if (callee->isInStdNamespace() && is_lifetime_function(name)) {
      ctx.report.error(call.getBeginLoc(), kName,
                       ("std::" + name + " constructs or destroys objects in raw memory by hand; use a container, "
                                         "std::optional or std::variant instead")
                           .str())
          << call.getSourceRange();
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_ManualMemory() { return std::make_unique<ManualMemory>(); }

}  // namespace meshwa::rules
