#include "Verdict.h"

#include "Annotations.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/Stack.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace meshwa::rules {

namespace {

/// Collects the unsafe declarations a service depends on.
class VerdictWalk : public clang::RecursiveASTVisitor<VerdictWalk> {
 public:
  VerdictWalk(clang::ASTContext& ctx) : service_code_(ctx.getSourceManager()) {}

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return true; }  // implicit ctors call field/base ctors

  /// Everything inside a class of the service (the class, its bases).
  void add_class(const clang::CXXRecordDecl* rd) {
    if (rd == nullptr) return;
    rd = rd->getDefinition() != nullptr ? rd->getDefinition() : rd;
    if (!seen_.insert(rd->getCanonicalDecl()).second) return;
    note_use(rd);
    if (!rd->hasDefinition()) return;
    for (const auto& base : rd->bases()) {
      const auto* base_rd = base.getType()->getAsCXXRecordDecl();
      if (base_rd == nullptr || is_interface(base_rd)) continue;
      if (service_code_.contains(base_rd->getLocation())) add_class(base_rd);
      else note_use(base_rd);
    }
    for (const clang::FieldDecl* field : rd->fields()) note_type(field->getType());
    // The class's own declarations (methods, nested classes, fields...).
    TraverseDecl(const_cast<clang::CXXRecordDecl*>(rd));
    // Out-of-line method definitions are not children of the class.
    for (const clang::CXXMethodDecl* method : rd->methods()) {
      const clang::FunctionDecl* def = method->getDefinition();
      if (def != nullptr && def != method) add_function(def);
    }
  }

  void add_function(const clang::FunctionDecl* fn) {
    if (fn == nullptr || !seen_.insert(fn).second) return;
    // A callee's body is walked from inside its caller's: the recursion is
    // as deep as the chain of calls. Go on in a fresh thread with a new
    // stack when this one runs low, as clang's Sema does.
    clang::runWithSufficientStackSpace([] {}, [&] { TraverseDecl(const_cast<clang::FunctionDecl*>(fn)); });
  }

  bool VisitDecl(clang::Decl* d) {
    note_use(d);
    return true;
  }
  bool VisitDeclRefExpr(clang::DeclRefExpr* e) {
    follow(e->getDecl());
    return true;
  }
  bool VisitMemberExpr(clang::MemberExpr* e) {
    follow(e->getMemberDecl());
    return true;
  }
  bool VisitCXXConstructExpr(clang::CXXConstructExpr* e) {
    follow(e->getConstructor());
    return true;
  }
  bool VisitCXXNewExpr(clang::CXXNewExpr* e) {
    note_type(e->getAllocatedType());
    return true;
  }
  bool VisitCallExpr(clang::CallExpr* e) {
    follow(e->getDirectCallee());
    return true;
  }
  // Any value of an unsafe class in the service's code (Functor{}, a
  // comparator handed to std::sort): the service runs its code.
  bool VisitExpr(clang::Expr* e) {
    note_type(e->getType());
    return true;
  }

  std::vector<UnsafeMark> marks;

 private:
  /// Something the service's code names: unsafe itself, or code of the
  /// service (defined in service code) whose body is walked in turn.
  void follow(const clang::Decl* d) {
    if (d == nullptr) return;
    note_use(d);
    if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(d)) {
      // std::make_unique<Fast>(), std::invoke<Functor>: the template's
      // arguments are what it builds or calls.
      if (const clang::TemplateArgumentList* args = fn->getTemplateSpecializationArgs()) {
        for (const clang::TemplateArgument& arg : args->asArray()) {
          if (arg.getKind() == clang::TemplateArgument::Type) note_type(arg.getAsType());
        }
      }
      const clang::FunctionDecl* def = fn->getDefinition();
      if (def != nullptr && service_code_.contains(def->getLocation())) add_function(def);
      if (const auto* parent = llvm::dyn_cast<clang::CXXRecordDecl>(fn->getDeclContext())) note_use(parent);
    }
  }

  void note_type(clang::QualType t) {
    if (t.isNull()) return;
    const auto* rd = t.getNonReferenceType()->getBaseElementTypeUnsafe()->getAsCXXRecordDecl();
    // Every expression's type comes here: each class is looked at once.
    if (rd == nullptr || !records_.insert(rd->getCanonicalDecl()).second) return;
    note_use(rd);
    // Its unsafe members run whenever the object is used or destroyed: an
    // unsafe operator() called inside std::sort, an unsafe destructor of a
    // field's class.
    if (!rd->hasDefinition()) return;
    for (const clang::CXXMethodDecl* method : rd->getDefinition()->methods()) {
      if (unsafe_cover(method) == method) note_use(method);
    }
  }

  void note_use(const clang::Decl* d) {
    const clang::Decl* cover = unsafe_cover(d);
    if (cover == nullptr || !marked_.insert(cover->getCanonicalDecl()).second) return;
    UnsafeMark mark;
    mark.reason = unsafe_reason(cover).value_or(std::string());
    if (const auto* named = llvm::dyn_cast<clang::NamedDecl>(cover)) mark.decl_name = named->getQualifiedNameAsString();
    mark.loc = cover->getLocation();
    marks.push_back(std::move(mark));
  }

  ServiceCode service_code_;
  llvm::SmallPtrSet<const clang::Decl*, 32> seen_;
  llvm::SmallPtrSet<const clang::Decl*, 8> marked_;
  llvm::SmallPtrSet<const clang::Decl*, 32> records_;
};

}  // namespace

ServiceVerdict service_verdict(const clang::CXXRecordDecl& service, clang::ASTContext& ctx) {
  VerdictWalk walk(ctx);
  walk.add_class(&service);
  ServiceVerdict verdict;
  verdict.marks = std::move(walk.marks);
  verdict.needs_domain = !verdict.marks.empty();
  return verdict;
}

std::vector<UnsafeMark> unsafe_code_of(llvm::ArrayRef<const clang::FunctionDecl*> functions, clang::ASTContext& ctx) {
  VerdictWalk walk(ctx);
  for (const clang::FunctionDecl* fn : functions) walk.add_function(fn);
  return std::move(walk.marks);
}

}  // namespace meshwa::rules
