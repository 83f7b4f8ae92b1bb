// The rule meshwa-escaping-reference (what it reports: EscapingReference.cpp).
// Private to this folder: the class EscapingReference, its members defined by
// topic, and class Referents. The files:
//   EscapingReference.cpp  the rule: what it reports; the hooks; replaying template instantiations
//   Lambdas.cpp            lambdas and std::ref arguments: what they capture; the lambda reports
//   Escapes.cpp            escape_of: where a lambda (or a local holding it) goes
//   OwnedByThis.cpp        [this] lambdas: kept by the object itself, unsubscribed in the destructor
//   CalleeFate.cpp         what a callee with a visible body does with a callable (Fate)
//   JoiningHolders.cpp     threads and futures that finish the lambda before the function returns
//   MemberStores.cpp       views and references stored in members, element part by part
//   OwnMembers.cpp         [this] lambdas in members of a copyable class; thread members started early
//   Referents.cpp          class Referents: what a reference, view or iterator value refers into
//   ContainerElements.cpp  Referents::of_elements: what a local container of views was filled with
//   Handles.cpp            helpers the files share: handle and container types, iterator ranges
//   CommandLineApps.cpp    CLI11 subcommands owned by a local CLI::App
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "Rule.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace meshwa::rules::escaping_reference {

constexpr llvm::StringLiteral kName = "escaping-reference";
// passed_to's answer for a callee that only calls what it is given.
constexpr llvm::StringLiteral kStays = "\x01stays";

// Shared helpers (Handles.cpp).
bool holds_reference_like(clang::QualType type);
bool is_std_container(clang::QualType type);
bool keeps_view_object(clang::QualType type, unsigned depth = 0);
bool is_mutable_lvalue_reference(clang::QualType type);
clang::QualType container_value_type(clang::QualType type);
bool holds_handles(clang::QualType type, unsigned depth = 0);
bool is_copy_algorithm(llvm::StringRef name);
unsigned copy_output_index(llvm::ArrayRef<const clang::Expr*> args);
const clang::Expr* strip_handle(const clang::Expr* e);
const clang::Expr* range_of_iterator(const clang::Expr* it, unsigned depth = 0);
bool is_wrapper(const clang::Stmt* s);
/// Is the value of `parent` the value of its child `child`, or does it hold
/// it: a wrapper (is_wrapper), an arm of `c ? a : b`, the right side of
/// `a, b`, an argument of std::bind / bind_front / bind_back?
bool passes_value_on(const clang::Stmt* parent, const clang::Stmt* child);
bool is_plain_local(const clang::Expr* e);
const clang::FieldDecl* member_of_this(const clang::Expr* e);
// CommandLineApps.cpp
/// The local CLI::App that alone owns the subcommand `object` (a CLI::App*)
/// points to, in a function that hands its Apps to nothing else: what the
/// subcommand keeps is kept by that App. nullptr otherwise.
const clang::VarDecl* local_cli_app_keeping(const clang::Expr* object);

/// The ParentMap of each function body (or other root) asked about, built
/// once per translation unit: the rule and its Referents share one cache.
class ParentMaps {
 public:
  /// `root`'s map; `fn` (whose body holds `root`) sizes the stack to build it.
  const clang::ParentMap& of(const clang::FunctionDecl& fn, const clang::Stmt* root);

 private:
  std::map<const clang::Stmt*, std::unique_ptr<clang::ParentMap>> maps_;
};

// Referents.cpp, ContainerElements.cpp
/// What a reference, view or iterator value refers into: the parameter or
/// local whose storage it may point into, or nullptr (a member, a static, a
/// literal, a fresh value). Local references (range-for variables,
/// structured bindings of them included) are followed to what they are bound
/// to, and local views and iterators that are copied (`cursor_ = it;`) to
/// what they view: their initialiser and every value assigned to them.
class Referents {
 public:
  explicit Referents(ParentMaps& parent_maps) : parent_maps_(parent_maps) {}

  /// `copies_views`: what is kept is a copy of a view, so a local view
  /// counts for what it views; false when a reference to the view object
  /// itself is kept (std::reference_wrapper<std::string_view>, [&v = view]).
  const clang::VarDecl* of(const clang::Expr* e, bool copies_views) { return of_expr(e, copies_views, 0); }

  /// What the view variable `var` views (a parameter: itself).
  const clang::VarDecl* of_view_variable(const clang::VarDecl* var) { return of_var(var, true, 0); }

  /// What the elements of the container `range` names refer into once
  /// copied out of it (views_ = local; views_.assign(...)): for a local
  /// container of views filled only in ways followed here (its initialiser,
  /// push_back/insert/emplace/assign, `local[i] = v`, a copy into a
  /// std::back_inserter(local)), what the values put into it refer into; a
  /// local container used any other way (handed out by non-const
  /// reference, written through an iterator, swapped), or one that owns its
  /// elements, counts as itself.
  const clang::VarDecl* of_elements(const clang::Expr* range) { return elements_expr(range, 0); }
  const clang::VarDecl* of_range_end(const clang::Expr* it);
  const clang::VarDecl* of_container_argument(const clang::Expr* arg, clang::QualType container);

 private:
  static constexpr unsigned kMaxDepth = 32;

  struct Origins {
    std::vector<const clang::Expr*> values;  // the initialiser and every value assigned
    bool unknown = false;                    // swapped, or handed out by non-const reference
  };

  const clang::VarDecl* of_var(const clang::VarDecl* var, bool copies_views, unsigned depth);
  const Origins& origins_of(const clang::VarDecl* var);
  const clang::VarDecl* of_expr(const clang::Expr* e, bool copies_views, unsigned depth);
  const clang::VarDecl* of_call(const clang::CallExpr& call, bool copies_views, unsigned depth);
  const clang::VarDecl* of_arguments(const clang::Expr* result, const clang::FunctionDecl* callee,
                                     llvm::ArrayRef<const clang::Expr*> args, bool copies_views, unsigned depth,
                                     unsigned offset = 0);
  static const clang::CXXMethodDecl* definition_surely_called(const clang::CXXMethodDecl* method);

  std::optional<std::set<unsigned>> returned_parameters(const clang::CXXMethodDecl* method);
  bool returns_own_views(const clang::CXXMethodDecl* method);
  bool keeps_own_views(const clang::CXXMethodDecl* method, unsigned depth);
  bool own_view(const clang::Expr* e, const clang::FunctionDecl* fn, unsigned depth);
  static bool is_handle_part(clang::QualType whole, clang::QualType part);

  /// What went into a local container of views.
  struct Elements {
    std::vector<const clang::Expr*> values;   // each put into an element
    std::vector<const clang::Expr*> sources;  // containers or range ends whose elements are copied in
    bool unknown = false;                     // used in a way not followed
  };

  const clang::VarDecl* elements_expr(const clang::Expr* range, unsigned depth);
  const clang::VarDecl* evaluate(const Elements& elements, const clang::VarDecl* self, unsigned depth);
  static void add_argument(const clang::Expr* arg, clang::QualType element, Elements& el);
  static void add_built(const clang::Expr* init, Elements& el);
  const Elements& elements_of(const clang::VarDecl* var);
  static bool wraps(const clang::Expr* e, const clang::Stmt* inner);
  bool use_followed(const clang::ParentMap& parents, const clang::Expr* ref, Elements& el);
  bool method_followed(const clang::ParentMap& parents, const clang::CXXMemberCallExpr& call, clang::QualType element,
                       Elements& el);
  bool access_followed(const clang::ParentMap& parents, const clang::Expr* access, Elements& el, unsigned depth);
  bool inserter_followed(const clang::ParentMap& parents, const clang::CallExpr& inserter, Elements& el);
  static bool algorithm_reads(llvm::StringRef name, llvm::ArrayRef<const clang::Expr*> args, unsigned position);
  static bool reads_parameter(const clang::FunctionDecl* callee, unsigned index);

  std::map<const clang::VarDecl*, Origins> origins_;
  std::set<const clang::VarDecl*> visiting_;
  std::map<const clang::FunctionDecl*, std::optional<std::set<unsigned>>> returned_;
  std::map<const clang::FunctionDecl*, bool> own_returns_;
  std::set<const clang::VarDecl*> own_locals_;
  std::map<const clang::VarDecl*, Elements> elements_;
  std::set<const clang::VarDecl*> elements_visiting_;
  ParentMaps& parent_maps_;  // the rule's
};

class EscapingReference final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }
  void check_decl(const clang::Decl& decl, RuleContext& ctx) override;
  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override;

 private:
  struct Capture {
    const clang::LambdaExpr* lambda;
    const clang::ValueDecl* var;
    clang::SourceLocation where;
    // Every variable captured by reference (init-captures of references
    // included): what a holder of the lambda must not outlive.
    std::vector<const clang::VarDecl*> refs;
    // `var` is a view captured by value: the lambda holds a copy of the view,
    // which still refers to the caller's data.
    bool view = false;
    // Not a lambda: std::ref(var) / std::cref(var) handed to a thread or
    // std::async (lambda is null).
    bool wrapper = false;
    // A lambda capturing `this` (explicitly, or implicitly through [&] or
    // [=]) and nothing by reference: var is null; it must not outlive the
    // object, so the object's own members are fine holders.
    bool this_capture = false;
    // For this_capture: the class whose `this` it is (null when unknown).
    const clang::CXXRecordDecl* self = nullptr;
  };

  /// A thread/future holder that only joins, but that a variable the lambda
  /// captures by reference does not outlive (see holder_stays).
  struct OrderProblem {
    const clang::VarDecl* holder;
    const clang::VarDecl* captured;
    const clang::VarDecl* root;  // the local `captured` names (itself, or a reference's referent)
    bool same_block;
  };

  /// What a function body does with a callable: only calls it (or hands it
  /// to something that only calls it), stores it, returns it (the call's
  /// result holds it), keeps it in its own object (a member of the object
  /// the method runs on, or that the constructor builds), or unknown.
  struct Fate {
    enum Kind { calls, unknown, into_result, into_object, stores } kind = calls;
    std::string how;  // for stores: "stores it in global 'g_queue'"
    // What escapes is not the callable but the reference, pointer or view a
    // call of it returns (`glob_ = x();`, F.43): an escape only for a lambda
    // that returns one into what it captures by reference (lent_capture).
    bool through_result = false;
  };

  static constexpr unsigned kMaxCalleeDepth = 4;

  enum class Joined { none, thread, future };

  /// A lambda capturing `this` kept in a member of the same object.
  struct OwnStore {
    const clang::CXXRecordDecl* self;
    const clang::FieldDecl* field;  // null when not known
    clang::SourceLocation at;       // the lambda, or the local holding it where it is stored
    clang::SourceLocation capture;  // where `this` is captured
    bool implicit;                  // captured implicitly ([&], [=])
  };

  /// How a thread member gets its thread.
  enum class ThreadStart {
    member_init,  ///< in a constructor's member initialiser or the default member initialiser
    assigned,     ///< `worker_ = std::jthread(...)` in a constructor body or a method
  };

  /// The checker's walk (Checker.cpp) over one instantiated function: the
  /// same statement and declaration stacks, check_stmt on every statement.
  class Replay;

  // EscapingReference.cpp
  static bool resolved_on_instantiation(const clang::Stmt* parent, const clang::Stmt* child, RuleContext& ctx);
  void remember_for_replay(clang::SourceLocation loc, RuleContext& ctx);
  void check_end_of_translation_unit(RuleContext& ctx) override;
  void replay_instantiations(RuleContext& ctx);

  // Lambdas.cpp
  const clang::VarDecl* view_origin(const clang::VarDecl* var);
  void check_lambda(const clang::LambdaExpr& lambda, RuleContext& ctx);
  static std::optional<Capture> this_capture_of(const clang::LambdaExpr& lambda, RuleContext& ctx);
  static bool is_ref_argument(const clang::CallExpr& call, RuleContext& ctx);
  static const clang::VarDecl* ref_argument_of(const clang::CallExpr& call);
  void check_ref_argument(const clang::CallExpr& call, RuleContext& ctx);
  static const clang::VarDecl* local_holding_ref(const clang::CallExpr& call, RuleContext& ctx);
  void follow_ref_in_local(const clang::CallExpr& call, const clang::VarDecl& holder);
  void check_ref_stored(const clang::CallExpr& call, RuleContext& ctx);
  void judge_ref(const clang::CallExpr& call, RuleContext& ctx, bool stored_only);
  bool wrapper_escapes() const;
  void report_lambda(const Capture& capture, const std::string& how, clang::SourceLocation loc, RuleContext& ctx);
  static bool writes_into(const clang::LambdaExpr& lambda, const clang::ValueDecl& var);
  static bool written_for_later(const clang::LambdaExpr& lambda, const clang::ValueDecl& var);
  static std::string not_copyable_remedy(const std::string& var);
  void report_order(const Capture& capture, const OrderProblem& problem, clang::SourceLocation loc, RuleContext& ctx);
  static std::string display_name(const clang::VarDecl* var);
  static clang::SourceLocation capture_location(const Capture& capture, const clang::VarDecl* var);

  // Escapes.cpp
  std::optional<std::string> escape_of(const clang::Stmt& e, RuleContext& ctx);
  std::optional<std::string> escape_at(const clang::Stmt* child, size_t i, RuleContext& ctx, unsigned depth);
  std::optional<std::string> held_in(const clang::VarDecl* var);
  std::optional<std::string> assigned_to(const clang::Expr* lhs);
  std::optional<std::string> outlives_capture(const clang::VarDecl* holder) const;
  static const clang::Expr* holder_of(const clang::Expr* e);
  std::optional<std::string> this_assigned_to(const clang::Expr* lhs) const;

  // OwnedByThis.cpp
  static bool is_owning_handle(clang::QualType type);
  static bool owned_by_this(const clang::Expr* e);
  /// How many methods handing out a part of their object (App::add_option
  /// calling another add_option) owned_by_this reads through.
  static constexpr unsigned kMaxPointerGetters = 4;
  static bool owned_by_this(const clang::Expr* e, unsigned getters_left);
  static bool returns_pointer_into_itself(const clang::CXXMethodDecl* method, unsigned getters_left);
  static const clang::Expr* unchanged_local_pointer_init(const clang::Expr* e);
  static const clang::Expr* tuple_element_source(const clang::Expr* bound);
  static const clang::Expr* container_of_iterator(const clang::Expr* e);
  static const clang::Expr* local_reference_init(const clang::Expr* e);
  static bool calls_on_this(const clang::Expr& call);
  /// Another argument of the same call names the object as the callback's
  /// owner: bus.subscribe(this, [this] {...}), connect(src, sig, this, ...),
  /// add_restart(this, hook), or hands a shared_from_this()/weak_from_this():
  /// the callee can drop the callback when the owner goes.
  template <class CallLike>
  static bool names_this_elsewhere(const CallLike& call, const clang::Stmt* child) {
    for (const clang::Expr* arg : call.arguments()) {
      if (arg == child) continue;
      const clang::Expr* bare = arg->IgnoreImplicit()->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(bare)) return true;
      if (const auto* inner = llvm::dyn_cast<clang::CallExpr>(bare)) {
        const clang::FunctionDecl* callee = inner->getDirectCallee();
        if (callee != nullptr && callee->getIdentifier() != nullptr &&
            (callee->getName() == "shared_from_this" || callee->getName() == "weak_from_this")) {
          return true;
        }
      }
    }
    return false;
  }
  static bool is_gmock_mock_method(const clang::FunctionDecl* callee);
  bool unsubscribed_in_destructor(const clang::CallExpr& call, size_t index, RuleContext& ctx) const;
  static const clang::CXXRecordDecl* class_of_this_path(const clang::Expr* e);
  static bool same_path_from_this(const clang::Expr* a, const clang::Expr* b);
  static bool is_member_of_this(const clang::Expr* e, const clang::FieldDecl* field);
  static const clang::FieldDecl* field_keeping(llvm::ArrayRef<const clang::Stmt*> parents, size_t index,
                                               RuleContext& ctx);
  bool kept_by_this(llvm::ArrayRef<const clang::Stmt*> parents, size_t index, RuleContext& ctx) const;
  static bool keeps_object_alive(const clang::LambdaExpr& lambda, const clang::CXXRecordDecl* self);

  // CalleeFate.cpp
  static Fate worse(const Fate& a, const Fate& b) { return b.kind > a.kind ? b : a; }
  static bool takes_callable(clang::QualType param, clang::QualType arg);
  static std::optional<unsigned> parameter_of(const clang::CallExpr& call, const clang::Stmt* arg);
  static const clang::Expr* object_of(const clang::CallExpr& call);
  std::optional<std::string> passed_to(const clang::CallExpr& call, const clang::Stmt* child, size_t index,
                                       RuleContext& ctx, unsigned depth);
  const clang::ParentMap& parent_map(const clang::FunctionDecl& fn, const clang::Stmt* root) {
    return parent_maps_.of(fn, root);
  }
  Fate fate_of_parameter(const clang::FunctionDecl* definition, unsigned index, unsigned depth);
  Fate fate_of_var(const clang::FunctionDecl& fn, const clang::VarDecl* var, unsigned depth);
  Fate fate_of_value(const clang::FunctionDecl& fn, const clang::ParentMap& parents, const clang::Stmt* e,
                     Fate::Kind top, unsigned depth);
  Fate fate_of_lent_result(const clang::FunctionDecl& fn, const clang::ParentMap& parents, const clang::Expr* call,
                           unsigned depth);
  static const clang::VarDecl* lent_capture(const clang::LambdaExpr& lambda);
  std::optional<std::string> lent_result_passed_to(const clang::CallExpr& call, const Fate& fate,
                                                   const std::string& name, size_t index, RuleContext& ctx);
  Fate fate_of_argument(const clang::FunctionDecl& fn, const clang::ParentMap& parents, const clang::CallExpr& call,
                        const clang::Stmt* cur, Fate::Kind top, unsigned depth);
  Fate fate_of_target(const clang::FunctionDecl& fn, const clang::ParentMap& /*parents*/, const clang::Expr* target,
                      unsigned depth);

  // JoiningHolders.cpp
  static Joined joined_kind(clang::QualType type);
  static clang::QualType std_element_type(clang::QualType type);
  /// std::vector<std::thread>, std::deque<std::future<int>>, ...
  static clang::QualType held_element_type(clang::QualType type);
  static Joined element_joined_kind(clang::QualType type) { return joined_kind(held_element_type(type)); }
  static bool is_insertion(const clang::CXXMethodDecl* method);
  static bool is_template_parameter(const clang::CallExpr* call, const clang::Stmt* child);
  std::vector<std::pair<const clang::VarDecl*, const clang::VarDecl*>> outlived_captures(
      const clang::VarDecl* holder) const;
  static std::optional<const clang::VarDecl*> owner_of(const clang::VarDecl* var, unsigned depth);
  static std::optional<const clang::VarDecl*> owner_of(const clang::Expr* e, unsigned depth);
  static std::optional<const clang::VarDecl*> init_capture_owner(const clang::VarDecl* var);
  bool owner_stays(llvm::ArrayRef<const clang::Stmt*> parents, size_t index, bool is_async, RuleContext& ctx);
  static bool is_statement(const clang::Stmt* parent, const clang::Stmt* e);
  static bool is_void_cast(const clang::Stmt* s);
  bool holder_stays(const clang::VarDecl* holder, RuleContext& ctx);
  static bool holds_std_thread(clang::QualType type);
  bool used_after_scope(const clang::VarDecl* holder, const clang::VarDecl* root) const;
  static const clang::Stmt* declaring_block(const clang::Stmt* body, const clang::VarDecl* var);
  static bool only_joined_in(const clang::Stmt* body);
  static llvm::SmallPtrSet<const clang::Decl*, 4> range_for_ranges(const clang::Stmt* body);
  static bool joined_use(const clang::ParentMap& parents, const clang::Expr* e);
  static bool joining_method(const clang::CXXMethodDecl* method);
  static bool joined_call(const clang::ParentMap& parents, const clang::MemberExpr* member);
  static bool joining_algorithm(const clang::CallExpr& call, const clang::Expr* e);
  static bool joining_callable(const clang::Expr* arg);

  // MemberStores.cpp
  void check_member_store(const clang::Expr* lhs, const clang::Expr* rhs, const clang::Stmt& at, RuleContext& ctx);
  void check_copy_into_member(const clang::CallExpr& call, const clang::Stmt& at, RuleContext& ctx);
  void check_member_insert(const clang::Expr* object, llvm::ArrayRef<const clang::Expr*> args,
                           llvm::ArrayRef<clang::QualType> parts, const clang::Stmt& at, RuleContext& ctx,
                           const clang::CXXMethodDecl* method = nullptr);
  const clang::VarDecl* piecewise_source(const clang::Expr* tuple, clang::QualType part, bool copies_views);
  static std::optional<std::vector<const clang::Expr*>> tuple_arguments(const clang::Expr* tuple);
  static bool is_range_end_parameter(const clang::CXXMethodDecl& method, unsigned index);
  const clang::VarDecl* inserted_source(const clang::Expr* arg, clang::QualType part, bool copies_views,
                                        unsigned depth);
  static bool may_refer(clang::QualType type, unsigned depth = 0);
  static bool binds_reference(clang::QualType type, unsigned depth = 0);
  static std::vector<clang::QualType> tuple_parts(clang::QualType type);
  static std::optional<std::vector<const clang::Expr*>> built_pieces(const clang::Expr* arg);
  static llvm::SmallVector<clang::QualType, 4> element_parts(clang::QualType container, const clang::CXXMethodDecl& method,
                                                             llvm::ArrayRef<const clang::Expr*> args);
  static clang::QualType std_class_value_type(clang::QualType container);
  static bool is_piecewise(const clang::Expr* arg);
  void report_member(clang::SourceLocation loc, const clang::FieldDecl* field, const clang::VarDecl* source,
                     RuleContext& ctx);

  // OwnMembers.cpp
  static const clang::FieldDecl* member_of_this_containing(const clang::Expr* e);
  void remember_own_store(const Capture& capture, clang::SourceLocation at);
  static std::pair<bool, bool> copies_and_moves(const clang::CXXRecordDecl& record);
  void check_own_stores(RuleContext& ctx);
  void check_thread_members(const clang::CXXRecordDecl& record, RuleContext& ctx);
  void thread_members_of(const clang::CXXRecordDecl& record, RuleContext& ctx);
  static bool destructor_joins(const clang::CXXRecordDecl& record, const clang::FieldDecl* field);
  static const clang::CXXConstructExpr* thread_construction(const clang::Expr* value);
  static const clang::Stmt* thread_body(const clang::CXXConstructExpr& thread, const clang::CXXRecordDecl& record);
  static void members_used(const clang::Stmt* root, const clang::CXXRecordDecl& record,
                           std::map<const clang::FieldDecl*, const clang::Expr*>& used,
                           std::set<const clang::FunctionDecl*>& seen, unsigned depth);
  static bool source_before(clang::SourceLocation a, clang::SourceLocation b, const clang::CXXRecordDecl& record);
  void check_thread_start(const clang::CXXRecordDecl& record, const clang::FieldDecl& field, const clang::Expr* value,
                          clang::SourceLocation at, ThreadStart start, bool joined_late, RuleContext& ctx);

  // State
  std::vector<OwnStore> own_stores_;
  std::set<clang::SourceLocation> own_reported_;
  mutable bool own_member_ = false;  // the last escape_of kept a [this] lambda in this object's member
  mutable const clang::FieldDecl* own_field_ = nullptr;  // ... that member, if known
  std::set<clang::SourceLocation> thread_orders_;  // thread starts reported (across instantiations)
  bool replaying_ = false;         // walking an instantiation (replay_instantiations)
  bool replay_candidate_ = false;  // the last escape_of met a call resolved only on instantiation
  bool task_escape_ = false;       // the last escape_of's answer: handed to a thread or std::async
  const clang::FieldDecl* stored_field_ = nullptr;  // ... or: stored in this member (not in this_mode)
  std::set<clang::SourceLocation> replay_locations_;
  std::map<const clang::FunctionDecl*, std::vector<const clang::Decl*>> replay_functions_;  // with the decls around
  std::vector<const clang::FunctionDecl*> replay_order_;
  std::optional<OrderProblem> order_problem_;
  // The function whose std::function parameter the lambda was converted to,
  // by the last escape_of: making it a template on the callable is a fix.
  std::string template_callee_;
  bool template_callee_virtual_ = false;  // ... and it is a virtual function
  const clang::Decl* held_by_ = nullptr;
  const Capture* current_ = nullptr;  // the lambda whose escape is being decided
  const clang::SourceManager* source_manager_ = nullptr;
  std::map<const clang::VarDecl*, Capture> callables_;
  ParentMaps parent_maps_;
  std::set<const clang::VarDecl*> fate_visiting_;
  std::map<std::tuple<const clang::FunctionDecl*, unsigned, unsigned>, Fate> parameter_fates_;
  unsigned cycle_cuts_ = 0;
  std::set<clang::SourceLocation> reported_;
  Referents referents_{parent_maps_};  // (declared after parent_maps_, which it uses)
};

}  // namespace meshwa::rules::escaping_reference
