// meshwa inspect: a linked binary's WRPKRU/XRSTOR sequences outside
// meshwa's gates (meshwa::inspect::run_cli), when this build has it.
#include <iostream>
#include <system_error>

#include "cli/Commands.h"

#if __has_include("meshwa/runtime/inspect.hpp") && defined(MESHWA_HAVE_INSPECT)
#include "meshwa/runtime/inspect.hpp"
#define MESHWA_INSPECT_AVAILABLE 1
#endif

namespace meshwa::cli {

int run_inspect(const std::string& binary, bool remove_failing, bool list_allowed) {
#ifdef MESHWA_INSPECT_AVAILABLE
  const int status = meshwa::inspect::run_cli(binary, std::cout, list_allowed);
  if (status == 1 && remove_failing) {
    std::error_code ec;
    std::filesystem::remove(binary, ec);
    std::cout << "meshwa inspect: removed " << binary
              << (ec ? " failed: " + ec.message() : std::string(", so that it cannot be run")) << "\n";
  }
  return status;
#else
  (void)binary;
  (void)remove_failing;
  (void)list_allowed;
  std::cerr << "meshwa inspect: this build has no binary inspection (library meshwa_inspect was not built)\n";
  return 2;
#endif
}

}  // namespace meshwa::cli
