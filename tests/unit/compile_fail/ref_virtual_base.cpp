// Compile-fail: a Ref<Derived> does not convert to a Ref of a virtual base
// (its place in the exit depends on the most derived class, and the
// runtime swaps the exit for its stopped twin), and the error says what to
// do instead. A non-virtual base converts (the last line compiles).
#include <meshwa/meshwa.hpp>

class MESHWA_INTERFACE Versioned {
 public:
  virtual ~Versioned() = default;
  virtual int version() = 0;
};

class MESHWA_INTERFACE Reader : public virtual Versioned {
 public:
  virtual int read() = 0;
};

class MESHWA_INTERFACE Plain {
 public:
  virtual ~Plain() = default;
  virtual int plain() = 0;
};

class MESHWA_INTERFACE Both : public Plain, public Reader {};

void use(meshwa::Ref<Both> both) {
  meshwa::Ref<Versioned> versioned = both;  // a virtual base: refused
  meshwa::Ref<Plain> plain = both;          // a non-virtual base: fine
  (void)versioned;
  (void)plain;
}
