// meshwa-banned-function: the standard library's C++ spellings of banned
// functions (not extern "C", so matched by their namespace or class):
// std::terminate and the process-wide handlers, std::locale::global,
// std::char_traits' pointer + count copies, std::filesystem::current_path(p).
#include "BannedFunction/BannedFunctionChecks.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallString.h"

namespace meshwa::rules::banned_function {

namespace {

/// The standard library's C++ functions of the same kind (not extern "C",
/// so they are matched by their namespace or class): "name" for a function
/// of namespace std, "class::name" for a static member of a std:: class.
const llvm::StringMap<llvm::StringRef>& banned_std() {
  static const llvm::StringMap<llvm::StringRef> table = [] {
    llvm::StringMap<llvm::StringRef> t;
    // Like abort: noexcept violations still end up there, but nobody needs to call it.
    t["terminate"] = "ends the whole process, and with it every other service in the binary; return a "
                     "meshwa::Error or throw instead";
    for (const char* n : {"set_terminate", "set_unexpected", "set_new_handler"}) {
      t[n] = "replaces a handler that the whole process shares, which then runs for every service (and "
             "dangles when it lives in this one); handle the error in the service: catch std::bad_alloc, "
             "return a meshwa::Error";
    }
    t["unreachable"] = "is a promise to the optimiser that nobody checks: when it is false the behaviour is "
                       "undefined, and the optimiser uses it to delete bounds checks; throw or return a "
                       "meshwa::Error instead";
    t["locale::global"] = "replaces the default locale of the whole process, under every service's streams "
                          "and conversions; imbue a std::locale into a stream you own (os.imbue(...))";
    t["ios_base::sync_with_stdio"] = "changes how the standard streams that every service shares are buffered; "
                                     "leave it to the program's main";
    return t;
  }();
  return table;
}

/// std::char_traits<C>::copy/move/assign/compare/find(pointer, count, ...):
/// memcpy, memmove, memset, memcmp and memchr under the standard library's
/// name (libstdc++'s primary template inherits them from
/// __gnu_cxx::char_traits). assign(c1, c2) on two characters is no copy.
bool is_char_traits_buffer_function(const clang::FunctionDecl& fn) {
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
  if (method == nullptr || !method->isStatic()) return false;
  const clang::CXXRecordDecl* record = method->getParent();
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "char_traits") return false;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getEnclosingNamespaceContext());
  if (!record->isInStdNamespace() && (ns == nullptr || ns->getName() != "__gnu_cxx")) return false;
  const llvm::StringRef name = method->getName();
  if (name != "copy" && name != "move" && name != "assign" && name != "compare" && name != "find") return false;
  return method->getNumParams() > 0 && method->getParamDecl(0)->getType()->isPointerType();
}

/// std::filesystem::current_path(p) and current_path(p, ec): chdir under
/// the standard library's name. The getters current_path() and
/// current_path(ec) take no path.
bool is_current_path_setter(const clang::FunctionDecl& fn) {
  if (fn.getName() != "current_path" || fn.getNumParams() == 0) return false;
  if (!in_std_namespace(fn.getEnclosingNamespaceContext(), "filesystem")) return false;
  const clang::CXXRecordDecl* first = fn.getParamDecl(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return first != nullptr && first->getIdentifier() != nullptr && first->getName() == "path";
}

}  // namespace

/// The C++ functions of the standard library on the list: std::terminate,
/// std::set_new_handler, std::locale::global, std::char_traits<C>::copy, ...
bool check_std_function(const clang::Expr& ref, const clang::FunctionDecl& fn, RuleContext& ctx) {
  const llvm::StringRef name = fn.getName();
  if (is_char_traits_buffer_function(fn)) {
    ctx.report.error(ref.getBeginLoc(), kName,
                     ("std::char_traits::" + name +
                      " reads or writes through raw pointers as many characters as a separate count says, "
                      "unchecked against the buffer (memcpy by another name); use std::string's operations or "
                      "std::copy on containers")
                         .str())
        << ref.getSourceRange();
    return true;
  }
  if (is_current_path_setter(fn)) {
    ctx.report.error(ref.getBeginLoc(), kName,
                     "'std::filesystem::current_path(path)' changes the working directory of the whole process, "
                     "like chdir, under every service's relative paths; use absolute paths (built from the "
                     "service's configuration, ctx.config)")
        << ref.getSourceRange();
    return true;
  }
  // Every std:: function named in service code passes here (std::move,
  // std::forward, ...): the key is built without allocating.
  llvm::SmallString<64> key;
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn)) {
    const clang::CXXRecordDecl* record = method->getParent();
    if (!method->isStatic() || record == nullptr || record->getIdentifier() == nullptr ||
        !record->isInStdNamespace()) {
      return false;
    }
    key += record->getName();
    key += "::";
  } else if (!fn.isInStdNamespace()) {
    return false;
  }
  key += name;
  const auto& table = banned_std();
  auto it = table.find(key);
  if (it == table.end()) return false;
  ctx.report.error(ref.getBeginLoc(), kName, ("'std::" + key + "' " + it->second).str()) << ref.getSourceRange();
  return true;
}

}  // namespace meshwa::rules::banned_function
