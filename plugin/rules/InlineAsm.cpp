// meshwa-inline-asm: assembly in service code (asm statements and
// file-scope asm). The compiler cannot check what it does to memory, and it
// could rewrite the protection-key register (WRPKRU) that isolates unsafe
// services. Intrinsics that do the same (_wrpkru, _xrstor) are in
// meshwa-banned-function.
#include "Annotations.h"
#include "Rule.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "inline-asm";
constexpr llvm::StringLiteral kMessage =
    "inline assembly is invisible to the compiler's checks and can change memory or the protection keys; "
    "write it in C++, or move it into a service marked MESHWA_UNSAFE(\"why\"), which runs in its own MPK domain";

// An asm statement written whole by a macro of a library (a system header,
// meshwa's own headers): doctest's DOCTEST_BREAK_INTO_DEBUGGER() inside every
// CHECK is `__asm__("int $3\n" : :)`. Its code is the library's, trusted
// like the asm inside the library's own inline functions, which service code
// calls without a report. "Whole": the template, every constraint and
// clobber, and every operand and label, are spelled in such a macro's body.
// A piece passed in as a macro argument is the service's own writing (what
// the assembly does, or what it reads and writes), so such a statement is
// reported, and so is asm in a macro of service code or of -D.
bool written_by_library_macro(const clang::AsmStmt& asm_stmt, const ServiceCode& code) {
  const auto* gcc = llvm::dyn_cast<clang::GCCAsmStmt>(&asm_stmt);
  if (gcc == nullptr || !code.in_foreign_macro(gcc->getAsmLoc())) return false;
  const auto in_library = [&code](const clang::Expr* part) {
    return part != nullptr && code.in_foreign_macro(part->getBeginLoc()) && code.in_foreign_macro(part->getEndLoc());
  };
  if (!in_library(gcc->getAsmString())) return false;
  for (unsigned i = 0; i < gcc->getNumOutputs(); ++i) {
    if (!in_library(gcc->getOutputConstraintLiteral(i)) || !in_library(gcc->getOutputExpr(i))) return false;
  }
  for (unsigned i = 0; i < gcc->getNumInputs(); ++i) {
    if (!in_library(gcc->getInputConstraintLiteral(i)) || !in_library(gcc->getInputExpr(i))) return false;
  }
  for (unsigned i = 0; i < gcc->getNumClobbers(); ++i) {
    if (!in_library(gcc->getClobberStringLiteral(i))) return false;
  }
  for (unsigned i = 0; i < gcc->getNumLabels(); ++i) {
    if (!in_library(gcc->getLabelExpr(i))) return false;
  }
  return true;
}

class InlineAsm final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    if (const auto* asm_stmt = llvm::dyn_cast<clang::AsmStmt>(&stmt)) {
      if (written_by_library_macro(*asm_stmt, ctx.service_code)) return;
      ctx.report.error(asm_stmt->getAsmLoc(), kName, kMessage) << asm_stmt->getSourceRange();
    }
  }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    if (const auto* file_asm = llvm::dyn_cast<clang::FileScopeAsmDecl>(&decl)) {
      ctx.report.error(file_asm->getAsmLoc(), kName, kMessage) << file_asm->getSourceRange();
      return;
    }
    // `void* fill(void*, int, size_t) __asm__("memset");` names any symbol of
    // the process under a name of one's own, past every rule that goes by
    // names (meshwa-banned-function).
    if (const auto* label = decl.getAttr<clang::AsmLabelAttr>()) {
      const auto* named = llvm::dyn_cast<clang::NamedDecl>(&decl);
      // `register int r asm("rbx");`: a local pinned to a machine register,
      // which only assembly (or the ABI's own use of it) can see.
      if (const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl);
          var != nullptr && var->getStorageClass() == clang::SC_Register) {
        ctx.report.error(label->getLocation(), kName,
                         "an asm register variable pins '" + var->getNameAsString() + "' to the register '" +
                             label->getLabel().str() +
                             "', which only inline assembly reads and the compiler may use for itself; use an "
                             "ordinary variable, or move the code into a service marked MESHWA_UNSAFE(\"why\")")
            << decl.getSourceRange();
        return;
      }
      ctx.report.error(label->getLocation(), kName,
                       "an asm label binds '" + (named ? named->getNameAsString() : std::string("this")) +
                           "' to the symbol '" + label->getLabel().str() +
                           "', whatever that is, past the compiler's checks; call the function by its own "
                           "declared name, or move the code into a service marked MESHWA_UNSAFE(\"why\")")
          << decl.getSourceRange();
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_InlineAsm() { return std::make_unique<InlineAsm>(); }

}  // namespace meshwa::rules
