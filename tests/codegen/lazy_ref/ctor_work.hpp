// Everything a constructor runs asks for its start dependencies
// ("via": "constructor"): default member initializers of the members it
// does not initialize itself (Alpha, Beta), the constructor it delegates to
// (Gamma), the branch of `if constexpr` that is kept (Delta). A statement
// that never runs asks for nothing: the discarded branch of `if constexpr`
// asking for the service's own interface Work is no self-ref error, and
// the one asking for Unused is no dependency.
#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace work {

class MESHWA_INTERFACE Work {
 public:
  virtual ~Work() = default;
  virtual int32_t run() = 0;
};
class MESHWA_INTERFACE Alpha {
 public:
  virtual ~Alpha() = default;
  virtual int32_t a() = 0;
};
class MESHWA_INTERFACE Beta {
 public:
  virtual ~Beta() = default;
  virtual int32_t b() = 0;
};
class MESHWA_INTERFACE Gamma {
 public:
  virtual ~Gamma() = default;
  virtual int32_t g() = 0;
};
class MESHWA_INTERFACE Delta {
 public:
  virtual ~Delta() = default;
  virtual int32_t d() = 0;
};
class MESHWA_INTERFACE Unused {
 public:
  virtual ~Unused() = default;
  virtual int32_t u() = 0;
};

constexpr bool kLegacy = false;

class MESHWA_SERVICE("work") WorkService final : public Work {
 public:
  explicit WorkService(meshwa::Context& ctx) : WorkService(ctx, 1) {}
  WorkService(meshwa::Context& ctx, int32_t scale) : ctx_(ctx), scale_(scale) {
    gamma_ = ctx.ref<Gamma>()->g();
    if constexpr (kLegacy) {
      ctx.ref<Work>()->run();
      ctx.ref<Unused>();
    } else {
      delta_ = ctx.ref<Delta>()->d();
    }
  }
  int32_t run() override { return alpha_ + beta_->b() + gamma_ + delta_ + scale_; }

 private:
  meshwa::Context& ctx_;
  int32_t scale_;
  int32_t alpha_ = ctx_.ref<Alpha>()->a();
  meshwa::Ref<Beta> beta_{ctx_.ref<Beta>()};
  int32_t gamma_ = 0;
  int32_t delta_ = 0;
};

}  // namespace work
