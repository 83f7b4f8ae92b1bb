// meshwa-unsafe-cast, private to this folder: the rule's one class, its
// members defined by topic (the rule's comment, what it reports and
// accepts, is at the top of UnsafeCast.cpp):
//   UnsafeCast.cpp           the hooks: statements, records, template
//                            instantiations judged once; judge() sends each
//                            cast to its check
//   CastExpressions.cpp      reinterpret_cast, const_cast (and the const the
//                            standard library imposes), static_cast
//                            downcasts, C-style and functional casts with
//                            the static_cast fix-it
//   PointerCastCalls.cpp     std::static_pointer_cast and friends, and
//                            std::coroutine_handle made from a promise
//   BitCasts.cpp             std::bit_cast and std::as_writable_bytes to types
//                            where not every byte pattern is a value
//   Crtp.cpp                 static_cast<D&>(*this) in a CRTP base, and the
//                            classes and objects that would break it
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "LeastDepth.h"
#include "Rule.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace meshwa::rules::unsafe_cast {

constexpr llvm::StringLiteral kName = "unsafe-cast";

/// A pointer, reference or member pointer type (what a cast can forge).
bool is_pointer_like(clang::QualType t);

class UnsafeCast final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  // UnsafeCast.cpp
  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override;
  void check_decl(const clang::Decl& decl, RuleContext& ctx) override;
  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override;

 private:
  // UnsafeCast.cpp
  void judge(const clang::Stmt& stmt, RuleContext& ctx);
  static clang::SourceLocation cast_at(const clang::Stmt& s);
  void judge_instance(const clang::Decl& instance, const clang::Stmt& s, RuleContext& ctx);
  void note_instance(RuleContext& ctx) const;

  // CastExpressions.cpp
  /// Where a const that no code of the service can remove comes from, and
  /// what to write instead.
  struct ConstByStandard {
    std::string remedy;
    clang::SourceLocation where;
    std::string why;
  };
  static bool is_identity_cast(const clang::CXXReinterpretCastExpr& cast, const clang::ASTContext& ast);
  static bool only_adds_const(const clang::CXXConstCastExpr& cast, const clang::ASTContext& ast);
  static std::optional<ConstByStandard> const_by_standard(const clang::Expr* operand);
  void check_static_cast(const clang::CXXStaticCastExpr& e, RuleContext& ctx);
  void check_c_cast(const clang::ExplicitCastExpr& e, clang::SourceLocation lparen, clang::SourceLocation rparen,
                    RuleContext& ctx);
  void suggest_static_cast(const clang::ExplicitCastExpr& e, clang::SourceLocation lparen,
                           clang::SourceLocation rparen, RuleContext& ctx);

  // PointerCastCalls.cpp
  void check_pointer_cast_call(const clang::CallExpr& call, RuleContext& ctx);
  static clang::QualType element_type(clang::QualType smart);
  static bool is_safe_pointer_cast(llvm::StringRef fn, clang::QualType to, clang::QualType from,
                                   const clang::ASTContext& ast);
  static bool is_coroutine_handle_member(const clang::FunctionDecl& fn);
  static const clang::CXXRecordDecl* promise_of(const clang::CXXMethodDecl& member);
  void check_coroutine_handle_factory(const clang::CallExpr& call, const clang::CXXMethodDecl& callee,
                                      RuleContext& ctx);
  bool makes_handles_from_this(const clang::CXXRecordDecl* record);
  void check_promise_object(const clang::Expr& e, RuleContext& ctx);

  // BitCasts.cpp
  void check_bit_cast(const clang::CallExpr& call, RuleContext& ctx);
  void judge_bit_cast(llvm::StringRef what, clang::QualType to, clang::QualType from, clang::SourceLocation loc,
                      clang::SourceRange range, RuleContext& ctx);
  static bool is_bool_like(clang::QualType t);
  static clang::QualType written_element(const clang::FunctionDecl& callee);
  static bool any_bytes_make_a_value(clang::QualType element, RuleContext& ctx);
  static bool not_plain_bytes(clang::QualType t);
  static bool is_std_byte(const clang::EnumDecl& e);
  static bool holds(clang::QualType t, bool (*leaf)(clang::QualType), const clang::FieldDecl*& member);
  static bool holds(clang::QualType t, bool (*leaf)(clang::QualType), const clang::FieldDecl*& member, int depth,
                    LeastDepth& searched);

  // Crtp.cpp
  const std::map<unsigned, clang::SourceLocation>& crtp_params(const clang::ClassTemplateDecl* tmpl);
  static bool is_this(const clang::Expr* e);
  bool is_crtp_self_cast(const clang::CXXStaticCastExpr& e);
  bool is_crtp_object_cast(const clang::CXXStaticCastExpr& e);
  std::optional<std::pair<const clang::ClassTemplateSpecializationDecl*, unsigned>> crtp_shape(
      const clang::CXXStaticCastExpr& e);
  static const clang::ClassTemplateDecl* template_of(clang::QualType type,
                                                     llvm::SmallVectorImpl<clang::TemplateArgument>& args);
  void check_crtp_bases(const clang::CXXRecordDecl& record, RuleContext& ctx);
  static bool is_base_of_instance(clang::QualType instance, clang::QualType arg);
  static bool passes_own_parameter(const clang::CXXRecordDecl& record, clang::QualType arg);
  static bool is_layer_of(const clang::CXXRecordDecl& record, clang::QualType arg);
  const clang::ClassTemplateDecl* layer_owner(const clang::ClassTemplateDecl* tmpl);
  bool derives_via_layers(const clang::CXXRecordDecl& cls, const clang::ClassTemplateSpecializationDecl& spec,
                          const clang::CXXRecordDecl& leaf, unsigned depth);
  void check_crtp_object(const clang::CXXConstructExpr& construct, RuleContext& ctx);

  // The instantiation being judged, if any: a function, or the class
  // template specialization whose default member initializer it is.
  const clang::Decl* instance_ = nullptr;
  std::set<clang::SourceLocation> reported_;            // template casts reported, across instantiations
  std::map<const clang::CXXRecordDecl*, bool> promise_types_;  // makes_handles_from_this, per class
  // Per class template: the parameters D of static_cast<D&>(*this), and where.
  std::map<const clang::ClassTemplateDecl*, std::map<unsigned, clang::SourceLocation>> crtp_params_;
  // Per class template: the template it is an implementation layer of
  // (is_layer_of: Eigen's SolveImpl of Solve), or null.
  std::map<const clang::ClassTemplateDecl*, const clang::ClassTemplateDecl*> layer_owners_;
};

}  // namespace meshwa::rules::unsafe_cast
