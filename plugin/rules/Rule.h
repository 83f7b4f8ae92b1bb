// The interface every safe-subset rule implements, and what a rule gets to
// see while it runs. One rule = one .cpp file in this directory defining
// `std::unique_ptr<Rule> make_<Class>()` + one line in RuleList.def + one test
// tests/plugin/<name>.cpp + one page docs/rules/<name>.md.
//
// The Checker (Checker.h) walks the translation unit ONCE and calls every
// rule's hooks on every node of service code. Nodes outside service code
// (system headers, include/meshwa, generated files) and nodes inside a
// MESHWA_UNSAFE declaration are never shown to a rule, so rules do not filter
// for that themselves.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringRef.h"

namespace meshwa::rules {

class ServiceCode;

/// Turns rule findings into clang diagnostics with custom IDs.
/// Message style: lower case, the problem then the remedy; error() appends
/// ` [meshwa-<rule>]` itself. Stream a clang::FixItHint or SourceRange into
/// the returned builder to attach a fix-it or a highlighted range.
class Reporter {
 public:
  explicit Reporter(clang::DiagnosticsEngine& diags);

  clang::DiagnosticBuilder error(clang::SourceLocation loc, llvm::StringRef rule, llvm::StringRef message);
  clang::DiagnosticBuilder note(clang::SourceLocation loc, llvm::StringRef message);

  /// Errors reported through this reporter so far.
  [[nodiscard]] unsigned error_count() const { return errors_; }

  /// Files holding a MESHWA_UNSAFE declaration (or an out-of-line member of
  /// one), each with that declaration. The first error in such a file gets a
  /// note at the declaration: its mark does not cover the code in error.
  void set_unsafe_files(llvm::DenseMap<clang::FileID, const clang::NamedDecl*> files) {
    unsafe_files_ = std::move(files);
  }
  /// The translation unit is C: the rules' remedies are written for C++, so
  /// the first error in each file gets a note with the remedy C has.
  void set_c_language(bool is_c) { c_language_ = is_c; }
  /// Gives the note still waiting behind the last error (after the rule's own
  /// notes for it). error() calls it; call it once more when all is reported.
  void flush();

 private:
  clang::DiagnosticsEngine& diags_;
  unsigned error_id_;
  unsigned note_id_;
  unsigned ignored_id_;
  unsigned errors_ = 0;
  // Errors already given, by location and text: a rule that looks at each
  // instantiation of a template may meet the same written code again.
  std::set<std::pair<clang::SourceLocation::UIntTy, std::string>> given_;
  llvm::DenseMap<clang::FileID, const clang::NamedDecl*> unsafe_files_;
  llvm::DenseSet<clang::FileID> hinted_;
  const clang::NamedDecl* pending_unsafe_note_ = nullptr;
  bool c_language_ = false;
  llvm::DenseSet<clang::FileID> c_hinted_;
  clang::SourceLocation pending_c_note_;
};

/// What a rule sees while it checks a node.
class RuleContext {
 public:
  RuleContext(clang::ASTContext& ast, Reporter& report, const ServiceCode& service_code)
      : ast(ast), report(report), service_code(service_code) {}

  clang::ASTContext& ast;
  Reporter& report;
  const ServiceCode& service_code;

  [[nodiscard]] const clang::SourceManager& sources() const { return ast.getSourceManager(); }
  [[nodiscard]] const clang::LangOptions& lang() const { return ast.getLangOpts(); }

  /// The statements enclosing the node being checked, innermost LAST (the
  /// node itself is not included). Empty outside function bodies and
  /// initialisers. Cheaper than ASTContext::getParents, which would build a
  /// parent map of the whole translation unit, headers included.
  [[nodiscard]] llvm::ArrayRef<const clang::Stmt*> stmt_parents() const { return stacks_.stmts; }
  /// The innermost enclosing statement skipping parentheses and implicit
  /// casts, or nullptr.
  [[nodiscard]] const clang::Stmt* parent_ignoring_implicit() const;

  /// The declarations enclosing the node being checked, innermost LAST (the
  /// node itself excluded when it is a declaration).
  [[nodiscard]] llvm::ArrayRef<const clang::Decl*> decl_parents() const { return stacks_.decls; }
  /// The innermost enclosing function (or lambda call operator), or nullptr.
  [[nodiscard]] const clang::FunctionDecl* enclosing_function() const;
  /// Does `node` (the statement being checked, or nullptr for a
  /// declaration) run only in the constant evaluator, where out-of-bounds
  /// access and other UB are compile errors: the body of a consteval
  /// function, or the compile-time branch of `if consteval`? A lambda inside
  /// such code is a function of its own that may run at run time. Also true
  /// for code that never runs at all: the discarded branch of an `if
  /// constexpr` whose condition is known (`if constexpr (kWide) r[4]` with
  /// `kWide` false, in a function that is no template), which is checked
  /// but never compiled into the program.
  [[nodiscard]] bool runs_only_at_compile_time(const clang::Stmt* node) const;

  /// Does `node` (the statement being checked; nullptr for a declaration:
  /// then the statement around it) sit in a part of its function that can
  /// never run, a flow::never_run_part (`if (kDebug) { ... }` with `constexpr
  /// bool kDebug = false;`), of the function being walked or of one around
  /// it (a lambda's body in such a part of its enclosing function)? A
  /// rule that reports a run-time event (a read, a use after a move, a
  /// reference outliving its object) has nothing to report there.
  [[nodiscard]] bool in_never_run_part(const clang::Stmt* node);
  /// The same for `s`, a statement of `fn`'s body that the walk does not
  /// show (an instantiation's, a statement a flow analysis of `fn` reaches).
  [[nodiscard]] bool never_runs(const clang::Stmt& s, const clang::FunctionDecl& fn);

  /// Is the node being checked (part of) a template argument as written,
  /// `&E::id` in `member<E, int, &E::id>`: a constant fixed at compile time?
  /// (A lambda's body inside one is not.)
  [[nodiscard]] bool in_template_argument() const { return stacks_.template_arguments != 0; }

  /// The walk's ancestor stacks; maintained by the Checker only.
  struct Stacks {
    std::vector<const clang::Stmt*> stmts;
    std::vector<const clang::Decl*> decls;
    unsigned template_arguments = 0;  // template arguments being walked
    unsigned consteval_ifs = 0;       // `if consteval` statements among `stmts`
    unsigned constexpr_ifs = 0;       // `if constexpr` statements among `stmts`
    void push_stmt(const clang::Stmt* stmt);
    void pop_stmt();
  };
  Stacks& stacks() { return stacks_; }

 private:
  /// flow::never_run_statements of `fn`, made the first time it is asked
  /// for and kept for the translation unit (its declarations key it).
  const llvm::DenseSet<const clang::Stmt*>& never_run_statements(const clang::FunctionDecl& fn);
  /// Is `fn` (a lambda's call operator, a local class's member) made in a
  /// part of the function around it that never runs? Kept per function.
  bool made_where_never_run(const clang::FunctionDecl& fn, unsigned depth = 0);

  Stacks stacks_;
  llvm::DenseMap<const clang::FunctionDecl*, llvm::DenseSet<const clang::Stmt*>> never_run_;
  llvm::DenseMap<const clang::FunctionDecl*, bool> made_where_never_run_;
};

/// A safe-subset rule. Override the hooks the rule needs; all are called in
/// service code only, outside MESHWA_UNSAFE declarations, in source order.
/// Template patterns are visited (not their instantiations): look at
/// isDependentType()/isInstantiationDependent() before deciding on dependent code.
class Rule {
 public:
  virtual ~Rule();

  /// The rule's name without the prefix: "unsafe-buffer" (shown as
  /// [meshwa-unsafe-buffer]).
  [[nodiscard]] virtual llvm::StringRef name() const = 0;

  /// Every declaration (including parameters, fields, local variables).
  virtual void check_decl(const clang::Decl& decl, RuleContext& ctx) {}
  /// Every statement and expression, implicit casts included.
  virtual void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) {}
  /// Every function definition with a body (also methods, constructors and
  /// lambda call operators), before its body is visited: the place for
  /// flow-sensitive analyses (build a clang::CFG from fn.getBody()).
  virtual void check_function(const clang::FunctionDecl& fn, RuleContext& ctx) {}
  /// Once, after the whole translation unit was walked.
  virtual void check_end_of_translation_unit(RuleContext& ctx) {}
};

/// Every rule of RuleList.def, in its order.
std::vector<std::unique_ptr<Rule>> make_all_rules();

/// The names of every rule, in RuleList.def order (for docs and --list).
std::vector<llvm::StringRef> all_rule_names();

/// The checks the Checker itself makes on every declaration, whichever rules
/// run: unsafe-reason (MESHWA_UNSAFE needs a reason) and marker (markers on
/// the right kind of declaration). They are not Rules: they decide what the
/// rules see.
std::vector<llvm::StringRef> always_on_rule_names();

}  // namespace meshwa::rules
