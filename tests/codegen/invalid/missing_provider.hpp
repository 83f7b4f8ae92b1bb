// A service whose dependencies no service of its deployment provides: one
// asked for with ctx.ref<I>() in the constructor (in the source file), one
// held as a meshwa::Ref<I> member. meshwa deploy reports each at the call
// or the member that needs it (the model records where), not at the class.
#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace lone {

class MESHWA_INTERFACE Stock {
 public:
  virtual ~Stock() = default;
  virtual int32_t count(int32_t sku) = 0;
};

class MESHWA_INTERFACE Audit {
 public:
  virtual ~Audit() = default;
  virtual void note(int32_t sku) = 0;
};

class MESHWA_INTERFACE Front {
 public:
  virtual ~Front() = default;
  virtual int32_t ask(int32_t sku) = 0;
};

class MESHWA_SERVICE("front") FrontService final : public Front {
 public:
  explicit FrontService(meshwa::Context& ctx);
  int32_t ask(int32_t sku) override;

 private:
  int32_t first_ = 0;
  meshwa::Ref<Audit> audit_;
};

}  // namespace lone
