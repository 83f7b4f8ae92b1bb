// A class that is not a message at a boundary: mark it, or give what holds
// it a crossable type, named for what it is: the parameter, the result, or
// the member of a message (said at the member, once, not again at the
// parameter whose type is the message).
#pragma once
#include <cstdint>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace bad {
struct Plain {
  std::int32_t x = 0;
};

struct MESHWA_MESSAGE Holder {
  Plain plain;
};

class MESHWA_INTERFACE Plains {
 public:
  virtual ~Plains() = default;
  virtual Plain get() = 0;
  virtual void put(Plain plain) = 0;
  virtual void put_all(const std::vector<Plain>& plains) = 0;
  virtual void hold(Holder holder) = 0;  // Holder::plain: said at the member
};
}  // namespace bad
