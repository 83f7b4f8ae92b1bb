// The meshwa clang plugin: `clang++-19 -fplugin=libmeshwa_plugin.so ...`
// checks the translation unit against the safe subset (every rule of
// rules/RuleList.def) and reports violations as errors, before code
// generation runs, so an accepted file still compiles to an object file as
// usual and a rejected one produces none.
#include "Annotations.h"
#include "Checker.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/DiagnosticSema.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace {

constexpr llvm::StringLiteral kPluginName = "meshwa";

/// Clang's own checks that meshwa makes errors (docs/plugin.md): flowing off
/// the end of a non-void function, lambda or coroutine (-Wreturn-type: at
/// -O2 execution runs on into whatever code follows), and `return;` in a
/// non-void function (-Wreturn-mismatch, an error by default that
/// -Wno-return-type would turn off). Clang's analysis knows noreturn calls,
/// throws and endless loops; the plugin only raises the severity. These are
/// -Wreturn-type minus -Wreturn-type-c-linkage (an extern "C" function
/// returning a C++ class), which is no memory-safety matter. Warnings in
/// system headers stay suppressed: clang drops warning-class diagnostics
/// there even when they are mapped to errors. So does -w, clang's global
/// switch (kept: see docs/plugin.md).
constexpr clang::diag::kind kReturnTypeErrors[] = {
    clang::diag::warn_falloff_nonvoid_function,       clang::diag::warn_maybe_falloff_nonvoid_function,
    clang::diag::warn_falloff_nonvoid_lambda,         clang::diag::warn_maybe_falloff_nonvoid_lambda,
    clang::diag::warn_falloff_nonvoid_coroutine,      clang::diag::warn_maybe_falloff_nonvoid_coroutine,
    clang::diag::ext_return_missing_expr,             clang::diag::warn_return_missing_expr,
};

/// From `loc` on (an invalid location: the whole translation unit, as a
/// command-line -Werror=... would, but after every -Wno-... of it).
void raise_return_type_errors(clang::DiagnosticsEngine& diags, clang::SourceLocation loc) {
  for (const clang::diag::kind id : kReturnTypeErrors) diags.setSeverity(id, clang::diag::Severity::Error, loc);
}

/// `#pragma clang diagnostic ignored "-Wreturn-type"` (or "-Weverything",
/// or `warning`) must not turn the errors back into silence: after every
/// diagnostic pragma, wherever it is, the same diagnostics are errors again
/// from the pragma's location on. (A header's pragma that is not popped
/// would otherwise leak into the service code after it.)
class KeepReturnTypeErrors : public clang::PPCallbacks {
 public:
  explicit KeepReturnTypeErrors(clang::DiagnosticsEngine& diags) : diags_(diags) {}

  void PragmaDiagnostic(clang::SourceLocation loc, llvm::StringRef, clang::diag::Severity, llvm::StringRef) override {
    raise_return_type_errors(diags_, loc);
  }

 private:
  clang::DiagnosticsEngine& diags_;
};

/// The rules to run: all of them, or those named by -fplugin-arg-meshwa-only=.
std::vector<std::unique_ptr<meshwa::rules::Rule>> select_rules(const std::vector<std::string>& only) {
  std::vector<std::unique_ptr<meshwa::rules::Rule>> rules = meshwa::rules::make_all_rules();
  if (only.empty()) return rules;
  std::vector<std::unique_ptr<meshwa::rules::Rule>> chosen;
  for (auto& rule : rules) {
    if (std::find(only.begin(), only.end(), rule->name().str()) != only.end()) chosen.push_back(std::move(rule));
  }
  return chosen;
}

class MeshwaConsumer : public clang::ASTConsumer {
 public:
  MeshwaConsumer(clang::CompilerInstance& ci, const std::vector<std::string>& only, bool time_rules)
      : ci_(ci), checker_(select_rules(only)) {
    checker_.set_time_rules(time_rules);
  }

  void HandleTranslationUnit(clang::ASTContext& ast) override {
    // A translation unit that does not compile has an AST with holes; the
    // compiler's own errors come first, the rules run once they are fixed.
    if (ci_.getDiagnostics().hasUncompilableErrorOccurred()) return;
    meshwa::rules::Reporter report(ci_.getDiagnostics());
    checker_.check(ast, report);
  }

 private:
  clang::CompilerInstance& ci_;
  meshwa::rules::Checker checker_;
};

class MeshwaAction : public clang::PluginASTAction {
 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& ci, llvm::StringRef) override {
    // Preprocessed input (-save-temps, a .ii/.i file) is one file in which
    // line markers stand for the headers: the plugin tells service code from
    // system headers file by file, so it would either reject the standard
    // library or check nothing. Refuse it in so many words.
    for (const clang::FrontendInputFile& input : ci.getFrontendOpts().Inputs) {
      if (!input.getKind().isPreprocessed()) continue;
      clang::DiagnosticsEngine& diags = ci.getDiagnostics();
      diags.Report(diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                         "the meshwa plugin cannot check preprocessed input ('%0'): it tells "
                                         "service code from system headers by the files the compiler reads, "
                                         "which preprocessing merges into one; compile the source file itself "
                                         "(without -save-temps or a separate -E step)"))
          << (input.isFile() ? input.getFile() : llvm::StringRef("<buffer>"));
      return std::make_unique<clang::ASTConsumer>();
    }
    // Before anything is parsed: clang's fall-off-the-end analysis runs as
    // each function body is parsed, and skips itself when it is ignored.
    raise_return_type_errors(ci.getDiagnostics(), clang::SourceLocation());
    ci.getPreprocessor().addPPCallbacks(std::make_unique<KeepReturnTypeErrors>(ci.getDiagnostics()));
    return std::make_unique<MeshwaConsumer>(ci, only(), time_rules_);
  }

  // -fplugin-arg-meshwa-help lists the rules.
  // -fplugin-arg-meshwa-generated-dir=<dir>: meshwa gen's output directory;
  // files there that start with the generator's marker are not service code.
  // -fplugin-arg-meshwa-only=<rule>[,<rule>...] runs only those rules (the
  // per-rule -verify tests use it; a build never should).
  // -fplugin-arg-meshwa-time-rules prints each rule's CPU time to stderr.
  bool ParseArgs(const clang::CompilerInstance& ci, const std::vector<std::string>& args) override {
    // The same plugin named as clang's main action (`-plugin meshwa`) runs
    // through MeshwaMainAction; this entry stays out of it, or every
    // diagnostic would be reported twice.
    if (is_main_action(ci)) return false;
    return parse_arguments(ci, args);
  }

  // Before the main action: errors stop code generation, and a clean file is
  // compiled exactly as without the plugin (the main action still runs).
  ActionType getActionType() override { return AddBeforeMainAction; }

 protected:
  const std::vector<std::string>& only() const { return only_; }

  static bool is_main_action(const clang::CompilerInstance& ci) {
    const clang::FrontendOptions& options = ci.getFrontendOpts();
    return options.ProgramAction == clang::frontend::PluginAction && options.ActionName == kPluginName;
  }

  bool parse_arguments(const clang::CompilerInstance& ci, const std::vector<std::string>& args) {
    clang::DiagnosticsEngine& diags = ci.getDiagnostics();
    for (const std::string& arg : args) {
      llvm::StringRef text(arg);
      if (text == "help") {
        print_help();
        continue;
      }
      if (text.consume_front("only=")) {
        if (!parse_only(diags, text)) return false;
        continue;
      }
      if (text.consume_front("generated-dir=")) {
        if (!parse_generated_dir(diags, text)) return false;
        continue;
      }
      if (text == "time-rules") {
        time_rules_ = true;
        continue;
      }
      diags.Report(diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                         "unknown meshwa plugin argument '%0'; known: help, only=<rule>[,<rule>], "
                                         "generated-dir=<dir>, time-rules"))
          << arg;
      return false;
    }
    return true;
  }

 private:
  static void print_help() {
    llvm::errs() << "meshwa plugin: enforces the meshwa safe subset; rules:\n";
    for (llvm::StringRef name : meshwa::rules::all_rule_names()) llvm::errs() << "  meshwa-" << name << "\n";
    llvm::errs() << "always on, whatever only= says:\n";
    for (llvm::StringRef name : meshwa::rules::always_on_rule_names()) llvm::errs() << "  meshwa-" << name << "\n";
  }

  /// Rule names as the rules call themselves ("dangling") or as their
  /// diagnostics show them ("meshwa-dangling"). An empty list is refused:
  /// it would run every rule while the user meant to choose some.
  /// The always-on checks may be named too (`only=marker` runs no rule
  /// of the list, and they run anyway).
  bool parse_only(clang::DiagnosticsEngine& diags, llvm::StringRef list) {
    std::vector<llvm::StringRef> known = meshwa::rules::all_rule_names();
    for (llvm::StringRef name : meshwa::rules::always_on_rule_names()) known.push_back(name);
    llvm::SmallVector<llvm::StringRef, 4> names;
    list.split(names, ',', -1, false);
    if (names.empty()) {
      diags.Report(diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                         "-fplugin-arg-meshwa-only names no rule; write "
                                         "-fplugin-arg-meshwa-only=<rule>[,<rule>...] (e.g. only=dangling), or "
                                         "drop it to run every rule; -fplugin-arg-meshwa-help lists them"));
      return false;
    }
    for (llvm::StringRef written : names) {
      llvm::StringRef name = written.trim();
      name.consume_front("meshwa-");
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        diags.Report(diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                           "unknown meshwa rule '%0' in -fplugin-arg-meshwa-only; "
                                           "-fplugin-arg-meshwa-help lists them"))
            << written;
        return false;
      }
      only_.push_back(name.str());
    }
    return true;
  }

  /// Files under the directory that carry the generator's marker are not
  /// service code. An empty path is refused (it would resolve to no
  /// directory, and a prefix test against "" trusts every file). A path
  /// that is not (yet) a directory is reported but accepted: the build may
  /// run a tool over the sources before meshwa gen has written it, and then
  /// no file is spared, which is the safe side; but a misspelt path would
  /// otherwise leave the user with errors in generated code and no hint.
  static bool parse_generated_dir(clang::DiagnosticsEngine& diags, llvm::StringRef dir) {
    if (dir.empty()) {
      diags.Report(diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                         "-fplugin-arg-meshwa-generated-dir names no directory; write "
                                         "-fplugin-arg-meshwa-generated-dir=<meshwa gen --out directory>"));
      return false;
    }
    if (!llvm::sys::fs::is_directory(dir)) {
      diags.Report(diags.getCustomDiagID(clang::DiagnosticsEngine::Warning,
                                         "-fplugin-arg-meshwa-generated-dir='%0' is not a directory%select{| "
                                         "(it does not exist)}1; generated files are trusted only inside the "
                                         "directory meshwa gen writes to (its --out), so none is trusted "
                                         "from here"))
          << dir << !llvm::sys::fs::exists(dir);
    }
    meshwa::rules::trust_generated_dir(dir);
    return true;
  }

  std::vector<std::string> only_;
  bool time_rules_ = false;
};

/// `-Xclang -plugin -Xclang meshwa`: clang asks a plugin named as its main
/// action for a replacing action type and, given any other, stops without a
/// word. The checks run then as the main action, like -fsyntax-only: no
/// object file is written. Registered before MeshwaAction, under the same
/// name, because clang takes the first entry of that name for -plugin;
/// -fplugin alone never runs it (a command-line action runs only when named).
class MeshwaMainAction : public MeshwaAction {
 public:
  bool ParseArgs(const clang::CompilerInstance& ci, const std::vector<std::string>& args) override {
    // -add-plugin meshwa also runs command-line actions; MeshwaAction
    // already runs there.
    if (!is_main_action(ci)) return false;
    return parse_arguments(ci, args);
  }

  ActionType getActionType() override { return CmdlineAfterMainAction; }
};

}  // namespace

// clang finds plugins through these registry entries when it loads the .so;
// they are the static registrations the plugin mechanism requires. The main
// action's entry comes first (see MeshwaMainAction); entries are kept in
// the order they are made.
static clang::FrontendPluginRegistry::Add<MeshwaMainAction> kMeshwaMainAction(
    kPluginName, "enforce the meshwa safe C++ subset (as clang's main action, checks only)");
static clang::FrontendPluginRegistry::Add<MeshwaAction> kMeshwaPlugin(kPluginName,
                                                                       "enforce the meshwa safe C++ subset");
