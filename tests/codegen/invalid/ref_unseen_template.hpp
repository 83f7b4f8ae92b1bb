// A meshwa::Ref<T> member whose T this unit cannot see defined, but which
// is a template's specialization: no MESHWA_INTERFACE (a marker cannot mark a
// class template or its specializations), so gen reports it where it is
// written. (It was recorded as a dependency on "far::Remote", its template
// arguments dropped, for meshwa deploy to ask for a provider.)
#pragma once

#include "ping.hpp"

namespace far {
template <class T>
class Remote;
}  // namespace far

class MESHWA_SERVICE("holder") Holder final : public Ping {
 public:
  explicit Holder(meshwa::Context& ctx) {}
  int ping() override { return 0; }

 private:
  meshwa::Ref<far::Remote<int>> remote_;
};
