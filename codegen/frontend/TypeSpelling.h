// How generated code spells a type of the user's sources: fully qualified,
// so that it means the same in any scope (generated files live in their own
// namespaces and include the user's headers).
#pragma once

#include <cstddef>
#include <map>
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

  /// `t` with every alias resolved (`lk::Money` for `Cash`), what the lock
  /// compares; "" when that spelling would hold more than kMaxResolvedNodes
  /// types: aliases of aliases can name a type whose written-out form grows
  /// exponentially (`using L2 = std::variant<L1, L1, ...>`), and the lock
  /// then compares the spelling as written.
  [[nodiscard]] std::string spell_resolved(clang::QualType t) const;
  static constexpr std::size_t kMaxResolvedNodes = 256;

 private:
  std::size_t resolved_nodes(clang::QualType canonical, int depth) const;
  clang::QualType written(clang::QualType t) const;
  static bool is_expression_type(const clang::Type* t);
  static bool is_hidden_alias(const clang::Type* t);
  static bool spelled_as_its_type(const clang::Type* t);
  std::optional<llvm::APSInt> named_constant(const clang::TemplateArgument& arg) const;
  bool names_expression_type(clang::QualType t) const;

  clang::ASTContext& ctx_;
  clang::PrintingPolicy policy_;
  /// resolved_nodes of each canonical type seen (each is counted once).
  mutable std::map<const void*, std::size_t> resolved_nodes_;
};

}  // namespace meshwa::gen::frontend
