// meshwa-manual-memory, private to this folder: the checks the rule's hooks
// call, by topic (the rule's comment, what it reports and accepts, is at the
// top of ManualMemory.cpp):
//   ManualMemory.cpp          the hooks: which statement goes to which check,
//                             delete
//   NewExpressions.cpp        new, placement new, operator new of a class, the
//                             make_unique / make_shared fix-it, explicit
//                             destructor calls
//   SmartPointerAdoption.cpp  std::unique_ptr / std::shared_ptr adopting a raw
//                             pointer (constructors, reset, emplace, wrappers),
//                             release(), the non-virtual upcast
//   RawMemoryCalls.cpp        calls that manage raw memory: malloc and
//                             friends, operator new/delete called, allocators,
//                             std::pmr resources, construct_at and the
//                             uninitialized_* algorithms, coroutine destroy()
#pragma once

#include <string>

#include "Rule.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringRef.h"

namespace meshwa::rules::manual_memory {

constexpr llvm::StringLiteral kName = "manual-memory";

// NewExpressions.cpp
/// `static void* operator new(std::size_t)` in a class, or a placement
/// form `void* operator new(std::size_t, Arena&)`: the objects' memory is
/// then managed by hand, in a pool or arena that nothing bounds-checks
/// and that frees nothing it does not know of. Declared `= delete` it
/// forbids the heap instead, and is accepted; the replaceable global ones
/// are symbol-interposition's (they replace every service's allocator).
void check_allocation_operator(const clang::FunctionDecl& fn, RuleContext& ctx);
// Implicit destructor calls are not expressions in the AST: a call that is
// one was written out. The object's owner (the scope, the container, the
// smart pointer) destroys it again: a double free, and a use after free
// in between.
void report_destructor_call(const clang::Expr& e, RuleContext& ctx);
/// new and new[] (placement new too), with a std::make_unique /
/// std::make_shared fix-it where the object goes straight into a smart pointer.
void check_new(const clang::CXXNewExpr& e, RuleContext& ctx);

// SmartPointerAdoption.cpp
/// The name ("unique_ptr" / "shared_ptr") when `type` is a std::unique_ptr /
/// std::shared_ptr of any element type and deleter (array forms included),
/// also a dependent one in a template pattern; empty otherwise.
llvm::StringRef owning_smart_pointer(clang::QualType type);
/// An argument that hands a raw pointer over: of pointer type (also a
/// dependent `T*`, and `this`), not a null pointer constant, and not a
/// new-expression (reported as new already, with its fix-it).
bool adopts_raw_pointer(const clang::Expr* arg, clang::ASTContext& ast);
/// std::optional<std::unique_ptr<T>> o(std::in_place, p), std::pair<K,
/// std::unique_ptr<T>> e(k, p), std::tuple<std::unique_ptr<T>> t(p): the
/// smart pointer element is constructed from the pointer inside the
/// standard library. std::pair / std::tuple: argument i makes element i.
void check_wrapper_construct(const clang::CXXConstructExpr& e, RuleContext& ctx);
/// A std::unique_ptr / std::shared_ptr made an owner of a raw pointer.
void report_adoption(const clang::Expr& where, const clang::Expr& pointer, llvm::StringRef which,
                     const std::string& how, RuleContext& ctx);
/// p.reset(q) and p.release() in a template pattern, where the call is
/// not resolved yet: the callee is a dependent or unresolved member named
/// reset (on a std::unique_ptr / std::shared_ptr) or release (on a
/// std::unique_ptr<T>, whose element type is a template parameter).
void check_dependent_reset(const clang::CallExpr& call, RuleContext& ctx);
/// std::unique_ptr::release(): ownership handed to a raw pointer.
void report_release(const clang::CallExpr& call, RuleContext& ctx);
/// A std::default_delete called (delete by another name), reset(p) on a
/// smart pointer, and the calls that construct a smart pointer from a raw
/// pointer argument inside the standard library (emplace_back(a.get()),
/// std::make_unique<std::unique_ptr<T>>(p)). True when reported.
bool check_adopting_call(const clang::CallExpr& call, const clang::FunctionDecl& callee, RuleContext& ctx);
/// std::unique_ptr<Base> made from a std::unique_ptr<Derived>&& (by
/// construction, assignment, return or argument, make_unique<Derived>()
/// converted) when Base has no virtual destructor: default_delete<Base>
/// deletes the Derived through a Base* (undefined behaviour: ~Derived does
/// not run, and for a second base operator delete gets an interior
/// pointer). std::shared_ptr keeps the deleter of what it was made from and
/// is not affected.
void check_nonvirtual_upcast(const clang::Expr& at, clang::QualType target, const clang::Expr& source,
                             RuleContext& ctx);

// RawMemoryCalls.cpp
/// std::ranges::destroy(v), std::ranges::uninitialized_copy(a, b), ...:
/// function objects (variables of namespace std::ranges), not functions,
/// so a call of one is a call of its operator(). Reported where they are
/// named, called or passed on (std::ranges::for_each(r, std::ranges::destroy_at)).
void check_ranges_object(const clang::DeclRefExpr& ref, RuleContext& ctx);
/// Every other call: the raw-memory functions above, and the smart pointer
/// adoptions and upcasts that happen in a call.
void check_call(const clang::CallExpr& call, RuleContext& ctx);

}  // namespace meshwa::rules::manual_memory
