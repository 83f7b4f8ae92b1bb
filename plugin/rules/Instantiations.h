// Judging template code in its instantiations. The checker shows the rules
// template patterns (Rule.h), where a dependent expression has no resolved
// callee, constructor or type yet: `std::string_view(data, N + 5)` over a
// `char data[N]` is an unresolved construction in the pattern and a real
// constructor call with a decayed array in `B<4>`. A rule that wants such
// code judged finds it again in each instantiation with these helpers and
// reports it once, at the code as written, with a note naming the
// instantiation.
#pragma once

#include <memory>
#include <optional>

#include "Rule.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace meshwa::rules {

/// Calls `visit` on every statement under `root` that stands for code
/// written in the source, as the checker's own walk sees a non-template
/// function: of a coroutine only its body and the operands of co_await /
/// co_yield / co_return, not what clang synthesises around them
/// (`coroutine_handle<P>::from_address(__builtin_coro_frame())` for each
/// suspend point, whose location is the co_yield's own).
void for_each_written_stmt(const clang::Stmt* root, llvm::function_ref<void(const clang::Stmt&)> visit);

/// For a template pattern `pattern` (a function template, a member of a
/// class template, a generic lambda): `judge(instance, stmt)` for each
/// statement of each of up to `limit` instantiations that stands for an
/// instantiation-dependent statement of the pattern. The two are matched by
/// `key`, a source location the rule picks for the kinds of statement it
/// judges (invalid for others), which must be the same for the pattern's
/// node and the instantiation's although their kinds differ: the
/// unresolved `std::string_view(data, N + 5)` of the pattern is a resolved
/// construction in the instantiation (its first argument's location fits
/// both). Nothing for a non-dependent function. Callers report once per
/// location: several instantiations meet the same written code.
void for_each_instantiated(const clang::FunctionDecl& pattern,
                           llvm::function_ref<clang::SourceLocation(const clang::Stmt&)> key,
                           llvm::function_ref<void(const clang::FunctionDecl&, const clang::Stmt&)> judge,
                           unsigned limit = 64);

/// For `pattern`, the default member initializer of a field of a class
/// template or the default argument of a parameter of a function template
/// or of a member of a class template (`Derived* d = static_cast<T*>(b);`,
/// `T* p = static_cast<T*>(nullptr)`): `judge(instance, stmt)` for each
/// statement of each instantiated copy of it, up to `limit` copies, that
/// stands for an instantiation-dependent statement of the pattern's,
/// matched by `key` as in for_each_instantiated. `instance` is what the copy
/// belongs to, for note_instantiation: the class template specialization
/// holding the field, the instantiated function holding the parameter;
/// `copy` is the instantiated initializer or argument itself (the root of
/// the statements around `stmt`).
/// The copies are found in every instance of the templates around the
/// declaration, however deep: a field of a class nested in a class
/// template (`Outer<Derived>::In`), of a local class, a default argument
/// of a lambda in a template (its call operator in each instance of the
/// function); `instance` is then that nested class or call operator, and
/// note_instantiation names the template instance around it.
/// clang instantiates either only where it is used (a constructor that
/// runs the initializer, a call that leaves the argument out): one never
/// used is no code of the program, and is not judged. Nothing for other
/// declarations.
void for_each_instantiated_default(const clang::ValueDecl& pattern,
                                   llvm::function_ref<clang::SourceLocation(const clang::Stmt&)> key,
                                   llvm::function_ref<void(const clang::Decl& instance, const clang::Expr& copy,
                                                           const clang::Stmt& stmt)>
                                       judge,
                                   unsigned limit = 64);

/// Every instantiation of the template pattern `pattern` (a function in a
/// dependent context) in this translation unit, with a body, when they can
/// all be listed: found by the walk flow::bodies_to_analyse takes
/// (instances_of), so also a member of a class nested in a class template
/// and a lambda's call operator or a local class's member in each instance
/// of the function template holding it; fewer than `limit` of them (none,
/// for a template never instantiated). nullopt where the walk was cut short
/// (too many instances at some level, nesting deeper than it follows) or
/// `pattern` is no template code. A rule that accepts pattern code because
/// each instantiation is safe asks this, not bodies_to_analyse, which may
/// list only some.
std::optional<llvm::SmallVector<const clang::FunctionDecl*, 4>> all_instances(const clang::FunctionDecl& pattern,
                                                                              unsigned limit = 64);

using InstanceContexts = llvm::SmallVector<const clang::DeclContext*, 4>;

/// While one is alive (Checker::check holds one for its walk), instances_of
/// and what it is built on remember what they found: every rule asks for
/// the instances of every template function it meets (flow::bodies_to_analyse),
/// and finding a member's copies means reading every member of every
/// specialization of its class (Eigen's MatrixBase<X>: hundreds of each), so
/// asked again and again it was half the plugin's time on Eigen. The AST must
/// not change meanwhile; outside a scope nothing is kept.
class InstanceCache {
 public:
  InstanceCache();
  ~InstanceCache();
  InstanceCache(const InstanceCache&) = delete;
  InstanceCache& operator=(const InstanceCache&) = delete;
  struct Data;

 private:
  std::unique_ptr<Data> data_;
  Data* outer_;
};

/// `dc` in each instance of the templates around it, up to `limit`: `dc`
/// itself when it is not dependent; else the copies clang made of it, each
/// in a copy of its own context, however deep: a function template's
/// specializations (also of a member template in each specialization of
/// its class), a class template's (also from a partial specialization),
/// a member of a class template or of a class nested in one, a local class
/// or a lambda's closure and call operator in each instance of the
/// function template holding it. Empty when there is none.
InstanceContexts instances_of(const clang::DeclContext& dc, unsigned limit);

/// A note where `instance` (an instantiated function, or a class template
/// specialization) is instantiated, naming its template arguments ("in the
/// instantiation with To = Derived, From = Base"); for a class or lambda
/// instantiated with the template around it, that template's instance.
void note_instantiation(const clang::Decl& instance, RuleContext& ctx);

}  // namespace meshwa::rules
