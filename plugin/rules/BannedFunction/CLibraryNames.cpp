// meshwa-banned-function: the banned C library functions by name, each with
// why it is banned and what to use instead, and what counts as the C
// library's function of such a name.
#include "BannedFunction.h"
#include "BannedFunction/BannedFunctionChecks.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

namespace meshwa::rules::banned_function {

const llvm::StringMap<llvm::StringRef>& banned_c_functions() {
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

}  // namespace meshwa::rules::banned_function

namespace meshwa::rules {

bool is_banned_c_function(llvm::StringRef name) { return banned_function::banned_c_functions().contains(name); }

}  // namespace meshwa::rules
