// meshwa-banned-function: C functions that cannot be used safely, or that
// reach around the isolation of the other services.
//   - C variadic functions: calling one (printf, scanf, open, ...), defining
//     one, va_list variables and va_arg (arguments are not type-checked)
//   - a banned list (the table below): unbounded copies and string functions,
//     setjmp/longjmp and the ucontext jumps, alloca, functions that end or
//     reconfigure the whole process (exit, signal, sigprocmask, chdir, dup2,
//     mprotect, ...), optimiser promises nobody checks (__builtin_assume,
//     __builtin_unreachable), and the intrinsics that write the
//     protection-key register (_wrpkru, _xrstor)
//   - the standard library's C++ spellings of the same: std::terminate and
//     the process-wide handlers (set_terminate, set_new_handler),
//     std::locale::global, std::ios_base::sync_with_stdio, the
//     std::char_traits pointer + length copies (memcpy by another name),
//     [[assume]], and rdbuf(buffer) / tie(stream) on the standard streams
//     (std::cout would keep a pointer into the service)
//   - fclose/freopen of stdin/stdout/stderr and close(0..2): the process's
//     standard streams, shared by every service and the runtime
//   - variable-length arrays (alloca by another name)
// Both calls and other uses (taking the function's address) are reported.
// Accepted: variadic templates, std::format-free iostreams, std::string,
// std::copy, std::fill, snprintf-free formatting via std::ostringstream /
// std::to_string.
// The checks that live in this folder's other files: BannedFunctionChecks.h.
#include "Annotations.h"
#include "BannedFunction.h"
#include "BannedFunction/BannedFunctionChecks.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"

namespace meshwa::rules::banned_function {

namespace {

bool is_c_variadic(const clang::FunctionDecl& fn) {
  const auto* proto = fn.getType()->getAs<clang::FunctionProtoType>();
  if (proto == nullptr || !proto->isVariadic()) return false;
  // __builtin_add_overflow(a, b, &out), __builtin_isnan(x): declared with
  // `...`, but clang's Sema checks each argument's type itself. Not
  // va_start, which opens the unchecked arguments of a C variadic function.
  const unsigned builtin = fn.getBuiltinID();
  if (builtin != 0 && fn.getASTContext().BuiltinInfo.hasCustomTypechecking(builtin) &&
      !fn.getName().contains("va_start")) {
    return false;
  }
  return true;
}

/// Whether `body` opens the variadic arguments of its function: va_start
/// (any builtin spelling) or va_arg. Nothing else reaches them.
bool opens_variadic_arguments(const clang::Stmt* body) {
  llvm::SmallVector<const clang::Stmt*, 32> work{body};
  while (!work.empty()) {
    const clang::Stmt* s = work.pop_back_val();
    if (s == nullptr) continue;
    if (llvm::isa<clang::VAArgExpr>(s)) return true;
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee != nullptr && callee->getBuiltinID() != 0 && callee->getName().contains("va_start")) return true;
    }
    for (const clang::Stmt* child : s->children()) work.push_back(child);
  }
  return false;
}

/// Inside sizeof/alignof/noexcept/decltype/typeid-of-type: nothing is called.
/// Up to the innermost lambda only: its body runs wherever it is written.
bool in_unevaluated_context(RuleContext& ctx) {
  if (ctx.stmt_parents().empty()) return true;  // reached through a type (decltype)
  for (const clang::Stmt* s : llvm::reverse(ctx.stmt_parents())) {
    if (llvm::isa<clang::LambdaExpr>(s)) return false;
    if (llvm::isa<clang::UnaryExprOrTypeTraitExpr, clang::CXXNoexceptExpr>(s)) return true;
    if (const auto* type_id = llvm::dyn_cast<clang::CXXTypeidExpr>(s)) {
      if (!type_id->isPotentiallyEvaluated()) return true;
    }
  }
  return false;
}

class BannedFunction final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&stmt)) {
      check_reference(*ref, ctx);
    } else if (const auto* lookup = llvm::dyn_cast<clang::UnresolvedLookupExpr>(&stmt)) {
      check_unresolved(*lookup, ctx);
    } else if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&stmt)) {
      check_buffer_and_count_call(*member_call, ctx);
      check_variadic_method_call(*member_call, member_call->getMethodDecl(), ctx);
    } else if (const auto* op_call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt)) {
      // `fmt("%d", n)` on a `void operator()(const char*, ...)`.
      check_variadic_method_call(*op_call, llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op_call->getDirectCallee()),
                                 ctx);
    } else if (const auto* attributed = llvm::dyn_cast<clang::AttributedStmt>(&stmt)) {
      for (const clang::Attr* attr : attributed->getAttrs()) {
        if (!llvm::isa<clang::CXXAssumeAttr>(attr)) continue;
        ctx.report.error(attr->getLocation(), kName,
                         "[[assume]] is a promise to the optimiser that nobody checks: when it is false the "
                         "behaviour is undefined, and the optimiser uses it to delete bounds checks; test the "
                         "condition and throw or return a meshwa::Error instead")
            << attr->getRange();
      }
    } else if (const auto* va = llvm::dyn_cast<clang::VAArgExpr>(&stmt)) {
      ctx.report.error(va->getBeginLoc(), kName,
                       "va_arg reads an argument whose type nobody checked; use a variadic template or a "
                       "std::initializer_list")
          << va->getSourceRange();
    }
  }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&decl)) {
      // Defining a C variadic function that reads its variadic arguments.
      // Declarations without a body are harmless (SFINAE helpers `static no
      // test(...);`; calls are checked), and so is a body that never opens
      // them: the overload-ranking fallback `void impl(T&, ...) {}` ignores
      // what it is passed.
      if (fn->doesThisDeclarationHaveABody() && is_c_variadic(*fn) && opens_variadic_arguments(fn->getBody())) {
        ctx.report.error(fn->getLocation(), kName,
                         "a C variadic function (...) receives arguments whose types nobody checks; use a "
                         "variadic template or a std::initializer_list")
            << fn->getSourceRange();
      }
      return;
    }
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl)) {
      check_variable_length_array(*var, ctx);
      // A parameter of a declaration without a body (`int vlog(const char*
      // fmt, va_list args);`) holds nothing: no call can make a va_list
      // without a C variadic function, reported where it is defined.
      const auto* parm = llvm::dyn_cast<clang::ParmVarDecl>(var);
      const auto* owner = parm != nullptr ? llvm::dyn_cast<clang::FunctionDecl>(parm->getDeclContext()) : nullptr;
      if (owner != nullptr && !owner->doesThisDeclarationHaveABody()) return;
      if (is_va_list(var->getType(), ctx.ast)) {
        ctx.report.error(var->getLocation(), kName,
                         "a va_list walks C variadic arguments whose types nobody checks; use a variadic "
                         "template or a std::initializer_list")
            << var->getSourceRange();
      }
    }
  }

  void check_end_of_translation_unit(RuleContext& /*ctx*/) override { ignores_variadics_.clear(); }

 private:
  /// `T buf[n];` with a run-time n, of any element type and at any array
  /// level (`int grid[4][n]`): a stack allocation of run-time size, which
  /// is what alloca is banned for. A parameter declared as an array is a
  /// pointer, not an allocation (raw-pointer's business).
  static void check_variable_length_array(const clang::VarDecl& var, RuleContext& ctx) {
    if (llvm::isa<clang::ParmVarDecl>(var)) return;
    const clang::Type* type = var.getType().getTypePtrOrNull();
    while (type != nullptr) {
      const clang::ArrayType* array = type->getAsArrayTypeUnsafe();
      if (array == nullptr) return;
      if (llvm::isa<clang::VariableArrayType>(array)) break;
      type = array->getElementType().getTypePtrOrNull();
    }
    if (type == nullptr) return;
    ctx.report.error(var.getLocation(), kName,
                     "a variable-length array takes a run-time amount of stack, like alloca (a stack overflow "
                     "when the size is large); use std::vector<T>(n)")
        << var.getSourceRange();
  }

  /// `obj.log("%d", n)` on a C variadic member function, `fmt("%d", n)` on a
  /// C variadic operator(): calls through an object, which check_reference
  /// (names) does not see.
  void check_variadic_method_call(const clang::CallExpr& call, const clang::CXXMethodDecl* method,
                                  RuleContext& ctx) {
    if (method == nullptr || !is_c_variadic(*method) || in_unevaluated_context(ctx)) return;
    if (ctx.service_code.in_foreign_macro(call.getExprLoc()) || ignores_variadic_arguments(*method)) return;
    ctx.report.error(call.getExprLoc(), kName,
                     "'" + method->getNameAsString() +
                         "' is a C variadic function: its arguments are not type-checked; use a variadic template "
                         "or a C++ overload")
        << call.getSourceRange();
  }

  void check_reference(const clang::DeclRefExpr& ref, RuleContext& ctx) {
    const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(ref.getDecl());
    if (fn == nullptr || fn->getIdentifier() == nullptr) return;
    check_function_named(ref, *fn, ctx);
  }

  /// Ends the process or signals it: what a death test's statement is for.
  static bool ends_the_process(llvm::StringRef name) {
    static constexpr llvm::StringLiteral kEnding[] = {"exit",  "_exit",     "_Exit", "quick_exit",
                                                      "abort", "terminate", "raise", "kill"};
    return llvm::is_contained(kEnding, name);
  }

  /// Reports `fn` named by `ref` when it is banned; true when reported.
  bool check_function_named(const clang::Expr& ref, const clang::FunctionDecl& fn, RuleContext& ctx) {
    const llvm::StringRef name = fn.getName();
    const auto& table = banned_c_functions();
    if (ends_the_process(name) && in_death_test_statement(ref.getExprLoc(), ctx)) return false;
    // A call a library's macro makes inside its own body (EXPECT_DEATH's
    // fprintf, gtest-death-test-internal.h) is the library's. A macro that
    // stands for the banned function is the user's call: alloca(n) expands
    // to __builtin_alloca, setjmp(env) to _setjmp, strdupa to a statement
    // holding __builtin_alloca.
    if (ctx.service_code.in_foreign_macro(ref.getExprLoc()) && !name.starts_with("__builtin") &&
        !table.contains(ctx.service_code.written_macro_name(ref.getExprLoc(), ctx.lang()))) {
      return false;
    }
    auto it = table.find(name);
    if (it == table.end() && name.starts_with("__builtin_")) it = table.find(library_name(name));
    if (it != table.end() && is_library_function(fn)) {
      if (writes_int_pair_safely(name, called_by(ref, ctx), ctx)) return false;
      ctx.report.error(ref.getBeginLoc(), kName, ("'" + name + "' " + it->second).str()) << ref.getSourceRange();
      return true;
    }
    if (check_std_function(ref, fn, ctx)) return true;
    if (check_shared_c_stream(ref, fn, called_by(ref, ctx), ctx)) return true;
    if (fn.getBuiltinID() != 0 && name.contains("va_start") && !in_unevaluated_context(ctx)) {
      ctx.report.error(ref.getBeginLoc(), kName,
                       "va_start opens the C variadic arguments of this function, whose types nobody checks; use a "
                       "variadic template or a std::initializer_list")
          << ref.getSourceRange();
      return true;
    }
    if (is_c_variadic(fn) && !in_unevaluated_context(ctx) && !ignores_variadic_arguments(fn)) {
      ctx.report.error(ref.getBeginLoc(), kName,
                       ("'" + name +
                        "' is a C variadic function: its arguments are not type-checked; use std::ostringstream "
                        "/ std::cout for output, std::istringstream / std::from_chars for input, or a C++ "
                        "overload")
                           .str())
          << ref.getSourceRange();
      return true;
    }
    return false;
  }

  /// A C variadic function whose definition is in sight and never opens its
  /// variadic arguments (`template <class T> void impl(T&, ...) {}`, chosen
  /// when the better overload drops out): what it is passed is never read.
  /// A function defined nowhere in the translation unit may read them.
  bool ignores_variadic_arguments(const clang::FunctionDecl& fn) {
    // A virtual one may be overridden by a body that opens them.
    if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn); method != nullptr && method->isVirtual()) {
      return false;
    }
    const clang::FunctionDecl* pattern = fn.getTemplateInstantiationPattern();
    const clang::FunctionDecl* definition = (pattern != nullptr ? pattern : &fn)->getDefinition();
    if (definition == nullptr || !definition->hasBody()) return false;
    auto [it, inserted] = ignores_variadics_.try_emplace(definition, false);
    if (inserted) it->second = !opens_variadic_arguments(definition->getBody());
    return it->second;
  }

  llvm::DenseMap<const clang::FunctionDecl*, bool> ignores_variadics_;  // per definition, this translation unit

  /// The call whose callee `ref` is (`pipe` in `pipe(fds)`), else nullptr.
  static const clang::CallExpr* called_by(const clang::Expr& ref, RuleContext& ctx) {
    const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(ctx.parent_ignoring_implicit());
    if (call == nullptr || call->getCallee()->IgnoreParenImpCasts() != &ref) return nullptr;
    return call;
  }

  /// A name whose overload resolution waits for the template arguments:
  /// `memset(d.data(), 0, n)` in a template or a generic lambda (an argument
  /// depends on a template parameter, so the call is resolved only in the
  /// instantiation, which the walk does not visit). The candidates found by
  /// ordinary lookup are known in the pattern: a banned one that can take
  /// the call's number of arguments is reported. A function of the
  /// service's own namespace that only argument-dependent lookup finds is
  /// no candidate here, and stays accepted.
  void check_unresolved(const clang::UnresolvedLookupExpr& lookup, RuleContext& ctx) {
    const clang::CallExpr* call = nullptr;
    if (const auto* parent = llvm::dyn_cast_or_null<clang::CallExpr>(ctx.parent_ignoring_implicit())) {
      if (parent->getCallee()->IgnoreParenImpCasts() == &lookup) call = parent;
    }
    for (const clang::NamedDecl* candidate : lookup.decls()) {
      const clang::FunctionDecl* fn = candidate->getUnderlyingDecl()->getAsFunction();
      if (fn == nullptr || fn->getIdentifier() == nullptr) continue;
      if (call != nullptr && !can_take(*fn, call->getNumArgs())) continue;
      if (check_function_named(lookup, *fn, ctx)) return;
    }
  }

  /// Whether `fn` accepts `args` arguments (defaults and C variadics counted).
  static bool can_take(const clang::FunctionDecl& fn, unsigned args) {
    if (args < fn.getMinRequiredArguments()) return false;
    return is_c_variadic(fn) || args <= fn.getNumParams();
  }
};

}  // namespace

}  // namespace meshwa::rules::banned_function

namespace meshwa::rules {

/// Is `loc` in the statement of a GoogleTest death test
/// (`EXPECT_DEATH(std::abort(), "")`, `ASSERT_EXIT(std::exit(3), ...)`)?
/// That statement runs in a child process that is meant to end.
bool in_death_test_statement(clang::SourceLocation loc, const RuleContext& ctx) {
  const clang::SourceManager& sm = ctx.sources();
  for (int depth = 0; depth < 32 && loc.isMacroID(); ++depth) {
    const llvm::StringRef macro = clang::Lexer::getImmediateMacroName(loc, sm, ctx.lang());
    if (macro.ends_with("_DEATH") || macro.ends_with("_DEATH_IF_SUPPORTED") || macro.ends_with("_EXIT") ||
        macro == "GTEST_DEATH_TEST_") {
      if (macro.starts_with("EXPECT_") || macro.starts_with("ASSERT_") || macro.starts_with("GTEST_")) return true;
    }
    loc = sm.getImmediateMacroCallerLoc(loc);
  }
  return false;
}

std::unique_ptr<Rule> make_BannedFunction() { return std::make_unique<banned_function::BannedFunction>(); }

}  // namespace meshwa::rules
