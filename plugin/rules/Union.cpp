// meshwa-union: unions. Reading a member other than the one last written
// reinterprets memory; nothing records which member is alive.
// Accepted: std::variant (tracks the active alternative, std::get checks it).
#include "Rule.h"
#include "clang/AST/Decl.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "union";

class Union final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    const auto* record = llvm::dyn_cast<clang::RecordDecl>(&decl);
    if (record == nullptr || !record->isUnion() || record->isImplicit()) return;
    // Report the definition, or a declaration of a union never defined here.
    if (!record->isThisDeclarationADefinition() && record->getDefinition() != nullptr) return;
    const std::string what =
        record->getIdentifier() != nullptr ? "union '" + record->getName().str() + "'" : std::string("anonymous union");
    ctx.report.error(record->getLocation(), kName,
                     what + " lets code read a member other than the one last written, reinterpreting "
                            "memory; use std::variant, which knows its active alternative")
        << record->getSourceRange();
  }
};

}  // namespace

std::unique_ptr<Rule> make_Union() { return std::make_unique<Union>(); }

}  // namespace meshwa::rules
