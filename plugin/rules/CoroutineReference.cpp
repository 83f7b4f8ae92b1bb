// meshwa-coroutine-reference: references a coroutine keeps past its first
// suspension. A coroutine's parameters live in its frame, which outlives the
// call that made it: a reference or view parameter still refers to the
// caller's argument when the coroutine resumes, and a temporary argument
// (`parse(std::string("x"))`) died at the end of the full expression that
// created the coroutine. A coroutine lambda's captures live in the lambda
// object, not in the frame: once the lambda (often a temporary,
// `[n]() -> Task { co_await f(); use(n); }()`) is gone, every capture is.
// A by-value parameter of a template parameter's type is judged in each
// instantiation of the function template (a view there is kept as well).
// (C++ Core Guidelines CP.53 and CP.51.)
#include "Flow.h"
#include "Instantiations.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/LambdaCapture.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "coroutine-reference";

class CoroutineReference final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_function(const clang::FunctionDecl& fn, RuleContext& ctx) override {
    const auto* body = llvm::dyn_cast_or_null<clang::CoroutineBodyStmt>(fn.getBody());
    if (body == nullptr) return;
    for (const clang::ParmVarDecl* param : fn.parameters()) check_parameter(*param, fn, ctx);
    check_instantiated_parameters(fn, ctx);
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
    if (method != nullptr && method->getParent()->isLambda()) check_captures(*method->getParent(), ctx);
  }

 private:
  /// A parameter that refers to the caller's data: a reference (also
  /// `const T&` of a template parameter), a view, an iterator, a class that
  /// holds only such handles.
  static bool refers_to_caller(clang::QualType type) {
    return (type->isReferenceType() && !is_meshwa_context(type)) || is_reference_like(type) ||
           holds_only_handles(type) || is_view_holder(type);
  }

  static void check_parameter(const clang::ParmVarDecl& param, const clang::FunctionDecl& fn, RuleContext& ctx) {
    if (refers_to_caller(param.getType())) report_parameter(param, param.getType(), fn, ctx);
  }

  /// A parameter of a function template taken by value as a template
  /// parameter (`template <class R> Gen each(R r)`, `auto r` of a generic
  /// lambda, `Task push(T v)` of a class template) is a copy as written, but
  /// an instantiation may make it a view (`each(std::span<const int>(v))`,
  /// `Pipe<std::string_view>`): it is judged in each instantiation (up to
  /// kInstancesLooked) and reported once, at the parameter, with a note
  /// naming the instantiation.
  static void check_instantiated_parameters(const clang::FunctionDecl& fn, RuleContext& ctx) {
    llvm::SmallPtrSet<const clang::ParmVarDecl*, 4> reported;
    for (const clang::FunctionDecl* instance : instances_of(fn)) {
      for_each_instantiated_parameter(fn, *instance, [&](const clang::ParmVarDecl& written, clang::QualType actual) {
        if (!written.getType()->isDependentType() || refers_to_caller(written.getType()) ||
            !refers_to_caller(actual) || !reported.insert(&written).second) {
          return;
        }
        report_parameter(written, actual, fn, ctx);
        note_instantiation(*instance, ctx);
      });
    }
  }

  /// The implicit instantiations of `fn` (up to kInstancesLooked): of a
  /// function template, of a member of a class template or of a class
  /// nested in one, of a lambda's call operator in each instance of the
  /// function template around it (the shared walk, rules::instances_of).
  /// An explicit specialization is a function of its own, judged as written.
  static llvm::SmallVector<const clang::FunctionDecl*, 8> instances_of(const clang::FunctionDecl& fn) {
    constexpr unsigned kInstancesLooked = 64;
    llvm::SmallVector<const clang::FunctionDecl*, 8> out;
    if (!fn.isDependentContext()) return out;
    for (const clang::DeclContext* dc : rules::instances_of(fn, kInstancesLooked)) {
      const auto* instance = llvm::dyn_cast<clang::FunctionDecl>(dc);
      if (instance != nullptr && instance != &fn &&
          instance->getTemplateSpecializationKind() != clang::TSK_ExplicitSpecialization) {
        out.push_back(instance);
      }
    }
    return out;
  }

  /// `visit(written, type)` for each parameter of `instance` with the
  /// pattern's parameter it comes from: a pack (`Ts... parts`) stands for
  /// as many parameters as the instantiation has in its place.
  static void for_each_instantiated_parameter(
      const clang::FunctionDecl& pattern, const clang::FunctionDecl& instance,
      llvm::function_ref<void(const clang::ParmVarDecl&, clang::QualType)> visit) {
    const unsigned written_count = pattern.getNumParams();
    const unsigned actual_count = instance.getNumParams();
    unsigned actual = 0;
    for (unsigned i = 0; i < written_count; ++i) {
      const clang::ParmVarDecl* written = pattern.getParamDecl(i);
      unsigned covers = 1;
      if (written->isParameterPack()) {
        if (actual_count + 1 < written_count) return;
        covers = actual_count + 1 - written_count;
      }
      for (unsigned k = 0; k < covers && actual < actual_count; ++k, ++actual) {
        visit(*written, instance.getParamDecl(actual)->getType());
      }
    }
  }

  /// The error for `param`, of type `type` (its type as written, or what an
  /// instantiation made of it), and a note at the first co_await / co_yield.
  static void report_parameter(const clang::ParmVarDecl& param, clang::QualType type, const clang::FunctionDecl& fn,
                               RuleContext& ctx) {
    const std::string name = param.getName().empty() ? std::string("parameter") : "'" + param.getName().str() + "'";
    const std::string owned = type.getNonReferenceType().getUnqualifiedType().getAsString(
        ctx.ast.getPrintingPolicy());
    const std::string remedy = type->isReferenceType()
                                   ? "take it by value (" + owned + ")"
                                   : "take an owning value (std::string for a std::string_view, std::vector for a "
                                     "std::span)";
    ctx.report.error(param.getLocation(), kName,
                     "coroutine parameter " + name + " of type '" + type.getAsString(ctx.ast.getPrintingPolicy()) +
                         "' refers to the caller's data, and the coroutine keeps it in its frame past the first "
                         "suspension, when that data may be gone (a temporary argument dies at the end of the "
                         "call's full expression); " + remedy + ", so that the frame holds its own copy")
        << param.getSourceRange();
    const clang::Stmt* keyword = first_coroutine_keyword(fn, ctx);
    ctx.report.note(keyword != nullptr ? keyword->getBeginLoc() : fn.getLocation(),
                    "this makes '" + fn.getNameAsString() + "' a coroutine");
  }

  /// The first co_await, co_yield or co_return written in `fn`'s own body
  /// (not in a lambda inside it).
  static const clang::Stmt* first_coroutine_keyword(const clang::FunctionDecl& fn, RuleContext& ctx) {
    const auto* coroutine = llvm::cast<clang::CoroutineBodyStmt>(fn.getBody());
    const clang::Stmt* first = nullptr;
    flow::contains_outside_lambdas(coroutine->getBody(), [&](const clang::Stmt& s) {
      const auto* suspend = llvm::dyn_cast<clang::CoroutineSuspendExpr>(&s);
      const bool written = llvm::isa<clang::CoreturnStmt, clang::DependentCoawaitExpr>(s) ||
                           (suspend != nullptr && !(llvm::isa<clang::CoawaitExpr>(s) &&
                                                    llvm::cast<clang::CoawaitExpr>(s).isImplicit()));
      if (written && s.getBeginLoc().isValid() &&
          (first == nullptr || ctx.sources().isBeforeInTranslationUnit(s.getBeginLoc(), first->getBeginLoc()))) {
        first = &s;
      }
      return false;
    });
    return first;
  }

  static void check_captures(const clang::CXXRecordDecl& lambda, RuleContext& ctx) {
    for (const clang::LambdaCapture& capture : lambda.captures()) {
      if (capture.isImplicit() && capture.getLocation().isInvalid()) continue;
      std::string what;
      if (capture.capturesThis()) {
        what = "'this'";
      } else if (capture.capturesVariable()) {
        what = "'" + capture.getCapturedVar()->getName().str() + "'";
      } else {
        continue;  // a VLA's size
      }
      ctx.report.error(capture.getLocation(), kName,
                       "a coroutine lambda's capture " + what +
                           " lives in the lambda object, not in the coroutine frame, and is gone once the lambda "
                           "is (a temporary lambda dies at the end of the full expression that calls it) while "
                           "the coroutine may still run; pass the value as a parameter instead (by value), or "
                           "make the coroutine a named function");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_CoroutineReference() { return std::make_unique<CoroutineReference>(); }

}  // namespace meshwa::rules
