// meshwa gen must reject, with the same reason and remedy as the plugin's
// meshwa-boundary-type (gen runs first and stops the build): an out
// parameter, text by pointer, a pointer result, and a lambda's type as a
// parameter and as a message member (code: a meshwa::Ref<I>, not "an
// unnamed class ... mark it MESHWA_MESSAGE").
#pragma once
#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace bad {

inline auto kTwice = [](int32_t x) { return 2 * x; };

struct MESHWA_MESSAGE Job {
  std::string name;
  decltype(kTwice) on_done;
};

class MESHWA_INTERFACE Params {
 public:
  virtual ~Params() = default;
  virtual void out(int32_t& result) = 0;
  virtual int32_t raw(const char* name) = 0;
  virtual const char* title() = 0;
  virtual int32_t lam(decltype(kTwice) f) = 0;
  virtual void run(const Job& job) = 0;  // Job::on_done: said at the member, once
};

}  // namespace bad
