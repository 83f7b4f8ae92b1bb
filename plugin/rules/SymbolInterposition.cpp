// meshwa-symbol-interposition: declarations that act on the symbols and
// sections of the whole binary rather than on the service's own code. All
// services and meshwa's runtime are linked into one executable, so a symbol
// a service defines is the symbol every other caller gets.
//   - a definition of a function or variable with C language linkage
//     (`extern "C" int close(int) { ... }`): its plain name takes the place
//     of the C library's function (or another object's) for every caller,
//     meshwa's runtime included; declarations stay accepted (they are how C
//     APIs are called)
//     In a C file, where every external function has C linkage, only a
//     definition of a name the C library, the system or the runtime
//     provides (c_protected_name) is reported.
//   - a definition of a replaceable global operator new / operator delete,
//     which replaces the allocator of every service
//   - the attributes that bind or alias symbols: weakref (a new name for any
//     symbol, past the banned list), alias, ifunc
//   - constructor / destructor: code run at load or exit, outside any service
//   - section attributes (__attribute__((section)), #pragma clang section):
//     the runtime trusts named sections (meshwa_wrpkru_sites lists the
//     allowed WRPKRU instructions) and the linker gathers every input section
//     of a name into one array, so service data placed there is trusted too
// The asm label, which renames a declaration to any symbol, is the same
// binding and stays in meshwa-inline-asm.
// Accepted: extern "C" declarations and calls through them, static
// functions inside extern "C" blocks (internal linkage: no symbol others see),
// C++ functions of any name (their symbols are mangled), `used` / `retain`
// (they only keep a symbol the compiler could drop).
#include "Rule.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Builtins.h"

#include <optional>
#include <string>

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "symbol-interposition";

std::string name_of(const clang::Decl& decl) {
  const auto* named = llvm::dyn_cast<clang::NamedDecl>(&decl);
  return named != nullptr && named->getIdentifier() != nullptr ? named->getName().str() : std::string("this");
}

/// The declaration without a function's body (the highlight stays on the
/// line that says what is defined).
clang::SourceRange signature_range(const clang::Decl& decl) {
  if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&decl)) {
    if (const clang::TypeSourceInfo* type = fn->getTypeSourceInfo()) {
      return {fn->getBeginLoc(), type->getTypeLoc().getEndLoc()};
    }
    return {fn->getLocation(), fn->getLocation()};
  }
  return decl.getSourceRange();
}

/// Names of the C library and of the system that are not clang builtins
/// (those are found by their builtin ID): the functions meshwa's runtime
/// calls (pkey_*, mmap, sigaction, close, ...) and the POSIX calls whose
/// replacement would change every caller's descriptors, memory, signals,
/// processes or threads.
constexpr llvm::StringLiteral kSystemFunctions[] = {
    "accept", "accept4", "access", "bind", "brk", "chdir", "chmod", "chown", "clock_gettime", "clone", "close",
    "closedir", "connect", "creat", "dlclose", "dlerror", "dlopen", "dlsym", "dup", "dup2", "dup3",
    "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "eventfd", "execl", "execle", "execlp", "execv",
    "execve", "execvp", "fchmod", "fcntl", "fdopen", "fileno", "fork", "fstat", "fsync", "ftruncate", "futex",
    "getaddrinfo", "getcwd", "getegid", "geteuid", "getgid", "getpid", "getppid", "getrlimit", "getsockopt",
    "gettid", "gettimeofday", "getuid", "ioctl", "isatty", "kill", "link", "listen", "lseek", "lstat",
    "madvise", "mkdir", "mlock", "mmap", "mprotect", "mremap", "msync", "munlock", "munmap", "nanosleep", "open",
    "openat", "opendir", "pipe", "pipe2", "pkey_alloc", "pkey_free", "pkey_get", "pkey_mprotect", "pkey_set",
    "poll", "posix_memalign", "ppoll", "prctl", "pread", "preadv", "pselect", "pwrite", "pwritev", "raise",
    "read", "readdir", "readlink", "readv", "recv", "recvfrom", "recvmsg", "rename", "rmdir", "sbrk",
    "sched_yield", "select", "send", "sendmsg", "sendto", "setenv", "setrlimit", "setsockopt", "shutdown",
    "sigaction", "sigaltstack", "signal", "sigprocmask", "sleep", "socket", "socketpair", "stat", "symlink",
    "syscall", "sysconf", "time", "timer_create", "truncate", "umask", "unlink", "unsetenv", "usleep", "wait",
    "waitpid", "write", "writev",
};

/// Data symbols of the C library a C file could define by name.
constexpr llvm::StringLiteral kSystemVariables[] = {
    "daylight", "environ", "errno", "optarg", "opterr", "optind", "optopt", "program_invocation_name",
    "program_invocation_short_name", "signgam", "stderr", "stdin", "stdout", "timezone", "tzname",
};

/// In a C file every function and variable of external linkage has a symbol
/// of its plain name: that is how C works, and a name of the service's own
/// is a duplicate definition the linker reports. What takes the place of
/// something silently is a definition of a name the C library, the system or
/// meshwa's runtime provides: one declared in a system header, a C library
/// function clang knows, a name of the POSIX/Linux list above, a name
/// reserved to the implementation (`__x`, `_X`), or one of meshwa's own
/// (`meshwa_*`, `pthread_*`).
std::optional<std::string> c_protected_name(const clang::NamedDecl& decl, RuleContext& ctx) {
  const clang::IdentifierInfo* id = decl.getIdentifier();
  if (id == nullptr) return std::nullopt;
  const llvm::StringRef name = id->getName();
  const clang::SourceManager& sources = ctx.sources();
  for (const clang::Decl* redecl : decl.redecls()) {
    if (redecl != &decl && sources.isInSystemHeader(sources.getExpansionLoc(redecl->getLocation()))) {
      return std::string("a name a system header declares");
    }
  }
  if (const unsigned builtin = id->getBuiltinID(); builtin != 0) {
    const clang::Builtin::Context& builtins = ctx.ast.BuiltinInfo;
    if (builtins.isPredefinedLibFunction(builtin) || builtins.isPredefinedRuntimeFunction(builtin)) {
      return std::string("the name of a C library function");
    }
  }
  const bool function = llvm::isa<clang::FunctionDecl>(decl);
  for (llvm::StringLiteral known : function ? llvm::ArrayRef(kSystemFunctions) : llvm::ArrayRef(kSystemVariables)) {
    if (name == known) return std::string(function ? "the name of a C library or system function" : "the name of a C library variable");
  }
  if (name.starts_with("meshwa_") || name.starts_with("pthread_")) {
    return std::string(name.starts_with("meshwa_") ? "a name of meshwa's runtime" : "a name of the threads library");
  }
  if (decl.isReserved(ctx.lang()) != clang::ReservedIdentifierStatus::NotReserved) {
    return std::string("a name reserved to the C library and the compiler");
  }
  return std::nullopt;
}

class SymbolInterposition final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    check_c_linkage_definition(decl, ctx);
    check_attributes(decl, ctx);
  }

 private:
  void check_c_linkage_definition(const clang::Decl& decl, RuleContext& ctx) {
    if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&decl)) {
      if (!fn->doesThisDeclarationHaveABody()) return;  // a declaration calls the C function, it defines nothing
      if (fn->isMain()) return;                         // not mangled, but every program has one
      if (fn->isExternC() && !ctx.lang().CPlusPlus) {
        // A C file: only a name the library, the system or the runtime
        // provides is taken from them.
        if (const std::optional<std::string> what = c_protected_name(*fn, ctx)) {
          ctx.report.error(fn->getLocation(), kName,
                           "defining '" + fn->getNameAsString() + "' in a C file gives the whole binary a symbol of " +
                               *what +
                               ", which takes the place of the library's for every caller, meshwa's runtime "
                               "included; give the function a name of the service's own, or make it static")
              << signature_range(*fn);
        }
        return;
      }
      if (fn->isExternC()) {
        ctx.report.error(fn->getLocation(), kName,
                         "defining '" + fn->getNameAsString() +
                             "' with C language linkage gives the whole binary a symbol of that plain name, which "
                             "takes the place of the C library's function (or another service's) for every "
                             "caller, meshwa's runtime included; drop extern \"C\" (a C++ function's symbol is "
                             "its own), or make it static when a C library needs a C callback")
            << signature_range(*fn);
        return;
      }
      if (fn->isReplaceableGlobalAllocationFunction()) {
        ctx.report.error(fn->getLocation(), kName,
                         "defining the global " + fn->getNameAsString() +
                             " replaces the allocator of every service in the binary and of meshwa's runtime; "
                             "give the class its own allocation through a container or std::make_unique, not "
                             "the global operator")
            << signature_range(*fn);
      }
      return;
    }
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl)) {
      if (!var->isExternC() || var->isThisDeclarationADefinition() == clang::VarDecl::DeclarationOnly) return;
      if (!ctx.lang().CPlusPlus) {
        if (const std::optional<std::string> what = c_protected_name(*var, ctx)) {
          ctx.report.error(var->getLocation(), kName,
                           "defining '" + var->getNameAsString() + "' in a C file gives the whole binary a data "
                               "symbol of " + *what + ", which takes the place of the library's for every user; "
                               "give the variable a name of the service's own, or make it static")
              << var->getSourceRange();
        }
        return;
      }
      ctx.report.error(var->getLocation(), kName,
                       "defining '" + var->getNameAsString() +
                           "' with C language linkage gives the whole binary a data symbol of that plain name, "
                           "which takes the place of the C library's variable (or another service's) for "
                           "every user; drop extern \"C\"")
          << var->getSourceRange();
    }
  }

  void check_attributes(const clang::Decl& decl, RuleContext& ctx) {
    const std::string name = name_of(decl);
    // weakref("kill") is spelled as a WeakRefAttr plus an AliasAttr naming
    // the target: one error for the two.
    const bool weakref = decl.hasAttr<clang::WeakRefAttr>();
    for (const clang::Attr* attr : decl.attrs()) {
      if (const auto* ref = llvm::dyn_cast<clang::WeakRefAttr>(attr)) {
        llvm::StringRef aliasee = ref->getAliasee();
        if (const auto* alias = decl.getAttr<clang::AliasAttr>(); aliasee.empty() && alias != nullptr) {
          aliasee = alias->getAliasee();
        }
        const std::string target =
            aliasee.empty() ? std::string("another declaration") : "the symbol '" + aliasee.str() + "'";
        ctx.report.error(attr->getLocation(), kName,
                         "weakref binds '" + name + "' to " + target +
                             ", a name of one's own for any function of the process, past every rule that goes by "
                             "names; call the function by its own declared name")
            << signature_range(decl);
      } else if (const auto* alias = llvm::dyn_cast<clang::AliasAttr>(attr); alias != nullptr && !weakref) {
        ctx.report.error(attr->getLocation(), kName,
                         "alias makes '" + name + "' a second symbol for '" + alias->getAliasee().str() +
                             "', which can take the place of a library function for every caller in the "
                             "binary; call the function under its own name")
            << signature_range(decl);
      } else if (const auto* ifunc = llvm::dyn_cast<clang::IFuncAttr>(attr)) {
        ctx.report.error(attr->getLocation(), kName,
                         "ifunc makes '" + name + "' a symbol whose code the resolver '" +
                             ifunc->getResolver().str() +
                             "' chooses while the program is loaded, before any service runs; choose the "
                             "implementation in ordinary code (an if, a virtual function)")
            << signature_range(decl);
      } else if (llvm::isa<clang::ConstructorAttr, clang::DestructorAttr>(attr)) {
        const bool ctor = llvm::isa<clang::ConstructorAttr>(attr);
        ctx.report.error(attr->getLocation(), kName,
                         std::string(ctor ? "the constructor attribute runs '" + name + "' when the binary is loaded"
                                          : "the destructor attribute runs '" + name + "' when the process exits") +
                             ", outside any service and before (or after) meshwa's runtime; do the work in the "
                             "service's constructor or destructor")
            << signature_range(decl);
      } else if (llvm::isa<clang::SectionAttr, clang::CodeSegAttr, clang::PragmaClangBSSSectionAttr,
                           clang::PragmaClangDataSectionAttr, clang::PragmaClangRelroSectionAttr,
                           clang::PragmaClangRodataSectionAttr, clang::PragmaClangTextSectionAttr>(attr)) {
        report_section(decl, *attr, name, ctx);
      }
    }
  }

  static void report_section(const clang::Decl& decl, const clang::Attr& attr, const std::string& name,
                             RuleContext& ctx) {
    llvm::StringRef section;
    if (const auto* s = llvm::dyn_cast<clang::SectionAttr>(&attr)) section = s->getName();
    if (const auto* s = llvm::dyn_cast<clang::CodeSegAttr>(&attr)) section = s->getName();
    if (const auto* s = llvm::dyn_cast<clang::PragmaClangBSSSectionAttr>(&attr)) section = s->getName();
    if (const auto* s = llvm::dyn_cast<clang::PragmaClangDataSectionAttr>(&attr)) section = s->getName();
    if (const auto* s = llvm::dyn_cast<clang::PragmaClangRelroSectionAttr>(&attr)) section = s->getName();
    if (const auto* s = llvm::dyn_cast<clang::PragmaClangRodataSectionAttr>(&attr)) section = s->getName();
    if (const auto* s = llvm::dyn_cast<clang::PragmaClangTextSectionAttr>(&attr)) section = s->getName();
    // `#pragma clang section` gives the declaration an implicit attribute
    // located at the pragma: the error goes to the declaration, a note to the
    // pragma.
    const bool from_pragma = attr.isImplicit() || !llvm::isa<clang::SectionAttr, clang::CodeSegAttr>(attr);
    const clang::SourceLocation loc =
        from_pragma || attr.getLocation().isInvalid() ? decl.getLocation() : attr.getLocation();
    ctx.report.error(loc, kName,
                     "placing '" + name + "' in the section '" + section.str() +
                         "' puts it among whatever the linker, meshwa's runtime or a library gathers from that "
                         "section (meshwa_wrpkru_sites lists the trusted protection-key writes); leave placement "
                         "to the compiler")
        << signature_range(decl);
    if (from_pragma && attr.getLocation().isValid()) {
      ctx.report.note(attr.getLocation(), "the section comes from this #pragma clang section");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_SymbolInterposition() { return std::make_unique<SymbolInterposition>(); }

}  // namespace meshwa::rules
