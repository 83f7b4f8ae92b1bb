// How generated code spells a type of the user's sources: fully qualified,
// so that it means the same in any scope (generated files live in their own
// namespaces and include the user's headers).
#pragma once

#include <optional>
#include <string>

#include "clang/AST/ASTContext.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/AST/Type.h"

namespace meshwa::gen::frontend {

class TypeSpeller {
 public:
  explicit TypeSpeller(clang::ASTContext& ctx);

  /// `t` as generated code in any scope names it (`std::vector<shop::Item>`).
  [[nodiscard]] std::string spell(clang::QualType t) const;

 private:
  clang::QualType written(clang::QualType t) const;
  static bool is_expression_type(const clang::Type* t);
  std::optional<llvm::APSInt> named_constant(const clang::TemplateArgument& arg) const;
  bool names_expression_type(clang::QualType t) const;

  clang::ASTContext& ctx_;
  clang::PrintingPolicy policy_;
};

}  // namespace meshwa::gen::frontend
