// meshwa-symbol-interposition: definitions and attributes that act on the
// symbols and sections of the whole binary (every service and meshwa's
// runtime are linked into one executable).
#include <cstddef>
#include <new>

// A definition with C language linkage is the C library's symbol for every
// caller in the binary: the runtime's close() and sysconf() would run this.
extern "C" int close(int) { return 0; }  // expected-error {{defining 'close' with C language linkage gives the whole binary a symbol of that plain name, which takes the place of the C library's function (or another service's) for every caller, meshwa's runtime included; drop extern "C" (a C++ function's symbol is its own), or make it static when a C library needs a C callback [meshwa-symbol-interposition]}}
extern "C" {
long sysconf(int) { return 1; }          // expected-error {{defining 'sysconf' with C language linkage}}
inline int pkey_alloc(unsigned, unsigned) { return -1; }  // expected-error {{defining 'pkey_alloc' with C language linkage}}
int optind = 1;                          // expected-error {{defining 'optind' with C language linkage gives the whole binary a data symbol of that plain name}}
}

// The global allocation functions are replaced for the whole binary.
void* operator new(std::size_t) { throw std::bad_alloc(); }  // expected-error {{defining the global operator new replaces the allocator of every service in the binary and of meshwa's runtime}}
void operator delete(void*) noexcept {}                     // expected-error {{defining the global operator delete replaces the allocator}}

// weakref, alias and ifunc bind a name of one's own to another symbol: the
// banned list goes by names (kill, _exit), so they would bypass it.
static int my_kill(int, int) __attribute__((weakref("kill")));  // expected-error {{weakref binds 'my_kill' to the symbol 'kill', a name of one's own for any function of the process, past every rule that goes by names; call the function by its own declared name [meshwa-symbol-interposition]}}
static int own_sum(int a, int b) { return a + b; }
int sum_alias(int, int) __attribute__((alias("_ZL7own_sumii")));  // expected-error {{alias makes 'sum_alias' a second symbol for '_ZL7own_sumii'}}
using Impl = int (*)(int);
extern "C" Impl pick_impl();
int picked(int) __attribute__((ifunc("pick_impl")));  // expected-error {{ifunc makes 'picked' a symbol whose code the resolver 'pick_impl' chooses while the program is loaded}}

// Code that runs at load or exit, outside any service.
__attribute__((constructor)) void at_load() {}  // expected-error {{the constructor attribute runs 'at_load' when the binary is loaded, outside any service and before (or after) meshwa's runtime; do the work in the service's constructor or destructor}}
[[gnu::destructor]] void at_exit_time() {}      // expected-error {{the destructor attribute runs 'at_exit_time' when the process exits}}

// Sections: meshwa_wrpkru_sites lists the protection-key writes the runtime
// trusts; any named section is gathered into one array by the linker.
__attribute__((section("meshwa_wrpkru_sites"))) const unsigned long planted_site = 0;  // expected-error {{placing 'planted_site' in the section 'meshwa_wrpkru_sites' puts it among whatever the linker, meshwa's runtime or a library gathers from that section (meshwa_wrpkru_sites lists the trusted protection-key writes); leave placement to the compiler}}
[[gnu::section(".text.hot")]] int hot(int x) { return x * 2; }  // expected-error {{placing 'hot' in the section '.text.hot'}}
#pragma clang section rodata = "meshwa_wrpkru_sites"  // expected-note {{the section comes from this #pragma clang section}}
extern const int pragma_placed = 7;  // expected-error {{placing 'pragma_placed' in the section 'meshwa_wrpkru_sites'}}
#pragma clang section rodata = ""

// Still accepted: extern "C" declarations (how C APIs are called), a static
// function in an extern "C" block (a C callback of internal linkage: no
// symbol the rest of the binary sees), C++ functions named like C ones (their
// symbols are mangled), class-specific operator new, and used/retain (they
// only keep a symbol the compiler could drop).
extern "C" int kill(int, int);
extern "C" long sysconf_declared_only(int);
extern "C" {
static int compare_ints(const void*, const void*) { return 0; }
}
namespace svc {
int kill(int pid, int sig) { return pid + sig; }
int close(int fd) { return fd; }
}  // namespace svc
struct Pooled {
  static void* operator new(std::size_t n) { return ::operator new(n); }
  static void operator delete(void* p) noexcept { ::operator delete(p); }
};
[[gnu::used, gnu::retain]] static int kept() { return 1; }
int accepted() { return svc::kill(1, 2) + svc::close(3) + kept() + (compare_ints(nullptr, nullptr) == 0 ? 1 : 0); }
int main() { return accepted(); }
