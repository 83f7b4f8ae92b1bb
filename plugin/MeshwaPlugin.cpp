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
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace {

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
  MeshwaConsumer(clang::CompilerInstance& ci, const std::vector<std::string>& only)
      : ci_(ci), checker_(select_rules(only)) {}

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
    return std::make_unique<MeshwaConsumer>(ci, only_);
  }

  // -fplugin-arg-meshwa-help lists the rules.
  // -fplugin-arg-meshwa-generated-dir=<dir>: meshwa gen's output directory;
  // files there that start with the generator's marker are not service code.
  // -fplugin-arg-meshwa-only=<rule>[,<rule>...] runs only those rules (the
  // per-rule -verify tests use it; a build never should).
  bool ParseArgs(const clang::CompilerInstance& ci, const std::vector<std::string>& args) override {
    clang::DiagnosticsEngine& diags = ci.getDiagnostics();
    const std::vector<llvm::StringRef> known = meshwa::rules::all_rule_names();
    for (const std::string& arg : args) {
      llvm::StringRef text(arg);
      if (text == "help") {
        llvm::errs() << "meshwa plugin: enforces the meshwa safe subset; rules:\n";
        for (llvm::StringRef name : known) llvm::errs() << "  meshwa-" << name << "\n";
        continue;
      }
      if (text.consume_front("only=")) {
        llvm::SmallVector<llvm::StringRef, 4> names;
        text.split(names, ',', -1, false);
        for (llvm::StringRef name : names) {
          if (std::find(known.begin(), known.end(), name) == known.end()) {
            diags.Report(diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                               "unknown meshwa rule '%0' in -fplugin-arg-meshwa-only; "
                                               "-fplugin-arg-meshwa-help lists them"))
                << name;
            return false;
          }
          only_.push_back(name.str());
        }
        continue;
      }
      if (text.consume_front("generated-dir=")) {
        meshwa::rules::trust_generated_dir(text);
        continue;
      }
      diags.Report(diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                         "unknown meshwa plugin argument '%0'; known: help, only=<rule>[,<rule>], "
                                         "generated-dir=<dir>"))
          << arg;
      return false;
    }
    return true;
  }

  // Before the main action: errors stop code generation, and a clean file is
  // compiled exactly as without the plugin (the main action still runs).
  ActionType getActionType() override { return AddBeforeMainAction; }

 private:
  std::vector<std::string> only_;
};

}  // namespace

// clang finds plugins through this registry entry when it loads the .so; it
// is the one static registration the plugin mechanism requires.
static clang::FrontendPluginRegistry::Add<MeshwaAction> kMeshwaPlugin("meshwa",
                                                                       "enforce the meshwa safe C++ subset");
