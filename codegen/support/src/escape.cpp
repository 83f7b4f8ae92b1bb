// The policy for an exception escaping a method that cannot return an Error.
#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "meshwa/gen/stub.hpp"

namespace meshwa::gen {

namespace {

[[noreturn]] void abort_with_message(const char* service, const char* interface, const char* method, const char* what) {
  std::fprintf(stderr,
               "meshwa: %s: %s::%s threw \"%s\"; exceptions never cross a service boundary and this method cannot "
               "return a meshwa::Error (make its result meshwa::Result<T>, or catch inside the service)\n",
               service, interface, method, what);
  std::abort();
}

std::atomic<EscapeHandler> g_handler{&abort_with_message};

}  // namespace

void exception_escaped(const char* service, const char* interface, const char* method, const char* what) {
  g_handler.load(std::memory_order_acquire)(service, interface, method, what);
  std::abort();  // a handler must not return
}

void destructor_failed(const char* service, const Error& error) noexcept {
  std::fprintf(stderr, "meshwa: %s: stopping faulted: %s: %s\n", service, to_string(error.code()).data(),
               std::string(error.message()).c_str());
}

EscapeHandler set_escape_handler(EscapeHandler handler) noexcept {
  return g_handler.exchange(handler ? handler : &abort_with_message, std::memory_order_acq_rel);
}

}  // namespace meshwa::gen
