// meshwa gen must reject interface methods a caller of Ref<I> cannot call: a
// private or protected one (an NVI customisation point), and the methods of
// an interface inherited as private (`class Store : Reader`, the default for
// a class) — the generated stub, mocks and contract tests call them through
// the interface, as a caller would.
#pragma once
#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Api {
 public:
  virtual ~Api() = default;
  virtual std::int32_t pub(std::int32_t x) = 0;

 protected:
  virtual std::int32_t shielded(std::int32_t x) = 0;

 private:
  virtual std::int32_t hook(std::int32_t x) = 0;
};

class MESHWA_INTERFACE Reader {
 public:
  virtual ~Reader() = default;
  virtual std::int32_t get(std::int32_t key) = 0;
};

class MESHWA_INTERFACE Store : Reader {
 public:
  virtual void put(std::int32_t key) = 0;
};

// Accepted: public inheritance, as a struct's default too.
struct MESHWA_INTERFACE Cache : Reader {
  virtual void drop(std::int32_t key) = 0;
};

}  // namespace bad
