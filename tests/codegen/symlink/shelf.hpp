// A service declared in a header and defined in a source, as most are. The
// test spells both through a symlinked directory (meshwa gen compared the
// header clang read, by its real path, with the sources as spelled, and the
// unit lost its service).
#pragma once
#include <string>

#include <meshwa/meshwa.hpp>

namespace shelf {

class MESHWA_INTERFACE Shelf {
 public:
  virtual ~Shelf() = default;
  virtual std::string label(std::string key) = 0;
};

class MESHWA_SERVICE("shelf") ShelfService final : public Shelf {
 public:
  explicit ShelfService(meshwa::Context& ctx);
  std::string label(std::string key) override;
};

}  // namespace shelf
