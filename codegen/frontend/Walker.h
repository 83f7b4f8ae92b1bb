// The walk over one translation unit's AST that fills the model: markers,
// interfaces, messages, services and the unsafe code a unit exports. One
// class, its members defined by topic:
//   Walker.cpp          markers, MESHWA_UNSAFE marks, where things are
//   BoundaryChecks.cpp  what may cross a boundary, Ref<> targets, enums
//   InterfaceModel.cpp  MESHWA_INTERFACE classes and their methods
//   MessageModel.cpp    MESHWA_MESSAGE classes and their members
//   ServiceModel.cpp    MESHWA_SERVICE classes: constructors, dependencies, verdict
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "Annotations.h"
#include "Crossable.h"
#include "LeastDepth.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TargetInfo.h"
#include "frontend/Collected.h"
#include "frontend/TypeSpelling.h"

namespace meshwa::gen::frontend {

// The frontend's own namespace only: its files speak clang throughout.
using namespace clang;

class Walker {
 public:
  Walker(ASTContext& ctx, Collected& out)
      : ctx_(ctx), sm_(ctx.getSourceManager()), code_(sm_), out_(out), speller_(ctx) {}

  // What RecordVisitor (ModelBuilder.cpp) hands over, declaration by declaration.
  void check_markers(const Decl& d);
  void check_unsafe_reason(const Decl& d);
  void check_markers_within(const Decl& d);
  void record(const CXXRecordDecl& rd);
  void unsafe_function(const FunctionDecl& fd);
  void unsafe_variable(const VarDecl& vd);
  void finish_unit();

 private:
  class RefCalls;  // ctx.ref<I>() calls of a service's code (ServiceModel.cpp)

  // Walker.cpp
  void report_unsafe_reason(SourceLocation loc, const std::string& decl_name, rules::UnsafeReasonProblem problem);
  bool report_non_public(const CXXRecordDecl& rd, const char* kind);
  void add_unit_mark(const std::string& reason, const std::string& decl, SourceLocation loc);
  bool model_file(SourceLocation loc) const;
  bool in_unit_file(SourceLocation loc) const;
  Location where(SourceLocation loc) const;
  std::string file_path(FileID fid) const;
  std::string header_of(const Decl& decl) const;
  bool in_main_file(const Decl& decl) const;
  bool in_owned_file(const Decl& decl) const;
  std::string spell(QualType t) const { return speller_.spell(t); }
  bool itanium_abi() const { return ctx_.getTargetInfo().getCXXABI().isItaniumFamily(); }

  // BoundaryChecks.cpp
  void report_ref_to_no_interface(QualType target, SourceLocation loc, bool call);
  bool check_ref_target(QualType type, TypeLoc written, SourceLocation fallback);
  void check_boundary(QualType type, rules::Position position, SourceLocation loc, const std::string& what,
                      const std::string& subject);
  void check_empty_variant(QualType type, SourceLocation loc, const std::string& what);
  void check_message_boundary(const CXXRecordDecl& rd, const std::set<const FieldDecl*>& reported);
  std::function<bool(const CXXRecordDecl&)> checked_here() const;
  void check_nameable(QualType type, SourceLocation loc, const std::string& what);
  void note_declared(const rules::CrossabilityProblem& problem);
  std::string copy_fails(QualType t, std::set<const CXXRecordDecl*>& seen, int depth = 0) const;
  void collect_enums(QualType type);
  void collect_enums(QualType type, int depth, rules::LeastDepth& searched);
  void add_enum(QualType type, const EnumDecl& decl);

  // InterfaceModel.cpp
  Method method_shape(const CXXMethodDecl& m) const;
  std::vector<const CXXMethodDecl*> interface_methods(const CXXRecordDecl& rd) const;
  void collect_methods(const CXXRecordDecl& rd, std::vector<const CXXMethodDecl*>& out,
                       std::vector<std::string>& seen) const;
  void check_mock_name(const CXXRecordDecl& rd, const Interface& i);
  bool report_method_templates(const CXXRecordDecl& rd, const CXXRecordDecl& iface);
  bool report_repeated_bases(const CXXRecordDecl& rd);
  void add_interface(const CXXRecordDecl& rd);

  // MessageModel.cpp
  bool declares_operator(const CXXRecordDecl& rd, OverloadedOperatorKind op) const;
  bool declares_function(const CXXRecordDecl& rd, DeclarationName name) const;
  bool report_unnamed_member(const FieldDecl& f, const Message& m);
  void add_message(const CXXRecordDecl& rd);

  // ServiceModel.cpp
  bool service_annotation_ok(const CXXRecordDecl& rd, const std::string& name);
  bool defined_here(const CXXRecordDecl& rd) const;
  std::optional<std::string> ref_call(const CXXMemberCallExpr& call);
  void report_self_ref(const Service& s, const std::string& iface, SourceLocation at, const FunctionDecl& ctor);
  static void add_dependency(Service& s, const std::string& iface, const std::string& via, const Location& at);
  std::vector<DirectCall> direct_calls(const CXXRecordDecl& service,
                                       const std::vector<const CXXRecordDecl*>& interfaces) const;
  void report_unimplemented(const CXXRecordDecl& rd, const Service& s);
  void report_override_default_arguments(const CXXRecordDecl& service,
                                         const std::vector<const CXXRecordDecl*>& interfaces);
  std::string default_argument_text(const ParmVarDecl& p) const;
  void add_service(const CXXRecordDecl& rd, const std::string& name);

  ASTContext& ctx_;
  const SourceManager& sm_;
  rules::ServiceCode code_;
  Collected& out_;
  TypeSpeller speller_;
  std::unique_ptr<MangleContext> mangler_{ctx_.createMangleContext()};
  /// The unit's exported function definitions seen so far (unsafe_function).
  std::vector<const FunctionDecl*> exported_;
  /// System headers that declare a marked interface or message (model_file):
  /// the enums declared there are modelled too (add_enum).
  mutable std::set<FileID> model_system_files_;
};

}  // namespace meshwa::gen::frontend
