// meshwa-banned-function: C variadic functions and the banned list.
#include <cstdarg>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>
#include <alloca.h>
#include <cwchar>

struct Pod {
  int a = 0;
  int b = 0;
};

int log_all(int count, ...) {                      // expected-error {{a C variadic function (...) receives arguments whose types nobody checks; use a variadic template or a std::initializer_list [meshwa-banned-function]}}
  va_list args;                                    // expected-error {{a va_list walks C variadic arguments}}
  va_start(args, count);                           // expected-error {{'__builtin_va_start' is a C variadic function}}
  int total = va_arg(args, int);                   // expected-error {{va_arg reads an argument whose type nobody checked}}
  va_end(args);
  return total;
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
  text.copy(buf.data(), 10);                       // expected-error {{std::basic_string::copy reads or writes through a raw pointer}}
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
void raw_buffers(std::vector<char>& buf, std::string& s, std::stringstream& stream) {
  stream.rdbuf()->pubsetbuf(buf.data(), 4096);  // expected-error {{std::basic_streambuf::pubsetbuf reads or writes through a raw pointer}}
  s.append(buf.data(), 4096);                   // expected-error {{std::string::append(pointer, count) reads count characters through a raw pointer, unchecked against its buffer; pass a std::string or a range of iterators (s.append(v.begin(), v.end())) [meshwa-banned-function]}}
  s.assign(buf.data(), 16);                     // expected-error {{std::string::assign(pointer, count) reads count characters}}
  s.replace(0, 1, buf.data(), 16);              // expected-error {{std::string::replace(pointer, count) reads count characters}}
  s.append("abc", 2);                           // a literal bounds itself
  s.append(buf.begin(), buf.end());
  s.assign(3, 'x');
}
