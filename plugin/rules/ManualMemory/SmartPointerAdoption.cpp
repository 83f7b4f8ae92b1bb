// meshwa-manual-memory: a std::unique_ptr / std::shared_ptr adopting a raw
// pointer (its constructors, reset(p), emplace-style calls and standard
// wrappers that construct one from a pointer), release(), and a
// std::unique_ptr<Base> made from a std::unique_ptr<Derived> when Base has no
// virtual destructor.
#include "Annotations.h"
#include "ManualMemory/ManualMemoryChecks.h"
#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::manual_memory {

namespace {

/// std::default_delete<T> (a value or a reference to one).
bool is_default_delete(clang::QualType type) {
  if (type.isNull()) return false;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return record != nullptr && record->getIdentifier() != nullptr && record->isInStdNamespace() &&
         record->getName() == "default_delete";
}

/// The type a member typedef of a standard class names (value_type,
/// mapped_type), or a null type.
clang::QualType member_type(const clang::CXXRecordDecl& record, llvm::StringRef member, RuleContext& ctx) {
  for (const clang::NamedDecl* found : record.lookup(&ctx.ast.Idents.get(member))) {
    if (const auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(found)) return alias->getUnderlyingType();
  }
  return {};
}

/// The element type and deleter of a std::unique_ptr<T, D> (not the array
/// form); null when `type` is none.
const clang::CXXRecordDecl* unique_ptr_element(clang::QualType type, bool& default_deleter) {
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
bool has_virtual_destructor(const clang::CXXRecordDecl& record, int depth = 0) {
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

}  // namespace

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

void report_release(const clang::CallExpr& call, RuleContext& ctx) {
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

/// std::unique_ptr<Base> made from a std::unique_ptr<Derived>&& (by
/// construction, assignment, return or argument, make_unique<Derived>()
/// converted) when Base has no virtual destructor: default_delete<Base>
/// deletes the Derived through a Base* (undefined behaviour: ~Derived does
/// not run, and for a second base operator delete gets an interior
/// pointer). std::shared_ptr keeps the deleter of what it was made from and
/// is not affected.
void check_nonvirtual_upcast(const clang::Expr& at, clang::QualType target, const clang::Expr& source,
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

}  // namespace meshwa::rules::manual_memory
