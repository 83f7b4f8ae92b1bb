// A library header whose macros write code into the file that uses them,
// the way gtest's TEST / EXPECT_DEATH, Google Benchmark's BENCHMARK and
// Boost.Hana's BOOST_HANA_DEFINE_STRUCT do, plus a library `write` of
// Boost.Asio's shape. `#pragma clang system_header` makes it a system
// header like those (docs/plugin.md, "What is checked"), without -isystem.
#pragma once
#pragma clang system_header

#include <cstddef>
#include <cstdio>
#include <string>
#include <type_traits>

namespace lib {
struct Info {};
int register_test(const char* name);
bool run_in_child(Info** out);
struct Stream {};
// A write of buffers that carry their size; the defaulted pointer is SFINAE.
template <class Buffer>
std::size_t write(Stream&, const Buffer& b, typename std::enable_if<!std::is_pointer<Buffer>::value>::type* = nullptr) {
  return b.size();
}
}  // namespace lib

#define LIB_CONCAT_(a, b) a##b
#define LIB_CONCAT(a, b) LIB_CONCAT_(a, b)
// A registration global with a pasted name (gtest's gtest_##suite##_dummy_).
#define LIB_REGISTER(name) static int LIB_CONCAT(lib_registered_, name) = ::lib::register_test(#name)
// A class with a raw-pointer static member around the user's body (TEST).
#define LIB_TEST(name)                        \
  struct name##_test {                        \
    static ::lib::Info* const info_;          \
    void body();                              \
  };                                          \
  ::lib::Info* const name##_test::info_ = {}; \
  void name##_test::body()
// An uninitialised local and an fprintf of the library's around the user's
// statement (EXPECT_DEATH).
#define LIB_EXPECT_DEATH(statement)                 \
  do {                                              \
    ::lib::Info* lib_dt;                            \
    if (::lib::run_in_child(&lib_dt)) {             \
      statement;                                    \
      std::fprintf(stderr, "statement survived\n"); \
    }                                               \
  } while (false)
// A macro that stands for a banned function (glibc's alloca).
#define lib_alloca(n) __builtin_alloca(n)
// An assertion that traps into a debugger with assembly of its own
// (doctest's CHECK and DOCTEST_BREAK_INTO_DEBUGGER), and two asm macros that
// take the template or the operands from their user.
#define LIB_BREAK_INTO_DEBUGGER() __asm__("int $3\n" : :)
#define LIB_CHECK(condition)                   \
  do {                                         \
    if (!(condition)) LIB_BREAK_INTO_DEBUGGER(); \
  } while (false)
#define LIB_ASM(text) __asm__ volatile(text)
#define LIB_READ_TSC(lo, hi) __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi))
