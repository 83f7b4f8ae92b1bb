// The dangling rule (meshwa-dangling), private to this folder: what the
// rule reports and accepts is said at the top of Dangling.cpp. One rule
// class and two helper classes (Roots: where a reference or view points;
// MemberViews: view members over other members), members defined by topic:
//   Dangling.cpp       the hooks: declarations, statements, template functions
//   ViewTypes.cpp      which types are views and which hold views
//   Roots.cpp          Roots: what an expression refers into, and whether it dies early
//   Cursors.cpp        Roots of views copied out of holders and cursors' methods
//   CallArguments.cpp  Roots through calls that may return an argument
//   MemberViews.cpp    view members over members other member functions change
//   MemberViewTypes.cpp  MemberViews: which members view, own, move or free elements
//   ViewedMembers.cpp  MemberViews: the member of the class a view value points into
//   Bindings.cpp       variables, statics, insertions bound to what dies at once
//   Escapes.cpp        views and pointers stored where they outlive what they point into
//   Returns.cpp        returns of references, views and holders of them
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "Flow.h"
#include "LeastDepth.h"
#include "Rule.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringRef.h"

namespace meshwa::rules::dangling {

constexpr llvm::StringLiteral kName = "dangling";

/// Answers about function bodies asked at every call (is a method a
/// cursor's view method, which parameters reach a helper's returns), kept
/// for one translation unit: the declarations they are keyed by die with
/// it, so the rule owns them and clears them at its end; every Roots it
/// makes asks through them.
struct BodyCaches {
  std::map<const clang::FunctionDecl*, bool> held_view;
  std::map<const clang::FunctionDecl*, bool> held_reference;
  std::map<const clang::FunctionDecl*, std::set<const clang::ParmVarDecl*>> returned;
  std::map<const clang::FunctionDecl*, std::set<const clang::ParmVarDecl*>> parts_returned;
  std::map<const clang::FunctionDecl*, bool> makes_fresh_shared;  // every return is a make_shared
  std::map<const clang::FunctionDecl*, llvm::DenseSet<const clang::VarDecl*>> handed_on;  // flow::locals_handed_on
};

using flow::skip_carriers;

// ViewTypes.cpp
bool is_reference_tuple(clang::QualType type);
bool is_ranges_subrange(const clang::CXXRecordDecl* record);
bool is_view(clang::QualType type);
bool is_atomic_ref(clang::QualType type);
bool is_std_ref_call(const clang::CallExpr* call);
bool is_owner_view(clang::QualType type);
llvm::SmallVector<clang::QualType, 4> std_type_arguments(clang::QualType type);
bool is_shared_owner(clang::QualType type);
bool is_wrapper(clang::QualType type);
bool is_view_aggregate(clang::QualType type, unsigned depth = 0);
bool cannot_point_into(clang::QualType view, clang::QualType source);
bool holds_owner_views(clang::QualType type, unsigned depth = 0);
unsigned owner_view_kinds(clang::QualType type, unsigned depth = 0);
clang::QualType element_slot(clang::QualType holder, unsigned index, unsigned count);

/// What a reference or view ends up pointing into.
struct Root {
  enum Kind { temporary, local } kind;
  const clang::Expr* expr;        // the temporary, or the reference to the local
  const clang::VarDecl* var;      // the local
  bool conservative;              // decided by the matching-argument heuristic
  const clang::BindingDecl* binding = nullptr;  // the structured binding naming (a part of) `var`, if any
};

class Roots;

/// What the views held by a std container / optional / pair / tuple of
/// type `slot`, made by `e`, view when that dies too early (defined with
/// the rule, which judges holders of views).
std::optional<Root> held_root_of(const clang::Expr* e, clang::QualType slot, const Roots& roots);

class Roots {
 public:
  Roots(BodyCaches& caches, const clang::ASTContext& ast) : caches_(&caches), ast_(&ast) {}

  /// The arms of a conditional that can run (flow::arms_that_can_run): a
  /// view or reference made by `c ? a : b` refers to what they refer to.
  llvm::SmallVector<const clang::Expr*, 2> arms_that_can_run(const clang::AbstractConditionalOperator& choice) const {
    return flow::arms_that_can_run(choice, *ast_);
  }

  // Roots.cpp
  std::optional<Root> of_object(const clang::Expr* e, unsigned depth = 0) const;
  static bool returns_own_object(const clang::CXXOperatorCallExpr& op);
  std::optional<Root> of_view(const clang::Expr* e, unsigned depth = 0) const;
  /// The object a pointer value `e` points into (`s.c_str()`, `e.what()`),
  /// when it dies too early.
  std::optional<Root> of_pointer_value(const clang::Expr* e) const { return of_pointer(e, 0); }
  static bool returns_pointer_into_this(const clang::CXXMethodDecl& method);
  static bool points_into_this(const clang::Expr* e);
  static bool is_part_of_this(const clang::Expr* e);
  static bool never_reassigned(const clang::VarDecl& var);
  // (CallArguments.cpp) Does a `return` of `fn`'s body give back its parameter `index` itself?
  static bool returns_parameter(const clang::FunctionDecl& fn, unsigned index);
  std::optional<Root> of_address(const clang::Expr* e, unsigned depth = 0) const;
  /// Is the local reference `var` bound to a temporary whose lifetime it extends?
  static bool extends_a_temporary(const clang::VarDecl& var);

  bool locals = false;
  const clang::VarDecl* checking = nullptr;  // the declaration whose initialiser is being looked at
  const clang::DeclContext* function = nullptr;  // the function whose return is checked (`locals`)

 private:
  // Roots.cpp
  const clang::VarDecl* initialised_local(const clang::DeclRefExpr* ref) const;
  bool captured(const clang::DeclRefExpr* ref) const;
  std::optional<bool> capture_kind(const clang::VarDecl* var) const;
  std::optional<Root> of_lambda_call(const clang::CXXOperatorCallExpr* op, bool view, unsigned depth) const;
  static bool refers(const clang::Expr* e);
  static bool is_wrapper_kept_elsewhere(const clang::CXXMethodDecl& method, const clang::Expr& object);
  std::optional<Root> of_arrow(const clang::Expr* e, unsigned depth) const;
  std::optional<Root> of_pointer(const clang::Expr* e, unsigned depth) const;
  std::optional<Root> of_variable(const clang::DeclRefExpr* ref, unsigned depth) const;
  std::optional<Root> of_binding(const clang::DeclRefExpr* ref, const clang::BindingDecl* binding, unsigned depth) const;

  // Cursors.cpp
  static bool is_held_view(const clang::Expr* call, const clang::Expr* object);
  static bool copies_held_iterator(const clang::Expr* call, const clang::Expr* object);
  std::optional<Root> of_held_view(const clang::Expr* object, unsigned depth) const;
  template <class Pred>
  static bool every_return_is(const clang::FunctionDecl& definition, Pred ok);
  bool returns_held_view(const clang::CXXMethodDecl& method) const;
  bool hands_on_parameter_or_pointee_view(const clang::Expr* e, const clang::FunctionDecl& definition,
                                          unsigned depth) const;
  static bool calls_through_pointer_member(const clang::Expr* e);
  bool returns_held_reference(const clang::CXXMethodDecl& method) const;
  bool refers_through_handle_member(const clang::Expr* e, unsigned depth) const;
  bool copies_handle_member(const clang::Expr* e, unsigned depth) const;
  bool through_handle_member(const clang::Expr* e, unsigned depth) const;
  std::optional<Root> of_cursor(const clang::Expr* object, unsigned depth) const;

  // CallArguments.cpp
  std::optional<Root> of_matching_argument(const clang::CallExpr* call, unsigned depth) const;
  bool may_return_parameter(const clang::FunctionDecl& fn, unsigned index) const;
  static std::set<const clang::ParmVarDecl*> returned_parameters(const clang::FunctionDecl& definition);
  static const clang::VarDecl* assigned_local(const clang::Expr* lhs);
  bool returns_part_of_parameter(const clang::FunctionDecl& fn, unsigned index) const;
  void parameter_parts(const clang::Expr* e, std::set<const clang::ParmVarDecl*>& params, unsigned depth) const;
  static bool writable_from_read_only(const clang::Expr* call, clang::QualType param);
  std::optional<Root> of_closure_argument(const clang::CXXOperatorCallExpr* op, unsigned depth) const;
  static bool returns_own_copy(const clang::CXXMethodDecl& call_operator);
  std::optional<Root> of_range_algorithm(const clang::CallExpr* call, unsigned depth) const;

  static constexpr unsigned kMaxDepth = 24;

  BodyCaches* caches_;  // the rule's (a pointer, so that a Roots copies)
  const clang::ASTContext* ast_;  // for the constant conditions of arms_that_can_run

  /// A lambda called in a checked return, its closure object: `return
  /// [&]() -> int& { return local; }();`, `auto l = [&] { ... }; return
  /// l();`. What the lambda's returns refer to through its captures is what
  /// the call refers to (its own locals and temporaries are judged at its
  /// own returns).
  const clang::CXXRecordDecl* lambda_ = nullptr;
  const clang::Expr* closure_ = nullptr;
};

/// A view member over an owning member of the same class that some other
/// member function changes without re-pointing the view:
///   class Parser { std::string buf_; std::string_view rest_;
///     void load(std::string s) { buf_ = std::move(s); rest_ = buf_; }
///     void append(char c) { buf_ += c; }  // may reallocate: rest_ dangles
///   };
/// Looked at once per class, at the end of the translation unit (out-of-line
/// member definitions included). Only changes the class makes to its own
/// member through `this` count; the view is re-pointed when an assignment
/// to it (or a call of a member function that assigns it) follows the
/// change in the same function, or precedes it without viewing the owner
/// (`rest_ = {}; buf_.clear();`). A private helper that changes the owner
/// is fine when every member function calling it re-points the view.
class MemberViews {
 public:
  MemberViews(const clang::CXXRecordDecl& record, RuleContext& ctx, std::set<clang::SourceLocation>& classes_reported)
      : record_(record), ctx_(ctx), classes_reported_(classes_reported) {}

  // MemberViews.cpp
  void run();

 private:
  struct Assignment {
    const clang::FieldDecl* view;
    const clang::FieldDecl* owner;  // the owning member it is made to view, or nullptr
    clang::SourceLocation loc;
    bool in_initializer;            // a constructor's member initializer
    bool pointee = false;           // views what an element owns through a smart pointer (`*items_.back()`)
  };
  struct Change {
    const clang::FieldDecl* owner;
    const clang::Stmt* stmt;
    std::string what;               // "push_back", "operator+=", "std::swap"
  };
  /// A view of an owning member stored into a member collection of views
  /// (`index_[names_.back()] = i;`, `tokens_.push_back(buf_)`).
  struct Fill {
    const clang::FieldDecl* collection;
    const clang::FieldDecl* owner;
    clang::SourceLocation loc;
    bool pointee;  // views what an element owns through a smart pointer (`*storage_.back()`)
  };
  struct Function {
    const clang::FunctionDecl* decl;
    std::vector<Fill> fills;
    std::vector<const clang::FieldDecl*> removals;  // collections this function erases from (erase, pop_back)
    std::vector<Assignment> assignments;
    std::vector<Change> changes;
    std::vector<std::pair<const clang::FunctionDecl*, clang::SourceLocation>> calls;  // member calls on this
  };

  // MemberViewTypes.cpp
  static bool is_element_view(clang::QualType type);
  static bool is_element_reference(clang::QualType type);
  /// What MemberViews follows: a view of elements or a reference to one.
  static bool is_member_view(clang::QualType type) { return is_element_view(type) || is_element_reference(type); }
  static bool views_element_itself(clang::QualType type);
  /// Can the member be made to refer elsewhere by assignment? A `T&` or a
  /// std::atomic_ref assigns through itself.
  static bool rebindable(clang::QualType type) { return !type->isReferenceType() && !is_atomic_ref(type); }
  static bool is_view_collection(clang::QualType type);
  static bool moves_elements(clang::QualType type, llvm::StringRef what);
  static bool through_smart_pointer(const clang::Expr* value);
  static bool frees_elements(llvm::StringRef what);
  static bool is_removal(llvm::StringRef what);
  static bool is_owning_member(clang::QualType type);
  static bool invalidates(clang::QualType type, llvm::StringRef method);
  // ViewedMembers.cpp
  const clang::FieldDecl* this_field(const clang::Expr* e) const;
  const clang::FieldDecl* viewed_member(const clang::Expr* e, unsigned depth = 0) const;
  const clang::FieldDecl* viewed_in_aggregate(clang::QualType type, llvm::ArrayRef<clang::Expr*> inits,
                                              unsigned depth) const;
  // MemberViews.cpp
  const clang::FieldDecl* member_target(clang::QualType type, const clang::Expr* value) const;
  void collect_functions();
  void visit(const clang::Stmt& s, Function& fn) const;
  bool visit_collection(const clang::Stmt& s, Function& fn) const;
  void compute_assigning_functions();
  bool repoints(const Function& fn, const Change& change, const clang::FieldDecl* view,
                const clang::FieldDecl* owner) const;
  void check_pair(const clang::FieldDecl* view, const clang::FieldDecl* owner, clang::SourceLocation set_loc);
  void check_copies();
  bool pointees_only(const clang::FieldDecl* collection, const clang::FieldDecl* owner) const;
  bool assigned_pointees_only(const clang::FieldDecl* view, const clang::FieldDecl* owner) const;
  static bool filled_before(const Function& fn, const clang::FieldDecl* collection, const clang::FieldDecl* owner,
                            clang::SourceLocation at, const clang::SourceManager& sm);
  bool filled_before(const Function& fn, const clang::FieldDecl* collection, const clang::FieldDecl* owner,
                     clang::SourceLocation at) const;
  bool initialises_view(const Function& fn, const clang::FieldDecl* view, const clang::FieldDecl* owner) const;
  bool all_callers_safe(const clang::FunctionDecl* callee, const std::set<const clang::FunctionDecl*>& safe) const;

  const clang::CXXRecordDecl& record_;
  RuleContext& ctx_;
  std::vector<Function> functions_;
  std::map<std::pair<const clang::FieldDecl*, const clang::FieldDecl*>, clang::SourceLocation> sets_;
  std::map<const clang::FieldDecl*, std::set<const clang::FunctionDecl*>> assigns_;
  std::set<std::pair<clang::SourceLocation, const clang::FieldDecl*>> reported_;
  std::set<clang::SourceLocation>& classes_reported_;  // classes already reported by check_copies (across instantiations)
};

class Dangling final : public Rule {
 public:
  // Dangling.cpp
  llvm::StringRef name() const override { return kName; }
  void check_decl(const clang::Decl& decl, RuleContext& ctx) override;
  void check_end_of_translation_unit(RuleContext& ctx) override;
  void check_class_templates(RuleContext& ctx);
  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override;

 private:
  // Dangling.cpp
  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override;
  void report_binding(clang::SourceLocation loc, const std::string& what, const Root& root, RuleContext& ctx);

  // Bindings.cpp
  void check_variable(const clang::VarDecl& var, RuleContext& ctx);
  static std::optional<Root> held_root(const clang::Expr* e, clang::QualType slot, const Roots& roots, unsigned depth = 0);
  static std::optional<Root> held_call_root(const clang::CallExpr* call, clang::QualType slot, const Roots& roots,
                                            unsigned depth);
  void check_insertion(const clang::CXXMemberCallExpr& call, RuleContext& ctx);
  Roots local_roots(const RuleContext& ctx);
  bool check_static_binding(const clang::VarDecl& var, const clang::Expr* init, RuleContext& ctx);
  void report_initializer_list_member(const clang::FieldDecl& field, RuleContext& ctx);
  void check_function_wrapper(clang::QualType wrapper, const clang::Expr* callable, RuleContext& ctx);
  static clang::QualType callable_result(const clang::Expr* callable, const clang::FunctionDecl*& callee);

  // Escapes.cpp
  static bool declares(const clang::Stmt* s, const clang::VarDecl* var);
  static const clang::ParmVarDecl* out_parameter(const clang::Expr* target);
  static std::string source_text(const clang::Expr* e, const RuleContext& ctx);
  bool check_out_parameter(const clang::Expr* target, const Root& root, clang::SourceLocation loc, RuleContext& ctx);
  void check_inner_scope(const clang::Expr* target_expr, const Root& root, clang::SourceLocation loc, RuleContext& ctx);
  static const clang::VarDecl* local_holder(const clang::Expr* holder_expr);
  static const clang::Expr* element_holder(const clang::Expr* e);
  static bool hands_over(const clang::Expr* e, const clang::VarDecl* var, unsigned depth = 0);
  static bool handed_back(const clang::CallExpr& call, const clang::FunctionDecl& callee, const clang::VarDecl* var,
                          unsigned depth);
  static bool unchanged_copy_of(const clang::VarDecl& copy, const clang::VarDecl* var, unsigned depth);
  void check_returned_holder(const clang::VarDecl* holder, const Root& root, clang::SourceLocation loc,
                             RuleContext& ctx);
  static std::string holder_name(const clang::Expr* object);
  void check_pointer_store(const clang::BinaryOperator& assign, RuleContext& ctx);
  static bool stored_beyond_call(const clang::Expr* target);
  static bool same_pointer_object(const clang::Expr* a, const clang::Expr* b);
  static bool assigned_again_later(const clang::Expr* target, const clang::BinaryOperator& assign, RuleContext& ctx);
  static std::string pointer_name(const clang::Expr* target, const RuleContext& ctx);
  bool check_global_store(const clang::Expr* target, const Root& root, clang::SourceLocation loc, RuleContext& ctx);

  // Returns.cpp
  void returns_in(const clang::Stmt* root, const clang::FunctionDecl& fn, const clang::FunctionDecl& instance,
                  RuleContext& ctx, unsigned depth = 0);
  void check_return(const clang::ReturnStmt& ret, const clang::FunctionDecl& function, RuleContext& ctx,
                    const clang::FunctionDecl* instance = nullptr);
  void judge_return(const clang::ReturnStmt& ret, const clang::FunctionDecl& function, RuleContext& ctx);
  static const clang::VarDecl* returned_local_record(const clang::Expr* value);
  static std::optional<Root> aggregate_reference_root(const clang::Expr* e, const Roots& roots,
                                                      const clang::FieldDecl*& field, unsigned depth = 0);
  static std::optional<Root> constructor_reference_root(const clang::Expr* e, const Roots& roots,
                                                        const clang::FieldDecl*& field);
  static const clang::ParmVarDecl* parameter_referred(const clang::Expr* e, const clang::CXXConstructorDecl& ctor,
                                                      unsigned depth = 0);
  static std::optional<Root> wrapped_reference_root(const clang::Expr* e, const Roots& roots, unsigned depth = 0);
  static bool may_hold_reference(clang::QualType type, unsigned depth = 0);
  static bool holds_reference_wrappers(clang::QualType type);
  static std::optional<Root> container_root(const clang::Expr* value, const Roots& roots, const clang::FunctionDecl& fn);
  static void collect_ref_calls(const clang::Expr* e, llvm::SmallVectorImpl<const clang::Expr*>& out, unsigned depth = 0);
  static bool contains_ref_view(clang::QualType type);
  static bool contains_ref_view(clang::QualType type, int depth, LeastDepth& searched);
  static std::optional<Root> range_root(const clang::Expr* e, unsigned depth = 0);

  std::set<clang::SourceLocation> reported_;
  std::set<clang::SourceLocation> returns_reported_;  // returns reported, across instantiations of a template
  std::vector<const clang::CXXRecordDecl*> records_;  // class definitions of service code, for MemberViews
  std::set<clang::SourceLocation> classes_reported_;  // self-viewing classes reported for their copies
  BodyCaches caches_;

  friend std::optional<Root> held_root_of(const clang::Expr* e, clang::QualType slot, const Roots& roots);
};

}  // namespace meshwa::rules::dangling
