// The MPK runtime's options for a deployment: the restart policy of its
// configuration file's "mpk" section over the given defaults. The generated
// deployment main and contract tests use it, and so can a hand-written main
// that reads the same file:
//   meshwa::mpk::start(meshwa::mpk::with_policy({}, config));
#pragma once

#include "meshwa/registry.hpp"
#include "meshwa/runtime/mpk.hpp"

namespace meshwa::mpk {

inline Options with_policy(Options options, const Config& config) {
  const Config::MpkPolicy& policy = config.mpk_policy();
  if (policy.max_faults) options.max_faults = *policy.max_faults;
  if (policy.fault_window) options.fault_window = *policy.fault_window;
  return options;
}

}  // namespace meshwa::mpk
