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
#include <optional>

#include "Annotations.h"
#include "BannedFunction.h"
#include "Flow.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "banned-function";

/// name -> "why; what instead" (the message after "'name' ...").
const llvm::StringMap<llvm::StringRef>& banned() {
  static const llvm::StringMap<llvm::StringRef> table = [] {
    llvm::StringMap<llvm::StringRef> t;
    const llvm::StringRef copy = "copies raw bytes without bounds or type checks; copy objects (=, std::copy, "
                                 "a container's assign) instead";
    for (const char* n : {"memcpy", "memmove", "mempcpy", "bcopy", "memccpy", "wmemcpy", "wmemmove", "wmempcpy"}) {
      t[n] = copy;
    }
    for (const char* n : {"memset", "bzero", "explicit_bzero", "wmemset"}) {
      t[n] = "writes raw bytes without bounds or type checks; value-initialise ({}) or use std::fill";
    }
    t["memcmp"] = "compares raw bytes without bounds checks (and padding); compare values with == or <=>";
    t["bcmp"] = t["memcmp"];
    t["wmemcmp"] = t["memcmp"];
    for (const char* n : {"memchr", "wmemchr", "memrchr", "rawmemchr", "memmem"}) {
      t[n] = "searches raw memory as far as a separate length says, unchecked against the buffer; use "
             "std::find or std::string::find";
    }
    const llvm::StringRef str = "works on unbounded C strings (buffer overflow); use std::string and its "
                                "operations (+=, assign, substr, find)";
    for (const char* n : {"strcpy", "strncpy", "strcat", "strncat", "stpcpy", "stpncpy", "strlcpy", "strlcat",
                          "wcscpy", "wcsncpy", "wcscat", "wcsncat"}) {
      t[n] = str;
    }
    t["strtok"] = "keeps hidden global state and writes into its argument; split a std::string with find/substr";
    t["strtok_r"] = "writes into its argument through raw pointers; split a std::string with find/substr";
    t["gets"] = "cannot bound its input (it was removed from C and C++); use std::getline";
    for (const char* n : {"sprintf", "vsprintf", "snprintf", "vsnprintf", "asprintf", "vasprintf", "swprintf"}) {
      t[n] = "formats into a raw buffer with unchecked variadic arguments; use std::ostringstream, "
             "std::to_string or std::string concatenation";
    }
    // The va_list half of printf and scanf: they walk the caller's variadic
    // arguments as the format says, unchecked against their types.
    for (const char* n : {"vprintf", "vfprintf", "vdprintf", "vwprintf", "vfwprintf", "vswprintf", "vscanf",
                          "vfscanf", "vsscanf", "vwscanf", "vfwscanf", "vswscanf", "vsyslog"}) {
      t[n] = "reads the arguments of a va_list as its format string says, unchecked against their types; use "
             "std::ostringstream / std::cout for output, std::istringstream / std::from_chars for input, and a "
             "variadic template instead of the C variadic function that made the va_list";
    }
    for (const char* n : {"setbuf", "setvbuf", "setbuffer", "setlinebuf"}) {
      t[n] = "hands a stream a raw buffer whose size it trusts; let the stream manage its own buffer";
    }
    t["alloca"] = "allocates an unbounded stack buffer (stack overflow, no bounds); use std::vector";
    for (const char* n : {"setjmp", "_setjmp", "sigsetjmp", "longjmp", "_longjmp", "siglongjmp", "getcontext",
                          "setcontext", "swapcontext", "makecontext"}) {
      t[n] = "jumps across stack frames without running destructors; use exceptions or return values";
    }
    for (const char* n : {"exit", "_exit", "_Exit", "quick_exit", "abort"}) {
      t[n] = "ends the whole process, and with it every other service in the binary; return a "
             "meshwa::Error or throw instead";
    }
    for (const char* n : {"atexit", "at_quick_exit"}) {
      t[n] = "registers process-wide code that runs at exit, after the services are gone; release what the "
             "service holds in its destructor instead";
    }
    for (const char* n : {"fork", "vfork"}) {
      t[n] = "copies the whole process with every service in it, in which only the calling thread runs on "
             "(locks other threads held stay locked); not available to services";
    }
    for (const char* n : {"ptrace", "syscall"}) {
      t[n] = "reaches the kernel past every check (any system call, any process's memory); not available to "
             "services";
    }
    t["system"] = "runs a shell command from inside the shared binary; not available to services";
    t["popen"] = "runs a shell command from inside the shared binary; not available to services";
    for (const char* n : {"kill", "killpg", "raise", "tgkill", "tkill", "pthread_kill", "sigqueue",
                          "pthread_sigqueue"}) {
      t[n] = "sends a signal, which can end the whole process with every service in it, or fake a "
             "protection-key fault that the runtime blames on a service; return a meshwa::Error or throw instead";
    }
    for (const char* n : {"sigprocmask", "pthread_sigmask", "sigsuspend", "sighold", "sigrelse", "sigpause"}) {
      t[n] = "changes which signals are blocked; with SIGSEGV blocked, a protection-key fault that the runtime "
             "would turn into an error ends the whole process instead; not available to services";
    }
    for (const char* n : {"signal", "sigaction", "sysv_signal", "bsd_signal", "sigaltstack", "sigset", "sigignore",
                          "siginterrupt"}) {
      t[n] = "replaces a process-wide signal handler that the runtime owns (it turns MPK faults into "
             "errors); not available to services";
    }
    for (const char* n : {"mprotect", "pkey_mprotect", "pkey_alloc", "pkey_free", "pkey_set", "mmap", "mmap64",
                          "munmap", "mremap", "madvise", "sbrk", "brk", "process_vm_readv", "process_vm_writev"}) {
      t[n] = "changes the process's memory mappings or protection keys, which isolate the services; "
             "use containers for memory, not available to services";
    }
    for (const char* n : {"_wrpkru", "__builtin_ia32_wrpkru", "_xrstor", "_xrstor64", "_xrstors", "_xrstors64",
                          "__builtin_ia32_xrstor", "__builtin_ia32_xrstor64", "__builtin_ia32_xrstors",
                          "__builtin_ia32_xrstors64"}) {
      t[n] = "writes the protection-key register that isolates unsafe services; only meshwa's call gates "
             "may do that";
    }
    // (pointer, length) I/O: the length is trusted, not checked against the buffer.
    for (const char* n : {"fread", "fgets", "fgetws", "read", "pread", "readv", "recv", "recvfrom", "recvmsg",
                          "getline", "getdelim", "readlink", "getcwd", "gethostname", "fwrite", "write", "pwrite",
                          "writev", "send", "sendto", "sendmsg", "strxfrm", "mbstowcs", "wcstombs"}) {
      t[n] = "reads or writes through a raw pointer as many bytes as a separate length says, unchecked "
             "against the buffer; for files use std::fstream with std::string / std::vector (std::getline, "
             "operator>>, operator<<, std::istreambuf_iterator); a socket or other descriptor, which no "
             "standard stream wraps, needs a function marked MESHWA_UNSAFE(\"why\")";
    }
    // System V messages: the count is the text's, after the leading `long
    // mtype`, so even msgrcv(q, v.data(), v.size(), ...) writes past the end.
    for (const char* n : {"msgrcv", "msgsnd"}) {
      t[n] = "moves a message through a raw pointer as many bytes as a separate count says, and that count leaves "
             "out the message's leading 'long mtype' (so even the buffer's own size is too large); talk to other "
             "services through their interfaces, or keep the call in a function marked MESHWA_UNSAFE(\"why\")";
    }
    // A time formatted into a raw buffer: std::put_time formats the same
    // std::tm into a stream (no <format> / chrono operator<< in libstdc++ 12).
    for (const char* n : {"strftime", "wcsftime"}) {
      t[n] = "formats a time through a raw pointer into as many bytes as a separate length says, unchecked "
             "against the buffer; stream it instead: std::ostringstream os; os << std::put_time(&tm, \"%Y-%m-%d\"); "
             "then os.str() (std::wostringstream for wide text)";
    }
    // The same I/O shape, more of it: vectored, positioned and multi-message
    // variants, the wide-character conversions, extended attributes.
    for (const char* n : {"pread64", "pwrite64", "preadv", "preadv2", "pwritev", "pwritev2", "readlinkat",
                          "recvmmsg", "sendmmsg", "mbsrtowcs", "mbsnrtowcs", "wcsrtombs", "wcsnrtombs", "wcsxfrm",
                          "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr",
                          "flistxattr"}) {
      t[n] = t["read"];
    }
    // Functions that write a value of the process into the caller's buffer,
    // as many bytes as a separate length says (or as many as they like).
    for (const char* n : {"ttyname_r", "ptsname_r", "getlogin_r", "getdomainname", "confstr", "getgroups",
                          "getpwnam_r", "getpwuid_r", "getgrnam_r", "getgrgid_r", "getspnam_r",
                          "gethostbyname_r", "gethostbyname2_r", "gethostbyaddr_r", "getservbyname_r",
                          "getprotobyname_r"}) {
      t[n] = "writes into a raw buffer as many bytes as a separate length says, unchecked against the buffer; "
             "take the value from the service's configuration (ctx.config), or from a C++ interface that "
             "returns a std::string or a container";
    }
    for (const char* n : {"strerror_r", "__xpg_strerror_r"}) {
      t[n] = "writes the message into a raw buffer as many bytes as a separate length says, unchecked against "
             "the buffer; use std::generic_category().message(e) (or std::error_code(e, "
             "std::generic_category()).message()), which returns a std::string";
    }
    for (const char* n : {"getentropy", "getrandom"}) {
      t[n] = "writes random bytes through a raw pointer as many as a separate length says, unchecked against the "
             "buffer; use std::random_device (it reads the same kernel source) with a <random> distribution";
    }
    for (const char* n : {"initstate", "setstate", "initstate_r", "setstate_r", "random_r", "srandom_r"}) {
      t[n] = "keeps the generator's state in a raw buffer whose length it trusts (and initstate/setstate change "
             "the generator every service shares); use <random>: a std::mt19937 member seeded from "
             "std::random_device";
    }
    t["swab"] = "copies and swaps bytes through raw pointers as many as a separate length says, unchecked against "
                "either buffer; swap the bytes in a container instead, a loop over a std::array or std::vector "
                "(std::swap(v[i], v[i + 1])), or __builtin_bswap16 on each 16-bit value";
    t["realpath"] = "writes up to PATH_MAX bytes into the caller's buffer, with no length to check at all (or "
                    "returns malloc'd memory someone must free); use std::filesystem::canonical (or "
                    "weakly_canonical), which returns a std::filesystem::path";
    t["getwd"] = "writes up to PATH_MAX bytes into the caller's buffer, with no length to check at all; use "
                 "std::filesystem::current_path(), which returns a std::filesystem::path";
    for (const char* n : {"tmpnam", "tmpnam_r", "tempnam"}) {
      t[n] = "writes up to L_tmpnam bytes into the caller's buffer with no length to check (and the name can be "
             "taken by someone else before it is used); build the path from "
             "std::filesystem::temp_directory_path() and a name of your own, and open it with std::fstream";
    }
    for (const char* n : {"ctime_r", "asctime_r"}) {
      t[n] = "writes 26 bytes into the caller's buffer with no length to check; format a std::tm into a stream "
             "with std::put_time: std::ostringstream os; os << std::put_time(&tm, \"%c\"); then os.str()";
    }
    // Descriptor pairs: two ints written through a raw pointer (pipe(fds)
    // into a C array or a std::array of at least two ints is accepted, see
    // writes_int_pair).
    for (const char* n : {"pipe", "pipe2", "socketpair"}) {
      t[n] = "writes two file descriptors through a raw int pointer, unchecked against the array it points "
             "into; pass a std::array<int, 2> (its .data()) or an int[2]";
    }
    // Whole process: replace it, end the calling thread, close or reopen what
    // every service and the runtime share, change its identity.
    for (const char* n : {"execv", "execve", "execvp", "execvpe", "execveat", "fexecve", "execl", "execle",
                          "execlp", "posix_spawn", "posix_spawnp", "daemon"}) {
      t[n] = "replaces or forks the whole process, and with it every other service in the binary; not "
             "available to services (ask the deployment for a separate program)";
    }
    for (const char* n : {"pthread_exit", "thrd_exit", "pthread_cancel"}) {
      t[n] = "ends a thread that the runtime owns (it called into the service and waits for the call to "
             "return), unwinding past the runtime's frames; return from the method, or return a meshwa::Error "
             "or throw instead";
    }
    for (const char* n : {"close_range", "closefrom"}) {
      t[n] = "closes every file descriptor of the process in a range, those of the other services and of the "
             "runtime too; close the descriptors you opened (std::fstream closes its own)";
    }
    for (const char* n : {"setuid", "setgid", "seteuid", "setegid", "setreuid", "setregid", "setresuid",
                          "setresgid", "setfsuid", "setfsgid", "setgroups", "initgroups", "setsid", "setpgid",
                          "unshare", "setns", "capset", "setrlimit", "setrlimit64", "prlimit", "prlimit64",
                          "personality"}) {
      t[n] = "changes the identity, namespaces or limits of the whole process, under every other service in the "
             "binary; not available to services (the deployment sets them before the process starts)";
    }
    for (const char* n : {"chdir", "fchdir", "chroot"}) {
      t[n] = "changes the working or root directory of the whole process, under every service's relative "
             "paths; use absolute paths (built from the service's configuration, ctx.config)";
    }
    for (const char* n : {"dup2", "dup3"}) {
      t[n] = "replaces a file descriptor of the process that may belong to another service or to the runtime "
             "(dup2(fd, 1) redirects everyone's standard output); open files of your own with std::fstream";
    }
    t["umask"] = "changes the file-creation mask of the whole process, for every service's new files; set the "
                 "permissions of your own files with std::filesystem::permissions";
    t["setlocale"] = "changes the C locale of the whole process, under every service's conversions; imbue a "
                     "std::locale into a stream you own (os.imbue(...))";
    // Promises to the optimiser: a false one is undefined behaviour, and the
    // optimiser uses a true-looking one to delete the bounds checks of
    // _GLIBCXX_ASSERTIONS (`__builtin_assume(i < v.size()); v[i]`).
    for (const char* n : {"__builtin_assume", "__builtin_unreachable", "__builtin_assume_aligned",
                          "__builtin_assume_separate_storage", "__assume"}) {
      t[n] = "is a promise to the optimiser that nobody checks: when it is false the behaviour is undefined, and "
             "the optimiser uses it to delete bounds checks; test the condition and throw or return a "
             "meshwa::Error instead";
    }
    for (const char* n : {"dlopen", "dlmopen", "dlsym", "dlvsym"}) {
      t[n] = "loads or looks up code outside the checked build; link the code into the service instead";
    }
    for (const char* n : {"putenv", "setenv", "unsetenv", "clearenv"}) {
      t[n] = "changes the process environment that every service shares (putenv keeps the caller's "
             "buffer); pass settings through the service's configuration (ctx.config)";
    }
    return t;
  }();
  return table;
}

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

/// The C library's function: extern "C" (glibc declares everything inside
/// extern "C"; the std:: names of <cstring> and friends are using-declarations
/// of those, or C++ overloads of them) or a compiler builtin. Not a C++ function that happens to share
/// the name (std::getline(istream&, string&), a service's own write()).
bool is_library_function(const clang::FunctionDecl& fn) {
  if (fn.isExternC() || fn.getBuiltinID() != 0) return true;
  // glibc's C++ overloads of the C functions (const and non-const memchr,
  // strchr: extern "C++" in <string.h>): system functions of a banned name
  // that take a pointer. std::getline(std::istream&, std::string&) takes none.
  const clang::SourceManager& sources = fn.getASTContext().getSourceManager();
  if (!sources.isInSystemHeader(fn.getLocation())) return false;
  // Those live where the C functions do: a library's own `write` in its
  // namespace (boost::asio::write(stream, buffers), whose SFINAE parameter
  // `enable_if<...>::type* = 0` is a pointer) is no C function.
  const clang::DeclContext* where = fn.getDeclContext()->getRedeclContext();
  if (!where->isTranslationUnit() && !where->isStdNamespace()) return false;
  for (const clang::ParmVarDecl* param : fn.parameters()) {
    if (param->getType()->isPointerType()) return true;
  }
  return false;
}

/// The library function a compiler builtin stands for: __builtin_memcpy,
/// __builtin___memcpy_chk, __builtin_memcpy_inline, __builtin_alloca_with_align
/// -> memcpy, memcpy, memcpy, alloca.
std::string library_name(llvm::StringRef builtin) {
  llvm::StringRef n = builtin;
  if (!n.consume_front("__builtin___")) n.consume_front("__builtin_");
  n.consume_back("_chk");
  n.consume_back("_inline");
  if (n.starts_with("alloca")) return "alloca";
  return n.str();
}

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
      check_member_call(*member_call, ctx);
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

  /// Member functions of the standard streams and strings that take a raw
  /// buffer and a length: istream::read/readsome/get/getline(char*, n),
  /// ostream::write, streambuf::sgetn/sputn, string::copy.
  void check_member_call(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr) return;
    const clang::CXXRecordDecl* record = method->getParent();
    if (record == nullptr || record->getIdentifier() == nullptr || !record->isInStdNamespace()) return;
    const llvm::StringRef cls = record->getName();
    const llvm::StringRef name = method->getName();
    if (cls == "basic_ios" && (name == "rdbuf" || name == "tie") && method->getNumParams() == 1) {
      check_shared_stream_setter(call, name, ctx);
      return;
    }
    bool raw_buffer = false;
    for (const clang::ParmVarDecl* param : method->parameters()) {
      if (param->getType()->isPointerType()) raw_buffer = true;
    }
    if (!raw_buffer) return;
    const bool stream = cls == "basic_istream" || cls == "basic_ostream" || cls == "basic_iostream" ||
                        cls == "basic_streambuf" || cls == "basic_filebuf" || cls == "basic_stringbuf";
    const bool banned = (stream && (name == "read" || name == "readsome" || name == "get" || name == "getline" ||
                                    name == "write" || name == "sgetn" || name == "sputn" || name == "pubsetbuf")) ||
                        ((cls == "basic_string" || cls == "basic_string_view") && name == "copy") ||
                        ((cls == "basic_string" || cls == "basic_string_view") && takes_pointer_and_count(call));
    if (!banned) return;
    if (name != "pubsetbuf" && (is_data_size_pair(call) || count_fits_buffer(call, ctx))) return;
    if (name == "copy") {
      const bool view = cls == "basic_string_view";
      ctx.report.error(call.getExprLoc(), kName,
                       std::string(view ? "std::string_view::copy" : "std::string::copy") +
                           " writes as many characters as a separate count says through a raw "
                           "pointer, unchecked against the destination; take the characters as a " +
                           (view ? "std::string_view (sv.substr(pos, n))" : "std::string (s.substr(pos, n))") +
                           ", or std::copy them into a container (std::copy(s.begin(), s.end(), "
                           "std::back_inserter(v))); s.copy(v.data(), v.size()) into the same v is accepted")
          << call.getSourceRange();
      return;
    }
    const std::string string_class = cls == "basic_string_view" ? "std::string_view::" : "std::string::";
    if (is_string_search(*method) && !count_argument(*method, 0)) {
      ctx.report.error(call.getExprLoc(), kName,
                       string_class + name.str() +
                           "(pointer, position) reads through a raw pointer up to a null character, which the "
                           "buffer behind it may not have; pass a std::string or std::string_view (s." +
                           name.str() + "(v, pos))")
          << call.getSourceRange();
      return;
    }
    if (cls == "basic_string" || cls == "basic_string_view") {
      ctx.report.error(call.getExprLoc(), kName,
                       string_class + name.str() +
                           "(pointer, count) reads count characters through a raw pointer, unchecked against its "
                           "buffer; " +
                           (cls == "basic_string_view"
                                ? "pass the characters as a std::string or std::string_view (sv." + name.str() +
                                      "(other, pos))"
                                : "pass a std::string or a range of iterators (s." + name.str() +
                                      "(v.begin(), v.end()))"))
          << call.getSourceRange();
      return;
    }
    ctx.report.error(call.getExprLoc(), kName,
                     ("std::" + cls + "::" + name +
                      " reads or writes through a raw pointer as many bytes as a separate length says; read into "
                      "a std::string / std::vector (std::getline, operator>>, std::istreambuf_iterator) or "
                      "write one (operator<<)")
                         .str())
        << call.getSourceRange();
  }

  /// out.write(v.data(), v.size()), in.read(s.data(), s.size()),
  /// s.copy(buf.data(), buf.size()): the pointer is the start of a standard
  /// container's own storage and the count its size, of the same object, so
  /// the count cannot exceed the buffer (the element type is fixed by the
  /// parameter: a char buffer for a char stream).
  static bool is_data_size_pair(const clang::CXXMemberCallExpr& call) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    for (unsigned i = 0; i + 1 < method->getNumParams() && i + 1 < call.getNumArgs(); ++i) {
      if (!method->getParamDecl(i)->getType()->isPointerType()) continue;
      const std::optional<unsigned> count = count_argument(*method, i);
      return count && *count < call.getNumArgs() &&
             is_data_and_size_of_one_object(call.getArg(i), call.getArg(*count));
    }
    return false;
  }

  /// std::string's and std::string_view's searches: find, rfind and the
  /// find_first/last_(not_)of.
  static bool is_string_search(const clang::CXXMethodDecl& method) {
    static const llvm::StringRef kSearches[] = {"find",         "rfind",         "find_first_of",
                                                "find_last_of", "find_first_not_of", "find_last_not_of"};
    const clang::CXXRecordDecl* record = method.getParent();
    return method.getIdentifier() != nullptr && is_std_class(record, {"basic_string", "basic_string_view"}) &&
           llvm::is_contained(kSearches, method.getName());
  }

  /// The argument that counts the characters read through the pointer
  /// argument `pointer`: the one right after it, but for the searches,
  /// where the position to search from comes between them (s.find(p, pos,
  /// n)); none for a search given only a position (s.find(p, pos) reads p up
  /// to a null character, however long the buffer behind it is).
  static std::optional<unsigned> count_argument(const clang::CXXMethodDecl& method, unsigned pointer) {
    if (!is_string_search(method)) return pointer + 1;
    if (pointer == 0 && method.getNumParams() == 3) return 2U;
    return std::nullopt;
  }



  /// The count of `call` cannot exceed the buffer whose data() its pointer
  /// is, though it is not that buffer's size():
  ///   - `std::min(n, v.size())` (either order): never more than v holds;
  ///   - `n`, a local or parameter, when the statement just before, in the
  ///     same block, sized the local std::string / std::vector `v` to `n`:
  ///     `std::string s(n, '\0'); in.read(s.data(), n);` or
  ///     `s.resize(n); in.read(s.data(), n);`. Nothing runs in between that
  ///     could change `v` or `n`; a statement between them is not accepted.
  static bool count_fits_buffer(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    for (unsigned i = 0; i + 1 < method->getNumParams() && i + 1 < call.getNumArgs(); ++i) {
      if (!method->getParamDecl(i)->getType()->isPointerType()) continue;
      const std::optional<unsigned> count_index = count_argument(*method, i);
      if (!count_index || *count_index >= call.getNumArgs()) return false;
      const clang::Expr* pointer = call.getArg(i);
      const clang::Expr* count = without_widening_integer_casts(call.getArg(*count_index), ctx.ast);
      return is_min_with_size_of(pointer, count) || sized_just_before(call, pointer, count, ctx);
    }
    return false;
  }

  /// `std::min(n, v.size())` or `std::min(v.size(), n)` with `pointer` v.data().
  static bool is_min_with_size_of(const clang::Expr* pointer, const clang::Expr* count) {
    const auto* min = llvm::dyn_cast<clang::CallExpr>(count);
    const clang::FunctionDecl* callee = min != nullptr ? min->getDirectCallee() : nullptr;
    if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
        callee->getName() != "min" || min->getNumArgs() != 2) {
      return false;
    }
    return is_data_and_size_of_one_object(pointer, min->getArg(0)) ||
           is_data_and_size_of_one_object(pointer, min->getArg(1));
  }

  /// A variable of automatic storage and of non-reference type named by `e`
  /// (parentheses and casts skipped), or nullptr: no other name can change it.
  static const clang::VarDecl* local_value(const clang::Expr* e) {
    const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->hasLocalStorage() || var->getType()->isReferenceType()) return nullptr;
    return var;
  }

  /// See count_fits_buffer: `pointer` is buffer.data() of a local std::string
  /// or std::vector, `count` a local integer, and the statement before the
  /// call's own sized that buffer to that count.
  static bool sized_just_before(const clang::CXXMemberCallExpr& call, const clang::Expr* pointer,
                                const clang::Expr* count, RuleContext& ctx) {
    const auto* data = llvm::dyn_cast<clang::CXXMemberCallExpr>(pointer->IgnoreParenImpCasts());
    if (data == nullptr || data->getMethodDecl() == nullptr || data->getMethodDecl()->getIdentifier() == nullptr ||
        data->getMethodDecl()->getName() != "data" ||
        !is_std_class(data->getMethodDecl()->getParent(), {"basic_string", "vector"})) {
      return false;
    }
    const clang::VarDecl* buffer = local_value(data->getImplicitObjectArgument());
    const clang::VarDecl* n = local_value(count);
    if (buffer == nullptr || n == nullptr || !n->getType()->isIntegerType()) return false;
    const clang::Stmt* before = statement_before(call, ctx);
    if (before == nullptr) return false;
    if (constructs_with_size(*before, *buffer, *n) || resizes_to(*before, *buffer, *n)) return true;
    return declared_with_size_earlier(call, *buffer, *n, ctx);
  }

  /// `const auto n = in.tellg(); std::vector<char> v(n); in.seekg(0); if
  /// (!in.read(v.data(), n)) ...`: the declaration that sizes `buffer` to a
  /// const `n` comes a few statements before, and none between names either.
  /// Nothing else can change them: `buffer` did not exist before its
  /// declaration (so no lambda or reference has it), and `n` is const. A
  /// label between (a jump past the declaration) ends the search.
  static bool declared_with_size_earlier(const clang::CXXMemberCallExpr& call, const clang::VarDecl& buffer,
                                         const clang::VarDecl& n, RuleContext& ctx) {
    if (!n.getType().isConstQualified()) return false;
    constexpr int kStatementsLooked = 8;
    const auto names_either = [&](const clang::Stmt& node) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&node);
      return ref != nullptr && (ref->getDecl() == &buffer || ref->getDecl() == &n);
    };
    const clang::Stmt* at = &call;
    for (int looked = 0; looked < kStatementsLooked; ++looked) {
      const clang::Stmt* before = statement_before(*at, ctx, at == &call ? nullptr : at);
      if (before == nullptr || llvm::isa<clang::LabelStmt>(before)) return false;
      if (constructs_with_size(*before, buffer, n)) return true;
      if (flow::contains(before, names_either)) return false;
      at = before;
    }
    return false;
  }

  /// The statement before the one, in the innermost enclosing block, that
  /// holds `node` (the node being checked); nullptr when it is the block's
  /// first or `node` is in no block.
  /// `statement`, when given, is a statement of that block whose previous
  /// one is wanted instead (walking further back).
  static const clang::Stmt* statement_before(const clang::Stmt& node, RuleContext& ctx,
                                             const clang::Stmt* statement = nullptr) {
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    for (size_t k = parents.size(); k-- > 0;) {
      const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parents[k]);
      if (block == nullptr) continue;
      const clang::Stmt* current = statement != nullptr ? statement : k + 1 < parents.size() ? parents[k + 1] : &node;
      const clang::Stmt* previous = nullptr;
      for (const clang::Stmt* s : block->body()) {
        if (s == current) return previous;
        previous = s;
      }
      return nullptr;
    }
    return nullptr;
  }

  /// `std::string s(n, '\0');`, `std::vector<char> v(n);`: the size
  /// constructor (its first parameter a count, so not `std::vector<char>{n}`,
  /// a list of one element).
  static bool constructs_with_size(const clang::Stmt& s, const clang::VarDecl& buffer, const clang::VarDecl& n) {
    const auto* decl = llvm::dyn_cast<clang::DeclStmt>(&s);
    if (decl == nullptr || !decl->isSingleDecl() || decl->getSingleDecl() != &buffer || buffer.getInit() == nullptr) {
      return false;
    }
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(buffer.getInit()->IgnoreImplicit());
    if (construct == nullptr || construct->getNumArgs() == 0 || construct->isListInitialization()) return false;
    const clang::CXXConstructorDecl* ctor = construct->getConstructor();
    // `std::vector<char> v(static_cast<std::size_t>(n))`: a cast that keeps
    // every value of n (a negative n becomes a size no vector can have).
    return ctor->getNumParams() > 0 && ctor->getParamDecl(0)->getType()->isIntegerType() &&
           flow::names_variable(without_widening_integer_casts(construct->getArg(0), buffer.getASTContext()), n);
  }

  /// `buffer.resize(n);` as a statement of its own.
  static bool resizes_to(const clang::Stmt& s, const clang::VarDecl& buffer, const clang::VarDecl& n) {
    const auto* e = llvm::dyn_cast<clang::Expr>(&s);
    const auto* resize = e != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()) : nullptr;
    if (resize == nullptr || resize->getMethodDecl() == nullptr || resize->getMethodDecl()->getIdentifier() == nullptr ||
        resize->getMethodDecl()->getName() != "resize" || resize->getNumArgs() == 0) {
      return false;
    }
    return flow::names_variable(resize->getImplicitObjectArgument(), buffer) && flow::names_variable(resize->getArg(0), n);
  }

  /// std::cout.rdbuf(buffer), std::cin.tie(stream): a stream of the library
  /// (a global every service shares) keeps a pointer to the service's
  /// object, which dangles once the service stops or restarts. The getters
  /// rdbuf() and tie() take no argument; a stream the service owns may be
  /// pointed anywhere.
  static void check_shared_stream_setter(const clang::CXXMemberCallExpr& call, llvm::StringRef name,
                                         RuleContext& ctx) {
    const clang::Expr* object = call.getImplicitObjectArgument();
    if (object == nullptr) return;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->hasGlobalStorage() || var->getIdentifier() == nullptr ||
        ctx.service_code.contains(var->getLocation())) {
      return;
    }
    const std::string stream = (var->isInStdNamespace() ? "std::" : "") + var->getName().str();
    ctx.report.error(call.getExprLoc(), kName,
                     (stream + "." + name + "(...) makes a stream that every service shares keep a pointer to " +
                      (name == "rdbuf" ? "this service's buffer" : "this service's stream") +
                      ", which dangles once the service stops or restarts; write to a std::ostringstream the "
                      "service owns and copy its text out")
                         .str())
        << call.getSourceRange();
  }

  /// s.append(p, n), s.assign(p, n), s.insert(i, p, n), s.replace(i, k, p, n):
  /// n characters read from p, whatever p points into. A string literal for
  /// p is its own bound (the compiler knows its length).
  static bool takes_pointer_and_count(const clang::CXXMemberCallExpr& call) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    for (unsigned i = 0; i + 1 < method->getNumParams() && i < call.getNumArgs(); ++i) {
      if (!method->getParamDecl(i)->getType()->isPointerType()) continue;
      if (!method->getParamDecl(i + 1)->getType()->isIntegerType()) continue;
      const clang::Expr* arg = call.getArg(i)->IgnoreParenImpCasts();
      return !llvm::isa<clang::StringLiteral>(arg);
    }
    return false;
  }

  /// The C++ functions of the standard library on the list: std::terminate,
  /// std::set_new_handler, std::locale::global, std::char_traits<C>::copy, ...
  static bool check_std_function(const clang::Expr& ref, const clang::FunctionDecl& fn, RuleContext& ctx) {
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
    const auto& table = banned();
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
    if (check_shared_c_stream(ref, fn, ctx)) return true;
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

  /// pipe(fds), pipe2(fds, flags), socketpair(d, t, p, fds) where fds is a
  /// C array of at least two ints or the .data() of a std::array of at least
  /// two: the two descriptors fit, and the size is in the type.
  static bool writes_int_pair_safely(llvm::StringRef name, const clang::CallExpr* call, RuleContext& ctx) {
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
  static bool check_shared_c_stream(const clang::Expr& ref, const clang::FunctionDecl& fn, RuleContext& ctx) {
    const llvm::StringRef name = fn.getName();
    if ((name != "fclose" && name != "freopen" && name != "freopen64" && name != "close") ||
        !is_library_function(fn)) {
      return false;
    }
    const clang::CallExpr* call = called_by(ref, ctx);
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

bool is_banned_c_function(llvm::StringRef name) { return banned().contains(name); }

std::unique_ptr<Rule> make_BannedFunction() { return std::make_unique<BannedFunction>(); }

}  // namespace meshwa::rules
