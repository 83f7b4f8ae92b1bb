// Is PKU usable here? Asks the CPU (cpuid leaf 7: PKU, and OSPKE, which says
// the kernel turned it on) and then the kernel itself (pkey_alloc), because a
// kernel may be built without protection-key support or may have no key left.
#include <cpuid.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "meshwa/runtime/mpk.hpp"

namespace meshwa::mpk {

namespace {

Status detect() {
  const char* env = std::getenv("MESHWA_MPK");
  if (env != nullptr && (std::strcmp(env, "off") == 0 || std::strcmp(env, "0") == 0)) {
    return {false, "disabled by MESHWA_MPK=off"};
  }
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid_max(0, nullptr) < 7) return {false, "the CPU has no cpuid leaf 7, so no PKU"};
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  if ((ecx & (1u << 3)) == 0) return {false, "the CPU has no PKU (cpuid.7.0:ecx bit 3)"};
  if ((ecx & (1u << 4)) == 0) return {false, "the kernel did not enable PKU (cpuid.7.0:ecx OSPKE bit 4 is clear)"};
  const int key = ::pkey_alloc(0, 0);
  if (key < 0) {
    const int err = errno;
    return {false, std::string("the kernel refuses protection keys (pkey_alloc: ") + std::strerror(err) + ")"};
  }
  ::pkey_free(key);
  return {true, ""};
}

}  // namespace

const Status& status() {
  static const Status s = detect();
  return s;
}

}  // namespace meshwa::mpk
