// meshwa-raw-pointer, private to this folder: the rule's one class, its
// members defined by topic (the rule's comment, what it reports and
// accepts, is at the top of RawPointer.cpp):
//   RawPointer.cpp        the hooks: declarations of pointer type, addresses
//                         taken, and the statement checks called in turn
//   DeclaredPointers.cpp  variables, parameters, members and results of
//                         pointer type: the message, and the ones accepted
//                         (literal text, main's argv, library signatures)
//   TakenAddresses.cpp    `&x` / std::addressof: where the address goes and
//                         the idioms accepted for it, the remedy to suggest
//   OwnedAddresses.cpp    addresses an owner keeps valid: operator-> of a
//                         member, std::shared_ptr's aliasing constructor
//   TestedPointers.cpp    pointer variables tested for null before use:
//                         C library text, the checked downcast / get_if idioms
//   PointerUses.cpp       pointers read through or handed on in a statement:
//                         bindings, generic templates, results that may be
//                         null, discarded C handles
#pragma once

#include <initializer_list>
#include <map>
#include <utility>
#include <string>

#include "Crossable.h"
#include "Rule.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace meshwa::rules::raw_pointer {

constexpr llvm::StringLiteral kName = "raw-pointer";

// RawPointer.cpp
std::string type_name(clang::QualType type, RuleContext& ctx);

// DeclaredPointers.cpp
bool is_constant_literal_pointer(const clang::VarDecl& var);
bool returns_only_literal_text(const clang::FunctionDecl& fn);
bool is_constant_literal_table(const clang::VarDecl& var, clang::ASTContext& ast);
bool is_literal_loop_variable(const clang::VarDecl& var, RuleContext& ctx);
bool is_main_parameter(const clang::ParmVarDecl& param);

class RawPointer final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  // RawPointer.cpp
  void check_decl(const clang::Decl& decl, RuleContext& ctx) override;
  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override;

 private:
  /// The function or constructor an address is handed to, as a direct
  /// argument, and the parameter it binds to (nullptr when it goes to a C
  /// variadic `...`).
  struct Passed {
    const clang::FunctionDecl* callee = nullptr;
    const clang::ParmVarDecl* param = nullptr;
  };

  /// How an if condition tests the pointer declared in its init-statement.
  enum class Test {
    none,      // does not mention the pointer
    non_null,  // true only when the pointer is not null: `p`, `p != nullptr`, `p && p->x`
    is_null,   // false only when the pointer is not null: `!p`, `p == nullptr`, `!p || p->x`
    unchecked  // uses the pointer without testing it first (`p->x && p`, `f(p)`)
  };

  /// What a pointer that may be null comes from (maybe_null_result).
  enum class NullSource {
    none,
    variant,   // std::get_if<T>(&v): null when v holds another alternative
    any,       // std::any_cast<T>(&a): null when a holds another type
    downcast,  // dynamic_cast<D*>(p): null when *p is no D
    target,    // std::function::target<T>(): null when it holds another callable
    env,       // std::getenv(name): null when the variable is not set
    text,      // ttyname(fd), getlogin(), ...: C library text, null on failure
    search     // std::strchr(s, c) and the other C searches: null when not found
  };

  struct MaybeNull {
    NullSource source = NullSource::none;
    std::string function;                // as the message names it: 'std::get_if'
    const clang::Expr* object = nullptr; // what it inspects, when that is a named object
  };

  // DeclaredPointers.cpp
  static bool is_signature_owner(const clang::FunctionDecl& fn);
  static bool is_gtest_print_to(const clang::FunctionDecl& fn);
  static bool reported_as_boundary(const clang::FunctionDecl& fn, clang::QualType type, Position position,
                                   RuleContext& ctx);
  static void note_source(const clang::VarDecl& var, RuleContext& ctx);
  static std::string function_name(const clang::FunctionDecl& fn, RuleContext& ctx);
  bool report_type(const clang::ValueDecl& decl, clang::QualType type, llvm::StringRef what,
                   llvm::StringRef remedy, RuleContext& ctx, clang::SourceLocation loc = {});
  bool report_type(const clang::ValueDecl& decl, clang::QualType type, llvm::StringRef what,
                   llvm::StringRef remedy, RuleContext& ctx, llvm::StringRef function_remedy,
                   clang::SourceLocation loc = {});
  static bool holds_reported_member_pointer(const clang::VarDecl& var, RuleContext& ctx);

  // TakenAddresses.cpp
  static bool names_function(const clang::Expr& e);
  static Passed passed_to(const clang::Expr& taken, RuleContext& ctx);
  static bool is_standard_function(const clang::FunctionDecl& fn, RuleContext& ctx);
  static bool is_standard_number_parameter(const Passed& passed, RuleContext& ctx);
  static bool is_checked_arithmetic_result(const Passed& passed);
  static bool is_standard_atomic_operand(const Passed& passed, RuleContext& ctx);
  static bool is_test_framework_parameter(const Passed& passed, RuleContext& ctx);
  static bool is_streamed_time_manipulator(const Passed& passed, RuleContext& ctx);
  static bool is_stream_over_outliving_buffer(const clang::Expr& taken, const Passed& passed, RuleContext& ctx);
  static std::string address_remedy(const Passed& passed, RuleContext& ctx);
  static std::string member_pointer_message(const clang::UnaryOperator& op, RuleContext& ctx);
  /// A lambda parameter's name for an object of class `cls` as spelled
  /// (`u` for `User`, `s` for `std::string`, `x` when it has no letter).
  static std::string parameter_named_after(llvm::StringRef cls);
  static bool is_ranges_projection(const clang::UnaryOperator& taken, RuleContext& ctx);
  static bool is_generic_parameter_of_service_template(const Passed& passed, RuleContext& ctx);
  static bool names_dependent_member(const clang::UnaryOperator& taken);
  static bool passed_with_this(RuleContext& ctx);
  bool is_identity_comparison(RuleContext& ctx);
  bool builtin_in_every_instance(const clang::FunctionDecl& pattern, clang::SourceLocation op);

  // OwnedAddresses.cpp
  static bool is_arrow_operator(const clang::FunctionDecl& fn);
  static bool is_owning_holder(clang::QualType type);
  static bool is_own_member(const clang::Expr* e, int depth = 0);
  static bool is_owning_member(const clang::Expr* e);
  static bool is_owned_object(const clang::Expr* e);
  static bool is_own_value_member(const clang::Expr* e);
  static const clang::Expr* called_member_object(const clang::Expr* e, clang::DeclarationName& name);
  static const clang::Expr* std_get_argument(const clang::Expr* e);
  static bool is_member_part(const clang::Expr* e, int depth = 0);
  static bool is_own_dereference(const clang::Expr* e);
  static bool is_through_iterator_member(const clang::Expr* e, int depth = 0);
  static bool is_owning_member_call(const clang::Expr* e, std::initializer_list<llvm::StringRef> names);
  static bool is_owned_address(const clang::Expr* e, llvm::SmallVectorImpl<const clang::Expr*>& addresses, int depth = 0);
  static void collect_returns(const clang::Stmt* s, llvm::SmallVectorImpl<const clang::ReturnStmt*>& out);
  static bool arrow_returns_owned(const clang::FunctionDecl& fn, const clang::ReturnStmt*& offending,
                                  llvm::SmallVectorImpl<const clang::Expr*>& addresses);
  void check_arrow_operator(const clang::FunctionDecl& fn, RuleContext& ctx);
  static bool is_returned_by_accepted_arrow(const clang::Expr& taken, RuleContext& ctx);
  static bool is_aliased_subobject(const clang::Expr& taken, RuleContext& ctx);
  static bool is_owned_subobject(const clang::Expr* e, const clang::Expr* owner);
  static void check_aliased_pointer(const clang::Stmt& stmt, RuleContext& ctx);
  static const clang::Expr* shared_ptr_object(const clang::Expr* e);
  static bool names_object(const clang::Expr* e, int depth = 0);
  static bool is_get_of(const clang::Expr* e, const clang::Expr* owner);

  // TestedPointers.cpp
  static const clang::FunctionDecl* library_text_source(const clang::VarDecl& var, RuleContext& ctx);
  static bool is_copied_library_text(const clang::VarDecl& var, RuleContext& ctx, const clang::Expr*& other_use);
  static bool only_tested_or_copied(const clang::Stmt* s, const clang::VarDecl& var,
                                    llvm::SmallVectorImpl<const clang::Stmt*>& ancestors, const clang::Expr*& other_use);
  static const clang::Stmt* written_parent(llvm::ArrayRef<const clang::Stmt*> ancestors, size_t& index);
  static bool is_text_copy_class(const clang::CXXRecordDecl* record);
  static bool is_test_or_copy(llvm::ArrayRef<const clang::Stmt*> ancestors, clang::ASTContext& ast);
  static bool is_tested_first_library_text(const clang::VarDecl& var, RuleContext& ctx);
  template <class Allowed>
  static bool is_tested_before_use(const clang::VarDecl& var, RuleContext& ctx, Allowed&& allowed);
  static bool leaves_when_null(llvm::ArrayRef<const clang::Stmt*> ancestors, const clang::VarDecl& var,
                               clang::ASTContext& ast);
  static bool always_leaves(const clang::Stmt* s);
  static bool on_non_null_side(llvm::ArrayRef<const clang::Stmt*> ancestors, const clang::VarDecl& var,
                               clang::ASTContext& ast);
  static bool is_null_test(llvm::ArrayRef<const clang::Stmt*> ancestors, const clang::VarDecl& var,
                           clang::ASTContext& ast);
  static bool is_checked_downcast_condition(const clang::VarDecl& var, RuleContext& ctx);
  static bool is_checked_downcast_tested_first(const clang::VarDecl& var, RuleContext& ctx);
  static const clang::Stmt* declaring_if_or_while(RuleContext& ctx);
  static bool names(const clang::Expr* e, const clang::VarDecl& var);
  static bool mentions(const clang::Stmt* s, const clang::VarDecl& var);
  static bool is_null_comparison(const clang::BinaryOperator& cmp, const clang::VarDecl& var, clang::ASTContext& ast);
  static Test pointer_test(const clang::Expr* e, const clang::VarDecl& var, clang::ASTContext& ast, int depth = 0);
  static bool is_checked_init_statement(const clang::VarDecl& var, const clang::IfStmt& if_stmt, RuleContext& ctx);

  // PointerUses.cpp
  static void check_binding_dereference(const clang::Stmt& stmt, RuleContext& ctx);
  static void check_chars_result_read_as_c_string(const clang::Stmt& stmt, RuleContext& ctx);
  static void check_pointer_into_generic_code(const clang::Stmt& stmt, RuleContext& ctx);
  static const clang::ParmVarDecl* pattern_parameter(const clang::FunctionDecl& pattern, unsigned index);
  static bool is_checked_access(const clang::Stmt* s);
  static const clang::Expr* inspected_object(const clang::Expr* e);
  static llvm::StringRef library_text_failure(llvm::StringRef name);
  static MaybeNull maybe_null_result(const clang::Stmt& s, RuleContext& ctx);
  static void check_discarded_handle(const clang::Stmt& stmt, RuleContext& ctx);
  static void check_unchecked_null_result(const clang::Stmt& stmt, RuleContext& ctx);
  static bool is_tested_before(const clang::Expr& source, const clang::Expr* object, RuleContext& ctx);

  /// builtin_in_every_instance's answers, per template and operator.
  std::map<std::pair<const clang::FunctionDecl*, clang::SourceLocation>, bool> builtin_comparisons_;
};

}  // namespace meshwa::rules::raw_pointer
