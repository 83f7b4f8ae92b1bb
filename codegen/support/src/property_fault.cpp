#include "property_fault.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>

namespace meshwa::gen::property_fault {

namespace {

char g_line[1024];                   // "meshwa: property test ... case " (without the case number)
std::size_t g_line_size = 0;
volatile sig_atomic_t g_case = -1;   // -1: no property test is running
struct sigaction g_before;           // the handler this one chains to
constexpr std::size_t kAltStackBytes = std::size_t{64} << 10;
void* g_alt_stack = nullptr;         // mmap'd (protection key 0, not an MPK heap), kept for the process

void append(char* out, std::size_t& size, std::size_t cap, const char* text, std::size_t n) {
  for (std::size_t k = 0; k < n && size + 1 < cap; ++k) out[size++] = text[k];
}

void on_fault(int sig, siginfo_t* info, void* context) {
  if ((g_before.sa_flags & SA_SIGINFO) != 0 && g_before.sa_sigaction != nullptr) {
    g_before.sa_sigaction(sig, info, context);  // the MPK runtime's: may recover and not return
  } else if (g_before.sa_handler != SIG_DFL && g_before.sa_handler != SIG_IGN) {
    g_before.sa_handler(sig);
  }
  const int running = g_case;
  if (running >= 0) {
    char line[sizeof g_line + 256];
    std::size_t size = 0;
    append(line, size, sizeof line, g_line, g_line_size);
    char digits[16];
    std::size_t n = 0;
    for (unsigned v = static_cast<unsigned>(running); n == 0 || v != 0; v /= 10) digits[n++] = static_cast<char>('0' + v % 10);
    while (n > 0) append(line, size, sizeof line, &digits[--n], 1);
    static const char kWhy[] =
        ", died of SIGSEGV: most likely unbounded recursion (services calling each other, or a method itself, "
        "without end: a stack overflow) or a memory fault in the service\n";
    append(line, size, sizeof line, kWhy, sizeof kWhy - 1);
    if (size > 0 && line[size - 1] != '\n') line[size - 1] = '\n';
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, line, size);
  }
  struct sigaction dfl{};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
  // A fault happens again when the handler returns, now under the default
  // action; a SIGSEGV sent by kill(2) would not: raise it.
  if (info == nullptr || info->si_code <= 0) raise(sig);
}

}  // namespace

Guard::Guard(const std::string& test, const std::string& method) {
  g_line_size = 0;
  const std::string text = "meshwa: property test " + test + " (" + method + ") was running, case ";
  append(g_line, g_line_size, sizeof g_line, text.data(), text.size());
  if (g_alt_stack == nullptr) {
    void* p = ::mmap(nullptr, kAltStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return;  // no report, the test runs as before
    g_alt_stack = p;
  }
  stack_t alt{};
  alt.ss_sp = g_alt_stack;
  alt.ss_size = kAltStackBytes;
  if (sigaltstack(&alt, &old_stack_) != 0) return;
  struct sigaction sa{};
  sa.sa_sigaction = &on_fault;
  // SA_NODEFER as the MPK runtime's own handler: when it recovers a fault
  // it leaves by a jump, not by sigreturn, and SIGSEGV must not stay
  // blocked. SA_ONSTACK: a stack overflow leaves no stack to run on.
  sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGSEGV, &sa, &g_before) != 0) {
    sigaltstack(&old_stack_, nullptr);
    return;
  }
  installed_ = true;
}

Guard::~Guard() {
  g_case = -1;
  if (!installed_) return;
  sigaction(SIGSEGV, &g_before, nullptr);
  sigaltstack(&old_stack_, nullptr);
}

void Guard::next_case(int index) const {
  if (installed_) g_case = index;
}

}  // namespace meshwa::gen::property_fault
