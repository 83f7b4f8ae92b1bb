// meshwa-banned-function: C variadic functions, the banned list, its C++
// spellings, and variable-length arrays.
#include <algorithm>
#include <cstdarg>
#include <cstdint>
#include <csetjmp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <clocale>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <locale>
#include <new>
#include <sstream>
#include <string>
#include <vector>
#include <alloca.h>
#include <cwchar>
#include <pthread.h>
#include <sys/stat.h>
#include <ucontext.h>
#include <unistd.h>

struct Pod {
  int a = 0;
  int b = 0;
};

int log_all(int count, ...) {                      // expected-error {{a C variadic function (...) receives arguments whose types nobody checks; use a variadic template or a std::initializer_list [meshwa-banned-function]}}
  va_list args;                                    // expected-error {{a va_list walks C variadic arguments}}
  va_start(args, count);                           // expected-error {{va_start opens the C variadic arguments of this function, whose types nobody checks; use a variadic template or a std::initializer_list [meshwa-banned-function]}}
  int total = va_arg(args, int);                   // expected-error {{va_arg reads an argument whose type nobody checked}}
  va_end(args);
  return total;
}

// The va_list half of printf reads the arguments as the format says. A
// va_list parameter of a declaration alone holds nothing: no call can make
// one without a C variadic function, reported where it is defined.
int log_declared(const std::string& format, va_list args);
int log_format(const std::string& format, va_list args) {    // expected-error {{a va_list walks C variadic arguments}}
  return std::vprintf(format.c_str(), args);                 // expected-error {{'vprintf' reads the arguments of a va_list as its format string says, unchecked against their types}}
}

// A C variadic member function is called through the object.
struct Logger {
  void logf(const char* format, ...);
  void log(const std::string& line);
  void operator()(const char* format, ...);
  void operator()(const std::string& line);
};
void use_logger(Logger& logger, int n) {
  logger.logf("%d", n);                            // expected-error {{'logf' is a C variadic function: its arguments are not type-checked; use a variadic template or a C++ overload [meshwa-banned-function]}}
  logger("%d", n);                                 // expected-error {{'operator()' is a C variadic function}}
  logger.log("line");
  logger(std::string("line"));
  (void)sizeof(logger.logf("%d", n), 0);           // unevaluated: nothing is called
}

// A `...` fallback whose body never opens its arguments (va_start, va_arg)
// ignores them: the overload-ranking idiom that picks it when the better
// overload drops out. Defining and calling it is accepted; a call to a
// C variadic function that reads them is not.
template <typename T>
int size_or_zero(const T& /*unused*/, ...) {
  return 0;
}
template <typename T>
auto size_or_zero(const T& c, int /*unused*/) -> decltype(static_cast<int>(c.size())) {
  return static_cast<int>(c.size());
}
struct Sink {
  virtual ~Sink() = default;
  virtual void emit(int count, ...) {}  // an override may open them
};
void use_sink(Sink& sink) {
  sink.emit(1, 2);                                 // expected-error {{'emit' is a C variadic function}}
}
int sizes(const std::vector<int>& v, int n) {
  return size_or_zero(v, 0) + size_or_zero(n, 0) + log_all(1, n);  // expected-error {{'log_all' is a C variadic function}}
}

void rejected(Pod& x, const Pod& y, std::string& out, int n) {
  std::memcpy(&x, &y, sizeof(Pod));                // expected-error {{'memcpy' copies raw bytes without bounds or type checks; copy objects (=, std::copy, a container's assign) instead}}
  memset(&x, 0, sizeof(Pod));                      // expected-error {{'memset' writes raw bytes}}
  char buffer[32] = {};
  std::strcpy(buffer, "text");                     // expected-error {{'strcpy' works on unbounded C strings}}
  std::sprintf(buffer, "%d", n);                   // expected-error {{'sprintf' formats into a raw buffer}}
  std::printf("%s\n", out.c_str());                // expected-error {{'printf' is a C variadic function: its arguments are not type-checked}}
  auto* stack = alloca(16);                        // expected-error {{'__builtin_alloca' allocates an unbounded stack buffer}}
  std::jmp_buf env;
  if (setjmp(env) != 0) return;                    // expected-error {{'_setjmp' jumps across stack frames}}
  std::exit(1);                                    // expected-error {{'exit' ends the whole process, and with it every other service in the binary}}
  auto copy = &std::memmove;                       // expected-error {{'memmove' copies raw bytes}}
  (void)stack; (void)copy;
}

void buffers(std::vector<char>& buf, std::string& text, std::ifstream& in, std::FILE* file) {
  std::fread(buf.data(), 1, 4096, file);          // expected-error {{'fread' reads or writes through a raw pointer as many bytes as a separate length says, unchecked against the buffer}}
  in.read(buf.data(), 4096);                       // expected-error {{std::basic_istream::read reads or writes through a raw pointer as many bytes as a separate length says}}
  text.copy(buf.data(), 10);                       // expected-error {{std::string::copy writes as many characters as a separate count says through a raw pointer, unchecked against the destination; take the characters as a std::string (s.substr(pos, n)), or std::copy them into a container (std::copy(s.begin(), s.end(), std::back_inserter(v))); s.copy(v.data(), v.size()) into the same v is accepted [meshwa-banned-function]}}
  std::getline(in, text);                          // std::getline into a std::string: fine
}

// A service's own function that shares a C library name is not the C one.
void write(const std::string& line) { std::cout << line; }
void use_own_write() { write("x"); }

// Still accepted: variadic templates, streams, strings, algorithms, and
// C variadic declarations used only in unevaluated contexts (SFINAE).
template <typename... Args>
int count_args(Args&&... args) {
  return static_cast<int>(sizeof...(args));
}
struct Probe {
  static char test(...);
  static int test(int);
};
static_assert(sizeof(Probe::test("text")) == 1);

std::string accepted(const std::vector<int>& values, Pod& x, const Pod& y) {
  std::ostringstream os;
  for (int v : values) os << v << ' ';
  std::cout << os.str() << '\n';
  x = y;
  std::string s = "n=" + std::to_string(count_args(1, 2, 3)) + std::to_string(std::strlen("abc"));
  return s;
}

// Builtins are the library functions they stand for; so are the wide and
// search variants, and process-wide state.
void builtins_and_variants(std::vector<char>& to, const std::vector<char>& from, std::vector<wchar_t>& wide) {
  __builtin___memcpy_chk(to.data(), from.data(), 4, 8);   // expected-error {{'__builtin___memcpy_chk' copies raw bytes without bounds or type checks}}
  __builtin_memcpy_inline(to.data(), from.data(), 4);     // expected-error {{'__builtin_memcpy_inline' copies raw bytes}}
  __builtin___memset_chk(to.data(), 0, 4, 8);             // expected-error {{'__builtin___memset_chk' writes raw bytes}}
  __builtin___strcpy_chk(to.data(), from.data(), 8);      // expected-error {{'__builtin___strcpy_chk' works on unbounded C strings}}
  (void)__builtin_alloca_with_align(64, 64);              // expected-error {{'__builtin_alloca_with_align' allocates an unbounded stack buffer}}
  std::wmemcpy(wide.data(), wide.data(), 4);              // expected-error {{'wmemcpy' copies raw bytes}}
  std::wmemset(wide.data(), L'x', 4);                     // expected-error {{'wmemset' writes raw bytes}}
  (void)std::memchr(from.data(), 'x', 64);                // expected-error {{'memchr' searches raw memory as far as a separate length says}}
  ::setenv("MODE", "fast", 1);                            // expected-error {{'setenv' changes the process environment that every service shares}}
  std::abort();                                           // expected-error {{'abort' ends the whole process}}
}

// A stream or string handed a raw buffer and a length it trusts.
void raw_buffers(std::vector<char>& buf, std::string& s, std::stringstream& stream, std::string_view text) {
  stream.rdbuf()->pubsetbuf(buf.data(), 4096);  // expected-error {{std::basic_streambuf::pubsetbuf reads or writes through a raw pointer}}
  s.append(buf.data(), 4096);                   // expected-error {{std::string::append(pointer, count) reads count characters through a raw pointer, unchecked against its buffer; pass a std::string or a range of iterators (s.append(v.begin(), v.end())) [meshwa-banned-function]}}
  s.assign(buf.data(), 16);                     // expected-error {{std::string::assign(pointer, count) reads count characters}}
  s.replace(0, 1, buf.data(), 16);              // expected-error {{std::string::replace(pointer, count) reads count characters}}
  s.append("abc", 2);                           // a literal bounds itself
  s.append(buf.begin(), buf.end());
  s.assign(3, 'x');
  // The searches take the position between the pointer and the count:
  // s.find(p, pos, n) reads n characters from p. Given only a position,
  // s.find(p, pos) reads p up to a null character.
  std::size_t at = s.find(text.data(), 1, text.size());  // the view's own data() and size()
  at += s.rfind(text.data(), at, text.length());
  at += s.find_first_of(buf.data(), 0, buf.size());
  at += s.find(text.data(), 1, buf.size());      // expected-error {{std::string::find(pointer, count) reads count characters}}
  at += s.find_last_not_of(text.data(), text.size());  // expected-error {{std::string::find_last_not_of(pointer, position) reads through a raw pointer up to a null character, which the buffer behind it may not have; pass a std::string or std::string_view (s.find_last_not_of(v, pos)) [meshwa-banned-function]}}
  at += text.find(buf.data(), 0, buf.size());    // a std::string_view searched the same way
  at += text.find(buf.data(), 0, 1000);          // expected-error {{std::string_view::find(pointer, count) reads count characters through a raw pointer, unchecked against its buffer; pass the characters as a std::string or std::string_view (sv.find(other, pos)) [meshwa-banned-function]}}
  at += text.compare(0, 1, buf.data(), 16);      // expected-error {{std::string_view::compare(pointer, count) reads count characters}}
  s.resize(at);
}

// Signals: sending one can end the process or fake a protection-key fault;
// blocking SIGSEGV turns the runtime's fault handling into a crash.
void signals(sigset_t& all) {
  ::kill(::getpid(), SIGTERM);                   // expected-error {{'kill' sends a signal, which can end the whole process with every service in it, or fake a protection-key fault that the runtime blames on a service; return a meshwa::Error or throw instead [meshwa-banned-function]}}
  pthread_kill(pthread_self(), SIGSEGV);         // expected-error {{'pthread_kill' sends a signal}}
  std::raise(SIGSEGV);                           // expected-error {{'raise' sends a signal}}
  sigfillset(&all);                              // building a set is harmless
  pthread_sigmask(SIG_BLOCK, &all, nullptr);     // expected-error {{'pthread_sigmask' changes which signals are blocked; with SIGSEGV blocked, a protection-key fault that the runtime would turn into an error ends the whole process instead; not available to services [meshwa-banned-function]}}
  sigprocmask(SIG_BLOCK, &all, nullptr);         // expected-error {{'sigprocmask' changes which signals are blocked}}
  std::signal(SIGSEGV, SIG_IGN);                 // expected-error {{'signal' replaces a process-wide signal handler that the runtime owns}}
}

// Process-wide state every service shares: handlers, locale, the standard
// streams, the working directory, the descriptor table, the file mask.
void process_wide(std::ostringstream& capture) {
  std::set_terminate([] {});                     // expected-error {{'std::set_terminate' replaces a handler that the whole process shares, which then runs for every service (and dangles when it lives in this one); handle the error in the service: catch std::bad_alloc, return a meshwa::Error [meshwa-banned-function]}}
  std::set_new_handler([] {});                   // expected-error {{'std::set_new_handler' replaces a handler that the whole process shares}}
  std::locale::global(std::locale::classic());   // expected-error {{'std::locale::global' replaces the default locale of the whole process}}
  std::setlocale(LC_ALL, "C");                   // expected-error {{'setlocale' changes the C locale of the whole process}}
  std::ios_base::sync_with_stdio(false);         // expected-error {{'std::ios_base::sync_with_stdio' changes how the standard streams that every service shares are buffered}}
  std::cout.rdbuf(capture.rdbuf());              // expected-error {{std::cout.rdbuf(...) makes a stream that every service shares keep a pointer to this service's buffer, which dangles once the service stops or restarts; write to a std::ostringstream the service owns and copy its text out [meshwa-banned-function]}}
  std::cin.tie(&capture);                        // expected-error {{std::cin.tie(...) makes a stream that every service shares keep a pointer to this service's stream}}
  ::chdir("/");                                  // expected-error {{'chdir' changes the working or root directory of the whole process}}
  ::dup2(3, 1);                                  // expected-error {{'dup2' replaces a file descriptor of the process that may belong to another service or to the runtime}}
  ::umask(0);                                    // expected-error {{'umask' changes the file-creation mask of the whole process}}
  std::terminate();                              // expected-error {{'std::terminate' ends the whole process, and with it every other service in the binary}}
}

// The ucontext functions jump like longjmp, past destructors.
void contexts(ucontext_t& saved) {
  getcontext(&saved);                            // expected-error {{'getcontext' jumps across stack frames without running destructors}}
  setcontext(&saved);                            // expected-error {{'setcontext' jumps across stack frames}}
  swapcontext(&saved, &saved);                   // expected-error {{'swapcontext' jumps across stack frames}}
}

// std::char_traits' pointer + count functions are memcpy/memmove/memset.
void char_traits(std::vector<char>& to, const std::string& from) {
  std::char_traits<char>::copy(to.data(), from.data(), from.size());  // expected-error {{std::char_traits::copy reads or writes through raw pointers as many characters as a separate count says, unchecked against the buffer (memcpy by another name); use std::string's operations or std::copy on containers [meshwa-banned-function]}}
  std::char_traits<char>::move(to.data(), from.data(), 4);            // expected-error {{std::char_traits::move reads or writes through raw pointers}}
  std::char_traits<char>::assign(to.data(), 64, 'x');                 // expected-error {{std::char_traits::assign reads or writes through raw pointers}}
  char c = 'a';
  std::char_traits<char>::assign(c, 'b');        // one character to another: no buffer
  to.assign(from.begin(), from.end());
}

// Promises to the optimiser that nobody checks: a false one is undefined
// behaviour, and a plausible one deletes _GLIBCXX_ASSERTIONS' bounds checks.
int promises(const std::vector<int>& v, std::size_t i) {
  const std::size_t n = v.size();
  __builtin_assume(i < n);                       // expected-error {{'__builtin_assume' is a promise to the optimiser that nobody checks: when it is false the behaviour is undefined, and the optimiser uses it to delete bounds checks; test the condition and throw or return a meshwa::Error instead [meshwa-banned-function]}}
  [[assume(i < n)]];                             // expected-error {{[[assume]] is a promise to the optimiser that nobody checks}}
  __attribute__((assume(i > 0)));                // expected-error {{[[assume]] is a promise to the optimiser}}
  (void)__builtin_assume_aligned(v.data(), 16);  // expected-error {{'__builtin_assume_aligned' is a promise to the optimiser}}
  if (i >= v.size()) __builtin_unreachable();    // expected-error {{'__builtin_unreachable' is a promise to the optimiser}}
  if (__builtin_expect(i == 0, 0)) [[unlikely]] return 0;  // hints without undefined behaviour are fine
  return v[i];
}

// Builtins declared with `...` whose arguments clang checks itself are no C
// variadic functions: checked arithmetic and number classification.
bool checked_builtins(int a, int b, double d, int& sum) {
  int product = 0;
  const bool overflow = __builtin_add_overflow(a, b, &sum) || __builtin_mul_overflow(a, b, &product);
  return overflow || __builtin_isnan(d) || __builtin_isinf(d) || __builtin_isfinite(d) || product < 0;
}

// A variable-length array is alloca by another name, of any element type.
#pragma clang diagnostic ignored "-Wvla-cxx-extension"  // clang's own warning is not what is tested
struct Cell {
  int value = 0;
};
int variable_length(int n) {
  int scalars[n];                                // expected-error {{a variable-length array takes a run-time amount of stack, like alloca (a stack overflow when the size is large); use std::vector<T>(n) [meshwa-banned-function]}}
  Cell cells[n];                                 // expected-error {{a variable-length array takes a run-time amount of stack}}
  int grid[4][n];                                // expected-error {{a variable-length array takes a run-time amount of stack}}
  int fixed[8] = {};
  std::vector<Cell> fine(static_cast<std::size_t>(n));
  (void)scalars; (void)grid;
  int sum = fixed[0];
  for (const Cell& c : cells) sum += c.value;
  return sum + static_cast<int>(fine.size());
}

// Still accepted: a service's own functions named like the banned ones,
// ordinary file I/O, and the getters of the standard streams.
namespace svc {
int kill(int pid, int sig) { return pid + sig; }
void terminate() {}
}  // namespace svc
int own_names_and_files(std::ostringstream& capture) {
  svc::terminate();
  std::ofstream out("report.txt");
  out << "lines " << svc::kill(1, 2) << '\n';
  std::ostream mine(capture.rdbuf());            // a stream the service owns may point anywhere
  mine.rdbuf(capture.rdbuf());
  mine << "x";
  return std::cout.rdbuf() != nullptr && std::cin.tie() != nullptr ? 1 : 0;
}

// Unqualified calls whose arguments depend on a template parameter are
// resolved only in the instantiation; the candidates visible in the template
// are checked instead.
#include <sys/mman.h>
template <class C>
void wipe(C& d) {
  memset(d.data(), 0, 4096);                     // expected-error {{'memset' writes raw bytes without bounds or type checks}}
}
template <class B>
void put(B& buf, const std::string& s) {
  strcpy(buf.data(), s.c_str());                 // expected-error {{'strcpy' works on unbounded C strings}}
}
template <class T>
void isolation(T& t) {
  mprotect(t.data(), 4096, PROT_READ | PROT_WRITE | PROT_EXEC);  // expected-error {{'mprotect' changes the process's memory mappings or protection keys}}
  printf("%p\n", t.data());                      // expected-error {{'printf' is a C variadic function: its arguments are not type-checked}}
  system(t.data());                              // expected-error {{'system' runs a shell command}}
  std::locale::global(t.locale());               // expected-error {{'std::locale::global' replaces the default locale}}
}
void generic_lambda(std::vector<char>& d, const std::vector<char>& s) {
  auto cp = [](auto& dst, const auto& src) {
    memcpy(dst.data(), src.data(), 4096);        // expected-error {{'memcpy' copies raw bytes}}
  };
  cp(d, s);
  wipe(d);
}

// Still accepted in templates: a service's own functions with the same
// names, found by argument-dependent lookup or declared in its namespace,
// and banned names that cannot take the call's arguments.
namespace svc {
struct Buffer {
  std::vector<char> bytes;
};
void memset(Buffer& b, char c) { b.bytes.assign(b.bytes.size(), c); }
int write(const Buffer& b, std::string& out) {
  out.assign(b.bytes.begin(), b.bytes.end());
  return 0;
}
template <class T>
void clear_all(T& t) {
  memset(t, 0);                                  // svc::memset: the service's own
}
}  // namespace svc
template <class T>
void fill_own(T& t, std::string& out) {
  memset(t, 'x');                                // ::memset takes 3 arguments: only svc::memset (ADL) fits
  write(t, out);                                 // ::write takes 3 arguments: svc::write (ADL)
}
void own_templates(svc::Buffer& b, std::string& out) {
  svc::clear_all(b);
  fill_own(b, out);
}

// std::filesystem::current_path(p) is chdir; the getter stays accepted.
void working_directory(const std::filesystem::path& p) {
  std::filesystem::current_path(p);              // expected-error {{'std::filesystem::current_path(path)' changes the working directory of the whole process, like chdir, under every service's relative paths; use absolute paths (built from the service's configuration, ctx.config) [meshwa-banned-function]}}
  std::filesystem::current_path("/tmp");         // expected-error {{'std::filesystem::current_path(path)' changes the working directory}}
  std::error_code ec;
  std::filesystem::current_path(p, ec);          // expected-error {{'std::filesystem::current_path(path)' changes the working directory}}
  namespace fs = std::filesystem;
  const fs::path here = fs::current_path();      // the getter
  const fs::path again = fs::current_path(ec);   // the getter, with an error code
  const fs::path absolute = fs::absolute(p);
  std::cout << here << again << absolute << '\n';
}

// (pointer, length) writers of the C library beyond I/O, and writers with no
// length at all: the buffer's size is not checked.
#include <array>
#include <ctime>
#include <sys/random.h>
#include <sys/socket.h>
void process_values(int fd, std::array<char, 4>& a, std::array<char, 4>& b, std::array<int, 1>& one,
                    std::array<gid_t, 1>& groups) {
  swab(a.data(), b.data(), 4096);                // expected-error {{'swab' copies and swaps bytes through raw pointers as many as a separate length says, unchecked against either buffer; swap the bytes in a container instead, a loop over a std::array or std::vector (std::swap(v[i], v[i + 1])), or __builtin_bswap16 on each 16-bit value [meshwa-banned-function]}}
  (void)ttyname_r(fd, a.data(), 4096);           // expected-error {{'ttyname_r' writes into a raw buffer as many bytes as a separate length says, unchecked against the buffer; take the value from the service's configuration (ctx.config), or from a C++ interface that returns a std::string or a container [meshwa-banned-function]}}
  (void)getlogin_r(a.data(), 4096);              // expected-error {{'getlogin_r' writes into a raw buffer}}
  (void)getdomainname(a.data(), 4096);           // expected-error {{'getdomainname' writes into a raw buffer}}
  (void)confstr(_CS_PATH, a.data(), 4096);       // expected-error {{'confstr' writes into a raw buffer}}
  (void)getgroups(4096, groups.data());          // expected-error {{'getgroups' writes into a raw buffer}}
  (void)strerror_r(5, a.data(), 4096);           // expected-error {{'strerror_r' writes the message into a raw buffer as many bytes as a separate length says, unchecked against the buffer; use std::generic_category().message(e)}}
  (void)getentropy(a.data(), 256);               // expected-error {{'getentropy' writes random bytes through a raw pointer as many as a separate length says, unchecked against the buffer; use std::random_device (it reads the same kernel source) with a <random> distribution [meshwa-banned-function]}}
  (void)getrandom(a.data(), 4096, 0);            // expected-error {{'getrandom' writes random bytes}}
  (void)initstate(1, a.data(), 4096);            // expected-error {{'initstate' keeps the generator's state in a raw buffer whose length it trusts}}
  (void)realpath(".", a.data());                 // expected-error {{'realpath' writes up to PATH_MAX bytes into the caller's buffer, with no length to check at all (or returns malloc'd memory someone must free); use std::filesystem::canonical (or weakly_canonical), which returns a std::filesystem::path [meshwa-banned-function]}}
  (void)std::tmpnam(a.data());                   // expected-error {{'tmpnam' writes up to L_tmpnam bytes into the caller's buffer with no length to check (and the name can be taken by someone else before it is used); build the path from std::filesystem::temp_directory_path() and a name of your own, and open it with std::fstream [meshwa-banned-function]}}
  std::time_t now = 0;
  (void)ctime_r(&now, a.data());                 // expected-error {{'ctime_r' writes 26 bytes into the caller's buffer with no length to check; format a std::tm into a stream with std::put_time: std::ostringstream os; os << std::put_time(&tm, "%c"); then os.str() [meshwa-banned-function]}}
  (void)pread64(fd, a.data(), 4096, 0);          // expected-error {{'pread64' reads or writes through a raw pointer as many bytes as a separate length says}}
  (void)pipe(one.data());                        // expected-error {{'pipe' writes two file descriptors through a raw int pointer, unchecked against the array it points into; pass a std::array<int, 2> (its .data()) or an int[2] [meshwa-banned-function]}}
  (void)pipe2(one.data(), 0);                    // expected-error {{'pipe2' writes two file descriptors}}
  (void)socketpair(AF_UNIX, SOCK_STREAM, 0, one.data());  // expected-error {{'socketpair' writes two file descriptors}}
  int single = 0;
  (void)pipe(&single);                           // expected-error {{'pipe' writes two file descriptors}}
}

// Still accepted: a descriptor pair whose size is in the type, and the C++
// interfaces the messages name.
#include <random>
#include <system_error>
std::string descriptor_pairs(std::array<int, 2>& pair, const std::filesystem::path& p) {
  int fds[2] = {};
  (void)pipe(fds);
  (void)pipe2(pair.data(), 0);
  (void)socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
  std::random_device entropy;
  const std::filesystem::path canonical = std::filesystem::canonical(p);
  const std::filesystem::path scratch = std::filesystem::temp_directory_path() / "svc-scratch";
  return std::generic_category().message(5) + canonical.string() + scratch.string() + std::to_string(entropy());
}

// Whole-process actions: replacing the process, ending a runtime thread,
// closing or reopening what everyone shares, changing its identity.
#include <sched.h>
void whole_process(const std::string& path, char* const* argv) {
  (void)::execv(path.c_str(), argv);             // expected-error {{'execv' replaces or forks the whole process, and with it every other service in the binary; not available to services (ask the deployment for a separate program) [meshwa-banned-function]}}
  (void)::execvp("sh", argv);                    // expected-error {{'execvp' replaces or forks the whole process}}
  (void)::execl("/bin/sh", "sh", nullptr);       // expected-error {{'execl' replaces or forks the whole process}}
  (void)::fexecve(3, argv, argv);                // expected-error {{'fexecve' replaces or forks the whole process}}
  (void)::close_range(0, ~0U, 0);                // expected-error {{'close_range' closes every file descriptor of the process in a range, those of the other services and of the runtime too; close the descriptors you opened (std::fstream closes its own) [meshwa-banned-function]}}
  ::closefrom(0);                                // expected-error {{'closefrom' closes every file descriptor}}
  (void)::setuid(0);                             // expected-error {{'setuid' changes the identity, namespaces or limits of the whole process, under every other service in the binary; not available to services (the deployment sets them before the process starts) [meshwa-banned-function]}}
  (void)::setegid(0);                            // expected-error {{'setegid' changes the identity}}
  (void)::unshare(CLONE_NEWNS);                  // expected-error {{'unshare' changes the identity}}
  std::fclose(stdout);                           // expected-error {{'fclose' on stdout closes or reopens what every service and the runtime read or write (their next printf/puts uses a closed FILE); open a file of your own with std::fstream, or write through std::cout [meshwa-banned-function]}}
  (void)std::freopen("/tmp/x", "w", stderr);     // expected-error {{'freopen' on stderr closes or reopens}}
  ::close(1);                                    // expected-error {{'close' on standard descriptor 1 closes or reopens}}
  ::pthread_exit(nullptr);                       // expected-error {{'pthread_exit' ends a thread that the runtime owns (it called into the service and waits for the call to return), unwinding past the runtime's frames; return from the method, or return a meshwa::Error or throw instead [meshwa-banned-function]}}
}

// Still accepted: a FILE or descriptor the service opened itself.
void own_files(int fd) {
  std::FILE* mine = std::fopen("/tmp/svc.log", "w");
  if (mine != nullptr) std::fclose(mine);
  ::close(fd);
}

// A container's own data() and size(), of the same object: the count is the
// buffer's size (the remedy unsafe-buffer gives for an unterminated buffer).
struct Frame {
  std::vector<char> bytes;
  std::string text;
};
void data_size_pairs(std::ostream& out, std::istream& in, std::array<char, 4>& a, std::vector<char>& v,
                     Frame& f, Frame& g, const std::string& s) {
  out.write(a.data(), a.size());
  out.write(v.data(), v.size());
  std::cout.write(f.text.data(), f.text.size());
  in.read(f.bytes.data(), f.bytes.size());
  (void)s.copy(v.data(), v.size());
  out.write(v.data(), a.size());                 // expected-error {{std::basic_ostream::write reads or writes through a raw pointer as many bytes as a separate length says}}
  in.read(f.bytes.data(), g.bytes.size());       // expected-error {{std::basic_istream::read reads or writes through a raw pointer}}
  out.write(v.data(), v.size() + 1);             // expected-error {{std::basic_ostream::write reads or writes}}
  (void)s.copy(a.data(), v.size());              // expected-error {{std::string::copy writes as many characters}}
  (void)s.copy(a.data(), 4);                     // expected-error {{std::string::copy writes as many characters}}
  // The count cast to the stream's std::streamsize (as wide as size_t, so
  // every real size keeps its value) is still the buffer's own size.
  out.write(v.data(), static_cast<std::streamsize>(v.size()));
  in.read(f.bytes.data(), (std::streamsize)f.bytes.size());
  out.write(v.data(), static_cast<std::streamsize>(a.size()));  // expected-error {{std::basic_ostream::write reads or writes}}
  // A narrowing cast can wrap: not the buffer's size any more.
  out.write(v.data(), static_cast<short>(v.size()));            // expected-error {{std::basic_ostream::write reads or writes}}
}

// A count that cannot exceed the buffer though it is not its size(): at most
// its size (std::min), or the count the statement just before sized a local
// string / vector to (a length read from a record header, then the record).
std::string read_record(std::istream& in, std::uint32_t len) {
  std::string record(len, '\0');
  if (!in.read(record.data(), len)) return {};
  return record;
}
std::vector<char> read_block(std::istream& in, std::size_t n) {
  std::vector<char> buf(n);
  in.read(buf.data(), static_cast<std::streamsize>(n));
  return buf;
}
std::string read_resized(std::istream& in, std::size_t n) {
  std::string s;
  s.resize(n);
  in.read(s.data(), n);
  return s;
}
// A const count may be read a few statements after the declaration that sized
// the buffer to it, when none between names either (reading a whole file).
std::vector<char> read_whole(std::istream& in) {
  in.seekg(0, std::ios::end);
  const std::streamsize size = in.tellg();
  if (size < 0) return {};
  std::vector<char> data(static_cast<std::size_t>(size));
  in.seekg(0);
  in.clear();
  if (!in.read(data.data(), size)) return {};
  return data;
}
void sized_earlier_then_changed(std::istream& in, std::size_t m) {
  const std::size_t n = m;
  std::vector<char> a(n);
  a.pop_back();                                  // the buffer shrank after sizing
  in.read(a.data(), n);                          // expected-error {{std::basic_istream::read reads or writes}}
  std::size_t k = m;
  std::vector<char> b(k);
  in.seekg(0);                                   // k is not const: a lambda may hold it
  in.read(b.data(), k);                          // expected-error {{std::basic_istream::read reads or writes}}
}
void write_prefix(std::ostream& out, const std::vector<char>& block, std::size_t n) {
  out.write(block.data(), static_cast<std::streamsize>(std::min(n, block.size())));
  out.write(block.data(), std::min(block.size(), n));
  out.write(block.data(), std::max(n, block.size()));  // expected-error {{std::basic_ostream::write reads or writes}}
}
void sized_but_not_to_the_count(std::istream& in, std::size_t n, std::size_t m, std::string& member) {
  std::string a(n, '\0');
  in.read(a.data(), m);                          // expected-error {{std::basic_istream::read reads or writes}}
  std::string b(n, '\0');
  n *= 2;                                        // the count changed after sizing
  in.read(b.data(), n);                          // expected-error {{std::basic_istream::read reads or writes}}
  std::vector<char> c(n);
  c.clear();
  in.read(c.data(), n);                          // expected-error {{std::basic_istream::read reads or writes}}
  std::vector<char> d{static_cast<char>(n)};     // a list of one element, not n elements
  in.read(d.data(), n);                          // expected-error {{std::basic_istream::read reads or writes}}
  member.resize(n);                              // not a local: another name may resize it
  in.read(member.data(), n);                     // expected-error {{std::basic_istream::read reads or writes}}
  std::string e;
  e.reserve(n);                                  // capacity, not size
  in.read(e.data(), n);                          // expected-error {{std::basic_istream::read reads or writes}}
}

// Code a library's macro writes into this file (gtest's EXPECT_DEATH and its
// fprintf) is the library's; what the user writes into the macro, and a
// macro that stands for a banned function, are the user's. A library's own
// `write` of buffers (Boost.Asio's shape, a defaulted SFINAE pointer) is no
// POSIX write.
#include "inputs/library_macros.hpp"

void library_macro_code(lib::Stream& s, const std::string& b) {
  LIB_EXPECT_DEATH((void)b.size());
  LIB_EXPECT_DEATH(std::printf("%d", 1));    // expected-error {{'printf' is a C variadic function}}
  (void)lib::write(s, b);
  (void)lib_alloca(8);                       // expected-error {{'__builtin_alloca' allocates an unbounded stack buffer}}
}

// Remedies that exist in C++20 / libstdc++ 12: strftime points at
// std::put_time into a std::ostringstream (not getline / >>), socket I/O at
// MESHWA_UNSAFE (no standard stream wraps a socket); msgrcv / msgsnd, whose
// count leaves out the leading long mtype; std::string_view::copy like
// std::string::copy.
#include <string_view>
#include <sys/msg.h>
std::size_t remedies(int fd, int q, const std::tm& t, std::array<char, 64>& a, std::string_view sv,
                     std::vector<char>& v) {
  std::size_t n = std::strftime(a.data(), a.size(), "%Y", &t);  // expected-error {{'strftime' formats a time through a raw pointer into as many bytes as a separate length says, unchecked against the buffer; stream it instead: std::ostringstream os; os << std::put_time(&tm, "%Y-%m-%d"); then os.str() (std::wostringstream for wide text) [meshwa-banned-function]}}
  n += static_cast<std::size_t>(send(fd, a.data(), a.size(), 0));  // expected-error {{'send' reads or writes through a raw pointer as many bytes as a separate length says, unchecked against the buffer; for files use std::fstream with std::string / std::vector (std::getline, operator>>, operator<<, std::istreambuf_iterator); a socket or other descriptor, which no standard stream wraps, needs a function marked MESHWA_UNSAFE("why") [meshwa-banned-function]}}
  n += static_cast<std::size_t>(msgrcv(q, a.data(), a.size(), 0, 0));  // expected-error {{'msgrcv' moves a message through a raw pointer as many bytes as a separate count says, and that count leaves out the message's leading 'long mtype' (so even the buffer's own size is too large)}}
  n += static_cast<std::size_t>(msgsnd(q, a.data(), a.size(), 0));  // expected-error {{'msgsnd' moves a message}}
  n += sv.copy(a.data(), 4096);                  // expected-error {{std::string_view::copy writes as many characters as a separate count says through a raw pointer, unchecked against the destination; take the characters as a std::string_view (sv.substr(pos, n))}}
  n += sv.copy(v.data(), v.size());
  return n;
}

// A GoogleTest death test's statement runs in a child process that is meant
// to end: ending it there is the test. Outside the macro, and in a helper the
// statement calls, the rule applies as anywhere.
#include <gtest/gtest.h>
[[noreturn]] void crash_helper() {
  std::abort();  // expected-error {{'abort' ends the whole process, and with it every other service in the binary}}
}
TEST(DeathTests, EndTheChildProcess) {
  EXPECT_DEATH(std::abort(), "");
  ASSERT_DEATH({ std::exit(1); }, "");
  EXPECT_EXIT(std::_Exit(3), ::testing::ExitedWithCode(3), "");
  EXPECT_EXIT(std::raise(SIGTERM), ::testing::KilledBySignal(SIGTERM), "");
  EXPECT_DEATH_IF_SUPPORTED(std::terminate(), "");
  EXPECT_DEATH(crash_helper(), "");
  EXPECT_DEATH((void)std::system("true"), "");  // expected-error {{'system' runs a shell command}}
}
void not_a_death_test() {
  std::quick_exit(2);  // expected-error {{'quick_exit' ends the whole process}}
}
int forks() {
  return ::fork();  // expected-error {{'fork' copies the whole process with every service in it}}
}
