// meshwa-banned-function: what the whole process shares. The C standard
// streams and descriptors 0-2 belong to every service and the runtime
// (fclose(stdout), close(1) reported); pipe(fds) and socketpair into an
// array that holds both descriptors are accepted.
#include "Annotations.h"
#include "BannedFunction/BannedFunctionChecks.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"

namespace meshwa::rules::banned_function {

/// pipe(fds), pipe2(fds, flags), socketpair(d, t, p, fds) where fds is a
/// C array of at least two ints or the .data() of a std::array of at least
/// two: the two descriptors fit, and the size is in the type.
bool writes_int_pair_safely(llvm::StringRef name, const clang::CallExpr* call, RuleContext& ctx) {
  unsigned index = 0;
  if (name == "socketpair") {
    index = 3;
  } else if (name != "pipe" && name != "pipe2") {
    return false;
  }
  if (call == nullptr || call->getNumArgs() <= index) return false;
  const clang::Expr* arg = call->getArg(index)->IgnoreParenImpCasts();
  clang::QualType holder;
  if (const auto* data = llvm::dyn_cast<clang::CXXMemberCallExpr>(arg)) {
    const clang::CXXMethodDecl* method = data->getMethodDecl();
    const clang::CXXRecordDecl* record = method != nullptr ? method->getParent() : nullptr;
    if (record == nullptr || method->getIdentifier() == nullptr || method->getName() != "data" ||
        record->getIdentifier() == nullptr || record->getName() != "array" || !record->isInStdNamespace()) {
      return false;
    }
    const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(record);
    if (spec == nullptr || spec->getTemplateArgs().size() < 2) return false;
    const clang::TemplateArgument& count = spec->getTemplateArgs()[1];
    return count.getKind() == clang::TemplateArgument::Integral && count.getAsIntegral().getZExtValue() >= 2;
  }
  holder = arg->getType();
  const auto* array = ctx.ast.getAsConstantArrayType(holder);
  return array != nullptr && array->getSize().getZExtValue() >= 2 &&
         array->getElementType()->isIntegerType();
}

/// fclose(stdout), freopen(path, mode, stderr), close(1): the C standard
/// streams and descriptors 0-2 are the process's, shared by every service
/// and the runtime; after fclose, their next printf/puts uses a freed FILE.
/// A FILE or descriptor the service opened itself stays its business.
bool check_shared_c_stream(const clang::Expr& ref, const clang::FunctionDecl& fn, const clang::CallExpr* call,
                           RuleContext& ctx) {
  const llvm::StringRef name = fn.getName();
  if ((name != "fclose" && name != "freopen" && name != "freopen64" && name != "close") ||
      !is_library_function(fn)) {
    return false;
  }
  if (call == nullptr || call->getNumArgs() == 0) return false;
  const clang::Expr* arg = call->getArg(name == "fclose" || name == "close" ? 0 : call->getNumArgs() - 1);
  if (arg->isValueDependent()) return false;
  std::string what;
  if (name == "close") {
    clang::Expr::EvalResult value;
    if (!arg->EvaluateAsInt(value, ctx.ast)) return false;
    const llvm::APSInt fd = value.Val.getInt();
    if (fd.isNegative() || fd.getExtValue() > 2) return false;
    what = "standard descriptor " + std::to_string(fd.getExtValue());
  } else {
    const auto* stream_ref = llvm::dyn_cast<clang::DeclRefExpr>(arg->IgnoreParenImpCasts());
    const auto* var = stream_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(stream_ref->getDecl()) : nullptr;
    if (var == nullptr || !var->hasGlobalStorage() || var->getIdentifier() == nullptr ||
        ctx.service_code.contains(var->getLocation())) {
      return false;
    }
    const llvm::StringRef stream = var->getName();
    if (stream != "stdin" && stream != "stdout" && stream != "stderr") return false;
    what = stream.str();
  }
  ctx.report.error(ref.getBeginLoc(), kName,
                   ("'" + name + "' on " + what +
                    " closes or reopens what every service and the runtime read or write (their next "
                    "printf/puts uses a closed FILE); open a file of your own with std::fstream, or write "
                    "through std::cout")
                       .str())
      << call->getSourceRange();
  return true;
}

}  // namespace meshwa::rules::banned_function
