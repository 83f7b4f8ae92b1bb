// meshwa-iterator-invalidation's analysis of one function, private to this
// folder: the Analysis class (one per analysed body), its members defined by
// topic, and the types and helpers several of its files share.
//   IteratorInvalidation.cpp  what the rule reports and accepts; the Rule, its
//                             pre-filter, Analysis::run (the order of the passes)
//   ReservedCapacity.cpp      growth within a capacity a reserve provably made
//   AliasedArguments.cpp      one container passed as two parameters, one walked
//                             while the other changes (push_all(v, v))
//   ContainerPaths.cpp        naming containers: the path an expression names,
//                             the containers a handle's init is derived from
//   TrackedHandles.cpp        collecting the handles to track; two references
//                             into one container looked up by runtime keys
//   CalledFunctions.cpp       what called member functions, lambdas and free
//                             functions with visible bodies change
//   MovedElements.cpp         elements that move to another owner (moves,
//                             splice, merge, swap) and the handles they carry
//   FlowTransfer.cpp          the flow slots (handles, bindings to rebindable
//                             names, carried handles) and what each statement
//                             of the CFG does to them
//   Reporting.cpp             naming things in messages, remedies, findings
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ContainerEffects.h"
#include "Flow.h"
#include "Rule.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace meshwa::rules::iterator_invalidation {

inline constexpr llvm::StringLiteral kName = "iterator-invalidation";

// The invalidation table (ContainerEffects.h); this folder is the analysis.
using containers::adaptor_of;
using containers::constant_key;
using containers::container_kind;
using containers::Effect;
using containers::effect_of;
using containers::effect_on;
using containers::Handle;
using containers::handle_kind;
using containers::is_bit_reference;
using containers::is_node_handle;
using containers::is_optional_wrapper;
using containers::is_reference_wrapper;
using containers::is_shared_ptr;
using containers::is_unique_ptr;
using containers::Kind;
using containers::owns_pointee;
using containers::swap_effect;
using containers::takes_key;

// AliasedArguments.cpp
void report_aliased_arguments(const clang::FunctionDecl& fn, RuleContext& ctx, std::set<clang::SourceLocation>& reported);

// ReservedCapacity.cpp
std::set<const clang::Stmt*> growth_within_capacity(const clang::Stmt* body, const clang::ParentMap& parents,
                                                    const clang::ASTContext& ast);

/// A container named by a path of declarations: v, this->items_, order.items.
using Path = llvm::SmallVector<const clang::ValueDecl*, 3>;

struct Tracked {
  const clang::VarDecl* var;
  Handle handle;
  const clang::CXXForRangeStmt* range_for;  // set for the implicit iterators of a range-for
};

/// An iterator as the code names it: a variable (`it`), or a member of one
/// (`it->second`, `entry.node`: an iterator kept in an element or a local).
struct IteratorName {
  const clang::VarDecl* var;
  const clang::ValueDecl* field;  // nullptr for the variable itself
  friend bool operator==(const IteratorName&, const IteratorName&) = default;
};

struct Finding {
  clang::SourceLocation use;
  unsigned slot;
  const clang::Stmt* call;
};

class Analysis {
 public:
  Analysis(const clang::FunctionDecl& fn, RuleContext& ctx, std::set<clang::SourceLocation>& reported,
           unsigned accessor_depth = 0)
      // An accessor's analysis (accessor_depth > 0) only derives, it reports
      // nothing: no ParentMap (whose recursion is as deep as the body).
      : fn_(fn), ctx_(ctx), reported_(reported), parents_(accessor_depth == 0 ? fn.getBody() : nullptr),
        accessor_depth_(accessor_depth) {}

  // IteratorInvalidation.cpp
  void run();

 private:
  /// Visits `root` and below; `visit` returns true to skip a statement's
  /// children.
  template <class Visit>
  static void walk(const clang::Stmt* root, Visit&& visit) {
    llvm::SmallVector<const clang::Stmt*, 64> stack{root};
    while (!stack.empty()) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr || visit(*s)) continue;
      for (const clang::Stmt* child : s->children()) stack.push_back(child);
    }
  }

  /// `auto& ea = adj_[a];` / `= adj_.at(a)`: a reference to an element that is
  /// itself a container, looked up by a key. Two of them into the same
  /// container are the same element when the keys are equal.
  struct ElementReference {
    Path container;
    const clang::Expr* key;
    const clang::Expr* init;
  };

  /// A change that calling a member function makes to a container of its
  /// object: `path` is relative to that object (items_, or cache_.entries).
  struct MemberEffect {
    Path path;
    Effect effect;
    const clang::Expr* key;        // the erased key (Effect::key), or nullptr
    const clang::Stmt* inner;      // the call in the member function's body
    std::string inner_mutator;     // its name: push_back, operator=, std::erase_if
    Path body_path = {};           // the container as that body names it, when `path` is the caller's name
    // Made only on paths on which the member function then throws (a
    // cleanup before `throw`): when the call returns, it did not happen.
    bool only_when_throwing = false;
  };

  /// `w = std::move(v)`, `std::vector<T> w = std::move(v);`, `q =
  /// std::move(p)` of a std::unique_ptr, `b.splice(pos, a)`, `b.merge(a)`,
  /// `m2.insert(std::move(node))`: the elements (or the pointee, or the node)
  /// of `from` stay where they are and now belong to `to`, so a handle into
  /// `from` is into `to` from here on, and what frees `to`'s elements
  /// (w.clear(), q.reset(), m2.clear()) frees them.
  struct Transfer {
    const clang::Stmt* stmt;  // the declaration, assignment or call (a CFG element)
    Path from;
    Path to;
    // Set for `b.splice(pos, a, it)`: only the element `it` names moves, so
    // only `it` and what was taken through it follow.
    const clang::VarDecl* only = nullptr;
    // `out.push_back(std::move(v))`: `from` became one element of `to` (a
    // container of containers): its elements are what that element owns,
    // so moving `to`'s elements around (growth) leaves them in place.
    bool into_element = false;
  };

  // ContainerPaths.cpp
  Kind kind_of(const clang::ValueDecl* decl) const;
  Effect effect_for(const clang::ValueDecl* decl, llvm::StringRef method, unsigned args, bool by_key) const;
  bool may_hold_last_reference(const clang::VarDecl& var) const;
  Path container_path(const clang::Expr* e, unsigned depth = 0, bool wrapped = false) const;
  void sources_of(const clang::Expr* e, std::set<Path>& out) const;
  static bool may_return_handle(const clang::LambdaExpr& lambda);
  static bool stored_wrapper(const clang::Expr* e);
  static bool unwraps_stored_wrapper(const clang::Stmt& s);
  static bool releases_ownership(const clang::Stmt& s);
  void accessor_sources(const clang::CXXMemberCallExpr& call, const Path& object, std::set<Path>& out) const;
  Path accessor_container(const clang::Expr* e) const;
  const Analysis& accessor_analysis(const clang::FunctionDecl& definition) const;
  void owned_sources(const clang::Expr* e, std::set<Path>& out) const;

  // TrackedHandles.cpp
  static Handle held_handle(clang::QualType type);
  static bool fills_holder(const clang::CXXMethodDecl& method);
  void note_holder_fill(const clang::CXXMemberCallExpr& call);
  static bool copies_held_view(const clang::Expr* arg);
  bool holder_use_reads_no_element(const clang::DeclRefExpr& ref) const;
  void derive(const clang::VarDecl* var, const clang::Expr* init, const clang::CXXForRangeStmt* range_for,
              const void* site);
  bool copies_stored_handle(const clang::Expr* init, clang::QualType type) const;
  bool through_owning_pointer(const clang::Expr* init) const;
  static const clang::Expr* ref_argument(const clang::Expr* e);
  bool accessor_returns_pointee(const clang::CXXMethodDecl* method) const;
  static std::optional<IteratorName> dereferenced_iterator(const clang::Expr* init);
  static std::optional<IteratorName> iterator_name(const clang::Expr* e);
  void note_lookup_key(const clang::VarDecl* var, const clang::Expr* init);
  std::optional<std::string> lookup_key(const clang::Expr* e) const;
  bool read_only_variable(const clang::VarDecl* var) const;
  static bool bound_to_const_reference(const clang::Stmt* call, const clang::Stmt* arg);
  static bool obviously_different(const std::string& a, const std::string& b);
  void note_element_reference(const clang::VarDecl* var, const clang::Expr* init);
  static const clang::VarDecl* key_variable(const clang::Expr* e);
  bool compares(const clang::VarDecl* a, const clang::VarDecl* b) const;
  bool may_alias(const ElementReference& x, const ElementReference& y) const;
  void invalidate_aliases(const clang::Stmt& call, const Path& container, Effect effect, flow::State& state,
                          std::vector<unsigned>& hits);
  void collect(const clang::Stmt* body);

  // CalledFunctions.cpp
  static Path this_relative_path(const clang::Expr* e);
  static const clang::FunctionDecl* followed_body(const clang::CXXMethodDecl* method);
  template <class PathOf, class AddNested>
  void walk_effects(const clang::Stmt* body, PathOf path_of, bool follow_this, AddNested add_nested,
                    std::vector<MemberEffect>& out);
  const std::vector<MemberEffect>& member_effects(const clang::CXXMethodDecl* method, unsigned depth = 0);
  bool apply_member_call(const clang::CXXMemberCallExpr& call, flow::State& state);
  bool apply_assignment(const clang::CXXOperatorCallExpr& op, flow::State& state);
  bool inside_try(const clang::Stmt& call) const;
  bool apply_member_effects(const clang::Stmt& call, const clang::CXXMethodDecl* method, const clang::Expr* object,
                            flow::State& state);
  static const clang::LambdaExpr* called_lambda(const clang::CXXOperatorCallExpr& call);
  const std::vector<MemberEffect>& lambda_effects(const clang::LambdaExpr& lambda);
  void use_captured_handles(const clang::CXXOperatorCallExpr& call, const flow::State& state);
  bool apply_lambda_call(const clang::CXXOperatorCallExpr& call, flow::State& state);
  static const clang::FunctionDecl* followed_free_function(const clang::CallExpr& call);
  static bool changes_through(const clang::ParmVarDecl& param);
  const std::vector<MemberEffect>& parameter_effects(const clang::FunctionDecl& definition,
                                                     const clang::ParmVarDecl* param);
  bool apply_free_call(const clang::CallExpr& call, flow::State& state);

  // MovedElements.cpp
  Path moved_path(const clang::Expr* e) const;
  bool carries(const Path& from, const Path& to) const;
  void collect_transfers(const clang::Stmt* body);
  void note_swap_sides(const clang::Stmt& s, const std::vector<unsigned>& first, const std::vector<unsigned>& second,
                       const Path& other);
  static bool is_std_swap(const clang::CallExpr& call);
  Effect swap_effect_on(const Path& a, const Path& b, const clang::Stmt& s) const;
  void number_carried();
  bool moves_with(const clang::VarDecl* var, const Transfer& transfer) const;
  void carry(const clang::Stmt& s, flow::State& state) const;
  const clang::Stmt* carried_into(unsigned i, const Path& container, const flow::State& state) const;
  bool carried_into_element(unsigned i, const Path& container, const flow::State& state) const;
  bool moves_into_element(const clang::Expr* moved, const Path& to) const;
  bool left(unsigned i, const Path& container, const flow::State& state) const;

  // FlowTransfer.cpp
  static bool rebindable(const clang::ValueDecl* d);
  void note_site(const clang::VarDecl* var, const clang::Expr* init, const void* site);
  void number_bindings();
  void number_assigned();
  void rebind(const clang::ValueDecl* name, flow::State& state) const;
  void destroyed(const clang::VarDecl& var, const clang::Stmt* trigger, flow::State& state);
  void forget(const clang::VarDecl& var, flow::State& state) const;
  void bind(unsigned i, const void* site, const clang::Stmt& s, flow::State& state) const;
  bool bound(unsigned i, const clang::ValueDecl* name, const flow::State& state) const;
  int slot_of(const clang::VarDecl* var) const;
  int slot_named(const clang::Expr* e) const;
  static bool assigns_held_value(const clang::CXXOperatorCallExpr& op);
  static bool refers_to_held_value(const Tracked& t, const clang::Expr* optional);
  static bool is_insert_result(clang::QualType type);
  void index_handles();
  void note_scopes();
  unsigned offset_of(clang::SourceLocation loc) const;
  bool live_at(unsigned i, unsigned call_offset) const;
  static void add_candidate(std::vector<unsigned>& list, unsigned i);
  std::vector<unsigned> candidates(const Path& container, Effect effect, int argument_slot) const;
  static const clang::Expr* string_read_into(const clang::CallExpr& call);
  void read_into(const clang::Stmt& s, const clang::Expr* target, const char* name, flow::State& state);
  static const clang::Expr* without_prefix_step(const clang::Expr* e);
  std::vector<unsigned> invalidate(const clang::Stmt& call, const Path& container, Effect effect,
                                   const clang::Expr* argument, flow::State& state);
  void transfer(const clang::Stmt& s, flow::State& state, bool report);
  void transfer_one(const clang::Stmt& s, flow::State& state, bool report);
  bool tests_presence(const clang::DeclRefExpr* ref) const;

  // Reporting.cpp
  static std::string variable_name(const clang::VarDecl* var);
  static const char* handle_word(Handle h);
  static const clang::Expr* changed_object(const clang::Stmt* call);
  Kind changed_kind(const clang::Stmt* call) const;
  bool owner_kind(const clang::Stmt* call) const;
  std::string container_name(const clang::Stmt* call) const;
  std::string container_name(const Finding& f) const;
  static std::string path_name(const Path& p);
  std::string code_name(const clang::Stmt* call) const;
  std::string remedy(const std::string& mutator, const clang::Stmt* call, bool walking, Handle handle) const;
  bool inside_loop(const clang::Stmt* s) const;
  void emit();
  std::string moved_from_name(const clang::Stmt* moved, const Path& to) const;
  void emit_destroyed_owner(const Finding& f, const Tracked& t, const clang::VarDecl& owner,
                            const clang::Stmt* moved, const std::string& from);
  void emit_carried(const Finding& f, const Tracked& t, const std::string& mutator, const std::string& container,
                    const clang::Stmt* moved, const std::string& from);
  void emit_alias(const Finding& f, const Tracked& t, const std::string& mutator, const clang::VarDecl* changed,
                  const clang::VarDecl* walked);
  void emit_holder(const Finding& f, const Tracked& t, const std::string& mutator, const std::string& container);
  void emit_member_call(const Finding& f, const Tracked& t, const std::string& callee, const MemberEffect& effect);

  const clang::FunctionDecl& fn_;
  RuleContext& ctx_;
  std::set<clang::SourceLocation>& reported_;
  clang::ParentMap parents_;
  std::map<const clang::VarDecl*, Path> aliases_;
  std::vector<Transfer> transfers_;
  std::map<std::pair<unsigned, size_t>, unsigned> carried_;  // (handle, transfer): flow slot
  // Indices over the above, built once by index_handles().
  struct Carried {
    size_t transfer;
    unsigned slot;
  };
  std::map<const clang::VarDecl*, unsigned> slot_index_;                          // handle variable: its slot
  std::vector<std::vector<std::pair<const clang::ValueDecl*, unsigned>>> bindings_of_;  // by handle
  std::vector<std::vector<Carried>> carried_of_;                                   // by handle
  std::vector<std::vector<std::pair<unsigned, unsigned>>> carried_by_;             // by transfer: (handle, slot)
  std::map<const clang::Stmt*, std::vector<size_t>> transfers_at_;
  std::map<Path, std::vector<unsigned>> derived_from_;  // container: handles derived from it
  std::map<Path, std::vector<unsigned>> carried_to_;    // container: handles a transfer may carry into it
  std::vector<unsigned> through_handles_;               // handles taken through an iterator
  clang::FileID body_file_;
  std::vector<std::pair<unsigned, unsigned>> scopes_;  // by handle: where it lives (note_scopes)
  // (change, handle): the transfer that carried the handle, and where to.
  std::map<std::pair<const clang::Stmt*, unsigned>, std::pair<const clang::Stmt*, Path>> carried_via_;
  std::map<const clang::Stmt*, const clang::VarDecl*> destroyed_;
  // (swap, handle): the swapped container the handle was into, when it is
  // not the one the call names first (`b` of `a.swap(b)`).
  std::map<std::pair<const clang::Stmt*, unsigned>, Path> other_side_;
  std::set<std::pair<const clang::Stmt*, unsigned>> first_side_;  // scope end: the new owner it destroys
  std::map<const clang::VarDecl*, std::set<Path>> derived_;
  std::vector<Tracked> tracked_;
  std::set<const clang::Stmt*> within_capacity_;  // growth calls that cannot reallocate (growth_within_capacity)
  std::map<const clang::Stmt*, std::string> mutators_;
  std::set<const clang::Stmt*> by_key_;                                 // erase(key) / extract(key) calls
  std::map<const clang::VarDecl*, clang::SourceLocation> origins_;      // where a handle was first taken
  // The key it was looked up with, when it is obviously told apart from
  // others (lookup_key).
  std::map<const clang::VarDecl*, std::optional<std::string>> keys_;
  mutable std::map<const clang::VarDecl*, bool> read_only_;  // see read_only_variable
  std::map<const clang::VarDecl*, IteratorName> through_;               // the iterator a reference was taken through
  std::set<const clang::VarDecl*> pointees_;  // handles into what an element owns (*v.front() of unique_ptrs)
  /// What a handle's init named at one place it is made (see note_site).
  struct Site {
    std::set<const clang::ValueDecl*> direct;  // rebindable names, directly
    std::set<const clang::VarDecl*> copied;    // variables it may copy handles from
  };
  std::map<std::pair<const clang::VarDecl*, const void*>, Site> sites_;
  std::map<std::pair<unsigned, const clang::ValueDecl*>, unsigned> bindings_;  // (handle, name): flow slot
  std::set<std::pair<const clang::VarDecl*, const void*>> deriving_sites_;  // (handle, site) whose init derives it
  std::set<const clang::Stmt*> assignments_outside_lambdas_;                // see number_assigned
  // By handle: the flow slot set while a handle that only assignments
  // derive holds a value they derived, or -1 (see number_assigned).
  std::vector<int> assigned_slot_;
  unsigned assigned_slots_ = 0;
  std::map<const clang::ValueDecl*, std::vector<unsigned>> rebound_by_;        // name: its binding slots
  mutable bool follow_derived_ = true;  // sources_of: through variables already derived
  mutable unsigned accessor_depth_ = 0;  // accessors followed through accessors
  mutable std::map<const clang::FunctionDecl*, std::unique_ptr<Analysis>> nested_;  // see accessor_analysis
  mutable std::map<const clang::VarDecl*, bool> sole_owners_;  // see kind_of
  std::vector<Finding> findings_;
  static constexpr unsigned kMaxCallDepth = 4;  // member functions followed through member functions
  std::map<const clang::FunctionDecl*, std::vector<MemberEffect>> effects_;
  std::map<const clang::LambdaExpr*, std::vector<MemberEffect>> lambda_effects_;  // see lambda_effects
  std::map<const clang::ParmVarDecl*, std::vector<MemberEffect>> parameter_effects_;  // see parameter_effects
  std::set<const clang::VarDecl*> holders_;  // local containers of views filled from other containers
  std::deque<MemberEffect> rebased_effects_;  // apply_free_call's, as the caller names them (via_ points here)
  // (member function call, slot): the change in its body that spoiled the slot.
  std::map<std::pair<const clang::Stmt*, unsigned>, const MemberEffect*> via_;
  std::map<const clang::VarDecl*, ElementReference> element_references_;
  /// (call, slot) hit through a possibly aliased element reference: (the
  /// changed reference, the walked one).
  std::map<std::pair<const clang::Stmt*, unsigned>, std::pair<const clang::VarDecl*, const clang::VarDecl*>> aliased_;
};

}  // namespace meshwa::rules::iterator_invalidation
