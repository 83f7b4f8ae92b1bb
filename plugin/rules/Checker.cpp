// The single AST walk behind all rules. It decides what the rules see:
// service code only (Annotations.h ServiceCode), nothing inside a
// MESHWA_UNSAFE declaration, template patterns rather than instantiations,
// no compiler-generated implicit code.
#include "Checker.h"

#include <algorithm>
#include <ctime>
#include <utility>

#include "Annotations.h"
#include "Flow.h"
#include "Instantiations.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/Stack.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kUnsafeReasonRule = "unsafe-reason";

/// CPU seconds this thread has used: the compiler's own time, not the
/// neighbours' on a shared machine (wall time would count those).
double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

/// Seconds on the monotonic clock, which the C library reads without a
/// system call: cheap enough to read around every hook (the thread's CPU
/// clock costs a system call, more than many hooks themselves).
double monotonic_seconds() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

/// Per-rule time for -fplugin-arg-meshwa-time-rules: one slot per rule,
/// null when off (then a hook costs one test more). Measured on the
/// monotonic clock; print_rule_times turns it into CPU time.
class RuleTimes {
 public:
  explicit RuleTimes(std::vector<double>* seconds) : seconds_(seconds) {}
  template <class F>
  void run(std::size_t rule, F hook) {
    if (seconds_ == nullptr) {
      hook();
      return;
    }
    const double start = monotonic_seconds();
    hook();
    (*seconds_)[rule] += monotonic_seconds() - start;
  }
  /// `hook(rule)` for every rule, each timed as its own.
  template <class F>
  void each(const std::vector<std::unique_ptr<Rule>>& rules, F hook) {
    for (std::size_t i = 0; i < rules.size(); ++i) run(i, [&] { hook(*rules[i]); });
  }

 private:
  std::vector<double>* seconds_;
};

class Walk : public clang::RecursiveASTVisitor<Walk> {
  using Base = clang::RecursiveASTVisitor<Walk>;

 public:
  Walk(const std::vector<std::unique_ptr<Rule>>& rules, RuleContext& ctx, RuleContext::Stacks& stacks,
       RuleTimes times)
      : rules_(rules), ctx_(ctx), stacks_(stacks), times_(times) {}

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }

  // The walk recurses as deep as the code nests (a + a + ... + a is one
  // level per term, and clang accepts tens of thousands). When this thread's
  // stack runs low, go on in a fresh thread with a new stack, as clang's Sema
  // does (clang/Basic/Stack.h: CompilerInstance::ExecuteAction notes the
  // bottom of the stack, for the plugin in clang and for LibTooling programs
  // such as meshwa gen alike). No diagnostic: deep code is not a mistake.
  bool TraverseDecl(clang::Decl* decl) {
    bool result = true;
    clang::runWithSufficientStackSpace([] {}, [&] { result = traverse_decl(decl); });
    return result;
  }

  bool TraverseStmt(clang::Stmt* stmt, DataRecursionQueue* /*queue*/ = nullptr) {
    bool result = true;
    clang::runWithSufficientStackSpace([] {}, [&] { result = traverse_stmt(stmt); });
    return result;
  }

  // Unevaluated operands never run: `decltype(&T::run)`, `__typeof(q[5])`, `sizeof(&x)`,
  // `noexcept(f(p))`, a requires-expression, a concept's constraint, a
  // static_assert's (constant-evaluated, where undefined behaviour is a
  // compile error) are not shown to the rules. What does run stays in:
  // sizeof of a variable-length array, typeid of a polymorphic glvalue, and
  // the body of a lambda written in an unevaluated operand: its closure type
  // is a real class (`using Closer = decltype([](std::FILE* f) {...});`, a
  // stateless closure is default-constructible since C++20, so `Closer{}(f)`
  // runs that body). The operand is walked (the stacks stay exact) with the
  // rules' hooks off until a lambda turns them back on (TraverseLambdaExpr).
  bool TraverseUnaryExprOrTypeTraitExpr(clang::UnaryExprOrTypeTraitExpr* e, DataRecursionQueue* queue = nullptr) {
    const clang::QualType operand = e->getTypeOfArgument();
    if (!operand.isNull() && operand->isVariablyModifiedType()) return Base::TraverseUnaryExprOrTypeTraitExpr(e, queue);
    return unevaluated([&] { return Base::TraverseUnaryExprOrTypeTraitExpr(e, queue); });
  }
  bool TraverseCXXTypeidExpr(clang::CXXTypeidExpr* e, DataRecursionQueue* queue = nullptr) {
    if (e->isPotentiallyEvaluated()) return Base::TraverseCXXTypeidExpr(e, queue);
    return unevaluated([&] { return Base::TraverseCXXTypeidExpr(e, queue); });
  }
  bool TraverseCXXNoexceptExpr(clang::CXXNoexceptExpr* e, DataRecursionQueue* queue = nullptr) {
    return unevaluated([&] { return Base::TraverseCXXNoexceptExpr(e, queue); });
  }
  bool TraverseRequiresExpr(clang::RequiresExpr* e, DataRecursionQueue* queue = nullptr) {
    return unevaluated([&] { return Base::TraverseRequiresExpr(e, queue); });
  }
  bool TraverseDecltypeTypeLoc(clang::DecltypeTypeLoc loc) {
    return unevaluated([&] { return Base::TraverseDecltypeTypeLoc(loc); });
  }
  // GNU `__typeof(q[5])` / `__typeof__(e)`: decltype's older spelling.
  bool TraverseTypeOfExprTypeLoc(clang::TypeOfExprTypeLoc loc) {
    return unevaluated([&] { return Base::TraverseTypeOfExprTypeLoc(loc); });
  }
  bool TraverseConceptDecl(clang::ConceptDecl*) { return true; }

  // A template argument is a constant fixed at compile time
  // (`boost::multi_index::member<E, int, &E::id>`): rules may judge it
  // differently from the same expression at run time
  // (RuleContext::in_template_argument).
  bool TraverseTemplateArgumentLoc(const clang::TemplateArgumentLoc& arg) {
    ++stacks_.template_arguments;
    const bool result = Base::TraverseTemplateArgumentLoc(arg);
    --stacks_.template_arguments;
    return result;
  }
  bool TraverseStaticAssertDecl(clang::StaticAssertDecl*) { return true; }

  // A lambda's body belongs to its call operator: make that visible in the
  // decl stack (enclosing_function()).
  // Its parameters and body are checked wherever the lambda is written
  // (also in an unevaluated operand).
  bool TraverseLambdaExpr(clang::LambdaExpr* lambda) {
    stacks_.decls.push_back(lambda->getCallOperator());
    const unsigned outer = std::exchange(unevaluated_, 0);
    const unsigned outer_arguments = std::exchange(stacks_.template_arguments, 0);
    const bool result = Base::TraverseLambdaExpr(lambda);
    stacks_.template_arguments = outer_arguments;
    unevaluated_ = outer;
    stacks_.decls.pop_back();
    return result;
  }

 private:
  template <class F>
  bool unevaluated(F traverse) {
    ++unevaluated_;
    const bool result = traverse();
    --unevaluated_;
    return result;
  }

  bool traverse_decl(clang::Decl* decl) {
    if (decl == nullptr) return true;
    bool opens_region = false;
    if (!llvm::isa<clang::TranslationUnitDecl>(decl)) {
      if (decl->isInvalidDecl()) return true;
      // Skip whole subtrees outside service code: the standard library is
      // most of a translation unit, never looked at. The body of an OpenMP
      // region (`#pragma omp parallel { ... }`) is an implicit CapturedDecl
      // without a location of its own: it is code of the function it is
      // written in, which was let in already.
      if (llvm::isa<clang::CapturedDecl>(decl)) return Base::TraverseDecl(decl);
      if (!ctx_.service_code.contains(decl->getLocation())) return true;
      // A marker on the wrong kind of declaration ([meshwa-marker]): the
      // rules skip MESHWA_UNSAFE code, this check does not.
      if (is_suppressed(decl)) {
        for (const MisplacedMarker& marker : misplaced_markers_within(*decl, ctx_.service_code)) {
          ctx_.report.error(marker.loc, kMarkerRule, marker.message);
        }
        return true;
      }
      for (const MisplacedMarker& marker : misplaced_markers(*decl)) {
        ctx_.report.error(marker.loc, kMarkerRule, marker.message);
      }
      // A declaration all in one service file: its statements are service
      // code without asking each of them (is_service_region).
      if (!in_service_region_ && is_service_region(decl->getSourceRange())) in_service_region_ = opens_region = true;
      // A declaration a library's macro makes (gtest's TEST registration,
      // MOCK_METHOD's and MATCHER's parameters, BENCHMARK's globals,
      // BOOST_HANA_DEFINE_STRUCT's accessors) is the library's code: its
      // type and storage are not the user's to change. The code the user
      // writes into it (a TEST's body) is walked and checked as usual.
      if (unevaluated_ == 0 && !ctx_.service_code.in_foreign_macro(decl->getLocation())) {
        times_.each(rules_, [&](Rule& rule) { rule.check_decl(*decl, ctx_); });
      }
      if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(decl); fn != nullptr && unevaluated_ == 0) {
        if (fn->doesThisDeclarationHaveABody()) {
          times_.each(rules_, [&](Rule& rule) { rule.check_function(*fn, ctx_); });
        }
      }
    }
    stacks_.decls.push_back(decl);
    const bool result = Base::TraverseDecl(decl);
    stacks_.decls.pop_back();
    if (opens_region) in_service_region_ = false;
    return result;
  }

  // Plain recursion instead of RecursiveASTVisitor's data-recursion queue, so
  // the parent stack is exact (and the hooks run in source order).
  bool traverse_stmt(clang::Stmt* stmt) {
    if (stmt == nullptr) return true;
    bool opens_region = false;
    bool service = in_service_region_;
    if (!service) {
      // Outside a region (a declaration with an #include inside): the
      // statement is service code where its first token is, or when it has
      // no location (implicit nodes inside checked code).
      const clang::SourceLocation begin = stmt->getBeginLoc();
      service = begin.isInvalid() || ctx_.service_code.contains(begin);
      if (is_service_region({begin, stmt->getEndLoc()})) in_service_region_ = opens_region = true;
    }
    if (service) {
      // In an unevaluated operand only a lambda's own code is checked: the
      // closure object is never made there, its call operator's body runs.
      if (unevaluated_ == 0) {
        times_.each(rules_, [&](Rule& rule) { rule.check_stmt(*stmt, ctx_); });
      }
      if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(stmt)) {
        const clang::CXXMethodDecl* call = lambda->getCallOperator();
        // [] MESHWA_UNSAFE("why") () {...}: not walked as a declaration.
        for (const MisplacedMarker& marker : misplaced_markers(*call)) {
          ctx_.report.error(marker.loc, kMarkerRule, marker.message);
        }
        if (call != nullptr && call->doesThisDeclarationHaveABody()) {
          times_.each(rules_, [&](Rule& rule) { rule.check_function(*call, ctx_); });
        }
      }
    }
    stacks_.push_stmt(stmt);
    const bool result = Base::TraverseStmt(stmt, nullptr);
    stacks_.pop_stmt();
    if (opens_region) in_service_region_ = false;
    return result;
  }

  /// Does all of `range` (a declaration's or a statement's) lie in one
  /// service file, no other file #included between its ends? Then every
  /// statement inside it is service code, and the walk does not ask each one
  /// where it begins: getBeginLoc() of `a + b + ... + z` descends through
  /// every left operand, so asking every node would make the walk quadratic.
  bool is_service_region(clang::SourceRange range) const {
    const clang::FileID file = ctx_.service_code.single_file(range);
    return file.isValid() && ctx_.service_code.contains_file(file);
  }

  /// MESHWA_UNSAFE on the declaration or a semantic parent (out-of-line
  /// members of an unsafe class). Reports an empty reason once, where it is
  /// written.
  bool is_suppressed(const clang::Decl* decl) {
    if (auto reason = unsafe_reason(decl)) {
      // No reason, a blank one, or one that is not a string literal.
      if (auto error = unsafe_reason_error(decl); error && reported_.insert(decl->getCanonicalDecl()).second) {
        ctx_.report.error(decl->getLocation(), kUnsafeReasonRule, *error);
      }
      check_declared_unsafe(decl);
      return true;
    }
    // Semantic parents differ from the lexical ones only for out-of-line
    // definitions; lexical parents were checked on the way down.
    if (decl->getDeclContext() != decl->getLexicalDeclContext()) return unsafe_cover(decl) != nullptr;
    return false;
  }

  /// An unsafe function defined here must be marked where other files see
  /// it too: a service in another file that calls it knows it only by the
  /// header's declaration, and would be classified safe (no MPK domain) while
  /// running this code.
  void check_declared_unsafe(const clang::Decl* decl) {
    const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(decl);
    if (fn == nullptr || !fn->doesThisDeclarationHaveABody() || !own_unsafe(fn)) return;
    const clang::SourceManager& sources = ctx_.ast.getSourceManager();
    const clang::FileID here = sources.getFileID(sources.getExpansionLoc(fn->getLocation()));
    for (const clang::FunctionDecl* prev = fn->getPreviousDecl(); prev != nullptr; prev = prev->getPreviousDecl()) {
      if (own_unsafe(prev) || sources.getFileID(sources.getExpansionLoc(prev->getLocation())) == here) continue;
      if (!reported_.insert(prev).second) return;
      ctx_.report.error(fn->getLocation(), kUnsafeReasonRule,
                        "'" + fn->getQualifiedNameAsString() +
                            "' is MESHWA_UNSAFE here but not where it is declared for other files: a service that "
                            "calls it from another file would be classified safe and run this code outside an MPK "
                            "domain; put MESHWA_UNSAFE(\"...\") on that declaration too");
      ctx_.report.note(prev->getLocation(), "declared here without MESHWA_UNSAFE");
      return;
    }
  }

  static bool own_unsafe(const clang::Decl* d) {
    for (const auto* attr : d->specific_attrs<clang::AnnotateAttr>()) {
      if (attr->getAnnotation() == kUnsafeAnnotation) return true;
    }
    return false;
  }

  const std::vector<std::unique_ptr<Rule>>& rules_;
  RuleContext& ctx_;
  RuleContext::Stacks& stacks_;
  RuleTimes times_;
  llvm::SmallPtrSet<const clang::Decl*, 4> reported_;
  /// Inside a declaration or statement whose range is_service_region().
  bool in_service_region_ = false;
  /// Unevaluated operands around the node being walked, counted from the
  /// innermost lambda (whose body runs) outward.
  unsigned unevaluated_ = 0;
};

}  // namespace

Reporter::Reporter(clang::DiagnosticsEngine& diags)
    : diags_(diags),
      error_id_(diags.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0")),
      note_id_(diags.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0")),
      ignored_id_(diags.getCustomDiagID(clang::DiagnosticsEngine::Ignored, "%0")) {}

clang::DiagnosticBuilder Reporter::error(clang::SourceLocation loc, llvm::StringRef rule, llvm::StringRef message) {
  std::string text = message.str();
  text += " [meshwa-";
  text += rule.str();
  text += "]";
  // The same error at the same place once: a repeat is reported as ignored,
  // and clang drops the notes that follow an ignored diagnostic with it.
  // "The same place" is what the user sees: a macro that stamps out many
  // declarations from one invocation (Boost's BOOST_MOVE_ITER2D_0TOMAX makes
  // 100 functions at one line) gives each expansion its own location, but
  // they all print as the same line and the same spot in the macro.
  flush();
  // The key is the expansion location, and the spelling location in front
  // of the text (a macro's body token: the same for every expansion).
  const clang::SourceManager& sm = diags_.getSourceManager();
  const auto key = loc.isMacroID() ? std::make_pair(sm.getExpansionLoc(loc).getRawEncoding(),
                                                    std::to_string(sm.getSpellingLoc(loc).getRawEncoding()) + " " + text)
                                   : std::make_pair(loc.getRawEncoding(), text);
  if (!given_.insert(key).second) return diags_.Report(loc, ignored_id_) << text;
  ++errors_;
  // Not for errors about a mark itself ([meshwa-unsafe-reason], [meshwa-marker]).
  if (loc.isValid() && rule != kUnsafeReasonRule && rule != kMarkerRule) {
    const clang::SourceManager& sources = diags_.getSourceManager();
    const clang::FileID file = sources.getFileID(sources.getExpansionLoc(loc));
    auto it = unsafe_files_.find(file);
    if (it != unsafe_files_.end() && hinted_.insert(file).second) pending_unsafe_note_ = it->second;
    if (c_language_ && c_hinted_.insert(file).second) pending_c_note_ = loc;
  }
  return diags_.Report(loc, error_id_) << text;
}

void Reporter::flush() {
  // C has no references, containers or smart pointers: the one remedy it has
  // is the mark (or moving the code to C++). The first error of a file may be
  // a struct's member or a global, not code of a function (probe api13: a
  // memcached slab's `char* value;` was told to "mark the function").
  if (const clang::SourceLocation c_error = std::exchange(pending_c_note_, {}); c_error.isValid()) {
    note(c_error,
         "this file is C, where the remedy above (written for C++) does not exist: mark the declaration the "
         "code in error belongs to (its function, or the struct, variable or prototype itself) "
         "MESHWA_UNSAFE(\"why\") so that its service runs in an MPK domain, or move the code to a C++ file");
  }
  const clang::NamedDecl* unsafe = std::exchange(pending_unsafe_note_, nullptr);
  if (unsafe == nullptr) return;
  // A user who marked a service MESHWA_UNSAFE expects its file to be exempt;
  // only the marked declaration is (docs/plugin.md).
  note(unsafe->getLocation(), "'" + unsafe->getNameAsString() +
                                  "' is MESHWA_UNSAFE, but the code in error is outside it, so the "
                                  "rules apply there: move that code into it, or mark that code's own declaration "
                                  "MESHWA_UNSAFE(\"why\") too");
}

clang::DiagnosticBuilder Reporter::note(clang::SourceLocation loc, llvm::StringRef message) {
  return diags_.Report(loc, note_id_) << message.str();
}

const clang::Stmt* RuleContext::parent_ignoring_implicit() const {
  for (auto it = stacks_.stmts.rbegin(); it != stacks_.stmts.rend(); ++it) {
    const clang::Stmt* s = *it;
    if (llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr,
                  clang::CXXBindTemporaryExpr, clang::ExprWithCleanups, clang::FullExpr>(s)) {
      continue;
    }
    return s;
  }
  return nullptr;
}

const clang::FunctionDecl* RuleContext::enclosing_function() const {
  for (auto it = stacks_.decls.rbegin(); it != stacks_.decls.rend(); ++it) {
    if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(*it)) return fn;
  }
  return nullptr;
}

namespace {
bool is_consteval_if(const clang::Stmt* stmt) {
  const auto* if_stmt = llvm::dyn_cast_or_null<clang::IfStmt>(stmt);
  return if_stmt != nullptr && if_stmt->isConsteval();
}
bool is_constexpr_if(const clang::Stmt* stmt) {
  const auto* if_stmt = llvm::dyn_cast_or_null<clang::IfStmt>(stmt);
  return if_stmt != nullptr && if_stmt->isConstexpr();
}
}  // namespace

void RuleContext::Stacks::push_stmt(const clang::Stmt* stmt) {
  stmts.push_back(stmt);
  if (is_consteval_if(stmt)) ++consteval_ifs;
  if (is_constexpr_if(stmt)) ++constexpr_ifs;
}

void RuleContext::Stacks::pop_stmt() {
  if (is_consteval_if(stmts.back())) --consteval_ifs;
  if (is_constexpr_if(stmts.back())) --constexpr_ifs;
  stmts.pop_back();
}

std::vector<llvm::StringRef> always_on_rule_names() { return {kUnsafeReasonRule, kMarkerRule}; }

bool RuleContext::runs_only_at_compile_time(const clang::Stmt* node) const {
  const clang::FunctionDecl* fn = enclosing_function();
  if (fn == nullptr) return false;
  if (fn->isConsteval()) return true;
  // Asked for nearly every node: without an `if consteval` around, no walk
  // up the stack (which made a deeply nested expression quadratic).
  if (stacks_.consteval_ifs == 0 && stacks_.constexpr_ifs == 0) return false;
  const clang::Stmt* body = fn->getBody();
  const clang::Stmt* child = node;
  for (auto it = stacks_.stmts.rbegin(); it != stacks_.stmts.rend(); ++it) {
    const clang::Stmt* s = *it;
    if (s == body || llvm::isa<clang::LambdaExpr>(s)) return false;
    if (const auto* if_stmt = llvm::dyn_cast<clang::IfStmt>(s); if_stmt != nullptr && if_stmt->isConsteval()) {
      const clang::Stmt* compile_time = if_stmt->isNegatedConsteval() ? if_stmt->getElse() : if_stmt->getThen();
      if (child != nullptr && child == compile_time) return true;
    } else if (if_stmt != nullptr && child != nullptr && child == flow::discarded_branch(*if_stmt, ast)) {
      return true;
    }
    child = s;
  }
  return false;
}

const llvm::DenseSet<const clang::Stmt*>& RuleContext::never_run_statements(const clang::FunctionDecl& fn) {
  auto [it, fresh] = never_run_.try_emplace(&fn);
  if (fresh) it->second = flow::never_run_statements(fn, ast);
  return it->second;
}

bool RuleContext::never_runs(const clang::Stmt& s, const clang::FunctionDecl& fn) {
  if (never_run_statements(fn).contains(&s)) return true;
  // A lambda's body, or an instantiation's statement judged with the walk's
  // stacks, in a part of a function around it that never runs.
  if (llvm::any_of(stacks_.decls, [&](const clang::Decl* d) {
        const auto* around = llvm::dyn_cast<clang::FunctionDecl>(d);
        return around != nullptr && around != &fn && never_run_statements(*around).contains(&s);
      })) {
    return true;
  }
  return made_where_never_run(fn);
}

/// Is `fn` a member of a local class or a lambda's call operator whose
/// class is made in a part of the function around it that never runs (in
/// that function's own body: an instantiation's lambda, judged alone, has
/// the instance of the template around it there, not on the walk's stacks)?
bool RuleContext::made_where_never_run(const clang::FunctionDecl& fn, unsigned depth) {
  const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(fn.getDeclContext());
  const auto* around = record != nullptr ? llvm::dyn_cast<clang::FunctionDecl>(record->getDeclContext()) : nullptr;
  if (around == nullptr || around->getBody() == nullptr || depth > 8) return false;
  if (const auto known = made_where_never_run_.find(&fn); known != made_where_never_run_.end()) return known->second;
  const llvm::DenseSet<const clang::Stmt*>& never = never_run_statements(*around);
  const bool made_there = !never.empty() && flow::contains(around->getBody(), [&](const clang::Stmt& st) {
    if (!never.contains(&st)) return false;
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&st)) return lambda->getLambdaClass() == record;
    const auto* decl = llvm::dyn_cast<clang::DeclStmt>(&st);
    return decl != nullptr && llvm::any_of(decl->decls(), [&](const clang::Decl* d) { return d == record; });
  });
  return made_where_never_run_[&fn] = made_there || made_where_never_run(*around, depth + 1);
}

bool RuleContext::in_never_run_part(const clang::Stmt* node) {
  const clang::FunctionDecl* fn = enclosing_function();
  if (fn == nullptr) return false;
  // The set holds every statement under a part that never runs, so the node
  // itself answers; its parent answers for a declaration, and for a node
  // the walk reaches that children() does not list.
  if (node != nullptr && never_runs(*node, *fn)) return true;
  return !stacks_.stmts.empty() && never_runs(*stacks_.stmts.back(), *fn);
}

Checker::Checker() : rules_(make_all_rules()) {}
Checker::Checker(std::vector<std::unique_ptr<Rule>> rules) : rules_(std::move(rules)) {}
Checker::~Checker() = default;

namespace {

/// The files of service code holding a MESHWA_UNSAFE declaration, or an
/// out-of-line definition covered by one, with the marked declaration.
/// Namespace-level declarations only: a mark inside a class covers a member,
/// and the class is found itself when it is marked.
void collect_unsafe_files(const clang::DeclContext* dc, const ServiceCode& service_code,
                          const clang::SourceManager& sources,
                          llvm::DenseMap<clang::FileID, const clang::NamedDecl*>& out) {
  for (const clang::Decl* d : dc->decls()) {
    const clang::FileID file = sources.getFileID(sources.getExpansionLoc(d->getLocation()));
    if (!service_code.contains_file(file)) continue;
    if (llvm::isa<clang::NamespaceDecl, clang::LinkageSpecDecl, clang::ExportDecl>(d)) {
      collect_unsafe_files(llvm::cast<clang::DeclContext>(d), service_code, sources, out);
      continue;
    }
    if (const auto* marked = llvm::dyn_cast_or_null<clang::NamedDecl>(unsafe_cover(d))) out.try_emplace(file, marked);
  }
}

}  // namespace

void Checker::check(clang::ASTContext& ast, Reporter& report) {
  ServiceCode service_code(ast.getSourceManager());
  llvm::DenseMap<clang::FileID, const clang::NamedDecl*> unsafe_files;
  collect_unsafe_files(ast.getTranslationUnitDecl(), service_code, ast.getSourceManager(), unsafe_files);
  report.set_unsafe_files(std::move(unsafe_files));
  report.set_c_language(!ast.getLangOpts().CPlusPlus);
  RuleContext ctx(ast, report, service_code);
  // The AST stays as it is until the rules are done: what instances_of finds
  // is remembered for the whole walk (Instantiations.h).
  InstanceCache instances;
  const double start = thread_cpu_seconds();
  const double start_wall = monotonic_seconds();
  std::vector<double> seconds(rules_.size(), 0.0);
  RuleTimes times(time_rules_ ? &seconds : nullptr);
  Walk walk(rules_, ctx, ctx.stacks(), times);
  walk.TraverseDecl(ast.getTranslationUnitDecl());
  times.each(rules_, [&](Rule& rule) { rule.check_end_of_translation_unit(ctx); });
  report.flush();
  if (time_rules_) {
    // The hooks' wall time, scaled by the CPU time of the whole check over
    // its wall time: time the thread spent waiting for a core (a busy
    // machine) falls on every rule alike, so each keeps its share.
    const double wall = monotonic_seconds() - start_wall;
    const double cpu = thread_cpu_seconds() - start;
    if (wall > 0) {
      for (double& s : seconds) s *= cpu / wall;
    }
    print_rule_times(seconds, cpu);
  }
}

/// The table -fplugin-arg-meshwa-time-rules prints: each rule's CPU time,
/// slowest first, then the walk itself (the rest of check()). A cache two
/// rules share (RuleContext's never-run statements, flow::bodies_to_analyse)
/// is charged to the rule that fills it first.
void Checker::print_rule_times(const std::vector<double>& seconds, double total) const {
  std::vector<std::size_t> order(rules_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return seconds[a] != seconds[b] ? seconds[a] > seconds[b] : a < b;
  });
  double rules_total = 0;
  for (const double s : seconds) rules_total += s;
  llvm::errs() << llvm::format("meshwa rule times (CPU seconds): all rules %.3f of %.3f in the plugin\n", rules_total,
                               total);
  for (const std::size_t i : order) {
    llvm::errs() << llvm::format("  %8.3f  meshwa-", seconds[i]) << rules_[i]->name() << "\n";
  }
  llvm::errs() << llvm::format("  %8.3f  (the walk, outside the rules)\n", std::max(0.0, total - rules_total));
}

unsigned check_translation_unit(clang::ASTContext& ast) {
  Reporter report(ast.getDiagnostics());
  Checker checker;
  checker.check(ast, report);
  return report.error_count();
}

}  // namespace meshwa::rules
