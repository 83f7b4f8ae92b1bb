// meshwa-uninitialized, private to this folder: the rule's class and what
// its files share. One rule, its checks and its walks by topic:
//   Uninitialized.cpp       what the rule reports and accepts; the hooks, the
//                           make_unique_for_overwrite check, locals (`int n;`)
//   InitialiserReads.cpp    initialisers reading what they initialise or what
//                           is initialised after it (`int n = n + 1;`, `S() : a(b), b(1) {}`)
//   FieldsAndBases.cpp      fields and bases a user's constructor leaves indeterminate
//   FirstUse.cpp            the walk that accepts a local given a value before any
//                           read (`int data; data = 5;`): blocks, ifs, jumps
//   SwitchesAndLoops.cpp    that walk through switches, loops and try blocks
//   Fills.cpp               writes of a whole array or struct: loops, std::fill, memset, fields
//   StreamsAndCharconv.cpp  values written when a parse succeeds: `in >> x`,
//                           std::from_chars, std::to_chars
//   CommandLineOptions.cpp  values a CLI11 parse writes: required options of a local CLI::App
//   OutParameters.cpp       functions and lambdas a local is handed to, looked into
//   FlagGuards.cpp          reads only where a flag or a fixed test says x was written
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace meshwa::rules {
class ServiceCode;
}  // namespace meshwa::rules

namespace meshwa::rules::uninitialized {

constexpr llvm::StringLiteral kName = "uninitialized";

// Uninitialized.cpp
std::optional<clang::FixItHint> brace_fix(const clang::DeclaratorDecl& decl, RuleContext& ctx);

// InitialiserReads.cpp: what an initialiser must not read, and a read of it.

/// What an initialiser must not read: the variable being initialised, or
/// the members of `record` from field index `first_field` on (those not
/// initialised yet when this initialiser runs).
struct NotYetInitialised {
  const clang::VarDecl* var = nullptr;
  const clang::RecordDecl* record = nullptr;
  unsigned first_field = 0;

  /// The variable or member `e` names, if it is one of those.
  [[nodiscard]] const clang::ValueDecl* named(const clang::Expr* e) const {
    e = e->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      return var != nullptr && ref->getDecl() == var ? var : nullptr;
    }
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
    if (member == nullptr || record == nullptr) return nullptr;
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    if (field == nullptr || field->getParent() != record || field->getFieldIndex() < first_field) return nullptr;
    return llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts()) ? field : nullptr;
  }

  /// `&x`, `&x.part`, `&this->b_.part`: names the storage, reads nothing
  /// (whether the address may be taken is meshwa-raw-pointer's business).
  [[nodiscard]] bool is_path_to(const clang::Expr* e) const {
    for (int depth = 0; e != nullptr && depth < 16; ++depth) {
      e = e->IgnoreParens();
      if (named(e) != nullptr) return true;
      const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
      if (member == nullptr || member->isArrow()) return false;
      e = member->getBase();
    }
    return false;
  }
};

/// One read of not-yet-initialised storage in an initialiser: `at` is the
/// expression of the initialiser that reads (the member itself, or the call
/// or argument through which a function reads it), `member` the member (or
/// variable) read, and for a read inside a called function, `via` that
/// function and `inner` the read in its body.
struct Read {
  const clang::Expr* at = nullptr;
  const clang::Expr* member = nullptr;
  const clang::FunctionDecl* via = nullptr;
  const clang::Expr* inner = nullptr;
  const clang::FunctionDecl* inner_fn = nullptr;  // the function `inner` is in (via, or one it calls)
};

/// How deep calls are followed when looking for what an initialiser reads
/// (a member function calling another, a constructor handing its reference
/// parameter to another constructor): InitialiserReads.cpp.
constexpr int kMaxCallDepthForInitialiserReads = 4;
/// How deep a call's body is looked into to learn what it does to an out
/// parameter (a recursive call is one deeper each time): OutParameters.cpp.
/// Deep enough for a library's layers: nlohmann's `j.get_to(p)` reaches a
/// user's `from_json(j, p)` 4 calls down, and that one's `get_to(p.x)`
/// another 4 or 5 to the write. Each (function, parameter, depth) is walked
/// once.
constexpr int kMaxCallDepthForOutParameters = 12;

// FieldsAndBases.cpp
bool is_own_type_initialiser(const clang::CXXCtorInitializer& init, const clang::CXXRecordDecl& own);

// FirstUse.cpp: the walk after `T x;`, statement by statement.

/// What a statement after `T x;` does with x, for the walk that accepts a
/// local given a value before anything reads it (`int data; data = 5;`).
enum class FirstUse {
  none,      // does not touch x: keep walking
  assigned,  // gives x a value on every path that continues
  leaves,    // leaves x's scope without touching it (return, throw, break)
  confined,  // every use of x in the function is in this statement, and each
             // comes after a write (`while (in >> x) use(x);`): nothing after it reads x
  stop,      // reads x, may read it, or jumps: report as usual
};

bool mentions(const clang::Stmt* s, const clang::VarDecl& var);

/// What a test of a condition looks through and at (holds_when).
struct ConditionTest {
  /// What each level is seen through first (parentheses, casts).
  llvm::function_ref<const clang::Expr*(const clang::Expr*)> strip;
  /// Does the stripped `e` having the value `when` say it: true or false
  /// decide, nullopt walks on through `!`, `&&`, `||`.
  llvm::function_ref<std::optional<bool>(const clang::Expr* e, bool when)> leaf;
  /// The operand of a negation other than `!` (a stream's operator!), or
  /// null; none when unset.
  llvm::function_ref<const clang::Expr*(const clang::Expr*)> other_negation = nullptr;
  /// When set, the right operand of && / || counts only where the left one
  /// does not name this variable (x is read there only after the left
  /// side's test held, and that read is not what the test says).
  const clang::VarDecl* read_after_left = nullptr;
};

/// Does `cond` having the value `when` mean what `test.leaf` says? The one
/// walk of `!`, `&&` and `||`: `!a` has the value `when` when `a` has the
/// other; `a && b` true and `a || b` false mean both operands had that
/// value, so either may say it. Sixteen levels deep at most.
bool holds_when(const clang::Expr* cond, bool when, const ConditionTest& test, int depth = 0);
unsigned uses_in(const clang::Stmt* s, const clang::VarDecl& var);

/// How many times each local is named in a function body: counted once per
/// function, so that "every use of x is in this statement" costs a walk of
/// the statement, not of the rest of the function.
using UseCounts = llvm::DenseMap<const clang::VarDecl*, unsigned>;
UseCounts count_uses(const clang::Stmt* body);

class CallLookInto;

/// What the walk after `T x;` knows of the function it is in.
struct Walk {
  clang::ASTContext& ast;
  const UseCounts& uses;
  // Looks into the functions and lambdas x is handed to (`parse(s, x)`,
  // `[&] { x = f(); }()`); null: such a call stops the walk.
  CallLookInto* calls = nullptr;
  int call_depth = 0;  // how many calls deep this walk is (0: the local's own function)

  /// Is every use of `var` in the function under `s`? Never in a callee's
  /// body: its caller may read the variable once it returns.
  [[nodiscard]] bool all_uses_in(const clang::Stmt* s, const clang::VarDecl& var) const {
    return call_depth == 0 && uses_in(s, var) == uses.lookup(&var);
  }
};

bool always_leaves(const clang::Stmt* s);
/// The value of the integer constant expression `e` (`return 0;`, `return
/// false;`, a loop's `10u`), an unsigned one read as unsigned; nullopt when
/// `e` is null, value-dependent, not constant, or does not fit an int64_t.
std::optional<int64_t> constant_value(const clang::Expr* e, clang::ASTContext& ast);
/// A `for` loop counting with a variable and testing it against a bound:
/// `for (int i = c; i < n; ...)`, or `for (h = c; n > h; ...)` of a
/// variable declared earlier. What each user asks of the parts (a constant
/// first value, a constant or unwritten bound, which comparisons) is its own.
struct CountedLoop {
  const clang::VarDecl* counter = nullptr;   // never null
  bool declared = false;                     // declared in the init (else assigned there)
  const clang::Expr* first = nullptr;        // its initialiser or the assigned value; may be null
  const clang::BinaryOperator* cond = nullptr;  // the comparison, as written
  clang::BinaryOperatorKind op{};            // cond's operator with the counter on the left
  const clang::Expr* bound = nullptr;        // the other side of cond, as written
};
/// The counted loop `loop` is, or nullopt: an init that neither declares
/// one variable nor assigns one, a condition that is no comparison naming
/// the counter on one side (parentheses and implicit casts aside).
std::optional<CountedLoop> counted_loop(const clang::ForStmt& loop);
bool has_label_reached_from_outside(const clang::Stmt* s);
bool has_goto(const clang::Stmt* s);
bool is_fallthrough_label(const clang::Stmt* s, const clang::Stmt* previous);
bool has_jump_or_label(const clang::Stmt* s);

// CommandLineOptions.cpp
/// `s` is `app.add_option("--port", x)->required();` on a local CLI::App,
/// and a statement of `after` (the rest of the block) parses `app` with
/// nothing before it naming x or jumping: the parse gives x a value (the
/// file's comment says why, and what is excluded).
bool given_by_required_option(const clang::Stmt* s, llvm::ArrayRef<const clang::Stmt*> after,
                              const clang::VarDecl& var, const Walk& walk);

bool reads_only_ready_fields(const clang::Stmt* s, const clang::VarDecl& var,
                             const llvm::SmallPtrSetImpl<const clang::FieldDecl*>& ready);
bool assigns_whole(const clang::Stmt* s, const clang::VarDecl& var);
template <class Range>
FirstUse first_use_in_sequence(const Range& stmts, const clang::VarDecl& var, const Walk& walk);
FirstUse join_branches(FirstUse a, FirstUse b);
FirstUse first_use(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk);

// Fills.cpp

/// What a fill must write whole: `var` (the array, or a range-for's
/// reference to an element), subscripted by each index in turn: `a[i][j]`.
struct FillTarget {
  const clang::VarDecl* var = nullptr;
  llvm::SmallVector<const clang::VarDecl*, 4> indices;

  /// Is `e` the target (a C array's subscript, or std::array's operator[])?
  [[nodiscard]] bool is(const clang::Expr* e) const { return names(e, indices); }

  [[nodiscard]] FillTarget element(const clang::VarDecl& index) const {
    FillTarget result = *this;
    result.indices.push_back(&index);
    return result;
  }

 private:
  [[nodiscard]] bool names(const clang::Expr* e, llvm::ArrayRef<const clang::VarDecl*> path) const {
    if (e == nullptr) return false;
    e = e->IgnoreParenImpCasts();
    if (path.empty()) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
      return ref != nullptr && ref->getDecl() == var;
    }
    // A C array's subscript, or std::array's operator[].
    const std::optional<Subscript> sub = as_subscript(e);
    if (!sub || (sub->overloaded != nullptr && !is_std_class(sub->base->getType()->getAsCXXRecordDecl(), {"array"}))) {
      return false;
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(sub->index->IgnoreParenImpCasts());
    return ref != nullptr && ref->getDecl() == path.back() && names(sub->base, path.drop_back());
  }
};

const clang::FieldDecl* assigned_field(const clang::Stmt* s, const FillTarget& target,
                                      const llvm::SmallPtrSetImpl<const clang::FieldDecl*>* ready = nullptr);
bool every_field_assigned(clang::QualType type, const llvm::SmallPtrSetImpl<const clang::FieldDecl*>& assigned,
                          clang::ASTContext& ast);
bool evaluates_to(const clang::Expr* e, uint64_t count, clang::ASTContext& ast);
bool is_call_on_target(const clang::Expr* e, const FillTarget& target, std::initializer_list<llvm::StringRef> names);
bool is_begin_of(const clang::Expr* e, const FillTarget& target);
bool is_end_of(const clang::Expr* e, const FillTarget& target, uint64_t count, clang::ASTContext& ast);
bool is_start_of(const clang::Expr* e, const FillTarget& target);
bool fills(const clang::Stmt* s, const FillTarget& target, clang::QualType type, const Walk& walk, int depth = 0);

// StreamsAndCharconv.cpp

/// A std::to_chars / std::from_chars call declared as one local, `auto
/// [p, ec] = std::<name>(...);` or `auto r = std::<name>(...);`: the call,
/// and the part of its result a check reads (the structured binding at
/// `part`, or the whole result, read as `r.ptr` / `r.ec`).
struct Charconv {
  const clang::CallExpr* call = nullptr;
  const clang::ValueDecl* binding = nullptr;  // the structured binding
  const clang::VarDecl* result = nullptr;     // or the whole result
};

std::optional<Charconv> from_chars_into(const clang::Stmt* s, const clang::VarDecl& var);
std::optional<Charconv> from_chars_tested_in(const clang::Expr* cond, const clang::VarDecl& var);
const clang::ConditionalOperator* returned_choice(const clang::Expr* value);
bool reads_only_where_parsed(const clang::ConditionalOperator& pick, const clang::Expr* value, const Charconv& parse,
                             const clang::VarDecl& var, clang::ASTContext& ast);
/// A std::to_chars call into a buffer: its end (`p`, `r.ptr`), its error
/// code (`ec`, `r.ec`), and whether it cannot fail (to_chars_into).
struct ToChars {
  Charconv end;
  Charconv status;
  bool always_fits = false;
};
std::optional<ToChars> to_chars_into(const clang::Stmt* s, const clang::VarDecl& var, clang::ASTContext& ast);
bool reads_only_written_prefix(const clang::VarDecl& var, const clang::Stmt& parse, const ToChars& written,
                               clang::ASTContext& ast, bool& each_tested);
bool parse_succeeded_when(const clang::Expr* cond, const Charconv& parse, bool when, clang::ASTContext& ast);
bool leaves_unless_parsed(const clang::Stmt* s, const Charconv& parse, const clang::VarDecl& var,
                          clang::ASTContext& ast);
std::optional<FirstUse> first_use_where_parsed(const clang::Stmt& parse_stmt, const clang::Stmt* next,
                                               const Charconv& parse, const clang::VarDecl& var, const Walk& walk);
bool extracted_when(const clang::Expr* cond, const clang::VarDecl& var, bool when, const Walk* walk = nullptr);
/// `write`: the statement right before the if that made the write it
/// tests (`bool ok = parse(s, x);`), whose uses of x read nothing.
FirstUse first_use_after_extraction(const clang::IfStmt& branch, bool written_when, const clang::VarDecl& var,
                                    const Walk& walk, const clang::Stmt* write = nullptr);
/// `if (std::from_chars(b, e, x).ec != std::errc{}) return;`: the parse in
/// `branch`'s condition writes x where its test says it succeeded (x named
/// there only as the parse's output); what the branches then do with x, or
/// nullopt when the condition is no such parse and test.
std::optional<FirstUse> first_use_after_parse_in_condition(const clang::IfStmt& branch, const clang::VarDecl& var,
                                                           const Walk& walk);

// SwitchesAndLoops.cpp

/// A loop's body and the parts of its header (init, condition, increment,
/// condition variable; a range-for's init and range), or nullopt for any
/// other statement.
struct LoopParts {
  const clang::Stmt* body = nullptr;
  llvm::SmallVector<const clang::Stmt*, 4> header;
};

FirstUse first_use_in_constant_jump(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk);
FirstUse first_use_in_loop_start(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk);
std::optional<LoopParts> loop_parts(const clang::Stmt* s);
FirstUse first_use_in_confining_loop(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk);
FirstUse first_use_in_try(const clang::CXXTryStmt& guarded, const clang::VarDecl& var, const Walk& walk);
FirstUse first_use_in_extraction_loop(const clang::WhileStmt& loop, const clang::VarDecl& var, const Walk& walk);

// OutParameters.cpp

/// What a call does with the variable it is handed, as its body shows.
struct CallEffect {
  enum class Kind {
    writes,         // gives it a value on every path that returns
    writes_unless,  // on every path but those returning one of `unwritten` (constants)
    may_read,       // may read it before giving it a value (or the walk cannot tell)
    may_skip,       // may return without giving it a value, what it returns not telling
    opaque,         // a library function whose body is not visible
    not_followed,   // holding a goto, or more than kMaxCallDepthForOutParameters calls deep
                    // (a recursive one gets there)
  };
  Kind kind = Kind::may_read;
  llvm::SmallVector<int64_t, 2> unwritten;  // writes_unless: the values returned without a write
  const clang::FunctionDecl* fn = nullptr;  // the function looked into (a lambda's call operator)
  const clang::VarDecl* as = nullptr;       // the variable in its body: the parameter, or the captured local
  clang::SourceLocation where;              // the read, or a return without a write
};

/// A call that hands `var` over to be written: `parse(s, var)`,
/// `obj.read(var)` (a non-const lvalue reference parameter of var's own
/// type; `param` its index), or a lambda capturing var by reference called
/// (`[&] { var = f(); }()`, `init(3)`). Nothing else in the call names var.
struct OutCall {
  const clang::CallExpr* call = nullptr;
  const clang::FunctionDecl* callee = nullptr;
  std::optional<unsigned> param;  // none: a lambda, writing the captured var itself
};

/// A call (or, under `var`, a local lambda) that `first_use` found did not
/// give the local a value: kept for the note at the local's error.
struct Blame {
  const clang::CallExpr* call = nullptr;
  CallEffect effect;
};

/// Looks into the functions and lambdas a local is handed to; each
/// (function, variable) once per translation unit.
class CallLookInto {
 public:
  explicit CallLookInto(const ServiceCode& code) : code_(code) {}

  /// What `call` does with `var` (the variable handed over at the call).
  CallEffect effect(const OutCall& call, const clang::VarDecl& var, const Walk& walk);

  /// The effect of `lambda`'s body on `var` (captured by
  /// reference), whenever it is called.
  CallEffect lambda_effect(const clang::LambdaExpr& lambda, const clang::VarDecl& var, const Walk& walk);

  /// Remembers why the walk of the local `var` stopped at `call` (the
  /// first such call only; none for a walk inside a callee).
  void blame(const clang::VarDecl& var, const clang::CallExpr* call, const CallEffect& effect, const Walk& walk) {
    if (walk.call_depth == 0) blames_.try_emplace(&var, Blame{call, effect});
  }
  [[nodiscard]] const Blame* blame_of(const clang::VarDecl& var) const {
    auto it = blames_.find(&var);
    return it != blames_.end() ? &it->second : nullptr;
  }

 private:
  CallEffect body_effect(const clang::FunctionDecl& def, const clang::VarDecl& as, const Walk& walk);

  const ServiceCode& code_;
  std::map<std::tuple<const clang::FunctionDecl*, const clang::VarDecl*, int>, CallEffect> effects_;
  std::map<const clang::Stmt*, UseCounts> uses_;  // of each body looked into
  std::map<const clang::VarDecl*, Blame> blames_;
};

bool call_writes_when(const clang::Expr* cond, const clang::VarDecl& var, bool when, const Walk& walk);
const clang::FieldDecl* field_given_by_call(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk);
std::optional<FirstUse> first_use_with_stored_result(const clang::Stmt* s, const clang::Stmt* next,
                                                     const clang::VarDecl& var, const Walk& walk);
std::optional<FirstUse> first_use_by_call(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk);

// FlagGuards.cpp
namespace flag_guard {

/// A bool local and the value that means "x was written".
struct Flag {
  const clang::VarDecl* var = nullptr;
  bool set = true;
  // Instead of a bool variable, a test nothing in the function can change
  // (`n > 0` of a parameter never written), compared by its structure.
  const clang::Expr* test = nullptr;
  const clang::ASTContext* ast = nullptr;
  // Or the values of a variable for which the value was given: `n` in
  // [1, max] after `for (int i = 0; i < n; ++i) last = i;`.
  const clang::ValueDecl* bound = nullptr;
  int64_t low = 0;
};

llvm::SmallVector<Flag, 4> candidates(const clang::CompoundStmt& block, clang::ASTContext& ast);
bool guarded(const clang::CompoundStmt& block, const clang::VarDecl& var, llvm::ArrayRef<Flag> flags,
             const Walk& walk);
template <class Range>
bool guarded_by_fixed_test(const clang::CompoundStmt& block, const Range& rest, const clang::VarDecl& var,
                           const clang::Stmt& body, const Walk& walk, int depth = 0);

}  // namespace flag_guard

class Uninitialized final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }
  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override;
  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override;
  void check_decl(const clang::Decl& decl, RuleContext& ctx) override;

 private:
  // Uninitialized.cpp: locals, and the walk after their declaration
  void find_assigned_before_read(const clang::FunctionDecl& fn, RuleContext& ctx);
  static bool read_by_later_declarator(const clang::VarDecl& var, clang::DeclStmt::const_decl_iterator from,
                                       clang::DeclStmt::const_decl_iterator to);
  void find_parsed_in_own_if(const clang::IfStmt& branch, const Walk& walk, RuleContext& ctx);
  void check_local(const clang::VarDecl& var, RuleContext& ctx);
  static void note_call(const clang::VarDecl& var, const Blame& blame, RuleContext& ctx);
  static void note_first_use(const clang::VarDecl& var, RuleContext& ctx);
  static std::string instantiated_type(const clang::VarDecl& var, RuleContext& ctx);
  /// A local of a template's instantiation: its declaration's block and
  /// position there (the walk's start).
  struct InstanceLocal {
    const clang::VarDecl* var = nullptr;
    const clang::CompoundStmt* block = nullptr;
    unsigned index = 0;
  };
  /// An instantiation of the template being judged, with its body's use
  /// counts and its locals by their location (found once per template).
  struct Instance {
    const clang::FunctionDecl* fn = nullptr;
    UseCounts uses;
    llvm::DenseMap<clang::SourceLocation::UIntTy, InstanceLocal> locals;
  };
  static std::vector<Instance> instances_of(const clang::FunctionDecl& pattern);
  bool assigned_in_every_instance(const clang::VarDecl& var, const std::vector<Instance>& instances,
                                  RuleContext& ctx);

  // InitialiserReads.cpp
  static void check_self_initialisation(const clang::VarDecl& var, RuleContext& ctx);
  static void note_reader(const Read& read, const std::string& name, RuleContext& ctx);
  static std::string reader_name(const clang::FunctionDecl& fn);
  static void check_default_member_initialiser(const clang::FieldDecl& field, RuleContext& ctx);
  static void check_mem_initialisers(const clang::CXXConstructorDecl& ctor, RuleContext& ctx);
  static void check_dependent_base_initialiser(const clang::CXXConstructorDecl& ctor,
                                               const clang::CXXCtorInitializer& init, const std::string& what,
                                               RuleContext& ctx);
  static void report_member_reads(const std::vector<Read>& reads, const std::string& what,
                                  const clang::FieldDecl* initialised, RuleContext& ctx, bool base = false,
                                  bool delegated = false);

  // FieldsAndBases.cpp
  void check_field(const clang::FieldDecl& field, RuleContext& ctx);
  static void note_leaving(const clang::CXXConstructorDecl& ctor, const std::string& what, RuleContext& ctx);
  static std::vector<const clang::ClassTemplateSpecializationDecl*> instantiations(
      const clang::CXXRecordDecl& pattern);
  static const clang::FieldDecl* garbage_instantiation(const clang::FieldDecl& field,
                                                       const clang::CXXRecordDecl& pattern, RuleContext& ctx,
                                                       const clang::CXXRecordDecl*& instance);
  static void note_instantiation(const clang::CXXRecordDecl& instance, RuleContext& ctx);
  void check_bases(const clang::CXXRecordDecl& record, RuleContext& ctx);

  // The rule's state, across the translation unit.
  std::set<const clang::VarDecl*> assigned_before_read_;  // locals given a value before any read
  std::optional<CallLookInto> calls_;                     // what calls do with the locals handed to them
  std::set<clang::SourceLocation> reported_;  // template locals, across instantiations
};

}  // namespace meshwa::rules::uninitialized
