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
// The checks that live in this folder's other files: ManualMemoryChecks.h.
#include "Annotations.h"
#include "ManualMemory/ManualMemoryChecks.h"
#include "Rule.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::manual_memory {

namespace {

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
};

}  // namespace

}  // namespace meshwa::rules::manual_memory

namespace meshwa::rules {

std::unique_ptr<Rule> make_ManualMemory() { return std::make_unique<manual_memory::ManualMemory>(); }

}  // namespace meshwa::rules
