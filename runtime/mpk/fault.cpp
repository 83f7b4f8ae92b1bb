// The SIGSEGV handler. A fault while the innermost gate frame of the thread
// is an unsafe domain's is the domain's: record where and jump back into the
// gate (which restores PKRU itself: the kernel runs this handler with its
// default PKRU, key 0 only, which is also why everything read here is on the
// stack or in TLS). Any other fault goes to the previous handler, or to the
// default action: it still crashes as usual.
#include <signal.h>
#include <ucontext.h>

#include <cstring>
#include <stdexcept>

#include "meshwa/runtime/gate.hpp"
#include "state.hpp"

namespace meshwa::mpk::detail {

namespace {

struct sigaction g_previous;

void on_segv(int sig, siginfo_t* info, void* context) {
  Frame* top = tl_top;
  if (top != nullptr && top->contained()) {
    top->fault_addr = info->si_addr;
    top->fault_code = info->si_code;
    top->fault_pkey = info->si_code == SEGV_PKUERR ? static_cast<int>(info->si_pkey) : -1;
    top->fault_err = static_cast<unsigned long>(static_cast<ucontext_t*>(context)->uc_mcontext.gregs[REG_ERR]);
    __builtin_longjmp(top->jmp, 1);
  }
  if ((g_previous.sa_flags & SA_SIGINFO) != 0 && g_previous.sa_sigaction != nullptr) {
    g_previous.sa_sigaction(sig, info, context);
    return;
  }
  if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN) {
    g_previous.sa_handler(sig);
    return;
  }
  // Returning re-executes the faulting instruction under the default action.
  struct sigaction dfl{};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(SIGSEGV, &dfl, nullptr);
}

}  // namespace

void install_fault_handler() {
  struct sigaction sa{};
  sa.sa_sigaction = &on_segv;
  // SA_NODEFER: the handler leaves by a jump, not by sigreturn, so SIGSEGV
  // must not stay blocked afterwards.
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGSEGV, &sa, &g_previous) != 0) {
    throw std::runtime_error(std::string("meshwa: cannot install the SIGSEGV handler: ") + std::strerror(errno));
  }
}

}  // namespace meshwa::mpk::detail
