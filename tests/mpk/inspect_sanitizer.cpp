// Stands in for a binary built with -fsanitize=...: XRSTOR bytes inside
// functions named as a sanitizer runtime's, which a real runtime can hold by
// chance (ASan's __asan_stack_malloc_always_8 did), and one in a function of
// the program's own. With LINKS_RUNTIME it also defines the symbol every
// compiler-rt sanitizer runtime defines, so inspect takes it for a sanitizer
// build; without it, the same names are just names. Nothing here runs but main.
extern "C" {

#ifdef LINKS_RUNTIME
__attribute__((used, noinline)) void __sanitizer_set_report_path(const char*) {}
#endif

// NOLINTBEGIN(bugprone-reserved-identifier): the runtime's own names are the point
__attribute__((used, noinline)) void __asan_stack_malloc_planted(void* area) {
  asm volatile("xrstor (%0)" ::"r"(area), "a"(0), "d"(0) : "memory");
}
// NOLINTEND(bugprone-reserved-identifier)

__attribute__((used, noinline)) void program_xrstor(void* area) {
  asm volatile("xrstor (%0)" ::"r"(area), "a"(0), "d"(0) : "memory");
}
}

// A C++ function in a sanitizer namespace, as most of the runtime is.
namespace __sanitizer {  // NOLINT(bugprone-reserved-identifier)
__attribute__((used, noinline)) void planted_wrpkru() { asm volatile(".byte 0x0f, 0x01, 0xef" ::: "memory"); }
}  // namespace __sanitizer

int main() { return 0; }
