// An interface whose only methods meshwa gen rejects gets those errors and
// nothing more: "has no virtual methods; callers can do nothing with it"
// would be an artefact of dropping them (it has a method: a wrong one). An
// interface that really declares no method still gets the warning.
#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Reserved {
 public:
  virtual ~Reserved() = default;
  virtual int32_t meshwa_id() = 0;
};

class MESHWA_INTERFACE Callable {
 public:
  virtual ~Callable() = default;
  virtual int32_t operator()(int32_t x) = 0;
};

class MESHWA_INTERFACE Empty {
 public:
  virtual ~Empty() = default;
};

}  // namespace bad
