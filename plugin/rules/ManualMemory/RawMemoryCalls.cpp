// meshwa-manual-memory: calls that manage raw memory by hand: the C
// allocation functions, operator new/delete called directly, std::allocator
// and std::pmr raw-memory members, construct_at / destroy_at and the
// uninitialized_* algorithms (also as std::ranges objects),
// get_temporary_buffer, and std::coroutine_handle::destroy().
#include "Annotations.h"
#include "ManualMemory/ManualMemoryChecks.h"
#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSet.h"

namespace meshwa::rules::manual_memory {

namespace {

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

/// h.destroy() on a std::coroutine_handle: the object the call is made on,
/// or null. Also in a template pattern, where the handle's type is
/// dependent and the call is not resolved.
const clang::Expr* destroyed_coroutine_handle(const clang::CallExpr& call) {
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

/// construct_at, destroy_at, destroy, destroy_n, uninitialized_*.
bool is_lifetime_function(llvm::StringRef name) {
  return name == "construct_at" || name == "destroy_at" || name == "destroy" || name == "destroy_n" ||
         name.starts_with("uninitialized_");
}

/// std::pmr::memory_resource::allocate/deallocate (also through a derived
/// resource: monotonic_buffer_resource, a service's own) and
/// std::pmr::polymorphic_allocator's raw-memory members: the pmr twins of
/// std::allocator::allocate/deallocate/construct/destroy.
bool is_pmr_raw_memory_function(const clang::CXXRecordDecl& record, llvm::StringRef name) {
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

}  // namespace

/// std::ranges::destroy(v), std::ranges::uninitialized_copy(a, b), ...:
/// function objects (variables of namespace std::ranges), not functions,
/// so a call of one is a call of its operator(). Reported where they are
/// named, called or passed on (std::ranges::for_each(r, std::ranges::destroy_at)).
void check_ranges_object(const clang::DeclRefExpr& ref, RuleContext& ctx) {
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

}  // namespace meshwa::rules::manual_memory
