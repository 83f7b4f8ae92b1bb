// Services the generated registration could not construct or destroy
// (std::make_unique<S>(ctx), std::unique_ptr<S>): a Context& constructor
// that is deleted, private or protected, a destructor that is private.
// gen says so at the service, with a note at the constructor or destructor,
// instead of writing code that fails inside libstdc++'s unique_ptr.h.
// Open has a public one next to a private one: fine.
#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace ctor {

class MESHWA_INTERFACE Beta {
 public:
  virtual ~Beta() = default;
  virtual int32_t get(int32_t x) = 0;
};

class MESHWA_SERVICE("deleted") Deleted final : public Beta {
 public:
  explicit Deleted(meshwa::Context&) = delete;
  int32_t get(int32_t x) override { return x; }
};

class MESHWA_SERVICE("private") Private final : public Beta {
  explicit Private(meshwa::Context&) {}

 public:
  int32_t get(int32_t x) override { return x; }
};

class MESHWA_SERVICE("protected") Protected : public Beta {
 protected:
  explicit Protected(meshwa::Context&, int32_t scale = 1) : scale_(scale) {}

 public:
  int32_t get(int32_t x) override { return x * scale_; }

 private:
  int32_t scale_;
};

class MESHWA_SERVICE("undying") Undying final : public Beta {
 public:
  explicit Undying(meshwa::Context&) {}
  int32_t get(int32_t x) override { return x; }

 private:
  ~Undying() override = default;
};

class MESHWA_SERVICE("open") Open final : public Beta {
 public:
  explicit Open(meshwa::Context& ctx) : Open(ctx, 1) {}
  int32_t get(int32_t x) override { return x * scale_; }

 private:
  Open(meshwa::Context&, int32_t scale) : scale_(scale) {}
  int32_t scale_;
};

// Neither a Context& constructor nor a default one: an error. A service with
// a default constructor only is made with S() (tests/codegen/default_ctor).
class MESHWA_SERVICE("sized") Sized final : public Beta {
 public:
  explicit Sized(int32_t scale) : scale_(scale) {}
  int32_t get(int32_t x) override { return x * scale_; }

 private:
  int32_t scale_;
};

}  // namespace ctor
