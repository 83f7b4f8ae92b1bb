// meshwa-dangling: references and views (std::string_view, std::span,
// iterators, std::reference_wrapper) bound to objects that die before them:
//   std::string_view v = std::string("x");      // the temporary dies at ;
//   std::string_view v = s + "x";               // same
//   std::string_view v = make_order().name;     // member of a temporary
//   const std::string& r = make_order().label(); // a reference returned by a
//                                                // method of a temporary
//   for (auto& x : make_order().items()) ...    // (before C++23) same
//   std::string_view name() { std::string s; return s; }  // a local
//   const T& r = std::max(a, T{});               // argument of matching type
// Iterators are views, except those that own their state (std::filesystem's
// directory iterators copy their path).
// Lifetime extension is respected: `const std::string& r = f().name;` binds
// the whole temporary to r (clang records the extending declaration), and is
// accepted. What cannot be decided locally is rejected conservatively: a free
// function returning a reference or view whose argument of the matching type
// is a temporary (std::max, a trim() helper) may return that argument.
//
// This overlaps clang's -Wdangling / -Wdangling-gsl / -Wreturn-stack-address
// warnings on purpose: in service code these are errors, with a remedy, and
// the rule also covers members and methods of temporaries that clang misses.
#include <set>

#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "dangling";

/// A class value that refers to memory it does not own.
bool is_view(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return false;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr) return false;
  if (is_std_class(record, {"basic_string_view", "span", "reference_wrapper"})) return true;
  return is_iterator_class(record) && !is_owning_iterator_class(record);
}

/// What a reference or view ends up pointing into.
struct Root {
  enum Kind { temporary, local } kind;
  const clang::Expr* expr;        // the temporary, or the reference to the local
  const clang::VarDecl* var;      // the local
  bool conservative;              // decided by the matching-argument heuristic
};

class Roots {
 public:
  /// The object a glvalue `e` designates, when that object dies too early:
  /// a temporary not extended by the declaration being checked, or (when
  /// `locals`) a local variable of the function.
  std::optional<Root> of_object(const clang::Expr* e, unsigned depth = 0) const {
    if (e == nullptr || depth > kMaxDepth) return std::nullopt;
    e = e->IgnoreParens();
    if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(e)) return of_object(cleanups->getSubExpr(), depth + 1);
    if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(e)) {
      switch (cast->getCastKind()) {
        case clang::CK_NoOp:
        case clang::CK_DerivedToBase:
        case clang::CK_UncheckedDerivedToBase:
        case clang::CK_LValueToRValue:
          return of_object(cast->getSubExpr(), depth + 1);
        default:
          return std::nullopt;
      }
    }
    if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) {
      if (temporary->getExtendingDecl() != nullptr) {
        // Extended to the declaration's lifetime; a view kept alive that way
        // still dangles if it views a temporary.
        if (is_view(temporary->getType())) return of_view(temporary->getSubExpr(), depth + 1);
        return std::nullopt;
      }
      return Root{Root::temporary, temporary, nullptr, false};
    }
    if (const auto* bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) return of_object(bind->getSubExpr(), depth + 1);
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (member->isArrow() || !llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return std::nullopt;
      return of_object(member->getBase(), depth + 1);
    }
    if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
      if (!subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType()) return std::nullopt;
      return of_object(subscript->getBase()->IgnoreParenImpCasts(), depth + 1);
    }
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      if (auto root = of_object(conditional->getTrueExpr(), depth + 1)) return root;
      return of_object(conditional->getFalseExpr(), depth + 1);
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return of_variable(ref, depth);
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      // obj.get() returning a reference: into obj (what else it may return
      // into, we cannot tell; obj dying is what matters here).
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method == nullptr || method->isStatic() || !refers(call)) return std::nullopt;
      const clang::Expr* object = call->getImplicitObjectArgument();
      if (object == nullptr || object->getType()->isPointerType()) return std::nullopt;
      return is_view(object->getType()) ? of_view(object, depth + 1) : of_object(object, depth + 1);
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      // v[i], *opt, it-> on an object: into the object (members only).
      if (!refers(op) || op->getNumArgs() == 0 || !llvm::isa_and_nonnull<clang::CXXMethodDecl>(op->getDirectCallee())) {
        return std::nullopt;
      }
      switch (op->getOperator()) {
        case clang::OO_Subscript:
        case clang::OO_Star:
        case clang::OO_Arrow: {
          const clang::Expr* object = op->getArg(0);
          return is_view(object->getType()) ? of_view(object, depth + 1) : of_object(object, depth + 1);
        }
        default:
          return std::nullopt;
      }
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) return of_matching_argument(call, depth);
    return std::nullopt;
  }

  /// The object a view value `e` (a prvalue or glvalue of view type, or a
  /// conversion to one) looks into, when it dies too early.
  std::optional<Root> of_view(const clang::Expr* e, unsigned depth = 0) const {
    if (e == nullptr || depth > kMaxDepth) return std::nullopt;
    e = e->IgnoreParens();
    if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(e)) return of_view(cleanups->getSubExpr(), depth + 1);
    if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) {
      if (cast->getCastKind() == clang::CK_ConstructorConversion || cast->getCastKind() == clang::CK_NoOp ||
          cast->getCastKind() == clang::CK_UserDefinedConversion || cast->getCastKind() == clang::CK_LValueToRValue ||
          llvm::isa<clang::CXXFunctionalCastExpr>(cast)) {
        return of_view(cast->getSubExpr(), depth + 1);
      }
      return std::nullopt;
    }
    if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) {
      return of_view(temporary->getSubExpr(), depth + 1);
    }
    if (const auto* bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) return of_view(bind->getSubExpr(), depth + 1);
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      // std::string_view(s), std::span(v), std::string_view(view): whatever
      // owner argument the view is made from.
      for (const clang::Expr* arg : construct->arguments()) {
        if (is_view(arg->getType())) {
          if (auto root = of_view(arg, depth + 1)) return root;
        } else if (arg->getType()->isRecordType() || arg->isGLValue()) {
          if (auto root = of_object(arg, depth + 1)) return root;
        } else if (arg->getType()->isPointerType()) {
          if (auto root = of_pointer(arg, depth + 1)) return root;
        }
      }
      return std::nullopt;
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      // owner.operator string_view(), owner.begin(), view.substr(...)
      const clang::Expr* object = call->getImplicitObjectArgument();
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (object == nullptr || method == nullptr || method->isStatic() || object->getType()->isPointerType()) {
        return std::nullopt;
      }
      return is_view(object->getType()) ? of_view(object, depth + 1) : of_object(object, depth + 1);
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      // A view variable: checked where it was initialised, and when it is
      // returned, what it was initialised from (`std::string_view v = s;
      // return v;` with a local s). A view parameter views the caller's data.
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      if (locals && var != nullptr && var != checking && var->hasLocalStorage() && !llvm::isa<clang::ParmVarDecl>(var) &&
          !var->getType()->isReferenceType() && var->getInit() != nullptr && !ref->refersToEnclosingVariableOrCapture()) {
        return of_view(var->getInit(), depth + 1);
      }
      return std::nullopt;
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) return of_matching_argument(call, depth);
    return std::nullopt;
  }

  bool locals = false;
  const clang::VarDecl* checking = nullptr;  // the declaration whose initialiser is being looked at

 private:
  static constexpr unsigned kMaxDepth = 24;

  /// Does the expression's value refer to memory (a reference, a view, a
  /// pointer) rather than being a fresh value?
  static bool refers(const clang::Expr* e) {
    const clang::QualType t = e->getType();
    return e->isGLValue() || t->isPointerType() || is_view(t);
  }

  std::optional<Root> of_pointer(const clang::Expr* e, unsigned depth) const {
    e = e->IgnoreParenImpCasts();
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {  // s.data(), s.c_str()
      const clang::Expr* object = call->getImplicitObjectArgument();
      if (object == nullptr || object->getType()->isPointerType()) return std::nullopt;
      // sv.end() of a std::string_view: a pointer into what the view views,
      // not into the view variable.
      return is_view(object->getType()) ? of_view(object, depth + 1) : of_object(object, depth + 1);
    }
    return std::nullopt;
  }

  std::optional<Root> of_variable(const clang::DeclRefExpr* ref, unsigned depth) const {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var == nullptr || !var->hasLocalStorage()) return std::nullopt;
    // Inside a lambda, a captured variable is the enclosing function's (or
    // the closure's copy): not a local of the lambda's body.
    if (ref->refersToEnclosingVariableOrCapture()) return std::nullopt;
    if (var->getType()->isReferenceType()) {
      // An alias: what it was bound to (a reference parameter's referent
      // belongs to the caller).
      if (llvm::isa<clang::ParmVarDecl>(var) || var == checking || var->getInit() == nullptr) return std::nullopt;
      if (!locals) return std::nullopt;
      return of_object(var->getInit(), depth + 1);
    }
    if (!locals) return std::nullopt;
    return Root{Root::local, ref, var, false};
  }

  /// std::max(a, std::string("b")), trim(std::string(...)): a free function
  /// returning a reference or view may return (into) an argument of the
  /// matching type; when that argument is a temporary, reject.
  std::optional<Root> of_matching_argument(const clang::CallExpr* call, unsigned depth) const {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr || llvm::isa<clang::CXXMethodDecl>(callee)) return std::nullopt;
    const clang::QualType result = call->getType();
    const bool result_is_view = is_view(result);
    if (!call->isGLValue() && !result_is_view) return std::nullopt;  // a fresh value
    const clang::QualType referee = result.getNonReferenceType().getUnqualifiedType().getCanonicalType();
    // std::get<I>(tuple / pair / variant / array): the result is a part of
    // its argument, whatever the types.
    const bool part_of_argument = callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
                                  callee->getName() == "get" && call->getNumArgs() == 1;
    for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
      const clang::QualType param = callee->getParamDecl(i)->getType();
      const clang::Expr* arg = call->getArg(i);
      bool matches = false;
      if (param->isReferenceType()) {
        // Same type as the result (std::max), or the owner a string_view or
        // span result can view (trim(const std::string&)).
        const clang::QualType param_referee = param.getNonReferenceType().getUnqualifiedType().getCanonicalType();
        matches = part_of_argument || (!result_is_view && param_referee == referee) ||
                  (result_is_view && !is_iterator_class(result->getAsCXXRecordDecl()) &&
                   is_std_class(param_referee->getAsCXXRecordDecl(), {"basic_string", "vector", "array"}));
      } else if (result_is_view && is_view(param)) {
        matches = true;  // trim(std::string_view) handed a temporary string
      }
      if (!matches) continue;
      std::optional<Root> root = is_view(arg->getType()) ? of_view(arg, depth + 1) : of_object(arg, depth + 1);
      if (root && root->kind == Root::temporary) {
        root->conservative = true;
        return root;
      }
    }
    return std::nullopt;
  }
};

class Dangling final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl)) {
      check_variable(*var, ctx);
    } else if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(&decl)) {
      // std::string_view name_ = std::string("x");
      const clang::Expr* init = field->getInClassInitializer();
      if (init == nullptr || init->isTypeDependent() || !is_view(field->getType())) return;
      Roots roots;
      if (auto root = roots.of_view(init)) {
        report_binding(field->getLocation(), "member '" + field->getNameAsString() + "'", *root, ctx);
      }
    } else if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&decl)) {
      if (!ctor->doesThisDeclarationHaveABody() || ctor->isDependentContext()) return;
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        if (!init->isWritten() || !init->isMemberInitializer() || init->getMember() == nullptr) continue;
        const clang::QualType type = init->getMember()->getType();
        Roots roots;
        std::optional<Root> root;
        if (type->isReferenceType()) root = roots.of_object(init->getInit());
        else if (is_view(type)) root = roots.of_view(init->getInit());
        if (root) report_binding(init->getSourceLocation(), "member '" + init->getMember()->getNameAsString() + "'", *root, ctx);
      }
    }
  }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&stmt)) {
      check_return(*ret, ctx);
    } else if (const auto* range_for = llvm::dyn_cast<clang::CXXForRangeStmt>(&stmt)) {
      // The implicit `auto&& __range = <range-init>;` (the walk skips
      // implicit code).
      if (const clang::DeclStmt* range = range_for->getRangeStmt(); range != nullptr && range->isSingleDecl()) {
        if (const auto* var = llvm::dyn_cast<clang::VarDecl>(range->getSingleDecl())) check_variable(*var, ctx);
      }
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt)) {
      // view = std::string("x");
      if (op->getOperator() != clang::OO_Equal || op->getNumArgs() != 2 || !is_view(op->getArg(0)->getType())) return;
      if (op->isTypeDependent()) return;
      const clang::Expr* target = op->getArg(0)->IgnoreParenImpCasts();
      const clang::ValueDecl* named = nullptr;
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(target)) named = ref->getDecl();
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(target)) named = member->getMemberDecl();
      if (named == nullptr) return;
      Roots roots;
      if (auto root = roots.of_view(op->getArg(1))) {
        report_binding(op->getOperatorLoc(), "'" + named->getNameAsString() + "'", *root, ctx);
      }
    }
  }

 private:
  void check_variable(const clang::VarDecl& var, RuleContext& ctx) {
    if (llvm::isa<clang::ParmVarDecl>(var) || var.isInvalidDecl()) return;
    const clang::Expr* init = var.getInit();
    if (init == nullptr || init->isTypeDependent() || init->isValueDependent() || var.getType()->isDependentType()) return;
    const clang::QualType type = var.getType();
    Roots roots;
    roots.checking = &var;
    std::optional<Root> root;
    if (type->isReferenceType()) {
      root = roots.of_object(init);
    } else if (is_view(type)) {
      root = roots.of_view(init);
    }
    if (!root) return;
    std::string what;
    if (var.isImplicit() && var.getIdentifier() != nullptr && var.getName().starts_with("__range")) {
      what = "the range of this range-for loop";
    } else {
      what = "'" + var.getNameAsString() + "'";
    }
    report_binding(var.isImplicit() ? init->getBeginLoc() : var.getLocation(), what, *root, ctx);
  }

  void check_return(const clang::ReturnStmt& ret, RuleContext& ctx) {
    const clang::Expr* value = ret.getRetValue();
    const clang::FunctionDecl* fn = ctx.enclosing_function();
    if (value == nullptr || fn == nullptr || value->isTypeDependent() || fn->isDependentContext()) return;
    const clang::QualType result = fn->getReturnType();
    Roots roots;
    roots.locals = true;
    std::optional<Root> root;
    if (result->isReferenceType()) root = roots.of_object(value);
    else if (is_view(result)) root = roots.of_view(value);
    if (!root) return;
    const char* kind = result->isReferenceType() ? "a reference" : "a view";
    if (root->kind == Root::local) {
      const std::string name = root->var->getNameAsString();
      ctx.report.error(ret.getBeginLoc(), kName,
                       std::string("returning ") + kind + " to local variable '" + name +
                           "', which is destroyed when the function returns; return the value itself (by value: "
                           "std::string, std::vector, ...)")
          << value->getSourceRange();
      ctx.report.note(root->var->getLocation(), "'" + name + "' is declared here");
      return;
    }
    ctx.report.error(ret.getBeginLoc(), kName,
                     std::string("returning ") + kind +
                         " to a temporary that is destroyed at the end of the return statement; return the value "
                         "itself (by value)")
        << value->getSourceRange();
    ctx.report.note(root->expr->getExprLoc(), "the temporary is created here");
  }

  void report_binding(clang::SourceLocation loc, const std::string& what, const Root& root, RuleContext& ctx) {
    if (!reported_.insert(loc).second) return;
    if (root.kind == Root::local) return;  // locals outlive what is bound to them in the same scope
    std::string message = what + " refers to a temporary that is destroyed at the end of the full-expression, so it "
                                 "dangles from the next statement on; ";
    if (root.conservative) {
      message += "the function may return (a view of) its temporary argument; ";
    }
    message += "keep a value instead (std::string / std::vector / auto, not a reference or view), or store the "
               "temporary in a named variable first";
    ctx.report.error(loc, kName, message);
    ctx.report.note(root.expr->getExprLoc(), "the temporary is created here");
  }

  std::set<clang::SourceLocation> reported_;
};

}  // namespace

std::unique_ptr<Rule> make_Dangling() { return std::make_unique<Dangling>(); }

}  // namespace meshwa::rules
