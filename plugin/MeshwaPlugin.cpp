// The meshwa clang plugin: `clang++-19 -fplugin=libmeshwa_plugin.so ...`
// checks the translation unit against the safe subset (every rule of
// rules/RuleList.def) and reports violations as errors, before code
// generation runs, so an accepted file still compiles to an object file as
// usual and a rejected one produces none.
#include "Checker.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/raw_ostream.h"

namespace {

class MeshwaConsumer : public clang::ASTConsumer {
 public:
  explicit MeshwaConsumer(clang::CompilerInstance& ci) : ci_(ci) {}

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
    return std::make_unique<MeshwaConsumer>(ci);
  }

  // -fplugin-arg-meshwa-help lists the rules; no other arguments.
  bool ParseArgs(const clang::CompilerInstance& ci, const std::vector<std::string>& args) override {
    for (const std::string& arg : args) {
      if (arg == "help") {
        llvm::errs() << "meshwa plugin: enforces the meshwa safe subset; rules:\n";
        for (llvm::StringRef name : meshwa::rules::all_rule_names()) llvm::errs() << "  meshwa-" << name << "\n";
        continue;
      }
      clang::DiagnosticsEngine& diags = ci.getDiagnostics();
      diags.Report(diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                         "unknown meshwa plugin argument '%0'; the only one is 'help'"))
          << arg;
      return false;
    }
    return true;
  }

  // Before the main action: errors stop code generation, and a clean file is
  // compiled exactly as without the plugin (the main action still runs).
  ActionType getActionType() override { return AddBeforeMainAction; }
};

}  // namespace

// clang finds plugins through this registry entry when it loads the .so; it
// is the one static registration the plugin mechanism requires.
static clang::FrontendPluginRegistry::Add<MeshwaAction> kMeshwaPlugin("meshwa",
                                                                       "enforce the meshwa safe C++ subset");
