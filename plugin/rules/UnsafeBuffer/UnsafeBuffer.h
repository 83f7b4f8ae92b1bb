// The class of the unsafe-buffer rule (what it reports and accepts: the top
// of UnsafeBuffer.cpp), private to this folder. One class, its members
// defined by group of checks:
//   UnsafeBuffer.cpp           the hooks (which check runs on which node), [[clang::unsafe_buffer_usage]]
//                              calls, template code judged per instantiation, make_UnsafeBuffer
//   PointerArithmetic.cpp      p + n, p[i], a C array's index and decay, std::next / std::advance on a
//                              pointer, argv[i] within argc
//   UncheckedSubscripts.cpp    operator[] libstdc++ does not check (vector<bool>, bitset, views,
//                              unique_ptr<T[]>, valarray masks), the bucket API
//   IndexGuards.cpp            the guards that show an index in bounds (index_shown_in_bounds)
//   GuardedStaysGuarded.cpp    ... and that nothing changes the index or the size after the guard
//   PointerLengthViews.cpp     std::span / string_view / string from a pointer and a length,
//                              views::counted, a view from (end, begin)
//   IndexPastEnd.cpp           container indexes the code shows past the end: a constant, a loop up to
//                              size(), v[v.size()], v[n] of a vector built with n elements
//   CStringArguments.cpp       an unterminated .data() read as a C string: std::string(v.data()),
//                              strlen(sv.data()), a `const CharT*` parameter with no length after it
//   CBufferArguments.cpp       a (pointer, count) given to a C function with a count larger than the
//                              buffer: epoll_wait(ep, evs.data(), 4096, 0)
//   IteratorSteps.cpp          iterators moved before begin() / past end() by a constant, pointers made
//                              from iterator arithmetic; what is known of a local integer or iterator
//   AlgorithmRanges.cpp        algorithms writing past their output or reading past their input (copy,
//                              copy_n, fill_n, transform), and whether a count is shown bounded
//   EmptyOrEnd.cpp             elements that are not there: *v.end(), and *v.begin(), front(), back(),
//                              *v.data() of a container that may be empty
//   EmptyOptional.cpp          *o of an optional that is always empty
//   ShownNotEmpty.cpp          what shows a container is not empty where its first element is read
//   AssertedEmptiness.cpp      ... an assertion, a gtest ASSERT or matcher, a wait with a predicate
//   ReachingConstants.cpp      the constants a local integer may hold where it is read, from the writes
//                              before it (`int data = -1; data = 10; a[data]`); with
//   MemberConstants.cpp        ... a private member, left by every constructor
//   CallConstants.cpp          ... a parameter, return value or out-parameter of a function only this
//                              file calls, and the file's call sites
//   LocalMentions.cpp          ... and how a local is mentioned: tested, assigned directly, unchanged
//   IteratorPreconditions.cpp  iterators of two containers (insert, erase, splice, (a.begin(), b.end()),
//                              it - other.begin()), reversed ranges, non-strict sort comparators
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <set>

#include "Rule.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace meshwa::rules::unsafe_buffer {

inline constexpr llvm::StringLiteral kName = "unsafe-buffer";

/// How many earlier statements of each enclosing block are searched for the
/// check of a copy_n / fill_n count (bounded_around).
inline constexpr unsigned kEarlierStatementsLooked = 16;

// UnsafeBuffer.cpp
const clang::ValueDecl* named_decl(const clang::Expr* e);
bool is_pointer(const clang::Expr* e);

class UnsafeBuffer final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override;
  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override;
  void check_decl(const clang::Decl& decl, RuleContext& ctx) override;

 private:
  // Types of the helpers, used by several files

  /// Each statement of an instantiation's body and the statement around it,
  /// found by one walk per instantiation (not one per subscript in it).
  using ParentMap = llvm::DenseMap<const clang::Stmt*, const clang::Stmt*>;

  /// Does `bound` (compared with an index: `i < bound` when `strict`, else
  /// `i <= bound`) keep the index inside the object?
  using BoundTest = llvm::function_ref<bool(const clang::Expr* bound, bool strict)>;

  /// Which end of which container an iterator expression is (iterator_of).
  enum class IteratorEnd { none, begin, end, rbegin, rend };

  struct IteratorOf {
    IteratorEnd which = IteratorEnd::none;
    const clang::Expr* object = nullptr;              // the container expression
    const clang::CXXRecordDecl* container = nullptr;  // its class
  };

  /// The condition `parent` (an if, ?:, && or ||) tests before `child`
  /// runs, and the value it has whenever `child` runs; nullopt when
  /// `parent` is none of those, `child` is its condition, or the if
  /// declares a variable (or has an init statement, unless `with_init`).
  struct Guard {
    const clang::Expr* cond;
    bool when;
  };

  /// A buffer of the service that a C function receives through a pointer:
  /// `x.data()` / `x.c_str()` of a standard container, string or view,
  /// `&x[i]`, `&x.front()`: its object, element and what is known of its
  /// capacity from the pointer on.
  struct CBuffer {
    const clang::Expr* object = nullptr;
    const clang::CXXRecordDecl* record = nullptr;
    clang::QualType element;
    bool from_data = false;         // x.data() / x.c_str(): the start of the storage
    std::optional<uint64_t> bytes;  // std::array<T, N>: known at compile time
  };

  /// An iterator moved by an integer: `it + n`, `n + it`, `it - n` (the
  /// operators of an iterator class or of a pointer), `std::next(it, n)`,
  /// `std::prev(it, n)` (also with the default n of 1). `backward` for `-`
  /// and prev.
  struct IteratorStep {
    const clang::Expr* base;
    const clang::Expr* offset;
    bool backward;
  };

  /// An expression with the parentheses and implicit conversions around it,
  /// the statement using it (use_of) and the statements around that one,
  /// outermost first.
  struct Use {
    const clang::Expr* expr;
    const clang::Stmt* parent;
    llvm::ArrayRef<const clang::Stmt*> above;
  };
  static Use use_of(const clang::Expr& e, llvm::ArrayRef<const clang::Stmt*> parents);
  static Use use_of(const clang::Expr& e, RuleContext& ctx) { return use_of(e, ctx.stmt_parents()); }
  /// The call or construction an expression is an argument of (passed_to).
  struct PassedTo {
    const clang::FunctionDecl* callee = nullptr;
    llvm::ArrayRef<const clang::Expr*> args;
    size_t index = 0;  // the expression's argument, also its parameter
  };

  /// What iterator_uses finds of a local iterator (is_unmoved, stays_in_its_container).
  struct IteratorUses {
    bool unmoved = false;
    bool stays = false;
  };
  /// What one statement does with a local (iterator_use_at).
  struct IteratorUseCount {
    unsigned reads = 0;
    unsigned steps = 0;
  };

  // UnsafeBuffer.cpp
  static void check_marked_unsafe_call(const clang::Stmt& stmt, RuleContext& ctx);
  void judge_instantiated(const clang::Decl& instance, const clang::Stmt* root, const clang::Stmt& s,
                          RuleContext& ctx);
  const ParentMap& instance_parents(const clang::FunctionDecl& instance);
  const ParentMap& instance_parents(const clang::Stmt* root);  // of a body, initializer or default argument
  llvm::DenseMap<const clang::Stmt*, ParentMap> instance_parents_;
  class InstanceStacks;  // the walk's stacks of a node of an instantiation
  static clang::SourceLocation judged_at(const clang::Stmt& s);
  static bool is_built_in_step(const clang::Stmt& s);
  static bool is_binary_operator(const clang::CXXOperatorCallExpr& op);
  void check_operator_arguments(const clang::CXXOperatorCallExpr& call, RuleContext& ctx);
  static clang::SourceLocation member_name_at(const clang::Expr* callee);
  static clang::SourceLocation first_argument_at(const clang::Stmt& s);
  std::set<clang::SourceLocation> instantiations_reported_;  // dependent constructions reported

  // PointerArithmetic.cpp
  static void note_declaration(const clang::Expr* e, RuleContext& ctx);
  void check_subscript(const clang::ArraySubscriptExpr& e, RuleContext& ctx);
  static bool is_value_dependent_array_subscript(const clang::ArraySubscriptExpr& e);
  static bool in_bounds_constant(const clang::ArraySubscriptExpr& e, clang::QualType base_type, RuleContext& ctx);
  bool in_bounds_reaching_constants(const clang::ArraySubscriptExpr& e, clang::QualType base_type, RuleContext& ctx);
  bool in_bounds_by_guard(const clang::ArraySubscriptExpr& e, clang::QualType base_type, RuleContext& ctx);
  bool in_bounds_in_every_instance(const clang::ArraySubscriptExpr& e, RuleContext& ctx);
  const clang::VarDecl* unwritten_local(const clang::Expr* e, RuleContext& ctx);
  void check_binary(const clang::BinaryOperator& e, RuleContext& ctx);
  bool is_argv_and_argc(const clang::Expr* pointer, const clang::Expr* count);
  const clang::ParmVarDecl* unchanged_main_argc(const clang::Expr* pointer);
  bool is_argument_within_argc(const clang::ArraySubscriptExpr& e, RuleContext& ctx);
  static bool is_data_plus_size(const clang::BinaryOperator& e);
  static std::optional<PassedTo> passed_to(const clang::Expr& e, RuleContext& ctx) { return passed_to(use_of(e, ctx)); }
  static std::optional<PassedTo> passed_to(const Use& use);
  static bool used_as_end_or_indexed(const clang::BinaryOperator& e, RuleContext& ctx);
  static Use through_choices(Use use);
  static bool is_holder_of(const Use& use);
  static bool only_held(Use element);
  static bool is_element_of(const clang::InitListExpr& list, const clang::Expr& e);
  static Use through_holder_wrappers(Use use);
  static bool ends_a_range(const clang::FunctionDecl& fn, size_t index);
  bool is_whole_array_range_end(const clang::Expr& e, RuleContext& ctx);
  static bool takes_as_one_range(const clang::FunctionDecl& callee, size_t first);
  static bool is_whole_array_range(const clang::Expr* first, const clang::Expr* last, RuleContext& ctx);
  void check_unary(const clang::UnaryOperator& e, RuleContext& ctx);
  void check_step_call(const clang::CallExpr& call, RuleContext& ctx);
  static bool is_constant_text_array(const clang::Expr* e);
  static const clang::CXXConstructExpr* constructed_from_first(const clang::Expr& e, RuleContext& ctx);
  void check_decay(const clang::ImplicitCastExpr& e, RuleContext& ctx);

  // UncheckedSubscripts.cpp
  static bool is_bool_vector(const clang::CXXRecordDecl* record);
  static bool is_std_record_named(const clang::CXXRecordDecl* record, llvm::StringRef name);
  void check_smart_array_subscript(const clang::CXXOperatorCallExpr& call, RuleContext& ctx);
  bool view_index_shown_in_bounds(const clang::CXXOperatorCallExpr& call, RuleContext& ctx);
  static bool has_fixed_size(clang::QualType type, int depth = 0);
  bool bool_index_shown_in_bounds(const clang::CXXOperatorCallExpr& call, RuleContext& ctx);
  bool bool_constant_index_in_bounds(const clang::CXXOperatorCallExpr& call, RuleContext& ctx);
  std::optional<uint64_t> size_grown_to(const clang::Stmt& access, const clang::Expr* object, RuleContext& ctx);
  static bool is_insertion_into(const clang::Stmt& st, const clang::VarDecl& var);
  bool only_grown(const clang::VarDecl& var, const clang::FunctionDecl& fn);
  llvm::DenseMap<const clang::VarDecl*, bool> grown_only_;  // only_grown
  /// Whether each local std::vector<bool> keeps its declared size in its
  /// function (may_resize over the body, once per variable).
  llvm::DenseMap<const clang::VarDecl*, bool> size_fixed_;
  static bool is_bool_valarray(const clang::CXXRecordDecl* record);
  void check_bucket_call(const clang::CXXMemberCallExpr& call, RuleContext& ctx);
  static bool is_bucket_of(const clang::Expr* index, const clang::Expr* object, RuleContext& ctx);

  // IndexGuards.cpp
  bool index_shown_in_bounds(const clang::Stmt& access, const clang::Expr* index_expr, const clang::Expr* object,
                             bool resizable, BoundTest bound_ok, RuleContext& ctx);
  bool counts_up_to(const clang::ForStmt& loop, const clang::VarDecl& index, const clang::Expr* object,
                    BoundTest bound_ok, RuleContext& ctx);
  bool meets_bound(const clang::ForStmt& loop, const llvm::APSInt& start, const clang::Expr* bound,
                   const clang::Expr* object, clang::QualType counter, RuleContext& ctx);
  const clang::IfStmt* earlier_exit_guard(const clang::CompoundStmt& block, const clang::Stmt* child,
                                          const clang::VarDecl& index, const clang::Decl* object,
                                          const clang::ForStmt* loop, BoundTest bound_ok, RuleContext& ctx);
  /// The first exit guard of a block for an index variable and an indexed
  /// object (earlier_exit_guard).
  llvm::DenseMap<std::pair<std::pair<const clang::CompoundStmt*, const clang::VarDecl*>, const clang::Decl*>,
                 const clang::IfStmt*>
      block_guards_;
  /// Each block's statements by position (position_in).
  llvm::DenseMap<const clang::CompoundStmt*, llvm::DenseMap<const clang::Stmt*, unsigned>> block_positions_;
  std::optional<unsigned> position_in(const clang::CompoundStmt& block, const clang::Stmt* child);
  static bool always_leaves(const clang::Stmt* s);
  static const clang::IfStmt* exit_guard(const clang::Stmt* s);
  bool bounds_index(const clang::Expr* cond, const clang::VarDecl& index, const clang::ForStmt* loop,
                    BoundTest bound_ok, RuleContext& ctx, bool negated = false);
  static clang::BinaryOperatorKind holding(const clang::BinaryOperator& cmp, bool negated);
  static const clang::BinaryOperator* split(const clang::Expr*& cond, bool& negated);
  static bool has_lower_bound(const clang::Expr* cond, const clang::VarDecl& index, RuleContext& ctx, bool negated);
  bool bounds_conjunct(const clang::Expr* cond, const clang::VarDecl& index, const clang::ForStmt* loop,
                       bool tested_from_below, BoundTest bound_ok, RuleContext& ctx, bool negated);
  const clang::Expr* under_shrinking_conversions(const clang::Expr* bound, RuleContext& ctx);
  static bool is_size_of(const clang::Expr* e, const clang::Expr* object, RuleContext& ctx);
  bool below_declared_count(const clang::Expr* bound, bool strict, const clang::Expr* object, RuleContext& ctx);
  static std::optional<uint64_t> initializer_list_count(const clang::CXXConstructExpr& construct);
  static bool cannot_wrap(const clang::BinaryOperator& plus, clang::QualType operand, RuleContext& ctx);
  bool counts_up_from_non_negative(const clang::ForStmt* loop, const clang::VarDecl& index, RuleContext& ctx,
                                   int depth = 0);
  bool non_negative(const clang::Expr* e, RuleContext& ctx, int depth);

  // GuardedStaysGuarded.cpp
  bool read_only_in(const clang::Stmt* region, const clang::VarDecl& var);
  bool resized_in(const clang::Stmt* region, const clang::Expr* object, RuleContext& ctx);
  bool aliased(const clang::VarDecl& var);
  void find_aliased_locals(const clang::FunctionDecl& fn);
  static bool writes_by_name(const clang::Stmt* body, const clang::VarDecl& var);
  static unsigned captures_by_reference(const clang::Stmt& node, const clang::VarDecl& var,
                                        llvm::SmallPtrSetImpl<const clang::Expr*>* found = nullptr);
  llvm::DenseMap<const clang::VarDecl*, bool> aliased_;
  llvm::DenseSet<const clang::FunctionDecl*> aliased_judged_;  // find_aliased_locals done
  llvm::DenseMap<std::pair<const clang::Stmt*, const clang::Decl*>, bool> region_reads_;
  llvm::DenseMap<std::pair<const clang::Stmt*, const clang::Decl*>, bool> region_resizes_;
  static bool every_mention_accounted(const clang::Stmt* root, const clang::VarDecl& var,
                                      llvm::function_ref<unsigned(const clang::Stmt&)> accounted);
  static bool reads_value_of(const clang::Stmt& node, const clang::VarDecl& var);
  static bool only_read(const clang::Stmt* root, const clang::VarDecl& var);
  static bool written_before(const clang::Stmt* region, const clang::VarDecl& var, const clang::Stmt& access,
                             clang::SourceLocation from = {});
  static bool may_resize(const clang::Stmt* root, const clang::Expr* object, RuleContext& ctx);
  static bool owned_local(const clang::Expr* object);
  static bool may_reach_other_objects(const clang::CallExpr& call, const clang::Expr* object, RuleContext& ctx);

  // PointerLengthViews.cpp
  void check_views_counted(const clang::CXXOperatorCallExpr& call, RuleContext& ctx);
  void check_reversed_view(const clang::CXXConstructExpr& e, RuleContext& ctx);
  static bool same_element_type(const clang::CXXRecordDecl& record, const clang::Expr* data);
  bool is_distance_from(const clang::Expr* first, const clang::Expr* count, RuleContext& ctx);
  static bool in_fixed_storage(const clang::Expr* pointer, RuleContext& ctx);
  void check_pointer_length_construction(const clang::CXXConstructExpr& e, RuleContext& ctx);
  static bool constant_count_past_literal(const clang::Expr& literal, const clang::Expr& count, RuleContext& ctx);
  bool count_fits_known_extent(const clang::CXXConstructExpr& e, RuleContext& ctx);

  // IndexPastEnd.cpp
  void check_constant_index_past_end(const clang::CXXOperatorCallExpr& call, RuleContext& ctx);
  void report_terminator_write(const clang::CXXOperatorCallExpr& call, const std::string& index, RuleContext& ctx);
  void report_constant_past_end(const clang::CXXOperatorCallExpr& call, const llvm::APSInt& at, uint64_t size,
                                const clang::CXXRecordDecl* record, RuleContext& ctx);
  void check_loop_index_past_end(const clang::CXXOperatorCallExpr& call, RuleContext& ctx);
  static const clang::Expr* under_integer_casts(const clang::Expr* e, llvm::SmallVectorImpl<clang::QualType>& casts);
  static bool kept_by_casts(const llvm::APSInt& value, llvm::ArrayRef<clang::QualType> casts,
                            const clang::ASTContext& ast);
  const clang::ForStmt* unconditional_counting_loop(const clang::Stmt& at, const clang::VarDecl& index,
                                                    RuleContext& ctx);
  static bool steps_by_one(const clang::Expr* inc, const clang::VarDecl& index);
  static bool body_runs_through(const clang::Stmt* body, const clang::VarDecl& index);
  static bool binds_reference_to(const clang::Stmt* body, const clang::VarDecl& index);
  std::optional<llvm::APSInt> loop_start(const clang::ForStmt& loop, const clang::VarDecl& index, RuleContext& ctx);
  static std::optional<llvm::APSInt> constant_value(const clang::Expr* e, RuleContext& ctx);
  static bool only_indexed_in(const clang::Stmt* body, const clang::Expr* object);
  bool writes_non_nul(const clang::Expr& element, RuleContext& ctx);
  static bool is_own_size(const clang::Expr* index, const clang::Expr* object);
  static std::optional<clang::QualType> narrowing_cast(llvm::ArrayRef<clang::QualType> casts, unsigned bits,
                                                      const clang::ASTContext& ast);
  static unsigned value_bits(clang::QualType type, const clang::ASTContext& ast);
  void report_narrowed_index(const clang::CXXOperatorCallExpr& call, const std::string& what, clang::QualType cut,
                             const std::string& where, RuleContext& ctx);
  const clang::VarDecl* index_is_built_count(const clang::Expr* object, const clang::Expr* index);
  static const clang::VarDecl* integer_var_read(const clang::Expr* e);
  const clang::VarDecl* local_holding_own_size(const clang::Expr* index, const clang::Expr* object,
                                               llvm::SmallVectorImpl<clang::QualType>& casts);
  void report_index_at_built_count(const clang::CXXOperatorCallExpr& call, const clang::VarDecl& count,
                                   RuleContext& ctx);
  void report_index_at_size(const clang::CXXOperatorCallExpr& call, RuleContext& ctx);

  // IteratorPreconditions.cpp
  void check_reversed_range(const clang::FunctionDecl& callee, llvm::ArrayRef<const clang::Expr*> args,
                            RuleContext& ctx);
  static bool is_range_parameter_pair(const clang::ParmVarDecl& first, const clang::ParmVarDecl& last);
  static bool is_owning_container(const clang::CXXRecordDecl* record);
  static bool is_std_callee(const clang::FunctionDecl* fn);
  static std::string arithmetic_remedy(const clang::BinaryOperator& e, RuleContext& ctx);
  static IteratorOf iterator_of(const clang::Expr* e);
  static IteratorOf iterator_or_sized_end(const clang::Expr* e);
  static IteratorOf iterator_stepped_from(const clang::Expr* e);
  IteratorOf last_element_iterator(const clang::Expr* e, RuleContext& ctx);
  static std::pair<IteratorOf, llvm::StringRef> extremum_of_whole(const clang::Expr* e);
  static IteratorOf start_of(const clang::Expr* e);
  void check_iterator_difference(const clang::Stmt& stmt, RuleContext& ctx);
  IteratorOf walked_container(const clang::Expr* e);
  static bool same_unqualified_type(clang::QualType a, clang::QualType b);
  std::pair<IteratorOf, const clang::VarDecl*> held_iterator(const clang::Expr* e);
  static const clang::Expr* named_object(const clang::Expr* e, int depth = 0);
  static bool is_temporary(const clang::Expr* e);
  static bool different_objects(const clang::Expr* a, const clang::Expr* b);
  static std::string object_name(const clang::Expr* e, RuleContext& ctx);
  void check_position_argument(const clang::CXXMemberCallExpr& call, RuleContext& ctx);
  void check_splice_source(const clang::CXXMemberCallExpr& call, RuleContext& ctx);
  void check_iterator_pairs(const clang::FunctionDecl& callee, llvm::ArrayRef<const clang::Expr*> args,
                            RuleContext& ctx);
  static std::string unguarded_sort_name(const clang::CallExpr& call);
  static const clang::NamedDecl* non_strict_function_object(clang::QualType type);
  static const clang::Expr* non_strict_comparison(const clang::Expr* arg);
  void check_sort_comparator(const clang::CallExpr& call, RuleContext& ctx);

  // CStringArguments.cpp
  static const clang::Expr* unterminated_buffer(const clang::Expr* e);
  static bool is_unterminated_data(const clang::Expr* e, RuleContext& ctx);
  static bool filled_by_c_function(const clang::Expr* object, RuleContext& ctx);
  static bool appends_nul(const clang::CXXMemberCallExpr& call, const clang::Expr* object, RuleContext& ctx);
  static bool is_literal_char_array(const clang::Expr* object);
  static bool is_literal_view(const clang::Expr* object);
  static void report_unterminated(const clang::Expr& arg, llvm::StringRef type, RuleContext& ctx);
  void check_unterminated_construction(const clang::CXXConstructExpr& e, RuleContext& ctx);
  void check_unterminated_assignment(const clang::CXXMethodDecl& fn, const clang::Expr& arg, RuleContext& ctx);
  void check_arguments(const clang::FunctionDecl* callee, llvm::ArrayRef<const clang::Expr*> args, RuleContext& ctx);
  void check_c_string_arguments(const clang::FunctionDecl* fn, llvm::ArrayRef<const clang::Expr*> args,
                                unsigned first_param_arg, RuleContext& ctx);
  static bool is_buffer_parameter(const clang::ParmVarDecl& param);
  static bool is_length_pointer_parameter(const clang::ParmVarDecl& param);
  static bool is_range_end(llvm::ArrayRef<const clang::Expr*> args, size_t i);
  static bool is_filesystem_path(const clang::CXXRecordDecl* record);
  static void report_c_string(const clang::Expr& arg, const clang::FunctionDecl& fn, RuleContext& ctx);

  // EmptyOptional.cpp
  std::map<const clang::VarDecl*, bool> empty_optionals_;   // always_empty_optional, by local
  void check_empty_optional_dereference(const clang::CXXOperatorCallExpr& call, RuleContext& ctx);
  bool always_empty_optional(const clang::VarDecl& var, RuleContext& ctx);
  static bool is_nullopt(const clang::Expr* e);
  static bool is_empty_optional_value(const clang::Expr* e);
  static const clang::VarDecl* copied_local(const clang::CXXConstructExpr* construct);
  bool made_empty(const clang::Expr* init, const clang::VarDecl& var, RuleContext& ctx);
  bool passed_only_empty(const clang::ParmVarDecl& param, RuleContext& ctx);
  bool under_condition_naming(const clang::Stmt& at, const clang::VarDecl& var, RuleContext& ctx);
  bool earlier_exit_naming(const clang::CompoundStmt& block, const clang::Stmt& child,
                           llvm::function_ref<bool(const clang::Stmt*)> names);
  static bool leaves_when_empty(const clang::Expr* cond, llvm::function_ref<bool(const clang::Stmt*)> names);

  // EmptyOrEnd.cpp
  void check_end_dereference(const clang::Expr& deref, const clang::Expr& iterator, RuleContext& ctx);
  void check_dereference_tested_end(const clang::Expr& deref, const clang::Expr& iterator, RuleContext& ctx);
  static std::optional<Guard> guard_of(const clang::Stmt& parent, const clang::Stmt& child, bool with_init);
  const clang::Expr* test_saying_end(const clang::Stmt& at, const clang::VarDecl& var, RuleContext& ctx);
  const clang::Expr* earlier_exit_saying_end(const clang::CompoundStmt& block, const clang::Stmt& child,
                                             const clang::VarDecl& var);
  bool says_end(const clang::Expr* cond, const clang::VarDecl& var, bool when, int depth);
  void check_first_dereference(const clang::Expr& deref, const clang::Expr& iterator, RuleContext& ctx);
  static bool is_std_next_or_prev(const clang::CallExpr& call);
  void check_data_dereference(const clang::Expr& pointer, clang::SourceLocation loc, RuleContext& ctx);
  void check_end_of_known_empty(const clang::CXXMemberCallExpr& call, RuleContext& ctx);
  void check_element_of_tested_empty(const clang::CallExpr& call, RuleContext& ctx);
  static const clang::ValueDecl* container_root(const clang::Expr* object);
  const clang::Expr* test_saying_empty(const clang::Stmt& at, const clang::Expr* object, const clang::ValueDecl& root,
                                       RuleContext& ctx);
  const clang::Expr* earlier_exit_saying_empty(const clang::CompoundStmt& block, const clang::Stmt& child,
                                               const clang::Expr* object, const clang::ValueDecl& root, bool& blocked,
                                               const clang::ASTContext& ast);
  static const clang::CXXMemberCallExpr* empties(const clang::Stmt* s, const clang::Expr* object);
  static bool may_fill(const clang::Stmt* s, const clang::ValueDecl& root);
  static bool says_empty(const clang::Expr* cond, const clang::Expr* object, bool when, int depth,
                         const clang::ASTContext& ast);
  /// Which free functions sized_object() takes as asking a size, besides the
  /// member (`x.size()`): none, std's own (`std::size(x)`), or also those of
  /// a namespace nested in std (`std::ranges::size(x)`).
  enum class FreeSizeCall { none, std_only, std_or_nested };
  /// The one reader of "is `e` the size of x": `e` (as written: strip it
  /// first) is a call of a member named one of `names` (with no arguments
  /// when `member_without_arguments`), or of a free function with that name
  /// and the one argument x as `free` allows. x as written, or null.
  static const clang::Expr* sized_object(const clang::Expr* e, std::initializer_list<llvm::StringRef> names,
                                         FreeSizeCall free, bool member_without_arguments = false);
  static std::string empty_remedy(const clang::CXXRecordDecl* record);
  void check_unchecked_nonempty(const clang::CXXMemberCallExpr& call, RuleContext& ctx);
  static bool same_container(const clang::Expr* a, const clang::Expr* b, RuleContext& ctx);

  // ShownNotEmpty.cpp
  static bool tests_emptiness(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx, int depth = 0,
                              bool begin_asks = true);
  static bool own_predicate_tests(const clang::CXXMemberCallExpr& call, const clang::Expr* object, RuleContext& ctx);
  static bool inserts_into(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx);
  static bool clears(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx);
  static bool may_remove_from(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx);
  static bool guards(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx);
  static bool always_leaves_or_fills(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx,
                                     bool breaks_leave = true);
  static bool is_labelled(const clang::Stmt* s);
  static const clang::Stmt* without_labels(const clang::Stmt* s);
  static bool always_leaves(const clang::Expr* e, RuleContext& ctx);
  static const clang::Stmt* through_default_only_switch(const clang::Stmt* s);
  static bool matcher_asks_size(const clang::CXXOperatorCallExpr& call, const clang::Expr* object, RuleContext& ctx);
  static bool loops_while_empty(const clang::Expr* cond, const clang::Expr* object, RuleContext& ctx);
  static bool has_break(const clang::Stmt* body);
  static bool shown_not_empty(const clang::Stmt& call, const clang::Expr* object, RuleContext& ctx);
  static bool condition_shows_not_empty(const clang::Expr* cond, bool when, const clang::Expr* object,
                                        RuleContext& ctx);
  static std::optional<bool> proves_not_empty(const clang::Expr* cond, const clang::Expr* object, bool when,
                                              RuleContext& ctx, int depth);
  static std::optional<bool> standard_call_proves(const clang::CallExpr& call, const clang::Expr* object, bool when,
                                                  RuleContext& ctx, int depth);
  static bool found_in(const clang::Expr* e, const clang::Expr* object, RuleContext& ctx);
  static std::optional<bool> compares_not_empty(const clang::Expr* lhs, clang::BinaryOperatorKind kind,
                                                const clang::Expr* rhs, const clang::Expr* object, RuleContext& ctx,
                                                int depth);
  static const clang::Expr* size_or_empty_of(const clang::Expr* e, llvm::StringRef name, RuleContext& ctx,
                                             int depth);
  static bool snapshot_holds(const clang::DeclRefExpr& ref, const clang::VarDecl& var, const clang::Expr* object,
                             bool is_size, RuleContext& ctx);
  static llvm::SmallVector<const clang::DeclRefExpr*, 4> writes_of(const clang::Stmt* root, const clang::VarDecl& var);
  static llvm::SmallPtrSet<const clang::DeclRefExpr*, 4> guarded_decrements(const clang::Stmt* body,
                                                                            const clang::VarDecl& var,
                                                                            RuleContext& ctx);
  static const clang::Expr* own_predicate_return(const clang::CXXMemberCallExpr& call);
  static bool never_empty(const clang::CXXRecordDecl* record);

  // AssertedEmptiness.cpp
  static std::optional<bool> assertion_result_proves_not_empty(const clang::Expr* init, const clang::Expr* object,
                                                               bool when, RuleContext& ctx);
  static std::optional<bool> matcher_proves_not_empty(const clang::Expr* matcher, bool when, RuleContext& ctx);
  static std::optional<bool> if_proves_not_empty(const clang::IfStmt& s, const clang::Expr* object, bool when,
                                                 RuleContext& ctx);
  static std::optional<Guard> statement_goes_on_when(const clang::Expr& statement);
  static const clang::Expr* waited_predicate(const clang::Expr& statement);
  static const clang::Expr* predicate_a_wait_returns(const clang::CXXMemberCallExpr& call);
  static bool statement_shows_not_empty(const clang::Expr& statement, const clang::Expr* object, RuleContext& ctx);

  // CBufferArguments.cpp
  std::optional<uint64_t> fixed_local_size(const clang::Expr* object, RuleContext& ctx);
  static const clang::VarDecl* local_container_var(const clang::Expr* object);
  bool size_never_changes(const clang::VarDecl& var);
  static bool returns_variable(const clang::ReturnStmt& ret, const clang::VarDecl& var);
  static const clang::VarDecl* returned_variable(const clang::ReturnStmt& ret);
  static unsigned size_keeping_mentions(const clang::Stmt& st, const clang::VarDecl& var);
  static const clang::VarDecl* size_keeping_var_at(const clang::Stmt& st);
  void find_size_kept_locals(const clang::FunctionDecl& fn);
  llvm::DenseSet<const clang::FunctionDecl*> size_kept_counted_;  // find_size_kept_locals done
  static std::optional<uint64_t> constructed_size(const clang::CXXConstructExpr* construct, RuleContext& ctx);
  std::map<const clang::VarDecl*, bool> unchanged_locals_;  // fixed_local_size: nothing changes its size
  std::optional<uint64_t> known_element_count(const clang::Expr* object, const clang::CXXRecordDecl* record,
                                              RuleContext& ctx);
  std::optional<CBuffer> c_buffer_of(const clang::Expr* arg, RuleContext& ctx);
  static uint64_t unit_bytes(clang::QualType pointer, RuleContext& ctx);
  static bool compares_with_literal_prefix(const clang::CallExpr& call, unsigned first, unsigned last,
                                           RuleContext& ctx);
  static bool is_buffer_own_size(const clang::Expr* count, const CBuffer& buffer);
  static bool count_fits(const clang::Expr* count, const CBuffer& buffer, uint64_t unit, std::optional<uint64_t> factor,
                         RuleContext& ctx);
  void check_c_buffer_arguments(const clang::CallExpr& call, RuleContext& ctx);

  // IteratorSteps.cpp
  static std::optional<IteratorStep> iterator_step(const clang::Expr* e);
  static const clang::Expr* through_iterator_copies(const clang::Expr* e);
  static const clang::Expr* stepped_iterator(const clang::Expr* e);
  void check_pointer_from_iterator_step(const clang::Expr& e, RuleContext& ctx);
  static bool is_to_address_call(const clang::CallExpr& call);
  void check_iterator_step_out_of_range(const clang::Expr& step, const clang::Expr* iterator, const clang::Expr* offset,
                                        bool negate, RuleContext& ctx);
  void check_first_step_out_of_range(const clang::Stmt& stmt, RuleContext& ctx);
  static std::pair<const clang::Expr*, bool> increment_operand(const clang::Stmt& stmt);
  static bool is_first_use_after_declaration(const clang::Stmt& step, const clang::VarDecl& var, RuleContext& ctx);
  void check_iterator_arithmetic(const clang::Stmt& stmt, RuleContext& ctx);
  std::optional<llvm::APSInt> known_integer(const clang::Expr* e, RuleContext& ctx, int depth = 0);
  std::optional<uint64_t> known_size_call(const clang::Expr* e, RuleContext& ctx);
  bool only_given_constants(const clang::VarDecl& var);
  bool is_only_read(const clang::VarDecl& var);
  void find_only_read_locals(const clang::FunctionDecl& fn);
  std::map<const clang::VarDecl*, bool> only_read_scalars_;  // is_only_read
  llvm::DenseSet<const clang::FunctionDecl*> only_read_counted_;  // find_only_read_locals done
  std::map<const clang::VarDecl*, bool> constant_scalars_;    // only_given_constants
  static const clang::VarDecl* local_iterator_var(const clang::Expr* e);
  /// Nothing in its function changes the value of the local `var`: every
  /// mention of it is a dereference, a comparison or a copy's source. Not
  /// an iterator that is stepped (`++it`, `it += n`, std::advance(it, n)),
  /// assigned, or handed to a function, which may have moved it.
  bool is_unmoved(const clang::VarDecl& local) { return iterator_uses(local).unmoved; }
  /// Every mention of the local iterator `var` is one is_unmoved allows or
  /// a step (`++it`, `it--`, `it += n`): it may move, but only along the
  /// container it was taken from, never assigned from another.
  bool stays_in_its_container(const clang::VarDecl& local) { return iterator_uses(local).stays; }
  static unsigned by_value_arguments_naming(const clang::FunctionDecl* callee, llvm::ArrayRef<const clang::Expr*> args,
                                            const clang::VarDecl& var);
  IteratorUses iterator_uses(const clang::VarDecl& local);
  void count_iterator_uses(const clang::FunctionDecl& fn);
  static IteratorUseCount iterator_use_at(const clang::Stmt& st, const clang::VarDecl& var);
  std::map<const clang::VarDecl*, IteratorUses> unmoved_iterators_;  // is_unmoved, stays_in_its_container
  llvm::DenseSet<const clang::FunctionDecl*> iterator_uses_counted_;  // count_iterator_uses done

  // ReachingConstants.cpp
  /// The constants a local integer may hold at a point, gathered from the
  /// writes before it (done: every path there gave one of them).
  struct Reaching {
    llvm::SmallVector<llvm::APSInt, 4> values;
    bool done = false;
  };
  llvm::SmallVector<llvm::APSInt, 4> reaching_constants(const clang::VarDecl& var,
                                                       llvm::ArrayRef<const clang::Stmt*> parents,
                                                       const clang::Stmt* use, RuleContext& ctx, int depth = 0,
                                                       bool through_tests = false);
  llvm::SmallVector<llvm::APSInt, 4> bound_constants(const clang::Expr* bound, RuleContext& ctx);
  bool add_values_of(const clang::Expr* e, const clang::VarDecl& var, llvm::ArrayRef<const clang::Stmt*> parents,
                     const clang::Stmt* at, Reaching& found, RuleContext& ctx, int depth);
  bool last_writes(const clang::Stmt* s, const clang::VarDecl& var, Reaching& found, RuleContext& ctx);
  bool last_writes_of_counted_loop(const clang::ForStmt& loop, const clang::VarDecl& var, Reaching& found,
                                   RuleContext& ctx);
  bool last_writes_of_switch(const clang::SwitchStmt& choice, const clang::VarDecl& var, Reaching& found,
                             RuleContext& ctx);
  std::optional<bool> known_condition(const clang::Expr* cond, RuleContext& ctx);
  std::optional<llvm::APSInt> fixed_global_value(const clang::Expr* e, RuleContext& ctx);
  llvm::SmallVector<llvm::APSInt, 4> constants_at(const clang::Expr* e, const clang::Stmt& at,
                                                 const clang::FunctionDecl& fn, RuleContext& ctx, int depth);
  static void add_converted(llvm::ArrayRef<llvm::APSInt> given, unsigned width, bool is_unsigned,
                            llvm::SmallVectorImpl<llvm::APSInt>& values);
  bool given_only_constants_or_copies(const clang::VarDecl& var);
  std::map<const clang::VarDecl*, bool> constants_or_copies_;  // given_only_constants_or_copies
  void find_reassigned_locals(const clang::FunctionDecl& fn);
  llvm::DenseSet<const clang::FunctionDecl*> reassigned_counted_;  // find_reassigned_locals done
  llvm::DenseSet<const clang::VarDecl*> reassigned_locals_;          // find_reassigned_locals

  // MemberConstants.cpp
  llvm::SmallVector<llvm::APSInt, 4> member_index_constants(const clang::Expr* index, RuleContext& ctx,
                                                            bool through_tests = false);
  const llvm::SmallVector<llvm::APSInt, 4>& member_constants(const clang::FieldDecl& field, RuleContext& ctx);
  std::optional<llvm::APSInt> constant_left_by(const clang::CXXConstructorDecl& ctor, const clang::FieldDecl& field,
                                               RuleContext& ctx);
  std::map<const clang::FieldDecl*, llvm::SmallVector<llvm::APSInt, 4>> member_constants_;

  // CallConstants.cpp
  const llvm::SmallVector<llvm::APSInt, 4>& passed_constants(const clang::ParmVarDecl& param, RuleContext& ctx,
                                                             int depth);
  std::map<const clang::ParmVarDecl*, llvm::SmallVector<llvm::APSInt, 4>> passed_constants_;
  static const clang::FunctionDecl* internal_callee(const clang::Expr* e);
  static llvm::SmallVector<unsigned, 2> out_arguments(const clang::CallExpr& call, const clang::VarDecl& var);
  const llvm::SmallVector<llvm::APSInt, 4>& out_constants(const clang::ParmVarDecl& param, RuleContext& ctx);
  std::map<const clang::ParmVarDecl*, llvm::SmallVector<llvm::APSInt, 4>> out_constants_;
  const llvm::SmallVector<llvm::APSInt, 4>& returned_constants(const clang::FunctionDecl& fn, RuleContext& ctx);
  std::map<const clang::FunctionDecl*, llvm::SmallVector<llvm::APSInt, 4>> returned_constants_;
  struct CallSites {
    llvm::DenseMap<const clang::FunctionDecl*,
                   llvm::SmallVector<std::pair<const clang::CallExpr*, const clang::FunctionDecl*>, 2>>
        calls;
    llvm::DenseSet<const clang::FunctionDecl*> escaped;
    /// Variables of static storage the file mentions other than to read
    /// their value (assigned, incremented, address taken, bound to a reference).
    llvm::DenseSet<const clang::VarDecl*> changed_globals;
  };
  const CallSites& call_sites(RuleContext& ctx);
  std::optional<CallSites> call_sites_;

  // LocalMentions.cpp
  static bool tests_value_of(const clang::Stmt* s, const clang::VarDecl& var);
  bool tested_before_read(const clang::VarDecl& var, llvm::ArrayRef<const clang::Stmt*> parents,
                          const clang::Stmt* use);
  using FirstTests = llvm::DenseMap<const clang::VarDecl*, unsigned>;
  const FirstTests& first_tests_in(const clang::Stmt& s);
  static void add_tested_vars(const clang::Stmt& s, llvm::function_ref<void(const clang::VarDecl&)> add);
  static bool is_test_operator(const clang::Stmt& node);
  static const clang::Stmt* tested_condition(const clang::Stmt& node);
  llvm::DenseMap<const clang::Stmt*, FirstTests> first_tests_;  // first_tests_in, per statement
  static bool jumps_within(const clang::Stmt* body, unsigned allowed);
  bool only_assigned_directly(const clang::VarDecl& var);
  bool left_unchanged(const clang::Stmt* root, const clang::VarDecl& var);
  unsigned unchanging_mentions(const clang::Stmt& node, const clang::VarDecl& var);
  static unsigned const_reference_arguments(const clang::Stmt& node, const clang::VarDecl& var,
                                            llvm::SmallPtrSetImpl<const clang::Expr*>* found = nullptr);
  static void each_const_reference_argument(
      const clang::Stmt& node, llvm::function_ref<void(const clang::VarDecl&, const clang::DeclRefExpr&)> visit);
  const clang::VarDecl* aliased_local(const clang::VarDecl& alias);
  std::map<const clang::VarDecl*, const clang::VarDecl*> aliased_locals_;  // aliased_local
  bool only_adjacent_gotos(const clang::Stmt& body);
  llvm::DenseMap<const clang::Stmt*, bool> adjacent_gotos_;  // only_adjacent_gotos, per body
  void find_directly_assigned_locals(const clang::FunctionDecl& fn);
  unsigned direct_assignment_mentions(const clang::Stmt& st, const clang::VarDecl& var);
  llvm::SmallVector<const clang::VarDecl*, 4> accountable_vars_at(const clang::Stmt& st);
  std::map<const clang::VarDecl*, bool> directly_assigned_scalars_;  // only_assigned_directly
  llvm::DenseSet<const clang::FunctionDecl*> directly_assigned_counted_;  // find_directly_assigned_locals done

  // AlgorithmRanges.cpp
  /// An input of an algorithm: an iterator pair `(first, last)`, the
  /// first iterator alone (copy_n's, with a count), or a whole range.
  struct AlgorithmInput {
    const clang::Expr* first = nullptr;
    const clang::Expr* last = nullptr;
    const clang::Expr* range = nullptr;
    /// Read as far as the count or the other input says (copy_n's input,
    /// std::transform's first2): an iterator without its end.
    [[nodiscard]] bool paced() const { return first != nullptr && last == nullptr && range == nullptr; }
  };
  /// The arguments of an algorithm writing through an output iterator, by
  /// role, in its std:: or std::ranges:: form (algorithm_roles).
  struct AlgorithmRoles {
    std::string name;  // as diagnostics spell it: "std::copy", "std::ranges::copy"
    llvm::StringRef fn;
    llvm::SmallVector<AlgorithmInput, 2> inputs;
    bool counted_input = false;          // writes as many elements as its inputs hold (not copy_if)
    const clang::Expr* count = nullptr;  // the _n algorithms' count
    const clang::Expr* out = nullptr;
  };
  static std::optional<AlgorithmRoles> algorithm_roles(const clang::CallExpr& call);
  static bool is_execution_policy(clang::QualType type);
  std::optional<uint64_t> written_count(const AlgorithmRoles& roles, RuleContext& ctx);
  std::optional<uint64_t> static_range_length(const clang::Expr* first, const clang::Expr* last, RuleContext& ctx);
  void check_output_range_overflow(const clang::CallExpr& call, RuleContext& ctx);
  std::optional<uint64_t> whole_range_length(const clang::Expr* range, RuleContext& ctx);
  void report_output_overflow(const clang::CallExpr& call, const std::string& name, uint64_t written,
                              const clang::Expr* out, RuleContext& ctx);
  bool check_write_into_empty(const clang::CallExpr& call, const AlgorithmRoles& roles, RuleContext& ctx);
  static bool mentions_size_of(const clang::Expr* e, const clang::Expr* object);
  void check_unbounded_count(const clang::CallExpr& call, const std::string& name_of_fn, const clang::Expr* count,
                             const clang::Expr* out, bool range, RuleContext& ctx);
  const clang::ValueDecl* unbounded_variable(const clang::Expr* count, bool range, const clang::Stmt& at,
                                             RuleContext& ctx);
  static bool wraps_negative(const clang::ValueDecl* d, const clang::Expr* count, bool range);
  static const clang::Expr* offset_from_begin(const clang::Expr* first, const clang::Expr* last);
  static const clang::ValueDecl* counted_variable(const clang::Expr* e);
  static bool takes_a_size(const clang::Expr* count);
  bool bounded_around(const clang::ValueDecl* d, bool both_sides, const clang::Stmt& at, RuleContext& ctx);
  static bool assigns_a_size(const clang::Stmt* s, const clang::ValueDecl* d);
  static bool assigns_to(const clang::IfStmt* branch, const clang::ValueDecl* d);
  static bool asserts(const clang::Stmt* s);
  static bool may_leave(const clang::IfStmt* branch);
  static void comparisons_of(const clang::Stmt* cond, const clang::ValueDecl* d, bool& below, bool& above);
  void check_input_range_overread(const clang::CallExpr& call, const std::string& name_of_fn, const clang::Expr* in,
                                  uint64_t count, RuleContext& ctx);
};

}  // namespace meshwa::rules::unsafe_buffer
