// Enums behind a locked interface (enums.lock.json records them as they
// were: Level had `high`, Shape::Kind had `square`). A removed or renamed
// enumerator is reported at its enum, which still exists, with a note at
// the lock.
#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace lockenum {

enum class Level : int32_t { low = 1, highest = 2 };

class MESHWA_INTERFACE Shape {
 public:
  enum class Kind : int32_t { circle = -1, rectangle = 3 };
  virtual ~Shape() = default;
  virtual Kind kind(Level level) = 0;
};

class MESHWA_SERVICE("shape") ShapeService final : public Shape {
 public:
  explicit ShapeService(meshwa::Context&) {}
  Kind kind(Level) override { return Kind::circle; }
};

}  // namespace lockenum
