// meshwa gen must reject an interface that inherits a base interface along
// two non-virtual paths: the base is then two subobjects, a call of its
// methods through Ref<ReadWrite> is ambiguous in C++, and so were the
// generated mock and contract tests (which did not compile). Virtual
// inheritance, and a service (not an interface) implementing both sides,
// are accepted.
#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Versioned {
 public:
  virtual ~Versioned() = default;
  virtual std::int32_t version() = 0;
};

class MESHWA_INTERFACE Reader : public Versioned {
 public:
  virtual std::int32_t read() = 0;
};

class MESHWA_INTERFACE Writer : public Versioned {
 public:
  virtual void write(std::int32_t v) = 0;
};

class MESHWA_INTERFACE ReadWrite : public Reader, public Writer {};

// Accepted: one Versioned subobject.
class MESHWA_INTERFACE VReader : public virtual Versioned {
 public:
  virtual std::int32_t vread() = 0;
};
class MESHWA_INTERFACE VWriter : public virtual Versioned {
 public:
  virtual void vwrite(std::int32_t v) = 0;
};
class MESHWA_INTERFACE VReadWrite : public VReader, public VWriter {};

// Accepted: a base without methods of its own is never called through.
class MESHWA_INTERFACE Tagged {
 public:
  virtual ~Tagged() = default;
};
class MESHWA_INTERFACE TagA : public Tagged {
 public:
  virtual std::int32_t a() = 0;
};
class MESHWA_INTERFACE TagB : public Tagged {
 public:
  virtual std::int32_t b() = 0;
};
class MESHWA_INTERFACE TagAB : public TagA, public TagB {};

// Accepted: a service implementing Reader and Writer has a stub per
// interface, each with its own Versioned.
class MESHWA_SERVICE("both") BothService final : public Reader, public Writer {
 public:
  explicit BothService(meshwa::Context&) {}
  std::int32_t version() override { return 1; }
  std::int32_t read() override { return 2; }
  void write(std::int32_t) override {}
};

}  // namespace bad
